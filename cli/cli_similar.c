/*
** cli_similar.c: `vanban similar` — paragraphs of other documents worded
** like a given text or a paragraph of a file.
*/
#include <stdlib.h>
#include <string.h>

#include "vanban.h"
#include "cli.h"

typedef struct find_para {
  size_t line;
  char *text;  /* the paragraph holding line (vb_malloc'd) */
} find_para;

static int take_para(void *ctx, const vb_para *p) {
  find_para *f = ctx;
  if (p->line > f->line && f->text) return 1;
  vb_free(f->text);
  f->text = vb_strndup(p->text, p->len);
  return f->text == NULL;
}

/* The text to compare from FILE[:LINE]; NULL after printing an error. */
static char *text_of_file(const char *arg, char **source) {
  char *path = vb_strdup(arg);
  if (!path) return NULL;
  size_t line = 0;
  char *colon = strrchr(path, ':');
  if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
    line = (size_t)strtoul(colon + 1, NULL, 10);
    *colon = '\0';
  }
  vb_doc *doc = NULL;
  vb_error err = {0};
  vb_status rc = vb_read_file(path, NULL, &doc, &err);
  if (rc != VB_OK) {
    fprintf(stderr, "vanban: %s: %s\n", path, vb_error_text(&err, rc));
    vb_free(path);
    return NULL;
  }
  char *text;
  if (line) {
    find_para f = {line, NULL};
    vb_paragraphs_each(doc->text, doc->text_len, take_para, &f);
    text = f.text;
    if (!text) fprintf(stderr, "vanban: %s: no paragraph at line %zu\n", path, line);
  } else {
    text = vb_strndup(doc->text, doc->text_len);
  }
  vb_doc_free(doc);
  const char *p = path;
  while (p[0] == '.' && p[1] == '/') p += 2;
  *source = vb_strdup(p);
  vb_free(path);
  return text;
}

enum { O_TEXT = CLI_K };

static const cli_opt g_similar_opts[] = {
    {"text", O_TEXT, "TEXT", NULL, "the wording to compare"},
    {"format", 'f', "F", "table json jsonl csv", "table (default), json, jsonl or csv"},
    {NULL, 0, NULL, NULL, NULL}};

static const cli_opt *const g_similar_tables[] = {
    g_similar_opts, cli_opts_db, cli_opts_filters, cli_opts_timeout,
    cli_opts_help, NULL};

static int run(int argc, char **argv);

const cli_spec cli_spec_similar = {
    "similar", "paragraphs of other plans worded like a text",
    "[--db FILE] [--limit N] [--format F] [filters] (--text \"TEXT\" | FILE[:LINE])",
    "Paragraphs of other documents with the most similar wording, best\n"
    "first, for a clerk looking for precedent: the paragraph another plan\n"
    "used for the same duty.  The same wording repeated across documents\n"
    "is shown once, with the number of other documents that repeat it.\n"
    "Tone marks do not matter.  With FILE:LINE the paragraph at that line\n"
    "of FILE is compared (without LINE, the start of the file), and FILE's\n"
    "own paragraphs are left out.  The filters are those of search.",
    NULL, g_similar_tables,
    "0 found, 1 none, 2 usage, 3 index error, 5 stopped at\n"
    "--timeout (incomplete).",
    "vanban similar --text \"bao cao ket qua thuc hien ve So Lao dong\"\n"
    "vanban similar corpus/seeds/001_6747b2af0e194c38.txt:120",
    run};

static int run(int argc, char **argv) {
  const char *db = NULL, *text_opt = NULL;
  cli_format fmt = FMT_TABLE;
  vb_search_opts o;
  memset(&o, 0, sizeof o);
  int c;
  cli_getopt g;
  cli_getopt_begin(&g, &cli_spec_similar);
  while ((c = cli_getopt_next(&g, argc, argv)) > 0) {
    int f = cli_filter_option("similar", c, optarg, &o);
    if (f < 0) return CLI_USAGE;
    if (f > 0) continue;
    switch (c) {
      case 'd': db = optarg; break;
      case 'f':
        if (cli_parse_format("similar", optarg, 0xF, &fmt) < 0) return CLI_USAGE;
        break;
      case O_TEXT: text_opt = optarg; break;
      default: return cli_bad_option("similar", argv);
    }
  }
  if (c < 0) return cli_getopt_exit(c);
  if (!text_opt && optind >= argc)
    return cli_usage_error("similar", "give --text TEXT or FILE[:LINE]");
  if (text_opt && optind < argc)
    return cli_usage_error("similar", "give either --text or FILE, not both");
  if (optind + 1 < argc) return cli_usage_error("similar", "give one FILE");
  char *source = NULL, *text = NULL;
  if (text_opt) {
    text = vb_strdup(text_opt);
  } else {
    text = text_of_file(argv[optind], &source);
    if (!text) return CLI_PARTIAL;
  }
  const char *path = cli_db_path(db);
  vb_index *idx = NULL;
  int code = cli_open_index(path, VB_INDEX_READ, &idx);
  if (code != CLI_OK) {
    vb_free(text);
    vb_free(source);
    return code;
  }
  vb_error err = {0};
  vb_results *res = NULL;
  vb_status rc = vb_similar_paragraphs(idx, text, source, &o, &res, &err);
  vb_free(text);
  vb_free(source);
  if (rc != VB_OK && !vb_index_expired(idx)) {
    if (rc == VB_EQUERY)
      cli_error("similar: %s", vb_error_text(&err, rc));
    else
      cli_error("%s: %s", path, vb_error_text(&err, rc));
    vb_index_close(idx);
    return cli_exit_code(rc);
  }
  size_t n = cli_print_results(res, fmt, NULL);
  int late = cli_budget_stop(idx, "similar");
  if (n == 0 && fmt == FMT_TABLE && !late) fputs("no similar paragraph\n", stderr);
  vb_results_free(res);
  vb_index_close(idx);
  return late ? CLI_TIMEOUT : n ? CLI_OK : CLI_PARTIAL;
}
