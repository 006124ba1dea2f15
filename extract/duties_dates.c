/*
** duties_dates.c: dates of deadlines and their recurrence, and the
** blocks (a heading or a list item) that collect labels.  Part of the duty extractor (duties_int.h).
*/
#include "duties_int.h"

/* Names of the recurrences (dwhen.recur), as the record gives them. */
const char *const dt_recur_names[] = {NULL,      "yearly", "quarterly",
                                          "monthly", "weekly", "daily"};

/**************************************************************************
** Dates of deadlines
*/

int dt_digits_at(const char *s, size_t n, size_t i, size_t max,
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
size_t dt_quarter_at(const char *s, size_t n, size_t i, dwhen *w) {
  static const char *const roman[] = {"IV", "III", "II", "I"};
  static const int rv[] = {4, 3, 2, 1};
  size_t j = i, e;
  if (dt_word_at(s, n, j, "quý") || dt_word_at(s, n, j, "Quý"))
    j += strlen("quý");
  else if (dt_word_at(s, n, j, "QUÝ"))
    j += strlen("QUÝ");
  else
    return 0;
  j = dt_skip_sp(s, n, j);
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
    int v = dt_digits_at(s, n, j, 1, &e);
    if (v < 1 || v > 4) return 0;
    q = v;
    j = e;
  }
  w->quarter = q;
  size_t k = dt_skip_sp(s, n, j);
  if (k < n && (s[k] == '/' || s[k] == '-'))
    k = dt_skip_sp(s, n, k + 1);
  else if (dt_word_at(s, n, k, "năm"))
    k = dt_skip_sp(s, n, k + strlen("năm"));
  else
    return j - i;
  int y = dt_digits_at(s, n, k, 4, &e);
  if (y >= 1900 && y <= 2100) {
    w->y = y;
    return e - i;
  }
  return j - i;
}

/* The recurrence a match of recurs or recurs_after names (R_YEAR for
** "định kỳ" alone). */
int dt_recur_kind(dctx *c, const char *s) {
  static const char *const groups[] = {"quarter", "month", "week", "day"};
  for (int k = 0; k < 4; k++)
    if (dt_group_at(c, s, groups[k]) != SIZE_MAX) return R_QUARTER + k;
  return R_YEAR;
}

