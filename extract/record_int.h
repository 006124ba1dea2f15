/*
** record_int.h: what the files of the record extractor share.
**
**   extract_header.c   small helpers, numbers and symbols, the bounds of
**                      the document, its header
**   extract_issuer.c   the locality of the issuer, the issuer
**   extract_body.c     references, period and theme
**   extract_closing.c  recipients and the signature block
**   extract.c          the record and the extractor (extract.h)
**
** The limits, the state of one extraction (xstate) and the functions one
** file calls in another, each described where it is defined.  Private to
** the extract layer, like extract_int.h.
*/
#ifndef VB_RECORD_INT_H
#define VB_RECORD_INT_H

#include "extract_int.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "vi.h"

/* How far into the document the header may reach, in cells. */
#define HEADER_CELLS 80
/* Cells walked back from the motto or the number line to the issuer. */
#define HEADER_BACK 12
/* Lines of a title under the type, and its length. */
#define TITLE_LINES 8
#define TITLE_BYTES 800
/* Cells of a section searched for a period or a theme. */
#define SECTION_CELLS 30
/* Cells after "Nơi nhận" searched for the list and the signature. */
#define CLOSING_CELLS 60
/* References kept per document. */
#define MAX_REFS 2000
/* Recipients kept per document. */
#define MAX_RECIPIENTS 200
/* Bytes of one symbol, one name. */
#define ID_MAX 96
#define TEXT_CAP 512

/* One reference found in the body. */
typedef struct xref {
  const char *type;  /* static */
  char id[ID_MAX];   /* "" for a law cited by date only */
  char numkey[16];   /* the number's digits without leading zeros */
  char symkey[32];   /* key of the symbol's first part */
  char date[11];     /* ISO or "" */
  char *issuer;      /* canonical or NULL */
  size_t line;
  int rel;           /* VB_REL_*: the strongest of its citations */
} xref;

/* A signature block as read: authority ("KT. Chủ tịch"), office, name. */
typedef struct xsig {
  vb_buf name, pos, auth;
  size_t line; /* the line of the name (evidence) */
  size_t cell; /* the cell of the name; SIZE_MAX while none */
} xsig;

static inline void xs_xsig_init(xsig *g) {
  vb_buf_init(&g->name, VB_CAP_SMALL);
  vb_buf_init(&g->pos, VB_CAP_SMALL);
  vb_buf_init(&g->auth, VB_CAP_SMALL);
  g->line = 0;
  g->cell = SIZE_MAX;
}

static inline void xs_xsig_free(xsig *g) {
  vb_buf_free(&g->name);
  vb_buf_free(&g->pos);
  vb_buf_free(&g->auth);
}

/* The state of one extraction. */
typedef struct xstate {
  const vb_doc *doc;
  vb_xdoc d;
  vb_xmatch m;
  size_t begin, end; /* cells of the document proper */
  /* header */
  size_t num_cell, type_cell, title_first, title_last, body_start;
  char number[ID_MAX], symbol[ID_MAX];
  int has_number, has_symbol;
  char place[TEXT_CAP];
  size_t place_line;
  vb_xdate date;
  size_t date_line;
  const char *doc_type;
  vb_buf title;
  /* metadata of the web page, as fallbacks */
  char meta[5][TEXT_CAP];
  size_t meta_line[5];
  /* locality and issuer */
  vb_locality loc;
  size_t loc_line;
  vb_buf issuer;
  size_t issuer_line;
  /* body */
  xref *refs;
  size_t nrefs, crefs;
  vb_buf theme;
  size_t theme_line;
  vb_xdate pfrom, pto;
  int has_period;
  size_t period_line;
  /* closing */
  size_t recip_cell, recip_last; /* "Nơi nhận" and the list's last cell */
  size_t preamble_end; /* first cell past the preamble */
  xsig sig;
  int year;
  size_t year_line;
} xstate;

enum { META_NUMBER, META_TYPE, META_PLACE, META_SIGNER, META_DATE };

/* Parse one signature cell: authorities, the office, the name. */
typedef struct sigparse {
  int auth_tm; /* the last authority was TM. (its body may wrap) */
  int have_auth;
} sigparse;

/* Functions of one file used in another (see each definition). */
const vb_xcell *xs_cell(const xstate *x, size_t i);
int xs_match_cell(xstate *x, vb_field field, size_t i);
size_t xs_group_copy(const xstate *x, const char *name, char *buf, size_t cap);
void xs_trim(char *s, const char *tail);
int xs_is_blank_char(char c);
int xs_all_caps(const char *s, size_t n);
void xs_read_header_id(const char *s, size_t n, char *out, size_t cap);
void xs_split_id(const char *id, char *num, size_t ncap, char *sym, size_t scap,
                 int *has_num, int *has_sym);
