/*
** extract_rules.c: the rule engine (rules.h): a table of rules compiled
** once (JIT), matched with per-call match data, calls that cannot match
** answered before PCRE2 runs; for the rules of data/rules.txt a field's
** rules are found by its index (vb_field).  Also the evidence of a value:
** the line it was read from.
**
** See extract_int.h for the contracts.
*/
#include "extract_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Limits on one rule match: PCRE2's match limit (backtracking steps) keeps
** a pathological line from taking more than about a millisecond. */
#define MATCH_LIMIT 200000u
#define DEPTH_LIMIT 2000u

/* What the compiled pattern tells of its matches, so that a call that
** cannot match is answered without running it: PCRE2 itself knows these,
** but only after the cost of a call (rules run millions of times per
** thousand documents, most of them on text where they cannot match). */
#define NEED_PARTS 16 /* parts of a rule's need cut in advance */
typedef struct vb_xfilter {
  uint32_t min_bytes;  /* a match is at least this long (in characters,
                          so at least as many bytes) */
  int anchored;        /* a match can only start at the start offset */
  int has_first;       /* first[] lists the bytes a match can start with */
  uint8_t first[32];   /* bit b: a match may start with byte b */
  /* rule->need cut at its '|' once, each part with the byte its search
     runs memchr on (see has_bytes); nneed 0: no need, or more parts than
     NEED_PARTS (then cut at every call) */
  uint8_t nneed;
  struct { uint16_t off, len, k; } need[NEED_PARTS];
} vb_xfilter;

static size_t rare_byte(const char *need, size_t l);

/* Cut rule->need into f->need. */
static void need_init(vb_xfilter *f, const vb_rule *rule) {
  const char *need = rule->need, *p = need;
  size_t k = 0;
  if (!need || strlen(need) > UINT16_MAX) return;
  for (;;) {
    const char *bar = strchr(p, '|');
    size_t l = bar ? (size_t)(bar - p) : strlen(p);
    if (k == NEED_PARTS) return;
    f->need[k].off = (uint16_t)(p - need);
    f->need[k].len = (uint16_t)l;
    f->need[k].k = (uint16_t)rare_byte(p, l);
    k++;
    if (!bar) break;
    p = bar + 1;
  }
  f->nneed = (uint8_t)k;
}

/* Fill f from pattern information of code (compiled from rule). */
static void filter_init(vb_xfilter *f, const pcre2_code *code,
                        const vb_rule *rule) {
  uint32_t opts = 0, type = 0, unit = 0;
  const uint8_t *bits = NULL;
  memset(f, 0, sizeof *f);
  pcre2_pattern_info(code, PCRE2_INFO_MINLENGTH, &f->min_bytes);
  pcre2_pattern_info(code, PCRE2_INFO_ALLOPTIONS, &opts);
  f->anchored = (opts & PCRE2_ANCHORED) != 0;
  pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODETYPE, &type);
  if (type == 1 && !(rule->flags & VB_RULE_CASELESS)) {
    /* One first byte (a caseless one may have another case: use the
    ** bitmap then). */
    pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODEUNIT, &unit);
    if (unit < 256) {
      f->first[unit >> 3] = (uint8_t)(1u << (unit & 7));
      f->has_first = 1;
    }
  } else if (type == 0 &&
             pcre2_pattern_info(code, PCRE2_INFO_FIRSTBITMAP, &bits) == 0 &&
             bits) {
    memcpy(f->first, bits, sizeof f->first);
    f->has_first = 1;
  }
}

struct vb_xrules {
  const vb_rule *table; /* the rules (not owned) */
  size_t n;
  pcre2_general_context *gctx;
  pcre2_match_context *mctx;
  pcre2_code **code;   /* one per row of table */
  vb_xfilter *filter;  /* one per row: cheap tests before the pattern */
  uint32_t max_pairs;  /* largest capture count + 1 */
};

static void *pcre_alloc(size_t n, void *data) {
  (void)data;
  return vb_malloc(n);
}

static void pcre_free(void *p, void *data) {
  (void)data;
  vb_free(p);
}

vb_status vb_xrules_new(vb_xrules **out, vb_error *err) {
  return vb_xrules_compile(vb_rules, vb_rule_count, "data/rules.txt", 1, out,
                           err);
}

