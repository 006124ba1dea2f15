/*
** shared.c: texts kept once for the whole index (see shared.h).  Finding
** whether a text is stored already is one lookup by primary key of its
** 63-bit hash, without an index on the text.  Task texts have the hash as
** their id; quoted lines and headings are numbered in the order they come
** (appended, so their table is written in order and its pages stay full)
** and found through the small table line_keys (hash -> id).
*/
#include "shared.h"

#include <stdint.h>
#include <string.h>

#define PROBES 64 /* hashes tried after the text's before giving up */

/* The statements of each table, in the slots of vb_index_own_stmt() from
** SLOT0 on (works.c uses the slots below it).  S_FIND gives the id and the
** text of hash ?1; S_INSERT adds the text ?2 (with id ?1 when the id is
** the hash); S_KEY, where the id is not the hash, adds hash ?1 -> id ?2. */
#define SLOT0 10
enum { S_FIND, S_INSERT, S_KEY, S_TIDY, S_TIDY_KEYS, S__N };
_Static_assert(SLOT0 + VB_SHARED__N * S__N <= VB_INDEX_OWN_STMTS,
               "enough statement slots for the shared texts");

static const char *const g_sql[VB_SHARED__N][S__N] = {
    [VB_SHARED_TASKS] =
        {"SELECT id, text FROM task_texts WHERE id = ?1",
         "INSERT INTO task_texts(id, text) VALUES(?1, ?2)", NULL,
         "DELETE FROM task_texts WHERE id NOT IN "
         "(SELECT text_id FROM task_rows)",
         NULL},
    [VB_SHARED_LINES] =
        {"SELECT k.id, t.text FROM line_keys k JOIN line_texts t "
         "ON t.id = k.id WHERE k.hash = ?1",
         "INSERT INTO line_texts(text) VALUES(?2)",
         "INSERT INTO line_keys(hash, id) VALUES(?1, ?2)",
         "DELETE FROM line_texts WHERE id NOT IN "
         "(SELECT text_id FROM line_rows) AND id NOT IN "
         "(SELECT text_id FROM heading_rows)",
         "DELETE FROM line_keys WHERE id NOT IN (SELECT id FROM line_texts)"},
};

/* The statement s of table which, reset (NULL if it cannot be prepared). */
static sqlite3_stmt *shared_stmt(vb_index *idx, int which, int s) {
  return vb_index_own_stmt(idx, SLOT0 + which * S__N + s, g_sql[which][s]);
}

/* Step s once and reset it: SQLite's result code. */
static int step_once(sqlite3_stmt *s) {
  int r = sqlite3_step(s);
  sqlite3_reset(s);
  return r;
}

vb_status vb_shared_text_id(vb_index *idx, int which, const char *txt,
                            size_t n, sqlite3_int64 *id, vb_error *err) {
  uint64_t h = 14695981039346656037ull; /* FNV-1a */
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)txt[i]) * 1099511628211ull;
  int r = SQLITE_OK;
  for (int probe = 0; probe < PROBES; probe++, h++) {
    sqlite3_int64 key = (sqlite3_int64)(h & INT64_MAX);
    sqlite3_stmt *s = shared_stmt(idx, which, S_FIND);
    if (!s) break;
    sqlite3_bind_int64(s, 1, key);
    r = sqlite3_step(s);
    int same = r == SQLITE_ROW && (size_t)sqlite3_column_bytes(s, 1) == n &&
               memcmp(sqlite3_column_text(s, 1), txt, n) == 0;
    if (same) *id = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (r != SQLITE_ROW && r != SQLITE_DONE) break;
    if (same) return VB_OK;
    if (r == SQLITE_ROW) continue; /* another text has this hash */
    if (!(s = shared_stmt(idx, which, S_INSERT))) break;
    sqlite3_bind_int64(s, 1, key);
    sqlite3_bind_text(s, 2, txt, (int)n, SQLITE_STATIC);
    if ((r = step_once(s)) != SQLITE_DONE) break;
    *id = key;
    if (!g_sql[which][S_KEY]) return VB_OK;
    *id = sqlite3_last_insert_rowid(vb_index_db(idx));
    if (!(s = shared_stmt(idx, which, S_KEY))) break;
    sqlite3_bind_int64(s, 1, key);
    sqlite3_bind_int64(s, 2, *id);
    if ((r = step_once(s)) != SQLITE_DONE) break;
    return VB_OK;
  }
  if ((r & 0xff) == SQLITE_FULL)
    return vb_error_set(err, VB_EIO, "cannot store the record: the disk is full");
  return vb_error_set(err, VB_EDB, "cannot store the record: %s texts",
                      which == VB_SHARED_TASKS ? "task" : "line");
}

vb_status vb_shared_tidy(vb_index *idx, vb_error *err) {
  for (int w = 0; w < VB_SHARED__N; w++)
    for (int t = S_TIDY; t <= S_TIDY_KEYS; t++) {
      if (!g_sql[w][t]) continue;
      sqlite3_stmt *s = shared_stmt(idx, w, t);
      if (!s || step_once(s) != SQLITE_DONE)
        return vb_error_set(err, VB_EDB, "cannot tidy the index");
    }
  return VB_OK;
}
