/*
** test_tokenizer.c: the "vietnamese" FTS5 tokenizer (index/tokenizer.c):
** vb_tokenize tokens, flags and offsets; MATCH behaviour over the fixture
** documents in tests/fixtures/tone/ (marked and unmarked queries, tone
** placement, NFD, look-alike Ð, prefixes, highlight()); and a throughput
** figure (printed, not asserted).
*/
#include <time.h>
#include <utf8proc.h>

#include "common/buf.h"
#include "common/vi.h"
#include "index/tokenizer.h"
#include "vbtest.h"

/* ---- vb_tokenize directly ---- */

/* Collects "tok@start-end" lines; colocated tokens are prefixed with '+'. */
typedef struct collect {
  char text[4096];
  size_t len;
  int count, stop_after;
} collect;

static int collect_cb(void *ctx, int flags, const char *tok, int ntok,
                      int start, int end) {
  collect *c = ctx;
  int w = snprintf(c->text + c->len, sizeof c->text - c->len, "%s%.*s@%d-%d ",
                   (flags & FTS5_TOKEN_COLOCATED) ? "+" : "", ntok, tok,
                   start, end);
  if (w > 0 && (size_t)w < sizeof c->text - c->len) c->len += (size_t)w;
  c->count++;
  return c->stop_after && c->count >= c->stop_after ? 99 : 0;
}

static const char *tokens(const char *text, size_t n, int query) {
  static collect c;
  memset(&c, 0, sizeof c);
  int rc = vb_tokenize(text, n, query, collect_cb, &c);
  VB_CHECK_INT(rc, 0);
  return c.text;
}

static void check_tokens(void) {
  const char *s = "Uỷ ban, hoà-bình 2024 ÐẢNG";
  VB_CHECK_STR(tokens(s, strlen(s), 0),
               "ủy@0-4 +uy@0-4 ban@5-8 hòa@10-14 +hoa@10-14 bình@15-20 "
               "+binh@15-20 2024@21-25 đảng@26-33 +dang@26-33 ");
  VB_CHECK_STR(tokens(s, strlen(s), 1),
               "ủy@0-4 ban@5-8 hòa@10-14 bình@15-20 2024@21-25 đảng@26-33 ");
  /* NFD: one token spans the base letter and its marks */
  s = "Ho\xcc\x80" "a Vie\xcc\xa3\xcc\x82t";
  VB_CHECK_STR(tokens(s, strlen(s), 0),
               "hòa@0-5 +hoa@0-5 việt@6-14 +viet@6-14 ");
  /* letters and digits form one token; ASCII tokens come once */
  s = "Điều5 KH-UBND số 03/2024";
  VB_CHECK_STR(tokens(s, strlen(s), 0),
               "điều5@0-8 +dieu5@0-8 kh@9-11 ubnd@12-16 số@17-21 +so@17-21 "
               "03@22-24 2024@25-29 ");
  /* invalid bytes separate tokens and are never part of one */
  s = "ab\xff" "cd\xc3 \xe1\xbb" "đi\x80";
  VB_CHECK_STR(tokens(s, strlen(s), 0), "ab@0-2 cd@3-5 đi@9-12 +di@9-12 ");
  /* other scripts: a token, lower case, nothing colocated */
  s = "МОСКВА 北京";
  VB_CHECK_STR(tokens(s, strlen(s), 0), "москва@0-12 北京@13-19 ");
  VB_CHECK_STR(tokens("", 0, 0), "");
  VB_CHECK_STR(tokens(" ,.; ", 5, 0), "");

  /* a non-zero callback result stops and is returned */
  collect c;
  memset(&c, 0, sizeof c);
  c.stop_after = 2;
  s = "hoà bình";
  VB_CHECK_INT(vb_tokenize(s, strlen(s), 0, collect_cb, &c), 99);
  VB_CHECK_INT(c.count, 2);

  /* long tokens are cut at VB_VI_TOKEN_MAX bytes, on a character boundary;
  ** the offsets still cover the whole run */
  static char longtok[2000];
  memset(longtok, 'A', 1000);
  VB_CHECK_INT(tokens(longtok, 1000, 1)[VB_VI_TOKEN_MAX], '@');
  VB_CHECK(strstr(tokens(longtok, 1000, 1), "@0-1000 ") != NULL);
  for (int i = 0; i < 999; i++) memcpy(longtok + 2 * i, "\xc3\xa1", 2);  /* á */
  const char *got = tokens(longtok, 1998, 0);
  VB_CHECK_INT(got[VB_VI_TOKEN_MAX], '@');
  VB_CHECK(strncmp(got + VB_VI_TOKEN_MAX, "@0-1998 +aaaa", 13) == 0);
  for (int i = 0; i < 999; i++) memcpy(longtok + 2 * i, "\xe1\xba", 2);  /* ạ cut */
  longtok[1998] = 'x';
  got = tokens(longtok, 1999, 0);
  VB_CHECK_STR(got, "x@1998-1999 ");
}

