/*
** ask.c: questions in Vietnamese or English (see ask.h).
**
** Parsing works on the question folded to ASCII (lower case, no tone
** marks, đ as d), so "bao cao ve so lao dong" and "báo cáo về Sở Lao động"
** read alike; a byte map leads every folded offset back to the question as
** typed, so the names taken from it keep their marks.
**
**   1. The intent: the first row of g_intents whose pattern matches.  Rows
**      are data (data/questions.txt): pattern, intent, and an example the
**      pattern must match (tests/unit/test_ask.c runs every example).
**   2. The slots, read from the whole question: dates, a month, a year, a
**      province; the unit and the document come from the intent's named
**      groups (?<unit>...) and (?<doc>...), trimmed of the filter phrases.
**
** Answers come from the extraction tables (reports, deadlines, units,
** tasks, refs), with units matched by a folded key of their canonical name
** so that "DOLISA", "Sở LĐTBXH" and "the Labour department" find the same
** rows.
*/
#include "ask.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "text.h"
#include "vi.h"
#include "names.h"
#include "rules.h"
#include "works.h"
#include "graph.h"

#define ASK_MAX_BYTES 1000   /* longer questions are refused */
#define ASK_MAX_ANSWERS 5000 /* rows returned by one question */

/* ---- The question forms ---- */

/* The question forms are data: data/questions.txt, turned into these
** rows at build time by cmake/gendata.py and run by the rule engine of
** the extractor (rules.h).  A rule's field is its vb_intent; its pattern
** runs on the folded question. */
static const vb_rule g_intents[] = {
#include "questions.inc"
};
#define N_INTENTS (sizeof g_intents / sizeof g_intents[0])

static const char *const g_forms[] = {
    "which units report to <unit>?   (also: who reports to <unit> in <province> / in <year>)",
    "Những đơn vị nào báo cáo về <đơn vị>?   (… ở tỉnh <tỉnh>, năm <năm>)",
    "which deadlines fall between <date> and <date>?   (dates as 2021-12-01 or 1/12/2021)",
    "which deadlines fall in December [2021] [for <unit>]?",
    "thời hạn nào trong tháng 12 [năm 2021] [của <đơn vị>]?",
    "which plans assign tasks to <unit>?   /   kế hoạch nào giao nhiệm vụ cho <đơn vị>?",
    "which plans cite <document>?   (e.g. Quyết định 1790/QĐ-TTg)   /   kế hoạch nào căn cứ <văn bản>?",
    "what must <unit> do under plan <number>?   /   <đơn vị> phải làm gì theo kế hoạch <số>?",
    "which provinces have a plan implementing <document>?   /   tỉnh nào có kế hoạch thực hiện <văn bản>?",
    NULL};

const char *const *vb_ask_forms(void) { return g_forms; }

/* ---- Questions ---- */

vb_question *vb_question_new(vb_intent intent) {
  vb_question *q = vb_calloc(1, sizeof *q);
  if (q) q->intent = intent;
  return q;
}

void vb_question_free(vb_question *q) {
  if (!q) return;
  vb_free(q->unit);
  vb_free(q->from_unit);
  vb_free(q->province);
  vb_free(q->after);
  vb_free(q->before);
  vb_free(q->doc);
  vb_free(q);
}

vb_status vb_question_set(char **slot, const char *value) {
  char *c = value ? vb_strdup(value) : NULL;
  if (value && !c) return VB_ENOMEM;
  vb_free(*slot);
  *slot = c;
  return VB_OK;
}

/* ---- Folding with a map back to the question as typed ---- */

typedef struct folded {
  vb_buf s;      /* folded question */
  size_t *map;   /* map[i]: offset in the original of folded byte i */
  size_t nmap;   /* == s.len + 1 */
  const char *orig;
} folded;

/* Length of the UTF-8 sequence starting with byte c (1 for bad bytes). */
static size_t u8len(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

static vb_status fold_question(const char *q, folded *f) {
  size_t n = strlen(q);
  vb_buf_init(&f->s, ASK_MAX_BYTES * 4);
  f->orig = q;
  f->map = vb_malloc((n * 4 + 2) * sizeof *f->map);
  if (!f->map) return VB_ENOMEM;
  size_t i = 0;
  while (i < n) {
    size_t l = u8len((unsigned char)q[i]);
    if (i + l > n) l = n - i;
    size_t before = f->s.len;
    VB_TRY(vb_vi_fold(q + i, l, &f->s));
    for (size_t k = before; k < f->s.len; k++) f->map[k] = i;
    i += l;
  }
  f->map[f->s.len] = n;
  f->nmap = f->s.len + 1;
  return VB_OK;
}

/* The original text of folded range [a, b), trimmed of spaces and the
** punctuation that ends a question; a new string (vb_free), or NULL. */
static char *orig_span(const folded *f, size_t a, size_t b) {
  size_t oa = f->map[a], ob = b < f->nmap ? f->map[b] : strlen(f->orig);
  if (b > a && b < f->nmap && f->map[b] == f->map[b - 1]) {
    /* b falls inside a folded letter: take the whole letter */
    ob = f->map[b - 1] + u8len((unsigned char)f->orig[f->map[b - 1]]);
  }
  /* Trim spaces, quotes and closing punctuation, curly quotes as whole
  ** characters, never part of one. */
  static const char kLeft[] = " \t\"'", kRight[] = " \t?.!,;:\"'";
  static const char kOpenQ[] = "\xE2\x80\x9C", kCloseQ[] = "\xE2\x80\x9D";
  for (;;) {
    if (oa < ob && strchr(kLeft, f->orig[oa]) && f->orig[oa]) oa++;
    else if (ob - oa >= 3 && (!memcmp(f->orig + oa, kOpenQ, 3) ||
                              !memcmp(f->orig + oa, kCloseQ, 3))) oa += 3;
    else break;
  }
  for (;;) {
    if (ob > oa && strchr(kRight, f->orig[ob - 1]) && f->orig[ob - 1]) ob--;
    else if (ob - oa >= 3 && (!memcmp(f->orig + ob - 3, kOpenQ, 3) ||
                              !memcmp(f->orig + ob - 3, kCloseQ, 3))) ob -= 3;
    else break;
  }
  return vb_strndup(f->orig + oa, ob - oa);
}

/* ---- Slots ---- */

/* A small compiled pattern cache for this file's slot patterns. */
typedef struct rx {
  pcre2_code *code;
  pcre2_match_data *md;
} rx;

static int rx_compile(rx *r, const char *pattern) {
  int e;
  PCRE2_SIZE eo;
  r->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                          PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &e, &eo,
                          NULL);
  if (!r->code) return 0;
  r->md = pcre2_match_data_create_from_pattern(r->code, NULL);
  return r->md != NULL;
}

