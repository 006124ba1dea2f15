/*
** search.c: ranked full-text search over the index (see query.h): the
** documents, the broad queries, facets.
**
** Ranking is bm25 (as vb_rank(), see index/rank.h) with column weights
** that favour the title and the theme over the body and the
** headers/footers.  Filters are bound parameters in a fixed statement
** ("?N IS NULL OR ..."), so no user text becomes SQL.  The paragraphs are
** in search_para.c (search_int.h); ranked paragraphs and similar wording
** in paragraph_search.c.
*/
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "rank.h"
#include "tokenizer.h"
#include "snippet.h"
#include "names.h"
#include "works.h"
#include "works_fold.h"
#include "search_int.h"

/* Ranking weights per column of docs_fts: title, theme, body, extra. */
#define W_TITLE "10.0"
#define W_THEME "5.0"
#define W_BODY "1.0"
#define W_EXTRA "0.5"

size_t vb_results_count(const vb_results *r) { return r ? r->n : 0; }

const vb_hit *vb_results_get(const vb_results *r, size_t i) {
  return r && i < r->n ? &r->hits[i] : NULL;
}

void vb_results_free(vb_results *r) {
  if (!r) return;
  for (size_t i = 0; i < r->nstr; i++) vb_free(r->strings[i]);
  vb_free(r->strings);
  vb_free(r->hits);
  vb_free(r);
}

/* Make room for one more string kept by the results. */
static vb_status strings_room(vb_results *r) {
  return vb_grow(&r->strings, &r->capstr, r->nstr + 1, sizeof *r->strings);
}

/* Memory that lives as long as the results (vb_fold_alloc). */
static void *results_alloc(void *ctx, size_t bytes) {
  vb_results *r = ctx;
  if (strings_room(r) != VB_OK) return NULL;
  char *p = vb_malloc(bytes ? bytes : 1);
  if (p) r->strings[r->nstr++] = p;
  return p;
}

/* Keep a copy of column col (NULL stays NULL); *ok = 0 on failure. */
static const char *keep(vb_results *r, sqlite3_stmt *s, int col, int *ok) {
  const char *v = (const char *)sqlite3_column_text(s, col);
  if (!v) return NULL;
  if (strings_room(r) != VB_OK) {
    *ok = 0;
    return NULL;
  }
  char *c = vb_strdup(v);
  if (!c) {
    *ok = 0;
    return NULL;
  }
  r->strings[r->nstr++] = c;
  return c;
}

/* Join neighbouring highlights in place: "«bình» «đẳng»" -> "«bình đẳng»"
** (FTS5 marks each token on its own). */
static void merge_highlights(char *s, const char *open, const char *close) {
  size_t lo = strlen(open), lc = strlen(close);
  char *w = s, *r = s;
  while (*r) {
    if (strncmp(r, close, lc) == 0) {
      const char *p = r + lc;
      while (*p == ' ') p++;
      if (p > r + lc && strncmp(p, open, lo) == 0) {
        size_t gap = (size_t)(p - (r + lc));
        memmove(w, r + lc, gap);
        w += gap;
        r = (char *)p + lo;
        continue;
      }
    }
    *w++ = *r++;
  }
  *w = '\0';
}

/* The first non-blank line of a text head, trimmed (cut in place). */
static char *first_line(char *head) {
  char *p = head;
  for (;;) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '|' || *p == '#' ||
           *p == '*')
      p++;
    char *e = strchr(p, '\n');
    if (e) *e = '\0';
    char *end = p + strlen(p);
    while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '*' ||
                       end[-1] == '|'))
      *--end = '\0';
    if (*p || !e) return p;
    p = e + 1;
  }
}

