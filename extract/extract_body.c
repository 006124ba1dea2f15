/*
** extract_body.c: the body: references, period and theme.  Part of
** the record extractor (record_int.h).
*/
#include "record_int.h"

/**************************************************************************
** 5. Body: references
*/

/* The leading digits of a number without leading zeros ("0130" -> "130"). */
void xs_number_key(const char *id, char *out, size_t cap) {
  size_t k = 0;
  while (*id == '0' && id[1] >= '0' && id[1] <= '9') id++;
  while (*id >= '0' && *id <= '9' && k + 1 < cap) out[k++] = *id++;
  out[k] = '\0';
}

/* Key of the first part of a symbol ("KH-LĐTĐ&XH" -> "kh"). */
void xs_symbol_key(const char *sym, char *out, size_t cap) {
  size_t n = strcspn(sym, "-/");
  vb_name_key(sym, n, out, cap);
}

/* The issuer of a reference from its symbol: the part after the type code
** ("QĐ-TTg" -> Thủ tướng Chính phủ, "TTLT-BTC-BLĐTBXH" -> both ministries,
** "LĐTBXH-KH" -> the department). */
vb_status xs_issuer_from_symbol(xstate *x, const char *type,
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
vb_status xs_issuer_from_text(xstate *x, const char *s, size_t n,
                                  vb_buf *out, int *known) {
  if (vb_x_field(&x->m, VB_F_REF_ISSUER_OFFICE, s, n, 0)) {
    s += x->m.end;
    n -= x->m.end;
  }
  return vb_names_canon(s, n, &x->loc, out, known);
}

int xs_same_ref(const xref *a, const xref *b) {
  if (a->type != b->type) return 0;
  if (strcmp(a->numkey, b->numkey) != 0) return 0;
  if (a->id[0] && strcmp(a->symkey, b->symkey) != 0) return 0;
  if (!a->id[0] != !b->id[0]) return 0;
  if (!a->id[0]) return strcmp(a->date, b->date) == 0;
  return !a->date[0] || !b->date[0] || strcmp(a->date, b->date) == 0;
}

vb_status xs_add_ref(xstate *x, xref *r) {
  for (size_t i = 0; i < x->nrefs; i++) {
    xref *o = &x->refs[i];
    if (!xs_same_ref(o, r)) continue;
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
  if (vb_grow(&x->refs, &x->crefs, x->nrefs + 1, sizeof *x->refs) != VB_OK) {
    vb_free(r->issuer);
    return VB_ENOMEM;
  }
  x->refs[x->nrefs++] = *r;
  return VB_OK;
}

/* The document's own number cited in its appendix ("Kèm theo Kế hoạch số
** 980/KH-UBND") is not a reference.  When the document's number is left
** blank (a draft), only a citation of the same symbol and the same date of
** issue is the document itself: another plan of the same body shares the
** symbol. */
int xs_is_own(const xstate *x, const char *num, const char *sym,
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
  xs_number_key(num, na, sizeof na);
  xs_number_key(x->number, nb, sizeof nb);
  return strcmp(na, nb) == 0;
}

/* Does paragraph p open as an item of a list ("a) ", "- ", "+ ")? */
static int xs_list_item(const vb_xpara *p) {
  const char *s = p->text;
  if (p->len >= 2 && (s[0] == '-' || s[0] == '+') && s[1] == ' ') return 1;
  if (p->len >= 3 && s[1] == ')' && s[2] == ' ' && s[0] >= 'a' && s[0] <= 'z')
    return 1;
  return p->len >= 4 && memcmp(s, "đ) ", 4) == 0;
}

/* Is paragraph p a page's number ("2"), which may part two items? */
static int xs_page_number(const vb_xpara *p) {
  if (p->len == 0 || p->len > 4) return 0;
  for (size_t i = 0; i < p->len; i++)
    if (p->text[i] < '0' || p->text[i] > '9') return 0;
  return 1;
}

/* A citation in an item of a list takes the act of the lead over the list:
** "2. Bãi bỏ các Quyết định sau đây:" / "a) Quyết định số 23/2011/QĐ-UBND
** ..." repeals it (replaces, repeals and amends only). */
static vb_status xs_item_relation(xstate *x, const vb_xpara *p, int *rel) {
  size_t pi = (size_t)(p - x->d.paras);
  if (pi >= x->d.nparas || !xs_list_item(p)) return VB_OK;
  for (size_t k = 0; pi > 0 && k < 24; k++) {
    const vb_xpara *q = &x->d.paras[--pi];
    if (q->first < x->body_start) break;
    if (xs_list_item(q) || xs_page_number(q)) continue;
    size_t n = q->len;
    while (n > 0 && q->text[n - 1] == ' ') n--;
    if (n == 0 || q->text[n - 1] != ':') break;
    int r;
    VB_TRY(vb_x_relation(q->text, n, 0, n, n, VB_REL_IN_BODY, &r));
    if (r == VB_REL_REPLACES || r == VB_REL_REPEALS || r == VB_REL_AMENDS)
      *rel = r;
    break;
  }
  return VB_OK;
}

/* The relation of the citation matched in paragraph p (see relations.c). */
vb_status xs_ref_relation(xstate *x, const vb_xpara *p, int *rel) {
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
  if (*rel == VB_REL_CITES && where == VB_REL_IN_BODY)
    VB_TRY(xs_item_relation(x, p, rel));
  /* "HƯỚNG DẪN / Thực hiện Thông tư số ...": the type says it */
  if ((where == VB_REL_IN_TITLE ||
       (x->type_cell != SIZE_MAX && p->first == x->type_cell + 1)) &&
      *rel == VB_REL_IMPLEMENTS && x->doc_type &&
      strcmp(x->doc_type, "Hướng dẫn") == 0)
    *rel = VB_REL_GUIDES;
  return VB_OK;
}

/* The date a citation without one of its own is given by the sentence
** that leads to it (rule ref_issued_on): "Ngày 11/12/2025, Quốc hội đã
** ban hành Nghị quyết số 254/2025/QH15".  The citation starts at `start`
** of p; runs a rule, so the caller's match is spent. */
static vb_status xs_ref_issued_on(xstate *x, const vb_xpara *p, size_t start,
                                  xref *r) {
  size_t a = start;
  while (a > 0 && p->text[a - 1] != ';' &&
         !(p->text[a - 1] == ' ' && a >= 2 && p->text[a - 2] == '.'))
    a--;
  const char *s;
  size_t n;
  vb_xdate dt;
  if (vb_x_field(&x->m, VB_F_REF_ISSUED_ON, p->text + a, start - a, 0) &&
      vb_x_group(&x->m, "date", &s, &n) && vb_x_parse_date(s, n, &dt) &&
      dt.d)
    vb_x_date_iso(&dt, r->date);
  return VB_OK;
}

vb_status xs_ref_match(xstate *x, const vb_xpara *p) {
  xref r;
  const char *s;
  size_t n, start = x->m.start;
  vb_status rc;
  int law = !vb_x_group(&x->m, "id", &s, &n); /* cited by name and date */
  memset(&r, 0, sizeof r);
  vb_x_group(&x->m, "type", &s, &n);
  r.type = vb_doctype_canon(s, n);
  if (!r.type) return VB_OK;
  r.line = xs_cell(x, vb_xpara_cell(p, x->m.start))->line;
  VB_TRY(xs_ref_relation(x, p, &r.rel));
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
    xs_compact_id(s, n, r.id, sizeof r.id);
    xs_split_id(r.id, num, sizeof num, sym, sizeof sym, &hn, &hs);
    if (!hn || !hs || xs_is_own(x, num, sym, r.date)) return VB_OK;
    xs_number_key(num, r.numkey, sizeof r.numkey);
    xs_symbol_key(sym, r.symkey, sizeof r.symkey);
    int known = 0;
    rc = VB_OK;
    if (vb_x_group(&x->m, "issuer", &s, &n))
      rc = xs_issuer_from_text(x, s, n, &iss, &known);
    if (rc == VB_OK && !known) {
      /* an unrecognised name ("Liên Bộ: ..."): the symbol says more */
      vb_buf alt;
      vb_buf_init(&alt, VB_CAP_SMALL);
      rc = xs_issuer_from_symbol(x, r.type, sym, &alt);
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
  if (!r.date[0]) VB_TRY(xs_ref_issued_on(x, p, start, &r));
  return xs_add_ref(x, &r);
}

/* Every citation in the document proper (appendices included), in order. */
vb_status xs_read_refs(xstate *x) {
  x->preamble_end = vb_x_preamble_end(&x->d, x->body_start, x->end);
  for (size_t pi = 0; pi < x->d.nparas; pi++) {
    const vb_xpara *p = &x->d.paras[pi];
    if (p->first < x->begin || p->first >= x->end) continue;
    size_t from = 0;
    while (from < p->len &&
           vb_x_field_first(&x->m, VB_F_REF, p->text, p->len, from)) {
      size_t next = x->m.end > from ? x->m.end : from + 1;
      if (!xs_in_doc(x, p, x->m.start)) break;
      VB_TRY(xs_ref_match(x, p));
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
int xs_range_of(xstate *x, vb_xdate *from, vb_xdate *to) {
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
int xs_ranges_in(xstate *x, const char *s, size_t n, vb_xdate *lo,
                     vb_xdate *hi) {
  int found = 0;
  size_t from = 0;
  while (from < n && vb_x_field_first(&x->m, VB_F_PERIOD_RANGE, s, n, from)) {
    vb_xdate a, b;
    from = x->m.end > from ? x->m.end : from + 1;
    if (!xs_range_of(x, &a, &b)) continue;
    if (!found || vb_x_date_cmp(&a, lo) < 0) *lo = a;
    if (!found || vb_x_date_cmp(&b, hi) > 0) *hi = b;
    found = 1;
  }
  return found;
}

void xs_set_period(xstate *x, const vb_xdate *a, const vb_xdate *b,
                       size_t line) {
  x->pfrom = *a;
  x->pto = *b;
  x->has_period = 1;
  x->period_line = line;
}

/* Is the heading at cell i about the time of implementation? */
int xs_period_heading(xstate *x, size_t i) {
  const vb_xcell *h = xs_cell(x, i);
  size_t body;
  if (vb_x_heading_level(h->text, h->len, &body) < 0) return 0;
  return vb_x_field(&x->m, VB_F_PERIOD_HEAD, h->text + body, h->len - body, 0);
}

/* A section "N. Thời gian ...": the ranges in its heading and text.  A
** subsection about something else ("2. Phạm vi" under "III. THỜI GIAN,
** PHẠM VI") is left out. */
int xs_period_from_sections(xstate *x) {
  for (size_t k = 0; k < x->d.nsecs; k++) {
    const vb_xsection *sec = &x->d.secs[k];
    if (sec->head < x->body_start || sec->head >= x->end) continue;
    const vb_xcell *h = xs_cell(x, sec->head);
    if (sec->level > 4 || /* "c) Thời gian ..." belongs to one task */
        !xs_period_heading(x, sec->head))
      continue;
    vb_xdate lo, hi, a, b;
    int found = 0;
    size_t end = sec->end < sec->head + SECTION_CELLS ? sec->end
                                                     : sec->head + SECTION_CELLS;
    size_t line = h->line;
    for (size_t i = sec->head; i < end && i < x->end; i++) {
      const vb_xsection *sub =
          i > sec->head ? vb_xdoc_section_at(&x->d, i) : NULL;
      if (sub && !xs_period_heading(x, i)) {
        i = sub->end - 1;
        continue;
      }
      size_t pi = x->d.cell_para[i];
      if (pi == SIZE_MAX || (x->d.paras[pi].first != i && i != sec->head))
        continue;
      const vb_xpara *p = &x->d.paras[pi];
      if (xs_ranges_in(x, p->text, p->len, &a, &b)) {
        if (!found) line = xs_cell(x, vb_xpara_cell(p, x->m.start))->line;
        if (!found || vb_x_date_cmp(&a, &lo) < 0) lo = a;
        if (!found || vb_x_date_cmp(&b, &hi) > 0) hi = b;
        found = 1;
      }
    }
    if (found) {
      xs_set_period(x, &lo, &hi, line);
      return 1;
    }
    /* "Từ ngày 01/01/2012." with no end */
    for (size_t i = sec->head; i < end && i < x->end; i++) {
      const vb_xcell *c = xs_cell(x, i);
      if (c->len && vb_x_field(&x->m, VB_F_PERIOD_OPEN, c->text, c->len, 0)) {
        const char *s;
        size_t n;
        vb_x_group(&x->m, "from", &s, &n);
        memset(&b, 0, sizeof b);
        if (vb_x_parse_date(s, n, &a)) {
          xs_set_period(x, &a, &b, c->line);
          return 1;
        }
      }
    }
  }
  return 0;
}

/* "thời gian ... từ tháng 3 đến tháng 10 năm 2026" in running text. */
int xs_period_from_text(xstate *x) {
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
      if (xs_range_of(x, &lo, &hi)) {
        xs_set_period(x, &lo, &hi, xs_cell(x, vb_xpara_cell(p, x->m.start))->line);
        return 1;
      }
    }
  }
  return 0;
}

/* Is offset off of s inside quotation marks? */
int xs_in_quotes(const char *s, size_t off) {
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
int xs_period_from_statement(xstate *x) {
  for (size_t pi = 0; pi < x->d.nparas; pi++) {
    const vb_xpara *p = &x->d.paras[pi];
    if (p->first < x->body_start || p->first >= x->end) continue;
    if (!vb_x_field(&x->m, VB_F_PERIOD_STATED, p->text, p->len, 0)) continue;
    vb_xdate a, b;
    if (!xs_range_of(x, &a, &b)) continue;
    xs_set_period(x, &a, &b, xs_cell(x, vb_xpara_cell(p, x->m.start))->line);
    return 1;
  }
  return 0;
}

/* The line of the title's byte off: the title is its cells from
** title_first to title_last joined with single spaces. */
size_t xs_title_line(xstate *x, size_t off) {
  size_t end = x->title.len, t = x->title_last;
  for (; t != SIZE_MAX && t > x->title_first; t--) {
    size_t len = xs_cell(x, t)->len;
    if (len + 1 > end || off >= end - len) break;
    end -= len + 1;
  }
  return xs_cell(x, t)->line;
}

/* The title's span of years: the plan's own, not the one inside the
** quoted name of the programme it carries out ("Đề án \"... giai đoạn 2015
** - 2020\" trên địa bàn tỉnh, giai đoạn 2017 - 2020"). */
void xs_period_from_title(xstate *x) {
  const char *t = x->title.data;
  size_t tn = x->title.len, from = 0, pick = SIZE_MAX;
  while (from < tn && vb_x_field_first(&x->m, VB_F_PERIOD_TITLE, t, tn, from)) {
    if (pick == SIZE_MAX || !xs_in_quotes(t, x->m.start)) pick = x->m.start;
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
  xs_set_period(x, &a, &b, xs_title_line(x, at));
}

/* The period: a "Thời gian" section, a time phrase with a range, a
** sentence about the plan, or the title ("giai đoạn 2026 - 2030", "đến
** năm 2030"). */
void xs_read_period(xstate *x) {
  /* a letter's running text speaks of the time of what it discusses
     ("Thời gian thí điểm: 05 năm, từ năm 2021 đến hết năm 2025"), not of
     its own implementation */
  int letter = x->doc_type && strcmp(x->doc_type, "Công văn") == 0;
  if (xs_period_from_sections(x) || (!letter && xs_period_from_text(x)) ||
      xs_period_from_statement(x))
    return;
  xs_period_from_title(x);
}

/* The theme in a text: its first quoted part, or (unless quoted_only) the
** whole text when short; *found says whether one was taken. */
vb_status xs_take_theme(xstate *x, const char *s, size_t n,
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
      para ? xs_cell(x, vb_xpara_cell(para, (size_t)(p - para->text)))->line
           : line;
  *found = 1;
  return VB_OK;
}

/* The theme: the text under a "Chủ đề" heading (its quoted part, or the
** line itself), else a quoted theme in running text. */
vb_status xs_read_theme(xstate *x) {
  int found = 0;
  for (size_t i = x->body_start; i < x->end && !found; i++) {
    const vb_xcell *c = xs_cell(x, i);
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
    VB_TRY(xs_take_theme(x, rest, rn, hp, c->line, 1, &found));
    /* "Chủ đề: Chung tay bảo vệ trẻ em ...": unquoted after a colon */
    while (!found && rn > 0 && *rest == ' ') rest++, rn--;
    if (!found && rn > 1 && *rest == ':')
      VB_TRY(xs_take_theme(x, rest + 1, rn - 1, hp, c->line, 0, &found));
    /* the lines under the heading */
    size_t seen = 0;
    for (size_t j = under; j < x->end && seen < 4 && !found; j++) {
      const vb_xcell *t = xs_cell(x, j);
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
      VB_TRY(xs_take_theme(x, s, n, NULL, t->line, 0, &found));
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
    x->theme_line = xs_cell(x, vb_xpara_cell(p, (size_t)(s - p->text)))->line;
    found = 1;
  }
  return VB_OK;
}

