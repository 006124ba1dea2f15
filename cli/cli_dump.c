/*
** cli_dump.c: `vanban dump` — the extraction tables as JSONL, JSON or CSV.
** Every JSON value is built and written by jansson; CSV follows RFC 4180.
*/
#include <stdlib.h>
#include <string.h>

#include "vanban.h"
#include "cli.h"

/* One dumpable table: its name on the command line and its query.  Columns
** named "who" or "tasks" hold JSON text and are emitted as JSON values. */
typedef struct dump_table {
  const char *name;
  const char *sql;
} dump_table;

static const dump_table g_tables[] = {
    {"documents",
     "SELECT source, sha256, format, doc_type, number, symbol, place, date, "
     "year, issuer, province, province_2025, title, theme, period_from, "
     "period_to, signer_name, signer_position, signer_authority, prop_title, "
     "prop_creator, prop_created, prop_modified FROM documents d ORDER BY source"},
    {"references",
     "SELECT d.source, r.seq, r.type, r.ref_id AS id, r.date, r.issuer, "
     "r.line, r.evidence, r.relation FROM refs r JOIN documents d ON "
     "d.id = r.doc_id ORDER BY d.source, r.seq"},
    /* the references of the documents (one file per work, works.h) as
       edges of the graph: to_source is the indexed document the reference
       names, NULL for a document outside the index (graph.h) */
    {"relations",
     "SELECT d.source, d.doc_type, d.number || '/' || d.symbol AS id, "
     "d.date, d.issuer, r.relation, r.type AS to_type, r.ref_id AS to_id, "
     "r.date AS to_date, r.issuer AS to_issuer, "
     "vb_resolve(r.ref_id, r.date, r.issuer, d.province) AS to_source, "
     "r.line, r.evidence FROM refs r JOIN documents d ON d.id = r.doc_id "
     "WHERE r.ref_id IS NOT NULL AND d.id NOT IN (" VB_WORKS_HIDDEN ") "
     "ORDER BY d.source, r.seq"},
    /* files of one document (works.h) */
    {"works",
     "SELECT d.source, d.format, (SELECT source FROM documents WHERE id = "
     "(SELECT doc_id FROM works WHERE work_id = w.work_id AND rep = 1)) AS "
     "document, w.kind, w.matched_by, w.similarity, w.rep FROM works w "
     "JOIN documents d ON d.id = w.doc_id ORDER BY document, d.source"},
    {"recipients",
     "SELECT d.source, r.seq, r.name, r.line, r.evidence FROM recipients r "
     "JOIN documents d ON d.id = r.doc_id ORDER BY d.source, r.seq"},
    {"units",
     "SELECT d.source, d.province, u.seq, u.name, u.canonical, "
     "(SELECT json_group_array(text) FROM (SELECT text FROM tasks t WHERE "
     "t.doc_id = u.doc_id AND t.unit_seq = u.seq ORDER BY t.seq)) AS tasks, "
     "u.line, u.evidence FROM units u JOIN documents d ON d.id = u.doc_id "
     "ORDER BY d.source, u.seq"},
    {"deadlines",
     "SELECT d.source, d.province, x.seq, x.date, x.recurs, x.what, x.who, "
     "x.to_body AS \"to\", x.line, x.evidence FROM deadlines x JOIN documents "
     "d ON d.id = x.doc_id ORDER BY d.source, x.seq"},
    {"reports",
     "SELECT d.source, d.province, x.seq, x.from_unit AS \"from\", "
     "x.from_canonical, x.to_body AS \"to\", x.via, x.by_date AS \"by\", "
     "x.line, x.evidence FROM reports x JOIN documents d ON d.id = x.doc_id "
     "ORDER BY d.source, x.seq"},
};
#define N_TABLES (sizeof g_tables / sizeof g_tables[0])

