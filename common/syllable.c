/*
** syllable.c: Vietnamese syllable check and the join of split syllables
** (see syllable.h).  The table is data/syllables.txt, embedded as the
** string vb_syllables_txt and searched as it is: it is small, and the
** check runs only on the few words that may be pieces of a syllable.
*/
#include "syllable.h"

#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

extern const char vb_syllables_txt[];
extern const char vb_compounds_tsv[]; /* data/compounds.tsv */

/* A word longer than this is no syllable ("nghiêng" is 7 letters). */
#define MAX_CPS 16

/* 1 if the table has a line "kind: ... w ..." holding w[0..n). */
static int in_table(const char *kind, const char *w, size_t n) {
  size_t kl = strlen(kind);
  const char *p = vb_syllables_txt;
  while (*p) {
    const char *e = strchr(p, '\n');
    size_t ll = e ? (size_t)(e - p) : strlen(p);
    if (ll > kl && memcmp(p, kind, kl) == 0 && p[kl] == ':') {
      const char *q = p + kl + 1, *end = p + ll;
      while (q < end) {
        while (q < end && *q == ' ') q++;
        const char *a = q;
        while (q < end && *q != ' ') q++;
        if ((size_t)(q - a) == n && memcmp(a, w, n) == 0) return 1;
      }
    }
    if (!e) break;
    p = e + 1;
  }
  return 0;
}

/* The tone of a combining mark: 1 acute or dot below (the tones a
** stop-final rhyme takes), 2 another tone, 0 not a tone. */
static int tone_of(utf8proc_int32_t cp) {
  if (cp == 0x0301 || cp == 0x0323) return 1;
  if (cp == 0x0300 || cp == 0x0303 || cp == 0x0309) return 2;
  return 0;
}

int vb_syllable_ok(const char *s, size_t n) {
  utf8proc_int32_t cps[MAX_CPS * 3];
  utf8proc_ssize_t k, m = 0;
  int tones = 0, tone = 0;
  if (n == 0 || n > MAX_CPS * 4) return 0;
  k = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                         cps, MAX_CPS * 3, UTF8PROC_DECOMPOSE |
                         UTF8PROC_CASEFOLD);
  if (k <= 0 || k > MAX_CPS * 3) return 0;
  for (utf8proc_ssize_t i = 0; i < k; i++) { /* drop the tone mark */
    int t = tone_of(cps[i]);
    if (t) {
      tones++;
      tone = t;
      continue;
    }
    if (!((cps[i] >= 'a' && cps[i] <= 'z') || cps[i] == 0x0111 ||
          cps[i] == 0x0302 || cps[i] == 0x0306 || cps[i] == 0x031B))
      return 0; /* not a letter or a quality mark of the alphabet */
    cps[m++] = cps[i];
  }
  if (tones > 1) return 0;
  m = utf8proc_normalize_utf32(cps, m, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
  if (m <= 0) return 0;
  m = utf8proc_reencode(cps, m, UTF8PROC_STABLE);
  if (m <= 0) return 0;
  const char *w = (const char *)cps; /* the toneless word, NFC UTF-8 */
  size_t wl = (size_t)m;
  for (size_t on = 0; on < wl && on <= 3; on++) { /* onset of on bytes */
    if (on && !in_table("onset", w, on)) continue;
    const char *r = w + on;
    size_t rl = wl - on;
    if (!in_table("rhyme", r, rl)) continue;
    char last = r[rl - 1];
    int stop = last == 'c' || last == 'p' || last == 't' ||
               (rl >= 2 && r[rl - 2] == 'c' && last == 'h');
    if (stop && tone != 1) continue;
    return 1;
  }
  return 0;
}

/* 1 if s[0..n) is one to three ASCII consonants or đ, or "qu" (any case):
** a word that may be a piece of a syllable. */
static int piece(const char *s, size_t n) {
  size_t letters = 0;
  if (n == 2 && (s[0] | 0x20) == 'q' && (s[1] | 0x20) == 'u') return 1;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == 0xC4 && i + 1 < n &&
        ((unsigned char)s[i + 1] == 0x90 || (unsigned char)s[i + 1] == 0x91)) {
      i++; /* Đ đ */
    } else if (c >= 0x80 || !strchr("bcdghklmnpqrstvx", c | 0x20) ||
               !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
      return 0;
    }
    letters++;
  }
  return letters >= 1 && letters <= 3;
}

