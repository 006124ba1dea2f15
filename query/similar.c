/*
** similar.c: paragraphs of other documents worded like a text
** (vb_similar(), query.h): candidates by the text's rarest words, then
** word bigrams compared (see search_int.h).
*/
#include <stdlib.h>
#include <string.h>

#include "vi.h"
#include "search_int.h"

#define SIMILAR_TERMS 6         /* rarest query words used to find candidates */
#define SIMILAR_DOCS 60         /* documents whose paragraphs are compared */
#define SIMILAR_MAX_WORDS 512   /* words of the text compared */

/* Folded words of a text, as hashes (for bigrams) and strings (for terms). */
typedef struct words {
  uint64_t h[SIMILAR_MAX_WORDS];
  char w[SIMILAR_MAX_WORDS][VB_VI_TOKEN_MAX + 1];
  size_t n;
} words;

static void read_words(const char *s, size_t n, words *out, int keep_text) {
  size_t pos = 0, a, b;
  out->n = 0;
  char exact[VB_VI_TOKEN_MAX], fold[VB_VI_TOKEN_MAX];
  while (out->n < SIMILAR_MAX_WORDS && vb_vi_next_token(s, n, &pos, &a, &b)) {
    size_t ne, nf;
    vb_vi_token(s + a, b - a, exact, &ne, fold, &nf);
    uint64_t h = 14695981039346656037ull;
    for (size_t k = 0; k < nf; k++) h = (h ^ (unsigned char)fold[k]) * 1099511628211ull;
    out->h[out->n] = h;
    if (keep_text) {
      memcpy(out->w[out->n], fold, nf);
      out->w[out->n][nf] = '\0';
    }
    out->n++;
  }
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Sorted distinct word bigrams (or the single word of a one-word text). */
static size_t bigrams(const words *w, uint64_t *out) {
  size_t n = 0;
  if (w->n == 1) out[n++] = w->h[0];
  for (size_t i = 0; i + 1 < w->n; i++)
    out[n++] = w->h[i] * 31 + w->h[i + 1] * 1000003;
  qsort(out, n, sizeof *out, cmp_u64);
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (m == 0 || out[m - 1] != out[i]) out[m++] = out[i];
  return m;
}

/* Share of wording in common: half Dice, half the part of the query the
** paragraph contains, over word bigrams. */
static double wording_score(const uint64_t *q, size_t nq, const uint64_t *p,
                            size_t np) {
  if (!nq || !np) return 0;
  size_t common = 0, i = 0, j = 0;
  while (i < nq && j < np) {
    if (q[i] == p[j]) common++, i++, j++;
    else if (q[i] < p[j]) i++;
    else j++;
  }
  double dice = 2.0 * (double)common / (double)(nq + np);
  return 0.5 * dice + 0.5 * (double)common / (double)nq;
}

/* Build the candidate query: the rarest words of the text, joined by OR.
** Document frequencies come from the paragraph index's vocabulary. */
static vb_status candidate_query(vb_index *idx, const words *w, vb_buf *q,
                                 vb_error *err) {
  sqlite3 *db = vb_index_db(idx);
  if (sqlite3_exec(db,
                   "CREATE VIRTUAL TABLE IF NOT EXISTS temp.docs_vocab "
                   "USING fts5vocab(main, docs_fts, 'row')",
                   NULL, NULL, NULL) != SQLITE_OK)
    return vb_error_set(err, VB_EDB, "cannot read the paragraph vocabulary");
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(db, "SELECT doc FROM temp.docs_vocab WHERE term = ?1",
                         -1, &s, NULL) != SQLITE_OK)
    return vb_error_set(err, VB_EDB, "cannot read the paragraph vocabulary");
  struct { int64_t df; size_t i; } best[SIMILAR_TERMS];
  size_t nbest = 0;
  for (size_t i = 0; i < w->n; i++) {
    int dup = 0;
    for (size_t k = 0; k < i && !dup; k++) dup = strcmp(w->w[k], w->w[i]) == 0;
    if (dup) continue;
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, w->w[i], -1, SQLITE_STATIC);
    int64_t df = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    if (df == 0) continue;
    /* Keep the SIMILAR_TERMS smallest document frequencies. */
    size_t at = nbest < SIMILAR_TERMS ? nbest++ : SIMILAR_TERMS;
    if (at == SIMILAR_TERMS) {
      size_t worst = 0;
      for (size_t k = 1; k < nbest; k++) if (best[k].df > best[worst].df) worst = k;
      if (best[worst].df <= df) continue;
      at = worst;
    }
    best[at].df = df;
    best[at].i = i;
  }
  sqlite3_finalize(s);
  vb_status rc = VB_OK;
  for (size_t k = 0; k < nbest && rc == VB_OK; k++) {
    if (k) rc = vb_buf_puts(q, " OR ");
    if (rc == VB_OK) rc = vb_buf_printf(q, "\"%s\"", w->w[best[k].i]);
  }
  if (rc != VB_OK) return vb_error_set(err, rc, "out of memory");
  if (nbest == 0)
    return vb_error_set(err, VB_ENOTFOUND, "no indexed document shares a word with the text");
  return VB_OK;
}

