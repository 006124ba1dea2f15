/*
** rank.c: vb_rank(), bm25 with an estimated document frequency (see
** rank.h).
**
** The per-query figures (each phrase's IDF, the average document length)
** are computed on the first row and kept as FTS5 auxiliary data; each row
** then costs what bm25() costs: a pass over the row's phrase instances
** (at most VB_RANK_MAX_INST of each phrase) and a look at its length.
*/
#include "rank.h"

#include <math.h>
#include <string.h>

#include "tokenizer.h"

#define K1 1.2
#define B 0.75

/* What every row of one query shares. */
typedef struct rank_query {
  int nphrase;
  double avgdl;  /* average document length, in tokens */
  double *idf;   /* per phrase */
  double *freq;  /* per phrase: scratch for the current row */
} rank_query;

/* Matches of one phrase seen so far, and the rowid of the last one. */
typedef struct phrase_count {
  sqlite3_int64 n, last;
} phrase_count;

static int count_match(const Fts5ExtensionApi *api, Fts5Context *fts,
                       void *arg) {
  phrase_count *c = arg;
  c->n++;
  c->last = api->xRowid(fts);
  return c->n >= VB_RANK_IDF_SAMPLE ? SQLITE_DONE : SQLITE_OK;
}

/* How many of the nrow documents hold phrase i: exact below the sample
** size, else the sample scaled by the share of rowids it spans (rowids
** are given in ingest order, so this assumes the phrase is spread over
** the collection evenly; a phrase found only in recent documents is
** estimated as more common than it is). */
static int phrase_docs(const Fts5ExtensionApi *api, Fts5Context *fts, int i,
                       sqlite3_int64 nrow, double *out) {
  phrase_count c = {0, 0};
  int rc = api->xQueryPhrase(fts, i, &c, count_match);
  if (rc != SQLITE_OK) return rc;
  double n = (double)c.n;
  if (c.n >= VB_RANK_IDF_SAMPLE && c.last > 0 && c.last < nrow)
    n = n * (double)nrow / (double)c.last;
  *out = n > (double)nrow ? (double)nrow : n;
  return SQLITE_OK;
}

/* The columns that count: those given a weight, or every column when
** none is (a column past the weights, such as the facets of docs_fts,
** neither scores nor counts in a document's length). */
static int scored_columns(const Fts5ExtensionApi *api, Fts5Context *fts,
                          int nval) {
  int ncol = api->xColumnCount(fts);
  return nval > 0 && nval < ncol ? nval : ncol;
}

/* *ntok = the tokens of the current row in its first ncol columns. */
static int row_length(const Fts5ExtensionApi *api, Fts5Context *fts,
                      int ncol, int *ntok) {
  if (ncol == api->xColumnCount(fts)) return api->xColumnSize(fts, -1, ntok);
  *ntok = 0;
  for (int c = 0; c < ncol; c++) {
    int n = 0;
    int rc = api->xColumnSize(fts, c, &n);
    if (rc != SQLITE_OK) return rc;
    *ntok += n;
  }
  return SQLITE_OK;
}

/* The rank_query of this query, made on its first row; the average
** length is that of the first ncol columns. */
static int query_data(const Fts5ExtensionApi *api, Fts5Context *fts,
                      int ncol, rank_query **out) {
  rank_query *q = api->xGetAuxdata(fts, 0);
  if (q) {
    *out = q;
    return SQLITE_OK;
  }
  int nphrase = api->xPhraseCount(fts);
  sqlite3_int64 nrow = 0, ntok = 0;
  int rc = api->xRowCount(fts, &nrow);
  if (ncol == api->xColumnCount(fts)) {
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &ntok);
  } else {
    for (int c = 0; c < ncol && rc == SQLITE_OK; c++) {
      sqlite3_int64 n = 0;
      rc = api->xColumnTotalSize(fts, c, &n);
      ntok += n;
    }
  }
  if (rc != SQLITE_OK) return rc;
  size_t bytes = sizeof *q + 2 * (size_t)nphrase * sizeof(double);
  q = sqlite3_malloc64(bytes);
  if (!q) return SQLITE_NOMEM;
  memset(q, 0, bytes);
  q->nphrase = nphrase;
  q->idf = (double *)(q + 1);
  q->freq = q->idf + nphrase;
  q->avgdl = nrow > 0 ? (double)ntok / (double)nrow : 1.0;
  if (q->avgdl <= 0) q->avgdl = 1.0;
  for (int i = 0; i < nphrase && rc == SQLITE_OK; i++) {
    double hits = 0;
    rc = phrase_docs(api, fts, i, nrow, &hits);
    /* As bm25(): a phrase in more than half the documents weighs almost
    ** nothing, never less than nothing. */
    double idf = log((double)nrow - hits + 0.5) - log(hits + 0.5);
    q->idf[i] = idf > 1e-6 ? idf : 1e-6;
  }
  if (rc == SQLITE_OK) rc = api->xSetAuxdata(fts, q, sqlite3_free);
  else sqlite3_free(q);
  if (rc == SQLITE_OK) *out = q;
  return rc;
}

/* vb_rank(fts, weight...): the row's score, negative (lower is better). */
static void vb_rank(const Fts5ExtensionApi *api, Fts5Context *fts,
                    sqlite3_context *ctx, int nval, sqlite3_value **val) {
  rank_query *q = NULL;
  int ncol = scored_columns(api, fts, nval);
  int rc = query_data(api, fts, ncol, &q);
  int ntok = 0;
  if (rc == SQLITE_OK) rc = row_length(api, fts, ncol, &ntok);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  /* Each phrase's matches in their order (col, offset), as bm25() adds
  ** them, but no more than VB_RANK_MAX_INST of them. */
  for (int i = 0; i < q->nphrase; i++) {
    Fts5PhraseIter it;
    int col = -1, off = -1, k = 0;
    q->freq[i] = 0;
    rc = api->xPhraseFirst(fts, i, &it, &col, &off);
    if (rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
    for (; col >= 0 && k < VB_RANK_MAX_INST; k++) {
      q->freq[i] += col < nval ? sqlite3_value_double(val[col])
                    : col < ncol ? 1.0 : 0.0;
      api->xPhraseNext(fts, &it, &col, &off);
    }
  }
  double score = 0, norm = K1 * (1 - B + B * (double)ntok / q->avgdl);
  for (int i = 0; i < q->nphrase; i++)
    score += q->idf[i] * (q->freq[i] * (K1 + 1)) / (q->freq[i] + norm);
  sqlite3_result_double(ctx, -score);
}

vb_status vb_rank_register(sqlite3 *db) {
  fts5_api *api = NULL;
  VB_TRY(vb_fts5_api(db, &api));
  int rc = api->xCreateFunction(api, VB_RANK_FUNCTION, NULL, vb_rank, NULL);
  if (rc == SQLITE_NOMEM) return VB_ENOMEM;
  return rc == SQLITE_OK ? VB_OK : VB_EDB;
}
