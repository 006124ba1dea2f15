/*
** index.c: opening the vanban index and storing documents in it (see
** index.h and schema.sql).  Every statement is prepared once per handle and
** every value is bound, never pasted into SQL.  SQLite's own error text is
** turned into a short reason; it is never shown raw.
*/
#include "index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "names.h"
#include "paragraphs.h"
#include "rank.h"
#include "shared.h"
#include "snippet.h"
#include "stored.h"
#include "tokenizer.h"
#include "works.h"

extern const char vb_schema_sql[]; /* generated from schema.sql */

_Static_assert(sizeof ((vb_prepared *)0)->minhash ==
                   VB_MINHASH_N * sizeof(uint32_t),
               "vb_prepared holds one MinHash signature");

#define VB_SCHEMA_VERSION "9" /* bump on any change to schema.sql */
#define VB_BUSY_TIMEOUT_MS 10000 /* wait this long for another writer */

/* Prepared statements, by purpose.  Keep g_sql in the same order. */
enum {
  ST_LOOKUP,
  ST_FIND_ID,
  ST_FTS_DELETE,
  ST_DOC_DELETE,
  ST_DOC_INSERT,
  ST_RECORD_INSERT,
  ST_TEXT_INSERT,
  ST_FTS_INSERT,
  ST_REF_INSERT,
  ST_RCPT_INSERT,
  ST_UNIT_INSERT,
  ST_TASK_INSERT,
  ST_DEADLINE_INSERT,
  ST_REPORT_INSERT,
  ST_EACH_UNDER,
  ST_COUNT,
  ST_PARA_INSERT,
  ST_TITLE_DELETE,
  ST_TITLE_INSERT,
  ST_HEADING_INSERT,
  ST_LINE_INSERT,
  ST_ORDER_INSERT,
  ST__N
};

static const char *const g_sql[ST__N] = {
    [ST_LOOKUP] = "SELECT sha256 FROM documents WHERE source = ?1",
    [ST_FIND_ID] = "SELECT id FROM documents WHERE source = ?1",
    [ST_FTS_DELETE] =
        "INSERT INTO docs_fts(docs_fts, rowid, title, theme, body, extra, "
        "facets) SELECT 'delete', id, title, theme, body, extra, facets "
        "FROM doc_content WHERE id = ?1",
    [ST_DOC_DELETE] = "DELETE FROM documents WHERE id = ?1",
    [ST_DOC_INSERT] =
        "INSERT INTO documents(source, sha256, format, size, mtime, "
        "ingested_at, doc_type, number, symbol, place, date, year, issuer, "
        "province, province_2025, title, theme, period_from, period_to, "
        "signer_name, signer_position, signer_authority, prop_title, "
        "prop_creator, prop_created, prop_modified) VALUES(?1, ?2, "
        "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
        "?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
    [ST_RECORD_INSERT] =
        "INSERT INTO record_rows(doc_id, record) VALUES(?1, ?2)",
    [ST_TEXT_INSERT] =
        "INSERT INTO texts(doc_id, body, extra) VALUES(?1, ?2, ?3)",
    [ST_FTS_INSERT] =
        "INSERT INTO docs_fts(rowid, title, theme, body, extra, facets) "
        "VALUES(?1, ?2, ?3, ?4, ?5, "
        "(SELECT facets FROM doc_facets WHERE id = ?1))",
    [ST_REF_INSERT] =
        "INSERT INTO ref_rows(doc_id, seq, type, ref_id, date, issuer, line, "
        "relation) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [ST_RCPT_INSERT] =
        "INSERT INTO recipient_rows(doc_id, seq, name, line) "
        "VALUES(?1, ?2, ?3, ?4)",
    [ST_UNIT_INSERT] =
        "INSERT INTO unit_rows(doc_id, seq, name, canonical, line, key) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
    [ST_TASK_INSERT] =
        "INSERT INTO task_rows(doc_id, unit_seq, seq, text_id, line) "
        "VALUES(?1, ?2, ?3, ?4, ?5)",
    [ST_DEADLINE_INSERT] =
        "INSERT INTO deadline_rows(doc_id, seq, date, recurs, what, who, "
        "to_body, line) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [ST_REPORT_INSERT] =
        "INSERT INTO report_rows(doc_id, seq, from_unit, from_canonical, "
        "to_body, to_canonical, via, by_date, line, to_key) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [ST_EACH_UNDER] =
        "SELECT source FROM documents WHERE source = ?1 OR "
        "(substr(source, 1, length(?2)) = ?2) ORDER BY source",
    [ST_COUNT] = "SELECT count(*) FROM documents",
    [ST_TITLE_DELETE] =
        "INSERT INTO titles_fts(titles_fts, rowid, title, theme) "
        "SELECT 'delete', id, title, theme FROM doc_content WHERE id = ?1",
    [ST_TITLE_INSERT] =
        "INSERT INTO titles_fts(rowid, title, theme) VALUES(?1, ?2, ?3)",
    [ST_PARA_INSERT] =
        "INSERT INTO paragraph_rows(doc_id, seq, line, start, len, "
        "heading_seq, fingerprint) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [ST_HEADING_INSERT] =
        "INSERT INTO heading_rows(doc_id, seq, text_id) VALUES(?1, ?2, ?3)",
    [ST_LINE_INSERT] =
        "INSERT INTO line_rows(doc_id, line, text_id) VALUES(?1, ?2, ?3)",
    [ST_ORDER_INSERT] = "INSERT INTO answer_order(doc_id, kind, seq, key, province, date, "
                        "source, year, name, canonical, to_body, via, by_date, what, who, "
                        "tasks, line) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
};

