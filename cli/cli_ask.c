/*
** cli_ask.c: `vanban ask "QUESTION"` and the plain subcommands for the same
** answers, `vanban reports` and `vanban deadlines`.  The library parses
** and answers (query/ask.h); this file reads options and prints.
*/
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vanban.h"
#include "cli.h"
#include "text.h"

#define ASK_CLI_CACHE_KIB "2000" /* page cache of one question, KiB */

static const char *str(json_t *o, const char *key) {
  const char *v = json_string_value(json_object_get(o, key));
  return v ? v : "";
}

/* One answer as the table prints it: its text values ("" when null or
** missing), and the integers it shows. */
typedef struct answer_view {
  const char *source, *doc_type, *number, *symbol, *date, *province, *title;
  const char *from, *via, *to, *by, *deadline, *recurs, *what, *unit, *task;
  const char *ref_type, *ref_id, *ref_date, *ref_issuer, *relation, *evidence;
  const char *who;  /* units of a deadline, a JSON array as stored, or NULL */
  json_t *who_list; /* ... or already read (provinces_implementing: NULL) */
  int has_line, has_lag;
  long long line, tasks, lag_days;
} answer_view;

/* The slot of v for an answer's key, or NULL. */
static const char **view_slot(answer_view *v, const char *key) {
  static const struct {
    const char *key;
    size_t off;
  } slots[] = {
#define SLOT(k, m) {k, offsetof(answer_view, m)}
      SLOT("source", source), SLOT("doc_type", doc_type), SLOT("number", number),
      SLOT("symbol", symbol), SLOT("date", date), SLOT("province", province),
      SLOT("title", title), SLOT("from", from), SLOT("via", via), SLOT("to", to),
      SLOT("by", by), SLOT("deadline", deadline), SLOT("recurs", recurs),
      SLOT("what", what), SLOT("unit", unit), SLOT("task", task),
      SLOT("ref_type", ref_type), SLOT("ref_id", ref_id), SLOT("ref_date", ref_date),
      SLOT("ref_issuer", ref_issuer), SLOT("relation", relation),
      SLOT("evidence", evidence)
#undef SLOT
  };
  for (size_t i = 0; i < sizeof slots / sizeof *slots; i++)
    if (strcmp(key, slots[i].key) == 0)
      return (const char **)((char *)v + slots[i].off);
  return NULL;
}

static void view_clear(answer_view *v) {
  memset(v, 0, sizeof *v);
  for (const char **p = &v->source; p <= &v->evidence; p++) *p = "";
}

/* The view of an answer given as fields (vb_ask_each()). */
static void view_fields(answer_view *v, const vb_ask_field *f, int n) {
  view_clear(v);
  for (int k = 0; k < n; k++) {
    const char **slot;
    if (f[k].type == VB_ASK_INT) {
      if (strcmp(f[k].name, "line") == 0) {
        v->has_line = 1;
        v->line = f[k].num;
      } else if (strcmp(f[k].name, "tasks") == 0) {
        v->tasks = f[k].num;
      }
    } else if (f[k].type == VB_ASK_LIST) {
      v->who = f[k].text;
    } else if (f[k].type == VB_ASK_TEXT && (slot = view_slot(v, f[k].name)) &&
               vb_utf8_check((const unsigned char *)f[k].text, f[k].len) == f[k].len) {
      *slot = f[k].text; /* text that is not UTF-8 has no JSON value either */
    }
  }
}

/* The view of an answer given as a JSON object (vb_ask_run()). */
static void view_json(answer_view *v, json_t *a) {
  view_clear(v);
  const char *key;
  json_t *val;
  json_object_foreach(a, key, val) {
    const char **slot = view_slot(v, key);
    if (slot && json_is_string(val)) *slot = json_string_value(val);
  }
  json_t *line = json_object_get(a, "line"), *lag = json_object_get(a, "lag_days");
  v->has_line = json_is_integer(line);
  v->line = json_integer_value(line);
  v->tasks = json_integer_value(json_object_get(a, "tasks"));
  v->has_lag = json_is_integer(lag);
  v->lag_days = json_integer_value(lag);
  v->who_list = json_object_get(a, "who");
}

