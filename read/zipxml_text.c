/*
** zipxml_text.c: the line assembly shared by the DOCX and ODT readers
** (paragraph lines, notes and the header and footer text kept apart), list
** numbers and symbol-font bullets, document properties, and the finished
** vb_doc (see zipxml.h).
*/
#include "zipxml_int.h"

/* ------------------------------------------------------------------ */
/* Lines                                                               */

int vb_zx_target(vb_zx *z, int target) {
  int old = z->target;
  z->target = target;
  return old;
}

static void zx_put(vb_zx *z, vb_buf *b, const void *p, size_t n) {
  if (z->rc) return;
  vb_status rc = vb_buf_append(b, p, n);
  if (rc != VB_OK)
    vb_zx_fail(z, rc, rc == VB_ELIMIT ? "text longer than %zu bytes"
                                      : "out of memory", b->max);
}

void vb_zx_par_begin(vb_zx *z) {
  if (z->held) {
    z->held = 0;
    return;
  }
  if (z->nlines == ZX_MAX_NEST) {
    vb_zx_fail(z, VB_ELIMIT, "text boxes or notes nested deeper than %d",
               ZX_MAX_NEST);
    return;
  }
  z->lines[z->nlines].start = z->line.len;
  z->lines[z->nlines].ws = 1;
  z->nlines++;
}

void vb_zx_par_text(vb_zx *z, const char *s, size_t n, int collapse) {
  if (!z->nlines || z->held || z->rc) return;
  int *ws = &z->lines[z->nlines - 1].ws;
  size_t i = 0;
  while (i < n) {
    /* Copy a run of ordinary bytes in one go. */
    size_t j = i;
    while (j < n) {
      unsigned char c = (unsigned char)s[j];
      if (c == 0xC2 || c <= ' ') break;
      j++;
    }
    if (j > i) {
      zx_put(z, &z->line, s + i, j - i);
      *ws = 0;
      i = j;
      continue;
    }
    unsigned char c = (unsigned char)s[i];
    if (c == 0xC2) {
      if (i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
        zx_put(z, &z->line, " ", 1);  /* no-break space */
        i += 2;
      } else if (i + 1 < n && (unsigned char)s[i + 1] == 0xAD) {
        i += 2;  /* soft hyphen: invisible */
        continue;
      } else {
        zx_put(z, &z->line, s + i, 1);
        i++;
      }
      *ws = 0;
      continue;
    }
    i++;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (collapse) {
        if (!*ws) zx_put(z, &z->line, " ", 1);
        *ws = 1;
      } else {
        zx_put(z, &z->line, c == '\t' ? "\t" : " ", 1);
        *ws = 0;  /* written out: later collapsible space still counts */
      }
      continue;
    }
    zx_put(z, &z->line, &c, 1);  /* other controls cannot occur in XML */
    *ws = 0;
  }
}

void vb_zx_par_tab(vb_zx *z) {
  if (!z->nlines || z->held) return;
  zx_put(z, &z->line, "\t", 1);
  z->lines[z->nlines - 1].ws = 0;
}

/* Drop trailing spaces and tabs of b down to offset floor. */
static void zx_rtrim(vb_buf *b, size_t floor) {
  size_t k = b->len;
  while (k > floor && (b->data[k - 1] == ' ' || b->data[k - 1] == '\t')) k--;
  if (k < b->len) vb_buf_truncate(b, k);
}

void vb_zx_par_break(vb_zx *z) {
  if (!z->nlines || z->held) return;
  struct zx_line *l = &z->lines[z->nlines - 1];
  size_t floor = l->start;
  for (size_t k = z->line.len; k > floor; k--)
    if (z->line.data[k - 1] == '\n') {
      floor = k;
      break;
    }
  zx_rtrim(&z->line, floor);
  zx_put(z, &z->line, "\n", 1);
  l->ws = 1;
}

int vb_zx_par_blank(const vb_zx *z) {
  return !z->nlines || z->line.len == z->lines[z->nlines - 1].start;
}

