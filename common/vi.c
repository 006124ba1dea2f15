/*
** vi.c: Vietnamese text helpers (see vi.h): canonical tone placement, lower
** case, folding, and the token scanner and normaliser behind the FTS5
** tokenizer.
**
** Text is cut into segments.  ASCII outside words is copied (lower-cased
** where asked) in bulk.  A word (a letter followed by letters and combining
** marks) is taken apart into letters: a vowel becomes (vowel with its
** quality mark, tone, case), anything else stays a code point.  A word that
** reads as one Vietnamese syllable gets its single tone put on the vowel
** the rules pick and is composed again from the table below; every other
** word and every other non-ASCII run goes through utf8proc (NFC, case
** mapping), in bounded chunks, on the stack.
*/
#include "vi.h"
#include "utf8.h"

#include <pthread.h>
#include <string.h>
#include <utf8proc.h>

/* Longest Vietnamese syllable in letters ("nghiêng" has 7), with room. */
#define VI_MAX_LETTERS 10
/* Longest word, in bytes, that can be one syllable: each letter at most a
** base byte plus a quality and a tone mark of two bytes each, decomposed. */
#define VI_WORD_MAX (VI_MAX_LETTERS * 5)
/* Non-Vietnamese text is normalised this many bytes at a time; a chunk ends
** before a character NFC never joins to what precedes it. */
#define VI_CHUNK 128
/* A chunk that finds no such character by this size is cut anyway (only
** text without a single plain starter in 512 bytes can be affected). */
#define VI_CHUNK_MAX (4 * VI_CHUNK)
/* Code points of one decomposed chunk: canonical decomposition yields at
** most 1.5 code points per UTF-8 byte. */
#define VI_CHUNK_CPS (2 * VI_CHUNK_MAX + 8)

/* What a mode asks for. */
enum { VI_CANON, VI_LOWER, VI_FOLD };

/* Vowels: the twelve Vietnamese vowel letters, quality mark included. */
enum {
  V_NONE, V_A, V_AW, V_AA, V_E, V_EE, V_I, V_O, V_OO, V_OW, V_U, V_UW, V_Y,
  V_COUNT
};

/* Tones, in the column order of vi_lower_cp. */
enum { T_NONE, T_GRAVE, T_ACUTE, T_HOOK, T_TILDE, T_DOT, T_COUNT };

/* Lower-case letters by vowel and tone (no tone, huyền, sắc, hỏi, ngã,
** nặng).  Upper case is derived at start-up. */
static const uint16_t vi_lower_cp[V_COUNT][T_COUNT] = {
    {0, 0, 0, 0, 0, 0},
    {0x0061, 0x00E0, 0x00E1, 0x1EA3, 0x00E3, 0x1EA1}, /* a */
    {0x0103, 0x1EB1, 0x1EAF, 0x1EB3, 0x1EB5, 0x1EB7}, /* ă */
    {0x00E2, 0x1EA7, 0x1EA5, 0x1EA9, 0x1EAB, 0x1EAD}, /* â */
    {0x0065, 0x00E8, 0x00E9, 0x1EBB, 0x1EBD, 0x1EB9}, /* e */
    {0x00EA, 0x1EC1, 0x1EBF, 0x1EC3, 0x1EC5, 0x1EC7}, /* ê */
    {0x0069, 0x00EC, 0x00ED, 0x1EC9, 0x0129, 0x1ECB}, /* i */
    {0x006F, 0x00F2, 0x00F3, 0x1ECF, 0x00F5, 0x1ECD}, /* o */
    {0x00F4, 0x1ED3, 0x1ED1, 0x1ED5, 0x1ED7, 0x1ED9}, /* ô */
    {0x01A1, 0x1EDD, 0x1EDB, 0x1EDF, 0x1EE1, 0x1EE3}, /* ơ */
    {0x0075, 0x00F9, 0x00FA, 0x1EE7, 0x0169, 0x1EE5}, /* u */
    {0x01B0, 0x1EEB, 0x1EE9, 0x1EED, 0x1EEF, 0x1EF1}, /* ư */
    {0x0079, 0x1EF3, 0x00FD, 0x1EF7, 0x1EF9, 0x1EF5}, /* y */
};

/* Base letter and whether the vowel carries a quality mark. */
static const char vi_base[V_COUNT + 1] = "?aaaeeiooouuy";
static const unsigned char vi_has_quality[V_COUNT] = {0, 0, 1, 1, 0, 1, 0,
                                                      0, 1, 1, 0, 1, 0};

