/*
** extract_duties.c: who does what, by when, and who reports to whom.
**
** Fills three lists of the record from the line index (extract_lines.c):
**
**   units      the units the organising section ("Tổ chức thực hiện",
**              "Phân công nhiệm vụ", "Điều 5. Giao trách nhiệm", or in a
**              letter or a directive the numbered list after "... yêu
**              cầu:") gives tasks to, and the units named by "Đơn vị thực
**              hiện:" labels and by the columns of task tables, with
**              their tasks; a heading that is only a name is the whole
**              name ("2. Phòng Cảnh sát quản lý hành chính về trật tự xã
**              hội"), also of a kind of body the rules do not know;
**   deadlines  dated duties: "trước ngày 20/12/2021", "trước 17 giờ ngày
**              10/10/2024", "chậm nhất ngày ...", "xong trong tháng
**              12/2025", "6 tháng (trước ngày 10/6)" (yearly, "--06-10"),
**              a "Thời gian thực hiện:" value, a table's time column;
**              without a date: "trong 15 ngày kể từ ..." and duties that
**              recur more often than yearly ("trước ngày 22 hằng tháng",
**              "hằng quý (trước ngày 20 của tháng cuối quý)", "thứ Sáu
**              hằng tuần", "trước 16 giờ hằng ngày": recurs "monthly",
**              "quarterly", "weekly", "daily", the recurrence in "what");
**   reports    reporting duties as edges from -> to (via), with the
**              deadline of their clause; each receiver of a list keeps
**              its own channel ("Bộ X (qua Cục Y) và UBND tỉnh").
**
** One pass over the paragraphs.  A heading or a list item opens a block;
** the labels in it (who, what, when) and the unit whose item of the
** organising section it lies in complete, when the block closes, the
** deadlines and edges its sentences left without a sender, a task or a
** date.  Within a sentence, the subject names the sender ("các Sở, ban,
** ngành và Ủy ban nhân dân các huyện ... báo cáo về Sở X": two edges), a
** clause (up to ';') ties a report to its deadline, and "để tổng hợp,
** báo cáo Y" chains the receiver on to Y.
**
** Lines the line index keeps apart are read as one paragraph where the
** text goes on ("1." / "Sở Y tế:", a line in lower case after a page
** break, a name broken after " -"), lines it joins are read apart where
** one opens with a list mark it does not know ("◦", "▪", "➢"), and task
** tables are read by their header (time, unit and task columns) in
** markdown rows and in crawled rows between lines of '|'.
**
** The words are data: the rules of data/rules.txt in the block "duties"
** (fields duty_*, unit_*, subject_*, body_start, name_*, task_verb,
** *_label, deadline*, recurs*, report_*, tbl_*).  Every rule runs on one
** sentence or one name with a prefilter or an anchor, the fields of
** several rows are scanned with their next matches kept (fscan), and the
** other scans are bounded, so the work stays linear in the size of the
** document.
*/
#include "extract_int.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "vi.h"

/* Bytes of one name looked at: no body's name is longer, and the scan for
** its end stays bounded however long the paragraph. */
#define NAME_SCAN 400
/* Names in one list ("X, Y và Z"), units of one item. */
#define MAX_NAMES 12
/* Names the labels of one block give ("Đơn vị chủ trì: X" lines): more
** is a list of labels no block holds, and each would be looked up among
** the units when the block closes. */
#define MAX_WHO 32
/* Subjects remembered for one sentence. */
#define MAX_SUBJ 8
/* Units kept per document, tasks per unit, bytes per task. */
#define MAX_UNITS 200
#define MAX_TASKS 60
#define TASK_BYTES 2000
/* Deadlines and reports kept per document. */
#define MAX_ITEMS 2000
/* Deadlines and edges of one clause, and waiting for one block. */
#define MAX_CLAUSE 16
#define MAX_PENDING 64
/* Cells of one row of a task table; bytes of a header cell. */
#define MAX_COLS 16
#define HEAD_BYTES 80
/* Rows of one field scanned together (see fscan). */
#define SCAN_ROWS 8
/* Bytes between a receiver and the verb by which it reports on ("... về
** Sở X trước ngày 20/12 để tổng hợp, báo cáo Y"): farther, a new duty. */
#define CHAIN_GAP 300
/* Bytes of a heading taken as a unit's name without a known kind of body
** (plain_unit): longer, it is a sentence. */
#define PLAIN_UNIT_BYTES 120
/* Page numbers looked past between two parts of a paragraph. */
#define MAX_FURNITURE 2
/* Bytes of the text that says what a deadline is for. */
#define WHAT_BYTES 600

typedef struct span {
  size_t a, b;
  int lead; /* a subject: it follows "đề nghị", "yêu cầu", "giao" */
} span;

/* How often a duty comes back.  The spec writes a date for a yearly one
** ("--06-10"); the others have no date of their own (date null, the
** recurrence in "recurs" and in "what"). */
enum { R_NONE, R_YEAR, R_QUARTER, R_MONTH, R_WEEK, R_DAY };
static const char *const recur_names[] = {NULL,      "yearly", "quarterly",
                                          "monthly", "weekly", "daily"};

/* The recurrence a clause states and where it is written (a == b: none). */
typedef struct recur {
  int kind; /* R_* */
  size_t a, b;
} recur;

/* A date as a deadline writes it. */
typedef struct dwhen {
  int y, m, d; /* 0 = not written */
  int quarter; /* 1..4: the date is the quarter's last day */
  int recur;   /* R_*: "ngày 22 hằng tháng", "ngày 10/6 hằng năm" */
} dwhen;

/* A deadline of a block still missing a part. */
enum { NEED_WHO = 1, NEED_WHAT = 2, NEED_TO = 4, NEED_BY = 8 };

typedef struct pend {
  json_t *item; /* a deadline (in the list) or an edge template (owned) */
  unsigned need;
  size_t line;
} pend;

/* One row of a task table.  A markdown row ("| a | b |") is one line:
** its cells are cells of the line index; a crawled row is paragraphs
** between lines of '|': its cells are ranges of paragraphs. */
typedef struct trow {
  size_t table;
  size_t first, last; /* paragraphs it touches */
  int one_line;       /* cells of the line index, not paragraphs */
  unsigned ncells;
  size_t cell[MAX_COLS][2]; /* first and last cell or paragraph */
  int task_row; /* under a header with roles: 1; done: 2; the header
                   itself, when it holds nothing else: 3 */
} trow;

/* Growable list of line numbers, parallel to a JSON list. */
typedef struct lines {
  size_t *v;
  size_t n, cap;
} lines;

typedef struct dctx {
  vb_xmatch *m;
  const vb_xdoc *d;
  const vb_locality *loc;
  vb_locality dloc; /* loc without its province: for "to" and "via" */
  int year, issue_year;
  const char *issuer; /* canonical, or NULL */
  int issuer_so;      /* the issuer is a department (Sở) */
  json_t *units, *deadlines, *reports;
  lines un_line, dl_line, rp_line;
  vb_buf b1, b2, b3; /* scratch */
  /* the organising section */
  int in_org, org_level, unit_level;
  /* the units of the current item of the section */
  size_t scope[MAX_NAMES];
  size_t nscope;
  int scope_level;  /* -1: none */
  int scope_inline; /* the item gave its task in its own sentence */
  size_t prev_line; /* last line of the paragraph read before */
  /* the current block */
  int bopen, list_open;
  vb_buf desc;
  json_t *who; /* names from labels */
  size_t who_line;
  char by[16]; /* date of the block's time label */
  json_t *to;  /* first receiver of a report in the block */
  pend pdl[MAX_PENDING], prp[MAX_PENDING];
  size_t npdl, nprp;
  /* the paragraph: the senders its last sentences named (the bodies
     "đề nghị"/"yêu cầu" addressed, else the subject), for a sentence
     that leaves its subject out */
  span carry[MAX_NAMES];
  size_t ncarry;
  /* the paragraph being read, wrapped lines joined (see logical_para) */
  vb_buf jtext;
  size_t *joff, joff_cap;
  /* the rows of the fields scanned with fscan */
  size_t r_verb[SCAN_ROWS], r_dl[SCAN_ROWS], r_rel[SCAN_ROWS],
      r_range[SCAN_ROWS];
  size_t n_verb, n_dl, n_rel, n_range;
  /* tables */
  trow *rows;
  size_t nrows;
  size_t *para_row; /* paragraph -> row, SIZE_MAX: none */
} dctx;

/**************************************************************************
** Small helpers
*/

static vb_status nomem(vb_error *err) {
  return vb_error_set(err, VB_ENOMEM, "out of memory while reading duties");
}

static vb_status lines_push(lines *l, size_t line) {
  if (l->n == l->cap) {
    size_t nc = l->cap ? l->cap * 2 : 32;
    size_t *v = vb_realloc(l->v, nc * sizeof *v);
    if (!v) return VB_ENOMEM;
    l->v = v;
    l->cap = nc;
  }
  l->v[l->n++] = line;
  return VB_OK;
}

static int is_sp(char ch) { return ch == ' ' || ch == '\t'; }

static size_t skip_sp(const char *s, size_t n, size_t i) {
  while (i < n && is_sp(s[i])) i++;
  return i;
}

/* Trim spaces and the punctuation that ends a phrase. */
static void trim(const char *s, size_t *a, size_t *b) {
  while (*a < *b && (is_sp(s[*a]) || s[*a] == ',' || s[*a] == ';' ||
                     s[*a] == ':' || s[*a] == '-' || s[*a] == '+'))
    (*a)++;
  while (*b > *a && (is_sp(s[*b - 1]) || s[*b - 1] == ',' || s[*b - 1] == ';' ||
                     s[*b - 1] == ':' || s[*b - 1] == '.' || s[*b - 1] == '-' ||
                     s[*b - 1] == '/'))
    (*b)--;
}

/* The marks of list items that converted web pages and word processors
** leave at the start of a line ("•", "◦", "▪", ...), besides '-' and '+'. */
static const char *const bullet_marks[] = {
    "\xE2\x80\xA2", /* • */ "\xE2\x97\xA6", /* ◦ */ "\xE2\x96\xAA", /* ▪ */
    "\xE2\x96\xAB", /* ▫ */ "\xE2\x97\x8F", /* ● */ "\xE2\x97\x8B", /* ○ */
    "\xE2\x96\xA0", /* ■ */ "\xE2\x96\xA1", /* □ */ "\xE2\x97\x86", /* ◆ */
    "\xE2\x97\x87", /* ◇ */ "\xE2\x99\xA6", /* ♦ */ "\xE2\x96\xBA", /* ► */
    "\xE2\x96\xB8", /* ▸ */ "\xE2\x9E\xA2", /* ➢ */ "\xE2\x9E\xA4", /* ➤ */
    "\xE2\x9C\x93", /* ✓ */ "\xE2\x9C\x94", /* ✔ */ "\xC2\xB7",     /* · */
    "\xE2\x88\x99", /* ∙ */ "\xE2\x80\xA3", /* ‣ */ "\xE2\x81\x83", /* ⁃ */
    NULL};

/* Bytes of the list mark at s[i..] with the spaces after it ("- ", "• ",
** "◦", "* "), or 0. */
static size_t bullet_at(const char *s, size_t n, size_t i) {
  size_t l = 0;
  if (i >= n) return 0;
  if (s[i] == '-' || s[i] == '+' ||
      (s[i] == '*' && i + 1 < n && s[i + 1] == ' '))
    l = 1;
  for (int k = 0; !l && bullet_marks[k]; k++) {
    size_t bl = strlen(bullet_marks[k]);
    if (n - i >= bl && memcmp(s + i, bullet_marks[k], bl) == 0) l = bl;
  }
  if (!l) return 0;
  while (i + l < n && (s[i + l] == ' ' || s[i + l] == '\t')) l++;
  return l;
}

/* Does s[i..] start with a list mark other than a dash or a plus (those
** the line index already takes for items)? */
static int glyph_at(const char *s, size_t n, size_t i) {
  return i < n && s[i] != '-' && s[i] != '+' && bullet_at(s, n, i) > 0;
}

/* Does s[i..] start with the word w (followed by a non-letter)? */
static int word_at(const char *s, size_t n, size_t i, const char *w) {
  size_t l = strlen(w);
  if (n - i < l || memcmp(s + i, w, l) != 0) return 0;
  return i + l == n || (unsigned char)s[i + l] < 0x80
             ? (i + l == n ||
                !((s[i + l] | 0x20) >= 'a' && (s[i + l] | 0x20) <= 'z'))
             : 0;
}

/* Does s[a..b) end with the word w? */
static int ends_with_word(const char *s, size_t a, size_t b, const char *w) {
  size_t l = strlen(w);
  return b - a > l && memcmp(s + b - l, w, l) == 0 && is_sp(s[b - l - 1]);
}

/* Bracket depth after the character ch. */
static size_t bracket(char ch, size_t depth) {
  if (ch == '(') return depth + 1;
  if (ch == ')' && depth) return depth - 1;
  return depth;
}

/* Does s[0..n) hold the string w? */
static int contains(const char *s, size_t n, const char *w) {
  size_t l = strlen(w);
  for (size_t i = 0; i + l <= n; i++)
    if (memcmp(s + i, w, l) == 0) return 1;
  return 0;
}

/* Run the rules of a field anchored at i (patterns that start with \G, or
** fields of one row). */
static int rule_at(dctx *c, vb_field field, const char *s, size_t n,
                   size_t i) {
  return i <= n && vb_x_field(c->m, field, s, n, i) && c->m->start == i;
}

/* Offset in s of a group of the last match, or SIZE_MAX. */
static size_t group_at(dctx *c, const char *s, const char *name) {
  const char *p;
  size_t l;
  if (!vb_x_group(c->m, name, &p, &l)) return SIZE_MAX;
  return (size_t)(p - s);
}

/* The line of offset off of paragraph text p. */
static size_t para_line(const dctx *c, const vb_xpara *p, size_t off) {
  return c->d->cells[vb_xpara_cell(p, off)].line;
}

/* Matches of a field of several rows, in order of position.  Each row's
** next match is kept, so a row that matches nowhere further is not run
** again: scanning a clause stays linear in its length however many
** matches it holds. */
typedef struct fscan {
  const char *s;
  size_t n, nrows;
  size_t row[SCAN_ROWS];
  size_t at[SCAN_ROWS];   /* start of the row's next match, SIZE_MAX: none */
  size_t from[SCAN_ROWS]; /* where that search started, SIZE_MAX: not yet */
} fscan;

static void fscan_init(const size_t *rows, size_t nrows, fscan *f,
                       const char *s, size_t n) {
  f->s = s;
  f->n = n;
  f->nrows = nrows;
  for (size_t k = 0; k < nrows; k++) {
    f->row[k] = rows[k];
    f->from[k] = SIZE_MAX;
  }
}

/* The first match at or after pos: 1 with the match in c->m, or 0. */
static int fscan_next(dctx *c, fscan *f, size_t pos) {
  size_t best = SIZE_MAX, bi = 0;
  for (size_t k = 0; k < f->nrows; k++) {
    int stale = f->from[k] == SIZE_MAX || f->from[k] > pos ||
                (f->at[k] != SIZE_MAX && f->at[k] < pos);
    if (stale) {
      f->at[k] =
          vb_x_rule(c->m, f->row[k], f->s, f->n, pos) ? c->m->start : SIZE_MAX;
      f->from[k] = pos;
    }
    if (f->at[k] < best) {
      best = f->at[k];
      bi = k;
    }
  }
  /* run the winner again for its groups (same leftmost match) */
  return best != SIZE_MAX && vb_x_rule(c->m, f->row[bi], f->s, f->n, best);
}

/**************************************************************************
** Names
*/

static int body_at(dctx *c, const char *s, size_t n, size_t i) {
  return rule_at(c, VB_F_BODY_START, s, n, i);
}

