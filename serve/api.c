/*
** api.c: the JSON API under /api/ (search, similar, ask, reports,
** deadlines, document, facets), whose parameters are the command line's
** option names and whose answers are the CLI's `--format json`, each
** document also given by its id; and the CSV / JSONL exports of every
** result list.
*/
#include <stdlib.h>
#include <string.h>

#include "ask.h"
#include "internal.h"

#define SV_CT_JSON "application/json; charset=utf-8"
#define SV_CT_CSV "text/csv; charset=utf-8"
#define SV_CT_JSONL "application/x-ndjson; charset=utf-8"

json_t *sv_hit_json(sv_req *r, const vb_hit *h) {
  (void)r;
  json_t *o = vb_hit_json(h);
  json_object_set_new(o, "id", json_integer(h->doc_id)); /* paragraph fields: vb_hit_json */
  return o;
}

/* One CSV field (RFC 4180): a string, a number, or JSON text of a list. */
static void csv_field(sv_req *r, json_t *v, int first) {
  if (!first) sv_raw(r, ",");
  char num[64], *owned = NULL;
  const char *s = NULL;
  if (json_is_string(v)) {
    s = json_string_value(v);
  } else if (json_is_integer(v)) {
    snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
    s = num;
  } else if (json_is_real(v)) {
    snprintf(num, sizeof num, "%.4f", json_real_value(v));
    s = num;
  } else if (json_is_array(v) || json_is_object(v)) {
    s = owned = json_dumps(v, JSON_COMPACT);
  }
  if (!s) return;
  if (!strpbrk(s, ",\"\r\n")) {
    sv_raw(r, s);
  } else {
    sv_raw(r, "\"");
    for (const char *p = s; *p; p++) {
      char c[2] = {*p, 0};
      sv_raw(r, *p == '"' ? "\"\"" : c);
    }
    sv_raw(r, "\"");
  }
  free(owned);
}

/* Rows (JSON objects) as CSV with the given columns, or as JSONL. */
static void write_rows(sv_req *r, json_t *rows, const char *const *cols, const char *name) {
  const char *format = sv_arg(r, "format");
  int csv = strcmp(format, "csv") == 0;
  r->ctype = csv ? SV_CT_CSV : SV_CT_JSONL;
  snprintf(r->disposition, sizeof r->disposition, "attachment; filename=\"vanban-%s.%s\"", name,
           csv ? "csv" : "jsonl");
  json_t *row;
  size_t i;
  if (csv) {
    for (size_t k = 0; cols[k]; k++) {
      json_t *h = json_string(cols[k]);
      csv_field(r, h, k == 0);
      json_decref(h);
    }
    sv_raw(r, "\r\n");
  }
  json_array_foreach(rows, i, row) {
    if (csv) {
      for (size_t k = 0; cols[k]; k++) csv_field(r, json_object_get(row, cols[k]), k == 0);
      sv_raw(r, "\r\n");
    } else {
      char *line = json_dumps(row, JSON_COMPACT);
      if (!line) {
        r->failed = 1;
        return;
      }
      sv_raw(r, line);
      sv_raw(r, "\n");
      free(line);
    }
  }
}

/* format is csv or jsonl; otherwise an error page and 0. */
static int export_format(sv_req *r) {
  const char *format = sv_arg(r, "format");
  if (format && (strcmp(format, "csv") == 0 || strcmp(format, "jsonl") == 0)) return 1;
  sv_error(r, 400, TR(r, "format: csv hoặc jsonl", "format: csv or jsonl"));
  return 0;
}

int sv_export_hits(sv_req *r, const vb_results *res, const char *name) {
  /* The columns of `vanban search --format csv`, then the document id. */
  static const char *const cols[] = {"rank", "source", "title", "snippet", "score",
                                     "doc_type", "number", "symbol", "date", "year",
                                     "issuer", "province", "line", "heading", "id", NULL};
  if (!export_format(r)) return 1;
  json_t *rows = json_array();
  for (size_t i = 0; i < vb_results_count(res); i++) {
    json_t *o = sv_hit_json(r, vb_results_get(res, i));
    json_object_set_new(o, "rank", json_integer((json_int_t)i + 1));
    json_array_append_new(rows, o);
  }
  write_rows(r, rows, cols, name);
  json_decref(rows);
  return 1;
}

int sv_export_answers(sv_req *r, json_t *answers, const char *name) {
  if (!export_format(r)) return 1;
  /* The columns are the answers' keys, as `vanban ask --format json`
  ** gives them (the same for every answer of one question). */
  const char *cols[40];
  size_t n = 0;
  const char *key;
  json_t *v;
  json_object_foreach(json_array_get(answers, 0), key, v) {
    if (n + 1 < sizeof cols / sizeof *cols) cols[n++] = key;
  }
  if (!n) cols[n++] = "source";
  cols[n] = NULL;
  write_rows(r, answers, cols, name);
  return 1;
}

/* The search options of an API call with its limit (default 10). */
static int api_opts(sv_req *r, vb_search_opts *o) {
  if (sv_search_opts(r, o) < 0) return -1;
  long limit = sv_arg_long(r, "limit", 1, SV_MAX_RESULTS, 10);
  if (limit < 0) return -1;
  o->limit = (int)limit;
  o->hl_open = sv_arg(r, "hl_open") ? sv_arg(r, "hl_open") : "«";
  o->hl_close = sv_arg(r, "hl_close") ? sv_arg(r, "hl_close") : "»";
  return 0;
}

