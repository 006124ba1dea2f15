/*
** test_rank.c: vb_rank() against FTS5's bm25() (index/rank.c), and the
** ranking a search picks for a query that matches most of a collection
** (query/search.c), on a scratch index of 5,000 small documents.
*/
#include <math.h>

#include "index/index.h"
#include "query/query.h"
#include "vbtest.h"

#define NDOCS 5000

/* Document i: every one says "kế hoạch"; one in five "bình đẳng giới"
** (spread evenly); one in a hundred "thiên tai"; lengths vary. */
static void doc_text(int i, char *buf, size_t cap) {
  int n = snprintf(buf, cap, "Kế hoạch số %d\n", i);
  if (i % 5 == 0)
    n += snprintf(buf + n, cap - (size_t)n, "Tuyên truyền bình đẳng giới.\n");
  if (i % 100 == 0)
    n += snprintf(buf + n, cap - (size_t)n, "Phòng chống thiên tai.\n");
  for (int k = 0; k < i % 7; k++)
    n += snprintf(buf + n, cap - (size_t)n, "Các đơn vị thực hiện.\n");
}

/* Document i of the second index: every one holds the words "tỉnh",
** "Nam" and "Định", one in a hundred the phrase "tỉnh Nam Định". */
static void doc_text_phrase(int i, char *buf, size_t cap) {
  snprintf(buf, cap, "Kế hoạch số %d của tỉnh Bắc Giang\n%s\n%s", i,
           i % 100 == 0 ? "Phối hợp với tỉnh Nam Định." : "Quyết định.",
           i % 3 ? "Miền Nam." : "Miền Nam. Thực hiện Quyết định.");
}

static void fill(vb_index *idx, int ndocs,
                 void (*text_of)(int i, char *buf, size_t cap)) {
  vb_error err = {0};
  char text[1024], source[64];
  VB_CHECK_INT(vb_index_begin(idx, &err), VB_OK);
  for (int i = 1; i <= ndocs; i++) {
    text_of(i, text, sizeof text);
    snprintf(source, sizeof source, "d/%05d.txt", i);
    vb_test_put_text(idx, source, text);
  }
  VB_CHECK_INT(vb_index_commit(idx, &err), VB_OK);
}

/* The reference for bm25(): the same four columns in a plain FTS5 table
** (docs_fts also holds the facets, which vb_rank() leaves out of a score
** and bm25() would not). */
static void make_reference(vb_index *idx) {
  VB_CHECK_INT(sqlite3_exec(vb_index_db(idx),
                            "DROP TABLE IF EXISTS temp.ref;"
                            "CREATE VIRTUAL TABLE temp.ref USING fts5(title, "
                            "theme, body, extra, tokenize = 'vietnamese');"
                            "INSERT INTO temp.ref(rowid, title, theme, body, "
                            "extra) SELECT id, title, theme, body, extra "
                            "FROM doc_content",
                            NULL, NULL, NULL),
               SQLITE_OK);
}

typedef struct scored {
  double rank, bm25;
} scored;

static int by_bm25(const void *a, const void *b) {
  const scored *x = a, *y = b;
  return (x->bm25 > y->bm25) - (x->bm25 < y->bm25);
}

