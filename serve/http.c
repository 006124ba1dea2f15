/*
** http.c: the HTTP side of `vanban serve` — the libmicrohttpd daemon, one
** read-only index per worker thread, the time budget of a request, the
** limits on what a request may carry, routing, the headers every response
** gets, and the time each answer took (Server-Timing, the request log).
*/
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "text.h"
#include "cache.h"
#include "internal.h"
#include "mhd.h"
#include "serve.h"

/* Embedded assets (cmake/Embed.cmake). */
extern const char vb_asset_style_css[];
extern const char vb_asset_app_js[];

#define SV_CONN_LIMIT 64          /* open connections */
#define SV_CONN_TIMEOUT 30        /* seconds of idleness before closing */
#define SV_CONN_MEMORY (32 << 10) /* request line and headers, per connection */
#define SV_BUDGET_STEPS 1000      /* VM steps between two clock readings */
#define SV_MMAP_BYTES "2147418112" /* of the index mapped by each worker */
#define SV_CACHE_MB 64            /* the answer cache's default cap */

/* The policy: scripts and styles from this server only, no inline script,
** no framing, forms only to this server. */
#define SV_CSP                                                             \
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " \
  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

struct vb_server {
  struct MHD_Daemon *daemon;
  char *db_path;
  int budget_ms;
  int port;
  void (*log)(void *ctx, const char *line);
  void *log_ctx;
  sv_cache *cache;  /* answers kept in memory, or NULL (cache.h) */
  /* The workers: at most max of them, made when a request finds none
  ** idle; a request takes one (waiting while all are busy) and gives it
  ** back. */
  pthread_mutex_t lock;
  pthread_cond_t freed;
  struct sv_worker **idle;
  unsigned nidle, nworkers, max;
};

/* One worker: its index, opened on first use and kept for every later
** request, the deadline of the request it is answering, and what the
** request log says of it.  It answers one request at a time, on the
** thread of that request's connection. */
typedef struct sv_worker {
  vb_index *idx;
  sqlite3_stmt *by_source; /* sv_doc_id()'s statement, or NULL */
  sqlite3_stmt *data_version; /* PRAGMA data_version, or NULL */
  int64_t version;         /* what it said on the last request */
  int version_seen;        /* version holds a value of this connection */
  struct timespec deadline;
  int armed;               /* the deadline applies (a request is running) */
  int timed_out;
  unsigned id;             /* 1, 2, ... in the order the workers started */
  unsigned long requests;  /* requests answered, this one included */
  unsigned long opens;     /* times it opened the index */
  double open_ms;          /* this request's opening of the index, or 0 */
} sv_worker;

/* A moment on the wall clock and on the calling thread's CPU clock. */
typedef struct sv_clock {
  struct timespec wall, cpu;
} sv_clock;

static void clock_now(sv_clock *c) {
  clock_gettime(CLOCK_MONOTONIC, &c->wall);
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c->cpu);
}