vb_status vb_xrules_compile(const vb_rule *table, size_t n,
                            const char *source, int jit, vb_xrules **out,
                            vb_error *err) {
  vb_xrules *r = vb_calloc(1, sizeof *r);
  *out = NULL;
  if (!r) return vb_error_set(err, VB_ENOMEM, "out of memory");
  r->table = table;
  r->n = n;
  r->gctx = pcre2_general_context_create(pcre_alloc, pcre_free, NULL);
  r->code = vb_calloc(n ? n : 1, sizeof *r->code);
  r->filter = vb_calloc(n ? n : 1, sizeof *r->filter);
  if (!r->gctx || !r->code || !r->filter) goto nomem;
  r->mctx = pcre2_match_context_create(r->gctx);
  if (!r->mctx) goto nomem;
  pcre2_set_match_limit(r->mctx, MATCH_LIMIT);
  pcre2_set_depth_limit(r->mctx, DEPTH_LIMIT);
  /* The patterns are compiled with the system allocator, not vb_malloc:
     PCRE2's JIT compiler (10.42) crashes when one of its allocations fails,
     so failure injection must not reach it.  These are a fixed few
     kilobytes per extractor; a real shortage still fails cleanly at
     pcre2_compile (NULL code) and JIT simply stays off. */
  pcre2_compile_context *cctx = pcre2_compile_context_create(NULL);
  if (!cctx) goto nomem;
  for (size_t i = 0; i < n; i++) {
    const vb_rule *rule = &table[i];
    int ecode;
    PCRE2_SIZE eoff;
    uint32_t opts = PCRE2_UTF | PCRE2_UCP;
    if (rule->flags & VB_RULE_CASELESS) opts |= PCRE2_CASELESS;
    r->code[i] = pcre2_compile((PCRE2_SPTR)rule->pattern, PCRE2_ZERO_TERMINATED,
                               opts, &ecode, &eoff, cctx);
    if (!r->code[i]) {
      PCRE2_UCHAR msg[160];
      pcre2_get_error_message(ecode, msg, sizeof msg);
      pcre2_compile_context_free(cctx);
      vb_xrules_free(r);
      if (ecode == PCRE2_ERROR_HEAP_FAILED || ecode == PCRE2_ERROR_NOMEMORY)
        return vb_error_set(err, VB_ENOMEM, "out of memory");
      return vb_error_set(err, VB_EINVAL,
                          "%s:%u: rule %zu does not compile at offset %zu: "
                          "%s",
                          source, rule->line, i, (size_t)eoff,
                          (const char *)msg);
    }
    /* JIT is an optimisation: without it the interpreter runs */
    if (jit) (void)pcre2_jit_compile(r->code[i], PCRE2_JIT_COMPLETE);
    filter_init(&r->filter[i], r->code[i], rule);
    need_init(&r->filter[i], rule);
    uint32_t cap = 0;
    pcre2_pattern_info(r->code[i], PCRE2_INFO_CAPTURECOUNT, &cap);
    if (cap + 1 > r->max_pairs) r->max_pairs = cap + 1;
  }
  pcre2_compile_context_free(cctx);
  *out = r;
  return VB_OK;
nomem:
  vb_xrules_free(r);
  return vb_error_set(err, VB_ENOMEM, "out of memory");
}

void vb_xrules_free(vb_xrules *r) {
  if (!r) return;
  if (r->code)
    for (size_t i = 0; i < r->n; i++) pcre2_code_free(r->code[i]);
  vb_free(r->code);
  vb_free(r->filter);
  pcre2_match_context_free(r->mctx);
  pcre2_general_context_free(r->gctx);
  vb_free(r);
}

const pcre2_code *vb_xrules_code(const vb_xrules *r, size_t i) {
  return i < r->n ? r->code[i] : NULL;
}

vb_status vb_xmatch_init(vb_xmatch *m, const vb_xrules *r) {
  memset(m, 0, sizeof *m);
  m->rules = r;
  m->md = pcre2_match_data_create(r->max_pairs, r->gctx);
  return m->md ? VB_OK : VB_ENOMEM;
}

void vb_xmatch_free(vb_xmatch *m) {
  if (m && m->md) pcre2_match_data_free(m->md);
  if (m) m->md = NULL;
}

/* Where the search for need[0..l) runs memchr: on the needle's last UTF-8
** continuation byte (much rarer in Vietnamese text than its letters or
** lead bytes), or on its last byte. */
static size_t rare_byte(const char *need, size_t l) {
  for (size_t j = l; j-- > 0;)
    if (((unsigned char)need[j] & 0xC0) == 0x80) return j;
  return l ? l - 1 : 0;
}

/* Does s[0..n) contain the l bytes of need?  k: rare_byte(need, l). */
static int has_bytes(const char *s, size_t n, const char *need, size_t l,
                     size_t k) {
  if (l == 0) return 1;
  if (l > n) return 0;
  const char *p = s + k, *end = s + (n - l) + k + 1;
  while (p < end && (p = memchr(p, need[k], (size_t)(end - p))) != NULL) {
    if (memcmp(p - k, need, l) == 0) return 1;
    p++;
  }
  return 0;
}

