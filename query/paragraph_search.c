/*
** paragraph_search.c: `search --paragraphs` ranked instead of filtered.
**
** A paragraph is a candidate when it holds enough of the query: not every
** word (a pasted sentence or a duty said in other words would find
** nothing) but a share of the query's weight (minimum-should-match).
** Candidates are ranked by
**
**   (bm25 + bonus for query words standing together) * share matched
**
** - bm25 over the paragraphs read (k1 = 1.2, b = 0.75), its document
**   frequencies counted over those paragraphs; tone marks and đ folded,
**   a word typed with marks weighing more where the paragraph has the same
**   marks (unless --fold);
** - the bonus: each pair of neighbouring query words (so Vietnamese words
**   of two and three syllables, "kinh phí", "bình đẳng giới", and the
**   query's phrases) found next to each other in the paragraph adds half
**   the weight of its two words;
** - the vocabulary (data/vocabulary.tsv, vocabulary.h) adds the other
**   wordings of an abbreviation or a duty found in the query, each word at
**   PS_EXPAND_WEIGHT of a word the user typed, counted only in a paragraph
**   that holds all the words of that wording.
**
** A quoted phrase of the query is required: a candidate holds each pair of
** its neighbouring words next to each other.
**
** The paragraphs read are those of the PS_DOCS documents ranked best by
** the document index for the rarest query words, to the per-document caps
** of search.c.  A query using the search language's operators (OR, -word,
** NOT, word*, parentheses) keeps the strict search, as --all-words does.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vi.h"
#include "para_int.h"
#include "vocabulary.h"

#define PS_DOCS 40            /* documents whose paragraphs are ranked */
#define PS_DOC_TERMS 8        /* rarest words that choose those documents */
#define PS_DOC_WORDINGS 6     /* vocabulary wordings added to that choice */
#define PS_MAX_TERMS 64       /* distinct words of the query and expansions */
#define PS_MAX_PAIRS 128      /* neighbouring word pairs */
#define PS_MAX_QWORDS 64      /* words of the query read */
#define PS_EXPAND_WEIGHT 0.4  /* a vocabulary word, against a typed one */
#define PS_PAIR_WEIGHT 0.5    /* a pair standing together, against its words */
#define PS_FOLD_ONLY 0.7      /* a marked word matched only without marks */
#define PS_MIN_SHARE 0.3      /* share of the query's weight a candidate holds */
#define PS_MAX_PHRASES 16     /* quoted phrases of the query, each required */
#define PS_PHRASE_PAIRS 16    /* pairs checked per phrase */
#define PS_MAX_WORDINGS 32    /* vocabulary wordings added */
#define PS_WORDING_TERMS 8    /* words per wording */
#define PS_K1 1.2
#define PS_B 0.75

typedef struct term {
  char fold[VB_VI_TOKEN_MAX + 1], exact[VB_VI_TOKEN_MAX + 1];
  uint64_t h;      /* hash of fold */
  int marked;      /* typed with marks, and marks count */
  double weight;   /* 1 typed, PS_EXPAND_WEIGHT from the vocabulary */
  double idf;
  int64_t df;      /* paragraphs read holding it */
} term;

typedef struct pair {
  int a, b;        /* term indices, a right before b */
  double weight;
} pair;

/* A paragraph holding at least one term. */
typedef struct cand {
  int64_t pid, fp;
  int dl;                   /* words */
  float tf[PS_MAX_TERMS];   /* occurrences, fold-only ones of marked terms
                               counted PS_FOLD_ONLY */
  uint64_t pairs[2];        /* bit i: pair i found */
} cand;

/* A quoted phrase: a candidate holds its word, or all its pairs. */
typedef struct phrase {
  int term;                     /* a phrase of one word: that term */
  int pairs[PS_PHRASE_PAIRS];
  int npairs;
} phrase;

/* A wording from the vocabulary: it counts only where all its words are. */
typedef struct wording {
  int terms[PS_WORDING_TERMS];
  int n;
} wording;

typedef struct psearch {
  wording wd[PS_MAX_WORDINGS];
  int nwd;
  term t[PS_MAX_TERMS];
  int nt;
  pair p[PS_MAX_PAIRS];
  int np;
  phrase ph[PS_MAX_PHRASES];
  int nph;
  cand *c;
  size_t n, cap;
  int64_t paras, words;     /* paragraphs and words read */
  int oom;
} psearch;

