/*
** ask_answer.c: answers to the questions of ask.h, read from the question
** tables (reports, deadlines, units, tasks, refs).
**
** Each intent is one SQL statement (deadlines of a date range: two, read
** in turn): the question's own conditions, as written for every
** combination of slots, plus conditions implied by them that an index can
** serve (a date range, the keys of a range, a year, provinces), added only
** when the slot is set, so that a question reads about the rows it answers
** with and not the whole table.  Answers are capped at
** ASK_MAX_ANSWERS; the statement carries the cap as its LIMIT so that
** SQLite keeps only that many rows while it sorts.
*/
#include "ask.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "works.h"
#include "graph.h"

#define ASK_MAX_ANSWERS 5000 /* rows returned by one question */

/* ---- Answers ---- */

/* SQL function vb_key(text): the folded lookup key of a name (letters and
** digits of the folded text), so that spellings and abbreviations of one
** body compare equal after canonicalisation. */
static void sql_key(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  const char *t = (const char *)sqlite3_value_text(argv[0]);
  if (!t) {
    sqlite3_result_null(ctx);
    return;
  }
  char key[1024];
  size_t n = vb_name_key(t, strlen(t), key, sizeof key);
  sqlite3_result_text(ctx, key, (int)n, SQLITE_TRANSIENT);
}

/* The lookup key of a unit as typed: canonicalised first (abbreviations and
** English names), then folded.  key must hold 1024 bytes. */
static vb_status unit_key(const char *unit, char *key, char *canon, size_t ncanon) {
  vb_buf b;
  vb_buf_init(&b, VB_CAP_SMALL);
  int known = 0;
  vb_status rc = vb_names_canon(unit, strlen(unit), NULL, &b, &known);
  const char *c = rc == VB_OK && b.data ? b.data : unit;
  snprintf(canon, ncanon, "%s", c);
  vb_name_key(c, strlen(c), key, 1024);
  vb_buf_free(&b);
  return rc == VB_ENOMEM ? rc : VB_OK;
}

/* Add the common document columns (first 7 of the row) to obj. */
#define DOC_COLS "d.source, d.doc_type, d.number, d.symbol, d.date, d.province, d.title"
static void put_doc_cols(json_t *o, sqlite3_stmt *s) {
  static const char *const names[] = {"source", "doc_type", "number", "symbol",
                                      "date", "province", "title"};
  for (int i = 0; i < 7; i++) {
    const char *v = (const char *)sqlite3_column_text(s, i);
    json_object_set_new(o, names[i], v ? json_string(v) : json_null());
  }
}

/* The file standing for a document (works.h): a row of another file of the
** same document is left out.  The list of those files is read once from
** the small index works_hidden (schema.sql), not per answer from works. */
#define ASK_SHOWN " AND d.id NOT IN (" VB_WORKS_HIDDEN ") "

/* Intent-specific SQL, in three parts: FROM (the table the plan starts
** from), WHERE (the question's conditions) and ORDER BY.  Parameters: ?1
** unit key, ?2 province, ?3 year, ?4 after, ?5 before, ?6 month (two
** digits), ?7 document key, ?8 the document number alone, ?9 from-unit key,
** ?10-?13 the date ranges of deadlines (ask_hints()).  Columns after the
** document's seven are copied into each answer under their names. */
typedef struct ask_sql {
  const char *select, *from, *where, *order;
  int kind; /* answer_order.kind listing these answers in order, or 0 */
} ask_sql;

/* Reporting duties, units and yearly duties in their answers' order, read
** from the table answer_order (schema.sql), which holds the columns of
** their rows that the answers show: the answers' first rows come first,
** one after another, and the statement stops at its LIMIT; only the
** document's row and the evidence line are read per answer. */
#define ORDERED_FROM "FROM answer_order o CROSS JOIN documents d ON d.id = o.doc_id "
#define ORDERED_BY "ORDER BY o.province, o.date, o.source, o.seq"
/* The question's range of keys, as a condition no index serves (unary +):
** the table is read by the conditions prepare_answer() adds, one key at a
** time, in order; given the range, SQLite read the whole range and sorted. */
#define ORDERED_RANGE "+o.key >= ?1 AND +o.key < ?1 || '~' "
/* The evidence line of an answer_order row, as the views give it. */
#define ORDERED_EVIDENCE \
  "(SELECT l.text FROM lines l WHERE l.doc_id = o.doc_id AND l.line = o.line) AS evidence "

