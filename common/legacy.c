/*
** legacy.c: TCVN3, VNI-Windows, Windows-1258 and VISCII to Unicode, and the
** Vietnamese syllable model that tells them apart.  See legacy.h.
**
** The tables come from data/encodings/ (*.tsv) and data/vi/syllables.txt
** through cmake/gen_legacy.py (generated/legacy_tables.c).
*/
#include "legacy.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

/* ---- Generated tables ------------------------------------------------ */

extern const uint32_t vb_enc_tcvn3[256];  /* byte -> letter, 0 = none */
extern const uint32_t vb_enc_vni1[256];   /* VNI one-byte letters */
extern const uint32_t vb_enc_cp1258[256];
extern const uint32_t vb_enc_cp1252[256]; /* 0x80-0x9F only */
extern const uint32_t vb_enc_viscii[256];
extern const char *const vb_tcvn3_names[][2]; /* {as TCVN3 gives, as written} */
extern const size_t vb_tcvn3_names_n;
extern const uint32_t vb_enc_vni2[][2];   /* {byte1 << 8 | byte2, letter} */
extern const size_t vb_enc_vni2_n;
extern const char *const vb_vi_onsets[];  /* sorted by bytes */
extern const size_t vb_vi_onsets_n;
extern const char *const vb_vi_rhymes[];
extern const size_t vb_vi_rhymes_n;

#define DETECT_SAMPLE ((size_t)256 << 10) /* bytes examined by detect() */
#define WORD_MAX 64                       /* bytes of one word checked */

const char *vb_legacy_name(vb_legacy enc) {
  switch (enc) {
    case VB_LEGACY_TCVN3:
    case VB_LEGACY_TCVN3_CAPS: return "TCVN3";
    case VB_LEGACY_VNI: return "VNI";
    case VB_LEGACY_CP1258: return "Windows-1258";
    case VB_LEGACY_VISCII: return "VISCII";
    default: return NULL;
  }
}

void vb_legacy_note(char *dst, size_t cap, const size_t runs[VB_LEGACY_COUNT]) {
  size_t count[VB_LEGACY_COUNT] = {0}, len = 0;
  for (int e = 1; e < VB_LEGACY_COUNT; e++)
    count[e == VB_LEGACY_TCVN3_CAPS ? VB_LEGACY_TCVN3 : e] += runs[e];
  if (cap) dst[0] = '\0';
  for (;;) {
    int best = 0;
    for (int e = 1; e < VB_LEGACY_COUNT; e++)
      if (count[e] && (!best || count[e] > count[best])) best = e;
    if (!best || len + 1 >= cap) break;
    int k = snprintf(dst + len, cap - len, "%s%s", len ? ", " : "",
                     vb_legacy_name((vb_legacy)best));
    len = k < 0 || (size_t)k >= cap - len ? cap - 1 : len + (size_t)k;
    count[best] = 0;
  }
}

vb_legacy vb_legacy_for_font(const char *font) {
  static const char *const styles[] = {"BoldItalic", "BoldOblique", "Italic",
                                       "Oblique", "Bold", "Regular"};
  if (!font) return VB_LEGACY_NONE;
  /* a PDF's subset prefix: "FBHPEM+VnTime" */
  const char *plus = strchr(font, '+');
  if (plus && plus - font == 6) font = plus + 1;
  while (*font == ' ') font++;
  size_t len = strlen(font);
  /* style suffixes a PDF adds to the family: "VnTimeHBold", "VNI-Times,Bold" */
  for (int again = 1; again;) {
    again = 0;
    while (len && (font[len - 1] == ' ' || font[len - 1] == ',' ||
                   font[len - 1] == '-'))
      len--;
    for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++) {
      size_t k = strlen(styles[i]);
      if (len > k + 3 && strncasecmp(font + len - k, styles[i], k) == 0) {
        len -= k;
        again = 1;
        break;
      }
    }
  }
  /* ".VnTime", and "VnTime" as PDFs name the embedded font */
  int vn = (len > 3 && strncasecmp(font, ".vn", 3) == 0) ||
           (len > 2 && font[0] == 'V' && font[1] == 'n' && font[2] >= 'A' &&
            font[2] <= 'Z');
  if (vn) return font[len - 1] == 'H' ? VB_LEGACY_TCVN3_CAPS : VB_LEGACY_TCVN3;
  if (len > 4 && strncasecmp(font, "vni-", 4) == 0) return VB_LEGACY_VNI;
  return VB_LEGACY_NONE;
}

