/*
** index_check.c: checks that a vanban index is consistent, for the
** command-line reliability tests (crash safety, concurrency, I/O faults).
**
**   index_check DB [--sources]
**
** Checks, each printed on one line:
**   integrity   PRAGMA integrity_check says "ok"
**   fts         the FTS5 integrity-check (index against its content) passes
**   rows        documents, texts and full-text rows have the same count
**   findable    every document is found by the first word of its text
**   sources     (with --sources) every document's stored hash and text are
**               those of its file as read now (paths relative to the cwd)
** Prints "consistent: N documents" and exits 0, or names every problem and
** exits 1 (2 when the index cannot be opened).
*/
#include <stdio.h>
#include <string.h>

#include "common/vi.h"
#include "index/index.h"
#include "index/tokenizer.h"

/* A token as an FTS5 string: quotes around it (tokens hold no quote). */
#define TOKEN_QUERY_MAX (VB_VI_TOKEN_MAX + 3)

static int g_problems;

static void problem(const char *what, const char *detail) {
  printf("problem: %s: %s\n", what, detail);
  g_problems++;
}

/* Prepare sql into *st; 0 (with a problem reported under `what`) if it
** cannot be. */
static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st,
                   const char *what) {
  if (sqlite3_prepare_v2(db, sql, -1, st, NULL) == SQLITE_OK) return 1;
  problem(what, sqlite3_errmsg(db));
  return 0;
}

/* One integer from a query (or -1 with a problem reported). */
static long long query_int(sqlite3 *db, const char *sql) {
  sqlite3_stmt *st;
  long long v = -1;
  if (!prepare(db, sql, &st, sql)) return -1;
  if (sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  else
    problem(sql, sqlite3_errmsg(db));
  sqlite3_finalize(st);
  return v;
}

static void check_integrity(sqlite3 *db) {
  sqlite3_stmt *st;
  if (!prepare(db, "PRAGMA integrity_check", &st, "integrity")) return;
  while (sqlite3_step(st) == SQLITE_ROW) {
    const char *r = (const char *)sqlite3_column_text(st, 0);
    if (!r || strcmp(r, "ok") != 0) problem("integrity", r ? r : "?");
  }
  sqlite3_finalize(st);
  /* rank = 1: also compare the index with the content it was built from. */
  if (sqlite3_exec(db,
                   "INSERT INTO docs_fts(docs_fts, rank) "
                   "VALUES('integrity-check', 1)",
                   NULL, NULL, NULL) != SQLITE_OK)
    problem("fts", sqlite3_errmsg(db));
}

/* Keeps the first token the tokenizer gives. */
static int first_token(void *ctx, int flags, const char *tok, int ntok,
                       int start, int end) {
  (void)flags; (void)start; (void)end;
  snprintf(ctx, TOKEN_QUERY_MAX, "\"%.*s\"", ntok, tok);
  return 1;
}

static void check_findable(sqlite3 *db) {
  sqlite3_stmt *docs, *find = NULL;
  if (!prepare(db, "SELECT doc_id, body FROM texts", &docs, "findable") ||
      !prepare(db,
               "SELECT count(*) FROM docs_fts WHERE docs_fts MATCH ?1 AND "
               "rowid = ?2",
               &find, "findable")) {
    sqlite3_finalize(docs);
    return;
  }
  while (sqlite3_step(docs) == SQLITE_ROW) {
    char q[TOKEN_QUERY_MAX] = "";
    const char *body = (const char *)sqlite3_column_text(docs, 1);
    vb_tokenize(body ? body : "", (size_t)sqlite3_column_bytes(docs, 1), 0,
                first_token, q);
    if (!q[0]) continue; /* no word at all: nothing to look for */
    sqlite3_bind_text(find, 1, q, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(find, 2, sqlite3_column_int64(docs, 0));
    if (sqlite3_step(find) != SQLITE_ROW || sqlite3_column_int(find, 0) != 1)
      problem("findable", (const char *)sqlite3_column_text(docs, 1));
    sqlite3_reset(find);
  }
  sqlite3_finalize(docs);
  sqlite3_finalize(find);
}

/* Each stored document against its file. */
static void check_sources(sqlite3 *db) {
  sqlite3_stmt *st;
  if (!prepare(db,
               "SELECT d.source, d.sha256, t.body FROM documents d JOIN texts "
               "t ON t.doc_id = d.id",
               &st, "sources"))
    return;
  while (sqlite3_step(st) == SQLITE_ROW) {
    const char *src = (const char *)sqlite3_column_text(st, 0);
    const char *sha = (const char *)sqlite3_column_text(st, 1);
    const char *body = (const char *)sqlite3_column_text(st, 2);
    vb_doc *doc = NULL;
    vb_error err = {0};
    if (vb_read_file(src, NULL, &doc, &err) != VB_OK) {
      problem(src, err.msg);
      continue;
    }
    if (strcmp(doc->sha256, sha) != 0) problem(src, "stored hash differs");
    if ((size_t)sqlite3_column_bytes(st, 2) != doc->text_len ||
        memcmp(body, doc->text, doc->text_len) != 0)
      problem(src, "stored text differs");
    vb_doc_free(doc);
  }
  sqlite3_finalize(st);
}

int main(int argc, char **argv) {
  if (argc < 2 || (argc > 2 && strcmp(argv[2], "--sources") != 0)) {
    fprintf(stderr, "usage: index_check DB [--sources]\n");
    return 2;
  }
  vb_index *idx = NULL;
  vb_error err = {0};
  vb_status rc = vb_index_open(argv[1], VB_INDEX_READ, &idx, &err);
  if (rc != VB_OK) {
    printf("cannot open: %s\n", vb_error_text(&err, rc));
    return 2;
  }
  sqlite3 *db = vb_index_db(idx);
  check_integrity(db);
  long long docs = query_int(db, "SELECT count(*) FROM documents");
  long long texts = query_int(db, "SELECT count(*) FROM texts");
  long long fts = query_int(db, "SELECT count(*) FROM docs_fts_docsize");
  if (docs != texts || docs != fts) {
    char detail[128];
    snprintf(detail, sizeof detail, "%lld documents, %lld texts, %lld fts",
             docs, texts, fts);
    problem("rows", detail);
  }
  check_findable(db);
  if (argc > 2) check_sources(db);
  vb_index_close(idx);
  if (g_problems) return 1;
  printf("consistent: %lld documents\n", docs);
  return 0;
}
