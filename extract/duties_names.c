/*
** duties_names.c: small helpers, body names in duty sentences, units
** and their tasks.  Part of the duty extractor (duties_int.h).
*/
#include "duties_int.h"

/**************************************************************************
** Small helpers
*/

vb_status dt_nomem(vb_error *err) {
  return vb_error_set(err, VB_ENOMEM, "out of memory while reading duties");
}

vb_status dt_lines_push(lines *l, size_t line) {
  VB_TRY(vb_grow(&l->v, &l->cap, l->n + 1, sizeof *l->v));
  l->v[l->n++] = line;
  return VB_OK;
}

int dt_is_sp(char ch) { return ch == ' ' || ch == '\t'; }

size_t dt_skip_sp(const char *s, size_t n, size_t i) {
  while (i < n && dt_is_sp(s[i])) i++;
  return i;
}

/* Trim spaces and the punctuation that ends a phrase. */
void dt_trim(const char *s, size_t *a, size_t *b) {
  while (*a < *b && (dt_is_sp(s[*a]) || s[*a] == ',' || s[*a] == ';' ||
                     s[*a] == ':' || s[*a] == '-' || s[*a] == '+'))
    (*a)++;
  while (*b > *a && (dt_is_sp(s[*b - 1]) || s[*b - 1] == ',' || s[*b - 1] == ';' ||
                     s[*b - 1] == ':' || s[*b - 1] == '.' || s[*b - 1] == '-' ||
                     s[*b - 1] == '/'))
    (*b)--;
}

/* The marks of list items that converted web pages and word processors
** leave at the start of a line ("•", "◦", "▪", ...), besides '-' and '+'. */
static const char *const bullet_marks[] = {
    "\xE2\x80\xA2", /* • */ "\xE2\x97\xA6", /* ◦ */ "\xE2\x96\xAA", /* ▪ */
    "\xE2\x96\xAB", /* ▫ */ "\xE2\x97\x8F", /* ● */ "\xE2\x97\x8B", /* ○ */
    "\xE2\x96\xA0", /* ■ */ "\xE2\x96\xA1", /* □ */ "\xE2\x97\x86", /* ◆ */
    "\xE2\x97\x87", /* ◇ */ "\xE2\x99\xA6", /* ♦ */ "\xE2\x96\xBA", /* ► */
    "\xE2\x96\xB8", /* ▸ */ "\xE2\x9E\xA2", /* ➢ */ "\xE2\x9E\xA4", /* ➤ */
    "\xE2\x9C\x93", /* ✓ */ "\xE2\x9C\x94", /* ✔ */ "\xC2\xB7",     /* · */
    "\xE2\x88\x99", /* ∙ */ "\xE2\x80\xA3", /* ‣ */ "\xE2\x81\x83", /* ⁃ */
    NULL};

/* Bytes of the list mark at s[i..] with the spaces after it ("- ", "• ",
** "◦", "* "), or 0. */
size_t dt_bullet_at(const char *s, size_t n, size_t i) {
  size_t l = 0;
  if (i >= n) return 0;
  if (s[i] == '-' || s[i] == '+' ||
      (s[i] == '*' && i + 1 < n && s[i + 1] == ' '))
    l = 1;
  for (int k = 0; !l && bullet_marks[k]; k++) {
    size_t bl = strlen(bullet_marks[k]);
    if (n - i >= bl && memcmp(s + i, bullet_marks[k], bl) == 0) l = bl;
  }
  if (!l) return 0;
  while (i + l < n && (s[i + l] == ' ' || s[i + l] == '\t')) l++;
  return l;
}

/* Does s[i..] start with a list mark other than a dash or a plus (those
** the line index already takes for items)? */
int dt_glyph_at(const char *s, size_t n, size_t i) {
  return i < n && s[i] != '-' && s[i] != '+' && dt_bullet_at(s, n, i) > 0;
}

/* Does s[i..] start with the word w (followed by a non-letter)? */
int dt_word_at(const char *s, size_t n, size_t i, const char *w) {
  size_t l = strlen(w);
  if (n - i < l || memcmp(s + i, w, l) != 0) return 0;
  return i + l == n || (unsigned char)s[i + l] < 0x80
             ? (i + l == n ||
                !((s[i + l] | 0x20) >= 'a' && (s[i + l] | 0x20) <= 'z'))
             : 0;
}

