/*
** read_txt.c: the plain-text reader (.txt, and .md as crawled from the web,
** read as text).  Decoding rules (BOM, UTF-16, NFC, line ends) live in
** common/text.c; this file only wires them into the reader table.
**
** Text that is not UTF-8 is read in the legacy 8-bit encoding whose words
** are Vietnamese syllables (common/legacy.c), or refused when none is
** clearly so.  UTF-8 text is never decoded again, except UTF-8 that holds
** legacy text read as Windows-1252 ("Céng hßa" pasted from a TCVN3 file),
** which is converted.  Either conversion is named in vb_doc.encoding.
*/
#include <stdio.h>

#include "legacy.h"
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

/* Decode text in a legacy encoding (told from the bytes) into out. */
static vb_status txt_legacy(const unsigned char *data, size_t n, vb_buf *out,
                            vb_doc *doc, vb_error *err) {
  vb_legacy enc;
  vb_buf tmp;
  vb_buf_init(&tmp, out->max);
  vb_status rc = vb_legacy_read(data, n, &tmp, &enc, err);
  if (rc == VB_OK)
    rc = vb_text_decode((const unsigned char *)(tmp.data ? tmp.data : ""),
                        tmp.len, out, err);
  vb_buf_free(&tmp);
  if (rc == VB_OK)
    snprintf(doc->encoding, sizeof doc->encoding, "%s", vb_legacy_name(enc));
  return rc;
}

static vb_status txt_read(const unsigned char *data, size_t n,
                          const vb_limits *lim, vb_doc *doc, vb_error *err) {
  vb_buf out;
  vb_buf_init(&out, lim->max_text_bytes);
  vb_status rc = vb_text_decode(data, n, &out, err);
  int utf16 = n >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) ||
                         (data[0] == 0xFE && data[1] == 0xFF));
  if (rc == VB_EENCODING && !utf16) {
    vb_buf_reset(&out);
    rc = txt_legacy(data, n, &out, doc, err);
  } else if (rc == VB_OK) {
    vb_legacy enc = vb_legacy_mojibake(out.data ? out.data : "", out.len);
    if (enc != VB_LEGACY_NONE) {
      vb_buf fixed, nfc;
      vb_buf_init(&fixed, lim->max_text_bytes);
      vb_buf_init(&nfc, lim->max_text_bytes);
      rc = vb_legacy_recode(enc, out.data, out.len, &fixed, err);
      if (rc == VB_OK) rc = vb_text_nfc(fixed.data ? fixed.data : "",
                                        fixed.len, &nfc, err);
      if (rc == VB_OK) {
        vb_buf_free(&out);
        out = nfc;
        vb_buf_init(&nfc, 0);
        snprintf(doc->encoding, sizeof doc->encoding, "%s (in Unicode)",
                 vb_legacy_name(enc));
      }
      vb_buf_free(&fixed);
      vb_buf_free(&nfc);
    }
  }
  if (rc != VB_OK) {
    vb_buf_free(&out);
    return rc;
  }
  doc->text = vb_buf_take(&out, &doc->text_len);
  if (!doc->text) return vb_error_set(err, VB_ENOMEM, "out of memory");
  return VB_OK;
}

const vb_reader vb_reader_txt = {"txt", txt_extensions, txt_sniff, txt_read};
