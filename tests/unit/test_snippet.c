/*
** test_snippet.c: vb_snippet_same() against FTS5's own snippet()
** (index/snippet.c): the same text, byte for byte, for every matching row
** of a scratch index of random documents, for queries of one word,
** several words, phrases that overlap, OR, prefixes and unmarked words,
** and windows of 2 to 40 tokens.  The documents mix sentence ends ('.',
** ':'), line breaks and repeated words, so that each of snippet()'s
** windows (a match's own, centred; the start of its sentence) wins
** somewhere.
*/
#include "index/index.h"
#include "index/snippet.h"
#include "vbtest.h"

#define NDOCS 160

static const char *const g_words[] = {
    "bình", "đẳng", "giới", "ma", "túy", "kế", "hoạch", "tỉnh", "Nam",
    "Định", "phòng", "chống", "thiên", "tai", "các", "đơn", "vị", "thực",
    "hiện", "báo", "cáo", "kinh", "phí", "năm"};
static const char *const g_seps[] = {" ", " ", " ", " ", ", ", ". ", ": ",
                                     "\n", ".\n", " - "};

static unsigned g_seed = 12345;
static unsigned next_rand(void) {
  g_seed = g_seed * 1103515245u + 12345u;
  return (g_seed >> 16) & 0x7fff;
}

/* Document i: a title line and a body of random words and separators,
** from none to about 700 words; one in four repeats a phrase often. */
static void doc_text(int i, char *buf, size_t cap) {
  size_t nw = sizeof g_words / sizeof *g_words;
  size_t ns = sizeof g_seps / sizeof *g_seps;
  int n = snprintf(buf, cap, "Kế hoạch %s %s số %d\n", g_words[i % nw],
                   g_words[(i * 7) % nw], i);
  int words = (int)(next_rand() % 700);
  for (int k = 0; k < words && (size_t)n + 64 < cap; k++) {
    const char *w = i % 4 == 0 && next_rand() % 3 == 0
                        ? "bình đẳng giới"
                        : g_words[next_rand() % nw];
    n += snprintf(buf + n, cap - (size_t)n, "%s%s", w,
                  g_seps[next_rand() % ns]);
  }
}

/* Compare the two functions on every row matching q with windows of ntok
** tokens; returns the number of rows compared (-1 at the first
** difference, which is printed). */
static int compare(vb_index *idx, const char *q, int ntok) {
  char sql[512];
  snprintf(sql, sizeof sql,
           "SELECT rowid, snippet(docs_fts, -1, '[', ']', '…', %d), "
           VB_SNIPPET_SAME_FUNCTION "(docs_fts, -1, '[', ']', '…', %d) "
           "FROM docs_fts WHERE docs_fts MATCH ?1",
           ntok, ntok);
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(vb_index_db(idx), sql, -1, &s, NULL) != SQLITE_OK) {
    VB_CHECK(0);
    return -1;
  }
  sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
  int n = 0, r;
  while ((r = sqlite3_step(s)) == SQLITE_ROW) {
    const char *a = (const char *)sqlite3_column_text(s, 1);
    const char *b = (const char *)sqlite3_column_text(s, 2);
    if (!a || !b || strcmp(a, b) != 0) {
      fprintf(stderr, "query %s, %d tokens, row %lld:\n  snippet: %s\n  same:    %s\n",
              q, ntok, (long long)sqlite3_column_int64(s, 0), a ? a : "(null)",
              b ? b : "(null)");
      n = -1;
      break;
    }
    n++;
  }
  VB_CHECK(n < 0 || r == SQLITE_DONE);
  sqlite3_finalize(s);
  return n;
}

int main(void) {
  char path[] = "test_snippet_XXXXXX";
  vb_test_db(path);
  vb_index *idx = NULL;
  vb_error err = {0};
  VB_CHECK_INT(vb_index_open(path, VB_INDEX_WRITE, &idx, &err), VB_OK);
  if (!idx) return vb_test_done();
  static char text[16384];
  char source[64];
  VB_CHECK_INT(vb_index_begin(idx, &err), VB_OK);
  for (int i = 1; i <= NDOCS; i++) {
    doc_text(i, text, sizeof text);
    snprintf(source, sizeof source, "d/%04d.txt", i);
    vb_test_put_text(idx, source, text);
  }
  VB_CHECK_INT(vb_index_commit(idx, &err), VB_OK);

  static const char *const queries[] = {
      "ma", "túy", "ma túy", "bình đẳng giới", "\"bình đẳng giới\"",
      "\"bình đẳng\" \"đẳng giới\"", "\"giới bình\" đẳng", "tỉnh Nam Định",
      "\"tỉnh Nam\" OR phí", "kế OR hoạch OR năm", "thiê*", "bì* đẳ*",
      "binh dang", "kinh phí báo cáo thực hiện", "các đơn vị"};
  static const int windows[] = {2, 3, 5, 24, 40};
  long rows = 0;
  for (size_t q = 0; q < sizeof queries / sizeof *queries; q++)
    for (size_t w = 0; w < sizeof windows / sizeof *windows; w++) {
      int n = compare(idx, queries[q], windows[w]);
      VB_CHECK(n >= 0);
      if (n > 0) rows += n;
    }
  /* every query matched a good share of the documents */
  VB_CHECK(rows > 15L * 5 * NDOCS / 4);

  vb_index_close(idx);
  vb_test_rm_db(path);
  return vb_test_done();
}