/* Every document search is two steps: the inner query (named top) picks
** the ids, scores and dates of the results; the outer one adds what only
** the results need: the head of the text, and whether the document matches
** (a title match may not).  SQLite computes a sorted query's columns for
** every candidate row, so they must not be in the inner query.  The
** snippet, which tokenizes the whole document, is made last, only for the
** hits shown: the files of one document fold into one hit, so about three
** times as many rows are read as there are hits (works_fold.h).
**
** A snippet runs the query again on one document; for a query with a
** prefix ("tuyên*") that means merging the lists of every word with the
** prefix in the whole index, once per result.  So snippets are made with
** ?13, the query without its prefixes (vb_qtree_fts_exact), and only a
** document without those exact words gets one made with the query. */
#define SNIPPET_OF(expr)                                                     \
  "(SELECT " CAPPED_SNIPPET("docs_fts", "-1", "24", DOCS_FTS_SOURCES)        \
  " FROM docs_fts "                                                          \
  " WHERE docs_fts MATCH " expr " AND docs_fts.rowid = t.id)"
/* Where the columns of docs_fts are (see doc_content in schema.sql). */
#define DOCS_FTS_SOURCES                                                     \
  ", 'documents.title', 'documents.theme', 'texts.body', 'texts.extra'"
/* Whether document t.id matches expr (and so has a snippet). */
#define MATCHES(expr)                                                        \
  "EXISTS (SELECT 1 FROM docs_fts WHERE docs_fts MATCH " expr                \
  " AND docs_fts.rowid = t.id)"
/* The fourth column: '' for a document that matches, NULL for one that
** does not; OUTER_SQL for rows that match the query by construction,
** OUTER_CHECKED_SQL for rows found by their title alone. */
#define OUTER_SQL OUTER_WITH("''")
#define OUTER_CHECKED_SQL                                                    \
  OUTER_WITH("CASE WHEN " MATCHES("?13") " OR " MATCHES("?1") " THEN '' END")
#define OUTER_WITH(matched)                                                  \
  "SELECT d.id, d.source, d.title, " matched ", "                            \
  "  t.score, d.doc_type, d.number, d.symbol, d.date, d.issuer, "            \
  "  d.province, d.year, "                                                   \
  "  CASE WHEN d.title IS NULL THEN "                                         \
  "  (SELECT substr(body, 1, 600) FROM texts WHERE doc_id = d.id) END, "         \
  "  NULL, NULL, NULL, NULL, NULL "                                          \
  "FROM top t JOIN documents d ON d.id = t.id "

/* The snippet of document ?14 (NULL when it does not match). */
static const char g_snippet_sql[] =
    "SELECT coalesce(" SNIPPET_OF("?13") ", " SNIPPET_OF("?1") ") "
    "FROM (SELECT ?14 AS id) t";

#define BM25_DOCS                                                            \
  VB_RANK_FUNCTION "(docs_fts, " W_TITLE ", " W_THEME ", " W_BODY ", "         \
  W_EXTRA ")"

/* Ranked with filters (or by date). */
static const char g_doc_sql[] =
    "WITH top(id, score, date, n) AS ("
    "  SELECT d.id, " BM25_DOCS ", d.date, 0 "
    "  FROM docs_fts JOIN documents d ON d.id = docs_fts.rowid "
    "  WHERE docs_fts MATCH ?15 " FILTERS
    "  ORDER BY CASE WHEN ?12 THEN d.date END DESC, 2 LIMIT ?9) "
    OUTER_SQL "ORDER BY CASE WHEN ?12 THEN t.date END DESC, t.score";

/* Ranked without filters: no join for every match. */
static const char g_doc_plain_sql[] =
    "WITH top(id, score, date, n) AS ("
    "  SELECT rowid, " BM25_DOCS ", NULL, ?12 FROM docs_fts "
    "  WHERE docs_fts MATCH ?1 ORDER BY 2 LIMIT ?9) "
    OUTER_SQL "ORDER BY t.score";

/* Candidate documents for paragraph work: ids only, no snippet. */
static const char g_top_ids_sql[] =
    "SELECT d.id, d.source FROM docs_fts JOIN documents d "
    "ON d.id = docs_fts.rowid WHERE docs_fts MATCH ?15 " FILTERS
    "AND ?10 = ?10 AND ?11 = ?11 AND ?12 = ?12 "
    "ORDER BY " BM25_DOCS " LIMIT ?9";

/* The same for a query matching most of the collection: the most recent
** matches, without scoring them all (see BROAD_MATCHES). */
static const char g_top_recent_sql[] =
    "SELECT d.id, d.source FROM docs_fts JOIN documents d "
    "ON d.id = docs_fts.rowid WHERE docs_fts MATCH ?15 " FILTERS
    "AND ?10 = ?10 AND ?11 = ?11 AND ?12 = ?12 "
    "ORDER BY docs_fts.rowid DESC LIMIT ?9";