struct vb_index {
  sqlite3 *db;            /* the connection */
  struct timespec deadline; /* of the time budget (tv_sec 0: none) */
  long steps_left;        /* progress checks left (-1: no step limit) */
  int expired;            /* 1 once the budget ran out */
  sqlite3_stmt *st[ST__N]; /* prepared on first use */
  sqlite3_stmt *own[VB_INDEX_OWN_STMTS]; /* vb_index_own_stmt() */
  vb_kept kept;           /* vb_index_stmt() (kept.c) */
  int in_batch;           /* 1 between begin and commit */
};

/* Fill err from the connection's state, without SQLite's raw wording where
** a plainer reason exists. */
static vb_status db_error(vb_index *idx, int rc, const char *what,
                          vb_error *err) {
  int prim = rc & 0xff;
  if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
    return vb_error_set(err, VB_EBUSY,
                        "%s: the index is locked by another vanban process",
                        what);
  if (prim == SQLITE_NOTADB || prim == SQLITE_CORRUPT)
    return vb_error_set(err, VB_ECORRUPT,
                        "%s: the index file is damaged or not an index",
                        what);
  if (prim == SQLITE_FULL)
    return vb_error_set(err, VB_EIO, "%s: the disk is full", what);
  if (prim == SQLITE_INTERRUPT && idx && idx->expired)
    return vb_error_set(err, VB_ETIMEOUT, "%s: past the time budget", what);
  if (prim == SQLITE_NOMEM)
    return vb_error_set(err, VB_ENOMEM, "%s: out of memory", what);
  if (prim == SQLITE_CANTOPEN || prim == SQLITE_IOERR ||
      prim == SQLITE_READONLY || prim == SQLITE_PERM)
    return vb_error_set(err, VB_EIO, "%s: %s", what, sqlite3_errstr(rc));
  (void)idx;
  return vb_error_set(err, VB_EDB, "%s: %s", what, sqlite3_errstr(rc));
}

/* The prepared statement for purpose i, reset and with bindings cleared. */
static sqlite3_stmt *stmt(vb_index *idx, int i, vb_error *err,
                          vb_status *rc) {
  if (!idx->st[i]) {
    int r = sqlite3_prepare_v3(idx->db, g_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                               &idx->st[i], NULL);
    if (r != SQLITE_OK) {
      *rc = db_error(idx, r, "cannot prepare a statement", err);
      return NULL;
    }
  } else {
    sqlite3_reset(idx->st[i]);
    sqlite3_clear_bindings(idx->st[i]);
  }
  return idx->st[i];
}

sqlite3_stmt *vb_index_own_stmt(vb_index *idx, int slot, const char *sql) {
  if (slot < 0 || slot >= VB_INDEX_OWN_STMTS) return NULL;
  if (idx->own[slot]) {
    sqlite3_reset(idx->own[slot]);
    sqlite3_clear_bindings(idx->own[slot]);
  } else if (sqlite3_prepare_v3(idx->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                                &idx->own[slot], NULL) != SQLITE_OK) {
    return NULL;
  }
  return idx->own[slot];
}

/* Run a statement to completion (no result rows expected). */
static vb_status step_done(vb_index *idx, sqlite3_stmt *s, const char *what,
                           vb_error *err) {
  int r = sqlite3_step(s);
  sqlite3_reset(s);
  if (r != SQLITE_DONE) return db_error(idx, r, what, err);
  return VB_OK;
}

/* Execute SQL text without results. */
static vb_status exec(vb_index *idx, const char *sql, const char *what,
                      vb_error *err) {
  int r = sqlite3_exec(idx->db, sql, NULL, NULL, NULL);
  if (r != SQLITE_OK) return db_error(idx, r, what, err);
  return VB_OK;
}

