/* placeholder */
#include "../ingest/reader.h"
static const char *const html_ext[] = {"html", "htm", NULL};
static int html_sniff(const unsigned char *h, size_t n) { (void)h; (void)n; return 0; }
static vb_status html_read(const unsigned char *data, size_t n, const vb_limits *lim, vb_doc *doc, vb_error *err) {
  (void)data; (void)n; (void)lim; (void)doc;
  return vb_error_set(err, VB_EFORMAT, "HTML not yet");
}
const vb_reader vb_reader_html = {"html", html_ext, html_sniff, html_read};
