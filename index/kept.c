/*
** kept.c: the statements of the query layer kept on an index handle from
** one use to the next (index.h, vb_index_stmt), so that a server that
** answers many searches on one handle parses their SQL once.
*/
#include <string.h>

#include "index.h"

sqlite3_stmt *vb_index_stmt(vb_index *idx, const char *sql, int *rc) {
  vb_kept *k = vb_index_kept(idx);
  int free_slot = -1;
  for (int i = 0; i < VB_INDEX_KEPT_STMTS; i++) {
    if (k->slot[i].s && !k->slot[i].busy && strcmp(sqlite3_sql(k->slot[i].s), sql) == 0) {
      k->slot[i].busy = 1;
      *rc = SQLITE_OK;
      return k->slot[i].s;
    }
    if (!k->slot[i].s && free_slot < 0) free_slot = i;
  }
  sqlite3_stmt *s = NULL;
  *rc = sqlite3_prepare_v3(vb_index_db(idx), sql, -1,
                           free_slot >= 0 ? SQLITE_PREPARE_PERSISTENT : 0, &s, NULL);
  if (*rc != SQLITE_OK) {
    sqlite3_finalize(s);
    return NULL;
  }
  if (free_slot >= 0) {
    k->slot[free_slot].s = s;
    k->slot[free_slot].busy = 1;
  }
  return s;
}

void vb_index_stmt_done(vb_index *idx, sqlite3_stmt *s) {
  if (!s) return;
  vb_kept *k = vb_index_kept(idx);
  for (int i = 0; i < VB_INDEX_KEPT_STMTS; i++)
    if (k->slot[i].s == s && k->slot[i].busy) {
      sqlite3_reset(s);
      sqlite3_clear_bindings(s);
      k->slot[i].busy = 0;
      return;
    }
  sqlite3_finalize(s);
}

void vb_kept_free(vb_kept *k) {
  for (int i = 0; i < VB_INDEX_KEPT_STMTS; i++) {
    sqlite3_finalize(k->slot[i].s);
    k->slot[i].s = NULL;
  }
}
