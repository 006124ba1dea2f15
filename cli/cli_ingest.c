/*
** cli_ingest.c: `vanban ingest` — options, progress and the summary line.
*/
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vanban.h"
#include "cli.h"

static volatile sig_atomic_t g_stop;

/* First SIGINT: finish the current batch; a second one kills at once. */
static void on_sigint(int sig) {
  (void)sig;
  g_stop = 1;
  signal(SIGINT, SIG_DFL);
}

typedef struct ingest_ui {
  int tty;         /* stderr is a terminal: show progress */
  int verbose;     /* list every file and its outcome */
  int progress_shown;
  struct timespec last;
} ingest_ui;

static void on_file(void *ctx, const char *source, vb_outcome outcome,
                    const vb_error *err) {
  ingest_ui *ui = ctx;
  if (outcome == VB_FAILED) {
    if (ui->progress_shown) fputs("\r\033[K", stderr);
    fputs("vanban: ", stderr);
    cli_put_path(stderr, source);
    fprintf(stderr, ": %s\n", vb_error_text(err, err ? err->code : VB_EIO));
  } else if (ui->verbose) {
    static const char *const names[] = {"added", "updated", "unchanged",
                                        "failed", "removed"};
    if (ui->progress_shown) fputs("\r\033[K", stderr);
    fprintf(stderr, "%-9s %s", names[outcome], source);
    if (err && err->msg[0]) fprintf(stderr, " (%s)", err->msg);
    fputc('\n', stderr);
  }
}

/* --verbose: the reader of a Word 97-2003 file or a saved page, and any
** legacy encoding converted (other files say nothing more than before). */
static void on_read(void *ctx, const char *source, const char *format,
                    const char *encoding) {
  ingest_ui *ui = ctx;
  int legacy_reader = !strcmp(format, "doc") || !strcmp(format, "html");
  if (!ui->verbose || (!legacy_reader && !encoding[0])) return;
  if (ui->progress_shown) fputs("\r\033[K", stderr);
  fprintf(stderr, "%-9s %s: reader %s%s%s\n", "read", source, format,
          encoding[0] ? ", encoding " : "", encoding);
}

static void on_progress(void *ctx, const vb_ingest_stats *st, int64_t total) {
  ingest_ui *ui = ctx;
  if (!ui->tty) return;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  int64_t done = st->added + st->updated + st->unchanged + st->failed;
  double dt = (double)(now.tv_sec - ui->last.tv_sec) +
              (double)(now.tv_nsec - ui->last.tv_nsec) / 1e9;
  if (dt < 0.1 && done < total) return;
  ui->last = now;
  fprintf(stderr, "\r\033[K[%lld/%lld] %lld added, %lld updated, %lld unchanged, %lld failed",
          (long long)done, (long long)total, (long long)st->added,
          (long long)st->updated, (long long)st->unchanged,
          (long long)st->failed);
  ui->progress_shown = 1;
}

static const cli_opt g_ingest_opts[] = {
    {"prune", 'p', NULL, NULL,
     "remove indexed files that are gone from the directories"},
    {"jobs", 'j', "N", NULL, "reader threads (default 2)"},
    {"batch", 'b', "N", NULL, "documents per transaction (default 200)"},
    {"verbose", 'v', NULL, NULL, "list every file with its outcome"},
    {"quiet", 'q', NULL, NULL, "no summary line"},
    {NULL, 0, NULL, NULL, NULL}};

static const cli_opt *const g_ingest_tables[] = {
    cli_opts_db, g_ingest_opts, cli_opts_ocr, cli_opts_help, NULL};

static int run(int argc, char **argv);

const cli_spec cli_spec_ingest = {
    "ingest", "add files and directories to the index",
    "[--db FILE] [--prune] [--jobs N] [--batch N] [--ocr MODE] [--verbose]\n"
    "[--quiet] PATH...",
    "Read files and directories (recursively) into the index: plain text\n"
    "(.txt, .md; UTF-8, UTF-16, or TCVN3/VNI/Windows-1258 told from the\n"
    "bytes), Word (.docx, .doc), OpenDocument (.odt), RTF (.rtf), saved web\n"
    "pages (.html, .htm), PDF (.pdf) and images (.png, .jpg, .tif: OCR).  A\n"
    "file already indexed with the same content is skipped; a changed one\n"
    "replaces its old version.  Each bad file gets one line on stderr with\n"
    "the reason and the rest go on.",
    NULL, g_ingest_tables,
    "0 all files read, 1 some failed, 2 usage, 3 index error,\n"
    "130 interrupted (committed batches are kept).",
    "vanban ingest corpus/",
    run};

static int run(int argc, char **argv) {
  const char *db = NULL;
  int quiet = 0;
  long v;
  ingest_ui ui = {0};
  vb_ingest_opts o;
  vb_ingest_opts_default(&o);
  cli_apply_read_limits(&o.limits);
  int c;
  cli_getopt g;
  cli_getopt_begin(&g, &cli_spec_ingest);
  while ((c = cli_getopt_next(&g, argc, argv)) > 0) {
    switch (c) {
      case 'd': db = optarg; break;
      case 'p': o.prune = 1; break;
      case 'j':
        if ((v = cli_parse_long("ingest", "--jobs", optarg, 1, 64)) < 0)
          return CLI_USAGE;
        o.workers = (int)v;
        break;
      case 'b':
        if ((v = cli_parse_long("ingest", "--batch", optarg, 1, 1000000)) < 0)
          return CLI_USAGE;
        o.batch_docs = (int)v;
        break;
      case CLI_O_OCR:
        if (cli_parse_ocr("ingest", optarg, &o.limits.ocr_mode) < 0) return CLI_USAGE;
        break;
      case 'v': ui.verbose = 1; break;
      case 'q': quiet = 1; break;
      default: return cli_bad_option("ingest", argv);
    }
  }
  if (c < 0) return cli_getopt_exit(c);
  if (optind >= argc) return cli_usage_error("ingest", "no PATH given");
  const char *path = cli_db_path(db);
  vb_index *idx = NULL;
  int code = cli_open_index(path, VB_INDEX_WRITE, &idx);
  if (code != CLI_OK) return code;
  vb_error err = {0};
  vb_status rc;
  ui.tty = isatty(2);
  o.on_file = on_file;
  o.on_read = on_read;
  o.on_progress = on_progress;
  o.ctx = &ui;
  o.stop = &g_stop;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigint;
  sigaction(SIGINT, &sa, NULL);
  vb_ingest_stats st;
  rc = vb_ingest(idx, path, (const char *const *)argv + optind, argc - optind,
                 &o, &st, &err);
  vb_index_close(idx);
  if (ui.progress_shown) fputs("\r\033[K", stderr);
  if (!quiet) {
    printf("%lld added, %lld updated, %lld unchanged, %lld failed",
           (long long)st.added, (long long)st.updated,
           (long long)st.unchanged, (long long)st.failed);
    if (o.prune) printf(", %lld removed", (long long)st.removed);
    if (st.bulk) printf(" (bulk load: list indexes built at the end)");
    putchar('\n');
  }
  if (rc == VB_EINTERRUPTED) {
    cli_error("interrupted; every committed batch is kept");
    return CLI_INTERRUPTED;
  }
  if (rc != VB_OK) {
    cli_error("%s: %s", path, vb_error_text(&err, rc));
    return cli_exit_code(rc);
  }
  return st.failed ? CLI_PARTIAL : CLI_OK;
}
