/*
** para_docs.c: the documents whose paragraphs the paragraph search and
** similar rank, chosen with bounded work.
**
** Each word of the query is looked up once in the document index, its
** matches read newest first and at most PD_POSTINGS of them.  A word with
** fewer matches is rare enough: its matches are all read and its document
** frequency is exact.  A word with more is common: its frequency is
** estimated from the id range its first PD_POSTINGS matches span, and it
** takes no part in choosing documents (it still counts in the paragraphs'
** ranking).  Each document holding a rare word scores the weight times the
** idf of every rare word it holds (a coordination of the rarest words, as
** a minimum-should-match over documents); the best `limit` documents are
** kept with a heap.  When every word is common, the recent matches of all
** the words are scored the same way, so the work stays bounded whatever
** the collection's size: at most PD_POSTINGS ids per word.
**
** The filters of search (province, year, dates, issuer, type, symbol) are
** applied by the document search in search.c, which the caller uses
** instead when any is set (vb_para_words_filtered).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "para_int.h"

#define PD_POSTINGS VB_PARA_POSTINGS

/* A document and its score, in the open-addressing table and the heap. */
typedef struct pd_doc {
  int64_t id;   /* 0: empty slot */
  double score;
} pd_doc;

/* Turn a failed step into a status. */
static vb_status pd_step_error(int r, vb_error *err) {
  if ((r & 0xff) == SQLITE_INTERRUPT)
    return vb_error_set(err, VB_ETIMEOUT, "the query ran past its time budget");
  return vb_error_set(err, VB_EDB, "cannot read the index");
}

/* The ids of the newest matches of word (folded), at most PD_POSTINGS + 1,
** appended to *ids (grown as needed); their count in *n. */
static vb_status pd_postings(sqlite3_stmt *s, const char *word, int64_t **ids,
                             size_t *have, size_t *cap, size_t *n,
                             vb_error *err) {
  char *fts = NULL;
  vb_buf q;
  vb_buf_init(&q, VB_CAP_SMALL);
  vb_status rc = vb_buf_printf(&q, "\"%s\"", word);
  if (rc == VB_OK) rc = vb_query_compile(q.data, 1, &fts, err);
  vb_buf_free(&q);
  *n = 0;
  if (rc == VB_EQUERY) return VB_OK; /* no token: no match */
  if (rc != VB_OK) return rc;
  sqlite3_reset(s);
  sqlite3_bind_text(s, 1, fts, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(s, 2, PD_POSTINGS + 1);
  vb_free(fts);
  int r;
  while ((r = sqlite3_step(s)) == SQLITE_ROW) {
    if (vb_grow(ids, cap, *have + 1, sizeof **ids) != VB_OK)
      return vb_error_set(err, VB_ENOMEM, "out of memory");
    (*ids)[(*have)++] = sqlite3_column_int64(s, 0);
    (*n)++;
  }
  return r == SQLITE_DONE ? VB_OK : pd_step_error(r, err);
}

/* Add w to document id's score in the table t of mask + 1 slots. */
static void pd_add(pd_doc *t, size_t mask, int64_t id, double w) {
  size_t k = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull >> 20) & mask;
  while (t[k].id && t[k].id != id) k = (k + 1) & mask;
  t[k].id = id;
  t[k].score += w;
}

/* 1 when a ranks below b: lower score, then older. */
static int pd_below(const pd_doc *a, const pd_doc *b) {
  return a->score < b->score || (a->score == b->score && a->id < b->id);
}

/* Sift h[i] down the min-heap h[0, n) (its root is the weakest kept). */
static void pd_sift(pd_doc *h, size_t n, size_t i) {
  for (;;) {
    size_t l = 2 * i + 1, r = l + 1, m = i;
    if (l < n && pd_below(&h[l], &h[m])) m = l;
    if (r < n && pd_below(&h[r], &h[m])) m = r;
    if (m == i) return;
    pd_doc x = h[i];
    h[i] = h[m];
    h[m] = x;
    i = m;
  }
}

static int pd_cmp_best(const void *a, const void *b) {
  const pd_doc *x = a, *y = b;
  return pd_below(y, x) ? -1 : pd_below(x, y) ? 1 : 0;
}

