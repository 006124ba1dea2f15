# One document in every format: a seed plan as .txt (the corpus), as the
# official DOCX, as a PDF printed from it (tests/fixtures/make_pdf.py) and
# as a Word 97-2003 .doc (tests/fixtures/make_doc.py) is one document with
# four files; a second plan beside it stays a document of its own.
. "$SRC/tests/cli/lib.bash"
mkdir -p in
c="$SRC/corpus"
cp "$c/seeds/002_bba7be5b5b954222.txt" "$c/seeds/004_94ed9bdc1d102980.txt" in/
cp "$c/docx/official/002_bba7be5b5b954222.docx" in/
python3 "$SRC/tests/fixtures/make_pdf.py" pdf "$c/docx/official/002_bba7be5b5b954222.docx" >/dev/null
cp pdf/002_bba7be5b5b954222.pdf in/
python3 "$SRC/tests/fixtures/make_doc.py" seeds doc "$c/seeds/002_bba7be5b5b954222.txt" >/dev/null
cp doc/002_bba7be5b5b954222.unicode.doc in/
vanban ingest -q --db w.db in; echo "ingest: exit $?"
echo "files: $(sqlite3 w.db 'SELECT count(*) FROM documents')"
vanban search --db w.db --format json 'bình đẳng giới' | python3 -c '
import json, os, sys
for h in json.load(sys.stdin):
    also = sorted(os.path.splitext(a["source"])[1] for a in h.get("also", []))
    print(os.path.basename(h["source"]).split(".")[0], "also as", " ".join(also) or "-")'