/* Does s[a..b) end with the word w? */
int dt_ends_with_word(const char *s, size_t a, size_t b, const char *w) {
  size_t l = strlen(w);
  return b - a > l && memcmp(s + b - l, w, l) == 0 && dt_is_sp(s[b - l - 1]);
}

/* Bracket depth after the character ch. */
size_t dt_bracket(char ch, size_t depth) {
  if (ch == '(') return depth + 1;
  if (ch == ')' && depth) return depth - 1;
  return depth;
}

/* Does s[0..n) hold the string w? */
int dt_contains(const char *s, size_t n, const char *w) {
  size_t l = strlen(w);
  for (size_t i = 0; i + l <= n; i++)
    if (memcmp(s + i, w, l) == 0) return 1;
  return 0;
}

/* Run the rules of a field anchored at i (patterns that start with \G, or
** fields of one row). */
int dt_rule_at(dctx *c, vb_field field, const char *s, size_t n,
                   size_t i) {
  return i <= n && vb_x_field(c->m, field, s, n, i) && c->m->start == i;
}

/* Offset in s of a group of the last match, or SIZE_MAX. */
size_t dt_group_at(dctx *c, const char *s, const char *name) {
  const char *p;
  size_t l;
  if (!vb_x_group(c->m, name, &p, &l)) return SIZE_MAX;
  return (size_t)(p - s);
}

/* The line of offset off of paragraph text p. */
size_t dt_para_line(const dctx *c, const vb_xpara *p, size_t off) {
  return c->d->cells[vb_xpara_cell(p, off)].line;
}

void dt_fscan_init(const size_t *rows, size_t nrows, fscan *f,
                       const char *s, size_t n) {
  f->s = s;
  f->n = n;
  f->nrows = nrows;
  for (size_t k = 0; k < nrows; k++) {
    f->row[k] = rows[k];
    f->from[k] = SIZE_MAX;
  }
}

/* The first match at or after pos: 1 with the match in c->m, or 0. */
int dt_fscan_next(dctx *c, fscan *f, size_t pos) {
  size_t best = SIZE_MAX, bi = 0, ok = SIZE_MAX, ok_runs = 0;
  for (size_t k = 0; k < f->nrows; k++) {
    int stale = f->from[k] == SIZE_MAX || f->from[k] > pos ||
                (f->at[k] != SIZE_MAX && f->at[k] < pos);
    if (stale) {
      f->at[k] =
          vb_x_rule(c->m, f->row[k], f->s, f->n, pos) ? c->m->start : SIZE_MAX;
      f->from[k] = pos;
      if (f->at[k] != SIZE_MAX) {
        ok = k;
        ok_runs = c->m->runs;
      }
    }
    if (f->at[k] < best) {
      best = f->at[k];
      bi = k;
    }
  }
  /* run the winner again for its groups (same leftmost match), unless its
     match is the last one run */
  if (best != SIZE_MAX && bi == ok && c->m->runs == ok_runs) return 1;
  return best != SIZE_MAX && vb_x_rule(c->m, f->row[bi], f->s, f->n, best);
}

/**************************************************************************
** Names
*/

int dt_body_at(dctx *c, const char *s, size_t n, size_t i) {
  return dt_rule_at(c, VB_F_BODY_START, s, n, i);
}

