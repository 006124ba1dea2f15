/*
** graph.c: references resolved to documents; trees, comparisons across
** provinces and the whole graph (see graph.h).
*/
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "vi.h"
#include "works.h"
#include "graph.h"

static const char *const rel_names[VB_GRAPH_NREL] = {
    "cites", "basis", "guides", "implements",
    "amends", "repeals", "replaces", "issued_by"};

int vb_graph_relation(const char *s) {
  for (int i = 0; s && i < VB_GRAPH_NREL; i++)
    if (strcmp(s, rel_names[i]) == 0) return i;
  return -1;
}

const char *vb_graph_relation_name(int r) {
  return r >= 0 && r < VB_GRAPH_NREL ? rel_names[r] : "cites";
}

void vb_graph_key(const char *id, char *out, size_t cap) {
  char k[256];
  size_t n = vb_name_key(id, strlen(id), k, sizeof k), i = 0;
  while (i + 1 < n && k[i] == '0') i++; /* "0130" is "130" */
  snprintf(out, cap, "%.*s", (int)(n - i), k + i);
}

/* Do two dates agree where both are given ("2021-10" and "2021-10-18")? */
static int dates_agree(const char *a, const char *b) {
  if (!a || !b) return 1;
  size_t la = strlen(a), lb = strlen(b);
  return strncmp(a, b, la < lb ? la : lb) == 0;
}

static int names_agree(const char *a, const char *b) {
  if (!a || !b) return 1;
  char ka[256], kb[256];
  vb_name_key(a, strlen(a), ka, sizeof ka);
  vb_name_key(b, strlen(b), kb, sizeof kb);
  return strcmp(ka, kb) == 0;
}

/* Days from the civil date y-m-d to 1970-01-01. */
static long days_of(int y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* Days from date a to date b (ISO), or 0 with *ok = 0 when either is not a
** full date. */
static long lag_days(const char *a, const char *b, int *ok) {
  int y1, m1, d1, y2, m2, d2;
  *ok = a && b && strlen(a) == 10 && strlen(b) == 10 &&
        sscanf(a, "%d-%d-%d", &y1, &m1, &d1) == 3 &&
        sscanf(b, "%d-%d-%d", &y2, &m2, &d2) == 3;
  return *ok ? days_of(y2, m2, d2) - days_of(y1, m1, d1) : 0;
}

/* ---- Resolution ---- */

/* Documents standing for their work whose number/symbol has key ?1. */
static const char g_named_sql[] =
    "SELECT d.id, d.issuer, d.date, d.province FROM documents d "
    "WHERE d.number IS NOT NULL AND d.symbol IS NOT NULL "
    "AND substr(ltrim(d.number, '0'), 1, length(?2)) = ?2 "
    "AND vb_idkey(d.number || '/' || d.symbol) = ?1 "
    "AND d.id NOT IN (" VB_WORKS_HIDDEN ") ORDER BY d.date, d.id";

/* The leading digits of a key ("3332khubnd" -> "3332"). */
static void key_digits(const char *key, char *out, size_t cap) {
  size_t i = 0;
  while (key[i] >= '0' && key[i] <= '9' && i + 1 < cap) out[i] = key[i], i++;
  out[i] = '\0';
}

/* The indexed document a reference names (0: none); see graph.h. */
static int64_t resolve(sqlite3 *db, const char *key, const char *date,
                       const char *issuer, const char *province) {
  sqlite3_stmt *s = NULL;
  char digits[32];
  if (!key[0]) return 0;
  key_digits(key, digits, sizeof digits);
  if (sqlite3_prepare_v2(db, g_named_sql, -1, &s, NULL) != SQLITE_OK) return 0;
  sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s, 2, digits, -1, SQLITE_TRANSIENT);
  int64_t best = 0;
  int best_score = -1;
  while (sqlite3_step(s) == SQLITE_ROW) {
    const char *di = (const char *)sqlite3_column_text(s, 1);
    const char *dd = (const char *)sqlite3_column_text(s, 2);
    const char *dp = (const char *)sqlite3_column_text(s, 3);
    if (!dates_agree(date, dd) || !names_agree(issuer, di)) continue;
    /* no issuer: the citing document's province first, then national */
    int score = issuer ? 2 : province && dp && strcmp(province, dp) == 0 ? 2
                             : !dp ? 1 : 0;
    if (score > best_score) {
      best_score = score;
      best = sqlite3_column_int64(s, 0);
    }
  }
  sqlite3_finalize(s);
  return best;
}