/* A vanban index has meta.app = 'vanban'; an empty database becomes one. */
/* Run the NULL-ended statements sqls in one write transaction: all of
** them or, on the first failure, none. */
static vb_status exec_locked(vb_index *idx, const char *const *sqls,
                             const char *what, vb_error *err) {
  VB_TRY(exec(idx, "BEGIN IMMEDIATE", "cannot lock the index", err));
  vb_status rc = VB_OK;
  for (size_t i = 0; sqls[i] && rc == VB_OK; i++)
    rc = exec(idx, sqls[i], what, err);
  if (rc == VB_OK) rc = exec(idx, "COMMIT", what, err);
  if (rc != VB_OK) sqlite3_exec(idx->db, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}

static vb_status check_or_create_schema(vb_index *idx, int mode,
                                        vb_error *err) {
  sqlite3_stmt *s = NULL;
  int r = sqlite3_prepare_v2(idx->db,
                             "SELECT (SELECT count(*) FROM sqlite_schema), "
                             "(SELECT count(*) FROM sqlite_schema WHERE "
                             "name = 'meta')",
                             -1, &s, NULL);
  if (r != SQLITE_OK) return db_error(idx, r, "cannot read the index", err);
  r = sqlite3_step(s);
  if (r != SQLITE_ROW) {
    sqlite3_finalize(s);
    return db_error(idx, r, "cannot read the index", err);
  }
  int ntables = sqlite3_column_int(s, 0), has_meta = sqlite3_column_int(s, 1);
  sqlite3_finalize(s);
  if (ntables > 0) {
    if (!has_meta)
      return vb_error_set(err, VB_ECORRUPT,
                          "not a vanban index (a database of another kind)");
    r = sqlite3_prepare_v2(idx->db,
                           "SELECT value FROM meta WHERE key = 'app'", -1, &s,
                           NULL);
    if (r != SQLITE_OK) return db_error(idx, r, "cannot read the index", err);
    int ok = sqlite3_step(s) == SQLITE_ROW &&
             sqlite3_column_text(s, 0) &&
             strcmp((const char *)sqlite3_column_text(s, 0), "vanban") == 0;
    sqlite3_finalize(s);
    if (!ok)
      return vb_error_set(err, VB_ECORRUPT,
                          "not a vanban index (a database of another kind)");
    r = sqlite3_prepare_v2(idx->db,
                           "SELECT value FROM meta WHERE key = 'schema_version'",
                           -1, &s, NULL);
    if (r != SQLITE_OK) return db_error(idx, r, "cannot read the index", err);
    char version[32] = "?";
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
      snprintf(version, sizeof version, "%s",
               (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    if (strcmp(version, VB_SCHEMA_VERSION) != 0)
      return vb_error_set(err, VB_ECORRUPT,
                          "the index was made by another version of vanban "
                          "(schema %s, this one reads schema %s); remove it "
                          "and ingest again",
                          version, VB_SCHEMA_VERSION);
    if (mode == VB_INDEX_READ) return VB_OK;
  } else if (mode == VB_INDEX_READ) {
    return vb_error_set(err, VB_ENOTFOUND,
                        "the index is empty (run vanban ingest first)");
  }
  /* Create or complete the schema; every statement is IF NOT EXISTS. */
  const char *const sqls[] = {
      vb_schema_sql,
      "INSERT OR IGNORE INTO meta(key, value) VALUES('app', 'vanban'),"
      "('schema_version', '" VB_SCHEMA_VERSION "')",
      NULL};
  return exec_locked(idx, sqls, "cannot create the schema", err);
}

vb_status vb_index_open(const char *path, int mode, vb_index **out,
                        vb_error *err) {
  *out = NULL;
  if (mode == VB_INDEX_READ && access(path, F_OK) != 0)
    return vb_error_set(err, VB_ENOTFOUND,
                        "no index at %s (run vanban ingest first)", path);
  vb_index *idx = vb_calloc(1, sizeof *idx);
  if (!idx) return vb_error_set(err, VB_ENOMEM, "out of memory");
  int flags = mode == VB_INDEX_WRITE
                  ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                  : SQLITE_OPEN_READWRITE;
  int r = sqlite3_open_v2(path, &idx->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  vb_status rc = VB_OK;
  if (r != SQLITE_OK) {
    rc = db_error(idx, r, "cannot open the index", err);
    goto fail;
  }
  sqlite3_extended_result_codes(idx->db, 1);
  sqlite3_busy_timeout(idx->db, VB_BUSY_TIMEOUT_MS);
  if (vb_tokenizer_register(idx->db) != VB_OK ||
      vb_rank_register(idx->db) != VB_OK ||
      vb_snippet_register(idx->db) != VB_OK) {
    rc = vb_error_set(err, VB_EDB, "SQLite was built without FTS5");
    goto fail;
  }
  rc = exec(idx,
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; "
            "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32000",
            "cannot open the index", err);
  if (rc != VB_OK) goto fail;
  if (mode == VB_INDEX_WRITE) {
    rc = exec(idx, "PRAGMA journal_mode = WAL", "cannot open the index", err);
    if (rc != VB_OK) goto fail;
  }
  rc = check_or_create_schema(idx, mode, err);
  if (rc != VB_OK) goto fail;
  *out = idx;
  return VB_OK;
fail:
  vb_index_close(idx);
  return rc;
}

void vb_index_close(vb_index *idx) {
  if (!idx) return;
  if (idx->in_batch) vb_index_rollback(idx);
  for (int i = 0; i < ST__N; i++) sqlite3_finalize(idx->st[i]);
  for (int i = 0; i < VB_INDEX_OWN_STMTS; i++) sqlite3_finalize(idx->own[i]);
  vb_kept_free(&idx->kept);
  sqlite3_close(idx->db);
  vb_free(idx);
}

sqlite3 *vb_index_db(vb_index *idx) { return idx->db; }
vb_kept *vb_index_kept(vb_index *idx) { return &idx->kept; }

/* The progress handler of a budget: non-zero (stop) once it has run out. */
static int budget_check(void *arg) {
  vb_index *idx = arg;
  if (idx->expired) return 1;
  if (idx->steps_left >= 0 && idx->steps_left-- == 0) idx->expired = 1;
  if (idx->deadline.tv_sec) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (now.tv_sec > idx->deadline.tv_sec ||
        (now.tv_sec == idx->deadline.tv_sec &&
         now.tv_nsec >= idx->deadline.tv_nsec))
      idx->expired = 1;
  }
  return idx->expired;
}

void vb_index_set_budget(vb_index *idx, double seconds, long steps) {
  idx->expired = 0;
  idx->steps_left = steps > 0 ? steps : -1;
  idx->deadline.tv_sec = 0;
  idx->deadline.tv_nsec = 0;
  if (seconds > 0) {
    clock_gettime(CLOCK_MONOTONIC, &idx->deadline);
    double whole = (double)(long)seconds;
    idx->deadline.tv_sec += (time_t)whole;
    idx->deadline.tv_nsec += (long)((seconds - whole) * 1e9);
    if (idx->deadline.tv_nsec >= 1000000000L) {
      idx->deadline.tv_sec++;
      idx->deadline.tv_nsec -= 1000000000L;
    }
  }
  int on = seconds > 0 || steps > 0;
  /* A step limit is counted in instructions: checked after each one. */
  sqlite3_progress_handler(idx->db, !on ? 0 : steps > 0 ? 1 : VB_BUDGET_OPS,
                           on ? budget_check : NULL, idx);
}

int vb_index_expired(const vb_index *idx) { return idx && idx->expired; }

vb_status vb_index_begin(vb_index *idx, vb_error *err) {
  if (idx->in_batch) return VB_OK;
  VB_TRY(exec(idx, "BEGIN IMMEDIATE", "cannot lock the index", err));
  idx->in_batch = 1;
  return VB_OK;
}

vb_status vb_index_commit(vb_index *idx, vb_error *err) {
  if (!idx->in_batch) return VB_OK;
  vb_status rc = exec(idx, "COMMIT", "cannot commit to the index", err);
  if (rc != VB_OK) {
    vb_index_rollback(idx);
    return rc;
  }
  idx->in_batch = 0;
  return VB_OK;
}

void vb_index_rollback(vb_index *idx) {
  if (!idx->in_batch) return;
  sqlite3_exec(idx->db, "ROLLBACK", NULL, NULL, NULL);
  idx->in_batch = 0;
}

vb_status vb_index_lookup(vb_index *idx, const char *source, char sha[65],
                          int *found, vb_error *err) {
  vb_status rc = VB_OK;
  sqlite3_stmt *s = stmt(idx, ST_LOOKUP, err, &rc);
  if (!s) return rc;
  sqlite3_bind_text(s, 1, source, -1, SQLITE_STATIC);
  int r = sqlite3_step(s);
  *found = 0;
  if (r == SQLITE_ROW) {
    const unsigned char *h = sqlite3_column_text(s, 0);
    snprintf(sha, 65, "%s", h ? (const char *)h : "");
    *found = 1;
  } else if (r != SQLITE_DONE) {
    rc = db_error(idx, r, "cannot read the index", err);
  }
  sqlite3_reset(s);
  return rc;
}

/* ---- Binding values taken from the JSON record ---- */

#define VB_KEY_MAX 512 /* bytes of a lookup key (vb_name_key) */

/* The document whose list rows put_list() writes. */
typedef struct vb_put_ctx {
  sqlite3_int64 id; /* documents.id */
  json_t *rec;      /* its record */
  const char *source;
} vb_put_ctx;

/* Bind a string member of obj (or NULL) to parameter i. */
static void bind_json_str(sqlite3_stmt *s, int i, json_t *obj,
                          const char *key) {
  const char *v = json_string_value(json_object_get(obj, key));
  if (v)
    sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null(s, i);
}

static void bind_str(sqlite3_stmt *s, int i, const char *v) {
  if (v)
    sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null(s, i);
}

/* Bind the evidence line of `key` ("references[2]") to parameter i (its
** text is the line's row in lines). */
static void bind_evidence(sqlite3_stmt *s, int i, json_t *rec,
                          const char *key) {
  json_t *ev = json_object_get(json_object_get(rec, "evidence"), key);
  json_t *line = json_object_get(ev, "line");
  if (json_is_integer(line))
    sqlite3_bind_int64(s, i, json_integer_value(line));
  else
    sqlite3_bind_null(s, i);
}

/* Bind the lookup key (vb_name_key) of the first non-NULL of a, b to
** parameter i, and keep it in key: its length, or -1 when both are NULL. */
static int bind_key(sqlite3_stmt *s, int i, const char *a, const char *b,
                    char key[VB_KEY_MAX]) {
  const char *v = a ? a : b;
  if (!v) {
    sqlite3_bind_null(s, i);
    return -1;
  }
  size_t n = vb_name_key(v, strlen(v), key, VB_KEY_MAX);
  sqlite3_bind_text(s, i, key, (int)n, SQLITE_TRANSIENT);
  return (int)n;
}

/* String value of a list item that may be a plain string or an object with
** a "name" member (units are written either way). */
static const char *item_name(json_t *item) {
  if (json_is_string(item)) return json_string_value(item);
  return json_string_value(json_object_get(item, "name"));
}

/* The row of answer_order (schema.sql) of the reporting duty (kind 1), unit (kind 2, of
** ntasks tasks) or yearly duty (kind 3: key its --MM-DD date, province and date 0; who its
** units as stored) item, seq of document id, under its lookup key, with the item's columns
** the answers show.  Written here, not by a trigger: a statement that fires a trigger runs
** in a statement savepoint, and every savepoint makes FTS5 write the terms it holds for the
** open transaction, so a trigger per list row cost a full-text flush per document. */
static vb_status put_order(vb_index *idx, const vb_put_ctx *c, int kind,
                           size_t seq, const char *key, int keylen, json_t *item,
                           const char *who, const char *evkey, size_t ntasks, vb_error *err) {
  vb_status rc = VB_OK;
  sqlite3_stmt *s = stmt(idx, ST_ORDER_INSERT, err, &rc);
  if (!s) return rc;
  sqlite3_bind_int64(s, 1, c->id);
  sqlite3_bind_int(s, 2, kind);
  sqlite3_bind_int64(s, 3, (sqlite3_int64)seq);
  sqlite3_bind_text(s, 4, key, keylen, SQLITE_STATIC);
  const char *prov = NULL, *date = NULL;
  if (kind != 3) {
    prov = json_string_value(json_object_get(c->rec, "province"));
    date = json_string_value(json_object_get(c->rec, "date"));
  }
  if (prov) sqlite3_bind_text(s, 5, prov, -1, SQLITE_STATIC);
  else sqlite3_bind_int(s, 5, 0);
  if (date) sqlite3_bind_text(s, 6, date, -1, SQLITE_STATIC);
  else sqlite3_bind_int(s, 6, 0);
  sqlite3_bind_text(s, 7, c->source, -1, SQLITE_STATIC);
  json_t *year = json_object_get(c->rec, "year");
  if (json_is_integer(year)) sqlite3_bind_int64(s, 8, json_integer_value(year));
  static const char *const cols[3][6] = {/* ?9-?14: the item's, by kind */
      {"from", "from_canonical", "to", "via", "by"},
      {NULL, "canonical"}, {NULL, NULL, "to", NULL, NULL, "what"}};
  for (int k = 0; k < 6; k++)
    if (cols[kind - 1][k]) bind_json_str(s, 9 + k, item, cols[kind - 1][k]);
  if (kind == 2) bind_str(s, 9, item_name(item));
  if (kind == 2) sqlite3_bind_int64(s, 16, (sqlite3_int64)ntasks);
  bind_str(s, 15, who);
  bind_evidence(s, 17, c->rec, evkey);
  return step_done(idx, s, "cannot store the record", err);
}

vb_status vb_index_tidy(vb_index *idx, vb_error *err) {
  return vb_shared_tidy(idx, err); /* shared.h */
}

/* Insert the rows of one list of the record.  `kind` selects the table. */
static vb_status put_list(vb_index *idx, const vb_put_ctx *c,
                          const char *key, int st_i, vb_error *err) {
  sqlite3_int64 id = c->id;
  json_t *rec = c->rec;
  json_t *list = json_object_get(rec, key);
  size_t i;
  json_t *item;
  vb_status rc = VB_OK;
  json_array_foreach(list, i, item) {
    char evkey[64];
    snprintf(evkey, sizeof evkey, "%s[%zu]", key, i);
    sqlite3_stmt *s = stmt(idx, st_i, err, &rc);
    if (!s) return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
    char *who = NULL;
    char okey[VB_KEY_MAX];
    int okeylen = -1; /* the row's lookup key, for answer_order */
    switch (st_i) {
      case ST_REF_INSERT:
        bind_json_str(s, 3, item, "type");
        bind_json_str(s, 4, item, "id");
        bind_json_str(s, 5, item, "date");
        bind_json_str(s, 6, item, "issuer");
        bind_evidence(s, 7, rec, evkey);
        bind_json_str(s, 8, item, "relation");
        break;
      case ST_RCPT_INSERT:
        if (!json_is_string(item)) continue;
        bind_str(s, 3, json_string_value(item));
        bind_evidence(s, 4, rec, evkey);
        break;
      case ST_UNIT_INSERT:
        if (!item_name(item)) continue;
        bind_str(s, 3, item_name(item));
        bind_json_str(s, 4, item, "canonical");
        bind_evidence(s, 5, rec, evkey);
        okeylen = bind_key(
            s, 6, json_string_value(json_object_get(item, "canonical")),
            item_name(item), okey);
        break;
      case ST_DEADLINE_INSERT:
        bind_json_str(s, 3, item, "date");
        bind_json_str(s, 4, item, "recurs");
        bind_json_str(s, 5, item, "what");
        who = json_dumps(json_object_get(item, "who"), JSON_COMPACT);
        bind_str(s, 6, who);
        bind_json_str(s, 7, item, "to");
        bind_evidence(s, 8, rec, evkey);
        {
          const char *d = json_string_value(json_object_get(item, "date"));
          const char *r = json_string_value(json_object_get(item, "recurs"));
          if (d && r && strcmp(r, "yearly") == 0 && strlen(d) < VB_KEY_MAX) {
            okeylen = (int)strlen(d);
            memcpy(okey, d, (size_t)okeylen);
          }
        }
        break;
      case ST_REPORT_INSERT:
        bind_json_str(s, 3, item, "from");
        bind_json_str(s, 4, item, "from_canonical");
        bind_json_str(s, 5, item, "to");
        bind_json_str(s, 6, item, "to_canonical");
        bind_json_str(s, 7, item, "via");
        bind_json_str(s, 8, item, "by");
        bind_evidence(s, 9, rec, evkey);
        okeylen = bind_key(
            s, 10, json_string_value(json_object_get(item, "to")),
            json_string_value(json_object_get(item, "to_canonical")), okey);
        break;
    }
    rc = step_done(idx, s, "cannot store the record", err);
    size_t ntasks = 0; /* of a unit, stored */
    if (rc == VB_OK && st_i == ST_UNIT_INSERT && json_is_object(item)) {
      json_t *tasks = json_object_get(item, "tasks"), *t;
      size_t k;
      json_array_foreach(tasks, k, t) {
        const char *txt = item_name(t);
        if (!txt) txt = json_string_value(json_object_get(t, "text"));
        if (!txt) continue;
        sqlite3_int64 text_id;
        VB_TRY(vb_shared_text_id(idx, VB_SHARED_TASKS, txt, strlen(txt),
                                 &text_id, err));
        sqlite3_stmt *ts = stmt(idx, ST_TASK_INSERT, err, &rc);
        if (!ts) return rc;
        sqlite3_bind_int64(ts, 1, id);
        sqlite3_bind_int64(ts, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(ts, 3, (sqlite3_int64)k);
        sqlite3_bind_int64(ts, 4, text_id);
        json_t *line = json_object_get(t, "line");
        if (json_is_integer(line))
          sqlite3_bind_int64(ts, 5, json_integer_value(line));
        VB_TRY(step_done(idx, ts, "cannot store the record", err));
        ntasks++;
      }
    }
    if (rc == VB_OK && okeylen >= 0)
      rc = put_order(idx, c, st_i == ST_REPORT_INSERT ? 1 : st_i == ST_UNIT_INSERT ? 2 : 3, i,
                     okey, okeylen, item, who, evkey, ntasks, err);
    free(who); /* jansson allocates with malloc */
    if (rc != VB_OK) return rc;
  }
  return VB_OK;
}

/* Store the paragraphs of a document (their places in the body), and each
** heading they fall under once. */
static vb_status put_paragraphs(vb_index *idx, sqlite3_int64 doc_id,
                                const vb_doc *doc, const vb_para_list *l,
                                vb_error *err) {
  vb_status rc = VB_OK;
  const char *last = NULL; /* the heading stored last, as headings.seq */
  sqlite3_int64 hseq = -1;
  for (size_t i = 0; i < l->n && rc == VB_OK; i++) {
    const vb_para *p = &l->items[i];
    sqlite3_stmt *s;
    if (p->heading && p->heading != last) {
      sqlite3_int64 text_id;
      if ((rc = vb_shared_text_id(idx, VB_SHARED_LINES, p->heading,
                                  p->heading_len, &text_id, err)) != VB_OK ||
          !(s = stmt(idx, ST_HEADING_INSERT, err, &rc)))
        break;
      sqlite3_bind_int64(s, 1, doc_id);
      sqlite3_bind_int64(s, 2, ++hseq);
      sqlite3_bind_int64(s, 3, text_id);
      if ((rc = step_done(idx, s, "cannot store a paragraph", err)) != VB_OK)
        break;
      last = p->heading;
    }
    if (!(s = stmt(idx, ST_PARA_INSERT, err, &rc))) break;
    sqlite3_bind_int64(s, 1, doc_id);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)p->line);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)(p->text - doc->text));
    sqlite3_bind_int64(s, 5, (sqlite3_int64)p->len);
    if (p->heading) sqlite3_bind_int64(s, 6, hseq);
    sqlite3_bind_int64(s, 7, l->fingerprints[i]);
    rc = step_done(idx, s, "cannot store a paragraph", err);
  }
  return rc;
}

