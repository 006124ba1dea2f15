/*
** cli.h: what the command-line front end's files share.  The front end
** (cli/cli_*.c) only parses options, calls the library and prints; all
** the work is in the library.
**
** Exit codes (documented in README.md):
*/
#ifndef VB_CLI_H
#define VB_CLI_H

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>

#include "vb.h"
#include "reader.h" /* vb_limits */

enum {
  CLI_OK = 0,          /* success */
  CLI_PARTIAL = 1,     /* nothing found, or some inputs failed */
  CLI_USAGE = 2,       /* bad command line or malformed query */
  CLI_INDEX = 3,       /* the index is missing, busy, damaged or unwritable */
  CLI_INTERNAL = 4,    /* out of memory or another internal failure */
  CLI_TIMEOUT = 5,     /* a query ran past --timeout; output incomplete */
  CLI_INTERRUPTED = 130 /* stopped by SIGINT */
};

typedef enum cli_format {
  FMT_TABLE,
  FMT_JSON,
  FMT_JSONL,
  FMT_CSV
} cli_format;

/* One option of a command: the single source of its getopt entry, its
** line in --help, its entry in the manual and its bash completion. */
typedef struct cli_opt {
  const char *name;    /* long name without "--"; NULL ends a table */
  int key;             /* getopt's value: a letter for a short option that
                          is shown ("-n"), or a code >= 256 for none */
  const char *arg;     /* name of the option's value ("FILE"), NULL: a flag */
  const char *choices; /* the values it takes, space-separated, or NULL
                          (for completion; the help text names them) */
  const char *help;    /* what it does (lines joined by '\n'); NULL: a
                          hidden alias of the option before it */
} cli_opt;

/* A short letter shown in --help is a key below 128; other keys are codes
** (CLI_K + n) that getopt returns but no short option has. */
#define CLI_K 256

/* One command: everything its --help, the manual and completion say. */
typedef struct cli_spec {
  const char *name;        /* "search" */
  const char *summary;     /* one line, for `vanban --help` */
  const char *synopsis;    /* what follows the command name in usage */
  const char *description; /* paragraphs, lines joined by '\n' */
  const char *const *(*items)(void); /* NULL, or lines listed after the
                                        description (ask's question forms) */
  const cli_opt *const *opts; /* option tables, NULL-ended; each table
                                 ends with an entry whose name is NULL */
  const char *exit_status; /* "0 found, 1 none, ..." */
  const char *examples;    /* one example per line */
  int (*run)(int argc, char **argv);
} cli_spec;

/* Options that several commands share (cli_opts.c). */
extern const cli_opt cli_opts_db[];      /* --db FILE ('d') */
extern const cli_opt cli_opts_help[];    /* -h, --help ('h') */
extern const cli_opt cli_opts_filters[]; /* -n/--limit and the search
                                            filters (CLI_O_*) */
extern const cli_opt cli_opts_ocr[];     /* --ocr MODE (CLI_O_OCR) */
extern const cli_opt cli_opts_timeout[]; /* --timeout S: handled by
                                            cli_getopt_next() itself */

/* The option parser over a spec.  Usage:
**
**   cli_getopt g;
**   cli_getopt_begin(&g, &spec);
**   while ((c = cli_getopt_next(&g, argc, argv)) > 0) switch (c) { ... }
**   if (c < 0) return cli_getopt_exit(c);   (help shown, or a bad option)
**   ... argv[optind] onwards are the operands ...
**
** cli_getopt_next returns an option's key with its value in optarg, 0
** at the end of the options, CLI_GETOPT_HELP after printing --help, or
** CLI_GETOPT_BAD after printing a usage error. */
#define CLI_GETOPT_MAX 48
typedef struct cli_getopt {
  const cli_spec *spec;
  struct option longopts[CLI_GETOPT_MAX + 1];
  char shortopts[2 * CLI_GETOPT_MAX + 2];
} cli_getopt;
#define CLI_GETOPT_HELP (-1)
#define CLI_GETOPT_BAD (-2)
void cli_getopt_begin(cli_getopt *g, const cli_spec *spec);
int cli_getopt_next(cli_getopt *g, int argc, char **argv);
int cli_getopt_exit(int c); /* CLI_OK after help, CLI_USAGE after an error */

/* Print a command's --help, made from its spec. */
void cli_help(FILE *f, const cli_spec *spec);

/* Every command, in the order `vanban --help` lists them (cli_main.c). */
extern const cli_spec *const cli_commands[];