/* One compared paragraph. */
typedef vb_para_ranked ranked;

/* State of the comparison over the candidate paragraphs. */
typedef struct compare_ctx {
  const uint64_t *qb;  /* query bigrams */
  size_t nqb;
  words *pw;           /* scratch */
  uint64_t *pb;
  ranked *best;        /* every paragraph scored > 0 */
  size_t n, cap;
  int oom;
} compare_ctx;

static int compare_one(void *arg, int64_t pid, int64_t fp, const char *text,
                       size_t len) {
  compare_ctx *c = arg;
  read_words(text, len, c->pw, 0);
  size_t npb = bigrams(c->pw, c->pb);
  double sc = wording_score(c->qb, c->nqb, c->pb, npb);
  if (sc <= 0) return 0;
  if (c->n == c->cap) {
    size_t ncap = c->cap ? c->cap * 2 : 256;
    ranked *nb = vb_realloc(c->best, ncap * sizeof *nb);
    if (!nb) {
      c->oom = 1;
      return 1;
    }
    c->best = nb;
    c->cap = ncap;
  }
  c->best[c->n].pid = pid;
  c->best[c->n].fp = fp;
  c->best[c->n].score = sc;
  c->n++;
  return 0;
}

vb_status vb_similar(vb_index *idx, const char *text,
                     const char *exclude_source, const vb_search_opts *o,
                     vb_results **out, vb_error *err) {
  *out = NULL;
  words *qw = vb_malloc(sizeof *qw), *pw = vb_malloc(sizeof *pw);
  uint64_t *qb = vb_malloc(SIMILAR_MAX_WORDS * sizeof *qb);
  uint64_t *pb = vb_malloc(SIMILAR_MAX_WORDS * sizeof *pb);
  vb_buf fts;
  vb_buf_init(&fts, VB_CAP_SMALL);
  vb_results *res = NULL;
  compare_ctx c = {0};
  int64_t *ids = NULL;
  size_t nids = 0;
  sr_para_reader st = {0};
  vb_status rc = VB_OK;
  if (!qw || !pw || !qb || !pb) {
    rc = vb_error_set(err, VB_ENOMEM, "out of memory");
    goto done;
  }
  read_words(text, strlen(text), qw, 1);
  if (qw->n == 0) {
    rc = vb_error_set(err, VB_EQUERY, "the text has no words to compare");
    goto done;
  }
  res = vb_calloc(1, sizeof *res);
  if (!res) {
    rc = vb_error_set(err, VB_ENOMEM, "out of memory");
    goto done;
  }
  rc = candidate_query(idx, qw, &fts, err);
  if (rc == VB_ENOTFOUND) { /* nothing shares a word: an empty answer */
    rc = VB_OK;
    goto done;
  }
  sr_query sq = {.fts = fts.data}; /* of words, not typed: nothing to derive */
  if (rc == VB_OK)
    rc = sr_top_docs(idx, &sq, o, SIMILAR_DOCS, exclude_source, &ids, &nids, err);
  c.qb = qb;
  c.nqb = bigrams(qw, qb);
  c.pw = pw;
  c.pb = pb;
  for (size_t i = 0; i < nids && rc == VB_OK; i++) {
    rc = sr_each_paragraph(idx, &st, ids[i], compare_one, &c, err);
    if (c.oom) rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  if (rc != VB_OK) goto done;
  if (c.n) qsort(c.best, c.n, sizeof *c.best, vb_para_ranked_cmp);
  vb_results_free(res);
  res = NULL;
  rc = vb_para_hits(idx, o, c.best, c.n, 1, &res, err);
done:
  sr_para_reader_free(&st);
  vb_free(ids);
  vb_free(c.best);
  vb_buf_free(&fts);
  vb_free(qw);
  vb_free(pw);
  vb_free(qb);
  vb_free(pb);
  if (rc != VB_OK && rc != VB_ETIMEOUT) {
    vb_results_free(res);
    return rc;
  }
  *out = res;
  return rc;
}