/* Where the name that starts at i ends (exclusive): at a verb or a
** preposition (rule name_stop), a colon, the end of a sentence, a bracket
** (a role, "(Cơ quan thường trực ...)", is not part of the name).  A ';'
** goes on when another body follows. */
size_t dt_name_end(dctx *c, const char *s, size_t n, size_t i) {
  size_t lim = n - i > NAME_SCAN ? i + NAME_SCAN : n, stop = lim, j;
  if (!dt_body_at(c, s, lim, i)) return i;
  j = c->m->end;
  if (vb_x_field_first(c->m, VB_F_NAME_STOP, s, lim, j)) stop = c->m->start;
  while (j < stop) {
    char ch = s[j];
    if (ch == ':' || ch == '(' || ch == ')' || ch == '"' || ch == '\n') break;
    if (ch == '.') {
      /* "TP. Hồ Chí Minh": a dot after a short word in capitals */
      size_t k = j;
      while (k > i && s[k - 1] >= 'A' && s[k - 1] <= 'Z') k--;
      if (j - k == 0 || j - k > 3 || (k > i && !dt_is_sp(s[k - 1]))) break;
    }
    if (ch == ';') {
      size_t k = dt_skip_sp(s, lim, j + 1);
      if (!dt_body_at(c, s, lim, k)) break;
    }
    j++;
  }
  if (j > stop) j = stop;
  size_t a = i;
  dt_trim(s, &a, &j);
  /* a list cut short: "X và", "X, các" */
  for (;;) {
    if (dt_ends_with_word(s, i, j, "và"))
      j -= 4;
    else if (dt_ends_with_word(s, i, j, "các"))
      j -= 5;
    else
      break;
    dt_trim(s, &a, &j);
  }
  return j;
}

/* Where a name that fills a heading or a label's value by itself may
** end: at the first ':' or '(' after i, else at the end n, for a heading
** only when it is no sentence (it does not end with '.' or ';');
** SIZE_MAX when it may not. */
size_t dt_heading_end(const char *s, size_t n, size_t i, int label) {
  for (size_t j = i; j < n; j++)
    if (s[j] == ':' || s[j] == '(') return j;
  size_t b = n;
  while (b > i && dt_is_sp(s[b - 1])) b--;
  return !label && b > i && (s[b - 1] == '.' || s[b - 1] == ';') ? SIZE_MAX
                                                                 : n;
}

/* The end of the name at i when it fills s[i..hend) by itself ("2. Phòng
** Cảnh sát quản lý hành chính về trật tự xã hội", "Hội đồng bồi thường,
** hỗ trợ và tái định cư xã"): name_end cut it at e, and nothing after e
** stops a name but words that also occur in names (name_stop_weak).
** Otherwise e. */
size_t dt_whole_name_end(dctx *c, const char *s, size_t i, size_t e,
                             size_t hend) {
  size_t a = i, b = hend;
  if (hend == SIZE_MAX) return e;
  dt_trim(s, &a, &b);
  if (e >= b || b - i > NAME_SCAN) return e;
  for (size_t j = e; j < b; j++)
    if (s[j] == ')' || s[j] == ';' || s[j] == '.' || s[j] == '"') return e;
  for (size_t pos = e; pos < b &&
                       vb_x_field_first(c->m, VB_F_NAME_STOP, s, b, pos);) {
    size_t st = c->m->start;
    pos = c->m->end;
    if (!dt_rule_at(c, VB_F_NAME_STOP_WEAK, s, b, st)) return e;
  }
  return b;
}

/* Split the list of names s[a..b) into names: at ';', and at ", " or
** " và " when a kind of body follows ("X, Báo Y", "X và Ủy ban nhân dân
** Z"), unless what comes before is the first part of one body's name
** ("Văn phòng HĐND và UBND xã").  Returns the number of names (at most
** max). */
size_t dt_split_names(dctx *c, const char *s, size_t a, size_t b, span *out,
                          size_t max) {
  size_t k = 0, start = a, depth = 0;
  for (size_t i = a; i < b && k + 1 < max; i++) {
    size_t next = 0;
    if ((depth = dt_bracket(s[i], depth)) != 0) continue;
    if (s[i] == ';') {
      next = dt_skip_sp(s, b, i + 1);
    } else if (s[i] == ',' && i + 1 < b && s[i + 1] == ' ' &&
               dt_rule_at(c, VB_F_NAME_SPLIT, s, b, i + 2)) {
      next = i + 2;
    } else if (s[i] == ' ' && b - i > 5 && memcmp(s + i, " và ", 5) == 0 &&
               dt_rule_at(c, VB_F_NAME_SPLIT_AND, s, b, i + 5)) {
      next = i + 5;
    }
    if (next && s[i] != ';' && dt_rule_at(c, VB_F_NAME_JOINT, s, i, start))
      next = 0;
    if (!next) continue;
    size_t x = start, y = i;
    dt_trim(s, &x, &y);
    if (y > x) out[k++] = (span){x, y, 0};
    start = next;
    i = next - 1;
  }
  size_t x = start, y = b;
  dt_trim(s, &x, &y);
  if (y > x && k < max) out[k++] = (span){x, y, 0};
  return k;
}