/* 1 when o sets no filter and sorts by relevance. */
static int plain_query(const vb_search_opts *o) {
  return !o->province && !o->year && !o->from && !o->to && !o->issuer &&
         !o->doc_type && !o->symbol && o->sort == VB_SORT_RANK;
}

/* A query that matches more than BROAD_MATCHES documents (a phrase found in
** nearly every plan) is not ranked by scoring every match: the documents
** whose title or theme match come first, ranked by the small title index
** (among the most recent of them), then the most recently ingested other
** matches.  Scoring all matches would
** cost time in proportion to the collection; this costs time in proportion
** to the results.
**
** How many documents match is itself estimated, not counted (counting a
** phrase costs as much as ranking it): the matches among the last
** BROAD_SAMPLE documents (by id), scaled to the whole id range.  A
** collection of up to BROAD_SAMPLE documents is counted exactly. */
#define BROAD_MATCHES 2000
#define BROAD_SAMPLE 4096
#define PHRASE_CANDIDATES 20000

static const char g_max_id_sql[] = "SELECT max(id) FROM documents";

static const char g_count_sql[] =
    "SELECT count(*) FROM (SELECT 1 FROM docs_fts WHERE docs_fts MATCH ?1 "
    "AND docs_fts.rowid > ?2 LIMIT ?3)";

/* The title pass ranks the most recent TITLE_CANDIDATES title matches
** (a common phrase may be in the titles of many documents too). */
#define TITLE_CANDIDATES "500"

#define TITLE_CAND                                                           \
  "WITH cand(id, score) AS ("                                                \
  "  SELECT rowid, " VB_RANK_FUNCTION "(titles_fts, " W_TITLE ", " W_THEME   \
  "  ) FROM titles_fts WHERE titles_fts MATCH ?1 "                           \
  "  ORDER BY rowid DESC LIMIT " TITLE_CANDIDATES "), "

static const char g_title_sql[] =
    TITLE_CAND
    "top(id, score, date, n) AS ("
    "  SELECT d.id, c.score, d.date, ?12 FROM cand c "
    "  JOIN documents d ON d.id = c.id WHERE 1 " FILTERS
    "  ORDER BY 2 LIMIT ?9) "
    OUTER_CHECKED_SQL "ORDER BY t.score";

/* The same without filters: no look at documents for every candidate. */
static const char g_title_plain_sql[] =
    TITLE_CAND
    "top(id, score, date, n) AS ("
    "  SELECT id, score, NULL, ?12 FROM cand ORDER BY 2 LIMIT ?9) "
    OUTER_CHECKED_SQL "ORDER BY t.score";

/* (Without a score: ranking them is what this pass avoids.) */
static const char g_recent_sql[] =
    "WITH top(id, score, date, n) AS ("
    "  SELECT d.id, NULL, d.date, ?12 "
    "  FROM docs_fts JOIN documents d ON d.id = docs_fts.rowid "
    "  WHERE docs_fts MATCH ?15 " FILTERS
    "  ORDER BY docs_fts.rowid DESC LIMIT ?9) "
    OUTER_SQL "ORDER BY t.id DESC";

/* Append the facet token tag+value to b as an FTS5 phrase followed by
** " AND ", spaces written as "_" (schema.sql, doc_facets). */
static vb_status facet_phrase(vb_buf *b, const char *tag, const char *value) {
  VB_TRY(vb_buf_putc(b, '"'));
  VB_TRY(vb_buf_putc(b, VB_FACET_MARK));
  VB_TRY(vb_buf_puts(b, tag));
  for (const char *p = value; *p; p++) {
    if (*p == '"') VB_TRY(vb_buf_putc(b, '"')); /* doubled in a phrase */
    VB_TRY(vb_buf_putc(b, *p == ' ' ? '_' : *p));
  }
  return vb_buf_puts(b, "\" AND ");
}