/* Delete a stored document (and, by cascade, all its rows). */
static vb_status delete_id(vb_index *idx, sqlite3_int64 id, vb_error *err) {
  vb_status rc = VB_OK;
  sqlite3_stmt *s = stmt(idx, ST_TITLE_DELETE, err, &rc);
  if (!s) return rc;
  sqlite3_bind_int64(s, 1, id);
  VB_TRY(step_done(idx, s, "cannot update the full-text index", err));
  s = stmt(idx, ST_FTS_DELETE, err, &rc);
  if (!s) return rc;
  sqlite3_bind_int64(s, 1, id);
  VB_TRY(step_done(idx, s, "cannot update the full-text index", err));
  s = stmt(idx, ST_DOC_DELETE, err, &rc);
  if (!s) return rc;
  sqlite3_bind_int64(s, 1, id);
  return step_done(idx, s, "cannot delete a document", err);
}

/* The id stored for source: *id > 0 if found. */
static vb_status find_id(vb_index *idx, const char *source,
                         sqlite3_int64 *id, vb_error *err) {
  vb_status rc = VB_OK;
  sqlite3_stmt *s = stmt(idx, ST_FIND_ID, err, &rc);
  if (!s) return rc;
  sqlite3_bind_text(s, 1, source, -1, SQLITE_STATIC);
  int r = sqlite3_step(s);
  *id = r == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
  sqlite3_reset(s);
  if (r != SQLITE_ROW && r != SQLITE_DONE)
    return db_error(idx, r, "cannot read the index", err);
  return VB_OK;
}

