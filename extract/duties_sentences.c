/*
** duties_sentences.c: sentences: subjects, receivers, clauses, deadlines and
** reporting edges.  Part of the duty extractor (duties_int.h).
*/
#include "duties_int.h"

/**************************************************************************
** Sentences
*/

/* Where the sentence that starts at a ends: after a '.' followed by a
** space and a capital, a digit or a list mark (not "TP. Hồ Chí Minh"),
** or at the end of the text. */
size_t dt_sentence_end(const char *s, size_t n, size_t a) {
  size_t depth = 0;
  for (size_t i = a; i < n; i++) {
    depth = dt_bracket(s[i], depth);
    if (s[i] != '.' || depth || i + 2 >= n || s[i + 1] != ' ') continue;
    unsigned char nx = (unsigned char)s[i + 2];
    if (!(nx >= 'A' && nx <= 'Z') && nx < 0xC3 && !(nx >= '0' && nx <= '9') &&
        nx != '-' && nx != '+')
      continue;
    if (nx >= 0xC3 && !vb_vi_starts_upper(s + i + 2, n - i - 2)) continue;
    size_t k = i;
    while (k > a && s[k - 1] >= 'A' && s[k - 1] <= 'Z') k--;
    if (i - k >= 1 && i - k <= 2 && (k == a || dt_is_sp(s[k - 1]))) continue;
    return i + 1;
  }
  return n;
}

/* The end of the clause (up to ';' or ':' outside brackets) from a. */
size_t dt_clause_end(const char *s, size_t b, size_t a) {
  size_t depth = 0;
  for (size_t i = a; i < b; i++) {
    depth = dt_bracket(s[i], depth);
    if (!depth && (s[i] == ';' || s[i] == ':')) return i + 1;
  }
  return b;
}

/* Is the name at [at, e) of a sentence that opens with a clause of time
** or condition its subject?  Not after "của", "với", ... (an object),
** and only when a verb follows it. */
int dt_intro_subject(dctx *c, const char *s, size_t a, size_t b, size_t at,
                         size_t e) {
  size_t from = at > a + 24 ? at - 24 : a;
  while (from > a && ((unsigned char)s[from] & 0xC0) == 0x80) from--;
  if (vb_x_field(c->m, VB_F_SUBJECT_NOT_AFTER, s, at, from)) return 0;
  return !dt_rule_at(c, VB_F_SUBJECT_NOT_BEFORE, s, b, e);
}

/* The bodies that may be the subject of a sentence [a, b): its first
** words, the names after "đề nghị"/"yêu cầu"/"giao", and, when the
** sentence opens with a clause of time or condition ("Kết thúc ...,",
** "Trong quá trình ..."), a name followed by its verb.  The names after
** lead words become the paragraph's carried senders. */
size_t dt_find_subjects(dctx *c, const char *s, size_t a, size_t b,
                            span *out, size_t max) {
  size_t k = 0;
  int intro = vb_x_field(c->m, VB_F_DUTY_INTRO, s + a, b - a, 0);
  size_t i = a;
  while (i < b && k < max) {
    int lead = 0;
    size_t at = i;
    if (dt_rule_at(c, VB_F_UNIT_HEAD, s, b, i)) {
      at = c->m->end;
      lead = 1;
    }
    if ((i == a || intro || lead) && dt_body_at(c, s, b, at)) {
      size_t e = dt_name_end(c, s, b, at);
      if (e > at) {
        if (i == a || lead || dt_intro_subject(c, s, a, b, at, e)) {
          out[k++] = (span){at, e, lead};
          if (lead) c->ncarry = dt_split_names(c, s, at, e, c->carry, MAX_NAMES);
        }
        i = e;
      }
    }
    /* the next word */
    while (i < b && !dt_is_sp(s[i]) && s[i] != '(') i++;
    while (i < b && (dt_is_sp(s[i]) || s[i] == '(')) i++;
  }
  return k;
}

/* The subject of a verb at v: the bodies "đề nghị"/"yêu cầu" addressed
** last before it ("Bộ Y tế đề nghị các đơn vị ... phản ánh về ..."), else
** the first subject that ends before it. */
const span *dt_subject_before(const span *subj, size_t k, size_t v) {
  const span *first = NULL, *lead = NULL;
  for (size_t i = 0; i < k; i++) {
    if (subj[i].b > v) continue;
    if (!first) first = &subj[i];
    if (subj[i].lead) lead = &subj[i];
  }
  return lead ? lead : first;
}

/* A list of display names from a span of names. */
json_t *dt_names_json(dctx *c, const char *s, span sp) {
  span nm[MAX_NAMES];
  size_t k = dt_split_names(c, s, sp.a, sp.b, nm, MAX_NAMES);
  json_t *a = json_array();
  for (size_t i = 0; a && i < k; i++) {
    json_t *v = dt_display_name(c, s + nm[i].a, nm[i].b - nm[i].a);
    if (!v || json_array_append_new(a, v)) {
      json_decref(a);
      return NULL;
    }
  }
  return a;
}

