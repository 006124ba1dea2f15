/*
** search_para.c: the paragraphs of the search (see search_int.h): each
** document's paragraphs read with caps, the strict paragraph search
** (--paragraphs --all-words, and a query with operators) in a scratch FTS5
** table, and the hits made of ranked paragraphs (para_int.h).
*/
#include <string.h>

#include "vi.h"
#include "tokenizer.h"
#include "search_int.h"

/* Paragraphs are ranked in two steps: the best PARA_CANDIDATE_DOCS
** documents by the document index, then their paragraphs, put in a
** scratch FTS5 table of this connection, by the same query. */
#define PARA_CANDIDATE_DOCS 25

static const char g_scratch_sql[] =
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.para_scratch USING "
    "fts5(text, tokenize = 'vietnamese');"
    "DELETE FROM temp.para_scratch;";

const char sr_para_sql[] =
    "SELECT d.id, d.source, d.title, "
    "  " CAPPED_SNIPPET("para_scratch", "0", "40", "") ", bm25(para_scratch), "
    "  d.doc_type, d.number, d.symbol, d.date, d.issuer, d.province, d.year, "
    "  NULL, para_scratch.rowid, p.line, p.heading, para_scratch.text, "
    "  p.fingerprint "
    "FROM para_scratch JOIN paragraphs p ON p.doc_id = para_scratch.rowid >> 20 "
    "  AND p.seq = (para_scratch.rowid & 1048575) "
    "JOIN documents d ON d.id = p.doc_id "
    "WHERE para_scratch MATCH ?1 " FILTERS
    "ORDER BY CASE WHEN ?12 THEN d.date END DESC, 5 "
    "LIMIT ?9";

/* Paragraphs of a document: each row's text is body[start, start + len),
** read from the body with incremental blob I/O (no more of it than the
** paragraphs need). */
static const char g_doc_paras_sql[] =
    "SELECT (doc_id << 20) + seq, start, len, fingerprint FROM paragraphs "
    "WHERE doc_id = ?1 ORDER BY seq LIMIT 4096"; /* PARA_MAX_PER_DOC */

void sr_para_reader_free(sr_para_reader *pr) {
  sqlite3_finalize(pr->paras);
  sqlite3_blob_close(pr->body);
}

/* Length of the longest prefix of s[0, n) that does not end inside a
** UTF-8 sequence. */
static size_t utf8_cut(const char *s, size_t n) {
  size_t k = n, back = 0;
  while (k > 0 && back < 4 && ((unsigned char)s[k - 1] & 0xC0) == 0x80) k--, back++;
  if (k == 0) return n;
  unsigned char lead = (unsigned char)s[k - 1];
  size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return n - (k - 1) >= need ? n : k - 1;
}

/* Read body[start, start + *len) of document id into buf (at most
** PARA_MAX_BYTES, cut at a character); *len is what was read.  The blob
** handle is kept in *blob between calls.  Returns an SQLite code. */
static int read_body(sqlite3 *db, sqlite3_blob **blob, int64_t id,
                     int64_t start, int64_t *len, char *buf) {
  int r = *blob ? sqlite3_blob_reopen(*blob, id)
                : sqlite3_blob_open(db, "main", "texts", "body", id, 0, blob);
  if (r != SQLITE_OK) return r;
  int64_t blen = sqlite3_blob_bytes(*blob);
  if (start < 0 || *len < 0 || start > blen) return SQLITE_ERROR;
  if (*len > blen - start) *len = blen - start;
  int cut = *len > PARA_MAX_BYTES;
  if (cut) *len = PARA_MAX_BYTES;
  r = sqlite3_blob_read(*blob, buf, (int)*len, (int)start);
  if (r == SQLITE_OK && cut) *len = (int64_t)utf8_cut(buf, (size_t)*len);
  buf[*len] = '\0';
  return r;
}

/* Call cb for every paragraph of document id (to the caps above) with
** its text and fingerprint. */
vb_status sr_each_paragraph(vb_index *idx, sr_para_reader *pr, int64_t id,
                            int (*cb)(void *ctx, int64_t pid, int64_t fp,
                                      const char *text, size_t len),
                            void *ctx, vb_error *err) {
  sqlite3 *db = vb_index_db(idx);
  if (!pr->paras && sqlite3_prepare_v2(db, g_doc_paras_sql, -1, &pr->paras,
                                       NULL) != SQLITE_OK)
    return vb_error_set(err, VB_EDB, "cannot read paragraphs");
  sqlite3_reset(pr->paras);
  sqlite3_bind_int64(pr->paras, 1, id);
  int64_t budget = PARA_DOC_BYTES;
  int r = SQLITE_DONE;
  while (budget > 0 && (r = sqlite3_step(pr->paras)) == SQLITE_ROW) {
    int64_t len = sqlite3_column_int64(pr->paras, 2);
    int b = read_body(db, &pr->body, id, sqlite3_column_int64(pr->paras, 1),
                      &len, pr->buf);
    if ((b & 0xff) == SQLITE_ERROR) continue; /* no body, or out of it */
    if (b != SQLITE_OK) return sr_step_error(b, err);
    budget -= len;
    if (cb(ctx, sqlite3_column_int64(pr->paras, 0),
           sqlite3_column_int64(pr->paras, 3), pr->buf, (size_t)len))
      break;
  }
  if (budget > 0 && r != SQLITE_ROW && r != SQLITE_DONE)
    return sr_step_error(r, err);
  return VB_OK;
}

