# One small PDF per text-layer quirk (tests/fixtures/make_quirks_pdf.py):
# letter-spaced headings, spaces between touching glyphs and gaps without
# spaces, combining marks and U+01A3, page numbers and repeated footers
# (kept in extra, once), a paragraph going on on the next page, two
# columns side by side, and a ruled table.
. "$SRC/tests/cli/lib.bash"
python3 "$SRC/tests/fixtures/make_quirks_pdf.py" q
for f in q/*.pdf; do
  echo "== $f"
  vanban text --pages --extra --ocr never "$f"
done
echo "-- the record of a PDF without OCR has no ocr key, its evidence a page"
vanban extract --ocr never q/furniture.pdf | python3 -c '
import json, sys
r = json.load(sys.stdin)
ev = r["evidence"].values()
print("ocr key:", "ocr" in r, "; evidence:", len(ev), "pages:",
      sorted({e["page"] for e in ev}), "ocr marks:", sum("ocr" in e for e in ev))'
echo "-- ingest --verbose says how each PDF was read"
vanban ingest --verbose --jobs 1 --db q.db q/columns.pdf q/furniture.pdf 2>&1
