/*
** vocabulary.c: equivalent wordings of administrative writing, read from
** the embedded data/vocabulary.tsv (see vocabulary.h).
*/
#include <string.h>

#include "vi.h"
#include "vocabulary.h"

extern const char vb_vocabulary_tsv[]; /* generated from data/vocabulary.tsv */

const char *vb_vocab_builtin(void) { return vb_vocabulary_tsv; }

#define VOCAB_MAX_WORDINGS 16 /* wordings read per row */

vb_status vb_vocab_fold(const char *s, size_t n, vb_buf *out) {
  size_t pos = 0, a, b;
  char exact[VB_VI_TOKEN_MAX], fold[VB_VI_TOKEN_MAX];
  while (vb_vi_next_token(s, n, &pos, &a, &b)) {
    size_t ne, nf;
    vb_vi_token(s + a, b - a, exact, &ne, fold, &nf);
    if (out->len) VB_TRY(vb_buf_append(out, " ", 1));
    VB_TRY(vb_buf_append(out, fold, nf));
  }
  return VB_OK;
}

/* 1 when the folded wording w occurs in the folded words on word bounds. */
static int has_wording(const char *words, const char *w) {
  size_t n = strlen(w);
  if (!n) return 0;
  for (const char *p = words; (p = strstr(p, w)) != NULL; p++)
    if ((p == words || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
      return 1;
  return 0;
}

/* The folded wordings of one row's second column [s, e), in f[] (one
** buffer each).  Returns how many, or -1 when out of memory. */
static int read_wordings(const char *s, const char *e, vb_buf *f) {
  int n = 0;
  while (s < e && n < VOCAB_MAX_WORDINGS) {
    const char *semi = memchr(s, ';', (size_t)(e - s));
    const char *end = semi ? semi : e;
    vb_buf_reset(&f[n]);
    if (vb_vocab_fold(s, (size_t)(end - s), &f[n]) != VB_OK) return -1;
    if (f[n].len) n++;
    s = semi ? semi + 1 : e;
  }
  return n;
}

vb_status vb_vocab_expand(const char *tsv, const char *words, vb_vocab_cb cb,
                          void *ctx, size_t *calls) {
  vb_buf f[VOCAB_MAX_WORDINGS], ex;
  for (int i = 0; i < VOCAB_MAX_WORDINGS; i++) vb_buf_init(&f[i], VB_CAP_SMALL);
  vb_buf_init(&ex, VB_CAP_SMALL);
  vb_status rc = VB_OK;
  size_t ncalls = 0;
  int stop = 0;
  if (!tsv) tsv = vb_vocabulary_tsv;
  for (const char *line = tsv; *line && !stop; ) {
    const char *eol = strchr(line, '\n');
    if (!eol) eol = line + strlen(line);
    const char *t1 = memchr(line, '\t', (size_t)(eol - line));
    const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(eol - t1 - 1)) : NULL;
    if (*line != '#' && t1) {
      const char *wend = t2 ? t2 : eol;
      int n = read_wordings(t1 + 1, wend, f);
      if (n < 0) {
        rc = VB_ENOMEM;
        break;
      }
      int best = -1;
      for (int i = 0; i < n; i++)
        if (has_wording(words, f[i].data) && (best < 0 || f[i].len > f[best].len))
          best = i;
      vb_buf_reset(&ex);
      if (best >= 0 && t2 && vb_buf_append(&ex, t2 + 1, (size_t)(eol - t2 - 1)) != VB_OK) {
        rc = VB_ENOMEM;
        break;
      }
      for (int i = 0; i < n && best >= 0 && !stop; i++) {
        if (i == best || has_wording(words, f[i].data)) continue;
        ncalls++;
        stop = cb(ctx, f[best].data, f[i].data, ex.data ? ex.data : "");
      }
    }
    line = *eol ? eol + 1 : eol;
  }
  for (int i = 0; i < VOCAB_MAX_WORDINGS; i++) vb_buf_free(&f[i]);
  vb_buf_free(&ex);
  if (calls) *calls = ncalls;
  return rc;
}

extern const char vb_compounds_tsv[]; /* generated from data/compounds.tsv */

/* Compare the key "a b" with the first field of the line at l: <0, 0, >0
** as strcmp, in byte order as the table is sorted. */
static int compound_cmp(const char *a, size_t na, const char *b, size_t nb,
                        const char *l) {
  size_t k = 0;
  const char *parts[3] = {a, " ", b};
  size_t lens[3] = {na, 1, nb};
  for (int p = 0; p < 3; p++)
    for (size_t i = 0; i < lens[p]; i++, k++) {
      unsigned char x = (unsigned char)parts[p][i], y = (unsigned char)l[k];
      if (y == '\t' || y == '\n' || y == '\0') return 1; /* the line's key is a prefix */
      if (x != y) return x < y ? -1 : 1;
    }
  return l[k] == '\t' || l[k] == '\n' || l[k] == '\0' ? 0 : -1;
}

const char *vb_compounds_rows(void) {
  const char *t = vb_compounds_tsv;
  while (*t == '#') { /* the comment lines before the rows */
    const char *eol = strchr(t, '\n');
    if (!eol) return "";
    t = eol + 1;
  }
  return t;
}

int vb_vocab_compound(const char *a, size_t na, const char *b, size_t nb) {
  const char *t = vb_compounds_rows();
  size_t lo = 0, hi = strlen(t); /* the line starting in [lo, hi) is sought */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2, start = mid;
    while (start > lo && t[start - 1] != '\n') start--;
    int c = compound_cmp(a, na, b, nb, t + start);
    if (c == 0) return 1;
    if (c < 0) {
      hi = start;
    } else {
      const char *eol = strchr(t + start, '\n');
      if (!eol) return 0;
      lo = (size_t)(eol - t) + 1;
    }
  }
  return 0;
}

