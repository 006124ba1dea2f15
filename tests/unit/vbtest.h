/*
** vbtest.h: the tiny harness every unit test uses.
**
**   VB_CHECK(cond)            record a failure (file:line, the condition)
**   VB_CHECK_STR(got, want)   compare two C strings (NULL allowed)
**   VB_CHECK_INT(got, want)   compare two integers
**   vb_test_src(rel)          path of a file in the source tree ($VB_SRC)
**   vb_test_db(path)          a fresh scratch database name from a
**                             "name_XXXXXX" template (no file yet)
**   vb_test_rm_db(path)       remove it with its -wal and -shm files
**   return vb_test_done();    from main: prints a summary, exit status
**
** Tests keep going after a failed check so that one run shows every failure.
*/
#ifndef VB_TEST_H
#define VB_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int vb_test_checks, vb_test_failures;

#define VB_CHECK(cond)                                                     \
  do {                                                                     \
    vb_test_checks++;                                                      \
    if (!(cond)) {                                                         \
      vb_test_failures++;                                                  \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,     \
              #cond);                                                      \
    }                                                                      \
  } while (0)

#define VB_CHECK_STR(got, want)                                            \
  do {                                                                     \
    const char *g_ = (got), *w_ = (want);                                  \
    vb_test_checks++;                                                      \
    if (!((g_ == NULL && w_ == NULL) ||                                    \
          (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0))) {            \
      vb_test_failures++;                                                  \
      fprintf(stderr, "%s:%d: %s\n   got: %s\n  want: %s\n", __FILE__,     \
              __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");     \
    }                                                                      \
  } while (0)

#define VB_CHECK_INT(got, want)                                            \
  do {                                                                     \
    long long g_ = (long long)(got), w_ = (long long)(want);               \
    vb_test_checks++;                                                      \
    if (g_ != w_) {                                                        \
      vb_test_failures++;                                                  \
      fprintf(stderr, "%s:%d: %s = %lld, want %lld\n", __FILE__, __LINE__, \
              #got, g_, w_);                                               \
    }                                                                      \
  } while (0)

/* Turn the template path ("name_XXXXXX") into a fresh unused name. */
static inline void vb_test_db(char *path) {
  int fd = mkstemp(path);
  if (fd >= 0) close(fd);
  unlink(path);
}

/* Remove the database path and its WAL side files. */
static inline void vb_test_rm_db(const char *path) {
  char side[4096];
  unlink(path);
  snprintf(side, sizeof side, "%s-wal", path);
  unlink(side);
  snprintf(side, sizeof side, "%s-shm", path);
  unlink(side);
}

#ifdef VB_INDEX_H
/* Store `text` as plain-text document `source` of a plan in idx (inside a
** batch), checking each step. */
static inline void vb_test_put_text(vb_index *idx, const char *source,
                                    const char *text) {
  vb_error err = {0};
  vb_doc *doc = NULL;
  int replaced = 0;
  VB_CHECK_INT(vb_read_bytes(source, (const unsigned char *)text,
                             strlen(text), NULL, &doc, NULL),
               VB_OK);
  json_t *rec = json_pack("{s:s}", "doc_type", "Kế hoạch");
  if (doc && rec)
    VB_CHECK_INT(vb_index_put(idx, doc, rec, NULL, &replaced, &err), VB_OK);
  json_decref(rec);
  vb_doc_free(doc);
}
#endif

/* Path of a file in the source tree; static buffer, valid until next call. */
static inline const char *vb_test_src(const char *rel) {
  static char path[4096];
  const char *src = getenv("VB_SRC");
  snprintf(path, sizeof path, "%s/%s", src ? src : ".", rel);
  return path;
}

static inline int vb_test_done(void) {
  fprintf(stderr, "%d checks, %d failed\n", vb_test_checks, vb_test_failures);
  return vb_test_failures ? 1 : 0;
}

#endif /* VB_TEST_H */
