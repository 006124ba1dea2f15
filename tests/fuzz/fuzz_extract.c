/*
** fuzz_extract.c: fuzz target for metadata extraction: the input is read
** as a text file (vb_read_bytes with a .txt name) and, when it holds text,
** given to vb_extract().
**
** Invariants: a refusal carries a one-line reason; a record is a JSON
** object with every key of the extraction record; string values are valid
** UTF-8; every evidence entry names a line of the text (1..number of
** lines) with a string; the record serialises.
*/
#include <jansson.h>

#include "fuzz.h"
#include "extract/extract.h"

/* Keys every record carries (README, "The extraction record"). */
static const char *const record_keys[] = {
    "source", "sha256",    "format",     "doc_type",  "number",   "symbol",
    "place",  "date",      "year",       "issuer",    "province", "title",
    "theme",  "period",    "signer",     "references", "units",   "deadlines",
    "reports", "recipients", "evidence", NULL};

/* Every string anywhere in v is valid UTF-8 (jansson checks on input, but
** the extractor builds strings from cut text: a cut inside a character
** would show here). */
static void check_strings(json_t *v) {
  if (json_is_string(v)) {
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    FUZZ_ASSERT(vb_utf8_check((const unsigned char *)s, n) == n);
  } else if (json_is_array(v)) {
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x) check_strings(x);
  } else if (json_is_object(v)) {
    const char *k;
    json_t *x;
    json_object_foreach(v, k, x) check_strings(x);
  }
}

/* Number of lines of the text (a last line without '\n' counts). */
static size_t count_lines(const char *s, size_t n) {
  size_t lines = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] == '\n') lines++;
  if (n && s[n - 1] != '\n') lines++;
  return lines;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static vb_extractor *ex; /* compiled once, kept for the whole run */
  if (!ex) {
    vb_error err = {0};
    FUZZ_ASSERT(vb_extractor_new(&ex, &err) == VB_OK);
  }
  vb_doc *doc = fuzz_read("fuzz.txt", data, size);
  if (!doc) return 0;
  json_t *rec = NULL;
  vb_error err = {0};
  vb_status rc = vb_extract(ex, doc, &rec, &err);
  if (rc != VB_OK) {
    FUZZ_ASSERT(rec == NULL);
    fuzz_check_error(rc, &err);
    vb_doc_free(doc);
    return 0;
  }
  FUZZ_ASSERT(json_is_object(rec));
  for (size_t i = 0; record_keys[i]; i++)
    FUZZ_ASSERT(json_object_get(rec, record_keys[i]) != NULL);
  check_strings(rec);
  size_t lines = count_lines(doc->text, doc->text_len);
  const char *key;
  json_t *ev;
  json_object_foreach(json_object_get(rec, "evidence"), key, ev) {
    json_t *line = json_object_get(ev, "line");
    FUZZ_ASSERT(json_is_integer(line));
    FUZZ_ASSERT(json_integer_value(line) >= 1);
    FUZZ_ASSERT((size_t)json_integer_value(line) <= lines);
    FUZZ_ASSERT(json_is_string(json_object_get(ev, "text")));
  }
  char *dump = json_dumps(rec, JSON_COMPACT);
  FUZZ_ASSERT(dump != NULL);
  free(dump); /* jansson allocates with malloc */
  json_decref(rec);
  vb_doc_free(doc);
  return 0;
}
