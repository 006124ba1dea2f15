/*
** cli_opts.c: the option tables of the command line and what is made from
** them.  Each command describes itself once, in a cli_spec (cli.h): its
** synopsis, description, option tables, exit status and examples.  From
** that one description this file makes getopt_long's arrays, the command's
** --help, the manual page vanban(1) and the bash completion script, so the
** four can never disagree.
*/
#include <string.h>
#include <utf8proc.h>

#include "reader.h"
#include "cli.h"

const cli_opt cli_opts_db[] = {
    {"db", 'd', "FILE", NULL, "the index (default: $VANBAN_DB or ./vanban.db)"},
    {NULL, 0, NULL, NULL, NULL}};

const cli_opt cli_opts_help[] = {
    {"help", 'h', NULL, NULL, "this help"},
    {NULL, 0, NULL, NULL, NULL}};

const cli_opt cli_opts_filters[] = {
    {"limit", 'n', "N", NULL, "results to show (default 10)"},
    {"province", CLI_O_PROVINCE, "P",  NULL,
     "only documents of province P (as named in the\n"
     "document, or the province it belongs to since 2025)"},
    {"year", CLI_O_YEAR, "Y", NULL, "only documents of year Y"},
    {"from", CLI_O_FROM, "D", NULL, "date of issue on or after D (YYYY-MM-DD)"},
    {"to", CLI_O_TO, "D", NULL, "date of issue on or before D (YYYY-MM-DD)"},
    {"issuer", CLI_O_ISSUER, "TEXT", NULL, "issuer containing TEXT"},
    {"type", CLI_O_TYPE, "T", NULL, "document type (Kế hoạch, Quyết định, ...)"},
    {"symbol", CLI_O_SYMBOL, "S", NULL, "symbol (KH-UBND, ...)"},
    {NULL, 0, NULL, NULL, NULL}};

const cli_opt cli_opts_ocr[] = {
    {"ocr", CLI_O_OCR, "MODE", "auto always never",
     "auto (default: OCR the pages of PDFs without a usable\n"
     "text layer, and images), always, or never"},
    {NULL, 0, NULL, NULL, NULL}};

const cli_opt cli_opts_timeout[] = {
    {"timeout", CLI_O_TIMEOUT, "S", NULL,
     "stop the queries after S seconds and print what was\n"
     "found (default 5; 0: no limit)"},
    {NULL, 0, NULL, NULL, NULL}};

int cli_parse_ocr(const char *cmd, const char *value, int *mode) {
  if (strcmp(value, "auto") == 0)
    *mode = VB_OCR_AUTO;
  else if (strcmp(value, "always") == 0)
    *mode = VB_OCR_ALWAYS;
  else if (strcmp(value, "never") == 0)
    *mode = VB_OCR_NEVER;
  else
    return cli_usage_error(cmd, "--ocr takes auto, always or never, not '%s'",
                           value), -1;
  return 0;
}

/* For every option o of spec, in the order --help lists them. */
#define EACH_OPT(spec, o)                                              \
  for (const cli_opt *const *t_ = (spec)->opts; *t_; t_++)            \
    for (const cli_opt *o = *t_; o->name; o++)

void cli_getopt_begin(cli_getopt *g, const cli_spec *spec) {
  size_t n = 0, k = 0;
  memset(g, 0, sizeof *g);
  g->spec = spec;
  optind = 1;
  opterr = 0;
  g->shortopts[k++] = ':'; /* a missing value is reported as ':' */
  EACH_OPT(spec, o) {
    if (n == CLI_GETOPT_MAX) break; /* a programming error; caught by tests */
    g->longopts[n].name = o->name;
    g->longopts[n].has_arg = o->arg ? required_argument : no_argument;
    g->longopts[n].flag = NULL;
    g->longopts[n].val = o->key;
    n++;
    if (o->key > 0 && o->key < 128 && !strchr(g->shortopts, o->key)) {
      g->shortopts[k++] = (char)o->key;
      if (o->arg) g->shortopts[k++] = ':';
    }
  }
}

int cli_getopt_next(cli_getopt *g, int argc, char **argv) {
  int c = getopt_long(argc, argv, g->shortopts, g->longopts, NULL);
  while (c == CLI_O_TIMEOUT) { /* the same for every command */
    if (cli_timeout_option(g->spec->name, optarg)) return CLI_GETOPT_BAD;
    c = getopt_long(argc, argv, g->shortopts, g->longopts, NULL);
  }
  if (c == -1) return 0;
  if (c == 'h') {
    cli_help(stdout, g->spec);
    return CLI_GETOPT_HELP;
  }
  if (c == '?' || c == ':') {
    cli_bad_option(g->spec->name, argv);
    return CLI_GETOPT_BAD;
  }
  return c;
}