static void rx_free(rx *r) {
  pcre2_match_data_free(r->md);
  pcre2_code_free(r->code);
}

/* Match from offset `from`; 1 on a match. */
static int rx_match(rx *r, const char *s, size_t n, size_t from) {
  return pcre2_match(r->code, (PCRE2_SPTR)s, n, from, 0, r->md, NULL) >= 0;
}

/* Group `name` of the last match: 1 and [*a, *b), or 0. */
static int rx_group(rx *r, const char *name, size_t *a, size_t *b) {
  int num = pcre2_substring_number_from_name(r->code, (PCRE2_SPTR)name);
  if (num < 0) return 0;
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
  if (ov[2 * num] == PCRE2_UNSET) return 0;
  *a = ov[2 * num];
  *b = ov[2 * num + 1];
  return 1;
}

/* Group `name` of the last match of a question form on s: 1 and [*a, *b)
** as offsets in s, or 0. */
static int form_group(const vb_xmatch *m, const char *s, const char *name,
                      size_t *a, size_t *b) {
  const char *p;
  size_t l;
  if (!vb_x_group(m, name, &p, &l)) return 0;
  *a = (size_t)(p - s);
  *b = *a + l;
  return 1;
}

static const char *const g_months_en[] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december"};

/* Parse a date written in the folded question at s: ISO, d/m/y, "ngay d
** thang m nam y", "d month y", "month d, y".  Returns bytes consumed and
** fills y/m/d (year may be 0 when not written). */
#define DATE_PATTERN                                                        \
  "\\G(?:(?<iy>\\d{4})-(?<im>\\d{1,2})-(?<id>\\d{1,2})"                      \
  "|(?:ngay\\s+)?(?<d1>\\d{1,2})\\s*[/.-]\\s*(?<m1>\\d{1,2})"                \
  "(?:\\s*[/.-]\\s*(?<y1>\\d{4}))?"                                           \
  "|(?:ngay\\s+)?(?<d2>\\d{1,2})\\s+thang\\s+(?<m2>\\d{1,2})"                \
  "(?:\\s+nam\\s+(?<y2>\\d{4}))?"                                             \
  "|(?<d3>\\d{1,2})\\s+(?<mn3>[a-z]{3,9})\\.?,?(?:\\s+(?<y3>\\d{4}))?"         \
  "|(?<mn4>[a-z]{3,9})\\.?\\s+(?<d4>\\d{1,2})(?:st|nd|rd|th)?,?"               \
  "(?:\\s+(?<y4>\\d{4}))?)"

static size_t parse_date(rx *dr, const char *s, size_t n, int *y, int *m,
                         int *d) {
  rx r = *dr;
  if (!rx_match(&r, s, n, 0)) return 0;
  size_t a, b;
  *y = *m = *d = 0;
  char tmp[16];
#define GET(name, dst)                                                     \
  if (rx_group(&r, name, &a, &b) && b - a < sizeof tmp) {                  \
    memcpy(tmp, s + a, b - a);                                             \
    tmp[b - a] = 0;                                                        \
    dst = atoi(tmp);                                                       \
  }
  GET("iy", *y) GET("im", *m) GET("id", *d)
  GET("d1", *d) GET("m1", *m) GET("y1", *y)
  GET("d2", *d) GET("m2", *m) GET("y2", *y)
  GET("d3", *d) GET("y3", *y) GET("d4", *d) GET("y4", *y)
#undef GET
  const char *mnames[] = {"mn3", "mn4"};
  for (int k = 0; k < 2; k++)
    if (rx_group(&r, mnames[k], &a, &b)) {
      *m = 0;
      for (int i = 0; i < 12; i++)
        if (b - a >= 3 && strncmp(s + a, g_months_en[i], b - a) == 0)
          *m = i + 1;
      if (!*m) return 0;
    }
  if (*m < 1 || *m > 12 || *d < 1 || *d > 31) return 0;
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r.md);
  return ov[1];
}

