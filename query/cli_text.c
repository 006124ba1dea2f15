/*
** cli_text.c: `vanban text FILE...` — print the text vanban reads.
*/
#include <getopt.h>
#include <string.h>

#include "../ingest/reader.h"
#include "cli.h"

static void help(void) {
  fputs("usage: vanban text [--extra] [--props] [--pages] [--ocr MODE] FILE...\n"
        "\n"
        "Print the text vanban reads from each document: UTF-8 (NFC), one line\n"
        "per paragraph; DOCX and ODT in the accepted view of tracked changes.\n"
        "Line numbers of this text are the ones extraction evidence cites.\n"
        "\n"
        "  --extra     also print headers and footers (after a line '--- extra')\n"
        "  --props     also print document properties (title, creator, dates)\n"
        "  --pages     mark where each page of a PDF or image starts\n"
        "              ('--- page N ---' before page N, from the second on)\n"
        "  --ocr MODE  auto (default: OCR pages without a usable text layer),\n"
        "              always, or never\n"
        "  -h, --help  this help\n"
        "\n"
        "Exit status: 0 all files read, 1 some failed, 2 usage.\n"
        "\n"
        "example: vanban text plan.docx > plan.txt\n",
        stdout);
}

int cli_text(int argc, char **argv) {
  static const struct option longopts[] = {
      {"extra", no_argument, NULL, 'e'},
      {"props", no_argument, NULL, 'p'},
      {"pages", no_argument, NULL, 'P'},
      {"ocr", required_argument, NULL, 'o'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  int extra = 0, props = 0, pages = 0, c, failed = 0;
  vb_limits lim;
  vb_limits_default(&lim);
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "eph", longopts, NULL)) != -1) {
    switch (c) {
      case 'e': extra = 1; break;
      case 'p': props = 1; break;
      case 'P': pages = 1; break;
      case 'o':
        if (cli_parse_ocr("text", optarg, &lim.ocr_mode) < 0) return CLI_USAGE;
        break;
      case 'h': help(); return CLI_OK;
      default: return cli_bad_option("text", argv);
    }
  }
  if (optind >= argc) return cli_usage_error("text", "no FILE given");
  for (int i = optind; i < argc; i++) {
    vb_doc *doc = NULL;
    vb_error err = {0};
    vb_status rc = vb_read_file(argv[i], &lim, &doc, &err);
    if (rc != VB_OK) {
      fprintf(stderr, "vanban: %s: %s\n", argv[i], vb_error_text(&err, rc));
      failed++;
      continue;
    }
    if (pages && doc->npages > 1) { /* a marker before each page's lines */
      const char *t = doc->text, *end = t + doc->text_len;
      size_t line = 1, p = 1;
      while (t < end) {
        while (p < doc->npages && doc->page_line[p] <= line)
          printf("--- page %zu ---\n", ++p);
        const char *nl = memchr(t, '\n', (size_t)(end - t));
        size_t n = nl ? (size_t)(nl - t) + 1 : (size_t)(end - t);
        fwrite(t, 1, n, stdout);
        t += n;
        line++;
      }
      while (p < doc->npages) printf("--- page %zu ---\n", ++p);
    } else {
      fwrite(doc->text, 1, doc->text_len, stdout);
    }
    if (doc->text_len && doc->text[doc->text_len - 1] != '\n') putchar('\n');
    if (extra && doc->extra && doc->extra_len) {
      fputs("--- extra\n", stdout);
      fwrite(doc->extra, 1, doc->extra_len, stdout);
      if (doc->extra[doc->extra_len - 1] != '\n') putchar('\n');
    }
    if (props) {
      const char *names[] = {"title", "creator", "created", "modified"};
      const char *vals[] = {doc->prop_title, doc->prop_creator,
                            doc->prop_created, doc->prop_modified};
      fputs("--- properties\n", stdout);
      for (int k = 0; k < 4; k++)
        if (vals[k]) printf("%s: %s\n", names[k], vals[k]);
    }
    vb_doc_free(doc);
  }
  vb_read_thread_end();
  return failed ? CLI_PARTIAL : CLI_OK;
}