/* "Bắc Kạn · corpus/x.txt · Kế hoạch 622/KH-UBND, 2021-10-18" */
static void print_doc_header(FILE *out, const answer_view *a) {
  fprintf(out, "\n%s%s%s", a->province, *a->province ? " · " : "", a->source);
  if (*a->doc_type) fprintf(out, " · %s", a->doc_type);
  if (*a->symbol)
    fprintf(out, " %s%s%s", a->number, *a->number ? "/" : "/", a->symbol);
  if (*a->date) fprintf(out, ", %s", a->date);
  putc('\n', out);
  if (*a->title) fprintf(out, "  %s\n", a->title);
}

/* The evidence line, unless it is the one just printed (several answers
** often rest on one sentence). */
static void print_evidence(FILE *out, const answer_view *a, long long *last) {
  if (a->has_line && a->line == *last) return;
  *last = a->has_line ? a->line : -1;
  if (a->has_line) fprintf(out, "      line %lld: %s\n", a->line, a->evidence);
}

/* A deadline as people read it: "2021-12-20", "10 June each year". */
static void print_date(FILE *out, const char *date, const char *recurs) {
  static const char *const months[] = {"January", "February", "March",
                                       "April", "May", "June", "July",
                                       "August", "September", "October",
                                       "November", "December"};
  int m, d;
  if (recurs && strcmp(recurs, "yearly") == 0 &&
      sscanf(date, "--%2d-%2d", &m, &d) == 2 && m >= 1 && m <= 12)
    fprintf(out, "%d %s each year", d, months[m - 1]);
  else
    fputs(*date ? date : "no date", out);
}

/* The units of a deadline, "a; b", from the JSON array as stored: strings
** without escapes are printed as they are, anything else read by jansson. */
static void print_who(FILE *out, const answer_view *a) {
  const char *p = a->who;
  if (p && !strchr(p, '\\')) {
    size_t n = strlen(p), k = 0;
    if (n >= 2 && p[0] == '[' && p[n - 1] == ']' && !strchr(p, '\n')) {
      const char *q = p + 1, *end = p + n - 1;
      int simple = 1;
      /* ["x","y"]: quoted strings separated by commas, nothing else */
      for (const char *r = q; r < end && simple;) {
        const char *close = *r == '"' ? memchr(r + 1, '"', (size_t)(end - r - 1)) : NULL;
        if (!close) simple = 0;
        else r = close + 1 < end && close[1] == ',' && close + 2 < end ? close + 2
                 : close + 1 == end ? end : (simple = 0, end);
      }
      if (simple && q < end) {
        fputs(" — ", out);
        while (q < end) {
          const char *close = memchr(q + 1, '"', (size_t)(end - q - 1));
          fprintf(out, "%s%.*s", k++ ? "; " : "", (int)(close - q - 1), q + 1);
          q = close + 2;
        }
        return;
      }
      if (simple) return; /* [] */
    }
  }
  json_t *w = a->who_list, *loaded = NULL;
  if (p) w = loaded = json_loads(p, 0, NULL);
  if (json_array_size(w)) {
    fputs(" — ", out);
    json_t *x;
    size_t i;
    json_array_foreach(w, i, x) fprintf(out, "%s%s", i ? "; " : "", json_string_value(x));
  }
  json_decref(loaded);
}

/* The table of answers, printed one answer at a time. */
typedef struct table {
  FILE *out;
  const char *intent;
  char *last_source; /* source of the answer above (vb_strdup), or NULL */
  long long last_line;
  int nomem;
} table;

