/*
** utf8.h: the one UTF-8 decoder and encoder of vanban.
**
** Every layer that walks UTF-8 by code point (text decoding and
** validation, Vietnamese folding and tokens, the DOCX/ODT readers) uses
** these.  They are inline because the tokenizer and the folding code call
** them once per character of every document.
*/
#ifndef VB_UTF8_H
#define VB_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode the character at s[0..n) (n >= 1) into *cp.  Returns its length
** (1 to 4), or 0 when the bytes are not the shortest encoding of a scalar
** value: an invalid, overlong or truncated sequence, a surrogate, or a
** value past U+10FFFF. */
static inline size_t vb_utf8_decode(const void *p, size_t n, uint32_t *cp) {
  const unsigned char *s = (const unsigned char *)p;
  uint32_t c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c < 0xC2 || c > 0xF4) return 0;
  if (c < 0xE0) {
    if (n < 2 || (s[1] & 0xC0) != 0x80) return 0;
    *cp = (c & 0x1F) << 6 | (s[1] & 0x3F);
    return 2;
  }
  if (c < 0xF0) {
    if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
    c = (c & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
    if (c < 0x800 || (c >= 0xD800 && c < 0xE000)) return 0;
    *cp = c;
    return 3;
  }
  if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
      (s[3] & 0xC0) != 0x80)
    return 0;
  c = (c & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
      (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
  if (c < 0x10000 || c > 0x10FFFF) return 0;
  *cp = c;
  return 4;
}

/* Encode the scalar value c at out (room for 4 bytes); returns the
** length. */
static inline size_t vb_utf8_encode(uint32_t c, void *out) {
  unsigned char *u = (unsigned char *)out;
  if (c < 0x80) {
    u[0] = (unsigned char)c;
    return 1;
  }
  if (c < 0x800) {
    u[0] = (unsigned char)(0xC0 | c >> 6);
    u[1] = (unsigned char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    u[0] = (unsigned char)(0xE0 | c >> 12);
    u[1] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
    u[2] = (unsigned char)(0x80 | (c & 0x3F));
    return 3;
  }
  u[0] = (unsigned char)(0xF0 | c >> 18);
  u[1] = (unsigned char)(0x80 | (c >> 12 & 0x3F));
  u[2] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
  u[3] = (unsigned char)(0x80 | (c & 0x3F));
  return 4;
}

/* The length of s[0..n) without a character cut short at its end (a
** prefix of valid UTF-8 keeps only whole characters). */
static inline size_t vb_utf8_whole(const char *s, size_t n) {
  size_t k = n;
  while (k && ((unsigned char)s[k - 1] & 0xC0) == 0x80) k--;
  if (!k || (unsigned char)s[k - 1] < 0xC0) return n;
  unsigned char lead = (unsigned char)s[k - 1];
  size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
  return n - (k - 1) >= need ? n : k - 1;
}

#endif /* VB_UTF8_H */
