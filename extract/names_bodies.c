/*
** names_bodies.c: bodies and their canonical names with their locality
** ("UBND tỉnh Quảng Trị" -> "Ủy ban nhân dân tỉnh Quảng Trị", "Sở LĐ-TB&XH"
** -> "Sở Lao động - Thương binh và Xã hội"), English forms, document
** types, offices and people's names as running text writes them.
**
** See names_int.h for what it shares with names.c, names.h for the
** contracts.
*/
#include "names_int.h"

#include <string.h>
#include <utf8proc.h>

#include "vi.h"

/**************************************************************************
** Bodies
*/

/* Append s from word a to the end of word b-1 as written (with its inner
** punctuation), '&' as " và ". */
static vb_status put_words(vb_buf *out, const char *s, const word *w,
                           size_t a, size_t b) {
  if (a >= b) return VB_OK;
  VB_TRY(nm_put_space(out));
  for (size_t i = w[a].off; i < w[b - 1].off + w[b - 1].len; i++) {
    if (s[i] == '&') {
      VB_TRY(nm_put_space(out));
      VB_TRY(vb_buf_puts(out, "và "));
      while (i + 1 < w[b - 1].off + w[b - 1].len && s[i + 1] == ' ') i++;
    } else {
      VB_TRY(vb_buf_putc(out, s[i]));
    }
  }
  return VB_OK;
}

/* Append words [r, nw) of s, a place that is not in the gazetteer.  In
** capitals ("XÃ TÂN HÒA", from a header) the kind of a commune is written
** in lower case and its name with capitals at the start of each word
** ("xã Tân Hòa"); anything else is copied as written. */
static vb_status put_place_words(vb_buf *out, const char *s, size_t n,
                                 const word *w, size_t nw, size_t r) {
  size_t kind = 0; /* words of the commune's kind: "XÃ", "THỊ TRẤN" */
  if (r + 1 < nw && !vb_vi_has_lower(s + w[r].off, n - w[r].off)) {
    if (strcmp(w[r].key, "xa") == 0 || strcmp(w[r].key, "phuong") == 0)
      kind = 1;
    else if (strcmp(w[r].key, "thi") == 0 && strcmp(w[r + 1].key, "tran") == 0)
      kind = 2;
  }
  if (!kind || r + kind >= nw) return put_words(out, s, w, r, nw);
  for (size_t i = r; i < nw; i++) {
    VB_TRY(nm_put_space(out));
    VB_TRY(nm_put_cased(out, s + w[i].off, w[i].len, i >= r + kind, 1));
  }
  return VB_OK;
}

/* A district named with its province after it ("HUYỆN CHÂU THÀNH TỈNH
** LONG AN", s[at..] holding the district's `*used` bytes): the province
** picks among districts of one name, and is not part of a body's name;
** *tail gets the bytes it takes after the district (0 when none). */
static void district_province(const char *s, size_t n, size_t at,
                              size_t *used, vb_locality *got, size_t *tail) {
  size_t p = at + *used;
  while (p < n && (s[p] == ' ' || s[p] == ',' || s[p] == '-')) p++;
  vb_locality up, again;
  size_t ul = p < n ? vb_locality_parse(s + p, n - p, NULL, &up) : 0;
  *tail = 0;
  if (!ul || up.district || !up.province) return;
  size_t dl = vb_locality_parse(s + at, n - at, &up, &again);
  if (dl != *used || again.province != up.province) return;
  *got = again;
  *tail = p + ul - (at + *used);
}