#define CP_D_STROKE_UP 0x0110 /* Đ */
#define CP_D_STROKE 0x0111    /* đ */
#define CP_ETH_UP 0x00D0      /* Ð, the look-alike of Đ */

/* Built once (vi_build): the reverse lookup code point ->
** packed (vowel | tone << 4 | upper << 7) for the two blocks holding
** Vietnamese letters, plus ASCII. */
#define VI_LAT_LO 0x00C0
#define VI_LAT_HI 0x01B1
#define VI_EXT_LO 0x1EA0
#define VI_EXT_HI 0x1EFA
static unsigned char vi_rev_ascii[128];
static unsigned char vi_rev_lat[VI_LAT_HI - VI_LAT_LO];
static unsigned char vi_rev_ext[VI_EXT_HI - VI_EXT_LO];
static pthread_once_t vi_once = PTHREAD_ONCE_INIT;

static void vi_rev_set(uint32_t c, unsigned char packed) {
  if (c < 128)
    vi_rev_ascii[c] = packed;
  else if (c >= VI_LAT_LO && c < VI_LAT_HI)
    vi_rev_lat[c - VI_LAT_LO] = packed;
  else if (c >= VI_EXT_LO && c < VI_EXT_HI)
    vi_rev_ext[c - VI_EXT_LO] = packed;
}

static inline int vi_ascii_alpha(unsigned char c) {
  return (unsigned char)((c | 0x20) - 'a') < 26;
}

static inline int vi_ascii_alnum(unsigned char c) {
  return vi_ascii_alpha(c) || (unsigned char)(c - '0') < 10;
}

static inline char vi_ascii_lower(unsigned char c) {
  return (char)((unsigned char)(c - 'A') < 26 ? c + 32 : c);
}

/* Character classes for segmentation. */
enum { C_OTHER, C_LETTER, C_MARK, C_DIGIT };

/* Classes below this code point come from a table built at start-up:
** Latin, Vietnamese, Greek, Cyrillic, combining marks and punctuation. */
#define VI_CLASS_TAB 0x3000
static unsigned char vi_class_tab[VI_CLASS_TAB];

