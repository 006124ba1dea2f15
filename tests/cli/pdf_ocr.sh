# Scans through OCR: an image-only PDF of the first two pages of a seed plan
# (tests/fixtures/make_pdf.py) and a PNG of one page read with a word recall
# of at least 0.90 against the text layer of the same pages; the record says
# which pages were OCR'd and marks the evidence read from them; --ocr never
# refuses them with a reason.
. "$SRC/tests/cli/lib.bash"
stem=002_bba7be5b5b954222
python3 "$SRC/tests/fixtures/make_pdf.py" pdf "$SRC/corpus/docx/official/$stem.docx"
vanban text --pages pdf/$stem.pdf > layer.text
vanban text pdf/$stem.scan.pdf > scan.text || echo "scan: text failed"
r=$(python3 "$SRC/tests/fixtures/recall.py" layer.text scan.text 2)
echo "scan recall >= 0.90: $(python3 -c "print('yes' if $r >= 0.90 else 'no ($r)')")"
vanban extract pdf/$stem.scan.pdf | python3 -c '
import json, sys
r = json.load(sys.stdin)
print("ocr pages:", r["ocr"]["pages"], "confidence > 50:", r["ocr"]["confidence"] > 50)
print("number, symbol:", r["number"], r["symbol"])
ev = r["evidence"]
print("evidence marked ocr:", all(e.get("ocr") is True for e in ev.values()), len(ev) > 0)'
mutool draw -q -r 200 -c gray -o page1.png pdf/$stem.pdf 1 2>/dev/null
vanban text page1.png > png.text || echo "png: text failed"
r=$(python3 "$SRC/tests/fixtures/recall.py" layer.text png.text 1)
echo "png recall >= 0.90: $(python3 -c "print('yes' if $r >= 0.90 else 'no ($r)')")"
echo "-- ingest on two worker threads (one engine each)"
mkdir in && cp pdf/$stem.scan.pdf page1.png in/
vanban ingest --jobs 2 --db ocr.db in
sqlite3 ocr.db "SELECT format, number, json_extract(r.record, '$.ocr.pages') FROM documents d JOIN records r ON r.doc_id = d.id ORDER BY format"
echo "-- OCR off"
vanban text --ocr never pdf/$stem.scan.pdf page1.png
echo "exit $?"