#define MONTH_PATTERN                                                        \
  "\\b(?:(?:in|during|of)\\s+(?<mw>[a-z]{3,9})|(?<mw2>january|february|"     \
  "march|april|june|july|august|september|october|november|december)|"      \
  "(?:trong\\s+|vao\\s+)?thang\\s+(?<mn>\\d{1,2}))(?:(?:\\s+|\\s*/\\s*|,\\s*|"    \
  "\\s+nam\\s+)(?<y>(?:19|20)\\d{2}))?\\b"
#define YEAR_PATTERN                                                         \
  "(?:\\b(?:in|of|for|nam|year|trong nam)\\s+|\\()(?<y>(?:19|20)\\d{2})\\b\\)?"

/* The slot patterns, compiled once per question. */
typedef struct slot_rx {
  rx date, month, year;
} slot_rx;

static int slot_rx_init(slot_rx *x) {
  memset(x, 0, sizeof *x);
  return rx_compile(&x->date, DATE_PATTERN) &&
         rx_compile(&x->month, MONTH_PATTERN) &&
         rx_compile(&x->year, YEAR_PATTERN);
}

static void slot_rx_free(slot_rx *x) {
  rx_free(&x->date);
  rx_free(&x->month);
  rx_free(&x->year);
}

static int month_from_word(const char *s, size_t n) {
  for (int i = 0; i < 12; i++) {
    size_t l = strlen(g_months_en[i]);
    if ((n == l || n == 3) && strncmp(s, g_months_en[i], n) == 0) return i + 1;
  }
  return 0;
}

/* Fill the date, month, year and province slots from the folded question;
** *cut gets the offset where the first filter phrase starts (the unit and
** document groups end there at the latest). */
static vb_status read_filters(const folded *f, slot_rx *x, vb_question *q,
                              size_t *cut) {
  const char *s = f->s.data;
  size_t n = f->s.len;
  *cut = n;
  vb_status rc = VB_OK;
  /* Range: between A and B / from A to B / tu (ngay) A den (ngay) B. */
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && isalnum((unsigned char)s[i - 1])) continue;
    static const char *const openers[] = {"between ", "from ", "tu ngay ", "tu ",
                                          "after ", "since ", "sau ngay ", "sau ",
                                          "before ", "by ", "truoc ngay ", "truoc ",
                                          "until ", "den ngay "};
    for (size_t k = 0; k < sizeof openers / sizeof *openers; k++) {
      size_t l = strlen(openers[k]);
      if (strncmp(s + i, openers[k], l) != 0) continue;
      int y1, m1, d1;
      size_t c1 = parse_date(&x->date, s + i + l, n - i - l, &y1, &m1, &d1);
      if (!c1) continue;
      char iso[16];
      snprintf(iso, sizeof iso, "%04d-%02d-%02d", y1 ? y1 : 0, m1, d1);
      if (k < 4) { /* a range, or an open start */
        rc = vb_question_set(&q->after, iso);
        size_t j = i + l + c1;
        while (j < n && s[j] == ' ') j++;
        static const char *const mids[] = {"and ", "to ", "den ngay ", "den ", "- ", "until "};
        for (size_t t = 0; t < sizeof mids / sizeof *mids && rc == VB_OK; t++) {
          size_t ml = strlen(mids[t]);
          if (strncmp(s + j, mids[t], ml) != 0) continue;
          int y2, m2, d2;
          if (parse_date(&x->date, s + j + ml, n - j - ml, &y2, &m2, &d2)) {
            if (!y2) y2 = y1;
            if (!y1 && y2) {
              snprintf(iso, sizeof iso, "%04d-%02d-%02d", y2, m1, d1);
              rc = vb_question_set(&q->after, iso);
            }
            snprintf(iso, sizeof iso, "%04d-%02d-%02d", y2, m2, d2);
            if (rc == VB_OK) rc = vb_question_set(&q->before, iso);
          }
          break;
        }
        if (k >= 4 && k < 8) {} /* after/since: open end */
      } else if (k < 8) {
        rc = vb_question_set(&q->after, iso);
      } else {
        rc = vb_question_set(&q->before, iso);
      }
      if (i < *cut) *cut = i;
      break;
    }
    if (rc != VB_OK) return rc;
  }
  /* A month: "in December [2021]", "thang 12[/2021| nam 2021]". */
  rx mr = x->month;
  size_t from = 0;
  while (from < n && rx_match(&mr, s, n, from)) {
    size_t a, b;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(mr.md);
    int month = 0;
    if (rx_group(&mr, "mw", &a, &b) || rx_group(&mr, "mw2", &a, &b))
      month = month_from_word(s + a, b - a);
    else if (rx_group(&mr, "mn", &a, &b))
      month = atoi(s + a);
    if (month >= 1 && month <= 12 && !q->after) {
      q->month = month;
      if (rx_group(&mr, "y", &a, &b)) q->year = atoi(s + a);
      if (ov[0] < *cut) *cut = ov[0];
    }
    from = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
  }
  /* A year on its own: "in 2021", "nam 2021", "year 2021", "(2021)". */
  rx yr = x->year;
  if (!q->year && rx_match(&yr, s, n, 0)) {
    size_t a, b;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(yr.md);
    int is_date_part = q->after || q->before;
    if (rx_group(&yr, "y", &a, &b) && !is_date_part) {
      q->year = atoi(s + a);
      if (ov[0] < *cut) *cut = ov[0];
    }
  }
  /* A province: after "in", "of", "o", "tai", "cua", "thuoc", "tinh",
  ** "thanh pho", the longest known province name. */
  static const char *const lead[] = {"in the province of ", "in province ", "in ", "of ",
                                     "o tinh ", "tai tinh ", "cua tinh ", "thuoc tinh ",
                                     "tinh ", "thanh pho ", "o ", "tai ", "cua ", "thuoc "};
  for (size_t i = 0; i < n && !q->province; i++) {
    if (i > 0 && s[i - 1] != ' ') continue;
    for (size_t k = 0; k < sizeof lead / sizeof *lead; k++) {
      size_t l = strlen(lead[k]);
      if (strncmp(s + i, lead[k], l) != 0) continue;
      size_t start = i + l, best = 0;
      const vb_province *pv = NULL;
      /* Try spans of one to five words. */
      size_t e = start;
      for (int w = 0; w < 5 && e < n; w++) {
        while (e < n && s[e] != ' ' && s[e] != '?' && s[e] != ',' && s[e] != '.') e++;
        const vb_province *p = vb_province_find(s + start, e - start);
        if (p) {
          pv = p;
          best = e;
        }
        if (e < n && s[e] != ' ') break;
        e++;
      }
      if (pv) {
        rc = vb_question_set(&q->province, pv->name);
        if (rc != VB_OK) return rc;
        if (i < *cut) *cut = i;
        (void)best;
        break;
      }
    }
  }
  return VB_OK;
}

