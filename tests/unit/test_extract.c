/*
** test_extract.c: the extractor, end to end and by parts.
**
**   - every fixture tests/fixtures/extract/NAME.{txt,md} is extracted and
**     compared with NAME.expect ("path = value" lines, see check_expect);
**   - the records of corpus/seeds are compared, line by line and key by
**     key, with tests/expected/records/seeds.jsonl (VB_UPDATE_EXPECTED=1
**     rewrites it and fails, so that no passing run comes from it; the
**     diff must be read against the documents, see tests/expected/);
**   - every record keeps the invariants of the spec (all keys present,
**     evidence for every value, evidence quoting the line it names);
**   - tables for dates, names, provinces, districts and offices;
**   - the line index: "<br>" in layout and data tables, HTML comments, OCR
**     slips (O for 0, l for I);
**   - two threads share one extractor and agree with one thread;
**   - every allocation failure is reported cleanly (no leak under ASan);
**   - pathological input stays fast.
**
** The records of other files: `vanban extract --format jsonl FILE...`.
** VB_EXTRACT_DUMP (once a tool mode of this test) makes it fail.
*/
#include <dirent.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract/extract_int.h"
#include "vbtest.h"

static vb_extractor *g_ex;

static void check_invariants(json_t *rec, const char *text, size_t len);

/* Read and extract one file; the record (NULL on failure) is the caller's.
** The record is checked against the spec's invariants on the way. */
static json_t *extract_file(const char *path) {
  vb_limits lim;
  vb_doc *doc = NULL;
  vb_error err = {0};
  json_t *rec = NULL;
  vb_limits_default(&lim);
  if (vb_read_file(path, &lim, &doc, &err) != VB_OK) {
    fprintf(stderr, "%s: %s\n", path, err.msg);
    return NULL;
  }
  if (vb_extract(g_ex, doc, &rec, &err) != VB_OK)
    fprintf(stderr, "%s: %s\n", path, err.msg);
  else
    check_invariants(rec, doc->text, doc->text_len);
  vb_doc_free(doc);
  return rec;
}

/* A document built by hand from a string. */
static json_t *extract_text(const char *text) {
  vb_doc doc;
  json_t *rec = NULL;
  vb_error err = {0};
  memset(&doc, 0, sizeof doc);
  doc.source = "inline.txt";
  doc.format = "txt";
  doc.text = (char *)text;
  doc.text_len = strlen(text);
  if (vb_extract(g_ex, &doc, &rec, &err) != VB_OK)
    fprintf(stderr, "inline: %s\n", err.msg);
  return rec;
}

/**************************************************************************
** Expectation files
*/

/* Follow a path like "signer.name", "references[2].id", "recipients#"
** (the length of a list) into rec.  Writes the value as text to buf
** ("null" for JSON null); returns 0 when the path does not exist. */
static int lookup(json_t *rec, const char *path, char *buf, size_t cap) {
  json_t *v = rec;
  const char *p = path;
  while (*p && v) {
    char key[128];
    size_t k = 0;
    while (*p && *p != '.' && *p != '[' && *p != '#' && k + 1 < sizeof key)
      key[k++] = *p++;
    key[k] = '\0';
    if (k) v = json_object_get(v, key);
    while (v && *p == '[') {
      v = json_array_get(v, strtoul(p + 1, NULL, 10));
      p = strchr(p, ']');
      if (!p) return 0;
      p++;
    }
    if (*p == '#') {
      if (!json_is_array(v)) return 0;
      snprintf(buf, cap, "%zu", json_array_size(v));
      return 1;
    }
    if (*p == '.') p++;
  }
  if (!v) return 0;
  if (json_is_null(v))
    snprintf(buf, cap, "null");
  else if (json_is_string(v))
    snprintf(buf, cap, "%s", json_string_value(v));
  else if (json_is_integer(v))
    snprintf(buf, cap, "%lld", (long long)json_integer_value(v));
  else
    snprintf(buf, cap, "<%s>", json_is_object(v) ? "object" : "other");
  return 1;
}

/* Compare rec with every "path = value" line of the file; '#' starts a
** comment line.  Returns the number of lines checked. */
static int check_expect(json_t *rec, const char *expect_path) {
  FILE *f = fopen(expect_path, "r");
  char line[4096];
  int n = 0;
  if (!f) return 0;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = '\0';
    char *eq = strstr(line, " = ");
    if (line[0] == '#' || !eq) continue;
    *eq = '\0';
    const char *want = eq + 3;
    char got[4096];
    if (!lookup(rec, line, got, sizeof got)) snprintf(got, sizeof got, "<missing>");
    if (strcmp(got, want) != 0)
      fprintf(stderr, "%s: %s\n", expect_path, line);
    VB_CHECK_STR(got, want);
    n++;
  }
  fclose(f);
  return n;
}