int vb_zx_par_depth(const vb_zx *z) { return z->nlines; }

void vb_zx_par_hold(vb_zx *z) {
  if (z->nlines) z->held = 1;
}

int vb_zx_par_held(const vb_zx *z) { return z->held; }

/* 64-bit FNV-1a. */
static uint64_t zx_fnv(const char *s, size_t n) {
  uint64_t h = UINT64_C(0xcbf29ce484222325);
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= UINT64_C(0x100000001b3);
  }
  return h ? h : 1;
}

/* 1 if this line hash was seen before; records it otherwise. */
static int zx_seen(vb_zx *z, uint64_t h) {
  if (z->seen_n * 2 >= z->seen_cap) {
    size_t cap = z->seen_cap ? z->seen_cap * 2 : 64;
    uint64_t *t = vb_calloc(cap, sizeof *t);
    if (!t) {
      vb_zx_fail(z, VB_ENOMEM, "out of memory");
      return 1;
    }
    for (size_t i = 0; i < z->seen_cap; i++) {
      if (!z->seen[i]) continue;
      size_t j = z->seen[i] & (cap - 1);
      while (t[j]) j = (j + 1) & (cap - 1);
      t[j] = z->seen[i];
    }
    vb_free(z->seen);
    z->seen = t;
    z->seen_cap = cap;
  }
  size_t j = h & (z->seen_cap - 1);
  while (z->seen[j]) {
    if (z->seen[j] == h) return 1;
    j = (j + 1) & (z->seen_cap - 1);
  }
  z->seen[j] = h;
  z->seen_n++;
  return 0;
}

/* Add the lines of s[0..n) (label before the first) to the extra text,
** skipping empty lines and lines already there. */
static void zx_flush_extra(vb_zx *z, const char *label, size_t ln,
                           const char *s, size_t n) {
  vb_buf *b = &z->out[VB_ZX_EXTRA];
  size_t i = 0;
  int first = 1;
  while (i <= n && !z->extra_full && !z->rc) {
    const char *nl = memchr(s + i, '\n', n - i);
    size_t e = nl ? (size_t)(nl - s) : n;
    size_t mark = b->len;
    vb_status rc = VB_OK;
    if (first && ln) rc = vb_buf_append(b, label, ln);
    if (rc == VB_OK) rc = vb_buf_append(b, s + i, e - i);
    if (rc == VB_OK) {
      zx_rtrim(b, mark);
      int blank = b->len == mark;
      if (blank || zx_seen(z, zx_fnv(b->data + mark, b->len - mark)))
        vb_buf_truncate(b, mark);
      else
        rc = vb_buf_putc(b, '\n');
    }
    if (rc == VB_ELIMIT) {
      vb_buf_truncate(b, mark);
      z->extra_full = 1;  /* headers beyond the cap are dropped */
    } else if (rc != VB_OK) {
      vb_zx_fail(z, rc, "out of memory");
    }
    first = 0;
    if (!nl) break;
    i = e + 1;
  }
}

void vb_zx_par_flush(vb_zx *z, const char *label, size_t n) {
  if (!z->nlines) return;
  size_t start = z->lines[z->nlines - 1].start;
  const char *s = z->line.data ? z->line.data + start : "";
  size_t len = z->line.len - start;
  if (z->target == VB_ZX_EXTRA) {
    zx_flush_extra(z, label, n, s, len);
  } else {
    vb_buf *b = &z->out[z->target];
    size_t mark = b->len;
    zx_put(z, b, label, n);
    zx_put(z, b, s, len);
    if (!z->rc) zx_rtrim(b, mark);
    zx_put(z, b, "\n", 1);
  }
  vb_buf_truncate(&z->line, start);
  z->nlines--;
  z->held = 0;
}

/* ------------------------------------------------------------------ */
/* Numbers and symbols                                                 */

