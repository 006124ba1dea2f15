/*
** names.c: the names the extractor and the question answering share:
** bodies (Vietnamese forms, abbreviations, English forms) and their
** canonical names, the 63 provincial-level units as they were before July
** 2025 with the unit each belongs to since, district-level units with their
** province, document types, and offices as they are written in running
** text.
**
** All lookups compare keys (vb_name_key): ASCII, lower case, no marks, no
** spaces or punctuation, so that tone placement, case, spacing, dashes and
** "&" versus "và" do not matter.  Key tables are built once, on first use,
** under pthread_once; after that everything here is read-only and safe to
** call from several threads.
**
** This file holds the tables, the keys, the key table, words, provinces
** and districts; names_bodies.c the bodies, document types, offices and
** people (names_int.h is what they share).
*/
#include "names_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "vi.h"

/**************************************************************************
** Data: provinces (from the 2025 merger table) and district-level units.
** The rows of every table of this file but dept_kinds are data files,
** data/<table>.tsv, turned into C initialisers (<table>.inc) at build time
** by cmake/gendata.py; data/README.md describes them.
*/

#define TP_KIND "thành phố"
static const vb_province provinces[] = {
#include "provinces.inc"
};
static const vb_district districts[] = {
#include "districts.inc"
};

#define NPROV (sizeof provinces / sizeof provinces[0])
#define NDIST (sizeof districts / sizeof districts[0])

/* Other spellings of province names ('|'-separated, or NULL), by row of
** provinces. */
static const char *const province_aliases[] = {
#include "province_aliases.inc"
};

/**************************************************************************
** Data: bodies
*/


const dept nm_depts[] = {
#include "departments.inc"
};
#define NDEPT (sizeof nm_depts / sizeof nm_depts[0])


const dept_kind nm_dept_kinds[] = {
    {"Sở", "Sở", SCOPE_PROVINCE},
    {"Bộ", "Bộ", SCOPE_NATIONAL},
    {"Phòng", "Phòng", SCOPE_NONE},
};


const body nm_bodies[] = {
#include "bodies.inc"
};
#define NBODY (sizeof nm_bodies / sizeof nm_bodies[0])
#define BODY_UBND 1

/**************************************************************************
** Data: document types and offices
*/


const doctype nm_doctypes[] = {
#include "doctypes.inc"
};
#define NTYPE (sizeof nm_doctypes / sizeof nm_doctypes[0])

/* Offices and the words around them in signature blocks, in the case
** running text gives them.  Longer phrases first where one is a prefix of
** another does not matter: the longest match wins. */
const char *const nm_offices[] = {
#include "offices.inc"
};
#define NOFFICE (sizeof nm_offices / sizeof nm_offices[0])

/**************************************************************************
** Keys
*/

static void key_put(char *key, size_t *k, size_t cap, const char *s) {
  while (*s && *k + 1 < cap) key[(*k)++] = *s++;
}

size_t vb_name_key(const char *s, size_t n, char *key, size_t cap) {
  size_t k = 0, i = 0;
  if (cap == 0) return 0;
  while (i < n && k + 1 < cap) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      i++;
      if (c >= 'A' && c <= 'Z')
        key[k++] = (char)(c - 'A' + 'a');
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        key[k++] = (char)c;
      else if (c == '&')
        key_put(key, &k, cap, "va");
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), &cp);
    if (l <= 0) {
      i++;
      continue;
    }
    i += (size_t)l;
    if (cp == 0x111 || cp == 0x110 || cp == 0xD0) { /* đ Đ Ð */
      key[k++] = 'd';
      continue;
    }
    utf8proc_int32_t dec[8];
    int bound = 0;
    utf8proc_ssize_t m = utf8proc_decompose_char(
        cp, dec, 8,
        UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, &bound);
    for (utf8proc_ssize_t j = 0; j < m && j < 8 && k + 1 < cap; j++) {
      utf8proc_int32_t d = dec[j];
      if ((d >= 'a' && d <= 'z') || (d >= '0' && d <= '9'))
        key[k++] = (char)d;
      else if (d >= 'A' && d <= 'Z')
        key[k++] = (char)(d - 'A' + 'a');
    }
  }
  key[k] = '\0';
  return k;
}

/**************************************************************************
** The key table: every name and alias of every table above, sorted by key
*/


