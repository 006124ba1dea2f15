/*
** extract.c: the structured record of one document (see extract.h and the
** extraction spec).
**
** The steps, each reading the line index of extract_lines.c through the
** rules of data/rules.txt:
**
**   1. bounds     where the document proper begins (its header: the issuer
**                 block, the national motto, "Số: ...") and ends (web page
**                 text after it: known site headings, the site repeating
**                 the document's name, anything after the signature block
**                 that is no appendix or attached document); a legal
**                 database's metadata table outside the bounds is kept as a
**                 fallback;
**   2. header     number and symbol, place and date, document type, title,
**                 the issuer block;
**   3. locality   province and district of the issuer, from the header, the
**                 place of issue, the metadata, or the places the body names
**                 (which also choose among districts of one name); none for
**                 a national body;
**   4. issuer     from the header, the closing sentence ("Trên đây là ...
**                 của Sở X"), the preamble ("UBND huyện xây dựng kế hoạch"),
**                 the symbol (KH-UBND), the signing authority;
**   5. body       references, theme, period;
**   6. closing    recipients ("Nơi nhận") and the signature block (read
**                 before the body, as they bound it).
**
** Every value carries evidence: the physical line it was read from.
*/
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

static void xsig_init(xsig *g) {
  vb_buf_init(&g->name, VB_CAP_SMALL);
  vb_buf_init(&g->pos, VB_CAP_SMALL);
  vb_buf_init(&g->auth, VB_CAP_SMALL);
  g->line = 0;
  g->cell = SIZE_MAX;
}