/* Append one code point as UTF-8. */
static vb_status put_cp(vb_buf *out, uint32_t cp) {
  utf8proc_uint8_t b[4];
  utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)cp, b);
  return vb_buf_append(out, b, (size_t)k);
}

uint32_t vb_legacy_cp1252(unsigned char b) {
  if (b >= 0x80 && b < 0xA0) return vb_enc_cp1252[b] ? vb_enc_cp1252[b] : b;
  return b;
}

/* The VNI letter for the pair (a, b), or 0. */
static uint32_t vni_pair(unsigned a, unsigned b) {
  uint32_t key = a << 8 | b;
  size_t lo = 0, hi = vb_enc_vni2_n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (vb_enc_vni2[mid][0] == key) return vb_enc_vni2[mid][1];
    if (vb_enc_vni2[mid][0] < key) lo = mid + 1;
    else hi = mid;
  }
  return 0;
}

/* The other case of a Latin-1 letter byte (the mark bytes of VNI). */
static unsigned latin1_swap_case(unsigned b) {
  if (b >= 0xC0 && b <= 0xDE && b != 0xD7) return b + 0x20;
  if (b >= 0xE0 && b <= 0xFE && b != 0xF7) return b - 0x20;
  return b;
}

/* Decode one character at in[i..n): its code point, *used bytes. */
static uint32_t decode_one(vb_legacy enc, const unsigned char *in, size_t n,
                           size_t i, size_t *used) {
  unsigned char b = in[i];
  *used = 1;
  switch (enc) {
    case VB_LEGACY_TCVN3:
    case VB_LEGACY_TCVN3_CAPS:
      return vb_enc_tcvn3[b] ? vb_enc_tcvn3[b] : vb_legacy_cp1252(b);
    case VB_LEGACY_VNI:
      if (i + 1 < n && in[i + 1] >= 0xC0) {
        /* A mark byte typed in the other case than its letter still
        ** marks it: the letter gives the case. */
        uint32_t cp = vni_pair(b, in[i + 1]);
        if (!cp) cp = vni_pair(b, latin1_swap_case(in[i + 1]));
        if (cp) {
          *used = 2;
          return cp;
        }
      }
      return vb_enc_vni1[b] ? vb_enc_vni1[b] : vb_legacy_cp1252(b);
    case VB_LEGACY_CP1258:
      return vb_enc_cp1258[b] ? vb_enc_cp1258[b] : b;
    case VB_LEGACY_VISCII:
      return vb_enc_viscii[b] ? vb_enc_viscii[b] : b;
    default:
      return vb_legacy_cp1252(b);
  }
}

vb_status vb_legacy_decode(vb_legacy enc, const unsigned char *in, size_t n,
                           vb_buf *out, vb_error *err) {
  for (size_t i = 0; i < n;) {
    size_t used;
    uint32_t cp = decode_one(enc, in, n, i, &used);
    if (enc == VB_LEGACY_TCVN3_CAPS)
      cp = (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp);
    vb_status rc = put_cp(out, cp);
    if (rc != VB_OK)
      return vb_error_set(err, rc, "%s while converting %s text",
                          vb_strerror(rc), vb_legacy_name(enc));
    i += used;
  }
  return VB_OK;
}

/* The byte a legacy font's code point stands for, or -1. */
static int byte_of(int32_t cp) {
  if (cp >= 0 && cp < 0x100) return cp;
  if (cp == 0x2212) return 0xAD; /* PDF: minus sign for the glyph ư */
  if (cp == 0x2219) return 0xB7; /* PDF: bullet operator for ã */
  for (int b = 0x80; b < 0xA0; b++)
    if (vb_enc_cp1252[b] == (uint32_t)cp) return b;
  return -1;
}

