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
*/
#include "extract_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "vi.h"

/* Longest key kept for one name or alias; longer names are cut (their
** prefix still compares). */
#define KEY_MAX 96
/* Words looked at in one name. */
#define MAX_WORDS 48
/* Longest run of words that can form one department or place name. */
#define MAX_RUN 12

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

/* Whether a body's name takes a locality, and which. */
#define SCOPE_NATIONAL 0 /* "Chính phủ": never */
#define SCOPE_LEVEL 1    /* "Ủy ban nhân dân": the province or district */
#define SCOPE_PROVINCE 2 /* "Sở ...", "Tỉnh ủy": the province */
#define SCOPE_NONE 3     /* "Phòng ...": only what the name itself says */
#define SCOPE_PARTY 4    /* "Tỉnh ủy": the province's bare name */

/* A department: the part of a name after "Sở", "Bộ" or "Phòng". */
typedef struct dept {
  const char *name;    /* canonical: "Lao động - Thương binh và Xã hội" */
  const char *aliases; /* Vietnamese forms and abbreviations */
  const char *english; /* English forms (after "Department of") */
  const char *so_acr;  /* English acronyms of the provincial department */
  const char *bo_acr;  /* English acronyms of the ministry */
  const char *codes;   /* codes of the department in document symbols */
} dept;

static const dept depts[] = {
#include "departments.inc"
};
#define NDEPT (sizeof depts / sizeof depts[0])

/* Kinds of body that are followed by a department. */
typedef struct dept_kind {
  const char *name;    /* "Sở" */
  const char *aliases; /* forms before the department */
  int scope;
} dept_kind;

static const dept_kind dept_kinds[] = {
    {"Sở", "Sở", SCOPE_PROVINCE},
    {"Bộ", "Bộ", SCOPE_NATIONAL},
    {"Phòng", "Phòng", SCOPE_NONE},
};
#define KIND_SO 0
#define KIND_BO 1

/* Bodies with a name of their own. */
typedef struct body {
  const char *name;    /* canonical */
  const char *aliases; /* other forms, Vietnamese and English */
  const char *codes;   /* codes in document symbols */
  int scope;
} body;

static const body bodies[] = {
#include "bodies.inc"
};
#define NBODY (sizeof bodies / sizeof bodies[0])
#define BODY_UBND 1

/**************************************************************************
** Data: document types and offices
*/

typedef struct doctype {
  const char *name;    /* title case */
  const char *aliases; /* other forms of the type word ('|') */
  const char *codes;   /* symbol codes ('|'), or NULL */
} doctype;

static const doctype doctypes[] = {
#include "doctypes.inc"
};
#define NTYPE (sizeof doctypes / sizeof doctypes[0])

/* Offices and the words around them in signature blocks, in the case
** running text gives them.  Longer phrases first where one is a prefix of
** another does not matter: the longest match wins. */
static const char *const offices[] = {
#include "offices.inc"
};
#define NOFFICE (sizeof offices / sizeof offices[0])

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

enum {
  C_PROV,      /* province name or alias; idx into provinces */
  C_DIST,      /* district; idx into districts */
  C_DEPT,      /* department, Vietnamese form; idx into depts */
  C_DEPT_EN,   /* department, English form */
  C_DEPT_SO,   /* acronym of a provincial department */
  C_DEPT_BO,   /* acronym of a ministry */
  C_DEPT_CODE, /* department code in symbols */
  C_KIND,      /* "Sở", "Bộ", "Phòng"; idx into dept_kinds */
  C_BODY,      /* body name or alias; idx into bodies */
  C_BODY_CODE, /* body code in symbols */
  C_TYPE,      /* document type; idx into doctypes */
  C_TYPE_CODE, /* document type code in symbols */
  C_OFFICE,    /* office; idx into offices */
  C_LOCKIND    /* "tỉnh", "huyện", ...: idx into lockinds */
};

#define KEY_LEN 64 /* bytes of key kept per entry (see KEY_MAX) */

