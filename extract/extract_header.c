/*
** extract_header.c: small helpers, numbers and symbols, the bounds of
** the document and its header (number, place and date, type, title, issuer
** block).  Part of the record extractor (record_int.h).
*/
#include "record_int.h"

/**************************************************************************
** Small helpers
*/

const vb_xcell *xs_cell(const xstate *x, size_t i) {
  return &x->d.cells[i];
}

int xs_match_cell(xstate *x, vb_field field, size_t i) {
  const vb_xcell *c = xs_cell(x, i);
  return c->len > 0 && vb_x_field(&x->m, field, c->text, c->len, 0);
}

/* Copy a group of the last match into buf (cap bytes); "" when absent. */
size_t xs_group_copy(const xstate *x, const char *name, char *buf,
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
void xs_trim(char *s, const char *tail) {
  size_t n = strlen(s), a = 0;
  while (s[a] == ' ') a++;
  while (n > a && (s[n - 1] == ' ' || strchr(tail, s[n - 1]))) n--;
  memmove(s, s + a, n - a);
  s[n - a] = '\0';
}

int xs_is_blank_char(char c) {
  return c == '.' || c == '_' || c == ' ';
}

/* Does s hold only capitals, digits and punctuation? */
int xs_all_caps(const char *s, size_t n) {
  return n > 0 && !vb_vi_has_lower(s, n);
}

/**************************************************************************
** Numbers and symbols
*/

/* Read the id of a "Số:" line word by word: "622 /KH-UBND", "QĐ - U B ND",
** stopping at the place of a header laid out on one line ("Hà Nội, ngày
** ...").  The words are joined without spaces into out. */
void xs_read_header_id(const char *s, size_t n, char *out, size_t cap) {
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
  xs_trim(out, ".,;:");
}

/* Split a compact id into number and symbol: "49/2012/QĐ-UBND" -> "49/2012"
** + "QĐ-UBND"; "119-KH/TU" -> "119" + "KH/TU"; "/KH-UBND" -> no number.
** Blanks ("....", "___") count as no number. */
void xs_split_id(const char *id, char *num, size_t ncap, char *sym,
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
    while (j < n && (xs_is_blank_char(id[j]) ||
                     (n - j >= 3 && memcmp(id + j, "\xE2\x80\xA6", 3) == 0)))
      j += xs_is_blank_char(id[j]) ? 1 : 3;
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
  while (e > 0 && (xs_is_blank_char(sym[e - 1]) || sym[e - 1] == '-' ||
                   (e >= 3 && memcmp(sym + e - 3, "\xE2\x80\xA6", 3) == 0)))
    e -= (e >= 3 && memcmp(sym + e - 3, "\xE2\x80\xA6", 3) == 0) ? 3 : 1;
  sym[e] = '\0';
  *has_sym = e > 0 && vb_vi_starts_upper(sym, e);
  if (!*has_sym) sym[0] = '\0';
}

/* Remove spaces from an id as written ("27/NQ- TW" -> "27/NQ-TW"). */
void xs_compact_id(const char *s, size_t n, char *out, size_t cap) {
  size_t k = 0;
  for (size_t i = 0; i < n && k + 1 < cap; i++)
    if (s[i] != ' ') out[k++] = s[i];
  out[k] = '\0';
  xs_trim(out, ".,;:-/");
}

/**************************************************************************
** 1. Bounds and metadata
*/

/* Could cell i be part of an issuer block above the motto? */
int xs_header_like(const xstate *x, size_t i) {
  const vb_xcell *c = xs_cell(x, i);
  if (c->len == 0) return 1;
  if (c->len > 160 || memchr(c->text, ':', c->len)) return 0;
  return xs_all_caps(c->text, c->len) && vb_vi_starts_upper(c->text, c->len);
}

size_t xs_walk_back(const xstate *x, size_t i) {
  size_t lim = i > HEADER_BACK ? i - HEADER_BACK : 0;
  while (i > lim && xs_header_like(x, i - 1)) i--;
  while (i < x->d.ncells && xs_cell(x, i)->len == 0) i++;
  return i;
}

void xs_find_bounds(xstate *x) {
  static const vb_field marks[] = {VB_F_DOC_BEGIN, VB_F_NUMBER,
                                   VB_F_DOC_TYPE};
  size_t n = x->d.ncells, first = n;
  x->begin = 0;
  x->end = n;
  /* the earliest of the motto, the number line and the type line (a form
     in an appendix repeats them later) */
  for (int k = 0; k < 3; k++)
    for (size_t i = 0; i < first; i++)
      if (xs_match_cell(x, marks[k], i)) {
        first = i;
        break;
      }
  if (first < n) x->begin = xs_walk_back(x, first);
}

/* The end of the document: the first line of web page text after its
** header. */
void xs_find_end(xstate *x, size_t from) {
  for (size_t i = from; i < x->d.ncells; i++)
    if (xs_match_cell(x, VB_F_DOC_END, i)) {
      x->end = i;
      return;
    }
}

/* A web page repeats the document's name after it: "Kế hoạch 980/KH-UBND
** năm 2025 ...".  The first such line after the body ends the document. */
void xs_find_summary_end(xstate *x) {
  if (!x->doc_type || !x->has_symbol) return;
  char want[2 * ID_MAX + 64], got[2 * ID_MAX + 64];
  snprintf(want, sizeof want, "%s %s%s%s", x->doc_type,
           x->has_number ? x->number : "", x->has_number ? "/" : "",
           x->symbol);
  size_t wl = vb_name_key(want, strlen(want), want, sizeof want);
  size_t tl = strlen(x->doc_type);
  for (size_t i = x->body_start; i < x->end; i++) {
    const vb_xcell *c = xs_cell(x, i);
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
int xs_in_doc(const xstate *x, const vb_xpara *p, size_t off) {
  size_t c = vb_xpara_cell(p, off);
  return c >= x->begin && c < x->end;
}

void xs_read_meta(xstate *x) {
  static const char *const labels[] = {"số hiệu", "loại văn bản",
                                       "nơi ban hành", "người ký",
                                       "ngày ban hành"};
  for (size_t i = 0; i < x->d.ncells; i++) {
    if (i == x->begin) i = x->end;
    if (i >= x->d.ncells) break;
    if (!xs_match_cell(x, VB_F_META, i)) continue;
    char label[64], value[TEXT_CAP], key[64];
    xs_group_copy(x, "label", label, sizeof label);
    xs_group_copy(x, "value", value, sizeof value);
    size_t line = xs_cell(x, i)->line;
    if (!value[0]) { /* the value sits in the next cell */
      for (size_t j = i + 1; j < x->d.ncells && j <= i + 4; j++) {
        const vb_xcell *c = xs_cell(x, j);
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

/* Is the number line at cell i the number of the decision that set up the
** issuing body, ending the line above ("ĐOÀN KIỂM TRA THEO QUYẾT ĐỊNH" /
** "SỐ 1234/QĐ-UBND")? */
static int founding_number(xstate *x, size_t i) {
  static const char *const ends[] = {"QUYẾT ĐỊNH", "Quyết định", "QĐ"};
  size_t line = xs_cell(x, i)->line;
  for (size_t j = i; j-- > x->begin && xs_cell(x, j)->line + 1 >= line;) {
    const vb_xcell *c = xs_cell(x, j);
    for (size_t k = 0; k < sizeof ends / sizeof ends[0]; k++) {
      size_t l = strlen(ends[k]);
      if (c->len > l && c->text[c->len - l - 1] == ' ' &&
          memcmp(c->text + c->len - l, ends[k], l) == 0)
        return 1;
    }
  }
  return 0;
}

/* 1 if a cell is a number and symbol alone, as a web page's table puts it
** on the line under "Số:" ("Số:" / "06/2024/QĐ-UBND"). */
static int id_cell(const char *s, size_t n) {
  if (n < 3 || n > 40 || s[0] < '0' || s[0] > '9' || !memchr(s, '/', n))
    return 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] == ' ') return 0;
  return 1;
}

/* Number and symbol from the first "Số:" line of the header, else from the
** web page's "Số hiệu". */
void xs_read_number(xstate *x) {
  size_t lim = x->begin + HEADER_CELLS;
  if (lim > x->end) lim = x->end;
  x->num_cell = SIZE_MAX;
  for (size_t i = x->begin; i < lim; i++) {
    if (!xs_match_cell(x, VB_F_NUMBER, i) || founding_number(x, i)) continue;
    const char *p;
    size_t n;
    char id[ID_MAX];
    if (!vb_x_group(&x->m, "id", &p, &n)) n = 0;
    size_t k = i + 1; /* the next cell with text */
    while (k < lim && xs_cell(x, k)->len == 0) k++;
    if (n == 0 && k < lim &&
        (xs_cell(x, k)->line == xs_cell(x, i)->line ||
         (xs_cell(x, k)->len > 1 && xs_cell(x, k)->text[0] == '/') ||
         id_cell(xs_cell(x, k)->text, xs_cell(x, k)->len))) {
      /* "Số:" and its value in two columns, or a blank number's symbol on
      ** a line of its own in a converted page ("Số:" / "/QĐ-UBND") */
      p = xs_cell(x, k)->text;
      n = xs_cell(x, k)->len;
    }
    xs_read_header_id(p, n, id, sizeof id);
    xs_split_id(id, x->number, sizeof x->number, x->symbol, sizeof x->symbol,
             &x->has_number, &x->has_symbol);
    if (!x->has_number && !x->has_symbol) continue;
    x->num_cell = i;
    return;
  }
  if (x->meta[META_NUMBER][0]) { /* the web page's "Số hiệu" */
    char id[ID_MAX];
    xs_compact_id(x->meta[META_NUMBER], strlen(x->meta[META_NUMBER]), id,
               sizeof id);
    xs_split_id(id, x->number, sizeof x->number, x->symbol, sizeof x->symbol,
             &x->has_number, &x->has_symbol);
  }
}

/* Could a cell hold the start of a wrapped "Place, ngày ..." line? */
int xs_may_wrap_date(const char *s, size_t n) {
  return n < 120 && vb_vi_starts_upper(s, n);
}

/* Try the place and date rules on text (a cell, or a cell and the next
** one when the date wraps); 1 when found. */
int xs_place_date_in(xstate *x, const char *text, size_t n, size_t line,
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
  xs_group_copy(x, "place", x->place, sizeof x->place);
  xs_trim(x->place, ",.;:");
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
vb_status xs_read_place_date(xstate *x) {
  size_t lim = x->begin + HEADER_CELLS;
  if (lim > x->end) lim = x->end;
  vb_buf two;
  vb_buf_init(&two, VB_CAP_SMALL);
  for (size_t i = x->begin; i < lim; i++) {
    const vb_xcell *c = xs_cell(x, i);
    if (!c->len) continue;
    if (xs_place_date_in(x, c->text, c->len, c->line, SIZE_MAX, 0)) break;
    /* "*Nghệ An, ngày 18" / "tháng 11 năm 2025*" */
    if (i + 1 < x->d.ncells && xs_cell(x, i + 1)->line == c->line + 1 &&
        xs_cell(x, i + 1)->len && xs_may_wrap_date(c->text, c->len)) {
      vb_buf_reset(&two);
      VB_TRY(vb_buf_append(&two, c->text, c->len));
      VB_TRY(vb_buf_putc(&two, ' '));
      VB_TRY(vb_buf_append(&two, xs_cell(x, i + 1)->text, xs_cell(x, i + 1)->len));
      if (xs_place_date_in(x, two.data, two.len, c->line, c->len + 1,
                        xs_cell(x, i + 1)->line))
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
int xs_title_stops(xstate *x, size_t i) {
  return xs_match_cell(x, VB_F_TITLE_STOP, i) || xs_match_cell(x, VB_F_SIG_AUTH, i) ||
         xs_match_cell(x, VB_F_DOC_BEGIN, i) || xs_match_cell(x, VB_F_PLACE_DATE, i);
}

/* Is the first line under the type a summary although it opens like the
** preamble ("Thực hiện phong trào ... năm 2020")?  The preamble is a
** sentence that ends with ':' or ';' or names what the issuer does ("...,
** UBND huyện xây dựng kế hoạch"); a summary is short and ends bare. */
int xs_title_despite_stop(xstate *x, size_t t) {
  size_t pi = x->d.cell_para[t];
  if (pi == SIZE_MAX || x->d.paras[pi].first != t ||
      !xs_match_cell(x, VB_F_TITLE_LEAD, t))
    return 0;
  const vb_xpara *p = &x->d.paras[pi];
  char last = p->text[p->len - 1];
  return p->len <= TITLE_BYTES / 2 && last != ':' && last != ';' &&
         last != ',' &&
         !vb_x_field(&x->m, VB_F_ISSUER_SENTENCE, p->text, p->len, 0);
}

/* Collect the summary from cell t on: lines up to a blank line or a line
** that starts the body; in capitals, up to the first line in mixed case. */
vb_status xs_collect_title(xstate *x, size_t t) {
  int caps = 0;
  for (size_t k = 0; t < x->end && k < TITLE_LINES; t++, k++) {
    const vb_xcell *c = xs_cell(x, t);
    if (c->len == 0) break;
    if (k > 0 && xs_title_stops(x, t)) break;
    /* a summary in capitals ends at a line in mixed case, unless that line
       goes on with what it is about: "KẾT LUẬN" / "HỘI NGHỊ LẦN THỨ BA ..."
       / "về bảo vệ môi trường ..." */
    if (k > 0 && caps && vb_vi_has_lower(c->text, c->len)) {
      if (c->len < 5 || memcmp(c->text, "về ", 5) != 0) break;
      caps = 0;
    }
    if (k == 0 && ((xs_title_stops(x, t) && !xs_title_despite_stop(x, t)) ||
                   xs_match_cell(x, VB_F_DOC_TYPE, t)))
      break;
    if (x->title.len + c->len > TITLE_BYTES) break;
    const char *s = c->text;
    size_t n = c->len;
    if (k == 0) {
      if (xs_match_cell(x, VB_F_TITLE_VV, t)) /* "V/v" is dropped */
        vb_x_group(&x->m, "title", &s, &n);
      caps = xs_all_caps(s, n);
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
vb_status xs_read_type_title(xstate *x) {
  size_t lim = x->begin + HEADER_CELLS;
  if (lim > x->end) lim = x->end;
  x->type_cell = SIZE_MAX;
  x->title_first = x->title_last = SIZE_MAX;
  for (size_t i = x->begin; i < lim; i++) {
    if (!xs_match_cell(x, VB_F_DOC_TYPE, i)) continue;
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
    while (t < x->end && xs_cell(x, t)->len == 0) t++;
    return xs_collect_title(x, t);
  }
  /* an official letter: "V/v ..." under the number */
  for (size_t t = x->begin; t < lim; t++)
    if (xs_match_cell(x, VB_F_TITLE_VV, t)) {
      x->doc_type = vb_doctype_canon("Công văn", strlen("Công văn"));
      x->type_cell = t;
      return xs_collect_title(x, t);
    }
  return VB_OK;
}