/* Checks every token of arbitrary input: inside the text, in order,
** non-empty, capped, valid UTF-8. */
typedef struct sane {
  int n, last_start, bad;
} sane;

static int sane_cb(void *ctx, int flags, const char *tok, int ntok, int start,
                   int end) {
  sane *c = ctx;
  utf8proc_int32_t cp;
  if (ntok <= 0 || ntok > VB_VI_TOKEN_MAX || start < c->last_start ||
      start >= end || end > c->n)
    c->bad++;
  for (int i = 0; i < ntok;) {
    utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)tok + i,
                                            ntok - i, &cp);
    if (len <= 0) {
      c->bad++;
      break;
    }
    i += (int)len;
  }
  (void)flags;
  c->last_start = start;
  return 0;
}

static void check_noise(void) {
  static const char pool[] = "aou yAOUY\xcc\x80\xcc\x81\xcc\x82\xcc\x9b"
                             "\xe1\xbb\xa7\xc3\xa0\xc3\x90\xff\xc3-19\xd9\xa3";
  unsigned long x = 99;
  char in[700];
  for (int round = 0; round < 3000; round++) {
    int n = round % 700;
    for (int i = 0; i < n; i++) {
      x = x * 6364136223846793005UL + 1442695040888963407UL;
      in[i] = (x >> 33) % 4 ? pool[(x >> 40) % (sizeof pool - 1)]
                            : (char)(x >> 48);
    }
    for (int query = 0; query < 2; query++) {
      sane c = {n, 0, 0};
      VB_CHECK_INT(vb_tokenize(in, (size_t)n, query, sane_cb, &c), 0);
      VB_CHECK_INT(c.bad, 0);
    }
  }
}

/* Remove the "@start-end" parts from a tokens() listing. */
static void strip_offsets(char *list) {
  for (char *p = list; (p = strchr(p, '@')) != NULL;) {
    char *q = strchr(p, ' ');
    memmove(p, q, strlen(q) + 1);
  }
}

/* A decomposed document gives exactly the tokens of its NFC form. */
static void check_nfd_same(const char *nfd) {
  char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)nfd);
  VB_CHECK(nfc != NULL && strcmp(nfc, nfd) != 0);
  if (!nfc) return;
  static char a[4096], b[4096];
  const char *t = tokens(nfd, strlen(nfd), 0);
  snprintf(a, sizeof a, "%s", t);
  t = tokens(nfc, strlen(nfc), 0);
  snprintf(b, sizeof b, "%s", t);
  strip_offsets(a);  /* offsets differ; compare the token texts only */
  strip_offsets(b);
  VB_CHECK_STR(a, b);
  VB_CHECK(strstr(a, "đường +duong") != NULL);
  free(nfc);
}

/* ---- FTS5 over the fixture documents ---- */

static const char *const doc_names[] = {
    "nfc", "nfd", "newstyle", "oldstyle", "eth", "ban", "ban_acute", "ban_dot"};
#define NDOCS ((int)(sizeof doc_names / sizeof *doc_names))
static char *doc_text[NDOCS];