/* Where the name that starts at i ends (exclusive): at a verb or a
** preposition (rule name_stop), a colon, the end of a sentence, a bracket
** (a role, "(Cơ quan thường trực ...)", is not part of the name).  A ';'
** goes on when another body follows. */
static size_t name_end(dctx *c, const char *s, size_t n, size_t i) {
  size_t lim = n - i > NAME_SCAN ? i + NAME_SCAN : n, stop = lim, j;
  if (!body_at(c, s, lim, i)) return i;
  j = c->m->end;
  if (vb_x_field_first(c->m, VB_F_NAME_STOP, s, lim, j)) stop = c->m->start;
  while (j < stop) {
    char ch = s[j];
    if (ch == ':' || ch == '(' || ch == ')' || ch == '"' || ch == '\n') break;
    if (ch == '.') {
      /* "TP. Hồ Chí Minh": a dot after a short word in capitals */
      size_t k = j;
      while (k > i && s[k - 1] >= 'A' && s[k - 1] <= 'Z') k--;
      if (j - k == 0 || j - k > 3 || (k > i && !is_sp(s[k - 1]))) break;
    }
    if (ch == ';') {
      size_t k = skip_sp(s, lim, j + 1);
      if (!body_at(c, s, lim, k)) break;
    }
    j++;
  }
  if (j > stop) j = stop;
  size_t a = i;
  trim(s, &a, &j);
  /* a list cut short: "X và", "X, các" */
  for (;;) {
    if (ends_with_word(s, i, j, "và"))
      j -= 4;
    else if (ends_with_word(s, i, j, "các"))
      j -= 5;
    else
      break;
    trim(s, &a, &j);
  }
  return j;
}

/* Where a name that fills a heading or a label's value by itself may
** end: at the first ':' or '(' after i, else at the end n, for a heading
** only when it is no sentence (it does not end with '.' or ';');
** SIZE_MAX when it may not. */
static size_t heading_end(const char *s, size_t n, size_t i, int label) {
  for (size_t j = i; j < n; j++)
    if (s[j] == ':' || s[j] == '(') return j;
  size_t b = n;
  while (b > i && is_sp(s[b - 1])) b--;
  return !label && b > i && (s[b - 1] == '.' || s[b - 1] == ';') ? SIZE_MAX
                                                                 : n;
}

/* The end of the name at i when it fills s[i..hend) by itself ("2. Phòng
** Cảnh sát quản lý hành chính về trật tự xã hội", "Hội đồng bồi thường,
** hỗ trợ và tái định cư xã"): name_end cut it at e, and nothing after e
** stops a name but words that also occur in names (name_stop_weak).
** Otherwise e. */
static size_t whole_name_end(dctx *c, const char *s, size_t i, size_t e,
                             size_t hend) {
  size_t a = i, b = hend;
  if (hend == SIZE_MAX) return e;
  trim(s, &a, &b);
  if (e >= b || b - i > NAME_SCAN) return e;
  for (size_t j = e; j < b; j++)
    if (s[j] == ')' || s[j] == ';' || s[j] == '.' || s[j] == '"') return e;
  for (size_t pos = e; pos < b &&
                       vb_x_field_first(c->m, VB_F_NAME_STOP, s, b, pos);) {
    size_t st = c->m->start;
    pos = c->m->end;
    if (!rule_at(c, VB_F_NAME_STOP_WEAK, s, b, st)) return e;
  }
  return b;
}

/* Split the list of names s[a..b) into names: at ';', and at ", " or
** " và " when a kind of body follows ("X, Báo Y", "X và Ủy ban nhân dân
** Z"), unless what comes before is the first part of one body's name
** ("Văn phòng HĐND và UBND xã").  Returns the number of names (at most
** max). */
static size_t split_names(dctx *c, const char *s, size_t a, size_t b, span *out,
                          size_t max) {
  size_t k = 0, start = a, depth = 0;
  for (size_t i = a; i < b && k + 1 < max; i++) {
    size_t next = 0;
    if ((depth = bracket(s[i], depth)) != 0) continue;
    if (s[i] == ';') {
      next = skip_sp(s, b, i + 1);
    } else if (s[i] == ',' && i + 1 < b && s[i + 1] == ' ' &&
               rule_at(c, VB_F_NAME_SPLIT, s, b, i + 2)) {
      next = i + 2;
    } else if (s[i] == ' ' && b - i > 5 && memcmp(s + i, " và ", 5) == 0 &&
               rule_at(c, VB_F_NAME_SPLIT_AND, s, b, i + 5)) {
      next = i + 5;
    }
    if (next && s[i] != ';' && rule_at(c, VB_F_NAME_JOINT, s, i, start))
      next = 0;
    if (!next) continue;
    size_t x = start, y = i;
    trim(s, &x, &y);
    if (y > x) out[k++] = (span){x, y, 0};
    start = next;
    i = next - 1;
  }
  size_t x = start, y = b;
  trim(s, &x, &y);
  if (y > x && k < max) out[k++] = (span){x, y, 0};
  return k;
}

/* The names of a list at i: 0 when no body's name starts there. */
static size_t names_at(dctx *c, const char *s, size_t n, size_t i, span *out,
                       size_t max, size_t *end) {
  size_t e = name_end(c, s, n, i);
  if (end) *end = e;
  if (e <= i) return 0;
  return split_names(c, s, i, e, out, max);
}

/* names_at for the names a heading, an item or a label's value gives
** (label: a label's value), which may fill it ("2. Phòng Cảnh sát quản lý
** hành chính về trật tự xã hội", "Đơn vị chủ trì: Hội đồng bồi thường, hỗ
** trợ và tái định cư"). */
static size_t head_names(dctx *c, const char *s, size_t n, size_t i,
                         int label, span *out, size_t *end) {
  size_t e, k = names_at(c, s, n, i, out, MAX_NAMES, &e);
  if (k) {
    size_t w = whole_name_end(c, s, i, e, heading_end(s, n, i, label));
    if (w != e) k = split_names(c, s, i, e = w, out, MAX_NAMES);
  }
  *end = e;
  return k;
}

/* Append a body's name in canonical form: the head through
** vb_names_canon (with loc), a bracketed tail as written. */
static vb_status canon_name(const char *s, size_t n, const vb_locality *loc,
                            vb_buf *out, int *known) {
  const char *p = memchr(s, '(', n);
  size_t h = p ? (size_t)(p - s) : n;
  while (h > 0 && is_sp(s[h - 1])) h--;
  if (known) *known = 0;
  VB_TRY(vb_names_canon(s, h, loc, out, known));
  if (p) {
    VB_TRY(vb_buf_putc(out, ' '));
    VB_TRY(vb_buf_append(out, p, n - (size_t)(p - s)));
  }
  return VB_OK;
}

/* A name as written with its head in canonical form: the words up to
** the first comma through canon_name, the rest as written ("Ủy ban nhân
** dân các huyện, thành phố", "Sở Văn hóa, Thể thao và Du lịch"). */
static json_t *head_name(dctx *c, const char *s, size_t n,
                         const vb_locality *loc) {
  size_t h = 0, depth = 0;
  while (h < n && ((depth = bracket(s[h], depth)) != 0 || s[h] != ',')) h++;
  vb_buf_reset(&c->b1);
  if (canon_name(s, h, loc, &c->b1, NULL) != VB_OK ||
      vb_buf_append(&c->b1, s + h, n - h) != VB_OK)
    return NULL;
  return json_stringn(c->b1.data ? c->b1.data : "", c->b1.len);
}

/* A name as the record shows it ("name", "from", "who"): written form
** with abbreviations expanded, no locality added. */
static json_t *display_name(dctx *c, const char *s, size_t n) {
  return head_name(c, s, n, NULL);
}

/* A receiver as "to" and "via" show it: district named, province not. */
static json_t *to_name(dctx *c, const char *s, size_t n) {
  return head_name(c, s, n, c->loc ? &c->dloc : NULL);
}

/* Is a display name one of the issuing department's own units ("Văn
** phòng Sở", "Thanh tra", "Phòng Báo chí - Xuất bản")? */
static int own_unit(dctx *c, const char *s, size_t n) {
  static const char *const kinds[] = {
      "Văn phòng", "Thanh tra", "Phòng",     "Trung tâm", "Chi cục",
      "Lãnh đạo",  "Tổ",        "văn phòng", "thanh tra", "phòng",
      "trung tâm", "chi cục",   NULL};
  if (!c->issuer_so) return 0;
  int hit = 0;
  for (int k = 0; kinds[k]; k++)
    if (word_at(s, n, 0, kinds[k]) ||
        (strlen(kinds[k]) == n && memcmp(s, kinds[k], n) == 0))
      hit = 1;
  if (!hit) return 0;
  /* a unit of another body names it or its place */
  static const char *const other[] = {"Ủy ban", "UBND",  "Chính phủ",
                                      "tỉnh",   "huyện", "thành phố",
                                      "HĐND",   NULL};
  for (int k = 0; other[k]; k++)
    if (contains(s, n, other[k])) return 0;
  return 1;
}

/* The canonical name of a body with its locality (for "canonical",
** "from_canonical", "to_canonical"): a department's own unit takes the
** department; a name without a place takes the document's. */
static vb_status full_name(dctx *c, const char *s, size_t n, vb_buf *out) {
  static const char *const national[] = {"Bộ ",        "Thủ tướng", "Chính phủ",
                                         "Quốc hội",   "Cục ",      "Tổng cục",
                                         "Ban Bí thư", NULL};
  vb_buf_reset(out);
  if (own_unit(c, s, n)) {
    size_t h = n;
    if (ends_with_word(s, 0, h, "Sở") || ends_with_word(s, 0, h, "sở"))
      h -= strlen(" Sở");
    VB_TRY(vb_buf_append(out, s, h));
    if (out->data[0] >= 'a' && out->data[0] <= 'z') out->data[0] -= 'a' - 'A';
    VB_TRY(vb_buf_putc(out, ' '));
    return vb_buf_puts(out, c->issuer);
  }
  VB_TRY(canon_name(s, n, c->loc, out, NULL));
  if (!c->loc || (!c->loc->province && !c->loc->district)) return VB_OK;
  if (out->len != n || memcmp(out->data, s, n) != 0) return VB_OK;
  if (vb_x_field(c->m, VB_F_LOCALITY, s, n, 0) ||
      (c->loc->province && contains(s, n, c->loc->province->name)) ||
      (c->loc->district && contains(s, n, c->loc->district->name)))
    return VB_OK;
  for (int k = 0; national[k]; k++)
    if (n >= strlen(national[k]) &&
        memcmp(s, national[k], strlen(national[k])) == 0)
      return VB_OK;
  /* "Ban Chỉ đạo liên ngành Trung ương ...", "Ủy ban Quốc gia về ...",
     not "Ban Chỉ đạo các Chương trình mục tiêu quốc gia thành phố" */
  if ((contains(s, n, "Trung ương") || contains(s, n, "quốc gia") ||
       contains(s, n, "Quốc gia")) &&
      !ends_with_word(s, 0, n, "tỉnh") && !ends_with_word(s, 0, n, "phố") &&
      !ends_with_word(s, 0, n, "huyện"))
    return VB_OK;
  int level = c->loc->district ? VB_LEVEL_DISTRICT : VB_LEVEL_PROVINCE;
  size_t h = n;
  if (ends_with_word(s, 0, n, "tỉnh") && c->loc->province &&
      s[n - strlen("tỉnh") - 2] != ',') {
    h = n - strlen(" tỉnh");
    level = VB_LEVEL_PROVINCE;
  } else if (ends_with_word(s, 0, n, "huyện") && c->loc->district &&
             s[n - strlen("huyện") - 2] != ',') {
    h = n - strlen(" huyện");
    level = VB_LEVEL_DISTRICT;
  }
  vb_buf_truncate(out, h);
  VB_TRY(vb_buf_putc(out, ' '));
  return vb_locality_put(c->loc, level, out);
}

static json_t *full_json(dctx *c, const char *s, size_t n) {
  if (full_name(c, s, n, &c->b2) != VB_OK) return NULL;
  return json_stringn(c->b2.data ? c->b2.data : "", c->b2.len);
}

/**************************************************************************
** Units
*/

/* The unit of this display name, added if new.  Returns its index, or
** SIZE_MAX when the list is full; VB_ENOMEM through *rc. */
static size_t unit_get(dctx *c, json_t *name, size_t line, vb_status *rc) {
  const char *nm = json_string_value(name);
  size_t n = json_string_length(name);
  char key[128], k2[128];
  vb_name_key(nm, n, key, sizeof key);
  for (size_t i = 0; i < json_array_size(c->units); i++) {
    json_t *u = json_object_get(json_array_get(c->units, i), "name");
    vb_name_key(json_string_value(u), json_string_length(u), k2, sizeof k2);
    if (strcmp(key, k2) == 0) return i;
  }
  if (json_array_size(c->units) >= MAX_UNITS) return SIZE_MAX;
  json_t *u = json_object(), *canon = full_json(c, nm, n);
  if (!u || !canon || json_object_set(u, "name", name) ||
      json_object_set_new(u, "canonical", canon) ||
      json_object_set_new(u, "tasks", json_array()) ||
      json_array_append_new(c->units, u) ||
      lines_push(&c->un_line, line) != VB_OK) {
    if (!canon) json_decref(u);
    *rc = VB_ENOMEM;
    return SIZE_MAX;
  }
  return json_array_size(c->units) - 1;
}

static vb_status unit_task(dctx *c, size_t u, const char *s, size_t n) {
  size_t a = 0, b = n;
  trim(s, &a, &b);
  if (b <= a || u == SIZE_MAX) return VB_OK;
  if (b - a > TASK_BYTES) b = a + TASK_BYTES;
  json_t *tasks = json_object_get(json_array_get(c->units, u), "tasks");
  if (json_array_size(tasks) >= MAX_TASKS) return VB_OK;
  for (size_t i = 0; i < json_array_size(tasks); i++) {
    json_t *t = json_array_get(tasks, i);
    if (json_string_length(t) == b - a &&
        memcmp(json_string_value(t), s + a, b - a) == 0)
      return VB_OK;
  }
  /* a task cut inside a character would not be UTF-8 */
  while (b > a && ((unsigned char)s[b] & 0xC0) == 0x80 && b < n) b--;
  return json_array_append_new(tasks, json_stringn(s + a, b - a)) ? VB_ENOMEM
                                                                  : VB_OK;
}

/* A unit's name as the list shows it: written form, a kind word in lower
** case ("Giao phòng Báo chí ...") capitalised. */
static json_t *unit_name(dctx *c, const char *s, size_t n) {
  json_t *v = display_name(c, s, n);
  const char *t = json_string_value(v);
  if (t && t[0] >= 'a' && t[0] <= 'z' && strncmp(t, "các ", 4) != 0 &&
      strncmp(t, "mọi ", strlen("mọi ")) != 0 &&
      strncmp(t, "tất cả", strlen("tất cả")) != 0) {
    char *u = vb_strdup(t);
    if (!u) {
      json_decref(v);
      return NULL;
    }
    u[0] = (char)(u[0] - 'a' + 'A');
    int bad = json_string_set(v, u);
    vb_free(u);
    if (bad) {
      json_decref(v);
      return NULL;
    }
  }
  return v;
}

/* Make the names of a list the current item's units. */
static vb_status scope_open(dctx *c, const char *s, const span *nm, size_t k,
                            int level, size_t line) {
  vb_status rc = VB_OK;
  c->nscope = 0;
  c->scope_level = level;
  for (size_t i = 0; i < k; i++) {
    json_t *name = unit_name(c, s + nm[i].a, nm[i].b - nm[i].a);
    if (!name) return VB_ENOMEM;
    size_t u = unit_get(c, name, line, &rc);
    json_decref(name);
    if (rc != VB_OK) return rc;
    if (u != SIZE_MAX) c->scope[c->nscope++] = u;
  }
  return VB_OK;
}

static void scope_close(dctx *c) {
  c->nscope = 0;
  c->scope_level = -1;
  c->scope_inline = 0;
}

static vb_status scope_task(dctx *c, const char *s, size_t n) {
  /* "Giao X có trách nhiệm theo dõi ...": the task is "theo dõi ..." */
  if (rule_at(c, VB_F_UNIT_DUTY, s, n, 0)) {
    size_t e = c->m->end;
    s += e;
    n -= e;
  }
  for (size_t i = 0; i < c->nscope; i++)
    VB_TRY(unit_task(c, c->scope[i], s, n));
  return VB_OK;
}

