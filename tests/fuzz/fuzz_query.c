/*
** fuzz_query.c: fuzz target for the query language, vb_query_compile().
** The first byte chooses folding (its low bit); the rest, up to the first
** NUL, is the query as a user types it.
**
** Invariants: a refusal is VB_EQUERY (or VB_ENOMEM) with a one-line
** reason; a compiled expression is non-empty valid UTF-8 that FTS5 accepts
** as a MATCH expression on a table with the Vietnamese tokenizer (no user
** input may reach SQLite as syntax it rejects).
*/
#include <sqlite3.h>

#include "fuzz.h"
#include "index/tokenizer.h"
#include "query/query.h"

/* A statement that runs a MATCH on an empty in-memory FTS5 table; prepared
** once and kept for the whole run. */
static sqlite3_stmt *match_stmt(void) {
  static sqlite3 *db;
  static sqlite3_stmt *st;
  if (st) return st;
  FUZZ_ASSERT(sqlite3_open(":memory:", &db) == SQLITE_OK);
  FUZZ_ASSERT(vb_tokenizer_register(db) == VB_OK);
  FUZZ_ASSERT(sqlite3_exec(db,
                           "CREATE VIRTUAL TABLE t USING fts5(title, body, "
                           "tokenize = '" VB_TOKENIZER_NAME "');"
                           "INSERT INTO t VALUES('Kế hoạch', 'bình đẳng giới')",
                           NULL, NULL, NULL) == SQLITE_OK);
  FUZZ_ASSERT(sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1",
                                 -1, &st, NULL) == SQLITE_OK);
  return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0) return 0;
  int fold = data[0] & 1;
  char *q = vb_strndup((const char *)data + 1, size - 1);
  FUZZ_ASSERT(q != NULL);
  char *fts = NULL;
  vb_error err = {0};
  vb_status rc = vb_query_compile(q, fold, &fts, &err);
  if (rc != VB_OK) {
    FUZZ_ASSERT(fts == NULL);
    FUZZ_ASSERT(rc == VB_EQUERY || rc == VB_ENOMEM);
    fuzz_check_error(rc, &err);
    vb_free(q);
    return 0;
  }
  FUZZ_ASSERT(fts != NULL && fts[0] != '\0');
  FUZZ_ASSERT(vb_utf8_check((const unsigned char *)fts, strlen(fts)) ==
              strlen(fts));
  sqlite3_stmt *st = match_stmt();
  sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
  int r;
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
  }
  if (r != SQLITE_DONE)
    fprintf(stderr, "FTS5 refused \"%s\" (from \"%s\"): %s\n", fts, q,
            sqlite3_errmsg(sqlite3_db_handle(st)));
  FUZZ_ASSERT(r == SQLITE_DONE);
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  vb_free(fts);
  vb_free(q);
  return 0;
}