/* The names of a list at i: 0 when no body's name starts there. */
size_t dt_names_at(dctx *c, const char *s, size_t n, size_t i, span *out,
                       size_t max, size_t *end) {
  size_t e = dt_name_end(c, s, n, i);
  if (end) *end = e;
  if (e <= i) return 0;
  return dt_split_names(c, s, i, e, out, max);
}

/* names_at for the names a heading, an item or a label's value gives
** (label: a label's value), which may fill it ("2. Phòng Cảnh sát quản lý
** hành chính về trật tự xã hội", "Đơn vị chủ trì: Hội đồng bồi thường, hỗ
** trợ và tái định cư"). */
size_t dt_head_names(dctx *c, const char *s, size_t n, size_t i,
                         int label, span *out, size_t *end) {
  size_t e, k = dt_names_at(c, s, n, i, out, MAX_NAMES, &e);
  if (k) {
    size_t w = dt_whole_name_end(c, s, i, e, dt_heading_end(s, n, i, label));
    if (w != e) k = dt_split_names(c, s, i, e = w, out, MAX_NAMES);
  }
  *end = e;
  return k;
}

/* Append a body's name in canonical form: the head through
** vb_names_canon (with loc), a bracketed tail as written. */
vb_status dt_canon_name(const char *s, size_t n, const vb_locality *loc,
                            vb_buf *out, int *known) {
  const char *p = memchr(s, '(', n);
  size_t h = p ? (size_t)(p - s) : n;
  while (h > 0 && dt_is_sp(s[h - 1])) h--;
  if (known) *known = 0;
  VB_TRY(vb_names_canon(s, h, loc, out, known));
  if (p) {
    VB_TRY(vb_buf_putc(out, ' '));
    VB_TRY(vb_buf_append(out, p, n - (size_t)(p - s)));
  }
  return VB_OK;
}

/* A name as written with its head in canonical form: the words up to
** the first comma through canon_name, the rest as written ("Ủy ban nhân
** dân các huyện, thành phố", "Sở Văn hóa, Thể thao và Du lịch"). */
json_t *dt_head_name(dctx *c, const char *s, size_t n,
                         const vb_locality *loc) {
  size_t h = 0, depth = 0;
  while (h < n && ((depth = dt_bracket(s[h], depth)) != 0 || s[h] != ',')) h++;
  vb_buf_reset(&c->b1);
  if (dt_canon_name(s, h, loc, &c->b1, NULL) != VB_OK ||
      vb_buf_append(&c->b1, s + h, n - h) != VB_OK)
    return NULL;
  return json_stringn(c->b1.data ? c->b1.data : "", c->b1.len);
}

/* A name as the record shows it ("name", "from", "who"): written form
** with abbreviations expanded, no locality added. */
json_t *dt_display_name(dctx *c, const char *s, size_t n) {
  return dt_head_name(c, s, n, NULL);
}

/* A receiver as "to" and "via" show it: district named, province not. */
json_t *dt_to_name(dctx *c, const char *s, size_t n) {
  return dt_head_name(c, s, n, c->loc ? &c->dloc : NULL);
}

/* Is a display name one of the issuing department's own units ("Văn
** phòng Sở", "Thanh tra", "Phòng Báo chí - Xuất bản")? */
int dt_own_unit(dctx *c, const char *s, size_t n) {
  static const char *const kinds[] = {
      "Văn phòng", "Thanh tra", "Phòng",     "Trung tâm", "Chi cục",
      "Lãnh đạo",  "Tổ",        "văn phòng", "thanh tra", "phòng",
      "trung tâm", "chi cục",   NULL};
  if (!c->issuer_so) return 0;
  int hit = 0;
  for (int k = 0; kinds[k]; k++)
    if (dt_word_at(s, n, 0, kinds[k]) ||
        (strlen(kinds[k]) == n && memcmp(s, kinds[k], n) == 0))
      hit = 1;
  if (!hit) return 0;
  /* a unit of another body names it or its place */
  static const char *const other[] = {"Ủy ban", "UBND",  "Chính phủ",
                                      "tỉnh",   "huyện", "thành phố",
                                      "HĐND",   NULL};
  for (int k = 0; other[k]; k++)
    if (dt_contains(s, n, other[k])) return 0;
  return 1;
}