/* A day and month without a year: "ngày 05 tháng 7", "25-11"; a day
** alone followed by "hằng tháng", "của tháng cuối quý", or in a clause
** that recurs (kind) every month or quarter. */
size_t dt_daymonth_at(dctx *c, const char *s, size_t n, size_t i,
                          int kind, dwhen *w) {
  size_t j = i, e;
  if (dt_word_at(s, n, j, "ngày") || dt_word_at(s, n, j, "Ngày"))
    j = dt_skip_sp(s, n, j + strlen("ngày"));
  int d = dt_digits_at(s, n, j, 2, &e);
  if (d < 1 || d > 31) return 0;
  j = e;
  size_t k = dt_skip_sp(s, n, j);
  int m = -1;
  if (dt_word_at(s, n, k, "tháng")) {
    m = dt_digits_at(s, n, dt_skip_sp(s, n, k + strlen("tháng")), 2, &e);
  } else if (k < n && (s[k] == '-' || s[k] == '.' || s[k] == '/')) {
    m = dt_digits_at(s, n, dt_skip_sp(s, n, k + 1), 2, &e);
  }
  if (m >= 1 && m <= 12) {
    w->d = d;
    w->m = m;
    return e - i;
  }
  if (dt_rule_at(c, VB_F_RECURS_AFTER, s, n, j)) {
    int r = dt_recur_kind(c, s);
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
size_t dt_cycle_at(dctx *c, const char *s, size_t n, size_t i, int kind,
                       dwhen *w) {
  int want;
  if (dt_rule_at(c, VB_F_DEADLINE_HOUR, s, n, i))
    want = R_DAY;
  else if (dt_rule_at(c, VB_F_DEADLINE_WEEKDAY, s, n, i))
    want = R_WEEK;
  else
    return 0;
  size_t l = c->m->end - i;
  if (dt_rule_at(c, VB_F_RECURS_AFTER, s, n, i + l) && dt_recur_kind(c, s) == want) {
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
size_t dt_parse_when(dctx *c, const char *s, size_t n, size_t i, int kind,
                         dwhen *w) {
  size_t l, e;
  memset(w, 0, sizeof *w);
  if ((l = dt_quarter_at(s, n, i, w)) == 0) {
    vb_xdate dt;
    l = vb_x_parse_date(s + i, n - i, &dt);
    if (l && (dt.y || dt.m)) {
      w->y = dt.y;
      w->m = dt.m;
      w->d = dt.d;
    } else if ((l = dt_daymonth_at(c, s, n, i, kind, w)) != 0) {
      if (w->recur) return l;
    } else if ((l = dt_cycle_at(c, s, n, i, kind, w)) != 0) {
      return l;
    } else if (dt_word_at(s, n, i, "tháng") || dt_word_at(s, n, i, "Tháng")) {
      int m = dt_digits_at(s, n, dt_skip_sp(s, n, i + strlen("tháng")), 2, &e);
      if (m < 1 || m > 12) return 0;
      w->m = m;
      l = e - i;
    } else {
      int y = dt_digits_at(s, n, i, 4, &e);
      if (y < 1900 || y > 2100 || (e < n && (s[e] == '/' || s[e] == '-')))
        return 0;
      w->y = y;
      l = e - i;
    }
  }
  if (dt_rule_at(c, VB_F_RECURS_AFTER, s, n, i + l)) {
    int r = dt_recur_kind(c, s);
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
int dt_when_iso(const dctx *c, const dwhen *w, int kind, char out[16],
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
    *recurs = dt_recur_names[w->recur];
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
int dt_in_past(const dctx *c, const dwhen *w) {
  return w->y && c->issue_year && w->y < c->issue_year;
}

/**************************************************************************
** Blocks: a heading or a list item, its labels, and what waits for them
*/

/* Set the block's task text (its labels and waiting items stay). */
vb_status dt_block_open_keep(dctx *c, const char *s, size_t n) {
  size_t a = 0, b = n;
  dt_trim(s, &a, &b);
  if (b - a > WHAT_BYTES) b = a + WHAT_BYTES;
  while (b > a && b < n && ((unsigned char)s[b] & 0xC0) == 0x80) b--;
  vb_buf_reset(&c->desc);
  return vb_buf_append(&c->desc, s + a, b - a);
}

vb_status dt_block_open(dctx *c, const char *s, size_t n) {
  c->bopen = 1;
  c->list_open = 0;
  c->by[0] = '\0';
  vb_buf_reset(&c->desc);
  json_decref(c->who);
  json_decref(c->to);
  c->who = NULL;
  c->to = NULL;
  return dt_block_open_keep(c, s, n);
}

vb_status dt_set_str(json_t *o, const char *key, json_t *v) {
  if (!v) return VB_ENOMEM;
  return json_object_set_new(o, key, v) ? VB_ENOMEM : VB_OK;
}

/* The senders an edge takes when its sentence names none: the block's
** label, the item's units, the bodies the paragraph addressed. */
json_t *dt_default_senders(dctx *c) {
  if (c->who && json_array_size(c->who)) return json_incref(c->who);
  if (c->nscope) return dt_scope_names(c);
  return json_array();
}

/* Append one edge per sender of a template (from: null without one). */
vb_status dt_emit_edges(dctx *c, json_t *tmpl, json_t *from, size_t line) {
  size_t k = json_array_size(from);
  for (size_t i = 0; i < (k ? k : 1); i++) {
    if (json_array_size(c->reports) >= MAX_ITEMS) return VB_OK;
    json_t *e = json_deep_copy(tmpl);
    if (!e) return VB_ENOMEM;
    json_t *f = k ? json_array_get(from, i) : NULL;
    if (json_object_set(e, "from", f ? f : json_null()) ||
        json_object_set_new(
            e, "from_canonical",
            f ? dt_full_json(c, json_string_value(f), json_string_length(f))
              : json_null())) {
      json_decref(e); /* not appended yet: ours to free */
      return VB_ENOMEM;
    }
    if (json_array_append_new(c->reports, e)) return VB_ENOMEM;
    /* keep the key order of the spec: from, to, via, by first */
    VB_TRY(dt_lines_push(&c->rp_line, line));
  }
  return VB_OK;
}

vb_status dt_block_close(dctx *c) {
  vb_status rc = VB_OK;
  if (!c->bopen) return VB_OK;
  c->bopen = 0;
  json_t *desc = json_stringn(c->desc.data ? c->desc.data : "", c->desc.len);
  json_t *senders = dt_default_senders(c);
  if (!desc || !senders) rc = VB_ENOMEM;
  for (size_t i = 0; rc == VB_OK && i < c->npdl; i++) {
    json_t *dl = c->pdl[i].item;
    if ((c->pdl[i].need & NEED_WHAT) && c->desc.len)
      rc = dt_set_str(dl, "what", json_incref(desc));
    if (rc == VB_OK && (c->pdl[i].need & NEED_WHO))
      rc = dt_set_str(dl, "who", json_incref(senders));
    if (rc == VB_OK && (c->pdl[i].need & NEED_TO) && c->to)
      rc = dt_set_str(dl, "to", json_incref(c->to));
  }
  for (size_t i = 0; i < c->nprp; i++) {
    json_t *t = c->prp[i].item;
    if (rc == VB_OK && (c->prp[i].need & NEED_BY) && c->by[0])
      rc = dt_set_str(t, "by", json_string(c->by));
    if (rc == VB_OK) rc = dt_emit_edges(c, t, senders, c->prp[i].line);
    json_decref(t);
  }
  /* the units a label names carry the block's task */
  for (size_t i = 0; rc == VB_OK && c->who && i < json_array_size(c->who);
       i++) {
    size_t u = dt_unit_get(c, json_array_get(c->who, i), c->who_line, &rc);
    if (rc == VB_OK && c->desc.len)
      rc = dt_unit_task(c, u, c->desc.data, c->desc.len);
  }
  c->npdl = c->nprp = 0;
  json_decref(desc);
  json_decref(senders);
  return rc;
}