/* Words that introduce a locality, with the unit kind they name. */
static const struct {
  const char *form;
  const char *kind; /* "tỉnh" names a province, the others districts */
} lockinds[] = {
#include "place_words.inc"
};
#define NLOCKIND (sizeof lockinds / sizeof lockinds[0])

static entry *g_entries;
static size_t g_nentries;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static int entry_cmp(const void *a, const void *b) {
  const entry *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  if (c) return c;
  if (x->cls != y->cls) return x->cls < y->cls ? -1 : 1;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Add one entry per '|'-separated form of list (NULL: nothing). */
static void add_forms(size_t *count, const char *list, unsigned cls,
                      size_t idx) {
  while (list && *list) {
    const char *bar = strchr(list, '|');
    size_t len = bar ? (size_t)(bar - list) : strlen(list);
    if (g_entries) {
      entry *e = &g_entries[*count];
      if (vb_name_key(list, len, e->key, sizeof e->key) == 0) {
        list = bar ? bar + 1 : list + len;
        continue;
      }
      e->cls = (unsigned short)cls;
      e->idx = (unsigned short)idx;
    }
    (*count)++;
    list = bar ? bar + 1 : list + len;
  }
}

/* Count (g_entries NULL) or fill every entry. */
static size_t add_all(void) {
  size_t c = 0;
  for (size_t i = 0; i < NPROV; i++) {
    add_forms(&c, provinces[i].name, C_PROV, i);
    if (strcmp(provinces[i].since_2025, provinces[i].name) != 0) {
      /* A name in use only since 2025 ("Huế") finds the unit it
         continues, unless it is an older province's name too. */
      int older = 0;
      for (size_t j = 0; j < NPROV; j++)
        if (strcmp(provinces[j].name, provinces[i].since_2025) == 0)
          older = 1;
      if (!older) add_forms(&c, provinces[i].since_2025, C_PROV, i);
    }
  }
  for (size_t i = 0; i < NPROV; i++)
    add_forms(&c, province_aliases[i], C_PROV, i);
  for (size_t i = 0; i < NDIST; i++)
    add_forms(&c, districts[i].name, C_DIST, i);
  for (size_t i = 0; i < NDEPT; i++) {
    add_forms(&c, nm_depts[i].name, C_DEPT, i);
    add_forms(&c, nm_depts[i].aliases, C_DEPT, i);
    add_forms(&c, nm_depts[i].english, C_DEPT_EN, i);
    add_forms(&c, nm_depts[i].so_acr, C_DEPT_SO, i);
    add_forms(&c, nm_depts[i].bo_acr, C_DEPT_BO, i);
    add_forms(&c, nm_depts[i].codes, C_DEPT_CODE, i);
  }
  for (size_t i = 0; i < sizeof nm_dept_kinds / sizeof nm_dept_kinds[0]; i++)
    add_forms(&c, nm_dept_kinds[i].aliases, C_KIND, i);
  for (size_t i = 0; i < NBODY; i++) {
    add_forms(&c, nm_bodies[i].name, C_BODY, i);
    add_forms(&c, nm_bodies[i].aliases, C_BODY, i);
    add_forms(&c, nm_bodies[i].codes, C_BODY_CODE, i);
  }
  for (size_t i = 0; i < NTYPE; i++) {
    add_forms(&c, nm_doctypes[i].name, C_TYPE, i);
    add_forms(&c, nm_doctypes[i].aliases, C_TYPE, i);
    add_forms(&c, nm_doctypes[i].codes, C_TYPE_CODE, i);
  }
  for (size_t i = 0; i < NOFFICE; i++) add_forms(&c, nm_offices[i], C_OFFICE, i);
  for (size_t i = 0; i < NLOCKIND; i++)
    add_forms(&c, lockinds[i].form, C_LOCKIND, i);
  return c;
}

/* Build the table once.  The table is small and fixed, so it is allocated
** with malloc (not vb_malloc: it outlives every test's failure injection)
** and kept for the life of the process; if that allocation fails every
** lookup finds nothing. */
static void build_table(void) {
  size_t n = add_all();
  entry *t = calloc(n, sizeof *t);
  if (!t) return;
  g_entries = t;
  g_nentries = add_all();
  qsort(g_entries, g_nentries, sizeof *g_entries, entry_cmp);
}

static void table_init(void) { pthread_once(&g_once, build_table); }

/* The first entry of class cls with this key, or NULL; *count (if not
** NULL) receives how many entries of that class share the key. */
const entry *nm_lookup(const char *key, unsigned cls, size_t *count) {
  table_init();
  if (count) *count = 0;
  if (!g_entries || !*key) return NULL;
  size_t lo = 0, hi = g_nentries;
  while (lo < hi) { /* first entry with key >= key */
    size_t mid = lo + (hi - lo) / 2;
    if (strncmp(g_entries[mid].key, key, KEY_LEN - 1) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  const entry *first = NULL;
  for (size_t i = lo; i < g_nentries &&
                      strncmp(g_entries[i].key, key, KEY_LEN - 1) == 0;
       i++) {
    if (g_entries[i].cls != cls) continue;
    if (!first) first = &g_entries[i];
    if (count) (*count)++;
  }
  return first;
}

/**************************************************************************
** Words
*/


static int is_edge_punct(unsigned char c) {
  return c == ',' || c == ';' || c == ':' || c == '(' || c == ')' ||
         c == '"' || c == '[' || c == ']' || c == '*';
}

/* Starts with a capital or a digit (a place name word). */
static int starts_upper(const char *s, size_t n) {
  return vb_vi_starts_upper(s, n) || (n > 0 && s[0] >= '0' && s[0] <= '9');
}

/* Split s into words at spaces; edge punctuation is dropped from words and
** marks a break.  Returns the number of words (at most max). */
size_t nm_split_words(const char *s, size_t n, word *w, size_t max) {
  size_t nw = 0, i = 0;
  while (i < n && nw < max) {
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    size_t a = i;
    while (i < n && s[i] != ' ' && s[i] != '\t') i++;
    size_t b = i;
    int brk = 0, dot = 0;
    while (a < b && is_edge_punct((unsigned char)s[a])) {
      if (nw > 0) w[nw - 1].brk = 1;
      a++;
    }
    while (b > a && (is_edge_punct((unsigned char)s[b - 1]) ||
                     s[b - 1] == '.' || s[b - 1] == '/')) {
      if (s[b - 1] == '.')
        dot = 1;
      else
        brk = 1;
      b--;
    }
    if (b == a) continue;
    /* a dot ends a sentence after a word, not after "TP." or "KT." */
    if (dot && vb_vi_has_lower(s + a, b - a)) brk = 1;
    word *x = &w[nw++];
    x->off = a;
    x->len = b - a;
    x->klen = vb_name_key(s + a, b - a, x->key, sizeof x->key);
    x->brk = brk;
    x->upper = starts_upper(s + a, b - a);
  }
  return nw;
}

/* The longest run of words from i (at most MAX_RUN, not past a break when
** stop_at_break) whose joined key is an entry of class cls.  Returns the
** number of words (0: none) and the entry in *hit. */
size_t nm_match_run(const word *w, size_t nw, size_t i, unsigned cls,
                        int stop_at_break, const entry **hit) {
  if (i >= nw || w[i].klen == 0) return 0;
  size_t lim = nw - i < MAX_RUN ? nw - i : MAX_RUN;
  if (stop_at_break)
    for (size_t j = 0; j < lim; j++)
      if (w[i + j].brk) {
        lim = j + 1;
        break;
      }
  for (size_t j = lim; j >= 1; j--) {
    if (w[i + j - 1].klen == 0) continue; /* never end on a dash */
    char key[KEY_MAX];
    size_t k = 0;
    for (size_t t = 0; t < j && k + 1 < sizeof key; t++) {
      size_t l = w[i + t].klen;
      if (k + l >= sizeof key) l = sizeof key - 1 - k;
      memcpy(key + k, w[i + t].key, l);
      k += l;
    }
    key[k] = '\0';
    const entry *e = nm_lookup(key, cls, NULL);
    if (e) {
      *hit = e;
      return j;
    }
  }
  return 0;
}

/* Append s[0..n) with its first letter in upper case (upper != 0) or with
** every letter in lower case (upper == 0, lower_rest ignored), or with the
** first letter upper and the rest lower (upper && lower_rest). */
vb_status nm_put_cased(vb_buf *out, const char *s, size_t n, int upper,
                           int lower_rest) {
  size_t i = 0;
  int first = 1;
  while (i < n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), &cp);
    if (l <= 0) {
      VB_TRY(vb_buf_append(out, s + i, 1));
      i++;
      continue;
    }
    if (first && upper)
      cp = utf8proc_toupper(cp);
    else if (!upper || lower_rest)
      cp = utf8proc_tolower(cp);
    first = 0;
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t el = utf8proc_encode_char(cp, enc);
    VB_TRY(vb_buf_append(out, enc, (size_t)el));
    i += (size_t)l;
  }
  return VB_OK;
}

vb_status nm_put_space(vb_buf *out) {
  if (out->len > 0 && out->data[out->len - 1] != ' ')
    return vb_buf_putc(out, ' ');
  return VB_OK;
}

/**************************************************************************
** Provinces and districts
*/

const vb_province *vb_province_find(const char *s, size_t n) {
  word w[MAX_WORDS];
  size_t nw = nm_split_words(s, n, w, MAX_WORDS), i = 0;
  const entry *e;
  size_t used;
  if (nw == 0) return NULL;
  /* a leading "tỉnh" / "thành phố" / "TP" */
  used = nm_match_run(w, nw, 0, C_LOCKIND, 1, &e);
  if (used && strcmp(lockinds[e->idx].kind, "tỉnh") != 0 &&
      strcmp(lockinds[e->idx].kind, TP_KIND) != 0)
    used = 0;
  for (int pass = 0; pass < 2; pass++) {
    i = pass == 0 ? 0 : used;
    if (pass == 1 && used == 0) break;
    size_t j = nm_match_run(w, nw, i, C_PROV, 0, &e);
    if (j && i + j == nw) return &provinces[e->idx];
  }
  return NULL;
}

/* The district-level units named by words w[i..nw) (of kind, if not
** NULL): up to max of them in out; returns how many there are. */
static size_t districts_named(const word *w, size_t nw, size_t i,
                              const char *kind, const vb_district **out,
                              size_t max) {
  size_t found = 0;
  char key[KEY_MAX];
  size_t k = 0;
  for (size_t t = i; t < nw && k + 1 < sizeof key; t++) {
    size_t l = w[t].klen;
    if (k + l >= sizeof key) l = sizeof key - 1 - k;
    memcpy(key + k, w[t].key, l);
    k += l;
  }
  key[k] = '\0';
  size_t count;
  const entry *first = nm_lookup(key, C_DIST, &count);
  for (size_t t = 0; first && t < count; t++) {
    const vb_district *d = &districts[first[t].idx];
    if (kind && strcmp(d->kind, kind) != 0) continue;
    if (found < max) out[found] = d;
    found++;
  }
  return found;
}

size_t vb_district_find(const char *s, size_t n, const char *kind,
                        const vb_district **out, size_t max) {
  word w[MAX_WORDS];
  size_t nw = nm_split_words(s, n, w, MAX_WORDS), i = 0;
  const char *asked = kind;
  const entry *e;
  if (nw == 0) return 0;
  size_t used = nm_match_run(w, nw, 0, C_LOCKIND, 1, &e);
  if (used && used < nw) {
    i = used;
    if (!kind && strcmp(lockinds[e->idx].kind, "tỉnh") != 0)
      kind = lockinds[e->idx].kind;
  }
  size_t found = districts_named(w, nw, i, kind, out, max);
  /* a name whose first word reads as a kind ("Quan Hóa", "Tịnh Biên") */
  if (found == 0 && i > 0) found = districts_named(w, nw, 0, asked, out, max);
  return found;
}

vb_status vb_locality_put(const vb_locality *loc, int level, vb_buf *out) {
  if (!loc) return VB_OK;
  if (level == VB_LEVEL_DISTRICT && loc->district) {
    VB_TRY(vb_buf_puts(out, loc->district->kind));
    VB_TRY(vb_buf_putc(out, ' '));
    return vb_buf_puts(out, loc->district->name);
  }
  if (level == VB_LEVEL_PROVINCE && loc->province) {
    const vb_province *p = loc->province;
    if (strcmp(p->kind, "tỉnh") == 0)
      VB_TRY(vb_buf_puts(out, "tỉnh "));
    else if (strncmp(p->name, "Thành phố ", 10) != 0)
      VB_TRY(vb_buf_puts(out, "thành phố "));
    return vb_buf_puts(out, p->name);
  }
  return VB_OK;
}

static const vb_province *province_named(const char *name) {
  for (size_t i = 0; i < NPROV; i++)
    if (strcmp(provinces[i].name, name) == 0) return &provinces[i];
  return NULL;
}

/* Pick among the districts of one key the one in def's province. */
static const vb_district *pick_district(const entry *first, size_t count,
                                        const char *kind,
                                        const vb_locality *def) {
  const vb_district *pick = NULL;
  for (size_t t = 0; t < count; t++) {
    const vb_district *d = &districts[first[t].idx];
    if (kind && strcmp(kind, "tỉnh") != 0 && strcmp(d->kind, kind) != 0)
      continue;
    if (def && def->province && strcmp(d->province, def->province->name) == 0)
      return d;
    if (!pick) pick = d;
  }
  return pick;
}

/* Bytes of s consumed by words [0, end). */
size_t nm_words_end(const word *w, size_t end) {
  return end ? w[end - 1].off + w[end - 1].len : 0;
}

size_t vb_locality_parse(const char *s, size_t n, const vb_locality *def,
                         vb_locality *loc) {
  word w[MAX_WORDS];
  size_t nw = nm_split_words(s, n, w, 8);
  const entry *e;
  memset(loc, 0, sizeof *loc);
  if (nw == 0) return 0;
  size_t k = nm_match_run(w, nw, 0, C_LOCKIND, 1, &e);
  const char *kind = k ? lockinds[e->idx].kind : NULL;
  /* the name: capitalised words, up to a break */
  size_t lim = k;
  while (lim < nw && lim - k < 6 && w[lim].upper) {
    lim++;
    if (w[lim - 1].brk) break;
  }
  for (size_t j = lim - k; j >= 1 && lim > k; j--) {
    word sub[8];
    memcpy(sub, w + k, j * sizeof *w);
    sub[j - 1].brk = 0;
    const entry *pe = NULL, *de = NULL;
    size_t pj = nm_match_run(sub, j, 0, C_PROV, 0, &pe);
    if (pj != j) pe = NULL;
    size_t dcount = 0;
    if (!kind || strcmp(kind, "tỉnh") != 0) {
      size_t dj = nm_match_run(sub, j, 0, C_DIST, 0, &de);
      if (dj == j) nm_lookup(de->key, C_DIST, &dcount);
      else de = NULL;
    }
    const vb_province *p = pe ? &provinces[pe->idx] : NULL;
    int want_district = kind && strcmp(kind, "tỉnh") != 0 &&
                        !(strcmp(kind, TP_KIND) == 0 && p &&
                          strcmp(p->kind, TP_KIND) == 0);
    if (p && !want_district) {
      loc->province = p;
      loc->level = VB_LEVEL_PROVINCE;
      return nm_words_end(w, k + j);
    }
    if (de) {
      const vb_district *d = pick_district(de, dcount, kind, def);
      if (d) {
        loc->district = d;
        loc->province = province_named(d->province);
        loc->level = VB_LEVEL_DISTRICT;
        return nm_words_end(w, k + j);
      }
    }
    if (p) { /* "thành phố X" where X is only a province */
      loc->province = p;
      loc->level = VB_LEVEL_PROVINCE;
      return nm_words_end(w, k + j);
    }
  }
  if (!k) return 0;
  /* a bare "tỉnh", "huyện", "thành phố": the unit of the document */
  if (def) {
    if (strcmp(kind, "tỉnh") == 0) {
      loc->province = def->province;
      loc->level = VB_LEVEL_PROVINCE;
    } else if (def->district && strcmp(def->district->kind, kind) == 0) {
      loc->province = def->province;
      loc->district = def->district;
      loc->level = VB_LEVEL_DISTRICT;
    } else if (strcmp(kind, TP_KIND) == 0 && def->province &&
               strcmp(def->province->kind, TP_KIND) == 0) {
      loc->province = def->province;
      loc->level = VB_LEVEL_PROVINCE;
    }
  }
  if (!loc->level)
    loc->level = strcmp(kind, "tỉnh") == 0 ? VB_LEVEL_PROVINCE
                                           : VB_LEVEL_DISTRICT;
  return nm_words_end(w, k);
}

size_t vb_province_count(void) { return NPROV; }

const vb_province *vb_province_at(size_t i) {
  return i < NPROV ? &provinces[i] : NULL;
}