/* The spec's invariants: every key, evidence for every value, and the
** evidence quoting the trimmed line it names. */
static void check_invariants(json_t *rec, const char *text, size_t len) {
  static const char *const keys[] = {
      "source", "sha256",   "format",  "doc_type",   "number",
      "symbol", "place",    "date",    "year",       "issuer",
      "province", "title",  "theme",   "period",     "signer",
      "references", "recipients", "units", "deadlines", "reports",
      "evidence"};
  static const char *const scalars[] = {
      "doc_type", "number", "symbol", "place", "date",   "year",  "issuer",
      "province", "title",  "theme",  "period", "signer"};
  VB_CHECK_INT(json_object_size(rec), sizeof keys / sizeof keys[0]);
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
    VB_CHECK(json_object_get(rec, keys[i]) != NULL);
  json_t *ev = json_object_get(rec, "evidence");
  for (size_t i = 0; i < sizeof scalars / sizeof scalars[0]; i++)
    if (!json_is_null(json_object_get(rec, scalars[i])))
      VB_CHECK(json_object_get(ev, scalars[i]) != NULL);
  static const char *const lists[] = {"references", "recipients"};
  for (int l = 0; l < 2; l++) {
    json_t *arr = json_object_get(rec, lists[l]);
    for (size_t i = 0; i < json_array_size(arr); i++) {
      char key[64];
      snprintf(key, sizeof key, "%s[%zu]", lists[l], i);
      VB_CHECK(json_object_get(ev, key) != NULL);
    }
  }
  /* every reference says how the document stands to it */
  json_t *refs = json_object_get(rec, "references");
  for (size_t i = 0; i < json_array_size(refs); i++) {
    const char *rel =
        json_string_value(json_object_get(json_array_get(refs, i), "relation"));
    VB_CHECK(rel && vb_relation_parse(rel, strlen(rel)) >= 0);
  }
  const char *key;
  json_t *e;
  json_object_foreach(ev, key, e) {
    json_int_t line = json_integer_value(json_object_get(e, "line"));
    const char *t = json_string_value(json_object_get(e, "text"));
    VB_CHECK(line >= 1 && t != NULL);
    if (line < 1 || !t) continue;
    /* find the line */
    const char *p = text, *end = text + len;
    for (json_int_t k = 1; k < line && p < end; k++) {
      const char *nl = memchr(p, '\n', (size_t)(end - p));
      p = nl ? nl + 1 : end;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    while (n && (*p == ' ' || *p == '\t')) p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
      n--;
    /* the line, or the start of a line too long to quote whole */
    size_t tl = strlen(t);
    int same = (tl == n || (n > VB_X_EVIDENCE_MAX && tl <= VB_X_EVIDENCE_MAX &&
                            tl + 4 > VB_X_EVIDENCE_MAX)) &&
               memcmp(t, p, tl) == 0;
    if (!same) fprintf(stderr, "evidence %s: line %lld is not \"%s\"\n", key,
                       (long long)line, t);
    VB_CHECK(same);
  }
}

static int name_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of the files in dir ending in one of the suffixes. */
static size_t list_dir(const char *dir, const char *const *suffixes,
                       char **names, size_t max) {
  DIR *d = opendir(dir);
  struct dirent *de;
  size_t n = 0;
  if (!d) return 0;
  while ((de = readdir(d)) != NULL && n < max) {
    size_t l = strlen(de->d_name);
    for (const char *const *s = suffixes; *s; s++) {
      size_t sl = strlen(*s);
      if (l > sl && strcmp(de->d_name + l - sl, *s) == 0) {
        names[n++] = strdup(de->d_name);
        break;
      }
    }
  }
  closedir(d);
  qsort(names, n, sizeof *names, name_cmp);
  return n;
}

static void test_fixtures(void) {
  static const char *const suffixes[] = {".txt", ".md", NULL};
  char dir[4096], *names[256];
  snprintf(dir, sizeof dir, "%s", vb_test_src("tests/fixtures/extract"));
  size_t n = list_dir(dir, suffixes, names, 256), checked = 0;
  VB_CHECK(n >= 8);
  for (size_t i = 0; i < n; i++) {
    char path[4400], expect[4400];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    snprintf(expect, sizeof expect, "%s/%.*s.expect", dir,
             (int)(strrchr(names[i], '.') - names[i]), names[i]);
    json_t *rec = extract_file(path);
    VB_CHECK(rec != NULL);
    if (rec) {
      int lines = check_expect(rec, expect);
      if (!lines) fprintf(stderr, "%s: no expectations\n", expect);
      VB_CHECK(lines > 0);
      checked++;
      json_decref(rec);
    }
    free(names[i]);
  }
  VB_CHECK_INT(checked, n);
}

/**************************************************************************
** Seeds: records checked against tests/expected/records/seeds.jsonl
*/

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  size_t cap = 0, n = 0;
  if (!f) return NULL;
  for (;;) {
    if (n + 4096 + 1 > cap) {
      cap = cap ? cap * 2 : 65536;
      char *nb = realloc(buf, cap);
      if (!nb) break;
      buf = nb;
    }
    size_t got = fread(buf + n, 1, 4096, f);
    n += got;
    if (got == 0) break;
  }
  fclose(f);
  if (buf) buf[n] = '\0';
  if (len) *len = n;
  return buf;
}