/* Query words, for a cheap first test of the paragraphs (any word, as a
** prefix, in any of the token forms the tokenizer emits). */
#define PREFILTER_WORDS 64
typedef struct qwords {
  char w[PREFILTER_WORDS][VB_VI_TOKEN_MAX];
  int len[PREFILTER_WORDS];
  int n;
  int all;  /* every word must be there (a query of plain terms) */
} qwords;

/* vb_qtree_words() callback: keep the word as the index is searched. */
static int add_qword(void *ctx, const vb_qword *w) {
  qwords *q = ctx;
  size_t n = strlen(w->exact);
  if (q->n < PREFILTER_WORDS && n > 0 && n <= VB_VI_TOKEN_MAX) {
    memcpy(q->w[q->n], w->exact, n);
    q->len[q->n++] = (int)n;
  }
  return 0;
}

/* Which query words a paragraph's tokens begin with. */
typedef struct hits_ctx {
  const qwords *q;
  uint64_t seen;  /* bit i: word i found */
  uint64_t want;  /* all bits of the words */
} hits_ctx;

/* Stops the tokenizer (returns 1) once the paragraph passes. */
static int token_hits(void *ctx, int flags, const char *tok, int ntok, int a,
                      int b) {
  (void)flags; (void)a; (void)b;
  hits_ctx *h = ctx;
  for (int i = 0; i < h->q->n; i++)
    if (ntok >= h->q->len[i] && memcmp(tok, h->q->w[i], (size_t)h->q->len[i]) == 0)
      h->seen |= (uint64_t)1 << i;
  return h->q->all ? h->seen == h->want : h->seen != 0;
}

/* The words of the query for the prefilter: those of its terms, excluded
** ones left out; all of them are required unless the query has
** alternatives or parentheses. */
static void read_qwords(const vb_qtree *tree, qwords *q) {
  q->n = 0;
  q->all = vb_qtree_all_words(tree);
  vb_qtree_words(tree, add_qword, q);
}

/* Insert one paragraph into the scratch table, if a query word is in it. */
typedef struct scratch_ctx {
  sqlite3_stmt *ins;
  const qwords *q;
  int rc;
} scratch_ctx;

static int scratch_put(void *arg, int64_t pid, int64_t fp, const char *text,
                       size_t len) {
  scratch_ctx *c = arg;
  (void)fp;
  if (c->q->n) {
    hits_ctx h = {c->q, 0, c->q->n >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << c->q->n) - 1};
    if (!vb_tokenize(text, len, 0, token_hits, &h)) return 0;
  }
  sqlite3_reset(c->ins);
  sqlite3_bind_int64(c->ins, 1, pid);
  sqlite3_bind_text(c->ins, 2, text, (int)len, SQLITE_STATIC);
  c->rc = sqlite3_step(c->ins);
  return c->rc != SQLITE_DONE;
}

