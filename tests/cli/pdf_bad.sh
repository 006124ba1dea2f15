# Hostile PDFs (tests/fixtures/make_bad_pdf.py): each refused in one line
# with its reason, in bounded memory; the valid ones beside them are read.
. "$SRC/tests/cli/lib.bash"
python3 "$SRC/tests/fixtures/make_bad_pdf.py" in
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16"
for f in in/*.pdf; do
  timer=()
  [ -x /usr/bin/time ] && timer=(/usr/bin/time -f '%M' -o mem.txt)
  "${timer[@]}" "$VANBAN" text "$f" >out.txt 2>err.txt
  code=$?
  mem=$(tail -1 mem.txt 2>/dev/null || echo 0)
  echo "$f: exit $code, $(wc -l <err.txt) error line(s), $(wc -l <out.txt) text line(s), under 400 MB: $([ "$mem" -lt 409600 ] && echo yes || echo "no ($mem KB)")"
  cat err.txt
done
