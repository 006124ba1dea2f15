/*
** test_gazetteer.c: every row of the gazetteers in data/ reaches the
** lookups of names.h.  The test reads the data files themselves (not the
** tables built from them), so a row added or renamed in data/ is checked
** as it is written:
**
**   provinces.tsv    vb_province_find finds each name and each alias, with
**                    the row's kind and since_2025; the unit named by
**                    since_2025 is found too and continues into itself
**   districts.tsv    vb_district_find finds each unit in its province;
**                    vb_locality_parse reads "<kind> <name>"
**   bodies.tsv       vb_names_canon knows each name ("Ủy ban nhân dân")
**   departments.tsv  vb_names_canon knows "Sở <name>" and "Bộ <name>"
**   doctypes.tsv     vb_doctype_canon and vb_doctype_from_code
**   offices.tsv      vb_names_office_len spans each office
*/
#include <stdio.h>
#include <string.h>

#include "names.h"
#include "vbtest.h"

#define MAX_COLS 8

/* One data row: its cells (pointers into a line buffer) and its line. */
typedef struct row {
  char *cell[MAX_COLS];
  int ncells;
  int line;
} row;

typedef void (*row_fn)(row *r, void *ctx);

/* Call fn on every row of data/<table>.tsv (comments, blank lines and the
** header skipped) that has ncols cells; a row of another width is a
** failure.  Returns the number of rows. */
static int each_row(const char *table, int ncols, row_fn fn, void *ctx) {
  char rel[64], buf[4096];
  snprintf(rel, sizeof rel, "data/%s.tsv", table);
  FILE *f = fopen(vb_test_src(rel), "r");
  if (!f) fprintf(stderr, "cannot open %s\n", vb_test_src(rel));
  VB_CHECK(f != NULL);
  if (!f) return 0;
  int line = 0, header = 0, rows = 0;
  while (fgets(buf, (int)sizeof buf, f)) {
    line++;
    buf[strcspn(buf, "\n")] = '\0';
    if (buf[0] == '\0' || buf[0] == '#') continue;
    if (!header) {
      header = 1;
      continue;
    }
    row r = {.ncells = 0, .line = line};
    for (char *p = buf; r.ncells < MAX_COLS;) {
      r.cell[r.ncells++] = p;
      char *tab = strchr(p, '\t');
      if (!tab) break;
      *tab = '\0';
      p = tab + 1;
    }
    VB_CHECK_INT(r.ncells, ncols);
    if (r.ncells != ncols) continue;
    rows++;
    fn(&r, ctx);
  }
  fclose(f);
  return rows;
}

/* Call fn on each form of a '|'-separated list (the list is cut up). */
static void each_form(char *list, void (*fn)(const char *, const row *),
                      const row *r) {
  for (char *a = list; *a;) {
    char *bar = strchr(a, '|');
    if (bar) *bar = '\0';
    fn(a, r);
    if (!bar) break;
    a = bar + 1;
  }
}

/* The province found for s, checked against a row of provinces.tsv. */
static void check_province(const char *s, const row *r) {
  const vb_province *p = vb_province_find(s, strlen(s));
  if (!p || strcmp(p->name, r->cell[0]) != 0)
    fprintf(stderr, "data/provinces.tsv:%d: '%s' finds %s\n", r->line, s,
            p ? p->name : "nothing");
  VB_CHECK(p != NULL);
  if (!p) return;
  VB_CHECK_STR(p->name, r->cell[0]);
  VB_CHECK_STR(p->kind, r->cell[1]);
  VB_CHECK_STR(p->since_2025, r->cell[2]);
  VB_CHECK_STR(p->kind_since, r->cell[3]);
}

static void province_row(row *r, void *ctx) {
  (void)ctx;
  check_province(r->cell[0], r);
  each_form(r->cell[4], check_province, r);
  /* the unit since July 2025 is found, and continues into itself */
  const char *since = r->cell[2];
  const vb_province *q = vb_province_find(since, strlen(since));
  if (!q)
    fprintf(stderr, "data/provinces.tsv:%d: '%s' is not found\n", r->line,
            since);
  VB_CHECK(q != NULL);
  if (q) VB_CHECK_STR(q->since_2025, since);
}

