/*
** cli_main.c: the vanban executable — dispatches git-style subcommands and
** holds the helpers every subcommand uses (errors, formats, CSV, JSON).
*/
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "vanban.h"
#include "cli.h"

const cli_spec *const cli_commands[] = {
    &cli_spec_ingest,  &cli_spec_search, &cli_spec_ask,     &cli_spec_reports,
    &cli_spec_deadlines, &cli_spec_similar, &cli_spec_show, &cli_spec_extract,
    &cli_spec_dump,    &cli_spec_text,   &cli_spec_tree,    &cli_spec_compare,
    &cli_spec_diff,    &cli_spec_serve,  NULL};

static void usage(FILE *f) {
  fprintf(f,
          "usage: vanban [--version] [--help] <command> [<args>]\n"
          "\n"
          "vanban reads Vietnamese government plans (.txt, .md, .docx, .odt),\n"
          "extracts their structure and answers searches over them.\n"
          "\n"
          "commands:\n");
  for (const cli_spec *const *c = cli_commands; *c; c++)
    fprintf(f, "  %-10s %s\n", (*c)->name, (*c)->summary);
  fprintf(f,
          "\n"
          "Run 'vanban <command> --help' for a command's options; 'vanban help\n"
          "--man' prints the manual page, 'vanban help --completion' the bash\n"
          "completion script.\n"
          "The index is vanban.db in the current directory unless --db or\n"
          "the VANBAN_DB environment variable names another file;\n"
          "VANBAN_TIMEOUT sets the default of --timeout.\n");
}

void cli_error(const char *fmt, ...) {
  va_list ap;
  fputs("vanban: error: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

int cli_usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "vanban %s: ", cmd);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nTry 'vanban %s --help'.\n", cmd);
  return CLI_USAGE;
}

int cli_bad_option(const char *cmd, char **argv) {
  const char *arg = optind > 0 ? argv[optind - 1] : "?";
  return cli_usage_error(cmd, "unknown option or missing value: '%s'", arg);
}

const char *cli_db_path(const char *opt) {
  if (opt && *opt) return opt;
  const char *env = getenv("VANBAN_DB");
  if (env && *env) return env;
  return "vanban.db";
}

double cli_timeout = CLI_DEFAULT_TIMEOUT;

/* Parse seconds for a time limit into *v: 0, or -1 when VALUE is not a
** number from 0 to 1e6. */
static int parse_seconds(const char *value, double *v) {
  char *end = NULL;
  errno = 0;
  *v = strtod(value, &end);
  if (errno || end == value || *end || !(*v >= 0) || *v > 1e6) return -1;
  return 0;
}

int cli_timeout_option(const char *cmd, const char *value) {
  double v;
  if (parse_seconds(value, &v))
    return cli_usage_error(cmd, "--timeout takes seconds (0: no limit), not '%s'",
                           value);
  cli_timeout = v;
  return 0;
}

static int cli_read_seconds; /* VANBAN_READ_SECONDS, 0: unset */

void cli_apply_read_limits(vb_limits *lim) {
  if (cli_read_seconds > 0) lim->max_seconds = cli_read_seconds;
}

int cli_budget_stop(vb_index *idx, const char *cmd) {
  if (!vb_index_expired(idx)) return 0;
  fprintf(stderr, "vanban: %s stopped after %g s: results may be incomplete\n",
          cmd, cli_timeout);
  return 1;
}

int cli_open_index(const char *path, int mode, vb_index **idx) {
  vb_error err = {0};
  vb_status rc = vb_index_open(path, mode, idx, &err);
  if (rc == VB_OK && mode == VB_INDEX_READ) {
    /* A reader leaves the write-ahead log and its index file in place when
    ** it closes (and checkpoints nothing: writing is ingest's work): each
    ** command then opens them instead of creating and deleting both files
    ** (about 0.7 ms of CPU per command, most of it the file system's). */
    (void)sqlite3_db_config(vb_index_db(*idx), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
                            1, NULL);
    const char *steps = getenv("VANBAN_BUDGET_STEPS");
    vb_index_set_budget(*idx, cli_timeout, steps ? strtol(steps, NULL, 10) : 0);
  }
  if (rc == VB_OK) return CLI_OK;
  cli_error("%s: %s", path, vb_error_text(&err, rc));
  return cli_exit_code(rc);
}

