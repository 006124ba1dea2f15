/*
** fuzz_html.c: fuzz target for the saved web page reader, through
** vb_read_bytes() with an .html source name (charset, libxml2's HTML
** parser, the choice of the document's element, text assembly).
**
** Invariants (fuzz.h): a refusal carries a one-line reason; a document
** read has working text in every field and some visible text.
*/
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  vb_doc_free(fuzz_read("fuzz.html", data, size));
  return 0;
}