static void xsig_free(xsig *g) {
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
  size_t nrefs;
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

/**************************************************************************
** Small helpers
*/

static const vb_xcell *cell(const xstate *x, size_t i) {
  return &x->d.cells[i];
}

static int match_cell(xstate *x, vb_field field, size_t i) {
  const vb_xcell *c = cell(x, i);
  return c->len > 0 && vb_x_field(&x->m, field, c->text, c->len, 0);
}

/* Copy a group of the last match into buf (cap bytes); "" when absent. */
static size_t group_copy(const xstate *x, const char *name, char *buf,
                         size_t cap) {
  const char *p;
  size_t n;
  buf[0] = '\0';
  if (!vb_x_group(&x->m, name, &p, &n)) return 0;
  while (n > 0 && (*p == ' ')) p++, n--;
  while (n > 0 && p[n - 1] == ' ') n--;
  if (n >= cap) n = cap - 1;
  memcpy(buf, p, n);
  buf[n] = '\0';
  return n;
}

/* Trim spaces and the given trailing characters. */
static void trim(char *s, const char *tail) {
  size_t n = strlen(s), a = 0;
  while (s[a] == ' ') a++;
  while (n > a && (s[n - 1] == ' ' || strchr(tail, s[n - 1]))) n--;
  memmove(s, s + a, n - a);
  s[n - a] = '\0';
}

static int is_blank_char(char c) {
  return c == '.' || c == '_' || c == ' ';
}

/* Does s hold only capitals, digits and punctuation? */
static int all_caps(const char *s, size_t n) {
  return n > 0 && !vb_vi_has_lower(s, n);
}

/**************************************************************************
** Numbers and symbols
*/

/* Read the id of a "Số:" line word by word: "622 /KH-UBND", "QĐ - U B ND",
** stopping at the place of a header laid out on one line ("Hà Nội, ngày
** ...").  The words are joined without spaces into out. */
static void read_header_id(const char *s, size_t n, char *out, size_t cap) {
  size_t i = 0, k = 0, prev_len = 0;
  int prev_sep = 1, first = 1;
  out[0] = '\0';
  while (i < n) {
    while (i < n && s[i] == ' ') i++;
    size_t a = i;
    while (i < n && s[i] != ' ') i++;
    size_t len = i - a;
    if (len == 0) break;
    const char *t = s + a;
    int starts_sep = t[0] == '/' || t[0] == '-';
    int lower = vb_vi_has_lower(t, len);
    int ok;
    if (first)
      ok = !lower || t[0] == '/' || (t[0] >= '0' && t[0] <= '9');
    else if (prev_sep || starts_sep)
      ok = !lower || vb_vi_starts_upper(t, len);
    else
      ok = !lower && len <= 2 && prev_len <= 2;
    if (!ok) break;
    /* a comma ends the id ("Số: 12/KH-UBND, Hà Nội") */
    const char *comma = memchr(t, ',', len);
    size_t take = comma ? (size_t)(comma - t) : len;
    if (k + take >= cap) break;
    memcpy(out + k, t, take);
    k += take;
    out[k] = '\0';
    if (comma) break;
    prev_sep = t[len - 1] == '/' || t[len - 1] == '-';
    prev_len = len;
    first = 0;
  }
  trim(out, ".,;:");
}

/* Split a compact id into number and symbol: "49/2012/QĐ-UBND" -> "49/2012"
** + "QĐ-UBND"; "119-KH/TU" -> "119" + "KH/TU"; "/KH-UBND" -> no number.
** Blanks ("....", "___") count as no number. */
static void split_id(const char *id, char *num, size_t ncap, char *sym,
                     size_t scap, int *has_num, int *has_sym) {
  size_t n = strlen(id), i = 0;
  num[0] = sym[0] = '\0';
  *has_num = *has_sym = 0;
  while (i < n && id[i] >= '0' && id[i] <= '9') i++;
  if (i > 0 && i + 1 < n && id[i] == '.' && id[i + 1] >= '0' &&
      id[i + 1] <= '9') { /* a dot inside the number: "66.15/2026/NQ-CP" */
    size_t j = i + 1;
    while (j < n && id[j] >= '0' && id[j] <= '9') j++;
    if (j < n && id[j] == '/') i = j;
  }
  size_t ne = i;
  if (i > 0 && i + 5 < n && id[i] == '/' && id[i + 1] >= '0' &&
      id[i + 1] <= '9') {
    size_t j = i + 1;
    while (j < n && id[j] >= '0' && id[j] <= '9') j++;
    if (j - i - 1 == 4 && (id[j] == '/' || id[j] == '-')) ne = j;
  }
  size_t ss;
  if (ne > 0 && ne < n && (id[ne] == '/' || id[ne] == '-')) {
    ss = ne + 1;
  } else if (ne == 0) {
    size_t j = 0;
    while (j < n && (is_blank_char(id[j]) ||
                     (n - j >= 3 && memcmp(id + j, "\xE2\x80\xA6", 3) == 0)))
      j += is_blank_char(id[j]) ? 1 : 3;
    if (j < n && (id[j] == '/' || id[j] == '-'))
      ss = j + 1;
    else
      return;
  } else {
    ss = n; /* a number alone */
  }
  if (ne > 0 && ne < ncap) {
    memcpy(num, id, ne);
    num[ne] = '\0';
    *has_num = 1;
  }
  size_t sl = n - ss;
  if (sl >= scap) sl = scap - 1;
  memcpy(sym, id + ss, sl);
  sym[sl] = '\0';
  /* blanks left in a form's symbol: "BC-....." */
  size_t e = strlen(sym);
  while (e > 0 && (is_blank_char(sym[e - 1]) || sym[e - 1] == '-' ||
                   (e >= 3 && memcmp(sym + e - 3, "\xE2\x80\xA6", 3) == 0)))
    e -= (e >= 3 && memcmp(sym + e - 3, "\xE2\x80\xA6", 3) == 0) ? 3 : 1;
  sym[e] = '\0';
  *has_sym = e > 0 && vb_vi_starts_upper(sym, e);
  if (!*has_sym) sym[0] = '\0';
}

/* Remove spaces from an id as written ("27/NQ- TW" -> "27/NQ-TW"). */
static void compact_id(const char *s, size_t n, char *out, size_t cap) {
  size_t k = 0;
  for (size_t i = 0; i < n && k + 1 < cap; i++)
    if (s[i] != ' ') out[k++] = s[i];
  out[k] = '\0';
  trim(out, ".,;:-/");
}

/**************************************************************************
** 1. Bounds and metadata
*/

/* Could cell i be part of an issuer block above the motto? */
static int header_like(const xstate *x, size_t i) {
  const vb_xcell *c = cell(x, i);
  if (c->len == 0) return 1;
  if (c->len > 160 || memchr(c->text, ':', c->len)) return 0;
  return all_caps(c->text, c->len) && vb_vi_starts_upper(c->text, c->len);
}

static size_t walk_back(const xstate *x, size_t i) {
  size_t lim = i > HEADER_BACK ? i - HEADER_BACK : 0;
  while (i > lim && header_like(x, i - 1)) i--;
  while (i < x->d.ncells && cell(x, i)->len == 0) i++;
  return i;
}

static void find_bounds(xstate *x) {
  static const vb_field marks[] = {VB_F_DOC_BEGIN, VB_F_NUMBER,
                                   VB_F_DOC_TYPE};
  size_t n = x->d.ncells, first = n;
  x->begin = 0;
  x->end = n;
  /* the earliest of the motto, the number line and the type line (a form
     in an appendix repeats them later) */
  for (int k = 0; k < 3; k++)
    for (size_t i = 0; i < first; i++)
      if (match_cell(x, marks[k], i)) {
        first = i;
        break;
      }
  if (first < n) x->begin = walk_back(x, first);
}

/* The end of the document: the first line of web page text after its
** header. */
static void find_end(xstate *x, size_t from) {
  for (size_t i = from; i < x->d.ncells; i++)
    if (match_cell(x, VB_F_DOC_END, i)) {
      x->end = i;
      return;
    }
}

/* A web page repeats the document's name after it: "Kế hoạch 980/KH-UBND
** năm 2025 ...".  The first such line after the body ends the document. */
static void find_summary_end(xstate *x) {
  if (!x->doc_type || !x->has_symbol) return;
  char want[2 * ID_MAX + 64], got[2 * ID_MAX + 64];
  snprintf(want, sizeof want, "%s %s%s%s", x->doc_type,
           x->has_number ? x->number : "", x->has_number ? "/" : "",
           x->symbol);
  size_t wl = vb_name_key(want, strlen(want), want, sizeof want);
  size_t tl = strlen(x->doc_type);
  for (size_t i = x->body_start; i < x->end; i++) {
    const vb_xcell *c = cell(x, i);
    if (c->len < 8 || c->len > 600 || c->text[0] != x->doc_type[0] ||
        c->len < tl || memcmp(c->text, x->doc_type, tl) != 0)
      continue;
    size_t gl = vb_name_key(c->text, c->len < 200 ? c->len : 200, got,
                            sizeof got);
    if (gl >= wl && memcmp(got, want, wl) == 0 &&
        (gl == wl || got[wl] < '0' || got[wl] > '9')) {
      x->end = i;
      return;
    }
  }
}

/* Is offset off of paragraph p inside the document proper? */
static int in_doc(const xstate *x, const vb_xpara *p, size_t off) {
  size_t c = vb_xpara_cell(p, off);
  return c >= x->begin && c < x->end;
}

static void read_meta(xstate *x) {
  static const char *const labels[] = {"số hiệu", "loại văn bản",
                                       "nơi ban hành", "người ký",
                                       "ngày ban hành"};
  for (size_t i = 0; i < x->d.ncells; i++) {
    if (i == x->begin) i = x->end;
    if (i >= x->d.ncells) break;
    if (!match_cell(x, VB_F_META, i)) continue;
    char label[64], value[TEXT_CAP], key[64];
    group_copy(x, "label", label, sizeof label);
    group_copy(x, "value", value, sizeof value);
    size_t line = cell(x, i)->line;
    if (!value[0]) { /* the value sits in the next cell */
      for (size_t j = i + 1; j < x->d.ncells && j <= i + 4; j++) {
        const vb_xcell *c = cell(x, j);
        if (c->len == 0) continue;
        if (c->len < sizeof value && !memchr(c->text, ':', c->len)) {
          memcpy(value, c->text, c->len);
          value[c->len] = '\0';
          line = c->line;
        }
        break;
      }
    }
    if (!value[0]) continue;
    vb_name_key(label, strlen(label), key, sizeof key);
    for (int k = 0; k < 5; k++) {
      char lk[64];
      vb_name_key(labels[k], strlen(labels[k]), lk, sizeof lk);
      if (strcmp(lk, key) == 0 ||
          (k == META_PLACE && strcmp(key, "coquanbanhanh") == 0)) {
        if (!x->meta[k][0]) {
          snprintf(x->meta[k], sizeof x->meta[k], "%s", value);
          x->meta_line[k] = line;
        }
      }
    }
  }
}

/**************************************************************************
** 2. Header
*/

/* Number and symbol from the first "Số:" line of the header, else from the
** web page's "Số hiệu". */
static void read_number(xstate *x) {
  size_t lim = x->begin + HEADER_CELLS;
  if (lim > x->end) lim = x->end;
  x->num_cell = SIZE_MAX;
  for (size_t i = x->begin; i < lim; i++) {
    if (!match_cell(x, VB_F_NUMBER, i)) continue;
    const char *p;
    size_t n;
    char id[ID_MAX];
    if (!vb_x_group(&x->m, "id", &p, &n)) n = 0;
    size_t k = i + 1; /* the next cell with text */
    while (k < lim && cell(x, k)->len == 0) k++;
    if (n == 0 && k < lim &&
        (cell(x, k)->line == cell(x, i)->line ||
         (cell(x, k)->len > 1 && cell(x, k)->text[0] == '/'))) {
      /* "Số:" and its value in two columns, or a blank number's symbol on
      ** a line of its own in a converted page ("Số:" / "/QĐ-UBND") */
      p = cell(x, k)->text;
      n = cell(x, k)->len;
    }
    read_header_id(p, n, id, sizeof id);
    split_id(id, x->number, sizeof x->number, x->symbol, sizeof x->symbol,
             &x->has_number, &x->has_symbol);
    if (!x->has_number && !x->has_symbol) continue;
    x->num_cell = i;
    return;
  }
  if (x->meta[META_NUMBER][0]) { /* the web page's "Số hiệu" */
    char id[ID_MAX];
    compact_id(x->meta[META_NUMBER], strlen(x->meta[META_NUMBER]), id,
               sizeof id);
    split_id(id, x->number, sizeof x->number, x->symbol, sizeof x->symbol,
             &x->has_number, &x->has_symbol);
  }
}

/* Could a cell hold the start of a wrapped "Place, ngày ..." line? */
static int may_wrap_date(const char *s, size_t n) {
  return n < 120 && vb_vi_starts_upper(s, n);
}

/* Try the place and date rules on text (a cell, or a cell and the next
** one when the date wraps); 1 when found. */
static int place_date_in(xstate *x, const char *text, size_t n, size_t line,
                         size_t split, size_t line2) {
  if (!vb_x_field(&x->m, VB_F_PLACE_DATE, text, n, 0)) return 0;
  const char *dp;
  size_t dn;
  vb_xdate dt;
  if (!vb_x_group(&x->m, "date", &dp, &dn) || !vb_x_parse_date(dp, dn, &dt) ||
      !dt.y)
    return 0;
  x->date = dt;
  x->date_line = (size_t)(dp - text) >= split ? line2 : line;
  const char *pp;
  size_t pn;
  x->place_line =
      vb_x_group(&x->m, "place", &pp, &pn) && (size_t)(pp - text) >= split
          ? line2
          : line;
  group_copy(x, "place", x->place, sizeof x->place);
  trim(x->place, ",.;:");
  /* "TP. Hồ Chí Minh" -> "Thành phố Hồ Chí Minh" */
  if (strncmp(x->place, "TP. ", 4) == 0 || strncmp(x->place, "Tp. ", 4) == 0 ||
      strncmp(x->place, "TP ", 3) == 0) {
    char tmp[TEXT_CAP];
    const char *rest = x->place + (x->place[2] == '.' ? 4 : 3);
    snprintf(tmp, sizeof tmp, "Thành phố %s", rest);
    snprintf(x->place, sizeof x->place, "%s", tmp);
  }
  return 1;
}

/* Place and date of issue from the header (a date may wrap onto the next
** line), else the web page's "Ngày ban hành". */
static vb_status read_place_date(xstate *x) {
  size_t lim = x->begin + HEADER_CELLS;
  if (lim > x->end) lim = x->end;
  vb_buf two;
  vb_buf_init(&two, VB_CAP_SMALL);
  for (size_t i = x->begin; i < lim; i++) {
    const vb_xcell *c = cell(x, i);
    if (!c->len) continue;
    if (place_date_in(x, c->text, c->len, c->line, SIZE_MAX, 0)) break;
    /* "*Nghệ An, ngày 18" / "tháng 11 năm 2025*" */
    if (i + 1 < x->d.ncells && cell(x, i + 1)->line == c->line + 1 &&
        cell(x, i + 1)->len && may_wrap_date(c->text, c->len)) {
      vb_buf_reset(&two);
      VB_TRY(vb_buf_append(&two, c->text, c->len));
      VB_TRY(vb_buf_putc(&two, ' '));
      VB_TRY(vb_buf_append(&two, cell(x, i + 1)->text, cell(x, i + 1)->len));
      if (place_date_in(x, two.data, two.len, c->line, c->len + 1,
                        cell(x, i + 1)->line))
        break;
    }
  }
  vb_buf_free(&two);
  if (!x->date.y && x->meta[META_DATE][0]) {
    vb_xdate dt;
    if (vb_x_parse_date(x->meta[META_DATE], strlen(x->meta[META_DATE]), &dt) &&
        dt.y) {
      x->date = dt;
      x->date_line = x->meta_line[META_DATE];
    }
  }
  return VB_OK;
}

/* Is cell i a line that ends a title?  The date line ends it too: an
** official letter puts its "V/v" summary above "Place, ngày ...". */
static int title_stops(xstate *x, size_t i) {
  return match_cell(x, VB_F_TITLE_STOP, i) || match_cell(x, VB_F_SIG_AUTH, i) ||
         match_cell(x, VB_F_DOC_BEGIN, i) || match_cell(x, VB_F_PLACE_DATE, i);
}

/* Is the first line under the type a summary although it opens like the
** preamble ("Thực hiện phong trào ... năm 2020")?  The preamble is a
** sentence that ends with ':' or ';' or names what the issuer does ("...,
** UBND huyện xây dựng kế hoạch"); a summary is short and ends bare. */
static int title_despite_stop(xstate *x, size_t t) {
  size_t pi = x->d.cell_para[t];
  if (pi == SIZE_MAX || x->d.paras[pi].first != t ||
      !match_cell(x, VB_F_TITLE_LEAD, t))
    return 0;
  const vb_xpara *p = &x->d.paras[pi];
  char last = p->text[p->len - 1];
  return p->len <= TITLE_BYTES / 2 && last != ':' && last != ';' &&
         last != ',' &&
         !vb_x_field(&x->m, VB_F_ISSUER_SENTENCE, p->text, p->len, 0);
}

/* Collect the summary from cell t on: lines up to a blank line or a line
** that starts the body; in capitals, up to the first line in mixed case. */
static vb_status collect_title(xstate *x, size_t t) {
  int caps = 0;
  for (size_t k = 0; t < x->end && k < TITLE_LINES; t++, k++) {
    const vb_xcell *c = cell(x, t);
    if (c->len == 0) break;
    if (k > 0 &&
        (title_stops(x, t) || (caps && vb_vi_has_lower(c->text, c->len))))
      break;
    if (k == 0 && ((title_stops(x, t) && !title_despite_stop(x, t)) ||
                   match_cell(x, VB_F_DOC_TYPE, t)))
      break;
    if (x->title.len + c->len > TITLE_BYTES) break;
    const char *s = c->text;
    size_t n = c->len;
    if (k == 0) {
      if (match_cell(x, VB_F_TITLE_VV, t)) /* "V/v" is dropped */
        vb_x_group(&x->m, "title", &s, &n);
      caps = all_caps(s, n);
    } else {
      VB_TRY(vb_buf_putc(&x->title, ' '));
    }
    VB_TRY(vb_buf_append(&x->title, s, n));
    if (x->title_first == SIZE_MAX) x->title_first = t;
    x->title_last = t;
  }
  return VB_OK;
}

/* The type line in capitals and the summary under it, or an official
** letter's "V/v" line (type "Công văn"). */
static vb_status read_type_title(xstate *x) {
  size_t lim = x->begin + HEADER_CELLS;
  if (lim > x->end) lim = x->end;
  x->type_cell = SIZE_MAX;
  x->title_first = x->title_last = SIZE_MAX;
  for (size_t i = x->begin; i < lim; i++) {
    if (!match_cell(x, VB_F_DOC_TYPE, i)) continue;
    const char *p;
    size_t n;
    vb_x_group(&x->m, "type", &p, &n);
    x->doc_type = vb_doctype_canon(p, n);
    if (!x->doc_type) continue;
    x->type_cell = i;
    if (vb_x_group(&x->m, "title", &p, &n)) { /* type and title on a line */
      VB_TRY(vb_buf_append(&x->title, p, n));
      x->title_first = x->title_last = i;
      return VB_OK;
    }
    size_t t = i + 1;
    while (t < x->end && cell(x, t)->len == 0) t++;
    return collect_title(x, t);
  }
  /* an official letter: "V/v ..." under the number */
  for (size_t t = x->begin; t < lim; t++)
    if (match_cell(x, VB_F_TITLE_VV, t)) {
      x->doc_type = vb_doctype_canon("Công văn", strlen("Công văn"));
      x->type_cell = t;
      return collect_title(x, t);
    }
  return VB_OK;
}

/**************************************************************************
** 3. Locality
*/

/* Read a locality from a clean text that may hold one ("ỦY BAN NHÂN DÂN
** TỈNH NGHỆ AN", "trên địa bàn tỉnh Sơn La"). */
static int find_locality(xstate *x, const char *s, size_t n,
                         vb_locality *out) {
  size_t from = 0;
  while (vb_x_field(&x->m, VB_F_LOCALITY, s, n, from)) {
    const char *p;
    size_t l;
    vb_x_group(&x->m, "loc", &p, &l);
    size_t next = x->m.end > from ? x->m.end : from + 1;
    if (vb_locality_parse(p, n - (size_t)(p - s), &x->loc, out) &&
        out->province)
      return 1;
    from = next;
  }
  return 0;
}

/* The cells of the issuer block: capitals between the start of the
** document and the number line (or the type line), without the motto and
** an urgency mark ("HỎA TỐC"). */
static size_t header_cells(xstate *x, size_t *list, size_t max) {
  size_t stop = x->num_cell != SIZE_MAX ? x->num_cell : x->type_cell;
  size_t k = 0;
  if (stop == SIZE_MAX) return 0;
  for (size_t i = x->begin; i < stop && k < max; i++) {
    const vb_xcell *c = cell(x, i);
    if (c->len == 0 || !all_caps(c->text, c->len) ||
        match_cell(x, VB_F_MOTTO, i) || match_cell(x, VB_F_PLACE_DATE, i) ||
        match_cell(x, VB_F_URGENCY, i))
      continue;
    list[k++] = i;
  }
  return k;
}

/* District-level units of one name looked at ("Châu Thành" names ten,
** in ten provinces of the Mekong delta). */
#define MAX_NAMESAKES 16

/* The province the body names most often (among the provinces of the
** districts in only[0..nonly) when nonly > 0); *line gets the line of its
** first mention.  NULL when the body names none. */
static const vb_province *body_province(xstate *x, const vb_district **only,
                                       size_t nonly, size_t *line) {
  const vb_province *best = NULL;
  size_t best_n = 0;
  const vb_province *seen[64];
  size_t seen_n[64], seen_line[64], ns = 0;
  vb_locality got;
  for (size_t pi = 0; pi < x->d.nparas; pi++) {
    const vb_xpara *p = &x->d.paras[pi];
    if (p->first < x->begin || p->first >= x->end) continue;
    size_t from = 0;
    while (vb_x_field(&x->m, VB_F_LOCALITY, p->text, p->len, from)) {
      const char *s;
      size_t l;
      vb_x_group(&x->m, "loc", &s, &l);
      size_t at = (size_t)(s - p->text);
      from = x->m.end > from ? x->m.end : from + 1;
      if (!vb_locality_parse(s, p->len - at, NULL, &got) || !got.province)
        continue;
      size_t k;
      for (k = 0; k < nonly; k++)
        if (strcmp(only[k]->province, got.province->name) == 0) break;
      if (nonly && k == nonly) continue;
      for (k = 0; k < ns; k++)
        if (seen[k] == got.province) break;
      if (k == ns) {
        if (ns == 64) continue;
        seen[ns] = got.province;
        seen_n[ns] = 0;
        seen_line[ns] = cell(x, vb_xpara_cell(p, at))->line;
        ns++;
      }
      if (++seen_n[k] > best_n) {
        best_n = seen_n[k];
        best = seen[k];
        *line = seen_line[k];
      }
    }
  }
  return best;
}

/* A district name that several provinces share ("huyện Châu Thành"): the
** province another cell of the header names, else the one the body names
** most often among them. */
static void pick_namesake(xstate *x, vb_locality *loc, const size_t *hc,
                          size_t nh) {
  const vb_district *cand[MAX_NAMESAKES];
  const vb_district *d = loc->district;
  size_t nc = vb_district_find(d->name, strlen(d->name), d->kind, cand,
                               MAX_NAMESAKES);
  if (nc < 2) return;
  if (nc > MAX_NAMESAKES) nc = MAX_NAMESAKES;
  const vb_province *prov = NULL;
  vb_locality got;
  size_t line = 0;
  for (size_t k = 0; k < nh && !prov; k++) {
    const vb_xcell *c = cell(x, hc[k]);
    if (find_locality(x, c->text, c->len, &got) && !got.district)
      prov = got.province;
  }
  if (!prov) prov = body_province(x, cand, nc, &line);
  for (size_t k = 0; prov && k < nc; k++)
    if (strcmp(cand[k]->province, prov->name) == 0) {
      loc->district = cand[k];
      loc->province = prov;
      return;
    }
}

/* Is the place of issue the commune the header names ("XÃ HÒA BÌNH" /
** "Hòa Bình, ngày ...")?  Then it is no province of that name. */
static int commune_place(xstate *x, const size_t *hc, size_t nh) {
  char a[TEXT_CAP], b[TEXT_CAP];
  vb_name_key(x->place, strlen(x->place), a, sizeof a);
  for (size_t k = 0; k < nh; k++) {
    const char *p;
    size_t n;
    if (!match_cell(x, VB_F_COMMUNE, hc[k]) ||
        !vb_x_group(&x->m, "name", &p, &n))
      continue;
    vb_name_key(p, n, b, sizeof b);
    if (strcmp(a, b) == 0) return 1;
  }
  return 0;
}

/* Is the issuing body of the header a national one (a ministry, the
** Government): the first body the header names? */
static int national_header(xstate *x, const size_t *hc, size_t nh) {
  for (size_t k = 0; k < nh; k++) {
    const vb_xcell *c = cell(x, hc[k]);
    if (vb_names_kind(c->text, c->len))
      return vb_names_national(c->text, c->len);
  }
  return 0;
}

/* The issuer's province and district: the header block, the place of
** issue, the web page's "Nơi ban hành", else the province the body names
** most often.  A national body has none (its place of issue is only where
** it sits). */
static void read_locality(xstate *x) {
  size_t hc[16], nh = header_cells(x, hc, 16);
  vb_locality got;
  for (size_t k = 0; k < nh; k++) {
    const vb_xcell *c = cell(x, hc[k]);
    if (find_locality(x, c->text, c->len, &got)) {
      if (got.district) pick_namesake(x, &got, hc, nh);
      x->loc = got;
      x->loc_line = c->line;
      return;
    }
  }
  if (national_header(x, hc, nh)) return;
  if (x->place[0] && !commune_place(x, hc, nh) &&
      vb_locality_parse(x->place, strlen(x->place), NULL, &got) &&
      got.province) {
    if (got.district) pick_namesake(x, &got, hc, nh);
    x->loc = got;
    x->loc_line = x->place_line;
    return;
  }
  if (x->meta[META_PLACE][0] &&
      vb_locality_parse(x->meta[META_PLACE], strlen(x->meta[META_PLACE]),
                        NULL, &got) &&
      got.province) {
    x->loc = got;
    x->loc_line = x->meta_line[META_PLACE];
    return;
  }
  size_t line = 0;
  const vb_province *best = body_province(x, NULL, 0, &line);
  if (best) {
    x->loc.province = best;
    x->loc.level = VB_LEVEL_PROVINCE;
    x->loc_line = line;
  }
}

/**************************************************************************
** 4. Issuer
*/

/* Canonical name of a body written in the document, with the document's
** locality; into x->issuer. */
static vb_status set_issuer(xstate *x, const char *s, size_t n, size_t line,
                            const vb_locality *loc) {
  vb_buf_reset(&x->issuer);
  VB_TRY(vb_names_canon(s, n, loc, &x->issuer, NULL));
  x->issuer_line = line;
  return VB_OK;
}

/* Append s (capitals from a header) in lower case but for its first
** letter: "QUẢN LÝ DỰ ÁN" -> "Quản lý dự án". */
static vb_status put_capitalised(vb_buf *out, const char *s, size_t n) {
  size_t mark = out->len;
  VB_TRY(vb_vi_lower(s, n, out));
  utf8proc_int32_t cp;
  utf8proc_ssize_t l = utf8proc_iterate(
      (const utf8proc_uint8_t *)out->data + mark,
      (utf8proc_ssize_t)(out->len - mark), &cp);
  utf8proc_uint8_t up[4];
  if (l <= 0 || utf8proc_encode_char(utf8proc_toupper(cp), up) != l)
    return VB_OK; /* a capital of another length: left as it is */
  memcpy(out->data + mark, up, (size_t)l);
  return VB_OK;
}

/* The issuer is a body under the one the header names first (cells
** hc[sub..nh), the parent's canonical name already in x->issuer): "UBND
** THÀNH PHỐ HẢI PHÒNG / VĂN PHÒNG" is "Văn phòng Ủy ban nhân dân thành
** phố Hải Phòng", "TỈNH ỦY X / BAN TUYÊN GIÁO" is "Ban Tuyên giáo Tỉnh ủy
** X", "UBND TỈNH X / BAN QUẢN LÝ ..." is "Ban Quản lý ... tỉnh X". */
static vb_status sub_issuer(xstate *x, const size_t *hc, size_t sub,
                            size_t nh, size_t parent) {
  const vb_xcell *pc = cell(x, hc[parent]);
  const char *kind = vb_names_kind(pc->text, pc->len), *g;
  size_t gn;
  int whole = match_cell(x, VB_F_SUB_BODY, hc[sub]) &&
              vb_x_group(&x->m, "bare", &g, &gn);
  int party = kind && (strcmp(kind, "Tỉnh ủy") == 0 ||
                       strcmp(kind, "Thành ủy") == 0 ||
                       strcmp(kind, "Huyện ủy") == 0);
  vb_buf name;
  vb_status rc = VB_OK;
  vb_buf_init(&name, VB_CAP_SMALL);
  /* the kind, then the name, each with a capital: "Ban Quản lý dự án",
     "Trung tâm Y tế" */
  const char *kn, *rs;
  size_t kl, rl;
  if (!whole && vb_x_group(&x->m, "kind", &kn, &kl) &&
      vb_x_group(&x->m, "rest", &rs, &rl)) {
    rc = put_capitalised(&name, kn, kl);
    if (rc == VB_OK) rc = vb_buf_putc(&name, ' ');
    if (rc == VB_OK) rc = put_capitalised(&name, rs, rl);
  } else {
    rc = put_capitalised(&name, cell(x, hc[sub])->text, cell(x, hc[sub])->len);
  }
  for (size_t k = sub + 1; k < nh && rc == VB_OK; k++) {
    const vb_xcell *c = cell(x, hc[k]);
    rc = vb_buf_putc(&name, ' ');
    if (rc == VB_OK) rc = vb_vi_lower(c->text, c->len, &name);
  }
  if (rc == VB_OK) rc = vb_buf_putc(&name, ' ');
  vb_locality own;
  if (rc == VB_OK && (whole || party)) {
    rc = vb_buf_append(&name, x->issuer.data, x->issuer.len);
  } else if (rc == VB_OK && !find_locality(x, name.data, name.len, &own)) {
    /* "BAN QUẢN LÝ KHU KINH TẾ TỈNH": the bare kind of its locality */
    static const char *const kinds[] = {" tỉnh ", " huyện ", " thành phố ",
                                        " thị xã ", " quận "};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
      size_t wl = strlen(kinds[k]);
      if (name.len > wl &&
          memcmp(name.data + name.len - wl, kinds[k], wl) == 0) {
        vb_buf_truncate(&name, name.len - wl + 1);
        break;
      }
    }
    rc = vb_locality_put(&x->loc, x->loc.level, &name);
  }
  while (rc == VB_OK && name.len && name.data[name.len - 1] == ' ')
    vb_buf_truncate(&name, name.len - 1);
  if (rc == VB_OK) {
    vb_buf_reset(&x->issuer);
    rc = vb_buf_append(&x->issuer, name.data, name.len);
    x->issuer_line = cell(x, hc[sub])->line;
  }
  vb_buf_free(&name);
  return rc;
}

