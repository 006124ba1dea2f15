/*
** pipeline.c: the ingest job (see pipeline.h).
**
**   walk      the main thread lists candidate files (sorted, loop-safe)
**   workers   each takes the next file, reads it, hashes it, checks the
**             stored hash through its own read-only connection, and if the
**             file is new or changed, decodes and extracts it
**   writer    the main thread stores results in batched transactions
**
** Results travel through a bounded window, so memory stays flat whatever the
** number of files: at most `QUEUE_PER_WORKER * workers` documents are held.
** The writer stores them in the order of the walk, not in the order the
** workers finish, so that the same files always make the same index (row
** ids, which file of a document came first).
*/
#include "pipeline.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "text.h"
#include "extract.h"

#define QUEUE_PER_WORKER 4  /* results in flight per worker */

/* A run becomes a bulk load (see vb_index_bulk_begin) once it has stored
** BULK_AFTER_DOCS documents and has at least as many files left, and a
** quarter as many as the index held when it started: then building the
** list indexes again at the end costs less than keeping them up to date. */
#define BULK_AFTER_DOCS 2000
/* A run that stores at least 1/MERGE_SHARE of what the index held ends by
** merging the full-text indexes into one segment (vb_index_merge). */
#define MERGE_SHARE 10
#define WALK_MAX_DEPTH 64   /* directory nesting followed by the walk */

void vb_ingest_opts_default(vb_ingest_opts *o) {
  memset(o, 0, sizeof *o);
  o->workers = 2;
  o->batch_docs = 200;
  o->batch_bytes = (size_t)32 << 20;
  vb_limits_default(&o->limits);
}

/* ---- The walk ---- */

typedef struct walk_item {
  char *path;        /* normalised path */
  int explicit_arg;  /* named on the command line */
  vb_error err;      /* set when the walk itself failed on this path */
  int failed;
} walk_item;

typedef struct walk {
  walk_item *items;
  size_t n, cap;
  struct { dev_t dev; ino_t ino; } *seen; /* directories on the stack */
  size_t nseen, capseen;
} walk;

/* Copy path without "./" prefixes, doubled or trailing slashes. */
static char *normalise_path(const char *p) {
  while (p[0] == '.' && p[1] == '/') {
    p += 2;
    while (*p == '/' && p[1]) p++;
  }
  size_t n = strlen(p);
  char *out = vb_malloc(n + 1), *o = out;
  if (!out) return NULL;
  for (size_t i = 0; i < n; i++) {
    if (p[i] == '/' && o > out && o[-1] == '/') continue;
    *o++ = p[i];
  }
  while (o - out > 1 && o[-1] == '/') o--;
  if (o == out) *o++ = '.';
  *o = '\0';
  return out;
}