vb_status vb_index_remove(vb_index *idx, const char *source, int *removed,
                          vb_error *err) {
  sqlite3_int64 id = 0;
  *removed = 0;
  if (!idx->in_batch)
    return vb_error_set(err, VB_EINVAL, "remove outside a batch");
  VB_TRY(find_id(idx, source, &id, err));
  if (id == 0) return VB_OK;
  VB_TRY(delete_id(idx, id, err));
  *removed = 1;
  return VB_OK;
}

/* Current UTC time as ISO 8601. */
static void now_iso(char out[32]) {
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

vb_status vb_index_prepare(const vb_doc *doc, json_t *record,
                           vb_prepared *out) {
  memset(out, 0, sizeof *out);
  vb_status rc = vb_stored_record(record, &out->record_json, &out->lines,
                                  &out->nlines);
  if (rc == VB_OK)
    rc = vb_paragraphs_index(doc->text, doc->text_len, &out->paras);
  /* The texts of the full-text columns, as vb_index_put binds them. */
  const char *title = json_string_value(json_object_get(record, "title"));
  const char *theme = json_string_value(json_object_get(record, "theme"));
  if (rc == VB_OK && title) rc = vb_pretok_add(&out->toks, title, strlen(title));
  if (rc == VB_OK && theme) rc = vb_pretok_add(&out->toks, theme, strlen(theme));
  size_t body = out->toks.n;
  if (rc == VB_OK) rc = vb_pretok_add(&out->toks, doc->text, doc->text_len);
  /* the signature from the body's tokens when it has them */
  out->shingles = out->toks.n > body && out->toks.text[body] == doc->text
                      ? vb_minhash_pretok(&out->toks, body, out->minhash)
                      : vb_minhash(doc->text, doc->text_len, out->minhash);
  if (rc == VB_OK && doc->extra)
    rc = vb_pretok_add(&out->toks, doc->extra, doc->extra_len);
  if (rc != VB_OK) {
    vb_prepared_free(out);
    return rc;
  }
  return VB_OK;
}

void vb_prepared_free(vb_prepared *p) {
  if (!p) return;
  vb_para_list_free(&p->paras);
  vb_pretok_free(&p->toks);
  free(p->record_json); /* jansson allocates with malloc */
  p->record_json = NULL;
  vb_free(p->lines);
  p->lines = NULL;
  p->nlines = 0;
}

vb_status vb_index_put(vb_index *idx, const vb_doc *doc, json_t *rec,
                       const vb_prepared *prep, int *replaced,
                       vb_error *err) {
  sqlite3_int64 old = 0;
  vb_status rc = VB_OK;
  *replaced = 0;
  if (!idx->in_batch)
    return vb_error_set(err, VB_EINVAL, "put outside a batch");
  /* No savepoint per document: it would make FTS5 write its pending terms
  ** after every document.  A failed put rolls the whole batch back. */
  rc = find_id(idx, doc->source, &old, err);
  if (rc == VB_OK && old) {
    rc = delete_id(idx, old, err);
    *replaced = 1;
  }
  vb_prepared own = {0};
  if (rc == VB_OK && !prep) {
    if (vb_index_prepare(doc, rec, &own) != VB_OK)
      rc = vb_error_set(err, VB_ENOMEM, "out of memory");
    prep = &own;
  }
  sqlite3_stmt *s = rc == VB_OK ? stmt(idx, ST_DOC_INSERT, err, &rc) : NULL;
  if (s) {
    char now[32];
    now_iso(now);
    json_t *period = json_object_get(rec, "period");
    json_t *signer = json_object_get(rec, "signer");
    bind_str(s, 1, doc->source);
    bind_str(s, 2, doc->sha256);
    bind_str(s, 3, doc->format);
    sqlite3_bind_int64(s, 4, doc->size);
    sqlite3_bind_int64(s, 5, doc->mtime);
    bind_str(s, 6, now);
    bind_json_str(s, 7, rec, "doc_type");
    bind_json_str(s, 8, rec, "number");
    bind_json_str(s, 9, rec, "symbol");
    bind_json_str(s, 10, rec, "place");
    bind_json_str(s, 11, rec, "date");
    json_t *year = json_object_get(rec, "year");
    if (json_is_integer(year))
      sqlite3_bind_int64(s, 12, json_integer_value(year));
    bind_json_str(s, 13, rec, "issuer");
    bind_json_str(s, 14, rec, "province");
    /* The province it belongs to since the July 2025 merger. */
    const char *prov = json_string_value(json_object_get(rec, "province"));
    const vb_province *pv = prov ? vb_province_find(prov, strlen(prov)) : NULL;
    bind_str(s, 15, pv ? pv->since_2025 : NULL);
    bind_json_str(s, 16, rec, "title");
    bind_json_str(s, 17, rec, "theme");
    bind_json_str(s, 18, period, "from");
    bind_json_str(s, 19, period, "to");
    bind_json_str(s, 20, signer, "name");
    bind_json_str(s, 21, signer, "position");
    bind_json_str(s, 22, signer, "authority");
    bind_str(s, 23, doc->prop_title);
    bind_str(s, 24, doc->prop_creator);
    bind_str(s, 25, doc->prop_created);
    bind_str(s, 26, doc->prop_modified);
    rc = step_done(idx, s, "cannot store the document", err);
  }
  sqlite3_int64 id = sqlite3_last_insert_rowid(idx->db);
  if (rc == VB_OK && (s = stmt(idx, ST_RECORD_INSERT, err, &rc))) {
    sqlite3_bind_int64(s, 1, id);
    bind_str(s, 2, prep->record_json);
    rc = step_done(idx, s, "cannot store the document", err);
  }
  for (size_t i = 0; rc == VB_OK && i < prep->nlines; i++) {
    sqlite3_int64 text_id;
    if ((rc = vb_shared_text_id(idx, VB_SHARED_LINES, prep->lines[i].text,
                                prep->lines[i].len, &text_id, err)) != VB_OK ||
        !(s = stmt(idx, ST_LINE_INSERT, err, &rc)))
      break;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)prep->lines[i].line);
    sqlite3_bind_int64(s, 3, text_id);
    rc = step_done(idx, s, "cannot store the document", err);
  }
  if (rc == VB_OK && (s = stmt(idx, ST_TEXT_INSERT, err, &rc))) {
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, doc->text, (int)doc->text_len, SQLITE_STATIC);
    if (doc->extra)
      sqlite3_bind_text(s, 3, doc->extra, (int)doc->extra_len, SQLITE_STATIC);
    rc = step_done(idx, s, "cannot store the text", err);
  }
  vb_pretok_use(&prep->toks); /* the workers' tokens, replayed */
  if (rc == VB_OK && (s = stmt(idx, ST_FTS_INSERT, err, &rc))) {
    sqlite3_bind_int64(s, 1, id);
    bind_json_str(s, 2, rec, "title");
    bind_json_str(s, 3, rec, "theme");
    sqlite3_bind_text(s, 4, doc->text, (int)doc->text_len, SQLITE_STATIC);
    if (doc->extra)
      sqlite3_bind_text(s, 5, doc->extra, (int)doc->extra_len, SQLITE_STATIC);
    rc = step_done(idx, s, "cannot update the full-text index", err);
  }
  if (rc == VB_OK && (s = stmt(idx, ST_TITLE_INSERT, err, &rc))) {
    sqlite3_bind_int64(s, 1, id);
    bind_json_str(s, 2, rec, "title");
    bind_json_str(s, 3, rec, "theme");
    rc = step_done(idx, s, "cannot update the full-text index", err);
  }
  vb_pretok_use(NULL);
  if (rc == VB_OK) rc = put_paragraphs(idx, id, doc, &prep->paras, err);
  vb_put_ctx pc = {id, rec, doc->source};
  if (rc == VB_OK) rc = put_list(idx, &pc, "references", ST_REF_INSERT, err);
  if (rc == VB_OK) rc = put_list(idx, &pc, "recipients", ST_RCPT_INSERT, err);
  if (rc == VB_OK) rc = put_list(idx, &pc, "units", ST_UNIT_INSERT, err);
  if (rc == VB_OK) rc = put_list(idx, &pc, "deadlines", ST_DEADLINE_INSERT, err);
  if (rc == VB_OK) rc = put_list(idx, &pc, "reports", ST_REPORT_INSERT, err);
  if (rc == VB_OK) rc = vb_works_assign(idx, id, doc, rec, prep->minhash,
                                           prep->shingles, err); /* works.h */
  vb_prepared_free(&own);
  if (rc != VB_OK) {
    vb_index_rollback(idx);
    *replaced = 0;
  }
  return rc;
}

