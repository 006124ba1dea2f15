/*
** test_faults.c: allocation-failure injection over the core library.
**
** For N = 0, 1, 2, ... each operation runs with vb_alloc_fail_after(N) (the
** (N+1)th allocation through vb_malloc and friends fails, and every one
** after it), until N passes the number of allocations the operation makes.
** Every run must either succeed or fail cleanly: VB_ENOMEM with the same
** code and a one-line reason in the vb_error, no crash (and, in the
** sanitizer build, no leak and no bad access).  Operations: text decoding,
** reading each format, the extractor, read + extract + store of a seed, the
** query compiler, the question parser, opening an index, and a whole
** ingest job with worker threads.
**
** Third-party libraries (SQLite, jansson, libxml2, PCRE2's own buffers)
** allocate with malloc and are not injected.
*/
#include <sys/stat.h>
#include <unistd.h>

#include "common/text.h"
#include "index/pipeline.h"
#include "extract/extract.h"
#include "query/ask.h"
#include "query/query.h"
#include "vbtest.h"

/* An operation under test: returns a status and fills err. */
typedef vb_status (*op_fn)(void *ctx, vb_error *err);

/* Stop sweeping past this many allocations: an operation that makes more
** on a small seed has a runaway loop. */
#define SWEEP_MAX 200000

/* Run op for N = 0, 1, ... until it no longer reaches an injected failure.
** Every run past the first `dense` ones moves N on by `stride` (for costly
** operations).  Returns the number of allocations op makes, or -1. */
static long sweep(const char *name, op_fn op, void *ctx, long dense,
                  long stride) {
  for (long n = 0; n < SWEEP_MAX; n += n < dense ? 1 : stride) {
    vb_error err = {0};
    vb_alloc_fail_after(n);
    vb_status rc = op(ctx, &err);
    /* NULL when the injection point was reached during the run. */
    void *probe = vb_malloc(1);
    vb_alloc_fail_after(-1);
    if (rc != VB_OK) {
      if (rc != VB_ENOMEM || err.code != rc || !err.msg[0] ||
          strchr(err.msg, '\n')) {
        fprintf(stderr, "%s: failure after %ld allocations: status %d (%s), "
                "error code %d \"%s\"\n", name, n, rc, vb_strerror(rc),
                err.code, err.msg);
        VB_CHECK(!"clean VB_ENOMEM");
        vb_free(probe);
        return -1;
      }
    }
    if (probe) {
      vb_free(probe);
      if (rc != VB_OK)
        fprintf(stderr, "%s: fails without an injected failure: %s\n", name,
                err.msg);
      VB_CHECK(rc == VB_OK);
      fprintf(stderr, "%s: %ld allocations, each one failed in turn\n", name,
              n);
      return n;
    }
  }
  fprintf(stderr, "%s: more than %d allocations\n", name, SWEEP_MAX);
  VB_CHECK(!"allocations bounded");
  return -1;
}

/* ---- Operations ---- */

typedef struct bytes {
  const unsigned char *data;
  size_t n;
  const char *source;  /* for reads: the name that picks the reader */
} bytes;

static vb_status op_decode(void *ctx, vb_error *err) {
  bytes *b = ctx;
  vb_buf out;
  vb_buf_init(&out, VB_CAP_TEXT);
  vb_status rc = vb_text_decode(b->data, b->n, &out, err);
  vb_buf_free(&out);
  return rc;
}

static vb_status op_read(void *ctx, vb_error *err) {
  bytes *b = ctx;
  vb_doc *doc = NULL;
  vb_status rc = vb_read_bytes(b->source, b->data, b->n, NULL, &doc, err);
  vb_doc_free(doc);
  return rc;
}

static vb_status op_extractor(void *ctx, vb_error *err) {
  (void)ctx;
  vb_extractor *ex = NULL;
  vb_status rc = vb_extractor_new(&ex, err);
  vb_extractor_free(ex);
  return rc;
}

/* Read, extract and store one file in an open index. */
typedef struct store_ctx {
  const char *path;
  const vb_extractor *ex;
  vb_index *idx;
} store_ctx;