typedef struct entry {
  char key[KEY_LEN];
  unsigned short cls;
  unsigned short idx;
} entry;

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
    add_forms(&c, depts[i].name, C_DEPT, i);
    add_forms(&c, depts[i].aliases, C_DEPT, i);
    add_forms(&c, depts[i].english, C_DEPT_EN, i);
    add_forms(&c, depts[i].so_acr, C_DEPT_SO, i);
    add_forms(&c, depts[i].bo_acr, C_DEPT_BO, i);
    add_forms(&c, depts[i].codes, C_DEPT_CODE, i);
  }
  for (size_t i = 0; i < sizeof dept_kinds / sizeof dept_kinds[0]; i++)
    add_forms(&c, dept_kinds[i].aliases, C_KIND, i);
  for (size_t i = 0; i < NBODY; i++) {
    add_forms(&c, bodies[i].name, C_BODY, i);
    add_forms(&c, bodies[i].aliases, C_BODY, i);
    add_forms(&c, bodies[i].codes, C_BODY_CODE, i);
  }
  for (size_t i = 0; i < NTYPE; i++) {
    add_forms(&c, doctypes[i].name, C_TYPE, i);
    add_forms(&c, doctypes[i].aliases, C_TYPE, i);
    add_forms(&c, doctypes[i].codes, C_TYPE_CODE, i);
  }
  for (size_t i = 0; i < NOFFICE; i++) add_forms(&c, offices[i], C_OFFICE, i);
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
static const entry *lookup(const char *key, unsigned cls, size_t *count) {
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

typedef struct word {
  size_t off, len;    /* the word in the text, without edge punctuation */
  char key[KEY_MAX];  /* its key; empty for a lone dash or "&" -> "va" */
  size_t klen;
  int brk;            /* a ',', ';', ':' or bracket follows the word */
  int upper;          /* starts with an upper-case letter or a digit */
} word;

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
static size_t split_words(const char *s, size_t n, word *w, size_t max) {
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
static size_t match_run(const word *w, size_t nw, size_t i, unsigned cls,
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
    const entry *e = lookup(key, cls, NULL);
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
static vb_status put_cased(vb_buf *out, const char *s, size_t n, int upper,
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

static vb_status put_space(vb_buf *out) {
  if (out->len > 0 && out->data[out->len - 1] != ' ')
    return vb_buf_putc(out, ' ');
  return VB_OK;
}

/**************************************************************************
** Provinces and districts
*/

const vb_province *vb_province_find(const char *s, size_t n) {
  word w[MAX_WORDS];
  size_t nw = split_words(s, n, w, MAX_WORDS), i = 0;
  const entry *e;
  size_t used;
  if (nw == 0) return NULL;
  /* a leading "tỉnh" / "thành phố" / "TP" */
  used = match_run(w, nw, 0, C_LOCKIND, 1, &e);
  if (used && strcmp(lockinds[e->idx].kind, "tỉnh") != 0 &&
      strcmp(lockinds[e->idx].kind, TP_KIND) != 0)
    used = 0;
  for (int pass = 0; pass < 2; pass++) {
    i = pass == 0 ? 0 : used;
    if (pass == 1 && used == 0) break;
    size_t j = match_run(w, nw, i, C_PROV, 0, &e);
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
  const entry *first = lookup(key, C_DIST, &count);
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
  size_t nw = split_words(s, n, w, MAX_WORDS), i = 0;
  const char *asked = kind;
  const entry *e;
  if (nw == 0) return 0;
  size_t used = match_run(w, nw, 0, C_LOCKIND, 1, &e);
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
static size_t words_end(const word *w, size_t end) {
  return end ? w[end - 1].off + w[end - 1].len : 0;
}

size_t vb_locality_parse(const char *s, size_t n, const vb_locality *def,
                         vb_locality *loc) {
  word w[MAX_WORDS];
  size_t nw = split_words(s, n, w, 8);
  const entry *e;
  memset(loc, 0, sizeof *loc);
  if (nw == 0) return 0;
  size_t k = match_run(w, nw, 0, C_LOCKIND, 1, &e);
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
    size_t pj = match_run(sub, j, 0, C_PROV, 0, &pe);
    if (pj != j) pe = NULL;
    size_t dcount = 0;
    if (!kind || strcmp(kind, "tỉnh") != 0) {
      size_t dj = match_run(sub, j, 0, C_DIST, 0, &de);
      if (dj == j) lookup(de->key, C_DIST, &dcount);
      else de = NULL;
    }
    const vb_province *p = pe ? &provinces[pe->idx] : NULL;
    int want_district = kind && strcmp(kind, "tỉnh") != 0 &&
                        !(strcmp(kind, TP_KIND) == 0 && p &&
                          strcmp(p->kind, TP_KIND) == 0);
    if (p && !want_district) {
      loc->province = p;
      loc->level = VB_LEVEL_PROVINCE;
      return words_end(w, k + j);
    }
    if (de) {
      const vb_district *d = pick_district(de, dcount, kind, def);
      if (d) {
        loc->district = d;
        loc->province = province_named(d->province);
        loc->level = VB_LEVEL_DISTRICT;
        return words_end(w, k + j);
      }
    }
    if (p) { /* "thành phố X" where X is only a province */
      loc->province = p;
      loc->level = VB_LEVEL_PROVINCE;
      return words_end(w, k + j);
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
  return words_end(w, k);
}

/**************************************************************************
** Bodies
*/

/* Append s from word a to the end of word b-1 as written (with its inner
** punctuation), '&' as " và ". */
static vb_status put_words(vb_buf *out, const char *s, const word *w,
                           size_t a, size_t b) {
  if (a >= b) return VB_OK;
  VB_TRY(put_space(out));
  for (size_t i = w[a].off; i < w[b - 1].off + w[b - 1].len; i++) {
    if (s[i] == '&') {
      VB_TRY(put_space(out));
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
    VB_TRY(put_space(out));
    VB_TRY(put_cased(out, s + w[i].off, w[i].len, i >= r + kind, 1));
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
  if (r < nw) {
    vb_locality got;
    size_t used = vb_locality_parse(s + w[r].off, n - w[r].off, loc, &got);
    size_t tail = 0; /* bytes of the district's province after it */
    if (used && got.district)
      district_province(s, n, w[r].off, &used, &got, &tail);
    if (used) {
      VB_TRY(put_space(out));
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
    VB_TRY(put_space(out));
    return vb_buf_puts(out, loc->province->name);
  }
  int lv = scope == SCOPE_PROVINCE ? VB_LEVEL_PROVINCE : level;
  if (lv == VB_LEVEL_NONE) lv = VB_LEVEL_PROVINCE;
  if ((lv == VB_LEVEL_PROVINCE && !loc->province) ||
      (lv == VB_LEVEL_DISTRICT && !loc->district))
    return VB_OK;
  VB_TRY(put_space(out));
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
        (e = lookup(w[i].key, C_BODY, NULL)) != NULL)
      VB_TRY(vb_buf_puts(out, bodies[e->idx].name));
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
  size_t nw = split_words(s, n, w, MAX_WORDS), i = 0;
  int level = loc ? loc->level : VB_LEVEL_NONE;
  if (nw && strcmp(w[0].key, "the") == 0) i++;
  if (i < nw && english_level(&w[i])) level = english_level(&w[i++]);
  if (i >= nw) {
    rc = put_unknown(out, s, n, w, nw);
    goto done;
  }
  size_t j;
  /* an English acronym of a department: "DOLISA", "MOLISA" */
  if (nw - i == 1 && ((e = lookup(w[i].key, C_DEPT_SO, NULL)) != NULL ||
                      (e = lookup(w[i].key, C_DEPT_BO, NULL)) != NULL)) {
    int so = e->cls == C_DEPT_SO;
    rc = vb_buf_puts(out, so ? "Sở " : "Bộ ");
    if (rc == VB_OK) rc = vb_buf_puts(out, depts[e->idx].name);
    if (rc == VB_OK && so)
      rc = put_body_locality(out, s, n, w, nw, nw, SCOPE_PROVINCE, level, loc);
    if (known) *known = 1;
    goto done;
  }
  /* English: "Department of X", "Ministry of X", "X Department" */
  if (nw - i >= 3 && strcmp(w[i + 1].key, "of") == 0 &&
      (strcmp(w[i].key, "department") == 0 ||
       strcmp(w[i].key, "ministry") == 0) &&
      (j = match_run(w, nw, i + 2, C_DEPT_EN, 0, &e)) != 0) {
    int so = w[i].key[0] == 'd';
    rc = vb_buf_puts(out, so ? "Sở " : "Bộ ");
    if (rc == VB_OK) rc = vb_buf_puts(out, depts[e->idx].name);
    if (rc == VB_OK)
      rc = put_body_locality(out, s, n, w, nw, i + 2 + j,
                             so ? SCOPE_PROVINCE : SCOPE_NATIONAL, level, loc);
    if (known) *known = 1;
    goto done;
  }
  if ((j = match_run(w, nw, i, C_DEPT_EN, 0, &e)) != 0 && i + j < nw &&
      (strcmp(w[i + j].key, "department") == 0 ||
       strcmp(w[i + j].key, "ministry") == 0)) {
    int so = w[i + j].key[0] == 'd';
    rc = vb_buf_puts(out, so ? "Sở " : "Bộ ");
    if (rc == VB_OK) rc = vb_buf_puts(out, depts[e->idx].name);
    if (rc == VB_OK)
      rc = put_body_locality(out, s, n, w, nw, i + j + 1,
                             so ? SCOPE_PROVINCE : SCOPE_NATIONAL, level, loc);
    if (known) *known = 1;
    goto done;
  }
  /* a body with a name of its own */
  if ((j = match_run(w, nw, i, C_BODY, 0, &e)) != 0) {
    const body *b = &bodies[e->idx];
    rc = vb_buf_puts(out, b->name);
    if (rc == VB_OK)
      rc = put_body_locality(out, s, n, w, nw, i + j, b->scope, level, loc);
    if (known) *known = 1;
    goto done;
  }
  /* "Sở" / "Bộ" / "Phòng" and a department */
  if ((j = match_run(w, nw, i, C_KIND, 1, &e)) != 0) {
    const dept_kind *k = &dept_kinds[e->idx];
    size_t d = match_run(w, nw, i + j, C_DEPT, 0, &e);
    if (d == 0) d = match_run(w, nw, i + j, C_DEPT_EN, 0, &e);
    if (d) {
      rc = vb_buf_puts(out, k->name);
      if (rc == VB_OK) rc = vb_buf_putc(out, ' ');
      if (rc == VB_OK) rc = vb_buf_puts(out, depts[e->idx].name);
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
  if ((e = lookup(key, C_BODY_CODE, NULL)) != NULL) {
    const body *b = &bodies[e->idx];
    rc = vb_buf_puts(out, b->name);
    if (rc == VB_OK)
      rc = put_body_locality(out, "", 0, NULL, 0, 0, b->scope, level, loc);
  } else {
    int so;
    if ((e = lookup(key, C_DEPT_CODE, NULL)) != NULL)
      so = loc && loc->province;
    else if (k > 1 && (key[0] == 's' || key[0] == 'b') &&
             (e = lookup(key + 1, C_DEPT_CODE, NULL)) != NULL)
      so = key[0] == 's';
    else
      return 0;
    rc = vb_buf_puts(out, so ? "Sở " : "Bộ ");
    if (rc == VB_OK) rc = vb_buf_puts(out, depts[e->idx].name);
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
  size_t nw = split_words(s, n, w, MAX_RUN);
  const entry *e;
  if (match_run(w, nw, 0, C_BODY, 0, &e)) return bodies[e->idx].name;
  if (match_run(w, nw, 0, C_KIND, 1, &e)) return dept_kinds[e->idx].name;
  return NULL;
}

int vb_names_national(const char *s, size_t n) {
  word w[MAX_WORDS];
  size_t nw = split_words(s, n, w, MAX_RUN);
  const entry *e;
  if (match_run(w, nw, 0, C_BODY, 0, &e))
    return bodies[e->idx].scope == SCOPE_NATIONAL;
  if (match_run(w, nw, 0, C_KIND, 1, &e)) return e->idx == KIND_BO;
  return 0;
}

/**************************************************************************
** Document types, offices, people
*/

const char *vb_doctype_canon(const char *s, size_t n) {
  char key[KEY_MAX];
  vb_name_key(s, n, key, sizeof key);
  const entry *e = lookup(key, C_TYPE, NULL);
  return e ? doctypes[e->idx].name : NULL;
}

const char *vb_doctype_from_code(const char *code, size_t n) {
  char key[KEY_MAX];
  vb_name_key(code, n, key, sizeof key);
  const entry *e = lookup(key, C_TYPE_CODE, NULL);
  return e ? doctypes[e->idx].name : NULL;
}

size_t vb_names_office_len(const char *s, size_t n) {
  word w[MAX_WORDS];
  size_t nw = split_words(s, n, w, MAX_RUN);
  const entry *e;
  size_t j = match_run(w, nw, 0, C_OFFICE, 1, &e);
  return j ? words_end(w, j) : 0;
}

vb_status vb_names_office(const char *s, size_t n, vb_buf *out) {
  word w[MAX_WORDS];
  size_t nw = split_words(s, n, w, MAX_WORDS);
  size_t start = out->len;
  for (size_t i = 0; i < nw;) {
    const entry *e;
    size_t j;
    VB_TRY(put_space(out));
    if ((j = match_run(w, nw, i, C_OFFICE, 1, &e)) != 0) {
      VB_TRY(vb_buf_puts(out, offices[e->idx]));
    } else if ((j = match_run(w, nw, i, C_BODY, 1, &e)) != 0) {
      VB_TRY(vb_buf_puts(out, bodies[e->idx].name));
    } else if (!vb_vi_has_lower(s + w[i].off, w[i].len)) {
      VB_TRY(put_cased(out, s + w[i].off, w[i].len, 0, 0));
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
    vb_status rc = put_cased(&tmp, out->data + start, out->len - start, 1, 0);
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
  size_t nw = split_words(s, n, w, MAX_WORDS);
  for (size_t i = 0; i < nw; i++) {
    VB_TRY(put_space(out));
    VB_TRY(put_cased(out, s + w[i].off, w[i].len, 1, 1));
  }
  return VB_OK;
}

/* Every province, for lists that name those a question finds none in. */
size_t vb_province_count(void) { return NPROV; }

const vb_province *vb_province_at(size_t i) {
  return i < NPROV ? &provinces[i] : NULL;
}
