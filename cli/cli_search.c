/*
** cli_search.c: `vanban search` — options and the four output formats.
*/
#include <string.h>
#include <unistd.h>

#include "vanban.h"
#include "cli.h"

#define HL_COLOR_OPEN "\033[1;33m"
#define HL_COLOR_CLOSE "\033[0m"
#define HL_PLAIN_OPEN "«"
#define HL_PLAIN_CLOSE "»"

/* A snippet on one line: each run of white space that holds a line break
** becomes " / ", other runs one space. */
static void print_flat(const char *s) {
  while (s && *s) {
    if (*s == '\n' || *s == ' ' || *s == '\t') {
      int nl = 0;
      while (*s == '\n' || *s == ' ' || *s == '\t') nl |= *s++ == '\n';
      fputs(nl ? " / " : " ", stdout);
    } else {
      putchar(*s++);
    }
  }
}

/* Print the facet counts as a few lines. */
static void print_facets(json_t *facets) {
  static const char *const keys[] = {"province", "year", "issuer", "doc_type"};
  fputs("\nfacets:\n", stdout);
  for (int k = 0; k < 4; k++) {
    json_t *list = json_object_get(facets, keys[k]), *item;
    size_t j;
    printf("  %s:", keys[k]);
    json_array_foreach(list, j, item) {
      json_t *v = json_object_get(item, "value");
      if (json_is_integer(v))
        printf(" %lld", (long long)json_integer_value(v));
      else
        printf(" %s", json_is_string(v) ? json_string_value(v) : "(none)");
      printf(" (%lld)%s",
             (long long)json_integer_value(json_object_get(item, "count")),
             j + 1 < json_array_size(list) ? "," : "");
    }
    putchar('\n');
  }
}

/* One result in the table format. */
static void print_row(size_t i, const vb_hit *h) {
  if (h->para_id) {
    printf("%zu. %s:%d", i + 1, h->source, h->line);
    if (h->similarity > 0) {
      printf("  (wording %.0f%% alike", 100 * h->similarity);
      if (h->repeats)
        printf("; the same wording in %d other document%s", h->repeats,
               h->repeats > 1 ? "s" : "");
      putchar(')');
    }
    putchar('\n');
    if (h->heading) printf("   under: %s\n", h->heading);
    fputs("   ", stdout);
    print_flat(h->snippet && *h->snippet ? h->snippet : h->text);
    putchar('\n');
    return;
  }
  printf("%zu. %s", i + 1, h->source);
  if (h->doc_type || h->date) {
    fputs("  (", stdout);
    if (h->doc_type) fputs(h->doc_type, stdout);
    if (h->number && h->symbol) printf(" %s/%s", h->number, h->symbol);
    if (h->date) printf("%s%s", h->doc_type ? ", " : "", h->date);
    putchar(')');
  }
  putchar('\n');
  if (h->title) printf("   %s\n", h->title);
  if (h->snippet) {
    fputs("   ", stdout);
    print_flat(h->snippet);
    putchar('\n');
  }
  if (h->status) printf("   status: %s\n", h->status);
  for (int k = 0; k < h->nalso; k++) /* the other files of the document */
    printf("   %s %s\n",
           strcmp(h->also_kind[k], "version") == 0 ? "other version:" : "also as:",
           h->also[k]);
}

/* One result as a CSV row. */
static void print_csv_row(size_t i, const vb_hit *h) {
  char num[32], score[32], year[16], line[16], sim[32];
  snprintf(num, sizeof num, "%zu", i + 1);
  snprintf(score, sizeof score, "%.4f", h->score);
  snprintf(year, sizeof year, "%d", h->year);
  snprintf(line, sizeof line, "%d", h->line);
  const char *cols[] = {num, h->source, h->title, h->snippet, score,
                        h->doc_type, h->number, h->symbol, h->date,
                        h->year ? year : NULL, h->issuer, h->province,
                        h->para_id ? line : NULL, h->heading,
                        h->para_id ? h->text : NULL,
                        h->similarity > 0 ? sim : NULL};
  snprintf(sim, sizeof sim, "%.4f", h->similarity);
  for (int k = 0; k < 16; k++) cli_csv_field(stdout, cols[k], k == 0);
  fputs("\r\n", stdout);
}