/* Append the locality for a body of this scope: the one the name states
** (rest of the words, from r), or the default from loc. */
static vb_status put_body_locality(vb_buf *out, const char *s, size_t n,
                                   const word *w, size_t nw, size_t r,
                                   int scope, int level,
                                   const vb_locality *loc) {
  /* a body's own number before its locality: "Thuế cơ sở 3 tỉnh Nghệ An" */
  size_t dg = 0;
  while (r + 1 < nw && dg < w[r].len && s[w[r].off + dg] >= '0' &&
         s[w[r].off + dg] <= '9')
    dg++;
  if (dg > 0 && dg <= 3 && dg == w[r].len) {
    VB_TRY(nm_put_space(out));
    VB_TRY(vb_buf_append(out, s + w[r].off, w[r].len));
    r++;
  }
  if (r < nw) {
    vb_locality got;
    size_t used = vb_locality_parse(s + w[r].off, n - w[r].off, loc, &got);
    size_t tail = 0; /* bytes of the district's province after it */
    if (used && got.district)
      district_province(s, n, w[r].off, &used, &got, &tail);
    if (used) {
      VB_TRY(nm_put_space(out));
      size_t before = out->len;
      if (scope == SCOPE_PARTY && got.province)
        VB_TRY(vb_buf_puts(out, got.province->name));
      else
        VB_TRY(vb_locality_put(&got, got.level, out));
      if (out->len == before) { /* bare kind with no known unit */
        VB_TRY(vb_buf_append(out, s + w[r].off, used));
      }
      size_t end = w[r].off + used + tail;
      size_t t = r;
      while (t < nw && w[t].off < end) t++;
      return put_words(out, s, w, t, nw);
    }
    /* a clause after a national body ("Chính phủ quy định ...") is not
       part of its name */
    if (scope == SCOPE_NATIONAL && vb_vi_has_lower(s + w[r].off, 1))
      return VB_OK;
    return put_place_words(out, s, n, w, nw, r);
  }
  if (scope == SCOPE_NATIONAL || scope == SCOPE_NONE || !loc) return VB_OK;
  if (scope == SCOPE_PARTY) {
    if (!loc->province) return VB_OK;
    VB_TRY(nm_put_space(out));
    return vb_buf_puts(out, loc->province->name);
  }
  int lv = scope == SCOPE_PROVINCE ? VB_LEVEL_PROVINCE : level;
  if (lv == VB_LEVEL_NONE) lv = VB_LEVEL_PROVINCE;
  if ((lv == VB_LEVEL_PROVINCE && !loc->province) ||
      (lv == VB_LEVEL_DISTRICT && !loc->district))
    return VB_OK;
  VB_TRY(nm_put_space(out));
  return vb_locality_put(loc, lv, out);
}

/* Append the generic clean-up of an unrecognised name: as written, with
** abbreviations in capitals ("UBND", "HĐND") expanded and '&' as "và". */
static vb_status put_unknown(vb_buf *out, const char *s, size_t n,
                             const word *w, size_t nw) {
  size_t pos = nw ? w[0].off : 0;
  for (size_t i = 0; i < nw; i++) {
    const entry *e = NULL;
    VB_TRY(vb_buf_append(out, s + pos, w[i].off - pos)); /* separators */
    pos = w[i].off + w[i].len;
    if (w[i].klen && w[i].len <= 8 &&
        !vb_vi_has_lower(s + w[i].off, w[i].len) &&
        (e = nm_lookup(w[i].key, C_BODY, NULL)) != NULL)
      VB_TRY(vb_buf_puts(out, nm_bodies[e->idx].name));
    else
      VB_TRY(put_words(out, s, w, i, i + 1));
  }
  if (nw) { /* closing punctuation of the last word: "(b/c)" */
    size_t end = pos;
    while (end < n && s[end] != ' ') end++;
    VB_TRY(vb_buf_append(out, s + pos, end - pos));
  }
  return VB_OK;
}

/* Level named by an English adjective ("Provincial", "District"). */
static int english_level(const word *w) {
  if (strcmp(w->key, "provincial") == 0) return VB_LEVEL_PROVINCE;
  if (strcmp(w->key, "district") == 0) return VB_LEVEL_DISTRICT;
  return VB_LEVEL_NONE;
}

