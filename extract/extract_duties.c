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
#include "duties_int.h"

/**************************************************************************
** The pass over the document
*/

/* Where the words of a block's own task end in the paragraph that opens
** it: before the first sentence that is a label ("... website của Sở.
** Đơn vị thực hiện: X. Thời gian ..."). */
static size_t desc_end(dctx *c, const vb_xpara *p, size_t from) {
  const char *s = p->text;
  size_t n = p->len;
  for (size_t a = dt_skip_sp(s, n, from); a < n;) {
    if (a > from && dt_is_label_at(c, s, n, a)) return a;
    a = dt_skip_sp(s, n, dt_sentence_end_p(c, p, a));
  }
  return n;
}

/* A unit whose name opens paragraph p at i, with the rest of the
** paragraph as its task, for this paragraph only (head: "Giao" may lead,
** as in dt_unit_head).  Sets *is_unit when there is one. */
static vb_status sentence_unit(dctx *c, const vb_xpara *p, size_t i, int head,
                               size_t line, int *is_unit) {
  span nm[MAX_NAMES];
  size_t task, k = dt_unit_head(c, p, i, head, nm, &task);
  if (!k || task >= p->len) return VB_OK;
  VB_TRY(dt_scope_open(c, p->text, nm, k, 7, line));
  *is_unit = 1;
  return dt_scope_task(c, p->text + task, p->len - task);
}

/* The bodies a duty lead s[0..n) addresses after "đề nghị" or "yêu cầu",
** kept in c->lead until its first item shows whether the items name
** their own units ("Bộ X đề nghị Ủy ban nhân dân các tỉnh khẩn trương
** thực hiện các nhiệm vụ sau:" / "1. Bố trí nguồn lực ..."). */
static vb_status lead_names(dctx *c, const char *s, size_t n, size_t line) {
  static const char *const asks[] = {"đề nghị ", "yêu cầu "};
  json_decref(c->lead);
  c->lead = NULL;
  for (size_t k = 0; k < sizeof asks / sizeof asks[0]; k++) {
    size_t w = strlen(asks[k]);
    for (size_t i = 0; i + w < n; i++) {
      if (memcmp(s + i, asks[k], w) != 0 || (i > 0 && !dt_is_sp(s[i - 1])))
        continue;
      span nm[MAX_NAMES];
      size_t e, at = i + w, g = dt_names_at(c, s, n, at, nm, MAX_NAMES, &e);
      if (!g || e >= n || dt_self_at(c, s, n, at)) continue;
      c->lead = json_array();
      if (!c->lead) return VB_ENOMEM;
      c->lead_line = line;
      for (size_t j = 0; j < g; j++) {
        json_t *v = dt_unit_name(c, s + nm[j].a, nm[j].b - nm[j].a);
        if (!v || json_array_append_new(c->lead, v)) return VB_ENOMEM;
      }
      return VB_OK;
    }
  }
  return VB_OK;
}

/* The lead's bodies become the units of the items under it, which name
** none of their own. */
static vb_status lead_scope(dctx *c) {
  vb_status rc = VB_OK;
  c->nscope = 0;
  c->scope_level = c->org_level;
  for (size_t i = 0; i < json_array_size(c->lead) && c->nscope < MAX_NAMES;
       i++) {
    size_t u = dt_unit_get(c, json_array_get(c->lead, i), c->lead_line, &rc);
    if (rc != VB_OK) return rc;
    if (u != SIZE_MAX) c->scope[c->nscope++] = u;
  }
  return VB_OK;
}

