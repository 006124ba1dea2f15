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

/* One data row: its cells (pointers into line) and its line number. */
typedef struct row {
  char *cell[MAX_COLS];
  int ncells;
  int line;
} row;

/* Read the next row of a TSV file of data/ (comments, blank lines and the
** header skipped).  Returns 1 with *r filled, 0 at the end. */
static int next_row(FILE *f, char *buf, size_t cap, row *r, int *line,
                    int *header) {
  while (fgets(buf, (int)cap, f)) {
    (*line)++;
    buf[strcspn(buf, "\n")] = '\0';
    if (buf[0] == '\0' || buf[0] == '#') continue;
    if (!*header) {
      *header = 1;
      continue;
    }
    r->ncells = 0;
    r->line = *line;
    for (char *p = buf; r->ncells < MAX_COLS;) {
      r->cell[r->ncells++] = p;
      char *tab = strchr(p, '\t');
      if (!tab) break;
      *tab = '\0';
      p = tab + 1;
    }
    return 1;
  }
  return 0;
}

/* Open data/<name>.tsv; counts the file as checked. */
static FILE *open_data(const char *name) {
  char rel[64];
  snprintf(rel, sizeof rel, "data/%s.tsv", name);
  FILE *f = fopen(vb_test_src(rel), "r");
  if (!f) fprintf(stderr, "cannot open %s\n", vb_test_src(rel));
  VB_CHECK(f != NULL);
  return f;
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

static int test_provinces(void) {
  FILE *f = open_data("provinces");
  char buf[4096];
  row r;
  int line = 0, header = 0, rows = 0;
  if (!f) return 0;
  while (next_row(f, buf, sizeof buf, &r, &line, &header)) {
    VB_CHECK_INT(r.ncells, 5);
    if (r.ncells != 5) continue;
    rows++;
    check_province(r.cell[0], &r);
    /* aliases: '|'-separated */
    for (char *a = r.cell[4]; *a;) {
      char *bar = strchr(a, '|');
      if (bar) *bar = '\0';
      check_province(a, &r);
      if (!bar) break;
      a = bar + 1;
    }
    /* the unit since July 2025 is found, and continues into itself */
    const char *since = r.cell[2];
    const vb_province *q = vb_province_find(since, strlen(since));
    if (!q) fprintf(stderr, "data/provinces.tsv:%d: '%s' is not found\n",
                    r.line, since);
    VB_CHECK(q != NULL);
    if (q) VB_CHECK_STR(q->since_2025, since);
  }
  fclose(f);
  return rows;
}

static int test_districts(void) {
  FILE *f = open_data("districts");
  char buf[1024];
  row r;
  int line = 0, header = 0, rows = 0;
  if (!f) return 0;
  while (next_row(f, buf, sizeof buf, &r, &line, &header)) {
    VB_CHECK_INT(r.ncells, 3);
    if (r.ncells != 3) continue;
    rows++;
    const vb_district *out[16];
    size_t n = vb_district_find(r.cell[0], strlen(r.cell[0]), r.cell[1], out,
                                16);
    int found = 0;
    for (size_t k = 0; k < n && k < 16; k++)
      if (strcmp(out[k]->name, r.cell[0]) == 0 &&
          strcmp(out[k]->kind, r.cell[1]) == 0 &&
          strcmp(out[k]->province, r.cell[2]) == 0)
        found = 1;
    if (!found)
      fprintf(stderr, "data/districts.tsv:%d: %s %s (%s) is not found\n",
              r.line, r.cell[1], r.cell[0], r.cell[2]);
    VB_CHECK(found);
    /* and as a locality phrase ("huyện Yên Thế"): a unit of that kind
       whose name has the same key (which one, for a key several units
       share, "Phú Ninh" and "Phù Ninh", is the parser's choice).  A dash
       ends a locality phrase, so "Phan Rang - Tháp Chàm" is left out. */
    if (strchr(r.cell[0], '-')) continue;
    char phrase[256], want[64], got[64];
    vb_locality loc;
    int len = snprintf(phrase, sizeof phrase, "%s %s", r.cell[1], r.cell[0]);
    size_t used = vb_locality_parse(phrase, (size_t)len, NULL, &loc);
    vb_name_key(r.cell[0], strlen(r.cell[0]), want, sizeof want);
    if (loc.district)
      vb_name_key(loc.district->name, strlen(loc.district->name), got,
                  sizeof got);
    int ok = used == (size_t)len && loc.district && strcmp(got, want) == 0 &&
             strcmp(loc.district->kind, r.cell[1]) == 0;
    if (!ok)
      fprintf(stderr, "data/districts.tsv:%d: '%s' parses as %s\n", r.line,
              phrase, loc.district ? loc.district->name : "no district");
    VB_CHECK(ok);
  }
  fclose(f);
  return rows;
}

/* vb_names_canon of s: 1 if known, with the name in out. */
static int canon(const char *s, vb_buf *out) {
  int known = 0;
  vb_buf_reset(out);
  VB_CHECK_INT(vb_names_canon(s, strlen(s), NULL, out, &known), VB_OK);
  return known;
}

static int test_bodies(void) {
  FILE *f = open_data("bodies");
  char buf[4096];
  row r;
  int line = 0, header = 0, rows = 0;
  vb_buf out;
  if (!f) return 0;
  vb_buf_init(&out, VB_CAP_SMALL);
  while (next_row(f, buf, sizeof buf, &r, &line, &header)) {
    VB_CHECK_INT(r.ncells, 4);
    if (r.ncells != 4) continue;
    rows++;
    int known = canon(r.cell[0], &out);
    if (!known || strcmp(out.data, r.cell[0]) != 0)
      fprintf(stderr, "data/bodies.tsv:%d: '%s' -> '%s' (known %d)\n", r.line,
              r.cell[0], out.data ? out.data : "", known);
    VB_CHECK(known);
    VB_CHECK_STR(out.data, r.cell[0]);
  }
  vb_buf_free(&out);
  fclose(f);
  return rows;
}

static int test_departments(void) {
  FILE *f = open_data("departments");
  char buf[4096], name[512];
  row r;
  int line = 0, header = 0, rows = 0;
  vb_buf out;
  if (!f) return 0;
  vb_buf_init(&out, VB_CAP_SMALL);
  while (next_row(f, buf, sizeof buf, &r, &line, &header)) {
    VB_CHECK_INT(r.ncells, 6);
    if (r.ncells != 6) continue;
    rows++;
    static const char *const kinds[] = {"Sở", "Bộ"};
    for (int k = 0; k < 2; k++) {
      snprintf(name, sizeof name, "%s %s", kinds[k], r.cell[0]);
      int known = canon(name, &out);
      if (!known || strcmp(out.data, name) != 0)
        fprintf(stderr, "data/departments.tsv:%d: '%s' -> '%s' (known %d)\n",
                r.line, name, out.data ? out.data : "", known);
      VB_CHECK(known);
      VB_CHECK_STR(out.data, name);
    }
  }
  vb_buf_free(&out);
  fclose(f);
  return rows;
}

/* Codes compare by their keys, so "ĐA" (Đề án) and "DA" (Dự án) are one
** code: the earlier row has it.  seen[] keeps the first row of each key. */
static int test_doctypes(void) {
  FILE *f = open_data("doctypes");
  char buf[1024];
  row r;
  int line = 0, header = 0, rows = 0;
  struct {
    char key[16], name[64];
  } seen[64];
  size_t nseen = 0;
  if (!f) return 0;
  while (next_row(f, buf, sizeof buf, &r, &line, &header)) {
    VB_CHECK_INT(r.ncells, 3);
    if (r.ncells != 3) continue;
    rows++;
    VB_CHECK_STR(vb_doctype_canon(r.cell[0], strlen(r.cell[0])), r.cell[0]);
    for (char *c = r.cell[2]; *c;) {
      char *bar = strchr(c, '|');
      if (bar) *bar = '\0';
      char key[16];
      const char *want = r.cell[0];
      vb_name_key(c, strlen(c), key, sizeof key);
      size_t k = 0;
      while (k < nseen && strcmp(seen[k].key, key) != 0) k++;
      if (k < nseen)
        want = seen[k].name;
      else if (nseen < sizeof seen / sizeof seen[0]) {
        snprintf(seen[nseen].key, sizeof seen[nseen].key, "%s", key);
        snprintf(seen[nseen].name, sizeof seen[nseen].name, "%s", want);
        nseen++;
      }
      VB_CHECK_STR(vb_doctype_from_code(c, strlen(c)), want);
      if (!bar) break;
      c = bar + 1;
    }
  }
  fclose(f);
  return rows;
}

static int test_offices(void) {
  FILE *f = open_data("offices");
  char buf[256];
  row r;
  int line = 0, header = 0, rows = 0;
  if (!f) return 0;
  while (next_row(f, buf, sizeof buf, &r, &line, &header)) {
    rows++;
    size_t n = strlen(r.cell[0]);
    size_t got = vb_names_office_len(r.cell[0], n);
    if (got != n)
      fprintf(stderr, "data/offices.tsv:%d: '%s' spans %zu of %zu bytes\n",
              r.line, r.cell[0], got, n);
    VB_CHECK(got == n);
  }
  fclose(f);
  return rows;
}

int main(void) {
  /* the counts guard against a reader that skips every row */
  VB_CHECK(test_provinces() == 63);
  VB_CHECK(test_districts() > 600);
  VB_CHECK(test_bodies() > 20);
  VB_CHECK(test_departments() > 20);
  VB_CHECK(test_doctypes() > 20);
  VB_CHECK(test_offices() > 20);
  return vb_test_done();
}