/* Milliseconds from a to b. */
static double ms_between(const struct timespec *a, const struct timespec *b) {
  return (double)(b->tv_sec - a->tv_sec) * 1e3 + (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

static void worker_free(void *p) {
  sv_worker *w = p;
  if (!w) return;
  sqlite3_finalize(w->by_source);
  sqlite3_finalize(w->data_version);
  vb_index_close(w->idx);
  vb_free(w);
}

/* SQLite progress handler: stop the statement once the deadline passed. */
static int budget_check(void *ctx) {
  sv_worker *w = ctx;
  if (!w->armed) return 0;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (now.tv_sec > w->deadline.tv_sec ||
      (now.tv_sec == w->deadline.tv_sec && now.tv_nsec > w->deadline.tv_nsec)) {
    w->timed_out = 1;
    return 1;
  }
  return 0;
}

/* SQLite authorizer: the connection may read anything and write only its
** own temporary tables (search keeps scratch tables there); every change
** to the index itself is refused when the statement is prepared. */
static int read_only(void *ctx, int action, const char *a1, const char *a2,
                     const char *dbname, const char *trigger) {
  (void)ctx;
  (void)a1;
  (void)a2;
  (void)trigger;
  /* Creating a temporary virtual table records it in the schema table,
  ** which SQL can never change directly. */
  if (action == SQLITE_UPDATE && a1 &&
      (strcmp(a1, "sqlite_master") == 0 || strcmp(a1, "sqlite_temp_master") == 0))
    return SQLITE_OK;
  switch (action) {
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
    case SQLITE_CREATE_TABLE:
    case SQLITE_CREATE_INDEX:
    case SQLITE_CREATE_TRIGGER:
    case SQLITE_CREATE_VIEW:
    case SQLITE_DROP_TABLE:
    case SQLITE_DROP_INDEX:
    case SQLITE_DROP_TRIGGER:
    case SQLITE_DROP_VIEW:
    case SQLITE_ALTER_TABLE:
    case SQLITE_REINDEX:
    case SQLITE_ANALYZE:
    case SQLITE_CREATE_VTABLE:
    case SQLITE_DROP_VTABLE:
      return dbname && strcmp(dbname, "temp") == 0 ? SQLITE_OK : SQLITE_DENY;
    case SQLITE_ATTACH:
    case SQLITE_DETACH:
      return SQLITE_DENY;
    default:
      return SQLITE_OK;
  }
}

/* Make a connection a reader: SQL that would change the index is refused
** (a second guard besides the GET-only routes), and closing it leaves the
** write-ahead log to the writer instead of copying it into the index, so
** the server never writes to the index file. */
static void reader_only(sqlite3 *db) {
  sqlite3_set_authorizer(db, read_only, NULL);
  (void)sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
}

/* An idle worker, or a new one while there are fewer than s->max, else
** wait for one; its request count advanced.  NULL when out of memory.
** Give it back with worker_give(). */
static sv_worker *worker_take(vb_server *s) {
  sv_worker *w = NULL;
  pthread_mutex_lock(&s->lock);
  while (!s->nidle && s->nworkers >= s->max) pthread_cond_wait(&s->freed, &s->lock);
  if (s->nidle) {
    w = s->idle[--s->nidle];
  } else if ((w = vb_calloc(1, sizeof *w)) != NULL) {
    w->id = ++s->nworkers;
  }
  pthread_mutex_unlock(&s->lock);
  if (!w) return NULL;
  w->requests++;
  w->open_ms = 0;
  return w;
}

static void worker_give(vb_server *s, sv_worker *w) {
  pthread_mutex_lock(&s->lock);
  s->idle[s->nidle++] = w;
  pthread_cond_signal(&s->freed);
  pthread_mutex_unlock(&s->lock);
}

/* Open the worker's index unless it is open, and start the time budget of
** a request.  Errors: those of vb_index_open(). */
static vb_status worker_ready(vb_server *s, sv_worker *w, vb_error *err) {
  if (!w->idx) {
    sv_clock t0, t1;
    clock_now(&t0);
    VB_TRY(vb_index_open(s->db_path, VB_INDEX_READ, &w->idx, err));
    sqlite3 *db = vb_index_db(w->idx);
    reader_only(db);
    sqlite3_progress_handler(db, SV_BUDGET_STEPS, budget_check, w);
    /* Read the index through a memory map (up to SQLite's limit, 2 GB):
    ** the workers share the operating system's copy of its pages instead
    ** of each copying them into its own cache (9% less CPU per search).
    ** Not fatal: without the map, pages are read as before. */
    (void)sqlite3_exec(db, "PRAGMA mmap_size = " SV_MMAP_BYTES, NULL, NULL, NULL);
    w->opens++;
    clock_now(&t1);
    w->open_ms = ms_between(&t0.wall, &t1.wall);
  }
  clock_gettime(CLOCK_MONOTONIC, &w->deadline);
  w->deadline.tv_sec += s->budget_ms / 1000;
  w->deadline.tv_nsec += (long)(s->budget_ms % 1000) * 1000000L;
  if (w->deadline.tv_nsec >= 1000000000L) {
    w->deadline.tv_sec++;
    w->deadline.tv_nsec -= 1000000000L;
  }
  w->timed_out = 0;
  w->armed = 1;
  return VB_OK;
}

/* The request's statements read one snapshot of the index, under one read
** lock taken once rather than once per statement (an answer that looks up
** thousands of documents pays for it once), and a search and its facet
** counts agree even while an ingest commits.  A failed BEGIN leaves each
** statement to take its own snapshot, as without it. */
static void request_begin(sv_worker *w) {
  (void)sqlite3_exec(vb_index_db(w->idx), "BEGIN", NULL, NULL, NULL);
}

/* End the request's transaction (reads, and writes to temporary tables
** only); the budget no longer applies. */
static void request_end(sv_worker *w) {
  sqlite3 *db = vb_index_db(w->idx);
  w->armed = 0;
  if (!sqlite3_get_autocommit(db) && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    (void)sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- The answer cache ---- */

/* Whether the index changed since this worker's last request, as its own
** connection sees it, read in the request's snapshot (which this takes);
** a worker's first look counts as a change.  -1 when it cannot tell (no
** transaction, or the statement failed): the request bypasses the cache. */
static int index_changed(sv_worker *w) {
  sqlite3 *db = vb_index_db(w->idx);
  if (sqlite3_get_autocommit(db)) return -1;
  if (!w->data_version &&
      sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &w->data_version, NULL) != SQLITE_OK)
    return -1;
  int rc = sqlite3_step(w->data_version);
  int64_t v = rc == SQLITE_ROW ? sqlite3_column_int64(w->data_version, 0) : 0;
  sqlite3_reset(w->data_version);
  if (rc != SQLITE_ROW) return -1;
  int changed = !w->version_seen || v != w->version;
  w->version = v;
  w->version_seen = 1;
  return changed;
}

typedef struct key_arg {
  const char *key, *value;
  int order;  /* place in the request: same-named parameters keep it */
} key_arg;

typedef struct key_args {
  key_arg a[SV_MAX_ARGS];
  int n;
} key_args;

static enum MHD_Result collect_arg(void *ctx, enum MHD_ValueKind kind,
                                   const char *key, const char *value) {
  (void)kind;
  key_args *k = ctx;
  if (k->n >= SV_MAX_ARGS) return MHD_NO;
  k->a[k->n].key = key;
  k->a[k->n].value = value ? value : "";
  k->a[k->n].order = k->n;
  k->n++;
  return MHD_YES;
}

static int cmp_arg(const void *a, const void *b) {
  const key_arg *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  return c ? c : x->order - y->order;
}

/* The cache key of a request: its path and its decoded parameters sorted
** by name (the order of same-named ones kept, since sv_arg() reads the
** first), each ended by a NUL.  lang and format are parameters, so they
** are part of it.  0 when the answer is not to be kept: a download (read
** from the file, not the index) or a key that does not fit. */
static int cache_key(struct MHD_Connection *conn, const char *url, vb_buf *key) {
  if (strncmp(url, "/doc/", 5) == 0 && strstr(url, "/file")) return 0;
  key_args k;
  k.n = 0;
  SV_MHD.MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, &k);
  qsort(k.a, (size_t)k.n, sizeof k.a[0], cmp_arg);
  if (vb_buf_append(key, url, strlen(url) + 1) != VB_OK) return 0;
  for (int i = 0; i < k.n; i++)
    if (vb_buf_append(key, k.a[i].key, strlen(k.a[i].key) + 1) != VB_OK ||
        vb_buf_append(key, k.a[i].value, strlen(k.a[i].value) + 1) != VB_OK)
      return 0;
  return 1;
}

/* ---- Parameters ---- */

typedef struct arg_check {
  int count;
  const char *bad;  /* reason of the first bad parameter */
} arg_check;

static enum MHD_Result check_arg(void *ctx, enum MHD_ValueKind kind,
                                 const char *key, const char *value) {
  (void)kind;
  arg_check *c = ctx;
  if (++c->count > SV_MAX_ARGS) {
    c->bad = "too many parameters";
    return MHD_NO;
  }
  const char *parts[2] = {key, value ? value : ""};
  for (int i = 0; i < 2; i++) {
    size_t n = strlen(parts[i]);
    if (n > SV_MAX_ARG) {
      c->bad = "a parameter is longer than 1024 bytes";
      return MHD_NO;
    }
    if (vb_utf8_check((const unsigned char *)parts[i], n) != n) {
      c->bad = "a parameter is not valid UTF-8";
      return MHD_NO;
    }
    for (size_t k = 0; k < n; k++)
      if ((unsigned char)parts[i][k] < 0x20 && parts[i][k] != '\n' &&
          parts[i][k] != '\r' && parts[i][k] != '\t') {
        c->bad = "a parameter holds control characters";
        return MHD_NO;
      }
  }
  return MHD_YES;
}

const char *sv_arg(sv_req *r, const char *name) {
  const char *v = SV_MHD.MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
  return v && *v ? v : NULL;
}

long sv_arg_long(sv_req *r, const char *name, long min, long max, long def) {
  const char *v = sv_arg(r, name);
  if (!v) return def;
  char *end;
  long n = strtol(v, &end, 10);
  if (*end || n < min || n > max || end == v) {
    char msg[160];
    snprintf(msg, sizeof msg, "%s: %s %ld–%ld", name,
             TR(r, "cần một số trong khoảng", "needs a number from"), min, max);
    sv_error(r, 400, msg);
    return -1;
  }
  return n;
}

/* ---- Responses ---- */

static void add_common_headers(struct MHD_Response *resp) {
  SV_MHD.MHD_add_response_header(resp, "Content-Security-Policy", SV_CSP);
  SV_MHD.MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  SV_MHD.MHD_add_response_header(resp, "X-Frame-Options", "DENY");
  SV_MHD.MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
}

/* A response with a constant body (NULL when out of memory). */
static struct MHD_Response *static_response(int status, const char *ctype,
                                            const char *body, const char *cache) {
  struct MHD_Response *resp = SV_MHD.MHD_create_response_from_buffer(
      strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT);
  if (!resp) return NULL;
  add_common_headers(resp);
  SV_MHD.MHD_add_response_header(resp, "Content-Type", ctype);
  if (cache) SV_MHD.MHD_add_response_header(resp, "Cache-Control", cache);
  if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
    SV_MHD.MHD_add_response_header(resp, "Allow", "GET, HEAD");
  return resp;
}

static enum MHD_Result send_static(struct MHD_Connection *c, int status,
                                   const char *ctype, const char *body,
                                   const char *cache) {
  struct MHD_Response *resp = static_response(status, ctype, body, cache);
  if (!resp) return MHD_NO;
  enum MHD_Result ret = SV_MHD.MHD_queue_response(c, (unsigned)status, resp);
  SV_MHD.MHD_destroy_response(resp);
  return ret;
}

static void free_body(void *p) { vb_free(p); }

/* The request log's line of an answer: the path with bytes outside
** printable ASCII written as \xHH, so that a line is always one line. */
static void log_request(vb_server *s, const sv_worker *w, const char *method,
                        const sv_req *r, int status, size_t bytes, double app_ms,
                        double cpu_ms) {
  char path[256];
  size_t n = 0;
  for (const unsigned char *p = (const unsigned char *)r->path; *p && n + 5 < sizeof path; p++) {
    if (*p > 0x20 && *p < 0x7f && *p != '\\')
      path[n++] = (char)*p;
    else
      n += (size_t)snprintf(path + n, sizeof path - n, "\\x%02X", *p);
  }
  path[n] = '\0';
  char line[640];
  int k = snprintf(line, sizeof line,
           "%d %s %s %zu B %.2f ms cpu %.2f ms worker %u request %lu opens %lu", status,
           method, path, bytes, app_ms, cpu_ms, w ? w->id : 0, w ? w->requests : 0UL,
           w ? w->opens : 0UL);
  if (s->cache && r->cache && k > 0 && k < (int)sizeof line) {
    size_t entries, held;
    sv_cache_stats(s->cache, &entries, &held);
    snprintf(line + k, sizeof line - (size_t)k, " cache %s entries %zu bytes %zu", r->cache,
             entries, held);
  }
  s->log(s->log_ctx, line);
}

/* Send what the handler wrote (or a 500 if it failed halfway), with the
** time since start in a Server-Timing header, and log it.  w may be NULL
** (no worker: out of memory). */
static enum MHD_Result send_req(vb_server *s, sv_worker *w, const sv_clock *start,
                                const char *method, sv_req *r) {
  struct MHD_Response *resp;
  int status = r->status;
  size_t len = 0;
  if (r->failed) {
    vb_buf_free(&r->out);
    static const char msg[] = "500 internal error: the page could not be built\n";
    status = 500;
    len = sizeof msg - 1;
    resp = static_response(status, "text/plain; charset=utf-8", msg, "no-store");
  } else {
    char *body = vb_buf_take(&r->out, &len);
    if (!body) return MHD_NO;
    resp = SV_MHD.MHD_create_response_from_buffer_with_free_callback(len, body, free_body);
    if (!resp) {
      vb_free(body);
      return MHD_NO;
    }
    add_common_headers(resp);
    SV_MHD.MHD_add_response_header(resp, "Content-Type", r->ctype);
    SV_MHD.MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (r->disposition[0])
      SV_MHD.MHD_add_response_header(resp, "Content-Disposition", r->disposition);
  }
  if (!resp) return MHD_NO;
  sv_clock end;
  clock_now(&end);
  double app_ms = ms_between(&start->wall, &end.wall);
  double cpu_ms = ms_between(&start->cpu, &end.cpu);
  char timing[128];
  int k = snprintf(timing, sizeof timing, "app;dur=%.3f, cpu;dur=%.3f", app_ms, cpu_ms);
  if (w && w->open_ms > 0 && k < (int)sizeof timing)
    k += snprintf(timing + k, sizeof timing - (size_t)k, ", open;dur=%.3f", w->open_ms);
  if (r->cache && k < (int)sizeof timing)
    snprintf(timing + k, sizeof timing - (size_t)k, ", cache;desc=%s", r->cache);
  SV_MHD.MHD_add_response_header(resp, "Server-Timing", timing);
  enum MHD_Result ret = SV_MHD.MHD_queue_response(r->conn, (unsigned)status, resp);
  SV_MHD.MHD_destroy_response(resp);
  if (s->log) log_request(s, w, method, r, status, len, app_ms, cpu_ms);
  return ret;
}

/* ---- Routing ---- */

/* "/doc/123" or "/doc/123/file": *id and *file; 0 when url is neither. */
static int parse_doc_url(const char *url, int64_t *id, int *file) {
  if (strncmp(url, "/doc/", 5) != 0) return 0;
  const char *p = url + 5;
  int64_t v = 0;
  int digits = 0;
  while (*p >= '0' && *p <= '9' && digits < 15) v = v * 10 + (*p++ - '0'), digits++;
  if (!digits || v <= 0) return 0;
  *file = 0;
  if (strcmp(p, "/file") == 0)
    *file = 1;
  else if (*p)
    return 0;
  *id = v;
  return 1;
}

static void route(sv_req *r, const char *url) {
  int64_t id;
  int file;
  if (strcmp(url, "/") == 0 || strcmp(url, "/search") == 0)
    sv_page_search(r);
  else if (parse_doc_url(url, &id, &file))
    file ? sv_page_download(r, id) : sv_page_doc(r, id);
  else if (strcmp(url, "/similar") == 0)
    sv_page_similar(r);
  else if (strcmp(url, "/ask") == 0)
    sv_page_ask(r);
  else if (strcmp(url, "/reports") == 0)
    sv_page_reports(r);
  else if (strcmp(url, "/deadlines") == 0)
    sv_page_deadlines(r);
  else if (strcmp(url, "/map") == 0)
    sv_page_map(r);
  else if (strncmp(url, "/api/", 5) == 0)
    sv_api(r, url + 5);
  else
    sv_error(r, 404, TR(r, "Không có trang này.", "No such page."));
}

static enum MHD_Result answer(vb_server *s, sv_worker *w, struct MHD_Connection *conn,
                              const char *url, const char *method, const sv_clock *t0);

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn,
                              const char *url, const char *method,
                              const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls) {
  (void)version;
  (void)upload_data;
  vb_server *s = cls;
  if (!*con_cls) {
    /* First call: the headers are in.  Refuse what is not a plain read
    ** (answered at once, so the connection closes after it). */
    *con_cls = s;
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
      return send_static(conn, MHD_HTTP_METHOD_NOT_ALLOWED,
                         "text/plain; charset=utf-8",
                         "405 only GET and HEAD are answered\n", "no-store");
    const char *cl = SV_MHD.MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                 "Content-Length");
    const char *te = SV_MHD.MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                 "Transfer-Encoding");
    if ((cl && strcmp(cl, "0") != 0) || te)
      return send_static(conn, MHD_HTTP_CONTENT_TOO_LARGE,
                         "text/plain; charset=utf-8",
                         "413 a request carries no body here\n", "no-store");
    /* The answer waits for the next call, when the request is known to be
    ** whole: one queued now would make libmicrohttpd close the connection
    ** after it (it cannot tell what follows the headers), and every request
    ** of a keep-alive client would pay for a new connection. */
    return MHD_YES;
  }
  if (*upload_data_size) {
    *upload_data_size = 0;  /* a body sneaked past the headers: dropped */
    return MHD_YES;
  }
  if (strcmp(url, "/static/style.css") == 0)
    return send_static(conn, 200, "text/css; charset=utf-8", vb_asset_style_css,
                       "max-age=3600");
  if (strcmp(url, "/static/app.js") == 0)
    return send_static(conn, 200, "text/javascript; charset=utf-8", vb_asset_app_js,
                       "max-age=3600");
  if (strcmp(url, "/favicon.ico") == 0)
    return send_static(conn, 404, "text/plain; charset=utf-8", "", "max-age=3600");
  sv_clock start;
  clock_now(&start);
  sv_worker *w = worker_take(s);
  enum MHD_Result ret = answer(s, w, conn, url, method, &start);
  if (w) worker_give(s, w);
  return ret;
}