vb_status vb_legacy_recode(vb_legacy enc, const char *s, size_t n,
                           vb_buf *out, vb_error *err) {
  if (enc == VB_LEGACY_NONE) {
    vb_status rc = vb_buf_append(out, s, n);
    return rc == VB_OK ? rc : vb_error_set(err, rc, "text too long");
  }
  unsigned char run[256]; /* bytes gathered, decoded a run at a time */
  size_t k = 0, i = 0;
  vb_status rc = VB_OK;
  while (i < n && rc == VB_OK) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(
        (const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (len <= 0)
      return vb_error_set(err, VB_EENCODING, "invalid UTF-8 in legacy text");
    int b = byte_of(cp);
    /* Flush before a character that is not a byte, and when the run is
    ** nearly full before an ASCII byte (never between a VNI letter and its
    ** mark); only 64 non-ASCII bytes in a row force a cut. */
    if (b < 0 || k == sizeof run || (k >= sizeof run - 64 && b < 0x80)) {
      rc = vb_legacy_decode(enc, run, k, out, err);
      k = 0;
    }
    if (rc != VB_OK) break;
    if (b >= 0) run[k++] = (unsigned char)b;
    else rc = vb_buf_append(out, s + i, (size_t)len);
    i += (size_t)len;
  }
  if (rc == VB_OK) rc = vb_legacy_decode(enc, run, k, out, err);
  if (rc != VB_OK && err && err->code != rc)
    vb_error_set(err, rc, "text too long");
  return rc;
}

/* ---- Syllables ------------------------------------------------------- */

/* Index of s[0..n) in a sorted table, or -1. */
static int find(const char *const *tab, size_t count, const char *s,
                size_t n) {
  size_t lo = 0, hi = count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    size_t m = strlen(tab[mid]);
    int c = memcmp(tab[mid], s, m < n ? m : n);
    if (c == 0) c = m < n ? -1 : m > n ? 1 : 0;
    if (c == 0) return (int)mid;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

/* The tone of a combining mark: 1..5, or 0 if cp is not a tone mark. */
static int tone_of(int32_t cp) {
  switch (cp) {
    case 0x0300: return 1; /* huyền */
    case 0x0309: return 2; /* hỏi */
    case 0x0303: return 3; /* ngã */
    case 0x0301: return 4; /* sắc */
    case 0x0323: return 5; /* nặng */
    default: return 0;
  }
}

/* 1 if the toneless lower-case syllable b[0..n) with onset length o and
** tone is spelled as Vietnamese spells. */
static int spelled(const char *b, size_t n, size_t o, int tone) {
  const char *r = b + o;
  size_t rn = n - o;
  if (find(vb_vi_rhymes, vb_vi_rhymes_n, r, rn) < 0) return 0;
  /* Rhymes ending in a stop take only the sắc and nặng tones. */
  char last = r[rn - 1];
  if ((last == 'c' || last == 'p' || last == 't' ||
       (rn >= 2 && r[rn - 2] == 'c' && last == 'h')) &&
      tone && tone != 4 && tone != 5)
    return 0;
  /* k, gh, ngh before e, ê, i, y; c, g, ng elsewhere. */
  int front = r[0] == 'e' || r[0] == 'i' || r[0] == 'y' ||
              (rn >= 2 && memcmp(r, "\xc3\xaa", 2) == 0);
  /* g before i is "gi" with an i-rhyme ("gìn", "giêng"). */
  if (o == 1 && (b[0] == 'c' || (b[0] == 'g' && r[0] != 'i')) && front)
    return 0;
  if (o == 1 && b[0] == 'k' && !front) return 0;
  if (o == 2 && memcmp(b, "ng", 2) == 0 && front) return 0;
  if ((o == 2 && memcmp(b, "gh", 2) == 0) ||
      (o == 3 && memcmp(b, "ngh", 3) == 0))
    if (!front) return 0;
  if (o == 2 && memcmp(b, "qu", 2) == 0 && r[0] == 'u') return 0;
  if (o == 2 && memcmp(b, "gi", 2) == 0 && r[0] == 'i') return 0;
  return 1;
}

int vb_vi_is_syllable(const char *w, size_t n) {
  if (n == 0 || n > WORD_MAX) return 0;
  /* Decompose and case-fold, then keep the tone mark aside and compose
  ** the rest again (â, ă, ê, ô, ơ, ư, đ stay single letters). */
  utf8proc_int32_t cps[WORD_MAX * 3];
  utf8proc_ssize_t m = utf8proc_decompose(
      (const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n, cps,
      (utf8proc_ssize_t)(sizeof cps / sizeof cps[0]),
      UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD);
  if (m <= 0 || (size_t)m > sizeof cps / sizeof cps[0]) return 0;
  int tone = 0;
  utf8proc_ssize_t k = 0;
  for (utf8proc_ssize_t i = 0; i < m; i++) {
    int t = tone_of(cps[i]);
    if (t) {
      if (tone || i == 0) return 0; /* two tones, or a tone on nothing */
      tone = t;
      continue;
    }
    cps[k++] = cps[i];
  }
  utf8proc_ssize_t c = utf8proc_reencode(cps, k, UTF8PROC_COMPOSE);
  if (c <= 0) return 0;
  /* Only Vietnamese letters may remain. */
  const unsigned char *b = (const unsigned char *)cps;
  size_t bn = (size_t)c;
  for (size_t i = 0; i < bn;) {
    if (b[i] >= 'a' && b[i] <= 'z') {
      i++;
      continue;
    }
    static const char *const extra[] = {"\xc4\x83", "\xc3\xa2", "\xc3\xaa",
                                        "\xc3\xb4", "\xc6\xa1", "\xc6\xb0",
                                        "\xc4\x91"}; /* ă â ê ô ơ ư đ */
    size_t j = 0;
    while (j < 7 && (i + 2 > bn || memcmp(b + i, extra[j], 2) != 0)) j++;
    if (j == 7) return 0;
    i += 2;
  }
  const char *s = (const char *)b;
  /* Longest onset first; "gi" may stand alone ("gì"). */
  for (size_t o = bn < 3 ? bn : 3;; o--) {
    if (find(vb_vi_onsets, vb_vi_onsets_n, s, o) >= 0) {
      if (o == bn) {
        if (o == 2 && memcmp(s, "gi", 2) == 0) return 1;
      } else if (spelled(s, bn, o, tone)) {
        return 1;
      }
    }
    if (o == 0) break;
  }
  return 0;
}

/* 1 if the code point at s separates words: ASCII other than letters,
** white space and general punctuation. */
static int separator(int32_t cp) {
  if (cp < 0x80)
    return !((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
  return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 ||
         cp == 0xFEFF;
}

double vb_vi_syllable_share(const char *s, size_t n, size_t *words) {
  size_t total = 0, good = 0, i = 0;
  while (i < n) {
    size_t start = i;
    int nonascii = 0;
    while (i < n) {
      utf8proc_int32_t cp;
      utf8proc_ssize_t len = utf8proc_iterate(
          (const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
      if (len <= 0) {
        cp = 0xFFFD; /* never a letter */
        len = 1;
      }
      if (separator(cp)) {
        if (i == start) i += (size_t)len;
        break;
      }
      if (cp >= 0x80) nonascii = 1;
      i += (size_t)len;
    }
    if (nonascii) {
      total++;
      good += (size_t)vb_vi_is_syllable(s + start, i - start);
    }
  }
  if (words) *words = total;
  return total ? (double)good / (double)total : 0.0;
}

/* Replace the character at s[i..i+len) by its capital when that has the
** same length. */
static void upper_at(char *s, size_t i, size_t len, int32_t cp) {
  utf8proc_uint8_t b[4];
  int32_t up = utf8proc_toupper(cp);
  if (up != cp && utf8proc_encode_char(up, b) == (utf8proc_ssize_t)len)
    memcpy(s + i, b, len);
}

/* Upper-case s[i..end). */
static void upper_span(char *s, size_t i, size_t end) {
  while (i < end) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(
        (const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(end - i), &cp);
    if (len <= 0) return;
    upper_at(s, i, (size_t)len, cp);
    i += (size_t)len;
  }
}

#define CASE_WORDS 512 /* words of one line looked at together */

/* One word of a line: where it is and what its letters say. */
typedef struct cword {
  size_t at, end;
  int upper, lower, marked;  /* capitals; ASCII small; other small letters */
  int inner;                 /* a capital after a small non-ASCII letter */
} cword;

/* 1 if cp is a small letter whose capital TCVN3 cannot write (an accented
** vowel: its capital is drawn from the same byte by a capitals font);
** 0 for ă â ê ô ơ ư đ, whose capitals have bytes, and for the rest. */
static int caps_lost(int32_t cp) {
  if (cp < 0x80 || utf8proc_toupper(cp) == cp) return 0;
  switch (cp) {
    case 0x103: case 0xE2: case 0xEA: case 0xF4: case 0x1A1: case 0x1B0:
    case 0x111: return 0;
    default: return cp >= 0xC0;
  }
}

/* Give back the capital of the names TCVN3 text writes in small letters
** ("ủy ban nhân dân" -> "Ủy ban nhân dân"), as whole words, in s[0..n). */
static void restore_names(char *s, size_t n) {
  for (size_t k = 0; k < vb_tcvn3_names_n; k++) {
    const char *low = vb_tcvn3_names[k][0];
    size_t m = strlen(low);
    for (size_t i = 0; i + m <= n; i++) {
      if (s[i] != low[0] || memcmp(s + i, low, m) != 0) continue;
      unsigned char before = i ? (unsigned char)s[i - 1] : ' ';
      unsigned char after = i + m < n ? (unsigned char)s[i + m] : ' ';
      int word_before = before >= 0x80 || ((before | 32) >= 'a' && (before | 32) <= 'z');
      int word_after = after >= 0x80 || ((after | 32) >= 'a' && (after | 32) <= 'z');
      if (!word_before && !word_after) memcpy(s + i, vb_tcvn3_names[k][1], m);
    }
  }
}

/* vb_legacy_fix_case() for the line s[0..n); go_on: the line above goes
** on into this one (it ends with a comma or a small letter). */
static void fix_line(char *s, size_t n, int go_on) {
  cword w[CASE_WORDS];
  size_t nw = 0, i = 0;
  int line_lower = 0, line_upper = 0;
  while (i < n && nw < CASE_WORDS) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(
        (const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (len <= 0) return;
    if (separator(cp)) {
      i += (size_t)len;
      continue;
    }
    cword *c = &w[nw++];
    memset(c, 0, sizeof *c);
    c->at = i;
    while (i < n) {
      len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                             (utf8proc_ssize_t)(n - i), &cp);
      if (len <= 0 || separator(cp)) break;
      if (utf8proc_tolower(cp) != cp) c->upper++, c->inner |= c->marked > 0;
      else if (cp < 0x80) c->lower++;
      else if (utf8proc_toupper(cp) != cp) c->marked++;
      i += (size_t)len;
    }
    c->end = i;
    line_lower += c->lower;
    line_upper += c->upper;
  }
  if (nw == 0) return;
  int caps[CASE_WORDS], any = 0;
  for (size_t k = 0; k < nw; k++)
    any |= caps[k] = (w[k].upper >= 2 || w[k].inner) && !w[k].lower &&
                     w[k].marked;
  /* A line without a small ASCII letter, with a word in capitals, is a
  ** heading in capitals. */
  if (!line_lower && line_upper >= 2 && any) {
    upper_span(s, w[0].at, w[nw - 1].end);
    return;
  }
  for (size_t k = 0; k < nw; k++) {
    int one = w[k].upper == 1 && !w[k].lower && w[k].marked;
    if (caps[k] || (one && ((k > 0 && caps[k - 1]) ||
                            (k + 1 < nw && caps[k + 1]))))
      upper_span(s, w[k].at, w[k].end);
  }
  restore_names(s, n);
  /* A line starts with a capital, unless it goes on from the line above. */
  utf8proc_int32_t cp;
  utf8proc_ssize_t len = utf8proc_iterate(
      (const utf8proc_uint8_t *)s + w[0].at,
      (utf8proc_ssize_t)(w[0].end - w[0].at), &cp);
  if (len > 0 && caps_lost(cp) && !go_on) upper_at(s, w[0].at, (size_t)len, cp);
}

/* 1 if the text s[0..n) ends with a comma or a small letter (white space
** aside): the line that follows goes on from it. */
static int goes_on(const char *s, size_t n) {
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
  if (!n) return 0;
  if (s[n - 1] == ',') return 1;
  size_t i = n - 1;
  while (i && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
  utf8proc_int32_t cp;
  if (utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                       (utf8proc_ssize_t)(n - i), &cp) <= 0)
    return 0;
  return utf8proc_toupper(cp) != cp;
}

void vb_legacy_fix_case(char *s, size_t n) {
  size_t i = 0, prev = 0, prev_end = 0; /* the last line that held text */
  while (i < n) {
    const char *nl = memchr(s + i, '\n', n - i);
    size_t end = nl ? (size_t)(nl - s) : n;
    fix_line(s + i, end - i, goes_on(s + prev, prev_end - prev));
    size_t k = i;
    while (k < end && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r')) k++;
    if (k < end) prev = i, prev_end = end;
    i = end + 1;
  }
}

vb_status vb_legacy_detect(const unsigned char *in, size_t n, vb_legacy *enc,
                           vb_error *err) {
  static const vb_legacy cand[] = {VB_LEGACY_TCVN3, VB_LEGACY_VNI,
                                   VB_LEGACY_CP1258, VB_LEGACY_VISCII};
  enum { NCAND = sizeof cand / sizeof cand[0] };
  double share[NCAND];
  size_t words[NCAND];
  if (n > DETECT_SAMPLE) n = DETECT_SAMPLE;
  for (size_t c = 0; c < NCAND; c++) {
    vb_buf b;
    vb_buf_init(&b, DETECT_SAMPLE * 4);
    vb_status rc = vb_legacy_decode(cand[c], in, n, &b, err);
    if (rc != VB_OK) {
      vb_buf_free(&b);
      return rc;
    }
    share[c] = vb_vi_syllable_share(b.data ? b.data : "", b.len, &words[c]);
    vb_buf_free(&b);
  }
  size_t best = 0, second = 1;
  if (share[1] > share[best]) best = 1, second = 0;
  for (size_t c = 2; c < NCAND; c++) {
    if (share[c] > share[best]) second = best, best = c;
    else if (share[c] > share[second]) second = c;
  }
  /* A clear winner: most of its words are syllables, many more than in
  ** any other reading, and there are enough words to judge. */
  if (words[best] >= 3 && share[best] >= 0.8 &&
      share[best] - share[second] >= 0.25) {
    *enc = cand[best];
    return VB_OK;
  }
  size_t bad = vb_utf8_check(in, n);
  if (bad == n)
    return vb_error_set(err, VB_EENCODING,
                        "cannot tell the encoding: UTF-8 as far as examined "
                        "and not Vietnamese in any legacy encoding");
  return vb_error_set(
      err, VB_EENCODING,
      "cannot tell the encoding: invalid UTF-8 at byte %zu (0x%02X), and "
      "Vietnamese syllables are %.0f%% of the words as TCVN3, %.0f%% as "
      "VNI, %.0f%% as Windows-1258, %.0f%% as VISCII (%zu words)",
      bad, in[bad], share[0] * 100, share[1] * 100, share[2] * 100,
      share[3] * 100, words[best]);
}

vb_legacy vb_legacy_mojibake(const char *s, size_t n) {
  if (n > DETECT_SAMPLE) n = DETECT_SAMPLE;
  /* Cheap refusal: mojibake has Latin-1 letters and no Vietnamese ones
  ** outside Latin-1 (ơ, ư, đ and the letters of U+1EA0..U+1EF9). */
  int latin1 = 0;
  for (size_t i = 0; i + 1 < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == 0xC2 || c == 0xC3) latin1 = 1;
    else if (c == 0xE1 && (unsigned char)s[i + 1] == 0xBA) return VB_LEGACY_NONE;
    else if (c == 0xE1 && (unsigned char)s[i + 1] == 0xBB) return VB_LEGACY_NONE;
    else if (c == 0xC6 || c == 0xC4) return VB_LEGACY_NONE;
  }
  if (!latin1) return VB_LEGACY_NONE;
  size_t words = 0;
  double own = vb_vi_syllable_share(s, n, &words);
  if (words < 3 || own > 0.5) return VB_LEGACY_NONE;
  static const vb_legacy cand[] = {VB_LEGACY_TCVN3, VB_LEGACY_VNI};
  for (size_t c = 0; c < 2; c++) {
    vb_buf b;
    vb_buf_init(&b, DETECT_SAMPLE * 4);
    size_t w = 0;
    double share = 0;
    if (vb_legacy_recode(cand[c], s, n, &b, NULL) == VB_OK)
      share = vb_vi_syllable_share(b.data ? b.data : "", b.len, &w);
    vb_buf_free(&b);
    if (w >= 3 && share >= 0.8 && share - own >= 0.3) return cand[c];
  }
  return VB_LEGACY_NONE;
}

vb_status vb_legacy_read(const unsigned char *in, size_t n, vb_buf *out,
                         vb_legacy *enc, vb_error *err) {
  VB_TRY(vb_legacy_detect(in, n, enc, err));
  size_t mark = out->len;
  VB_TRY(vb_legacy_decode(*enc, in, n, out, err));
  if (*enc == VB_LEGACY_TCVN3 && out->data)
    vb_legacy_fix_case(out->data + mark, out->len - mark);
  return VB_OK;
}

vb_status vb_legacy_recode_run(vb_legacy enc, const char *s, size_t n,
                               vb_buf *out, int *bias, int *converted,
                               vb_error *err) {
  if (converted) *converted = 0;
  if (enc == VB_LEGACY_NONE) return vb_legacy_recode(enc, s, n, out, err);
  size_t mark = out->len, w0 = 0, w1 = 0;
  VB_TRY(vb_legacy_recode(enc, s, n, out, err));
  double as_is = vb_vi_syllable_share(s, n, &w0);
  double conv = vb_vi_syllable_share(out->data + mark, out->len - mark, &w1);
  /* A run of a few characters (a capital drawn in a capitals font, a
  ** letter with its mark) is too short to judge. */
  size_t letters = 0;
  for (size_t i = 0; i < n; i++)
    letters += ((unsigned char)s[i] & 0xC0) != 0x80 && s[i] != ' ';
  /* A letter no legacy byte stands for (ơ, ư, ể...) is Unicode text. */
  int unicode = 0;
  for (size_t i = 0; i < n && !unicode;) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate(
        (const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (len <= 0) break;
    unicode = byte_of(cp) < 0 && utf8proc_category(cp) >= UTF8PROC_CATEGORY_LU &&
              utf8proc_category(cp) <= UTF8PROC_CATEGORY_LO;
    i += (size_t)len;
  }
  int keep;
  if (unicode) {
    keep = 1;
    if (*bias > -1000) (*bias)--;
  } else if (conv != as_is && letters >= 4) {
    keep = as_is > conv;
    if (*bias > -1000 && *bias < 1000) *bias += keep ? -1 : 1;
  } else {
    keep = *bias < 0;
  }
  if (keep) { /* the stored text reads better: copy it */
    vb_buf_truncate(out, mark);
    return vb_legacy_recode(VB_LEGACY_NONE, s, n, out, err);
  }
  if (converted)
    *converted = out->len != n || memcmp(out->data + mark, s, n) != 0;
  return VB_OK;
}