static char *read_fixture(const char *name) {
  char rel[256];
  snprintf(rel, sizeof rel, "tests/fixtures/tone/%s.txt", name);
  FILE *f = fopen(vb_test_src(rel), "rb");
  VB_CHECK(f != NULL);
  if (!f) return vb_strdup("");
  vb_buf b;
  vb_buf_init(&b, VB_CAP_SMALL);
  char chunk[1024];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    VB_CHECK_INT(vb_buf_append(&b, chunk, n), VB_OK);
  fclose(f);
  return vb_buf_take(&b, NULL);
}

/* Prepare sql with the query q bound to ?1. */
static sqlite3_stmt *prepare_match(sqlite3 *db, const char *sql,
                                   const char *q) {
  sqlite3_stmt *st = NULL;
  VB_CHECK_INT(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
  sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
  return st;
}

/* Names of the documents matching q, comma-separated, in insert order. */
static const char *match(sqlite3 *db, const char *q) {
  static char out[512];
  sqlite3_stmt *st =
      prepare_match(db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid", q);
  out[0] = '\0';
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    int id = sqlite3_column_int(st, 0);
    size_t len = strlen(out);
    snprintf(out + len, sizeof out - len, "%s%s", len ? "," : "",
             id >= 1 && id <= NDOCS ? doc_names[id - 1] : "?");
  }
  if (rc != SQLITE_DONE) fprintf(stderr, "query %s: %s\n", q, sqlite3_errmsg(db));
  VB_CHECK_INT(rc, SQLITE_DONE);
  sqlite3_finalize(st);
  return out;
}

/* highlight() of document `doc` for query q, with [ ] around hits. */
static char *highlight(sqlite3 *db, const char *q, int doc) {
  char *res = NULL;
  sqlite3_stmt *st = prepare_match(db,
                                   "SELECT highlight(t, 0, '[', ']') FROM t "
                                   "WHERE t MATCH ?1 AND rowid = ?2",
                                   q);
  sqlite3_bind_int(st, 2, doc + 1);
  if (sqlite3_step(st) == SQLITE_ROW)
    res = vb_strdup((const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return res;
}

/* The text of document doc with every occurrence of word in [ ]. */
static char *bracketed(int doc, const char *word) {
  vb_buf b;
  vb_buf_init(&b, VB_CAP_SMALL);
  const char *p = doc_text[doc], *hit;
  size_t wl = strlen(word);
  while ((hit = strstr(p, word)) != NULL) {
    VB_CHECK_INT(vb_buf_append(&b, p, (size_t)(hit - p)), VB_OK);
    VB_CHECK_INT(vb_buf_printf(&b, "[%s]", word), VB_OK);
    p = hit + wl;
  }
  VB_CHECK_INT(vb_buf_puts(&b, p), VB_OK);
  return vb_buf_take(&b, NULL);
}

static void check_highlight(sqlite3 *db, const char *q, int doc,
                            const char *word) {
  char *got = highlight(db, q, doc);
  char *want = bracketed(doc, word);
  VB_CHECK(strstr(want, "[") != NULL);  /* the fixture holds the word */
  VB_CHECK_STR(got, want);
  vb_free(got);
  vb_free(want);
}

/* An in-memory database with table t(body) using the tokenizer. */
/* The first column of the first row of sql (-1 if none). */
static long count_rows(sqlite3 *db, const char *sql) {
  sqlite3_stmt *s = NULL;
  long n = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW)
    n = (long)sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return n;
}

static sqlite3 *open_db(void) {
  sqlite3 *db = NULL;
  VB_CHECK_INT(sqlite3_open(":memory:", &db), SQLITE_OK);
  VB_CHECK_INT(vb_tokenizer_register(db), VB_OK);
  VB_CHECK_INT(sqlite3_exec(db,
                            "CREATE VIRTUAL TABLE t USING fts5(body, "
                            "tokenize='vietnamese')",
                            NULL, NULL, NULL),
               SQLITE_OK);
  return db;
}

enum { D_NFC, D_NFD, D_NEW, D_OLD, D_ETH, D_BAN, D_BAN_ACUTE, D_BAN_DOT };

static void check_fts(void) {
  sqlite3 *db = open_db();
  /* the tokenizer takes no options */
  VB_CHECK(sqlite3_exec(db,
                        "CREATE VIRTUAL TABLE bad USING fts5(body, "
                        "tokenize='vietnamese remove_diacritics')",
                        NULL, NULL, NULL) != SQLITE_OK);

  sqlite3_stmt *ins = NULL;
  VB_CHECK_INT(sqlite3_prepare_v2(db, "INSERT INTO t(rowid, body) VALUES(?1, ?2)",
                                  -1, &ins, NULL),
               SQLITE_OK);
  for (int i = 0; i < NDOCS; i++) {
    doc_text[i] = read_fixture(doc_names[i]);
    sqlite3_bind_int(ins, 1, i + 1);
    sqlite3_bind_text(ins, 2, doc_text[i], -1, SQLITE_STATIC);
    VB_CHECK_INT(sqlite3_step(ins), SQLITE_DONE);
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  check_nfd_same(doc_text[D_NFD]);

  /* unmarked queries find marked text */
  VB_CHECK_STR(match(db, "binh dang gioi"), "nfc");
  VB_CHECK_STR(match(db, "\"dam bao\""), "nfc");
  VB_CHECK_STR(match(db, "dam bao"), "nfc,nfd");  /* nfd says "Bảo đảm" */
  VB_CHECK_STR(match(db, "lao dong"), "nfc");
  VB_CHECK_STR(match(db, "\"giao thong duong bo\""), "nfd");
  /* tone placement: old and new style meet */
  VB_CHECK_STR(match(db, "hòa"), "newstyle,oldstyle");
  VB_CHECK_STR(match(db, "hoà"), "newstyle,oldstyle");
  VB_CHECK_STR(match(db, "HOÀ"), "newstyle,oldstyle");
  VB_CHECK_STR(match(db, "thủy"), "newstyle,oldstyle");
  VB_CHECK_STR(match(db, "thuỷ"), "newstyle,oldstyle");
  VB_CHECK_STR(match(db, "ủy"), "newstyle,oldstyle");
  VB_CHECK_STR(match(db, "khoá"), "newstyle,oldstyle");
  /* a marked query is exact */
  VB_CHECK_STR(match(db, "bạn"), "ban_dot");
  VB_CHECK_STR(match(db, "bán"), "ban_acute");
  VB_CHECK_STR(match(db, "ban"), "ban,ban_acute,ban_dot");
  VB_CHECK_STR(match(db, "đường"), "nfd");
  VB_CHECK_STR(match(db, "dương"), "eth");
  VB_CHECK_STR(match(db, "duong"), "nfd,eth");
  /* NFD query, NFD document, look-alike Ð on either side */
  VB_CHECK_STR(match(db, "bi\xcc\x80nh \xc4\x91" "a\xcc\x86\xcc\x89ng"), "nfc");
  VB_CHECK_STR(match(db, "\xc4\x91u\xcc\x9bo\xcc\x9b\xcc\x80ng"), "nfd");
  VB_CHECK_STR(match(db, "báo cáo"), "nfd");
  VB_CHECK_STR(match(db, "đảng"), "eth");
  VB_CHECK_STR(match(db, "\xc3\x90\xe1\xba\xa2NG"), "eth");  /* ÐẢNG */
  VB_CHECK_STR(match(db, "dang"), "nfc,eth");
  /* prefixes, plain and marked */
  VB_CHECK_STR(match(db, "bin*"), "nfc,newstyle,oldstyle,eth");
  VB_CHECK_STR(match(db, "bìn*"), "nfc,newstyle,oldstyle,eth");
  VB_CHECK_STR(match(db, "thu*"), "nfc,newstyle,oldstyle,ban_dot");
  VB_CHECK_STR(match(db, "thủ*"), "newstyle,oldstyle");
  VB_CHECK_STR(match(db, "2024"), "nfc");

  /* highlight() shows the original spelling */
  check_highlight(db, "hòa", D_NEW, "Hoà");
  check_highlight(db, "thủy", D_NEW, "thuỷ");
  check_highlight(db, "thuy", D_OLD, "thủy");
  /* the NFD document: "đường" decomposed, bracketed as a whole */
  const char *nfd_duong = "\xc4\x91u\xcc\x9bo\xcc\x9b\xcc\x80ng";
  check_highlight(db, "duong", D_NFD, nfd_duong);
  check_highlight(db, "đường", D_NFD, nfd_duong);
  check_highlight(db, "BẢO", D_NFD, "Ba\xcc\x89o");
  check_highlight(db, "dang", D_ETH, "\xc3\x90\xe1\xba\xa2NG");

  sqlite3_close(db);
}

/* ---- throughput ---- */

static int count_cb(void *ctx, int flags, const char *tok, int ntok, int start,
                    int end) {
  (void)flags;
  (void)tok;
  (void)start;
  (void)end;
  *(long *)ctx += ntok;
  return 0;
}

/* CPU time of this thread: other work on the machine does not count. */
static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void measure(void) {
  enum { TARGET = 8 << 20 };
  vb_buf all, text;
  vb_buf_init(&all, VB_CAP_SMALL);
  vb_buf_init(&text, VB_CAP_TEXT);
  for (int i = 0; i < NDOCS; i++) {
    char *d = read_fixture(doc_names[i]);
    VB_CHECK_INT(vb_buf_puts(&all, d), VB_OK);
    vb_free(d);
  }
  if (all.len == 0) return;  /* fixtures missing: already reported */
  while (text.len < TARGET)
    VB_CHECK_INT(vb_buf_append(&text, all.data, all.len), VB_OK);
  vb_buf_free(&all);
  long bytes = 0;
  double best = 1e9;
  for (int round = 0; round < 5; round++) {
    double t0 = now();
    VB_CHECK_INT(vb_tokenize(text.data, text.len, 0, count_cb, &bytes), 0);
    double dt = now() - t0;
    if (dt < best) best = dt;
  }
  VB_CHECK(bytes > 0);
  fprintf(stderr, "tokenizer: %.1f MB/s (CPU time) over %.1f MB of fixture text\n",
          (double)text.len / best / 1e6, (double)text.len / 1e6);

  /* the same text through FTS5, in documents of about 8 KB */
  sqlite3 *db = open_db();
  sqlite3_stmt *ins = NULL;
  VB_CHECK_INT(sqlite3_prepare_v2(db, "INSERT INTO t(body) VALUES(?1)", -1,
                                  &ins, NULL),
               SQLITE_OK);
  double t0 = now();
  sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
  size_t off = 0;
  while (off < text.len) {
    size_t len = text.len - off < 8192 ? text.len - off : 8192;
    while (off + len < text.len && text.data[off + len] != '\n') len++;
    sqlite3_bind_text(ins, 1, text.data + off, (int)len, SQLITE_STATIC);
    VB_CHECK_INT(sqlite3_step(ins), SQLITE_DONE);
    sqlite3_reset(ins);
    off += len;
  }
  sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
  fprintf(stderr, "fts5 insert with this tokenizer: %.1f MB/s (CPU time)\n",
          (double)text.len / (now() - t0) / 1e6);
  sqlite3_finalize(ins);
  sqlite3_close(db);
  vb_buf_free(&text);
}

/* Pre-tokenized texts (vb_pretok): an index filled from the replayed
** tokens is the one the tokenizer makes, and replay happens only for bytes
** equal to a held text. */
static void check_pretok(void) {
  sqlite3 *db = open_db();
  VB_CHECK_INT(sqlite3_exec(db,
                            "CREATE VIRTUAL TABLE u USING fts5(body, "
                            "tokenize='vietnamese');"
                            "CREATE VIRTUAL TABLE tv USING fts5vocab(t, "
                            "instance);"
                            "CREATE VIRTUAL TABLE uv USING fts5vocab(u, "
                            "instance)",
                            NULL, NULL, NULL),
               SQLITE_OK);
  sqlite3_stmt *it = NULL, *iu = NULL;
  VB_CHECK_INT(sqlite3_prepare_v2(db, "INSERT INTO t(rowid, body) "
                                  "VALUES(?1, ?2)", -1, &it, NULL),
               SQLITE_OK);
  VB_CHECK_INT(sqlite3_prepare_v2(db, "INSERT INTO u(rowid, body) "
                                  "VALUES(?1, ?2)", -1, &iu, NULL),
               SQLITE_OK);
  for (int i = 0; i < NDOCS; i++) {
    vb_pretok p;
    memset(&p, 0, sizeof p);
    size_t n = strlen(doc_text[i]);
    VB_CHECK_INT(vb_pretok_add(&p, doc_text[i], n), VB_OK);
    VB_CHECK_INT((int)p.n, 1);
    sqlite3_stmt *st[2] = {it, iu};
    for (int k = 0; k < 2; k++) {
      vb_pretok_use(k ? &p : NULL);
      sqlite3_bind_int(st[k], 1, i + 1);
      sqlite3_bind_text(st[k], 2, doc_text[i], (int)n, SQLITE_TRANSIENT);
      VB_CHECK_INT(sqlite3_step(st[k]), SQLITE_DONE);
      sqlite3_reset(st[k]);
    }
    vb_pretok_use(NULL);
    vb_pretok_free(&p);
  }
  VB_CHECK(count_rows(db, "SELECT count(*) FROM uv") > 100);
  VB_CHECK_INT(count_rows(db, "SELECT count(*) FROM (SELECT * FROM tv "
                              "EXCEPT SELECT * FROM uv)"), 0);
  VB_CHECK_INT(count_rows(db, "SELECT count(*) FROM (SELECT * FROM uv "
                              "EXCEPT SELECT * FROM tv)"), 0);
  /* The tokens held are replayed for equal bytes: changed in place after
  ** vb_pretok_add (against its contract), the text is indexed as it was. */
  char text[] = "alpha beta";
  vb_pretok p;
  memset(&p, 0, sizeof p);
  VB_CHECK_INT(vb_pretok_add(&p, text, strlen(text)), VB_OK);
  memcpy(text, "gamma zeta", strlen(text));
  vb_pretok_use(&p);
  sqlite3_bind_int(iu, 1, 100);
  sqlite3_bind_text(iu, 2, text, -1, SQLITE_TRANSIENT);
  VB_CHECK_INT(sqlite3_step(iu), SQLITE_DONE);
  sqlite3_reset(iu);
  /* other bytes are tokenized as usual */
  sqlite3_bind_int(iu, 1, 101);
  sqlite3_bind_text(iu, 2, "zeta delta", -1, SQLITE_STATIC);
  VB_CHECK_INT(sqlite3_step(iu), SQLITE_DONE);
  sqlite3_reset(iu);
  vb_pretok_use(NULL);
  VB_CHECK_INT(count_rows(db, "SELECT rowid FROM u WHERE u MATCH 'alpha'"),
               100);
  VB_CHECK_INT(count_rows(db, "SELECT count(*) FROM u WHERE u MATCH "
                              "'gamma'"), 0);
  VB_CHECK_INT(count_rows(db, "SELECT rowid FROM u WHERE u MATCH 'delta'"),
               101);
  vb_pretok_free(&p);
  /* too large a text is left to the tokenizer */
  VB_CHECK_INT(vb_pretok_add(&p, doc_text[0], VB_PRETOK_MAX_BYTES + 1),
               VB_OK);
  VB_CHECK_INT((int)p.n, 0);
  sqlite3_finalize(it);
  sqlite3_finalize(iu);
  sqlite3_close(db);
}

int main(void) {
  check_tokens();
  check_noise();
  check_fts();
  check_pretok();
  for (int i = 0; i < NDOCS; i++) vb_free(doc_text[i]);
  measure();
  return vb_test_done();
}
