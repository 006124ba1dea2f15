/*
** read_txt.c: the plain-text reader (.txt, and .md as crawled from the web,
** read as text).  Decoding rules (BOM, UTF-16, NFC, line ends) live in
** common/text.c; this file only wires them into the reader table.
*/
#include "text.h"
#include "reader.h"

static const char *const txt_extensions[] = {"txt", "md", "text", "markdown",
                                             NULL};

/* Plain text has no magic number: it is chosen by extension only. */
static int txt_sniff(const unsigned char *head, size_t n) {
  (void)head;
  (void)n;
  return 0;
}

static vb_status txt_read(const unsigned char *data, size_t n,
                          const vb_limits *lim, vb_doc *doc, vb_error *err) {
  vb_buf out;
  vb_buf_init(&out, lim->max_text_bytes);
  vb_status rc = vb_text_decode(data, n, &out, err);
  if (rc != VB_OK) {
    vb_buf_free(&out);
    return rc;
  }
  doc->text = vb_buf_take(&out, &doc->text_len);
  if (!doc->text) return vb_error_set(err, VB_ENOMEM, "out of memory");
  return VB_OK;
}

const vb_reader vb_reader_txt = {"txt", txt_extensions, txt_sniff, txt_read};
