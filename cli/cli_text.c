/*
** cli_text.c: `vanban text FILE...` — print the text vanban reads.
*/
#include <getopt.h>
#include <string.h>

#include "reader.h"
#include "cli.h"

static void help(void) {
  fputs("usage: vanban text [--extra] [--props] FILE...\n"
        "\n"
        "Print the text vanban reads from each document: UTF-8 (NFC), one line\n"
        "per paragraph; DOCX and ODT in the accepted view of tracked changes.\n"
        "Line numbers of this text are the ones extraction evidence cites.\n"
        "\n"
        "  --extra     also print headers and footers (after a line '--- extra')\n"
        "  --props     also print document properties (title, creator, dates)\n"
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
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  int extra = 0, props = 0, c, failed = 0;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, "eph", longopts, NULL)) != -1) {
    switch (c) {
      case 'e': extra = 1; break;
      case 'p': props = 1; break;
      case 'h': help(); return CLI_OK;
      default: return cli_bad_option("text", argv);
    }
  }
  if (optind >= argc) return cli_usage_error("text", "no FILE given");
  for (int i = optind; i < argc; i++) {
    vb_doc *doc = NULL;
    vb_error err = {0};
    vb_status rc = vb_read_file(argv[i], NULL, &doc, &err);
    if (rc != VB_OK) {
      fprintf(stderr, "vanban: %s: %s\n", argv[i], vb_error_text(&err, rc));
      failed++;
      continue;
    }
    fwrite(doc->text, 1, doc->text_len, stdout);
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
  return failed ? CLI_PARTIAL : CLI_OK;
}