/* The issuing body: the header block, the closing sentence, the preamble,
** the symbol's issuing code, in that order. */
static vb_status read_issuer(xstate *x) {
  /* the header block: the last body in it issues ("UBND TỈNH BẮC GIANG /
     SỞ KHOA HỌC VÀ CÔNG NGHỆ") */
  size_t hc[16], nh = header_cells(x, hc, 16), start = SIZE_MAX;
  for (size_t k = 0; k < nh; k++) {
    const vb_xcell *c = cell(x, hc[k]);
    if (vb_names_kind(c->text, c->len)) start = k;
  }
  if (start != SIZE_MAX) {
    size_t sub = nh; /* a body under the one named: "VĂN PHÒNG" */
    for (size_t k = start + 1; k < nh && sub == nh; k++)
      if (match_cell(x, VB_F_SUB_BODY, hc[k])) sub = k;
    vb_buf name;
    vb_buf_init(&name, VB_CAP_SMALL);
    vb_status rc = VB_OK;
    for (size_t k = start; k < sub && rc == VB_OK; k++) {
      const vb_xcell *c = cell(x, hc[k]);
      if (name.len) rc = vb_buf_putc(&name, ' ');
      if (rc == VB_OK) rc = vb_buf_append(&name, c->text, c->len);
    }
    if (rc == VB_OK)
      rc = set_issuer(x, name.data, name.len, cell(x, hc[start])->line,
                      &x->loc);
    if (rc == VB_OK && sub < nh) rc = sub_issuer(x, hc, sub, nh, start);
    /* a district's office ("UBND HUYỆN X / PHÒNG ..."): of the district */
    const char *kind = vb_names_kind(name.data, name.len);
    vb_locality own;
    if (rc == VB_OK && start > 0 && sub == nh && kind &&
        strcmp(kind, "Phòng") == 0 && x->loc.district &&
        !find_locality(x, name.data, name.len, &own)) {
      rc = vb_buf_putc(&x->issuer, ' ');
      if (rc == VB_OK)
        rc = vb_locality_put(&x->loc, VB_LEVEL_DISTRICT, &x->issuer);
    }
    vb_buf_free(&name);
    return rc;
  }
  /* the closing sentence, then the preamble */
  static const vb_field fields[] = {VB_F_ISSUER_CLOSING,
                                    VB_F_ISSUER_SENTENCE};
  for (int f = 0; f < 2; f++) {
    for (size_t pi = 0; pi < x->d.nparas; pi++) {
      const vb_xpara *p = &x->d.paras[pi];
      if (p->first < x->body_start || p->first >= x->end) continue;
      if (f == 1 && p->first > x->body_start + HEADER_CELLS) break;
      if (!vb_x_field(&x->m, fields[f], p->text, p->len, 0)) continue;
      const char *b;
      size_t n;
      vb_x_group(&x->m, "body", &b, &n);
      size_t line = cell(x, vb_xpara_cell(p, (size_t)(b - p->text)))->line;
      return set_issuer(x, b, n, line, &x->loc);
    }
  }
  /* the symbol's issuing part: KH-UBND, KH-KHCN, KH/TU */
  if (x->has_symbol) {
    const char *s = x->symbol;
    const char *seg = s, *last = s;
    for (const char *q = s; *q; q++)
      if (*q == '-' || *q == '/') last = q + 1;
    seg = last;
    vb_buf_reset(&x->issuer);
    if (vb_names_from_code(seg, strlen(seg), &x->loc, &x->issuer)) {
      x->issuer_line = x->num_cell != SIZE_MAX ? cell(x, x->num_cell)->line
                                                : x->meta_line[META_NUMBER];
      return VB_OK;
    }
  }
  return VB_OK;
}