/* The names of the current item's units as a new JSON list. */
static json_t *scope_names(dctx *c) {
  json_t *a = json_array();
  for (size_t i = 0; a && i < c->nscope; i++)
    if (json_array_append(
            a,
            json_object_get(json_array_get(c->units, c->scope[i]), "name"))) {
      json_decref(a);
      return NULL;
    }
  return a;
}

/**************************************************************************
** Dates of deadlines
*/

static int digits_at(const char *s, size_t n, size_t i, size_t max,
                     size_t *end) {
  int v = 0;
  size_t j = i;
  while (j < n && j - i < max && s[j] >= '0' && s[j] <= '9')
    v = v * 10 + (s[j++] - '0');
  if (j == i || (j < n && s[j] >= '0' && s[j] <= '9')) return -1;
  *end = j;
  return v;
}

/* "quý IV/2025", "Quý 4 năm 2025", "quý III" */
static size_t quarter_at(const char *s, size_t n, size_t i, dwhen *w) {
  static const char *const roman[] = {"IV", "III", "II", "I"};
  static const int rv[] = {4, 3, 2, 1};
  size_t j = i, e;
  if (word_at(s, n, j, "quý") || word_at(s, n, j, "Quý"))
    j += strlen("quý");
  else if (word_at(s, n, j, "QUÝ"))
    j += strlen("QUÝ");
  else
    return 0;
  j = skip_sp(s, n, j);
  int q = 0;
  for (int k = 0; k < 4 && !q; k++) {
    size_t l = strlen(roman[k]);
    if (n - j >= l && memcmp(s + j, roman[k], l) == 0 &&
        (j + l == n || !(s[j + l] >= 'A' && s[j + l] <= 'Z'))) {
      q = rv[k];
      j += l;
    }
  }
  if (!q) {
    int v = digits_at(s, n, j, 1, &e);
    if (v < 1 || v > 4) return 0;
    q = v;
    j = e;
  }
  w->quarter = q;
  size_t k = skip_sp(s, n, j);
  if (k < n && (s[k] == '/' || s[k] == '-'))
    k = skip_sp(s, n, k + 1);
  else if (word_at(s, n, k, "năm"))
    k = skip_sp(s, n, k + strlen("năm"));
  else
    return j - i;
  int y = digits_at(s, n, k, 4, &e);
  if (y >= 1900 && y <= 2100) {
    w->y = y;
    return e - i;
  }
  return j - i;
}

/* The recurrence a match of recurs or recurs_after names (R_YEAR for
** "định kỳ" alone). */
static int recur_kind(dctx *c, const char *s) {
  static const char *const groups[] = {"quarter", "month", "week", "day"};
  for (int k = 0; k < 4; k++)
    if (group_at(c, s, groups[k]) != SIZE_MAX) return R_QUARTER + k;
  return R_YEAR;
}

/* A day and month without a year: "ngày 05 tháng 7", "25-11"; a day
** alone followed by "hằng tháng", "của tháng cuối quý", or in a clause
** that recurs (kind) every month or quarter. */
static size_t daymonth_at(dctx *c, const char *s, size_t n, size_t i,
                          int kind, dwhen *w) {
  size_t j = i, e;
  if (word_at(s, n, j, "ngày") || word_at(s, n, j, "Ngày"))
    j = skip_sp(s, n, j + strlen("ngày"));
  int d = digits_at(s, n, j, 2, &e);
  if (d < 1 || d > 31) return 0;
  j = e;
  size_t k = skip_sp(s, n, j);
  int m = -1;
  if (word_at(s, n, k, "tháng")) {
    m = digits_at(s, n, skip_sp(s, n, k + strlen("tháng")), 2, &e);
  } else if (k < n && (s[k] == '-' || s[k] == '.' || s[k] == '/')) {
    m = digits_at(s, n, skip_sp(s, n, k + 1), 2, &e);
  }
  if (m >= 1 && m <= 12) {
    w->d = d;
    w->m = m;
    return e - i;
  }
  if (rule_at(c, VB_F_RECURS_AFTER, s, n, j)) {
    int r = recur_kind(c, s);
    if (r == R_MONTH || r == R_QUARTER) {
      w->d = d;
      w->recur = r;
      return c->m->end - i;
    }
  }
  if (kind == R_MONTH || kind == R_QUARTER) {
    w->d = d;
    w->recur = kind;
    return j - i;
  }
  return 0;
}

/* A time of day ("16 giờ") or a day of the week ("thứ Sáu") at i: a
** deadline only when it recurs every day or every week, right after it
** or in its clause (kind). */
static size_t cycle_at(dctx *c, const char *s, size_t n, size_t i, int kind,
                       dwhen *w) {
  int want;
  if (rule_at(c, VB_F_DEADLINE_HOUR, s, n, i))
    want = R_DAY;
  else if (rule_at(c, VB_F_DEADLINE_WEEKDAY, s, n, i))
    want = R_WEEK;
  else
    return 0;
  size_t l = c->m->end - i;
  if (rule_at(c, VB_F_RECURS_AFTER, s, n, i + l) && recur_kind(c, s) == want) {
    w->recur = want;
    return c->m->end - i;
  }
  if (kind != want) return 0;
  w->recur = want;
  return l;
}

/* Parse the date of a deadline at i; returns the bytes it takes (0: none).
** A recurrence right after ("hằng năm", "hằng tháng") is part of it; kind
** (R_*) is the recurrence its clause states. */
static size_t parse_when(dctx *c, const char *s, size_t n, size_t i, int kind,
                         dwhen *w) {
  size_t l, e;
  memset(w, 0, sizeof *w);
  if ((l = quarter_at(s, n, i, w)) == 0) {
    vb_xdate dt;
    l = vb_x_parse_date(s + i, n - i, &dt);
    if (l && (dt.y || dt.m)) {
      w->y = dt.y;
      w->m = dt.m;
      w->d = dt.d;
    } else if ((l = daymonth_at(c, s, n, i, kind, w)) != 0) {
      if (w->recur) return l;
    } else if ((l = cycle_at(c, s, n, i, kind, w)) != 0) {
      return l;
    } else if (word_at(s, n, i, "tháng") || word_at(s, n, i, "Tháng")) {
      int m = digits_at(s, n, skip_sp(s, n, i + strlen("tháng")), 2, &e);
      if (m < 1 || m > 12) return 0;
      w->m = m;
      l = e - i;
    } else {
      int y = digits_at(s, n, i, 4, &e);
      if (y < 1900 || y > 2100 || (e < n && (s[e] == '/' || s[e] == '-')))
        return 0;
      w->y = y;
      l = e - i;
    }
  }
  if (rule_at(c, VB_F_RECURS_AFTER, s, n, i + l)) {
    int r = recur_kind(c, s);
    if (r == R_YEAR || (w->d && !w->m && (r == R_MONTH || r == R_QUARTER)))
      w->recur = r;
    else
      return l;
    return c->m->end - i;
  }
  return l;
}

/* The date of a deadline as the record writes it; 0 when it has none.
** *recurs gets "yearly", ..., "daily" or NULL.  A duty that recurs more
** often than yearly has no date: out is "" (date null).  kind is the
** recurrence of the clause (R_YEAR also for "định kỳ" alone). */
static int when_iso(const dctx *c, const dwhen *w, int kind, char out[16],
                    const char **recurs) {
  static const int qday[] = {31, 30, 30, 31};
  *recurs = NULL;
  out[0] = '\0';
  if (w->quarter) {
    int y = w->y ? w->y : c->year;
    if (!y) return 0;
    snprintf(out, 16, "%04d-%02d-%02d", y, w->quarter * 3,
             qday[w->quarter - 1]);
    return 1;
  }
  if (w->recur > R_YEAR) {
    *recurs = recur_names[w->recur];
    return 1;
  }
  if (w->y) {
    vb_xdate dt = {w->y, w->m, w->d};
    char iso[11];
    vb_x_date_iso(&dt, iso);
    snprintf(out, 16, "%s", iso);
    return 1;
  }
  if (w->recur == R_YEAR || kind == R_YEAR) {
    if (w->d)
      snprintf(out, 16, "--%02d-%02d", w->m, w->d);
    else
      snprintf(out, 16, "--%02d", w->m);
    *recurs = "yearly";
    return 1;
  }
  if (!c->year) return 0;
  vb_xdate dt = {c->year, w->m, w->d};
  char iso[11];
  vb_x_date_iso(&dt, iso);
  snprintf(out, 16, "%s", iso);
  return 1;
}

/* A date that lies before the year of issue is history, not a duty. */
static int in_past(const dctx *c, const dwhen *w) {
  return w->y && c->issue_year && w->y < c->issue_year;
}

/**************************************************************************
** Blocks: a heading or a list item, its labels, and what waits for them
*/

/* Set the block's task text (its labels and waiting items stay). */
static vb_status block_open_keep(dctx *c, const char *s, size_t n) {
  size_t a = 0, b = n;
  trim(s, &a, &b);
  if (b - a > WHAT_BYTES) b = a + WHAT_BYTES;
  while (b > a && b < n && ((unsigned char)s[b] & 0xC0) == 0x80) b--;
  vb_buf_reset(&c->desc);
  return vb_buf_append(&c->desc, s + a, b - a);
}

static vb_status block_open(dctx *c, const char *s, size_t n) {
  c->bopen = 1;
  c->list_open = 0;
  c->by[0] = '\0';
  vb_buf_reset(&c->desc);
  json_decref(c->who);
  json_decref(c->to);
  c->who = NULL;
  c->to = NULL;
  return block_open_keep(c, s, n);
}

static vb_status set_str(json_t *o, const char *key, json_t *v) {
  if (!v) return VB_ENOMEM;
  return json_object_set_new(o, key, v) ? VB_ENOMEM : VB_OK;
}

/* The senders an edge takes when its sentence names none: the block's
** label, the item's units, the bodies the paragraph addressed. */
static json_t *default_senders(dctx *c) {
  if (c->who && json_array_size(c->who)) return json_incref(c->who);
  if (c->nscope) return scope_names(c);
  return json_array();
}

/* Append one edge per sender of a template (from: null without one). */
static vb_status emit_edges(dctx *c, json_t *tmpl, json_t *from, size_t line) {
  size_t k = json_array_size(from);
  for (size_t i = 0; i < (k ? k : 1); i++) {
    if (json_array_size(c->reports) >= MAX_ITEMS) return VB_OK;
    json_t *e = json_deep_copy(tmpl);
    if (!e) return VB_ENOMEM;
    json_t *f = k ? json_array_get(from, i) : NULL;
    if (json_object_set(e, "from", f ? f : json_null()) ||
        json_object_set_new(
            e, "from_canonical",
            f ? full_json(c, json_string_value(f), json_string_length(f))
              : json_null())) {
      json_decref(e); /* not appended yet: ours to free */
      return VB_ENOMEM;
    }
    if (json_array_append_new(c->reports, e)) return VB_ENOMEM;
    /* keep the key order of the spec: from, to, via, by first */
    VB_TRY(lines_push(&c->rp_line, line));
  }
  return VB_OK;
}

static vb_status block_close(dctx *c) {
  vb_status rc = VB_OK;
  if (!c->bopen) return VB_OK;
  c->bopen = 0;
  json_t *desc = json_stringn(c->desc.data ? c->desc.data : "", c->desc.len);
  json_t *senders = default_senders(c);
  if (!desc || !senders) rc = VB_ENOMEM;
  for (size_t i = 0; rc == VB_OK && i < c->npdl; i++) {
    json_t *dl = c->pdl[i].item;
    if ((c->pdl[i].need & NEED_WHAT) && c->desc.len)
      rc = set_str(dl, "what", json_incref(desc));
    if (rc == VB_OK && (c->pdl[i].need & NEED_WHO))
      rc = set_str(dl, "who", json_incref(senders));
    if (rc == VB_OK && (c->pdl[i].need & NEED_TO) && c->to)
      rc = set_str(dl, "to", json_incref(c->to));
  }
  for (size_t i = 0; i < c->nprp; i++) {
    json_t *t = c->prp[i].item;
    if (rc == VB_OK && (c->prp[i].need & NEED_BY) && c->by[0])
      rc = set_str(t, "by", json_string(c->by));
    if (rc == VB_OK) rc = emit_edges(c, t, senders, c->prp[i].line);
    json_decref(t);
  }
  /* the units a label names carry the block's task */
  for (size_t i = 0; rc == VB_OK && c->who && i < json_array_size(c->who);
       i++) {
    size_t u = unit_get(c, json_array_get(c->who, i), c->who_line, &rc);
    if (rc == VB_OK && c->desc.len)
      rc = unit_task(c, u, c->desc.data, c->desc.len);
  }
  c->npdl = c->nprp = 0;
  json_decref(desc);
  json_decref(senders);
  return rc;
}

/**************************************************************************
** Sentences
*/

/* Where the sentence that starts at a ends: after a '.' followed by a
** space and a capital, a digit or a list mark (not "TP. Hồ Chí Minh"),
** or at the end of the text. */
static size_t sentence_end(const char *s, size_t n, size_t a) {
  size_t depth = 0;
  for (size_t i = a; i < n; i++) {
    depth = bracket(s[i], depth);
    if (s[i] != '.' || depth || i + 2 >= n || s[i + 1] != ' ') continue;
    unsigned char nx = (unsigned char)s[i + 2];
    if (!(nx >= 'A' && nx <= 'Z') && nx < 0xC3 && !(nx >= '0' && nx <= '9') &&
        nx != '-' && nx != '+')
      continue;
    if (nx >= 0xC3 && !vb_vi_starts_upper(s + i + 2, n - i - 2)) continue;
    size_t k = i;
    while (k > a && s[k - 1] >= 'A' && s[k - 1] <= 'Z') k--;
    if (i - k >= 1 && i - k <= 2 && (k == a || is_sp(s[k - 1]))) continue;
    return i + 1;
  }
  return n;
}

/* The end of the clause (up to ';' or ':' outside brackets) from a. */
static size_t clause_end(const char *s, size_t b, size_t a) {
  size_t depth = 0;
  for (size_t i = a; i < b; i++) {
    depth = bracket(s[i], depth);
    if (!depth && (s[i] == ';' || s[i] == ':')) return i + 1;
  }
  return b;
}

/* Is the name at [at, e) of a sentence that opens with a clause of time
** or condition its subject?  Not after "của", "với", ... (an object),
** and only when a verb follows it. */
static int intro_subject(dctx *c, const char *s, size_t a, size_t b, size_t at,
                         size_t e) {
  size_t from = at > a + 24 ? at - 24 : a;
  while (from > a && ((unsigned char)s[from] & 0xC0) == 0x80) from--;
  if (vb_x_field(c->m, VB_F_SUBJECT_NOT_AFTER, s, at, from)) return 0;
  return !rule_at(c, VB_F_SUBJECT_NOT_BEFORE, s, b, e);
}

/* The bodies that may be the subject of a sentence [a, b): its first
** words, the names after "đề nghị"/"yêu cầu"/"giao", and, when the
** sentence opens with a clause of time or condition ("Kết thúc ...,",
** "Trong quá trình ..."), a name followed by its verb.  The names after
** lead words become the paragraph's carried senders. */
static size_t find_subjects(dctx *c, const char *s, size_t a, size_t b,
                            span *out, size_t max) {
  size_t k = 0;
  int intro = vb_x_field(c->m, VB_F_DUTY_INTRO, s + a, b - a, 0);
  size_t i = a;
  while (i < b && k < max) {
    int lead = 0;
    size_t at = i;
    if (rule_at(c, VB_F_UNIT_HEAD, s, b, i)) {
      at = c->m->end;
      lead = 1;
    }
    if ((i == a || intro || lead) && body_at(c, s, b, at)) {
      size_t e = name_end(c, s, b, at);
      if (e > at) {
        if (i == a || lead || intro_subject(c, s, a, b, at, e)) {
          out[k++] = (span){at, e, lead};
          if (lead) c->ncarry = split_names(c, s, at, e, c->carry, MAX_NAMES);
        }
        i = e;
      }
    }
    /* the next word */
    while (i < b && !is_sp(s[i]) && s[i] != '(') i++;
    while (i < b && (is_sp(s[i]) || s[i] == '(')) i++;
  }
  return k;
}

