/* read_odt.c: placeholder until the ODT reader lands. */
#include "reader.h"
static const char *const odt_ext[] = {"odt", NULL};
static int odt_sniff(const unsigned char *h, size_t n) { (void)h; (void)n; return 0; }
static vb_status odt_read(const unsigned char *d, size_t n, const vb_limits *l, vb_doc *doc, vb_error *err) {
  (void)d; (void)n; (void)l; (void)doc;
  return vb_error_set(err, VB_EFORMAT, "ODT is not supported yet");
}
const vb_reader vb_reader_odt = {"odt", odt_ext, odt_sniff, odt_read};