/* The manual page vanban(1) in man(7) format, and a bash completion
** script, both made from the specs of every command (`vanban help --man`,
** `vanban help --completion`; the build writes them to files). */
void cli_man(FILE *f);
void cli_completion(FILE *f);

extern const cli_spec cli_spec_ingest, cli_spec_text, cli_spec_search,
    cli_spec_extract, cli_spec_dump, cli_spec_show, cli_spec_similar,
    cli_spec_ask, cli_spec_reports, cli_spec_deadlines, cli_spec_serve,
    cli_spec_tree, cli_spec_compare, cli_spec_diff;

/* Print "vanban: error: <msg>" (or "vanban: <cmd>: ...") on stderr. */
void cli_error(const char *fmt, ...) VB_PRINTF(1, 2);

/* Print a usage error, a hint to --help, and return CLI_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) VB_PRINTF(2, 3);

/* Report the option getopt_long() just refused (unknown, or missing its
** value) and return CLI_USAGE. */
int cli_bad_option(const char *cmd, char **argv);

/* The index path: --db value, else $VANBAN_DB, else "vanban.db". */
const char *cli_db_path(const char *opt);

/* Open the index at path, printing the reason on failure.  Returns CLI_OK
** (and *idx) or the exit code to return. */
struct vb_index;
int cli_open_index(const char *path, int mode, struct vb_index **idx);

/* The query budget: every command that reads the index runs its queries
** under a time limit of cli_timeout seconds (--timeout; 0: none), set by
** cli_open_index() for a read.  The environment variable
** VANBAN_BUDGET_STEPS=N (for tests) also stops them after N checks of the
** budget, whatever the machine's speed. */
#define CLI_DEFAULT_TIMEOUT 5.0
extern double cli_timeout;

/* Parse a --timeout value into cli_timeout; 0, or after printing a usage
** error CLI_USAGE. */
int cli_timeout_option(const char *cmd, const char *value);

/* If idx's budget ran out, print "vanban: CMD stopped after S s: results
** may be incomplete" and return 1; else 0. */
int cli_budget_stop(struct vb_index *idx, const char *cmd);

/* Exit code for a library status. */
int cli_exit_code(vb_status rc);

/* Parse a --format value among the allowed ones (a mask of 1 << FMT_*).
** Returns 0 and sets *fmt, or prints an error and returns -1. */
int cli_parse_format(const char *cmd, const char *value, unsigned allowed,
                     cli_format *fmt);

/* Write one JSON value on a line (compact) or pretty (indent 2). */
void cli_json_print(FILE *f, json_t *v, int pretty);

/* Write a file path on one line: control characters (a newline in a file
** name) are shown as \n, \t or \xHH. */
void cli_put_path(FILE *f, const char *path);

/* Write one CSV field (RFC 4180 quoting when needed); sep before it if
** not first. */
void cli_csv_field(FILE *f, const char *v, int first);

/* Parse an --ocr value (auto, always, never: VB_OCR_* of reader.h) into
** *mode; -1 on error (message printed). */
int cli_parse_ocr(const char *cmd, const char *value, int *mode);

/* Apply to lim what the environment asks of the readers:
** VANBAN_READ_SECONDS, the wall time one paged document (PDF, OCR) may
** take instead of VB_LIMIT_SECONDS (test suites on loaded machines set a
** large one).  Read once by main(). */
void cli_apply_read_limits(vb_limits *lim);

/* Parse a positive integer option; -1 on error (message printed). */
long cli_parse_long(const char *cmd, const char *opt, const char *value,
                    long min, long max);

/* Keys of the filter options shared by search and similar. */
enum {
  CLI_O_PROVINCE = CLI_K + 44,
  CLI_O_YEAR,
  CLI_O_FROM,
  CLI_O_TO,
  CLI_O_ISSUER,
  CLI_O_TYPE,
  CLI_O_SYMBOL,
  CLI_O_OCR,
  CLI_O_TIMEOUT
};

/* Apply option c (from getopt_long) if it is a filter or -n/--limit:
** returns 1 when handled, 0 when c is another option, -1 after printing
** a usage error. */
struct vb_search_opts;
int cli_filter_option(const char *cmd, int c, const char *arg,
                      struct vb_search_opts *o);

/* Print search results (query/query.h) in a format, with facets (may be
** NULL) for table and JSON.  Returns the number of results. */
struct vb_results;
size_t cli_print_results(const struct vb_results *res, cli_format fmt,
                         json_t *facets);

#endif /* VB_CLI_H */
