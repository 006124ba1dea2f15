/*
** paragraphs.c: paragraphs of a document text and their fingerprints
** (see paragraphs.h).
*/
#include "paragraphs.h"

#include <string.h>

#include "vi.h"

#define HEADING_MAX_BYTES 300 /* longer lines are body text, not headings */

/* Number of ASCII or multi-byte letters in the first bytes of s, up to 2. */
static int has_two_letters(const char *s, size_t n) {
  int letters = 0;
  for (size_t i = 0; i < n && letters < 2; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0xC3)
      letters++;
  }
  return letters >= 2;
}

/* Start of the line's words: after spaces, tabs, '|', '*', '#', '>'. */
static size_t skip_markup(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && strchr(" \t|*#>", s[i])) i++;
  return i;
}

/* 1 if the line (already past its markup) starts with a lower-case letter:
** ASCII a-z or a lower-case Vietnamese letter. */
static int starts_lower(const char *s, size_t n) {
  if (n == 0) return 0;
  unsigned char c = (unsigned char)s[0];
  if (c >= 'a' && c <= 'z') return 1;
  if (c < 0x80) return 0;
  /* Multi-byte: compare with its lower-cased form. */
  vb_buf b;
  vb_buf_init(&b, 16);
  size_t l = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  if (l > n) l = n;
  int lower = vb_vi_lower(s, l, &b) == VB_OK && b.len == l &&
              memcmp(b.data, s, l) == 0 && vb_vi_has_marks(s, l);
  vb_buf_free(&b);
  return lower;
}

/* 1 if the line ends a sentence. */
static int ends_sentence(const char *s, size_t n) {
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '*' ||
               s[n - 1] == '|'))
    n--;
  return n == 0 || strchr(".;:!?", s[n - 1]) != NULL;
}

/* 1 if the line is a numbered heading: "II. ...", "3. ...", "a) ...",
** with a short text. */
static int is_heading(const char *s, size_t n) {
  if (n > HEADING_MAX_BYTES) return 0;
  size_t i = 0;
  while (i < n && (strchr("IVXLC", s[i]) || (s[i] >= '0' && s[i] <= '9')))
    i++;
  if (i == 0) {
    if (n >= 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] == ')') i = 1;
    else return 0;
  }
  return i < n && (s[i] == '.' || s[i] == ')') && i + 1 < n &&
         (s[i + 1] == ' ' || s[i + 1] == '\t');
}

int vb_paragraphs_each(const char *text, size_t n,
                       int (*cb)(void *ctx, const vb_para *p), void *ctx) {
  vb_para cur;
  int open = 0;
  const char *heading = NULL;
  size_t heading_len = 0, line = 0, i = 0;
  while (i < n) {
    const char *e = memchr(text + i, '\n', n - i);
    size_t end = e ? (size_t)(e - text) : n;
    line++;
    size_t m = skip_markup(text + i, end - i);
    const char *ls = text + i + m;
    size_t ll = end - i - m;
    while (ll && (ls[ll - 1] == ' ' || ls[ll - 1] == '\t' || ls[ll - 1] == '|' ||
                  ls[ll - 1] == '*' || ls[ll - 1] == '\r'))
      ll--;
    if (!has_two_letters(ls, ll)) {
      if (open) {
        int rc = cb(ctx, &cur);
        if (rc) return rc;
        open = 0;
      }
    } else if (open && starts_lower(ls, ll) &&
               !ends_sentence(cur.text, cur.len)) {
      cur.len = (size_t)(ls + ll - cur.text); /* continue the paragraph */
    } else {
      if (open) {
        int rc = cb(ctx, &cur);
        if (rc) return rc;
      }
      if (is_heading(ls, ll)) {
        heading = ls;
        heading_len = ll;
      }
      cur.line = line;
      cur.text = ls;
      cur.len = ll;
      cur.heading = heading == ls ? NULL : heading;
      cur.heading_len = heading == ls ? 0 : heading_len;
      open = 1;
    }
    i = end + 1;
  }
  if (open) return cb(ctx, &cur);
  return 0;
}

/* Fingerprint and word count of s. */
static int64_t fingerprint_words(const char *s, size_t n, size_t *words) {
  uint64_t h = 14695981039346656037ull; /* FNV-1a over the folded words */
  char exact[VB_VI_TOKEN_MAX], fold[VB_VI_TOKEN_MAX];
  size_t pos = 0, a, b;
  *words = 0;
  while (vb_vi_next_token(s, n, &pos, &a, &b)) {
    size_t ne, nf;
    vb_vi_token(s + a, b - a, exact, &ne, fold, &nf);
    for (size_t k = 0; k < nf; k++)
      h = (h ^ (unsigned char)fold[k]) * 1099511628211ull;
    h = (h ^ ' ') * 1099511628211ull;
    (*words)++;
  }
  return (int64_t)(h >> 1);
}

int64_t vb_paragraph_fingerprint(const char *s, size_t n) {
  size_t words;
  return fingerprint_words(s, n, &words);
}

static int list_add(void *ctx, const vb_para *p) {
  vb_para_list *l = ctx;
  size_t words;
  int64_t fp = fingerprint_words(p->text, p->len, &words);
  if (words < VB_PARA_MIN_WORDS) return 0;
  /* A short numbered heading is the context of what follows, not wording
  ** to find ("II. NỘI DUNG", "1. Sở Tài chính"). */
  if (words < VB_PARA_HEADING_WORDS && is_heading(p->text, p->len)) return 0;
  if (l->n == VB_PARA_MAX) return 1;
  /* Both arrays have l->cap elements: the second grows to the first's new
  ** length; l->cap changes only once both have. */
  size_t icap = l->cap, fcap = l->cap;
  if (vb_grow(&l->items, &icap, l->n + 1, sizeof *l->items) != VB_OK ||
      vb_grow(&l->fingerprints, &fcap, icap, sizeof *l->fingerprints) != VB_OK)
    return -1;
  l->cap = icap;
  l->items[l->n] = *p;
  l->fingerprints[l->n] = fp;
  l->n++;
  return 0;
}

vb_status vb_paragraphs_index(const char *text, size_t n, vb_para_list *out) {
  memset(out, 0, sizeof *out);
  if (vb_paragraphs_each(text, n, list_add, out) < 0) {
    vb_para_list_free(out);
    return VB_ENOMEM;
  }
  return VB_OK;
}

void vb_para_list_free(vb_para_list *l) {
  if (!l) return;
  vb_free(l->items);
  vb_free(l->fingerprints);
  memset(l, 0, sizeof *l);
}
