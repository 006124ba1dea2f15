/*
** serve.h: `vanban serve`, a local web application over the index.
**
** An HTTP server (libmicrohttpd, a thread per connection, a pool of
** workers that each hold an index connection) that renders
** the search, document, question, reports, deadlines and map pages on the
** server, and answers the same questions as JSON under /api/.  Each worker
** opens its own read-only connection to the index on first use; the
** index is in WAL mode, so an ingest may write beside the server and new
** documents appear without a restart.  Only GET and HEAD are answered;
** every request runs under a time budget and within size limits; documents
** are addressed by their numeric id, never by a path.
**
** Every answer built by a handler carries a Server-Timing header:
** "app;dur=MS, cpu;dur=MS" (wall and CPU time of the answering thread from
** the request's headers to its answer), ", open;dur=MS" when the
** worker opened its index connection for this request, and with the
** answer cache ", cache;desc=hit" (answered from memory), "miss" (built,
** and kept when whole) or "skip" (neither looked up nor kept: a download,
** or an answer while two workers saw the index change at once).
**
** The server never prints: vb_serve_start() reports failures through
** vb_error, the caller says where it listens, and opts->log receives the
** per-request lines.
**
** Ownership: vb_serve_start() gives a handle to release with
** vb_serve_stop() (accepts NULL), which waits for the workers to finish.
*/
#ifndef VB_SERVE_H
#define VB_SERVE_H

#include "vb.h"

typedef struct vb_serve_opts {
  const char *db_path;  /* the index (required; must exist) */
  const char *bind;     /* numeric IPv4 or IPv6 address; NULL = 127.0.0.1 */
  int port;             /* 0 = any free port (see vb_serve_port) */
  int threads;          /* requests answered at once (workers, each with
                           its own index connection); 0 = 4 */
  int budget_ms;        /* time budget of one request's queries; 0 = 5000 */
  int cache_mb;         /* the answer cache's cap in MB: 0 = 64, negative =
                           no cache.  A repeated request (same path and
                           parameters) is answered from memory until the
                           index changes (any commit, e.g. of an ingest
                           beside the server); errors and answers cut by
                           the time budget are never kept. */
  /* Called after each request with one line (no newline) saying what was
  ** answered and how long it took: "200 GET /api/search 1843 B 3.21 ms
  ** cpu 3.02 ms worker 2 request 57 opens 1" (the worker thread, its
  ** count of requests, and how many times it opened the index), and with
  ** the answer cache " cache hit entries 12 bytes 80411" (hit, miss or
  ** skip; the entries and bytes it holds after the answer).  NULL:
  ** no log.  Called on the worker threads, possibly at the same time. */
  void (*log)(void *ctx, const char *line);
  void *log_ctx;
} vb_serve_opts;

typedef struct vb_server vb_server;

/* Start serving in background threads.  Errors: VB_ENOTFOUND, VB_ECORRUPT,
** VB_EDB (the index cannot be opened), VB_EINVAL (bad address),
** VB_EIO (cannot listen, e.g. the port is taken), VB_ENOMEM. */
vb_status vb_serve_start(const vb_serve_opts *opts, vb_server **out,
                         vb_error *err) VB_MUST_CHECK;

/* The port the server listens on (the chosen one when opts->port was 0). */
int vb_serve_port(const vb_server *s);

/* Stop listening, finish the requests under way and free everything. */
void vb_serve_stop(vb_server *s);

#endif /* VB_SERVE_H */