static void sql_idkey(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  const char *t = (const char *)sqlite3_value_text(argv[0]);
  if (!t) {
    sqlite3_result_null(ctx);
    return;
  }
  char key[256];
  vb_graph_key(t, key, sizeof key);
  sqlite3_result_text(ctx, key, -1, SQLITE_TRANSIENT);
}

static void sql_resolve(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  const char *id = (const char *)sqlite3_value_text(argv[0]);
  if (!id) {
    sqlite3_result_null(ctx);
    return;
  }
  char key[256];
  vb_graph_key(id, key, sizeof key);
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  int64_t doc = resolve(db, key, (const char *)sqlite3_value_text(argv[1]),
                        (const char *)sqlite3_value_text(argv[2]),
                        (const char *)sqlite3_value_text(argv[3]));
  if (!doc) {
    sqlite3_result_null(ctx);
    return;
  }
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(db, "SELECT source FROM documents WHERE id = ?1", -1,
                         &s, NULL) == SQLITE_OK) {
    sqlite3_bind_int64(s, 1, doc);
    if (sqlite3_step(s) == SQLITE_ROW)
      sqlite3_result_text(ctx, (const char *)sqlite3_column_text(s, 0), -1,
                          SQLITE_TRANSIENT);
    else
      sqlite3_result_null(ctx);
  }
  sqlite3_finalize(s);
}

vb_status vb_graph_functions(vb_index *idx, vb_error *err) {
  sqlite3 *db = vb_index_db(idx);
  if (sqlite3_create_function(db, "vb_idkey", 1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                              sql_idkey, NULL, NULL) != SQLITE_OK ||
      sqlite3_create_function(db, "vb_resolve", 4, SQLITE_UTF8, NULL,
                              sql_resolve, NULL, NULL) != SQLITE_OK)
    return vb_error_set(err, VB_EDB, "cannot prepare the graph queries");
  return VB_OK;
}

/* ---- Nodes ---- */

static json_t *str_or_null(sqlite3_stmt *s, int i) {
  const char *v = (const char *)sqlite3_column_text(s, i);
  return v ? json_string(v) : json_null();
}