int cli_getopt_exit(int c) { return c == CLI_GETOPT_HELP ? CLI_OK : CLI_USAGE; }

/* "-n, --limit N" or "--db FILE" into buf. */
static void opt_label(const cli_opt *o, char *buf, size_t cap) {
  if (o->key > 0 && o->key < 128)
    snprintf(buf, cap, "-%c, --%s%s%s", o->key, o->name, o->arg ? " " : "",
             o->arg ? o->arg : "");
  else
    snprintf(buf, cap, "--%s%s%s", o->name, o->arg ? " " : "",
             o->arg ? o->arg : "");
}

/* Columns of UTF-8 text (code points, not bytes). */
static size_t columns(const char *s) {
  size_t n = 0;
  for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

void cli_help(FILE *f, const cli_spec *spec) {
  /* The synopsis; its further lines line up under its first. */
  int indent = fprintf(f, "usage: vanban %s ", spec->name);
  for (const char *p = spec->synopsis; *p; p++) {
    fputc(*p, f);
    if (*p == '\n') fprintf(f, "%*s", indent, "");
  }
  fprintf(f, "\n\n%s\n", spec->description);
  if (spec->items) {
    fputc('\n', f);
    for (const char *const *i = spec->items(); *i; i++) fprintf(f, "  %s\n", *i);
  }
  fputc('\n', f);
  EACH_OPT(spec, o) {
    if (!o->help) continue;
    char label[96];
    opt_label(o, label, sizeof label);
    fprintf(f, "  %s", label);
    size_t w = 2 + columns(label);
    const char *p = o->help;
    if (w >= 22) { /* a long label: the help starts on the next line */
      fputc('\n', f);
      w = 0;
    }
    while (*p) {
      const char *nl = strchr(p, '\n');
      int len = nl ? (int)(nl - p) : (int)strlen(p);
      fprintf(f, "%*s%.*s\n", (int)(22 - w), "", len, p);
      w = 0;
      p += len + (nl != NULL);
    }
  }
  fprintf(f, "\nExit status: %s\n", spec->exit_status);
  const char *ex = spec->examples;
  for (int first = 1; ex && *ex; first = 0) {
    const char *nl = strchr(ex, '\n');
    size_t len = nl ? (size_t)(nl - ex) : strlen(ex);
    fprintf(f, "%s%.*s\n", first ? "\nexample: " : "         ", (int)len, ex);
    ex += len + (nl != NULL);
  }
}

/* Text for man(7): a backslash as \e, a line starting with '.' or '\''
** protected, '-' as \- (so options copy and paste), and every character
** beyond ASCII as \[uXXXX], which any troff renders. */
static void roff(FILE *f, const char *s, size_t n) {
  int bol = 1;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if ((unsigned char)c >= 0x80) {
      utf8proc_int32_t cp;
      utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                            (utf8proc_ssize_t)(n - i), &cp);
      if (l > 0) {
        fprintf(f, "\\[u%04X]", (unsigned)cp);
        i += (size_t)l - 1;
      }
      bol = 0;
      continue;
    }
    if (bol && (c == '.' || c == '\'')) fputs("\\&", f);
    bol = c == '\n';
    if (c == '\\')
      fputs("\\e", f);
    else if (c == '-')
      fputs("\\-", f);
    else
      fputc(c, f);
  }
}

static void roff_str(FILE *f, const char *s) { roff(f, s, strlen(s)); }

/* Running text (the page fills its lines), ended by a newline. */
static void roff_lines(FILE *f, const char *s) {
  roff_str(f, s);
  fputc('\n', f);
}