void vb_zx_cat(char *dst, size_t cap, size_t *len, const char *s,
               size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    size_t k = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (k > n - i || *len + k + 1 > cap) break;  /* whole characters only */
    memcpy(dst + *len, s + i, k);
    *len += k;
    i += k;
  }
  if (cap) dst[*len] = '\0';
}

static void zx_add(char *dst, size_t cap, size_t *len, const char *s) {
  vb_zx_cat(dst, cap, len, s, strlen(s));
}

void vb_zx_format_number(char *dst, size_t cap, size_t *len, long v,
                         int fmt) {
  char tmp[48];
  size_t k = 0;
  int roman = fmt == VB_ZX_FMT_UPPER_ROMAN || fmt == VB_ZX_FMT_LOWER_ROMAN;
  int letter = fmt == VB_ZX_FMT_UPPER_LETTER || fmt == VB_ZX_FMT_LOWER_LETTER;
  int alpha = fmt == VB_ZX_FMT_UPPER_ALPHA || fmt == VB_ZX_FMT_LOWER_ALPHA;
  char a = fmt == VB_ZX_FMT_UPPER_LETTER || fmt == VB_ZX_FMT_UPPER_ALPHA ? 'A'
                                                                        : 'a';
  tmp[0] = '\0';
  if (fmt == VB_ZX_FMT_NONE || fmt == VB_ZX_FMT_BULLET) {
    /* no number */
  } else if (roman && v >= 1 && v < 4000) {
    static const char *const sym[] = {"M", "CM", "D", "CD", "C", "XC", "L",
                                      "XL", "X", "IX", "V", "IV", "I"};
    static const int val[] = {1000, 900, 500, 400, 100, 90, 50,
                              40, 10, 9, 5, 4, 1};
    long x = v;
    for (int i = 0; i < 13; i++)
      for (; x >= val[i]; x -= val[i])
        for (const char *p = sym[i]; *p; p++)
          tmp[k++] = fmt == VB_ZX_FMT_LOWER_ROMAN ? (char)(*p + 32) : *p;
    tmp[k] = '\0';
  } else if (letter && v >= 1 && v <= 26 * 20) {
    /* Word: A..Z, then AA, BB, ..., then AAA ... */
    for (long r = (v - 1) / 26 + 1; r > 0; r--)
      tmp[k++] = (char)(a + (v - 1) % 26);
    tmp[k] = '\0';
  } else if (alpha && v >= 1) {
    /* ODF: A..Z, AA, AB, ... (bijective base 26) */
    char rev[24];
    size_t r = 0;
    for (long x = v; x > 0 && r < sizeof rev; x = (x - 1) / 26)
      rev[r++] = (char)(a + (x - 1) % 26);
    while (r) tmp[k++] = rev[--r];
    tmp[k] = '\0';
  } else {
    /* decimal, and the fallback for numbers a format cannot show */
    snprintf(tmp, sizeof tmp, fmt == VB_ZX_FMT_DECIMAL_ZERO ? "%02ld" : "%ld",
             v);
  }
  zx_add(dst, cap, len, tmp);
}

int vb_zx_font_kind(const char *name) {
  if (strncmp(name, "Symbol", 6) == 0) return VB_ZX_FONT_SYMBOL;
  if (strncmp(name, "Wingdings", 9) == 0 || strncmp(name, "Webdings", 8) == 0)
    return VB_ZX_FONT_WINGDINGS;
  return VB_ZX_FONT_OTHER;
}

