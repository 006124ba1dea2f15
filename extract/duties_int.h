/*
** duties_int.h: what the files of the duty extractor share (units,
** deadlines and reporting duties: extract_duties.c and duties_*.c).
**
**   duties_names.c      small helpers, body names in sentences, units
**                       and their tasks
**   duties_dates.c      dates of deadlines, recurrences, blocks
**   duties_sentences.c  sentences: subjects, receivers, clauses, edges
**   duties_tables.c     paragraphs, the organising section, task tables
**   extract_duties.c    the pass over the document (vb_x_duties)
**
** The limits, the state of one pass (dctx) and the functions one file
** calls in another, each described where it is defined.  Private to the
** extract layer, like extract_int.h.
*/
#ifndef VB_DUTIES_INT_H
#define VB_DUTIES_INT_H

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
extern const char *const dt_recur_names[]; /* in duties_dates.c */

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
  /* the bodies a duty lead addressed ("đề nghị Ủy ban nhân dân các tỉnh
     thực hiện các nhiệm vụ sau:"), the units of its items when the first
     item names none (see lead_scope) */
  json_t *lead;
  size_t lead_line;
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

/* One deadline found in a clause. */
typedef struct cdl {
  json_t *item;
  size_t pos;
  char date[16];
  int dated;
  int paren; /* its date was in brackets */
} cdl;

/* One edge found in a clause, before its senders are known. */
typedef struct cedge {
  json_t *tmpl;
  size_t verb;
  int chained;
  json_t *from; /* names, or NULL: the block's */
  size_t line;
} cedge;

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

/* Functions of one file used in another (see each definition). */
vb_status dt_nomem(vb_error *err);
vb_status dt_lines_push(lines *l, size_t line);
int dt_is_sp(char ch);
size_t dt_skip_sp(const char *s, size_t n, size_t i);
void dt_trim(const char *s, size_t *a, size_t *b);
size_t dt_bullet_at(const char *s, size_t n, size_t i);
int dt_glyph_at(const char *s, size_t n, size_t i);
int dt_word_at(const char *s, size_t n, size_t i, const char *w);
int dt_ends_with_word(const char *s, size_t a, size_t b, const char *w);
size_t dt_bracket(char ch, size_t depth);
int dt_contains(const char *s, size_t n, const char *w);
int dt_rule_at(dctx *c, vb_field field, const char *s, size_t n, size_t i);
size_t dt_group_at(dctx *c, const char *s, const char *name);
size_t dt_para_line(const dctx *c, const vb_xpara *p, size_t off);
void dt_fscan_init(const size_t *rows, size_t nrows, fscan *f, const char *s,
                   size_t n);
int dt_fscan_next(dctx *c, fscan *f, size_t pos);
int dt_body_at(dctx *c, const char *s, size_t n, size_t i);
size_t dt_name_end(dctx *c, const char *s, size_t n, size_t i);
size_t dt_heading_end(const char *s, size_t n, size_t i, int label);
size_t dt_whole_name_end(dctx *c, const char *s, size_t i, size_t e, size_t
                         hend);
size_t dt_split_names(dctx *c, const char *s, size_t a, size_t b, span *out,
                      size_t max);
size_t dt_names_at(dctx *c, const char *s, size_t n, size_t i, span *out, size_t
                   max, size_t *end);
size_t dt_head_names(dctx *c, const char *s, size_t n, size_t i, int label, span
                     *out, size_t *end);
vb_status dt_canon_name(const char *s, size_t n, const vb_locality *loc, vb_buf
                        *out, int *known);
json_t *dt_head_name(dctx *c, const char *s, size_t n, const vb_locality *loc);
json_t *dt_display_name(dctx *c, const char *s, size_t n);
json_t *dt_to_name(dctx *c, const char *s, size_t n);
int dt_own_unit(dctx *c, const char *s, size_t n);
vb_status dt_full_name(dctx *c, const char *s, size_t n, vb_buf *out);
json_t *dt_full_json(dctx *c, const char *s, size_t n);
size_t dt_unit_get(dctx *c, json_t *name, size_t line, vb_status *rc);
vb_status dt_unit_task(dctx *c, size_t u, const char *s, size_t n);
json_t *dt_unit_name(dctx *c, const char *s, size_t n);
vb_status dt_scope_open(dctx *c, const char *s, const span *nm, size_t k, int
                        level, size_t line);
void dt_scope_close(dctx *c);
vb_status dt_scope_task(dctx *c, const char *s, size_t n);
json_t *dt_scope_names(dctx *c);
int dt_digits_at(const char *s, size_t n, size_t i, size_t max, size_t *end);
size_t dt_quarter_at(const char *s, size_t n, size_t i, dwhen *w);
int dt_recur_kind(dctx *c, const char *s);
size_t dt_daymonth_at(dctx *c, const char *s, size_t n, size_t i, int kind,
                      dwhen *w);
size_t dt_cycle_at(dctx *c, const char *s, size_t n, size_t i, int kind, dwhen
                   *w);
size_t dt_parse_when(dctx *c, const char *s, size_t n, size_t i, int kind, dwhen
                     *w);
int dt_when_iso(const dctx *c, const dwhen *w, int kind, char out[16], const
                char **recurs);