/* Trim the end of a folded group [a, *b): filter phrases and "by when"
** clauses the unit or document does not include. */
static void trim_group(const char *s, size_t a, size_t *b, size_t cut) {
  if (*b > cut && cut > a) *b = cut;
  static const char *const tails[] = {
      " and by when", " by when", " and when", " when", " and until when",
      " va han nao", " va khi nao", " khi nao", " han nao", " truoc ngay nao",
      " va truoc ngay nao", " vao luc nao", " nhu the nao", " the nao",
      " trong the nao", " hay khong", " khong", " nao", " do"};
  for (int changed = 1; changed;) {
    changed = 0;
    while (*b > a && strchr(" ?.!,;", s[*b - 1])) (*b)--;
    for (size_t k = 0; k < sizeof tails / sizeof *tails; k++) {
      size_t l = strlen(tails[k]);
      if (*b - a > l && strncmp(s + *b - l, tails[k], l) == 0) {
        *b -= l;
        changed = 1;
      }
    }
  }
}

vb_status vb_ask_parse(const char *text, vb_question **out, vb_error *err) {
  *out = NULL;
  size_t tl = strlen(text);
  if (tl > ASK_MAX_BYTES)
    return vb_error_set(err, VB_EQUERY, "question longer than %d bytes",
                        ASK_MAX_BYTES);
  if (vb_utf8_check((const unsigned char *)text, tl) != tl)
    return vb_error_set(err, VB_EQUERY, "the question is not valid UTF-8");
  folded f = {0};
  vb_status rc = fold_question(text, &f);
  if (rc != VB_OK) {
    vb_buf_free(&f.s);
    vb_free(f.map);
    return vb_error_set(err, rc, "out of memory");
  }
  const char *s = f.s.data ? f.s.data : "";
  size_t n = f.s.len;
  /* Collapse white space runs to one space for simpler patterns. */
  vb_question *q = NULL;
  vb_xrules *forms = NULL;
  vb_xmatch x = {0};
  rc = vb_xrules_compile(g_intents, N_INTENTS, "data/questions.txt", 0,
                         &forms, err);
  if (rc == VB_OK) rc = vb_xmatch_init(&x, forms);
  for (size_t r = 0; r < N_INTENTS && !q && rc == VB_OK; r++) {
    if (vb_x_rule(&x, r, s, n, 0)) {
      q = vb_question_new((vb_intent)g_intents[r].field);
      if (!q) {
        rc = VB_ENOMEM;
      } else {
        size_t cut;
        slot_rx sx;
        rc = slot_rx_init(&sx) ? read_filters(&f, &sx, q, &cut) : VB_ENOMEM;
        slot_rx_free(&sx);
        size_t a, b;
        if (rc == VB_OK && form_group(&x, s, "unit", &a, &b)) {
          trim_group(s, a, &b, cut);
          if (b > a) {
            q->unit = orig_span(&f, a, b);
            if (!q->unit) rc = VB_ENOMEM;
          }
        }
        if (rc == VB_OK && form_group(&x, s, "doc", &a, &b)) {
          trim_group(s, a, &b, q->intent == VB_ASK_TASKS_OF ? n : cut);
          if (b > a) {
            q->doc = orig_span(&f, a, b);
            if (!q->doc) rc = VB_ENOMEM;
          }
        }
      }
    }
  }
  if (rc == VB_OK && x.nomem) rc = VB_ENOMEM; /* a form could not run */
  vb_xmatch_free(&x);
  vb_xrules_free(forms);
  vb_buf_free(&f.s);
  vb_free(f.map);
  if (rc != VB_OK) {
    vb_question_free(q);
    return vb_error_set(err, rc, "%s", vb_strerror(rc));
  }
  /* A form that needs a unit or a document must have found one. */
  if (q && ((q->intent == VB_ASK_REPORTS_TO || q->intent == VB_ASK_PLANS_ASSIGNING ||
             q->intent == VB_ASK_TASKS_OF) && !q->unit)) {
    vb_question_free(q);
    q = NULL;
  }
  if (q && (q->intent == VB_ASK_PLANS_CITING || q->intent == VB_ASK_TASKS_OF ||
            q->intent == VB_ASK_PROVINCES_IMPLEMENTING) && !q->doc) {
    vb_question_free(q);
    q = NULL;
  }
  if (!q)
    return vb_error_set(err, VB_EQUERY, "the question is not one of the forms vanban understands");
  *out = q;
  return VB_OK;
}