/**************************************************************************
** 5. Body: references
*/

/* The leading digits of a number without leading zeros ("0130" -> "130"). */
static void number_key(const char *id, char *out, size_t cap) {
  size_t k = 0;
  while (*id == '0' && id[1] >= '0' && id[1] <= '9') id++;
  while (*id >= '0' && *id <= '9' && k + 1 < cap) out[k++] = *id++;
  out[k] = '\0';
}

/* Key of the first part of a symbol ("KH-LĐTĐ&XH" -> "kh"). */
static void symbol_key(const char *sym, char *out, size_t cap) {
  size_t n = strcspn(sym, "-/");
  vb_name_key(sym, n, out, cap);
}

/* The issuer of a reference from its symbol: the part after the type code
** ("QĐ-TTg" -> Thủ tướng Chính phủ, "TTLT-BTC-BLĐTBXH" -> both ministries,
** "LĐTBXH-KH" -> the department). */
static vb_status issuer_from_symbol(xstate *x, const char *type,
                                    const char *sym, vb_buf *out) {
  char seg[ID_MAX];
  int first = 1, joint = type && strcmp(type, "Thông tư liên tịch") == 0;
  const char *p = sym;
  while (*p) {
    size_t n = strcspn(p, "-/");
    snprintf(seg, sizeof seg, "%.*s", (int)n, p);
    int skip = first && vb_doctype_from_code(seg, n) != NULL;
    first = 0;
    if (!skip && n > 0) {
      size_t mark = out->len;
      if (out->len) VB_TRY(vb_buf_puts(out, " - "));
      if (!vb_names_from_code(seg, n, &x->loc, out)) {
        vb_buf_truncate(out, mark);
      } else if (!joint) {
        return VB_OK;
      }
    }
    p += n;
    if (*p) p++;
  }
  return VB_OK;
}

/* Canonical issuer of a reference as written ("của UBND tỉnh", "của Bộ
** trưởng Bộ Tài chính"); *known is 0 when the name is not recognised. */
static vb_status issuer_from_text(xstate *x, const char *s, size_t n,
                                  vb_buf *out, int *known) {
  if (vb_x_field(&x->m, VB_F_REF_ISSUER_OFFICE, s, n, 0)) {
    s += x->m.end;
    n -= x->m.end;
  }
  return vb_names_canon(s, n, &x->loc, out, known);
}

static int same_ref(const xref *a, const xref *b) {
  if (a->type != b->type) return 0;
  if (strcmp(a->numkey, b->numkey) != 0) return 0;
  if (a->id[0] && strcmp(a->symkey, b->symkey) != 0) return 0;
  if (!a->id[0] != !b->id[0]) return 0;
  if (!a->id[0]) return strcmp(a->date, b->date) == 0;
  return !a->date[0] || !b->date[0] || strcmp(a->date, b->date) == 0;
}

static vb_status add_ref(xstate *x, xref *r) {
  for (size_t i = 0; i < x->nrefs; i++) {
    xref *o = &x->refs[i];
    if (!same_ref(o, r)) continue;
    if (r->rel > o->rel) o->rel = r->rel;
    if (!o->date[0]) memcpy(o->date, r->date, sizeof o->date);
    if (!o->issuer) {
      o->issuer = r->issuer;
      r->issuer = NULL;
    }
    /* prefer the spelling of running text over a title in capitals */
    if (!vb_vi_has_lower(o->id, strlen(o->id)) &&
        vb_vi_has_lower(r->id, strlen(r->id)))
      memcpy(o->id, r->id, sizeof o->id);
    vb_free(r->issuer);
    return VB_OK;
  }
  if (x->nrefs >= MAX_REFS) {
    vb_free(r->issuer);
    return VB_OK;
  }
  if ((x->nrefs & (x->nrefs - 1)) == 0) { /* grow at powers of two */
    size_t cap = x->nrefs ? x->nrefs * 2 : 8;
    xref *nr = vb_realloc(x->refs, cap * sizeof *nr);
    if (!nr) {
      vb_free(r->issuer);
      return VB_ENOMEM;
    }
    x->refs = nr;
  }
  x->refs[x->nrefs++] = *r;
  return VB_OK;
}

/* The document's own number cited in its appendix ("Kèm theo Kế hoạch số
** 980/KH-UBND") is not a reference.  When the document's number is left
** blank (a draft), only a citation of the same symbol and the same date of
** issue is the document itself: another plan of the same body shares the
** symbol. */
static int is_own(const xstate *x, const char *num, const char *sym,
                  const char *date) {
  char a[ID_MAX], b[ID_MAX], iso[11];
  if (!x->has_symbol) return 0;
  vb_name_key(sym, strlen(sym), a, sizeof a);
  vb_name_key(x->symbol, strlen(x->symbol), b, sizeof b);
  if (strcmp(a, b) != 0) return 0;
  if (!x->has_number)
    return date[0] && x->date.d && vb_x_date_iso(&x->date, iso) &&
           strcmp(iso, date) == 0;
  char na[16], nb[16];
  number_key(num, na, sizeof na);
  number_key(x->number, nb, sizeof nb);
  return strcmp(na, nb) == 0;
}

/* The relation of the citation matched in paragraph p (see relations.c). */
static vb_status ref_relation(xstate *x, const vb_xpara *p, int *rel) {
  size_t c = vb_xpara_cell(p, x->m.start), lo = 0;
  int where = VB_REL_IN_BODY;
  size_t from = p->first; /* the title or the body: not both */
  if (x->title_first != SIZE_MAX && c >= x->title_first &&
      c <= x->title_last) {
    where = VB_REL_IN_TITLE;
    if (from < x->title_first) from = x->title_first;
  } else {
    if (c < x->preamble_end) where = VB_REL_IN_PREAMBLE;
    if (from < x->body_start && c >= x->body_start) from = x->body_start;
  }
  if (from > p->first) lo = p->off[from - p->first];
  /* the citation ends with its number (or date): the issuer's name may run
     on into the clause's verb ("của UBND tỉnh hết hiệu lực") */
  const char *g;
  size_t gn, end = x->m.end;
  if (vb_x_group(&x->m, "id", &g, &gn) || vb_x_group(&x->m, "date", &g, &gn))
    end = (size_t)(g - p->text) + gn;
  VB_TRY(vb_x_relation(p->text, p->len, lo, x->m.start, end, where, rel));
  /* "HƯỚNG DẪN / Thực hiện Thông tư số ...": the type says it */
  if ((where == VB_REL_IN_TITLE ||
       (x->type_cell != SIZE_MAX && p->first == x->type_cell + 1)) &&
      *rel == VB_REL_IMPLEMENTS && x->doc_type &&
      strcmp(x->doc_type, "Hướng dẫn") == 0)
    *rel = VB_REL_GUIDES;
  return VB_OK;
}