/* The conditions of a deadline on its date, recurrence and units (columns
** of deadlines, or of answer_order for the yearly ones). */
#define DEADLINE_WHERE(date, recurs, who)                                         \
  "WHERE " date " IS NOT NULL "                                                   \
  "  AND (?1 IS NULL OR instr(vb_key(" who "), ?1) > 0) "                         \
  "  AND (?2 IS NULL OR d.province = ?2 OR d.province_2025 = ?2) "                \
  "  AND (?3 IS NULL OR ?6 IS NOT NULL OR d.year = ?3) "                          \
  "  AND (?4 IS NULL OR (" recurs " IS NULL AND " date " >= ?4) OR "             \
  "       (" recurs " = 'yearly' AND (?5 IS NULL OR "                             \
  "        substr(?5, 1, 4) > substr(?4, 1, 4) OR "                               \
  "        substr(" date ", 3) >= substr(?4, 6)))) "                              \
  "  AND (?5 IS NULL OR (" recurs " IS NULL AND " date " <= ?5) OR "             \
  "       (" recurs " = 'yearly' AND (?4 IS NULL OR "                             \
  "        substr(?5, 1, 4) > substr(?4, 1, 4) OR "                               \
  "        substr(" date ", 3) <= substr(?5, 6)))) "                              \
  "  AND (?6 IS NULL OR "                                                         \
  "       (" recurs " IS NULL AND substr(" date ", 6, 2) = ?6 AND "               \
  "        (?3 IS NULL OR substr(" date ", 1, 4) = printf('%04d', ?3))) OR "      \
  "       (" recurs " = 'yearly' AND substr(" date ", 3, 2) = ?6)) "              \
  /* a yearly duty lasts from the plan's year to its period's end */            \
  "  AND (" recurs " IS NULL OR ("                                                \
  "       (coalesce(?4, printf('%04d', ?3)) IS NULL OR d.period_to IS NULL OR "  \
  "        substr(d.period_to, 1, 4) >= substr(coalesce(?4, printf('%04d', ?3)), 1, 4)) AND " \
  "       (coalesce(?5, printf('%04d', ?3)) IS NULL OR d.year IS NULL OR "        \
  "        d.year <= CAST(substr(coalesce(?5, printf('%04d', ?3)), 1, 4) AS INTEGER)))) "
/* The yearly duties' part of a deadlines question (deadline_part()),
** read from answer_order alone: the same columns and conditions. */
#define YEARLY_SELECT                                                     \
  "SELECT " DOC_COLS ", o.key AS deadline, 'yearly' AS recurs, o.what, o.who, " \
  "o.to_body AS \"to\", o.line, " ORDERED_EVIDENCE
#define YEARLY_WHERE DEADLINE_WHERE("o.key", "'yearly'", "o.who")

static int sql_for(vb_intent intent, ask_sql *o) {
  o->kind = 0;
  switch (intent) {
    case VB_ASK_REPORTS_TO:
      o->select = "SELECT " DOC_COLS ", o.name AS \"from\", o.canonical AS from_canonical, "
                  "o.to_body AS \"to\", o.via, o.by_date AS \"by\", o.line, " ORDERED_EVIDENCE;
      o->from = ORDERED_FROM;
      o->where = "WHERE " ORDERED_RANGE
                 "  AND (?2 IS NULL OR d.province = ?2 OR d.province_2025 = ?2) "
                 "  AND (?3 IS NULL OR d.year = ?3) "
                 "  AND (?9 IS NULL OR instr(vb_key(o.name), ?9) > 0 OR "
                 "       instr(vb_key(coalesce(o.canonical, '')), ?9) > 0) ";
      o->order = ORDERED_BY; /* d.province, d.date, d.source, x.seq */
      o->kind = 1;
      return 1;
    case VB_ASK_DEADLINES:
      o->select = "SELECT " DOC_COLS ", x.date AS deadline, x.recurs, x.what, x.who, "
                  "x.to_body AS \"to\", x.line, x.evidence ";
      o->from = "FROM deadlines x JOIN documents d ON d.id = x.doc_id ";
      o->where = DEADLINE_WHERE("x.date", "x.recurs", "x.who");
      o->order = "ORDER BY CASE WHEN x.recurs IS NULL THEN x.date ELSE '9' || x.date END, "
                 "d.source, x.seq";
      return 1;
    case VB_ASK_PLANS_ASSIGNING:
      o->select = "SELECT " DOC_COLS ", o.name AS unit, o.canonical, o.tasks, o.line, "
                  ORDERED_EVIDENCE;
      o->from = ORDERED_FROM;
      o->where = "WHERE " ORDERED_RANGE
                 "  AND (?2 IS NULL OR d.province = ?2 OR d.province_2025 = ?2) "
                 "  AND (?3 IS NULL OR d.year = ?3) ";
      o->order = ORDERED_BY; /* d.province, d.date, d.source, x.seq */
      o->kind = 2;
      return 1;
    case VB_ASK_PLANS_CITING:
      o->select = "SELECT " DOC_COLS ", x.type AS ref_type, x.ref_id, x.date AS ref_date, "
                  "x.issuer AS ref_issuer, x.relation, x.line, x.evidence ";
      o->from = "FROM refs x JOIN documents d ON d.id = x.doc_id ";
      o->where = "WHERE (instr(vb_key(x.ref_id), ?7) = 1 AND "
                 "       (length(?7) > length(?8) OR "
                 "        substr(vb_key(x.ref_id), length(?8) + 1, 1) NOT GLOB '[0-9]')) "
                 "  AND (?2 IS NULL OR d.province = ?2 OR d.province_2025 = ?2) "
                 "  AND (?3 IS NULL OR d.year = ?3) ";
      o->order = "ORDER BY d.province, d.date, d.source, x.seq";
      return 1;
    case VB_ASK_TASKS_OF:
      o->select = "SELECT " DOC_COLS ", x.name AS unit, x.canonical, t.text AS task, "
                  "coalesce(t.line, x.line) AS line, "
                  "d.id AS body ";
      /* The units of the key's range from answer_order's index (no read
      ** of units for a unit of another plan), their plan's row checked
      ** first. */
      o->from = "FROM answer_order o CROSS JOIN documents d ON d.id = o.doc_id "
                "CROSS JOIN units x ON x.doc_id = o.doc_id AND x.seq = o.seq "
                "LEFT JOIN tasks t ON t.doc_id = x.doc_id AND t.unit_seq = x.seq ";
      o->where = "WHERE o.kind = 2 AND o.key >= ?1 AND o.key < ?1 || '~' "
                 "  AND x.key >= ?1 AND x.key < ?1 || '~' "
                 "  AND ?7 <> '' "
                 "  AND (vb_key(coalesce(d.number, '') || '/' || coalesce(d.symbol, '')) = ?7 "
                 "       OR vb_key(coalesce(d.number, '')) = ?7 "
                 "       OR (d.number IS NULL AND vb_key(d.symbol) = ?7) "
                 "       OR instr(vb_key(d.source), ?7) > 0) ";
      o->order = "ORDER BY d.source, x.seq, t.seq";
      return 1;
    case VB_ASK_PROVINCES_IMPLEMENTING: /* answered by graph.h */
      return 0;
  }
  return 0;
}