static uint64_t hash_bytes(const char *s, size_t n) {
  uint64_t h = 14695981039346656037ull;
  for (size_t k = 0; k < n; k++) h = (h ^ (unsigned char)s[k]) * 1099511628211ull;
  return h;
}

/* The index of term fold[0, n), added with weight w if new (-1 when the
** table is full).  A typed word keeps its weight and marks. */
static int add_term(psearch *ps, const char *fold, size_t nf, const char *exact,
                    size_t ne, int marked, double w) {
  uint64_t h = hash_bytes(fold, nf);
  for (int i = 0; i < ps->nt; i++)
    if (ps->t[i].h == h && strlen(ps->t[i].fold) == nf &&
        memcmp(ps->t[i].fold, fold, nf) == 0) {
      if (w > ps->t[i].weight) ps->t[i].weight = w;
      return i;
    }
  if (ps->nt == PS_MAX_TERMS) return -1;
  term *t = &ps->t[ps->nt];
  memset(t, 0, sizeof *t);
  memcpy(t->fold, fold, nf);
  memcpy(t->exact, exact, ne);
  t->h = h;
  t->marked = marked;
  t->weight = w;
  return ps->nt++;
}

/* The index of the pair a b, added with weight w if new (-1 when none). */
static int add_pair(psearch *ps, int a, int b, double w) {
  if (a < 0 || b < 0) return -1;
  for (int i = 0; i < ps->np; i++)
    if (ps->p[i].a == a && ps->p[i].b == b) {
      if (w > ps->p[i].weight) ps->p[i].weight = w;
      return i;
    }
  if (ps->np == PS_MAX_PAIRS) return -1;
  ps->p[ps->np] = (pair){a, b, w};
  return ps->np++;
}

/* Add the words of s[0, n) as terms of weight w, and their neighbouring
** pairs; marks count when marks != 0.  ph (may be NULL) receives the
** phrase they make. */
static void add_words(psearch *ps, const char *s, size_t n, double w, int marks,
                      phrase *ph, wording *wd) {
  size_t pos = 0, a, b;
  int prev = -1, count = 0;
  char exact[VB_VI_TOKEN_MAX], fold[VB_VI_TOKEN_MAX];
  while (count++ < PS_MAX_QWORDS && vb_vi_next_token(s, n, &pos, &a, &b)) {
    size_t ne, nf;
    int marked = vb_vi_token(s + a, b - a, exact, &ne, fold, &nf) && marks;
    int i = add_term(ps, fold, nf, exact, ne, marked, w);
    int k = add_pair(ps, prev, i, w);
    if (ph && ph->term < 0) ph->term = i;
    if (wd && i >= 0 && wd->n < PS_WORDING_TERMS) wd->terms[wd->n++] = i;
    if (ph && k >= 0 && ph->npairs < PS_PHRASE_PAIRS) ph->pairs[ph->npairs++] = k;
    prev = i;
  }
}

/* Add the words of the user query; each quoted phrase is also required. */
static void add_query(psearch *ps, const char *q, int marks) {
  while (*q) {
    const char *open = strchr(q, '"');
    size_t n = open ? (size_t)(open - q) : strlen(q);
    add_words(ps, q, n, 1.0, marks, NULL, NULL);
    if (!open) break;
    const char *close = strchr(open + 1, '"');
    size_t m = close ? (size_t)(close - open - 1) : strlen(open + 1);
    phrase *ph = ps->nph < PS_MAX_PHRASES ? &ps->ph[ps->nph] : NULL;
    if (ph) {
      memset(ph, 0, sizeof *ph);
      ph->term = -1;
    }
    add_words(ps, open + 1, m, 1.0, marks, ph, NULL);
    if (ph && ph->term >= 0) ps->nph++;
    q = close ? close + 1 : open + 1 + m;
  }
}

/* 1 when the query uses the search language's operators. */
static int has_operators(const char *q) {
  if (strchr(q, '(') || strchr(q, ')') || strstr(q, "OR") || strstr(q, "NOT"))
    return 1;
  for (const char *p = q; *p; p++) {
    if (*p == '-' && (p == q || p[-1] == ' ' || p[-1] == '\t')) return 1;
    if (*p == '*') return 1;
  }
  return 0;
}

