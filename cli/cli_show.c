/*
** cli_show.c: `vanban show DOC` — one document's record, readable, each
** value beside the line it was read from.
*/
#include <stdlib.h>
#include <string.h>

#include "vanban.h"
#include "cli.h"

/* The record text of the document DOC names (malloc'd), or NULL. */
static char *find_record(sqlite3 *db, const char *doc, int *ambiguous) {
  static const char *const sql[] = {
#define RECORD_OF "SELECT r.record FROM documents d JOIN records r " \
                  "ON r.doc_id = d.id WHERE "
      RECORD_OF "d.source = ?1",
      RECORD_OF "d.source LIKE '%/' || ?1 ESCAPE '\\'",
      RECORD_OF "d.number || '/' || d.symbol = ?1 OR d.symbol = ?1",
#undef RECORD_OF
  };
  *ambiguous = 0;
  for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, sql[i], -1, &s, NULL) != SQLITE_OK) return NULL;
    sqlite3_bind_text(s, 1, doc, -1, SQLITE_STATIC);
    char *rec = NULL;
    int rows = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
      if (rows++ == 0) rec = strdup((const char *)sqlite3_column_text(s, 0));
    }
    sqlite3_finalize(s);
    if (rows > 1) *ambiguous = rows;
    if (rec) return rec;
  }
  return NULL;
}

/* obj[key] as a string, or "?" when missing. */
static const char *str_or(json_t *obj, const char *key) {
  const char *v = json_string_value(json_object_get(obj, key));
  return v ? v : "?";
}

/* Print one value line: key, value, evidence. */
static void show_line(const char *key, const char *value, json_t *ev) {
  json_t *line = json_object_get(ev, "line");
  const char *text = json_string_value(json_object_get(ev, "text"));
  printf("  %-12s %s\n", key, value);
  if (json_is_integer(line))
    printf("  %-12s   line %lld: %s\n", "", (long long)json_integer_value(line),
           text ? text : "");
}

static void show_record(json_t *rec) {
  json_t *evidence = json_object_get(rec, "evidence");
  printf("%s\n", json_string_value(json_object_get(rec, "source")));
  static const char *const scalars[] = {"format", "doc_type", "number", "symbol",
                                        "place", "date", "year", "issuer",
                                        "province", "title", "theme"};
  for (size_t i = 0; i < sizeof scalars / sizeof *scalars; i++) {
    json_t *v = json_object_get(rec, scalars[i]);
    if (json_is_null(v) || !v) continue;
    char num[32];
    const char *s = json_string_value(v);
    if (json_is_integer(v)) {
      snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
      s = num;
    }
    if (s) show_line(scalars[i], s, json_object_get(evidence, scalars[i]));
  }
  json_t *period = json_object_get(rec, "period");
  if (json_is_object(period)) {
    char buf[128];
    snprintf(buf, sizeof buf, "%s to %s",
             str_or(period, "from"),
             str_or(period, "to"));
    show_line("period", buf, json_object_get(evidence, "period"));
  }
  json_t *signer = json_object_get(rec, "signer");
  if (json_is_object(signer)) {
    char buf[512];
    const char *auth = json_string_value(json_object_get(signer, "authority"));
    snprintf(buf, sizeof buf, "%s, %s%s%s%s",
             str_or(signer, "name"),
             str_or(signer, "position"),
             auth ? " (" : "", auth ? auth : "", auth ? ")" : "");
    show_line("signer", buf, json_object_get(evidence, "signer"));
  }
  static const char *const lists[] = {"references", "recipients", "units",
                                      "deadlines", "reports"};
  for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
    json_t *list = json_object_get(rec, lists[i]), *item;
    size_t k;
    if (!json_array_size(list)) continue;
    printf("  %s\n", lists[i]);
    json_array_foreach(list, k, item) {
      char key[64], *text;
      snprintf(key, sizeof key, "%s[%zu]", lists[i], k);
      if (json_is_string(item))
        text = strdup(json_string_value(item));
      else if (json_is_object(item) && json_is_string(json_object_get(item, "name")))
        text = strdup(json_string_value(json_object_get(item, "name")));
      else
        text = json_dumps(item, JSON_COMPACT);
      char label[32];
      snprintf(label, sizeof label, "  %zu.", k + 1);
      show_line(label, text ? text : "", json_object_get(evidence, key));
      free(text);
    }
  }
}

static const cli_opt g_show_opts[] = {
    {"format", 'f', "F", "table json",
     "table (default) or json (the record with evidence)"},
    {NULL, 0, NULL, NULL, NULL}};

static const cli_opt *const g_show_tables[] = {
    cli_opts_db, g_show_opts, cli_opts_timeout, cli_opts_help, NULL};

static int run(int argc, char **argv);

const cli_spec cli_spec_show = {
    "show", "one document's record, each value beside its evidence",
    "[--db FILE] [--format table|json] DOC",
    "Print one document's extraction record.  DOC is the path as ingested,\n"
    "the end of it (a file name), or the document's number/symbol\n"
    "(\"622/KH-UBND\").",
    NULL, g_show_tables,
    "0 shown, 1 no such document, 2 usage, 3 index error,\n"
    "5 stopped at --timeout.",
    "vanban show 001_6747b2af0e194c38.txt",
    run};

static int run(int argc, char **argv) {
  const char *db = NULL;
  cli_format fmt = FMT_TABLE;
  int c;
  cli_getopt g;
  cli_getopt_begin(&g, &cli_spec_show);
  while ((c = cli_getopt_next(&g, argc, argv)) > 0) {
    switch (c) {
      case 'd': db = optarg; break;
      case 'f':
        if (cli_parse_format("show", optarg, 1u << FMT_TABLE | 1u << FMT_JSON,
                             &fmt) < 0)
          return CLI_USAGE;
        break;
      default: return cli_bad_option("show", argv);
    }
  }
  if (c < 0) return cli_getopt_exit(c);
  if (optind + 1 != argc) return cli_usage_error("show", "give one DOC");
  const char *path = cli_db_path(db);
  vb_index *idx = NULL;
  int code = cli_open_index(path, VB_INDEX_READ, &idx);
  if (code != CLI_OK) return code;
  int ambiguous = 0;
  char *text = find_record(vb_index_db(idx), argv[optind], &ambiguous);
  int late = cli_budget_stop(idx, "show");
  vb_index_close(idx);
  if (!text && late) return CLI_TIMEOUT;
  if (!text) {
    cli_error("no document matches '%s'", argv[optind]);
    return CLI_PARTIAL;
  }
  if (ambiguous)
    fprintf(stderr, "vanban: note: %d documents match '%s'; showing the first\n",
            ambiguous, argv[optind]);
  json_t *rec = json_loads(text, 0, NULL);
  free(text);
  if (!rec) {
    cli_error("the stored record is damaged");
    return CLI_INDEX;
  }
  if (fmt == FMT_JSON)
    cli_json_print(stdout, rec, 1);
  else
    show_record(rec);
  json_decref(rec);
  return late ? CLI_TIMEOUT : CLI_OK;
}
