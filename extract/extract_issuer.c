/*
** extract_issuer.c: the locality of the issuer and the issuer itself.
** Part of the record extractor (record_int.h).
*/
#include "record_int.h"

/**************************************************************************
** 3. Locality
*/

/* Read a locality from a clean text that may hold one ("ỦY BAN NHÂN DÂN
** TỈNH NGHỆ AN", "trên địa bàn tỉnh Sơn La"). */
int xs_find_locality(xstate *x, const char *s, size_t n,
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
size_t xs_header_cells(xstate *x, size_t *list, size_t max) {
  size_t stop = x->num_cell != SIZE_MAX ? x->num_cell : x->type_cell;
  size_t k = 0;
  if (stop == SIZE_MAX) return 0;
  for (size_t i = x->begin; i < stop && k < max; i++) {
    const vb_xcell *c = xs_cell(x, i);
    if (c->len == 0 || !xs_all_caps(c->text, c->len) ||
        xs_match_cell(x, VB_F_MOTTO, i) || xs_match_cell(x, VB_F_PLACE_DATE, i) ||
        xs_match_cell(x, VB_F_URGENCY, i))
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
const vb_province *xs_body_province(xstate *x, const vb_district **only,
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
        seen_line[ns] = xs_cell(x, vb_xpara_cell(p, at))->line;
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
void xs_pick_namesake(xstate *x, vb_locality *loc, const size_t *hc,
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
    const vb_xcell *c = xs_cell(x, hc[k]);
    if (xs_find_locality(x, c->text, c->len, &got) && !got.district)
      prov = got.province;
  }
  if (!prov) prov = xs_body_province(x, cand, nc, &line);
  for (size_t k = 0; prov && k < nc; k++)
    if (strcmp(cand[k]->province, prov->name) == 0) {
      loc->district = cand[k];
      loc->province = prov;
      return;
    }
}

/* Is the place of issue the commune the header names ("XÃ HÒA BÌNH" /
** "Hòa Bình, ngày ...")?  Then it is no province of that name. */
int xs_commune_place(xstate *x, const size_t *hc, size_t nh) {
  char a[TEXT_CAP], b[TEXT_CAP];
  vb_name_key(x->place, strlen(x->place), a, sizeof a);
  for (size_t k = 0; k < nh; k++) {
    const char *p;
    size_t n;
    if (!xs_match_cell(x, VB_F_COMMUNE, hc[k]) ||
        !vb_x_group(&x->m, "name", &p, &n))
      continue;
    vb_name_key(p, n, b, sizeof b);
    if (strcmp(a, b) == 0) return 1;
  }
  return 0;
}

/* Is the issuing body of the header a national one (a ministry, the
** Government): the first body the header names? */
int xs_national_header(xstate *x, const size_t *hc, size_t nh) {
  for (size_t k = 0; k < nh; k++) {
    const vb_xcell *c = xs_cell(x, hc[k]);
    if (vb_names_kind(c->text, c->len))
      return vb_names_national(c->text, c->len);
  }
  return 0;
}

/* The issuer's province and district: the header block, the place of
** issue, the web page's "Nơi ban hành", else the province the body names
** most often.  A national body has none (its place of issue is only where
** it sits). */
void xs_read_locality(xstate *x) {
  size_t hc[16], nh = xs_header_cells(x, hc, 16);
  vb_locality got;
  for (size_t k = 0; k < nh; k++) {
    const vb_xcell *c = xs_cell(x, hc[k]);
    if (xs_find_locality(x, c->text, c->len, &got)) {
      if (got.district) xs_pick_namesake(x, &got, hc, nh);
      x->loc = got;
      x->loc_line = c->line;
      return;
    }
  }
  if (xs_national_header(x, hc, nh)) return;
  if (x->place[0] && !xs_commune_place(x, hc, nh) &&
      vb_locality_parse(x->place, strlen(x->place), NULL, &got) &&
      got.province) {
    if (got.district) xs_pick_namesake(x, &got, hc, nh);
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
  const vb_province *best = xs_body_province(x, NULL, 0, &line);
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
vb_status xs_set_issuer(xstate *x, const char *s, size_t n, size_t line,
                            const vb_locality *loc) {
  vb_buf_reset(&x->issuer);
  VB_TRY(vb_names_canon(s, n, loc, &x->issuer, NULL));
  x->issuer_line = line;
  return VB_OK;
}

/* Append s (capitals from a header) in lower case but for its first
** letter: "QUẢN LÝ DỰ ÁN" -> "Quản lý dự án". */
vb_status xs_put_capitalised(vb_buf *out, const char *s, size_t n) {
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
vb_status xs_sub_issuer(xstate *x, const size_t *hc, size_t sub,
                            size_t nh, size_t parent) {
  const vb_xcell *pc = xs_cell(x, hc[parent]);
  const char *kind = vb_names_kind(pc->text, pc->len), *g;
  size_t gn;
  int whole = xs_match_cell(x, VB_F_SUB_BODY, hc[sub]) &&
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
    rc = xs_put_capitalised(&name, kn, kl);
    if (rc == VB_OK) rc = vb_buf_putc(&name, ' ');
    if (rc == VB_OK) rc = xs_put_capitalised(&name, rs, rl);
  } else {
    rc = xs_put_capitalised(&name, xs_cell(x, hc[sub])->text, xs_cell(x, hc[sub])->len);
  }
  for (size_t k = sub + 1; k < nh && rc == VB_OK; k++) {
    const vb_xcell *c = xs_cell(x, hc[k]);
    rc = vb_buf_putc(&name, ' ');
    if (rc == VB_OK) rc = vb_vi_lower(c->text, c->len, &name);
  }
  if (rc == VB_OK) rc = vb_buf_putc(&name, ' ');
  vb_locality own;
  if (rc == VB_OK && (whole || party)) {
    rc = vb_buf_append(&name, x->issuer.data, x->issuer.len);
  } else if (rc == VB_OK && !xs_find_locality(x, name.data, name.len, &own)) {
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
    x->issuer_line = xs_cell(x, hc[sub])->line;
  }
  vb_buf_free(&name);
  return rc;
}

/* Where a national body's name ends and a local body's begins in one
** header cell, or 0: "BỘ CÔNG AN CÔNG AN TỈNH HÀ TĨNH" (a header run onto
** one line) is issued by "Công an tỉnh Hà Tĩnh". */
static size_t local_under_national(xstate *x, const vb_xcell *c) {
  if (!vb_names_national(c->text, c->len)) return 0;
  vb_buf tmp;
  vb_buf_init(&tmp, VB_CAP_SMALL);
  size_t found = 0;
  for (size_t p = 1; p + 1 < c->len && !found; p++) {
    if (c->text[p - 1] != ' ' || !vb_names_kind(c->text + p, c->len - p) ||
        vb_names_national(c->text + p, c->len - p))
      continue;
    int known = 0;
    vb_locality own;
    vb_buf_reset(&tmp);
    if (vb_names_canon(c->text, p - 1, NULL, &tmp, &known) == VB_OK &&
        known && xs_find_locality(x, c->text + p, c->len - p, &own))
      found = p;
  }
  vb_buf_free(&tmp);
  return found;
}

/* The issuer when the header cells hc[k..nh) name a body set up by a
** decision: "ĐOÀN KIỂM TRA THEO QUYẾT ĐỊNH / SỐ 1234/QĐ-UBND" is "Đoàn
** kiểm tra theo Quyết định số 1234/QĐ-UBND".  1 when found. */
static int body_by_decision(xstate *x, const size_t *hc, size_t nh,
                            vb_status *rc) {
  vb_buf all;
  vb_buf_init(&all, VB_CAP_SMALL);
  int found = 0;
  for (size_t k = 0; k < nh && !found && *rc == VB_OK; k++) {
    vb_buf_reset(&all);
    for (size_t j = k; j < nh && *rc == VB_OK; j++) {
      const vb_xcell *c = xs_cell(x, hc[j]);
      if (all.len) *rc = vb_buf_putc(&all, ' ');
      if (*rc == VB_OK) *rc = vb_buf_append(&all, c->text, c->len);
    }
    if (*rc != VB_OK ||
        !vb_x_field(&x->m, VB_F_BODY_BY_DECISION, all.data, all.len, 0))
      continue;
    const char *b, *id;
    size_t bn, idn;
    vb_x_group(&x->m, "body", &b, &bn);
    vb_buf_reset(&x->issuer);
    *rc = xs_put_capitalised(&x->issuer, b, bn);
    if (*rc == VB_OK) *rc = vb_buf_puts(&x->issuer, " theo Quyết định");
    if (*rc == VB_OK && vb_x_group(&x->m, "id", &id, &idn)) {
      *rc = vb_buf_puts(&x->issuer, " số ");
      if (*rc == VB_OK) *rc = vb_buf_append(&x->issuer, id, idn);
    }
    x->issuer_line = xs_cell(x, hc[k])->line;
    found = 1;
  }
  vb_buf_free(&all);
  return found;
}

/* The issuing body: the header block, the closing sentence, the preamble,
** the symbol's issuing code, in that order. */
vb_status xs_read_issuer(xstate *x) {
  /* the header block: the last body in it issues ("UBND TỈNH BẮC GIANG /
     SỞ KHOA HỌC VÀ CÔNG NGHỆ") */
  size_t hc[16], nh = xs_header_cells(x, hc, 16), start = SIZE_MAX, cut = 0;
  for (size_t k = 0; k < nh; k++) {
    const vb_xcell *c = xs_cell(x, hc[k]);
    if (vb_names_kind(c->text, c->len)) start = k;
  }
  /* a name cut after its first word by a web page's table ("ỦY" / "BAN
     NHÂN DÂN" / "TỈNH TIỀN GIANG") */
  for (size_t k = 0; (start == SIZE_MAX || start > k) && k + 1 < nh; k++) {
    const vb_xcell *c = xs_cell(x, hc[k]), *d = xs_cell(x, hc[k + 1]);
    char two[160];
    if (c->len > 8 || memchr(c->text, ' ', c->len) || c->len + d->len + 2 >
        sizeof two)
      continue;
    memcpy(two, c->text, c->len);
    two[c->len] = ' ';
    memcpy(two + c->len + 1, d->text, d->len);
    if ((start == SIZE_MAX || start == k + 1) &&
        vb_names_kind(two, c->len + 1 + d->len)) {
      start = k;
      cut = 1;
    }
  }
  vb_status brc = VB_OK;
  if (start != SIZE_MAX && body_by_decision(x, hc, nh, &brc)) return brc;
  if (brc != VB_OK) return brc;
  if (start != SIZE_MAX) {
    size_t sub = nh; /* a body under the one named: "VĂN PHÒNG" */
    for (size_t k = start + 1 + cut; k < nh && sub == nh; k++)
      if (xs_match_cell(x, VB_F_SUB_BODY, hc[k])) sub = k;
    vb_buf name;
    vb_buf_init(&name, VB_CAP_SMALL);
    vb_status rc = VB_OK;
    for (size_t k = start; k < sub && rc == VB_OK; k++) {
      const vb_xcell *c = xs_cell(x, hc[k]);
      size_t skip = k == start ? local_under_national(x, c) : 0;
      if (name.len) rc = vb_buf_putc(&name, ' ');
      if (rc == VB_OK) rc = vb_buf_append(&name, c->text + skip, c->len - skip);
    }
    if (rc == VB_OK)
      rc = xs_set_issuer(x, name.data, name.len, xs_cell(x, hc[start])->line,
                      &x->loc);
    if (rc == VB_OK && sub < nh) rc = xs_sub_issuer(x, hc, sub, nh, start);
    /* a district's office ("UBND HUYỆN X / PHÒNG ..."): of the district */
    const char *kind = vb_names_kind(name.data, name.len);
    vb_locality own;
    if (rc == VB_OK && start > 0 && sub == nh && kind &&
        strcmp(kind, "Phòng") == 0 && x->loc.district &&
        !xs_find_locality(x, name.data, name.len, &own)) {
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
      size_t line = xs_cell(x, vb_xpara_cell(p, (size_t)(b - p->text)))->line;
      return xs_set_issuer(x, b, n, line, &x->loc);
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
      x->issuer_line = x->num_cell != SIZE_MAX ? xs_cell(x, x->num_cell)->line
                                                : x->meta_line[META_NUMBER];
      return VB_OK;
    }
  }
  return VB_OK;
}