static void test_seeds(void) {
  static const char *const suffixes[] = {".txt", ".docx", ".odt", NULL};
  char *names[256], cwd[4096];
  if (!getcwd(cwd, sizeof cwd)) return;
  /* records name their source as given: run from the source root */
  VB_CHECK(chdir(vb_test_src("")) == 0);
  size_t n = list_dir("corpus/seeds", suffixes, names, 256);
  VB_CHECK(n >= 5);
  const char *expected = "tests/expected/records/seeds.jsonl";
  int update = getenv("VB_UPDATE_EXPECTED") != NULL;
  char *want = update ? NULL : read_all(expected, NULL);
  FILE *out = update ? fopen(expected, "w") : NULL;
  VB_CHECK(update ? out != NULL : want != NULL);
  char *line = want;
  for (size_t i = 0; i < n; i++) {
    char path[4400];
    snprintf(path, sizeof path, "corpus/seeds/%s", names[i]);
    json_t *rec = extract_file(path);
    VB_CHECK(rec != NULL);
    if (rec) {
      char *got = json_dumps(rec, JSON_COMPACT);
      if (out) {
        fprintf(out, "%s\n", got);
      } else if (line) {
        char *nl = strchr(line, '\n');
        size_t ll = nl ? (size_t)(nl - line) : strlen(line);
        json_t *old = json_loadb(line, ll, 0, NULL);
        int same = old && json_equal(rec, old); /* key order aside */
        if (!same) {
          const char *key;
          json_t *v;
          fprintf(stderr, "%s: record differs from %s line %zu in:", path,
                  expected, i + 1);
          json_object_foreach(rec, key, v) {
            if (!old || !json_equal(v, json_object_get(old, key)))
              fprintf(stderr, " %s", key);
          }
          fprintf(stderr, " (if intended: VB_UPDATE_EXPECTED=1 rewrites it)\n");
        }
        json_decref(old);
        VB_CHECK(same);
        line = nl ? nl + 1 : line + ll;
      }
      free(got);
      json_decref(rec);
    }
    free(names[i]);
  }
  if (out) {
    fclose(out);
    fprintf(stderr, "%s rewritten: this run fails; read the diff against "
            "the documents and say per value why it is right\n", expected);
    VB_CHECK(!update);
  }
  free(want);
  VB_CHECK(chdir(cwd) == 0);
}

/**************************************************************************
** Tables
*/

static void test_dates(void) {
  static const struct {
    const char *text;
    const char *iso; /* NULL: not a date */
  } t[] = {
      {"ngày 18 tháng 10 năm 2021", "2021-10-18"},
      {"18/10/2021", "2021-10-18"},
      {"18-10-2021", "2021-10-18"},
      {"18.10.2021", "2021-10-18"},
      {"5/1/2024", "2024-01-05"},
      {"ngày 05 tháng 01 năm 2024", "2024-01-05"},
      {"NGÀY 04/9/2025", "2025-09-04"},
      {"ngày tháng 3 năm 2022", "2022-03"},
      {"ngày ..... tháng ..... năm 2021", "2021"},
      {"ngày    tháng 10 năm 2023", "2023-10"},
      {"tháng 3 năm 2026", "2026-03"},
      {"tháng 3/2026", "2026-03"},
      {"năm 2025", "2025"},
      {"ngày 17 tháng 02 năm 2023", "2023-02-17"},
      {"ngày 32/1/2020", NULL},
      {"29/02/2023", NULL},
      {"29/02/2024", "2024-02-29"},
      {"ngày 5 tháng 13 năm 2020", NULL},
      {"ngày 18", NULL},
      {"thời gian", NULL},
      {"12/2012/QĐ-UBND", NULL},
  };
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
    vb_xdate d;
    char iso[11];
    size_t used = vb_x_parse_date(t[i].text, strlen(t[i].text), &d);
    const char *got = used && vb_x_date_iso(&d, iso) ? iso : NULL;
    if ((got == NULL) != (t[i].iso == NULL) ||
        (got && strcmp(got, t[i].iso) != 0))
      fprintf(stderr, "date \"%s\"\n", t[i].text);
    VB_CHECK_STR(got, t[i].iso);
  }
  /* the day alone keeps its value for a range "từ ngày 15/11 đến ..." */
  vb_xdate d;
  VB_CHECK(vb_x_parse_date("ngày 15/11", strlen("ngày 15/11"), &d) > 0);
  VB_CHECK_INT(d.d, 15);
  VB_CHECK_INT(d.m, 11);
  VB_CHECK_INT(d.y, 0);
}

