# Odd queries: results or one clear message, never an SQLite error.
. "$SRC/tests/cli/lib.bash"
cp -r "$SRC/corpus" corpus
vanban ingest -q corpus
while IFS= read -r q; do
  printf '%s\t' "$q"
  out=$(vanban search --format csv --limit 50 "$q" 2>&1 >/dev/null)
  code=$?
  n=$(vanban search --format csv --limit 50 "$q" 2>/dev/null | column source | wc -l)
  echo "exit $code, $n results${out:+, $out}"
done <<'QUERIES'
bình đẳng giới
"bình đẳng giới"
binh dang gioi
"Sở Lao động" -"Sơn La"
Điện Biên OR Sơn La
(Điện Biên OR "Sơn La") bình
bình*
title:bình
bình NEAR giới
NOT bình
bình AND giới
bình NOT giới
"unterminated
(open
close)
()
:::
***
"
-
a OR
OR a
Số: 622/KH-UBND
'; DROP TABLE documents; --
QUERIES