static vb_status ref_match(xstate *x, const vb_xpara *p) {
  xref r;
  const char *s;
  size_t n;
  vb_status rc;
  int law = !vb_x_group(&x->m, "id", &s, &n); /* cited by name and date */
  memset(&r, 0, sizeof r);
  vb_x_group(&x->m, "type", &s, &n);
  r.type = vb_doctype_canon(s, n);
  if (!r.type) return VB_OK;
  r.line = cell(x, vb_xpara_cell(p, x->m.start))->line;
  VB_TRY(ref_relation(x, p, &r.rel));
  if (vb_x_group(&x->m, "date", &s, &n)) {
    vb_xdate dt;
    if (vb_x_parse_date(s, n, &dt) && dt.d) vb_x_date_iso(&dt, r.date);
  }
  vb_buf iss;
  vb_buf_init(&iss, VB_CAP_SMALL);
  if (law) {
    if (!r.date[0]) return VB_OK;
    rc = vb_buf_puts(&iss, strcmp(r.type, "Pháp lệnh") == 0
                               ? "Ủy ban Thường vụ Quốc hội"
                               : "Quốc hội");
  } else {
    char num[ID_MAX], sym[ID_MAX];
    int hn, hs;
    vb_x_group(&x->m, "id", &s, &n);
    compact_id(s, n, r.id, sizeof r.id);
    split_id(r.id, num, sizeof num, sym, sizeof sym, &hn, &hs);
    if (!hn || !hs || is_own(x, num, sym, r.date)) return VB_OK;
    number_key(num, r.numkey, sizeof r.numkey);
    symbol_key(sym, r.symkey, sizeof r.symkey);
    int known = 0;
    rc = VB_OK;
    if (vb_x_group(&x->m, "issuer", &s, &n))
      rc = issuer_from_text(x, s, n, &iss, &known);
    if (rc == VB_OK && !known) {
      /* an unrecognised name ("Liên Bộ: ..."): the symbol says more */
      vb_buf alt;
      vb_buf_init(&alt, VB_CAP_SMALL);
      rc = issuer_from_symbol(x, r.type, sym, &alt);
      if (rc == VB_OK && alt.len) {
        vb_buf_reset(&iss);
        rc = vb_buf_append(&iss, alt.data, alt.len);
      }
      vb_buf_free(&alt);
    }
  }
  if (rc == VB_OK && iss.len) {
    r.issuer = vb_buf_take(&iss, NULL);
    if (!r.issuer) rc = VB_ENOMEM;
  }
  vb_buf_free(&iss);
  if (rc != VB_OK) return rc;
  return add_ref(x, &r);
}

/* Every citation in the document proper (appendices included), in order. */
static vb_status read_refs(xstate *x) {
  x->preamble_end = vb_x_preamble_end(&x->d, x->body_start, x->end);
  for (size_t pi = 0; pi < x->d.nparas; pi++) {
    const vb_xpara *p = &x->d.paras[pi];
    if (p->first < x->begin || p->first >= x->end) continue;
    size_t from = 0;
    while (from < p->len &&
           vb_x_field_first(&x->m, VB_F_REF, p->text, p->len, from)) {
      size_t next = x->m.end > from ? x->m.end : from + 1;
      if (!in_doc(x, p, x->m.start)) break;
      VB_TRY(ref_match(x, p));
      from = next;
    }
  }
  return VB_OK;
}

/**************************************************************************
** 5. Body: period and theme
*/

/* A range found by a period rule (see data/rules.txt for the group
** names). */
static int range_of(xstate *x, vb_xdate *from, vb_xdate *to) {
  const char *s;
  size_t n;
  memset(from, 0, sizeof *from);
  memset(to, 0, sizeof *to);
  if (vb_x_group(&x->m, "y", &s, &n)) {
    from->y = to->y = atoi(s);
    return 1;
  }
  if (vb_x_group(&x->m, "to", &s, &n) && !vb_x_parse_date(s, n, to)) return 0;
  if (vb_x_group(&x->m, "ty", &s, &n)) to->y = atoi(s);
  if (vb_x_group(&x->m, "tm", &s, &n)) to->m = atoi(s);
  if (vb_x_group(&x->m, "fy", &s, &n)) from->y = atoi(s);
  if (vb_x_group(&x->m, "fm", &s, &n)) from->m = atoi(s);
  if (vb_x_group(&x->m, "from", &s, &n) && !vb_x_parse_date(s, n, from)) {
    /* "từ ngày 08 đến ngày 10 tháng 12 năm 2025": a day alone */
    size_t i = 0;
    while (i < n && !(s[i] >= '0' && s[i] <= '9')) i++;
    from->d = atoi(s + i);
    if (from->d < 1 || from->d > 31) return 0;
  }
  if (!to->y) return 0;
  if (!from->y) { /* the start takes the end's month and year */
    from->y = to->y;
    if (!from->m && from->d) from->m = to->m;
  }
  if (vb_x_date_cmp(from, to) > 0) return 0;
  return 1;
}

/* Union of every range in s; 1 if one was found. */
static int ranges_in(xstate *x, const char *s, size_t n, vb_xdate *lo,
                     vb_xdate *hi) {
  int found = 0;
  size_t from = 0;
  while (from < n && vb_x_field_first(&x->m, VB_F_PERIOD_RANGE, s, n, from)) {
    vb_xdate a, b;
    from = x->m.end > from ? x->m.end : from + 1;
    if (!range_of(x, &a, &b)) continue;
    if (!found || vb_x_date_cmp(&a, lo) < 0) *lo = a;
    if (!found || vb_x_date_cmp(&b, hi) > 0) *hi = b;
    found = 1;
  }
  return found;
}

static void set_period(xstate *x, const vb_xdate *a, const vb_xdate *b,
                       size_t line) {
  x->pfrom = *a;
  x->pto = *b;
  x->has_period = 1;
  x->period_line = line;
}

/* Is the heading at cell i about the time of implementation? */
static int period_heading(xstate *x, size_t i) {
  const vb_xcell *h = cell(x, i);
  size_t body;
  if (vb_x_heading_level(h->text, h->len, &body) < 0) return 0;
  return vb_x_field(&x->m, VB_F_PERIOD_HEAD, h->text + body, h->len - body, 0);
}

/* A section "N. Thời gian ...": the ranges in its heading and text.  A
** subsection about something else ("2. Phạm vi" under "III. THỜI GIAN,
** PHẠM VI") is left out. */
static int period_from_sections(xstate *x) {
  for (size_t k = 0; k < x->d.nsecs; k++) {
    const vb_xsection *sec = &x->d.secs[k];
    if (sec->head < x->body_start || sec->head >= x->end) continue;
    const vb_xcell *h = cell(x, sec->head);
    if (sec->level > 4 || /* "c) Thời gian ..." belongs to one task */
        !period_heading(x, sec->head))
      continue;
    vb_xdate lo, hi, a, b;
    int found = 0;
    size_t end = sec->end < sec->head + SECTION_CELLS ? sec->end
                                                     : sec->head + SECTION_CELLS;
    size_t line = h->line;
    for (size_t i = sec->head; i < end && i < x->end; i++) {
      const vb_xsection *sub =
          i > sec->head ? vb_xdoc_section_at(&x->d, i) : NULL;
      if (sub && !period_heading(x, i)) {
        i = sub->end - 1;
        continue;
      }
      size_t pi = x->d.cell_para[i];
      if (pi == SIZE_MAX || (x->d.paras[pi].first != i && i != sec->head))
        continue;
      const vb_xpara *p = &x->d.paras[pi];
      if (ranges_in(x, p->text, p->len, &a, &b)) {
        if (!found) line = cell(x, vb_xpara_cell(p, x->m.start))->line;
        if (!found || vb_x_date_cmp(&a, &lo) < 0) lo = a;
        if (!found || vb_x_date_cmp(&b, &hi) > 0) hi = b;
        found = 1;
      }
    }
    if (found) {
      set_period(x, &lo, &hi, line);
      return 1;
    }
    /* "Từ ngày 01/01/2012." with no end */
    for (size_t i = sec->head; i < end && i < x->end; i++) {
      const vb_xcell *c = cell(x, i);
      if (c->len && vb_x_field(&x->m, VB_F_PERIOD_OPEN, c->text, c->len, 0)) {
        const char *s;
        size_t n;
        vb_x_group(&x->m, "from", &s, &n);
        memset(&b, 0, sizeof b);
        if (vb_x_parse_date(s, n, &a)) {
          set_period(x, &a, &b, c->line);
          return 1;
        }
      }
    }
  }
  return 0;
}

/* "thời gian ... từ tháng 3 đến tháng 10 năm 2026" in running text. */
static int period_from_text(xstate *x) {
  for (size_t pi = 0; pi < x->d.nparas; pi++) {
    const vb_xpara *p = &x->d.paras[pi];
    if (p->first < x->body_start || p->first >= x->end) continue;
    size_t from = 0;
    while (vb_x_field(&x->m, VB_F_PERIOD_ANCHOR, p->text, p->len, from)) {
      size_t a = x->m.end;
      from = a;
      size_t lim = a + 120 < p->len ? a + 120 : p->len;
      if (!vb_x_field_first(&x->m, VB_F_PERIOD_RANGE, p->text, lim, a))
        continue;
      const char *y;
      size_t yn;
      if (vb_x_group(&x->m, "y", &y, &yn)) continue; /* "trong năm": a task's */
      if (x->m.start > a + 60 || memchr(p->text + a, '.', x->m.start - a))
        continue;
      vb_xdate lo, hi;
      if (range_of(x, &lo, &hi)) {
        set_period(x, &lo, &hi, cell(x, vb_xpara_cell(p, x->m.start))->line);
        return 1;
      }
    }
  }
  return 0;
}

/* Is offset off of s inside quotation marks? */
static int in_quotes(const char *s, size_t off) {
  int in = 0;
  for (size_t i = 0; i < off; i++) {
    if (s[i] == '"') in = !in;
    else if (i + 3 <= off && memcmp(s + i, "\xE2\x80\x9C", 3) == 0) in = 1;
    else if (i + 3 <= off && memcmp(s + i, "\xE2\x80\x9D", 3) == 0) in = 0;
  }
  return in;
}

/* A plan stating its own period in a sentence ("Kế hoạch được triển khai
** thực hiện trong giai đoạn 2022 - 2025"). */
static int period_from_statement(xstate *x) {
  for (size_t pi = 0; pi < x->d.nparas; pi++) {
    const vb_xpara *p = &x->d.paras[pi];
    if (p->first < x->body_start || p->first >= x->end) continue;
    if (!vb_x_field(&x->m, VB_F_PERIOD_STATED, p->text, p->len, 0)) continue;
    vb_xdate a, b;
    if (!range_of(x, &a, &b)) continue;
    set_period(x, &a, &b, cell(x, vb_xpara_cell(p, x->m.start))->line);
    return 1;
  }
  return 0;
}

/* The line of the title's byte off: the title is its cells from
** title_first to title_last joined with single spaces. */
static size_t title_line(xstate *x, size_t off) {
  size_t end = x->title.len, t = x->title_last;
  for (; t != SIZE_MAX && t > x->title_first; t--) {
    size_t len = cell(x, t)->len;
    if (len + 1 > end || off >= end - len) break;
    end -= len + 1;
  }
  return cell(x, t)->line;
}