/* The subject of a verb at v: the bodies "đề nghị"/"yêu cầu" addressed
** last before it ("Bộ Y tế đề nghị các đơn vị ... phản ánh về ..."), else
** the first subject that ends before it. */
static const span *subject_before(const span *subj, size_t k, size_t v) {
  const span *first = NULL, *lead = NULL;
  for (size_t i = 0; i < k; i++) {
    if (subj[i].b > v) continue;
    if (!first) first = &subj[i];
    if (subj[i].lead) lead = &subj[i];
  }
  return lead ? lead : first;
}

/* A list of display names from a span of names. */
static json_t *names_json(dctx *c, const char *s, span sp) {
  span nm[MAX_NAMES];
  size_t k = split_names(c, s, sp.a, sp.b, nm, MAX_NAMES);
  json_t *a = json_array();
  for (size_t i = 0; a && i < k; i++) {
    json_t *v = display_name(c, s + nm[i].a, nm[i].b - nm[i].a);
    if (!v || json_array_append_new(a, v)) {
      json_decref(a);
      return NULL;
    }
  }
  return a;
}

/* What a deadline at t asks for: the clause before it (after its
** subject), without brackets; for a date in brackets, the words before
** the bracket ("báo cáo 6 tháng (trước ngày 10/6)"). */
static vb_status what_text(dctx *c, const char *s, size_t lo, size_t t,
                           vb_buf *out) {
  /* a long clause: its last words say what is due */
  if (t - lo > 4 * WHAT_BYTES) {
    lo = t - 4 * WHAT_BYTES;
    while (lo < t && !is_sp(s[lo])) lo++;
  }
  size_t open = SIZE_MAX, depth = 0;
  for (size_t i = lo; i < t; i++) {
    if (s[i] == '(') {
      if (!depth) open = i;
      depth++;
    } else if (s[i] == ')' && depth) {
      depth--;
    }
  }
  size_t a = lo, b = t;
  if (depth && open != SIZE_MAX) {
    b = open;
    for (size_t i = open; i > lo; i--)
      if (s[i - 1] == ',' || s[i - 1] == ')') {
        a = i;
        break;
      }
  }
  trim(s, &a, &b);
  /* a recurrence opening the clause is not the task */
  if (rule_at(c, VB_F_RECURS_LEAD, s, b, a)) {
    a = c->m->end;
    trim(s, &a, &b);
  }
  vb_buf_reset(out);
  depth = 0;
  for (size_t i = a; i < b; i++) {
    if (s[i] == '(') depth++;
    if (!depth && !(is_sp(s[i]) && out->len && out->data[out->len - 1] == ' '))
      VB_TRY(vb_buf_putc(out, s[i]));
    if (s[i] == ')' && depth) depth--;
  }
  while (out->len && is_sp(out->data[out->len - 1]))
    vb_buf_truncate(out, out->len - 1);
  if (out->len > WHAT_BYTES) {
    size_t l = WHAT_BYTES;
    while (l > 0 && ((unsigned char)out->data[l] & 0xC0) == 0x80) l--;
    vb_buf_truncate(out, l);
  }
  return VB_OK;
}

/* One deadline found in a clause. */
typedef struct cdl {
  json_t *item;
  size_t pos;
  char date[16];
  int dated;
  int paren; /* its date was in brackets */
} cdl;

/* Append a deadline; who, what, to may wait for the block (need). */
static vb_status add_deadline(dctx *c, const char *date, const char *recurs,
                              const char *what, size_t what_n, json_t *who,
                              json_t *to, size_t line, unsigned need,
                              json_t **made) {
  *made = NULL;
  if (json_array_size(c->deadlines) >= MAX_ITEMS) return VB_OK;
  json_t *o = json_object();
  if (!o) return VB_ENOMEM;
  if (json_object_set_new(o, "date", date ? json_string(date) : json_null()) ||
      json_object_set_new(o, "recurs",
                          recurs ? json_string(recurs) : json_null()) ||
      json_object_set_new(o, "what", json_stringn(what, what_n)) ||
      json_object_set_new(o, "who", who ? json_incref(who) : json_array()) ||
      json_object_set_new(o, "to", to ? json_incref(to) : json_null()) ||
      json_array_append_new(c->deadlines, o))
    return VB_ENOMEM;
  VB_TRY(lines_push(&c->dl_line, line));
  if (need && c->bopen && c->npdl < MAX_PENDING)
    c->pdl[c->npdl++] = (pend){o, need, line};
  *made = o;
  return VB_OK;
}

/* One edge found in a clause, before its senders are known. */
typedef struct cedge {
  json_t *tmpl;
  size_t verb;
  int chained;
  json_t *from; /* names, or NULL: the block's */
  size_t line;
} cedge;

/* The issuing body named by the start of its own name at i: "về Sở (qua
** Văn phòng Sở)" in a department's plan, "về Bộ Chỉ huy (qua Phòng Tham
** mưu)" in a plan of the Bộ Chỉ huy Quân sự tỉnh.  The words written are
** the first whole words of the record's issuer: its kind alone, or more
** words that name no body of their own ("Sở Y tế" names one).  A People's
** Committee is never named so ("UBND tỉnh" is the province's).  Returns
** the length of the words, or 0. */
static size_t self_at(dctx *c, const char *s, size_t n, size_t i) {
  static const char ubnd[] = "Ủy ban nhân dân";
  if (!c->issuer || strncmp(c->issuer, ubnd, strlen(ubnd)) == 0) return 0;
  size_t il = strlen(c->issuer), j = 0, words = 0;
  while (j < il && i + j < n && s[i + j] == c->issuer[j]) j++;
  /* back to the end of a whole word on both sides */
  while (j > 0 && !((j == il || c->issuer[j] == ' ') &&
                    (i + j == n || is_sp(s[i + j]) || s[i + j] == '(' ||
                     s[i + j] == ',' || s[i + j] == '.' || s[i + j] == ';')))
    j--;
  if (j == 0) return 0;
  /* "Sở Y tế" after "Sở" is another body, not the issuer */
  size_t k = skip_sp(s, n, i + j);
  if (k > i + j && k < n && vb_vi_starts_upper(s + k, n - k)) return 0;
  for (size_t q = 0; q < j; q++) words += c->issuer[q] == ' ';
  if (words == 0) return j;
  int known = 0;
  vb_buf_reset(&c->b1);
  if (vb_names_canon(s + i, j, NULL, &c->b1, &known) != VB_OK) return 0;
  return known ? 0 : j;
}

/* A new edge template for one receiver s[r.a..r.b). */
static json_t *edge_tmpl(dctx *c, const char *s, span r, json_t *via) {
  json_t *o = json_object();
  if (!o) return NULL;
  int self = self_at(c, s, r.b, r.a) == r.b - r.a;
  json_t *to = self ? json_string(c->issuer) : to_name(c, s + r.a, r.b - r.a);
  json_t *tc = self ? json_string(c->issuer) : full_json(c, s + r.a, r.b - r.a);
  if (!to || !tc || json_object_set_new(o, "from", json_null()) ||
      json_object_set_new(o, "to", to) ||
      json_object_set_new(o, "via", via ? json_incref(via) : json_null()) ||
      json_object_set_new(o, "by", json_null()) ||
      json_object_set_new(o, "from_canonical", json_null()) ||
      json_object_set_new(o, "to_canonical", tc)) {
    if (!to)
      json_decref(tc);
    else if (!tc)
      json_decref(to);
    json_decref(o);
    return NULL;
  }
  return o;
}

/* The receiver of a report verb at [vs, ve) in the clause [.., cb), the
** next verb being at nv: "báo cáo UBND tỉnh", "gửi về Sở X", "báo cáo kết
** quả ... về Sở X", "báo cáo ... với X"; a plain "gửi X" only when the
** clause named a report before it (noun).  Returns its start or
** SIZE_MAX. */
static size_t receiver_at(dctx *c, const char *s, size_t cb, size_t vs,
                          size_t ve, size_t nv, int noun) {
  int gui = s[vs] == 'g' || s[vs] == 'G';
  int baocao = s[vs] == 'b' || s[vs] == 'B';
  if (rule_at(c, VB_F_REPORT_DIRECT, s, cb, ve)) {
    size_t t = c->m->end;
    int prep = group_at(c, s, "prep") != SIZE_MAX;
    if (body_at(c, s, cb, t)) {
      /* a plain "gửi X" is a report only when the clause says what */
      if (!gui || prep || noun) return t;
      return SIZE_MAX;
    }
  }
  size_t from = ve;
  while (from < nv && vb_x_field_first(c->m, VB_F_REPORT_PREP, s, nv, from)) {
    size_t t = group_at(c, s, "to");
    from = c->m->end;
    if (t != SIZE_MAX && (body_at(c, s, nv, t) || self_at(c, s, nv, t)))
      return t;
  }
  /* "báo cáo ... với X", not "phối hợp với X" */
  if (baocao && vb_x_field(c->m, VB_F_REPORT_WITH, s, nv, ve)) {
    size_t t = group_at(c, s, "to");
    if (t != SIZE_MAX && !contains(s + ve, t - ve, "phối hợp") &&
        body_at(c, s, nv, t))
      return t;
  }
  return SIZE_MAX;
}

/* The body a report passes through, in [from, to): "(qua X)", "thông qua
** X".  Returns a new string or NULL (also when there is none: *rc says). */
static json_t *via_at(dctx *c, const char *s, size_t from, size_t to,
                      size_t *end, vb_status *rc) {
  size_t pos = from;
  while (pos < to && vb_x_field_first(c->m, VB_F_REPORT_VIA, s, to, pos)) {
    size_t v = group_at(c, s, "via");
    int paren = s[c->m->start] == '(';
    pos = c->m->end;
    if (v == SIZE_MAX || !body_at(c, s, to, v)) continue;
    size_t e = name_end(c, s, to, v);
    if (paren) { /* "(qua Phòng An ninh chính trị nội bộ, Công an tỉnh)" */
      const char *cl = memchr(s + v, ')', to - v);
      if (cl && (size_t)(cl - s) > e) {
        span nm[MAX_NAMES];
        size_t k = split_names(c, s, v, (size_t)(cl - s), nm, MAX_NAMES);
        if (k > 1) e = (size_t)(cl - s);
      }
      if (cl)
        *end = (size_t)(cl - s) + 1;
      else
        *end = e;
    } else {
      *end = e;
    }
    json_t *r = to_name(c, s + v, e - v);
    if (!r) *rc = VB_ENOMEM;
    return r;
  }
  return NULL;
}

/* The receivers of a report from t (the next verb at nv) with their
** channels: "Bộ Công an (qua Cục Cảnh sát giao thông) và UBND tỉnh" is
** two, the first through the Cục; a channel in brackets after a list
** ("Bộ Tư lệnh Quân khu 5 và UBND tỉnh (qua Chi cục Kiểm lâm)") is its
** last name's.  Fills rv and via (a new reference or NULL each), *vend
** with where the receivers end; returns how many (0: none). */
static size_t receivers(dctx *c, const char *s, size_t t, size_t nv,
                        span *rv, json_t **via, size_t *vend,
                        vb_status *rc) {
  size_t k = 0;
  for (size_t at = t; k < MAX_NAMES;) {
    size_t re, sl, g = names_at(c, s, nv, at, rv + k, MAX_NAMES - k, &re);
    if (!g && (sl = self_at(c, s, nv, at)) != 0) {
      rv[k] = (span){at, at + sl, 0};
      re = at + sl;
      g = 1;
    }
    if (!g) break;
    size_t q = skip_sp(s, nv, re);
    int paren = q < nv && s[q] == '(';
    json_t *v = via_at(c, s, re, nv, vend, rc);
    if (*rc != VB_OK) g = 0;
    for (size_t i = 0; i < g; i++)
      via[k + i] = v && (!paren || i + 1 == g) ? json_incref(v) : NULL;
    json_decref(v);
    if (!g) break;
    k += g;
    if (!v) *vend = re;
    /* "(qua X) và Z": Z is another receiver, with its own channel */
    if (!v || !paren || !rule_at(c, VB_F_REPORT_AND, s, nv, *vend)) break;
    at = group_at(c, s, "to");
    if (!body_at(c, s, nv, at)) break;
  }
  return k;
}

/* Where the words of a task at t start: after the clause's start ca and
** after its subject sj when that comes before t. */
static size_t task_start(size_t ca, const span *sj, size_t t) {
  return sj && sj->b > ca && sj->b <= t ? sj->b : ca;
}

/* Keep a deadline found at t of a clause: its task is in c->b3, its
** doers are the subject sj (else the block's); date NULL: none. */
static vb_status keep_deadline(dctx *c, const vb_xpara *p, const char *s,
                               size_t t, const span *sj, const char *date,
                               const char *recurs, int paren, cdl *out,
                               size_t *nout) {
  json_t *who = sj ? names_json(c, s, *sj) : NULL, *made;
  if (sj && !who) return VB_ENOMEM;
  unsigned need = (sj ? 0 : NEED_WHO) | (c->b3.len ? 0 : NEED_WHAT);
  vb_status rc =
      add_deadline(c, date, recurs, c->b3.data ? c->b3.data : "", c->b3.len,
                   who, NULL, para_line(c, p, t), need, &made);
  json_decref(who);
  if (rc != VB_OK || !made) return rc;
  cdl *o = &out[(*nout)++];
  o->item = made;
  o->pos = t;
  snprintf(o->date, sizeof o->date, "%s", date ? date : "");
  o->dated = date != NULL;
  o->paren = paren;
  return VB_OK;
}

/* The recurrence the text s[a..b) states first ("hằng tháng", "định kỳ
** hằng quý", "định kỳ"). */
static recur find_recur(dctx *c, const char *s, size_t a, size_t b) {
  recur r = {R_NONE, 0, 0};
  if (vb_x_field(c->m, VB_F_RECURS, s, b, a)) {
    r.kind = recur_kind(c, s);
    r.a = c->m->start;
    r.b = c->m->end;
  }
  return r;
}

/* Say in c->b3, the task of a deadline at [t, e) of the clause [lo, cb)
** that recurs without a date, how it recurs: "Báo cáo tiến độ (trước
** ngày 20 hằng tháng)", with the clause's recurrence rk when neither the
** deadline nor the task names it.  A task left empty by a date in
** brackets is the clause before the bracket ("báo cáo UBND tỉnh định kỳ
** hằng quý (trước ngày 15 ...)"), else the words after it ("Định kỳ hằng
** tháng (trước ngày 15) báo cáo ..."). */
static vb_status recur_what(dctx *c, const char *s, size_t lo, size_t t,
                            size_t e, size_t cb, const recur *rk, int paren) {
  if (!c->b3.len && paren) {
    size_t depth = 0, open = t;
    for (size_t i = lo; i < t; i++) {
      if (s[i] == '(' && !depth) open = i;
      depth = bracket(s[i], depth);
    }
    VB_TRY(what_text(c, s, lo, open, &c->b3));
    size_t j = e;
    for (depth = 1; j < cb && depth;) depth = bracket(s[j++], depth);
    if (!c->b3.len && !depth) VB_TRY(what_text(c, s, j, cb, &c->b3));
  }
  size_t a = t, b = e;
  trim(s, &a, &b);
  while (b > a && (s[b - 1] == '(' || s[b - 1] == ')' || is_sp(s[b - 1])))
    b--;
  int named = vb_x_field(c->m, VB_F_RECURS, s, b, a) ||
              (c->b3.len &&
               vb_x_field(c->m, VB_F_RECURS, c->b3.data, c->b3.len, 0));
  VB_TRY(vb_buf_puts(&c->b3, c->b3.len ? " (" : "("));
  if (rk->b > rk->a && !named) {
    VB_TRY(vb_buf_append(&c->b3, s + rk->a, rk->b - rk->a));
    VB_TRY(vb_buf_puts(&c->b3, ", "));
  }
  VB_TRY(vb_buf_append(&c->b3, s + a, b - a));
  return vb_buf_putc(&c->b3, ')');
}

