/*
** duties_tables.c: paragraphs (headings, list items, the organising
** section) and task tables.  Part of the duty extractor (duties_int.h).
*/
#include "duties_int.h"

void dt_classify(const char *s, size_t n, pinfo *pi) {
  size_t body = 0;
  memset(pi, 0, sizeof *pi);
  pi->level = -1;
  if (n == 0) return;
  size_t mark = dt_bullet_at(s, n, 0);
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
  if (j > 0) j = dt_skip_sp(s, n, j);
  if (j > 0 && j + 1 < n && s[j] == '-' && s[j + 1] == ' ') {
    pi->level = lv;
    pi->body = dt_skip_sp(s, n, j + 1);
    return;
  }
  size_t e;
  if (dt_word_at(s, n, 0, "Điều") || dt_word_at(s, n, 0, "ĐIỀU")) {
    size_t i = dt_skip_sp(s, n, strlen("Điều"));
    if (dt_digits_at(s, n, i, 3, &e) > 0) {
      if (e < n && (s[e] == '.' || s[e] == ':')) e++;
      pi->level = 1;
      pi->article = 1;
      pi->body = dt_skip_sp(s, n, e);
      return;
    }
  }
  if (dt_word_at(s, n, 0, "Chương") || dt_word_at(s, n, 0, "CHƯƠNG") ||
      dt_word_at(s, n, 0, "Phần") || dt_word_at(s, n, 0, "PHẦN")) {
    size_t i = dt_skip_sp(s, n,
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
      pi->body = dt_skip_sp(s, n, j);
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
int dt_ends_open(const char *s, size_t n) {
  while (n > 0 && dt_is_sp(s[n - 1])) n--;
  return n > 0 && (s[n - 1] == '-' || s[n - 1] == ',' ||
                   dt_ends_with_word(s, 0, n, "và"));
}

/* Does line k of paragraph p (not its last) leave a name open? */
int dt_line_open(const vb_xpara *p, size_t k) {
  return dt_ends_open(p->text + p->off[k], p->off[k + 1] - p->off[k]);
}

/* Does paragraph p hold a unit's heading at i: "Sở X", "Giao Văn
** phòng Sở có trách nhiệm ...", "Đề nghị Ủy ban Mặt trận ..."?  Gives the
** names and where the task starts.  head: p is a heading or a list item
** (not running text), where "Giao", "Đề nghị" may lead and a name may
** fill the heading. */
size_t dt_unit_head(dctx *c, const vb_xpara *p, size_t i, int head,
                        span *nm, size_t *task) {
  const char *s = p->text;
  size_t n = p->len, at = i;
  if (dt_rule_at(c, VB_F_UNIT_HEAD, s, n, i)) {
    if (!head) return 0;
    at = c->m->end;
  }
  size_t e, k = head ? dt_head_names(c, s, n, at, 0, nm, &e)
                     : dt_names_at(c, s, n, at, nm, MAX_NAMES, &e);
  /* a heading wrapped onto its first task ("... chính trị - xã" / "hội
     tỉnh" / "Tăng cường ...") ends at the line that starts the task: a
     task's verb, or a capital after a line that does not leave the name
     open ("Đài Phát thanh -" / "Truyền hình X, Báo Y" / "Tăng ...") */
  for (size_t q = vb_xpara_cell(p, at) - p->first + 1;
       k && q <= p->last - p->first && p->off[q] < e; q++)
    if (dt_rule_at(c, VB_F_TASK_VERB, s, n, p->off[q]) ||
        (head && q >= 2 && dt_line_open(p, q - 2) && !dt_line_open(p, q - 1) &&
         vb_vi_starts_upper(s + p->off[q], n - p->off[q]))) {
      e = p->off[q];
      while (e > at && dt_is_sp(s[e - 1])) e--;
      k = dt_split_names(c, s, at, e, nm, MAX_NAMES);
      break;
    }
  if (!k || vb_x_field(c->m, VB_F_UNIT_BOILER, s + e, n - e, 0)) return 0;
  size_t t = dt_skip_sp(s, n, e);
  /* a role in brackets after the name is no task */
  if (t < n && s[t] == '(') {
    const char *cl = memchr(s + t, ')', n - t);
    if (cl) t = dt_skip_sp(s, n, (size_t)(cl - s) + 1);
  }
  if (t < n && s[t] == ':') t = dt_skip_sp(s, n, t + 1);
  /* "Sở Y tế đề nghị các đơn vị ...": the name asks others */
  if (dt_rule_at(c, VB_F_UNIT_HEAD, s, n, t)) return 0;
  /* "1. Các Bộ: Công Thương, Giao thông vận tải, Xây dựng:": a collective
     name with the list of its members, the whole heading, is one unit;
     the list may end the heading without a colon when its tasks follow as
     items ("1. Các Bộ: Y tế, Công Thương" / "a) Chủ động ...") */
  size_t last = n;
  while (last > t && dt_is_sp(s[last - 1])) last--;
  size_t lend = last > t && s[last - 1] == ':' ? last - 1 : last;
  if (head && k == 1 && t > e && memchr(s + e, ':', t - e) && lend > t &&
      (lend < last || p->first == p->last) && nm[0].b - nm[0].a > 5 &&
      memcmp(s + nm[0].a, "Các ", 5) == 0 &&
      !memchr(s + t, '.', last - t) && !memchr(s + t, ';', last - t) &&
      !vb_x_field_first(c->m, VB_F_NAME_STOP, s, lend, t)) {
    nm[0].b = lend;
    *task = n;
    return k;
  }
  /* "Các Bộ: Y tế, Tài chính và Ủy ban nhân dân tỉnh, thành phố có trách
     nhiệm ...": the members run to the words that end a name */
  if (k == 1 && t > e && memchr(s + e, ':', t - e) && nm[0].b - nm[0].a > 5 &&
      memcmp(s + nm[0].a, "Các ", 5) == 0 &&
      vb_x_field_first(c->m, VB_F_NAME_STOP, s, n, t)) {
    size_t q = c->m->start, b = q;
    while (b > t && dt_is_sp(s[b - 1])) b--;
    if (b > t && !memchr(s + t, '.', b - t) && !memchr(s + t, ';', b - t) &&
        !memchr(s + t, ':', b - t)) {
      nm[0].b = b;
      *task = dt_skip_sp(s, n, q);
      return k;
    }
  }
  *task = t;
  return k;
}

/* A heading among the units' headings that is only a name, of a kind of
** body the rules do not know ("4. Bưu điện tỉnh", "5. Điện lực Quảng
** Nam"): the whole heading, when it starts with a capital, has two words
** or more, no verb that ends a name (name_stop, but for words that occur
** in names) and is no heading of a part of a plan (unit_not_head). */
size_t dt_plain_unit(dctx *c, const vb_xpara *p, size_t i, span *nm,
                         size_t *task) {
  const char *s = p->text;
  size_t n = p->len, hend = dt_heading_end(s, n, i, 0), a = i, b = hend;
  if (hend == SIZE_MAX) return 0;
  dt_trim(s, &a, &b);
  if (b <= a || b - a > PLAIN_UNIT_BYTES || !memchr(s + a, ' ', b - a) ||
      !vb_vi_starts_upper(s + a, b - a) || !vb_vi_has_lower(s + a, b - a) ||
      dt_rule_at(c, VB_F_UNIT_NOT_HEAD, s, b, a))
    return 0;
  for (size_t j = a; j < b; j++)
    if (s[j] == '.' || s[j] == ';' || s[j] == '"') return 0;
  for (size_t pos = a; vb_x_field_first(c->m, VB_F_NAME_STOP, s, b, pos);) {
    pos = c->m->end;
    if (!dt_rule_at(c, VB_F_NAME_STOP_WEAK, s, b, c->m->start)) return 0;
  }
  size_t t = dt_skip_sp(s, n, hend);
  if (t < n && s[t] == '(') {
    const char *cl = memchr(s + t, ')', n - t);
    t = cl ? dt_skip_sp(s, n, (size_t)(cl - s) + 1) : n;
  }
  if (t < n && s[t] == ':') t = dt_skip_sp(s, n, t + 1);
  *task = t;
  return dt_split_names(c, s, a, b, nm, MAX_NAMES);
}

/* Start a new paragraph's heading: the organising section, a unit. */
vb_status dt_heading(dctx *c, const vb_xpara *p, const pinfo *pi,
                         size_t line, int *is_unit, size_t *task) {
  const char *s = p->text;
  size_t n = p->len;
  *is_unit = 0;
  *task = pi->body;
  if (c->scope_level >= 0 && pi->level <= c->scope_level) dt_scope_close(c);
  if (c->in_org && pi->level <= c->org_level) {
    c->in_org = 0;
    dt_scope_close(c);
  }
  if (pi->level <= 5 && pi->body < n &&
      vb_x_field(c->m, VB_F_DUTY_SECTION, s + pi->body, n - pi->body, 0)) {
    c->in_org = 1;
    c->org_level = pi->level;
    c->unit_level = -1;
    dt_scope_close(c);
    *task = n;
    return VB_OK;
  }
  span nm[MAX_NAMES];
  size_t k = 0;
  if (c->in_org && pi->level > c->org_level &&
      (c->unit_level < 0 || pi->level <= c->unit_level)) {
    k = dt_unit_head(c, p, pi->body, 1, nm, task);
    if (!k && pi->level == c->unit_level)
      k = dt_plain_unit(c, p, pi->body, nm, task);
    if (k && *task < n &&
        vb_x_field(c->m, VB_F_UNIT_TAIL, s + *task, n - *task, 0))
      *task = n;
    /* a list item names its unit before a colon */
    if (k && pi->level == 6 &&
        !(*task > 0 && s[*task - 1] == ' ' && *task >= 2 &&
          memchr(s + pi->body, ':', *task - pi->body)))
      k = 0;
    if (k && pi->level < 6) c->unit_level = pi->level;
    /* "2. Ngoài trách nhiệm tại khoản 1, các Bộ có các trách nhiệm sau:" /
       "a) Bộ Y tế: Kiểm tra ...": a heading of units' level that names
       none and ends with a colon hands its items the units' level */
    if (!k && pi->level < 6 && pi->level == c->unit_level && n > 0 &&
        s[n - 1] == ':')
      c->unit_level = -1;
  } else if (pi->article || (pi->level == 1 && !c->in_org)) {
    /* "Điều 4. Sở X có nhiệm vụ", "Điều 2. Giao Giám đốc Sở Y" */
    size_t t;
    k = dt_unit_head(c, p, pi->body, 1, nm, &t);
    if (k && t < n && pi->article && dt_rule_at(c, VB_F_ARTICLE_TASK, s, n, t)) {
      *task = t; /* "Điều 3. Bộ X chủ trì, phối hợp ... triển khai" */
    } else {
      if (k && t < n && !vb_x_field(c->m, VB_F_UNIT_TAIL, s + t, n - t, 0))
        k = 0;
      *task = n;
    }
  }
  if (!k) return VB_OK;
  *is_unit = 1;
  VB_TRY(dt_scope_open(c, s, nm, k, pi->level, line));
  /* "Sở X chỉ đạo Chi cục Y thực hiện các nội dung sau:": Y does them */
  size_t t = *task;
  if (t < n && n - t > strlen("chỉ đạo ") &&
      memcmp(s + t, "chỉ đạo ", strlen("chỉ đạo ")) == 0 && s[n - 1] == ':') {
    span sub[MAX_NAMES];
    size_t e,
        ks = dt_names_at(c, s, n, t + strlen("chỉ đạo "), sub, MAX_NAMES, &e);
    if (ks) {
      VB_TRY(dt_scope_task(c, s + t, n - t));
      *task = n;
      VB_TRY(dt_scope_open(c, s, sub, ks, pi->level, line));
    }
  }
  return VB_OK;
}

/**************************************************************************
** Task tables: a header row with a time column and a unit or task column
*/

/* Is raw line `line` only table pipes? */
int dt_pipe_line(const vb_xdoc *d, size_t line) {
  size_t n;
  const char *t = vb_xdoc_line(d, line, &n);
  if (!t || n == 0) return 0;
  for (size_t i = 0; i < n; i++)
    if (t[i] != '|' && !dt_is_sp(t[i])) return 0;
  return 1;
}

/* Does s hold a letter or a digit?  Beyond ASCII, the Latin letters of
** Vietnamese: U+00C0..U+02FF and U+1E00..U+1EFF. */
int dt_has_alnum(const char *s, size_t n) {
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
const char *dt_row_cell(const dctx *c, const trow *r, unsigned k, int end,
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

void dt_row_add(dctx *c, size_t table, size_t para) {
  trow *r = &c->rows[c->nrows++];
  memset(r, 0, sizeof *r);
  r->table = table;
  r->first = r->last = para;
}

void dt_cell_add(trow *r, size_t para, int same_cell) {
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
vb_status dt_find_rows(dctx *c, size_t p0, size_t p1) {
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
      dt_row_add(c, table, d->cell_para[ci]);
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
      if (dt_pipe_line(d, l)) pipes++;
    }
    if (pipes == 0 && !(in_b && gap == 0)) {
      in_b = 0;
      continue;
    }
    /* a cell of dots ("…......") stands for rows left out: a row of its
       own */
    int junk = !dt_has_alnum(p->text, p->len);
    if (!in_b || pipes >= 2 || junk || cut) {
      if (!in_b) table++;
      dt_row_add(c, table, pi);
    }
    cut = junk;
    in_b = 1;
    dt_cell_add(&c->rows[c->nrows - 1], pi, pipes == 0 && !junk);
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
      const char *tx = dt_row_cell(c, row, i, 0, &len);
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
           (dt_row_cell(c, row, (unsigned)h0 - 1, 0, &l0), l0) <= HEAD_BYTES &&
           (dt_row_cell(c, row, (unsigned)h0 - 1, 1, &l1), l1) <= HEAD_BYTES)
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
           (ts = dt_row_cell(c, row, skip, 0, &ls), !dt_has_alnum(ts, ls)))
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
const vb_xpara *dt_row_para(const dctx *c, const trow *r, int col, size_t k,
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
vb_status dt_do_row(dctx *c, const trow *row) {
  const vb_xdoc *d = c->d;
  vb_xpara tmp;
  size_t np;
  VB_TRY(dt_block_close(c));
  dt_scope_close(c);
  const vb_xpara *task = dt_row_para(c, row, 2, 0, &tmp, &np);
  VB_TRY(dt_block_open(c, task ? task->text : "", task ? task->len : 0));
  const vb_xpara *lead = dt_row_para(c, row, 1, 0, &tmp, &np);
  if (lead) {
    span nm[MAX_NAMES];
    size_t e, k = dt_head_names(c, lead->text, lead->len, 0, 1, nm, &e);
    if (!k) /* "Sở, ban, ngành": no body's name, the cell as written */
      k = dt_split_names(c, lead->text, 0, lead->len, nm, MAX_NAMES);
    if (k && !(c->who = json_array())) return VB_ENOMEM;
    c->who_line = d->cells[lead->first].line;
    for (size_t i = 0; i < k; i++) {
      json_t *v = dt_display_name(c, lead->text + nm[i].a, nm[i].b - nm[i].a);
      if (!v || json_array_append_new(c->who, v)) return VB_ENOMEM;
    }
  }
  dt_row_para(c, row, 0, 0, &tmp, &np);
  for (size_t k = 0; k < np; k++) {
    const vb_xpara *tp = dt_row_para(c, row, 0, k, &tmp, &np);
    dwhen w;
    if (dt_value_when(c, tp->text, tp->len, 0, &w)) {
      VB_TRY(dt_value_deadline(c, &w, "", d->cells[tp->first].line,
                            NEED_WHO | NEED_WHAT | NEED_TO));
    } else {
      VB_TRY(dt_do_sentences(c, tp, 0));
    }
  }
  dt_row_para(c, row, 2, 0, &tmp, &np);
  for (size_t k = 0; k < np; k++)
    VB_TRY(dt_do_sentences(c, dt_row_para(c, row, 2, k, &tmp, &np), 0));
  return dt_block_close(c);
}

