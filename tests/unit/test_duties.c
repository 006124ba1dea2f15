/*
** test_duties.c: units, deadlines and reports (extract/extract_duties.c).
**
** Every text in tests/fixtures/duties/ (NAME.txt or NAME.md) has its
** answers, written by hand, beside it in NAME.json:
**
**   {"context": {"locality": "tỉnh Bắc Kạn", "year": 2021,
**                "issuer": "...", "date": "2021-10-18"},
**    "units": [...], "deadlines": [...], "reports": [...],
**    "evidence": {"units[0]": 17, ...}}
**
** The duty extractor runs on the text with that context (as extract.c
** gives it: the locality, the plan's year, the record's issuer and date);
** each list must equal the expected one and each evidence key must point
** at its line.  Then: a failed allocation at any step ends in VB_ENOMEM
** without a leak, a huge document stays within the caps, and a text
** without duties gives empty lists.
*/
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "extract/extract_int.h"
#include "vbtest.h"

#define FIXTURES "tests/fixtures/duties"
#define MAX_FIXTURES 64

static vb_xrules *g_rules;

/* Run the duty extractor on text with the context of an expected file;
** returns the record (with "evidence") or NULL; *rc gets the status. */
static json_t *run(const char *text, size_t n, json_t *context, vb_status *rc) {
  vb_xdoc d;
  vb_xmatch m;
  vb_locality loc;
  vb_error err;
  json_t *rec = json_object(), *ev = json_object();
  const char *ls = json_string_value(json_object_get(context, "locality"));
  memset(&loc, 0, sizeof loc);
  if (ls) vb_locality_parse(ls, strlen(ls), NULL, &loc);
  int year = (int)json_integer_value(json_object_get(context, "year"));
  json_t *issuer = json_object_get(context, "issuer");
  json_t *date = json_object_get(context, "date");
  json_object_set(rec, "issuer", issuer ? issuer : json_null());
  json_object_set(rec, "date", date ? date : json_null());
  *rc = vb_xdoc_build(text, n, &d, &err);
  if (*rc == VB_OK) {
    *rc = vb_xmatch_init(&m, g_rules);
    if (*rc == VB_OK) {
      *rc = vb_x_duties(&m, &d, 0, d.ncells, ls ? &loc : NULL, year, rec, ev,
                        &err);
      vb_xmatch_free(&m);
    }
  }
  vb_xdoc_free(&d);
  if (*rc != VB_OK) {
    json_decref(rec);
    json_decref(ev);
    return NULL;
  }
  json_object_set_new(rec, "evidence", ev);
  return rec;
}

static char *read_text(const char *path, size_t *n) {
  vb_doc *doc;
  vb_limits lim;
  vb_limits_default(&lim);
  if (vb_read_file(path, &lim, &doc, NULL) != VB_OK) return NULL;
  char *t = vb_strndup(doc->text, doc->text_len);
  *n = doc->text_len;
  vb_doc_free(doc);
  return t;
}

/* Is s a date the spec defines for a deadline: "YYYY", "YYYY-MM",
** "YYYY-MM-DD", or "--MM" / "--MM-DD" for a yearly duty? */
static int spec_date(const char *s, const char *recurs) {
  size_t n = strlen(s), i = 0;
  static const char *const iso[] = {"dddd", "dddd-dd", "dddd-dd-dd"};
  static const char *const yearly[] = {"--dd", "--dd-dd"};
  const char *const *forms = recurs ? yearly : iso;
  size_t nforms = recurs ? 2 : 3;
  if (recurs && strcmp(recurs, "yearly") != 0) return 0;
  for (size_t k = 0; k < nforms; k++) {
    if (strlen(forms[k]) != n) continue;
    for (i = 0; i < n; i++)
      if (forms[k][i] == 'd' ? !(s[i] >= '0' && s[i] <= '9')
                             : s[i] != forms[k][i])
        break;
    if (i == n) return 1;
  }
  return 0;
}

/* Every deadline and every edge's "by" is null or a date of the spec; a
** deadline that recurs more often than yearly has no date. */
static void check_dates(const char *name, json_t *got) {
  json_t *dl = json_object_get(got, "deadlines");
  for (size_t i = 0; i < json_array_size(dl); i++) {
    json_t *d = json_array_get(dl, i);
    const char *date = json_string_value(json_object_get(d, "date"));
    const char *recurs = json_string_value(json_object_get(d, "recurs"));
    vb_test_checks++;
    if (date && !spec_date(date, recurs)) {
      vb_test_failures++;
      fprintf(stderr, "%s: deadlines[%zu]: date %s (recurs %s)\n", name, i,
              date, recurs ? recurs : "null");
    }
  }
  json_t *rp = json_object_get(got, "reports");
  for (size_t i = 0; i < json_array_size(rp); i++) {
    const char *by =
        json_string_value(json_object_get(json_array_get(rp, i), "by"));
    vb_test_checks++;
    if (by && !spec_date(by, NULL) && !spec_date(by, "yearly")) {
      vb_test_failures++;
      fprintf(stderr, "%s: reports[%zu]: by %s\n", name, i, by);
    }
  }
}