vb_status vb_para_words(vb_index *idx, vb_para_word *words, int n,
                        int limit, int choose, int64_t **ids, size_t *nids,
                        vb_error *err) {
  *ids = NULL;
  *nids = 0;
  sqlite3 *db = vb_index_db(idx);
  sqlite3_stmt *s = NULL, *mx = NULL;
  int64_t *post = NULL, max_id = 0;
  size_t have = 0, cap = 0;
  size_t *at = vb_calloc((size_t)n + 1, sizeof *at);
  pd_doc *t = NULL, *h = NULL;
  vb_status rc = VB_OK;
  if (!at) return vb_error_set(err, VB_ENOMEM, "out of memory");
  if (sqlite3_prepare_v2(db, "SELECT max(id) FROM documents", -1, &mx, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(db,
                         "SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?1 "
                         "ORDER BY rowid DESC LIMIT ?2",
                         -1, &s, NULL) != SQLITE_OK) {
    rc = vb_error_set(err, VB_EDB, "cannot read the index");
    goto done;
  }
  int r = sqlite3_step(mx);
  if (r == SQLITE_ROW) max_id = sqlite3_column_int64(mx, 0);
  else rc = pd_step_error(r, err);
  /* The matches of every word, and its document frequency. */
  for (int i = 0; i < n && rc == VB_OK; i++) {
    size_t got = 0;
    at[i] = have;
    rc = pd_postings(s, words[i].fold, &post, &have, &cap, &got, err);
    if (rc != VB_OK) break;
    if (got > PD_POSTINGS) { /* common: estimated from the ids it spans */
      int64_t span = max_id - post[have - 1] + 1;
      words[i].df = span > 0 ? (int64_t)((double)got * (double)max_id / (double)span)
                                : (int64_t)got;
      if (words[i].df < (int64_t)got) words[i].df = (int64_t)got;
    } else {
      words[i].df = (int64_t)got;
    }
  }
  at[n] = have;
  if (rc != VB_OK || !choose || limit <= 0) goto done;
  /* Score the documents of the rare words, or of all when none is. */
  int rare = 0;
  for (int i = 0; i < n; i++)
    rare |= words[i].df > 0 && at[i + 1] - at[i] <= PD_POSTINGS;
  size_t slots = 1024;
  while (slots < 2 * (have + 1)) slots *= 2;
  t = vb_calloc(slots, sizeof *t);
  if (!t) {
    rc = vb_error_set(err, VB_ENOMEM, "out of memory");
    goto done;
  }
  double N = max_id > 0 ? (double)max_id : 1;
  for (int i = 0; i < n; i++) {
    size_t got = at[i + 1] - at[i];
    if (!got || (rare && got > PD_POSTINGS)) continue;
    double df = (double)words[i].df;
    double w = words[i].weight * log(1 + (N - df + 0.5) / (df + 0.5));
    for (size_t k = at[i]; k < at[i + 1]; k++) pd_add(t, slots - 1, post[k], w);
  }
  /* The best `limit` with a min-heap. */
  h = vb_malloc((size_t)limit * sizeof *h);
  if (!h) {
    rc = vb_error_set(err, VB_ENOMEM, "out of memory");
    goto done;
  }
  size_t m = 0;
  for (size_t k = 0; k < slots; k++) {
    if (!t[k].id) continue;
    if (m < (size_t)limit) {
      h[m++] = t[k];
      if (m == (size_t)limit)
        for (size_t j = m / 2; j-- > 0;) pd_sift(h, m, j);
    } else if (pd_below(&h[0], &t[k])) {
      h[0] = t[k];
      pd_sift(h, m, 0);
    }
  }
  qsort(h, m, sizeof *h, pd_cmp_best);
  *ids = vb_malloc((m ? m : 1) * sizeof **ids);
  if (!*ids) {
    rc = vb_error_set(err, VB_ENOMEM, "out of memory");
    goto done;
  }
  for (size_t k = 0; k < m; k++) (*ids)[k] = h[k].id;
  *nids = m;
done:
  sqlite3_finalize(s);
  sqlite3_finalize(mx);
  vb_free(post);
  vb_free(at);
  vb_free(t);
  vb_free(h);
  return rc;
}

int vb_para_words_filtered(const vb_search_opts *o) {
  return o->province || o->year || o->from || o->to || o->issuer ||
         o->doc_type || o->symbol;
}