vb_status vb_names_canon(const char *s0, size_t n0, const vb_locality *loc,
                         vb_buf *out, int *known) {
  vb_buf cb;
  vb_status rc;
  word w[MAX_WORDS];
  const entry *e = NULL;
  if (known) *known = 0;
  /* clean: one tone placement, dashes as separate words */
  vb_buf_init(&cb, VB_CAP_SMALL);
  rc = vb_vi_canon(s0, n0, &cb);
  if (rc != VB_OK) goto done;
  const char *s = cb.data ? cb.data : "";
  size_t n = cb.len;
  size_t nw = nm_split_words(s, n, w, MAX_WORDS), i = 0;
  int level = loc ? loc->level : VB_LEVEL_NONE;
  if (nw && strcmp(w[0].key, "the") == 0) i++;
  if (i < nw && english_level(&w[i])) level = english_level(&w[i++]);
  if (i >= nw) {
    rc = put_unknown(out, s, n, w, nw);
    goto done;
  }
  size_t j;
  /* an English acronym of a department: "DOLISA", "MOLISA" */
  if (nw - i == 1 && ((e = nm_lookup(w[i].key, C_DEPT_SO, NULL)) != NULL ||
                      (e = nm_lookup(w[i].key, C_DEPT_BO, NULL)) != NULL)) {
    int so = e->cls == C_DEPT_SO;
    rc = vb_buf_puts(out, so ? "Sở " : "Bộ ");
    if (rc == VB_OK) rc = vb_buf_puts(out, nm_depts[e->idx].name);
    if (rc == VB_OK && so)
      rc = put_body_locality(out, s, n, w, nw, nw, SCOPE_PROVINCE, level, loc);
    if (known) *known = 1;
    goto done;
  }
  /* English: "Department of X", "Ministry of X", "X Department" */
  if (nw - i >= 3 && strcmp(w[i + 1].key, "of") == 0 &&
      (strcmp(w[i].key, "department") == 0 ||
       strcmp(w[i].key, "ministry") == 0) &&
      (j = nm_match_run(w, nw, i + 2, C_DEPT_EN, 0, &e)) != 0) {
    int so = w[i].key[0] == 'd';
    rc = vb_buf_puts(out, so ? "Sở " : "Bộ ");
    if (rc == VB_OK) rc = vb_buf_puts(out, nm_depts[e->idx].name);
    if (rc == VB_OK)
      rc = put_body_locality(out, s, n, w, nw, i + 2 + j,
                             so ? SCOPE_PROVINCE : SCOPE_NATIONAL, level, loc);
    if (known) *known = 1;
    goto done;
  }
  if ((j = nm_match_run(w, nw, i, C_DEPT_EN, 0, &e)) != 0 && i + j < nw &&
      (strcmp(w[i + j].key, "department") == 0 ||
       strcmp(w[i + j].key, "ministry") == 0)) {
    int so = w[i + j].key[0] == 'd';
    rc = vb_buf_puts(out, so ? "Sở " : "Bộ ");
    if (rc == VB_OK) rc = vb_buf_puts(out, nm_depts[e->idx].name);
    if (rc == VB_OK)
      rc = put_body_locality(out, s, n, w, nw, i + j + 1,
                             so ? SCOPE_PROVINCE : SCOPE_NATIONAL, level, loc);
    if (known) *known = 1;
    goto done;
  }
  /* a body with a name of its own */
  if ((j = nm_match_run(w, nw, i, C_BODY, 0, &e)) != 0) {
    const body *b = &nm_bodies[e->idx];
    rc = vb_buf_puts(out, b->name);
    if (rc == VB_OK)
      rc = put_body_locality(out, s, n, w, nw, i + j, b->scope, level, loc);
    if (known) *known = 1;
    goto done;
  }
  /* "Sở" / "Bộ" / "Phòng" and a department */
  if ((j = nm_match_run(w, nw, i, C_KIND, 1, &e)) != 0) {
    const dept_kind *k = &nm_dept_kinds[e->idx];
    size_t d = nm_match_run(w, nw, i + j, C_DEPT, 0, &e);
    if (d == 0) d = nm_match_run(w, nw, i + j, C_DEPT_EN, 0, &e);
    if (d) {
      rc = vb_buf_puts(out, k->name);
      if (rc == VB_OK) rc = vb_buf_putc(out, ' ');
      if (rc == VB_OK) rc = vb_buf_puts(out, nm_depts[e->idx].name);
      if (rc == VB_OK)
        rc = put_body_locality(out, s, n, w, nw, i + j + d, k->scope, level,
                               loc);
      if (known) *known = 1;
      goto done;
    }
  }
  rc = put_unknown(out, s, n, w, nw);
done:
  vb_buf_free(&cb);
  return rc;
}

int vb_names_from_code(const char *code, size_t n, const vb_locality *loc,
                       vb_buf *out) {
  char key[KEY_MAX];
  size_t k = vb_name_key(code, n, key, sizeof key);
  const entry *e;
  size_t mark = out->len;
  vb_status rc = VB_OK;
  while (k > 1 && key[k - 1] >= '0' && key[k - 1] <= '9') key[--k] = '\0';
  if (k == 0) return 0;
  int level = loc ? loc->level : VB_LEVEL_NONE;
  if ((e = nm_lookup(key, C_BODY_CODE, NULL)) != NULL) {
    const body *b = &nm_bodies[e->idx];
    rc = vb_buf_puts(out, b->name);
    if (rc == VB_OK)
      rc = put_body_locality(out, "", 0, NULL, 0, 0, b->scope, level, loc);
  } else {
    int so;
    if ((e = nm_lookup(key, C_DEPT_CODE, NULL)) != NULL)
      so = loc && loc->province;
    else if (k > 1 && (key[0] == 's' || key[0] == 'b') &&
             (e = nm_lookup(key + 1, C_DEPT_CODE, NULL)) != NULL)
      so = key[0] == 's';
    else
      return 0;
    rc = vb_buf_puts(out, so ? "Sở " : "Bộ ");
    if (rc == VB_OK) rc = vb_buf_puts(out, nm_depts[e->idx].name);
    if (rc == VB_OK && so)
      rc = put_body_locality(out, "", 0, NULL, 0, 0, SCOPE_PROVINCE, level,
                             loc);
  }
  if (rc != VB_OK) {
    vb_buf_truncate(out, mark);
    return 0;
  }
  return 1;
}

