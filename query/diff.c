/*
** diff.c: two documents side by side (see graph.h, vb_diff): which
** paragraphs of B are copied or lightly reworded from A, which are B's
** own, and the share of B's wording found in A.
**
** Wording is compared as pairs of neighbouring folded words (no case, tone
** marks or punctuation).  A paragraph of B whose pairs are found in A for
** at least DIFF_COPIED of them is copied, from DIFF_REWORDED on it is
** reworded, else it is B's own; the share of B reused is the share of all
** B's pairs found in A.
*/
#include <stdlib.h>
#include <string.h>

#include "vi.h"
#include "works.h"
#include "graph.h"

#define DIFF_COPIED 0.9
#define DIFF_REWORDED 0.5
#define DIFF_MAX_PAIRS 400000 /* word pairs read of one document */
#define DIFF_MAX_PARAS 5000

/* Hashes of the word pairs of s appended to *v (grown as needed). */
typedef struct pairs {
  uint64_t *h;
  size_t n, cap;
} pairs;

static uint64_t hash_word(const char *s, size_t n) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
  return h;
}

static int add_pairs(const char *s, size_t n, pairs *p) {
  size_t pos = 0, a, b;
  uint64_t prev = 0;
  int have = 0;
  while (vb_vi_next_token(s, n, &pos, &a, &b)) {
    char exact[VB_VI_TOKEN_MAX], fold[VB_VI_TOKEN_MAX];
    size_t ne, nf;
    vb_vi_token(s + a, b - a, exact, &ne, fold, &nf);
    uint64_t w = hash_word(fold, nf);
    if (have) {
      if (p->n >= DIFF_MAX_PAIRS) return 0;
      if (vb_grow(&p->h, &p->cap, p->n + 1, sizeof *p->h) != VB_OK) return -1;
      p->h[p->n++] = prev * 0x9e3779b97f4a7c15ULL ^ w;
    }
    prev = w;
    have = 1;
  }
  return 0;
}

static int cmp_u64(const void *x, const void *y) {
  uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
  return a < b ? -1 : a > b;
}

static int has_pair(const pairs *p, uint64_t h) {
  return bsearch(&h, p->h, p->n, sizeof h, cmp_u64) != NULL;
}

/* The id of the document named by name: its path (or the end of it), or
** its number/symbol; the file standing for its work.  0 when none. */
static int64_t find_doc(sqlite3 *db, const char *name) {
  static const char *const sqls[] = {
      "SELECT id FROM documents WHERE source = ?1",
      "SELECT id FROM documents WHERE source LIKE '%/' || ?1",
      "SELECT id FROM documents WHERE number IS NOT NULL AND "
      "vb_idkey(number || '/' || symbol) = vb_idkey(?1) AND id NOT IN ("
      VB_WORKS_HIDDEN ") ORDER BY date, id"};
  int64_t id = 0;
  for (size_t i = 0; i < 3 && !id; i++) {
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, sqls[i], -1, &s, NULL) != SQLITE_OK) continue;
    sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) == SQLITE_ROW) id = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
  }
  return id;
}

static const char g_paras_sql[] =
    "SELECT line, text FROM paragraph_text WHERE doc_id = ?1 ORDER BY seq "
    "LIMIT " "5000";

vb_status vb_diff(vb_index *idx, const char *a, const char *b, json_t **out,
                  vb_error *err) {
  *out = NULL;
  VB_TRY(vb_graph_functions(idx, err));
  sqlite3 *db = vb_index_db(idx);
  int64_t ida = find_doc(db, a), idb = find_doc(db, b);
  if (!ida || !idb)
    return vb_error_set(err, VB_ENOTFOUND, "no document '%s' in the index",
                        ida ? b : a);
  pairs pa = {0};
  sqlite3_stmt *s = NULL;
  vb_status rc = VB_OK;
  if (sqlite3_prepare_v2(db, g_paras_sql, -1, &s, NULL) != SQLITE_OK)
    return vb_error_set(err, VB_EDB, "cannot read the paragraphs");
  sqlite3_bind_int64(s, 1, ida);
  while (rc == VB_OK && sqlite3_step(s) == SQLITE_ROW)
    if (add_pairs((const char *)sqlite3_column_text(s, 1),
                  (size_t)sqlite3_column_bytes(s, 1), &pa) < 0)
      rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  sqlite3_reset(s);
  if (pa.n) qsort(pa.h, pa.n, sizeof *pa.h, cmp_u64);
  json_t *paras = json_array();
  size_t total = 0, found = 0, np = 0;
  sqlite3_bind_int64(s, 1, idb);
  while (rc == VB_OK && np < DIFF_MAX_PARAS && sqlite3_step(s) == SQLITE_ROW) {
    pairs pb = {0};
    const char *t = (const char *)sqlite3_column_text(s, 1);
    if (add_pairs(t, (size_t)sqlite3_column_bytes(s, 1), &pb) < 0) {
      rc = vb_error_set(err, VB_ENOMEM, "out of memory");
      break;
    }
    size_t hit = 0;
    for (size_t i = 0; i < pb.n; i++) hit += has_pair(&pa, pb.h[i]);
    vb_free(pb.h);
    if (!pb.n) continue; /* a lone word */
    double share = (double)hit / (double)pb.n;
    total += pb.n;
    found += hit;
    np++;
    const char *kind = share >= DIFF_COPIED     ? "copied"
                       : share >= DIFF_REWORDED ? "reworded"
                                                : "added";
    json_t *o = json_pack("{s:I, s:s, s:f, s:s}", "line",
                          (json_int_t)sqlite3_column_int64(s, 0), "kind",
                          kind, "share", share, "text", t);
    if (!o || json_array_append_new(paras, o))
      rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  sqlite3_finalize(s);
  vb_free(pa.h);
  json_t *res = NULL;
  if (rc == VB_OK)
    res = json_pack("{s:o, s:o, s:f, s:I, s:o}", "a", vb_graph_node(idx, ida),
                    "b", vb_graph_node(idx, idb), "reused",
                    total ? (double)found / (double)total : 0.0, "pairs",
                    (json_int_t)total, "paragraphs", paras);
  else
    json_decref(paras);
  if (rc == VB_OK && !res) rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  if (rc != VB_OK) return rc;
  *out = res;
  return VB_OK;
}