static vb_status do_para(dctx *c, const vb_xpara *p) {
  const char *s = p->text;
  size_t n = p->len, line = c->d->cells[p->first].line;
  pinfo pi;
  dt_classify(s, n, &pi);
  if (vb_x_field(c->m, VB_F_DUTY_STOP, s, n, 0)) {
    VB_TRY(dt_block_close(c));
    dt_scope_close(c);
    c->in_org = 0;
    return dt_do_sentences(c, p, 0);
  }
  int label = dt_is_label_at(c, s, n, pi.body);
  int is_unit = 0, implicit = 0;
  size_t task = pi.body;
  /* "3. UBND các xã: triển khai ... ." says all of its item; running text
     after it is no longer the item's */
  if (c->scope_inline && pi.level == -1 && line > c->prev_line + 1)
    dt_scope_close(c);
  if (pi.level >= 0 && pi.level <= 5 && !label) {
    VB_TRY(dt_block_close(c));
    VB_TRY(dt_heading(c, p, &pi, line, &is_unit, &task));
    if (c->lead && c->in_org && pi.level > c->org_level) {
      if (!is_unit) VB_TRY(lead_scope(c));
      json_decref(c->lead);
      c->lead = NULL;
    }
    if (is_unit) c->scope_inline = task < n && s[n - 1] != ':';
    size_t from = is_unit ? task : pi.body;
    VB_TRY(dt_block_open(c, s + from, desc_end(c, p, from) - from));
    if (is_unit && task < n) VB_TRY(dt_scope_task(c, s + task, n - task));
  } else if (pi.level == 6 && !label && c->list_open) {
    /* an item of a label's list: the block's task when it has none */
    if (!c->desc.len) VB_TRY(dt_block_open_keep(c, s + pi.body, n - pi.body));
  } else if (pi.level == 6 && !label) {
    VB_TRY(dt_block_close(c));
    if (c->scope_level == 6) dt_scope_close(c);
    if (c->in_org && c->scope_level < 0) {
      span nm[MAX_NAMES];
      size_t k = dt_unit_head(c, p, pi.body, 1, nm, &task);
      if (k && task > pi.body && task <= n &&
          memchr(s + pi.body, ':', task - pi.body)) {
        VB_TRY(dt_scope_open(c, s, nm, k, 6, line));
        is_unit = 1;
        if (task < n) VB_TRY(dt_scope_task(c, s + task, n - task));
      }
    }
    VB_TRY(dt_block_open(c, s + pi.body, desc_end(c, p, pi.body) - pi.body));
  } else if (!c->bopen) {
    implicit = 1;
    VB_TRY(dt_block_open(c, s + pi.body, desc_end(c, p, pi.body) - pi.body));
  }
  if (c->in_org && !is_unit && c->scope_level < 0 && pi.level == -1 && !label)
    /* a sentence of the section that opens with a unit: "Sở Y tế chủ trì
       ..." (an item of its own) */
    VB_TRY(sentence_unit(c, p, pi.body, 0, line, &is_unit));
  /* "Giao Văn phòng UBND tỉnh chủ trì, ...", "5. Giao Sở X, Công an tỉnh
     ...": outside an organising section, the body given its task is a unit
     (a decision, a permit, a letter that has no such section) */
  if (!c->in_org && !is_unit && c->scope_level < 0 && !label &&
      pi.level != 0 && pi.body < n &&
      dt_rule_at(c, VB_F_UNIT_ASSIGN, s, n, pi.body))
    VB_TRY(sentence_unit(c, p, pi.body, 1, line, &is_unit));
  if (!is_unit && !label && c->nscope && pi.level != 0)
    VB_TRY(dt_scope_task(c, s + pi.body, n - pi.body));
  /* "Chủ tịch UBND tỉnh yêu cầu:", "có ý kiến như sau:": the items after
     it are the organising section of a letter or a directive */
  if (!c->in_org && !label && pi.level <= 5 && n > pi.body &&
      vb_x_field(c->m, VB_F_DUTY_LEAD, s + pi.body, n - pi.body, 0)) {
    c->in_org = 1;
    c->org_level = pi.level > 0 ? pi.level : 0;
    c->unit_level = -1;
    dt_scope_close(c);
    VB_TRY(lead_names(c, s + pi.body, n - pi.body, line));
  } else if (c->lead && !c->in_org) {
    json_decref(c->lead);
    c->lead = NULL;
  }
  if (pi.level >= 0 && pi.level <= 5 && !label) c->list_open = 0;
  VB_TRY(dt_do_sentences(c, p, pi.body));
  if (implicit) VB_TRY(dt_block_close(c));
  if (c->scope_level == 7) dt_scope_close(c);
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
  while (n > 0 && (dt_is_sp(s[n - 1]) || s[n - 1] == ')' || s[n - 1] == '"')) n--;
  return n > 0 && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?');
}

