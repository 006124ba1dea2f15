# Saved web pages: the document found among the site's menus, breadcrumb,
# status box, table of contents and footer; tables cell by cell; <br> as
# line breaks; white space collapsed; charset from <meta> (Windows-1258),
# TCVN3 bytes told from the text, .VnTime/.VnTimeH font runs converted;
# a page nested past the limit refused.
. "$SRC/tests/cli/lib.bash"
h="$SRC/tests/fixtures/html"
for f in portal cp1258 tcvn3_bytes legacy_font deep; do
  echo "== $f"
  vanban text --props "$h/$f.html"
  vanban extract "$h/$f.html" 2>/dev/null | python3 -c 'import json,sys
t = sys.stdin.read()
if not t: print("no record"); sys.exit()
r = json.loads(t)
print("format", r["format"], "encoding", r.get("encoding", "-"), "number", r["number"], "symbol", r["symbol"])'
done