/* The title's span of years: the plan's own, not the one inside the
** quoted name of the programme it carries out ("Đề án \"... giai đoạn 2015
** - 2020\" trên địa bàn tỉnh, giai đoạn 2017 - 2020"). */
static void period_from_title(xstate *x) {
  const char *t = x->title.data;
  size_t tn = x->title.len, from = 0, pick = SIZE_MAX;
  while (from < tn && vb_x_field_first(&x->m, VB_F_PERIOD_TITLE, t, tn, from)) {
    if (pick == SIZE_MAX || !in_quotes(t, x->m.start)) pick = x->m.start;
    from = x->m.end > from ? x->m.end : from + 1;
  }
  if (pick == SIZE_MAX ||
      !vb_x_field_first(&x->m, VB_F_PERIOD_TITLE, t, tn, pick))
    return;
  vb_xdate a, b;
  memset(&a, 0, sizeof a);
  memset(&b, 0, sizeof b);
  const char *s;
  size_t n;
  size_t at = pick; /* the evidence is the line of a year of the span */
  if (vb_x_group(&x->m, "ty", &s, &n)) {
    b.y = atoi(s);
    at = (size_t)(s - t);
  }
  if (vb_x_group(&x->m, "fy", &s, &n)) {
    a.y = atoi(s);
    at = (size_t)(s - t);
  } else {
    a.y = x->date.y;
  }
  if (!a.y || !b.y || a.y > b.y) return;
  set_period(x, &a, &b, title_line(x, at));
}

/* The period: a "Thời gian" section, a time phrase with a range, a
** sentence about the plan, or the title ("giai đoạn 2026 - 2030", "đến
** năm 2030"). */
static void read_period(xstate *x) {
  if (period_from_sections(x) || period_from_text(x) ||
      period_from_statement(x))
    return;
  period_from_title(x);
}

/* The theme in a text: its first quoted part, or (unless quoted_only) the
** whole text when short; *found says whether one was taken. */
static vb_status take_theme(xstate *x, const char *s, size_t n,
                            const vb_xpara *para, size_t line,
                            int quoted_only, int *found) {
  const char *p = s;
  size_t l = n;
  *found = 0;
  if (vb_x_field(&x->m, VB_F_THEME_QUOTE, s, n, 0)) {
    vb_x_group(&x->m, "theme", &p, &l);
  } else if (quoted_only || n > 300) {
    return VB_OK;
  }
  while (l > 0 && *p == ' ') p++, l--;
  while (l > 0 && (p[l - 1] == '.' || p[l - 1] == ' ' || p[l - 1] == ';'))
    l--;
  if (l < 8) return VB_OK;
  VB_TRY(vb_buf_append(&x->theme, p, l));
  /* in a paragraph s points into: the line the theme starts on */
  x->theme_line =
      para ? cell(x, vb_xpara_cell(para, (size_t)(p - para->text)))->line
           : line;
  *found = 1;
  return VB_OK;
}

/* The theme: the text under a "Chủ đề" heading (its quoted part, or the
** line itself), else a quoted theme in running text. */
static vb_status read_theme(xstate *x) {
  int found = 0;
  for (size_t i = x->body_start; i < x->end && !found; i++) {
    const vb_xcell *c = cell(x, i);
    if (!c->len) continue;
    size_t body = 0;
    int lv = vb_x_heading_level(c->text, c->len, &body);
    if (lv < 0) body = 0;
    if (!vb_x_field(&x->m, VB_F_THEME_HEAD, c->text + body, c->len - body, 0))
      continue;
    /* the heading with the lines its paragraph wraps onto: a quoted theme
       may go on under it */
    const vb_xpara *hp = NULL;
    size_t under = i + 1;
    if (x->d.cell_para[i] != SIZE_MAX &&
        x->d.paras[x->d.cell_para[i]].first == i) {
      hp = &x->d.paras[x->d.cell_para[i]];
      under = hp->last + 1;
      vb_x_field(&x->m, VB_F_THEME_HEAD, hp->text + body, hp->len - body, 0);
    }
    const char *rest;
    size_t rn;
    vb_x_group(&x->m, "rest", &rest, &rn);
    VB_TRY(take_theme(x, rest, rn, hp, c->line, 1, &found));
    /* "Chủ đề: Chung tay bảo vệ trẻ em ...": unquoted after a colon */
    while (!found && rn > 0 && *rest == ' ') rest++, rn--;
    if (!found && rn > 1 && *rest == ':')
      VB_TRY(take_theme(x, rest + 1, rn - 1, hp, c->line, 0, &found));
    /* the lines under the heading */
    size_t seen = 0;
    for (size_t j = under; j < x->end && seen < 4 && !found; j++) {
      const vb_xcell *t = cell(x, j);
      if (!t->len) continue;
      seen++;
      size_t tb = 0;
      int tl = vb_x_heading_level(t->text, t->len, &tb);
      if (tl < 0) tb = 0;
      if (vb_x_field(&x->m, VB_F_THEME_HEAD, t->text + tb, t->len - tb, 0)) {
        i = j - 1; /* a narrower theme heading: start again there */
        break;
      }
      if (tl > 0) break;
      size_t pi = x->d.cell_para[j];
      const char *s = t->text;
      size_t n = t->len;
      if (pi != SIZE_MAX && x->d.paras[pi].first == j) {
        s = x->d.paras[pi].text;
        n = x->d.paras[pi].len;
      }
      VB_TRY(take_theme(x, s, n, NULL, t->line, 0, &found));
      break;
    }
  }
  for (size_t pi = 0; pi < x->d.nparas && !found; pi++) {
    const vb_xpara *p = &x->d.paras[pi];
    if (p->first < x->body_start || p->first >= x->end) continue;
    if (!vb_x_field(&x->m, VB_F_THEME_INLINE, p->text, p->len, 0)) continue;
    const char *s;
    size_t n;
    vb_x_group(&x->m, "theme", &s, &n);
    VB_TRY(vb_buf_append(&x->theme, s, n));
    x->theme_line = cell(x, vb_xpara_cell(p, (size_t)(s - p->text)))->line;
    found = 1;
  }
  return VB_OK;
}

/**************************************************************************
** 6. Closing: recipients and signature
*/

/* Append the items of one line of the list: "- A; - B; (note) - C" splits
** at a dash that follows the start, ';', '.' or ')'. */
static vb_status add_items(json_t *list, json_t *ev, xstate *x,
                           const char *s, size_t n, size_t line) {
  size_t i = 0;
  while (i < n) {
    while (i < n && (s[i] == ' ' || s[i] == '-' || s[i] == '+')) i++;
    size_t a = i;
    for (; i < n; i++) {
      if ((s[i] == '-' || s[i] == '+') && i + 1 < n && s[i + 1] == ' ' &&
          i > a) {
        size_t k = i;
        while (k > a && s[k - 1] == ' ') k--;
        if (k < i && k > a &&
            (s[k - 1] == ';' || s[k - 1] == ')' || s[k - 1] == '.'))
          break;
      }
    }
    size_t b = i;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == ';')) b--;
    if (b > a && json_array_size(list) < MAX_RECIPIENTS) {
      json_t *str = json_stringn(s + a, b - a);
      if (!str || json_array_append_new(list, str)) return VB_ENOMEM;
      char key[48];
      snprintf(key, sizeof key, "recipients[%zu]", json_array_size(list) - 1);
      VB_TRY(vb_x_evidence(ev, key, &x->d, line));
    }
  }
  return VB_OK;
}

/* Append a wrapped line to the last item of the list. */
static vb_status continue_item(json_t *list, const char *s, size_t n) {
  json_t *last = json_array_get(list, json_array_size(list) - 1);
  vb_buf b;
  vb_status rc;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ';')) n--;
  vb_buf_init(&b, VB_CAP_SMALL);
  rc = vb_buf_append(&b, json_string_value(last), json_string_length(last));
  if (rc == VB_OK) rc = vb_buf_putc(&b, ' ');
  if (rc == VB_OK) rc = vb_buf_append(&b, s, n);
  if (rc == VB_OK && json_string_setn(last, b.data, b.len)) rc = VB_ENOMEM;
  vb_buf_free(&b);
  return rc;
}

static int is_item(const vb_xcell *c) {
  return c->len > 0 && (c->text[0] == '-' || c->text[0] == '+' ||
                        (c->len >= 3 && memcmp(c->text, "\xE2\x80\xA2", 3) == 0));
}

/* The "Nơi nhận" list: items on their own lines, several on one line, or
** wrapped; labels ("Bản điện tử:") skipped. */
static vb_status read_recipients(xstate *x, json_t *list, json_t *ev) {
  size_t i;
  x->recip_cell = x->recip_last = SIZE_MAX;
  for (i = x->body_start; i < x->end; i++)
    if (match_cell(x, VB_F_RECIP_HEAD, i)) break;
  if (i >= x->end) return VB_OK;
  x->recip_cell = x->recip_last = i;
  const char *rest;
  size_t rn;
  vb_x_group(&x->m, "rest", &rest, &rn);
  if (rn && (rest[0] == '-' || rest[0] == '+' || (rn && rest[rn - 1] == ';')))
    VB_TRY(add_items(list, ev, x, rest, rn, cell(x, i)->line));
  unsigned col = cell(x, i)->col;
  for (size_t j = i + 1; j < x->end && j < i + CLOSING_CELLS; j++) {
    const vb_xcell *c = cell(x, j);
    if (c->len == 0) continue;
    if (is_item(c)) {
      VB_TRY(add_items(list, ev, x, c->text, c->len, c->line));
      x->recip_last = j;
      continue;
    }
    if (c->col != col || match_cell(x, VB_F_SIG_SKIP, j))
      continue; /* the signature beside the list, "(Đã ký)" */
    if (json_array_size(list) > 0 && !vb_vi_starts_upper(c->text, c->len) &&
        !vb_x_field(&x->m, VB_F_SIG_AUTH, c->text, c->len, 0)) {
      /* an item wrapped onto this line: "- Bộ ... (để" / "b/c);" */
      VB_TRY(continue_item(list, c->text, c->len));
      x->recip_last = j;
      continue;
    }
    if (c->text[c->len - 1] == ':' && c->len < 48) continue; /* a label */
    break;
  }
  /* an item that ended with a comma before its line wrapped */
  for (size_t k = 0; k < json_array_size(list); k++) {
    json_t *it = json_array_get(list, k);
    size_t n = json_string_length(it);
    const char *s = json_string_value(it);
    if (n > 1 && s[n - 1] == ',' && json_string_setn(it, s, n - 1))
      return VB_ENOMEM;
  }
  return VB_OK;
}

/* Parse one signature cell: authorities, the office, the name. */
typedef struct sigparse {
  int auth_tm; /* the last authority was TM. (its body may wrap) */
  int have_auth;
} sigparse;

static vb_status put_authority(xsig *g, const char *kind, size_t kn,
                               const char *s, size_t n) {
  vb_buf_reset(&g->auth);
  for (size_t i = 0; i < kn; i++) /* "T/M" is written "TM." */
    if (kind[i] != '/') VB_TRY(vb_buf_putc(&g->auth, kind[i]));
  VB_TRY(vb_buf_puts(&g->auth, ". "));
  return vb_names_office(s, n, &g->auth);
}

/* Length of the capitals at the start of s (up to a word in mixed case). */
static size_t caps_run(const char *s, size_t n) {
  size_t i = 0, end = 0;
  while (i < n) {
    while (i < n && s[i] == ' ') i++;
    size_t a = i;
    while (i < n && s[i] != ' ') i++;
    if (i == a || vb_vi_has_lower(s + a, i - a)) break;
    end = i;
  }
  return end;
}