/* The date ranges a deadline answering q must fall in, as bounds for the
** index deadlines_date: dated duties in [r[0], r[1]], yearly ones
** ("--MM-DD", the only form ingest writes for them) in [r[2], r[3]].  Each
** range is implied by the conditions of the question, so adding it leaves
** the answers as they are.  Returns 0 when the question gives no range a
** dated duty must fall in (a month without a year, no dates). */
/* 1 when s has more than five bytes and the first five are ASCII (SQL's
** substr(s, 6) is then s + 5). */
static int ascii5(const char *s) {
  for (int i = 0; i < 5; i++)
    if (!s[i] || (unsigned char)s[i] >= 0x80) return 0;
  return s[5] != 0;
}

static int deadline_ranges(const vb_question *q, char r[4][16]) {
  if (q->month >= 1 && q->month <= 12) {
    if (!q->year) return 0;
    snprintf(r[0], 16, "%04d-%02d", q->year, q->month);
    snprintf(r[1], 16, "%04d-%02d~", q->year, q->month);
    snprintf(r[2], 16, "--%02d", q->month);
    snprintf(r[3], 16, "--%02d~", q->month);
    return 1;
  }
  if (!q->after && !q->before) return 0;
  snprintf(r[0], 16, "%.15s", q->after ? q->after : "");
  snprintf(r[1], 16, "%.15s", q->before ? q->before : "\xF4\x90"); /* past any text */
  snprintf(r[2], 16, "--");
  snprintf(r[3], 16, "--~");
  if (q->after && q->before && ascii5(q->after) && ascii5(q->before) &&
      strncmp(q->after, q->before, 4) == 0) { /* one year: those days */
    snprintf(r[2], 16, "--%.13s", q->after + 5);
    snprintf(r[3], 16, "--%.13s", q->before + 5);
  }
  return 1;
}

/* The keys of answer_order of this kind in [key, key~), at most
** ASK_MAX_KEYS, each found by one seek of the table; a new list (free
** with free_keys()).  Returns the number found, ASK_MAX_KEYS + 1 when there
** are more, -1 when out of memory.  The seek after a key starts past its
** rows: at the key and a byte 1, which sorts before every key extending it
** (keys are letters, digits and '-'), not at the key and skipping its rows. */
#define ASK_MAX_KEYS 100
static int range_keys(sqlite3 *db, int kind, const char *key, char ***out) {
  sqlite3_stmt *s = NULL;
  *out = NULL;
  if (sqlite3_prepare_v2(db,
                         "SELECT key FROM answer_order WHERE kind = ?1 AND "
                         "key >= ?2 || iif(?4 IS NULL, '', char(1)) AND "
                         "key < ?3 || '~' AND key IS NOT ?4 "
                         "ORDER BY key LIMIT 1",
                         -1, &s, NULL) != SQLITE_OK)
    return 0;
  char **keys = vb_calloc(ASK_MAX_KEYS + 1, sizeof *keys);
  int n = 0;
  /* The first key at or after key, then the first after each found. */
  char *prev = NULL;
  int nomem = !keys;
  while (!nomem && n <= ASK_MAX_KEYS) {
    sqlite3_bind_int(s, 1, kind);
    sqlite3_bind_text(s, 2, prev ? prev : key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, prev, -1, SQLITE_STATIC); /* NULL: none yet */
    const char *k = sqlite3_step(s) == SQLITE_ROW
                        ? (const char *)sqlite3_column_text(s, 0) : NULL;
    char *copy = k ? vb_strdup(k) : NULL;
    nomem = k && !copy;
    sqlite3_reset(s);
    if (!copy) break;
    vb_free(prev);
    prev = copy;
    if (n < ASK_MAX_KEYS) {
      keys[n] = vb_strdup(copy);
      nomem = !keys[n];
    }
    n++;
  }
  vb_free(prev);
  sqlite3_finalize(s);
  *out = keys;
  return nomem ? -1 : n;
}

