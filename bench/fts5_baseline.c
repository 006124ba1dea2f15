/*
** fts5_baseline.c: the yardstick for `vanban ingest` — load the plain text
** of every .txt file under a directory into a bare SQLite FTS5 table with the
** stock unicode61 tokenizer, with the same database settings and batch size
** as vanban (WAL, synchronous=NORMAL, 200 documents per transaction).
**
**   fts5_baseline DB DIR [BATCH]
**
** Prints one line: "files bytes seconds" (seconds of the whole load, from
** the first file read to the last commit).  Exit status 0, or 1 with a
** message on stderr.  Built by bench/run; not part of vanban.
*/
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Directory depth nftw() may keep open at once; the corpus is two deep. */
#define OPEN_FDS 16

static sqlite3 *g_db;
static sqlite3_stmt *g_ins;
static long g_batch = 200, g_in_batch, g_files;
static long long g_bytes;
static char *g_buf;
static size_t g_cap;

static int exec(const char *sql) {
  char *msg = NULL;
  if (sqlite3_exec(g_db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    fprintf(stderr, "fts5_baseline: %s: %s\n", sql, msg ? msg : "?");
    sqlite3_free(msg);
    return -1;
  }
  return 0;
}

/* Read a whole file into g_buf; returns its length or -1. */
static long read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  size_t n = 0, got;
  for (;;) {
    if (n + 65536 > g_cap) {
      size_t cap = g_cap ? g_cap * 2 : 1 << 20;
      char *p = realloc(g_buf, cap);
      if (!p) {
        fclose(f);
        return -1;
      }
      g_buf = p;
      g_cap = cap;
    }
    got = fread(g_buf + n, 1, g_cap - n, f);
    n += got;
    if (got == 0) break;
  }
  fclose(f);
  return (long)n;
}

static int visit(const char *path, const struct stat *st, int type,
                 struct FTW *ftw) {
  (void)st;
  (void)ftw;
  size_t len = strlen(path);
  if (type != FTW_F || len < 4 || strcmp(path + len - 4, ".txt") != 0)
    return 0;
  long n = read_file(path);
  if (n < 0) {
    fprintf(stderr, "fts5_baseline: cannot read %s\n", path);
    return 1;
  }
  if (g_in_batch == 0 && exec("BEGIN") < 0) return 1;
  sqlite3_bind_text(g_ins, 1, g_buf, (int)n, SQLITE_STATIC);
  if (sqlite3_step(g_ins) != SQLITE_DONE) {
    fprintf(stderr, "fts5_baseline: insert: %s\n", sqlite3_errmsg(g_db));
    return 1;
  }
  sqlite3_reset(g_ins);
  g_files++;
  g_bytes += n;
  if (++g_in_batch >= g_batch) {
    g_in_batch = 0;
    if (exec("COMMIT") < 0) return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3 || argc > 4) {
    fprintf(stderr, "usage: fts5_baseline DB DIR [BATCH]\n");
    return 1;
  }
  if (argc == 4) g_batch = strtol(argv[3], NULL, 10) > 0 ? strtol(argv[3], NULL, 10) : 200;
  if (sqlite3_open(argv[1], &g_db) != SQLITE_OK) {
    fprintf(stderr, "fts5_baseline: %s: %s\n", argv[1], sqlite3_errmsg(g_db));
    return 1;
  }
  if (exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
           "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32000; "
           "CREATE VIRTUAL TABLE docs USING fts5(body)") < 0 ||
      sqlite3_prepare_v2(g_db, "INSERT INTO docs(body) VALUES (?)", -1, &g_ins,
                         NULL) != SQLITE_OK) {
    fprintf(stderr, "fts5_baseline: %s\n", sqlite3_errmsg(g_db));
    return 1;
  }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int rc = nftw(argv[2], visit, OPEN_FDS, FTW_PHYS);
  if (rc == 0 && g_in_batch > 0 && exec("COMMIT") < 0) rc = 1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  sqlite3_finalize(g_ins);
  sqlite3_close(g_db);
  free(g_buf);
  if (rc != 0) {
    if (rc < 0) fprintf(stderr, "fts5_baseline: cannot walk %s\n", argv[2]);
    return 1;
  }
  printf("%ld %lld %.3f\n", g_files, g_bytes,
         (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
  return 0;
}