static vb_status walk_add(walk *w, char *path, int explicit_arg,
                          const vb_error *err) {
  if (vb_grow(&w->items, &w->cap, w->n + 1, sizeof *w->items) != VB_OK) {
    vb_free(path);
    return VB_ENOMEM;
  }
  walk_item *it = &w->items[w->n++];
  memset(it, 0, sizeof *it);
  it->path = path;
  it->explicit_arg = explicit_arg;
  if (err) {
    it->err = *err;
    it->failed = 1;
  }
  return VB_OK;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walk directory `dir` (already normalised, owned by caller). */
static vb_status walk_dir(walk *w, const char *dir, int depth) {
  struct stat st;
  vb_error e = {0};
  if (stat(dir, &st) != 0) return VB_OK;
  for (size_t i = 0; i < w->nseen; i++)
    if (w->seen[i].dev == st.st_dev && w->seen[i].ino == st.st_ino) {
      vb_error_set(&e, VB_EIO, "directory loop (symbolic link to a parent)");
      char *p = vb_strdup(dir);
      return p ? walk_add(w, p, 0, &e) : VB_ENOMEM;
    }
  if (depth > WALK_MAX_DEPTH) {
    vb_error_set(&e, VB_ELIMIT, "directories nested deeper than %d",
                 WALK_MAX_DEPTH);
    char *p = vb_strdup(dir);
    return p ? walk_add(w, p, 0, &e) : VB_ENOMEM;
  }
  DIR *d = opendir(dir);
  if (!d) {
    vb_error_set(&e, VB_EIO, "cannot open directory: %s", strerror(errno));
    char *p = vb_strdup(dir);
    return p ? walk_add(w, p, 0, &e) : VB_ENOMEM;
  }
  if (vb_grow(&w->seen, &w->capseen, w->nseen + 1, sizeof *w->seen) != VB_OK) {
    closedir(d);
    return VB_ENOMEM;
  }
  w->seen[w->nseen].dev = st.st_dev;
  w->seen[w->nseen].ino = st.st_ino;
  w->nseen++;
  /* Read the names, sort them, then visit: a stable order every time. */
  char **names = NULL;
  size_t n = 0, cap = 0;
  vb_status rc = VB_OK;
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.') continue; /* ., .., hidden files */
    if (vb_grow(&names, &cap, n + 1, sizeof *names) != VB_OK) {
      rc = VB_ENOMEM;
      break;
    }
    size_t dl = strlen(dir), nl = strlen(de->d_name);
    char *p = vb_malloc(dl + nl + 2);
    if (!p) {
      rc = VB_ENOMEM;
      break;
    }
    memcpy(p, dir, dl);
    p[dl] = '/';
    memcpy(p + dl + 1, de->d_name, nl + 1);
    names[n++] = p;
  }
  closedir(d);
  if (n) qsort(names, n, sizeof *names, cmp_str);
  for (size_t i = 0; i < n; i++) {
    char *p = names[i];
    names[i] = NULL;
    if (rc != VB_OK) {
      vb_free(p);
      continue;
    }
    struct stat cs;
    if (stat(p, &cs) != 0) {
      /* A dangling link or a file that vanished: report if it looks like
      ** a document, skip otherwise. */
      if (vb_reader_for_path(p)) {
        vb_error_set(&e, VB_EIO, "%s", strerror(errno));
        rc = walk_add(w, p, 0, &e);
      } else {
        vb_free(p);
      }
    } else if (S_ISDIR(cs.st_mode)) {
      rc = walk_dir(w, p, depth + 1);
      vb_free(p);
    } else if (S_ISREG(cs.st_mode) && vb_reader_for_path(p)) {
      rc = walk_add(w, p, 0, NULL);
    } else {
      vb_free(p);
    }
  }
  vb_free(names);
  w->nseen--;
  return rc;
}

static void walk_free(walk *w) {
  for (size_t i = 0; i < w->n; i++) vb_free(w->items[i].path);
  vb_free(w->items);
  vb_free(w->seen);
}

/* ---- Worker threads and the result queue ---- */

typedef struct result {
  size_t item;       /* index into walk.items */
  vb_outcome outcome;
  vb_doc *doc;       /* for ADDED (the writer decides added/updated) */
  json_t *record;
  vb_prepared prep;    /* computed by the worker, stored by the writer */
  vb_error err;
  vb_error note;     /* how a paged file was read (code VB_OK), or empty */
  int64_t bytes;
  int full;          /* the slot holds this result (job.ring) */
} result;

typedef struct job {
  walk *w;
  const vb_ingest_opts *opts;
  const char *db_path;
  const vb_extractor *ex;
  pthread_mutex_t mu;
  pthread_cond_t not_full, not_empty;
  result *ring;       /* item i waits in slot i % cap */
  size_t cap, wnext, count; /* wnext: the item the writer takes next */
  size_t next;        /* next walk item to take */
  int running;        /* workers still alive */
  int abort;          /* writer failed: workers stop */
} job;