static vb_status op_store(void *ctx, vb_error *err) {
  store_ctx *s = ctx;
  vb_doc *doc = NULL;
  json_t *rec = NULL;
  int replaced = 0;
  vb_status rc = vb_read_file(s->path, NULL, &doc, err);
  if (rc == VB_OK) rc = vb_extract(s->ex, doc, &rec, err);
  if (rc == VB_OK) rc = vb_index_begin(s->idx, err);
  if (rc == VB_OK) rc = vb_index_put(s->idx, doc, rec, NULL, &replaced, err);
  if (rc == VB_OK)
    rc = vb_index_commit(s->idx, err);
  else
    vb_index_rollback(s->idx);
  json_decref(rec);
  vb_doc_free(doc);
  return rc;
}

static vb_status op_query(void *ctx, vb_error *err) {
  char *fts = NULL;
  vb_status rc = vb_query_compile(ctx, 1, &fts, err);
  vb_free(fts);
  return rc;
}

static vb_status op_ask(void *ctx, vb_error *err) {
  vb_question *q = NULL;
  vb_status rc = vb_ask_parse(ctx, &q, err);
  vb_question_free(q);
  return rc;
}

static vb_status op_open(void *ctx, vb_error *err) {
  vb_index *idx = NULL;
  vb_status rc = vb_index_open(ctx, VB_INDEX_WRITE, &idx, err);
  vb_index_close(idx);
  return rc;
}

/* A whole ingest job.  Files that fail must fail for lack of memory. */
typedef struct ingest_ctx {
  const char *db;
  const char *dir;
  int bad_outcomes;
} ingest_ctx;

static void on_file(void *ctx, const char *source, vb_outcome outcome,
                    const vb_error *err) {
  ingest_ctx *c = ctx;
  if (outcome == VB_FAILED && (!err || err->code != VB_ENOMEM)) {
    fprintf(stderr, "ingest: %s failed: %s\n", source,
            err ? err->msg : "(no reason)");
    c->bad_outcomes++;
  }
}

static vb_status op_ingest(void *ctx, vb_error *err) {
  ingest_ctx *c = ctx;
  vb_index *idx = NULL;
  vb_ingest_opts o;
  vb_ingest_stats st;
  vb_ingest_opts_default(&o);
  o.on_file = on_file;
  o.ctx = c;
  const char *paths[] = {c->dir};
  vb_status rc = vb_index_open(c->db, VB_INDEX_WRITE, &idx, err);
  if (rc == VB_OK) rc = vb_ingest(idx, c->db, paths, 1, &o, &st, err);
  vb_index_close(idx);
  return rc;
}

/* ---- Helpers ---- */

/* Read a file of the source tree into memory (malloc'd). */
static unsigned char *slurp(const char *rel, size_t *n) {
  FILE *f = fopen(vb_test_src(rel), "rb");
  if (!f) return NULL;
  unsigned char *p = malloc(1 << 20);
  *n = p ? fread(p, 1, 1 << 20, f) : 0;
  fclose(f);
  return p;
}

static void remove_db(const char *db) {
  char p[256];
  static const char *const suffixes[] = {"", "-wal", "-shm"};
  for (size_t i = 0; i < 3; i++) {
    snprintf(p, sizeof p, "%s%s", db, suffixes[i]);
    unlink(p);
  }
}

/* Copy a file of the source tree into dir. */
static void copy_in(const char *rel, const char *dir, const char *name) {
  size_t n = 0;
  unsigned char *data = slurp(rel, &n);
  char p[256];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  FILE *f = fopen(p, "wb");
  VB_CHECK(data && f);
  if (data && f) fwrite(data, 1, n, f);
  if (f) fclose(f);
  free(data);
}

static const char kSeedTxt[] = "corpus/seeds/004_94ed9bdc1d102980.txt";

