# The seed plans printed to PDF (tests/fixtures/make_pdf.py, from the
# official DOCX layout: header table, numbered headings) read back with a
# word recall of at least 0.97 against the .txt seeds, give the same
# extraction records (evidence aside), and their evidence names the page.
. "$SRC/tests/cli/lib.bash"
c="$SRC/corpus"
python3 "$SRC/tests/fixtures/make_pdf.py" pdf "$c"/docx/official/*.docx
rm -f pdf/*.scan.pdf
for f in "$c"/seeds/*.txt; do
  stem=$(basename "$f" .txt)
  vanban text --ocr never "pdf/$stem.pdf" > "$stem.text" || echo "$stem: text failed"
  r=$(python3 "$SRC/tests/fixtures/recall.py" "$f" "$stem.text")
  echo "$stem recall >= 0.97: $(python3 -c "print('yes' if $r >= 0.97 else 'no ($r)')")"
done
vanban extract --format jsonl "$c"/seeds/*.txt > txt.jsonl
vanban extract --ocr never --format jsonl pdf/*.pdf > pdf.jsonl
python3 - txt.jsonl pdf.jsonl <<'PY'
import json, os, sys
def load(p):
    out = {}
    for line in open(p, encoding="utf-8"):
        r = json.loads(line)
        out[os.path.splitext(os.path.basename(r["source"]))[0]] = r
    return out
a, b = load(sys.argv[1]), load(sys.argv[2])
skip = ("source", "sha256", "format", "evidence")
for stem in sorted(a):
    diff = sorted(k for k in a[stem] if k not in skip and a[stem][k] != b[stem].get(k))
    print("pdf", stem, "same" if not diff else "differs in " + ", ".join(diff))
    ev = b[stem]["evidence"]
    pages = sorted({e["page"] for e in ev.values() if "page" in e})
    print("  evidence with a page:", sum("page" in e for e in ev.values()),
          "of", len(ev), "on pages", pages)
    print("  txt evidence with a page:",
          sum("page" in e for e in a[stem]["evidence"].values()),
          "; ocr key:", "ocr" in a[stem], "ocr" in b[stem])
PY
echo "-- page markers"
vanban text --pages pdf/003_b47a16b2df1a96b4.pdf | grep -- '^--- page'
echo "-- the page of an evidence line is the page its text is on"
vanban extract --ocr never pdf/003_b47a16b2df1a96b4.pdf | python3 -c '
import json, subprocess, sys
r = json.load(sys.stdin)
text = subprocess.run([sys.argv[1], "text", "--pages", sys.argv[2]], capture_output=True,
                      text=True).stdout.split("\n")
page, line, where = 1, 0, {}
for t in text:
    if t.startswith("--- page "):
        page = int(t.split()[2])
        continue
    line += 1
    where[line] = page
bad = [k for k, e in r["evidence"].items() if where.get(e["line"]) != e["page"]]
print("wrong pages:", bad)' "$VANBAN" pdf/003_b47a16b2df1a96b4.pdf