static void free_keys(char **keys) {
  for (size_t i = 0; keys && i < ASK_MAX_KEYS; i++) vb_free(keys[i]);
  vb_free(keys);
}

/* The first and last province of a key's rows in answer_order (the index's
** order: 0, for no province, before any name). */
typedef struct key_span {
  char *key;     /* borrowed from the key list */
  char lo[128], hi[128];
  int lo_text, hi_text; /* 0: the province is 0 (or too long to compare) */
} key_span;

/* Order of two provinces as SQLite orders them: 0 first, then names. */
static int prov_cmp(int at, const char *a, int bt, const char *b) {
  if (at != bt) return at - bt;
  return at ? strcmp(a, b) : 0;
}

static int span_cmp(const void *x, const void *y) {
  const key_span *a = x, *b = y;
  int c = prov_cmp(a->lo_text, a->lo, b->lo_text, b->lo);
  return c ? c : strcmp(a->key, b->key);
}

/* Group the n keys of a question into runs read one after another: the
** keys sorted by their first province, each group the keys whose spans of
** provinces overlap (their rows interleave, and are merged), groups apart
** in province order (the answers of one come before those of the next).
** Reading one group at a time keeps the statement small (SQLite merges
** every branch of a compound through a tree of co-routines, and opens a
** cursor per table of each branch, which every later cursor open walks).
** keys is reordered; start[g] is the first key of group g; returns the
** number of groups, 0 when the spans cannot be read (then one merge of all
** keys serves), -1 when out of memory. */
static int key_runs(sqlite3 *db, int kind, char **keys, int n, int *start) {
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(db,
                         "SELECT (SELECT province FROM answer_order WHERE kind = ?1 "
                         "AND key = ?2 ORDER BY province LIMIT 1), "
                         "(SELECT province FROM answer_order WHERE kind = ?1 "
                         "AND key = ?2 ORDER BY province DESC LIMIT 1)",
                         -1, &s, NULL) != SQLITE_OK)
    return 0;
  key_span *sp = vb_calloc((size_t)n, sizeof *sp);
  if (!sp) {
    sqlite3_finalize(s);
    return -1;
  }
  int ok = 1;
  for (int i = 0; i < n && ok; i++) {
    sp[i].key = keys[i];
    sqlite3_bind_int(s, 1, kind);
    sqlite3_bind_text(s, 2, keys[i], -1, SQLITE_STATIC);
    ok = sqlite3_step(s) == SQLITE_ROW;
    for (int c = 0; c < 2 && ok; c++) {
      char *dst = c ? sp[i].hi : sp[i].lo;
      int *text = c ? &sp[i].hi_text : &sp[i].lo_text;
      const char *v = (const char *)sqlite3_column_text(s, c);
      if (sqlite3_column_type(s, c) == SQLITE_TEXT && v && strlen(v) < sizeof sp[i].lo) {
        snprintf(dst, sizeof sp[i].lo, "%s", v);
        *text = 1;
      } else if (sqlite3_column_type(s, c) == SQLITE_TEXT) {
        ok = 0; /* a name too long to keep: merge all */
      } /* else 0: sorts first */
    }
    sqlite3_reset(s);
  }
  sqlite3_finalize(s);
  int groups = 0;
  if (ok) {
    qsort(sp, (size_t)n, sizeof *sp, span_cmp);
    const key_span *top = NULL; /* the highest end of the group so far */
    for (int i = 0; i < n; i++) {
      keys[i] = sp[i].key;
      if (!top || prov_cmp(sp[i].lo_text, sp[i].lo, top->hi_text, top->hi) > 0) {
        start[groups++] = i;
        top = &sp[i];
      } else if (prov_cmp(sp[i].hi_text, sp[i].hi, top->hi_text, top->hi) > 0) {
        top = &sp[i];
      }
    }
    start[groups] = n;
  }
  vb_free(sp);
  return groups;
}

/* Deadlines of a date range are read in three parts, in the order of the
** answers, each only when those before left room under the cap: the dated
** duties (part 0: their order is the index's, day by day), the yearly ones
** (part 1: in order from answer_order, kind 3, whose index lists them by
** date, file and place in the plan, so that the cap stops the reading),
** then any other (part 2: dates from "9", which ingest does not write; a
** yearly duty's key, '9' || "--MM-DD", sorts before them).  The
** conditions of each part, with the ranges of deadline_ranges() (?10-?13);
** part 1 repeats the plan's year conditions on answer_order's copy of it
** (its index holds it), so that a plan outside them costs no row read. */
#define ASK_DEADLINE_PARTS 3
static const char *deadline_part(int part) {
  if (part == 0)
    return "AND x.recurs IS NULL AND x.date < '9' "
           "AND x.date >= ?10 AND x.date <= ?11 ";
  if (part == 1)
    return "AND o.kind = 3 "
           "AND o.key >= ?12 AND o.key <= ?13 "
           "AND (?3 IS NULL OR ?6 IS NOT NULL OR o.year = ?3) "
           "AND (coalesce(?5, printf('%04d', ?3)) IS NULL OR o.year IS NULL OR "
           "     o.year <= CAST(substr(coalesce(?5, printf('%04d', ?3)), 1, 4) AS INTEGER)) ";
  return "AND NOT (x.recurs IS NULL AND x.date < '9') "
         "AND NOT (x.recurs = 'yearly' AND x.date >= ?12 AND x.date <= ?13) "
         "AND x.date >= '9' ";
}