vb_status vb_index_each_under(vb_index *idx, const char *dir,
                              int (*cb)(void *ctx, const char *source),
                              void *ctx, vb_error *err) {
  vb_status rc = VB_OK;
  char prefix[4096];
  size_t n = strlen(dir);
  while (n > 1 && dir[n - 1] == '/') n--;
  if (n + 2 > sizeof prefix)
    return vb_error_set(err, VB_EINVAL, "directory name too long");
  memcpy(prefix, dir, n);
  prefix[n] = '/';
  prefix[n + 1] = '\0';
  sqlite3_stmt *s = stmt(idx, ST_EACH_UNDER, err, &rc);
  if (!s) return rc;
  sqlite3_bind_text(s, 1, dir, (int)n, SQLITE_TRANSIENT);
  sqlite3_bind_text(s, 2, prefix, -1, SQLITE_TRANSIENT);
  /* Collect first: the callback may delete rows. */
  size_t cnt = 0, cap = 0;
  char **list = NULL;
  int r;
  while ((r = sqlite3_step(s)) == SQLITE_ROW) {
    if (vb_grow(&list, &cap, cnt + 1, sizeof *list) != VB_OK) {
      rc = vb_error_set(err, VB_ENOMEM, "out of memory");
      break;
    }
    list[cnt] = vb_strdup((const char *)sqlite3_column_text(s, 0));
    if (!list[cnt]) {
      rc = vb_error_set(err, VB_ENOMEM, "out of memory");
      break;
    }
    cnt++;
  }
  if (rc == VB_OK && r != SQLITE_DONE)
    rc = db_error(idx, r, "cannot read the index", err);
  sqlite3_reset(s);
  for (size_t i = 0; i < cnt; i++) {
    if (rc == VB_OK && cb(ctx, list[i])) rc = VB_EINTERRUPTED;
    vb_free(list[i]);
  }
  vb_free(list);
  return rc == VB_EINTERRUPTED ? VB_OK : rc;
}