static void print_answer(table *t, const answer_view *a) {
  FILE *out = t->out;
  const char *intent = t->intent;
  if (!t->last_source || strcmp(t->last_source, a->source) != 0) {
    print_doc_header(out, a);
    vb_free(t->last_source);
    t->last_source = vb_strdup(a->source);
    t->nomem |= !t->last_source;
    t->last_line = -1;
  }
  if (strcmp(intent, "reports_to") == 0) {
    fprintf(out, "  • %s", a->from);
    if (*a->via) fprintf(out, " (via %s)", a->via);
    fprintf(out, " → %s", a->to);
    if (*a->by) {
      fputs(", by ", out);
      print_date(out, a->by, strncmp(a->by, "--", 2) == 0 ? "yearly" : NULL);
    }
    putc('\n', out);
  } else if (strcmp(intent, "deadlines") == 0) {
    fputs("  • ", out);
    print_date(out, a->deadline, a->recurs);
    fprintf(out, ": %s", a->what);
    print_who(out, a);
    if (*a->to) fprintf(out, " → %s", a->to);
    putc('\n', out);
  } else if (strcmp(intent, "plans_assigning") == 0) {
    fprintf(out, "  • %s (%lld tasks)\n", a->unit, a->tasks);
  } else if (strcmp(intent, "provinces_implementing") == 0) {
    if (a->has_lag) fprintf(out, "  • %lld days after it\n", a->lag_days);
    if (*a->via) fprintf(out, "  • through %s\n", a->via);
  } else if (strcmp(intent, "plans_citing") == 0) {
    if (*a->relation) fprintf(out, "  • %s", a->relation);
    fprintf(out, "%s%s %s", *a->relation ? " " : "  • ", a->ref_type, a->ref_id);
    if (*a->ref_date) fprintf(out, " of %s", a->ref_date);
    if (*a->ref_issuer) fprintf(out, ", %s", a->ref_issuer);
    putc('\n', out);
  } else {
    fprintf(out, "  • %s: %s\n", a->unit, *a->task ? a->task : "(no task listed)");
  }
  print_evidence(out, a, &t->last_line);
}

/* The line above the answers. */
static void print_title(json_t *res) {
  const char *intent = str(res, "intent");
  long long n = json_integer_value(json_object_get(res, "count"));
  if (strcmp(intent, "reports_to") == 0)
    printf("Units that report to %s (%lld reporting duties)\n", str(res, "unit"), n);
  else if (strcmp(intent, "deadlines") == 0)
    printf("Deadlines (%lld)\n", n);
  else if (strcmp(intent, "plans_assigning") == 0)
    printf("Plans that assign tasks to %s (%lld assignments)\n", str(res, "unit"), n);
  else if (strcmp(intent, "plans_citing") == 0)
    printf("Plans that cite %s (%lld citations)\n",
           str(json_object_get(res, "filters"), "document"), n);
  else if (strcmp(intent, "provinces_implementing") == 0)
    printf("Provinces with a plan implementing %s (%lld provinces)\n",
           str(json_object_get(res, "filters"), "document"), n);
  else if (strcmp(intent, "tasks_of") == 0)
    printf("Tasks of %s under %s\n", str(res, "unit"),
           str(json_object_get(res, "filters"), "document"));
}

/* A whole answer object (vb_ask_run()) as a table. */
static void print_table(json_t *res) {
  print_title(res);
  table t = {stdout, str(res, "intent"), NULL, -1, 0};
  json_t *a;
  size_t i;
  json_array_foreach(json_object_get(res, "answers"), i, a) {
    answer_view v;
    view_json(&v, a);
    print_answer(&t, &v);
  }
  vb_free(t.last_source);
  json_t *without = json_object_get(res, "without"), *w;
  if (without) { /* provinces_implementing */
    printf("\nWithout a plan (%zu of the 63 provinces before July 2025):",
           json_array_size(without));
    json_array_foreach(without, i, w) printf("%s %s", i ? "," : "",
                                            json_string_value(w));
    putchar('\n');
  }
}

