/*
** cli_text.c: `vanban text FILE...` — print the text vanban reads.
**
** Several files are read on worker threads (--jobs, default one per core),
** each thread in its own reader state as ingest's workers are (read/reader.h:
** vb_read_file is thread-safe, vb_read_thread_end releases a thread's
** state); the main thread prints each document, or its one error line, in
** the order the files were given, so the output is byte for byte that of a
** serial run.  At most jobs * TEXT_AHEAD documents are held at once.
*/
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "vanban.h"
#include "cli.h"

#define TEXT_AHEAD 4 /* documents read ahead per thread */

static const cli_opt g_text_opts[] = {
    {"extra", 'e', NULL, NULL, "also print headers and footers (after a line '--- extra')"},
    {"props", 'p', NULL, NULL, "also print document properties (title, creator, dates)"},
    {"pages", 'P', NULL, NULL,
     "mark where each page of a PDF or image starts\n"
     "('--- page N ---' before page N, from the second on)"},
    {"jobs", 'j', "N", NULL,
     "reader threads (default: the number of cores); the output is\n"
     "in the order of the files whatever N is"},
    {NULL, 0, NULL, NULL, NULL}};

static const cli_opt *const g_text_tables[] = {g_text_opts, cli_opts_ocr,
                                               cli_opts_help, NULL};

static int run(int argc, char **argv);

const cli_spec cli_spec_text = {
    "text", "print the text vanban reads from a document",
    "[--extra] [--props] [--pages] [--jobs N] [--ocr MODE] FILE...",
    "Print the text vanban reads from each document: UTF-8 (NFC), one line\n"
    "per paragraph; DOCX and ODT in the accepted view of tracked changes.\n"
    "Line numbers of this text are the ones extraction evidence cites.",
    NULL, g_text_tables,
    "0 all files read, 1 some failed, 2 usage.",
    "vanban text plan.docx > plan.txt",
    run};

/* One file's outcome, waiting to be printed. */
typedef struct text_slot {
  vb_doc *doc;   /* owned until printed; NULL on failure */
  vb_status rc;
  vb_error err;
  int done;      /* read, not yet printed */
} text_slot;

/* The files, the window of slots and the two cursors. */
typedef struct text_job {
  char **paths;
  size_t n;
  const vb_limits *lim;
  text_slot *slot;   /* window entries; file i goes to slot[i % window] */
  size_t window;
  size_t next;       /* next file to read */
  size_t printed;    /* files printed */
  pthread_mutex_t mu;
  pthread_cond_t cv;
} text_job;

/* Print one document as `vanban text` shows it. */
static void print_doc(const vb_doc *doc, int pages, int extra, int props) {
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
}

/* Worker: read files in turn while they fit in the window ahead of the
** printer, then release this thread's reader state. */
static void *text_worker(void *arg) {
  text_job *j = arg;
  for (;;) {
    pthread_mutex_lock(&j->mu);
    while (j->next < j->n && j->next >= j->printed + j->window)
      pthread_cond_wait(&j->cv, &j->mu);
    size_t i = j->next;
    if (i < j->n) j->next++;
    pthread_mutex_unlock(&j->mu);
    if (i >= j->n) break;
    text_slot s = {0};
    s.rc = vb_read_file(j->paths[i], j->lim, &s.doc, &s.err);
    s.done = 1;
    pthread_mutex_lock(&j->mu);
    j->slot[i % j->window] = s;
    pthread_cond_broadcast(&j->cv);
    pthread_mutex_unlock(&j->mu);
  }
  vb_read_thread_end();
  return NULL;
}

/* Start up to jobs workers (the main thread only prints); the number
** started, 0 when none could be (the files are then read serially). */
static int text_start(text_job *j, pthread_t *tids, int jobs) {
  int started = 0;
  for (int i = 0; i < jobs; i++) {
    if (pthread_create(&tids[i], NULL, text_worker, j) != 0) break;
    started++;
  }
  return started;
}

/* Take file i's outcome (waiting for a worker, or reading it here when no
** worker runs) into *s and free its slot. */
static void text_take(text_job *j, int threaded, size_t i, text_slot *s) {
  if (!threaded) {
    memset(s, 0, sizeof *s);
    s->rc = vb_read_file(j->paths[i], j->lim, &s->doc, &s->err);
    return;
  }
  pthread_mutex_lock(&j->mu);
  text_slot *t = &j->slot[i % j->window];
  while (!t->done) pthread_cond_wait(&j->cv, &j->mu);
  *s = *t;
  memset(t, 0, sizeof *t);
  j->printed++;
  pthread_cond_broadcast(&j->cv);
  pthread_mutex_unlock(&j->mu);
}

/* The number of cores online, at least 1 and at most 64. */
static int cores(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

static int run(int argc, char **argv) {
  int extra = 0, props = 0, pages = 0, c, failed = 0, jobs = cores();
  long v;
  vb_limits lim;
  vb_limits_default(&lim);
  cli_apply_read_limits(&lim);
  lim.no_hash = 1; /* text prints what it read and stores nothing */
  cli_getopt g;
  cli_getopt_begin(&g, &cli_spec_text);
  while ((c = cli_getopt_next(&g, argc, argv)) > 0) {
    switch (c) {
      case 'e': extra = 1; break;
      case 'p': props = 1; break;
      case 'P': pages = 1; break;
      case 'j':
        if ((v = cli_parse_long("text", "--jobs", optarg, 1, 64)) < 0)
          return CLI_USAGE;
        jobs = (int)v;
        break;
      case CLI_O_OCR:
        if (cli_parse_ocr("text", optarg, &lim.ocr_mode) < 0) return CLI_USAGE;
        break;
      default: return cli_bad_option("text", argv);
    }
  }
  if (c < 0) return cli_getopt_exit(c);
  if (optind >= argc) return cli_usage_error("text", "no FILE given");

  text_job j;
  memset(&j, 0, sizeof j);
  j.paths = argv + optind;
  j.n = (size_t)(argc - optind);
  j.lim = &lim;
  if ((size_t)jobs > j.n) jobs = (int)j.n;
  pthread_t tids[64];
  int started = 0;
  if (jobs > 1) {
    j.window = (size_t)jobs * TEXT_AHEAD;
    j.slot = vb_calloc(j.window, sizeof *j.slot);
    if (j.slot) {
      pthread_mutex_init(&j.mu, NULL);
      pthread_cond_init(&j.cv, NULL);
      started = text_start(&j, tids, jobs);
      if (!started) {
        pthread_mutex_destroy(&j.mu);
        pthread_cond_destroy(&j.cv);
      }
    }
  }
  for (size_t i = 0; i < j.n; i++) {
    text_slot s;
    text_take(&j, started > 0, i, &s);
    if (s.rc != VB_OK) {
      fprintf(stderr, "vanban: %s: %s\n", j.paths[i], vb_error_text(&s.err, s.rc));
      failed++;
      continue;
    }
    print_doc(s.doc, pages, extra, props);
    vb_doc_free(s.doc);
  }
  if (started) {
    for (int i = 0; i < started; i++) pthread_join(tids[i], NULL);
    pthread_mutex_destroy(&j.mu);
    pthread_cond_destroy(&j.cv);
  }
  vb_free(j.slot);
  vb_read_thread_end();
  return failed ? CLI_PARTIAL : CLI_OK;
}