/* The node of indexed document id (NULL when it is gone or out of memory). */
static json_t *doc_node(sqlite3 *db, int64_t id) {
  sqlite3_stmt *s = NULL;
  json_t *o = NULL;
  if (sqlite3_prepare_v2(db,
                         "SELECT source, doc_type, number, symbol, date, "
                         "issuer, province, title FROM documents WHERE id = ?1",
                         -1, &s, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_int64(s, 1, id);
  if (sqlite3_step(s) == SQLITE_ROW) {
    const char *num = (const char *)sqlite3_column_text(s, 2);
    const char *sym = (const char *)sqlite3_column_text(s, 3);
    char idbuf[256] = "", key[256] = "";
    if (num && sym) {
      snprintf(idbuf, sizeof idbuf, "%s/%s", num, sym);
      vb_graph_key(idbuf, key, sizeof key);
    }
    char name[32];
    snprintf(name, sizeof name, "doc:%lld", (long long)id);
    o = json_pack("{s:s, s:b, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
                  "name", name, "in_index", 1, "doc_id", (json_int_t)id,
                  "key", key[0] ? json_string(key) : json_null(), "source",
                  str_or_null(s, 0), "doc_type", str_or_null(s, 1), "id",
                  idbuf[0] ? json_string(idbuf) : json_null(), "date",
                  str_or_null(s, 4), "issuer", str_or_null(s, 5), "province",
                  str_or_null(s, 6), "title", str_or_null(s, 7));
  }
  sqlite3_finalize(s);
  return o;
}

/* An external node (a document not in the index). */
static json_t *ext_node(const char *key, const char *type, const char *id,
                        const char *date, const char *issuer) {
  char name[300];
  snprintf(name, sizeof name, "ext:%s", key);
  return json_pack("{s:s, s:b, s:n, s:s, s:n, s:s?, s:s?, s:s?, s:s?, s:n, "
                   "s:n}",
                   "name", name, "in_index", 0, "doc_id", "key", key,
                   "source", "doc_type", type, "id", id, "date", date,
                   "issuer", issuer, "province", "title");
}

static const char *jstr(json_t *o, const char *k) {
  return json_string_value(json_object_get(o, k));
}

/* The id in a target such as "Quyết định 1790/QĐ-TTg": its last word
** holding a '/' (or else a '-' after a digit). */
static int target_id(const char *t, char *out, size_t cap) {
  const char *best = NULL;
  size_t bn = 0;
  const char *p = t;
  while (*p) {
    while (*p == ' ') p++;
    size_t n = strcspn(p, " ");
    if (n && memchr(p, '/', n)) best = p, bn = n;
    else if (!best && n > 2 && p[0] >= '0' && p[0] <= '9' && memchr(p, '-', n))
      best = p, bn = n;
    p += n;
  }
  if (!best) return 0;
  snprintf(out, cap, "%.*s", (int)bn, best);
  return 1;
}

/* The root node of a target: the indexed document it names, else an
** external node labelled by the first reference to it. */
static json_t *root_node(sqlite3 *db, const char *target, vb_error *err,
                         vb_status *rc) {
  char id[256], key[256];
  *rc = VB_OK;
  if (!target_id(target, id, sizeof id)) {
    *rc = vb_error_set(err, VB_EQUERY,
                       "no document number in '%s' (give it as 1790/QĐ-TTg)",
                       target);
    return NULL;
  }
  vb_graph_key(id, key, sizeof key);
  int64_t doc = resolve(db, key, NULL, NULL, NULL);
  if (doc) return doc_node(db, doc);
  sqlite3_stmt *s = NULL;
  json_t *n = NULL;
  if (sqlite3_prepare_v2(db,
                         "SELECT type, ref_id, date, issuer FROM refs WHERE "
                         "vb_idkey(ref_id) = ?1 ORDER BY date IS NULL, "
                         "issuer IS NULL LIMIT 1",
                         -1, &s, NULL) == SQLITE_OK) {
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW)
      n = ext_node(key, (const char *)sqlite3_column_text(s, 0),
                   (const char *)sqlite3_column_text(s, 1),
                   (const char *)sqlite3_column_text(s, 2),
                   (const char *)sqlite3_column_text(s, 3));
  }
  sqlite3_finalize(s);
  if (!n) n = ext_node(key, NULL, id, NULL, NULL);
  return n;
}

/* ---- Trees ---- */

/* Citations of key by documents standing for their works. */
static const char g_citing_sql[] =
    "SELECT x.doc_id, x.relation, x.line, x.evidence, x.date, x.issuer, "
    "d.province FROM refs x JOIN documents d ON d.id = x.doc_id "
    "WHERE vb_idkey(x.ref_id) = ?1 AND d.id NOT IN (" VB_WORKS_HIDDEN ") "
    "ORDER BY d.date, d.source, x.seq";

typedef struct walk {
  sqlite3 *db;
  unsigned mask;
  size_t nodes;
  int64_t *seen; /* documents already in the tree */
  size_t nseen, capseen;
} walk;

static int seen(walk *w, int64_t id) {
  for (size_t i = 0; i < w->nseen; i++)
    if (w->seen[i] == id) return 1;
  if (vb_grow(&w->seen, &w->capseen, w->nseen + 1, sizeof *w->seen) != VB_OK)
    return 1; /* out of memory: stop growing the tree */
  w->seen[w->nseen++] = id;
  return 0;
}

/* Fill tree (an object with "node") with its children, depth levels
** down. */
static vb_status grow(walk *w, json_t *tree, int depth, vb_error *err) {
  json_t *node = json_object_get(tree, "node");
  json_t *kids = json_array();
  if (!kids || json_object_set_new(tree, "children", kids))
    return vb_error_set(err, VB_ENOMEM, "out of memory");
  const char *key = jstr(node, "key");
  if (!key || depth >= VB_GRAPH_MAX_DEPTH) return VB_OK;
  int64_t self = json_integer_value(json_object_get(node, "doc_id"));
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(w->db, g_citing_sql, -1, &s, NULL) != SQLITE_OK)
    return vb_error_set(err, VB_EDB,
                        "cannot read the references (re-ingest the index)");
  sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
  vb_status rc = VB_OK;
  while (rc == VB_OK && w->nodes < VB_GRAPH_MAX_NODES &&
         sqlite3_step(s) == SQLITE_ROW) {
    int64_t from = sqlite3_column_int64(s, 0);
    int rel = vb_graph_relation((const char *)sqlite3_column_text(s, 1));
    if (rel < 0 || !(w->mask & (1u << rel)) || from == self) continue;
    const char *rdate = (const char *)sqlite3_column_text(s, 4);
    const char *riss = (const char *)sqlite3_column_text(s, 5);
    const char *rprov = (const char *)sqlite3_column_text(s, 6);
    /* the citation names this node, not a namesake */
    if (self && resolve(w->db, key, rdate, riss, rprov) != self) continue;
    if (!self && (!dates_agree(rdate, jstr(node, "date")) ||
                  !names_agree(riss, jstr(node, "issuer"))))
      continue;
    if (seen(w, from)) continue;
    json_t *child = doc_node(w->db, from);
    if (!child) continue;
    int ok;
    long lag = lag_days(jstr(node, "date"), jstr(child, "date"), &ok);
    json_t *t = json_pack("{s:s, s:o, s:I, s:o, s:o}", "relation",
                          rel_names[rel], "lag_days",
                          ok ? json_integer(lag) : json_null(), "line",
                          (json_int_t)sqlite3_column_int64(s, 2), "evidence",
                          str_or_null(s, 3), "node", child);
    if (!t || json_array_append_new(kids, t)) {
      rc = vb_error_set(err, VB_ENOMEM, "out of memory");
      break;
    }
    w->nodes++;
    rc = grow(w, t, depth + 1, err);
  }
  sqlite3_finalize(s);
  return rc;
}