/* The statement answering q, prepared (the unit's lookup key is ?1).
** To ask_sql's conditions it adds those implied by the question that an
** index serves: the date ranges of a deadline, and for answers listed by
** answer_order the year and the provinces.  Those are read key by key
** (the range [key, key~) holds a few keys: a body with each locality):
** the nkeys keys (a group of key_runs(), or all of range_keys()) each read
** in order from the index, merged (UNION ALL ... ORDER BY: SQLite merges
** the ordered parts and stops at the LIMIT); the columns _p, _d, _s, _q
** carry the order and are not answers.  nkeys 0: the whole range, sorted.
** part is -1 for the whole question, else the part of deadline_part();
** limit the answers still wanted.  Returns
** VB_OK or VB_EDB/VB_ENOMEM/VB_EINVAL with err set. */
static vb_status prepare_answer(sqlite3 *db, const vb_question *q,
                                int part, int limit, char *const *keys,
                                int nkeys, sqlite3_stmt **out, vb_error *err) {
  ask_sql a;
  if (!sql_for(q->intent, &a))
    return vb_error_set(err, VB_EINVAL, "unknown question intent");
  char r[4][16];
  int ranged = q->intent == VB_ASK_DEADLINES && deadline_ranges(q, r);
  int merged = a.kind && nkeys >= 1;
  vb_buf b;
  vb_buf_init(&b, 1 << 22);
  vb_status rc = VB_OK;
  for (int i = 0; rc == VB_OK && i < (merged ? nkeys : 1); i++) {
    int yearly = ranged && part == 1; /* from answer_order alone */
    rc = vb_buf_printf(&b, "%s%s%s%s%s", i ? " UNION ALL " : "",
                       yearly ? YEARLY_SELECT : a.select,
                       merged ? ", o.province AS _p, o.date AS _d, "
                                "o.source AS _s, o.seq AS _q "
                              : "",
                       yearly ? ORDERED_FROM : a.from, yearly ? YEARLY_WHERE : a.where);
    if (rc == VB_OK && ranged && part >= 0)
      rc = vb_buf_puts(&b, deadline_part(part));
    /* Yearly duties of a province: the plans of the province, read once
    ** from their indexes, leave out the others' duties before their rows
    ** are read. */
    if (rc == VB_OK && ranged && part == 1 && q->province)
      rc = vb_buf_puts(&b, "AND o.doc_id IN (SELECT id FROM documents WHERE province = ?2 "
                           "UNION ALL SELECT id FROM documents WHERE province_2025 = ?2) ");
    if (rc == VB_OK && a.kind && merged)
      rc = vb_buf_printf(&b, "AND o.kind = %d AND o.key = ?%d ", a.kind, 20 + i);
    else if (rc == VB_OK && a.kind)
      rc = vb_buf_printf(&b, "AND o.kind = %d AND o.key >= ?1 AND o.key < ?1 || '~' ",
                         a.kind);
    if (rc == VB_OK && a.kind && q->province) /* its own and those merged into it */
      rc = vb_buf_puts(&b, "AND o.province IN (SELECT province FROM documents "
                           "WHERE province_2025 = ?2 UNION SELECT ?2) ");
    if (rc == VB_OK && a.kind && q->year) rc = vb_buf_puts(&b, "AND o.year = ?3 ");
    if (rc == VB_OK) rc = vb_buf_puts(&b, ASK_SHOWN);
  }
  if (rc == VB_OK)
    rc = vb_buf_printf(&b, "%s LIMIT %d",
                       merged ? "ORDER BY _p, _d, _s, _q"
                       : ranged && part == 0
                           ? "ORDER BY x.date, d.source, x.seq" /* x.recurs IS NULL */
                       : ranged && part == 1
                           ? "ORDER BY o.key, o.province, o.date, o.source, o.seq"
                           : a.order,
                       limit);
  if (rc != VB_OK) {
    vb_buf_free(&b);
    return vb_error_set(err, rc, "out of memory");
  }
  int e = sqlite3_prepare_v2(db, b.data, (int)b.len, out, NULL);
  vb_buf_free(&b);
  if (e != SQLITE_OK)
    return vb_error_set(err, VB_EDB,
                        "the index has no extraction tables (re-ingest)");
  for (int i = 0; ranged && i < 4; i++)
    sqlite3_bind_text(*out, 10 + i, r[i], -1, SQLITE_TRANSIENT);
  for (int i = 0; merged && i < nkeys; i++)
    sqlite3_bind_text(*out, 20 + i, keys[i], -1, SQLITE_TRANSIENT);
  return VB_OK;
}

static const char *intent_name(vb_intent i) {
  switch (i) {
    case VB_ASK_REPORTS_TO: return "reports_to";
    case VB_ASK_DEADLINES: return "deadlines";
    case VB_ASK_PLANS_ASSIGNING: return "plans_assigning";
    case VB_ASK_PLANS_CITING: return "plans_citing";
    case VB_ASK_TASKS_OF: return "tasks_of";
    case VB_ASK_PROVINCES_IMPLEMENTING: return "provinces_implementing";
  }
  return "?";
}