/* Process one walk item into *r. */
static void process_item(job *j, vb_index *ro, size_t i, result *r) {
  walk_item *it = &j->w->items[i];
  memset(r, 0, sizeof *r);
  r->item = i;
  if (it->failed) {
    r->outcome = VB_FAILED;
    r->err = it->err;
    return;
  }
  vb_doc *doc = NULL;
  vb_status rc = vb_read_file(it->path, &j->opts->limits, &doc, &r->err);
  if (rc != VB_OK) {
    if (r->err.msg[0] == '\0') vb_error_set(&r->err, rc, "%s", vb_strerror(rc));
    r->outcome = VB_FAILED;
    return;
  }
  r->bytes = doc->size;
  if (doc->npages) { /* say how: pages, and those read by OCR */
    vb_error_set(&r->note, VB_OK, "%s, %zu page%s", doc->format, doc->npages,
                 doc->npages > 1 ? "s" : "");
    if (doc->nocr)
      snprintf(r->note.msg + strlen(r->note.msg),
               sizeof r->note.msg - strlen(r->note.msg),
               ", %zu by OCR (confidence %.1f)", doc->nocr, doc->ocr_conf);
  }
  if (ro) {
    char sha[65];
    int found = 0;
    if (vb_index_lookup(ro, doc->source, sha, &found, NULL) == VB_OK &&
        found && strcmp(sha, doc->sha256) == 0) {
      r->outcome = VB_UNCHANGED;
      vb_doc_free(doc);
      return;
    }
  }
  rc = vb_extract(j->ex, doc, &r->record, &r->err);
  if (rc != VB_OK) {
    if (r->err.msg[0] == '\0') vb_error_set(&r->err, rc, "%s", vb_strerror(rc));
    r->outcome = VB_FAILED;
    vb_doc_free(doc);
    return;
  }
  if (vb_index_prepare(doc, r->record, &r->prep) != VB_OK) {
    vb_error_set(&r->err, VB_ENOMEM, "out of memory");
    r->outcome = VB_FAILED;
    json_decref(r->record);
    r->record = NULL;
    vb_doc_free(doc);
    return;
  }
  r->doc = doc;
  r->outcome = VB_ADDED;
}

static void *worker_main(void *arg) {
  job *j = arg;
  vb_index *ro = NULL;
  if (vb_index_open(j->db_path, VB_INDEX_READ, &ro, NULL) != VB_OK) ro = NULL;
  for (;;) {
    pthread_mutex_lock(&j->mu);
    int stop = j->abort || (j->opts->stop && *j->opts->stop);
    size_t i = j->next;
    if (!stop && i < j->w->n) j->next++;
    pthread_mutex_unlock(&j->mu);
    if (stop || i >= j->w->n) break;
    result r;
    process_item(j, ro, i, &r);
    pthread_mutex_lock(&j->mu);
    while (i >= j->wnext + j->cap && !j->abort) /* its slot is still taken */
      pthread_cond_wait(&j->not_full, &j->mu);
    if (j->abort) {
      pthread_mutex_unlock(&j->mu);
      vb_doc_free(r.doc);
      json_decref(r.record);
      vb_prepared_free(&r.prep);
      break;
    }
    r.full = 1;
    j->ring[i % j->cap] = r;
    j->count++;
    pthread_cond_signal(&j->not_empty);
    pthread_mutex_unlock(&j->mu);
  }
  vb_index_close(ro);
  pthread_mutex_lock(&j->mu);
  j->running--;
  pthread_cond_signal(&j->not_empty);
  pthread_mutex_unlock(&j->mu);
  return NULL;
}

/* Take the next result in walk order; 0 when every worker has finished
** and that result will not come (the walk is done, or stopped).  Workers
** take items in order and deposit each they take (unless aborted), so no
** later result can be waiting then except after an abort. */
static int next_result(job *j, result *r) {
  pthread_mutex_lock(&j->mu);
  result *slot = &j->ring[j->wnext % j->cap];
  while (!slot->full && j->running > 0)
    pthread_cond_wait(&j->not_empty, &j->mu);
  int got = slot->full;
  if (got) {
    *r = *slot;
    slot->full = 0;
    j->wnext++;
    j->count--;
    pthread_cond_broadcast(&j->not_full); /* workers wait for their slot */
  }
  pthread_mutex_unlock(&j->mu);
  return got;
}

/* ---- Prune ---- */

typedef struct prune_ctx {
  vb_index *idx;
  char **sorted;  /* walked paths, sorted */
  size_t n;
  const vb_ingest_opts *opts;
  vb_ingest_stats *stats;
  vb_status rc;
  vb_error *err;
} prune_ctx;

