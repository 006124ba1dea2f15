# `vanban text` over many files on worker threads (--jobs): the output is
# in the order the files were given and byte for byte that of one thread,
# with the same one-line errors for bad files, and the batch goes on.
. "$SRC/tests/cli/lib.bash"
c="$SRC/corpus"
python3 "$SRC/tests/fixtures/make_pdf.py" pdf "$c"/docx/official/*.docx
rm -f pdf/*.scan.pdf
printf '%%PDF-1.4\nnot a PDF at all\n' > bad.pdf
: > empty.txt
# PDFs, .docx and .txt mixed, a file given twice, bad files in between
set -- pdf/*.pdf bad.pdf "$c"/docx/official/*.docx missing.pdf "$c"/seeds/*.txt \
  empty.txt pdf/000_296edb8d0f8b8cf7.pdf
echo "files: $#"
# the same file alone, one process each: the expected concatenation
for f in "$@"; do vanban text --jobs 1 --pages --extra --props --ocr never "$f"; done \
  > each.out 2> each.err
for j in 1 2 3 64; do
  vanban text --jobs $j --pages --extra --props --ocr never "$@" > j$j.out 2> j$j.err
  echo "--jobs $j: exit $?, stdout $(cmp -s each.out j$j.out && echo same || echo differs)," \
    "stderr $(cmp -s each.err j$j.err && echo same || echo differs)"
done
vanban text --pages --extra --props --ocr never "$@" > jd.out 2> jd.err
echo "default: exit $?, stdout $(cmp -s each.out jd.out && echo same || echo differs)," \
  "stderr $(cmp -s each.err jd.err && echo same || echo differs)"
echo "-- the error lines, in the order of the files"
cat j2.err
echo "-- lines of text: $(wc -l < j2.out)"
echo "-- a bad --jobs"
vanban text --jobs 0 pdf/000_296edb8d0f8b8cf7.pdf 2>&1; echo "exit $?"
