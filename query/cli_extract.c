/*
** cli_extract.c: `vanban extract FILE...` — records without an index.
*/
#include <getopt.h>
#include <stdlib.h>

#include "../ingest/extract.h"
#include "cli.h"

static void help(void) {
  fputs("usage: vanban extract [--format jsonl|json] [--ocr MODE] FILE...\n"
        "\n"
        "Read each document and print its extraction record (see README:\n"
        "'The extraction record'), without touching an index.\n"
        "\n"
        "  --format F  jsonl (default: one record per line) or json (an array)\n"
        "  --ocr MODE  auto (default: OCR pages without a usable text layer),\n"
        "              always, or never\n"
        "  -h, --help  this help\n"
        "\n"
        "Exit status: 0 all files read, 1 some failed, 2 usage.\n"
        "\n"
        "example: vanban extract --format jsonl corpus/seeds/*.txt > records.jsonl\n",
        stdout);
}

int cli_extract(int argc, char **argv) {
  static const struct option longopts[] = {
      {"format", required_argument, NULL, 'f'},
      {"ocr", required_argument, NULL, 'o'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  cli_format fmt = FMT_JSONL;
  int c, failed = 0;
  vb_limits lim;
  vb_limits_default(&lim);
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
    switch (c) {
      case 'f':
        if (cli_parse_format("extract", optarg,
                             1u << FMT_JSON | 1u << FMT_JSONL, &fmt) < 0)
          return CLI_USAGE;
        break;
      case 'o':
        if (cli_parse_ocr("extract", optarg, &lim.ocr_mode) < 0) return CLI_USAGE;
        break;
      case 'h': help(); return CLI_OK;
      default: return cli_bad_option("extract", argv);
    }
  }
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
