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