size_t cli_print_results(const vb_results *res, cli_format fmt,
                         json_t *facets) {
  size_t n = vb_results_count(res);
  json_t *arr = fmt == FMT_JSON ? json_array() : NULL;
  if (fmt == FMT_CSV)
    fputs("rank,source,title,snippet,score,doc_type,number,symbol,date,year,"
          "issuer,province,line,heading,text,similarity\r\n",
          stdout);
  for (size_t i = 0; i < n; i++) {
    const vb_hit *h = vb_results_get(res, i);
    if (fmt == FMT_TABLE) {
      print_row(i, h);
    } else if (fmt == FMT_CSV) {
      print_csv_row(i, h);
    } else if (arr) {
      json_array_append_new(arr, vb_hit_json(h));
    } else {
      json_t *o1 = vb_hit_json(h);
      cli_json_print(stdout, o1, 0);
      json_decref(o1);
    }
  }
  if (arr && facets) {
    json_t *wrap = json_pack("{s:o, s:O}", "results", arr, "facets", facets);
    cli_json_print(stdout, wrap, 1);
    json_decref(wrap);
  } else if (arr) {
    cli_json_print(stdout, arr, 1);
    json_decref(arr);
  }
  if (facets && fmt == FMT_TABLE) print_facets(facets);
  return n;
}

int cli_filter_option(const char *cmd, int c, const char *arg,
                      vb_search_opts *o) {
  long v;
  switch (c) {
    case 'n':
      if ((v = cli_parse_long(cmd, "--limit", arg, 1, 10000)) < 0) return -1;
      o->limit = (int)v;
      return 1;
    case CLI_O_YEAR:
      if ((v = cli_parse_long(cmd, "--year", arg, 1900, 2200)) < 0) return -1;
      o->year = (int)v;
      return 1;
    case CLI_O_PROVINCE: o->province = arg; return 1;
    case CLI_O_FROM: o->from = arg; return 1;
    case CLI_O_TO: o->to = arg; return 1;
    case CLI_O_ISSUER: o->issuer = arg; return 1;
    case CLI_O_TYPE: o->doc_type = arg; return 1;
    case CLI_O_SYMBOL: o->symbol = arg; return 1;
  }
  return 0;
}

enum { O_FOLD = CLI_K, O_SORT, O_COLOR, O_PARAS, O_FACETS, O_IN_FORCE,
       O_STATUS, O_ALL_WORDS, O_NO_EXPAND, O_NO_GLOSSARY, O_EXPLAIN };

static const cli_opt g_search_opts[] = {
    {"format", 'f', "F", "table json jsonl csv", "table (default), json, jsonl or csv"},
    {"fold", O_FOLD, NULL, NULL, "ignore tone marks typed in the query too"},
    {"sort", O_SORT, "S", "relevance date",
     "relevance (default) or date (newest first)"},
    {"paragraphs", O_PARAS, NULL, NULL,
     "rank paragraphs (with their heading) instead of\n"
     "documents: the wording another plan used, ranked by\n"
     "the query's words found (not all needed), words standing\n"
     "together and the vocabulary's equivalent wordings"},
    {"all-words", O_ALL_WORDS, NULL, NULL,
     "with --paragraphs: only paragraphs holding every word"},
    {"no-expand", O_NO_EXPAND, NULL, NULL,
     "with --paragraphs: no equivalent wordings (\"UBND\" for\n"
     "\"ủy ban nhân dân\", \"nộp\" for \"gửi về\")"},
    {"no-glossary", O_NO_GLOSSARY, NULL, NULL,
     "with --paragraphs: not the glossary of paraphrase\n"
     "(\"bạo lực\" for \"bạo hành\"), the vocabulary still"},
    {"explain", O_EXPLAIN, NULL, NULL,
     "with --paragraphs: print the words searched and the\n"
     "equivalent wordings used on stderr"},
    {"facets", O_FACETS, NULL, NULL,
     "also count the matching documents per province, year,\n"
     "issuer and type (table and json formats)"},
    {"in-force", O_IN_FORCE, NULL, NULL,
     "leave out documents the index knows to be replaced\n"
     "or repealed (by a later document it holds)"},
    {"status", O_STATUS, NULL, NULL,
     "show what the index knows of each document's status:\n"
     "replaced, repealed or amended by which document"},
    {"color", O_COLOR, "WHEN", "auto always never",
     "highlight with colour: auto (default), always, never;\n"
     "without colour matches are marked «like this»"},
    {"colour", O_COLOR, "WHEN", "auto always never", NULL},
    {NULL, 0, NULL, NULL, NULL}};

static const cli_opt *const g_search_tables[] = {
    cli_opts_db, g_search_opts, cli_opts_filters, cli_opts_timeout,
    cli_opts_help, NULL};

static int run(int argc, char **argv);