/* 1 if c (a byte) may be part of a letter: ASCII letter or UTF-8. */
static int letter_byte(unsigned char c) {
  return c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* The word at s[i..): end of the run of letter bytes; *pure is 0 when the
** run touches something other than a space or the ends of s. */
static size_t word_end(const char *s, size_t n, size_t i, int *pure) {
  size_t j = i;
  while (j < n && letter_byte((unsigned char)s[j])) j++;
  *pure = j > i && (i == 0 || s[i - 1] == ' ') && (j == n || s[j] == ' ');
  return j;
}

/* 1 if a[0..al) + b[0..bl) is a syllable. */
static int joins(const char *a, size_t al, const char *b, size_t bl) {
  char w[MAX_CPS * 4 + 1];
  if (al + bl > MAX_CPS * 4) return 0;
  memcpy(w, a, al);
  memcpy(w + al, b, bl);
  return vb_syllable_ok(w, al + bl);
}

size_t vb_syllable_join(char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    int pure, pp = 0, np = 0;
    while (i < n && !letter_byte((unsigned char)s[i])) i++;
    size_t a = i, b = word_end(s, n, i, &pure);
    if (b == a) {
      i++;
      continue;
    }
    if (!pure || !piece(s + a, b - a)) {
      i = b;
      continue;
    }
    /* the word before (ends at a - 1) and after (starts at b + 1) */
    size_t pa = a, pb = 0, na = b + 1, nb = 0;
    if (a >= 2 && s[a - 1] == ' ') {
      pa = a - 1;
      while (pa > 0 && letter_byte((unsigned char)s[pa - 1])) pa--;
      pb = word_end(s, n, pa, &pp);
      pp = pp && pb == a - 1 && !piece(s + pa, pb - pa);
    }
    if (b + 1 < n && s[b] == ' ') nb = word_end(s, n, na, &np);
    /* a lone capital is an initial or an onset, never a final ("Thị N") */
    int initial = b - a == 1 && s[a] >= 'A' && s[a] <= 'Z';
    if (pp && !initial && !vb_syllable_ok(s + a, b - a) &&
        joins(s + pa, pb - pa, s + a, b - a)) {
      memmove(s + a - 1, s + a, n - a); /* drop the space before */
      n--;
      i = b - 1;
      continue;
    }
    if (np && nb > na && joins(s + a, b - a, s + na, nb - na)) {
      memmove(s + b, s + b + 1, n - b - 1); /* drop the space after */
      n--;
      i = a; /* the joined word may take one more piece ("Qu ả ng") */
      continue;
    }
    i = b;
  }
  return n;
}

/* The letters of the run s[0..n) lower case, without marks, đ as d, into
** w (cap bytes); returns the length, or 0 when it does not fit. */
static size_t fold_word(const char *s, size_t n, char *w, size_t cap) {
  utf8proc_int32_t cps[MAX_CPS * 3];
  utf8proc_ssize_t k;
  size_t m = 0;
  if (n > MAX_CPS * 4) return 0;
  k = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                         cps, MAX_CPS * 3, UTF8PROC_DECOMPOSE |
                         UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
  if (k <= 0 || k > MAX_CPS * 3) return 0;
  for (utf8proc_ssize_t i = 0; i < k; i++) {
    utf8proc_int32_t c = cps[i] == 0x0111 ? 'd' : cps[i];
    if (c >= 0x80 || m + 1 >= cap) return 0;
    w[m++] = (char)c;
  }
  return m;
}

/* 1 if a + " " + b is a word of data/compounds.tsv ("ban hành"). */
static int compound(const char *a, size_t al, const char *b, size_t bl) {
  char key[MAX_CPS * 2 + 4];
  size_t k = 1, l;
  key[0] = '\n';
  if (!(l = fold_word(a, al, key + k, sizeof key - k))) return 0;
  k += l;
  key[k++] = ' ';
  if (!(l = fold_word(b, bl, key + k, sizeof key - k))) return 0;
  k += l;
  key[k++] = '\t';
  key[k] = '\0';
  return strstr(vb_compounds_tsv, key) != NULL;
}

/* The vowel groups of the run s[0..n): one in a syllable, two or more in
** syllables run together.  Every non-ASCII letter but đ is a vowel. */
static int nuclei(const char *s, size_t n) {
  int groups = 0, in = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    int v;
    if (c < 0x80) {
      v = strchr("aeiouyAEIOUY", c) != NULL;
    } else if ((c & 0xC0) == 0x80) {
      continue; /* a continuation byte */
    } else {
      v = !(c == 0xC4 && i + 1 < n &&
            ((unsigned char)s[i + 1] == 0x90 || (unsigned char)s[i + 1] == 0x91));
    }
    if (v && !in) groups++;
    in = v;
  }
  return groups;
}