static void test_names(void) {
  const vb_province *bg = vb_province_find("Bắc Giang", strlen("Bắc Giang"));
  const vb_province *db = vb_province_find("Điện Biên", strlen("Điện Biên"));
  VB_CHECK(bg && db);
  if (!bg || !db) return;
  vb_locality prov = {bg, NULL, VB_LEVEL_PROVINCE};
  vb_locality eb = {db, NULL, VB_LEVEL_PROVINCE};
  const vb_district *yt = NULL;
  VB_CHECK_INT(vb_district_find("huyện Yên Thế", strlen("huyện Yên Thế"), NULL,
                                &yt, 1),
               1);
  vb_locality dist = {bg, yt, VB_LEVEL_DISTRICT};
  static const struct {
    const char *in;
    int loc; /* 0 none, 1 Bắc Giang, 2 Điện Biên, 3 Yên Thế (Bắc Giang) */
    const char *want;
  } t[] = {
      {"UBND tỉnh", 2, "Ủy ban nhân dân tỉnh Điện Biên"},
      {"Ủy ban nhân dân tỉnh", 0, "Ủy ban nhân dân tỉnh"},
      {"UBND huyện", 3, "Ủy ban nhân dân huyện Yên Thế"},
      {"UBND", 3, "Ủy ban nhân dân huyện Yên Thế"},
      {"UỶ BAN NHÂN DÂN TỈNH NGHỆ AN", 0, "Ủy ban nhân dân tỉnh Nghệ An"},
      {"ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", 0,
       "Ủy ban nhân dân Thành phố Hồ Chí Minh"},
      {"UBND TP. Hà Nội", 0, "Ủy ban nhân dân thành phố Hà Nội"},
      {"Sở LĐ-TB&XH", 1, "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang"},
      {"Sở Lao động TB&XH", 1,
       "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang"},
      {"Sở LĐTBXH", 0, "Sở Lao động - Thương binh và Xã hội"},
      {"Sở LĐTĐ&XH", 0, "Sở Lao động - Thương binh và Xã hội"},
      {"Sở Lao động – Thương binh & Xã hội tỉnh Bắc Giang", 2,
       "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang"},
      {"Sở KH&CN", 1, "Sở Khoa học và Công nghệ tỉnh Bắc Giang"},
      {"SỞ KHOA HỌC VÀ CÔNG NGHỆ", 1, "Sở Khoa học và Công nghệ tỉnh Bắc Giang"},
      {"Sở TT&TT", 2, "Sở Thông tin và Truyền thông tỉnh Điện Biên"},
      {"Sở TTTT", 0, "Sở Thông tin và Truyền thông"},
      {"Sở VH,TT&DL", 0, "Sở Văn hóa, Thể thao và Du lịch"},
      {"Sở GD&ĐT", 0, "Sở Giáo dục và Đào tạo"},
      {"Sở TN&MT", 0, "Sở Tài nguyên và Môi trường"},
      {"Sở NN&PTNT", 0, "Sở Nông nghiệp và Phát triển nông thôn"},
      {"Sở KH&ĐT", 0, "Sở Kế hoạch và Đầu tư"},
      {"Sở GTVT", 0, "Sở Giao thông vận tải"},
      {"Bộ Lao động - TB&XH", 1, "Bộ Lao động - Thương binh và Xã hội"},
      {"Department of Labour, Invalids and Social Affairs", 1,
       "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang"},
      {"DOLISA", 0, "Sở Lao động - Thương binh và Xã hội"},
      {"MOLISA", 1, "Bộ Lao động - Thương binh và Xã hội"},
      {"the Labour department", 0, "Sở Lao động - Thương binh và Xã hội"},
      {"Department of Finance", 0, "Sở Tài chính"},
      {"Department of Science and Technology", 0, "Sở Khoa học và Công nghệ"},
      {"Department of Information and Communications", 0,
       "Sở Thông tin và Truyền thông"},
      {"Department of Education and Training", 0, "Sở Giáo dục và Đào tạo"},
      {"Department of Health", 0, "Sở Y tế"},
      {"Department of Home Affairs", 0, "Sở Nội vụ"},
      {"Department of Justice", 0, "Sở Tư pháp"},
      {"Department of Culture, Sports and Tourism", 0,
       "Sở Văn hóa, Thể thao và Du lịch"},
      {"Ministry of Finance", 0, "Bộ Tài chính"},
      {"Provincial People's Committee", 2, "Ủy ban nhân dân tỉnh Điện Biên"},
      {"District People's Committee", 3, "Ủy ban nhân dân huyện Yên Thế"},
      {"Thủ tướng Chính phủ", 1, "Thủ tướng Chính phủ"},
      {"Chính phủ quy định", 1, "Chính phủ"},
      {"Ban Thường vụ Tỉnh ủy", 1, "Ban Thường vụ Tỉnh ủy Bắc Giang"},
      {"Công an tỉnh", 1, "Công an tỉnh Bắc Giang"},
      {"UBND các xã, thị trấn", 3, "Ủy ban nhân dân các xã, thị trấn"},
      {"Hội Khuyến học tỉnh", 1, "Hội Khuyến học tỉnh"},
      {"ỦY BAN NHÂN DÂN XÃ TÂN HÒA", 3, "Ủy ban nhân dân xã Tân Hòa"},
      {"UBND THỊ TRẤN PHONG ĐIỀN", 0, "Ủy ban nhân dân thị trấn Phong Điền"},
      {"UBND HUYỆN CHÂU THÀNH TỈNH LONG AN", 0,
       "Ủy ban nhân dân huyện Châu Thành"},
      {"Ủy ban nhân dân huyện Bảo Lâm, tỉnh Lâm Đồng", 1,
       "Ủy ban nhân dân huyện Bảo Lâm"},
      {"Phòng VH&TT", 0, "Phòng Văn hóa và Thông tin"},
      {"PHÒNG TÀI CHÍNH - KẾ HOẠCH", 0, "Phòng Tài chính - Kế hoạch"},
  };
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
    vb_buf out;
    const vb_locality *loc = t[i].loc == 1   ? &prov
                             : t[i].loc == 2 ? &eb
                             : t[i].loc == 3 ? &dist
                                             : NULL;
    vb_buf_init(&out, VB_CAP_SMALL);
    VB_CHECK_INT(vb_names_canon(t[i].in, strlen(t[i].in), loc, &out, NULL),
                 VB_OK);
    if (!out.data || strcmp(out.data, t[i].want) != 0)
      fprintf(stderr, "canon \"%s\"\n", t[i].in);
    VB_CHECK_STR(out.data, t[i].want);
    vb_buf_free(&out);
  }
  int known = 1;
  vb_buf out;
  vb_buf_init(&out, VB_CAP_SMALL);
  VB_CHECK_INT(vb_names_canon("Hội Khuyến học", 19, NULL, &out, &known), VB_OK);
  VB_CHECK_INT(known, 0);
  vb_buf_reset(&out);
  VB_CHECK_INT(vb_names_canon("UBND", 4, NULL, &out, &known), VB_OK);
  VB_CHECK_INT(known, 1);

  /* national bodies have no province */
  static const struct {
    const char *in;
    int national;
  } nat[] = {{"BỘ Y TẾ", 1},           {"Bộ Công an", 1},
             {"Thủ tướng Chính phủ", 1}, {"CHÍNH PHỦ", 1},
             {"Bộ Chỉ huy Quân sự tỉnh", 0}, {"UBND tỉnh", 0},
             {"SỞ Y TẾ", 0},           {"Hội Nông dân", 0}};
  for (size_t i = 0; i < sizeof nat / sizeof nat[0]; i++)
    VB_CHECK_INT(vb_names_national(nat[i].in, strlen(nat[i].in)),
                 nat[i].national);

  /* symbols' issuing codes */
  static const struct {
    const char *code;
    const char *want;
  } codes[] = {{"UBND", "Ủy ban nhân dân tỉnh Bắc Giang"},
               {"KHCN", "Sở Khoa học và Công nghệ tỉnh Bắc Giang"},
               {"SLĐTBXH", "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang"},
               {"BTC", "Bộ Tài chính"},
               {"TTg", "Thủ tướng Chính phủ"},
               {"CP", "Chính phủ"},
               {"QH15", "Quốc hội"},
               {"TU", "Tỉnh ủy Bắc Giang"},
               {"XYZW", NULL}};
  for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
    vb_buf_reset(&out);
    int ok = vb_names_from_code(codes[i].code, strlen(codes[i].code), &prov,
                                &out);
    VB_CHECK_INT(ok, codes[i].want != NULL);
    VB_CHECK_STR(ok ? out.data : NULL, codes[i].want);
  }

  /* provinces, before and since the 2025 merger */
  static const struct {
    const char *in, *name, *since;
  } provs[] = {{"BẮC KẠN", "Bắc Kạn", "Thái Nguyên"},
               {"tỉnh Hà Giang", "Hà Giang", "Tuyên Quang"},
               {"TP.HCM", "Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"},
               {"Thừa Thiên - Huế", "Thừa Thiên Huế", "Huế"},
               {"Huế", "Thừa Thiên Huế", "Huế"},
               {"Thanh Hoá", "Thanh Hóa", "Thanh Hóa"},
               {"Đắc Lắc", "Đắk Lắk", "Đắk Lắk"},
               {"Bac Kan", "Bắc Kạn", "Thái Nguyên"},
               {"Yên Thế", NULL, NULL}};
  for (size_t i = 0; i < sizeof provs / sizeof provs[0]; i++) {
    const vb_province *p = vb_province_find(provs[i].in, strlen(provs[i].in));
    VB_CHECK_STR(p ? p->name : NULL, provs[i].name);
    VB_CHECK_STR(p ? p->since_2025 : NULL, provs[i].since);
  }

  /* districts: kind filters, several provinces for one name */
  const vb_district *ds[8];
  VB_CHECK_INT(vb_district_find("Yên Thế", 10, NULL, ds, 8), 1);
  VB_CHECK_STR(ds[0]->province, "Bắc Giang");
  VB_CHECK_STR(ds[0]->kind, "huyện");
  VB_CHECK(vb_district_find("Châu Thành", strlen("Châu Thành"), NULL, ds, 8) >
           3);
  VB_CHECK_INT(vb_district_find("thành phố Yên Bái", strlen("thành phố Yên Bái"),
                                NULL, ds, 8),
               1);
  VB_CHECK_INT(vb_district_find("huyện Yên Bái", strlen("huyện Yên Bái"), NULL,
                                ds, 8),
               0);
  vb_locality loc;
  const char *lt = "thành phố Cần Thơ về việc";
  VB_CHECK_INT(vb_locality_parse(lt, strlen(lt), NULL, &loc),
               strlen("thành phố Cần Thơ"));
  VB_CHECK_STR(loc.province ? loc.province->name : NULL, "Cần Thơ");
  lt = "huyện Lục Ngạn";
  VB_CHECK(vb_locality_parse(lt, strlen(lt), NULL, &loc) > 0);
  VB_CHECK_STR(loc.province ? loc.province->name : NULL, "Bắc Giang");
  VB_CHECK_INT(loc.level, VB_LEVEL_DISTRICT);

  /* offices, people, document types */
  static const struct {
    const char *in, *want;
  } offices[] = {{"PHÓ CHỦ TỊCH THƯỜNG TRỰC", "Phó Chủ tịch Thường trực"},
                 {"PHÓ GIÁM ĐỐC", "Phó Giám đốc"},
                 {"CHÁNH VĂN PHÒNG", "Chánh Văn phòng"},
                 {"ỦY BAN NHÂN DÂN TỈNH", "Ủy ban nhân dân tỉnh"}};
  for (size_t i = 0; i < sizeof offices / sizeof offices[0]; i++) {
    vb_buf_reset(&out);
    VB_CHECK_INT(vb_names_office(offices[i].in, strlen(offices[i].in), &out),
                 VB_OK);
    VB_CHECK_STR(out.data, offices[i].want);
  }
  vb_buf_reset(&out);
  VB_CHECK_INT(vb_names_person("TRIỆU NGỌC TRUNG", strlen("TRIỆU NGỌC TRUNG"),
                               &out),
               VB_OK);
  VB_CHECK_STR(out.data, "Triệu Ngọc Trung");
  vb_buf_free(&out);
  VB_CHECK_STR(vb_doctype_canon("KẾ HOẠCH", strlen("KẾ HOẠCH")), "Kế hoạch");
  VB_CHECK_STR(vb_doctype_canon("QUYẾT ĐỊNH", strlen("QUYẾT ĐỊNH")),
               "Quyết định");
  VB_CHECK_STR(vb_doctype_canon("văn bản", strlen("văn bản")), "Công văn");
  VB_CHECK_STR(vb_doctype_from_code("TTr", 4), "Tờ trình");
  VB_CHECK(vb_doctype_canon("HỘI NGHỊ", strlen("HỘI NGHỊ")) == NULL);
}