/* Compare vb_rank() on docs_fts and bm25() on the reference, match by
** match, for q: *maxdiff is the largest difference of the two scores,
** *order 1 when both sort the matches the same way; returns the number of
** matches (-1 when the two tables do not give the same matches). */
static int compare(vb_index *idx, const char *q, double *maxdiff,
                   double *ratio_lo, double *ratio_hi, int *order) {
  sqlite3_stmt *s = NULL, *t = NULL;
  static scored all[NDOCS];
  int n = 0, same = 1;
  *maxdiff = 0;
  *ratio_lo = INFINITY;
  *ratio_hi = 0;
  *order = 1;
  if (sqlite3_prepare_v2(vb_index_db(idx),
                         "SELECT rowid, vb_rank(docs_fts, 10.0, 5.0, 1.0, "
                         "0.5) FROM docs_fts WHERE docs_fts MATCH ?1 "
                         "ORDER BY rowid",
                         -1, &s, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(vb_index_db(idx),
                         "SELECT rowid, bm25(ref, 10.0, 5.0, 1.0, 0.5) "
                         "FROM ref WHERE ref MATCH ?1 ORDER BY rowid",
                         -1, &t, NULL) != SQLITE_OK) {
    VB_CHECK(0);
    sqlite3_finalize(s);
    return 0;
  }
  sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
  sqlite3_bind_text(t, 1, q, -1, SQLITE_STATIC);
  for (;;) {
    int a = sqlite3_step(s), b = sqlite3_step(t);
    if (a != SQLITE_ROW || b != SQLITE_ROW) {
      same = same && a == b;
      break;
    }
    if (n == NDOCS ||
        sqlite3_column_int64(s, 0) != sqlite3_column_int64(t, 0)) {
      same = 0;
      break;
    }
    double r = sqlite3_column_double(s, 1), m = sqlite3_column_double(t, 1);
    if (fabs(r - m) > *maxdiff) *maxdiff = fabs(r - m);
    if (m != 0) {
      if (r / m < *ratio_lo) *ratio_lo = r / m;
      if (r / m > *ratio_hi) *ratio_hi = r / m;
    }
    all[n].rank = r;
    all[n++].bm25 = m;
  }
  sqlite3_finalize(s);
  sqlite3_finalize(t);
  qsort(all, (size_t)n, sizeof *all, by_bm25);
  for (int i = 1; i < n; i++)
    if (all[i].rank < all[i - 1].rank - 1e-12) *order = 0;
  return same ? n : -1;
}

static vb_results *search(vb_index *idx, const char *q) {
  vb_search_opts o;
  memset(&o, 0, sizeof o);
  o.query = q;
  vb_results *r = NULL;
  vb_error err = {0};
  VB_CHECK_INT(vb_search(idx, &o, &r, &err), VB_OK);
  return r;
}

int main(void) {
  char path[] = "test_rank_XXXXXX";
  vb_test_db(path);
  vb_index *idx = NULL;
  vb_error err = {0};
  VB_CHECK_INT(vb_index_open(path, VB_INDEX_WRITE, &idx, &err), VB_OK);
  if (!idx) return vb_test_done();
  fill(idx, NDOCS, doc_text);
  make_reference(idx);

  /* A phrase with fewer matches than the sample: the same scores. */
  double diff, lo, hi;
  int order;
  VB_CHECK_INT(compare(idx, "\"thiên tai\"", &diff, &lo, &hi, &order), 50);
  VB_CHECK(diff < 1e-9);
  VB_CHECK(order);

  /* A common phrase (1,000 matches, spread evenly): the document count
     is estimated from the first VB_RANK_IDF_SAMPLE matches, so the scores
     differ by a constant factor close to 1, and the order is the same. */
  VB_CHECK_INT(compare(idx, "\"bình đẳng giới\"", &diff, &lo, &hi, &order),
               NDOCS / 5);
  VB_CHECK(order);
  VB_CHECK(hi - lo < 1e-9);
  VB_CHECK(lo > 0.9 && hi < 1.1);

  /* Two phrases: still the order of bm25(). */
  VB_CHECK_INT(compare(idx, "\"bình đẳng giới\" \"kế hoạch\"", &diff, &lo,
                       &hi, &order),
               NDOCS / 5);
  VB_CHECK(order);

  /* A query matching every document is broad: the most recent matches
     come first; one matching a fifth of them is ranked. */
  vb_results *r = search(idx, "kế hoạch");
  VB_CHECK_INT(vb_results_count(r), 10);
  for (size_t i = 0; i < vb_results_count(r); i++)
    VB_CHECK_INT(vb_results_get(r, i)->doc_id, NDOCS - (int64_t)i);
  vb_results_free(r);
  r = search(idx, "bình đẳng giới");
  VB_CHECK_INT(vb_results_count(r), 10);
  for (size_t i = 1; i < vb_results_count(r); i++)
    VB_CHECK(vb_results_get(r, i - 1)->score <= vb_results_get(r, i)->score);
  /* the shortest documents holding the phrase rank first */
  VB_CHECK(vb_results_get(r, 0)->doc_id % 7 == 0);
  vb_results_free(r);

  /* Prefix queries: snippets are made with the exact word ("thiên*"), and
     with the prefix when the exact word is not there ("thiê*") */
  const char *prefixes[] = {"thiên*", "thiê*", "phòng thiê*"};
  for (size_t k = 0; k < sizeof prefixes / sizeof *prefixes; k++) {
    r = search(idx, prefixes[k]);
    VB_CHECK_INT(vb_results_count(r), 10);
    for (size_t i = 0; i < vb_results_count(r); i++) {
      const char *snip = vb_results_get(r, i)->snippet;
      VB_CHECK(snip && strstr(snip, "[thiên]"));
    }
    vb_results_free(r);
  }

  vb_index_close(idx);
  vb_test_rm_db(path);

  /* A phrase of words found together in more documents than a search
     may read the positions of (25,000 here) is ranked as a broad query:
     the most recent matches first.  Its matches are found all the same. */
  char path2[] = "test_rank_phrase_XXXXXX";
  vb_test_db(path2);
  VB_CHECK_INT(vb_index_open(path2, VB_INDEX_WRITE, &idx, &err), VB_OK);
  if (!idx) return vb_test_done();
  fill(idx, 25000, doc_text_phrase);
  r = search(idx, "\"tỉnh Nam Định\"");
  VB_CHECK_INT(vb_results_count(r), 10);
  for (size_t i = 0; i < vb_results_count(r); i++)
    VB_CHECK_INT(vb_results_get(r, i)->doc_id, 25000 - 100 * (int64_t)i);
  vb_results_free(r);
  /* ... while a longer phrase, whose words are together in few
     documents, is ranked: scored, the shorter documents first */
  r = search(idx, "\"Phối hợp với tỉnh Nam Định\"");
  VB_CHECK_INT(vb_results_count(r), 10);
  for (size_t i = 0; i < vb_results_count(r); i++) {
    VB_CHECK(vb_results_get(r, i)->score < 0);
    if (i) VB_CHECK(vb_results_get(r, i - 1)->score <=
                    vb_results_get(r, i)->score);
  }
  VB_CHECK(vb_results_count(r) > 0 && vb_results_get(r, 0)->doc_id % 3 != 0);
  vb_results_free(r);
  vb_index_close(idx);
  vb_test_rm_db(path2);
  return vb_test_done();
}