void cli_man(FILE *f) {
  fprintf(f,
          ".\\\" vanban(1): made by `vanban help --man` from the option tables\n"
          ".\\\" of the command line (cli/cli_*.c); do not edit.\n"
          ".TH VANBAN 1 \"\" \"vanban %s\" \"User Commands\"\n"
          ".SH NAME\nvanban \\- read, extract, index and question Vietnamese "
          "government documents\n"
          ".SH SYNOPSIS\n.B vanban\n.I command\n[\\fIoptions\\fR]\n"
          "[\\fIargs\\fR]\n.br\n.B vanban \\-\\-version\n"
          ".SH DESCRIPTION\n"
          "vanban reads Vietnamese government documents (plans, decisions,\n"
          "letters, reports), extracts their structure (number, date, issuer,\n"
          "references, units and their tasks, deadlines, reporting duties),\n"
          "each value with the line it came from, indexes them in one SQLite\n"
          "file and answers searches and questions over them.\n"
          ".PP\nThe index is \\fBvanban.db\\fR in the current directory unless\n"
          "\\fB\\-\\-db\\fR or the \\fBVANBAN_DB\\fR environment variable names "
          "another file.\n"
          ".SH COMMANDS\n",
          VB_VERSION);
  for (const cli_spec *const *c = cli_commands; *c; c++) {
    const cli_spec *s = *c;
    fprintf(f, ".SS \"vanban %s\"\n.B vanban %s\n", s->name, s->name);
    roff_str(f, s->synopsis);
    fputs("\n.PP\n", f);
    roff_lines(f, s->description);
    if (s->items) {
      fputs(".RS\n.nf\n", f);
      for (const char *const *i = s->items(); *i; i++) {
        roff_str(f, *i);
        fputc('\n', f);
      }
      fputs(".fi\n.RE\n", f);
    }
    EACH_OPT(s, o) {
      if (!o->help) continue;
      char label[96];
      opt_label(o, label, sizeof label);
      fputs(".TP\n.B ", f);
      roff_str(f, label);
      fputc('\n', f);
      roff_lines(f, o->help);
      if (o->choices) {
        fputs(".br\n(", f);
        roff_str(f, o->choices);
        fputs(")\n", f);
      }
    }
    fputs(".PP\nExit status: ", f);
    roff_str(f, s->exit_status);
    fputc('\n', f);
    if (s->examples && *s->examples) {
      fputs(".PP\nExamples:\n.RS\n.nf\n", f);
      roff_str(f, s->examples);
      fputs("\n.fi\n.RE\n", f);
    }
  }
  fputs(".SH EXIT STATUS\n"
        ".TP\n0\nsuccess (search: at least one result)\n"
        ".TP\n1\nnothing found, or some input files failed (the others were "
        "processed)\n"
        ".TP\n2\nbad command line or malformed query\n"
        ".TP\n3\nthe index is missing, locked, damaged or not writable\n"
        ".TP\n4\ninternal error (out of memory)\n"
        ".TP\n5\na query ran past \\fB\\-\\-timeout\\fR: what was found is "
        "printed\n"
        ".TP\n130\ninterrupted (committed batches are kept)\n"
        ".SH ENVIRONMENT\n.TP\n.B VANBAN_DB\nthe index file, when \\fB\\-\\-db"
        "\\fR is not given\n"
        ".TP\n.B VANBAN_TIMEOUT\nthe default of \\fB\\-\\-timeout\\fR in "
        "seconds (5 when unset; 0: no limit)\n"
        ".TP\n.B VANBAN_READ_SECONDS\nthe wall time one PDF or scanned "
        "document may take to read, OCR included (120 when unset)\n"
        ".SH FILES\n.TP\n.B vanban.db\nthe default index: one SQLite file "
        "(its schema is in the README)\n",
        f);
}

void cli_completion(FILE *f) {
  fputs("# bash completion for vanban: made by `vanban help --completion`\n"
        "# from the option tables of the command line; do not edit.\n"
        "_vanban() {\n"
        "  local cur prev cmd\n"
        "  cur=${COMP_WORDS[COMP_CWORD]}\n"
        "  prev=${COMP_WORDS[COMP_CWORD-1]}\n"
        "  cmd=${COMP_WORDS[1]}\n"
        "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
        "    COMPREPLY=($(compgen -W '--help --version",
        f);
  for (const cli_spec *const *c = cli_commands; *c; c++)
    fprintf(f, " %s", (*c)->name);
  fputs("' -- \"$cur\"))\n    return\n  fi\n  case \"$cmd $prev\" in\n", f);
  for (const cli_spec *const *c = cli_commands; *c; c++)
    EACH_OPT(*c, o) {
      if (o->choices)
        fprintf(f, "    \"%s --%s\") COMPREPLY=($(compgen -W '%s' -- \"$cur\"));"
                   " return;;\n",
                (*c)->name, o->name, o->choices);
      else if (o->arg && strcmp(o->arg, "FILE") == 0)
        fprintf(f, "    \"%s --%s\") COMPREPLY=($(compgen -f -- \"$cur\"));"
                   " return;;\n",
                (*c)->name, o->name);
      else if (o->arg)
        fprintf(f, "    \"%s --%s\") return;;\n", (*c)->name, o->name);
    }
  fputs("  esac\n  case \"$cmd\" in\n", f);
  for (const cli_spec *const *c = cli_commands; *c; c++) {
    fprintf(f, "    %s) opts='", (*c)->name);
    int first = 1;
    EACH_OPT(*c, o) {
      fprintf(f, "%s--%s", first ? "" : " ", o->name);
      first = 0;
    }
    fputs("';;\n", f);
  }
  fputs("    *) return;;\n  esac\n"
        "  if [[ $cur == -* ]]; then\n"
        "    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
        "  else\n"
        "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
        "  fi\n"
        "}\n"
        "complete -o filenames -F _vanban vanban\n",
        f);
}