void xs_compact_id(const char *s, size_t n, char *out, size_t cap);
int xs_header_like(const xstate *x, size_t i);
size_t xs_walk_back(const xstate *x, size_t i);
void xs_find_bounds(xstate *x);
void xs_find_end(xstate *x, size_t from);
void xs_find_summary_end(xstate *x);
int xs_in_doc(const xstate *x, const vb_xpara *p, size_t off);
void xs_read_meta(xstate *x);
void xs_read_number(xstate *x);
int xs_may_wrap_date(const char *s, size_t n);
int xs_place_date_in(xstate *x, const char *text, size_t n, size_t line, size_t
                     split, size_t line2);
vb_status xs_read_place_date(xstate *x);
int xs_title_stops(xstate *x, size_t i);
int xs_title_despite_stop(xstate *x, size_t t);
vb_status xs_collect_title(xstate *x, size_t t);
vb_status xs_read_type_title(xstate *x);
int xs_find_locality(xstate *x, const char *s, size_t n, vb_locality *out);
size_t xs_header_cells(xstate *x, size_t *list, size_t max);
const vb_province *xs_body_province(xstate *x, const vb_district **only, size_t
                                    nonly, size_t *line);
void xs_pick_namesake(xstate *x, vb_locality *loc, const size_t *hc, size_t nh);
int xs_commune_place(xstate *x, const size_t *hc, size_t nh);
int xs_national_header(xstate *x, const size_t *hc, size_t nh);
void xs_read_locality(xstate *x);
vb_status xs_set_issuer(xstate *x, const char *s, size_t n, size_t line, const
                        vb_locality *loc);
vb_status xs_put_capitalised(vb_buf *out, const char *s, size_t n);
vb_status xs_sub_issuer(xstate *x, const size_t *hc, size_t sub, size_t nh,
                        size_t parent);
vb_status xs_read_issuer(xstate *x);
void xs_number_key(const char *id, char *out, size_t cap);
void xs_symbol_key(const char *sym, char *out, size_t cap);
vb_status xs_issuer_from_symbol(xstate *x, const char *type, const char *sym,
                                vb_buf *out);
vb_status xs_issuer_from_text(xstate *x, const char *s, size_t n, vb_buf *out,
                              int *known);
int xs_same_ref(const xref *a, const xref *b);
vb_status xs_add_ref(xstate *x, xref *r);
int xs_is_own(const xstate *x, const char *num, const char *sym, const char
              *date);
vb_status xs_ref_relation(xstate *x, const vb_xpara *p, int *rel);
vb_status xs_ref_match(xstate *x, const vb_xpara *p);
vb_status xs_read_refs(xstate *x);
int xs_range_of(xstate *x, vb_xdate *from, vb_xdate *to);
int xs_ranges_in(xstate *x, const char *s, size_t n, vb_xdate *lo, vb_xdate
                 *hi);
void xs_set_period(xstate *x, const vb_xdate *a, const vb_xdate *b, size_t
                   line);
int xs_period_heading(xstate *x, size_t i);
int xs_period_from_sections(xstate *x);
int xs_period_from_text(xstate *x);
int xs_in_quotes(const char *s, size_t off);
int xs_period_from_statement(xstate *x);
size_t xs_title_line(xstate *x, size_t off);
void xs_period_from_title(xstate *x);
void xs_read_period(xstate *x);
vb_status xs_take_theme(xstate *x, const char *s, size_t n, const vb_xpara
                        *para, size_t line, int quoted_only, int *found);
vb_status xs_read_theme(xstate *x);
vb_status xs_add_items(json_t *list, json_t *ev, xstate *x, const char *s,
                       size_t n, size_t line);
vb_status xs_continue_item(json_t *list, const char *s, size_t n);
int xs_is_item(const vb_xcell *c);
vb_status xs_read_recipients(xstate *x, json_t *list, json_t *ev);
vb_status xs_put_authority(xsig *g, const char *kind, size_t kn, const char *s,
                           size_t n);
size_t xs_caps_run(const char *s, size_t n);
vb_status xs_sig_cell(xstate *x, xsig *g, size_t ci, sigparse *sp, int *done);
int xs_sig_start(xstate *x, size_t i);
vb_status xs_read_sig_block(xstate *x, size_t i, xsig *g);
vb_status xs_next_sig_block(xstate *x, size_t from, xsig *g);
vb_status xs_read_signer(xstate *x);
int xs_goes_on(xstate *x, size_t i);
vb_status xs_find_tail_end(xstate *x);

#endif /* VB_RECORD_INT_H */