/* Build and send the answer to a GET or HEAD of url with worker w (NULL:
** out of memory). */
static enum MHD_Result answer(vb_server *s, sv_worker *w, struct MHD_Connection *conn,
                              const char *url, const char *method, const sv_clock *t0) {
  sv_clock start = *t0;
  sv_req r;
  memset(&r, 0, sizeof r);
  r.conn = conn;
  r.path = url;
  r.db_path = s->db_path;
  r.status = 200;
  r.ctype = "text/html; charset=utf-8";
  vb_buf_init(&r.out, SV_MAX_BODY);
  const char *lang = SV_MHD.MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "lang");
  r.en = lang && strcmp(lang, "en") == 0;
  arg_check chk = {0, NULL};
  SV_MHD.MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, check_arg, &chk);
  if (chk.bad) {
    sv_error(&r, 400, chk.bad);
    return send_req(s, w, &start, method, &r);
  }
  vb_error err = {0};
  if (!w || worker_ready(s, w, &err) != VB_OK) {
    sv_error(&r, 503, TR(&r, "Không mở được chỉ mục.", "The index cannot be opened."));
    return send_req(s, w, &start, method, &r);
  }
  r.idx = w->idx;
  r.timed_out = &w->timed_out;
  r.by_source = &w->by_source;
  /* The generation is read before the request takes its snapshot, so an
  ** answer kept under it is never older than it; a request that sees the
  ** index changed starts a new generation (cache.h). */
  vb_buf key;
  vb_buf_init(&key, (size_t)SV_MAX_ARGS * 2 * (SV_MAX_ARG + 1) + 4096);
  int keep = s->cache && cache_key(conn, url, &key);
  uint64_t gen = keep ? sv_cache_generation(s->cache) : 0;
  request_begin(w);
  if (keep) {
    int changed = index_changed(w);
    if (changed > 0) gen = sv_cache_changed(s->cache, gen);
    if (changed < 0 || !gen) keep = 0;
  }
  sv_cached hit;
  if (keep && sv_cache_get(s->cache, key.data, key.len, gen, &hit)) {
    r.status = hit.status;
    r.ctype = hit.ctype;
    snprintf(r.disposition, sizeof r.disposition, "%s", hit.disposition);
    if (vb_buf_append(&r.out, hit.body, hit.len) != VB_OK) r.failed = 1;
    vb_free(hit.body);
    r.cache = "hit";
  } else {
    route(&r, url);
    /* Only whole answers are kept: no error, nothing cut by the budget. */
    if (keep && r.status == 200 && !r.failed && !w->timed_out)
      sv_cache_put(s->cache, key.data, key.len, gen, r.status, r.ctype, r.disposition,
                   r.out.data ? r.out.data : "", r.out.len);
    if (s->cache) r.cache = keep ? "miss" : "skip";
  }
  vb_buf_free(&key);
  request_end(w);
  return send_req(s, w, &start, method, &r);
}