/* *out = expr under the province and year filters of o: their facet
** tokens AND (expr); NULL (and VB_OK) when o sets neither.  vb_malloc'd. */
static vb_status with_facets(const vb_search_opts *o, const char *expr,
                             char **out, vb_error *err) {
  *out = NULL;
  if (!expr || (!o->province && !o->year)) return VB_OK;
  vb_buf b;
  vb_buf_init(&b, VB_CAP_LINE);
  vb_status rc = VB_OK;
  if (o->province) {
    const vb_province *pv = vb_province_find(o->province, strlen(o->province));
    rc = facet_phrase(&b, "p:", pv ? pv->name : o->province);
  }
  if (rc == VB_OK && o->year) {
    char y[16];
    snprintf(y, sizeof y, "%d", o->year);
    rc = facet_phrase(&b, "y:", y);
  }
  if (rc == VB_OK) rc = vb_buf_putc(&b, '(');
  if (rc == VB_OK) rc = vb_buf_puts(&b, expr);
  if (rc == VB_OK) rc = vb_buf_putc(&b, ')');
  if (rc == VB_OK) *out = vb_buf_take(&b, NULL);
  vb_buf_free(&b);
  if (rc == VB_OK && !*out) rc = VB_ENOMEM;
  return rc == VB_OK ? VB_OK
                     : vb_error_set(err, rc, rc == VB_ELIMIT ? "query too long"
                                                             : "out of memory");
}

/* Derive sq from tree and o.  Free with sr_query_free(). */
vb_status sr_query_make(const vb_qtree *tree, const vb_search_opts *o,
                        sr_query *sq, vb_error *err) {
  memset(sq, 0, sizeof *sq);
  sq->tree = tree;
  VB_TRY(vb_qtree_fts(tree, &sq->fts, err));
  VB_TRY(vb_qtree_fts_exact(tree, &sq->exact, err));
  VB_TRY(vb_qtree_phrase_words(tree, &sq->loose, err));
  VB_TRY(with_facets(o, sq->fts, &sq->fts_docs, err));
  return with_facets(o, sq->loose, &sq->loose_docs, err);
}

/* Parse the user's query of o into *tree and derive sq from it; free both
** (vb_qtree_free, sr_query_free) whatever the outcome. */
static vb_status query_parse(const vb_search_opts *o, vb_qtree **tree,
                             sr_query *sq, vb_error *err) {
  memset(sq, 0, sizeof *sq);
  VB_TRY(vb_qtree_parse(o->query, o->fold, tree, err));
  return sr_query_make(*tree, o, sq, err);
}

void sr_query_free(sr_query *sq) {
  vb_free(sq->fts);
  vb_free(sq->exact);
  vb_free(sq->loose);
  vb_free(sq->fts_docs);
  vb_free(sq->loose_docs);
}

/* Prepare one of the statements above with the options bound. */
vb_status sr_prepare(vb_index *idx, const char *sql, const sr_query *q,
                     const vb_search_opts *o, int limit, sqlite3_stmt **out,
                     vb_error *err) {
  int r;
  sqlite3_stmt *s = vb_index_stmt(idx, sql, &r);
  if (!s)
    return vb_error_set(err, VB_EDB, "cannot search: %s", sqlite3_errstr(r));
  sqlite3_bind_text(s, 1, q->fts, -1, SQLITE_STATIC);
  if (o->province) {
    /* Any spelling of a province, old or merged: its canonical name. */
    const vb_province *pv = vb_province_find(o->province, strlen(o->province));
    sqlite3_bind_text(s, 2, pv ? pv->name : o->province, -1, SQLITE_STATIC);
  }
  if (o->year) sqlite3_bind_int(s, 3, o->year);
  if (o->from) sqlite3_bind_text(s, 4, o->from, -1, SQLITE_STATIC);
  if (o->to) sqlite3_bind_text(s, 5, o->to, -1, SQLITE_STATIC);
  if (o->issuer) sqlite3_bind_text(s, 6, o->issuer, -1, SQLITE_STATIC);
  if (o->doc_type) sqlite3_bind_text(s, 7, o->doc_type, -1, SQLITE_STATIC);
  if (o->symbol) sqlite3_bind_text(s, 8, o->symbol, -1, SQLITE_STATIC);
  sqlite3_bind_int(s, 9, limit);
  sqlite3_bind_text(s, 10, o->hl_open ? o->hl_open : "[", -1, SQLITE_STATIC);
  sqlite3_bind_text(s, 11, o->hl_close ? o->hl_close : "]", -1,
                    SQLITE_STATIC);
  sqlite3_bind_int(s, 12, o->sort == VB_SORT_DATE);
  sqlite3_bind_text(s, 13, q->exact ? q->exact : q->fts, -1, SQLITE_STATIC);
  sqlite3_bind_text(s, 15, q->fts_docs ? q->fts_docs : q->fts, -1,
                    SQLITE_STATIC);
  *out = s;
  return VB_OK;
}

