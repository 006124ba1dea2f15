/*
** fuzz_legacy.c: fuzz target for the legacy encodings (common/legacy.c):
** the input decoded in every encoding, detected, recoded as a font run and
** checked for mojibake, and read as a .txt file that is not UTF-8.
**
** Invariants: every decoding is valid UTF-8 without NUL bytes added; a
** detection is one of the three 8-bit encodings or a one-line refusal
** starting "cannot tell the encoding: "; the syllable share is in [0, 1];
** restoring capitals keeps the length.
*/
#include "common/legacy.h"
#include "fuzz.h"

static void check_utf8(const vb_buf *b) {
  FUZZ_ASSERT(vb_utf8_check((const unsigned char *)(b->data ? b->data : ""),
                            b->len) == b->len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  vb_error err = {0};
  for (int e = 0; e < VB_LEGACY_COUNT; e++) {
    vb_buf b;
    vb_buf_init(&b, VB_CAP_TEXT);
    vb_status rc = vb_legacy_decode((vb_legacy)e, data, size, &b, &err);
    FUZZ_ASSERT(rc == VB_OK || rc == VB_ENOMEM);
    check_utf8(&b);
    if (rc == VB_OK) {
      size_t w = 0;
      double share = vb_vi_syllable_share(b.data ? b.data : "", b.len, &w);
      FUZZ_ASSERT(share >= 0 && share <= 1);
      /* The decoding as text of a legacy font run, and as mojibake. */
      vb_buf r;
      vb_buf_init(&r, VB_CAP_TEXT);
      int bias = 0, conv = 0;
      rc = vb_legacy_recode_run((vb_legacy)e, b.data ? b.data : "", b.len, &r,
                                &bias, &conv, &err);
      FUZZ_ASSERT(rc == VB_OK || rc == VB_ENOMEM);
      check_utf8(&r);
      vb_legacy m = vb_legacy_mojibake(b.data ? b.data : "", b.len);
      FUZZ_ASSERT(m == VB_LEGACY_NONE || m == VB_LEGACY_TCVN3 ||
                  m == VB_LEGACY_VNI);
      size_t len = b.len;
      if (b.data) vb_legacy_fix_case(b.data, b.len);
      FUZZ_ASSERT(b.len == len);
      check_utf8(&b);
      vb_buf_free(&r);
    }
    vb_buf_free(&b);
  }
  vb_legacy enc = VB_LEGACY_NONE;
  vb_status rc = vb_legacy_detect(data, size, &enc, &err);
  if (rc == VB_OK) {
    FUZZ_ASSERT(enc == VB_LEGACY_TCVN3 || enc == VB_LEGACY_VNI ||
                enc == VB_LEGACY_CP1258 || enc == VB_LEGACY_VISCII);
  } else {
    fuzz_check_error(rc, &err);
    FUZZ_ASSERT(rc != VB_EENCODING ||
                strncmp(err.msg, "cannot tell the encoding: ", 26) == 0);
  }
  vb_doc_free(fuzz_read("fuzz.txt", data, size));
  return 0;
}
