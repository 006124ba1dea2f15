/*
** cli_text.c: `vanban text FILE...` — print the text vanban reads.
*/
#include <string.h>

#include "vanban.h"
#include "cli.h"

static const cli_opt g_text_opts[] = {
    {"extra", 'e', NULL, NULL, "also print headers and footers (after a line '--- extra')"},
    {"props", 'p', NULL, NULL, "also print document properties (title, creator, dates)"},
    {"pages", 'P', NULL, NULL,
     "mark where each page of a PDF or image starts\n"
     "('--- page N ---' before page N, from the second on)"},
    {NULL, 0, NULL, NULL, NULL}};

static const cli_opt *const g_text_tables[] = {g_text_opts, cli_opts_ocr,
                                               cli_opts_help, NULL};

static int run(int argc, char **argv);

const cli_spec cli_spec_text = {
    "text", "print the text vanban reads from a document",
    "[--extra] [--props] [--pages] [--ocr MODE] FILE...",
    "Print the text vanban reads from each document: UTF-8 (NFC), one line\n"
    "per paragraph; DOCX and ODT in the accepted view of tracked changes.\n"
    "Line numbers of this text are the ones extraction evidence cites.",
    NULL, g_text_tables,
    "0 all files read, 1 some failed, 2 usage.",
    "vanban text plan.docx > plan.txt",
    run};

static int run(int argc, char **argv) {
  int extra = 0, props = 0, pages = 0, c, failed = 0;
  vb_limits lim;
  vb_limits_default(&lim);
  cli_apply_read_limits(&lim);
  cli_getopt g;
  cli_getopt_begin(&g, &cli_spec_text);
  while ((c = cli_getopt_next(&g, argc, argv)) > 0) {
    switch (c) {
      case 'e': extra = 1; break;
      case 'p': props = 1; break;
      case 'P': pages = 1; break;
      case CLI_O_OCR:
        if (cli_parse_ocr("text", optarg, &lim.ocr_mode) < 0) return CLI_USAGE;
        break;
      default: return cli_bad_option("text", argv);
    }
  }
  if (c < 0) return cli_getopt_exit(c);
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