/* ---- Answers ---- */

/* SQL function vb_key(text): the folded lookup key of a name (letters and
** digits of the folded text), so that spellings and abbreviations of one
** body compare equal after canonicalisation. */
static void sql_key(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  const char *t = (const char *)sqlite3_value_text(argv[0]);
  if (!t) {
    sqlite3_result_null(ctx);
    return;
  }
  char key[1024];
  size_t n = vb_name_key(t, strlen(t), key, sizeof key);
  sqlite3_result_text(ctx, key, (int)n, SQLITE_TRANSIENT);
}

/* The lookup key of a unit as typed: canonicalised first (abbreviations and
** English names), then folded.  key must hold 1024 bytes. */
static vb_status unit_key(const char *unit, char *key, char *canon, size_t ncanon) {
  vb_buf b;
  vb_buf_init(&b, VB_CAP_SMALL);
  int known = 0;
  vb_status rc = vb_names_canon(unit, strlen(unit), NULL, &b, &known);
  const char *c = rc == VB_OK && b.data ? b.data : unit;
  snprintf(canon, ncanon, "%s", c);
  vb_name_key(c, strlen(c), key, 1024);
  vb_buf_free(&b);
  return rc == VB_ENOMEM ? rc : VB_OK;
}

/* Add the common document columns (first 7 of the row) to obj. */
#define DOC_COLS "d.source, d.doc_type, d.number, d.symbol, d.date, d.province, d.title"
static void put_doc_cols(json_t *o, sqlite3_stmt *s) {
  static const char *const names[] = {"source", "doc_type", "number", "symbol",
                                      "date", "province", "title"};
  for (int i = 0; i < 7; i++) {
    const char *v = (const char *)sqlite3_column_text(s, i);
    json_object_set_new(o, names[i], v ? json_string(v) : json_null());
  }
}

/* Column i as a JSON value (new reference). */
static json_t *col_json(sqlite3_stmt *s, int i) {
  switch (sqlite3_column_type(s, i)) {
    case SQLITE_NULL: return json_null();
    case SQLITE_INTEGER: return json_integer(sqlite3_column_int64(s, i));
    default: return json_string((const char *)sqlite3_column_text(s, i));
  }
}