/* vb_ask_each() callback: one answer into the table being written. */
static int table_row(void *ctx, const vb_ask_field *f, int n) {
  answer_view v;
  view_fields(&v, f, n);
  print_answer(ctx, &v);
  return ((table *)ctx)->nomem || ferror(((table *)ctx)->out) != 0;
}

/* Answer q as a table, each answer printed as it is read: into memory
** first, since the title above them gives their number.  Returns the
** library status; *res gets the answer object without its answers. */
static vb_status stream_table(vb_index *idx, vb_question *q, json_t **res,
                              vb_error *err) {
  char *buf = NULL;
  size_t len = 0;
  table t = {open_memstream(&buf, &len), NULL, NULL, -1, 0};
  if (!t.out) return vb_error_set(err, VB_ENOMEM, "out of memory");
  switch (q->intent) {
    case VB_ASK_REPORTS_TO: t.intent = "reports_to"; break;
    case VB_ASK_DEADLINES: t.intent = "deadlines"; break;
    case VB_ASK_PLANS_ASSIGNING: t.intent = "plans_assigning"; break;
    case VB_ASK_PLANS_CITING: t.intent = "plans_citing"; break;
    default: t.intent = "tasks_of"; break;
  }
  vb_status rc = vb_ask_each(idx, q, table_row, &t, res, err);
  vb_free(t.last_source);
  if (fclose(t.out) != 0 && rc == VB_OK)
    rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  if (*res && json_integer_value(json_object_get(*res, "count"))) {
    print_title(*res);
    fwrite(buf, 1, len, stdout);
  }
  free(buf);
  return rc;
}

/* Run q and print; returns the exit code. */
static int answer(const char *cmd, const char *db, vb_question *q,
                  cli_format fmt) {
  const char *path = cli_db_path(db);
  vb_index *idx = NULL;
  int code = cli_open_index(path, VB_INDEX_READ, &idx);
  if (code != CLI_OK) return code;
  /* One question per process reads each page about once: a small page
  ** cache reuses its buffers where a large one takes fresh memory (a page
  ** fault) for every page read (20,000 documents: about a quarter less
  ** CPU for 5,000 answers).  A server keeps its own, larger, setting. */
  (void)sqlite3_exec(vb_index_db(idx), "PRAGMA cache_size = -" ASK_CLI_CACHE_KIB,
                     NULL, NULL, NULL);
  vb_error err = {0};
  vb_status rc;
  json_t *res = NULL;
  int streamed = fmt == FMT_TABLE && q->intent != VB_ASK_PROVINCES_IMPLEMENTING;
  if (streamed)
    rc = stream_table(idx, q, &res, &err);
  else
    rc = vb_ask_run(idx, q, &res, &err);
  int late = vb_index_expired(idx);
  if (rc != VB_OK && !late) {
    json_decref(res);
    vb_index_close(idx);
    cli_error("%s: %s", cmd, vb_error_text(&err, rc));
    return cli_exit_code(rc);
  }
  long long n = json_integer_value(json_object_get(res, "count"));
  if (res && fmt == FMT_JSON)
    cli_json_print(stdout, res, 1);
  else if (n == 0 && !late)
    printf("No answer: nothing in the index matches.\n");
  else if (n && !streamed)
    print_table(res);
  json_decref(res);
  late = cli_budget_stop(idx, cmd);
  vb_index_close(idx);
  return late ? CLI_TIMEOUT : n ? CLI_OK : CLI_PARTIAL;
}

enum { O_TO = CLI_K, O_FROM, O_PROVINCE, O_YEAR, O_UNIT, O_AFTER, O_BEFORE };

static const cli_opt g_format_opts[] = {
    {"format", 'f', "F", "table json", "table (default) or json"},
    {NULL, 0, NULL, NULL, NULL}};

