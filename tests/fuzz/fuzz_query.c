/*
** fuzz_query.c: fuzz target for the query language, vb_query_compile()
** and the forms derived from the parsed query (query/qtree.h).  The first
** byte chooses folding (its low bit); the rest, up to the first NUL, is the
** query as a user types it.
**
** Invariants: a refusal is VB_EQUERY (or VB_ENOMEM) with a one-line
** reason; a compiled expression, and the exact and loosened expressions
** derived from the tree, are non-empty valid UTF-8 that FTS5 accepts as a
** MATCH expression on a table with the Vietnamese tokenizer (no user input
** may reach SQLite as syntax it rejects); every word of the tree is valid
** UTF-8.
*/
#include <sqlite3.h>

#include "fuzz.h"
#include "index/tokenizer.h"
#include "query/qtree.h"
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

/* expr (derived from query q) must be an expression FTS5 runs. */
static void check_match(const char *expr, const char *q) {
  FUZZ_ASSERT(expr != NULL && expr[0] != '\0');
  FUZZ_ASSERT(vb_utf8_check((const unsigned char *)expr, strlen(expr)) ==
              strlen(expr));
  sqlite3_stmt *st = match_stmt();
  sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
  int r;
  while ((r = sqlite3_step(st)) == SQLITE_ROW) {
  }
  if (r != SQLITE_DONE)
    fprintf(stderr, "FTS5 refused \"%s\" (from \"%s\"): %s\n", expr, q,
            sqlite3_errmsg(sqlite3_db_handle(st)));
  FUZZ_ASSERT(r == SQLITE_DONE);
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
}

/* vb_qtree_words() callback: each form of a word is valid UTF-8. */
static int check_word(void *ctx, const vb_qword *w) {
  (void)ctx;
  FUZZ_ASSERT(w->exact[0] != '\0' && w->folded[0] != '\0');
  FUZZ_ASSERT(vb_utf8_check((const unsigned char *)w->exact,
                            strlen(w->exact)) == strlen(w->exact));
  FUZZ_ASSERT(vb_utf8_check((const unsigned char *)w->folded,
                            strlen(w->folded)) == strlen(w->folded));
  return 0;
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
  check_match(fts, q);
  /* The forms derived from the tree. */
  vb_qtree *t = NULL;
  FUZZ_ASSERT(vb_qtree_parse(q, fold, &t, &err) == VB_OK);
  char *exact = NULL, *loose = NULL;
  if (vb_qtree_fts_exact(t, &exact, &err) == VB_OK && exact)
    check_match(exact, q);
  if (vb_qtree_phrase_words(t, &loose, &err) == VB_OK && loose)
    check_match(loose, q);
  vb_qtree_words(t, check_word, NULL);
  vb_free(exact);
  vb_free(loose);
  vb_qtree_free(t);
  vb_free(fts);
  vb_free(q);
  return 0;
}
