/*
** fuzz_rtf.c: fuzz target for the RTF reader, through vb_read_bytes()
** with an .rtf source name (tokenizer, groups, font table, legacy runs).
**
** Invariants (fuzz.h): a refusal carries a one-line reason; a document
** read has working text in every field and some visible text.
*/
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  vb_doc_free(fuzz_read("fuzz.rtf", data, size));
  return 0;
}