static const cli_opt g_place_opts[] = {
    {"province", O_PROVINCE, "P", NULL, "only plans of province P"},
    {"year", O_YEAR, "Y", NULL, "only plans of year Y"},
    {NULL, 0, NULL, NULL, NULL}};

static const cli_opt g_reports_opts[] = {
    {"to", O_TO, "UNIT", NULL, "the unit reported to (required)"},
    {"from", O_FROM, "UNIT", NULL, "only duties of this unit"},
    {NULL, 0, NULL, NULL, NULL}};

static const cli_opt g_deadlines_opts[] = {
    {"unit", O_UNIT, "UNIT", NULL, "only duties of this unit"},
    {"after", O_AFTER, "DATE", NULL, "on or after DATE (YYYY-MM-DD)"},
    {"before", O_BEFORE, "DATE", NULL, "on or before DATE (YYYY-MM-DD)"},
    {NULL, 0, NULL, NULL, NULL}};

static const cli_opt *const g_ask_tables[] = {
    cli_opts_db, g_format_opts, cli_opts_timeout, cli_opts_help, NULL};
static const cli_opt *const g_reports_tables[] = {
    g_reports_opts, g_place_opts, cli_opts_db, g_format_opts, cli_opts_timeout,
    cli_opts_help, NULL};
static const cli_opt *const g_deadlines_tables[] = {
    g_deadlines_opts, g_place_opts, cli_opts_db, g_format_opts,
    cli_opts_timeout, cli_opts_help, NULL};

static int run_ask(int argc, char **argv);
static int run_reports(int argc, char **argv);
static int run_deadlines(int argc, char **argv);

const cli_spec cli_spec_ask = {
    "ask", "answer a question: who reports to whom, deadlines, ...",
    "[--db FILE] [--format table|json] \"QUESTION\"",
    "Answer a question about the indexed plans, in Vietnamese or English,\n"
    "with or without tone marks.  Each answer names the document and the\n"
    "line it rests on.  Questions understood:",
    vb_ask_forms, g_ask_tables,
    "0 answered, 1 no answer found, 2 question not understood,\n"
    "3 index missing or unreadable, 5 stopped at --timeout (incomplete).",
    "vanban ask \"which units report to the Labour department?\"",
    run_ask};

const cli_spec cli_spec_reports = {
    "reports", "reporting duties to a unit (who reports to X)",
    "--to UNIT [--from UNIT] [--province P] [--year Y] [--db FILE]\n"
    "[--format table|json]",
    "Reporting duties to UNIT (any spelling: \"Sở LĐTBXH\", \"DOLISA\", \"the\n"
    "Labour department\"), with the sender, the deadline, the plan and the\n"
    "evidence line.  Same as: vanban ask \"which units report to UNIT?\"",
    NULL, g_reports_tables,
    "0 found, 1 none, 2 usage, 3 index error, 5 stopped at\n"
    "--timeout (the answers are incomplete).",
    "vanban reports --to \"Sở Lao động - Thương binh và Xã hội\" --province \"Sơn La\"",
    run_reports};

const cli_spec cli_spec_deadlines = {
    "deadlines", "dated duties between two dates, for a unit",
    "[--unit UNIT] [--after DATE] [--before DATE] [--province P] [--year Y]\n"
    "[--db FILE] [--format table|json]",
    "Dated duties, earliest first (yearly duties after dated ones), with\n"
    "what must be done, by whom, for whom, the plan and the evidence line.",
    NULL, g_deadlines_tables,
    "0 found, 1 none, 2 usage, 3 index error, 5 stopped at\n"
    "--timeout (the answers are incomplete).",
    "vanban deadlines --after 2021-12-01 --before 2021-12-31",
    run_deadlines};

