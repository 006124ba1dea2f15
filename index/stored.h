/*
** stored.h: the record as the index stores it (schema.sql, record_rows and
** lines): the record less what other tables hold, and the evidence lines
** it leaves out.  The view records of schema.sql puts them back.
** Internal to the index layer.
*/
#ifndef VB_STORED_H
#define VB_STORED_H

#include <stddef.h>

#include <jansson.h>

#include "vb.h"

/* One line of a text quoted by evidence, as the table lines holds it. */
typedef struct vb_evline {
  size_t line;      /* 1-based line of the body */
  const char *text; /* the evidence text: points into the record's strings */
  size_t len;       /* bytes of text */
} vb_evline;

/* The record to store, as compact JSON, and the lines it leaves out.
** Left out: the "text" of an evidence entry (when it is the entry's last
** member and the first text seen for its line: *lines gets each such line
** once, by line number), and each list that the list tables hold whole
** (every item of the form index.c stores row by row: stored.c's g_lists),
** replaced by its number of items, and the evidence entries of such a list
** when they are the line alone of each item in order ("units[0]",
** "units[1]", ...), replaced by one entry "units[]" (the number of items)
** where the first stood: the rows keep the lines.  (The extraction never
** writes an evidence key ending in "[]".)  Every other value is kept as it is, so
** that the view records gives back the same JSON.  *json is malloc'd
** (free()); *lines is vb_malloc'd (vb_free()) and points into rec, which
** must outlive it.  Errors: VB_ENOMEM (nothing to free). */
vb_status vb_stored_record(json_t *rec, char **json, vb_evline **lines,
                           size_t *nlines) VB_MUST_CHECK;

#endif /* VB_STORED_H */
