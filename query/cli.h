/*
** cli.h: what the command-line front end's files share.  The front end
** (query/cli_*.c) only parses options, calls the library and prints; all
** the work is in the library.
**
** Exit codes (documented in README.md):
*/
#ifndef VB_CLI_H
#define VB_CLI_H

#include <jansson.h>
#include <stdio.h>

#include "../common/vb.h"

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

/* One subcommand: name, one-line summary, entry point. */
typedef struct cli_command {
  const char *name;
  const char *summary;
  int (*run)(int argc, char **argv);
} cli_command;

int cli_ingest(int argc, char **argv);
int cli_text(int argc, char **argv);
int cli_search(int argc, char **argv);
int cli_extract(int argc, char **argv);
int cli_dump(int argc, char **argv);
int cli_show(int argc, char **argv);
int cli_similar(int argc, char **argv);
int cli_ask(int argc, char **argv);
int cli_reports(int argc, char **argv);
int cli_deadlines(int argc, char **argv);

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
enum { CLI_O_TIMEOUT = 320 };
#define CLI_TIMEOUT_OPTION {"timeout", required_argument, NULL, CLI_O_TIMEOUT}
#define CLI_TIMEOUT_HELP \
  "  --timeout S       stop after S seconds (default 5; 0: no limit)\n"

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

/* Parse a positive integer option; -1 on error (message printed). */
long cli_parse_long(const char *cmd, const char *opt, const char *value,
                    long min, long max);

/* Filter options shared by search and similar (query/query.h filters). */
enum {
  CLI_O_PROVINCE = 300,
  CLI_O_YEAR,
  CLI_O_FROM,
  CLI_O_TO,
  CLI_O_ISSUER,
  CLI_O_TYPE,
  CLI_O_SYMBOL
};
#define CLI_FILTER_OPTIONS                                \
  {"limit", required_argument, NULL, 'n'},                \
  {"province", required_argument, NULL, CLI_O_PROVINCE},  \
  {"year", required_argument, NULL, CLI_O_YEAR},          \
  {"from", required_argument, NULL, CLI_O_FROM},          \
  {"to", required_argument, NULL, CLI_O_TO},              \
  {"issuer", required_argument, NULL, CLI_O_ISSUER},      \
  {"type", required_argument, NULL, CLI_O_TYPE},          \
  {"symbol", required_argument, NULL, CLI_O_SYMBOL}

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