/* What a deadline at t asks for: the clause before it (after its
** subject), without brackets; for a date in brackets, the words before
** the dt_bracket ("báo cáo 6 tháng (trước ngày 10/6)"). */
vb_status dt_what_text(dctx *c, const char *s, size_t lo, size_t t,
                           vb_buf *out) {
  /* a long clause: its last words say what is due */
  if (t - lo > 4 * WHAT_BYTES) {
    lo = t - 4 * WHAT_BYTES;
    while (lo < t && !dt_is_sp(s[lo])) lo++;
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
  dt_trim(s, &a, &b);
  /* a recurrence opening the clause is not the task */
  if (dt_rule_at(c, VB_F_RECURS_LEAD, s, b, a)) {
    a = c->m->end;
    dt_trim(s, &a, &b);
  }
  vb_buf_reset(out);
  depth = 0;
  for (size_t i = a; i < b; i++) {
    if (s[i] == '(') depth++;
    if (!depth && !(dt_is_sp(s[i]) && out->len && out->data[out->len - 1] == ' '))
      VB_TRY(vb_buf_putc(out, s[i]));
    if (s[i] == ')' && depth) depth--;
  }
  while (out->len && dt_is_sp(out->data[out->len - 1]))
    vb_buf_truncate(out, out->len - 1);
  if (out->len > WHAT_BYTES) {
    size_t l = WHAT_BYTES;
    while (l > 0 && ((unsigned char)out->data[l] & 0xC0) == 0x80) l--;
    vb_buf_truncate(out, l);
  }
  return VB_OK;
}

/* Append a deadline; who, what, to may wait for the block (need). */
vb_status dt_add_deadline(dctx *c, const char *date, const char *recurs,
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
  VB_TRY(dt_lines_push(&c->dl_line, line));
  if (need && c->bopen && c->npdl < MAX_PENDING)
    c->pdl[c->npdl++] = (pend){o, need, line};
  *made = o;
  return VB_OK;
}

/* The issuing body named by the start of its own name at i: "về Sở (qua
** Văn phòng Sở)" in a department's plan, "về Bộ Chỉ huy (qua Phòng Tham
** mưu)" in a plan of the Bộ Chỉ huy Quân sự tỉnh.  The words written are
** the first whole words of the record's issuer: its kind alone, or more
** words that name no body of their own ("Sở Y tế" names one).  A People's
** Committee is never named so ("UBND tỉnh" is the province's).  Returns
** the length of the words, or 0. */
size_t dt_self_at(dctx *c, const char *s, size_t n, size_t i) {
  static const char ubnd[] = "Ủy ban nhân dân";
  if (!c->issuer || strncmp(c->issuer, ubnd, strlen(ubnd)) == 0) return 0;
  size_t il = strlen(c->issuer), j = 0, words = 0;
  while (j < il && i + j < n && s[i + j] == c->issuer[j]) j++;
  /* back to the end of a whole word on both sides */
  while (j > 0 && !((j == il || c->issuer[j] == ' ') &&
                    (i + j == n || dt_is_sp(s[i + j]) || s[i + j] == '(' ||
                     s[i + j] == ',' || s[i + j] == '.' || s[i + j] == ';')))
    j--;
  if (j == 0) return 0;
  /* "Sở Y tế" after "Sở" is another body, not the issuer */
  size_t k = dt_skip_sp(s, n, i + j);
  if (k > i + j && k < n && vb_vi_starts_upper(s + k, n - k)) return 0;
  for (size_t q = 0; q < j; q++) words += c->issuer[q] == ' ';
  if (words == 0) return j;
  int known = 0;
  vb_buf_reset(&c->b1);
  if (vb_names_canon(s + i, j, NULL, &c->b1, &known) != VB_OK) return 0;
  return known ? 0 : j;
}

/* Offices that head a body, named alone for the head of the issuer
** (dt_head_at). */
static const char *const head_offices[] = {
    "Bộ trưởng", "Thủ trưởng", "Giám đốc", "Chủ tịch", "Cục trưởng",
    "Vụ trưởng", "Tổng cục trưởng", "Trưởng ban", "Thống đốc"};

size_t dt_head_at(dctx *c, const char *s, size_t n, size_t i) {
  if (!c->issuer) return 0;
  for (size_t k = 0; k < sizeof head_offices / sizeof head_offices[0]; k++) {
    size_t w = strlen(head_offices[k]);
    if (i + w > n || memcmp(s + i, head_offices[k], w) != 0) continue;
    size_t j = i + w;
    if (j < n && !dt_is_sp(s[j]) && !strchr(",.;:(", s[j])) continue;
    size_t q = dt_skip_sp(s, n, j);
    /* "Bộ trưởng Bộ Tư pháp" names its body: another rule reads it; the
       head is reported to on a matter ("báo cáo Bộ trưởng về kết quả"),
       not asked to decide ("báo cáo Trưởng ban xem xét, chỉ đạo") */
    if (q < n && vb_vi_starts_upper(s + q, n - q)) continue;
    if (q >= n || dt_word_at(s, n, q, "về") || dt_word_at(s, n, q, "kết quả") ||
        dt_word_at(s, n, q, "tình hình"))
      return w;
  }
  return 0;
}

/* A receiver named by the issuer or its head: the issuer's name, or the
** office with it ("Bộ trưởng" -> "Bộ trưởng Bộ Tài nguyên và Môi
** trường"); NULL for another body (or no memory). */
static json_t *own_receiver(dctx *c, const char *s, span r) {
  if (dt_head_at(c, s, r.b, r.a) != r.b - r.a) return json_string(c->issuer);
  vb_buf_reset(&c->b1);
  if (vb_buf_append(&c->b1, s + r.a, r.b - r.a) != VB_OK ||
      vb_buf_puts(&c->b1, " ") != VB_OK ||
      vb_buf_puts(&c->b1, c->issuer) != VB_OK)
    return NULL;
  return json_stringn(c->b1.data, c->b1.len);
}

/* A new edge template for one receiver s[r.a..r.b). */
json_t *dt_edge_tmpl(dctx *c, const char *s, span r, json_t *via) {
  json_t *o = json_object();
  if (!o) return NULL;
  int self = dt_self_at(c, s, r.b, r.a) == r.b - r.a ||
             dt_head_at(c, s, r.b, r.a) == r.b - r.a;
  json_t *to = self ? own_receiver(c, s, r) : dt_to_name(c, s + r.a, r.b - r.a);
  json_t *tc = self ? own_receiver(c, s, r) : dt_full_json(c, s + r.a, r.b - r.a);
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
size_t dt_receiver_at(dctx *c, const char *s, size_t cb, size_t vs,
                          size_t ve, size_t nv, int noun) {
  int gui = s[vs] == 'g' || s[vs] == 'G';
  int baocao = s[vs] == 'b' || s[vs] == 'B';
  if (dt_rule_at(c, VB_F_REPORT_DIRECT, s, cb, ve)) {
    size_t t = c->m->end;
    int prep = dt_group_at(c, s, "prep") != SIZE_MAX;
    if (dt_body_at(c, s, cb, t) || dt_head_at(c, s, cb, t)) {
      /* a plain "gửi X" is a report only when the clause says what */
      if (!gui || prep || noun) return t;
      return SIZE_MAX;
    }
  }
  size_t from = ve;
  while (from < nv && vb_x_field_first(c->m, VB_F_REPORT_PREP, s, nv, from)) {
    size_t t = dt_group_at(c, s, "to");
    from = c->m->end;
    /* "... cho Sở X" after a report, not after a file sent */
    if (!baocao && dt_group_at(c, s, "cho") != SIZE_MAX) continue;
    if (t != SIZE_MAX && (dt_body_at(c, s, nv, t) || dt_self_at(c, s, nv, t)))
      return t;
  }
  /* "báo cáo ... với X", not "phối hợp với X" */
  if (baocao && vb_x_field(c->m, VB_F_REPORT_WITH, s, nv, ve)) {
    size_t t = dt_group_at(c, s, "to");
    if (t != SIZE_MAX && !dt_contains(s + ve, t - ve, "phối hợp") &&
        dt_body_at(c, s, nv, t))
      return t;
  }
  return SIZE_MAX;
}

/* The body a report passes through, in [from, to): "(qua X)", "thông qua
** X".  Returns a new string or NULL (also when there is none: *rc says). */
json_t *dt_via_at(dctx *c, const char *s, size_t from, size_t to,
                      size_t *end, vb_status *rc) {
  size_t pos = from;
  while (pos < to && vb_x_field_first(c->m, VB_F_REPORT_VIA, s, to, pos)) {
    size_t v = dt_group_at(c, s, "via");
    int paren = s[c->m->start] == '(';
    pos = c->m->end;
    if (v == SIZE_MAX || !dt_body_at(c, s, to, v)) continue;
    size_t e = dt_name_end(c, s, to, v);
    if (paren) { /* "(qua Phòng An ninh chính trị nội bộ, Công an tỉnh)" */
      const char *cl = memchr(s + v, ')', to - v);
      if (cl && (size_t)(cl - s) > e) {
        span nm[MAX_NAMES];
        size_t k = dt_split_names(c, s, v, (size_t)(cl - s), nm, MAX_NAMES);
        if (k > 1) e = (size_t)(cl - s);
      }
      if (cl)
        *end = (size_t)(cl - s) + 1;
      else
        *end = e;
    } else {
      *end = e;
    }
    json_t *r = dt_to_name(c, s + v, e - v);
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
size_t dt_receivers(dctx *c, const char *s, size_t t, size_t nv,
                        span *rv, json_t **via, size_t *vend,
                        vb_status *rc) {
  size_t k = 0;
  for (size_t at = t; k < MAX_NAMES;) {
    size_t re, sl, g = dt_names_at(c, s, nv, at, rv + k, MAX_NAMES - k, &re);
    if (!g && ((sl = dt_head_at(c, s, nv, at)) != 0 ||
               (sl = dt_self_at(c, s, nv, at)) != 0)) {
      rv[k] = (span){at, at + sl, 0};
      re = at + sl;
      g = 1;
    }
    if (!g) break;
    size_t q = dt_skip_sp(s, nv, re);
    int paren = q < nv && s[q] == '(';
    json_t *v = dt_via_at(c, s, re, nv, vend, rc);
    if (*rc != VB_OK) g = 0;
    for (size_t i = 0; i < g; i++)
      via[k + i] = v && (!paren || i + 1 == g) ? json_incref(v) : NULL;
    json_decref(v);
    if (!g) break;
    k += g;
    if (!v) *vend = re;
    /* "(qua X) và Z": Z is another receiver, with its own channel */
    if (!v || !paren || !dt_rule_at(c, VB_F_REPORT_AND, s, nv, *vend)) break;
    at = dt_group_at(c, s, "to");
    if (!dt_body_at(c, s, nv, at)) break;
  }
  return k;
}

/* Where the words of a task at t start: after the clause's start ca and
** after its subject sj when that comes before t. */
size_t dt_task_start(size_t ca, const span *sj, size_t t) {
  return sj && sj->b > ca && sj->b <= t ? sj->b : ca;
}

/* Keep a deadline found at t of a clause: its task is in c->b3, its
** doers are the subject sj (else the block's); date NULL: none. */
vb_status dt_keep_deadline(dctx *c, const vb_xpara *p, const char *s,
                               size_t t, const span *sj, const char *date,
                               const char *recurs, int paren, cdl *out,
                               size_t *nout) {
  json_t *who = sj ? dt_names_json(c, s, *sj) : NULL, *made;
  if (sj && !who) return VB_ENOMEM;
  unsigned need = (sj ? 0 : NEED_WHO) | (c->b3.len ? 0 : NEED_WHAT);
  vb_status rc =
      dt_add_deadline(c, date, recurs, c->b3.data ? c->b3.data : "", c->b3.len,
                   who, NULL, dt_para_line(c, p, t), need, &made);
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
recur dt_find_recur(dctx *c, const char *s, size_t a, size_t b) {
  recur r = {R_NONE, 0, 0};
  if (vb_x_field(c->m, VB_F_RECURS, s, b, a)) {
    r.kind = dt_recur_kind(c, s);
    r.a = c->m->start;
    r.b = c->m->end;
  }
  return r;
}

/* Say in c->b3, the task of a deadline at [t, e) of the clause [lo, cb)
** that recurs without a date, how it recurs: "Báo cáo tiến độ (trước
** ngày 20 hằng tháng)", with the clause's recurrence rk when neither the
** deadline nor the task names it.  A task left empty by a date in
** brackets is the clause before the dt_bracket ("báo cáo UBND tỉnh định kỳ
** hằng quý (trước ngày 15 ...)"), else the words after it ("Định kỳ hằng
** tháng (trước ngày 15) báo cáo ..."). */
vb_status dt_recur_what(dctx *c, const char *s, size_t lo, size_t t,
                            size_t e, size_t cb, const recur *rk, int paren) {
  if (!c->b3.len && paren) {
    size_t depth = 0, open = t;
    for (size_t i = lo; i < t; i++) {
      if (s[i] == '(' && !depth) open = i;
      depth = dt_bracket(s[i], depth);
    }
    VB_TRY(dt_what_text(c, s, lo, open, &c->b3));
    size_t j = e;
    for (depth = 1; j < cb && depth;) depth = dt_bracket(s[j++], depth);
    if (!c->b3.len && !depth) VB_TRY(dt_what_text(c, s, j, cb, &c->b3));
  }
  size_t a = t, b = e;
  dt_trim(s, &a, &b);
  while (b > a && (s[b - 1] == '(' || s[b - 1] == ')' || dt_is_sp(s[b - 1])))
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
vb_status dt_share_verb(dctx *c, const cdl *prev) {
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
vb_status dt_clause_deadlines(dctx *c, const vb_xpara *p, const char *s,
                                  size_t ca, size_t cb, const span *subj,
                                  size_t nsubj, const span *first_subj,
                                  const recur *rk, cdl *out, size_t *nout,
                                  const char *label_what) {
  size_t pos = ca;
  fscan fs;
  char date[16];
  const char *recurs;
  dt_fscan_init(c->r_dl, c->n_dl, &fs, s, cb);
  while (*nout < MAX_CLAUSE && pos < cb && dt_fscan_next(c, &fs, pos)) {
    size_t t = c->m->start, w = dt_group_at(c, s, "when");
    pos = c->m->end;
    dwhen wh;
    size_t l = w == SIZE_MAX ? 0 : dt_parse_when(c, s, cb, w, rk->kind, &wh);
    if (!l) continue;
    pos = w + l;
    if (dt_in_past(c, &wh) || !dt_when_iso(c, &wh, rk->kind, date, &recurs))
      continue;
    const span *sj = dt_subject_before(subj, nsubj, t);
    if (!sj) sj = first_subj;
    size_t lo = dt_task_start(ca, sj, t), depth = 0;
    if (label_what) {
      vb_buf_reset(&c->b3);
      VB_TRY(vb_buf_puts(&c->b3, label_what));
    } else {
      VB_TRY(dt_what_text(c, s, lo, t, &c->b3));
      if (*nout > 0) VB_TRY(dt_share_verb(c, &out[*nout - 1]));
    }
    for (size_t i = lo; i < t; i++) depth = dt_bracket(s[i], depth);
    if (!date[0] && !label_what)
      VB_TRY(dt_recur_what(c, s, lo, t, pos, cb, rk, depth > 0));
    VB_TRY(dt_keep_deadline(c, p, s, t, sj, date[0] ? date : NULL, recurs,
                         depth > 0, out, nout));
  }
  /* counted from an event: no date, the clause says from what */
  pos = ca;
  dt_fscan_init(c->r_rel, c->n_rel, &fs, s, cb);
  while (*nout < MAX_CLAUSE && pos < cb && dt_fscan_next(c, &fs, pos)) {
    size_t t = c->m->start;
    pos = c->m->end;
    const span *sj = dt_subject_before(subj, nsubj, t);
    if (!sj) sj = first_subj;
    VB_TRY(dt_what_text(c, s, dt_task_start(ca, sj, t), cb, &c->b3));
    VB_TRY(dt_keep_deadline(c, p, s, t, sj, NULL, NULL, 0, out, nout));
  }
  /* "gửi báo cáo từ ngày 01/12 đến ngày 10/12 hằng năm": the yearly end
     of a span */
  pos = ca;
  dt_fscan_init(c->r_range, c->n_range, &fs, s, cb);
  while (*nout < MAX_CLAUSE && pos < cb && dt_fscan_next(c, &fs, pos)) {
    size_t t = c->m->start, w = dt_group_at(c, s, "when");
    pos = c->m->end;
    dwhen w1, w2;
    size_t l = dt_parse_when(c, s, cb, w, rk->kind, &w1), k;
    if (!l || w1.y) continue;
    k = dt_skip_sp(s, cb, w + l);
    if (k < cb && s[k] == '-')
      k = dt_skip_sp(s, cb, k + 1);
    else if (dt_word_at(s, cb, k, "đến"))
      k = dt_skip_sp(s, cb, k + strlen("đến"));
    else
      continue;
    if (dt_word_at(s, cb, k, "ngày")) k = dt_skip_sp(s, cb, k + strlen("ngày"));
    size_t l2 = dt_parse_when(c, s, cb, k, rk->kind, &w2);
    if (!l2 || w2.y || !w2.d || !(w2.recur == R_YEAR || rk->kind == R_YEAR))
      continue;
    pos = k + l2;
    w2.recur = R_YEAR;
    if (!dt_when_iso(c, &w2, R_YEAR, date, &recurs)) continue;
    const span *sj = dt_subject_before(subj, nsubj, t);
    size_t lo = dt_task_start(ca, sj, t);
    /* a span is when an activity runs ("tổ chức chiến dịch từ ngày 15/11
       đến ngày 15/12"): its end is due only for something handed in
       ("gửi báo cáo từ ngày 01/12 đến ngày 10/12 hằng năm") */
    if (!vb_x_field(c->m, VB_F_REPORT_VERB, s, t, lo)) continue;
    VB_TRY(dt_what_text(c, s, lo, t, &c->b3));
    VB_TRY(dt_keep_deadline(c, p, s, t, sj, date, recurs, 0, out, nout));
  }
  return VB_OK;
}

/* Remember the latest date of the block's time labels. */
void dt_block_by(dctx *c, const char *date) {
  if (!c->by[0] || strcmp(date, c->by) > 0)
    snprintf(c->by, sizeof c->by, "%s", date);
}

/* Hand an edge to the block, or emit it now when its senders are known. */
vb_status dt_place_edge(dctx *c, cedge *e, const char *by) {
  if (by && by[0] && dt_set_str(e->tmpl, "by", json_string(by)) != VB_OK)
    return VB_ENOMEM;
  if (!c->to) c->to = json_incref(json_object_get(e->tmpl, "to"));
  if (e->from) {
    vb_status rc = dt_emit_edges(c, e->tmpl, e->from, e->line);
    json_decref(e->tmpl);
    return rc;
  }
  unsigned need = (by && by[0]) || e->chained ? 0 : NEED_BY;
  if (c->bopen && c->nprp < MAX_PENDING) {
    c->prp[c->nprp++] = (pend){e->tmpl, need, e->line};
    return VB_OK;
  }
  json_t *from = dt_default_senders(c);
  vb_status rc = from ? dt_emit_edges(c, e->tmpl, from, e->line) : VB_ENOMEM;
  json_decref(from);
  json_decref(e->tmpl);
  return rc;
}

/* Report edges of the clause [ca, cb); deadlines of the clause in dl. */
vb_status dt_clause_reports(dctx *c, const vb_xpara *p, const char *s,
                                size_t ca, size_t cb, const span *subj,
                                size_t nsubj, const span *fallback, cdl *dl,
                                size_t ndl) {
  cedge ed[MAX_CLAUSE];
  size_t ne = 0, pos = ca, prev_end = SIZE_MAX, nv = SIZE_MAX;
  span prev[MAX_NAMES];
  size_t nprev = 0;
  vb_status rc = VB_OK;
  fscan fv;
  dt_fscan_init(c->r_verb, c->n_verb, &fv, s, cb);
  /* what makes a plain "gửi X" a report: a report noun before it */
  size_t noun =
      vb_x_field(c->m, VB_F_REPORT_NOUN, s, cb, ca) ? c->m->start : SIZE_MAX;
  while (ne < MAX_CLAUSE && pos < cb && dt_fscan_next(c, &fv, pos)) {
    size_t vs = c->m->start, ve = c->m->end;
    pos = ve;
    nv = dt_fscan_next(c, &fv, ve) ? c->m->start : cb;
    size_t t = dt_receiver_at(c, s, cb, vs, ve, nv, noun < vs);
    if (t == SIZE_MAX) {
      /* "gửi Sở X tổng hợp, ..., báo cáo Y": X still reports on */
      if ((s[vs] == 'g' || s[vs] == 'G') &&
          dt_rule_at(c, VB_F_REPORT_DIRECT, s, cb, ve)) {
        size_t x = c->m->end, e;
        nprev = dt_names_at(c, s, nv, x, prev, MAX_NAMES, &e);
        if (nprev) prev_end = e;
      }
      continue;
    }
    span rv[MAX_NAMES];
    json_t *via[MAX_NAMES]; /* each receiver's channel (one reference) */
    size_t vend = t, k = dt_receivers(c, s, t, nv, rv, via, &vend, &rc);
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
        if (memcmp(s + i, de_w, dl_w) == 0 && (i == 0 || dt_is_sp(s[i - 1]))) {
          de = i;
          break;
        }
      size_t th = de != SIZE_MAX ? de + dl_w : dt_skip_sp(s, vs, g);
      if (vs - th >= strlen("tổng hợp") &&
          memcmp(s + th, "tổng hợp", strlen("tổng hợp")) == 0)
        chained = 1;
      else if (de != SIZE_MAX) {
        for (size_t i = 0; i < k; i++) json_decref(via[i]);
        continue;
      }
    }
    const span *sj = dt_subject_before(subj, nsubj, vs);
    for (size_t i = 0; i < k && ne < MAX_CLAUSE; i++) {
      json_t *tmpl = dt_edge_tmpl(c, s, rv[i], via[i]);
      if (!tmpl) {
        rc = VB_ENOMEM;
        break;
      }
      json_t *from = NULL;
      if (chained) {
        from = json_array();
        for (size_t j = 0; from && j < nprev; j++) {
          json_t *f = dt_to_name(c, s + prev[j].a, prev[j].b - prev[j].a);
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
        from = dt_names_json(c, s, sj ? *sj : *fallback);
      }
      if ((chained || sj || fallback) && !from) rc = VB_ENOMEM;
      if (rc != VB_OK) {
        json_decref(tmpl);
        json_decref(from);
        break;
      }
      ed[ne++] = (cedge){tmpl, vs, chained, from, dt_para_line(c, p, vs)};
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
        rc = dt_set_str(dl[i].item, "to",
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
        rc = dt_place_edge(c, &e, bys[k]);
    }
    if (rc == VB_OK)
      rc =
          dt_place_edge(c, &ed[i], ed[i].chained || !nby ? NULL : bys[copies - 1]);
    else
      json_decref(ed[i].tmpl);
    json_decref(ed[i].from);
  }
  return rc;
}

/* Exact value of a time label or a time column: "Tháng 12/2025",
** "Hoàn thành trong năm 2025", "2025", "Trước ngày 30/11/2025". */
int dt_value_when(dctx *c, const char *s, size_t n, size_t a, dwhen *w) {
  if (!vb_x_field(c->m, VB_F_DEADLINE_VALUE, s + a, n - a, 0)) return 0;
  size_t at = a + c->m->end;
  size_t l = dt_parse_when(c, s, n, at, R_NONE, w);
  if (!l) return 0;
  size_t e = at + l;
  while (e < n && (dt_is_sp(s[e]) || s[e] == '.' || s[e] == ';' || s[e] == ',' ||
                   s[e] == ')'))
    e++;
  return e == n;
}

/* The deadline a time label's or a time column's value w states, for
** the task what (may wait for the block: need). */
vb_status dt_value_deadline(dctx *c, const dwhen *w, const char *what,
                                size_t line, unsigned need) {
  char date[16];
  const char *recurs;
  json_t *made;
  if (dt_in_past(c, w) || !dt_when_iso(c, w, R_NONE, date, &recurs)) return VB_OK;
  VB_TRY(dt_add_deadline(c, date[0] ? date : NULL, recurs, what, strlen(what),
                      NULL, NULL, line, need, &made));
  if (date[0]) dt_block_by(c, date);
  return VB_OK;
}

/* A label naming the task's words ("Thời gian kiểm tra và đánh giá ...
** trước ngày ..."), not just "thực hiện". */
int dt_task_words(const char *s, size_t a, size_t b) {
  static const char *const filler[] = {"thực hiện",         "hoàn thành",
                                       "thực hiện dự kiến", "dự kiến",
                                       "báo cáo",           NULL};
  dt_trim(s, &a, &b);
  if (b <= a) return 0;
  for (int k = 0; filler[k]; k++)
    if (strlen(filler[k]) == b - a && memcmp(s + a, filler[k], b - a) == 0)
      return 0;
  return 1;
}

/* The labels that open a sentence: who ("Đơn vị thực hiện: X"), what
** ("Nhiệm vụ: ..."), when ("Thời gian thực hiện: Tháng 12/2025").  *done
** is 1 when the sentence was a label and is read. */
vb_status dt_sentence_label(dctx *c, const vb_xpara *p, const char *s,
                                size_t a, size_t b, int *done) {
  *done = 0;
  if (dt_rule_at(c, VB_F_ASIDE_LABEL, s, b, a)) { /* "Đơn vị phối hợp: X" */
    *done = 1;
    return VB_OK;
  }
  if (dt_rule_at(c, VB_F_UNIT_LABEL, s, b, a)) {
    size_t w = dt_group_at(c, s, "who");
    *done = 1;
    if (w == SIZE_MAX) return VB_OK;
    span nm[MAX_NAMES];
    size_t e, k = dt_head_names(c, s, b, w, 1, nm, &e);
    if (!k) { /* a value that is no body's name: as written */
      size_t x = w, y = b;
      dt_trim(s, &x, &y);
      if (y <= x) {
        c->list_open = 1;
        return VB_OK;
      }
      k = dt_split_names(c, s, x, y, nm, MAX_NAMES);
    }
    if (!c->who && !(c->who = json_array())) return VB_ENOMEM;
    c->who_line = dt_para_line(c, p, w);
    for (size_t i = 0; i < k && json_array_size(c->who) < MAX_WHO; i++) {
      json_t *v = dt_display_name(c, s + nm[i].a, nm[i].b - nm[i].a);
      if (!v || json_array_append_new(c->who, v)) return VB_ENOMEM;
    }
    return VB_OK;
  }
  if (dt_rule_at(c, VB_F_TASK_LABEL, s, b, a)) {
    size_t w = dt_group_at(c, s, "what");
    *done = 1;
    size_t x = w, y = b;
    dt_trim(s, &x, &y);
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
  if (dt_rule_at(c, VB_F_TIME_LABEL, s, b, a)) {
    size_t value = c->m->end, gl = 0, wa = SIZE_MAX;
    const char *g;
    if (vb_x_group(c->m, "what", &g, &gl)) wa = (size_t)(g - s);
    size_t wb = wa + gl;
    char what[WHAT_BYTES + 1];
    what[0] = '\0';
    if (wa != SIZE_MAX && dt_task_words(s, wa, wb)) {
      size_t x = wa, y = wb;
      dt_trim(s, &x, &y);
      snprintf(what, sizeof what, "%.*s", (int)(y - x), s + x);
    }
    *done = 1;
    dwhen w;
    cdl dl[MAX_CLAUSE];
    size_t ndl = 0;
    if (dt_value_when(c, s, b, value, &w))
      return dt_value_deadline(c, &w, what, dt_para_line(c, p, value),
                            NEED_WHO | NEED_TO | (what[0] ? 0 : NEED_WHAT));
    /* "Thời gian: xong trước ngày 25/12/2023" */
    recur rk = dt_find_recur(c, s, a, b);
    VB_TRY(dt_clause_deadlines(c, p, s, value, b, NULL, 0, NULL, &rk, dl, &ndl,
                            what));
    /* the block's labels say who does it, for whom and (when the label
       does not) what */
    for (size_t i = 0; i < ndl; i++) {
      for (size_t q = 0; q < c->npdl; q++)
        if (c->pdl[q].item == dl[i].item)
          c->pdl[q].need |= NEED_WHO | NEED_TO | (what[0] ? 0 : NEED_WHAT);
      if (dl[i].date[0]) dt_block_by(c, dl[i].date);
    }
    return VB_OK;
  }
  return VB_OK;
}

/* The subject of a sentence when its first verb comes before it: the
** first name right before a reporting verb ("Định kỳ báo cáo 6 tháng
** (...), các sở, ban, ngành ... gửi báo cáo ..."). */
const span *dt_late_subject(dctx *c, const char *s, size_t b,
                                const span *subj, size_t k) {
  for (size_t i = 0; i < k; i++)
    if (vb_x_field_first(c->m, VB_F_REPORT_VERB, s, b,
                         dt_skip_sp(s, b, subj[i].b)) &&
        c->m->start == dt_skip_sp(s, b, subj[i].b))
      return &subj[i];
  return NULL;
}

/* One sentence [a, b) of paragraph p. */
vb_status dt_do_sentence(dctx *c, const vb_xpara *p, const char *s,
                             size_t a, size_t b) {
  int done;
  VB_TRY(dt_sentence_label(c, p, s, a, b, &done));
  if (done) return VB_OK;
  size_t carried = c->ncarry;
  span subj[MAX_SUBJ + 1];
  size_t nsubj = dt_find_subjects(c, s, a, b, subj, MAX_SUBJ);
  /* the subject of the sentence: the first before its first verb */
  size_t v0 =
      vb_x_field_first(c->m, VB_F_REPORT_VERB, s, b, a) ? c->m->start : b;
  const span *first = dt_subject_before(subj, nsubj, v0);
  if (!first) first = dt_late_subject(c, s, b, subj, nsubj);
  /* a sentence without a subject has the last one's (its senders) */
  span whole;
  const span *fallback = NULL;
  if (nsubj == 0 && carried && c->ncarry == carried) {
    whole = (span){c->carry[0].a, c->carry[carried - 1].b, 0};
    fallback = &whole;
  }
  /* the recurrence of a clause: its own, else the sentence's */
  recur rs = dt_find_recur(c, s, a, b);
  for (size_t ca = a; ca < b;) {
    size_t cb = dt_clause_end(s, b, ca);
    cdl dl[MAX_CLAUSE];
    size_t ndl = 0;
    /* rs is the sentence's first recurrence: a clause before it (or any
    ** clause, when there is none) has none of its own, and clauses end
    ** at ';' or ':', where no recurrence can end */
    recur rk = rs;
    if (rs.kind && rs.a < ca) {
      recur own = dt_find_recur(c, s, ca, cb);
      if (own.kind) rk = own;
    }
    VB_TRY(dt_clause_deadlines(c, p, s, ca, cb, subj, nsubj,
                            first ? first : fallback, &rk, dl, &ndl, NULL));
    VB_TRY(dt_clause_reports(c, p, s, ca, cb, subj, nsubj, fallback, dl, ndl));
    ca = cb;
  }
  if (first && c->ncarry == carried)
    c->ncarry = dt_split_names(c, s, first->a, first->b, c->carry, MAX_NAMES);
  return VB_OK;
}

int dt_is_label_at(dctx *c, const char *s, size_t n, size_t i) {
  return i < n && (dt_rule_at(c, VB_F_UNIT_LABEL, s, n, i) ||
                   dt_rule_at(c, VB_F_TIME_LABEL, s, n, i) ||
                   dt_rule_at(c, VB_F_TASK_LABEL, s, n, i) ||
                   dt_rule_at(c, VB_F_ASIDE_LABEL, s, n, i));
}

/* The end of the sentence of paragraph p that starts at a: also where a
** line of the paragraph opens with a label ("Thời gian: xong trước ngày
** 25/12/2023" / "Thực hiện: Văn phòng Sở." on the next line). */
size_t dt_sentence_end_p(dctx *c, const vb_xpara *p, size_t a) {
  size_t b = dt_sentence_end(p->text, p->len, a);
  for (size_t k = vb_xpara_cell(p, a) - p->first + 1;
       k <= p->last - p->first && p->off[k] < b; k++)
    if (p->off[k] > a && dt_is_label_at(c, p->text, p->len, p->off[k]))
      return p->off[k];
  return b;
}

vb_status dt_do_sentences(dctx *c, const vb_xpara *p, size_t from) {
  const char *s = p->text;
  size_t n = p->len;
  c->ncarry = 0;
  for (size_t a = dt_skip_sp(s, n, from); a < n;) {
    size_t b = dt_sentence_end_p(c, p, a);
    VB_TRY(dt_do_sentence(c, p, s, a, b));
    a = dt_skip_sp(s, n, b);
  }
  return VB_OK;
}