int cli_exit_code(vb_status rc) {
  switch (rc) {
    case VB_OK: return CLI_OK;
    case VB_EQUERY:
    case VB_EINVAL: return CLI_USAGE;
    case VB_EDB:
    case VB_EBUSY:
    case VB_ECORRUPT:
    case VB_ENOTFOUND:
    case VB_EIO: return CLI_INDEX;
    case VB_EINTERRUPTED: return CLI_INTERRUPTED;
    case VB_ETIMEOUT: return CLI_TIMEOUT;
    default: return CLI_INTERNAL;
  }
}

static const char *const g_format_names[] = {"table", "json", "jsonl", "csv"};

int cli_parse_format(const char *cmd, const char *value, unsigned allowed,
                     cli_format *fmt) {
  for (int i = 0; i < 4; i++)
    if ((allowed & (1u << i)) && strcmp(value, g_format_names[i]) == 0) {
      *fmt = (cli_format)i;
      return 0;
    }
  char list[64] = "";
  for (int i = 0; i < 4; i++)
    if (allowed & (1u << i)) {
      if (list[0]) strcat(list, ", ");
      strcat(list, g_format_names[i]);
    }
  cli_usage_error(cmd, "unknown format '%s' (one of: %s)", value, list);
  return -1;
}

void cli_json_print(FILE *f, json_t *v, int pretty) {
  json_dumpf(v, f, pretty ? JSON_INDENT(2) : JSON_COMPACT);
  fputc('\n', f);
}

void cli_put_path(FILE *f, const char *path) {
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    if (*p == '\n')
      fputs("\\n", f);
    else if (*p == '\t')
      fputs("\\t", f);
    else if (*p < 0x20 || *p == 0x7F)
      fprintf(f, "\\x%02X", *p);
    else
      fputc(*p, f);
  }
}

void cli_csv_field(FILE *f, const char *v, int first) {
  if (!first) fputc(',', f);
  if (!v) return;
  if (!strpbrk(v, ",\"\r\n")) {
    fputs(v, f);
    return;
  }
  fputc('"', f);
  for (const char *p = v; *p; p++) {
    if (*p == '"') fputc('"', f);
    fputc(*p, f);
  }
  fputc('"', f);
}

long cli_parse_long(const char *cmd, const char *opt, const char *value,
                    long min, long max) {
  char *end;
  errno = 0;
  long v = strtol(value, &end, 10);
  if (errno || end == value || *end || v < min || v > max) {
    cli_usage_error(cmd, "%s needs a number from %ld to %ld, not '%s'", opt,
                    min, max, value);
    return -1;
  }
  return v;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return CLI_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
      strcmp(cmd, "help") == 0) {
    if (argc > 2 && strcmp(cmd, "help") == 0) {
      if (strcmp(argv[2], "--man") == 0) {
        cli_man(stdout);
        return CLI_OK;
      }
      if (strcmp(argv[2], "--completion") == 0) {
        cli_completion(stdout);
        return CLI_OK;
      }
      for (const cli_spec *const *c = cli_commands; *c; c++)
        if (strcmp(argv[2], (*c)->name) == 0) {
          cli_help(stdout, *c);
          return CLI_OK;
        }
    }
    usage(stdout);
    return CLI_OK;
  }
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
    printf("vanban %s\n", VB_VERSION);
    return CLI_OK;
  }
  /* VANBAN_TIMEOUT sets the default of --timeout (test suites set 0 so
  ** that a loaded machine cannot cut a query short). */
  const char *read_s = getenv("VANBAN_READ_SECONDS");
  double rs = 0;
  if (read_s && *read_s && (parse_seconds(read_s, &rs) || rs < 1)) {
    fprintf(stderr, "vanban: VANBAN_READ_SECONDS takes seconds (1 or more), not '%s'\n",
            read_s);
    return CLI_USAGE;
  }
  cli_read_seconds = (int)rs;
  const char *timeout = getenv("VANBAN_TIMEOUT");
  if (timeout && *timeout && parse_seconds(timeout, &cli_timeout)) {
    fprintf(stderr, "vanban: VANBAN_TIMEOUT takes seconds (0: no limit), not '%s'\n",
            timeout);
    return CLI_USAGE;
  }
  for (const cli_spec *const *c = cli_commands; *c; c++)
    if (strcmp(cmd, (*c)->name) == 0) return (*c)->run(argc - 1, argv + 1);
  fprintf(stderr, "vanban: '%s' is not a vanban command. See 'vanban --help'.\n",
          cmd);
  return CLI_USAGE;
}
