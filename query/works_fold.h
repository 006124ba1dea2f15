/*
** works_fold.h: search results count documents, not files (private to the
** query layer; see index/works.h for what a work is).
*/
#ifndef VB_WORKS_FOLD_H
#define VB_WORKS_FOLD_H

#include "query.h"

/* Results asked for when `limit` documents are wanted: the files of one
** document fold into one hit, so a few more are read. */
int vb_fold_fetch(int limit);

/* Memory owned by the results (freed with them); NULL when out of memory. */
typedef void *(*vb_fold_alloc)(void *ctx, size_t bytes);

/* Fold the document hits hits[0..*n) in place: one hit per work, at the
** rank of its best file, showing the file that stands for the work when it
** is among the hits; its other files (all of them, not only those that
** matched) go to the hit's also/also_kind; then keep at most limit hits.
** Paragraph hits are left alone.  alloc(ctx, bytes) gives memory that
** lives as long as the hits.  Errors: VB_EDB, VB_ENOMEM.
**
** status: 0 leaves hits' status NULL; VB_FOLD_STATUS sets the status of
** each hit kept (graph.h: replaced, repealed, amended by ...); and
** VB_FOLD_IN_FORCE also leaves out, before keeping limit of them, the
** documents the index knows to be replaced or repealed.  Each status costs
** a pass over the references that replace, repeal or amend. */
enum { VB_FOLD_STATUS = 1, VB_FOLD_IN_FORCE = 2 };
vb_status vb_fold_works(vb_index *idx, vb_hit *hits, size_t *n, size_t limit,
                        int status, vb_fold_alloc alloc, void *ctx,
                        vb_error *err) VB_MUST_CHECK;

#endif /* VB_WORKS_FOLD_H */