/* Append one hit read from the current row of s. */
vb_status sr_add_hit(vb_results *res, size_t *cap, sqlite3_stmt *s,
                     const vb_search_opts *o, vb_error *err) {
  if (vb_grow(&res->hits, cap, res->n + 1, sizeof *res->hits) != VB_OK)
    return vb_error_set(err, VB_ENOMEM, "out of memory");
  int ok = 1;
  vb_hit *h = &res->hits[res->n];
  memset(h, 0, sizeof *h);
  h->doc_id = sqlite3_column_int64(s, 0);
  h->source = keep(res, s, 1, &ok);
  h->title = keep(res, s, 2, &ok);
  h->snippet = keep(res, s, 3, &ok);
  if (h->snippet)
    merge_highlights((char *)h->snippet, o->hl_open ? o->hl_open : "[",
                     o->hl_close ? o->hl_close : "]");
  h->score = sqlite3_column_double(s, 4);
  h->doc_type = keep(res, s, 5, &ok);
  h->number = keep(res, s, 6, &ok);
  h->symbol = keep(res, s, 7, &ok);
  h->date = keep(res, s, 8, &ok);
  h->issuer = keep(res, s, 9, &ok);
  h->province = keep(res, s, 10, &ok);
  h->year = sqlite3_column_int(s, 11);
  if (!h->title && ok) {
    char *head = (char *)keep(res, s, 12, &ok);
    if (head) h->title = first_line(head);
  }
  h->para_id = sqlite3_column_int64(s, 13);
  h->line = sqlite3_column_int(s, 14);
  h->heading = keep(res, s, 15, &ok);
  h->text = keep(res, s, 16, &ok);
  h->fingerprint = sqlite3_column_int64(s, 17);
  if (!ok) return vb_error_set(err, VB_ENOMEM, "out of memory");
  res->n++;
  return VB_OK;
}

/* Turn a failed step into a status. */
vb_status sr_step_error(int r, vb_error *err) {
  int prim = r & 0xff;
  if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
    return vb_error_set(err, VB_EBUSY, "the index is busy; try again");
  if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB)
    return vb_error_set(err, VB_ECORRUPT, "the index file is damaged");
  if (prim == SQLITE_INTERRUPT)
    return vb_error_set(err, VB_ETIMEOUT, "the query ran past its time budget");
  return vb_error_set(err, VB_EQUERY, "the query could not be run");
}

/* *hit = 1 when expression fts matches more than `over` of the documents
** with ids up to max_id, by its matches among the last BROAD_SAMPLE ids
** (see above); the count stops as soon as it says so. */
static vb_status more_than(vb_index *idx, const char *fts, int64_t over,
                           int64_t max_id, int *hit, vb_error *err) {
  sqlite3_stmt *s = NULL;
  *hit = 0;
  /* the matches among the last BROAD_SAMPLE ids that say so */
  int64_t need = over + 1;
  if (max_id > BROAD_SAMPLE) need = need * BROAD_SAMPLE / max_id + 1;
  int r;
  if (!(s = vb_index_stmt(idx, g_count_sql, &r)))
    return vb_error_set(err, VB_EDB, "cannot search");
  sqlite3_bind_text(s, 1, fts, -1, SQLITE_STATIC);
  sqlite3_bind_int64(s, 2, max_id - BROAD_SAMPLE);
  sqlite3_bind_int64(s, 3, need);
  r = sqlite3_step(s);
  if (r == SQLITE_ROW) *hit = sqlite3_column_int64(s, 0) >= need;
  vb_index_stmt_done(idx, s);
  return r == SQLITE_ROW ? VB_OK : sr_step_error(r, err);
}

