/*
** text.h: turning the bytes of a text file into the text vanban works on.
**
** The working text is UTF-8 in Unicode NFC with '\n' line ends and no BOM.
** vb_text_decode() accepts UTF-8 with or without BOM and UTF-16 LE/BE with
** BOM; anything else that is not valid UTF-8 is refused with VB_EENCODING
** and a reason naming the byte offset.  A NUL byte makes the input binary
** (VB_EFORMAT).
*/
#ifndef VB_TEXT_H
#define VB_TEXT_H

#include "buf.h"

/* Decode n bytes into out (appended; out's cap bounds the result).
** Errors: VB_EENCODING, VB_EFORMAT, VB_ELIMIT, VB_ENOMEM (err filled). */
vb_status vb_text_decode(const unsigned char *in, size_t n, vb_buf *out,
                         vb_error *err) VB_MUST_CHECK;

/* Normalise UTF-8 text to NFC and append to out.  The input must be valid
** UTF-8 (VB_EENCODING otherwise). */
vb_status vb_text_nfc(const char *s, size_t n, vb_buf *out,
                      vb_error *err) VB_MUST_CHECK;

/* Byte offset of the first invalid UTF-8 sequence, or n if all is valid. */
size_t vb_utf8_check(const unsigned char *s, size_t n);

/* SHA-256 of n bytes as 64 lowercase hex digits plus NUL. */
void vb_sha256_hex(const void *data, size_t n, char out[65]);

#endif /* VB_TEXT_H */