/* The glossary of paraphrase (data/paraphrase.tsv): wordings compared
** token by token, so that a query word typed with tone marks matches only
** a wording with the same marks. */

extern const char vb_paraphrase_tsv[]; /* generated from data/paraphrase.tsv */

const char *vb_gloss_builtin(void) { return vb_paraphrase_tsv; }

#define GLOSS_MAX_TOKENS 64 /* query words compared */
#define GLOSS_WORDING_TOKENS 8 /* words of a wording compared */

/* Tokens of a text: lower-case and folded forms, marked when they differ. */
typedef struct gtokens {
  char exact[GLOSS_MAX_TOKENS][VB_VI_TOKEN_MAX + 1];
  char fold[GLOSS_MAX_TOKENS][VB_VI_TOKEN_MAX + 1];
  int marked[GLOSS_MAX_TOKENS];
  int n;
} gtokens;

/* Read the tokens of s[0, n) into t, at most max of them. */
static void gloss_tokens(const char *s, size_t n, gtokens *t, int max) {
  size_t pos = 0, a, b;
  t->n = 0;
  while (t->n < max && vb_vi_next_token(s, n, &pos, &a, &b)) {
    size_t ne, nf;
    t->marked[t->n] = vb_vi_token(s + a, b - a, t->exact[t->n], &ne, t->fold[t->n], &nf);
    t->exact[t->n][ne] = '\0';
    t->fold[t->n][nf] = '\0';
    t->n++;
  }
}

/* 1 when the wording w occurs in the query q on word bounds: the folded
** forms equal, and where marks != 0 a query word typed with marks equals
** the wording's word with its marks. */
static int gloss_has(const gtokens *q, const gtokens *w, int marks) {
  for (int i = 0; w->n && i + w->n <= q->n; i++) {
    int j = 0;
    while (j < w->n && strcmp(q->fold[i + j], w->fold[j]) == 0 &&
           (!marks || !q->marked[i + j] || strcmp(q->exact[i + j], w->exact[j]) == 0))
      j++;
    if (j == w->n) return 1;
  }
  return 0;
}

