/*
** works_fold.c: one hit per document (see works_fold.h).
*/
#include <string.h>

#include "works.h"
#include "works_fold.h"
#include "graph.h"

/* Other files listed per hit. */
#define FOLD_MAX_ALSO 32

int vb_fold_fetch(int limit) {
  return limit > 3333 ? 10000 : limit * 3;
}

static vb_status fold_fail(vb_error *err) {
  return vb_error_set(err, VB_EDB, "cannot read the files of a document");
}

/* The work of a file and whether it stands for it; work 0: not grouped. */
static int work_of(sqlite3_stmt *s, int64_t doc, int64_t *work, int *rep) {
  sqlite3_bind_int64(s, 1, doc);
  int r = sqlite3_step(s);
  *work = r == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
  *rep = r == SQLITE_ROW ? sqlite3_column_int(s, 1) : 1;
  sqlite3_reset(s);
  return r == SQLITE_ROW || r == SQLITE_DONE;
}

static char *dup_in(vb_fold_alloc alloc, void *ctx, const char *s) {
  size_t n = strlen(s) + 1;
  char *c = alloc(ctx, n);
  if (c) memcpy(c, s, n);
  return c;
}

/* Fill h->also with the files of work other than h's own. */
static vb_status list_others(sqlite3_stmt *s, vb_hit *h, int64_t work,
                             vb_fold_alloc alloc, void *ctx, vb_error *err) {
  const char **src = alloc(ctx, FOLD_MAX_ALSO * sizeof *src);
  const char **kind = alloc(ctx, FOLD_MAX_ALSO * sizeof *kind);
  if (!src || !kind) return vb_error_set(err, VB_ENOMEM, "out of memory");
  int n = 0, r;
  sqlite3_bind_int64(s, 1, work);
  sqlite3_bind_int64(s, 2, h->doc_id);
  while (n < FOLD_MAX_ALSO && (r = sqlite3_step(s)) == SQLITE_ROW) {
    src[n] = dup_in(alloc, ctx, (const char *)sqlite3_column_text(s, 0));
    kind[n] = dup_in(alloc, ctx, (const char *)sqlite3_column_text(s, 1));
    if (!src[n] || !kind[n]) {
      sqlite3_reset(s);
      return vb_error_set(err, VB_ENOMEM, "out of memory");
    }
    n++;
  }
  sqlite3_reset(s);
  h->also = src;
  h->also_kind = kind;
  h->nalso = n;
  return VB_OK;
}

/* "replaced by Quyết định 15/2021/QĐ-UBND (2021-09-10)" for each entry of
** a status list, joined by "; ".  *gone = 1 when replaced or repealed. */
static vb_status status_text(json_t *list, vb_buf *b, int *gone) {
  json_t *e;
  size_t i;
  *gone = 0;
  json_array_foreach(list, i, e) {
    const char *rel = json_string_value(json_object_get(e, "relation"));
    json_t *by = json_object_get(e, "by");
    const char *t = json_string_value(json_object_get(by, "doc_type"));
    const char *id = json_string_value(json_object_get(by, "id"));
    const char *d = json_string_value(json_object_get(by, "date"));
    const char *src = json_string_value(json_object_get(by, "source"));
    if (strcmp(rel, "amends") != 0) *gone = 1;
    VB_TRY(vb_buf_printf(b, "%s%s by %s%s%s%s%s%s", i ? "; " : "",
                         strcmp(rel, "replaces") == 0  ? "replaced"
                         : strcmp(rel, "repeals") == 0 ? "repealed"
                                                       : "amended",
                         t ? t : "", t && id ? " " : "", id ? id : "",
                         !t && !id && src ? src : "", d ? " of " : "",
                         d ? d : ""));
  }
  return VB_OK;
}