static vb_status sig_cell(xstate *x, xsig *g, size_t ci, sigparse *sp,
                          int *done) {
  const vb_xcell *c = cell(x, ci);
  const char *s = c->text;
  size_t n = c->len;
  *done = 0;
  /* authorities: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" */
  while (n > 0 && vb_x_field(&x->m, VB_F_SIG_AUTH, s, n, 0)) {
    const char *k, *r;
    size_t kn, rn;
    vb_x_group(&x->m, "kind", &k, &kn);
    vb_x_group(&x->m, "rest", &r, &rn);
    size_t body = caps_run(r, rn);
    int tm = k[0] == 'T' && k[kn - 1] == 'M';
    /* the authority ends where an office or another authority begins */
    size_t i = 0, stop = body;
    while (i < body) {
      while (i < body && r[i] == ' ') i++;
      if (i > 0 && (vb_x_field(&x->m, VB_F_SIG_AUTH, r + i, body - i, 0) ||
                    (tm && vb_names_office_len(r + i, body - i)))) {
        stop = i;
        break;
      }
      if (!tm && i == 0) {
        size_t ol = vb_names_office_len(r, body);
        if (ol) {
          stop = ol;
          break;
        }
      }
      while (i < body && r[i] != ' ') i++;
    }
    VB_TRY(put_authority(g, k, kn, r, stop));
    sp->have_auth = 1;
    sp->auth_tm = tm;
    g->line = c->line;
    s = r + stop;
    n = rn - stop;
    while (n > 0 && *s == ' ') s++, n--;
  }
  if (n == 0) return VB_OK;
  /* the office: capitals before the name */
  size_t caps = caps_run(s, n);
  if (caps > 0) {
    size_t ol = vb_names_office_len(s, caps);
    if (sp->auth_tm && !ol && g->pos.len == 0 && sp->have_auth &&
        !memchr(s, '.', caps)) {
      /* "TM. ỦY BAN NHÂN" / "DÂN": the authority wrapped */
      vb_buf more;
      vb_buf_init(&more, VB_CAP_SMALL);
      vb_status rc = vb_buf_putc(&more, ' ');
      if (rc == VB_OK) rc = vb_names_office(s, caps, &more);
      if (rc == VB_OK) {
        /* lower-case the continuation's first letter */
        vb_buf low;
        vb_buf_init(&low, VB_CAP_SMALL);
        rc = vb_vi_lower(more.data, more.len, &low);
        if (rc == VB_OK) rc = vb_buf_append(&g->auth, low.data, low.len);
        vb_buf_free(&low);
      }
      vb_buf_free(&more);
      VB_TRY(rc);
      sp->auth_tm = 0;
    } else if (caps == n && !ol && g->pos.len > 0) {
      /* a name in capitals under the office */
      if (!vb_names_kind(s, n)) {
        VB_TRY(vb_names_person(s, n, &g->name));
        g->line = c->line;
        g->cell = ci;
        *done = 1;
        return VB_OK;
      }
    } else {
      vb_buf_reset(&g->pos);
      VB_TRY(vb_names_office(s, caps, &g->pos));
      sp->auth_tm = 0;
      if (!g->line) g->line = c->line;
    }
    s += caps;
    n -= caps;
    while (n > 0 && *s == ' ') s++, n--;
    if (n == 0) return VB_OK;
  }
  if ((g->pos.len || sp->have_auth) &&
      (vb_x_field(&x->m, VB_F_SIG_NAME, s, n, 0) ||
       vb_x_field(&x->m, VB_F_SIG_TAIL, s, n, 0))) {
    const char *p;
    size_t l;
    vb_x_group(&x->m, "name", &p, &l);
    VB_TRY(vb_names_person(p, l, &g->name));
    g->line = c->line;
    g->cell = ci;
    *done = 1;
  }
  return VB_OK;
}

/* Does cell i open a signature block? */
static int sig_start(xstate *x, size_t i) {
  const vb_xcell *c = cell(x, i);
  if (!c->len || is_item(c)) return 0;
  if (match_cell(x, VB_F_SIG_AUTH, i)) return 1;
  size_t caps = caps_run(c->text, c->len);
  return caps > 0 && vb_names_office_len(c->text, caps) == caps &&
         (caps == c->len ||
          vb_x_field(&x->m, VB_F_SIG_TAIL, c->text, c->len, 0));
}

/* The signature block that opens at cell i into g (an empty name when
** none is found before the block's end). */
static vb_status read_sig_block(xstate *x, size_t i, xsig *g) {
  sigparse sp = {0, 0};
  for (size_t j = i; j < x->end && j < i + 16; j++) {
    const vb_xcell *c = cell(x, j);
    if (!c->len || is_item(c) || match_cell(x, VB_F_SIG_SKIP, j)) continue;
    if (match_cell(x, VB_F_RECIP_HEAD, j)) continue;
    int done;
    VB_TRY(sig_cell(x, g, j, &sp, &done));
    if (done) break;
  }
  if (!g->name.len) {
    vb_buf_reset(&g->pos);
    vb_buf_reset(&g->auth);
    return VB_OK;
  }
  /* "KT. CHỦ TỊCH": a deputy signs; a position that does not say so was
     misprinted ("HỒ CHỦ TỊCH") */
  if (g->auth.len > 4 && memcmp(g->auth.data, "KT. ", 4) == 0) {
    const char *office = g->auth.data + 4;
    int deputy = g->pos.len >= 4 && memcmp(g->pos.data, "Phó ", 4) == 0;
    /* a deputy's own office: "KT. BỘ TRƯỞNG / THỨ TRƯỞNG" */
    if (!deputy && g->pos.len &&
        vb_names_office_len(g->pos.data, g->pos.len) == g->pos.len &&
        strcmp(g->pos.data, office) != 0)
      deputy = 1;
    if (!deputy) {
      vb_buf_reset(&g->pos);
      VB_TRY(vb_buf_puts(&g->pos, "Phó "));
      VB_TRY(vb_buf_puts(&g->pos, office));
    }
  }
  /* "Q. CHỦ TỊCH": the acting holder signs in his own office, "Quyền Chủ
     tịch"; nobody is signed for */
  if (g->auth.len > 3 && memcmp(g->auth.data, "Q. ", 3) == 0 &&
      (g->pos.len == 0 || strcmp(g->pos.data, g->auth.data + 3) == 0)) {
    vb_buf_reset(&g->pos);
    VB_TRY(vb_buf_puts(&g->pos, "Quyền "));
    VB_TRY(vb_buf_puts(&g->pos, g->auth.data + 3));
    vb_buf_reset(&g->auth);
  }
  return VB_OK;
}

/* The first signature block from cell `from` on. */
static vb_status next_sig_block(xstate *x, size_t from, xsig *g) {
  for (size_t i = from; i < x->end; i++)
    if (sig_start(x, i)) return read_sig_block(x, i, g);
  return VB_OK;
}

/* The signature block after the body: authority (TM./KT./TL./TUQ.),
** office and name; none when no name is found. */
static vb_status read_signer(xstate *x) {
  /* from the list (the block may start a line or two above it when they
     are laid out side by side) */
  size_t from = x->body_start;
  if (x->recip_cell != SIZE_MAX && x->recip_cell > x->body_start + 3)
    from = x->recip_cell - 3;
  return next_sig_block(x, from, &x->sig);
}

/* Does cell i carry the document on after a signature block: an
** appendix, a form, a part ("Phần I.", "II. ..."), an attached document
** (its type, motto, number or issuer), a list of recipients or another
** signature? */
static int goes_on(xstate *x, size_t i) {
  const vb_xcell *c = cell(x, i);
  return match_cell(x, VB_F_APPENDIX, i) || match_cell(x, VB_F_DOC_TYPE, i) ||
         match_cell(x, VB_F_DOC_BEGIN, i) || match_cell(x, VB_F_NUMBER, i) ||
         match_cell(x, VB_F_RECIP_HEAD, i) || sig_start(x, i) ||
         vb_x_heading_level(c->text, c->len, NULL) == 1 ||
         (all_caps(c->text, c->len) && vb_names_kind(c->text, c->len));
}

/* Web page text after the document ("TIN LIÊN QUAN", a site's footer):
** the document ends after its signature block (and the list of recipients
** beside or under it) unless an appendix or an attached document follows,
** which ends in turn at its own signature block, if it has one. */
static vb_status find_tail_end(xstate *x) {
  if (x->sig.cell == SIZE_MAX) return VB_OK;
  size_t from = x->sig.cell + 1;
  if (x->recip_last != SIZE_MAX && x->recip_last >= from)
    from = x->recip_last + 1;
  while (from < x->end) {
    size_t i = from;
    while (i < x->end && (cell(x, i)->len == 0 ||
                          match_cell(x, VB_F_SIG_SKIP, i) ||
                          match_cell(x, VB_F_PAGE_MARK, i)))
      i++;
    if (i >= x->end) return VB_OK;
    if (!goes_on(x, i)) {
      x->end = i;
      return VB_OK;
    }
    xsig g;
    xsig_init(&g);
    vb_status rc = next_sig_block(x, i + 1, &g);
    size_t next = g.name.len ? g.cell : SIZE_MAX;
    xsig_free(&g);
    VB_TRY(rc);
    if (next == SIZE_MAX) return VB_OK;
    from = next + 1;
  }
  return VB_OK;
}

/**************************************************************************
** The record
*/

/* Set key to a string (NULL or "" -> null) and its evidence. */
static vb_status put_str(json_t *rec, json_t *ev, const xstate *x,
                         const char *key, const char *s, size_t n,
                         size_t line) {
  if (!s || n == 0) return json_object_set_new(rec, key, json_null())
                               ? VB_ENOMEM
                               : VB_OK;
  json_t *v = json_stringn(s, n);
  if (!v || json_object_set_new(rec, key, v)) return VB_ENOMEM;
  return vb_x_evidence(ev, key, &x->d, line);
}

static vb_status put_cstr(json_t *rec, json_t *ev, const xstate *x,
                          const char *key, const char *s, size_t line) {
  return put_str(rec, ev, x, key, s, s ? strlen(s) : 0, line);
}

static vb_status put_refs(json_t *rec, json_t *ev, xstate *x) {
  json_t *list = json_array();
  if (!list || json_object_set_new(rec, "references", list)) return VB_ENOMEM;
  for (size_t i = 0; i < x->nrefs; i++) {
    const xref *r = &x->refs[i];
    json_t *o = json_object();
    if (!o || json_array_append_new(list, o)) return VB_ENOMEM;
    if (json_object_set_new(o, "type", json_string(r->type)) ||
        json_object_set_new(o, "id", r->id[0] ? json_string(r->id)
                                               : json_null()) ||
        json_object_set_new(o, "date", r->date[0] ? json_string(r->date)
                                                  : json_null()) ||
        json_object_set_new(o, "issuer", r->issuer ? json_string(r->issuer)
                                                   : json_null()) ||
        json_object_set_new(o, "relation",
                            json_string(vb_relation_name(r->rel))))
      return VB_ENOMEM;
    char key[48];
    snprintf(key, sizeof key, "references[%zu]", i);
    VB_TRY(vb_x_evidence(ev, key, &x->d, r->line));
  }
  return VB_OK;
}