/* Vocabulary expansion: the other wordings become terms. */
typedef struct expand_ctx {
  psearch *ps;
  vb_buf *explain;
  vb_buf *doc_query;  /* wordings added to the choice of documents */
  int ndoc;
  int fail;
} expand_ctx;

static int on_expansion(void *arg, const char *matched, const char *other,
                        const char *example) {
  expand_ctx *x = arg;
  (void)example;
  psearch *ps = x->ps;
  wording *wd = ps->nwd < PS_MAX_WORDINGS ? &ps->wd[ps->nwd++] : NULL;
  if (wd) wd->n = 0;
  if (wd) add_words(ps, other, strlen(other), PS_EXPAND_WEIGHT, 0, NULL, wd);
  if (x->explain && vb_buf_printf(x->explain, "%s%s -> %s",
                                  x->explain->len ? "; " : "", matched,
                                  other) != VB_OK)
    x->fail = 1;
  if (x->ndoc < PS_DOC_WORDINGS) {
    x->ndoc++;
    if (vb_buf_printf(x->doc_query, " OR \"%s\"", other) != VB_OK) x->fail = 1;
  }
  return 0;
}

/* Score one paragraph's words against the terms. */
static int read_para(void *arg, int64_t pid, int64_t fp, const char *text,
                     size_t len) {
  psearch *ps = arg;
  cand c;
  memset(&c, 0, sizeof c);
  size_t pos = 0, a, b;
  int prev = -1, any = 0;
  char exact[VB_VI_TOKEN_MAX], fold[VB_VI_TOKEN_MAX];
  while (vb_vi_next_token(text, len, &pos, &a, &b)) {
    size_t ne, nf;
    vb_vi_token(text + a, b - a, exact, &ne, fold, &nf);
    c.dl++;
    uint64_t h = hash_bytes(fold, nf);
    int cur = -1;
    for (int i = 0; i < ps->nt && cur < 0; i++)
      if (ps->t[i].h == h && strlen(ps->t[i].fold) == nf &&
          memcmp(ps->t[i].fold, fold, nf) == 0)
        cur = i;
    if (cur >= 0) {
      const term *t = &ps->t[cur];
      int same = !t->marked || (strlen(t->exact) == ne && memcmp(t->exact, exact, ne) == 0);
      c.tf[cur] += same ? 1.0f : (float)PS_FOLD_ONLY;
      any = 1;
      if (prev >= 0)
        for (int k = 0; k < ps->np; k++)
          if (ps->p[k].a == prev && ps->p[k].b == cur)
            c.pairs[k / 64] |= (uint64_t)1 << (k % 64);
    }
    prev = cur;
  }
  ps->paras++;
  ps->words += c.dl;
  if (!any) return 0;
  for (int i = 0; i < ps->nt; i++)
    if (c.tf[i] > 0) ps->t[i].df++;
  if (ps->n == ps->cap) {
    size_t ncap = ps->cap ? ps->cap * 2 : 256;
    cand *nc = vb_realloc(ps->c, ncap * sizeof *nc);
    if (!nc) {
      ps->oom = 1;
      return 1;
    }
    ps->c = nc;
    ps->cap = ncap;
  }
  c.pid = pid;
  c.fp = fp;
  ps->c[ps->n++] = c;
  return 0;
}