/* 1 if s[0..n) is "ngày", "tháng" or "năm" in any case. */
static int date_word(const char *s, size_t n) {
  char w[8];
  size_t l = fold_word(s, n, w, sizeof w);
  return (l == 4 && memcmp(w, "ngay", 4) == 0) ||
         (l == 5 && memcmp(w, "thang", 5) == 0) ||
         (l == 3 && memcmp(w, "nam", 3) == 0);
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* Where to cut the run s[0..n) into syllables: cuts[0..2) offsets, the
** count returned (0: leave the run alone).  Two pieces are tried, then
** three; a cut is taken only when it is the one cut that makes syllables
** of every piece, or the one such cut making a word of compounds.tsv; a
** run of ASCII letters only is cut into pieces of three letters or more. */
static int cut_run(const char *s, size_t n, size_t cuts[2]) {
  int ascii = 1, found = 0, known = 0;
  size_t first = 0, firstk = 0;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80) ascii = 0;
  size_t minp = ascii ? 3 : 1;
  for (size_t i = minp; i + minp <= n; i++) {
    if (((unsigned char)s[i] & 0xC0) == 0x80) continue;
    if (!vb_syllable_ok(s, i) || !vb_syllable_ok(s + i, n - i)) continue;
    found++;
    if (!first) first = i;
    if (compound(s, i, s + i, n - i)) {
      known++;
      firstk = i;
    }
  }
  if (found == 1 || known == 1) {
    cuts[0] = known == 1 ? firstk : first;
    return 1;
  }
  if (found) return 0;
  for (size_t i = minp; i + 2 * minp <= n; i++) {
    if (((unsigned char)s[i] & 0xC0) == 0x80 || !vb_syllable_ok(s, i))
      continue;
    for (size_t j = i + minp; j + minp <= n; j++) {
      if (((unsigned char)s[j] & 0xC0) == 0x80) continue;
      if (vb_syllable_ok(s + i, j - i) && vb_syllable_ok(s + j, n - j)) {
        if (++found > 1) return 0;
        cuts[0] = i;
        cuts[1] = j;
      }
    }
  }
  return found == 1 ? 2 : 0;
}

/* What to do with the run of letters s[a..b): -1 nothing, else the number
** of cuts (in cuts, from a) after setting it apart from a digit before
** (*before) or after (*after). */
static int run_cuts(const char *s, size_t n, size_t a, size_t b, int *before,
                    int *after, size_t cuts[2]) {
  *before = a > 0 && is_digit((unsigned char)s[a - 1]);
  *after = b < n && is_digit((unsigned char)s[b]);
  if (*before || *after) return date_word(s + a, b - a) ? 0 : -1;
  *before = *after = 0;
  if (b - a > MAX_CPS * 4 || nuclei(s + a, b - a) < 2 ||
      vb_syllable_ok(s + a, b - a))
    return -1;
  int k = cut_run(s + a, b - a, cuts);
  return k ? k : -1;
}

/* The next run of letters of s[0..n) at or after *i: its start in *a and
** its end in *i; 0 when none is left. */
static int next_run(const char *s, size_t n, size_t *i, size_t *a) {
  while (*i < n && !letter_byte((unsigned char)s[*i])) (*i)++;
  if (*i >= n) return 0;
  *a = *i;
  while (*i < n && letter_byte((unsigned char)s[*i])) (*i)++;
  return 1;
}

int vb_syllable_glued(const char *s, size_t n) {
  size_t i = 0, a, cuts[2];
  int before, after;
  while (next_run(s, n, &i, &a))
    if (run_cuts(s, n, a, i, &before, &after, cuts) >= 0) return 1;
  return 0;
}

vb_status vb_syllable_split(const char *s, size_t n, vb_buf *out) {
  size_t i = 0, a, done = 0, cuts[2];
  int before, after;
  while (next_run(s, n, &i, &a)) {
    int k = run_cuts(s, n, a, i, &before, &after, cuts);
    if (k < 0) continue;
    VB_TRY(vb_buf_append(out, s + done, a - done));
    if (before) VB_TRY(vb_buf_putc(out, ' '));
    size_t from = a;
    for (int c = 0; c < k; c++) {
      VB_TRY(vb_buf_append(out, s + from, a + cuts[c] - from));
      VB_TRY(vb_buf_putc(out, ' '));
      from = a + cuts[c];
    }
    VB_TRY(vb_buf_append(out, s + from, i - from));
    if (after) VB_TRY(vb_buf_putc(out, ' '));
    done = i;
  }
  return vb_buf_append(out, s + done, n - done);
}
