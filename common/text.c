/*
** text.c: decoding file bytes to the working text (UTF-8, NFC, '\n' line
** ends), UTF-8 validation and SHA-256 hashing.  See text.h.
*/
#include "text.h"

#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

size_t vb_utf8_check(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (n - i < len) return i;
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    /* Overlong forms, surrogates and values past U+10FFFF. */
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return i;
    i += len;
  }
  return n;
}

/* Append one code point as UTF-8. */
static vb_status put_cp(vb_buf *out, uint32_t cp) {
  unsigned char b[4];
  size_t n;
  if (cp < 0x80) {
    b[0] = (unsigned char)cp;
    n = 1;
  } else if (cp < 0x800) {
    b[0] = (unsigned char)(0xC0 | (cp >> 6));
    b[1] = (unsigned char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    b[0] = (unsigned char)(0xE0 | (cp >> 12));
    b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    b[2] = (unsigned char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    b[0] = (unsigned char)(0xF0 | (cp >> 18));
    b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    b[3] = (unsigned char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  return vb_buf_append(out, b, n);
}

/* UTF-16 (after the BOM) to UTF-8 in tmp. */
static vb_status utf16_to_utf8(const unsigned char *s, size_t n, int big,
                               vb_buf *tmp, vb_error *err) {
  if (n % 2)
    return vb_error_set(err, VB_EENCODING,
                        "invalid UTF-16: odd number of bytes");
  for (size_t i = 0; i < n; i += 2) {
    uint32_t u = big ? (uint32_t)(s[i] << 8 | s[i + 1])
                     : (uint32_t)(s[i + 1] << 8 | s[i]);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 >= n)
        return vb_error_set(err, VB_EENCODING,
                            "invalid UTF-16: lone surrogate at byte %zu", i);
      uint32_t l = big ? (uint32_t)(s[i + 2] << 8 | s[i + 3])
                       : (uint32_t)(s[i + 3] << 8 | s[i + 2]);
      if (l < 0xDC00 || l > 0xDFFF)
        return vb_error_set(err, VB_EENCODING,
                            "invalid UTF-16: lone surrogate at byte %zu", i);
      u = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
      i += 2;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      return vb_error_set(err, VB_EENCODING,
                          "invalid UTF-16: lone surrogate at byte %zu", i);
    }
    if (u == 0)
      return vb_error_set(err, VB_EFORMAT, "binary data (NUL character)");
    vb_status rc = put_cp(tmp, u);
    if (rc != VB_OK)
      return vb_error_set(err, rc, "%s while decoding UTF-16",
                          vb_strerror(rc));
  }
  return VB_OK;
}

/* Chunk size for NFC normalisation: utf8proc works on whole strings, so the
** text is normalised a line-group at a time to keep memory flat. */
#define NFC_CHUNK ((size_t)1 << 16)

vb_status vb_text_nfc(const char *s, size_t n, vb_buf *out, vb_error *err) {
  size_t i = 0;
  while (i < n) {
    size_t end = n - i > NFC_CHUNK ? i + NFC_CHUNK : n;
    /* Cut after a newline or, failing that, before an ASCII character:
    ** either way no letter is split from its combining marks. */
    if (end < n) {
      size_t cut = end;
      while (cut > i && s[cut - 1] != '\n') cut--;
      if (cut == i) {
        cut = end;
        while (cut > i && (unsigned char)s[cut] >= 0x80) cut--;
      }
      end = cut > i ? cut : end;
    }
    /* Fast path: ASCII needs no normalisation. */
    size_t k = i;
    while (k < end && (unsigned char)s[k] < 0x80) k++;
    if (k == end) {
      vb_status rc = vb_buf_append(out, s + i, end - i);
      if (rc != VB_OK) return vb_error_set(err, rc, "text too long");
    } else {
      utf8proc_uint8_t *norm = NULL;
      utf8proc_ssize_t m =
          utf8proc_map((const utf8proc_uint8_t *)s + i,
                       (utf8proc_ssize_t)(end - i), &norm,
                       UTF8PROC_STABLE | UTF8PROC_COMPOSE);
      if (m < 0) {
        free(norm);
        return vb_error_set(err, m == UTF8PROC_ERROR_NOMEM ? VB_ENOMEM
                                                           : VB_EENCODING,
                            "cannot normalise text: %s",
                            utf8proc_errmsg(m));
      }
      vb_status rc = vb_buf_append(out, norm, (size_t)m);
      free(norm); /* utf8proc allocates with malloc */
      if (rc != VB_OK) return vb_error_set(err, rc, "text too long");
    }
    i = end;
  }
  return VB_OK;
}

/* Copy UTF-8 text to out as NFC with '\n' line ends (CRLF and lone CR
** become '\n'). */
static vb_status finish_text(const unsigned char *s, size_t n, vb_buf *out,
                             vb_error *err) {
  vb_buf lf;
  vb_buf_init(&lf, out->max);
  vb_status rc = VB_OK;
  const unsigned char *cr = memchr(s, '\r', n);
  if (cr) {
    size_t start = 0;
    for (size_t i = 0; i < n && rc == VB_OK; i++) {
      if (s[i] != '\r') continue;
      rc = vb_buf_append(&lf, s + start, i - start);
      if (rc == VB_OK) rc = vb_buf_putc(&lf, '\n');
      if (i + 1 < n && s[i + 1] == '\n') i++;
      start = i + 1;
    }
    if (rc == VB_OK) rc = vb_buf_append(&lf, s + start, n - start);
    if (rc != VB_OK) {
      vb_buf_free(&lf);
      return vb_error_set(err, rc, "text too long");
    }
    s = (const unsigned char *)lf.data;
    n = lf.len;
  }
  rc = vb_text_nfc((const char *)s, n, out, err);
  vb_buf_free(&lf);
  return rc;
}

vb_status vb_text_decode(const unsigned char *in, size_t n, vb_buf *out,
                         vb_error *err) {
  if (n >= 2 && ((in[0] == 0xFF && in[1] == 0xFE) ||
                 (in[0] == 0xFE && in[1] == 0xFF))) {
    int big = in[0] == 0xFE;
    vb_buf tmp;
    vb_buf_init(&tmp, out->max);
    vb_status rc = utf16_to_utf8(in + 2, n - 2, big, &tmp, err);
    if (rc == VB_OK)
      rc = finish_text((const unsigned char *)(tmp.data ? tmp.data : ""),
                       tmp.len, out, err);
    vb_buf_free(&tmp);
    return rc;
  }
  if (n >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF) {
    in += 3;
    n -= 3;
  }
  if (memchr(in, '\0', n))
    return vb_error_set(err, VB_EFORMAT, "binary data (NUL byte at offset %zu)",
                        (size_t)((const unsigned char *)memchr(in, '\0', n) -
                                 in));
  size_t bad = vb_utf8_check(in, n);
  if (bad != n)
    return vb_error_set(err, VB_EENCODING,
                        "invalid UTF-8 at byte %zu (0x%02X)", bad, in[bad]);
  return finish_text(in, n, out, err);
}

void vb_sha256_hex(const void *data, size_t n, char out[65]) {
  static const char hex[] = "0123456789abcdef";
  struct sha256_ctx ctx;
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_init(&ctx);
  sha256_update(&ctx, n, data);
  sha256_digest(&ctx, sizeof digest, digest);
  for (size_t i = 0; i < sizeof digest; i++) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 15];
  }
  out[64] = '\0';
}