/* The canonical name of a body with its locality (for "canonical",
** "from_canonical", "to_canonical"): a department's own unit takes the
** department; a name without a place takes the document's. */
vb_status dt_full_name(dctx *c, const char *s, size_t n, vb_buf *out) {
  static const char *const national[] = {"Bộ ",        "Thủ tướng", "Chính phủ",
                                         "Quốc hội",   "Cục ",      "Tổng cục",
                                         "Ban Bí thư", NULL};
  vb_buf_reset(out);
  if (dt_own_unit(c, s, n)) {
    size_t h = n;
    if (dt_ends_with_word(s, 0, h, "Sở") || dt_ends_with_word(s, 0, h, "sở"))
      h -= strlen(" Sở");
    VB_TRY(vb_buf_append(out, s, h));
    if (out->data[0] >= 'a' && out->data[0] <= 'z') out->data[0] -= 'a' - 'A';
    VB_TRY(vb_buf_putc(out, ' '));
    return vb_buf_puts(out, c->issuer);
  }
  VB_TRY(dt_canon_name(s, n, c->loc, out, NULL));
  if (!c->loc || (!c->loc->province && !c->loc->district)) return VB_OK;
  if (out->len != n || memcmp(out->data, s, n) != 0) return VB_OK;
  if (vb_x_field(c->m, VB_F_LOCALITY, s, n, 0) ||
      (c->loc->province && dt_contains(s, n, c->loc->province->name)) ||
      (c->loc->district && dt_contains(s, n, c->loc->district->name)))
    return VB_OK;
  for (int k = 0; national[k]; k++)
    if (n >= strlen(national[k]) &&
        memcmp(s, national[k], strlen(national[k])) == 0)
      return VB_OK;
  /* "Ban Chỉ đạo liên ngành Trung ương ...", "Ủy ban Quốc gia về ...",
     not "Ban Chỉ đạo các Chương trình mục tiêu quốc gia thành phố" */
  if ((dt_contains(s, n, "Trung ương") || dt_contains(s, n, "quốc gia") ||
       dt_contains(s, n, "Quốc gia")) &&
      !dt_ends_with_word(s, 0, n, "tỉnh") && !dt_ends_with_word(s, 0, n, "phố") &&
      !dt_ends_with_word(s, 0, n, "huyện"))
    return VB_OK;
  int level = c->loc->district ? VB_LEVEL_DISTRICT : VB_LEVEL_PROVINCE;
  size_t h = n;
  if (dt_ends_with_word(s, 0, n, "tỉnh") && c->loc->province &&
      s[n - strlen("tỉnh") - 2] != ',') {
    h = n - strlen(" tỉnh");
    level = VB_LEVEL_PROVINCE;
  } else if (dt_ends_with_word(s, 0, n, "huyện") && c->loc->district &&
             s[n - strlen("huyện") - 2] != ',') {
    h = n - strlen(" huyện");
    level = VB_LEVEL_DISTRICT;
  }
  vb_buf_truncate(out, h);
  VB_TRY(vb_buf_putc(out, ' '));
  return vb_locality_put(c->loc, level, out);
}

json_t *dt_full_json(dctx *c, const char *s, size_t n) {
  if (dt_full_name(c, s, n, &c->b2) != VB_OK) return NULL;
  return json_stringn(c->b2.data ? c->b2.data : "", c->b2.len);
}

/**************************************************************************
** Units
*/

/* The unit of this display name, added if new.  Returns its index, or
** SIZE_MAX when the list is full; VB_ENOMEM through *rc. */
size_t dt_unit_get(dctx *c, json_t *name, size_t line, vb_status *rc) {
  const char *nm = json_string_value(name);
  size_t n = json_string_length(name);
  char key[128], k2[128];
  vb_name_key(nm, n, key, sizeof key);
  for (size_t i = 0; i < json_array_size(c->units); i++) {
    json_t *u = json_object_get(json_array_get(c->units, i), "name");
    vb_name_key(json_string_value(u), json_string_length(u), k2, sizeof k2);
    if (strcmp(key, k2) == 0) return i;
  }
  if (json_array_size(c->units) >= MAX_UNITS) return SIZE_MAX;
  json_t *u = json_object(), *canon = dt_full_json(c, nm, n);
  if (!u || !canon || json_object_set(u, "name", name) ||
      json_object_set_new(u, "canonical", canon) ||
      json_object_set_new(u, "tasks", json_array()) ||
      json_array_append_new(c->units, u) ||
      dt_lines_push(&c->un_line, line) != VB_OK) {
    if (!canon) json_decref(u);
    *rc = VB_ENOMEM;
    return SIZE_MAX;
  }
  return json_array_size(c->units) - 1;
}