/* What a bulk load drops: the secondary indexes of the list tables (see
** schema.sql, which defines them and so builds them again). */
static const char g_bulk_drop_sql[] =
    "DROP INDEX IF EXISTS paragraphs_fingerprint;"
    "DROP INDEX IF EXISTS refs_id;"
    "DROP INDEX IF EXISTS reports_to;"
    "DROP INDEX IF EXISTS deadlines_date;";

vb_status vb_index_bulk_begin(vb_index *idx, vb_error *err) {
  if (idx->in_batch)
    return vb_error_set(err, VB_EINVAL, "bulk load inside a batch");
  const char *const sqls[] = {g_bulk_drop_sql, NULL};
  return exec_locked(idx, sqls, "cannot prepare the bulk load", err);
}

vb_status vb_index_bulk_end(vb_index *idx, vb_error *err) {
  if (idx->in_batch)
    return vb_error_set(err, VB_EINVAL, "bulk load inside a batch");
  /* Every statement of the schema is IF NOT EXISTS: this builds what the
  ** bulk load dropped, and nothing else.  The sorts spill to temporary
  ** files, not memory (the connection keeps its temporary data in memory
  ** otherwise), so memory stays flat whatever the size of the index. */
  VB_TRY(exec(idx, "PRAGMA temp_store = FILE", "cannot build the indexes",
              err));
  const char *const sqls[] = {vb_schema_sql, NULL};
  vb_status rc = exec_locked(idx, sqls, "cannot build the indexes", err);
  if (rc == VB_OK) rc = vb_index_merge(idx, err);
  vb_status r2 = exec(idx, "PRAGMA temp_store = MEMORY",
                      "cannot build the indexes", err);
  return rc != VB_OK ? rc : r2;
}

/* Each full-text index merged into one segment: a large load leaves it in
** a dozen or more (FTS5 merges only some as it goes), and a query looks a
** word up in each of them; merged, searches take about a quarter less CPU.
** The merge reads and writes the whole full-text index (about 7 s of CPU
** at 100,000 documents), so callers run it after large runs only. */
vb_status vb_index_merge(vb_index *idx, vb_error *err) {
  if (idx->in_batch)
    return vb_error_set(err, VB_EINVAL, "merge inside a batch");
  const char *const merge[] = {
      "INSERT INTO docs_fts(docs_fts) VALUES('optimize');"
      "INSERT INTO titles_fts(titles_fts) VALUES('optimize')",
      NULL};
  return exec_locked(idx, merge, "cannot merge the full-text index", err);
}

vb_status vb_index_count(vb_index *idx, int64_t *n, vb_error *err) {
  vb_status rc = VB_OK;
  sqlite3_stmt *s = stmt(idx, ST_COUNT, err, &rc);
  if (!s) return rc;
  int r = sqlite3_step(s);
  *n = r == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
  sqlite3_reset(s);
  if (r != SQLITE_ROW) return db_error(idx, r, "cannot read the index", err);
  return VB_OK;
}
