# RTF: runs in .VnTime, .VnTimeH and VNI-Times fonts converted by their
# font, a Windows-1258 document by its code page; fields show their result;
# \u characters; table cells each on a line; the header, footnote, font
# table, style sheet and information group are not text; nesting past the
# limit refused.
. "$SRC/tests/cli/lib.bash"
r="$SRC/tests/fixtures/rtf"
for f in legacy cp1258 deep; do
  echo "== $f"
  vanban text "$r/$f.rtf"
  vanban extract "$r/$f.rtf" 2>/dev/null | python3 -c 'import json,sys
t = sys.stdin.read()
if not t: print("no record"); sys.exit()
r = json.loads(t)
print("format", r["format"], "encoding", r.get("encoding", "-"))'
done
