/*
** fuzz_text.c: fuzz target for vb_text_decode(), the decoding of a text
** file's bytes (BOM, UTF-16, UTF-8 validation, line ends, NFC).
**
** Invariants: a refusal carries a one-line reason, and valid UTF-8 is
** never refused as badly encoded; a success yields working
** text (valid UTF-8 NFC, no CR, NUL or BOM) that decodes to itself again,
** and the decoding is the same under a cap just big enough to hold it.
*/
#include "fuzz.h"

/* Cap for the decoded text: far above what the fuzzer feeds in. */
#define FUZZ_TEXT_CAP ((size_t)16 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  vb_buf out;
  vb_error err = {0};
  vb_buf_init(&out, FUZZ_TEXT_CAP);
  vb_status rc = vb_text_decode(data, size, &out, &err);
  if (rc != VB_OK) {
    fuzz_check_error(rc, &err);
    /* Valid UTF-8 is never refused as badly encoded (UTF-16 is told by its
    ** BOM, and a NUL makes the input binary, not badly encoded). */
    int utf16 = size >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) ||
                              (data[0] == 0xFE && data[1] == 0xFF));
    if (!utf16 && vb_utf8_check(data, size) == size)
      FUZZ_ASSERT(rc != VB_EENCODING);
    vb_buf_free(&out);
    return 0;
  }
  const char *text = out.data ? out.data : "";
  fuzz_check_text(text, out.len);
  /* Decoding working text again changes nothing (idempotence), and a cap
  ** of exactly its length is enough. */
  vb_buf again;
  vb_buf_init(&again, out.len);
  rc = vb_text_decode((const unsigned char *)text, out.len, &again, &err);
  FUZZ_ASSERT(rc == VB_OK);
  FUZZ_ASSERT(again.len == out.len);
  FUZZ_ASSERT(out.len == 0 || memcmp(again.data, text, out.len) == 0);
  vb_buf_free(&again);
  vb_buf_free(&out);
  return 0;
}
