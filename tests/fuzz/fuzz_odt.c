/*
** fuzz_odt.c: fuzz target for the ODT reader, through vb_read_bytes() with
** an .odt source name (zip access, XML parsing, text assembly).
**
** Invariants (fuzz.h): a refusal carries a one-line reason; a document
** read has working text in every field and some visible text.
*/
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  vb_doc_free(fuzz_read("fuzz.odt", data, size));
  return 0;
}