int dt_in_past(const dctx *c, const dwhen *w);
vb_status dt_block_open_keep(dctx *c, const char *s, size_t n);
vb_status dt_block_open(dctx *c, const char *s, size_t n);
vb_status dt_set_str(json_t *o, const char *key, json_t *v);
json_t *dt_default_senders(dctx *c);
vb_status dt_emit_edges(dctx *c, json_t *tmpl, json_t *from, size_t line);
vb_status dt_block_close(dctx *c);
size_t dt_sentence_end(const char *s, size_t n, size_t a);
size_t dt_clause_end(const char *s, size_t b, size_t a);
int dt_intro_subject(dctx *c, const char *s, size_t a, size_t b, size_t at,
                     size_t e);
size_t dt_find_subjects(dctx *c, const char *s, size_t a, size_t b, span *out,
                        size_t max);
const span *dt_subject_before(const span *subj, size_t k, size_t v);
json_t *dt_names_json(dctx *c, const char *s, span sp);
vb_status dt_what_text(dctx *c, const char *s, size_t lo, size_t t, vb_buf
                       *out);
vb_status dt_add_deadline(dctx *c, const char *date, const char *recurs, const
                          char *what, size_t what_n, json_t *who, json_t *to,
                          size_t line, unsigned need, json_t **made);
size_t dt_self_at(dctx *c, const char *s, size_t n, size_t i);
/* The length of an office that heads a body ("Bộ trưởng", "Giám đốc")
** named alone at s[i..n) for the head of the issuer and followed by the
** matter reported ("báo cáo Bộ trưởng về kết quả"), or 0 (also without an
** issuer, or when a name follows). */
size_t dt_head_at(dctx *c, const char *s, size_t n, size_t i);
json_t *dt_edge_tmpl(dctx *c, const char *s, span r, json_t *via);
size_t dt_receiver_at(dctx *c, const char *s, size_t cb, size_t vs, size_t ve,
                      size_t nv, int noun);
json_t *dt_via_at(dctx *c, const char *s, size_t from, size_t to, size_t *end,
                  vb_status *rc);
size_t dt_receivers(dctx *c, const char *s, size_t t, size_t nv, span *rv,
                    json_t **via, size_t *vend, vb_status *rc);
size_t dt_task_start(size_t ca, const span *sj, size_t t);
vb_status dt_keep_deadline(dctx *c, const vb_xpara *p, const char *s, size_t t,
                           const span *sj, const char *date, const char *recurs,
                           int paren, cdl *out, size_t *nout);
recur dt_find_recur(dctx *c, const char *s, size_t a, size_t b);
vb_status dt_recur_what(dctx *c, const char *s, size_t lo, size_t t, size_t e,
                        size_t cb, const recur *rk, int paren);
vb_status dt_share_verb(dctx *c, const cdl *prev);
vb_status dt_clause_deadlines(dctx *c, const vb_xpara *p, const char *s, size_t
                              ca, size_t cb, const span *subj, size_t nsubj,
                              const span *first_subj, const recur *rk, cdl *out,
                              size_t *nout, const char *label_what);
void dt_block_by(dctx *c, const char *date);
vb_status dt_place_edge(dctx *c, cedge *e, const char *by);
vb_status dt_clause_reports(dctx *c, const vb_xpara *p, const char *s, size_t
                            ca, size_t cb, const span *subj, size_t nsubj, const
                            span *fallback, cdl *dl, size_t ndl);
int dt_value_when(dctx *c, const char *s, size_t n, size_t a, dwhen *w);
vb_status dt_value_deadline(dctx *c, const dwhen *w, const char *what, size_t
                            line, unsigned need);
int dt_task_words(const char *s, size_t a, size_t b);
vb_status dt_sentence_label(dctx *c, const vb_xpara *p, const char *s, size_t a,
                            size_t b, int *done);
const span *dt_late_subject(dctx *c, const char *s, size_t b, const span *subj,
                            size_t k);
vb_status dt_do_sentence(dctx *c, const vb_xpara *p, const char *s, size_t a,
                         size_t b);
int dt_is_label_at(dctx *c, const char *s, size_t n, size_t i);
size_t dt_sentence_end_p(dctx *c, const vb_xpara *p, size_t a);
vb_status dt_do_sentences(dctx *c, const vb_xpara *p, size_t from);
void dt_classify(const char *s, size_t n, pinfo *pi);
int dt_ends_open(const char *s, size_t n);
int dt_line_open(const vb_xpara *p, size_t k);
size_t dt_unit_head(dctx *c, const vb_xpara *p, size_t i, int head, span *nm,
                    size_t *task);
size_t dt_plain_unit(dctx *c, const vb_xpara *p, size_t i, span *nm, size_t
                     *task);
vb_status dt_heading(dctx *c, const vb_xpara *p, const pinfo *pi, size_t line,
                     int *is_unit, size_t *task);
int dt_pipe_line(const vb_xdoc *d, size_t line);
int dt_has_alnum(const char *s, size_t n);
const char *dt_row_cell(const dctx *c, const trow *r, unsigned k, int end,
                        size_t *n);
void dt_row_add(dctx *c, size_t table, size_t para);
void dt_cell_add(trow *r, size_t para, int same_cell);
vb_status dt_find_rows(dctx *c, size_t p0, size_t p1);
const vb_xpara *dt_row_para(const dctx *c, const trow *r, int col, size_t k,
                            vb_xpara *tmp, size_t *np);
vb_status dt_do_row(dctx *c, const trow *row);

#endif /* VB_DUTIES_INT_H */