static vb_status tree_of(vb_index *idx, const char *target, unsigned mask,
                         json_t **out, vb_error *err) {
  *out = NULL;
  VB_TRY(vb_graph_functions(idx, err));
  walk w = {vb_index_db(idx), mask, 0, NULL, 0, 0};
  vb_status rc;
  json_t *root = root_node(w.db, target, err, &rc);
  if (!root) return rc != VB_OK ? rc : vb_error_set(err, VB_ENOMEM, "out of memory");
  int64_t self = json_integer_value(json_object_get(root, "doc_id"));
  if (self) seen(&w, self);
  json_t *tree = json_pack("{s:o}", "node", root);
  rc = tree ? grow(&w, tree, 0, err)
            : vb_error_set(err, VB_ENOMEM, "out of memory");
  vb_free(w.seen);
  if (rc != VB_OK) {
    json_decref(tree);
    return rc;
  }
  *out = tree;
  return VB_OK;
}

vb_status vb_graph_tree(vb_index *idx, const char *target, unsigned mask,
                        json_t **out, vb_error *err) {
  return tree_of(idx, target, mask, out, err);
}

/* ---- Comparison across provinces ---- */

/* Collect the plans of a tree into plans (one per province, the
** earliest); via is the plan a deeper one implements through. */
static void collect(json_t *tree, const char *root_date, const char *via,
                    json_t *plans) {
  json_t *kids = json_object_get(tree, "children"), *t;
  size_t i;
  json_array_foreach(kids, i, t) {
    json_t *n = json_object_get(t, "node");
    const char *prov = jstr(n, "province");
    if (prov) {
      json_t *have = json_object_get(plans, prov);
      const char *d = jstr(n, "date");
      const char *hd = have ? jstr(have, "date") : NULL;
      if (!have || (d && (!hd || strcmp(d, hd) < 0))) {
        const vb_province *pv = vb_province_find(prov, strlen(prov));
        int ok;
        long lag = lag_days(root_date, d, &ok);
        json_object_set_new(
            plans, prov,
            json_pack("{s:s, s:s?, s:O, s:O, s:O, s:O, s:O, s:o, s:O, s:s?}",
                      "province", prov, "province_2025",
                      pv ? pv->since_2025 : NULL, "source",
                      json_object_get(n, "source"), "doc_type",
                      json_object_get(n, "doc_type"), "id",
                      json_object_get(n, "id"), "issuer",
                      json_object_get(n, "issuer"), "date",
                      json_object_get(n, "date"), "lag_days",
                      ok ? json_integer(lag) : json_null(), "title",
                      json_object_get(n, "title"), "via", via));
      }
    }
    const char *nid = jstr(n, "id");
    collect(t, root_date, via ? via : nid ? nid : jstr(n, "source"), plans);
  }
}