/**************************************************************************
** The line index: cells of layout and data tables, OCR slips
*/

/* The clean texts of the cells of line `line`, joined with " | ". */
static const char *cells_of(const vb_xdoc *d, size_t line) {
  static char buf[1024];
  size_t k = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < d->ncells; i++) {
    if (d->cells[i].line != line || !d->cells[i].len) continue;
    k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", k ? " | " : "",
                          d->cells[i].text);
    if (k >= sizeof buf) break;
  }
  return buf;
}

static void test_lines(void) {
  static const struct {
    const char *text; /* one line */
    const char *cells;
  } t[] = {
      /* a layout table: each <br> line is a cell */
      {"| UBND TỈNH A<br>**SỞ Y TẾ** | CỘNG HÒA<br/>Độc lập<BR />- |",
       "UBND TỈNH A | SỞ Y TẾ | CỘNG HÒA | Độc lập"},
      {"| Nơi nhận:<br>- A;<br><br>- Lưu: VT. | KT. CHỦ TỊCH<br>Lê An |",
       "Nơi nhận: | - A; | - Lưu: VT. | KT. CHỦ TỊCH | Lê An"},
      /* a data table: a <br> joins the words of its cell */
      {"| 1 | Tuyên truyền<br>- treo băng rôn | Phòng VH<br>và TT | Quý II |",
       "1 | Tuyên truyền - treo băng rôn | Phòng VH và TT | Quý II"},
      /* an HTML comment is no text; "<b" that is no tag stays */
      {"<!-- page 2 --> KẾ HOẠCH <bản sao>", "KẾ HOẠCH <bản sao>"},
      /* OCR slips: O among digits, l among capitals */
      {"Hà Tĩnh, ngày O9 tháng 4 năm 2O22",
       "Hà Tĩnh, ngày 09 tháng 4 năm 2022"},
      {"Nghị định số 38/2O15/NĐ-CP; 1O/3/2021",
       "Nghị định số 38/2015/NĐ-CP; 10/3/2021"},
      {"IV. TỔ CHỨC THỰC HlỆN; lV. NGƯỜl", "IV. TỔ CHỨC THỰC HIỆN; IV. NGƯỜI"},
      /* no slips: words, codes and names keep their letters */
      {"COVID-19, Email, lý luận, Office 365, ISO 9001, Excel",
       "COVID-19, Email, lý luận, Office 365, ISO 9001, Excel"},
      {"Ông Ol, xã Hòa Lợi, khoảng 1OOO", "Ông Ol, xã Hòa Lợi, khoảng 1OOO"},
  };
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
    vb_xdoc d;
    VB_CHECK_INT(vb_xdoc_build(t[i].text, strlen(t[i].text), &d, NULL), VB_OK);
    const char *got = cells_of(&d, 1);
    if (strcmp(got, t[i].cells) != 0)
      fprintf(stderr, "line \"%s\"\n", t[i].text);
    VB_CHECK_STR(got, t[i].cells);
    vb_xdoc_free(&d);
  }
  /* the cells of a layout table's <br> lines stay on their physical line */
  const char *two = "x\n| A<br>B | C |\ny";
  vb_xdoc d;
  VB_CHECK_INT(vb_xdoc_build(two, strlen(two), &d, NULL), VB_OK);
  VB_CHECK_STR(cells_of(&d, 2), "A | B | C");
  VB_CHECK_STR(cells_of(&d, 3), "y");
  vb_xdoc_free(&d);
}

