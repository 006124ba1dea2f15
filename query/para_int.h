/*
** para_int.h: what the paragraph search (paragraph_search.c) shares with
** search_para.c inside the query layer: the candidate documents, the capped
** reading of their paragraphs, and the hits made of ranked paragraphs.
** Not a public interface.
*/
#ifndef VB_PARA_INT_H
#define VB_PARA_INT_H

#include "query.h"
#include "qtree.h"

/* One scored paragraph: id (doc_id << 20) + seq, fingerprint, score
** (higher is better). */
typedef struct vb_para_ranked {
  int64_t pid, fp;
  double score;
} vb_para_ranked;

/* Sort order of vb_para_ranked: best score first, then by id. */
int vb_para_ranked_cmp(const void *a, const void *b);

/* The ids of the best `limit` documents for the parsed query q under the
** filters of o.  *ids is vb_malloc'd.  Errors: as vb_search(). */
vb_status vb_para_docs(vb_index *idx, const vb_qtree *q,
                       const vb_search_opts *o, int limit, int64_t **ids,
                       size_t *n, vb_error *err) VB_MUST_CHECK;

/* Call cb for every paragraph of documents ids[0, n), to the caps of
** search_int.h (first paragraphs, bytes per paragraph and per document); cb
** returns non-zero to stop reading that document. */
vb_status vb_para_each(vb_index *idx, const int64_t *ids, size_t n,
                       int (*cb)(void *ctx, int64_t pid, int64_t fp,
                                 const char *text, size_t len),
                       void *ctx, vb_error *err) VB_MUST_CHECK;

/* Results made of best[0, n) (sorted), one per wording (fingerprint), to
** o->limit, each with its row, text and the count of other documents
** repeating it.  similar != 0: score is -similarity and similarity is set;
** else score is minus the paragraph's score (lower is better, as bm25).
** *out is new (vb_results_free).  Errors: VB_EDB, VB_ENOMEM, VB_ETIMEOUT. */
vb_status vb_para_hits(vb_index *idx, const vb_search_opts *o,
                       const vb_para_ranked *best, size_t n, int similar,
                       vb_results **out, vb_error *err) VB_MUST_CHECK;

/* A word of the query, for choosing the documents (para_docs.c). */
typedef struct vb_para_word {
  const char *fold;  /* folded, as vb_vi_token gives it */
  double weight;     /* 1 typed, less from the vocabulary */
  int64_t df;        /* set: documents holding it, estimated when common */
} vb_para_word;

/* Matches read per word by vb_para_words; a word in more documents is
** common. */
#define VB_PARA_POSTINGS 1000

/* Look up words[0, n) in the document index (at most VB_PARA_POSTINGS
** matches each; para_docs.c) and set their df; when choose != 0, *ids
** receives the ids of the best `limit` documents by the idf of the rare
** words they hold, best first (vb_malloc'd; NULL when choose == 0).
** Filters are not applied: see vb_para_words_filtered.  Errors: VB_EDB,
** VB_ENOMEM, VB_ETIMEOUT. */
vb_status vb_para_words(vb_index *idx, vb_para_word *words, int n, int limit,
                        int choose, int64_t **ids, size_t *nids,
                        vb_error *err) VB_MUST_CHECK;

/* 1 when o sets a filter, which vb_para_words does not apply: the
** documents are then chosen by vb_para_docs. */
int vb_para_words_filtered(const vb_search_opts *o);

/* Paragraph search ranked by bm25, words standing together and the
** vocabulary (paragraph_search.c); vb_search() calls it for
** o->paragraphs without o->all_words.  Same contract as vb_search(). */
vb_status vb_paragraph_search(vb_index *idx, const vb_search_opts *o,
                              vb_results **out, vb_error *err) VB_MUST_CHECK;

#endif /* VB_PARA_INT_H */