static int prune_one(void *arg, const char *source) {
  prune_ctx *p = arg;
  if (bsearch(&source, p->sorted, p->n, sizeof *p->sorted, cmp_str))
    return 0;
  int removed = 0;
  p->rc = vb_index_remove(p->idx, source, &removed, p->err);
  if (p->rc != VB_OK) return 1;
  if (removed) {
    p->stats->removed++;
    if (p->opts->on_file) p->opts->on_file(p->opts->ctx, source, VB_REMOVED, NULL);
  }
  return 0;
}

static vb_status prune(vb_index *idx, walk *w, const char *const *dirs,
                       int ndirs, const vb_ingest_opts *opts,
                       vb_ingest_stats *stats, vb_error *err) {
  prune_ctx p = {idx, NULL, w->n, opts, stats, VB_OK, err};
  p.sorted = vb_malloc((w->n ? w->n : 1) * sizeof *p.sorted);
  if (!p.sorted) return vb_error_set(err, VB_ENOMEM, "out of memory");
  for (size_t i = 0; i < w->n; i++) p.sorted[i] = w->items[i].path;
  qsort(p.sorted, w->n, sizeof *p.sorted, cmp_str);
  vb_status rc = vb_index_begin(idx, err);
  for (int i = 0; i < ndirs && rc == VB_OK; i++) {
    rc = vb_index_each_under(idx, dirs[i], prune_one, &p, err);
    if (rc == VB_OK) rc = p.rc;
  }
  if (rc == VB_OK)
    rc = vb_index_commit(idx, err);
  else
    vb_index_rollback(idx);
  vb_free(p.sorted);
  return rc;
}

/* ---- Test hooks ----
** Fixed points of an ingest for the command-line tests of crash safety
** and concurrent use (tests/cli/crash_safety.sh, concurrency.sh), in
** place of sleeps that race the ingest.  Each is inert unless its
** environment variable is set:
**   VB_TEST_KILL_AFTER_BATCH=N   SIGKILL the process once the writer has
**                                committed N batches (0: before it stores
**                                the first document)
**   VB_TEST_KILL_AFTER_DOC=N     SIGKILL it once the Nth document is stored
**                                in the open, uncommitted transaction
**   VB_TEST_PAUSE_AFTER_BATCH=N  with VB_TEST_PAUSE_FILE=PATH: after every
**                                Nth committed batch (N, 2N, ...), create
**                                PATH and wait until it is gone (at most
**                                10 minutes)
**   VB_TEST_PAUSE_AFTER_DOC=N    the same, once, after the Nth document is
**                                stored in the open transaction
*/

#define HOOK_WAIT_NS 10000000L   /* poll of the pause file: 10 ms */
#define HOOK_WAIT_MAX 60000      /* polls before a pause gives up */

/* The value of a hook variable; -1 when it is unset. */
static long hook_value(const char *name) {
  const char *v = getenv(name);
  return v && *v ? atol(v) : -1;
}

/* Create the pause file and wait until the test removes it. */
static void hook_pause(void) {
  const char *f = getenv("VB_TEST_PAUSE_FILE");
  if (!f || !*f) return;
  FILE *sig = fopen(f, "w");
  if (!sig) return;
  fclose(sig);
  struct timespec ts = {0, HOOK_WAIT_NS};
  for (int i = 0; i < HOOK_WAIT_MAX && access(f, F_OK) == 0; i++)
    nanosleep(&ts, NULL);
}

/* The hooks of the point "batches committed so far: n". */
static void hook_batch(long n) {
  if (hook_value("VB_TEST_KILL_AFTER_BATCH") == n) raise(SIGKILL);
  long every = hook_value("VB_TEST_PAUSE_AFTER_BATCH");
  if (every > 0 && n > 0 && n % every == 0) hook_pause();
}

/* The hooks of the point "documents stored in this run: n". */
static void hook_doc(long n) {
  if (hook_value("VB_TEST_KILL_AFTER_DOC") == n) raise(SIGKILL);
  if (hook_value("VB_TEST_PAUSE_AFTER_DOC") == n) hook_pause();
}

/* ---- The job ---- */