/* Set the status of hits[0..*n) and, when in_force, leave out the
** documents replaced or repealed (and their entries of works[]). */
static vb_status fold_status(vb_index *idx, vb_hit *hits, int64_t *works,
                             size_t *n, int in_force, vb_fold_alloc alloc,
                             void *ctx, vb_error *err) {
  size_t kept = 0;
  vb_status rc = VB_OK;
  for (size_t i = 0; i < *n && rc == VB_OK; i++) {
    json_t *list = NULL;
    int gone = 0;
    if (!hits[i].para_id)
      rc = vb_graph_status(idx, hits[i].doc_id, &list, err);
    if (rc == VB_OK && json_array_size(list)) {
      vb_buf b;
      vb_buf_init(&b, VB_CAP_SMALL);
      rc = status_text(list, &b, &gone);
      if (rc == VB_OK && b.len) {
        char *c = dup_in(alloc, ctx, b.data);
        if (!c) rc = vb_error_set(err, VB_ENOMEM, "out of memory");
        hits[i].status = c;
      } else if (rc != VB_OK) {
        rc = vb_error_set(err, VB_ENOMEM, "out of memory");
      }
      vb_buf_free(&b);
    }
    json_decref(list);
    if (rc == VB_OK && !(in_force && gone)) {
      works[kept] = works[i];
      hits[kept++] = hits[i];
    }
  }
  if (rc == VB_OK) *n = kept;
  return rc;
}

vb_status vb_fold_works(vb_index *idx, vb_hit *hits, size_t *n, size_t limit,
                        int status, vb_fold_alloc alloc, void *ctx,
                        vb_error *err) {
  sqlite3_stmt *q = NULL, *o = NULL;
  int prc; /* kept on the handle (vb_index_stmt) */
  if (!(q = vb_index_stmt(idx, "SELECT work_id, rep FROM works WHERE doc_id = ?1",
                          &prc)) ||
      !(o = vb_index_stmt(idx,
                          "SELECT d.source, w.kind FROM works w JOIN documents "
                          "d ON d.id = w.doc_id WHERE w.work_id = ?1 AND "
                          "w.doc_id <> ?2 ORDER BY w.pref DESC, w.doc_id DESC",
                          &prc))) {
    vb_index_stmt_done(idx, q);
    return fold_fail(err);
  }
  int64_t *works = alloc(ctx, (*n + 1) * sizeof *works);
  vb_status rc = works ? VB_OK : vb_error_set(err, VB_ENOMEM, "out of memory");
  size_t kept = 0;
  for (size_t i = 0; i < *n && rc == VB_OK; i++) {
    int64_t w;
    int rep;
    if (hits[i].para_id) { /* paragraph results are not folded */
      hits[kept++] = hits[i];
      continue;
    }
    if (!work_of(q, hits[i].doc_id, &w, &rep)) {
      rc = fold_fail(err);
      break;
    }
    size_t j = 0;
    while (w && j < kept && !(works[j] == w && !hits[j].para_id)) j++;
    if (w && j < kept) { /* another file of a document already listed */
      if (rep) { /* show the file that stands for it, at the better rank */
        double score = hits[j].score;
        hits[j] = hits[i];
        hits[j].score = score;
      }
      continue;
    }
    works[kept] = w;
    hits[kept++] = hits[i];
  }
  if (rc == VB_OK && status == VB_FOLD_IN_FORCE)
    rc = fold_status(idx, hits, works, &kept, 1, alloc, ctx, err);
  if (kept > limit) kept = limit;
  if (rc == VB_OK && status == VB_FOLD_STATUS)
    rc = fold_status(idx, hits, works, &kept, 0, alloc, ctx, err);
  for (size_t i = 0; i < kept && rc == VB_OK; i++)
    if (works[i] && !hits[i].para_id)
      rc = list_others(o, &hits[i], works[i], alloc, ctx, err);
  vb_index_stmt_done(idx, q);
  vb_index_stmt_done(idx, o);
  if (rc == VB_OK) *n = kept;
  return rc;
}