/**************************************************************************
** Inline documents: quirks small enough to write here
*/

static const char *str_at(json_t *rec, const char *path) {
  static char buf[4096];
  return lookup(rec, path, buf, sizeof buf) ? buf : NULL;
}

static void test_inline(void) {
  /* an empty document has every key, all empty */
  json_t *rec = extract_text("");
  VB_CHECK(rec != NULL);
  if (rec) {
    check_invariants(rec, "", 0);
    VB_CHECK_STR(str_at(rec, "number"), "null");
    VB_CHECK_STR(str_at(rec, "references#"), "0");
    VB_CHECK_STR(str_at(rec, "units#"), "0");
    json_decref(rec);
  }
  /* number conventions */
  static const struct {
    const char *line, *number, *symbol;
  } nums[] = {
      {"Số: 49/2012/QĐ-UBND", "49/2012", "QĐ-UBND"},
      {"Số: 0130/KH-UBND", "0130", "KH-UBND"},
      {"Số 119-KH/TU", "119", "KH/TU"},
      {"Số: /KH-UBND", "null", "KH-UBND"},
      {"Số: 622 /KH-UBND", "622", "KH-UBND"},
      {"Số: 12/QĐ - U B ND", "12", "QĐ-UBND"},
      {"Số: 12/NQ-TW-BCT", "12", "NQ-TW-BCT"},
      {"Số: 1790/QĐ-TTg", "1790", "QĐ-TTg"},
      {"Số:  215/KH-SKHCN      Bắc Giang, ngày 5 tháng 3 năm 2024", "215",
       "KH-SKHCN"},
      {"Số: 15 /TB-UBND Hà Nội, ngày 2/3/2020", "15", "TB-UBND"},
  };
  for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
    char text[512];
    snprintf(text, sizeof text, "%s\nKẾ HOẠCH\nTriển khai\n", nums[i].line);
    rec = extract_text(text);
    VB_CHECK(rec != NULL);
    if (!rec) continue;
    VB_CHECK_STR(str_at(rec, "number"), nums[i].number);
    VB_CHECK_STR(str_at(rec, "symbol"), nums[i].symbol);
    VB_CHECK_STR(str_at(rec, "evidence.symbol.line"), "1");
    json_decref(rec);
  }
  /* a title line "V/v" loses it, "Về việc" keeps it */
  rec = extract_text("Số: 5/UBND-VX\nV/v triển khai kế hoạch\n\nKính gửi: các "
                     "xã\n");
  if (rec) {
    VB_CHECK_STR(str_at(rec, "title"), "triển khai kế hoạch");
    VB_CHECK_STR(str_at(rec, "doc_type"), "Công văn");
    json_decref(rec);
  }
  /* the same document cited under two spellings counts once; the
     document's own number is not a reference */
  rec = extract_text(
      "Số: 9/KH-UBND\nKẾ HOẠCH\nThử\n\nCăn cứ Kế hoạch số 87/KH-LĐTĐ&XH ngày "
      "09/10/2023 của Sở LĐTBXH; Kế hoạch số 87/KH-LĐTB&XH ngày 09/10/2023; "
      "Kế hoạch số 9/KH-UBND; Kế hoạch số 87/KH-UBND ngày 1/2/2020.\n");
  if (rec) {
    VB_CHECK_STR(str_at(rec, "references#"), "2");
    VB_CHECK_STR(str_at(rec, "references[0].id"), "87/KH-LĐTĐ&XH");
    VB_CHECK_STR(str_at(rec, "references[1].id"), "87/KH-UBND");
    json_decref(rec);
  }
}