/* Symbol font: codes 0x20..0xFF to Unicode (0 = same as Latin-1/ASCII). */
static unsigned long zx_symbol_font(unsigned c) {
  static const unsigned short greek[26] = {
      0x391, 0x392, 0x3A7, 0x394, 0x395, 0x3A6, 0x393, 0x397, 0x399,
      0x3D1, 0x39A, 0x39B, 0x39C, 0x39D, 0x39F, 0x3A0, 0x398, 0x3A1,
      0x3A3, 0x3A4, 0x3A5, 0x3C2, 0x3A9, 0x39E, 0x3A8, 0x396};
  if (c >= 'A' && c <= 'Z') return greek[c - 'A'];
  if (c >= 'a' && c <= 'z') {
    unsigned long g = greek[c - 'a'];
    if (g == 0x3D1) return 0x3C6;   /* j: phi */
    if (g == 0x3C2) return 0x3D6;   /* v: pi symbol */
    return g + 0x20;
  }
  switch (c) {
    case 0x22: return 0x2200;  /* for all */
    case 0x24: return 0x2203;  /* there exists */
    case 0x27: return 0x220B;
    case 0x2A: return 0x2217;
    case 0x2D: return 0x2D;    /* minus: keep a plain hyphen-minus */
    case 0x40: return 0x2245;
    case 0x5E: return 0x22A5;
    case 0x60: return 0xF8E5;
    case 0xA3: return 0x2264;  /* less or equal */
    case 0xA5: return 0x221E;  /* infinity */
    case 0xA7: return 0x2663;
    case 0xA8: return 0x2666;
    case 0xA9: return 0x2665;
    case 0xAA: return 0x2660;
    case 0xAB: return 0x2194;
    case 0xAC: return 0x2190;
    case 0xAD: return 0x2191;
    case 0xAE: return 0x2192;  /* right arrow */
    case 0xAF: return 0x2193;
    case 0xB0: return 0xB0;
    case 0xB1: return 0xB1;
    case 0xB2: return 0x2033;
    case 0xB3: return 0x2265;  /* greater or equal */
    case 0xB4: return 0xD7;
    case 0xB5: return 0x221D;
    case 0xB6: return 0x2202;
    case 0xB7: return 0x2022;  /* bullet */
    case 0xB8: return 0xF7;
    case 0xB9: return 0x2260;
    case 0xBA: return 0x2261;
    case 0xBB: return 0x2248;
    case 0xBC: return 0x2026;
    case 0xD6: return 0x221A;
    case 0xD7: return 0x22C5;
    case 0xD8: return 0xAC;
    case 0xDB: return 0x21D4;
    case 0xDC: return 0x21D0;
    case 0xDE: return 0x21D2;
    case 0xE0: return 0x25CA;
    default: break;
  }
  return c < 0x80 ? c : 0x2022;
}

/* Wingdings: the few glyphs documents use as marks; the rest are bullets. */
static unsigned long zx_wingdings(unsigned c) {
  switch (c) {
    case 0x6C: return 0x25CF;  /* black circle */
    case 0x6E: return 0x25A0;  /* black square */
    case 0x71: return 0x2751;
    case 0x75: return 0x25C6;
    case 0x76: return 0x2756;
    case 0xA7: return 0x25AA;  /* small square */
    case 0xA8: return 0x25FB;
    case 0xD8: return 0x27A2;  /* arrowhead */
    case 0xE0: return 0x2192;
    case 0xE8: return 0x2794;
    case 0xF0: return 0x21E8;
    case 0xFB: return 0x2717;
    case 0xFC: return 0x2713;  /* check mark */
    case 0xFE: return 0x2611;
    default: return 0x2022;
  }
}

size_t vb_zx_symbol(unsigned long c, int font, char out[8]) {
  unsigned long u = c;
  int pua = c >= 0xF000 && c <= 0xF0FF;
  unsigned code = (unsigned)(pua ? c - 0xF000 : c);
  if (font == VB_ZX_FONT_SYMBOL && (pua || c < 0x100))
    u = zx_symbol_font(code);
  else if (font == VB_ZX_FONT_WINGDINGS && (pua || c < 0x100))
    u = zx_wingdings(code);
  else if (pua)
    u = code == 0xB7 ? 0x2022 : code == 0x2D ? 0x2D : 0x2022;
  if (u >= 0xE000 && u <= 0xF8FF) u = 0x2022;  /* still private: bullet */
  if (u == 0 || u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) u = 0x2022;
  size_t k = vb_utf8_encode((uint32_t)u, out);
  out[k] = '\0';
  return k;
}