/* Fill the scratch table with the paragraphs of the best documents. */
vb_status sr_fill_scratch(vb_index *idx, const sr_query *sq,
                          const vb_search_opts *o, vb_error *err) {
  sqlite3 *db = vb_index_db(idx);
  if (sqlite3_exec(db, g_scratch_sql, NULL, NULL, NULL) != SQLITE_OK)
    return vb_error_set(err, VB_EDB, "cannot prepare paragraph search");
  int64_t *ids = NULL;
  size_t n = 0;
  VB_TRY(sr_top_docs(idx, sq, o, PARA_CANDIDATE_DOCS, NULL, &ids, &n, err));
  qwords *q = vb_malloc(sizeof *q);
  if (!q) {
    vb_free(ids);
    return vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  read_qwords(sq->tree, q);
  scratch_ctx c = {NULL, q, SQLITE_DONE};
  sr_para_reader st = {0};
  vb_status rc = VB_OK;
  if (sqlite3_prepare_v2(db, "INSERT INTO temp.para_scratch(rowid, text) "
                             "VALUES(?1, ?2)", -1, &c.ins, NULL) != SQLITE_OK)
    rc = vb_error_set(err, VB_EDB, "cannot prepare paragraph search");
  /* One transaction for all the rows: FTS5 writes its segment once. */
  if (rc == VB_OK && sqlite3_exec(db, "SAVEPOINT scratch", NULL, NULL, NULL) != SQLITE_OK)
    rc = vb_error_set(err, VB_EDB, "cannot prepare paragraph search");
  for (size_t i = 0; i < n && rc == VB_OK; i++) {
    rc = sr_each_paragraph(idx, &st, ids[i], scratch_put, &c, err);
    if (rc == VB_OK && c.rc != SQLITE_DONE)
      rc = vb_error_set(err, VB_EDB, "cannot prepare paragraph search");
  }
  sqlite3_finalize(c.ins);
  sr_para_reader_free(&st);
  sqlite3_exec(db, rc == VB_OK ? "RELEASE scratch"
                               : "ROLLBACK TO scratch; RELEASE scratch",
               NULL, NULL, NULL);
  vb_free(ids);
  vb_free(q);
  return rc;
}

/* The hit columns of one paragraph, by id. */
static const char g_para_by_id_sql[] =
    "SELECT d.id, d.source, d.title, NULL, 0, d.doc_type, d.number, "
    "  d.symbol, d.date, d.issuer, d.province, d.year, NULL, "
    "  (p.doc_id << 20) + p.seq, p.line, "
    "  p.heading, ?2, p.fingerprint, "
    "  (SELECT count(DISTINCT doc_id) FROM paragraphs q "
    "   WHERE q.fingerprint = p.fingerprint), p.start, p.len "
    "FROM paragraphs p JOIN documents d ON d.id = p.doc_id "
    "WHERE p.doc_id = ?1 >> 20 AND p.seq = (?1 & 1048575)";

int vb_para_ranked_cmp(const void *a, const void *b) {
  const vb_para_ranked *x = a, *y = b;
  if (x->score != y->score) return x->score < y->score ? 1 : -1;
  return (x->pid > y->pid) - (x->pid < y->pid);
}

vb_status vb_para_docs(vb_index *idx, const vb_qtree *q,
                       const vb_search_opts *o, int limit, int64_t **ids,
                       size_t *n, vb_error *err) {
  sr_query sq;
  vb_status rc = sr_query_make(q, o, &sq, err);
  if (rc == VB_OK) rc = sr_top_docs(idx, &sq, o, limit, NULL, ids, n, err);
  sr_query_free(&sq);
  return rc;
}

vb_status vb_para_each(vb_index *idx, const int64_t *ids, size_t n,
                       int (*cb)(void *ctx, int64_t pid, int64_t fp,
                                 const char *text, size_t len),
                       void *ctx, vb_error *err) {
  sr_para_reader st = {0};
  vb_status rc = VB_OK;
  for (size_t i = 0; i < n && rc == VB_OK; i++)
    rc = sr_each_paragraph(idx, &st, ids[i], cb, ctx, err);
  sr_para_reader_free(&st);
  return rc;
}

vb_status vb_para_hits(vb_index *idx, const vb_search_opts *o,
                       const vb_para_ranked *best, size_t n, int similar,
                       vb_results **out, vb_error *err) {
  *out = NULL;
  vb_results *res = vb_calloc(1, sizeof *res);
  sr_para_reader st = {0};
  sqlite3_stmt *byid = NULL;
  if (!res) return vb_error_set(err, VB_ENOMEM, "out of memory");
  vb_status rc = VB_OK;
  if (sqlite3_prepare_v2(vb_index_db(idx), g_para_by_id_sql, -1, &byid, NULL) != SQLITE_OK)
    rc = vb_error_set(err, VB_EDB, "cannot read paragraphs");
  /* The best hit of each wording, with the documents repeating it. */
  int limit = o->limit > 0 ? o->limit : 10;
  if (limit > SEARCH_MAX_LIMIT) limit = SEARCH_MAX_LIMIT;
  size_t cap = 0;
  vb_search_opts po = *o;
  po.hl_open = po.hl_close = "";
  for (size_t i = 0; i < n && res->n < (size_t)limit && rc == VB_OK; i++) {
    int64_t fp = best[i].fp;
    int seen = 0;
    for (size_t k = 0; k < res->n && !seen; k++) seen = res->hits[k].fingerprint == fp;
    if (seen) continue;
    /* The paragraph's text (to PARA_MAX_BYTES), then its row. */
    sqlite3_reset(byid);
    sqlite3_bind_int64(byid, 1, best[i].pid);
    sqlite3_bind_null(byid, 2);
    int r = sqlite3_step(byid);
    if (r != SQLITE_ROW) {
      if (r != SQLITE_DONE) rc = sr_step_error(r, err);
      continue;
    }
    int64_t len = sqlite3_column_int64(byid, 20);
    int b = read_body(vb_index_db(idx), &st.body, best[i].pid >> 20,
                      sqlite3_column_int64(byid, 19), &len, st.buf);
    if (b != SQLITE_OK && (b & 0xff) != SQLITE_ERROR) {
      rc = sr_step_error(b, err);
      break;
    }
    sqlite3_reset(byid);
    if (b == SQLITE_OK) sqlite3_bind_text(byid, 2, st.buf, (int)len, SQLITE_STATIC);
    if (sqlite3_step(byid) != SQLITE_ROW) continue;
    rc = sr_add_hit(res, &cap, byid, &po, err);
    if (rc != VB_OK) break;
    vb_hit *h = &res->hits[res->n - 1];
    h->score = -best[i].score;
    if (similar) h->similarity = best[i].score;
    h->repeats = sqlite3_column_int(byid, 18) - 1;
  }
  sr_para_reader_free(&st);
  sqlite3_finalize(byid);
  if (rc != VB_OK && rc != VB_ETIMEOUT) {
    vb_results_free(res);
    return rc;
  }
  *out = res;
  return rc;
}