const cli_spec cli_spec_search = {
    "search", "full-text search with ranked snippets",
    "[--db FILE] [--limit N] [--format F] [filters] QUERY",
    "Ranked full-text search.  QUERY is words and \"quoted phrases\"; a word\n"
    "typed without tone marks matches every marked spelling (\"binh dang\n"
    "gioi\" finds \"bình đẳng giới\"), a word with marks matches exactly.\n"
    "Also: word* (prefix), -word (exclude), a OR b, ( ... ).\n"
    "JSON results carry source, title, snippet, score (bm25, lower is\n"
    "better), doc_type, number, symbol, date, year, issuer, province;\n"
    "with --paragraphs also line, heading, text and repeats (other\n"
    "documents with the same wording, shown once).",
    NULL, g_search_tables,
    "0 results found, 1 none, 2 usage or malformed query,\n"
    "3 index missing or unreadable, 5 stopped at --timeout (incomplete).",
    "vanban search \"bình đẳng giới\"\n"
    "vanban search --format json --limit 3 'so lao dong'",
    run};

static int run(int argc, char **argv) {
  const char *db = NULL, *color = "auto";
  char *explained = NULL;
  int want_facets = 0;
  cli_format fmt = FMT_TABLE;
  vb_search_opts o;
  memset(&o, 0, sizeof o);
  int c;
  cli_getopt g;
  cli_getopt_begin(&g, &cli_spec_search);
  while ((c = cli_getopt_next(&g, argc, argv)) > 0) {
    int f = cli_filter_option("search", c, optarg, &o);
    if (f < 0) return CLI_USAGE;
    if (f > 0) continue;
    switch (c) {
      case 'd': db = optarg; break;
      case 'f':
        if (cli_parse_format("search", optarg, 0xF, &fmt) < 0) return CLI_USAGE;
        break;
      case O_FOLD: o.fold = 1; break;
      case O_SORT:
        if (strcmp(optarg, "date") == 0)
          o.sort = VB_SORT_DATE;
        else if (strcmp(optarg, "relevance") == 0 || strcmp(optarg, "rank") == 0)
          o.sort = VB_SORT_RANK;
        else
          return cli_usage_error("search", "--sort is relevance or date, not '%s'", optarg);
        break;
      case O_COLOR:
        if (strcmp(optarg, "auto") && strcmp(optarg, "always") && strcmp(optarg, "never"))
          return cli_usage_error("search", "--color is auto, always or never");
        color = optarg;
        break;
      case O_PARAS: o.paragraphs = 1; break;
      case O_ALL_WORDS: o.all_words = 1; break;
      case O_NO_EXPAND: o.no_expand = 1; break;
      case O_NO_GLOSSARY: o.no_gloss = 1; break;
      case O_EXPLAIN: o.explain = &explained; break;
      case O_FACETS: want_facets = 1; break;
      case O_IN_FORCE: o.in_force = 1; break;
      case O_STATUS: o.status = 1; break;
      default: return cli_bad_option("search", argv);
    }
  }
  if (c < 0) return cli_getopt_exit(c);
  if (optind >= argc) return cli_usage_error("search", "no QUERY given");
  if (optind + 1 < argc)
    return cli_usage_error("search", "give the query as one argument (quote it)");
  o.query = argv[optind];
  int use_color = fmt == FMT_TABLE &&
                  (strcmp(color, "always") == 0 ||
                   (strcmp(color, "auto") == 0 && isatty(1)));
  o.hl_open = use_color ? HL_COLOR_OPEN : HL_PLAIN_OPEN;
  o.hl_close = use_color ? HL_COLOR_CLOSE : HL_PLAIN_CLOSE;

  const char *path = cli_db_path(db);
  vb_index *idx = NULL;
  int code = cli_open_index(path, VB_INDEX_READ, &idx);
  if (code != CLI_OK) return code;
  vb_error err = {0};
  vb_status rc;
  vb_results *res = NULL;
  rc = vb_search(idx, &o, &res, &err);
  if (explained) fprintf(stderr, "vanban: searched: %s\n", explained);
  vb_free(explained);
  if (rc != VB_OK && !vb_index_expired(idx)) {
    if (rc == VB_EQUERY)
      cli_error("query: %s", vb_error_text(&err, rc));
    else
      cli_error("%s: %s", path, vb_error_text(&err, rc));
    vb_index_close(idx);
    return cli_exit_code(rc);
  }
  json_t *facets = NULL;
  if (rc == VB_OK && want_facets && (fmt == FMT_TABLE || fmt == FMT_JSON)) {
    rc = vb_facets(idx, &o, &facets, &err);
    if (rc != VB_OK && !vb_index_expired(idx)) {
      cli_error("%s: %s", path, vb_error_text(&err, rc));
      vb_results_free(res);
      vb_index_close(idx);
      return cli_exit_code(rc);
    }
  }
  size_t n = cli_print_results(res, fmt, facets);
  json_decref(facets);
  int late = cli_budget_stop(idx, "search");
  if (n == 0 && fmt == FMT_TABLE && !late) fputs("no results\n", stderr);
  vb_results_free(res);
  vb_index_close(idx);
  return late ? CLI_TIMEOUT : n ? CLI_OK : CLI_PARTIAL;
}