/* Decode the character at s (text from libxml2, NUL-terminated): its
** value, or U+FFFD for a byte that does not start a UTF-8 character. */
static unsigned long zx_decode(const unsigned char *s, size_t *adv) {
  uint32_t c;
  size_t k = vb_utf8_decode(s, strnlen((const char *)s, 4), &c);
  *adv = k ? k : 1;
  return k ? c : 0xFFFD;
}

size_t vb_zx_bullet(const char *s, int font, char *out, size_t cap) {
  size_t len = 0;
  out[0] = '\0';
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    size_t adv;
    unsigned long c = zx_decode(p, &adv);
    char tmp[8];
    int symbolic = font != VB_ZX_FONT_OTHER || (c >= 0xE000 && c <= 0xF8FF);
    if (symbolic) {
      vb_zx_symbol(c, font, tmp);
      /* In a symbol font a dash-like glyph is a dash, anything else a
      ** bullet: arrows, squares and diamonds all read as "•". */
      if (strcmp(tmp, "-") != 0 && strcmp(tmp, "+") != 0 &&
          strcmp(tmp, "\xE2\x80\x93") != 0)
        snprintf(tmp, sizeof tmp, "\xE2\x80\xA2");
    } else {
      memcpy(tmp, p, adv);
      tmp[adv] = '\0';
    }
    zx_add(out, cap, &len, tmp);
    p += adv;
  }
  return len;
}

/* ------------------------------------------------------------------ */
/* Properties and result                                               */

typedef struct zx_props {
  vb_zx *z;
  const vb_zx_prop_rule *rules;
  size_t n;
  int cur;                    /* rule whose element is open, or -1 */
  vb_buf val[ZX_MAX_RULES];
} zx_props;

static int props_start(void *u, int tok) {
  zx_props *p = u;
  for (size_t i = 0; i < p->n; i++)
    if (p->rules[i].tok == tok && p->val[i].len == 0) p->cur = (int)i;
  return VB_ZX_DESCEND;
}

static void props_end(void *u, int tok) {
  zx_props *p = u;
  if (p->cur >= 0 && p->rules[p->cur].tok == tok) p->cur = -1;
}

static void props_text(void *u, const char *s, size_t n) {
  zx_props *p = u;
  if (p->cur < 0) return;
  /* Over-long values are cut at the cap: a property is only a label. */
  if (vb_buf_append(&p->val[p->cur], s, n) == VB_ENOMEM)
    vb_zx_fail(p->z, VB_ENOMEM, "out of memory");
}

/* Trim s[0..*n) of white space; returns the new start. */
static const char *zx_trim(const char *s, size_t *n) {
  while (*n && (unsigned char)*s <= ' ') s++, (*n)--;
  while (*n && (unsigned char)s[*n - 1] <= ' ') (*n)--;
  return s;
}

vb_status vb_zx_read_props(vb_zx *z, const char *entry,
                           const vb_zx_prop_rule *rules, size_t n_rules,
                           vb_error *err) {
  static const vb_zx_handler h = {props_start, props_end, props_text};
  zx_props p;
  p.z = z;
  p.rules = rules;
  p.n = n_rules < ZX_MAX_RULES ? n_rules : ZX_MAX_RULES;
  p.cur = -1;
  for (size_t i = 0; i < p.n; i++) vb_buf_init(&p.val[i], VB_CAP_SMALL);
  vb_status rc = vb_zx_parse(z, entry, &h, &p, err);
  if (rc == VB_ENOTFOUND) rc = VB_OK;
  for (size_t i = 0; i < p.n && rc == VB_OK; i++) {
    if (rules[i].slot < 0 || rules[i].slot >= VB_ZX_NPROPS) continue;
    vb_buf *dst = &z->props[rules[i].slot];
    size_t len = p.val[i].len;
    const char *s = zx_trim(p.val[i].data ? p.val[i].data : "", &len);
    if (!len || dst->len) continue;
    vb_error e2;
    rc = vb_text_nfc(s, len, dst, &e2);
    if (rc == VB_ELIMIT) {
      vb_buf_reset(dst);  /* a property longer than the cap is dropped */
      rc = VB_OK;
    } else if (rc != VB_OK) {
      vb_error_set(err, rc, "%s", e2.msg);
    }
  }
  for (size_t i = 0; i < p.n; i++) vb_buf_free(&p.val[i]);
  return rc;
}

