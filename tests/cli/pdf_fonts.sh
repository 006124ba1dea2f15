# Fonts kept between the documents a thread reads (read/pdf_ctx.c): PDFs
# whose font objects have the same numbers and sizes but differ in one byte
# of the Unicode map or of the encoding (tests/fixtures/make_fonts_pdf.py)
# read in one process as each alone: a font is shared only when every
# object and stream byte it is read from is the same.
. "$SRC/tests/cli/lib.bash"
python3 "$SRC/tests/fixtures/make_fonts_pdf.py" f
echo "-- each file alone"
for f in a b c d; do vanban text --ocr never f/$f.pdf | head -1; done
echo "-- one process: a b c d a b"
vanban text --ocr never f/a.pdf f/b.pdf f/c.pdf f/d.pdf f/a.pdf f/b.pdf | grep -v "^Ke hoach"
echo "-- ingest on two worker threads, then the letters each record holds"
vanban ingest --jobs 2 --db f.db f/a.pdf f/b.pdf f/c.pdf f/d.pdf 2>&1
for w in "ĂN" "ÂN" "ÉN"; do
  echo "$w: $(sources "$w" --db f.db | xargs -n1 basename | tr '\n' ' ')"
done