static int cmp_plan(const void *a, const void *b) {
  json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
  const char *dx = jstr(x, "date"), *dy = jstr(y, "date");
  if (dx && dy && strcmp(dx, dy)) return strcmp(dx, dy);
  if (!dx != !dy) return dx ? -1 : 1;
  return strcmp(jstr(x, "province"), jstr(y, "province"));
}

vb_status vb_graph_compare(vb_index *idx, const char *target, json_t **out,
                           vb_error *err) {
  json_t *tree = NULL;
  *out = NULL;
  VB_TRY(tree_of(idx, target, 1u << VB_GRAPH_IMPLEMENTS, &tree, err));
  json_t *root = json_object_get(tree, "node");
  json_t *byprov = json_object();
  collect(tree, jstr(root, "date"), NULL, byprov);
  size_t n = json_object_size(byprov), k = 0;
  json_t **rows = vb_calloc(n + 1, sizeof *rows);
  json_t *plans = json_array(), *without = json_array(),
         *without25 = json_array();
  const char *pk;
  json_t *pv;
  json_object_foreach(byprov, pk, pv) if (rows) rows[k++] = pv;
  if (rows) qsort(rows, k, sizeof *rows, cmp_plan);
  for (size_t i = 0; rows && i < k; i++) json_array_append(plans, rows[i]);
  /* provinces without a plan, before and since July 2025 */
  json_t *found25 = json_object();
  for (size_t i = 0; i < k; i++) {
    const char *p25 = jstr(rows[i], "province_2025");
    if (p25) json_object_set_new(found25, p25, json_true());
  }
  for (size_t i = 0; i < vb_province_count(); i++) {
    const vb_province *p = vb_province_at(i);
    if (!json_object_get(byprov, p->name))
      json_array_append_new(without, json_string(p->name));
    int first = 1; /* each unit since 2025 once */
    for (size_t j = 0; j < i; j++)
      if (strcmp(vb_province_at(j)->since_2025, p->since_2025) == 0) first = 0;
    if (first && !json_object_get(found25, p->since_2025))
      json_array_append_new(without25, json_string(p->since_2025));
  }
  json_decref(found25);
  vb_free(rows);
  json_t *res = json_pack("{s:O, s:o, s:o, s:o}", "target", root, "plans",
                          plans, "without", without, "without_2025",
                          without25);
  json_decref(byprov);
  json_decref(tree);
  if (!res) return vb_error_set(err, VB_ENOMEM, "out of memory");
  *out = res;
  return VB_OK;
}

/* ---- The whole graph ---- */

