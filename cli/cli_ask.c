/*
** cli_ask.c: `vanban ask "QUESTION"` and the plain subcommands for the same
** answers, `vanban reports` and `vanban deadlines`.  The library parses
** and answers (query/ask.h); this file reads options and prints.
*/
#include <string.h>

#include "vanban.h"
#include "cli.h"

static const char *str(json_t *o, const char *key) {
  const char *v = json_string_value(json_object_get(o, key));
  return v ? v : "";
}

/* "Bắc Kạn · corpus/x.txt · Kế hoạch 622/KH-UBND, 2021-10-18" */
static void print_doc_header(json_t *a) {
  printf("\n%s%s%s", str(a, "province"), *str(a, "province") ? " · " : "",
         str(a, "source"));
  if (*str(a, "doc_type")) printf(" · %s", str(a, "doc_type"));
  if (*str(a, "symbol"))
    printf(" %s%s%s", str(a, "number"), *str(a, "number") ? "/" : "/",
           str(a, "symbol"));
  if (*str(a, "date")) printf(", %s", str(a, "date"));
  putchar('\n');
  if (*str(a, "title")) printf("  %s\n", str(a, "title"));
}

/* The evidence line, unless it is the one just printed (several answers
** often rest on one sentence). */
static void print_evidence(json_t *a, long long *last) {
  json_t *line = json_object_get(a, "line");
  if (json_is_integer(line) && json_integer_value(line) == *last) return;
  *last = json_is_integer(line) ? json_integer_value(line) : -1;
  if (json_is_integer(line))
    printf("      line %lld: %s\n", (long long)json_integer_value(line),
           str(a, "evidence"));
}

/* A deadline as people read it: "2021-12-20", "10 June each year". */
static void print_date(const char *date, const char *recurs) {
  static const char *const months[] = {"January", "February", "March",
                                       "April", "May", "June", "July",
                                       "August", "September", "October",
                                       "November", "December"};
  int m, d;
  if (recurs && strcmp(recurs, "yearly") == 0 &&
      sscanf(date, "--%2d-%2d", &m, &d) == 2 && m >= 1 && m <= 12)
    printf("%d %s each year", d, months[m - 1]);
  else
    fputs(*date ? date : "no date", stdout);
}

static void print_table(json_t *res) {
  const char *intent = str(res, "intent");
  json_t *answers = json_object_get(res, "answers"), *a;
  size_t i;
  const char *last_source = NULL;
  long long last_line = -1;
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
  json_array_foreach(answers, i, a) {
    if (!last_source || strcmp(last_source, str(a, "source")) != 0) {
      print_doc_header(a);
      last_source = str(a, "source");
      last_line = -1;
    }
    if (strcmp(intent, "reports_to") == 0) {
      printf("  • %s", str(a, "from"));
      if (*str(a, "via")) printf(" (via %s)", str(a, "via"));
      printf(" → %s", str(a, "to"));
      if (*str(a, "by")) {
        fputs(", by ", stdout);
        print_date(str(a, "by"), strncmp(str(a, "by"), "--", 2) == 0 ? "yearly" : NULL);
      }
      putchar('\n');
    } else if (strcmp(intent, "deadlines") == 0) {
      fputs("  • ", stdout);
      print_date(str(a, "deadline"), str(a, "recurs"));
      printf(": %s", str(a, "what"));
      json_t *who = json_object_get(a, "who");
      if (json_array_size(who)) {
        fputs(" — ", stdout);
        json_t *w;
        size_t k;
        json_array_foreach(who, k, w) printf("%s%s", k ? "; " : "", json_string_value(w));
      }
      if (*str(a, "to")) printf(" → %s", str(a, "to"));
      putchar('\n');
    } else if (strcmp(intent, "plans_assigning") == 0) {
      printf("  • %s (%lld tasks)\n", str(a, "unit"),
             (long long)json_integer_value(json_object_get(a, "tasks")));
    } else if (strcmp(intent, "provinces_implementing") == 0) {
      json_t *lag = json_object_get(a, "lag_days");
      if (json_is_integer(lag))
        printf("  • %lld days after it\n", (long long)json_integer_value(lag));
      if (*str(a, "via")) printf("  • through %s\n", str(a, "via"));
    } else if (strcmp(intent, "plans_citing") == 0) {
      if (*str(a, "relation")) printf("  • %s", str(a, "relation"));
      printf("%s%s %s", *str(a, "relation") ? " " : "  • ", str(a, "ref_type"),
             str(a, "ref_id"));
      if (*str(a, "ref_date")) printf(" of %s", str(a, "ref_date"));
      if (*str(a, "ref_issuer")) printf(", %s", str(a, "ref_issuer"));
      putchar('\n');
    } else {
      printf("  • %s: %s\n", str(a, "unit"), *str(a, "task") ? str(a, "task") : "(no task listed)");
    }
    print_evidence(a, &last_line);
  }
  json_t *without = json_object_get(res, "without"), *w;
  if (without) { /* provinces_implementing */
    printf("\nWithout a plan (%zu of the 63 provinces before July 2025):",
           json_array_size(without));
    json_array_foreach(without, i, w) printf("%s %s", i ? "," : "",
                                            json_string_value(w));
    putchar('\n');
  }
}

/* Run q and print; returns the exit code. */
static int answer(const char *cmd, const char *db, vb_question *q,
                  cli_format fmt) {
  const char *path = cli_db_path(db);
  vb_index *idx = NULL;
  int code = cli_open_index(path, VB_INDEX_READ, &idx);
  if (code != CLI_OK) return code;
  vb_error err = {0};
  vb_status rc;
  json_t *res = NULL;
  rc = vb_ask_run(idx, q, &res, &err);
  int late = vb_index_expired(idx);
  if (rc != VB_OK && !late) {
    vb_index_close(idx);
    cli_error("%s: %s", cmd, vb_error_text(&err, rc));
    return cli_exit_code(rc);
  }
  long long n = json_integer_value(json_object_get(res, "count"));
  if (res && fmt == FMT_JSON)
    cli_json_print(stdout, res, 1);
  else if (n == 0 && !late)
    printf("No answer: nothing in the index matches.\n");
  else if (n)
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
