/*
** fuzz_pdf.c: fuzz target for the PDF reader (read/read_pdf.c: MuPDF,
** glyphs to words, reading order), through vb_read_bytes() with a .pdf
** source name.  OCR is off and the memory and time limits are small, so
** that each input stays cheap.
**
** Invariants (fuzz.h): a refusal carries a one-line reason; a document read
** has working text, some visible text, at least one page, and the first
** lines of its pages in order and within the text.
*/
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  vb_limits lim;
  vb_limits_default(&lim);
  lim.ocr_mode = VB_OCR_NEVER;
  lim.max_pdf_memory = (size_t)64 << 20;
  lim.max_seconds = 10;
  vb_doc *doc = NULL;
  vb_error err = {0};
  vb_status rc = vb_read_bytes("fuzz.pdf", data, size, &lim, &doc, &err);
  if (rc != VB_OK) {
    FUZZ_ASSERT(doc == NULL);
    fuzz_check_error(rc, &err);
    return 0;
  }
  fuzz_check_doc(doc, size);
  if (doc->npages) { /* not a PDF: another reader took it */
    size_t lines = 1;
    for (size_t i = 0; i < doc->text_len; i++) lines += doc->text[i] == '\n';
    for (size_t p = 0; p < doc->npages; p++) {
      FUZZ_ASSERT(doc->page_line[p] >= 1 && doc->page_line[p] <= lines);
      FUZZ_ASSERT(p == 0 || doc->page_line[p] >= doc->page_line[p - 1]);
    }
    FUZZ_ASSERT(doc->nocr == 0);
  }
  vb_doc_free(doc);
  return 0;
}
