# Libraries loaded on first use (common/dynlib.h): a command that reads no
# PDF, image, XML-based file or .doc maps none of the libraries those need
# (the dynamic linker's own list, LD_DEBUG=libs); the first PDF loads the
# PDF module and MuPDF's libraries, the first .docx libxml2 and libzip
# (with libcrypto), the first .doc libgsf.  A library that cannot be loaded (VB_TEST_MISSING_LIB makes one
# fail as if it were not installed) gives each file that needs it one line
# naming it, and the batch goes on.
. "$SRC/tests/cli/lib.bash"
# libs CMD...: the libraries of formats and of the server the command
# loaded, one per line.
libs() {
  LD_DEBUG=libs "$@" 2>&1 >/dev/null | sed -n 's#.*calling init: .*/##p' |
    grep -E '^(vanban-pdf|libfreetype|libharfbuzz|libopenjp2|libmujs|libgumbo|libjpeg|libjbig2dec|libxml2|libzip|libcrypto|libgsf|libmicrohttpd|libtesseract)' |
    sort -u | tr '\n' ' '
  echo
}
pdf=$SRC/tests/fuzz/corpus/pdf/columns.pdf
docx=$SRC/tests/fixtures/docx/tables.docx
doc=$SRC/tests/fuzz/corpus/doc/ok.doc
printf 'KẾ HOẠCH\nTriển khai công tác phòng, chống thiên tai năm 2025\n' >plan.txt
vanban ingest --quiet --db t.db plan.txt
echo "--version: $(libs "$VANBAN" --version)"
echo "search: $(libs "$VANBAN" search --db t.db "thiên tai")"
echo "ask: $(libs "$VANBAN" ask --db t.db "kế hoạch nào về thiên tai")"
echo "text plan.txt: $(libs "$VANBAN" text plan.txt)"
echo "text .pdf: $(libs "$VANBAN" text "$pdf")"
echo "text .docx: $(libs "$VANBAN" text "$docx")"
echo "text .doc: $(libs "$VANBAN" text "$doc")"
for lib in vanban-pdf.so libxml2.so.2 libzip.so.4 libgsf-1.so.114; do
  echo "== $lib missing: text"
  VB_TEST_MISSING_LIB=$lib vanban text "$pdf" plan.txt "$docx" "$doc" >out.txt
  echo "exit $?, $(wc -l <out.txt) text lines"
done
echo "== vanban-pdf.so missing: ingest"
VB_TEST_MISSING_LIB=vanban-pdf.so vanban ingest --db m.db "$pdf" plan.txt "$docx"
echo "exit $?"
echo "== libtesseract.so.5 missing: OCR"
VB_TEST_MISSING_LIB=libtesseract.so.5 vanban text --ocr always "$pdf" plan.txt >out.txt
echo "exit $?, $(wc -l <out.txt) text lines"
echo "== libmicrohttpd.so.12 missing: serve"
VB_TEST_MISSING_LIB=libmicrohttpd.so.12 timeout 60 "$VANBAN" serve --db t.db --port 0
echo "exit $?"
