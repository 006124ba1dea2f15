# The seed plans as DOCX (a plain conversion, and the official layout with
# header and signature tables, numbered headings and a tracked change) and
# as ODT give the same extraction records as the .txt seeds (evidence lines
# aside).
. "$SRC/tests/cli/lib.bash"
c="$SRC/corpus"
vanban extract --format jsonl "$c"/seeds/*.txt > txt.jsonl
for layout in plain official odt; do
  if [ $layout = odt ]; then
    files=("$SRC"/tests/fixtures/odt/*.odt)
  else
    files=("$c"/docx/$layout/*.docx)
  fi
  vanban extract --format jsonl "${files[@]}" > $layout.jsonl
  python3 - txt.jsonl $layout.jsonl $layout <<'PY'
import json, os, sys
def load(p):
    out = {}
    for line in open(p, encoding="utf-8"):
        r = json.loads(line)
        stem = os.path.splitext(os.path.basename(r["source"]))[0]
        for k in ("source", "sha256", "format", "evidence"):
            r.pop(k)
        out[stem] = r
    return out
a, b = load(sys.argv[1]), load(sys.argv[2])
for stem in sorted(a):
    diff = sorted(k for k in a[stem] if a[stem][k] != b.get(stem, {}).get(k))
    print(sys.argv[3], stem, "same" if not diff else "differs in " + ", ".join(diff))
PY
done