/**************************************************************************
** Threads, failures, pathological input
*/

typedef struct job {
  char **paths;
  size_t n;
  char **out; /* compact records */
} job;

static void *run_job(void *arg) {
  job *j = arg;
  for (size_t i = 0; i < j->n; i++) {
    json_t *rec = extract_file(j->paths[i]);
    j->out[i] = rec ? json_dumps(rec, JSON_COMPACT) : NULL;
    json_decref(rec);
  }
  return NULL;
}

static void test_threads(void) {
  static const char *const suffixes[] = {".txt", ".md", NULL};
  char dir[4096], *names[256], *paths[256];
  snprintf(dir, sizeof dir, "%s", vb_test_src("tests/fixtures/extract"));
  size_t n = list_dir(dir, suffixes, names, 256);
  for (size_t i = 0; i < n; i++) {
    char p[4400];
    snprintf(p, sizeof p, "%s/%s", dir, names[i]);
    paths[i] = strdup(p);
    free(names[i]);
  }
  char *a[256], *b[256], *c[256];
  job ja = {paths, n, a}, jb = {paths, n, b}, jc = {paths, n, c};
  run_job(&jc); /* one thread */
  pthread_t ta, tb;
  VB_CHECK(pthread_create(&ta, NULL, run_job, &ja) == 0);
  VB_CHECK(pthread_create(&tb, NULL, run_job, &jb) == 0);
  pthread_join(ta, NULL);
  pthread_join(tb, NULL);
  for (size_t i = 0; i < n; i++) {
    VB_CHECK(a[i] && b[i] && c[i]);
    if (a[i] && b[i] && c[i]) {
      VB_CHECK(strcmp(a[i], c[i]) == 0);
      VB_CHECK(strcmp(b[i], c[i]) == 0);
    }
    free(a[i]);
    free(b[i]);
    free(c[i]);
    free(paths[i]);
  }
}

