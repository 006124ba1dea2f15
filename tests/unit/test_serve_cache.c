/*
** test_serve_cache.c: the web server's answer cache (serve/cache.c): an
** answer comes back byte for byte under its key and generation only; the
** bytes held never pass the cap, counted after every insertion; the least
** recently used entries go first; a new generation drops everything and an
** answer made under an older one is not kept; an answer larger than an
** eighth of the cap is not kept.
*/
#include <string.h>

#include "vb.h"
#include "serve/cache.h"
#include "vbtest.h"

/* The body of entry i: its number repeated to n bytes. */
static void body_of(int i, char *out, size_t n) {
  for (size_t k = 0; k < n; k++) out[k] = (char)('a' + (i + (int)k) % 26);
}

/* Whether key k is held (for generation gen) with the body of i and size n. */
static int holds(sv_cache *c, const char *k, uint64_t gen, int i, size_t n) {
  sv_cached got;
  if (!sv_cache_get(c, k, strlen(k), gen, &got)) return 0;
  char want[4096];
  body_of(i, want, n);
  int same = got.len == n && memcmp(got.body, want, n) == 0 && got.status == 200 &&
             strcmp(got.ctype, "application/json") == 0;
  vb_free(got.body);
  return same;
}

static void test_roundtrip(void) {
  sv_cache *c = sv_cache_new(1 << 20);
  VB_CHECK(c != NULL);
  uint64_t g = sv_cache_generation(c);
  char body[1000];
  body_of(7, body, sizeof body);
  sv_cache_put(c, "/api/search\0q\0x", 16, g, 200, "application/json",
               "attachment; filename=\"a.csv\"", body, sizeof body);
  sv_cached got;
  VB_CHECK(sv_cache_get(c, "/api/search\0q\0x", 16, g, &got));
  VB_CHECK_INT(got.len, sizeof body);
  VB_CHECK(memcmp(got.body, body, sizeof body) == 0);
  VB_CHECK_STR(got.disposition, "attachment; filename=\"a.csv\"");
  vb_free(got.body);
  /* the key's bytes after a NUL count: another value is another key */
  VB_CHECK(!sv_cache_get(c, "/api/search\0q\0y", 16, g, &got));
  VB_CHECK(!sv_cache_get(c, "/api/search", 11, g, &got));
  /* a new generation drops it; an answer of the old one is not kept */
  uint64_t g2 = sv_cache_changed(c, g);
  VB_CHECK(g2 != 0 && g2 != g && g2 == sv_cache_generation(c));
  VB_CHECK(!sv_cache_get(c, "/api/search\0q\0x", 16, g2, &got));
  sv_cache_put(c, "k", 1, g, 200, "application/json", "", body, sizeof body);
  size_t n, bytes;
  sv_cache_stats(c, &n, &bytes);
  VB_CHECK_INT(n, 0);
  VB_CHECK_INT(bytes, 0);
  sv_cache_put(c, "k", 1, g2, 200, "application/json", "", body, sizeof body);
  VB_CHECK(!sv_cache_get(c, "k", 1, g, &got));  /* asked with the old one */
  VB_CHECK(holds(c, "k", g2, 7, sizeof body));
  /* the same key again replaces the entry */
  sv_cache_put(c, "k", 1, g2, 200, "application/json", "", body, 10);
  sv_cache_stats(c, &n, &bytes);
  VB_CHECK_INT(n, 1);
  VB_CHECK(holds(c, "k", g2, 7, 10));
  sv_cache_free(c);
  VB_CHECK(sv_cache_new(0) == NULL);  /* no cache */
  sv_cache_free(NULL);
}

static void test_cap(void) {
  const size_t cap = 64 << 10, size = 3000;
  sv_cache *c = sv_cache_new(cap);
  uint64_t g = sv_cache_generation(c);
  char body[4096], key[32];
  size_t n = 0, bytes = 0, most = 0;
  for (int i = 0; i < 200; i++) {
    snprintf(key, sizeof key, "/doc/%d", i);
    body_of(i, body, size);
    sv_cache_put(c, key, strlen(key), g, 200, "application/json", "", body, size);
    sv_cache_stats(c, &n, &bytes);
    VB_CHECK(bytes <= cap);
    if (n > most) most = n;
    /* "/doc/0" is read after each insertion: the most recently used */
    if (i > 0) VB_CHECK(holds(c, "/doc/0", g, 0, size));
  }
  /* between 3,000 and 3,000 + bookkeeping bytes each: 64 KB holds 18-21 */
  VB_CHECK(most >= 18 && most <= 21);
  VB_CHECK(n == most);
  /* the newest are there, the oldest gone (but for the one kept in use) */
  VB_CHECK(holds(c, "/doc/199", g, 199, size));
  VB_CHECK(holds(c, "/doc/190", g, 190, size));
  VB_CHECK(!holds(c, "/doc/1", g, 1, size));
  VB_CHECK(!holds(c, "/doc/150", g, 150, size));
  VB_CHECK(holds(c, "/doc/0", g, 0, size));
  /* larger than an eighth of the cap: not kept, nothing evicted for it */
  char big[9000];
  body_of(1, big, sizeof big);
  sv_cache_put(c, "big", 3, g, 200, "application/json", "", big, sizeof big);
  size_t n2, bytes2;
  sv_cache_stats(c, &n2, &bytes2);
  VB_CHECK_INT(n2, n);
  VB_CHECK_INT(bytes2, bytes);
  sv_cached got;
  VB_CHECK(!sv_cache_get(c, "big", 3, g, &got));
  /* a new generation empties it; one started by someone else since the
  ** caller looked gives the caller nothing to keep its answer under */
  uint64_t g2 = sv_cache_changed(c, g);
  VB_CHECK(g2 != 0);
  VB_CHECK_INT(sv_cache_changed(c, g), 0);
  VB_CHECK(sv_cache_generation(c) != g2);
  sv_cache_stats(c, &n2, &bytes2);
  VB_CHECK_INT(n2, 0);
  VB_CHECK_INT(bytes2, 0);
  sv_cache_free(c);
}

int main(void) {
  test_roundtrip();
  test_cap();
  return vb_test_done();
}