/* *broad = 1 when q is to be ranked as a broad query: it matches more
** than BROAD_MATCHES documents, or it is a phrase of common words (its
** words are together in more than PHRASE_CANDIDATES documents, counted with
** q->loose), which costs FTS5 a look at the positions of its words in all
** of them. */
static vb_status is_broad(vb_index *idx, const sr_query *q, int *broad,
                          vb_error *err) {
  sqlite3_stmt *s = NULL;
  int r;
  if (!(s = vb_index_stmt(idx, g_max_id_sql, &r)))
    return vb_error_set(err, VB_EDB, "cannot search");
  r = sqlite3_step(s);
  int64_t max_id = r == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
  vb_index_stmt_done(idx, s);
  if (r != SQLITE_ROW) return sr_step_error(r, err);
  VB_TRY(more_than(idx, q->fts_docs ? q->fts_docs : q->fts, BROAD_MATCHES,
                   max_id, broad, err));
  if (!*broad && q->loose)
    return more_than(idx, q->loose_docs ? q->loose_docs : q->loose,
                     PHRASE_CANDIDATES, max_id, broad, err);
  return VB_OK;
}

/* The ids of the best `limit` documents for q under the filters of o
** (and not `exclude`).  *ids is vb_malloc'd. */
vb_status sr_top_docs(vb_index *idx, const sr_query *q,
                      const vb_search_opts *o, int limit, const char *exclude,
                      int64_t **ids, size_t *n, vb_error *err) {
  vb_search_opts po = *o;
  po.sort = VB_SORT_RANK;
  sqlite3_stmt *s = NULL;
  *ids = NULL;
  *n = 0;
  int broad = 0;
  VB_TRY(is_broad(idx, q, &broad, err));
  VB_TRY(sr_prepare(idx, broad ? g_top_recent_sql : g_top_ids_sql, q,
                        &po, limit, &s, err));
  int64_t *a = vb_malloc((size_t)limit * sizeof *a);
  if (!a) {
    vb_index_stmt_done(idx, s);
    return vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  int r;
  while ((r = sqlite3_step(s)) == SQLITE_ROW) {
    const char *src = (const char *)sqlite3_column_text(s, 1);
    if (exclude && src && strcmp(src, exclude) == 0) continue;
    a[(*n)++] = sqlite3_column_int64(s, 0);
  }
  vb_index_stmt_done(idx, s);
  if (r != SQLITE_DONE) {
    vb_free(a);
    *n = 0;
    return sr_step_error(r, err);
  }
  *ids = a;
  return VB_OK;
}

/* Make the snippets of the document hits of res (see OUTER_SQL), with
** neighbouring highlights joined. */
static vb_status doc_snippets(vb_index *idx, const sr_query *q,
                              const vb_search_opts *o, vb_results *res,
                              vb_error *err) {
  sqlite3_stmt *s = NULL;
  for (size_t i = 0; i < res->n; i++) res->hits[i].snippet = NULL;
  VB_TRY(sr_prepare(idx, g_snippet_sql, q, o, 0, &s, err));
  vb_status rc = VB_OK;
  for (size_t i = 0; i < res->n && rc == VB_OK; i++) {
    sqlite3_bind_int64(s, 14, res->hits[i].doc_id);
    int r = sqlite3_step(s);
    const char *v = r == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0)
                                    : NULL;
    size_t len = v ? strlen(v) : 0;
    char *c = v ? results_alloc(res, len + 1) : NULL;
    if (r != SQLITE_ROW)
      rc = sr_step_error(r, err);
    else if (v && !c)
      rc = vb_error_set(err, VB_ENOMEM, "out of memory");
    else if (c) {
      memcpy(c, v, len + 1);
      merge_highlights(c, o->hl_open ? o->hl_open : "[",
                       o->hl_close ? o->hl_close : "]");
      res->hits[i].snippet = c;
    }
    sqlite3_reset(s);
  }
  vb_index_stmt_done(idx, s);
  return rc;
}

