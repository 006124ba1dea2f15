/*
** snippet.h: vb_snippet(), FTS5's snippet() with its work per document
** capped.
**
**   SELECT CASE WHEN vb_snippet_full(docs_fts)
**          THEN vb_snippet_same(docs_fts, col, open, close, ellipsis, ntokens)
**          ELSE vb_snippet(docs_fts, col, open, close, ellipsis, ntokens)
**          END ...
**
** The built-in snippet() scores every match against every other one and
** tokenizes the whole column, which for a document of megabytes that
** repeats a query word means minutes.  vb_snippet_full() is 1 for a row of
** up to VB_SNIPPET_FULL_TOKENS tokens with up to VB_SNIPPET_FULL_INST
** matches (every ordinary document: they get snippet()'s answer,
** unchanged), else 0.  vb_snippet() takes snippet()'s arguments and gives
** a window of ntokens tokens placed on the first of the row's first
** VB_SNIPPET_MAX_INST matches per phrase with the most distinct phrases
** near it, made from at most VB_SNIPPET_SCAN_BYTES bytes at the start of
** the column.  A match past those bytes is not shown (the window is then
** the opening of the first column with text).
**
** vb_snippet_same() gives the text of the built-in snippet() with the same
** arguments (ntokens of at least 2) without its cost: snippet() scores
** each match's window by a pass over all the row's matches (a row of 1,000
** matches: a million steps per column) and tokenizes every column whole;
** vb_snippet_same() finds each window's matches by a binary search and
** tokenizes a column only up to its last match and the window's end.
*/
#ifndef VB_SNIPPET_H
#define VB_SNIPPET_H

#include <sqlite3.h>

#include "vb.h"

#define VB_SNIPPET_FUNCTION "vb_snippet"
#define VB_SNIPPET_FULL_FUNCTION "vb_snippet_full"
#define VB_SNIPPET_SAME_FUNCTION "vb_snippet_same"

/* Rows up to these sizes are given snippet()'s text (vb_snippet_same). */
#define VB_SNIPPET_FULL_TOKENS 100000
#define VB_SNIPPET_FULL_INST 2000

/* Larger rows: matches examined per phrase, bytes of a column read. */
#define VB_SNIPPET_MAX_INST 1000
#define VB_SNIPPET_SCAN_BYTES ((size_t)256 << 10)

/* Register vb_snippet(), vb_snippet_full() and vb_snippet_same() with db's
** FTS5 module.  Returns VB_OK, or VB_EDB
** if FTS5 is missing, VB_ENOMEM. */
vb_status vb_snippet_register(sqlite3 *db) VB_MUST_CHECK;

#endif /* VB_SNIPPET_H */