/* Intent-specific SQL.  Parameters: ?1 unit key, ?2 province, ?3 year,
** ?4 after, ?5 before, ?6 month (two digits), ?7 document key, ?8 the
** document number alone, ?9 from-unit key.  Columns after the document's
** seven are copied into each answer under their names. */
static const char *sql_for(vb_intent intent) {
  switch (intent) {
    case VB_ASK_REPORTS_TO:
      return "SELECT " DOC_COLS ", x.from_unit AS \"from\", x.from_canonical, "
             "x.to_body AS \"to\", x.via, x.by_date AS \"by\", x.line, x.evidence "
             "FROM reports x JOIN documents d ON d.id = x.doc_id "
             "WHERE x.to_key >= ?1 AND x.to_key < ?1 || '~' "
             "  AND (?2 IS NULL OR d.province = ?2 OR d.province_2025 = ?2) "
             "  AND (?3 IS NULL OR d.year = ?3) "
             "  AND (?9 IS NULL OR instr(vb_key(x.from_unit), ?9) > 0 OR "
             "       instr(vb_key(coalesce(x.from_canonical, '')), ?9) > 0) "
             "  AND d.id NOT IN (" VB_WORKS_HIDDEN ") " /* documents, not files */
             "ORDER BY d.province, d.date, d.source, x.seq";
    case VB_ASK_DEADLINES:
      return "SELECT " DOC_COLS ", x.date AS deadline, x.recurs, x.what, x.who, "
             "x.to_body AS \"to\", x.line, x.evidence "
             "FROM deadlines x JOIN documents d ON d.id = x.doc_id "
             "WHERE x.date IS NOT NULL "
             "  AND (?1 IS NULL OR instr(vb_key(x.who), ?1) > 0) "
             "  AND (?2 IS NULL OR d.province = ?2 OR d.province_2025 = ?2) "
             "  AND (?3 IS NULL OR ?6 IS NOT NULL OR d.year = ?3) "
             "  AND (?4 IS NULL OR (x.recurs IS NULL AND x.date >= ?4) OR "
             "       (x.recurs = 'yearly' AND (?5 IS NULL OR "
             "        substr(?5, 1, 4) > substr(?4, 1, 4) OR "
             "        substr(x.date, 3) >= substr(?4, 6)))) "
             "  AND (?5 IS NULL OR (x.recurs IS NULL AND x.date <= ?5) OR "
             "       (x.recurs = 'yearly' AND (?4 IS NULL OR "
             "        substr(?5, 1, 4) > substr(?4, 1, 4) OR "
             "        substr(x.date, 3) <= substr(?5, 6)))) "
             "  AND (?6 IS NULL OR "
             "       (x.recurs IS NULL AND substr(x.date, 6, 2) = ?6 AND "
             "        (?3 IS NULL OR substr(x.date, 1, 4) = printf('%04d', ?3))) OR "
             "       (x.recurs = 'yearly' AND substr(x.date, 3, 2) = ?6)) "
             /* a yearly duty lasts from the plan's year to its period's end */
             "  AND (x.recurs IS NULL OR ("
             "       (coalesce(?4, printf('%04d', ?3)) IS NULL OR d.period_to IS NULL OR "
             "        substr(d.period_to, 1, 4) >= substr(coalesce(?4, printf('%04d', ?3)), 1, 4)) AND "
             "       (coalesce(?5, printf('%04d', ?3)) IS NULL OR d.year IS NULL OR "
             "        d.year <= CAST(substr(coalesce(?5, printf('%04d', ?3)), 1, 4) AS INTEGER)))) "
             "  AND d.id NOT IN (" VB_WORKS_HIDDEN ") " /* documents, not files */
             "ORDER BY CASE WHEN x.recurs IS NULL THEN x.date ELSE '9' || x.date END, "
             "d.source, x.seq";
    case VB_ASK_PLANS_ASSIGNING:
      return "SELECT " DOC_COLS ", x.name AS unit, x.canonical, "
             "(SELECT count(*) FROM tasks t WHERE t.doc_id = x.doc_id AND "
             " t.unit_seq = x.seq) AS tasks, x.line, x.evidence "
             "FROM units x JOIN documents d ON d.id = x.doc_id "
             "WHERE x.key >= ?1 AND x.key < ?1 || '~' "
             "  AND (?2 IS NULL OR d.province = ?2 OR d.province_2025 = ?2) "
             "  AND (?3 IS NULL OR d.year = ?3) "
             "  AND d.id NOT IN (" VB_WORKS_HIDDEN ") " /* documents, not files */
             "ORDER BY d.province, d.date, d.source, x.seq";
    case VB_ASK_PLANS_CITING:
      return "SELECT " DOC_COLS ", x.type AS ref_type, x.ref_id, x.date AS ref_date, "
             "x.issuer AS ref_issuer, x.relation, x.line, x.evidence "
             "FROM refs x JOIN documents d ON d.id = x.doc_id "
             "WHERE (instr(vb_key(x.ref_id), ?7) = 1 AND "
             "       (length(?7) > length(?8) OR "
             "        substr(vb_key(x.ref_id), length(?8) + 1, 1) NOT GLOB '[0-9]')) "
             "  AND (?2 IS NULL OR d.province = ?2 OR d.province_2025 = ?2) "
             "  AND (?3 IS NULL OR d.year = ?3) "
             "  AND d.id NOT IN (" VB_WORKS_HIDDEN ") " /* documents, not files */
             "ORDER BY d.province, d.date, d.source, x.seq";
    case VB_ASK_TASKS_OF:
      return "SELECT " DOC_COLS ", x.name AS unit, x.canonical, t.text AS task, "
             "coalesce(t.line, x.line) AS line, "
             "d.id AS body "
             "FROM units x JOIN documents d ON d.id = x.doc_id "
             "LEFT JOIN tasks t ON t.doc_id = x.doc_id AND t.unit_seq = x.seq "
             "WHERE x.key >= ?1 AND x.key < ?1 || '~' "
             "  AND ?7 <> '' "
             "  AND (vb_key(coalesce(d.number, '') || '/' || coalesce(d.symbol, '')) = ?7 "
             "       OR vb_key(coalesce(d.number, '')) = ?7 "
             "       OR (d.number IS NULL AND vb_key(d.symbol) = ?7) "
             "       OR instr(vb_key(d.source), ?7) > 0) "
             "  AND d.id NOT IN (" VB_WORKS_HIDDEN ") " /* documents, not files */
             "ORDER BY d.source, x.seq, t.seq";
    case VB_ASK_PROVINCES_IMPLEMENTING: /* answered by graph.h */
      return NULL;
  }
  return NULL;
}

static const char *intent_name(vb_intent i) {
  switch (i) {
    case VB_ASK_REPORTS_TO: return "reports_to";
    case VB_ASK_DEADLINES: return "deadlines";
    case VB_ASK_PLANS_ASSIGNING: return "plans_assigning";
    case VB_ASK_PLANS_CITING: return "plans_citing";
    case VB_ASK_TASKS_OF: return "tasks_of";
    case VB_ASK_PROVINCES_IMPLEMENTING: return "provinces_implementing";
  }
  return "?";
}

/* Evidence lines are read from the body with incremental blob I/O, going
** forward from the last line read in the same document (answers come in
** line order), so a document of megabytes is read once at most, and only
** to its last answer; a line is kept to its first EVIDENCE_MAX_BYTES. */
#define EVIDENCE_MAX_BYTES 16384
typedef struct line_cursor {
  sqlite3_blob *blob;
  int64_t doc;   /* open on this document (0: none) */
  int64_t line;  /* the line starting at pos */
  int64_t pos, size;
  char buf[EVIDENCE_MAX_BYTES];
} line_cursor;