/* 1 if doc id is already among the hits. */
static int has_doc(const vb_results *res, int64_t id) {
  for (size_t i = 0; i < res->n; i++)
    if (res->hits[i].doc_id == id) return 1;
  return 0;
}

/* The broad-query ranking (see BROAD_MATCHES): title matches, then the
** most recent other matches. */
static vb_status broad_search(vb_index *idx, const sr_query *q,
                              const vb_search_opts *o, int limit,
                              vb_results *res, size_t *cap, vb_error *err) {
  const char *sqls[2] = {plain_query(o) ? g_title_plain_sql : g_title_sql,
                         g_recent_sql};
  vb_status rc = VB_OK;
  for (int k = 0; k < 2 && rc == VB_OK && res->n < (size_t)limit; k++) {
    sqlite3_stmt *s = NULL;
    /* The second pass skips the documents the first one found. */
    int want = limit + (int)res->n;
    rc = sr_prepare(idx, sqls[k], q, o, want, &s, err);
    int r = SQLITE_DONE;
    while (rc == VB_OK && res->n < (size_t)limit &&
           (r = sqlite3_step(s)) == SQLITE_ROW) {
      /* No snippet: the title matched but the whole query does not (an
      ** excluded word in the body). */
      if (sqlite3_column_type(s, 3) == SQLITE_NULL) continue;
      if (has_doc(res, sqlite3_column_int64(s, 0))) continue;
      rc = sr_add_hit(res, cap, s, o, err);
    }
    if (rc == VB_OK && r != SQLITE_DONE && r != SQLITE_ROW)
      rc = sr_step_error(r, err);
    vb_index_stmt_done(idx, s);
  }
  return rc;
}

vb_status vb_search(vb_index *idx, const vb_search_opts *o, vb_results **out,
                    vb_error *err) {
  *out = NULL;
  if (o->paragraphs && !o->all_words) return vb_paragraph_search(idx, o, out, err);
  vb_qtree *tree = NULL;
  sr_query q;
  vb_status rc = query_parse(o, &tree, &q, err);
  if (rc != VB_OK) {
    sr_query_free(&q);
    vb_qtree_free(tree);
    return rc;
  }
  int limit = o->limit > 0 ? o->limit : 10;
  if (limit > SEARCH_MAX_LIMIT) limit = SEARCH_MAX_LIMIT;
  int shown = limit; /* documents; more files are read (works_fold.h) */
  if (!o->paragraphs) limit = vb_fold_fetch(limit);
  sqlite3_stmt *s = NULL;
  vb_results *res = vb_calloc(1, sizeof *res);
  if (!res) rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  size_t cap = 0;
  int broad = 0;
  if (rc == VB_OK && !o->paragraphs && o->sort == VB_SORT_RANK)
    rc = is_broad(idx, &q, &broad, err);
  if (rc == VB_OK && broad) {
    rc = broad_search(idx, &q, o, limit, res, &cap, err);
  } else if (rc == VB_OK) {
    if (o->paragraphs) rc = sr_fill_scratch(idx, &q, o, err);
    const char *sql = o->paragraphs       ? sr_para_sql
                      : plain_query(o)      ? g_doc_plain_sql
                                            : g_doc_sql;
    if (rc == VB_OK) rc = sr_prepare(idx, sql, &q, o, limit, &s, err);
    int r = SQLITE_DONE;
    while (rc == VB_OK && (r = sqlite3_step(s)) == SQLITE_ROW)
      rc = sr_add_hit(res, &cap, s, o, err);
    if (rc == VB_OK && r != SQLITE_DONE) rc = sr_step_error(r, err);
    vb_index_stmt_done(idx, s);
  }
  if (rc == VB_OK && !o->paragraphs)
    rc = vb_fold_works(idx, res->hits, &res->n, (size_t)shown,
                       o->in_force ? VB_FOLD_IN_FORCE : o->status,
                       results_alloc, res, err);
  /* Snippets of the hits kept (also of those found before the time budget
  ** ran out; they stay NULL when it is spent). */
  if ((rc == VB_OK || rc == VB_ETIMEOUT) && !o->paragraphs) {
    vb_error later;
    vb_status r2 = doc_snippets(idx, &q, o, res, rc == VB_OK ? err : &later);
    if (rc == VB_OK) rc = r2;
  }
  sr_query_free(&q);
  vb_qtree_free(tree);
  if (rc != VB_OK && rc != VB_ETIMEOUT) {
    vb_results_free(res);
    return rc;
  }
  *out = res;
  return rc;
}