/* Does s[0..n) contain one of the '|'-separated byte strings of rule's
** need (cut in advance in f)? */
static int contains(const char *s, size_t n, const char *need,
                    const vb_xfilter *f) {
  for (size_t i = 0; i < f->nneed; i++)
    if (has_bytes(s, n, need + f->need[i].off, f->need[i].len,
                  f->need[i].k))
      return 1;
  if (f->nneed) return 0;
  for (;;) {
    const char *bar = strchr(need, '|');
    size_t l = bar ? (size_t)(bar - need) : strlen(need);
    if (has_bytes(s, n, need, l, rare_byte(need, l))) return 1;
    if (!bar) return 0;
    need = bar + 1;
  }
}

/* Rules run on this thread (see vb_x_work()). */
static _Thread_local uint64_t g_work;

uint64_t vb_x_work(void) { return g_work; }

int vb_x_rule(vb_xmatch *m, size_t i, const char *s, size_t n, size_t from) {
  const vb_rule *rule = &m->rules->table[i];
  const vb_xfilter *f = &m->rules->filter[i];
  if (from > n || n - from < f->min_bytes) return 0;
  if (f->anchored && f->has_first &&
      (from == n ||
       !(f->first[(uint8_t)s[from] >> 3] & (1u << ((uint8_t)s[from] & 7)))))
    return 0;
  g_work++;
  if (rule->need && !contains(s + from, n - from, rule->need, f))
    return 0;
  m->runs++;
  int rc = pcre2_match(m->rules->code[i], (PCRE2_SPTR)s, n, from,
                       PCRE2_NO_UTF_CHECK, m->md, m->rules->mctx);
  if (rc < 0) { /* no match, or a limit hit: no value */
    if (rc == PCRE2_ERROR_NOMEMORY) m->nomem = 1;
    return 0;
  }
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
  m->subject = s;
  m->rule = i;
  m->start = ov[0];
  m->end = ov[1];
  return 1;
}

int vb_x_field(vb_xmatch *m, vb_field field, const char *s, size_t n,
               size_t from) {
  if ((unsigned)field >= VB_F_COUNT) return 0;
  const vb_field_rules *fr = &vb_fields[field];
  for (size_t i = 0; i < fr->count; i++)
    if (vb_x_rule(m, fr->rows[i], s, n, from)) return 1;
  return 0;
}

int vb_x_field_first(vb_xmatch *m, vb_field field, const char *s,
                     size_t n, size_t from) {
  if ((unsigned)field >= VB_F_COUNT) return 0;
  const vb_field_rules *fr = &vb_fields[field];
  size_t best = SIZE_MAX, best_start = SIZE_MAX, best_runs = 0;
  for (size_t i = 0; i < fr->count; i++)
    if (vb_x_rule(m, fr->rows[i], s, n, from) && m->start < best_start) {
      best = fr->rows[i];
      best_start = m->start;
      best_runs = m->runs;
    }
  if (best == SIZE_MAX) return 0;
  if (m->runs == best_runs) return 1; /* no pattern ran since: still there */
  return vb_x_rule(m, best, s, n, from); /* restore its match data */
}

int vb_x_group(const vb_xmatch *m, const char *name, const char **p,
               size_t *len) {
  int num = pcre2_substring_number_from_name(m->rules->code[m->rule],
                                             (PCRE2_SPTR)name);
  if (num < 0) return 0;
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
  if ((uint32_t)num >= pcre2_get_ovector_count(m->md) ||
      ov[2 * num] == PCRE2_UNSET)
    return 0;
  *p = m->subject + ov[2 * num];
  *len = ov[2 * num + 1] - ov[2 * num];
  return 1;
}

/* Evidence: the line a value was read from. */
vb_status vb_x_evidence(json_t *evidence, const char *key, const vb_xdoc *d,
                        size_t line) {
  size_t n;
  const char *t = vb_xdoc_line(d, line, &n);
  if (!t) return VB_OK;
  if (n > VB_X_EVIDENCE_MAX) { /* a run-together page: its start */
    n = VB_X_EVIDENCE_MAX;
    while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80) n--;
  }
  json_t *o = json_object();
  if (!o) return VB_ENOMEM;
  size_t page = vb_doc_page_of_line(d->paged, line);
  if (page && (json_object_set_new(o, "page", json_integer((json_int_t)page)) ||
               (d->paged->page_ocr && d->paged->page_ocr[page - 1] &&
                json_object_set_new(o, "ocr", json_true())))) {
    json_decref(o);
    return VB_ENOMEM;
  }
  if (json_object_set_new(o, "line", json_integer((json_int_t)line)) ||
      json_object_set_new(o, "text", json_stringn(t, n)) ||
      json_object_set_new(evidence, key, o))
    return VB_ENOMEM;
  return VB_OK;
}
