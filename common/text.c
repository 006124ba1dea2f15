/*
** text.c: decoding file bytes to the working text (UTF-8, NFC, '\n' line
** ends), UTF-8 validation and SHA-256 hashing.  See text.h.
*/
#include "text.h"
#include "utf8.h"

#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

size_t vb_utf8_check(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    uint32_t cp;
    size_t len = vb_utf8_decode(s + i, n - i, &cp);
    if (!len) return i;
    i += len;
  }
  return n;
}

/* Append one code point as UTF-8. */
static vb_status put_cp(vb_buf *out, uint32_t cp) {
  unsigned char b[4];
  return vb_buf_append(out, b, vb_utf8_encode(cp, b));
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

/* Start of the UTF-8 character holding byte k (not before i). */
static size_t char_start(const char *s, size_t i, size_t k) {
  while (k > i && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
  return k;
}

/* Where to end the chunk that starts at i and would end at end (< n):
** after a newline or, failing that, before an ASCII character or, in a
** long run of other characters (CJK, Hangul, ...), at a grapheme cluster
** boundary.  No cut splits a character or separates what NFC composes
** (a letter and its marks, Hangul jamo).  Returns a cut > i. */
static size_t nfc_cut(const char *s, size_t i, size_t end, size_t n) {
  size_t cut = end;
  while (cut > i && s[cut - 1] != '\n') cut--;
  if (cut > i) return cut;
  cut = end;
  while (cut > i && (unsigned char)s[cut] >= 0x80) cut--;
  if (cut > i) return cut;
  for (cut = char_start(s, i, end); cut > i;) {
    size_t prev = char_start(s, i, cut - 1);
    utf8proc_int32_t a = -1, b = -1;
    utf8proc_iterate((const utf8proc_uint8_t *)s + prev,
                     (utf8proc_ssize_t)(cut - prev), &a);
    utf8proc_iterate((const utf8proc_uint8_t *)s + cut,
                     (utf8proc_ssize_t)(n - cut), &b);
    if (a >= 0 && b >= 0 && utf8proc_grapheme_break(a, b)) return cut;
    cut = prev;
  }
  /* One cluster fills the window: take it whole, up to ASCII or the end. */
  for (cut = end; cut < n && (unsigned char)s[cut] >= 0x80;) cut++;
  return cut;
}

/* 1 if every character of s is one NFC leaves alone whatever surrounds it
** (ASCII, the precomposed Latin letters Vietnamese uses, general
** punctuation), so the text needs no normalisation.  Combining marks and
** every other block send the text through utf8proc. */
static int nfc_stable(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    uint32_t cp;
    size_t len = vb_utf8_decode(s + i, n - i, &cp);
    if (!len) return 0;
    i += len;
    if (!((cp >= 0x80 && cp <= 0x2FF) ||     /* Latin-1, Extended-A/B, IPA */
          (cp >= 0x1E00 && cp <= 0x1EFF) ||  /* Latin Extended Additional */
          (cp >= 0x2002 && cp <= 0x206F) ||  /* general punctuation */
          (cp >= 0x20A0 && cp <= 0x20CF)))   /* currency signs */
      return 0;
  }
  return 1;
}

vb_status vb_text_nfc(const char *s, size_t n, vb_buf *out, vb_error *err) {
  size_t i = 0;
  while (i < n) {
    size_t end = n - i > NFC_CHUNK ? i + NFC_CHUNK : n;
    if (end < n) end = nfc_cut(s, i, end, n);
    /* Fast path: text NFC cannot change is copied as it is. */
    if (nfc_stable((const unsigned char *)s + i, end - i)) {
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
  /* Working text has no BOM: drop every one at the start (files glued
  ** together, or UTF-16 converted by a tool that kept its BOM). */
  while (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
    s += 3;
    n -= 3;
  }
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
