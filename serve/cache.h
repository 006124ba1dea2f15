/*
** cache.h: the web server's answer cache — whole answers (status, type,
** disposition, body) kept in memory under the request they answered, so
** that a repeated request is answered without reading the index.
**
** Freshness: every entry carries the generation current when its answer's
** snapshot was taken.  A worker that sees the index change under its own
** connection (PRAGMA data_version moved) starts a new generation with
** sv_cache_changed(), which drops every entry; an entry of an
** older generation is never returned nor stored.  The caller reads the
** generation before its request takes its snapshot, so an entry is never
** older than its generation says.
**
** Memory: the entries' bytes (keys, bodies and their bookkeeping) stay
** within the cap given to sv_cache_new(); the least recently used entries
** go first; one answer larger than an eighth of the cap is not kept.
**
** Thread-safe: one mutex guards the table.  Ownership: sv_cache_get()
** gives a copy of the body (free with vb_free()); sv_cache_put() copies
** what it keeps.
*/
#ifndef VB_SERVE_CACHE_H
#define VB_SERVE_CACHE_H

#include <stddef.h>
#include <stdint.h>

typedef struct sv_cache sv_cache;

/* A cache of at most cap bytes; NULL when cap is 0 (no cache) or out of
** memory (the server then answers without one). */
sv_cache *sv_cache_new(size_t cap);
void sv_cache_free(sv_cache *c);  /* accepts NULL */

/* The current generation (never 0). */
uint64_t sv_cache_generation(sv_cache *c);

/* The index changed: start a new generation and drop every entry.  seen
** is the generation the caller read before its snapshot; the new one is
** returned when no one else started one since (the caller's snapshot then
** holds every change seen so far, and its answer may be kept under it),
** else 0 (never current). */
uint64_t sv_cache_changed(sv_cache *c, uint64_t seen);

/* A kept answer. */
typedef struct sv_cached {
  int status;
  char ctype[64];
  char disposition[512];
  char *body;  /* a copy, vb_malloc'd (owned by the caller) */
  size_t len;
} sv_cached;

/* The answer kept under key for generation gen: 1 and *out filled, 0 when
** there is none (or out of memory). */
int sv_cache_get(sv_cache *c, const char *key, size_t klen, uint64_t gen,
                 sv_cached *out);

/* Keep an answer under key, made from a snapshot of generation gen; not
** kept when gen is no longer current, when it is too large, or when out
** of memory.  Replaces an entry of the same key. */
void sv_cache_put(sv_cache *c, const char *key, size_t klen, uint64_t gen,
                  int status, const char *ctype, const char *disposition,
                  const char *body, size_t len);

/* Entries and bytes held now. */
void sv_cache_stats(sv_cache *c, size_t *entries, size_t *bytes);

#endif /* VB_SERVE_CACHE_H */