/* Evidence lines are read from the body with incremental blob I/O, going
** forward from the last line read in the same document (answers come in
** line order), so a document of megabytes is read once at most, and only
** to its last answer; a line is kept to its first EVIDENCE_MAX_BYTES. */
#define EVIDENCE_MAX_BYTES 16384
typedef struct line_cursor {
  sqlite3_blob *blob;
  int64_t doc;   /* open on this document (0: none) */
  int64_t line;  /* the line starting at pos */
  int64_t pos, size;
  char buf[EVIDENCE_MAX_BYTES];
  char out[EVIDENCE_MAX_BYTES + 1]; /* the line handed over, NUL-ended */
} line_cursor;

/* The physical line `line` (1-based) of document doc's body, trimmed, into
** *f (borrowed from c until the next call): text, or null when there is no
** such line. */
static void body_line(sqlite3 *db, line_cursor *c, int64_t doc, int64_t line,
                      vb_ask_field *f) {
  f->type = VB_ASK_NULL;
  f->text = NULL;
  f->len = 0;
  if (line < 1) line = 1;
  if (c->doc != doc) {
    int r = c->blob ? sqlite3_blob_reopen(c->blob, doc)
                    : sqlite3_blob_open(db, "main", "texts", "body", doc, 0,
                                        &c->blob);
    if (r != SQLITE_OK) { /* no text stored: an empty one */
      sqlite3_blob_close(c->blob);
      c->blob = NULL;
      c->doc = 0;
      if (line == 1) {
        f->type = VB_ASK_TEXT;
        f->text = "";
      }
      return;
    }
    c->doc = doc;
    c->line = 1;
    c->pos = 0;
    c->size = sqlite3_blob_bytes(c->blob);
  }
  if (line < c->line) {
    c->line = 1;
    c->pos = 0;
  }
  while (c->line < line && c->pos < c->size) {
    int n = (int)(c->size - c->pos < (int64_t)sizeof c->buf ? c->size - c->pos
                                                             : (int64_t)sizeof c->buf);
    if (sqlite3_blob_read(c->blob, c->buf, n, (int)c->pos) != SQLITE_OK)
      return;
    const char *p = c->buf, *e = c->buf + n, *nl;
    while (c->line < line && (nl = memchr(p, '\n', (size_t)(e - p)))) {
      p = nl + 1;
      c->line++;
    }
    c->pos += c->line < line ? n : (int64_t)(p - c->buf);
  }
  if (c->line != line || c->pos > c->size) return;
  int n = (int)(c->size - c->pos < (int64_t)sizeof c->buf ? c->size - c->pos
                                                           : (int64_t)sizeof c->buf);
  if (sqlite3_blob_read(c->blob, c->buf, n, (int)c->pos) != SQLITE_OK)
    return;
  const char *p = c->buf, *e = memchr(p, '\n', (size_t)n);
  size_t len = e ? (size_t)(e - p) : (size_t)n;
  if (!e && n == (int)sizeof c->buf) /* cut: not inside a character */
    while (len && ((unsigned char)p[len] & 0xC0) == 0x80) len--;
  while (len && (*p == ' ' || *p == '\t')) p++, len--;
  while (len && (p[len - 1] == ' ' || p[len - 1] == '\t')) len--;
  memcpy(c->out, p, len);
  c->out[len] = '\0';
  f->type = VB_ASK_TEXT;
  f->text = c->out;
  f->len = len;
}

/* Which provinces have a plan implementing q->doc: the rows of
** vb_graph_compare(), each with the document's columns, and the provinces
** without one. */
static vb_status answer_implementing(vb_index *idx, const vb_question *q,
                                     json_t **answer, vb_error *err) {
  json_t *cmp = NULL;
  VB_TRY(vb_graph_compare(idx, q->doc, &cmp, err));
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(vb_index_db(idx),
                         "SELECT " DOC_COLS " FROM documents d WHERE d.source = ?1",
                         -1, &s, NULL) != SQLITE_OK) {
    json_decref(cmp);
    return vb_error_set(err, VB_EDB, "cannot read the index");
  }
  json_t *answers = json_array(), *p;
  size_t i;
  json_array_foreach(json_object_get(cmp, "plans"), i, p) {
    json_t *o = json_object();
    sqlite3_bind_text(s, 1, json_string_value(json_object_get(p, "source")), -1,
                      SQLITE_TRANSIENT);
    if (sqlite3_step(s) == SQLITE_ROW) put_doc_cols(o, s);
    sqlite3_reset(s);
    json_object_set(o, "province_2025", json_object_get(p, "province_2025"));
    json_object_set(o, "lag_days", json_object_get(p, "lag_days"));
    json_object_set(o, "via", json_object_get(p, "via"));
    json_array_append_new(answers, o);
  }
  sqlite3_finalize(s);
  json_t *res = json_pack(
      "{s:s, s:{s:s}, s:O, s:I, s:o, s:O, s:O}", "intent",
      "provinces_implementing", "filters", "document", q->doc, "target",
      json_object_get(cmp, "target"), "count",
      (json_int_t)json_array_size(answers), "answers", answers, "without",
      json_object_get(cmp, "without"), "without_2025",
      json_object_get(cmp, "without_2025"));
  json_decref(cmp);
  if (!res) return vb_error_set(err, VB_ENOMEM, "out of memory");
  *answer = res;
  return VB_OK;
}

