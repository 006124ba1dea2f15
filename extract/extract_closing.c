/*
** extract_closing.c: the closing: recipients and the signature block.
** Part of the record extractor (record_int.h).
*/
#include "record_int.h"

/**************************************************************************
** 6. Closing: recipients and signature
*/

/* Append the items of one line of the list: "- A; - B; (note) - C" splits
** at a dash that follows the start, ';', '.' or ')'. */
vb_status xs_add_items(json_t *list, json_t *ev, xstate *x,
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
vb_status xs_continue_item(json_t *list, const char *s, size_t n) {
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

int xs_is_item(const vb_xcell *c) {
  return c->len > 0 && (c->text[0] == '-' || c->text[0] == '+' ||
                        (c->len >= 3 && memcmp(c->text, "\xE2\x80\xA2", 3) == 0));
}

/* The "Nơi nhận" list: items on their own lines, several on one line, or
** wrapped; labels ("Bản điện tử:") skipped. */
vb_status xs_read_recipients(xstate *x, json_t *list, json_t *ev) {
  size_t i;
  x->recip_cell = x->recip_last = SIZE_MAX;
  for (i = x->body_start; i < x->end; i++)
    if (xs_match_cell(x, VB_F_RECIP_HEAD, i)) break;
  if (i >= x->end) return VB_OK;
  x->recip_cell = x->recip_last = i;
  const char *rest;
  size_t rn;
  vb_x_group(&x->m, "rest", &rest, &rn);
  if (rn && (rest[0] == '-' || rest[0] == '+' || (rn && rest[rn - 1] == ';')))
    VB_TRY(xs_add_items(list, ev, x, rest, rn, xs_cell(x, i)->line));
  unsigned col = xs_cell(x, i)->col;
  for (size_t j = i + 1; j < x->end && j < i + CLOSING_CELLS; j++) {
    const vb_xcell *c = xs_cell(x, j);
    if (c->len == 0) continue;
    if (xs_is_item(c)) {
      VB_TRY(xs_add_items(list, ev, x, c->text, c->len, c->line));
      x->recip_last = j;
      continue;
    }
    if (c->col != col || xs_match_cell(x, VB_F_SIG_SKIP, j))
      continue; /* the signature beside the list, "(Đã ký)" */
    if (json_array_size(list) > 0 && !vb_vi_starts_upper(c->text, c->len) &&
        !vb_x_field(&x->m, VB_F_SIG_AUTH, c->text, c->len, 0)) {
      /* an item wrapped onto this line: "- Bộ ... (để" / "b/c);" */
      VB_TRY(xs_continue_item(list, c->text, c->len));
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

vb_status xs_put_authority(xsig *g, const char *kind, size_t kn,
                               const char *s, size_t n) {
  vb_buf_reset(&g->auth);
  for (size_t i = 0; i < kn; i++) /* "T/M" is written "TM." */
    if (kind[i] != '/') VB_TRY(vb_buf_putc(&g->auth, kind[i]));
  VB_TRY(vb_buf_puts(&g->auth, ". "));
  return vb_names_office(s, n, &g->auth);
}

/* Length of the capitals at the start of s (up to a word in mixed case). */
size_t xs_caps_run(const char *s, size_t n) {
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

vb_status xs_sig_cell(xstate *x, xsig *g, size_t ci, sigparse *sp,
                          int *done) {
  const vb_xcell *c = xs_cell(x, ci);
  const char *s = c->text;
  size_t n = c->len;
  *done = 0;
  /* authorities: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" */
  while (n > 0 && vb_x_field(&x->m, VB_F_SIG_AUTH, s, n, 0)) {
    const char *k, *r;
    size_t kn, rn;
    vb_x_group(&x->m, "kind", &k, &kn);
    vb_x_group(&x->m, "rest", &r, &rn);
    size_t body = xs_caps_run(r, rn);
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
    VB_TRY(xs_put_authority(g, k, kn, r, stop));
    sp->have_auth = 1;
    sp->auth_tm = tm;
    g->line = c->line;
    s = r + stop;
    n = rn - stop;
    while (n > 0 && *s == ' ') s++, n--;
  }
  if (n == 0) return VB_OK;
  /* the office: capitals before the name */
  size_t caps = xs_caps_run(s, n);
  /* "Q. CHỦ TỊCH      PHỤ LỤC": the next part's heading, run onto the
     block's line, is no office and no name */
  if (caps > 0 && !vb_names_office_len(s, caps) &&
      vb_x_field(&x->m, VB_F_SIG_HEADING, s, caps, 0))
    return VB_OK;
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
int xs_sig_start(xstate *x, size_t i) {
  const vb_xcell *c = xs_cell(x, i);
  if (!c->len || xs_is_item(c)) return 0;
  if (xs_match_cell(x, VB_F_SIG_AUTH, i)) return 1;
  size_t caps = xs_caps_run(c->text, c->len);
  return caps > 0 && vb_names_office_len(c->text, caps) == caps &&
         (caps == c->len ||
          vb_x_field(&x->m, VB_F_SIG_TAIL, c->text, c->len, 0));
}

/* The signature block that opens at cell i into g (an empty name when
** none is found before the block's end). */
vb_status xs_read_sig_block(xstate *x, size_t i, xsig *g) {
  sigparse sp = {0, 0};
  for (size_t j = i; j < x->end && j < i + 16; j++) {
    const vb_xcell *c = xs_cell(x, j);
    if (!c->len || xs_is_item(c) || xs_match_cell(x, VB_F_SIG_SKIP, j)) continue;
    if (xs_match_cell(x, VB_F_RECIP_HEAD, j)) continue;
    int done;
    VB_TRY(xs_sig_cell(x, g, j, &sp, &done));
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
vb_status xs_next_sig_block(xstate *x, size_t from, xsig *g) {
  for (size_t i = from; i < x->end; i++)
    if (xs_sig_start(x, i)) return xs_read_sig_block(x, i, g);
  return VB_OK;
}

/* The signature block after the body: authority (TM./KT./TL./TUQ.),
** office and name; none when no name is found. */
vb_status xs_read_signer(xstate *x) {
  /* from the list (the block may start a line or two above it when they
     are laid out side by side) */
  size_t from = x->body_start;
  if (x->recip_cell != SIZE_MAX && x->recip_cell > x->body_start + 3)
    from = x->recip_cell - 3;
  return xs_next_sig_block(x, from, &x->sig);
}

/* Does cell i carry the document on after a signature block: an
** appendix, a form, a part ("Phần I.", "II. ..."), an attached document
** (its type, motto, number or issuer), a list of recipients or another
** signature? */
int xs_goes_on(xstate *x, size_t i) {
  const vb_xcell *c = xs_cell(x, i);
  return xs_match_cell(x, VB_F_APPENDIX, i) || xs_match_cell(x, VB_F_DOC_TYPE, i) ||
         xs_match_cell(x, VB_F_DOC_BEGIN, i) || xs_match_cell(x, VB_F_NUMBER, i) ||
         xs_match_cell(x, VB_F_RECIP_HEAD, i) || xs_sig_start(x, i) ||
         vb_x_heading_level(c->text, c->len, NULL) == 1 ||
         (xs_all_caps(c->text, c->len) && vb_names_kind(c->text, c->len));
}

/* Web page text after the document ("TIN LIÊN QUAN", a site's footer):
** the document ends after its signature block (and the list of recipients
** beside or under it) unless an appendix or an attached document follows,
** which ends in turn at its own signature block, if it has one. */
vb_status xs_find_tail_end(xstate *x) {
  if (x->sig.cell == SIZE_MAX) return VB_OK;
  size_t from = x->sig.cell + 1;
  if (x->recip_last != SIZE_MAX && x->recip_last >= from)
    from = x->recip_last + 1;
  while (from < x->end) {
    size_t i = from;
    while (i < x->end && (xs_cell(x, i)->len == 0 ||
                          xs_match_cell(x, VB_F_SIG_SKIP, i) ||
                          xs_match_cell(x, VB_F_PAGE_MARK, i)))
      i++;
    if (i >= x->end) return VB_OK;
    if (!xs_goes_on(x, i)) {
      x->end = i;
      return VB_OK;
    }
    xsig g;
    xs_xsig_init(&g);
    vb_status rc = xs_next_sig_block(x, i + 1, &g);
    size_t next = g.name.len ? g.cell : SIZE_MAX;
    xs_xsig_free(&g);
    VB_TRY(rc);
    if (next == SIZE_MAX) return VB_OK;
    from = next + 1;
  }
  return VB_OK;
}