/* Does s end with a colon (before spaces)? */
static int ends_colon(const char *s, size_t n) {
  while (n > 0 && dt_is_sp(s[n - 1])) n--;
  return n > 0 && s[n - 1] == ':';
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
  dt_classify(q->text, q->len, &qi);
  if (qi.level != -1 || vb_x_field(c->m, VB_F_DUTY_STOP, q->text, q->len, 0) ||
      dt_is_label_at(c, q->text, q->len, 0))
    return 0;
  if (first == p && fi->level >= 1 && fi->level <= 5 && fi->body >= p->len)
    return ql == pl + 1; /* "1." then "Sở Y tế:" */
  if (dt_ends_open(p->text, p->len)) return ql == pl + 1;
  if (ends_full_stop(p->text, p->len)) return 0;
  if (starts_lower(q->text, q->len)) return ql <= pl + 3;
  if (ql != pl + 1) return 0;
  /* "... có ý kiến như sau:" / "Bộ Tài chính báo cáo ...": a sentence that
     ends with a colon leads what follows, it does not wrap onto it */
  if (ends_colon(p->text, p->len)) return 0;
  /* "5. Giao Sở X, Ủy ban nhân dân xã" / "Phong Hải căn cứ ...": an item
     that is an assignment is a sentence, wrapped like running text */
  if (first == p && fi->level >= 1 && fi->level <= 5 &&
      p->text[p->len - 1] != ':' &&
      dt_rule_at(c, VB_F_UNIT_ASSIGN, first->text, first->len, fi->body))
    return 1;
  return fi->level == -1 || fi->level == 6 ||
         dt_is_label_at(c, first->text, first->len, fi->body);
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
  dt_classify(first->text, first->len, &fi);
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
  VB_TRY(vb_grow(&c->joff, &c->joff_cap, ncell, sizeof *c->joff));
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
    if (dt_glyph_at(d->cells[k].text, d->cells[k].len, 0)) return 1;
  return 0;
}

/* Read paragraph p as one paragraph per list item: cut before each line
** that opens with a list mark (each piece is copied to c->jtext). */
static vb_status do_items(dctx *c, const vb_xpara *p) {
  const vb_xdoc *d = c->d;
  size_t ncell = p->last - p->first + 1;
  VB_TRY(vb_grow(&c->joff, &c->joff_cap, ncell, sizeof *c->joff));
  for (size_t k0 = p->first; k0 <= p->last;) {
    size_t k1 = k0 + 1;
    while (k1 <= p->last &&
           !dt_glyph_at(d->cells[k1].text, d->cells[k1].len, 0))
      k1++;
    size_t base = p->off[k0 - p->first];
    size_t end = k1 <= p->last ? p->off[k1 - p->first] : p->len;
    while (end > base && dt_is_sp(p->text[end - 1])) end--;
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
    if (rc == VB_OK) rc = dt_lines_push(&keep, c->rp_line.v[i]);
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
  if (rc == VB_OK) rc = dt_find_rows(&c, p0, p1);
  for (size_t pi = p0; rc == VB_OK && pi < p1; pi++) {
    size_t row = c.para_row[pi];
    if (row != SIZE_MAX && c.rows[row].task_row) {
      if (c.rows[row].task_row == 1) rc = dt_do_row(&c, &c.rows[row]);
      if (c.rows[row].task_row == 3) { /* a header: no task of a unit */
        rc = dt_block_close(&c);
        dt_scope_close(&c);
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
  if (rc == VB_OK) rc = dt_block_close(&c);
  for (size_t i = 0; i < c.nprp; i++) json_decref(c.prp[i].item);
  if (rc == VB_OK) rc = dedupe_reports(&c);
  if (rc == VB_OK && (json_object_set(record, "units", c.units) ||
                      json_object_set(record, "deadlines", c.deadlines) ||
                      json_object_set(record, "reports", c.reports)))
    rc = VB_ENOMEM;
  if (rc == VB_OK) rc = put_evidence(evidence, d, "units", &c.un_line);
  if (rc == VB_OK) rc = put_evidence(evidence, d, "deadlines", &c.dl_line);
  if (rc == VB_OK) rc = put_evidence(evidence, d, "reports", &c.rp_line);
  json_decref(c.lead);
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
  return rc == VB_OK ? VB_OK : dt_nomem(err);
}

