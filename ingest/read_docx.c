/* read_docx.c: placeholder until the DOCX reader lands. */
#include "reader.h"
static const char *const docx_ext[] = {"docx", "docm", NULL};
static int docx_sniff(const unsigned char *h, size_t n) { (void)h; (void)n; return 0; }
static vb_status docx_read(const unsigned char *d, size_t n, const vb_limits *l, vb_doc *doc, vb_error *err) {
  (void)d; (void)n; (void)l; (void)doc;
  return vb_error_set(err, VB_EFORMAT, "DOCX is not supported yet");
}
const vb_reader vb_reader_docx = {"docx", docx_ext, docx_sniff, docx_read};
