/*
** cli_extract.c: `vanban extract FILE...` — records without an index.
*/
#include <stdlib.h>

#include "vanban.h"
#include "cli.h"

static const cli_opt g_extract_opts[] = {
    {"format", 'f', "F", "jsonl json",
     "jsonl (default: one record per line) or json (an array)"},
    {NULL, 0, NULL, NULL, NULL}};

static const cli_opt *const g_extract_tables[] = {g_extract_opts, cli_opts_ocr,
                                                  cli_opts_help, NULL};

static int run(int argc, char **argv);

const cli_spec cli_spec_extract = {
    "extract", "print extraction records without touching an index",
    "[--format jsonl|json] [--ocr MODE] FILE...",
    "Read each document and print its extraction record (see README:\n"
    "'The extraction record'), without touching an index.",
    NULL, g_extract_tables,
    "0 all files read, 1 some failed, 2 usage.",
    "vanban extract --format jsonl corpus/seeds/*.txt > records.jsonl",
    run};

static int run(int argc, char **argv) {
  cli_format fmt = FMT_JSONL;
  int c, failed = 0;
  vb_limits lim;
  vb_limits_default(&lim);
  cli_apply_read_limits(&lim);
  cli_getopt g;
  cli_getopt_begin(&g, &cli_spec_extract);
  while ((c = cli_getopt_next(&g, argc, argv)) > 0) {
    switch (c) {
      case 'f':
        if (cli_parse_format("extract", optarg,
                             1u << FMT_JSON | 1u << FMT_JSONL, &fmt) < 0)
          return CLI_USAGE;
        break;
      case CLI_O_OCR:
        if (cli_parse_ocr("extract", optarg, &lim.ocr_mode) < 0) return CLI_USAGE;
        break;
      default: return cli_bad_option("extract", argv);
    }
  }
  if (c < 0) return cli_getopt_exit(c);
  if (optind >= argc) return cli_usage_error("extract", "no FILE given");
  vb_error err = {0};
  vb_extractor *ex = NULL;
  vb_status rc = vb_extractor_new(&ex, &err);
  if (rc != VB_OK) {
    cli_error("%s", vb_error_text(&err, rc));
    return cli_exit_code(rc);
  }
  int first = 1;
  if (fmt == FMT_JSON) fputs("[\n", stdout);
  for (int i = optind; i < argc; i++) {
    vb_doc *doc = NULL;
    json_t *rec = NULL;
    rc = vb_read_file(argv[i], &lim, &doc, &err);
    if (rc == VB_OK) rc = vb_extract(ex, doc, &rec, &err);
    vb_doc_free(doc);
    if (rc != VB_OK) {
      fprintf(stderr, "vanban: %s: %s\n", argv[i], vb_error_text(&err, rc));
      failed++;
      continue;
    }
    if (fmt == FMT_JSON) {
      if (!first) fputs(",\n", stdout);
      json_dumpf(rec, stdout, JSON_INDENT(2));
    } else {
      cli_json_print(stdout, rec, 0);
    }
    first = 0;
    json_decref(rec);
  }
  if (fmt == FMT_JSON) fputs(first ? "]\n" : "\n]\n", stdout);
  vb_extractor_free(ex);
  vb_read_thread_end();
  return failed ? CLI_PARTIAL : CLI_OK;
}