/* The next wording of the cell [*s, e) (";"-separated), trimmed, in
** [*ws, *we); 0 when none is left. */
static int next_wording(const char **s, const char *e, const char **ws, const char **we) {
  while (*s < e) {
    const char *semi = memchr(*s, ';', (size_t)(e - *s));
    const char *end = semi ? semi : e;
    *ws = *s;
    *we = end;
    *s = semi ? semi + 1 : e;
    while (*ws < *we && (**ws == ' ' || **ws == '\t')) (*ws)++;
    while (*we > *ws && ((*we)[-1] == ' ' || (*we)[-1] == '\t')) (*we)--;
    if (*we > *ws) return 1;
  }
  return 0;
}

vb_status vb_gloss_expand(const char *tsv, const char *text, size_t n, int marks,
                          vb_gloss_cb cb, void *ctx, size_t *calls) {
  gtokens *q = vb_malloc(2 * sizeof *q), *w = q ? q + 1 : NULL;
  vb_buf matched, other, ex;
  size_t ncalls = 0;
  int stop = 0;
  if (calls) *calls = 0;
  if (!q) return VB_ENOMEM;
  vb_buf_init(&matched, VB_CAP_SMALL);
  vb_buf_init(&other, VB_CAP_SMALL);
  vb_buf_init(&ex, VB_CAP_SMALL);
  vb_status rc = VB_OK;
  gloss_tokens(text, n, q, GLOSS_MAX_TOKENS);
  if (!tsv) tsv = vb_paraphrase_tsv;
  for (const char *line = tsv; *line && !stop && rc == VB_OK; ) {
    const char *eol = strchr(line, '\n');
    if (!eol) eol = line + strlen(line);
    const char *t1 = memchr(line, '\t', (size_t)(eol - line));
    const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(eol - t1 - 1)) : NULL;
    const char *wend = t2 ? t2 : eol, *s, *ws, *we;
    if (*line == '#' || !t1) goto next;
    /* The longest wording found (in folded bytes), then the others. */
    vb_buf_reset(&matched);
    for (s = t1 + 1; next_wording(&s, wend, &ws, &we); ) {
      gloss_tokens(ws, (size_t)(we - ws), w, GLOSS_WORDING_TOKENS);
      if (!gloss_has(q, w, marks)) continue;
      vb_buf f;
      vb_buf_init(&f, VB_CAP_SMALL);
      rc = vb_vocab_fold(ws, (size_t)(we - ws), &f);
      if (rc == VB_OK && f.len > matched.len) {
        vb_buf_reset(&matched);
        rc = vb_buf_append(&matched, f.data, f.len);
      }
      vb_buf_free(&f);
      if (rc != VB_OK) break;
    }
    if (rc != VB_OK || !matched.len) goto next;
    vb_buf_reset(&ex);
    if (t2 && (rc = vb_buf_append(&ex, t2 + 1, (size_t)(eol - t2 - 1))) != VB_OK) break;
    for (s = t1 + 1; !stop && next_wording(&s, wend, &ws, &we); ) {
      gloss_tokens(ws, (size_t)(we - ws), w, GLOSS_WORDING_TOKENS);
      if (gloss_has(q, w, marks)) continue;
      vb_buf_reset(&other);
      if ((rc = vb_buf_append(&other, ws, (size_t)(we - ws))) != VB_OK) break;
      ncalls++;
      stop = cb(ctx, matched.data, other.data, ex.data ? ex.data : "",
                (size_t)(t1 - line) == 4 && memcmp(line, "near", 4) == 0);
    }
  next:
    line = *eol ? eol + 1 : eol;
  }
  vb_free(q);
  vb_buf_free(&matched);
  vb_buf_free(&other);
  vb_buf_free(&ex);
  if (calls) *calls = ncalls;
  return rc;
}