/* "năm (trước ngày 10/12)" after "báo cáo 6 tháng (trước ngày 10/6)": the
** verb of the first holds for the second (c->b3 holds "năm"). */
static vb_status share_verb(dctx *c, const cdl *prev) {
  const char *pv = json_string_value(json_object_get(prev->item, "what"));
  if (!prev->paren || !c->b3.len || memchr(c->b3.data, ' ', c->b3.len) || !pv ||
      !vb_x_field_first(c->m, VB_F_REPORT_VERB, pv, strlen(pv), 0) ||
      c->m->start != 0)
    return VB_OK;
  vb_buf tmp;
  vb_buf_init(&tmp, WHAT_BYTES * 2);
  vb_status rc = vb_buf_append(&tmp, pv, c->m->end);
  if (rc == VB_OK) rc = vb_buf_putc(&tmp, ' ');
  if (rc == VB_OK) rc = vb_buf_append(&tmp, c->b3.data, c->b3.len);
  if (rc == VB_OK) {
    vb_buf_reset(&c->b3);
    rc = vb_buf_append(&c->b3, tmp.data, tmp.len);
  }
  vb_buf_free(&tmp);
  return rc;
}

/* Deadlines of the clause [ca, cb) of a sentence whose subjects are subj
** (first_subj: the sentence's own, for a date before it).  label_what,
** when not NULL, is the task a time label named. */
static vb_status clause_deadlines(dctx *c, const vb_xpara *p, const char *s,
                                  size_t ca, size_t cb, const span *subj,
                                  size_t nsubj, const span *first_subj,
                                  const recur *rk, cdl *out, size_t *nout,
                                  const char *label_what) {
  size_t pos = ca;
  fscan fs;
  char date[16];
  const char *recurs;
  fscan_init(c->r_dl, c->n_dl, &fs, s, cb);
  while (*nout < MAX_CLAUSE && pos < cb && fscan_next(c, &fs, pos)) {
    size_t t = c->m->start, w = group_at(c, s, "when");
    pos = c->m->end;
    dwhen wh;
    size_t l = w == SIZE_MAX ? 0 : parse_when(c, s, cb, w, rk->kind, &wh);
    if (!l) continue;
    pos = w + l;
    if (in_past(c, &wh) || !when_iso(c, &wh, rk->kind, date, &recurs))
      continue;
    const span *sj = subject_before(subj, nsubj, t);
    if (!sj) sj = first_subj;
    size_t lo = task_start(ca, sj, t), depth = 0;
    if (label_what) {
      vb_buf_reset(&c->b3);
      VB_TRY(vb_buf_puts(&c->b3, label_what));
    } else {
      VB_TRY(what_text(c, s, lo, t, &c->b3));
      if (*nout > 0) VB_TRY(share_verb(c, &out[*nout - 1]));
    }
    for (size_t i = lo; i < t; i++) depth = bracket(s[i], depth);
    if (!date[0] && !label_what)
      VB_TRY(recur_what(c, s, lo, t, pos, cb, rk, depth > 0));
    VB_TRY(keep_deadline(c, p, s, t, sj, date[0] ? date : NULL, recurs,
                         depth > 0, out, nout));
  }
  /* counted from an event: no date, the clause says from what */
  pos = ca;
  fscan_init(c->r_rel, c->n_rel, &fs, s, cb);
  while (*nout < MAX_CLAUSE && pos < cb && fscan_next(c, &fs, pos)) {
    size_t t = c->m->start;
    pos = c->m->end;
    const span *sj = subject_before(subj, nsubj, t);
    if (!sj) sj = first_subj;
    VB_TRY(what_text(c, s, task_start(ca, sj, t), cb, &c->b3));
    VB_TRY(keep_deadline(c, p, s, t, sj, NULL, NULL, 0, out, nout));
  }
  /* "gửi báo cáo từ ngày 01/12 đến ngày 10/12 hằng năm": the yearly end
     of a span */
  pos = ca;
  fscan_init(c->r_range, c->n_range, &fs, s, cb);
  while (*nout < MAX_CLAUSE && pos < cb && fscan_next(c, &fs, pos)) {
    size_t t = c->m->start, w = group_at(c, s, "when");
    pos = c->m->end;
    dwhen w1, w2;
    size_t l = parse_when(c, s, cb, w, rk->kind, &w1), k;
    if (!l || w1.y) continue;
    k = skip_sp(s, cb, w + l);
    if (k < cb && s[k] == '-')
      k = skip_sp(s, cb, k + 1);
    else if (word_at(s, cb, k, "đến"))
      k = skip_sp(s, cb, k + strlen("đến"));
    else
      continue;
    if (word_at(s, cb, k, "ngày")) k = skip_sp(s, cb, k + strlen("ngày"));
    size_t l2 = parse_when(c, s, cb, k, rk->kind, &w2);
    if (!l2 || w2.y || !w2.d || !(w2.recur == R_YEAR || rk->kind == R_YEAR))
      continue;
    pos = k + l2;
    w2.recur = R_YEAR;
    if (!when_iso(c, &w2, R_YEAR, date, &recurs)) continue;
    const span *sj = subject_before(subj, nsubj, t);
    size_t lo = task_start(ca, sj, t);
    /* a span is when an activity runs ("tổ chức chiến dịch từ ngày 15/11
       đến ngày 15/12"): its end is due only for something handed in
       ("gửi báo cáo từ ngày 01/12 đến ngày 10/12 hằng năm") */
    if (!vb_x_field(c->m, VB_F_REPORT_VERB, s, t, lo)) continue;
    VB_TRY(what_text(c, s, lo, t, &c->b3));
    VB_TRY(keep_deadline(c, p, s, t, sj, date, recurs, 0, out, nout));
  }
  return VB_OK;
}

/* Remember the latest date of the block's time labels. */
static void block_by(dctx *c, const char *date) {
  if (!c->by[0] || strcmp(date, c->by) > 0)
    snprintf(c->by, sizeof c->by, "%s", date);
}

/* Hand an edge to the block, or emit it now when its senders are known. */
static vb_status place_edge(dctx *c, cedge *e, const char *by) {
  if (by && by[0] && set_str(e->tmpl, "by", json_string(by)) != VB_OK)
    return VB_ENOMEM;
  if (!c->to) c->to = json_incref(json_object_get(e->tmpl, "to"));
  if (e->from) {
    vb_status rc = emit_edges(c, e->tmpl, e->from, e->line);
    json_decref(e->tmpl);
    return rc;
  }
  unsigned need = (by && by[0]) || e->chained ? 0 : NEED_BY;
  if (c->bopen && c->nprp < MAX_PENDING) {
    c->prp[c->nprp++] = (pend){e->tmpl, need, e->line};
    return VB_OK;
  }
  json_t *from = default_senders(c);
  vb_status rc = from ? emit_edges(c, e->tmpl, from, e->line) : VB_ENOMEM;
  json_decref(from);
  json_decref(e->tmpl);
  return rc;
}

/* Report edges of the clause [ca, cb); deadlines of the clause in dl. */
static vb_status clause_reports(dctx *c, const vb_xpara *p, const char *s,
                                size_t ca, size_t cb, const span *subj,
                                size_t nsubj, const span *fallback, cdl *dl,
                                size_t ndl) {
  cedge ed[MAX_CLAUSE];
  size_t ne = 0, pos = ca, prev_end = SIZE_MAX, nv = SIZE_MAX;
  span prev[MAX_NAMES];
  size_t nprev = 0;
  vb_status rc = VB_OK;
  fscan fv;
  fscan_init(c->r_verb, c->n_verb, &fv, s, cb);
  /* what makes a plain "gửi X" a report: a report noun before it */
  size_t noun =
      vb_x_field(c->m, VB_F_REPORT_NOUN, s, cb, ca) ? c->m->start : SIZE_MAX;
  while (ne < MAX_CLAUSE && pos < cb && fscan_next(c, &fv, pos)) {
    size_t vs = c->m->start, ve = c->m->end;
    pos = ve;
    nv = fscan_next(c, &fv, ve) ? c->m->start : cb;
    size_t t = receiver_at(c, s, cb, vs, ve, nv, noun < vs);
    if (t == SIZE_MAX) {
      /* "gửi Sở X tổng hợp, ..., báo cáo Y": X still reports on */
      if ((s[vs] == 'g' || s[vs] == 'G') &&
          rule_at(c, VB_F_REPORT_DIRECT, s, cb, ve)) {
        size_t x = c->m->end, e;
        nprev = names_at(c, s, nv, x, prev, MAX_NAMES, &e);
        if (nprev) prev_end = e;
      }
      continue;
    }
    span rv[MAX_NAMES];
    json_t *via[MAX_NAMES]; /* each receiver's channel (one reference) */
    size_t vend = t, k = receivers(c, s, t, nv, rv, via, &vend, &rc);
    if (rc != VB_OK) {
      for (size_t i = 0; i < k; i++) json_decref(via[i]);
      break;
    }
    if (!k) continue;
    /* "... về Sở X (để) tổng hợp, báo cáo Y": X reports on to Y; "... về
       Sở X để xem xét, ..., báo cáo Y" is X's own business */
    int chained = 0;
    if (prev_end != SIZE_MAX && prev_end <= vs && vs - prev_end <= CHAIN_GAP) {
      static const char de_w[] = "để ";
      size_t g = prev_end, de = SIZE_MAX, dl_w = strlen(de_w);
      for (size_t i = g; i + dl_w <= vs; i++)
        if (memcmp(s + i, de_w, dl_w) == 0 && (i == 0 || is_sp(s[i - 1]))) {
          de = i;
          break;
        }
      size_t th = de != SIZE_MAX ? de + dl_w : skip_sp(s, vs, g);
      if (vs - th >= strlen("tổng hợp") &&
          memcmp(s + th, "tổng hợp", strlen("tổng hợp")) == 0)
        chained = 1;
      else if (de != SIZE_MAX) {
        for (size_t i = 0; i < k; i++) json_decref(via[i]);
        continue;
      }
    }
    const span *sj = subject_before(subj, nsubj, vs);
    for (size_t i = 0; i < k && ne < MAX_CLAUSE; i++) {
      json_t *tmpl = edge_tmpl(c, s, rv[i], via[i]);
      if (!tmpl) {
        rc = VB_ENOMEM;
        break;
      }
      json_t *from = NULL;
      if (chained) {
        from = json_array();
        for (size_t j = 0; from && j < nprev; j++) {
          json_t *f = to_name(c, s + prev[j].a, prev[j].b - prev[j].a);
          /* the head of the receiver is no new receiver */
          const char *tv = json_string_value(json_object_get(tmpl, "to"));
          if (f && strstr(tv, json_string_value(f)) &&
              strcmp(tv, json_string_value(f)) != 0) {
            json_decref(f);
            continue;
          }
          if (!f || json_array_append_new(from, f)) rc = VB_ENOMEM;
        }
        if (from && !json_array_size(from)) {
          json_decref(from);
          json_decref(tmpl);
          continue;
        }
      } else if (sj || fallback) {
        from = names_json(c, s, sj ? *sj : *fallback);
      }
      if ((chained || sj || fallback) && !from) rc = VB_ENOMEM;
      if (rc != VB_OK) {
        json_decref(tmpl);
        json_decref(from);
        break;
      }
      ed[ne++] = (cedge){tmpl, vs, chained, from, para_line(c, p, vs)};
    }
    for (size_t i = 0; i < k; i++) json_decref(via[i]);
    if (rc != VB_OK) break;
    if (!chained) {
      nprev = k < MAX_NAMES ? k : MAX_NAMES;
      memcpy(prev, rv, nprev * sizeof *prev);
    }
    prev_end = vend;
    pos = vend > pos ? vend : pos;
  }
  /* an edge's deadlines: the dates of its clause before any chain ("6
     tháng (trước ngày 10/6), năm (trước ngày 10/12) ... gửi về X": one
     edge by each) */
  size_t chain_at = cb, nby = 0;
  const char *bys[MAX_CLAUSE];
  for (size_t i = 0; i < ne; i++)
    if (ed[i].chained && ed[i].verb < chain_at) chain_at = ed[i].verb;
  for (size_t i = 0; i < ndl; i++) {
    size_t j = 0;
    while (j < nby && strcmp(bys[j], dl[i].date) != 0) j++;
    if (dl[i].date[0] && dl[i].pos < chain_at && j == nby)
      bys[nby++] = dl[i].date;
  }
  /* a deadline's receiver: the clause's first edge */
  for (size_t i = 0; rc == VB_OK && i < ndl; i++)
    for (size_t j = 0; j < ne; j++)
      if (!ed[j].chained) {
        rc = set_str(dl[i].item, "to",
                     json_incref(json_object_get(ed[j].tmpl, "to")));
        for (size_t q = 0; q < c->npdl; q++)
          if (c->pdl[q].item == dl[i].item) c->pdl[q].need &= ~NEED_TO;
        break;
      }
  for (size_t i = 0; i < ne; i++) {
    size_t copies = ed[i].chained || !nby ? 1 : nby;
    for (size_t k = 0; rc == VB_OK && k + 1 < copies; k++) {
      cedge e = ed[i];
      if (!(e.tmpl = json_deep_copy(ed[i].tmpl)))
        rc = VB_ENOMEM;
      else
        rc = place_edge(c, &e, bys[k]);
    }
    if (rc == VB_OK)
      rc =
          place_edge(c, &ed[i], ed[i].chained || !nby ? NULL : bys[copies - 1]);
    else
      json_decref(ed[i].tmpl);
    json_decref(ed[i].from);
  }
  return rc;
}

/* Exact value of a time label or a time column: "Tháng 12/2025",
** "Hoàn thành trong năm 2025", "2025", "Trước ngày 30/11/2025". */
static int value_when(dctx *c, const char *s, size_t n, size_t a, dwhen *w) {
  if (!vb_x_field(c->m, VB_F_DEADLINE_VALUE, s + a, n - a, 0)) return 0;
  size_t at = a + c->m->end;
  size_t l = parse_when(c, s, n, at, R_NONE, w);
  if (!l) return 0;
  size_t e = at + l;
  while (e < n && (is_sp(s[e]) || s[e] == '.' || s[e] == ';' || s[e] == ',' ||
                   s[e] == ')'))
    e++;
  return e == n;
}

/* The deadline a time label's or a time column's value w states, for
** the task what (may wait for the block: need). */
static vb_status value_deadline(dctx *c, const dwhen *w, const char *what,
                                size_t line, unsigned need) {
  char date[16];
  const char *recurs;
  json_t *made;
  if (in_past(c, w) || !when_iso(c, w, R_NONE, date, &recurs)) return VB_OK;
  VB_TRY(add_deadline(c, date[0] ? date : NULL, recurs, what, strlen(what),
                      NULL, NULL, line, need, &made));
  if (date[0]) block_by(c, date);
  return VB_OK;
}

/* A label naming the task's words ("Thời gian kiểm tra và đánh giá ...
** trước ngày ..."), not just "thực hiện". */
static int task_words(const char *s, size_t a, size_t b) {
  static const char *const filler[] = {"thực hiện",         "hoàn thành",
                                       "thực hiện dự kiến", "dự kiến",
                                       "báo cáo",           NULL};
  trim(s, &a, &b);
  if (b <= a) return 0;
  for (int k = 0; filler[k]; k++)
    if (strlen(filler[k]) == b - a && memcmp(s + a, filler[k], b - a) == 0)
      return 0;
  return 1;
}