/* libmicrohttpd's own messages are not printed: the library never prints. */
static void quiet_log(void *cls, const char *fmt, va_list ap) {
  (void)cls;
  (void)fmt;
  (void)ap;
}

/* ---- Start and stop ---- */

vb_status vb_serve_start(const vb_serve_opts *o, vb_server **out,
                         vb_error *err) {
  *out = NULL;
  if (!o || !o->db_path)
    return vb_error_set(err, VB_EINVAL, "no index given");
  VB_TRY(sv_mhd_load(err));
  /* The index must be there and readable before we listen. */
  vb_index *probe = NULL;
  VB_TRY(vb_index_open(o->db_path, VB_INDEX_READ, &probe, err));
  reader_only(vb_index_db(probe));
  vb_index_close(probe);

  const char *bind = o->bind ? o->bind : "127.0.0.1";
  if (o->port < 0 || o->port > 65535)
    return vb_error_set(err, VB_EINVAL, "port %d is out of range", o->port);
  struct sockaddr_in6 a6;
  struct sockaddr_in a4;
  struct sockaddr *sa;
  /* A thread per connection: a keep-alive client is never queued behind
  ** another connection that landed on the same thread (a pool of threads
  ** gives each connection to one of them for its whole life); the workers
  ** bound how many requests run at once. */
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_AUTO;
  memset(&a6, 0, sizeof a6);
  memset(&a4, 0, sizeof a4);
  if (inet_pton(AF_INET, bind, &a4.sin_addr) == 1) {
    a4.sin_family = AF_INET;
    a4.sin_port = htons((uint16_t)o->port);
    sa = (struct sockaddr *)&a4;
  } else if (inet_pton(AF_INET6, bind, &a6.sin6_addr) == 1) {
    a6.sin6_family = AF_INET6;
    a6.sin6_port = htons((uint16_t)o->port);
    sa = (struct sockaddr *)&a6;
    flags |= MHD_USE_IPv6;
  } else {
    return vb_error_set(err, VB_EINVAL,
                        "'%s' is not a numeric IPv4 or IPv6 address", bind);
  }
  vb_server *s = vb_calloc(1, sizeof *s);
  if (!s) return vb_error_set(err, VB_ENOMEM, "out of memory");
  s->db_path = vb_strdup(o->db_path);
  s->budget_ms = o->budget_ms > 0 ? o->budget_ms : 5000;
  s->log = o->log;
  s->log_ctx = o->log_ctx;
  s->cache = sv_cache_new(o->cache_mb < 0 ? 0
                          : (size_t)(o->cache_mb ? o->cache_mb : SV_CACHE_MB) << 20);
  s->max = o->threads > 0 ? (unsigned)o->threads : 4;
  s->idle = vb_calloc(s->max, sizeof *s->idle);
  if (!s->db_path || !s->idle) {
    vb_free(s->idle);
    vb_free(s->db_path);
    sv_cache_free(s->cache);
    vb_free(s);
    return vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  pthread_mutex_init(&s->lock, NULL);
  pthread_cond_init(&s->freed, NULL);
  s->daemon = SV_MHD.MHD_start_daemon(
      flags, (uint16_t)o->port, NULL, NULL, handle, s,
      MHD_OPTION_SOCK_ADDR, sa,
      MHD_OPTION_CONNECTION_LIMIT, (unsigned)SV_CONN_LIMIT,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SV_CONN_TIMEOUT,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SV_CONN_MEMORY,
      MHD_OPTION_EXTERNAL_LOGGER, quiet_log, NULL,
      MHD_OPTION_END);
  if (!s->daemon) {
    vb_serve_stop(s);
    return vb_error_set(err, VB_EIO, "cannot listen on %s port %d (in use?)",
                        bind, o->port);
  }
  const union MHD_DaemonInfo *info =
      SV_MHD.MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
  s->port = info ? info->port : o->port;
  *out = s;
  return VB_OK;
}

int vb_serve_port(const vb_server *s) { return s ? s->port : 0; }

void vb_serve_stop(vb_server *s) {
  if (!s) return;
  /* Once the connections' threads are joined, every worker is idle. */
  if (s->daemon) SV_MHD.MHD_stop_daemon(s->daemon);
  for (unsigned i = 0; i < s->nidle; i++) worker_free(s->idle[i]);
  pthread_cond_destroy(&s->freed);
  pthread_mutex_destroy(&s->lock);
  vb_free(s->idle);
  vb_free(s->db_path);
  sv_cache_free(s->cache);
  vb_free(s);
}