static int vi_class_of(uint32_t c) {
  if (c < 0x80)
    return vi_ascii_alpha((unsigned char)c)            ? C_LETTER
           : (unsigned char)(c - '0') < 10 ? C_DIGIT
                                           : C_OTHER;
  switch (utf8proc_category((utf8proc_int32_t)c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      return C_LETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return C_MARK;
    case UTF8PROC_CATEGORY_ND:
      return C_DIGIT;
    default:
      return C_OTHER;
  }
}

/* Vietnamese letters as UTF-8, by vowel, tone and case (1 = upper). */
typedef struct vi_u8 {
  unsigned char len;
  char b[3];
} vi_u8;
static vi_u8 vi_u8_tab[V_COUNT][T_COUNT][2];

static void vi_build(void) {
  for (int v = 1; v < V_COUNT; v++)
    for (int t = 0; t < T_COUNT; t++) {
      uint32_t lo = vi_lower_cp[v][t];
      uint32_t up = (uint32_t)utf8proc_toupper((utf8proc_int32_t)lo);
      char tmp[4] = {0};
      vi_u8_tab[v][t][0].len = (unsigned char)vb_utf8_encode(lo, tmp);
      memcpy(vi_u8_tab[v][t][0].b, tmp, 3);
      vi_u8_tab[v][t][1].len = (unsigned char)vb_utf8_encode(up, tmp);
      memcpy(vi_u8_tab[v][t][1].b, tmp, 3);
      vi_rev_set(lo, (unsigned char)(v | t << 4));
      vi_rev_set(up, (unsigned char)(v | t << 4 | 0x80));
    }
  for (uint32_t c = 0; c < VI_CLASS_TAB; c++)
    vi_class_tab[c] = (unsigned char)vi_class_of(c);
}

static inline void vi_init(void) { pthread_once(&vi_once, vi_build); }

static inline int vi_class(uint32_t c) {
  return c < VI_CLASS_TAB ? vi_class_tab[c] : vi_class_of(c);
}

/* Packed vowel entry of c, or 0 when c is no Vietnamese vowel letter. */
static inline unsigned vi_lookup(uint32_t c) {
  if (c < 128) return vi_rev_ascii[c];
  if (c >= VI_LAT_LO && c < VI_LAT_HI) return vi_rev_lat[c - VI_LAT_LO];
  if (c >= VI_EXT_LO && c < VI_EXT_HI) return vi_rev_ext[c - VI_EXT_LO];
  return 0;
}

/* Where results go: a vb_buf (status kept in rc), or a fixed array that
** cuts at a character boundary when full. */
typedef struct vi_sink {
  vb_buf *buf;
  char *p;
  size_t len, cap;
  vb_status rc;
  int full;
} vi_sink;

static void sink_put(vi_sink *k, const char *s, size_t n) {
  if (k->rc != VB_OK || k->full) return;
  if (k->buf) {
    k->rc = vb_buf_append(k->buf, s, n);
    return;
  }
  if (n > k->cap - k->len) {
    n = k->cap - k->len;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    k->full = 1;
  }
  memcpy(k->p + k->len, s, n);
  k->len += n;
}

static inline int sink_done(const vi_sink *k) {
  return k->rc != VB_OK || k->full;
}

/* ASCII bytes, lower-cased unless mode is VI_CANON. */
static void vi_ascii(const char *s, size_t n, int mode, vi_sink *k) {
  if (mode == VI_CANON) {
    sink_put(k, s, n);
    return;
  }
  char tmp[512];
  while (n > 0 && !sink_done(k)) {
    size_t m = n < sizeof tmp ? n : sizeof tmp;
    for (size_t i = 0; i < m; i++) tmp[i] = vi_ascii_lower((unsigned char)s[i]);
    sink_put(k, tmp, m);
    s += m;
    n -= m;
  }
}

/* ---- Non-Vietnamese text: utf8proc NFC in chunks ---- */

/* 1 if NFC never joins c to the character before it: a starter outside the
** scripts whose vowel signs or jamo compose with what precedes them. */
static int vi_nfc_boundary(uint32_t c) {
  if (c < 0x0300) return 1;
  if ((c >= 0x0900 && c < 0x0E00) || (c >= 0x1000 && c < 0x1100) ||
      (c >= 0x1161 && c < 0x1176) || (c >= 0x11A8 && c < 0x11C3) ||
      (c >= 0x1B00 && c < 0x1B80) || (c >= 0x11000 && c < 0x11A00))
    return 0;  /* Indic vowel signs, Hangul vowel and final jamo */
  return utf8proc_get_property((utf8proc_int32_t)c)->combining_class == 0;
}

/* Per-character mapping applied before decomposition. */
static utf8proc_int32_t vi_map_cp(utf8proc_int32_t c, void *data) {
  int mode = *(const int *)data;
  if (c == CP_ETH_UP) c = CP_D_STROKE_UP;
  if (mode != VI_CANON) c = utf8proc_tolower(c);
  if (mode == VI_FOLD && c == CP_D_STROKE) c = 'd';
  return c;
}

static int vi_is_latin(utf8proc_int32_t c) {
  return c < 0x0250 || (c >= 0x1E00 && c < 0x1F00);
}

/* Normalise one chunk of valid UTF-8 (at most VI_CHUNK_MAX bytes). */
static void vi_nfc_chunk(const char *s, size_t n, int mode, vi_sink *k) {
  utf8proc_int32_t cps[VI_CHUNK_CPS];
  utf8proc_ssize_t m = utf8proc_decompose_custom(
      (const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, cps, VI_CHUNK_CPS,
      UTF8PROC_COMPOSE | UTF8PROC_STABLE, vi_map_cp, &mode);
  if (m < 0 || m > VI_CHUNK_CPS) {  /* cannot happen for valid UTF-8 */
    sink_put(k, s, n);
    return;
  }
  if (mode == VI_FOLD) {  /* drop diacritics that sit on Latin letters */
    utf8proc_ssize_t w = 0;
    int latin = 0;
    for (utf8proc_ssize_t r = 0; r < m; r++) {
      utf8proc_int32_t c = cps[r];
      if (c >= 0x0300 && c < 0x0370) {
        if (latin) continue;
      } else {
        latin = vi_is_latin(c);
      }
      cps[w++] = c;
    }
    m = w;
  }
  m = utf8proc_normalize_utf32(cps, m, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
  if (m < 0) {
    sink_put(k, s, n);
    return;
  }
  char out[256];
  size_t len = 0;
  for (utf8proc_ssize_t i = 0; i < m; i++) {
    if (len > sizeof out - 4) {
      sink_put(k, out, len);
      len = 0;
    }
    len += vb_utf8_encode((uint32_t)cps[i], out + len);
  }
  sink_put(k, out, len);
}

/* Normalise valid UTF-8 of any length, chunk by chunk. */
static void vi_nfc(const char *s, size_t n, int mode, vi_sink *k) {
  size_t i = 0;
  while (i < n && !sink_done(k)) {
    size_t j = i;
    while (j < n) {
      uint32_t c = 0;
      size_t len = vb_utf8_decode(s + j, n - j, &c);
      if (len == 0) len = 1;  /* callers pass valid text; stay safe */
      if (j - i >= VI_CHUNK && (vi_nfc_boundary(c) || j - i >= VI_CHUNK_MAX))
        break;
      j += len;
    }
    vi_nfc_chunk(s + i, j - i, mode, k);
    i = j;
  }
}

/* ---- Vietnamese syllables ---- */

typedef struct vi_letter {
  uint32_t cp;         /* consonant code point (Ð already made Đ) */
  unsigned char v;     /* vowel V_*, or V_NONE for a consonant */
  unsigned char tone;  /* T_* */
  unsigned char up;    /* 1 for upper case */
} vi_letter;

/* Add combining mark c to letter l; 0 if it does not make a Vietnamese
** letter. */
static int vi_apply_mark(vi_letter *l, uint32_t c) {
  int tone = T_NONE;
  switch (c) {
    case 0x0300: case 0x0340: tone = T_GRAVE; break;
    case 0x0301: case 0x0341: tone = T_ACUTE; break;
    case 0x0309: tone = T_HOOK; break;
    case 0x0303: tone = T_TILDE; break;
    case 0x0323: tone = T_DOT; break;
    default: break;
  }
  if (l->v == V_NONE) return 0;
  if (tone != T_NONE) {
    if (l->tone != T_NONE) return 0;
    l->tone = (unsigned char)tone;
    return 1;
  }
  int v = V_NONE;
  switch (c) {
    case 0x0302:  /* circumflex */
      v = l->v == V_A ? V_AA : l->v == V_E ? V_EE : l->v == V_O ? V_OO : 0;
      break;
    case 0x0306:  /* breve */
      v = l->v == V_A ? V_AW : 0;
      break;
    case 0x031B:  /* horn */
      v = l->v == V_O ? V_OW : l->v == V_U ? V_UW : 0;
      break;
    default:
      break;
  }
  if (v == V_NONE) return 0;
  l->v = (unsigned char)v;
  return 1;
}

/* Take a word apart into letters; returns the count, or -1 when the word
** holds something no Vietnamese syllable has. */
static int vi_parse(const char *s, size_t n, vi_letter *L) {
  int k = 0;
  size_t i = 0;
  while (i < n) {
    uint32_t c;
    size_t len = vb_utf8_decode(s + i, n - i, &c);
    if (len == 0) return -1;
    i += len;
    if (c >= 0x0300 && c < 0x0370) {
      if (k == 0 || !vi_apply_mark(&L[k - 1], c)) return -1;
      continue;
    }
    if (k == VI_MAX_LETTERS) return -1;
    unsigned packed = vi_lookup(c);
    vi_letter *l = &L[k++];
    l->cp = c;
    l->v = (unsigned char)(packed & 0x0F);
    l->tone = (unsigned char)(packed >> 4 & 0x07);
    l->up = (unsigned char)(packed >> 7);
    if (packed) continue;
    if (c == CP_ETH_UP || c == CP_D_STROKE_UP) {
      l->cp = CP_D_STROKE_UP;
      l->up = 1;
    } else if (c == CP_D_STROKE) {
      l->up = 0;
    } else if (c < 0x80 && vi_ascii_alpha((unsigned char)c)) {
      l->up = c < 'a';
    } else {
      return -1;
    }
  }
  return k;
}

static int vi_is_cons(const vi_letter *l, char lower) {
  return l->v == V_NONE && (l->cp | 0x20) == (uint32_t)lower;
}

/* Put the single tone of a syllable where the canonical rules want it.
** Words with no tone, two tones, or no C*V+C* shape are left alone. */
static void vi_place(vi_letter *L, int k) {
  int tone = T_NONE, ntone = 0, cur = -1, a = -1, b = -1;
  for (int i = 0; i < k; i++) {
    if (L[i].v == V_NONE) continue;
    if (a < 0)
      a = i;
    else if (i != b)
      return;  /* two vowel groups: not one syllable */
    b = i + 1;
    if (L[i].tone != T_NONE) {
      tone = L[i].tone;
      cur = i;
      ntone++;
    }
  }
  if (ntone != 1 || a > 3 || k - b > 2) return;  /* onsets: ngh; finals: ng */
  int nb = a;  /* first vowel of the nucleus */
  if (b - a >= 2 && a >= 1 && vi_is_cons(&L[a - 1], 'q') && L[a].v == V_U)
    nb = a + 1;  /* qu- */
  else if (b - a >= 2 && a == 1 && vi_is_cons(&L[0], 'g') && L[a].v == V_I)
    nb = a + 1;  /* gi- */
  int len = b - nb;
  if (len > 3) return;
  int pos = -1;
  for (int i = nb; i < b; i++)
    if (vi_has_quality[L[i].v]) pos = i;  /* last of ươ */
  if (pos < 0) {
    if (len == 1)
      pos = nb;
    else if (b < k)
      pos = b - 1;  /* hoàn, toán */
    else if (len == 3)
      pos = nb + 1;  /* hoài, khuỷu */
    else
      pos = nb;  /* hòa, thủy: the old style of official documents */
  }
  L[cur].tone = T_NONE;
  L[pos].tone = (unsigned char)tone;
}

/* Compose letters back into UTF-8 at o (room for 3 bytes per letter). */
static size_t vi_emit(const vi_letter *L, int k, int mode, char *o) {
  size_t len = 0;
  for (int i = 0; i < k; i++) {
    const vi_letter *l = &L[i];
    if (l->v != V_NONE && mode != VI_FOLD) {
      const vi_u8 *u = &vi_u8_tab[l->v][l->tone][mode == VI_CANON && l->up];
      memcpy(o + len, u->b, 3);
      len += u->len;
    } else if (l->v != V_NONE) {
      o[len++] = vi_base[l->v];
    } else if (l->cp < 0x80) {
      o[len++] = mode == VI_CANON ? (char)l->cp : vi_ascii_lower((unsigned char)l->cp);
    } else if (mode == VI_FOLD) {
      o[len++] = 'd';
    } else {
      len += vb_utf8_encode(mode == VI_CANON ? l->cp : CP_D_STROKE, o + len);
    }
  }
  return len;
}

/* Syllables met lately on this thread, by their bytes and what was asked:
** the words of a text repeat, and a lookup costs less than taking a word
** apart and composing it again.  Direct-mapped; a slot holds one word. */
#define VI_MEMO 1024
#define VI_SYL_BYTES (VI_MAX_LETTERS * 3) /* vi_emit's most for a word */
typedef struct vi_memo {
  unsigned char n;     /* bytes of s (0: empty slot) */
  unsigned char key;   /* mode, | 4 when the folded form was made too */
  unsigned char n1, n2; /* bytes of o1 (0xFF: not a syllable) and o2 */
  char s[VI_WORD_MAX];
  char o1[VI_SYL_BYTES], o2[VI_SYL_BYTES];
} vi_memo;
static _Thread_local vi_memo vi_memo_tab[VI_MEMO];

/* The word s[0..n) (0 < n <= VI_WORD_MAX) as one syllable, its single tone
** placed: composed in mode at o1 (*n1 bytes) and, when o2 is not NULL, in
** VI_FOLD at o2 (*n2 bytes), each of room VI_SYL_BYTES.  0 if the word is
** no syllable (nothing written). */
static int vi_syllable(const char *s, size_t n, int mode, char *o1,
                       size_t *n1, char *o2, size_t *n2) {
  unsigned key = (unsigned)mode | (o2 ? 4u : 0u);
  uint32_t h = 2166136261u ^ key;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  vi_memo *e = &vi_memo_tab[(h ^ h >> 15) & (VI_MEMO - 1)];
  if (e->n != n || e->key != key || memcmp(e->s, s, n) != 0) {
    vi_letter L[VI_MAX_LETTERS];
    int cnt = vi_parse(s, n, L);
    e->n = (unsigned char)n;
    e->key = (unsigned char)key;
    memcpy(e->s, s, n);
    e->n1 = 0xFF;
    e->n2 = 0;
    if (cnt >= 0) {
      vi_place(L, cnt);
      e->n1 = (unsigned char)vi_emit(L, cnt, mode, e->o1);
      if (o2) e->n2 = (unsigned char)vi_emit(L, cnt, VI_FOLD, e->o2);
    }
  }
  if (e->n1 == 0xFF) return 0;
  memcpy(o1, e->o1, e->n1);
  *n1 = e->n1;
  if (o2) {
    memcpy(o2, e->o2, e->n2);
    *n2 = e->n2;
  }
  return 1;
}

/* A word (letter, then letters and marks): as a syllable when it is one,
** else through NFC.  mode goes to k; fold (if not NULL) gets VI_FOLD. */
static void vi_word(const char *s, size_t n, int mode, vi_sink *k,
                    vi_sink *fold) {
  char out[VI_SYL_BYTES], out2[VI_SYL_BYTES];
  size_t n1, n2;
  if (n > 0 && n <= VI_WORD_MAX &&
      vi_syllable(s, n, mode, out, &n1, fold ? out2 : NULL, &n2)) {
    sink_put(k, out, n1);
    if (fold) sink_put(fold, out2, n2);
    return;
  }
  vi_nfc(s, n, mode, k);
  if (fold) vi_nfc(s, n, VI_FOLD, fold);
}

/* End of the word that starts at i (a letter). */
static size_t vi_word_end(const char *s, size_t n, size_t i) {
  while (i < n) {
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) {
      if (!vi_ascii_alpha(b)) break;
      i++;
      continue;
    }
    uint32_t c;
    size_t len = vb_utf8_decode(s + i, n - i, &c);
    if (len == 0) break;
    int cls = vi_class(c);
    if (cls != C_LETTER && cls != C_MARK) break;
    i += len;
  }
  return i;
}

/* End of a run of valid non-ASCII characters that are not letters, from i;
** in_token also ends it at a separator. */
static size_t vi_other_end(const char *s, size_t n, size_t i, int in_token) {
  while (i < n && (unsigned char)s[i] >= 0x80) {
    uint32_t c;
    size_t len = vb_utf8_decode(s + i, n - i, &c);
    if (len == 0) break;
    int cls = vi_class(c);
    if (cls == C_LETTER || (in_token && cls == C_OTHER)) break;
    i += len;
  }
  return i;
}

static vb_status vi_run(const char *s, size_t n, int mode, vb_buf *out) {
  vi_init();
  vi_sink k = {out, NULL, 0, 0, VB_OK, 0};
  size_t i = 0;
  while (i < n && k.rc == VB_OK) {
    size_t j = i;
    while (j < n && (unsigned char)s[j] < 0x80) j++;
    /* [i, j) is ASCII; the word or the sign a mark may join that touches
    ** the next character stays with it. */
    size_t stop = j, len = 0;
    uint32_t c = 0;
    int cls = C_OTHER;
    if (j < n) {
      len = vb_utf8_decode(s + j, n - j, &c);
      cls = len ? vi_class(c) : C_OTHER;
      if (cls == C_LETTER || cls == C_MARK)
        while (stop > i && vi_ascii_alpha((unsigned char)s[stop - 1])) stop--;
      if (cls == C_MARK && stop == j && stop > i) stop--;
    }
    vi_ascii(s + i, stop - i, mode, &k);
    i = stop;
    if (i >= n) break;
    if (len == 0) {  /* invalid byte: copied through */
      sink_put(&k, s + i, 1);
      i++;
      continue;
    }
    if (cls == C_LETTER || (stop < j && vi_ascii_alpha((unsigned char)s[stop]))) {
      size_t e = vi_word_end(s, n, stop);
      vi_word(s + stop, e - stop, mode, &k, NULL);
      i = e;
    } else {
      size_t e = vi_other_end(s, n, j + len, 0);
      vi_nfc(s + stop, e - stop, mode, &k);
      i = e;
    }
  }
  return k.rc;
}

vb_status vb_vi_canon(const char *s, size_t n, vb_buf *out) {
  return vi_run(s, n, VI_CANON, out);
}

vb_status vb_vi_lower(const char *s, size_t n, vb_buf *out) {
  return vi_run(s, n, VI_LOWER, out);
}

vb_status vb_vi_fold(const char *s, size_t n, vb_buf *out) {
  return vi_run(s, n, VI_FOLD, out);
}

int vb_vi_has_marks(const char *s, size_t n) {
  vi_init();
  size_t i = 0;
  while (i < n) {
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
    uint32_t c;
    size_t len = vb_utf8_decode(s + i, n - i, &c);
    if (len == 0) {
      i++;
      continue;
    }
    unsigned packed = vi_lookup(c);
    if ((packed & 0x70) || vi_has_quality[packed & 0x0F]) return 1;
    if (c == CP_D_STROKE || c == CP_D_STROKE_UP || c == CP_ETH_UP) return 1;
    switch (c) {
      case 0x0300: case 0x0301: case 0x0302: case 0x0303: case 0x0306:
      case 0x0309: case 0x031B: case 0x0323: case 0x0340: case 0x0341:
        return 1;
      default:
        break;
    }
    i += len;
  }
  return 0;
}

/* ---- Tokens ---- */

int vb_vi_next_token(const char *s, size_t n, size_t *pos, size_t *start,
                     size_t *end) {
  vi_init();
  size_t i = *pos;
  while (i < n) {  /* skip separators */
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) {
      if (vi_ascii_alnum(b)) break;
      i++;
      continue;
    }
    uint32_t c;
    size_t len = vb_utf8_decode(s + i, n - i, &c);
    if (len == 0) {
      i++;
      continue;
    }
    if (vi_class(c) != C_OTHER) break;
    i += len;
  }
  if (i >= n) {
    *pos = n;
    return 0;
  }
  *start = i;
  while (i < n) {
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) {
      if (!vi_ascii_alnum(b)) break;
      i++;
      continue;
    }
    uint32_t c;
    size_t len = vb_utf8_decode(s + i, n - i, &c);
    if (len == 0 || vi_class(c) == C_OTHER) break;
    i += len;
  }
  *end = *pos = i;
  return 1;
}

