/*
** fuzz.h: what the fuzz targets (tests/fuzz/fuzz_<name>.c) share: the
** libFuzzer entry point's prototype and the cheap invariants every target
** checks on a successful parse.
**
** A broken invariant calls abort(), which libFuzzer reports as a crash and
** the replay driver (replay.c) as a failed test, naming the input.
*/
#ifndef VB_FUZZ_H
#define VB_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "common/text.h"
#include "read/reader.h"

/* The libFuzzer entry point every target defines: returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop with a message: the input broke an invariant. */
#define FUZZ_ASSERT(cond)                                                  \
  do {                                                                     \
    if (!(cond)) {                                                         \
      fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, \
              #cond);                                                      \
      abort();                                                             \
    }                                                                      \
  } while (0)

/* A failed call must say why in one non-empty line, under its own code. */
static inline void fuzz_check_error(vb_status rc, const vb_error *err) {
  FUZZ_ASSERT(rc != VB_OK);
  FUZZ_ASSERT(err->code == rc);
  FUZZ_ASSERT(err->msg[0] != '\0');
  FUZZ_ASSERT(strchr(err->msg, '\n') == NULL);
}

/* Working text: valid UTF-8 without NUL, CR or BOM, and NFC (utf8proc's
** NFC of the whole text is the text itself). */
static inline void fuzz_check_text(const char *s, size_t n) {
  FUZZ_ASSERT(s != NULL);
  FUZZ_ASSERT(s[n] == '\0');
  FUZZ_ASSERT(memchr(s, '\0', n) == NULL);
  FUZZ_ASSERT(memchr(s, '\r', n) == NULL);
  FUZZ_ASSERT(vb_utf8_check((const unsigned char *)s, n) == n);
  FUZZ_ASSERT(n < 3 || memcmp(s, "\xEF\xBB\xBF", 3) != 0);
  utf8proc_uint8_t *nfc = NULL;
  utf8proc_ssize_t m =
      utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &nfc,
                   UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  FUZZ_ASSERT(m >= 0);
  FUZZ_ASSERT((size_t)m == n && memcmp(nfc, s, n) == 0);
  free(nfc); /* utf8proc allocates with malloc */
}

/* Optional text (extra, properties): NULL or working text. */
static inline void fuzz_check_opt_text(const char *s) {
  if (s) fuzz_check_text(s, strlen(s));
}

/* A document a reader produced: text invariants on every field, and text
** that holds more than white space. */
static inline void fuzz_check_doc(const vb_doc *doc, size_t in_size) {
  FUZZ_ASSERT(doc->format != NULL);
  FUZZ_ASSERT(doc->size == (int64_t)in_size);
  FUZZ_ASSERT(strlen(doc->sha256) == 64);
  fuzz_check_text(doc->text, doc->text_len);
  FUZZ_ASSERT(strspn(doc->text, " \t\n\f\v") < doc->text_len);
  if (doc->extra) fuzz_check_text(doc->extra, doc->extra_len);
  fuzz_check_opt_text(doc->prop_title);
  fuzz_check_opt_text(doc->prop_creator);
  fuzz_check_opt_text(doc->prop_created);
  fuzz_check_opt_text(doc->prop_modified);
}

/* Read the input as a file named `source` (the extension picks the reader
** when no magic number does) and check the result either way.  Returns the
** document (free with vb_doc_free) or NULL when it was refused. */
static inline vb_doc *fuzz_read(const char *source, const uint8_t *data,
                                size_t size) {
  vb_doc *doc = NULL;
  vb_error err = {0};
  vb_status rc = vb_read_bytes(source, data, size, NULL, &doc, &err);
  if (rc != VB_OK) {
    FUZZ_ASSERT(doc == NULL);
    fuzz_check_error(rc, &err);
    return NULL;
  }
  FUZZ_ASSERT(doc != NULL);
  fuzz_check_doc(doc, size);
  return doc;
}

#endif /* VB_FUZZ_H */