int main(void) {
  /* Text decoding: UTF-16 with CRLF and decomposed marks, and UTF-8. */
  static const unsigned char utf16[] = {
      0xFF, 0xFE, 'K', 0, 0xBE, 0x1E, '\r', 0, '\n', 0, 'a', 0,
      0x01, 0x03, 0x02, 0x03, '\r', 0, 'b', 0};
  bytes b16 = {utf16, sizeof utf16, NULL};
  VB_CHECK(sweep("decode UTF-16", op_decode, &b16, 1000, 1) > 0);

  size_t n = 0;
  unsigned char *txt = slurp(kSeedTxt, &n);
  VB_CHECK(txt != NULL);
  bytes bt = {txt, n, "plan.txt"};
  VB_CHECK(sweep("decode UTF-8", op_decode, &bt, 1000, 1) > 0);
  VB_CHECK(sweep("read .txt", op_read, &bt, 1000, 1) > 0);

  static const char *const zips[][2] = {
      {"tests/fuzz/corpus/docx/parts.docx", "plan.docx"},
      {"tests/fuzz/corpus/docx/tracked.docx", "plan.docx"},
      {"tests/fuzz/corpus/odt/lists_tables.odt", "plan.odt"},
      {"tests/fuzz/corpus/odt/header_footer.odt", "plan.odt"},
      {"tests/fuzz/corpus/pdf/furniture.pdf", "plan.pdf"},
      {"tests/fuzz/corpus/pdf/columns.pdf", "plan.pdf"},
      {"tests/fuzz/corpus/pdf/marks.pdf", "plan.pdf"},
      {"tests/fuzz/corpus/doc/seed_vni.doc", "plan.doc"},
      {"tests/fuzz/corpus/html/menu_table.html", "plan.html"},
      {"tests/fuzz/corpus/legacy/tcvn3.txt", "plan.txt"}};
  for (size_t i = 0; i < sizeof zips / sizeof zips[0]; i++) {
    size_t zn = 0;
    unsigned char *z = slurp(zips[i][0], &zn);
    VB_CHECK(z != NULL);
    bytes bz = {z, zn, zips[i][1]};
    VB_CHECK(sweep(zips[i][0], op_read, &bz, 1000, 1) > 0);
    free(z);
  }

  VB_CHECK(sweep("extractor", op_extractor, NULL, 200, 7) >= 0);

  /* Read + extract + store of a seed into an index opened beforehand. */
  const char *db = "test_faults.db";
  remove_db(db);
  vb_extractor *ex = NULL;
  vb_index *idx = NULL;
  vb_error err = {0};
  VB_CHECK(vb_extractor_new(&ex, &err) == VB_OK);
  VB_CHECK(vb_index_open(db, VB_INDEX_WRITE, &idx, &err) == VB_OK);
  store_ctx sc = {vb_test_src(kSeedTxt), ex, idx};
  char seed_path[4096];
  snprintf(seed_path, sizeof seed_path, "%s", sc.path);
  sc.path = seed_path;
  if (ex && idx) {
    VB_CHECK(sweep("read + extract + store", op_store, &sc, 1000, 1) > 0);
    int64_t count = -1;
    VB_CHECK(vb_index_count(idx, &count, &err) == VB_OK);
    VB_CHECK_INT(count, 1); /* each successful store replaced the last */
  }
  vb_index_close(idx);
  vb_extractor_free(ex);
  remove_db(db);

  VB_CHECK(sweep("query", op_query,
                 "(\"Sở Lao động\" OR Điện*) -\"Sơn La\" bình NOT giới", 1000,
                 1) > 0);
  VB_CHECK(sweep("question", op_ask,
                 "which units report to Sở Lao động - Thương binh và Xã hội "
                 "in Sơn La in 2023?", 1000, 1) >= 0);
  VB_CHECK(sweep("question (dates)", op_ask,
                 "thời hạn nào trong tháng 12 năm 2021 của Sở Y tế?", 1000,
                 1) >= 0);

  remove_db(db);
  VB_CHECK(sweep("open a new index", op_open, (void *)db, 1000, 1) > 0);
  remove_db(db);

  /* A whole ingest: three formats, two workers. */
  const char *dir = "test_faults.dir";
  mkdir(dir, 0755);
  copy_in(kSeedTxt, dir, "a.txt");
  copy_in("tests/fuzz/corpus/docx/parts.docx", dir, "b.docx");
  copy_in("tests/fuzz/corpus/odt/lists_tables.odt", dir, "c.odt");
  ingest_ctx ic = {db, dir, 0};
  VB_CHECK(sweep("ingest", op_ingest, &ic, 300, 11) > 0);
  VB_CHECK_INT(ic.bad_outcomes, 0);
  remove_db(db);
  static const char *const names[] = {"a.txt", "b.docx", "c.odt"};
  for (size_t i = 0; i < 3; i++) {
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, names[i]);
    unlink(p);
  }
  rmdir(dir);
  free(txt);
  return vb_test_done();
}
