/*
** cache.c: the answer cache of `vanban serve` (cache.h) — a hash table of
** entries chained by key hash, and a list of the same entries from the
** most to the least recently used, from whose end entries are dropped
** until the bytes held fit the cap.
*/
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "vb.h"
#include "cache.h"

typedef struct entry {
  struct entry *next_hash;   /* the bucket's chain */
  struct entry *newer, *older;
  uint64_t hash;
  size_t klen, len, bytes;   /* bytes: what this entry counts against the cap */
  int status;
  char ctype[64];
  char *disposition;         /* in the same block as the key and the body */
  char *key;
  char *body;
} entry;

struct sv_cache {
  pthread_mutex_t lock;
  size_t cap, bytes, count;
  entry **buckets;
  size_t nbuckets;           /* a power of two */
  entry *newest, *oldest;
  uint64_t gen;
};

/* FNV-1a over the key. */
static uint64_t hash_key(const char *k, size_t n) {
  uint64_t h = 14695981039346656037ULL;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)k[i]) * 1099511628211ULL;
  return h;
}

sv_cache *sv_cache_new(size_t cap) {
  if (!cap) return NULL;
  sv_cache *c = vb_calloc(1, sizeof *c);
  if (!c) return NULL;
  c->nbuckets = 256;
  c->buckets = vb_calloc(c->nbuckets, sizeof *c->buckets);
  if (!c->buckets) {
    vb_free(c);
    return NULL;
  }
  c->cap = cap;
  c->gen = 1;
  pthread_mutex_init(&c->lock, NULL);
  return c;
}

/* Take e out of the list and the table (the lock held); e is not freed. */
static void unlink_entry(sv_cache *c, entry *e) {
  entry **p = &c->buckets[e->hash & (c->nbuckets - 1)];
  while (*p != e) p = &(*p)->next_hash;
  *p = e->next_hash;
  if (e->newer) e->newer->older = e->older; else c->newest = e->older;
  if (e->older) e->older->newer = e->newer; else c->oldest = e->newer;
  c->bytes -= e->bytes;
  c->count--;
}

/* Drop every entry (the lock held). */
static void drop_all(sv_cache *c) {
  while (c->oldest) {
    entry *e = c->oldest;
    unlink_entry(c, e);
    vb_free(e);
  }
}

void sv_cache_free(sv_cache *c) {
  if (!c) return;
  drop_all(c);
  pthread_mutex_destroy(&c->lock);
  vb_free(c->buckets);
  vb_free(c);
}

uint64_t sv_cache_generation(sv_cache *c) {
  pthread_mutex_lock(&c->lock);
  uint64_t g = c->gen;
  pthread_mutex_unlock(&c->lock);
  return g;
}

uint64_t sv_cache_changed(sv_cache *c, uint64_t seen) {
  pthread_mutex_lock(&c->lock);
  int mine = c->gen == seen;
  c->gen++;
  drop_all(c);
  uint64_t g = mine ? c->gen : 0;
  pthread_mutex_unlock(&c->lock);
  return g;
}

/* The entry of key, or NULL (the lock held). */
static entry *find(sv_cache *c, const char *key, size_t klen, uint64_t h) {
  for (entry *e = c->buckets[h & (c->nbuckets - 1)]; e; e = e->next_hash)
    if (e->hash == h && e->klen == klen && memcmp(e->key, key, klen) == 0) return e;
  return NULL;
}

/* Make e the most recently used (the lock held; e is not in the list). */
static void push_newest(sv_cache *c, entry *e) {
  e->newer = NULL;
  e->older = c->newest;
  if (c->newest) c->newest->newer = e; else c->oldest = e;
  c->newest = e;
}

int sv_cache_get(sv_cache *c, const char *key, size_t klen, uint64_t gen,
                 sv_cached *out) {
  uint64_t h = hash_key(key, klen);
  int hit = 0;
  pthread_mutex_lock(&c->lock);
  entry *e = gen == c->gen ? find(c, key, klen, h) : NULL;
  if (e && (out->body = vb_malloc(e->len ? e->len : 1)) != NULL) {
    memcpy(out->body, e->body, e->len);
    out->len = e->len;
    out->status = e->status;
    memcpy(out->ctype, e->ctype, sizeof out->ctype);
    snprintf(out->disposition, sizeof out->disposition, "%s", e->disposition);
    /* now the most recently used */
    if (e->newer) e->newer->older = e->older; else c->newest = e->older;
    if (e->older) e->older->newer = e->newer; else c->oldest = e->newer;
    push_newest(c, e);
    hit = 1;
  }
  pthread_mutex_unlock(&c->lock);
  return hit;
}

/* Twice the buckets when there are more entries than buckets (the lock
** held); on failure the chains just grow longer. */
static void grow(sv_cache *c) {
  if (c->count < c->nbuckets) return;
  size_t n = c->nbuckets * 2;
  entry **b = vb_calloc(n, sizeof *b);
  if (!b) return;
  for (size_t i = 0; i < c->nbuckets; i++) {
    entry *e = c->buckets[i];
    while (e) {
      entry *next = e->next_hash;
      e->next_hash = b[e->hash & (n - 1)];
      b[e->hash & (n - 1)] = e;
      e = next;
    }
  }
  vb_free(c->buckets);
  c->buckets = b;
  c->nbuckets = n;
}

void sv_cache_put(sv_cache *c, const char *key, size_t klen, uint64_t gen,
                  int status, const char *ctype, const char *disposition,
                  const char *body, size_t len) {
  size_t dlen = strlen(disposition);
  size_t bytes = sizeof(entry) + klen + len + dlen + 1;
  if (bytes > c->cap / 8 || strlen(ctype) >= sizeof ((entry *)0)->ctype) return;
  entry *e = vb_malloc(bytes);  /* allocated before the lock is taken */
  if (!e) return;
  memset(e, 0, sizeof *e);
  e->key = (char *)(e + 1);
  e->body = e->key + klen;
  e->disposition = e->body + len;
  memcpy(e->key, key, klen);
  memcpy(e->body, body, len);
  memcpy(e->disposition, disposition, dlen + 1);
  snprintf(e->ctype, sizeof e->ctype, "%s", ctype);
  e->hash = hash_key(key, klen);
  e->klen = klen;
  e->len = len;
  e->bytes = bytes;
  e->status = status;
  entry *old = NULL;
  pthread_mutex_lock(&c->lock);
  if (gen != c->gen) {
    pthread_mutex_unlock(&c->lock);
    vb_free(e);
    return;
  }
  if ((old = find(c, key, klen, e->hash)) != NULL) unlink_entry(c, old);
  /* room for it: the least recently used go */
  entry *gone = NULL;
  while (c->oldest && c->bytes + bytes > c->cap) {
    entry *o = c->oldest;
    unlink_entry(c, o);
    o->next_hash = gone;
    gone = o;
  }
  grow(c);
  e->next_hash = c->buckets[e->hash & (c->nbuckets - 1)];
  c->buckets[e->hash & (c->nbuckets - 1)] = e;
  push_newest(c, e);
  c->bytes += bytes;
  c->count++;
  pthread_mutex_unlock(&c->lock);
  vb_free(old);
  while (gone) {
    entry *next = gone->next_hash;
    vb_free(gone);
    gone = next;
  }
}

void sv_cache_stats(sv_cache *c, size_t *entries, size_t *bytes) {
  pthread_mutex_lock(&c->lock);
  *entries = c->count;
  *bytes = c->bytes;
  pthread_mutex_unlock(&c->lock);
}
