/*
** test_bounded.c: the caps on one document's cost to a query (vb_snippet()
** and vb_snippet_full() of index/snippet.c, vb_rank()'s cap on the matches
** it counts) and the query budget of index/index.h.
*/
#include <stdlib.h>
#include <string.h>

#include "index/index.h"
#include "index/rank.h"
#include "index/snippet.h"
#include "index/tokenizer.h"
#include "query/query.h"
#include "vbtest.h"

/* "mở đầu " then `reps` times `unit`, then `tail`; malloc'd. */
static char *repeat(const char *unit, size_t reps, const char *tail) {
  static const char head[] = "mở đầu ";
  size_t ul = strlen(unit), tl = strlen(tail), hl = strlen(head);
  char *s = malloc(hl + ul * reps + tl + 1), *p = s;
  if (!s) return NULL;
  memcpy(p, head, hl);
  p += hl;
  for (size_t i = 0; i < reps; i++, p += ul) memcpy(p, unit, ul);
  memcpy(p, tail, tl + 1);
  return s;
}

/* The text of one column of the first row of sql (malloc'd, or NULL). */
static char *one_text(sqlite3 *db, const char *sql) {
  sqlite3_stmt *s = NULL;
  char *out = NULL;
  if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
    out = strdup((const char *)sqlite3_column_text(s, 0));
  else
    fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
  sqlite3_finalize(s);
  return out;
}

#define SNIP(fn) fn "(t, -1, '[', ']', '…', 24)"
#define SNIP_SRC(fn) fn "(t, -1, '[', ']', '…', 24, 'src.body')"

static void test_snippet(void) {
  sqlite3 *db = NULL;
  VB_CHECK_INT(sqlite3_open(":memory:", &db), SQLITE_OK);
  VB_CHECK_INT(vb_tokenizer_register(db), VB_OK);
  VB_CHECK_INT(vb_snippet_register(db), VB_OK);
  VB_CHECK_INT(sqlite3_exec(db,
                            "CREATE TABLE src(id INTEGER PRIMARY KEY, body TEXT);"
                            "CREATE VIRTUAL TABLE t USING fts5(body, content=src, "
                            "content_rowid=id, tokenize='vietnamese')",
                            NULL, NULL, NULL),
               SQLITE_OK);
  /* 1: a plan-sized row; 2: 300,000 words, the query word everywhere;
  ** 3: 300,000 words, the query word only at the end (past the bytes the
  ** capped snippet reads). */
  char *small = repeat("kế hoạch thực hiện bình đẳng giới năm nay. ", 40, "");
  char *big = repeat("bình đẳng giới ", 100000, "");
  char *far = repeat("kế hoạch thực hiện ", 75000, "cuối cùng là thiên tai.");
  VB_CHECK(small && big && far);
  if (!small || !big || !far) return;
  sqlite3_stmt *ins = NULL;
  VB_CHECK_INT(sqlite3_prepare_v2(db, "INSERT INTO src(id, body) VALUES(?1, ?2)",
                                  -1, &ins, NULL),
               SQLITE_OK);
  const char *texts[] = {small, big, far};
  for (int i = 0; i < 3; i++) {
    sqlite3_reset(ins);
    sqlite3_bind_int(ins, 1, i + 1);
    sqlite3_bind_text(ins, 2, texts[i], -1, SQLITE_STATIC);
    VB_CHECK_INT(sqlite3_step(ins), SQLITE_DONE);
  }
  sqlite3_finalize(ins);
  VB_CHECK_INT(sqlite3_exec(db, "INSERT INTO t(t) VALUES('rebuild')", NULL, NULL, NULL),
               SQLITE_OK);

  /* A small row: the built-in snippet() is used, unchanged. */
  char *full = one_text(db, "SELECT vb_snippet_full(t) FROM t WHERE t MATCH 'giới' AND rowid = 1");
  VB_CHECK_STR(full, "1");
  free(full);
  /* A large row: not. */
  full = one_text(db, "SELECT vb_snippet_full(t) FROM t WHERE t MATCH 'giới' AND rowid = 2");
  VB_CHECK_STR(full, "0");
  free(full);

  /* The capped window on the large row: 24 words around the first match,
  ** the same read from FTS5's row or from src.body by blob. */
  char *a = one_text(db, "SELECT " SNIP("vb_snippet") " FROM t WHERE t MATCH 'giới' AND rowid = 2");
  char *b = one_text(db, "SELECT " SNIP_SRC("vb_snippet") " FROM t WHERE t MATCH 'giới' AND rowid = 2");
  VB_CHECK_STR(a, "…bình đẳng [giới] bình đẳng [giới] bình đẳng [giới] "
                  "bình đẳng [giới] bình đẳng [giới] bình đẳng [giới] bình "
                  "đẳng [giới] bình đẳng [giới]…");
  VB_CHECK_STR(b, a);
  free(a);
  free(b);
  /* A phrase: its words are highlighted, the best window is on it. */
  a = one_text(db, "SELECT " SNIP("vb_snippet") " FROM t WHERE t MATCH '\"đẳng giới\" mở' AND rowid = 2");
  VB_CHECK(a && strncmp(a, "[mở] đầu bình [đẳng] [giới]", strlen("[mở] đầu bình [đẳng] [giới]")) == 0);
  free(a);
  /* A match past the bytes read: the opening, without highlight. */
  a = one_text(db, "SELECT " SNIP_SRC("vb_snippet") " FROM t WHERE t MATCH 'thiên' AND rowid = 3");
  VB_CHECK(a && strncmp(a, "mở đầu kế hoạch", strlen("mở đầu kế hoạch")) == 0 && !strchr(a, '['));
  VB_CHECK(a && strlen(a) < 200);
  free(a);
  /* The same call on a small row gives a window too. */
  a = one_text(db, "SELECT " SNIP("vb_snippet") " FROM t WHERE t MATCH 'giới' AND rowid = 1");
  VB_CHECK(a && strstr(a, "[giới]") != NULL);
  free(a);
  sqlite3_close(db);
  free(small);
  free(big);
  free(far);
}

