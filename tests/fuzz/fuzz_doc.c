/*
** fuzz_doc.c: fuzz target for the Word 97-2003 reader, through
** vb_read_bytes() with a .doc source name (compound file through libgsf,
** FIB, piece table, property pages, font table, style sheet, legacy runs).
**
** Invariants (fuzz.h): a refusal carries a one-line reason; a document
** read has working text in every field and some visible text.
*/
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  vb_doc_free(fuzz_read("fuzz.doc", data, size));
  return 0;
}