/* Compare one list of the record with the expected one. */
static void check_list(const char *name, const char *key, json_t *got,
                       json_t *want) {
  json_t *g = json_object_get(got, key), *w = json_object_get(want, key);
  vb_test_checks++;
  if (!w || json_equal(g, w)) return;
  vb_test_failures++;
  char *gs = json_dumps(g, JSON_INDENT(1));
  char *ws = json_dumps(w, JSON_INDENT(1));
  fprintf(stderr, "%s: %s differ\n   got: %s\n  want: %s\n", name, key,
          gs ? gs : "?", ws ? ws : "?");
  free(gs);
  free(ws);
}

static void check_fixture(const char *name) {
  char path[4096], jpath[4096];
  snprintf(path, sizeof path, "%s", vb_test_src(FIXTURES));
  size_t dl = strlen(path);
  snprintf(path + dl, sizeof path - dl, "/%s", name);
  snprintf(jpath, sizeof jpath, "%s", path);
  char *dot = strrchr(jpath, '.');
  snprintf(dot, sizeof jpath - (size_t)(dot - jpath), ".json");
  json_error_t jerr;
  json_t *want = json_load_file(jpath, 0, &jerr);
  VB_CHECK(want != NULL);
  if (!want) {
    fprintf(stderr, "%s: %s\n", jpath, jerr.text);
    return;
  }
  size_t n = 0;
  char *text = read_text(path, &n);
  VB_CHECK(text != NULL);
  vb_status rc = VB_OK;
  json_t *got =
      text ? run(text, n, json_object_get(want, "context"), &rc) : NULL;
  VB_CHECK_INT(rc, VB_OK);
  if (got) {
    check_list(name, "units", got, want);
    check_list(name, "deadlines", got, want);
    check_list(name, "reports", got, want);
    check_dates(name, got);
    const char *key;
    json_t *line;
    json_object_foreach(json_object_get(want, "evidence"), key, line) {
      json_t *e = json_object_get(json_object_get(got, "evidence"), key);
      vb_test_checks++;
      if (!e || !json_equal(json_object_get(e, "line"), line)) {
        vb_test_failures++;
        fprintf(stderr, "%s: evidence %s: line %lld, want %lld\n", name, key,
                e ? (long long)json_integer_value(json_object_get(e, "line"))
                  : -1LL,
                (long long)json_integer_value(line));
      }
    }
    /* every item has evidence */
    static const char *const lists[] = {"units", "deadlines", "reports"};
    for (int k = 0; k < 3; k++)
      for (size_t i = 0; i < json_array_size(json_object_get(got, lists[k]));
           i++) {
        char ek[64];
        snprintf(ek, sizeof ek, "%s[%zu]", lists[k], i);
        VB_CHECK(json_object_get(json_object_get(got, "evidence"), ek));
      }
  }
  json_decref(got);
  json_decref(want);
  vb_free(text);
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_fixtures(void) {
  DIR *dir = opendir(vb_test_src(FIXTURES));
  char *names[MAX_FIXTURES];
  size_t k = 0;
  VB_CHECK(dir != NULL);
  if (!dir) return;
  struct dirent *e;
  while ((e = readdir(dir)) != NULL && k < MAX_FIXTURES) {
    size_t l = strlen(e->d_name);
    if ((l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0) ||
        (l > 3 && strcmp(e->d_name + l - 3, ".md") == 0))
      names[k++] = strdup(e->d_name);
  }
  closedir(dir);
  qsort(names, k, sizeof *names, cmp_names);
  VB_CHECK(k >= 10);
  for (size_t i = 0; i < k; i++) {
    check_fixture(names[i]);
    free(names[i]);
  }
}

/* Allocation failures: at every point the call returns VB_ENOMEM (or,
** once enough allocations succeed, VB_OK); the sanitizer build checks
** that nothing leaks. */
static void test_alloc_failures(void) {
  char path[4096];
  snprintf(path, sizeof path, "%s/org_numbered.txt", vb_test_src(FIXTURES));
  size_t n;
  char *text = read_text(path, &n);
  VB_CHECK(text != NULL);
  if (!text) return;
  json_t *ctx =
      json_pack("{s:s, s:i}", "locality", "tỉnh Bắc Kạn", "year", 2021);
  int ok = 0;
  for (long k = 0; k < 4000 && !ok; k += 7) {
    vb_status rc;
    vb_alloc_fail_after(k);
    json_t *rec = run(text, n, ctx, &rc);
    vb_alloc_fail_after(-1);
    VB_CHECK(rc == VB_OK || rc == VB_ENOMEM);
    VB_CHECK((rc == VB_OK) == (rec != NULL));
    ok = rc == VB_OK;
    json_decref(rec);
  }
  VB_CHECK(ok);
  json_decref(ctx);
  vb_free(text);
}

/* A huge organising section: the lists stay capped. */
static void test_caps(void) {
  vb_buf b;
  vb_buf_init(&b, VB_CAP_TEXT);
  VB_CHECK(vb_buf_puts(&b, "KẾ HOẠCH\nThử\n\nIII. TỔ CHỨC THỰC HIỆN\n\n") ==
           VB_OK);
  for (int i = 1; i <= 3000; i++)
    VB_CHECK(vb_buf_printf(&b,
                           "%d. Sở Tài chính\n\n- Báo cáo về Sở Nội vụ và "
                           "Ủy ban nhân dân tỉnh trước ngày 20/12/2025.\n\n",
                           i % 90 + 1) == VB_OK);
  json_t *ctx =
      json_pack("{s:s, s:i}", "locality", "tỉnh Sơn La", "year", 2025);
  vb_status rc;
  json_t *rec = run(b.data, b.len, ctx, &rc);
  VB_CHECK_INT(rc, VB_OK);
  VB_CHECK(json_array_size(json_object_get(rec, "units")) == 1);
  VB_CHECK(json_array_size(json_object_get(rec, "deadlines")) <= 2000);
  /* one sender, two receivers, one date: two edges after duplicates go */
  VB_CHECK_INT(json_array_size(json_object_get(rec, "reports")), 2);
  json_decref(rec);
  json_decref(ctx);
  vb_buf_free(&b);
}

/* A block with thousands of label lines behind list marks the line index
** joins into one paragraph: the names a block keeps are capped, so the
** run stays quick and the units few. */
static void test_many_labels(void) {
  vb_buf b;
  vb_buf_init(&b, VB_CAP_TEXT);
  VB_CHECK(vb_buf_puts(&b, "KẾ HOẠCH\nThử\n\nII. TỔ CHỨC THỰC HIỆN\n\n"
                           "\xE2\x80\xA2 Số hóa hồ sơ.\n") == VB_OK);
  for (int i = 1; i <= 20000; i++)
    VB_CHECK(vb_buf_printf(&b,
                           "   \xE2\x97\xA6 Đơn vị chủ trì: Sở Công Thương "
                           "Số %d\n",
                           i) == VB_OK);
  json_t *ctx = json_pack("{s:s, s:i}", "locality", "tỉnh Sơn La", "year",
                          2025);
  vb_status rc;
  json_t *rec = run(b.data, b.len, ctx, &rc);
  VB_CHECK_INT(rc, VB_OK);
  size_t nu = json_array_size(json_object_get(rec, "units"));
  VB_CHECK(nu >= 1 && nu <= 64);
  json_decref(rec);
  json_decref(ctx);
  vb_buf_free(&b);
}

/* Text without any duty, and empty text. */
static void test_empty(void) {
  static const char *const texts[] = {
      "", "\n\n", "KẾ HOẠCH\nThử\n\nI. MỤC ĐÍCH\n\nTuyên truyền.\n",
      "|\n|\n|\n", "1.\n2.\n- \n+ \n"};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    vb_status rc;
    json_t *rec = run(texts[i], strlen(texts[i]), NULL, &rc);
    VB_CHECK_INT(rc, VB_OK);
    VB_CHECK(json_array_size(json_object_get(rec, "units")) == 0);
    VB_CHECK(json_array_size(json_object_get(rec, "deadlines")) == 0);
    VB_CHECK(json_array_size(json_object_get(rec, "reports")) == 0);
    json_decref(rec);
  }
}

int main(void) {
  VB_CHECK(vb_xrules_new(&g_rules, NULL) == VB_OK);
  if (!g_rules) return vb_test_done();
  test_fixtures();
  test_alloc_failures();
  test_caps();
  test_many_labels();
  test_empty();
  vb_xrules_free(g_rules);
  return vb_test_done();
}