/* Column i of the row as a JSON value (new reference). */
static json_t *column_json(sqlite3_stmt *s, int i) {
  const char *name = sqlite3_column_name(s, i);
  switch (sqlite3_column_type(s, i)) {
    case SQLITE_NULL: return json_null();
    case SQLITE_INTEGER: return json_integer(sqlite3_column_int64(s, i));
    case SQLITE_FLOAT: return json_real(sqlite3_column_double(s, i));
    default: {
      const char *t = (const char *)sqlite3_column_text(s, i);
      if (strcmp(name, "who") == 0 || strcmp(name, "tasks") == 0) {
        json_t *v = json_loads(t, 0, NULL);
        if (v) return v;
      }
      return json_string(t);
    }
  }
}

/* Rows of the file standing for each document only (index/works.h), as
** counts everywhere else count documents; --every-file: of every file. */
static int g_per_document = 1;

/* Prepare sql (its documents aliased d, one ORDER BY at the end), with the
** files that do not stand for their document left out when asked. */
static int prepare_dump(sqlite3 *db, const char *sql, sqlite3_stmt **s) {
  if (!g_per_document) return sqlite3_prepare_v2(db, sql, -1, s, NULL);
  const char *order = strstr(sql, " ORDER BY ");
  if (!order) return SQLITE_ERROR;
  char *q = sqlite3_mprintf("%.*s %s d.id NOT IN (" VB_WORKS_HIDDEN ")%s",
                            (int)(order - sql), sql,
                            strstr(sql, " WHERE ") ? "AND" : "WHERE", order);
  if (!q) return SQLITE_NOMEM;
  int r = sqlite3_prepare_v2(db, q, -1, s, NULL);
  sqlite3_free(q);
  return r;
}

/* Write the full records (documents table in JSON forms). */
static int dump_records(sqlite3 *db, cli_format fmt) {
  sqlite3_stmt *s = NULL;
  if (prepare_dump(db,
                   "SELECT r.record FROM documents d JOIN records r "
                   "ON r.doc_id = d.id ORDER BY d.source",
                   &s) != SQLITE_OK) {
    cli_error("cannot read the index");
    return CLI_INDEX;
  }
  json_t *arr = fmt == FMT_JSON ? json_array() : NULL;
  while (sqlite3_step(s) == SQLITE_ROW) {
    json_t *rec = json_loads((const char *)sqlite3_column_text(s, 0), 0, NULL);
    if (!rec) continue;
    if (arr) {
      json_array_append_new(arr, rec);
    } else {
      cli_json_print(stdout, rec, 0);
      json_decref(rec);
    }
  }
  sqlite3_finalize(s);
  if (arr) {
    cli_json_print(stdout, arr, 1);
    json_decref(arr);
  }
  return CLI_OK;
}

static int dump_rows(sqlite3 *db, const dump_table *t, cli_format fmt) {
  sqlite3_stmt *s = NULL;
  if (prepare_dump(db, t->sql, &s) != SQLITE_OK) {
    cli_error("cannot read the index (was it made by an older vanban?)");
    return CLI_INDEX;
  }
  int ncol = sqlite3_column_count(s);
  if (fmt == FMT_CSV) {
    for (int i = 0; i < ncol; i++)
      cli_csv_field(stdout, sqlite3_column_name(s, i), i == 0);
    fputs("\r\n", stdout);
  }
  json_t *arr = fmt == FMT_JSON ? json_array() : NULL;
  while (sqlite3_step(s) == SQLITE_ROW) {
    if (fmt == FMT_CSV) {
      for (int i = 0; i < ncol; i++)
        cli_csv_field(stdout, (const char *)sqlite3_column_text(s, i), i == 0);
      fputs("\r\n", stdout);
      continue;
    }
    json_t *o = json_object();
    for (int i = 0; i < ncol; i++)
      json_object_set_new(o, sqlite3_column_name(s, i), column_json(s, i));
    if (arr) {
      json_array_append_new(arr, o);
    } else {
      cli_json_print(stdout, o, 0);
      json_decref(o);
    }
  }
  sqlite3_finalize(s);
  if (arr) {
    cli_json_print(stdout, arr, 1);
    json_decref(arr);
  }
  return CLI_OK;
}