/* The first year the title names (0: none). */
static int title_year(const xstate *x) {
  const char *s = x->title.data;
  for (size_t i = 0; s && i + 4 <= x->title.len; i++) {
    if ((s[i] == '1' && s[i + 1] == '9') || (s[i] == '2' && s[i + 1] == '0')) {
      if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') continue;
      if (i + 4 < x->title.len && s[i + 4] >= '0' && s[i + 4] <= '9') continue;
      int v = atoi(s + i);
      if (v >= 1900 && v <= 2100) return v;
    }
  }
  return 0;
}

static vb_status build_record(xstate *x, json_t *rec, json_t *ev) {
  char iso[11];
  const vb_doc *doc = x->doc;
  if (json_object_set_new(rec, "source", json_string(doc->source ? doc->source
                                                                 : "")) ||
      json_object_set_new(rec, "sha256", json_string(doc->sha256)) ||
      json_object_set_new(rec, "format", json_string(doc->format ? doc->format
                                                                 : "txt")))
    return VB_ENOMEM;
  /* Only a converted document says so: other records stay as they were. */
  if (doc->encoding[0] &&
      json_object_set_new(rec, "encoding", json_string(doc->encoding)))
    return VB_ENOMEM;
  size_t type_line = x->type_cell != SIZE_MAX ? cell(x, x->type_cell)->line
                                              : x->meta_line[META_TYPE];
  const char *type = x->doc_type;
  if (!type && x->meta[META_TYPE][0])
    type = vb_doctype_canon(x->meta[META_TYPE], strlen(x->meta[META_TYPE]));
  if (!type && x->has_symbol) { /* the symbol's type code */
    type = vb_doctype_from_code(x->symbol, strcspn(x->symbol, "-/"));
    type_line = x->num_cell != SIZE_MAX ? cell(x, x->num_cell)->line : 0;
  }
  VB_TRY(put_cstr(rec, ev, x, "doc_type", type, type_line));
  size_t num_line = x->num_cell != SIZE_MAX ? cell(x, x->num_cell)->line
                                            : x->meta_line[META_NUMBER];
  VB_TRY(put_cstr(rec, ev, x, "number", x->has_number ? x->number : NULL,
                  num_line));
  VB_TRY(put_cstr(rec, ev, x, "symbol", x->has_symbol ? x->symbol : NULL,
                  num_line));
  VB_TRY(put_cstr(rec, ev, x, "place", x->place[0] ? x->place : NULL,
                  x->place_line));
  VB_TRY(put_cstr(rec, ev, x, "date",
                  vb_x_date_iso(&x->date, iso) ? iso : NULL, x->date_line));
  /* year: the date's, else the title's, else the period's */
  if (x->date.y) {
    x->year = x->date.y;
    x->year_line = x->date_line;
  } else if ((x->year = title_year(x)) != 0) {
    x->year_line = cell(x, x->title_first)->line;
  } else if (x->has_period && x->pfrom.y) {
    x->year = x->pfrom.y;
    x->year_line = x->period_line;
  }
  if (x->year) {
    if (json_object_set_new(rec, "year", json_integer(x->year))) return VB_ENOMEM;
    VB_TRY(vb_x_evidence(ev, "year", &x->d, x->year_line));
  } else if (json_object_set_new(rec, "year", json_null())) {
    return VB_ENOMEM;
  }
  VB_TRY(put_str(rec, ev, x, "issuer", x->issuer.data, x->issuer.len,
                 x->issuer_line));
  VB_TRY(put_cstr(rec, ev, x, "province",
                  x->loc.province ? x->loc.province->name : NULL, x->loc_line));
  VB_TRY(put_str(rec, ev, x, "title", x->title.data, x->title.len,
                 x->title_first != SIZE_MAX ? cell(x, x->title_first)->line : 0));
  VB_TRY(put_str(rec, ev, x, "theme", x->theme.data, x->theme.len,
                 x->theme_line));
  if (x->has_period && vb_x_date_iso(&x->pfrom, iso)) {
    char to[11];
    json_t *o = json_object();
    if (!o || json_object_set_new(rec, "period", o) ||
        json_object_set_new(o, "from", json_string(iso)) ||
        json_object_set_new(o, "to", vb_x_date_iso(&x->pto, to)
                                         ? json_string(to)
                                         : json_null()))
      return VB_ENOMEM;
    VB_TRY(vb_x_evidence(ev, "period", &x->d, x->period_line));
  } else if (json_object_set_new(rec, "period", json_null())) {
    return VB_ENOMEM;
  }
  if (x->sig.name.len) {
    json_t *o = json_object();
    if (!o || json_object_set_new(rec, "signer", o) ||
        json_object_set_new(o, "name",
                            json_stringn(x->sig.name.data, x->sig.name.len)) ||
        json_object_set_new(o, "position",
                            x->sig.pos.len ? json_stringn(x->sig.pos.data,
                                                          x->sig.pos.len)
                                           : json_null()) ||
        json_object_set_new(o, "authority",
                            x->sig.auth.len ? json_stringn(x->sig.auth.data,
                                                           x->sig.auth.len)
                                            : json_null()))
      return VB_ENOMEM;
    VB_TRY(vb_x_evidence(ev, "signer", &x->d, x->sig.line));
  } else if (x->meta[META_SIGNER][0]) { /* the web page's "Người ký" */
    json_t *o = json_object();
    if (!o || json_object_set_new(rec, "signer", o) ||
        json_object_set_new(o, "name", json_string(x->meta[META_SIGNER])) ||
        json_object_set_new(o, "position", json_null()) ||
        json_object_set_new(o, "authority", json_null()))
      return VB_ENOMEM;
    VB_TRY(vb_x_evidence(ev, "signer", &x->d, x->meta_line[META_SIGNER]));
  } else if (json_object_set_new(rec, "signer", json_null())) {
    return VB_ENOMEM;
  }
  return put_refs(rec, ev, x);
}

/**************************************************************************
** The extractor
*/

vb_status vb_extractor_new(vb_extractor **out, vb_error *err) {
  vb_extractor *ex = vb_calloc(1, sizeof *ex);
  *out = NULL;
  if (!ex) return vb_error_set(err, VB_ENOMEM, "out of memory");
  vb_status rc = vb_xrules_new(&ex->rules, err);
  if (rc != VB_OK) {
    vb_free(ex);
    return rc;
  }
  *out = ex;
  return VB_OK;
}

void vb_extractor_free(vb_extractor *ex) {
  if (!ex) return;
  vb_xrules_free(ex->rules);
  vb_free(ex);
}

static void xstate_free(xstate *x) {
  vb_xdoc_free(&x->d);
  vb_xmatch_free(&x->m);
  vb_buf_free(&x->title);
  vb_buf_free(&x->issuer);
  vb_buf_free(&x->theme);
  xsig_free(&x->sig);
  for (size_t i = 0; i < x->nrefs; i++) vb_free(x->refs[i].issuer);
  vb_free(x->refs);
}

static vb_status extract_all(xstate *x, json_t *rec, json_t *ev,
                             json_t *recips) {
  find_bounds(x);
  read_number(x);
  VB_TRY(read_place_date(x));
  VB_TRY(read_type_title(x));
  /* the body starts after the title (or the header) */
  x->body_start = x->begin;
  if (x->title_last != SIZE_MAX) x->body_start = x->title_last + 1;
  else if (x->type_cell != SIZE_MAX) x->body_start = x->type_cell + 1;
  else if (x->num_cell != SIZE_MAX) x->body_start = x->num_cell + 1;
  find_end(x, x->body_start);
  read_meta(x);
  if (!x->has_number && !x->has_symbol) read_number(x);
  if (!x->date.y) VB_TRY(read_place_date(x));
  find_summary_end(x);
  VB_TRY(read_recipients(x, recips, ev));
  VB_TRY(read_signer(x));
  VB_TRY(find_tail_end(x));
  read_locality(x);
  VB_TRY(read_issuer(x));
  VB_TRY(read_refs(x));
  VB_TRY(read_theme(x));
  read_period(x);
  VB_TRY(build_record(x, rec, ev));
  return VB_OK;
}

vb_status vb_extract(const vb_extractor *ex, const vb_doc *doc, json_t **out,
                     vb_error *err) {
  xstate x;
  vb_status rc;
  json_t *rec = NULL, *ev = NULL, *recips = NULL;
  *out = NULL;
  if (!ex || !doc || (!doc->text && doc->text_len))
    return vb_error_set(err, VB_EINVAL, "no extractor or no document");
  memset(&x, 0, sizeof x);
  x.doc = doc;
  vb_buf_init(&x.title, VB_CAP_SMALL);
  vb_buf_init(&x.issuer, VB_CAP_SMALL);
  vb_buf_init(&x.theme, VB_CAP_SMALL);
  xsig_init(&x.sig);
  rc = vb_xdoc_build(doc->text ? doc->text : "", doc->text_len, &x.d, err);
  if (rc != VB_OK) goto done;
  if (doc->npages) x.d.paged = doc;
  rc = vb_xmatch_init(&x.m, ex->rules);
  if (rc != VB_OK) goto done;
  rec = json_object();
  ev = json_object();
  recips = json_array();
  if (!rec || !ev || !recips) {
    rc = VB_ENOMEM;
    goto done;
  }
  rc = extract_all(&x, rec, ev, recips);
  if (rc != VB_OK) goto done;
  if (json_object_set(rec, "recipients", recips) ||
      json_object_set_new(rec, "units", json_array()) ||
      json_object_set_new(rec, "deadlines", json_array()) ||
      json_object_set_new(rec, "reports", json_array()) ||
      json_object_set(rec, "evidence", ev)) {
    rc = VB_ENOMEM;
    goto done;
  }
  rc = vb_x_duties(&x.m, &x.d, x.begin, x.end, &x.loc, x.year, rec, ev, err);
  if (rc != VB_OK) goto done;
  if (doc->nocr) { /* text read by OCR: say which pages, how sure */
    json_t *o = json_object(), *pages;
    if (!o || json_object_set_new(rec, "ocr", o) ||
        json_object_set_new(o, "pages", pages = json_array()) ||
        json_object_set_new(o, "confidence",
                            json_real((double)(long)(doc->ocr_conf * 10 + 0.5) / 10))) {
      rc = VB_ENOMEM;
      goto done;
    }
    for (size_t p = 0; p < doc->npages; p++)
      if (doc->page_ocr[p] &&
          json_array_append_new(pages, json_integer((json_int_t)p + 1))) {
        rc = VB_ENOMEM;
        goto done;
      }
  }
  *out = rec;
  rec = NULL;
done:
  json_decref(rec);
  json_decref(ev);
  json_decref(recips);
  xstate_free(&x);
  if (rc != VB_OK && rc != VB_EINVAL && (!err || err->code != rc))
    vb_error_set(err, rc, "%s while extracting %s", vb_strerror(rc),
                 doc->source ? doc->source : "a document");
  return rc;
}