/* The labels that open a sentence: who ("Đơn vị thực hiện: X"), what
** ("Nhiệm vụ: ..."), when ("Thời gian thực hiện: Tháng 12/2025").  *done
** is 1 when the sentence was a label and is read. */
static vb_status sentence_label(dctx *c, const vb_xpara *p, const char *s,
                                size_t a, size_t b, int *done) {
  *done = 0;
  if (rule_at(c, VB_F_ASIDE_LABEL, s, b, a)) { /* "Đơn vị phối hợp: X" */
    *done = 1;
    return VB_OK;
  }
  if (rule_at(c, VB_F_UNIT_LABEL, s, b, a)) {
    size_t w = group_at(c, s, "who");
    *done = 1;
    if (w == SIZE_MAX) return VB_OK;
    span nm[MAX_NAMES];
    size_t e, k = head_names(c, s, b, w, 1, nm, &e);
    if (!k) { /* a value that is no body's name: as written */
      size_t x = w, y = b;
      trim(s, &x, &y);
      if (y <= x) {
        c->list_open = 1;
        return VB_OK;
      }
      k = split_names(c, s, x, y, nm, MAX_NAMES);
    }
    if (!c->who && !(c->who = json_array())) return VB_ENOMEM;
    c->who_line = para_line(c, p, w);
    for (size_t i = 0; i < k && json_array_size(c->who) < MAX_WHO; i++) {
      json_t *v = display_name(c, s + nm[i].a, nm[i].b - nm[i].a);
      if (!v || json_array_append_new(c->who, v)) return VB_ENOMEM;
    }
    return VB_OK;
  }
  if (rule_at(c, VB_F_TASK_LABEL, s, b, a)) {
    size_t w = group_at(c, s, "what");
    *done = 1;
    size_t x = w, y = b;
    trim(s, &x, &y);
    if (y <= x) {
      c->list_open = 1;
      vb_buf_reset(&c->desc);
      return VB_OK;
    }
    vb_buf_reset(&c->desc);
    if (y - x > WHAT_BYTES) y = x + WHAT_BYTES;
    while (y > x && ((unsigned char)s[y] & 0xC0) == 0x80) y--;
    return vb_buf_append(&c->desc, s + x, y - x);
  }
  if (rule_at(c, VB_F_TIME_LABEL, s, b, a)) {
    size_t value = c->m->end, gl = 0, wa = SIZE_MAX;
    const char *g;
    if (vb_x_group(c->m, "what", &g, &gl)) wa = (size_t)(g - s);
    size_t wb = wa + gl;
    char what[WHAT_BYTES + 1];
    what[0] = '\0';
    if (wa != SIZE_MAX && task_words(s, wa, wb)) {
      size_t x = wa, y = wb;
      trim(s, &x, &y);
      snprintf(what, sizeof what, "%.*s", (int)(y - x), s + x);
    }
    *done = 1;
    dwhen w;
    cdl dl[MAX_CLAUSE];
    size_t ndl = 0;
    if (value_when(c, s, b, value, &w))
      return value_deadline(c, &w, what, para_line(c, p, value),
                            NEED_WHO | NEED_TO | (what[0] ? 0 : NEED_WHAT));
    /* "Thời gian: xong trước ngày 25/12/2023" */
    recur rk = find_recur(c, s, a, b);
    VB_TRY(clause_deadlines(c, p, s, value, b, NULL, 0, NULL, &rk, dl, &ndl,
                            what));
    /* the block's labels say who does it, for whom and (when the label
       does not) what */
    for (size_t i = 0; i < ndl; i++) {
      for (size_t q = 0; q < c->npdl; q++)
        if (c->pdl[q].item == dl[i].item)
          c->pdl[q].need |= NEED_WHO | NEED_TO | (what[0] ? 0 : NEED_WHAT);
      if (dl[i].date[0]) block_by(c, dl[i].date);
    }
    return VB_OK;
  }
  return VB_OK;
}

/* The subject of a sentence when its first verb comes before it: the
** first name right before a reporting verb ("Định kỳ báo cáo 6 tháng
** (...), các sở, ban, ngành ... gửi báo cáo ..."). */
static const span *late_subject(dctx *c, const char *s, size_t b,
                                const span *subj, size_t k) {
  for (size_t i = 0; i < k; i++)
    if (vb_x_field_first(c->m, VB_F_REPORT_VERB, s, b,
                         skip_sp(s, b, subj[i].b)) &&
        c->m->start == skip_sp(s, b, subj[i].b))
      return &subj[i];
  return NULL;
}

/* One sentence [a, b) of paragraph p. */
static vb_status do_sentence(dctx *c, const vb_xpara *p, const char *s,
                             size_t a, size_t b) {
  int done;
  VB_TRY(sentence_label(c, p, s, a, b, &done));
  if (done) return VB_OK;
  size_t carried = c->ncarry;
  span subj[MAX_SUBJ + 1];
  size_t nsubj = find_subjects(c, s, a, b, subj, MAX_SUBJ);
  /* the subject of the sentence: the first before its first verb */
  size_t v0 =
      vb_x_field_first(c->m, VB_F_REPORT_VERB, s, b, a) ? c->m->start : b;
  const span *first = subject_before(subj, nsubj, v0);
  if (!first) first = late_subject(c, s, b, subj, nsubj);
  /* a sentence without a subject has the last one's (its senders) */
  span whole;
  const span *fallback = NULL;
  if (nsubj == 0 && carried && c->ncarry == carried) {
    whole = (span){c->carry[0].a, c->carry[carried - 1].b, 0};
    fallback = &whole;
  }
  /* the recurrence of a clause: its own, else the sentence's */
  recur rs = find_recur(c, s, a, b);
  for (size_t ca = a; ca < b;) {
    size_t cb = clause_end(s, b, ca);
    cdl dl[MAX_CLAUSE];
    size_t ndl = 0;
    /* rs is the sentence's first recurrence: a clause before it (or any
    ** clause, when there is none) has none of its own, and clauses end
    ** at ';' or ':', where no recurrence can end */
    recur rk = rs;
    if (rs.kind && rs.a < ca) {
      recur own = find_recur(c, s, ca, cb);
      if (own.kind) rk = own;
    }
    VB_TRY(clause_deadlines(c, p, s, ca, cb, subj, nsubj,
                            first ? first : fallback, &rk, dl, &ndl, NULL));
    VB_TRY(clause_reports(c, p, s, ca, cb, subj, nsubj, fallback, dl, ndl));
    ca = cb;
  }
  if (first && c->ncarry == carried)
    c->ncarry = split_names(c, s, first->a, first->b, c->carry, MAX_NAMES);
  return VB_OK;
}

static int is_label_at(dctx *c, const char *s, size_t n, size_t i) {
  return i < n && (rule_at(c, VB_F_UNIT_LABEL, s, n, i) ||
                   rule_at(c, VB_F_TIME_LABEL, s, n, i) ||
                   rule_at(c, VB_F_TASK_LABEL, s, n, i) ||
                   rule_at(c, VB_F_ASIDE_LABEL, s, n, i));
}

/* The end of the sentence of paragraph p that starts at a: also where a
** line of the paragraph opens with a label ("Thời gian: xong trước ngày
** 25/12/2023" / "Thực hiện: Văn phòng Sở." on the next line). */
static size_t sentence_end_p(dctx *c, const vb_xpara *p, size_t a) {
  size_t b = sentence_end(p->text, p->len, a);
  for (size_t k = vb_xpara_cell(p, a) - p->first + 1;
       k <= p->last - p->first && p->off[k] < b; k++)
    if (p->off[k] > a && is_label_at(c, p->text, p->len, p->off[k]))
      return p->off[k];
  return b;
}

static vb_status do_sentences(dctx *c, const vb_xpara *p, size_t from) {
  const char *s = p->text;
  size_t n = p->len;
  c->ncarry = 0;
  for (size_t a = skip_sp(s, n, from); a < n;) {
    size_t b = sentence_end_p(c, p, a);
    VB_TRY(do_sentence(c, p, s, a, b));
    a = skip_sp(s, n, b);
  }
  return VB_OK;
}

/**************************************************************************
** Paragraphs: headings, list items, the organising section
*/

typedef struct pinfo {
  int level;   /* -1 text; 0 chapter or line in capitals; 1 "I."/"Điều";
                  2 "1."; 3 "1.1."; 4 "1.1.1."; 5 "a)"; 6 list item */
  int article; /* "Điều N." */
  int chapter; /* "Chương N" without its title */
  size_t body; /* where the words start */
} pinfo;

static void classify(const char *s, size_t n, pinfo *pi) {
  size_t body = 0;
  memset(pi, 0, sizeof *pi);
  pi->level = -1;
  if (n == 0) return;
  size_t mark = bullet_at(s, n, 0);
  if (mark) {
    pi->level = 6;
    pi->body = mark;
    return;
  }
  int lv = vb_x_heading_level(s, n, &body);
  if (lv > 0) {
    pi->level = lv;
    pi->body = body;
    return;
  }
  /* the party's numbering: "III- TỔ CHỨC THỰC HIỆN", "1- Ban Tổ chức" */
  size_t j = 0;
  while (j < n && j < 5 && (s[j] == 'I' || s[j] == 'V' || s[j] == 'X')) j++;
  lv = j > 0 ? 1 : 2;
  if (j == 0)
    while (j < n && j < 2 && s[j] >= '0' && s[j] <= '9') j++;
  if (j > 0) j = skip_sp(s, n, j);
  if (j > 0 && j + 1 < n && s[j] == '-' && s[j + 1] == ' ') {
    pi->level = lv;
    pi->body = skip_sp(s, n, j + 1);
    return;
  }
  size_t e;
  if (word_at(s, n, 0, "Điều") || word_at(s, n, 0, "ĐIỀU")) {
    size_t i = skip_sp(s, n, strlen("Điều"));
    if (digits_at(s, n, i, 3, &e) > 0) {
      if (e < n && (s[e] == '.' || s[e] == ':')) e++;
      pi->level = 1;
      pi->article = 1;
      pi->body = skip_sp(s, n, e);
      return;
    }
  }
  if (word_at(s, n, 0, "Chương") || word_at(s, n, 0, "CHƯƠNG") ||
      word_at(s, n, 0, "Phần") || word_at(s, n, 0, "PHẦN")) {
    size_t i = skip_sp(s, n,
                       s[0] == 'C' && s[1] == 'h' ? strlen("Chương")
                       : s[0] == 'C'              ? strlen("CHƯƠNG")
                       : s[1] == 'h'              ? strlen("Phần")
                                                  : strlen("PHẦN"));
    j = i;
    while (j < n && (s[j] == 'I' || s[j] == 'V' || s[j] == 'X' ||
                     (s[j] >= '0' && s[j] <= '9')))
      j++;
    if (j > i && (j == n || s[j] == ' ' || s[j] == '.' || s[j] == ':')) {
      while (j < n && (s[j] == '.' || s[j] == ':')) j++;
      pi->level = 0;
      pi->body = skip_sp(s, n, j);
      pi->chapter = pi->body >= n;
      return;
    }
  }
  /* a line in capitals with at least two words */
  if (!vb_vi_has_lower(s, n) && n <= 200 && memchr(s, ' ', n) &&
      vb_vi_starts_upper(s, n))
    pi->level = 0;
}

/* Does s end where a name goes on, at a dash, a comma or "và" ("6. Đài
** Phát thanh -" / "Truyền hình Quảng Nam")? */
static int ends_open(const char *s, size_t n) {
  while (n > 0 && is_sp(s[n - 1])) n--;
  return n > 0 && (s[n - 1] == '-' || s[n - 1] == ',' ||
                   ends_with_word(s, 0, n, "và"));
}

/* Does line k of paragraph p (not its last) leave a name open? */
static int line_open(const vb_xpara *p, size_t k) {
  return ends_open(p->text + p->off[k], p->off[k + 1] - p->off[k]);
}

/* Does paragraph p hold a unit's heading at i: "Sở X", "Giao Văn
** phòng Sở có trách nhiệm ...", "Đề nghị Ủy ban Mặt trận ..."?  Gives the
** names and where the task starts.  head: p is a heading or a list item
** (not running text), where "Giao", "Đề nghị" may lead and a name may
** fill the heading. */
static size_t unit_head(dctx *c, const vb_xpara *p, size_t i, int head,
                        span *nm, size_t *task) {
  const char *s = p->text;
  size_t n = p->len, at = i;
  if (rule_at(c, VB_F_UNIT_HEAD, s, n, i)) {
    if (!head) return 0;
    at = c->m->end;
  }
  size_t e, k = head ? head_names(c, s, n, at, 0, nm, &e)
                     : names_at(c, s, n, at, nm, MAX_NAMES, &e);
  /* a heading wrapped onto its first task ("... chính trị - xã" / "hội
     tỉnh" / "Tăng cường ...") ends at the line that starts the task: a
     task's verb, or a capital after a line that does not leave the name
     open ("Đài Phát thanh -" / "Truyền hình X, Báo Y" / "Tăng ...") */
  for (size_t q = vb_xpara_cell(p, at) - p->first + 1;
       k && q <= p->last - p->first && p->off[q] < e; q++)
    if (rule_at(c, VB_F_TASK_VERB, s, n, p->off[q]) ||
        (head && q >= 2 && line_open(p, q - 2) && !line_open(p, q - 1) &&
         vb_vi_starts_upper(s + p->off[q], n - p->off[q]))) {
      e = p->off[q];
      while (e > at && is_sp(s[e - 1])) e--;
      k = split_names(c, s, at, e, nm, MAX_NAMES);
      break;
    }
  if (!k || vb_x_field(c->m, VB_F_UNIT_BOILER, s + e, n - e, 0)) return 0;
  size_t t = skip_sp(s, n, e);
  /* a role in brackets after the name is no task */
  if (t < n && s[t] == '(') {
    const char *cl = memchr(s + t, ')', n - t);
    if (cl) t = skip_sp(s, n, (size_t)(cl - s) + 1);
  }
  if (t < n && s[t] == ':') t = skip_sp(s, n, t + 1);
  /* "Sở Y tế đề nghị các đơn vị ...": the name asks others */
  if (rule_at(c, VB_F_UNIT_HEAD, s, n, t)) return 0;
  *task = t;
  return k;
}

/* A heading among the units' headings that is only a name, of a kind of
** body the rules do not know ("4. Bưu điện tỉnh", "5. Điện lực Quảng
** Nam"): the whole heading, when it starts with a capital, has two words
** or more, no verb that ends a name (name_stop, but for words that occur
** in names) and is no heading of a part of a plan (unit_not_head). */
static size_t plain_unit(dctx *c, const vb_xpara *p, size_t i, span *nm,
                         size_t *task) {
  const char *s = p->text;
  size_t n = p->len, hend = heading_end(s, n, i, 0), a = i, b = hend;
  if (hend == SIZE_MAX) return 0;
  trim(s, &a, &b);
  if (b <= a || b - a > PLAIN_UNIT_BYTES || !memchr(s + a, ' ', b - a) ||
      !vb_vi_starts_upper(s + a, b - a) || !vb_vi_has_lower(s + a, b - a) ||
      rule_at(c, VB_F_UNIT_NOT_HEAD, s, b, a))
    return 0;
  for (size_t j = a; j < b; j++)
    if (s[j] == '.' || s[j] == ';' || s[j] == '"') return 0;
  for (size_t pos = a; vb_x_field_first(c->m, VB_F_NAME_STOP, s, b, pos);) {
    pos = c->m->end;
    if (!rule_at(c, VB_F_NAME_STOP_WEAK, s, b, c->m->start)) return 0;
  }
  size_t t = skip_sp(s, n, hend);
  if (t < n && s[t] == '(') {
    const char *cl = memchr(s + t, ')', n - t);
    t = cl ? skip_sp(s, n, (size_t)(cl - s) + 1) : n;
  }
  if (t < n && s[t] == ':') t = skip_sp(s, n, t + 1);
  *task = t;
  return split_names(c, s, a, b, nm, MAX_NAMES);
}

