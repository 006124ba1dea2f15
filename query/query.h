/*
** query.h: searching the index.
**
** The query language users type:
**   word            documents holding the word (without tone marks it
**                   matches every marked spelling; with marks, exactly)
**   "a phrase"      the words next to each other, in order
**   word*           words starting with "word"
**   -word           exclude (also -"a phrase", -(a OR b), NOT word)
**   a OR b          either (OR in capitals; binds looser than the
**                   implicit AND between neighbouring terms)
**   ( ... )         grouping
** Every other character is an ordinary part of a word; FTS5's own syntax
** (column filters, NEAR, ^, +) is never exposed, so no input reaches SQLite
** as syntax.  A malformed query fails with VB_EQUERY and a message that
** names the column of the problem.
**
** Ownership: vb_query_compile() returns a string to free with vb_free();
** vb_search() returns results to free with vb_results_free() (accepts NULL);
** pointers from vb_results_get() live as long as the results.
*/
#ifndef VB_QUERY_H
#define VB_QUERY_H

#include "index.h"

/* Translate a user query into an FTS5 MATCH expression in one call
** (vb_qtree_parse() and vb_qtree_fts() of qtree.h, which give the parsed
** query and the other forms derived from it).  fold != 0 drops tone marks
** from every word first, so marked words match all spellings.
** Errors: VB_EQUERY (err says what and where), VB_ENOMEM. */
vb_status vb_query_compile(const char *query, int fold, char **fts,
                           vb_error *err) VB_MUST_CHECK;

typedef enum vb_sort { VB_SORT_RANK = 0, VB_SORT_DATE } vb_sort;

typedef struct vb_search_opts {
  const char *query;     /* user query (required) */
  int limit;             /* results wanted (default 10 when 0) */
  int fold;              /* search without tone marks */
  vb_sort sort;          /* relevance (default) or date of issue, newest first */
  const char *province;  /* filters: NULL = none */
  int year;              /* 0 = none */
  const char *from, *to; /* date of issue range, ISO, inclusive */
  const char *issuer;    /* substring of the issuer, any case */
  const char *doc_type;  /* "Kế hoạch", any case */
  const char *symbol;    /* "KH-UBND" */
  const char *hl_open;   /* highlight markers around matched words */
  const char *hl_close;
  int paragraphs;        /* rank paragraphs instead of documents */
  int in_force;          /* leave out documents the index knows to be
                            replaced or repealed (graph.h); sets status */
  int status;            /* set each hit's status (costs a pass over the
                            references that replace, repeal or amend) */
  int all_words;         /* paragraphs: only those holding every word */
  int no_expand;         /* paragraphs: no vocabulary expansion (nor glossary) */
  int no_gloss;          /* paragraphs: no glossary of paraphrase */
  char **explain;        /* paragraphs: when non-NULL, *explain receives the
                            query as searched, words and vocabulary
                            expansions (caller vb_frees it) */
} vb_search_opts;

typedef struct vb_hit {
  int64_t doc_id;
  const char *source;    /* path as ingested */
  const char *title;     /* extracted title, or the first line of the text */
  const char *snippet;   /* text around the match, with highlight markers */
  double score;          /* bm25: lower is better */
  const char *doc_type, *number, *symbol, *date, *issuer, *province;
  int year;              /* 0 when unknown */
  /* Paragraph results (search --paragraphs, similar) only: */
  int64_t para_id;       /* 0 for document results */
  int line;              /* first line of the paragraph in the text */
  const char *heading;   /* numbered heading above it, or NULL */
  const char *text;      /* the paragraph */
  double similarity;     /* similar: 0..1 share of the wording in common */
  int repeats;           /* other documents holding the same wording */
  int64_t fingerprint;   /* of the paragraph's wording (paragraphs.h) */
  /* Document results: the other files of the same document (index/works.h),
  ** best first, and how each stands to it: "copy" (the same text in another
  ** file) or "version" (a draft, a revision). */
  const char *const *also;
  const char *const *also_kind;
  int nalso;
  /* Document results: what the index knows of the document's status,
  ** "replaced by Quyết định 15/2021/QĐ-UBND (2021-09-10); amended by ...",
  ** or NULL. */
  const char *status;
} vb_hit;

typedef struct vb_results vb_results;

/* Run a search.  Errors: VB_EQUERY, VB_EDB, VB_ENOMEM; VB_ETIMEOUT when
** the index's time budget ran out (index.h), with *out holding the hits
** found before (possibly none; free them as usual). */
vb_status vb_search(vb_index *idx, const vb_search_opts *opts,
                    vb_results **out, vb_error *err) VB_MUST_CHECK;
/* Paragraphs of other documents worded most like `text`, best first,
** through the ranking of search --paragraphs (paragraph_search.c): text is
** a query of many words with minimum-should-match, tone marks ignored, no
** phrase; one hit per wording (repeats counts the other documents that
** repeat it); each hit's score is minus its ranking score and its
** similarity the share of wording (words and pairs of words) in common.
** exclude_source (may be NULL) leaves out the paragraphs of that document.
** Filters of opts apply (query, paragraphs and sort are ignored).
** Errors: VB_EQUERY (no words in text), VB_EDB, VB_ENOMEM; VB_ETIMEOUT
** as for vb_search(), with the hits found before in *out. */
vb_status vb_similar(vb_index *idx, const char *text,
                     const char *exclude_source, const vb_search_opts *opts,
                     vb_results **out, vb_error *err) VB_MUST_CHECK;

/* Counts of the documents matching opts (query and filters; limit and
** sort ignored) per province, year, issuer and document type:
** {"province": [{"value": "Bắc Giang", "count": 2}, ...], "year": [...],
**  "issuer": [...], "doc_type": [...]}, largest first.  *out is a new
** reference.  Errors: VB_EQUERY, VB_EDB, VB_ENOMEM. */
vb_status vb_facets(vb_index *idx, const vb_search_opts *opts, json_t **out,
                    vb_error *err) VB_MUST_CHECK;

/* A document hit as the CLI's JSON shows it: source, title, snippet,
** score, doc_type, number, symbol, date, issuer, province, year; a
** paragraph hit also line, heading, text (to 16 KiB), repeats and, from
** similar, similarity (new reference; NULL on allocation failure). */
json_t *vb_hit_json(const vb_hit *h);

size_t vb_results_count(const vb_results *r);
const vb_hit *vb_results_get(const vb_results *r, size_t i);
void vb_results_free(vb_results *r);

#endif /* VB_QUERY_H */
