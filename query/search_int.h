/*
** search_int.h: what the files of the search share inside the query layer
** (search.c: documents, broad queries and facets; search_para.c:
** paragraphs read with caps, the strict paragraph search and the hits of
** ranked paragraphs): the results, the query
** as the statements take it, the filters of every statement and the steps
** used by more than one file (prefixed sr_).  Not a public interface.
*/
#ifndef VB_SEARCH_INT_H
#define VB_SEARCH_INT_H

#include "snippet.h"
#include "query.h"
#include "qtree.h"
#include "para_int.h"

#define SEARCH_MAX_LIMIT 10000

/* Results: the hits and every string they point at. */
struct vb_results {
  vb_hit *hits;
  size_t n;
  char **strings; /* every string the hits point at */
  size_t nstr, capstr;
};

/* What the statements are given of a query: its MATCH expression and the
** forms derived from it (qtree.h). */
typedef struct sr_query {
  const vb_qtree *tree; /* NULL for an expression not typed by a user */
  char *fts;            /* MATCH expression */
  char *exact;          /* the same with prefixes exact, or NULL */
  char *loose;          /* its phrases as words (is_broad), or NULL */
  /* fts and loose with the facet tokens of a province or year filter
  ** (schema.sql, doc_facets) for docs_fts (bound as ?15), or NULL when
  ** there is no such filter. */
  char *fts_docs, *loose_docs;
} sr_query;

/* Derive sq from tree (the forms of qtree.h) and the filters of o.  Free
** sq with sr_query_free() whatever the outcome.  Errors: VB_ENOMEM. */
vb_status sr_query_make(const vb_qtree *tree, const vb_search_opts *o,
                        sr_query *sq, vb_error *err) VB_MUST_CHECK;
void sr_query_free(sr_query *sq);

/* Filters shared by every search; ?1 is the MATCH expression. */
#define FILTERS                                                             \
  "  AND (?2 IS NULL OR d.province = ?2 OR d.province_2025 = ?2) "          \
  "  AND (?3 IS NULL OR d.year = ?3) "                                      \
  "  AND (?4 IS NULL OR d.date >= ?4) "                                     \
  "  AND (?5 IS NULL OR d.date <= ?5) "                                     \
  "  AND (?6 IS NULL OR instr(lower(d.issuer), lower(?6)) > 0) "            \
  "  AND (?7 IS NULL OR lower(d.doc_type) = lower(?7)) "                    \
  "  AND (?8 IS NULL OR d.symbol = ?8) "

/* snippet()'s text (vb_snippet_same), or in a document of megabytes the
** capped vb_snippet() (see index/snippet.h). */
#define CAPPED_SNIPPET(table, col, ntok, sources)                            \
  "CASE WHEN " VB_SNIPPET_FULL_FUNCTION "(" table ") THEN "                 \
  VB_SNIPPET_SAME_FUNCTION "(" table                                         \
  ", " col ", ?10, ?11, '…', " ntok ") ELSE " VB_SNIPPET_FUNCTION "(" table \
  ", " col ", ?10, ?11, '…', " ntok sources ") END"

/* Prepare statement sql with q and the options of o bound: ?1 the MATCH
** expression, ?2-?8 the filters, ?9 limit, ?10/?11 the highlight markers,
** ?12 sort by date, ?13 the expression for snippets.  The statement is
** kept on the handle (vb_index_stmt): give it back with
** vb_index_stmt_done(), never finalize it.  Errors: VB_EDB. */
vb_status sr_prepare(vb_index *idx, const char *sql, const sr_query *q,
                     const vb_search_opts *o, int limit, sqlite3_stmt **out,
                     vb_error *err) VB_MUST_CHECK;

/* Append the hit of the current row of s (columns as OUTER_SQL in
** search.c) to res, whose hits array has *cap slots.  Errors: VB_ENOMEM. */
vb_status sr_add_hit(vb_results *res, size_t *cap, sqlite3_stmt *s,
                     const vb_search_opts *o, vb_error *err) VB_MUST_CHECK;

/* The status of a failed step r (busy, damaged, past the time budget, or
** a query that could not be run), with err filled. */
vb_status sr_step_error(int r, vb_error *err);

/* The ids of the best `limit` documents for q under the filters of o (and
** not the document `exclude`, may be NULL); *ids is vb_malloc'd.  A broad
** query gives the most recent matches.  Errors: as vb_search(). */
vb_status sr_top_docs(vb_index *idx, const sr_query *q,
                      const vb_search_opts *o, int limit, const char *exclude,
                      int64_t **ids, size_t *n, vb_error *err) VB_MUST_CHECK;

/* The work on one document's paragraphs (paragraph search, similar) is
** capped: its first PARA_MAX_PER_DOC paragraphs, the first PARA_MAX_BYTES
** bytes of each, PARA_DOC_BYTES bytes in all.  A plan has a few hundred
** paragraphs of a few hundred bytes; a document of a million lines or of
** one 50 MB line costs what a plan of these sizes costs. */
#define PARA_MAX_PER_DOC 4096
#define PARA_MAX_BYTES 16384
#define PARA_DOC_BYTES ((int64_t)1 << 20)

/* What reads a document's paragraphs: the places of the paragraphs, a
** handle on the body, a buffer for one paragraph. */
typedef struct sr_para_reader {
  sqlite3_stmt *paras;
  sqlite3_blob *body;
  char buf[PARA_MAX_BYTES + 1];
} sr_para_reader;

/* Release what pr holds (pr itself is the caller's). */
void sr_para_reader_free(sr_para_reader *pr);

/* Call cb for every paragraph of document id (to the caps above) with its
** text and fingerprint; cb returns non-zero to stop.  pr keeps its
** statement and blob between calls (zero it first).  Errors: VB_EDB,
** VB_EBUSY, VB_ECORRUPT, VB_ETIMEOUT. */
vb_status sr_each_paragraph(vb_index *idx, sr_para_reader *pr, int64_t id,
                            int (*cb)(void *ctx, int64_t pid, int64_t fp,
                                      const char *text, size_t len),
                            void *ctx, vb_error *err) VB_MUST_CHECK;

/* The strict paragraph search: the statement ranking the scratch table
** (bound by sr_prepare()), and the filling of that table with the
** paragraphs of the best documents for q that may match it. */
extern const char sr_para_sql[];
vb_status sr_fill_scratch(vb_index *idx, const sr_query *sq,
                          const vb_search_opts *o,
                          vb_error *err) VB_MUST_CHECK;

#endif /* VB_SEARCH_INT_H */