/* Start a new paragraph's heading: the organising section, a unit. */
static vb_status heading(dctx *c, const vb_xpara *p, const pinfo *pi,
                         size_t line, int *is_unit, size_t *task) {
  const char *s = p->text;
  size_t n = p->len;
  *is_unit = 0;
  *task = pi->body;
  if (c->scope_level >= 0 && pi->level <= c->scope_level) scope_close(c);
  if (c->in_org && pi->level <= c->org_level) {
    c->in_org = 0;
    scope_close(c);
  }
  if (pi->level <= 5 && pi->body < n &&
      vb_x_field(c->m, VB_F_DUTY_SECTION, s + pi->body, n - pi->body, 0)) {
    c->in_org = 1;
    c->org_level = pi->level;
    c->unit_level = -1;
    scope_close(c);
    *task = n;
    return VB_OK;
  }
  span nm[MAX_NAMES];
  size_t k = 0;
  if (c->in_org && pi->level > c->org_level &&
      (c->unit_level < 0 || pi->level <= c->unit_level)) {
    k = unit_head(c, p, pi->body, 1, nm, task);
    if (!k && pi->level == c->unit_level)
      k = plain_unit(c, p, pi->body, nm, task);
    if (k && *task < n &&
        vb_x_field(c->m, VB_F_UNIT_TAIL, s + *task, n - *task, 0))
      *task = n;
    /* a list item names its unit before a colon */
    if (k && pi->level == 6 &&
        !(*task > 0 && s[*task - 1] == ' ' && *task >= 2 &&
          memchr(s + pi->body, ':', *task - pi->body)))
      k = 0;
    if (k && pi->level < 6) c->unit_level = pi->level;
  } else if (pi->article || (pi->level == 1 && !c->in_org)) {
    /* "Điều 4. Sở X có nhiệm vụ", "Điều 2. Giao Giám đốc Sở Y" */
    size_t t;
    k = unit_head(c, p, pi->body, 1, nm, &t);
    if (k && t < n && !vb_x_field(c->m, VB_F_UNIT_TAIL, s + t, n - t, 0)) k = 0;
    *task = n;
  }
  if (!k) return VB_OK;
  *is_unit = 1;
  VB_TRY(scope_open(c, s, nm, k, pi->level, line));
  /* "Sở X chỉ đạo Chi cục Y thực hiện các nội dung sau:": Y does them */
  size_t t = *task;
  if (t < n && n - t > strlen("chỉ đạo ") &&
      memcmp(s + t, "chỉ đạo ", strlen("chỉ đạo ")) == 0 && s[n - 1] == ':') {
    span sub[MAX_NAMES];
    size_t e,
        ks = names_at(c, s, n, t + strlen("chỉ đạo "), sub, MAX_NAMES, &e);
    if (ks) {
      VB_TRY(scope_task(c, s + t, n - t));
      *task = n;
      VB_TRY(scope_open(c, s, sub, ks, pi->level, line));
    }
  }
  return VB_OK;
}

/**************************************************************************
** Task tables: a header row with a time column and a unit or task column
*/

/* Is raw line `line` only table pipes? */
static int pipe_line(const vb_xdoc *d, size_t line) {
  size_t n;
  const char *t = vb_xdoc_line(d, line, &n);
  if (!t || n == 0) return 0;
  for (size_t i = 0; i < n; i++)
    if (t[i] != '|' && !is_sp(t[i])) return 0;
  return 1;
}

/* Does s hold a letter or a digit?  Beyond ASCII, the Latin letters of
** Vietnamese: U+00C0..U+02FF and U+1E00..U+1EFF. */
static int has_alnum(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if ((ch >= 0xC3 && ch <= 0xCB) ||
        ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') ||
        (ch >= '0' && ch <= '9') ||
        (ch == 0xE1 && i + 1 < n && (unsigned char)s[i + 1] >= 0xB8 &&
         (unsigned char)s[i + 1] <= 0xBB))
      return 1;
  }
  return 0;
}

/* The text of cell k of a row (its first or last paragraph: end 0 or 1). */
static const char *row_cell(const dctx *c, const trow *r, unsigned k, int end,
                            size_t *n) {
  if (r->one_line) {
    const vb_xcell *x = &c->d->cells[r->cell[k][0]];
    *n = x->len;
    return x->text;
  }
  const vb_xpara *p = &c->d->paras[r->cell[k][end]];
  *n = p->len;
  return p->text;
}

static void row_add(dctx *c, size_t table, size_t para) {
  trow *r = &c->rows[c->nrows++];
  memset(r, 0, sizeof *r);
  r->table = table;
  r->first = r->last = para;
}

static void cell_add(trow *r, size_t para, int same_cell) {
  r->last = para;
  if (same_cell && r->ncells) {
    r->cell[r->ncells - 1][1] = para;
    return;
  }
  if (r->ncells < MAX_COLS) {
    r->cell[r->ncells][0] = para;
    r->cell[r->ncells][1] = para;
    r->ncells++;
  }
}

/* Rows of tables, in two layouts: a markdown row on one line ("| a | b
** |": the cells of one line), and a row whose cells are paragraphs between
** lines holding only '|' (two such lines end the row). */
static vb_status find_rows(dctx *c, size_t p0, size_t p1) {
  const vb_xdoc *d = c->d;
  size_t table = 0, prev_line = 0;
  int in_b = 0, cut = 0;
  c->rows = vb_malloc((2 * (p1 - p0) + 1) * sizeof *c->rows);
  c->para_row = vb_malloc((d->nparas + 1) * sizeof *c->para_row);
  if (!c->rows || !c->para_row) return VB_ENOMEM;
  for (size_t i = 0; i < d->nparas; i++) c->para_row[i] = SIZE_MAX;
  /* markdown rows: lines of several cells, lines apart by at most two */
  size_t c0 = p0 < p1 ? d->paras[p0].first : 0;
  size_t c1 = p0 < p1 ? d->paras[p1 - 1].last + 1 : 0;
  for (size_t ci = c0; ci < c1;) {
    size_t line = d->cells[ci].line, cj = ci;
    while (cj < c1 && d->cells[cj].line == line) cj++;
    if (cj - ci >= 2 && d->cells[ci + 1].col > 0) {
      if (!c->nrows || line > prev_line + 3) table++;
      row_add(c, table, d->cell_para[ci]);
      trow *r = &c->rows[c->nrows - 1];
      r->one_line = 1;
      for (size_t k = ci; k < cj && r->ncells < MAX_COLS; k++) {
        size_t pk = d->cell_para[k];
        if (d->cells[k].len == 0 || pk == SIZE_MAX) continue;
        r->cell[r->ncells][0] = r->cell[r->ncells][1] = k;
        r->ncells++;
        if (c->para_row[pk] == SIZE_MAX) c->para_row[pk] = c->nrows - 1;
        if (pk < r->first || r->first == SIZE_MAX) r->first = pk;
        if (pk > r->last) r->last = pk;
      }
      prev_line = line;
    }
    ci = cj;
  }
  prev_line = 0;
  for (size_t pi = p0; pi < p1; pi++) {
    const vb_xpara *p = &d->paras[pi];
    const vb_xcell *first = &d->cells[p->first];
    size_t line = first->line, last_line = d->cells[p->last].line;
    if (c->para_row[pi] != SIZE_MAX) {
      in_b = 0;
      continue;
    }
    /* pipes between the previous paragraph and this one */
    size_t pipes = 0, gap = 0;
    size_t from = pi > p0 ? d->cells[d->paras[pi - 1].last].line + 1 : line;
    for (size_t l = from; l < line; l++) {
      gap++;
      if (pipe_line(d, l)) pipes++;
    }
    if (pipes == 0 && !(in_b && gap == 0)) {
      in_b = 0;
      continue;
    }
    /* a cell of dots ("…......") stands for rows left out: a row of its
       own */
    int junk = !has_alnum(p->text, p->len);
    if (!in_b || pipes >= 2 || junk || cut) {
      if (!in_b) table++;
      row_add(c, table, pi);
    }
    cut = junk;
    in_b = 1;
    cell_add(&c->rows[c->nrows - 1], pi, pipes == 0 && !junk);
    c->para_row[pi] = c->nrows - 1;
    prev_line = last_line;
  }
  /* headers give roles to the rows after them in the same table (the
     markdown rows were numbered first: tables of the two layouts do not
     mix, their numbers do not meet) */
  size_t cur_table = SIZE_MAX;
  int col_time = -1, col_lead = -1, col_task = -1;
  for (size_t r = 0; r < c->nrows; r++) {
    trow *row = &c->rows[r];
    if (row->table != cur_table) {
      cur_table = row->table;
      col_time = col_lead = col_task = -1;
    }
    int t = -1, l = -1, k = -1;
    for (unsigned i = 0; i < row->ncells; i++) {
      size_t len;
      const char *tx = row_cell(c, row, i, 0, &len);
      if (len > HEAD_BYTES) continue;
      if (t < 0 && vb_x_field(c->m, VB_F_TBL_TIME, tx, len, 0))
        t = (int)i;
      else if (l < 0 && vb_x_field(c->m, VB_F_TBL_LEAD, tx, len, 0))
        l = (int)i;
      else if (k < 0 && vb_x_field(c->m, VB_F_TBL_TASK, tx, len, 0))
        k = (int)i;
    }
    /* the header starts at the run of short cells before its first role
       (crawled text may put the title, or the whole document, in cells
       before it) */
    int h0 = t;
    if (l >= 0 && l < h0) h0 = l;
    if (k >= 0 && k < h0) h0 = k;
    size_t l0, l1;
    while (h0 > 0 &&
           (row_cell(c, row, (unsigned)h0 - 1, 0, &l0), l0) <= HEAD_BYTES &&
           (row_cell(c, row, (unsigned)h0 - 1, 1, &l1), l1) <= HEAD_BYTES)
      h0--;
    if (t >= 0 && (l >= 0 || k >= 0)) {
      t -= h0;
      l = l >= 0 ? l - h0 : l;
      k = k >= 0 ? k - h0 : k;
      col_time = t;
      col_lead = l;
      col_task = k;
      if (h0 == 0) row->task_row = 3;
      continue;
    }
    if (col_time < 0) continue;
    /* leading cells without a letter or digit are no column */
    unsigned skip = 0;
    size_t ls;
    const char *ts;
    while (skip < row->ncells &&
           (ts = row_cell(c, row, skip, 0, &ls), !has_alnum(ts, ls)))
      skip++;
    if (skip) {
      memmove(row->cell, row->cell + skip,
              (row->ncells - skip) * sizeof row->cell[0]);
      row->ncells -= skip;
    }
    int need = col_time;
    if (col_lead > need) need = col_lead;
    if (col_task > need) need = col_task;
    if ((int)row->ncells > need) {
      row->task_row = 1;
      /* columns in the order time, lead, task for do_row */
      size_t cells[3][2] = {{row->cell[col_time][0], row->cell[col_time][1]},
                            {SIZE_MAX, SIZE_MAX},
                            {SIZE_MAX, SIZE_MAX}};
      if (col_lead >= 0) {
        cells[1][0] = row->cell[col_lead][0];
        cells[1][1] = row->cell[col_lead][1];
      }
      if (col_task >= 0) {
        cells[2][0] = row->cell[col_task][0];
        cells[2][1] = row->cell[col_task][1];
      }
      memcpy(row->cell, cells, sizeof cells);
      row->ncells = 3;
    }
  }
  return VB_OK;
}

/* The paragraphs of a role column of a task row (0 time, 1 lead, 2
** task): *np of them; paragraph k in *out (a cell of a markdown row is
** made a paragraph of its own). */
static const vb_xpara *row_para(const dctx *c, const trow *r, int col, size_t k,
                                vb_xpara *tmp, size_t *np) {
  static const size_t zero = 0;
  *np = 0;
  if (r->cell[col][0] == SIZE_MAX) return NULL;
  if (!r->one_line) {
    *np = r->cell[col][1] - r->cell[col][0] + 1;
    return &c->d->paras[r->cell[col][0] + k];
  }
  const vb_xcell *x = &c->d->cells[r->cell[col][0]];
  *np = 1;
  tmp->first = tmp->last = r->cell[col][0];
  tmp->text = x->text;
  tmp->len = x->len;
  tmp->off = (size_t *)(uintptr_t)&zero;
  return tmp;
}

/* A row of a task table: one block, the task and the lead unit from their
** cells, the deadline from the time cell. */
static vb_status do_row(dctx *c, const trow *row) {
  const vb_xdoc *d = c->d;
  vb_xpara tmp;
  size_t np;
  VB_TRY(block_close(c));
  scope_close(c);
  const vb_xpara *task = row_para(c, row, 2, 0, &tmp, &np);
  VB_TRY(block_open(c, task ? task->text : "", task ? task->len : 0));
  const vb_xpara *lead = row_para(c, row, 1, 0, &tmp, &np);
  if (lead) {
    span nm[MAX_NAMES];
    size_t e, k = head_names(c, lead->text, lead->len, 0, 1, nm, &e);
    if (!k) /* "Sở, ban, ngành": no body's name, the cell as written */
      k = split_names(c, lead->text, 0, lead->len, nm, MAX_NAMES);
    if (k && !(c->who = json_array())) return VB_ENOMEM;
    c->who_line = d->cells[lead->first].line;
    for (size_t i = 0; i < k; i++) {
      json_t *v = display_name(c, lead->text + nm[i].a, nm[i].b - nm[i].a);
      if (!v || json_array_append_new(c->who, v)) return VB_ENOMEM;
    }
  }
  row_para(c, row, 0, 0, &tmp, &np);
  for (size_t k = 0; k < np; k++) {
    const vb_xpara *tp = row_para(c, row, 0, k, &tmp, &np);
    dwhen w;
    if (value_when(c, tp->text, tp->len, 0, &w)) {
      VB_TRY(value_deadline(c, &w, "", d->cells[tp->first].line,
                            NEED_WHO | NEED_WHAT | NEED_TO));
    } else {
      VB_TRY(do_sentences(c, tp, 0));
    }
  }
  row_para(c, row, 2, 0, &tmp, &np);
  for (size_t k = 0; k < np; k++)
    VB_TRY(do_sentences(c, row_para(c, row, 2, k, &tmp, &np), 0));
  return block_close(c);
}

/**************************************************************************
** The pass over the document
*/

/* Where the words of a block's own task end in the paragraph that opens
** it: before the first sentence that is a label ("... website của Sở.
** Đơn vị thực hiện: X. Thời gian ..."). */
static size_t desc_end(dctx *c, const vb_xpara *p, size_t from) {
  const char *s = p->text;
  size_t n = p->len;
  for (size_t a = skip_sp(s, n, from); a < n;) {
    if (a > from && is_label_at(c, s, n, a)) return a;
    a = skip_sp(s, n, sentence_end_p(c, p, a));
  }
  return n;
}

static vb_status do_para(dctx *c, const vb_xpara *p) {
  const char *s = p->text;
  size_t n = p->len, line = c->d->cells[p->first].line;
  pinfo pi;
  classify(s, n, &pi);
  if (vb_x_field(c->m, VB_F_DUTY_STOP, s, n, 0)) {
    VB_TRY(block_close(c));
    scope_close(c);
    c->in_org = 0;
    return do_sentences(c, p, 0);
  }
  int label = is_label_at(c, s, n, pi.body);
  int is_unit = 0, implicit = 0;
  size_t task = pi.body;
  /* "3. UBND các xã: triển khai ... ." says all of its item; running text
     after it is no longer the item's */
  if (c->scope_inline && pi.level == -1 && line > c->prev_line + 1)
    scope_close(c);
  if (pi.level >= 0 && pi.level <= 5 && !label) {
    VB_TRY(block_close(c));
    VB_TRY(heading(c, p, &pi, line, &is_unit, &task));
    if (is_unit) c->scope_inline = task < n && s[n - 1] != ':';
    size_t from = is_unit ? task : pi.body;
    VB_TRY(block_open(c, s + from, desc_end(c, p, from) - from));
    if (is_unit && task < n) VB_TRY(scope_task(c, s + task, n - task));
  } else if (pi.level == 6 && !label && c->list_open) {
    /* an item of a label's list: the block's task when it has none */
    if (!c->desc.len) VB_TRY(block_open_keep(c, s + pi.body, n - pi.body));
  } else if (pi.level == 6 && !label) {
    VB_TRY(block_close(c));
    if (c->scope_level == 6) scope_close(c);
    if (c->in_org && c->scope_level < 0) {
      span nm[MAX_NAMES];
      size_t k = unit_head(c, p, pi.body, 1, nm, &task);
      if (k && task > pi.body && task <= n &&
          memchr(s + pi.body, ':', task - pi.body)) {
        VB_TRY(scope_open(c, s, nm, k, 6, line));
        is_unit = 1;
        if (task < n) VB_TRY(scope_task(c, s + task, n - task));
      }
    }
    VB_TRY(block_open(c, s + pi.body, desc_end(c, p, pi.body) - pi.body));
  } else if (!c->bopen) {
    implicit = 1;
    VB_TRY(block_open(c, s + pi.body, desc_end(c, p, pi.body) - pi.body));
  }
  if (c->in_org && !is_unit && c->scope_level < 0 && pi.level == -1 && !label) {
    /* a sentence of the section that opens with a unit: "Sở Y tế chủ trì
       ..." (an item of its own) */
    span nm[MAX_NAMES];
    size_t k = unit_head(c, p, pi.body, 0, nm, &task);
    if (k && task < n) {
      VB_TRY(scope_open(c, s, nm, k, 7, line));
      is_unit = 1;
      VB_TRY(scope_task(c, s + task, n - task));
    }
  }
  if (!is_unit && !label && c->nscope && pi.level != 0)
    VB_TRY(scope_task(c, s + pi.body, n - pi.body));
  /* "Chủ tịch UBND tỉnh yêu cầu:", "có ý kiến như sau:": the items after
     it are the organising section of a letter or a directive */
  if (!c->in_org && !label && pi.level <= 5 && n > pi.body &&
      vb_x_field(c->m, VB_F_DUTY_LEAD, s + pi.body, n - pi.body, 0)) {
    c->in_org = 1;
    c->org_level = pi.level > 0 ? pi.level : 0;
    c->unit_level = -1;
    scope_close(c);
  }
  if (pi.level >= 0 && pi.level <= 5 && !label) c->list_open = 0;
  VB_TRY(do_sentences(c, p, pi.body));
  if (implicit) VB_TRY(block_close(c));
  if (c->scope_level == 7) scope_close(c);
  return VB_OK;
}