static void district_row(row *r, void *ctx) {
  (void)ctx;
  const vb_district *out[16];
  size_t n =
      vb_district_find(r->cell[0], strlen(r->cell[0]), r->cell[1], out, 16);
  int found = 0;
  for (size_t k = 0; k < n && k < 16; k++)
    if (strcmp(out[k]->name, r->cell[0]) == 0 &&
        strcmp(out[k]->kind, r->cell[1]) == 0 &&
        strcmp(out[k]->province, r->cell[2]) == 0)
      found = 1;
  if (!found)
    fprintf(stderr, "data/districts.tsv:%d: %s %s (%s) is not found\n",
            r->line, r->cell[1], r->cell[0], r->cell[2]);
  VB_CHECK(found);
  /* and as a locality phrase ("huyện Yên Thế"): a unit of that kind whose
     name has the same key (which one, for a key several units share,
     "Phú Ninh" and "Phù Ninh", is the parser's choice).  A dash ends a
     locality phrase, so "Phan Rang - Tháp Chàm" is left out. */
  if (strchr(r->cell[0], '-')) return;
  char phrase[256], want[64], got[64] = "";
  vb_locality loc;
  int len = snprintf(phrase, sizeof phrase, "%s %s", r->cell[1], r->cell[0]);
  size_t used = vb_locality_parse(phrase, (size_t)len, NULL, &loc);
  vb_name_key(r->cell[0], strlen(r->cell[0]), want, sizeof want);
  if (loc.district)
    vb_name_key(loc.district->name, strlen(loc.district->name), got,
                sizeof got);
  int ok = used == (size_t)len && loc.district && strcmp(got, want) == 0 &&
           strcmp(loc.district->kind, r->cell[1]) == 0;
  if (!ok)
    fprintf(stderr, "data/districts.tsv:%d: '%s' parses as %s\n", r->line,
            phrase, loc.district ? loc.district->name : "no district");
  VB_CHECK(ok);
}

/* vb_names_canon(s) is known and is s itself (no locality is given). */
static void check_canon(const char *table, const row *r, const char *s) {
  vb_buf out;
  int known = 0;
  vb_buf_init(&out, VB_CAP_SMALL);
  VB_CHECK_INT(vb_names_canon(s, strlen(s), NULL, &out, &known), VB_OK);
  if (!known || !out.data || strcmp(out.data, s) != 0)
    fprintf(stderr, "data/%s.tsv:%d: '%s' -> '%s' (known %d)\n", table,
            r->line, s, out.data ? out.data : "", known);
  VB_CHECK(known);
  VB_CHECK_STR(out.data, s);
  vb_buf_free(&out);
}

static void body_row(row *r, void *ctx) {
  (void)ctx;
  check_canon("bodies", r, r->cell[0]);
}

static void department_row(row *r, void *ctx) {
  (void)ctx;
  static const char *const kinds[] = {"Sở", "Bộ"};
  for (int k = 0; k < 2; k++) {
    char name[512];
    snprintf(name, sizeof name, "%s %s", kinds[k], r->cell[0]);
    check_canon("departments", r, name);
  }
}

/* Codes compare by their keys, so "ĐA" (Đề án) and "DA" (Dự án) are one
** code: the earlier row has it.  The first row of each key is kept. */
typedef struct code_seen {
  struct {
    char key[16], name[64];
  } v[64];
  size_t n;
} code_seen;

static void doctype_row(row *r, void *ctx) {
  code_seen *seen = ctx;
  VB_CHECK_STR(vb_doctype_canon(r->cell[0], strlen(r->cell[0])), r->cell[0]);
  for (char *c = r->cell[2]; *c;) {
    char *bar = strchr(c, '|');
    if (bar) *bar = '\0';
    char key[16];
    const char *want = r->cell[0];
    vb_name_key(c, strlen(c), key, sizeof key);
    size_t k = 0;
    while (k < seen->n && strcmp(seen->v[k].key, key) != 0) k++;
    if (k < seen->n)
      want = seen->v[k].name;
    else if (seen->n < sizeof seen->v / sizeof seen->v[0]) {
      snprintf(seen->v[seen->n].key, sizeof seen->v[0].key, "%s", key);
      snprintf(seen->v[seen->n].name, sizeof seen->v[0].name, "%s", want);
      seen->n++;
    }
    VB_CHECK_STR(vb_doctype_from_code(c, strlen(c)), want);
    if (!bar) break;
    c = bar + 1;
  }
}

static void office_row(row *r, void *ctx) {
  (void)ctx;
  size_t n = strlen(r->cell[0]);
  size_t got = vb_names_office_len(r->cell[0], n);
  if (got != n)
    fprintf(stderr, "data/offices.tsv:%d: '%s' spans %zu of %zu bytes\n",
            r->line, r->cell[0], got, n);
  VB_CHECK(got == n);
}

int main(void) {
  code_seen seen = {.n = 0};
  /* the counts guard against a reader that skips every row */
  VB_CHECK(each_row("provinces", 5, province_row, NULL) == 63);
  VB_CHECK(each_row("districts", 3, district_row, NULL) > 600);
  VB_CHECK(each_row("bodies", 4, body_row, NULL) > 20);
  VB_CHECK(each_row("departments", 6, department_row, NULL) > 20);
  VB_CHECK(each_row("doctypes", 3, doctype_row, &seen) > 20);
  VB_CHECK(each_row("offices", 1, office_row, NULL) > 20);
  return vb_test_done();
}