/* 1 if s[0..n) is certainly NFC already: every character lies in a range
** that holds no combining mark, no character that composes with the one
** before it and no character that NFC changes — ASCII to U+02FF, the
** precomposed Vietnamese letters (U+1E00..U+1EFF) and the punctuation,
** arrow, mathematical and symbol blocks documents use.  Most documents
** pass, and skip the normalisation (half the reading time otherwise). */
static int zx_is_nfc(const char *s, size_t n) {
  static const uint32_t safe[][2] = {
      {0x0000, 0x02FF}, {0x1E00, 0x1EFF}, {0x2010, 0x2027}, {0x2030, 0x205E},
      {0x20A0, 0x20CF}, {0x2190, 0x22FF}, {0x2460, 0x24FF}, {0x2500, 0x27BF}};
  const unsigned char *p = (const unsigned char *)s, *e = p + n;
  while (p < e) {
    if (*p < 0x80) {
      p++;
      continue;
    }
    size_t adv;
    unsigned long c = zx_decode(p, &adv);
    if ((size_t)(e - p) < adv) return 0;
    p += adv;
    size_t i = 0;
    while (i < sizeof safe / sizeof safe[0] && !(c >= safe[i][0] && c <= safe[i][1]))
      i++;
    if (i == sizeof safe / sizeof safe[0]) return 0;
  }
  return 1;
}

/* NFC of b into a new string: *out (vb_free) and *len.  b is emptied. */
static vb_status zx_nfc(vb_buf *b, size_t cap, char **out, size_t *len,
                        vb_error *err) {
  if (b->len <= cap && zx_is_nfc(b->data, b->len)) {
    if (!(*out = vb_buf_take(b, len)))
      return vb_error_set(err, VB_ENOMEM, "out of memory");
    return VB_OK;
  }
  vb_buf t;
  vb_buf_init(&t, cap);
  vb_status rc = vb_text_nfc(b->data ? b->data : "", b->len, &t, err);
  if (rc == VB_ELIMIT)
    rc = vb_error_set(err, rc, "text longer than %zu bytes", cap);
  if (rc == VB_OK && !(*out = vb_buf_take(&t, len)))
    rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  vb_buf_free(&t);
  return rc;
}

vb_status vb_zx_finish(vb_zx *z, vb_doc *doc, vb_error *err) {
  while (z->nlines && !z->rc) vb_zx_par_flush(z, "", 0);
  if (z->rc) return zx_report(z, err);
  vb_buf *body = &z->out[VB_ZX_BODY];
  vb_status rc = vb_buf_append(body, z->out[VB_ZX_NOTES].data,
                               z->out[VB_ZX_NOTES].len);
  if (rc != VB_OK)
    return vb_error_set(err, rc, rc == VB_ELIMIT ? "text longer than %zu bytes"
                                                 : "out of memory",
                        body->max);
  rc = zx_nfc(body, z->lim.max_text_bytes, &doc->text, &doc->text_len, err);
  if (rc == VB_OK && z->out[VB_ZX_EXTRA].len)
    rc = zx_nfc(&z->out[VB_ZX_EXTRA], ZX_EXTRA_CAP * 2, &doc->extra,
                &doc->extra_len, err);
  char **dst[VB_ZX_NPROPS] = {&doc->prop_title, &doc->prop_creator,
                              &doc->prop_created, &doc->prop_modified};
  for (int i = 0; i < VB_ZX_NPROPS && rc == VB_OK; i++) {
    if (!z->props[i].len) continue;
    if (!(*dst[i] = vb_buf_take(&z->props[i], NULL)))
      rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  return rc;
}