static void test_failures(void) {
  size_t len;
  char *text = read_all(vb_test_src("tests/fixtures/extract/references.txt"),
                        &len);
  VB_CHECK(text != NULL);
  if (!text) return;
  vb_doc doc;
  memset(&doc, 0, sizeof doc);
  doc.source = "references.txt";
  doc.format = "txt";
  doc.text = text;
  doc.text_len = len;
  int succeeded = 0;
  for (long k = 0; k < 20000 && !succeeded; k += k < 200 ? 1 : 37) {
    json_t *rec = NULL;
    vb_error err = {0};
    vb_alloc_fail_after(k);
    vb_status rc = vb_extract(g_ex, &doc, &rec, &err);
    vb_alloc_fail_after(-1);
    if (rc != VB_OK && rc != VB_ENOMEM)
      fprintf(stderr, "failure %ld: %s (%s)\n", k, vb_strerror(rc), err.msg);
    VB_CHECK(rc == VB_OK || rc == VB_ENOMEM);
    VB_CHECK((rc == VB_OK) == (rec != NULL));
    if (rc != VB_OK) VB_CHECK(err.msg[0] != '\0');
    if (rc == VB_OK) succeeded = 1;
    json_decref(rec);
  }
  VB_CHECK(succeeded);
  for (long k = 0; k < 400; k += 7) {
    vb_extractor *ex = NULL;
    vb_alloc_fail_after(k);
    vb_error e2 = {0};
    vb_status rc = vb_extractor_new(&ex, &e2);
    if (rc != VB_OK && rc != VB_ENOMEM) fprintf(stderr, "new %ld: %s\n", k, e2.msg);
    vb_alloc_fail_after(-1);
    VB_CHECK(rc == VB_OK || rc == VB_ENOMEM);
    VB_CHECK((rc == VB_OK) == (ex != NULL));
    vb_extractor_free(ex);
  }
  free(text);
}

/* Work of extracting `piece` repeated to n bytes (on one line, or each on
** its own line), in rules run (vb_x_work()). */
static uint64_t piece_work(const char *piece, int lines, char *big, size_t n) {
  size_t pl = strlen(piece), k = 0;
  while (k + pl + 1 <= n) {
    memcpy(big + k, piece, pl);
    k += pl;
    if (lines) big[k++] = '\n';
  }
  big[k] = '\0';
  uint64_t w0 = vb_x_work();
  json_t *rec = extract_text(big);
  VB_CHECK(rec != NULL);
  json_decref(rec);
  return vb_x_work() - w0;
}

static void test_pathological(void) {
  /* a megabyte on one line, a megabyte of citations, many short lines:
  ** the work on 1 MiB is within a fixed multiple of the work on 256 KiB
  ** (4 times the text: linear, with room for the parts of a document
  ** that are read once whatever its size); counted in rules run, not in
  ** seconds, so a slow machine cannot fail it. */
  size_t n = (size_t)1 << 20;
  char *big = malloc(n + 1);
  VB_CHECK(big != NULL);
  if (!big) return;
  static const char *const pieces[] = {
      "Số: Số: ngày tháng năm ", "Quyết định số 1/QĐ-TTg ngày 1/1/2020 của ",
      "KẾ HOẠCH\n", "- Nơi nhận: - A; - B; ", "TM. KT. TL. ",
      "từ ngày 1 đến ngày ", "Luật Aaaa ", "“chủ đề ",
      "Luật Aaaa Bbbb và ", "Ngày 1/1/2020, Bộ Y tế ban hành ",
      "| A<br>B<br>C | D<br> | ", "2O2O HlỆN lV. O1 ",
      "PHỤ LỤC\nKT. CHỦ TỊCH\n"};
  for (size_t p = 0; p < 2 * sizeof pieces / sizeof pieces[0]; p++) {
    int lines = (int)(p % 2); /* odd rounds: many short lines */
    uint64_t small = piece_work(pieces[p / 2], lines, big, n / 4);
    uint64_t large = piece_work(pieces[p / 2], lines, big, n);
    if (large > 6 * small + 4096)
      fprintf(stderr, "piece %zu: work %llu on 1 MiB, %llu on 256 KiB\n", p,
              (unsigned long long)large, (unsigned long long)small);
    VB_CHECK(large <= 6 * small + 4096);
  }
  free(big);
}

/**************************************************************************
** main
*/

int main(void) {
  vb_error err = {0};
  VB_CHECK_INT(vb_extractor_new(&g_ex, &err), VB_OK);
  if (!g_ex) {
    fprintf(stderr, "%s\n", err.msg);
    return vb_test_done();
  }
  if (getenv("VB_EXTRACT_DUMP")) {
    fprintf(stderr, "VB_EXTRACT_DUMP is not a mode of this test: use "
            "`vanban extract --format jsonl FILE...`\n");
    vb_extractor_free(g_ex);
    return 1;
  }
  test_dates();
  test_names();
  test_lines();
  test_inline();
  test_fixtures();
  test_seeds();
  test_threads();
  test_failures();
  test_pathological();
  vb_extractor_free(g_ex);
  return vb_test_done();
}