/* The ranking formula of the header comment; 0 for a paragraph holding
** less than PS_MIN_SHARE of the query. */
static double score_cand(const psearch *ps, const cand *c, double avgdl,
                         double typed) {
  for (int i = 0; i < ps->nph; i++) {
    const phrase *ph = &ps->ph[i];
    if (!ph->npairs && c->tf[ph->term] <= 0) return 0;
    for (int k = 0; k < ph->npairs; k++)
      if (!(c->pairs[ph->pairs[k] / 64] >> (ph->pairs[k] % 64) & 1)) return 0;
  }
  /* The words of the vocabulary's wordings found whole. */
  int whole[PS_MAX_TERMS] = {0};
  for (int k = 0; k < ps->nwd; k++) {
    int all = ps->wd[k].n > 0;
    for (int j = 0; j < ps->wd[k].n && all; j++) all = c->tf[ps->wd[k].terms[j]] > 0;
    for (int j = 0; j < ps->wd[k].n && all; j++) whole[ps->wd[k].terms[j]] = 1;
  }
  double bm = 0, held = 0;
  for (int i = 0; i < ps->nt; i++) {
    const term *t = &ps->t[i];
    if (c->tf[i] <= 0 || (t->weight < 1 && !whole[i])) continue;
    double tf = c->tf[i];
    bm += t->weight * t->idf * tf * (PS_K1 + 1) /
          (tf + PS_K1 * (1 - PS_B + PS_B * c->dl / avgdl));
    held += t->weight * t->idf * (tf >= 1 ? 1.0 : tf);
  }
  double share = typed > 0 ? held / typed : 0;
  if (share > 1) share = 1;
  if (share < PS_MIN_SHARE) return 0;
  double bonus = 0;
  for (int k = 0; k < ps->np; k++)
    if (c->pairs[k / 64] >> (k % 64) & 1)
      bonus += PS_PAIR_WEIGHT * ps->p[k].weight *
               (ps->t[ps->p[k].a].idf + ps->t[ps->p[k].b].idf) / 2;
  return (bm + bonus) * share;
}

/* The document frequencies (documents) of the terms, for choosing the
** candidate documents by their rarest words. */
static vb_status doc_freqs(vb_index *idx, const psearch *ps, int64_t *df,
                           vb_error *err) {
  sqlite3 *db = vb_index_db(idx);
  sqlite3_stmt *s = NULL;
  if (sqlite3_exec(db,
                   "CREATE VIRTUAL TABLE IF NOT EXISTS temp.docs_vocab "
                   "USING fts5vocab(main, docs_fts, 'row')",
                   NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(db, "SELECT doc FROM temp.docs_vocab WHERE term = ?1",
                         -1, &s, NULL) != SQLITE_OK)
    return vb_error_set(err, VB_EDB, "cannot read the index vocabulary");
  for (int i = 0; i < ps->nt; i++) {
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, ps->t[i].fold, -1, SQLITE_STATIC);
    df[i] = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
  }
  sqlite3_finalize(s);
  return VB_OK;
}

/* The query choosing the documents: the PS_DOC_TERMS rarest typed words
** found in the index, OR-ed, then the vocabulary's wordings (each already
** led by " OR ").  Returns 0 when it is empty. */
static int doc_query(const psearch *ps, const int64_t *df, vb_buf *words,
                     const vb_buf *wordings) {
  int used[PS_MAX_TERMS] = {0}, n = 0;
  while (n < PS_DOC_TERMS) {
    int best = -1;
    for (int i = 0; i < ps->nt; i++)
      if (!used[i] && df[i] > 0 && ps->t[i].weight >= 1 &&
          (best < 0 || df[i] < df[best]))
        best = i;
    if (best < 0) break;
    used[best] = 1;
    if (vb_buf_printf(words, "%s\"%s\"", n ? " OR " : "", ps->t[best].fold) != VB_OK)
      return 0;
    n++;
  }
  if (wordings->len &&
      vb_buf_puts(words, wordings->data + (n ? 0 : strlen(" OR "))) != VB_OK)
    return 0;
  return n || wordings->len;
}