json_t *vb_hit_json(const vb_hit *h) {
  json_t *o = json_object();
  json_object_set_new(o, "source", json_string(h->source));
  json_object_set_new(o, "title", h->title ? json_string(h->title) : json_null());
  json_object_set_new(o, "snippet", h->snippet ? json_string(h->snippet) : json_null());
  json_object_set_new(o, "score", json_real(h->score));
  const char *keys[] = {"doc_type", "number", "symbol", "date", "issuer", "province"};
  const char *vals[] = {h->doc_type, h->number, h->symbol, h->date, h->issuer, h->province};
  for (int i = 0; i < 6; i++)
    json_object_set_new(o, keys[i], vals[i] ? json_string(vals[i]) : json_null());
  json_object_set_new(o, "year", h->year ? json_integer(h->year) : json_null());
  if (h->nalso) { /* the other files of the same document */
    json_t *also = json_array();
    for (int i = 0; i < h->nalso; i++)
      json_array_append_new(also, json_pack("{s:s, s:s}", "source",
                                            h->also[i], "kind",
                                            h->also_kind[i]));
    json_object_set_new(o, "also", also);
  }
  if (h->status) json_object_set_new(o, "status", json_string(h->status));
  if (h->para_id) { /* a paragraph: where it is and what it says */
    json_object_set_new(o, "line", json_integer(h->line));
    json_object_set_new(o, "heading", h->heading ? json_string(h->heading) : json_null());
    json_object_set_new(o, "text", h->text ? json_string(h->text) : json_null());
    if (h->similarity > 0) json_object_set_new(o, "similarity", json_real(h->similarity));
    json_object_set_new(o, "repeats", json_integer(h->repeats));
  }
  return o;
}

/* ---- Facets ---- */

#define FACET_MAX_VALUES 50 /* values listed per facet */

vb_status vb_facets(vb_index *idx, const vb_search_opts *o, json_t **out,
                    vb_error *err) {
  static const char *const cols[] = {"province", "year", "issuer", "doc_type"};
  *out = NULL;
  vb_qtree *tree = NULL;
  sr_query q;
  vb_status rc = query_parse(o, &tree, &q, err);
  json_t *res = rc == VB_OK ? json_object() : NULL;
  if (rc == VB_OK && !res) rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  for (size_t c = 0; c < sizeof cols / sizeof *cols && rc == VB_OK; c++) {
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT d.%s, count(*) AS n FROM docs_fts JOIN documents d "
             "ON d.id = docs_fts.rowid WHERE docs_fts MATCH ?15 " FILTERS
             "AND d.id NOT IN (" VB_WORKS_HIDDEN ") " /* documents, not files */
             "AND ?9 = ?9 AND ?10 = ?10 AND ?11 = ?11 AND ?12 = ?12 "
             "GROUP BY 1 ORDER BY n DESC, 1 LIMIT %d",
             cols[c], FACET_MAX_VALUES);
    sqlite3_stmt *s = NULL;
    rc = sr_prepare(idx, sql, &q, o, 0, &s, err);
    if (rc != VB_OK) break;
    json_t *list = json_array();
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
      json_t *v = sqlite3_column_type(s, 0) == SQLITE_NULL ? json_null()
                  : sqlite3_column_type(s, 0) == SQLITE_INTEGER
                      ? json_integer(sqlite3_column_int64(s, 0))
                      : json_string((const char *)sqlite3_column_text(s, 0));
      json_array_append_new(list, json_pack("{s:o, s:I}", "value", v, "count",
                                            (json_int_t)sqlite3_column_int64(s, 1)));
    }
    if (r != SQLITE_DONE) rc = sr_step_error(r, err);
    vb_index_stmt_done(idx, s);
    json_object_set_new(res, cols[c], list);
  }
  sr_query_free(&q);
  vb_qtree_free(tree);
  if (rc != VB_OK) {
    json_decref(res);
    return rc;
  }
  *out = res;
  return VB_OK;
}