/* The physical line `line` (1-based) of document doc's body, trimmed; a
** new json string (null when there is no such line). */
static json_t *body_line(sqlite3 *db, line_cursor *c, int64_t doc,
                         int64_t line) {
  if (line < 1) line = 1;
  if (c->doc != doc) {
    int r = c->blob ? sqlite3_blob_reopen(c->blob, doc)
                    : sqlite3_blob_open(db, "main", "texts", "body", doc, 0,
                                        &c->blob);
    if (r != SQLITE_OK) { /* no text stored: an empty one */
      sqlite3_blob_close(c->blob);
      c->blob = NULL;
      c->doc = 0;
      return line == 1 ? json_string("") : json_null();
    }
    c->doc = doc;
    c->line = 1;
    c->pos = 0;
    c->size = sqlite3_blob_bytes(c->blob);
  }
  if (line < c->line) {
    c->line = 1;
    c->pos = 0;
  }
  while (c->line < line && c->pos < c->size) {
    int n = (int)(c->size - c->pos < (int64_t)sizeof c->buf ? c->size - c->pos
                                                             : (int64_t)sizeof c->buf);
    if (sqlite3_blob_read(c->blob, c->buf, n, (int)c->pos) != SQLITE_OK)
      return json_null();
    const char *p = c->buf, *e = c->buf + n, *nl;
    while (c->line < line && (nl = memchr(p, '\n', (size_t)(e - p)))) {
      p = nl + 1;
      c->line++;
    }
    c->pos += c->line < line ? n : (int64_t)(p - c->buf);
  }
  if (c->line != line || c->pos > c->size) return json_null();
  int n = (int)(c->size - c->pos < (int64_t)sizeof c->buf ? c->size - c->pos
                                                           : (int64_t)sizeof c->buf);
  if (sqlite3_blob_read(c->blob, c->buf, n, (int)c->pos) != SQLITE_OK)
    return json_null();
  const char *p = c->buf, *e = memchr(p, '\n', (size_t)n);
  size_t len = e ? (size_t)(e - p) : (size_t)n;
  if (!e && n == (int)sizeof c->buf) /* cut: not inside a character */
    while (len && ((unsigned char)p[len] & 0xC0) == 0x80) len--;
  while (len && (*p == ' ' || *p == '\t')) p++, len--;
  while (len && (p[len - 1] == ' ' || p[len - 1] == '\t')) len--;
  json_t *v = json_stringn(p, len);
  return v ? v : json_null();
}

/* Which provinces have a plan implementing q->doc: the rows of
** vb_graph_compare(), each with the document's columns, and the provinces
** without one. */
static vb_status answer_implementing(vb_index *idx, const vb_question *q,
                                     json_t **answer, vb_error *err) {
  json_t *cmp = NULL;
  VB_TRY(vb_graph_compare(idx, q->doc, &cmp, err));
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(vb_index_db(idx),
                         "SELECT " DOC_COLS " FROM documents d WHERE d.source = ?1",
                         -1, &s, NULL) != SQLITE_OK) {
    json_decref(cmp);
    return vb_error_set(err, VB_EDB, "cannot read the index");
  }
  json_t *answers = json_array(), *p;
  size_t i;
  json_array_foreach(json_object_get(cmp, "plans"), i, p) {
    json_t *o = json_object();
    sqlite3_bind_text(s, 1, json_string_value(json_object_get(p, "source")), -1,
                      SQLITE_TRANSIENT);
    if (sqlite3_step(s) == SQLITE_ROW) put_doc_cols(o, s);
    sqlite3_reset(s);
    json_object_set(o, "province_2025", json_object_get(p, "province_2025"));
    json_object_set(o, "lag_days", json_object_get(p, "lag_days"));
    json_object_set(o, "via", json_object_get(p, "via"));
    json_array_append_new(answers, o);
  }
  sqlite3_finalize(s);
  json_t *res = json_pack(
      "{s:s, s:{s:s}, s:O, s:I, s:o, s:O, s:O}", "intent",
      "provinces_implementing", "filters", "document", q->doc, "target",
      json_object_get(cmp, "target"), "count",
      (json_int_t)json_array_size(answers), "answers", answers, "without",
      json_object_get(cmp, "without"), "without_2025",
      json_object_get(cmp, "without_2025"));
  json_decref(cmp);
  if (!res) return vb_error_set(err, VB_ENOMEM, "out of memory");
  *answer = res;
  return VB_OK;
}

