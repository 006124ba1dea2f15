/*
** search.c: ranked full-text search over the index (see query.h).
**
** Ranking is bm25 (as vb_rank(), see index/rank.h) with column weights
** that favour the title and the theme over the body and the
** headers/footers.  Filters are bound parameters in a fixed statement
** ("?N IS NULL OR ..."), so no user text becomes SQL.
*/
#include <stdlib.h>
#include <string.h>

#include "vi.h"
#include "rank.h"
#include "snippet.h"
#include "tokenizer.h"
#include "names.h"
#include "query.h"
#include "qtree.h"
#include "works.h"
#include "works_fold.h"
#include "para_int.h"

/* Ranking weights per column of docs_fts: title, theme, body, extra. */
#define W_TITLE "10.0"
#define W_THEME "5.0"
#define W_BODY "1.0"
#define W_EXTRA "0.5"
#define SEARCH_MAX_LIMIT 10000
#define SNIPPET_TOKENS 24

struct vb_results {
  vb_hit *hits;
  size_t n;
  char **strings; /* every string the hits point at */
  size_t nstr, capstr;
};

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

/* Memory that lives as long as the results (vb_fold_alloc). */
static void *results_alloc(void *ctx, size_t bytes) {
  vb_results *r = ctx;
  if (r->nstr == r->capstr) {
    size_t ncap = r->capstr ? r->capstr * 2 : 64;
    char **ns = vb_realloc(r->strings, ncap * sizeof *ns);
    if (!ns) return NULL;
    r->strings = ns;
    r->capstr = ncap;
  }
  char *p = vb_malloc(bytes ? bytes : 1);
  if (p) r->strings[r->nstr++] = p;
  return p;
}