/* Write s with the five XML special characters escaped. */
static void xml_text(const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
      case '&': fputs("&amp;", stdout); break;
      case '<': fputs("&lt;", stdout); break;
      case '>': fputs("&gt;", stdout); break;
      case '"': fputs("&quot;", stdout); break;
      case '\'': fputs("&apos;", stdout); break;
      default:
        /* control characters are not allowed in XML 1.0 */
        if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n')
          putchar(*s);
    }
  }
}

/* The graph of documents and the documents they cite as GraphML (for
** Gephi, networkx, yEd): node attributes label, source, doc_type, id,
** date, issuer, province, in_index; edge attributes relation, line. */
static int dump_graphml(vb_index *idx) {
  static const char *const nkeys[] = {"label", "source", "doc_type", "id",
                                       "date", "issuer", "province"};
  vb_error err = {0};
  json_t *g = NULL;
  vb_status rc = vb_graph_all(idx, &g, &err);
  if (rc != VB_OK) {
    cli_error("dump: %s", vb_error_text(&err, rc));
    return cli_exit_code(rc);
  }
  fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
        stdout);
  for (size_t k = 0; k < 7; k++)
    printf("  <key id=\"%s\" for=\"node\" attr.name=\"%s\" "
           "attr.type=\"string\"/>\n", nkeys[k], nkeys[k]);
  fputs("  <key id=\"in_index\" for=\"node\" attr.name=\"in_index\" "
        "attr.type=\"boolean\"/>\n"
        "  <key id=\"relation\" for=\"edge\" attr.name=\"relation\" "
        "attr.type=\"string\"/>\n"
        "  <key id=\"line\" for=\"edge\" attr.name=\"line\" "
        "attr.type=\"int\"/>\n"
        "  <graph id=\"references\" edgedefault=\"directed\">\n",
        stdout);
  json_t *n, *e;
  size_t i;
  json_array_foreach(json_object_get(g, "nodes"), i, n) {
    fputs("    <node id=\"", stdout);
    xml_text(json_string_value(json_object_get(n, "name")));
    fputs("\">", stdout);
    for (size_t k = 0; k < 7; k++) {
      /* the label: the number and symbol, else the path */
      const char *v = json_string_value(json_object_get(n, k ? nkeys[k] : "id"));
      if (!v && k == 0) v = json_string_value(json_object_get(n, "source"));
      if (!v) continue;
      printf("<data key=\"%s\">", nkeys[k]);
      xml_text(v);
      fputs("</data>", stdout);
    }
    printf("<data key=\"in_index\">%s</data></node>\n",
           json_is_true(json_object_get(n, "in_index")) ? "true" : "false");
  }
  json_array_foreach(json_object_get(g, "edges"), i, e) {
    fputs("    <edge source=\"", stdout);
    xml_text(json_string_value(json_object_get(e, "from")));
    fputs("\" target=\"", stdout);
    xml_text(json_string_value(json_object_get(e, "to")));
    fputs("\"><data key=\"relation\">", stdout);
    xml_text(json_string_value(json_object_get(e, "relation")));
    printf("</data><data key=\"line\">%lld</data></edge>\n",
           (long long)json_integer_value(json_object_get(e, "line")));
  }
  fputs("  </graph>\n</graphml>\n", stdout);
  json_decref(g);
  return CLI_OK;
}

