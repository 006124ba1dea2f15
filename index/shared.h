/*
** shared.h: texts kept once for the whole index (schema.sql: task_texts,
** line_texts).  Plans copy tasks, quoted lines and headings word for word
** from one another, so a row refers to its text by id and each distinct
** text is stored once.  Internal to the index layer.
*/
#ifndef VB_SHARED_H
#define VB_SHARED_H

#include <stddef.h>

#include <sqlite3.h>

#include "index.h"
#include "vb.h"

/* The tables of shared texts. */
enum {
  VB_SHARED_TASKS, /* task_texts, for task_rows */
  VB_SHARED_LINES, /* line_texts, for line_rows and heading_rows */
  VB_SHARED__N
};

/* The id in table `which` of the n bytes txt, adding the text if it is
** new: the text's 63-bit hash (FNV-1a), or the next free number when
** another text has it.  Must run inside a batch.  Errors: VB_EDB. */
vb_status vb_shared_text_id(vb_index *idx, int which, const char *txt,
                            size_t n, sqlite3_int64 *id,
                            vb_error *err) VB_MUST_CHECK;

/* Remove from every table the texts no row refers to any more (after
** documents were removed or replaced).  Must run inside a batch.  Errors:
** VB_EDB. */
vb_status vb_shared_tidy(vb_index *idx, vb_error *err) VB_MUST_CHECK;

#endif /* VB_SHARED_H */