vb_status dt_unit_task(dctx *c, size_t u, const char *s, size_t n) {
  size_t a = 0, b = n;
  dt_trim(s, &a, &b);
  if (b <= a || u == SIZE_MAX) return VB_OK;
  if (b - a > TASK_BYTES) b = a + TASK_BYTES;
  json_t *tasks = json_object_get(json_array_get(c->units, u), "tasks");
  if (json_array_size(tasks) >= MAX_TASKS) return VB_OK;
  for (size_t i = 0; i < json_array_size(tasks); i++) {
    json_t *t = json_array_get(tasks, i);
    if (json_string_length(t) == b - a &&
        memcmp(json_string_value(t), s + a, b - a) == 0)
      return VB_OK;
  }
  /* a task cut inside a character would not be UTF-8 */
  while (b > a && ((unsigned char)s[b] & 0xC0) == 0x80 && b < n) b--;
  return json_array_append_new(tasks, json_stringn(s + a, b - a)) ? VB_ENOMEM
                                                                  : VB_OK;
}

/* A unit's name as the list shows it: written form, a kind word in lower
** case ("Giao phòng Báo chí ...") capitalised. */
json_t *dt_unit_name(dctx *c, const char *s, size_t n) {
  json_t *v = dt_display_name(c, s, n);
  const char *t = json_string_value(v);
  if (t && t[0] >= 'a' && t[0] <= 'z' && strncmp(t, "các ", 4) != 0 &&
      strncmp(t, "mọi ", strlen("mọi ")) != 0 &&
      strncmp(t, "tất cả", strlen("tất cả")) != 0) {
    char *u = vb_strdup(t);
    if (!u) {
      json_decref(v);
      return NULL;
    }
    u[0] = (char)(u[0] - 'a' + 'A');
    int bad = json_string_set(v, u);
    vb_free(u);
    if (bad) {
      json_decref(v);
      return NULL;
    }
  }
  return v;
}

/* Make the names of a list the current item's units. */
vb_status dt_scope_open(dctx *c, const char *s, const span *nm, size_t k,
                            int level, size_t line) {
  vb_status rc = VB_OK;
  c->nscope = 0;
  c->scope_level = level;
  for (size_t i = 0; i < k; i++) {
    json_t *name = dt_unit_name(c, s + nm[i].a, nm[i].b - nm[i].a);
    if (!name) return VB_ENOMEM;
    size_t u = dt_unit_get(c, name, line, &rc);
    json_decref(name);
    if (rc != VB_OK) return rc;
    if (u != SIZE_MAX) c->scope[c->nscope++] = u;
  }
  return VB_OK;
}

void dt_scope_close(dctx *c) {
  c->nscope = 0;
  c->scope_level = -1;
  c->scope_inline = 0;
}

vb_status dt_scope_task(dctx *c, const char *s, size_t n) {
  /* "Giao X có trách nhiệm theo dõi ...": the task is "theo dõi ..." */
  if (dt_rule_at(c, VB_F_UNIT_DUTY, s, n, 0)) {
    size_t e = c->m->end;
    s += e;
    n -= e;
  }
  for (size_t i = 0; i < c->nscope; i++)
    VB_TRY(dt_unit_task(c, c->scope[i], s, n));
  return VB_OK;
}

/* The names of the current item's units as a new JSON list. */
json_t *dt_scope_names(dctx *c) {
  json_t *a = json_array();
  for (size_t i = 0; a && i < c->nscope; i++)
    if (json_array_append(
            a,
            json_object_get(json_array_get(c->units, c->scope[i]), "name"))) {
      json_decref(a);
      return NULL;
    }
  return a;
}