int vb_vi_token(const char *s, size_t n, char *exact, size_t *nexact,
                char *fold, size_t *nfold) {
  vi_init();
  size_t i = 0;
  while (i < n && (unsigned char)s[i] < 0x80) i++;
  if (i == n) {  /* ASCII: lower case only */
    size_t m = n < VB_VI_TOKEN_MAX ? n : VB_VI_TOKEN_MAX;
    for (i = 0; i < m; i++) exact[i] = fold[i] = vi_ascii_lower((unsigned char)s[i]);
    *nexact = *nfold = m;
    return 0;
  }
  /* the usual case: the token is one syllable */
  if (n <= VI_WORD_MAX && vi_syllable(s, n, VI_LOWER, exact, nexact, fold, nfold))
    return *nexact != *nfold || memcmp(exact, fold, *nfold) != 0;
  vi_sink ke = {NULL, exact, 0, VB_VI_TOKEN_MAX, VB_OK, 0};
  vi_sink kf = {NULL, fold, 0, VB_VI_TOKEN_MAX, VB_OK, 0};
  i = 0;
  while (i < n && !(ke.full && kf.full)) {
    unsigned char b = (unsigned char)s[i];
    uint32_t c = b;
    size_t len = b < 0x80 ? 1 : vb_utf8_decode(s + i, n - i, &c);
    int cls = len ? vi_class(c) : C_OTHER;
    size_t e;
    if (cls == C_LETTER) {
      e = vi_word_end(s, n, i);
      vi_word(s + i, e - i, VI_LOWER, &ke, &kf);
    } else if (cls == C_DIGIT && b < 0x80) {
      for (e = i; e < n && (unsigned char)(s[e] - '0') < 10; e++) {}
      sink_put(&ke, s + i, e - i);
      sink_put(&kf, s + i, e - i);
    } else if (cls != C_OTHER) {  /* other digits, marks not on a letter */
      e = vi_other_end(s, n, i + len, 1);
      vi_nfc(s + i, e - i, VI_LOWER, &ke);
      vi_nfc(s + i, e - i, VI_FOLD, &kf);
    } else {  /* not part of a token: skipped */
      e = i + (len ? len : 1);
    }
    i = e;
  }
  *nexact = ke.len;
  *nfold = kf.len;
  return ke.len != kf.len || memcmp(exact, fold, ke.len) != 0;
}

int vb_vi_has_lower(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), &cp);
    if (l <= 0) {
      i++;
      continue;
    }
    if (utf8proc_islower(cp)) return 1;
    i += (size_t)l;
  }
  return 0;
}

int vb_vi_starts_upper(const char *s, size_t n) {
  utf8proc_int32_t cp;
  if (n == 0) return 0;
  if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp) <=
      0)
    return 0;
  return utf8proc_isupper(cp);
}
