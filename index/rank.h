/*
** rank.h: vb_rank(), the FTS5 ranking function of vanban's searches.
**
**   SELECT ... FROM docs_fts WHERE docs_fts MATCH ?
**   ORDER BY vb_rank(docs_fts, w1, w2, ...)
**
** The score is FTS5's built-in bm25() (k1 = 1.2, b = 0.75, one weight per
** column, lower is better), with one difference: bm25() learns how many
** documents hold each phrase of the query by running the phrase over the
** whole collection before it scores the first row, which for a phrase of
** common words costs as much as the search itself.  vb_rank() stops that
** count at VB_RANK_IDF_SAMPLE matches and scales it by the share of the
** collection (in rowid order) those matches came from.  A phrase with
** fewer matches is counted exactly, so on a small collection, or for rare
** phrases, vb_rank() and bm25() give the same scores.
**
** A second difference: columns after those given a weight neither score
** nor count in a document's length (bm25() weighs them 1.0), so the
** facets column of docs_fts leaves every score as it would be without it.
*/
#ifndef VB_RANK_H
#define VB_RANK_H

#include <sqlite3.h>

#include "vb.h"

#define VB_RANK_FUNCTION "vb_rank"

/* Matches of a phrase counted before the count is estimated. */
#define VB_RANK_IDF_SAMPLE 64

/* Matches of a phrase counted in one row: a document repeating a query
** word a million times costs what one repeating it this often costs (no
** plan comes near; bm25 barely moves past a few dozen). */
#define VB_RANK_MAX_INST 10000

/* Register vb_rank() with db's FTS5 module.  Returns VB_OK, or VB_EDB if
** FTS5 is missing, VB_ENOMEM. */
vb_status vb_rank_register(sqlite3 *db) VB_MUST_CHECK;

#endif /* VB_RANK_H */
