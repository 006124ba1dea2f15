/*
** internal.h: what the files of the web server share — the request being
** answered, the HTML writer with its one escaping rule, and the handlers.
**
** A handler reads its parameters with sv_arg() (already checked: at most
** SV_MAX_ARG bytes of valid UTF-8 without control characters), writes the
** body into r->out and sets r->status and r->ctype.  Handlers never fail
** halfway with a half page: writing errors are remembered in r->failed and
** the request ends as a 500.
*/
#ifndef VB_SERVE_INTERNAL_H
#define VB_SERVE_INTERNAL_H

#include <jansson.h>
#include <stdint.h>

#include "buf.h"
#include "index.h"
#include "query.h"

#define SV_MAX_ARG 1024        /* bytes of one parameter value */
#define SV_MAX_ARGS 32         /* parameters of one request */
#define SV_PAGE_SIZE 20        /* results per page */
#define SV_MAX_RESULTS 500     /* results reachable by paging */
#define SV_MAX_EXPORT 5000     /* rows of one export */
#define SV_MAX_BODY ((size_t)64 << 20) /* bytes of one response */

typedef struct sv_req {
  struct MHD_Connection *conn;
  const char *path;     /* the URL's path ("/search") */
  vb_index *idx;        /* this worker's read-only index */
  const char *db_path;  /* the index file (for resolving stored paths) */
  int en;               /* English pages (?lang=en) */
  int status;           /* HTTP status (200 unless set) */
  const char *ctype;    /* Content-Type of the body */
  char disposition[512];/* Content-Disposition, or "" */
  vb_buf out;           /* the body */
  int failed;           /* an append failed (out of memory or too large) */
  int *timed_out;       /* set by the time budget's progress handler */
  sqlite3_stmt **by_source; /* the worker's statement of sv_doc_id(),
                               prepared on first use and kept; may be NULL */
  const char *cache;    /* the answer cache: "hit", "miss" or "skip"
                           (serve.h), or NULL without a cache */
} sv_req;

/* The value of parameter name, or NULL when absent or empty. */
const char *sv_arg(sv_req *r, const char *name);
/* Integer parameter within [min, max]; def when absent; -1 after an error
** page (status 400) when malformed. */
long sv_arg_long(sv_req *r, const char *name, long min, long max, long def);

/* Localised text: Vietnamese unless the request asked for English. */
#define TR(r, vi_text, en_text) ((r)->en ? (en_text) : (vi_text))

/* Append text to the body.  sv_printf() understands:
**   %s  a string, HTML-escaped (NULL writes nothing)
**   %m  a string with highlight marks (SV_MARK_OPEN/CLOSE), escaped, the
**       marks then written as <mark>...</mark>
**   %u  a string percent-encoded for a URL parameter (then safe in HTML)
**   %r  a string written raw (trusted markup only)
**   %d  an int;  %D  an int64_t;  %%  a percent sign
** Every value that comes from the index or the request goes through %s,
** %m or %u. */
void sv_printf(sv_req *r, const char *fmt, ...);
void sv_raw(sv_req *r, const char *s);
void sv_json_body(sv_req *r, json_t *v);  /* steals v; status stays */

#define SV_MARK_OPEN "\x01"
#define SV_MARK_CLOSE "\x02"

/* The link of the current page with parameter key set to value (NULL
** drops it); page is always dropped unless key is "page".  Written as an
** href value (escaped).  Parameters kept: those in keep (NULL-ended). */
void sv_link(sv_req *r, const char *path, const char *const *keep,
             const char *key, const char *value);

/* The link of the current page (path and every parameter but lang and
** format) with key set to value (NULL drops it); page is dropped unless it
** is the key.  Written escaped, for an href. */
void sv_self(sv_req *r, const char *key, const char *value);

/* The export links of a result page: CSV, JSONL, and the same question
** under /api/ (without the page-only parameter drop). */
void sv_export_links(sv_req *r, const char *drop);

/* Page frame: the header with navigation (active = nav key) and the end. */
void sv_page_begin(sv_req *r, const char *title, const char *active);
void sv_page_end(sv_req *r);

/* An error page (HTML) or, for /api/, a JSON {"error": msg}. */
void sv_error(sv_req *r, int status, const char *msg);

/* A failed library call: the time budget, a malformed query, or an index
** error, as an error page. */
void sv_fail(sv_req *r, vb_status rc, const vb_error *err);

/* The id of the document stored from source, or 0.  Cheap enough to call
** once per answer: the statement is prepared once per worker. */
int64_t sv_doc_id(sv_req *r, const char *source);

/* Search options from the request's parameters (q, province, year, from,
** to, issuer, type, symbol, sort, fold, paragraphs).  Returns 0, or -1
** after an error page. */
int sv_search_opts(sv_req *r, vb_search_opts *o);

/* A question of intent (a vb_intent of query/ask.h) from the parameters
** named as the options of `vanban reports` / `deadlines` (to, from, unit,
** after, before, province, year); NULL after an error page.  Free with
** vb_question_free(). */
struct vb_question *sv_question(sv_req *r, int intent);

/* Handlers (pages.c, questions.c, api.c). */
void sv_page_search(sv_req *r);
void sv_page_doc(sv_req *r, int64_t id);
void sv_page_download(sv_req *r, int64_t id);
void sv_page_similar(sv_req *r);
void sv_page_ask(sv_req *r);
void sv_page_reports(sv_req *r);
void sv_page_deadlines(sv_req *r);
void sv_page_map(sv_req *r);
void sv_api(sv_req *r, const char *name);

/* Exports (api.c): the results or answers as CSV or JSONL when the
** request says format=csv|jsonl; returns 1 when it wrote the body. */
int sv_export_hits(sv_req *r, const vb_results *res, const char *name);
int sv_export_answers(sv_req *r, json_t *answers, const char *name);

/* JSON of a hit with the document id and paragraph keys (new reference). */
json_t *sv_hit_json(sv_req *r, const vb_hit *h);

#endif /* VB_SERVE_INTERNAL_H */