vb_status vb_graph_all(vb_index *idx, json_t **out, vb_error *err) {
  *out = NULL;
  VB_TRY(vb_graph_functions(idx, err));
  sqlite3 *db = vb_index_db(idx);
  json_t *nodes = json_object(), *edges = json_array();
  sqlite3_stmt *s = NULL;
  vb_status rc = VB_OK;
  if (sqlite3_prepare_v2(db,
                         "SELECT x.doc_id, x.type, x.ref_id, x.date, "
                         "x.issuer, d.province, x.relation, x.line "
                         "FROM refs x JOIN documents d ON d.id = x.doc_id "
                         "WHERE x.ref_id IS NOT NULL AND d.id NOT IN ("
                         VB_WORKS_HIDDEN ") ORDER BY d.source, x.seq",
                         -1, &s, NULL) != SQLITE_OK) {
    json_decref(nodes);
    json_decref(edges);
    return vb_error_set(err, VB_EDB,
                        "cannot read the references (re-ingest the index)");
  }
  while (rc == VB_OK && sqlite3_step(s) == SQLITE_ROW) {
    int64_t from = sqlite3_column_int64(s, 0);
    const char *id = (const char *)sqlite3_column_text(s, 2);
    char key[256], fname[32], tname[300];
    vb_graph_key(id, key, sizeof key);
    int64_t to = resolve(db, key, (const char *)sqlite3_column_text(s, 3),
                         (const char *)sqlite3_column_text(s, 4),
                         (const char *)sqlite3_column_text(s, 5));
    snprintf(fname, sizeof fname, "doc:%lld", (long long)from);
    if (to)
      snprintf(tname, sizeof tname, "doc:%lld", (long long)to);
    else
      snprintf(tname, sizeof tname, "ext:%s", key);
    if (!json_object_get(nodes, fname))
      json_object_set_new(nodes, fname, doc_node(db, from));
    if (!json_object_get(nodes, tname))
      json_object_set_new(
          nodes, tname,
          to ? doc_node(db, to)
             : ext_node(key, (const char *)sqlite3_column_text(s, 1), id,
                        (const char *)sqlite3_column_text(s, 3),
                        (const char *)sqlite3_column_text(s, 4)));
    json_t *e = json_pack("{s:s, s:s, s:o, s:I}", "from", fname, "to", tname,
                          "relation", str_or_null(s, 6), "line",
                          (json_int_t)sqlite3_column_int64(s, 7));
    if (!e || json_array_append_new(edges, e))
      rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  sqlite3_finalize(s);
  json_t *list = json_array();
  const char *k;
  json_t *v;
  json_object_foreach(nodes, k, v) if (v) json_array_append(list, v);
  json_decref(nodes);
  json_t *res = json_pack("{s:o, s:o}", "nodes", list, "edges", edges);
  if (rc != VB_OK || !res) {
    json_decref(res);
    return rc != VB_OK ? rc : vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  *out = res;
  return VB_OK;
}

/* ---- Status ---- */

/* Later documents of the index that act on a document. */
static const char g_acting_sql[] =
    "SELECT x.doc_id, x.relation, x.date, x.issuer, d.province, d.date "
    "FROM refs x JOIN documents d ON d.id = x.doc_id "
    "WHERE vb_idkey(x.ref_id) = ?1 AND x.relation IN ('replaces', "
    "'repeals', 'amends') AND d.id NOT IN (" VB_WORKS_HIDDEN ") "
    "ORDER BY d.date, d.source";

vb_status vb_graph_status(vb_index *idx, int64_t doc_id, json_t **out,
                          vb_error *err) {
  *out = NULL;
  VB_TRY(vb_graph_functions(idx, err));
  sqlite3 *db = vb_index_db(idx);
  json_t *me = doc_node(db, doc_id), *list = json_array();
  const char *key = me ? jstr(me, "key") : NULL;
  sqlite3_stmt *s = NULL;
  vb_status rc = VB_OK;
  if (key && sqlite3_prepare_v2(db, g_acting_sql, -1, &s, NULL) != SQLITE_OK)
    rc = vb_error_set(err, VB_EDB, "cannot read the references");
  if (key && rc == VB_OK) sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
  while (key && rc == VB_OK && sqlite3_step(s) == SQLITE_ROW) {
    if (resolve(db, key, (const char *)sqlite3_column_text(s, 2),
                (const char *)sqlite3_column_text(s, 3),
                (const char *)sqlite3_column_text(s, 4)) != doc_id)
      continue; /* a namesake */
    json_t *by = doc_node(db, sqlite3_column_int64(s, 0));
    json_t *e = by ? json_pack("{s:s, s:o}", "relation",
                               (const char *)sqlite3_column_text(s, 1), "by",
                               by)
                   : NULL;
    if (!e || json_array_append_new(list, e))
      rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  sqlite3_finalize(s);
  json_decref(me);
  if (rc != VB_OK) {
    json_decref(list);
    return rc;
  }
  *out = list;
  return VB_OK;
}

json_t *vb_graph_node(vb_index *idx, int64_t doc_id) {
  json_t *n = doc_node(vb_index_db(idx), doc_id);
  return n ? n : json_null();
}
