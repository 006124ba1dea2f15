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
** Answers (ask_answer.c) come from the extraction tables (reports,
** deadlines, units, tasks, refs), with units matched by a folded key of
** their canonical name so that "DOLISA", "Sở LĐTBXH" and "the Labour
** department" find the same rows.
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

#define ASK_MAX_BYTES 1000   /* longer questions are refused */

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