vb_status vb_ask_run(vb_index *idx, const vb_question *q, json_t **answer,
                     vb_error *err) {
  *answer = NULL;
  if (q->intent == VB_ASK_PROVINCES_IMPLEMENTING)
    return answer_implementing(idx, q, answer, err);
  sqlite3 *db = vb_index_db(idx);
  if (sqlite3_create_function(db, "vb_key", 1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                              sql_key, NULL, NULL) != SQLITE_OK)
    return vb_error_set(err, VB_EDB, "cannot prepare the question");
  const char *sql = sql_for(q->intent);
  if (!sql) return vb_error_set(err, VB_EINVAL, "unknown question intent");
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
    return vb_error_set(err, VB_EDB,
                        "the index has no extraction tables (re-ingest)");
  char ukey[1024] = "", canon[512] = "", fkey[1024] = "", fcanon[512] = "";
  vb_status rc = VB_OK;
  if (q->unit) rc = unit_key(q->unit, ukey, canon, sizeof canon);
  if (rc == VB_OK && q->from_unit) rc = unit_key(q->from_unit, fkey, fcanon, sizeof fcanon);
  if (rc != VB_OK) {
    sqlite3_finalize(s);
    return vb_error_set(err, rc, "out of memory");
  }
  if (q->unit && ukey[0]) sqlite3_bind_text(s, 1, ukey, -1, SQLITE_STATIC);
  else if (q->intent != VB_ASK_DEADLINES) sqlite3_bind_text(s, 1, "", -1, SQLITE_STATIC);
  if (q->province) sqlite3_bind_text(s, 2, q->province, -1, SQLITE_STATIC);
  if (q->year) sqlite3_bind_int(s, 3, q->year);
  if (q->after) sqlite3_bind_text(s, 4, q->after, -1, SQLITE_STATIC);
  if (q->before) sqlite3_bind_text(s, 5, q->before, -1, SQLITE_STATIC);
  char mm[4];
  if (q->month >= 1 && q->month <= 12) {
    snprintf(mm, sizeof mm, "%02d", q->month);
    sqlite3_bind_text(s, 6, mm, -1, SQLITE_STATIC);
  }
  char dkey[1024] = "", dnum[64] = "";
  if (q->doc) {
    vb_name_key(q->doc, strlen(q->doc), dkey, sizeof dkey);
    size_t k = 0;
    while (q->doc[k] && !isdigit((unsigned char)q->doc[k])) k++;
    size_t e = k;
    while (isdigit((unsigned char)q->doc[e])) e++;
    snprintf(dnum, sizeof dnum, "%.*s", (int)(e - k), q->doc + k);
    /* "Quyết định 1790/QĐ-TTg": the key starts at the number. */
    char *digit = dkey;
    while (*digit && !isdigit((unsigned char)*digit)) digit++;
    if (*digit) memmove(dkey, digit, strlen(digit) + 1);
  }
  sqlite3_bind_text(s, 7, dkey, -1, SQLITE_STATIC);
  sqlite3_bind_text(s, 8, dnum, -1, SQLITE_STATIC);
  if (q->from_unit && fkey[0]) sqlite3_bind_text(s, 9, fkey, -1, SQLITE_STATIC);

  json_t *res = json_object(), *answers = json_array(), *filters = json_object();
  json_object_set_new(res, "intent", json_string(intent_name(q->intent)));
  if (q->unit) json_object_set_new(res, "unit", json_string(canon));
  if (q->from_unit) json_object_set_new(filters, "from", json_string(fcanon));
  if (q->province) json_object_set_new(filters, "province", json_string(q->province));
  if (q->year) json_object_set_new(filters, "year", json_integer(q->year));
  if (q->after) json_object_set_new(filters, "after", json_string(q->after));
  if (q->before) json_object_set_new(filters, "before", json_string(q->before));
  if (q->month) json_object_set_new(filters, "month", json_integer(q->month));
  if (q->doc) json_object_set_new(filters, "document", json_string(q->doc));
  json_object_set_new(res, "filters", filters);
  int r = SQLITE_DONE, count = 0;
  line_cursor *lc = vb_calloc(1, sizeof *lc);
  if (!lc) rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  while (rc == VB_OK && (r = sqlite3_step(s)) == SQLITE_ROW && count < ASK_MAX_ANSWERS) {
    json_t *o = json_object();
    put_doc_cols(o, s);
    int ncol = sqlite3_column_count(s);
    int64_t line = 0;
    for (int i = 7; i < ncol; i++) {
      const char *name = sqlite3_column_name(s, i);
      if (strcmp(name, "body") == 0) {
        json_object_set_new(o, "evidence",
                            body_line(db, lc, sqlite3_column_int64(s, i), line));
        continue;
      }
      if (strcmp(name, "line") == 0) line = sqlite3_column_int64(s, i);
      if (strcmp(name, "who") == 0 && sqlite3_column_type(s, i) == SQLITE_TEXT) {
        json_t *w = json_loads((const char *)sqlite3_column_text(s, i), 0, NULL);
        json_object_set_new(o, name, w ? w : json_null());
        continue;
      }
      json_object_set_new(o, name, col_json(s, i));
    }
    json_array_append_new(answers, o);
    count++;
  }
  if (lc) sqlite3_blob_close(lc->blob);
  vb_free(lc);
  if (rc == VB_OK && (r & 0xff) == SQLITE_INTERRUPT)
    rc = vb_error_set(err, VB_ETIMEOUT, "the question ran past its time budget");
  else if (rc == VB_OK && r != SQLITE_ROW && r != SQLITE_DONE)
    rc = vb_error_set(err, VB_EDB, "cannot read the index: %s", sqlite3_errstr(r));
  sqlite3_finalize(s);
  json_object_set_new(res, "count", json_integer(count));
  json_object_set_new(res, "answers", answers);
  if (rc != VB_OK && rc != VB_ETIMEOUT) {
    json_decref(res);
    return rc;
  }
  *answer = res;
  return rc;
}