/* The value of column i as a field: the document's columns (i < 7) as
** text, the others by their type. */
static void col_field(sqlite3_stmt *s, int i, vb_ask_field *f) {
  int t = sqlite3_column_type(s, i);
  f->num = 0;
  f->text = NULL;
  f->len = 0;
  if (t == SQLITE_NULL) {
    f->type = VB_ASK_NULL;
  } else if (t == SQLITE_INTEGER && i >= 7) {
    f->type = VB_ASK_INT;
    f->num = sqlite3_column_int64(s, i);
  } else {
    f->type = VB_ASK_TEXT;
    f->text = (const char *)sqlite3_column_text(s, i);
    if (!f->text) { /* out of memory converting it */
      f->type = VB_ASK_NULL;
      return;
    }
    f->len = strlen(f->text);
  }
}

#define ASK_MAX_FIELDS 32 /* columns of one answer (sql_for) */
/* The key of a line of the body read for an answer (column "body"). */
static const char g_body_line[] = "evidence";

vb_status vb_ask_each(vb_index *idx, const vb_question *q, vb_ask_row_fn fn,
                      void *ctx, json_t **head, vb_error *err) {
  *head = NULL;
  if (q->intent == VB_ASK_PROVINCES_IMPLEMENTING)
    return vb_error_set(err, VB_EINVAL, "this question is answered whole");
  sqlite3 *db = vb_index_db(idx);
  if (sqlite3_create_function(db, "vb_key", 1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                              sql_key, NULL, NULL) != SQLITE_OK)
    return vb_error_set(err, VB_EDB, "cannot prepare the question");
  sqlite3_stmt *s = NULL;
  char ukey[1024] = "", canon[512] = "", fkey[1024] = "", fcanon[512] = "";
  vb_status rc = VB_OK;
  if (q->unit) rc = unit_key(q->unit, ukey, canon, sizeof canon);
  if (rc == VB_OK && q->from_unit) rc = unit_key(q->from_unit, fkey, fcanon, sizeof fcanon);
  if (rc != VB_OK) return vb_error_set(err, rc, "out of memory");
  char mm[4] = "", dkey[1024] = "", dnum[64] = "";
  if (q->month >= 1 && q->month <= 12) snprintf(mm, sizeof mm, "%02d", q->month);
  if (q->doc) {
    vb_name_key(q->doc, strlen(q->doc), dkey, sizeof dkey);
    size_t k = 0;
    while (q->doc[k] && !isdigit((unsigned char)q->doc[k])) k++;
    size_t e = k;
    while (isdigit((unsigned char)q->doc[e])) e++;
    snprintf(dnum, sizeof dnum, "%.*s", (int)(e - k), q->doc + k);
    /* "Quyết định 1790/QĐ-TTg": the key starts at the number. */
    char *digit = dkey;
    while (*digit && !isdigit((unsigned char)*digit)) digit++;
    if (*digit) memmove(dkey, digit, strlen(digit) + 1);
  }

  json_t *res = json_object(), *filters = json_object();
  json_object_set_new(res, "intent", json_string(intent_name(q->intent)));
  if (q->unit) json_object_set_new(res, "unit", json_string(canon));
  if (q->from_unit) json_object_set_new(filters, "from", json_string(fcanon));
  if (q->province) json_object_set_new(filters, "province", json_string(q->province));
  if (q->year) json_object_set_new(filters, "year", json_integer(q->year));
  if (q->after) json_object_set_new(filters, "after", json_string(q->after));
  if (q->before) json_object_set_new(filters, "before", json_string(q->before));
  if (q->month) json_object_set_new(filters, "month", json_integer(q->month));
  if (q->doc) json_object_set_new(filters, "document", json_string(q->doc));
  json_object_set_new(res, "filters", filters);
  int r = SQLITE_DONE, count = 0;
  line_cursor *lc = vb_calloc(1, sizeof *lc);
  if (!lc) rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  char dr[4][16];
  int parts = q->intent == VB_ASK_DEADLINES && deadline_ranges(q, dr);
  /* The keys of the unit's range, in groups read one after another. */
  char **keys = NULL;
  int nkeys = 0, ngroups = 0, start[ASK_MAX_KEYS + 1];
  ask_sql a;
  if (rc == VB_OK && sql_for(q->intent, &a) && a.kind) {
    nkeys = range_keys(db, a.kind, ukey, &keys);
    if (nkeys > ASK_MAX_KEYS) nkeys = 0; /* too many: the range sorted */
    if (nkeys > 1) ngroups = key_runs(db, a.kind, keys, nkeys, start);
    if (nkeys < 0 || ngroups < 0) rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  if (ngroups == 0) { /* one statement for all keys */
    start[0] = 0;
    start[1] = nkeys > 0 ? nkeys : 0;
    ngroups = 1;
  }
  int nruns = parts ? ASK_DEADLINE_PARTS : ngroups;
  for (int run = 0; run < nruns && rc == VB_OK && r == SQLITE_DONE &&
                    count < ASK_MAX_ANSWERS;
       run++) {
    int g = parts ? 0 : run;
    rc = prepare_answer(db, q, parts ? run : -1, ASK_MAX_ANSWERS - count,
                        keys ? keys + start[g] : NULL, start[g + 1] - start[g],
                        &s, err);
    if (rc != VB_OK) break;
    if (q->unit && ukey[0]) sqlite3_bind_text(s, 1, ukey, -1, SQLITE_STATIC);
    else if (q->intent != VB_ASK_DEADLINES) sqlite3_bind_text(s, 1, "", -1, SQLITE_STATIC);
    if (q->province) sqlite3_bind_text(s, 2, q->province, -1, SQLITE_STATIC);
    if (q->year) sqlite3_bind_int(s, 3, q->year);
    if (q->after) sqlite3_bind_text(s, 4, q->after, -1, SQLITE_STATIC);
    if (q->before) sqlite3_bind_text(s, 5, q->before, -1, SQLITE_STATIC);
    if (mm[0]) sqlite3_bind_text(s, 6, mm, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, dkey, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 8, dnum, -1, SQLITE_STATIC);
    if (q->from_unit && fkey[0]) sqlite3_bind_text(s, 9, fkey, -1, SQLITE_STATIC);
    /* The answer's keys: the columns' names, the order columns of a merge
    ** (named _x, prepare_answer) left out, "body" read as "evidence". */
    int ncol = sqlite3_column_count(s), col[ASK_MAX_FIELDS], nf = 0;
    vb_ask_field f[ASK_MAX_FIELDS];
    for (int i = 0; i < ncol && nf < ASK_MAX_FIELDS; i++) {
      const char *name = sqlite3_column_name(s, i);
      if (!name) {
        rc = vb_error_set(err, VB_ENOMEM, "out of memory");
        break;
      }
      if (name[0] == '_') continue;
      col[nf] = i;
      f[nf++].name = strcmp(name, "body") == 0 ? g_body_line : name;
    }
    while (rc == VB_OK && (r = sqlite3_step(s)) == SQLITE_ROW && count < ASK_MAX_ANSWERS) {
      int64_t line = 0;
      for (int k = 0; k < nf; k++) {
        int i = col[k];
        if (f[k].name == g_body_line) {
          body_line(db, lc, sqlite3_column_int64(s, i), line, &f[k]);
          continue;
        }
        col_field(s, i, &f[k]);
        if (i >= 7 && f[k].type == VB_ASK_INT && strcmp(f[k].name, "line") == 0)
          line = f[k].num;
        if (f[k].type == VB_ASK_TEXT && i >= 7 && strcmp(f[k].name, "who") == 0)
          f[k].type = VB_ASK_LIST;
      }
      if (fn(ctx, f, nf)) rc = vb_error_set(err, VB_ENOMEM, "out of memory");
      else count++;
    }
    sqlite3_finalize(s);
    s = NULL;
  }
  if (lc) sqlite3_blob_close(lc->blob);
  vb_free(lc);
  free_keys(keys);
  if (rc == VB_OK && (r & 0xff) == SQLITE_INTERRUPT)
    rc = vb_error_set(err, VB_ETIMEOUT, "the question ran past its time budget");
  else if (rc == VB_OK && r != SQLITE_ROW && r != SQLITE_DONE)
    rc = vb_error_set(err, VB_EDB, "cannot read the index: %s", sqlite3_errstr(r));
  json_object_set_new(res, "count", json_integer(count));
  if (rc != VB_OK && rc != VB_ETIMEOUT) {
    json_decref(res);
    return rc;
  }
  *head = res;
  return rc;
}

/* vb_ask_each() callback of vb_ask_run(): the answer as a JSON object
** appended to the array ctx. */
static int add_answer(void *ctx, const vb_ask_field *f, int n) {
  json_t *o = json_object();
  if (!o) return 1;
  for (int k = 0; k < n; k++) {
    json_t *v = NULL;
    switch (f[k].type) {
      case VB_ASK_NULL: v = json_null(); break;
      case VB_ASK_INT: v = json_integer(f[k].num); break;
      case VB_ASK_LIST:
        v = json_loads(f[k].text, 0, NULL);
        if (!v) v = json_null();
        break;
      case VB_ASK_TEXT:
        /* Not UTF-8: the key is left out, but a body line is null. */
        v = json_stringn(f[k].text, f[k].len);
        if (!v && f[k].name == g_body_line) v = json_null();
        break;
    }
    json_object_set_new(o, f[k].name, v);
  }
  return json_array_append_new(ctx, o) != 0;
}

vb_status vb_ask_run(vb_index *idx, const vb_question *q, json_t **answer,
                     vb_error *err) {
  *answer = NULL;
  if (q->intent == VB_ASK_PROVINCES_IMPLEMENTING)
    return answer_implementing(idx, q, answer, err);
  json_t *answers = json_array(), *res = NULL;
  if (!answers) return vb_error_set(err, VB_ENOMEM, "out of memory");
  vb_status rc = vb_ask_each(idx, q, add_answer, answers, &res, err);
  if (!res) {
    json_decref(answers);
    return rc;
  }
  json_object_set_new(res, "answers", answers);
  *answer = res;
  return rc;
}