/* Does the first code point of s start a word in lower case? */
static int starts_lower(const char *s, size_t n) {
  if (n == 0) return 0;
  unsigned char b = (unsigned char)s[0];
  size_t l = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  if (l > n) return 0;
  return vb_vi_has_lower(s, l);
}

static int ends_full_stop(const char *s, size_t n) {
  while (n > 0 && (is_sp(s[n - 1]) || s[n - 1] == ')' || s[n - 1] == '"')) n--;
  return n > 0 && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?');
}

/* A paragraph that is a page's number or footer: "3", "- 3 -", "Trang
** 3", "3/12". */
static int page_furniture(const vb_xpara *p) {
  size_t i = 0, digits = 0;
  const char *s = p->text;
  if (p->len > 16) return 0;
  if (p->len >= 5 && memcmp(s, "Trang", 5) == 0) i = 5;
  for (; i < p->len; i++) {
    if (s[i] >= '0' && s[i] <= '9')
      digits++;
    else if (s[i] != ' ' && s[i] != '-' && s[i] != '/')
      return 0;
  }
  return digits > 0 && digits <= 6;
}

/* Should paragraph q continue the paragraph that ends with paragraph p
** (which began as `first`)?  The line index breaks a paragraph after a
** number alone ("1." / "Sở Y tế:"), between a list item and a line that
** starts with a capital, and at blank lines inside a sentence (a page
** break, a wrapped line): a line that starts in lower case, or text that
** goes on from an item or running text on the very next line, is the same
** paragraph. */
static int continues(dctx *c, const vb_xpara *first, const pinfo *fi,
                     const vb_xpara *p, const vb_xpara *q, int page_break) {
  const vb_xdoc *d = c->d;
  size_t pl = d->cells[p->last].line, ql = d->cells[q->first].line;
  if (page_break) ql = pl + 1;
  pinfo qi;
  classify(q->text, q->len, &qi);
  if (qi.level != -1 || vb_x_field(c->m, VB_F_DUTY_STOP, q->text, q->len, 0) ||
      is_label_at(c, q->text, q->len, 0))
    return 0;
  if (first == p && fi->level >= 1 && fi->level <= 5 && fi->body >= p->len)
    return ql == pl + 1; /* "1." then "Sở Y tế:" */
  if (ends_open(p->text, p->len)) return ql == pl + 1;
  if (ends_full_stop(p->text, p->len)) return 0;
  if (starts_lower(q->text, q->len)) return ql <= pl + 3;
  if (ql != pl + 1) return 0;
  return fi->level == -1 || fi->level == 6 ||
         is_label_at(c, first->text, first->len, fi->body);
}

/* The paragraph from pidx with the paragraphs that continue it, joined by
** a space into c->jtext, as a paragraph of the line index (its offsets
** cover every cell between, so that lines are found as usual).  *last
** gets the index of the last paragraph taken. */
static vb_status logical_para(dctx *c, size_t pidx, size_t p1, vb_xpara *out,
                              size_t *last) {
  const vb_xdoc *d = c->d;
  const vb_xpara *first = &d->paras[pidx];
  pinfo fi;
  *out = *first;
  *last = pidx;
  classify(first->text, first->len, &fi);
  size_t q = pidx + 1, total = first->len;
  while (q < p1 && c->para_row[pidx] == SIZE_MAX) {
    /* a page number between two parts of a sentence is not text */
    size_t r = q;
    while (r < p1 && r - q < MAX_FURNITURE && c->para_row[r] == SIZE_MAX &&
           page_furniture(&d->paras[r]))
      r++;
    if (r >= p1 || c->para_row[r] != SIZE_MAX ||
        total + d->paras[r].len >= VB_X_MAX_PARA * 4 ||
        !continues(c, first, &fi, &d->paras[*last], &d->paras[r], r > q))
      break;
    total += d->paras[r].len + 1;
    *last = r;
    q = r + 1;
  }
  if (*last == pidx) return VB_OK;
  const vb_xpara *lp = &d->paras[*last];
  size_t ncell = lp->last - first->first + 1;
  if (ncell > c->joff_cap) {
    size_t *o = vb_realloc(c->joff, ncell * sizeof *o);
    if (!o) return VB_ENOMEM;
    c->joff = o;
    c->joff_cap = ncell;
  }
  vb_buf_reset(&c->jtext);
  for (size_t k = pidx; k <= *last; k++) {
    const vb_xpara *pk = &d->paras[k];
    if (k > pidx && page_furniture(pk)) continue; /* offsets: the next's */
    if (k > pidx) VB_TRY(vb_buf_putc(&c->jtext, ' '));
    size_t base = c->jtext.len;
    /* blank cells before this paragraph point at its start */
    size_t from = k > pidx ? d->paras[k - 1].last + 1 : pk->first;
    for (size_t cl = from; cl < pk->first; cl++)
      c->joff[cl - first->first] = base;
    for (size_t cl = pk->first; cl <= pk->last; cl++)
      c->joff[cl - first->first] = base + pk->off[cl - pk->first];
    VB_TRY(vb_buf_append(&c->jtext, pk->text, pk->len));
  }
  out->last = lp->last;
  out->text = c->jtext.data;
  out->len = c->jtext.len;
  out->off = c->joff;
  return VB_OK;
}

/* Is there a line after the first of paragraph p that opens with a list
** mark the line index does not know ("◦ Đơn vị chủ trì: X" under "•
** Nhiệm vụ 1: ...")? */
static int inner_items(const vb_xdoc *d, const vb_xpara *p) {
  for (size_t k = p->first + 1; k <= p->last; k++)
    if (glyph_at(d->cells[k].text, d->cells[k].len, 0)) return 1;
  return 0;
}

/* Read paragraph p as one paragraph per list item: cut before each line
** that opens with a list mark (each piece is copied to c->jtext). */
static vb_status do_items(dctx *c, const vb_xpara *p) {
  const vb_xdoc *d = c->d;
  size_t ncell = p->last - p->first + 1;
  if (ncell > c->joff_cap) {
    size_t *o = vb_realloc(c->joff, ncell * sizeof *o);
    if (!o) return VB_ENOMEM;
    c->joff = o;
    c->joff_cap = ncell;
  }
  for (size_t k0 = p->first; k0 <= p->last;) {
    size_t k1 = k0 + 1;
    while (k1 <= p->last &&
           !glyph_at(d->cells[k1].text, d->cells[k1].len, 0))
      k1++;
    size_t base = p->off[k0 - p->first];
    size_t end = k1 <= p->last ? p->off[k1 - p->first] : p->len;
    while (end > base && is_sp(p->text[end - 1])) end--;
    vb_buf_reset(&c->jtext);
    VB_TRY(vb_buf_append(&c->jtext, p->text + base, end - base));
    vb_xpara piece = {k0, k1 - 1, c->jtext.data ? c->jtext.data : "",
                      end - base, c->joff};
    for (size_t k = k0; k < k1; k++)
      c->joff[k - k0] = p->off[k - p->first] - base;
    VB_TRY(do_para(c, &piece));
    c->prev_line = d->cells[k1 - 1].line;
    k0 = k1;
  }
  return VB_OK;
}

/* The key of an edge without (by 0) or with (by 1) its deadline. */
static void edge_key(json_t *e, int by, char *key, size_t cap) {
  static const char *const part[] = {"from", "to", "via", "by"};
  size_t k = 0;
  key[0] = '\0';
  for (int i = 0; i < (by ? 4 : 3) && k + 1 < cap; i++) {
    const char *v = json_string_value(json_object_get(e, part[i]));
    int w = snprintf(key + k, cap - k, "%s|", v ? v : "");
    if (w < 0 || (size_t)w >= cap - k) break;
    k += (size_t)w;
  }
}

/* Drop repeated edges: the same sender, receiver, channel and deadline,
** and an edge without a deadline where the same one has a deadline.  Two
** hash sets (JSON objects) keep it linear. */
static vb_status dedupe_reports(dctx *c) {
  json_t *out = json_array(), *dated = json_object(), *seen = json_object();
  lines keep = {0};
  vb_status rc = out && dated && seen ? VB_OK : VB_ENOMEM;
  char key[512];
  size_t n = json_array_size(c->reports);
  for (size_t i = 0; rc == VB_OK && i < n; i++) {
    json_t *e = json_array_get(c->reports, i);
    if (json_is_null(json_object_get(e, "by"))) continue;
    edge_key(e, 0, key, sizeof key);
    if (json_object_set_new(dated, key, json_true())) rc = VB_ENOMEM;
  }
  for (size_t i = 0; rc == VB_OK && i < n; i++) {
    json_t *e = json_array_get(c->reports, i);
    if (json_is_null(json_object_get(e, "by"))) {
      edge_key(e, 0, key, sizeof key);
      if (json_object_get(dated, key)) continue;
    }
    edge_key(e, 1, key, sizeof key);
    if (json_object_get(seen, key)) continue;
    if (json_object_set_new(seen, key, json_true()) ||
        json_array_append(out, e))
      rc = VB_ENOMEM;
    if (rc == VB_OK) rc = lines_push(&keep, c->rp_line.v[i]);
  }
  if (rc == VB_OK) {
    json_decref(c->reports);
    c->reports = out;
    out = NULL;
    vb_free(c->rp_line.v);
    c->rp_line = keep;
    keep.v = NULL;
  }
  json_decref(out);
  json_decref(dated);
  json_decref(seen);
  vb_free(keep.v);
  return rc;
}

static vb_status put_evidence(json_t *ev, const vb_xdoc *d, const char *key,
                              const lines *l) {
  char k[48];
  for (size_t i = 0; i < l->n; i++) {
    if (!l->v[i]) continue;
    snprintf(k, sizeof k, "%s[%zu]", key, i);
    VB_TRY(vb_x_evidence(ev, k, d, l->v[i]));
  }
  return VB_OK;
}

/* The year of the record's "date" ("2021-10-18", "2022-03"), or 0. */
static int record_year(json_t *record) {
  const char *s = json_string_value(json_object_get(record, "date"));
  int y = 0;
  for (int i = 0; s && i < 4 && s[i] >= '0' && s[i] <= '9'; i++)
    y = y * 10 + (s[i] - '0');
  return y >= 1900 ? y : 0;
}

vb_status vb_x_duties(vb_xmatch *m, const vb_xdoc *d, size_t begin, size_t end,
                      const vb_locality *loc, int year, json_t *record,
                      json_t *evidence, vb_error *err) {
  dctx c;
  vb_status rc = VB_OK;
  memset(&c, 0, sizeof c);
  c.m = m;
  c.d = d;
  c.loc = loc;
  if (loc) {
    c.dloc = *loc;
    c.dloc.province = NULL;
  }
  c.year = year;
  c.issue_year = record_year(record);
  c.issuer = json_string_value(json_object_get(record, "issuer"));
  c.issuer_so = c.issuer && strncmp(c.issuer, "Sở ", strlen("Sở ")) == 0;
  c.scope_level = -1;
  for (size_t i = 0; i < vb_rule_count; i++) {
    vb_field f = vb_rules[i].field;
    if (f == VB_F_REPORT_VERB && c.n_verb < SCAN_ROWS)
      c.r_verb[c.n_verb++] = i;
    else if (f == VB_F_DEADLINE && c.n_dl < SCAN_ROWS)
      c.r_dl[c.n_dl++] = i;
    else if (f == VB_F_DEADLINE_REL && c.n_rel < SCAN_ROWS)
      c.r_rel[c.n_rel++] = i;
    else if (f == VB_F_DEADLINE_RANGE && c.n_range < SCAN_ROWS)
      c.r_range[c.n_range++] = i;
  }
  vb_buf_init(&c.b1, VB_CAP_SMALL);
  vb_buf_init(&c.b2, VB_CAP_SMALL);
  vb_buf_init(&c.b3, VB_CAP_SMALL);
  vb_buf_init(&c.desc, VB_CAP_SMALL);
  vb_buf_init(&c.jtext, VB_X_MAX_PARA * 4 + 16);
  c.units = json_array();
  c.deadlines = json_array();
  c.reports = json_array();
  if (!c.units || !c.deadlines || !c.reports) rc = VB_ENOMEM;
  /* the paragraphs that start inside the document proper */
  size_t p0 = 0, p1 = 0;
  while (p0 < d->nparas && d->paras[p0].first < begin) p0++;
  p1 = p0;
  while (p1 < d->nparas && d->paras[p1].first < end) p1++;
  if (rc == VB_OK) rc = find_rows(&c, p0, p1);
  for (size_t pi = p0; rc == VB_OK && pi < p1; pi++) {
    size_t row = c.para_row[pi];
    if (row != SIZE_MAX && c.rows[row].task_row) {
      if (c.rows[row].task_row == 1) rc = do_row(&c, &c.rows[row]);
      if (c.rows[row].task_row == 3) { /* a header: no task of a unit */
        rc = block_close(&c);
        scope_close(&c);
      }
      c.rows[row].task_row = 2; /* done */
      if (c.rows[row].last > pi) pi = c.rows[row].last;
      continue;
    }
    if (inner_items(d, &d->paras[pi])) {
      rc = do_items(&c, &d->paras[pi]);
      continue;
    }
    vb_xpara lp;
    size_t last;
    rc = logical_para(&c, pi, p1, &lp, &last);
    if (rc == VB_OK) rc = do_para(&c, &lp);
    c.prev_line = d->cells[lp.last].line;
    pi = last;
  }
  if (rc == VB_OK) rc = block_close(&c);
  for (size_t i = 0; i < c.nprp; i++) json_decref(c.prp[i].item);
  if (rc == VB_OK) rc = dedupe_reports(&c);
  if (rc == VB_OK && (json_object_set(record, "units", c.units) ||
                      json_object_set(record, "deadlines", c.deadlines) ||
                      json_object_set(record, "reports", c.reports)))
    rc = VB_ENOMEM;
  if (rc == VB_OK) rc = put_evidence(evidence, d, "units", &c.un_line);
  if (rc == VB_OK) rc = put_evidence(evidence, d, "deadlines", &c.dl_line);
  if (rc == VB_OK) rc = put_evidence(evidence, d, "reports", &c.rp_line);
  json_decref(c.units);
  json_decref(c.deadlines);
  json_decref(c.reports);
  json_decref(c.who);
  json_decref(c.to);
  vb_free(c.un_line.v);
  vb_free(c.dl_line.v);
  vb_free(c.rp_line.v);
  vb_free(c.rows);
  vb_free(c.para_row);
  vb_buf_free(&c.b1);
  vb_buf_free(&c.b2);
  vb_buf_free(&c.b3);
  vb_buf_free(&c.desc);
  vb_buf_free(&c.jtext);
  vb_free(c.joff);
  return rc == VB_OK ? VB_OK : nomem(err);
}