static json_t *hits_json(sv_req *r, vb_results *res) {
  json_t *arr = json_array();
  for (size_t i = 0; i < vb_results_count(res); i++)
    json_array_append_new(arr, sv_hit_json(r, vb_results_get(res, i)));
  return arr;
}

static void api_search(sv_req *r, int similar) {
  vb_search_opts o;
  if (api_opts(r, &o) < 0) return;
  vb_error err = {0};
  vb_results *res = NULL;
  vb_status rc;
  if (similar) {
    const char *text = sv_arg(r, "text");
    if (!text) {
      sv_error(r, 400, "give text=...");
      return;
    }
    rc = vb_similar(r->idx, text, sv_arg(r, "exclude"), &o, &res, &err);
  } else {
    if (!o.query) {
      sv_error(r, 400, "give q=...");
      return;
    }
    rc = vb_search(r->idx, &o, &res, &err);
  }
  if (rc != VB_OK) {
    sv_fail(r, rc, &err);
    return;
  }
  json_t *out = hits_json(r, res);
  vb_results_free(res);
  const char *facets = sv_arg(r, "facets");
  if (!similar && facets && strcmp(facets, "0") != 0) {
    json_t *f = NULL;
    rc = vb_facets(r->idx, &o, &f, &err);
    if (rc != VB_OK) {
      json_decref(out);
      sv_fail(r, rc, &err);
      return;
    }
    out = json_pack("{s:o, s:o}", "results", out, "facets", f);
  }
  sv_json_body(r, out);
}

static void api_facets(sv_req *r) {
  vb_search_opts o;
  if (api_opts(r, &o) < 0) return;
  if (!o.query) {
    sv_error(r, 400, "give q=...");
    return;
  }
  json_t *f = NULL;
  vb_error err = {0};
  vb_status rc = vb_facets(r->idx, &o, &f, &err);
  if (rc != VB_OK) {
    sv_fail(r, rc, &err);
    return;
  }
  sv_json_body(r, f);
}

/* Each answer also gets its document's id. */
static void add_ids(sv_req *r, json_t *res) {
  json_t *a;
  size_t i;
  const char *last = NULL;
  int64_t id = 0;
  json_array_foreach(json_object_get(res, "answers"), i, a) {
    const char *src = json_string_value(json_object_get(a, "source"));
    if (src && (!last || strcmp(last, src) != 0)) id = sv_doc_id(r, src), last = src;
    json_object_set_new(a, "id", json_integer(id));
  }
}

static void api_question(sv_req *r, int intent) {
  vb_question *q = NULL;
  vb_error err = {0};
  vb_status rc = VB_OK;
  if (intent) {
    q = sv_question(r, intent);
    if (!q) return;
    if (intent == VB_ASK_REPORTS_TO && !q->unit) {
      vb_question_free(q);
      sv_error(r, 400, "give to=UNIT");
      return;
    }
  } else {
    const char *text = sv_arg(r, "q");
    if (!text) {
      sv_error(r, 400, "give q=QUESTION");
      return;
    }
    rc = vb_ask_parse(text, &q, &err);
    if (rc == VB_EQUERY) {
      json_t *forms = json_array();
      for (const char *const *f = vb_ask_forms(); *f; f++) json_array_append_new(forms, json_string(*f));
      r->status = 400;
      sv_json_body(r, json_pack("{s:s, s:i, s:o}", "error", "the question is not understood",
                                "status", 400, "forms", forms));
      return;
    }
    if (rc != VB_OK) {
      sv_fail(r, rc, &err);
      return;
    }
  }
  json_t *res = NULL;
  rc = vb_ask_run(r->idx, q, &res, &err);
  vb_question_free(q);
  if (rc != VB_OK) {
    sv_fail(r, rc, &err);
    return;
  }
  add_ids(r, res);
  sv_json_body(r, res);
}

/* The stored record of a document, as `vanban show --format json`. */
static void api_document(sv_req *r) {
  long id = sv_arg_long(r, "id", 1, 0x7fffffffL, 0);
  if (id < 0) return;
  if (!id) {
    sv_error(r, 400, "give id=N");
    return;
  }
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(vb_index_db(r->idx), "SELECT record FROM records WHERE doc_id = ?1", -1, &s,
                         NULL) != SQLITE_OK) {
    sv_error(r, 500, "the index could not be read");
    return;
  }
  sqlite3_bind_int64(s, 1, id);
  json_t *rec = NULL;
  if (sqlite3_step(s) == SQLITE_ROW)
    rec = json_loads((const char *)sqlite3_column_text(s, 0), 0, NULL);
  sqlite3_finalize(s);
  if (!rec) {
    sv_error(r, 404, "no such document");
    return;
  }
  json_object_set_new(rec, "id", json_integer(id));
  sv_json_body(r, rec);
}

void sv_api(sv_req *r, const char *name) {
  r->ctype = SV_CT_JSON;
  if (strcmp(name, "search") == 0)
    api_search(r, 0);
  else if (strcmp(name, "similar") == 0)
    api_search(r, 1);
  else if (strcmp(name, "facets") == 0)
    api_facets(r);
  else if (strcmp(name, "ask") == 0)
    api_question(r, 0);
  else if (strcmp(name, "reports") == 0)
    api_question(r, VB_ASK_REPORTS_TO);
  else if (strcmp(name, "deadlines") == 0)
    api_question(r, VB_ASK_DEADLINES);
  else if (strcmp(name, "document") == 0)
    api_document(r);
  else
    sv_error(r, 404, "no such API call (search, similar, ask, reports, deadlines, document, facets)");
}