static int run_ask(int argc, char **argv) {
  const char *db = NULL;
  cli_format fmt = FMT_TABLE;
  int c;
  cli_getopt g;
  cli_getopt_begin(&g, &cli_spec_ask);
  while ((c = cli_getopt_next(&g, argc, argv)) > 0) {
    switch (c) {
      case 'd': db = optarg; break;
      case 'f':
        if (cli_parse_format("ask", optarg, 1u << FMT_TABLE | 1u << FMT_JSON, &fmt) < 0)
          return CLI_USAGE;
        break;
      default: return cli_bad_option("ask", argv);
    }
  }
  if (c < 0) return cli_getopt_exit(c);
  if (optind >= argc) return cli_usage_error("ask", "no QUESTION given");
  /* Words given separately form one question. */
  char question[2048] = "";
  for (int i = optind; i < argc; i++) {
    if (strlen(question) + strlen(argv[i]) + 2 >= sizeof question)
      return cli_usage_error("ask", "the question is too long");
    if (i > optind) strcat(question, " ");
    strcat(question, argv[i]);
  }
  vb_question *q = NULL;
  vb_error err = {0};
  vb_status rc = vb_ask_parse(question, &q, &err);
  if (rc == VB_EQUERY) {
    fprintf(stderr, "vanban ask: I do not understand the question. Questions I understand:\n");
    for (const char *const *f = vb_ask_forms(); *f; f++) fprintf(stderr, "  %s\n", *f);
    return CLI_USAGE;
  }
  if (rc != VB_OK) {
    cli_error("ask: %s", vb_error_text(&err, rc));
    return cli_exit_code(rc);
  }
  int code = answer("ask", db, q, fmt);
  vb_question_free(q);
  return code;
}

/* Shared option loop of `reports` and `deadlines`. */
static int plain_command(const cli_spec *spec, int argc, char **argv,
                         vb_intent intent) {
  const char *cmd = spec->name;
  const char *db = NULL;
  cli_format fmt = FMT_TABLE;
  vb_question *q = vb_question_new(intent);
  if (!q) return CLI_INTERNAL;
  int c, code = -1;
  long v;
  vb_status rc = VB_OK;
  cli_getopt g;
  cli_getopt_begin(&g, spec);
  while (code < 0 && rc == VB_OK && (c = cli_getopt_next(&g, argc, argv)) > 0) {
    switch (c) {
      case 'd': db = optarg; break;
      case 'f':
        if (cli_parse_format(cmd, optarg, 1u << FMT_TABLE | 1u << FMT_JSON, &fmt) < 0)
          code = CLI_USAGE;
        break;
      case O_TO: rc = vb_question_set(&q->unit, optarg); break;
      case O_FROM: rc = vb_question_set(&q->from_unit, optarg); break;
      case O_UNIT: rc = vb_question_set(&q->unit, optarg); break;
      case O_AFTER: rc = vb_question_set(&q->after, optarg); break;
      case O_BEFORE: rc = vb_question_set(&q->before, optarg); break;
      case O_PROVINCE: rc = vb_question_set(&q->province, optarg); break;
      case O_YEAR:
        if ((v = cli_parse_long(cmd, "--year", optarg, 1900, 2200)) < 0)
          code = CLI_USAGE;
        else
          q->year = (int)v;
        break;
      default: code = cli_bad_option(cmd, argv);
    }
  }
  if (code < 0 && c < 0) code = cli_getopt_exit(c);
  if (rc != VB_OK) code = CLI_INTERNAL;
  if (code < 0 && optind < argc)
    code = cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
  if (code < 0 && intent == VB_ASK_REPORTS_TO && !q->unit)
    code = cli_usage_error(cmd, "--to UNIT is required");
  if (code < 0) code = answer(cmd, db, q, fmt);
  vb_question_free(q);
  return code;
}

static int run_reports(int argc, char **argv) {
  return plain_command(&cli_spec_reports, argc, argv, VB_ASK_REPORTS_TO);
}

static int run_deadlines(int argc, char **argv) {
  return plain_command(&cli_spec_deadlines, argc, argv, VB_ASK_DEADLINES);
}