const char *vb_names_kind(const char *s, size_t n) {
  word w[MAX_WORDS];
  size_t nw = nm_split_words(s, n, w, MAX_RUN);
  const entry *e;
  if (nm_match_run(w, nw, 0, C_BODY, 0, &e)) return nm_bodies[e->idx].name;
  if (nm_match_run(w, nw, 0, C_KIND, 1, &e)) return nm_dept_kinds[e->idx].name;
  return NULL;
}

int vb_names_national(const char *s, size_t n) {
  word w[MAX_WORDS];
  size_t nw = nm_split_words(s, n, w, MAX_RUN);
  const entry *e;
  if (nm_match_run(w, nw, 0, C_BODY, 0, &e))
    return nm_bodies[e->idx].scope == SCOPE_NATIONAL;
  if (nm_match_run(w, nw, 0, C_KIND, 1, &e)) return e->idx == KIND_BO;
  return 0;
}

/**************************************************************************
** Document types, offices, people
*/

const char *vb_doctype_canon(const char *s, size_t n) {
  char key[KEY_MAX];
  vb_name_key(s, n, key, sizeof key);
  const entry *e = nm_lookup(key, C_TYPE, NULL);
  return e ? nm_doctypes[e->idx].name : NULL;
}

const char *vb_doctype_from_code(const char *code, size_t n) {
  char key[KEY_MAX];
  vb_name_key(code, n, key, sizeof key);
  const entry *e = nm_lookup(key, C_TYPE_CODE, NULL);
  return e ? nm_doctypes[e->idx].name : NULL;
}

size_t vb_names_office_len(const char *s, size_t n) {
  word w[MAX_WORDS];
  size_t nw = nm_split_words(s, n, w, MAX_RUN);
  const entry *e;
  size_t j = nm_match_run(w, nw, 0, C_OFFICE, 1, &e);
  return j ? nm_words_end(w, j) : 0;
}

vb_status vb_names_office(const char *s, size_t n, vb_buf *out) {
  word w[MAX_WORDS];
  size_t nw = nm_split_words(s, n, w, MAX_WORDS);
  size_t start = out->len;
  for (size_t i = 0; i < nw;) {
    const entry *e;
    size_t j;
    VB_TRY(nm_put_space(out));
    if ((j = nm_match_run(w, nw, i, C_OFFICE, 1, &e)) != 0) {
      VB_TRY(vb_buf_puts(out, nm_offices[e->idx]));
    } else if ((j = nm_match_run(w, nw, i, C_BODY, 1, &e)) != 0) {
      VB_TRY(vb_buf_puts(out, nm_bodies[e->idx].name));
    } else if (!vb_vi_has_lower(s + w[i].off, w[i].len)) {
      VB_TRY(nm_put_cased(out, s + w[i].off, w[i].len, 0, 0));
      j = 1;
    } else {
      VB_TRY(vb_buf_append(out, s + w[i].off, w[i].len));
      j = 1;
    }
    i += j;
  }
  /* the first letter in upper case */
  if (out->len > start) {
    vb_buf tmp;
    vb_buf_init(&tmp, VB_CAP_SMALL);
    vb_status rc = nm_put_cased(&tmp, out->data + start, out->len - start, 1, 0);
    if (rc == VB_OK) {
      vb_buf_truncate(out, start);
      rc = vb_buf_append(out, tmp.data, tmp.len);
    }
    vb_buf_free(&tmp);
    return rc;
  }
  return VB_OK;
}

vb_status vb_names_person(const char *s, size_t n, vb_buf *out) {
  if (vb_vi_has_lower(s, n)) return vb_vi_canon(s, n, out);
  word w[MAX_WORDS];
  size_t nw = nm_split_words(s, n, w, MAX_WORDS);
  for (size_t i = 0; i < nw; i++) {
    VB_TRY(nm_put_space(out));
    VB_TRY(nm_put_cased(out, s + w[i].off, w[i].len, 1, 1));
  }
  return VB_OK;
}

/* Every province, for lists that name those a question finds none in. */
