/*
** fuzz_ask.c: fuzz target for questions: vb_ask_parse() on the input (up
** to its first NUL), and, for a question it understood, vb_ask_run() on an
** empty index, so that odd slot values reach the query building too.
**
** Invariants: a refusal is VB_EQUERY (or VB_ENOMEM) with a one-line reason;
** a question has a known intent, a month in 0..12 and valid UTF-8 in every
** slot; its answer is an object whose "count" is the number of "answers".
*/
#include <jansson.h>
#include <unistd.h>

#include "fuzz.h"
#include "query/ask.h"

/* An empty index in a temporary file, created once for the whole run (and
** removed at exit). */
static char g_db_path[512];

static void remove_db(void) {
  static const char *const suffixes[] = {"", "-wal", "-shm"};
  char p[sizeof g_db_path + 8];
  for (size_t i = 0; i < 3; i++) {
    snprintf(p, sizeof p, "%s%s", g_db_path, suffixes[i]);
    unlink(p);
  }
}

static vb_index *empty_index(void) {
  static vb_index *idx;
  if (idx) return idx;
  const char *tmp = getenv("TMPDIR");
  snprintf(g_db_path, sizeof g_db_path, "%s/vb-fuzz-ask-XXXXXX",
           tmp && *tmp ? tmp : "/tmp");
  int fd = mkstemp(g_db_path);
  FUZZ_ASSERT(fd >= 0);
  close(fd);
  unlink(g_db_path);
  atexit(remove_db);
  vb_error err = {0};
  FUZZ_ASSERT(vb_index_open(g_db_path, VB_INDEX_WRITE, &idx, &err) == VB_OK);
  return idx;
}

static void check_slot(const char *s) {
  if (s) FUZZ_ASSERT(vb_utf8_check((const unsigned char *)s, strlen(s)) ==
                     strlen(s));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = vb_strndup((const char *)data, size);
  FUZZ_ASSERT(text != NULL);
  vb_question *q = NULL;
  vb_error err = {0};
  vb_status rc = vb_ask_parse(text, &q, &err);
  vb_free(text);
  if (rc != VB_OK) {
    FUZZ_ASSERT(q == NULL);
    FUZZ_ASSERT(rc == VB_EQUERY || rc == VB_ENOMEM);
    fuzz_check_error(rc, &err);
    return 0;
  }
  FUZZ_ASSERT(q != NULL);
  FUZZ_ASSERT(q->intent >= VB_ASK_REPORTS_TO && q->intent <= VB_ASK_TASKS_OF);
  FUZZ_ASSERT(q->month >= 0 && q->month <= 12);
  check_slot(q->unit);
  check_slot(q->from_unit);
  check_slot(q->province);
  check_slot(q->after);
  check_slot(q->before);
  check_slot(q->doc);
  json_t *answer = NULL;
  rc = vb_ask_run(empty_index(), q, &answer, &err);
  if (rc != VB_OK) {
    fuzz_check_error(rc, &err);
    FUZZ_ASSERT(rc == VB_ENOMEM); /* an empty index has nothing to fail on */
  } else {
    FUZZ_ASSERT(json_is_object(answer));
    json_t *answers = json_object_get(answer, "answers");
    FUZZ_ASSERT(json_is_array(answers));
    FUZZ_ASSERT(json_integer_value(json_object_get(answer, "count")) ==
                (json_int_t)json_array_size(answers));
    json_decref(answer);
  }
  vb_question_free(q);
  return 0;
}
