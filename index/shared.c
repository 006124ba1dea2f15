/*
** shared.c: texts kept once for the whole index (see shared.h).  A text's
** id is its hash, so that finding whether a text is stored already is one
** lookup by primary key, without an index on the text: the table holds
** the id and the text and nothing else.
*/
#include "shared.h"

#include <stdint.h>
#include <string.h>

#define PROBES 64 /* ids tried after the hash's before giving up */

/* The statements of each table, in the slots of vb_index_own_stmt() from
** SLOT0 on (works.c uses the slots below it). */
#define SLOT0 10
enum { S_FIND, S_INSERT, S_TIDY, S__N };
_Static_assert(SLOT0 + VB_SHARED__N * S__N <= VB_INDEX_OWN_STMTS,
               "enough statement slots for the shared texts");

static const char *const g_sql[VB_SHARED__N][S__N] = {
    [VB_SHARED_TASKS] =
        {"SELECT text FROM task_texts WHERE id = ?1",
         "INSERT INTO task_texts(id, text) VALUES(?1, ?2)",
         "DELETE FROM task_texts WHERE id NOT IN "
         "(SELECT text_id FROM task_rows)"},
    [VB_SHARED_LINES] =
        {"SELECT text FROM line_texts WHERE id = ?1",
         "INSERT INTO line_texts(id, text) VALUES(?1, ?2)",
         "DELETE FROM line_texts WHERE id NOT IN "
         "(SELECT text_id FROM line_rows) AND id NOT IN "
         "(SELECT text_id FROM heading_rows)"},
};

/* The statement s of table which, reset (NULL if it cannot be prepared). */
static sqlite3_stmt *shared_stmt(vb_index *idx, int which, int s) {
  return vb_index_own_stmt(idx, SLOT0 + which * S__N + s, g_sql[which][s]);
}

vb_status vb_shared_text_id(vb_index *idx, int which, const char *txt,
                            size_t n, sqlite3_int64 *id, vb_error *err) {
  uint64_t h = 14695981039346656037ull; /* FNV-1a */
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)txt[i]) * 1099511628211ull;
  int r = SQLITE_OK;
  for (int probe = 0; probe < PROBES; probe++, h++) {
    *id = (sqlite3_int64)(h & INT64_MAX);
    sqlite3_stmt *s = shared_stmt(idx, which, S_FIND);
    if (!s) break;
    sqlite3_bind_int64(s, 1, *id);
    r = sqlite3_step(s);
    int same = r == SQLITE_ROW && (size_t)sqlite3_column_bytes(s, 0) == n &&
               memcmp(sqlite3_column_text(s, 0), txt, n) == 0;
    sqlite3_reset(s);
    if (r != SQLITE_ROW && r != SQLITE_DONE) break;
    if (same) return VB_OK;
    if (r == SQLITE_ROW) continue; /* another text has this id */
    if (!(s = shared_stmt(idx, which, S_INSERT))) break;
    sqlite3_bind_int64(s, 1, *id);
    sqlite3_bind_text(s, 2, txt, (int)n, SQLITE_STATIC);
    r = sqlite3_step(s);
    sqlite3_reset(s);
    if (r != SQLITE_DONE) break;
    return VB_OK;
  }
  if ((r & 0xff) == SQLITE_FULL)
    return vb_error_set(err, VB_EIO, "cannot store the record: the disk is full");
  return vb_error_set(err, VB_EDB, "cannot store the record: %s texts",
                      which == VB_SHARED_TASKS ? "task" : "line");
}

vb_status vb_shared_tidy(vb_index *idx, vb_error *err) {
  for (int w = 0; w < VB_SHARED__N; w++) {
    sqlite3_stmt *s = shared_stmt(idx, w, S_TIDY);
    int r = s ? sqlite3_step(s) : SQLITE_ERROR;
    if (s) sqlite3_reset(s);
    if (r != SQLITE_DONE)
      return vb_error_set(err, VB_EDB, "cannot tidy the index");
  }
  return VB_OK;
}