/* The budget: a step limit stops a search with VB_ETIMEOUT, and the
** index says it expired; without one, the same search runs. */
static void test_budget(void) {
  char path[] = "test_bounded_XXXXXX";
  vb_test_db(path);
  vb_index *idx = NULL;
  vb_error err = {0};
  VB_CHECK_INT(vb_index_open(path, VB_INDEX_WRITE, &idx, &err), VB_OK);
  if (!idx) return;
  VB_CHECK_INT(vb_index_begin(idx, &err), VB_OK);
  for (int i = 0; i < 20; i++) {
    char source[32], text[128];
    snprintf(source, sizeof source, "d/%02d.txt", i);
    snprintf(text, sizeof text, "Kế hoạch số %d về bình đẳng giới\n", i);
    vb_test_put_text(idx, source, text);
  }
  VB_CHECK_INT(vb_index_commit(idx, &err), VB_OK);
  vb_search_opts o;
  memset(&o, 0, sizeof o);
  o.query = "giới";
  vb_results *res = NULL;
  vb_index_set_budget(idx, 0, 50);
  VB_CHECK_INT(vb_search(idx, &o, &res, &err), VB_ETIMEOUT);
  VB_CHECK(vb_index_expired(idx));
  VB_CHECK(vb_results_count(res) < 10);
  vb_results_free(res);
  res = NULL;
  vb_index_set_budget(idx, 60, 0); /* a minute: this search takes far less */
  VB_CHECK_INT(vb_search(idx, &o, &res, &err), VB_OK);
  VB_CHECK(!vb_index_expired(idx));
  VB_CHECK_INT((int)vb_results_count(res), 10);
  vb_results_free(res);
  vb_index_set_budget(idx, 0, 0);
  vb_index_close(idx);
  vb_test_rm_db(path);
}

int main(void) {
  test_snippet();
  test_budget();
  return vb_test_done();
}