vb_status vb_paragraph_search(vb_index *idx, const vb_search_opts *o,
                              vb_results **out, vb_error *err) {
  *out = NULL;
  if (has_operators(o->query)) {
    vb_search_opts po = *o;
    po.all_words = 1;
    return vb_search(idx, &po, out, err);
  }
  char *check = NULL; /* the query is refused as the strict search refuses it */
  VB_TRY(vb_query_compile(o->query, o->fold, &check, err));
  vb_free(check);
  psearch *ps = vb_calloc(1, sizeof *ps);
  int64_t *df = vb_malloc(PS_MAX_TERMS * sizeof *df);
  int64_t *ids = NULL;
  size_t nids = 0;
  vb_buf explain, wordings, dq;
  vb_buf_init(&explain, VB_CAP_SMALL);
  vb_buf_init(&wordings, VB_CAP_SMALL);
  vb_buf_init(&dq, VB_CAP_SMALL);
  vb_qtree *dqt = NULL;
  vb_status rc = VB_OK;
  if (!ps || !df) {
    rc = vb_error_set(err, VB_ENOMEM, "out of memory");
    goto done;
  }
  add_query(ps, o->query, !o->fold);
  int typed_terms = ps->nt;
  if (!o->no_expand) {
    vb_buf folded;
    vb_buf_init(&folded, VB_CAP_SMALL);
    expand_ctx x = {ps, o->explain ? &explain : NULL, &wordings, 0, 0};
    if (vb_vocab_fold(o->query, strlen(o->query), &folded) != VB_OK ||
        (folded.data && vb_vocab_expand(NULL, folded.data, on_expansion, &x, NULL) != VB_OK) ||
        x.fail)
      rc = vb_error_set(err, VB_ENOMEM, "out of memory");
    vb_buf_free(&folded);
    if (rc != VB_OK) goto done;
  }
  if (o->explain) {
    vb_buf words;
    vb_buf_init(&words, VB_CAP_SMALL);
    for (int i = 0; i < typed_terms && rc == VB_OK; i++)
      rc = vb_buf_printf(&words, "%s%s", i ? " " : "", ps->t[i].fold);
    if (rc == VB_OK)
      rc = vb_buf_printf(&words, "; expanded: %s",
                         explain.len ? explain.data : "(none)");
    if (rc == VB_OK) *o->explain = vb_buf_take(&words, NULL);
    vb_buf_free(&words);
    if (rc != VB_OK) {
      rc = vb_error_set(err, rc, "out of memory");
      goto done;
    }
  }
  rc = doc_freqs(idx, ps, df, err);
  if (rc != VB_OK) goto done;
  if (!doc_query(ps, df, &dq, &wordings)) goto done; /* no word is indexed */
  rc = vb_qtree_parse(dq.data, 1, &dqt, err);
  if (rc == VB_OK) rc = vb_para_docs(idx, dqt, o, PS_DOCS, &ids, &nids, err);
  if (rc == VB_OK) rc = vb_para_each(idx, ids, nids, read_para, ps, err);
  if (rc == VB_OK && ps->oom) rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  if (rc != VB_OK) goto done;
  /* Document frequencies over the paragraphs read; the weight of the query
  ** is that of its typed words found there. */
  double typed = 0, best_wording = 0, avgdl = ps->paras ? (double)ps->words / (double)ps->paras : 1;
  if (avgdl < 1) avgdl = 1;
  for (int i = 0; i < ps->nt; i++) {
    term *t = &ps->t[i];
    double N = (double)ps->paras, d = (double)t->df;
    t->idf = log(1 + (N - d + 0.5) / (d + 0.5));
    if (t->weight >= 1 && t->df > 0) typed += t->weight * t->idf;
  }
  /* No typed word in the paragraphs read: the query's weight is that of
  ** its heaviest wording from the vocabulary. */
  for (int k = 0; k < ps->nwd && typed == 0; k++) {
    double w = 0;
    for (int j = 0; j < ps->wd[k].n; j++)
      w += ps->t[ps->wd[k].terms[j]].weight * ps->t[ps->wd[k].terms[j]].idf;
    if (w > best_wording) best_wording = w;
  }
  if (typed == 0) typed = best_wording;
  size_t m = 0;
  vb_para_ranked *ranked = vb_malloc((ps->n ? ps->n : 1) * sizeof *ranked);
  if (!ranked) {
    rc = vb_error_set(err, VB_ENOMEM, "out of memory");
    goto done;
  }
  for (size_t i = 0; i < ps->n; i++) {
    double sc = score_cand(ps, &ps->c[i], avgdl, typed);
    if (sc > 0) ranked[m++] = (vb_para_ranked){ps->c[i].pid, ps->c[i].fp, sc};
  }
  if (m) qsort(ranked, m, sizeof *ranked, vb_para_ranked_cmp);
  if (m) rc = vb_para_hits(idx, o, ranked, m, 0, out, err);
  vb_free(ranked);
done:
  if ((rc == VB_OK || rc == VB_ETIMEOUT) && !*out) { /* no hit: empty results */
    vb_status r2 = vb_para_hits(idx, o, NULL, 0, 0, out, err);
    if (r2 != VB_OK) rc = r2;
  }
  vb_qtree_free(dqt);
  vb_free(ids);
  vb_free(df);
  if (ps) vb_free(ps->c);
  vb_free(ps);
  vb_buf_free(&explain);
  vb_buf_free(&wordings);
  vb_buf_free(&dq);
  return rc;
}