/* Keep a copy of column col (NULL stays NULL); *ok = 0 on failure. */
static const char *keep(vb_results *r, sqlite3_stmt *s, int col, int *ok) {
  const char *v = (const char *)sqlite3_column_text(s, col);
  if (!v) return NULL;
  if (r->nstr == r->capstr) {
    size_t ncap = r->capstr ? r->capstr * 2 : 64;
    char **ns = vb_realloc(r->strings, ncap * sizeof *ns);
    if (!ns) {
      *ok = 0;
      return NULL;
    }
    r->strings = ns;
    r->capstr = ncap;
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

/* Filters shared by every search; ?1 is the MATCH expression. */
#define FILTERS                                                             \
  "  AND (?2 IS NULL OR d.province = ?2 OR d.province_2025 = ?2) "          \
  "  AND (?3 IS NULL OR d.year = ?3) "                                      \
  "  AND (?4 IS NULL OR d.date >= ?4) "                                     \
  "  AND (?5 IS NULL OR d.date <= ?5) "                                     \
  "  AND (?6 IS NULL OR instr(lower(d.issuer), lower(?6)) > 0) "            \
  "  AND (?7 IS NULL OR lower(d.doc_type) = lower(?7)) "                    \
  "  AND (?8 IS NULL OR d.symbol = ?8) "

/* Every document search is two steps: the inner query (named top) picks
** the ids, scores and dates of the results; the outer one adds what only
** the results need — the snippet, which tokenizes the whole document, and
** the head of the text.  SQLite computes a sorted query's columns for every
** candidate row, so they must not be in the inner query.
**
** A snippet runs the query again on one document; for a query with a
** prefix ("tuyên*") that means merging the lists of every word with the
** prefix in the whole index, once per result.  So snippets are made with
** ?13, the query without its prefixes (see exact_words), and only a
** document without those exact words gets one made with the query. */
#define SNIPPET_OF(expr)                                                     \
  "(SELECT " CAPPED_SNIPPET("docs_fts", "-1", "24", DOCS_FTS_SOURCES)        \
  " FROM docs_fts "                                                          \
  " WHERE docs_fts MATCH " expr " AND docs_fts.rowid = t.id)"
/* snippet(), or in a document of megabytes the capped vb_snippet() (see
** index/snippet.h). */
#define CAPPED_SNIPPET(table, col, ntok, sources)                            \
  "CASE WHEN " VB_SNIPPET_FULL_FUNCTION "(" table ") THEN snippet(" table   \
  ", " col ", ?10, ?11, '…', " ntok ") ELSE " VB_SNIPPET_FUNCTION "(" table \
  ", " col ", ?10, ?11, '…', " ntok sources ") END"
/* Where the columns of docs_fts are (see doc_content in schema.sql). */
#define DOCS_FTS_SOURCES                                                     \
  ", 'documents.title', 'documents.theme', 'texts.body', 'texts.extra'"
#define OUTER_SQL                                                            \
  "SELECT d.id, d.source, d.title, "                                         \
  "  coalesce(" SNIPPET_OF("?13") ", " SNIPPET_OF("?1") "), "               \
  "  t.score, d.doc_type, d.number, d.symbol, d.date, d.issuer, "            \
  "  d.province, d.year, "                                                   \
  "  CASE WHEN d.title IS NULL THEN "                                         \
  "  (SELECT substr(body, 1, 600) FROM texts WHERE doc_id = d.id) END, "         \
  "  NULL, NULL, NULL, NULL, NULL "                                          \
  "FROM top t JOIN documents d ON d.id = t.id "

#define BM25_DOCS                                                            \
  VB_RANK_FUNCTION "(docs_fts, " W_TITLE ", " W_THEME ", " W_BODY ", "         \
  W_EXTRA ")"

/* Ranked with filters (or by date). */
static const char g_doc_sql[] =
    "WITH top(id, score, date, n) AS ("
    "  SELECT d.id, " BM25_DOCS ", d.date, 0 "
    "  FROM docs_fts JOIN documents d ON d.id = docs_fts.rowid "
    "  WHERE docs_fts MATCH ?1 " FILTERS
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
    "ON d.id = docs_fts.rowid WHERE docs_fts MATCH ?1 " FILTERS
    "AND ?10 = ?10 AND ?11 = ?11 AND ?12 = ?12 "
    "ORDER BY " BM25_DOCS " LIMIT ?9";

/* The same for a query matching most of the collection: the most recent
** matches, without scoring them all (see BROAD_MATCHES). */
static const char g_top_recent_sql[] =
    "SELECT d.id, d.source FROM docs_fts JOIN documents d "
    "ON d.id = docs_fts.rowid WHERE docs_fts MATCH ?1 " FILTERS
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
    OUTER_SQL "ORDER BY t.score";

/* The same without filters: no look at documents for every candidate. */
static const char g_title_plain_sql[] =
    TITLE_CAND
    "top(id, score, date, n) AS ("
    "  SELECT id, score, NULL, ?12 FROM cand ORDER BY 2 LIMIT ?9) "
    OUTER_SQL "ORDER BY t.score";

/* (Without a score: ranking them is what this pass avoids.) */
static const char g_recent_sql[] =
    "WITH top(id, score, date, n) AS ("
    "  SELECT d.id, NULL, d.date, ?12 "
    "  FROM docs_fts JOIN documents d ON d.id = docs_fts.rowid "
    "  WHERE docs_fts MATCH ?1 " FILTERS
    "  ORDER BY docs_fts.rowid DESC LIMIT ?9) "
    OUTER_SQL "ORDER BY t.id DESC";

/* Paragraphs are ranked in two steps: the best PARA_CANDIDATE_DOCS
** documents by the document index, then their paragraphs, put in a
** scratch FTS5 table of this connection, by the same query. */
#define PARA_CANDIDATE_DOCS 25

static const char g_scratch_sql[] =
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.para_scratch USING "
    "fts5(text, tokenize = 'vietnamese');"
    "DELETE FROM temp.para_scratch;";

static const char g_para_sql[] =
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

/* The work on one document's paragraphs (paragraph search, similar) is
** capped: its first PARA_MAX_PER_DOC paragraphs, the first PARA_MAX_BYTES
** bytes of each, PARA_DOC_BYTES bytes in all.  A plan has a few hundred
** paragraphs of a few hundred bytes; a document of a million lines or of
** one 50 MB line costs what a plan of these sizes costs. */
#define PARA_MAX_PER_DOC 4096
#define PARA_MAX_BYTES 16384
#define PARA_DOC_BYTES ((int64_t)1 << 20)

/* Paragraphs of a document: each row's text is body[start, start + len),
** read from the body with incremental blob I/O (no more of it than the
** paragraphs need). */
static const char g_doc_paras_sql[] =
    "SELECT (doc_id << 20) + seq, start, len, fingerprint FROM paragraphs "
    "WHERE doc_id = ?1 ORDER BY seq LIMIT 4096"; /* PARA_MAX_PER_DOC */

/* What reads a document's paragraphs: the places of the paragraphs, a
** handle on the body, a buffer for one paragraph. */
typedef struct para_reader {
  sqlite3_stmt *paras;
  sqlite3_blob *body;
  char buf[PARA_MAX_BYTES + 1];
} para_reader;

static void para_reader_free(para_reader *pr) {
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

/* What the statements are given of a query: its MATCH expression and the
** forms derived from it (qtree.h). */
typedef struct squery {
  const vb_qtree *tree; /* NULL for an expression not typed by a user */
  char *fts;            /* MATCH expression */
  char *exact;          /* the same with prefixes exact, or NULL */
  char *loose;          /* its phrases as words (is_broad), or NULL */
} squery;

/* Derive sq from tree.  Free with squery_free(). */
static vb_status squery_make(const vb_qtree *tree, squery *sq, vb_error *err) {
  memset(sq, 0, sizeof *sq);
  sq->tree = tree;
  VB_TRY(vb_qtree_fts(tree, &sq->fts, err));
  VB_TRY(vb_qtree_fts_exact(tree, &sq->exact, err));
  return vb_qtree_phrase_words(tree, &sq->loose, err);
}

/* Parse the user's query of o into *tree and derive sq from it; free both
** (vb_qtree_free, squery_free) whatever the outcome. */
static vb_status squery_parse(const vb_search_opts *o, vb_qtree **tree,
                              squery *sq, vb_error *err) {
  memset(sq, 0, sizeof *sq);
  VB_TRY(vb_qtree_parse(o->query, o->fold, tree, err));
  return squery_make(*tree, sq, err);
}

static void squery_free(squery *sq) {
  vb_free(sq->fts);
  vb_free(sq->exact);
  vb_free(sq->loose);
}

/* Prepare one of the statements above with the options bound. */
static vb_status prepare_search(vb_index *idx, const char *sql,
                                const squery *q, const vb_search_opts *o,
                                int limit, sqlite3_stmt **out,
                                vb_error *err) {
  sqlite3_stmt *s = NULL;
  int r = sqlite3_prepare_v2(vb_index_db(idx), sql, -1, &s, NULL);
  if (r != SQLITE_OK)
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
  *out = s;
  return VB_OK;
}

/* Append one hit read from the current row of s. */
static vb_status add_hit(vb_results *res, size_t *cap, sqlite3_stmt *s,
                         const vb_search_opts *o, vb_error *err) {
  if (res->n == *cap) {
    size_t ncap = *cap ? *cap * 2 : 16;
    vb_hit *nh = vb_realloc(res->hits, ncap * sizeof *nh);
    if (!nh) return vb_error_set(err, VB_ENOMEM, "out of memory");
    res->hits = nh;
    *cap = ncap;
  }
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
static vb_status step_error(int r, vb_error *err) {
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
  if (sqlite3_prepare_v2(vb_index_db(idx), g_count_sql, -1, &s, NULL) !=
      SQLITE_OK)
    return vb_error_set(err, VB_EDB, "cannot search");
  sqlite3_bind_text(s, 1, fts, -1, SQLITE_STATIC);
  sqlite3_bind_int64(s, 2, max_id - BROAD_SAMPLE);
  sqlite3_bind_int64(s, 3, need);
  int r = sqlite3_step(s);
  if (r == SQLITE_ROW) *hit = sqlite3_column_int64(s, 0) >= need;
  sqlite3_finalize(s);
  return r == SQLITE_ROW ? VB_OK : step_error(r, err);
}

/* *broad = 1 when q is to be ranked as a broad query: it matches more
** than BROAD_MATCHES documents, or it is a phrase of common words (its
** words are together in more than PHRASE_CANDIDATES documents, counted with
** q->loose), which costs FTS5 a look at the positions of its words in all
** of them. */
static vb_status is_broad(vb_index *idx, const squery *q, int *broad,
                          vb_error *err) {
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(vb_index_db(idx), g_max_id_sql, -1, &s, NULL) !=
      SQLITE_OK)
    return vb_error_set(err, VB_EDB, "cannot search");
  int r = sqlite3_step(s);
  int64_t max_id = r == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
  sqlite3_finalize(s);
  if (r != SQLITE_ROW) return step_error(r, err);
  VB_TRY(more_than(idx, q->fts, BROAD_MATCHES, max_id, broad, err));
  if (!*broad && q->loose)
    return more_than(idx, q->loose, PHRASE_CANDIDATES, max_id, broad, err);
  return VB_OK;
}

/* The ids of the best `limit` documents for q under the filters of o
** (and not `exclude`).  *ids is vb_malloc'd. */
static vb_status top_docs(vb_index *idx, const squery *q,
                          const vb_search_opts *o, int limit,
                          const char *exclude, int64_t **ids, size_t *n,
                          vb_error *err) {
  vb_search_opts po = *o;
  po.sort = VB_SORT_RANK;
  sqlite3_stmt *s = NULL;
  *ids = NULL;
  *n = 0;
  int broad = 0;
  VB_TRY(is_broad(idx, q, &broad, err));
  VB_TRY(prepare_search(idx, broad ? g_top_recent_sql : g_top_ids_sql, q,
                        &po, limit, &s, err));
  int64_t *a = vb_malloc((size_t)limit * sizeof *a);
  if (!a) {
    sqlite3_finalize(s);
    return vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  int r;
  while ((r = sqlite3_step(s)) == SQLITE_ROW) {
    const char *src = (const char *)sqlite3_column_text(s, 1);
    if (exclude && src && strcmp(src, exclude) == 0) continue;
    a[(*n)++] = sqlite3_column_int64(s, 0);
  }
  sqlite3_finalize(s);
  if (r != SQLITE_DONE) {
    vb_free(a);
    *n = 0;
    return step_error(r, err);
  }
  *ids = a;
  return VB_OK;
}

/* Call cb for every paragraph of document id (to the caps above) with
** its text and fingerprint. */
static vb_status each_paragraph(vb_index *idx, para_reader *pr, int64_t id,
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
    if (b != SQLITE_OK) return step_error(b, err);
    budget -= len;
    if (cb(ctx, sqlite3_column_int64(pr->paras, 0),
           sqlite3_column_int64(pr->paras, 3), pr->buf, (size_t)len))
      break;
  }
  if (budget > 0 && r != SQLITE_ROW && r != SQLITE_DONE)
    return step_error(r, err);
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
static vb_status fill_scratch(vb_index *idx, const squery *sq,
                              const vb_search_opts *o, vb_error *err) {
  sqlite3 *db = vb_index_db(idx);
  if (sqlite3_exec(db, g_scratch_sql, NULL, NULL, NULL) != SQLITE_OK)
    return vb_error_set(err, VB_EDB, "cannot prepare paragraph search");
  int64_t *ids = NULL;
  size_t n = 0;
  VB_TRY(top_docs(idx, sq, o, PARA_CANDIDATE_DOCS, NULL, &ids, &n, err));
  qwords *q = vb_malloc(sizeof *q);
  if (!q) {
    vb_free(ids);
    return vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  read_qwords(sq->tree, q);
  scratch_ctx c = {NULL, q, SQLITE_DONE};
  para_reader st = {0};
  vb_status rc = VB_OK;
  if (sqlite3_prepare_v2(db, "INSERT INTO temp.para_scratch(rowid, text) "
                             "VALUES(?1, ?2)", -1, &c.ins, NULL) != SQLITE_OK)
    rc = vb_error_set(err, VB_EDB, "cannot prepare paragraph search");
  /* One transaction for all the rows: FTS5 writes its segment once. */
  if (rc == VB_OK && sqlite3_exec(db, "SAVEPOINT scratch", NULL, NULL, NULL) != SQLITE_OK)
    rc = vb_error_set(err, VB_EDB, "cannot prepare paragraph search");
  for (size_t i = 0; i < n && rc == VB_OK; i++) {
    rc = each_paragraph(idx, &st, ids[i], scratch_put, &c, err);
    if (rc == VB_OK && c.rc != SQLITE_DONE)
      rc = vb_error_set(err, VB_EDB, "cannot prepare paragraph search");
  }
  sqlite3_finalize(c.ins);
  para_reader_free(&st);
  sqlite3_exec(db, rc == VB_OK ? "RELEASE scratch"
                               : "ROLLBACK TO scratch; RELEASE scratch",
               NULL, NULL, NULL);
  vb_free(ids);
  vb_free(q);
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
static vb_status broad_search(vb_index *idx, const squery *q,
                              const vb_search_opts *o, int limit,
                              vb_results *res, size_t *cap, vb_error *err) {
  const char *sqls[2] = {plain_query(o) ? g_title_plain_sql : g_title_sql,
                         g_recent_sql};
  vb_status rc = VB_OK;
  for (int k = 0; k < 2 && rc == VB_OK && res->n < (size_t)limit; k++) {
    sqlite3_stmt *s = NULL;
    /* The second pass skips the documents the first one found. */
    int want = limit + (int)res->n;
    rc = prepare_search(idx, sqls[k], q, o, want, &s, err);
    int r = SQLITE_DONE;
    while (rc == VB_OK && res->n < (size_t)limit &&
           (r = sqlite3_step(s)) == SQLITE_ROW) {
      /* No snippet: the title matched but the whole query does not (an
      ** excluded word in the body). */
      if (sqlite3_column_type(s, 3) == SQLITE_NULL) continue;
      if (has_doc(res, sqlite3_column_int64(s, 0))) continue;
      rc = add_hit(res, cap, s, o, err);
    }
    if (rc == VB_OK && r != SQLITE_DONE && r != SQLITE_ROW)
      rc = step_error(r, err);
    sqlite3_finalize(s);
  }
  return rc;
}

vb_status vb_search(vb_index *idx, const vb_search_opts *o, vb_results **out,
                    vb_error *err) {
  *out = NULL;
  if (o->paragraphs && !o->all_words) return vb_paragraph_search(idx, o, out, err);
  vb_qtree *tree = NULL;
  squery q;
  vb_status rc = squery_parse(o, &tree, &q, err);
  if (rc != VB_OK) {
    squery_free(&q);
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
    if (o->paragraphs) rc = fill_scratch(idx, &q, o, err);
    const char *sql = o->paragraphs       ? g_para_sql
                      : plain_query(o)      ? g_doc_plain_sql
                                            : g_doc_sql;
    if (rc == VB_OK) rc = prepare_search(idx, sql, &q, o, limit, &s, err);
    int r = SQLITE_DONE;
    while (rc == VB_OK && (r = sqlite3_step(s)) == SQLITE_ROW)
      rc = add_hit(res, &cap, s, o, err);
    if (rc == VB_OK && r != SQLITE_DONE) rc = step_error(r, err);
    sqlite3_finalize(s);
  }
  squery_free(&q);
  vb_qtree_free(tree);
  if (rc == VB_OK && !o->paragraphs)
    rc = vb_fold_works(idx, res->hits, &res->n, (size_t)shown,
                       o->in_force ? VB_FOLD_IN_FORCE : o->status,
                       results_alloc, res, err);
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
  squery q;
  vb_status rc = squery_parse(o, &tree, &q, err);
  json_t *res = rc == VB_OK ? json_object() : NULL;
  if (rc == VB_OK && !res) rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  for (size_t c = 0; c < sizeof cols / sizeof *cols && rc == VB_OK; c++) {
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT d.%s, count(*) AS n FROM docs_fts JOIN documents d "
             "ON d.id = docs_fts.rowid WHERE docs_fts MATCH ?1 " FILTERS
             "AND d.id NOT IN (" VB_WORKS_HIDDEN ") " /* documents, not files */
             "AND ?9 = ?9 AND ?10 = ?10 AND ?11 = ?11 AND ?12 = ?12 "
             "GROUP BY 1 ORDER BY n DESC, 1 LIMIT %d",
             cols[c], FACET_MAX_VALUES);
    sqlite3_stmt *s = NULL;
    rc = prepare_search(idx, sql, &q, o, 0, &s, err);
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
    if (r != SQLITE_DONE) rc = step_error(r, err);
    sqlite3_finalize(s);
    json_object_set_new(res, cols[c], list);
  }
  squery_free(&q);
  vb_qtree_free(tree);
  if (rc != VB_OK) {
    json_decref(res);
    return rc;
  }
  *out = res;
  return VB_OK;
}

/* ---- Similar wording ---- */

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

static int cmp_ranked(const void *a, const void *b) {
  const ranked *x = a, *y = b;
  if (x->score != y->score) return x->score < y->score ? 1 : -1;
  return (x->pid > y->pid) - (x->pid < y->pid);
}

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
  para_reader st = {0};
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
  squery sq = {.fts = fts.data}; /* of words, not typed: nothing to derive */
  if (rc == VB_OK)
    rc = top_docs(idx, &sq, o, SIMILAR_DOCS, exclude_source, &ids, &nids, err);
  c.qb = qb;
  c.nqb = bigrams(qw, qb);
  c.pw = pw;
  c.pb = pb;
  for (size_t i = 0; i < nids && rc == VB_OK; i++) {
    rc = each_paragraph(idx, &st, ids[i], compare_one, &c, err);
    if (c.oom) rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  if (rc != VB_OK) goto done;
  if (c.n) qsort(c.best, c.n, sizeof *c.best, cmp_ranked);
  vb_results_free(res);
  res = NULL;
  rc = vb_para_hits(idx, o, c.best, c.n, 1, &res, err);
done:
  para_reader_free(&st);
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

/* ---- Shared with the paragraph search (para_int.h) ---- */

int vb_para_ranked_cmp(const void *a, const void *b) { return cmp_ranked(a, b); }

vb_status vb_para_docs(vb_index *idx, const vb_qtree *q,
                       const vb_search_opts *o, int limit, int64_t **ids,
                       size_t *n, vb_error *err) {
  squery sq;
  vb_status rc = squery_make(q, &sq, err);
  if (rc == VB_OK) rc = top_docs(idx, &sq, o, limit, NULL, ids, n, err);
  squery_free(&sq);
  return rc;
}

vb_status vb_para_each(vb_index *idx, const int64_t *ids, size_t n,
                       int (*cb)(void *ctx, int64_t pid, int64_t fp,
                                 const char *text, size_t len),
                       void *ctx, vb_error *err) {
  para_reader st = {0};
  vb_status rc = VB_OK;
  for (size_t i = 0; i < n && rc == VB_OK; i++)
    rc = each_paragraph(idx, &st, ids[i], cb, ctx, err);
  para_reader_free(&st);
  return rc;
}

vb_status vb_para_hits(vb_index *idx, const vb_search_opts *o,
                       const vb_para_ranked *best, size_t n, int similar,
                       vb_results **out, vb_error *err) {
  *out = NULL;
  vb_results *res = vb_calloc(1, sizeof *res);
  para_reader st = {0};
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
      if (r != SQLITE_DONE) rc = step_error(r, err);
      continue;
    }
    int64_t len = sqlite3_column_int64(byid, 20);
    int b = read_body(vb_index_db(idx), &st.body, best[i].pid >> 20,
                      sqlite3_column_int64(byid, 19), &len, st.buf);
    if (b != SQLITE_OK && (b & 0xff) != SQLITE_ERROR) {
      rc = step_error(b, err);
      break;
    }
    sqlite3_reset(byid);
    if (b == SQLITE_OK) sqlite3_bind_text(byid, 2, st.buf, (int)len, SQLITE_STATIC);
    if (sqlite3_step(byid) != SQLITE_ROW) continue;
    rc = add_hit(res, &cap, byid, &po, err);
    if (rc != VB_OK) break;
    vb_hit *h = &res->hits[res->n - 1];
    h->score = -best[i].score;
    if (similar) h->similarity = best[i].score;
    h->repeats = sqlite3_column_int(byid, 18) - 1;
  }
  para_reader_free(&st);
  sqlite3_finalize(byid);
  if (rc != VB_OK && rc != VB_ETIMEOUT) {
    vb_results_free(res);
    return rc;
  }
  *out = res;
  return rc;
}