vb_status vb_ingest(vb_index *idx, const char *db_path,
                    const char *const *paths, int npaths,
                    const vb_ingest_opts *opts, vb_ingest_stats *stats,
                    vb_error *err) {
  walk w = {0};
  vb_status rc = VB_OK;
  memset(stats, 0, sizeof *stats);
  const char **dirs = vb_calloc((size_t)npaths + 1, sizeof *dirs);
  int ndirs = 0;
  char **owned = vb_calloc((size_t)npaths + 1, sizeof *owned);
  if (!dirs || !owned) rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  for (int i = 0; i < npaths && rc == VB_OK; i++) {
    char *p = normalise_path(paths[i]);
    if (!p) {
      rc = vb_error_set(err, VB_ENOMEM, "out of memory");
      break;
    }
    struct stat st;
    if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
      owned[i] = p;
      dirs[ndirs++] = p;
      if (walk_dir(&w, p, 0) != VB_OK)
        rc = vb_error_set(err, VB_ENOMEM, "out of memory");
    } else {
      vb_error e = {0};
      int bad = stat(p, &st) != 0;
      if (bad) vb_error_set(&e, VB_EIO, "%s", strerror(errno));
      if (walk_add(&w, p, 1, bad ? &e : NULL) != VB_OK)
        rc = vb_error_set(err, VB_ENOMEM, "out of memory");
    }
  }
  vb_extractor *ex = NULL;
  if (rc == VB_OK) rc = vb_extractor_new(&ex, err);

  job j;
  memset(&j, 0, sizeof j);
  int nworkers = opts->workers < 1 ? 1 : opts->workers;
  pthread_t *tids = NULL;
  int sync_ready = 0, started = 0;
  if (rc == VB_OK) {
    j.w = &w;
    j.opts = opts;
    j.db_path = db_path;
    j.ex = ex;
    j.cap = (size_t)nworkers * QUEUE_PER_WORKER;
    j.ring = vb_calloc(j.cap, sizeof *j.ring);
    tids = vb_calloc((size_t)nworkers, sizeof *tids);
    if (!j.ring || !tids) rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  if (rc == VB_OK) {
    pthread_mutex_init(&j.mu, NULL);
    pthread_cond_init(&j.not_full, NULL);
    pthread_cond_init(&j.not_empty, NULL);
    sync_ready = 1;
    /* Count the workers before they start: a quick one may finish (and
    ** count itself out) before the next is created. */
    j.running = nworkers;
    for (int i = 0; i < nworkers; i++) {
      if (pthread_create(&tids[i], NULL, worker_main, &j) != 0) break;
      started++;
    }
    pthread_mutex_lock(&j.mu);
    j.running -= nworkers - started;
    pthread_mutex_unlock(&j.mu);
    if (started == 0) rc = vb_error_set(err, VB_ENOMEM, "cannot start threads");
  }

  /* The writer. */
  int64_t held = 0; /* documents in the index at the start */
  int bulk = 0;
  if (rc == VB_OK) rc = vb_index_count(idx, &held, err);
  int in_batch = 0, batch_docs = 0;
  size_t batch_bytes = 0;
  long batches = 0; /* committed, for the test hooks */
  result r;
  if (rc == VB_OK) hook_batch(0);
  while (j.running > 0 || j.count > 0) {
    if (!next_result(&j, &r)) break;
    if (rc != VB_OK) { /* draining after a fatal error */
      vb_doc_free(r.doc);
      json_decref(r.record);
      vb_prepared_free(&r.prep);
      continue;
    }
    const char *src = w.items[r.item].path;
    stats->bytes += r.bytes;
    if (r.outcome == VB_ADDED) {
      int replaced = 0;
      if (!in_batch) {
        rc = vb_index_begin(idx, err);
        in_batch = rc == VB_OK;
      }
      if (rc == VB_OK)
        rc = vb_index_put(idx, r.doc, r.record, &r.prep, &replaced, err);
      if (rc == VB_OK) {
        r.outcome = replaced ? VB_UPDATED : VB_ADDED;
        batch_docs++;
        batch_bytes += r.doc->text_len;
        hook_doc(stats->added + stats->updated + 1);
        if (opts->on_read)
          opts->on_read(opts->ctx, src, r.doc->format, r.doc->encoding);
      }
      vb_doc_free(r.doc);
      json_decref(r.record);
      vb_prepared_free(&r.prep);
      if (rc != VB_OK) {
        pthread_mutex_lock(&j.mu);
        j.abort = 1;
        pthread_cond_broadcast(&j.not_full);
        pthread_mutex_unlock(&j.mu);
        continue;
      }
    }
    switch (r.outcome) {
      case VB_ADDED: stats->added++; break;
      case VB_UPDATED: stats->updated++; break;
      case VB_UNCHANGED: stats->unchanged++; break;
      case VB_FAILED: stats->failed++; break;
      case VB_REMOVED: break;
    }
    if (opts->on_file)
      opts->on_file(opts->ctx, src, r.outcome,
                    r.outcome == VB_FAILED ? &r.err
                                           : r.note.msg[0] ? &r.note : NULL);
    if (opts->on_progress) opts->on_progress(opts->ctx, stats, (int64_t)w.n);
    if (in_batch && (batch_docs >= opts->batch_docs ||
                     batch_bytes >= opts->batch_bytes)) {
      rc = vb_index_commit(idx, err);
      in_batch = 0;
      batch_docs = 0;
      batch_bytes = 0;
      if (rc == VB_OK) hook_batch(++batches);
      int64_t stored = stats->added + stats->updated;
      int64_t left = (int64_t)w.n - (stats->added + stats->updated +
                                     stats->unchanged + stats->failed);
      if (rc == VB_OK && !bulk && stored >= BULK_AFTER_DOCS &&
          left >= BULK_AFTER_DOCS && left >= held / 4) {
        rc = vb_index_bulk_begin(idx, err);
        bulk = stats->bulk = rc == VB_OK;
      }
    }
  }
  for (int i = 0; i < started; i++) pthread_join(tids[i], NULL);
  /* After an abort, results past the one that never came are left. */
  for (size_t k = 0; j.ring && k < j.cap; k++)
    if (j.ring[k].full) {
      vb_doc_free(j.ring[k].doc);
      json_decref(j.ring[k].record);
      vb_prepared_free(&j.ring[k].prep);
    }
  if (in_batch) {
    if (rc == VB_OK)
      rc = vb_index_commit(idx, err);
    else
      vb_index_rollback(idx);
    if (rc == VB_OK) hook_batch(++batches);
  }
  /* The dropped indexes are built again even after a stop request or an
  ** error (a failed build is done by the next writer that opens the
  ** index). */
  if (bulk) {
    vb_error e2 = {0};
    vb_status brc = vb_index_bulk_end(idx, rc == VB_OK ? err : &e2);
    if (rc == VB_OK) rc = brc;
  } else if (rc == VB_OK && !(opts->stop && *opts->stop) &&
             stats->added + stats->updated > 0 &&
             (stats->added + stats->updated) * MERGE_SHARE >= held) {
    /* A run that is not a bulk load but adds a tenth of the index (files
    ** appended to a collection) leaves as many segments; the merge costs
    ** a tenth or less of the run. */
    rc = vb_index_merge(idx, err);
  }
  int stopped = opts->stop && *opts->stop;
  if (rc == VB_OK && !stopped && opts->prune && ndirs > 0)
    rc = prune(idx, &w, dirs, ndirs, opts, stats, err);
  /* Texts shared between documents (task texts) that only the removed or
  ** replaced versions used go now, in one pass. */
  if (rc == VB_OK && stats->updated + stats->removed > 0) {
    rc = vb_index_begin(idx, err);
    if (rc == VB_OK) rc = vb_index_tidy(idx, err);
    if (rc == VB_OK)
      rc = vb_index_commit(idx, err);
    else
      vb_index_rollback(idx);
  }
  if (sync_ready) {
    pthread_mutex_destroy(&j.mu);
    pthread_cond_destroy(&j.not_full);
    pthread_cond_destroy(&j.not_empty);
  }
  vb_free(j.ring);
  vb_free(tids);
  vb_extractor_free(ex);
  walk_free(&w);
  for (int i = 0; i < npaths && owned; i++) vb_free(owned[i]);
  vb_free(owned);
  vb_free(dirs);
  if (rc == VB_OK && stopped)
    rc = vb_error_set(err, VB_EINTERRUPTED, "stopped on request");
  return rc;
}
