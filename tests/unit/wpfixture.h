/*
** wpfixture.h: helpers the DOCX and ODT reader tests share — load a fixture
** from tests/fixtures/docx/, run a reader on it, compare with the expected
** text written next to it by tests/fixtures/make_docx.py, and check that a
** bad input fails with the right status and reason.
*/
#ifndef VB_WPFIXTURE_H
#define VB_WPFIXTURE_H

#include "read/reader.h"
#include "vbtest.h"

/* Whole file in a vb_malloc'ed buffer (NUL-terminated), or NULL. */
static unsigned char *wp_slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 4096, len = 0;
  unsigned char *p = vb_malloc(cap);
  size_t k;
  while (p && (k = fread(p + len, 1, cap - len - 1, f)) > 0) {
    len += k;
    if (cap - len < 2) {
      unsigned char *q = vb_realloc(p, cap * 2);
      if (!q) {
        vb_free(p);
        p = NULL;
        break;
      }
      p = q;
      cap *= 2;
    }
  }
  fclose(f);
  if (p) p[len] = '\0';
  *n = len;
  return p;
}

/* A fixture of tests/fixtures/docx/ (static buffer for the path). */
static const char *wp_fixture(const char *name) {
  static char rel[256];
  snprintf(rel, sizeof rel, "tests/fixtures/docx/%s", name);
  return vb_test_src(rel);
}

/* Run reader rd on the bytes of a file with limits lim (NULL: defaults).
** Returns the status and, in *out, the document (even on failure, as the
** reader left it; free with vb_doc_free). */
static vb_status wp_read(const vb_reader *rd, const char *path,
                         const vb_limits *lim, vb_doc **out, vb_error *err) {
  vb_limits def;
  if (!lim) {
    vb_limits_default(&def);
    lim = &def;
  }
  memset(err, 0, sizeof *err);
  size_t n = 0;
  unsigned char *data = wp_slurp(path, &n);
  *out = vb_calloc(1, sizeof **out);
  if (!data || !*out) {
    fprintf(stderr, "cannot read %s\n", path);
    vb_test_failures++;
    vb_free(data);
    return VB_EIO;
  }
  vb_status rc = rd->read(data, n, lim, *out, err);
  vb_free(data);
  return rc;
}

/* Read fixture `file` and compare its text with `<base>.expected` and its
** extra text with `<base>.extra` (absent file: extra must be NULL). */
static void wp_check_fixture(const vb_reader *rd, const char *file,
                             const char *base) {
  char name[128];
  size_t n;
  vb_doc *doc;
  vb_error err;
  vb_status rc = wp_read(rd, wp_fixture(file), NULL, &doc, &err);
  if (rc != VB_OK) fprintf(stderr, "%s: %s\n", file, err.msg);
  VB_CHECK_INT(rc, VB_OK);
  snprintf(name, sizeof name, "%s.expected", base);
  char *want = (char *)wp_slurp(wp_fixture(name), &n);
  VB_CHECK(want != NULL);
  VB_CHECK_STR(doc ? doc->text : NULL, want);
  if (doc && doc->text) VB_CHECK_INT(doc->text_len, strlen(doc->text));
  vb_free(want);
  snprintf(name, sizeof name, "%s.extra", base);
  want = (char *)wp_slurp(wp_fixture(name), &n);
  VB_CHECK_STR(doc ? doc->extra : NULL, want);
  vb_free(want);
  vb_doc_free(doc);
}

/* The properties a reader finds in a fixture (NULL: must be absent). */
static void wp_check_props(const vb_reader *rd, const char *file,
                           const char *title, const char *creator,
                           const char *created, const char *modified) {
  vb_doc *doc;
  vb_error err;
  VB_CHECK_INT(wp_read(rd, wp_fixture(file), NULL, &doc, &err), VB_OK);
  if (!doc) return;
  VB_CHECK_STR(doc->prop_title, title);
  VB_CHECK_STR(doc->prop_creator, creator);
  VB_CHECK_STR(doc->prop_created, created);
  VB_CHECK_STR(doc->prop_modified, modified);
  vb_doc_free(doc);
}

/* A bad input must fail with status `want` and a reason containing
** `reason`, leaving no text behind. */
static void wp_check_bad(const vb_reader *rd, const char *file,
                         const vb_limits *lim, vb_status want,
                         const char *reason) {
  vb_doc *doc;
  vb_error err;
  vb_status rc = wp_read(rd, wp_fixture(file), lim, &doc, &err);
  VB_CHECK_INT(rc, want);
  VB_CHECK_INT(err.code, want);
  if (!strstr(err.msg, reason)) {
    vb_test_failures++;
    fprintf(stderr, "%s: reason \"%s\" lacks \"%s\"\n", file, err.msg, reason);
  }
  VB_CHECK(strchr(err.msg, '\n') == NULL);
  vb_doc_free(doc);
}

#endif /* VB_WPFIXTURE_H */