static const cli_opt g_dump_opts[] = {
    {"format", 'f', "F", "jsonl json csv graphml",
     "jsonl (default), json, csv (RFC 4180, header row), or\n"
     "graphml (the graph of references, whatever the table)"},
    {"table", 't', "T",
     "documents references recipients units deadlines reports relations works",
     "the table to write: documents (default), references,\n"
     "recipients, units, deadlines, reports, relations (the\n"
     "references resolved to indexed documents) or works (the\n"
     "files of each document)"},
    {"every-file", 'e', NULL, NULL,
     "rows of every file; by default a document held in several\n"
     "files (.txt, .docx, .pdf of one plan) has the rows of the\n"
     "one that stands for it (signed, richest format)"},
    {"one-per-document", 'o', NULL, NULL, NULL},
    {NULL, 0, NULL, NULL, NULL}};

static const cli_opt *const g_dump_tables[] = {
    cli_opts_db, g_dump_opts, cli_opts_timeout, cli_opts_help, NULL};

static int run(int argc, char **argv);

const cli_spec cli_spec_dump = {
    "dump", "extraction tables from the index as JSONL, JSON or CSV",
    "[--db FILE] [--format jsonl|json|csv] [--table T]",
    "Write what extraction stored in the index.  T is one of documents\n"
    "(default), references, recipients, units, deadlines, reports,\n"
    "relations, works.  For\n"
    "documents, JSONL and JSON give the full extraction record of each\n"
    "document (with evidence); CSV gives one row per document.  Rows of\n"
    "the other tables carry the source path, the evidence line number and\n"
    "the line's text.",
    NULL, g_dump_tables,
    "0 success, 2 usage, 3 index missing or unreadable,\n"
    "5 stopped at --timeout (the rows written are whole; others are missing).",
    "vanban dump --table reports --format csv > reports.csv",
    run};

static int run(int argc, char **argv) {
  const char *db = NULL;
  const dump_table *table = &g_tables[0];
  cli_format fmt = FMT_JSONL;
  int c, graphml = 0;
  cli_getopt g;
  cli_getopt_begin(&g, &cli_spec_dump);
  while ((c = cli_getopt_next(&g, argc, argv)) > 0) {
    switch (c) {
      case 'd': db = optarg; break;
      case 'o': g_per_document = 1; break;
      case 'e': g_per_document = 0; break;
      case 'f':
        if (strcmp(optarg, "graphml") == 0) {
          graphml = 1;
          break;
        }
        if (cli_parse_format("dump", optarg,
                             1u << FMT_JSON | 1u << FMT_JSONL | 1u << FMT_CSV,
                             &fmt) < 0)
          return CLI_USAGE;
        break;
      case 't':
        table = NULL;
        for (size_t i = 0; i < N_TABLES; i++)
          if (strcmp(optarg, g_tables[i].name) == 0) table = &g_tables[i];
        if (!table)
          return cli_usage_error("dump",
                                 "unknown table '%s' (documents, references, "
                                 "recipients, units, deadlines, reports, "
                                 "relations, works)",
                                 optarg);
        break;
      default: return cli_bad_option("dump", argv);
    }
  }
  if (c < 0) return cli_getopt_exit(c);
  if (optind < argc) return cli_usage_error("dump", "unexpected argument '%s'", argv[optind]);
  const char *path = cli_db_path(db);
  vb_index *idx = NULL;
  int code = cli_open_index(path, VB_INDEX_READ, &idx);
  if (code != CLI_OK) return code;
  vb_error err = {0};
  if (vb_graph_functions(idx, &err) != VB_OK) { /* vb_resolve() */
    cli_error("%s: %s", path, err.msg);
    vb_index_close(idx);
    return CLI_INDEX;
  }
  if (graphml) {
    code = dump_graphml(idx);
    vb_index_close(idx);
    return code;
  }
  code = table == &g_tables[0] && fmt != FMT_CSV
                 ? dump_records(vb_index_db(idx), fmt)
                 : dump_rows(vb_index_db(idx), table, fmt);
  if (cli_budget_stop(idx, "dump")) code = CLI_TIMEOUT;
  vb_index_close(idx);
  return code;
}
