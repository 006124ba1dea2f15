/*
** paragraph_search.c: `search --paragraphs` ranked instead of filtered.
**
** A paragraph is a candidate when it holds enough of the query: not every
** word (a pasted sentence or a duty said in other words would find
** nothing) but a share of the query's weight (minimum-should-match).
** Candidates are ranked by
**
**   (bm25 + bonus for query words standing together) * share matched ^ c
**
** where c is 1 for a query of up to PS_COORD_WORDS distinct words and
** PS_COORD_WORDS / n for one of n more: a keyword query needs its words,
** but a pasted sentence or similar's paragraph is a text of which a
** matching paragraph holds a part, and the bm25 sum over its many words
** already rewards holding more of them (the coordination then favoured
** long paragraphs that hold many of the sentence's common words).
**
** - bm25 over the paragraphs read (k1 = 1.2, b = 0.75), its document
**   frequencies counted over those paragraphs; tone marks and đ folded,
**   a word typed with marks weighing more where the paragraph has the same
**   marks (unless --fold); in a query of more than PS_COMMON_WORDS distinct
**   words (a pasted sentence), a word held by more than PS_COMMON_SHARE of
**   the paragraphs read ("các", "thực hiện", "cơ quan") has its idf in
**   bm25 multiplied by sqrt(PS_COMMON_SHARE / share), a stop-word weighting
**   taken from the paragraphs themselves rather than from a list (the
**   share of the query a paragraph holds keeps the plain idf, so the same
**   paragraphs are candidates);
** - Vietnamese words of two and three syllables: a pair of neighbouring
**   query words that data/compounds.tsv lists as a word ("kinh phí";
**   "bình đẳng giới" as "bình đẳng" and "đẳng giới", counted over real
**   documents by data/make_compounds.py) is kept together: in a query of
**   up to PS_COMMON_WORDS words, a syllable of it found in a paragraph
**   outside that word ("phí" in "lệ phí", "kinh" in "kinh tế") counts
**   PS_LOOSE of an occurrence, in bm25 and in the share held;
** - the bonus: each pair of neighbouring query words (the query's phrases,
**   and across words, "báo cáo" + "kết quả") found next to each other in
**   the paragraph adds PS_PAIR_WEIGHT of the weight of its two words, a
**   pair making one word PS_COMPOUND_WEIGHT (its syllables standing
**   together already count fully);
** - the vocabulary (data/vocabulary.tsv, vocabulary.h) adds the other
**   wordings of an abbreviation or a duty found in the query, each word at
**   PS_EXPAND_WEIGHT of a word the user typed, counted only in a paragraph
**   that holds all the words of that wording;
** - then the glossary of paraphrase (data/paraphrase.tsv) the same way,
**   each word at PS_GLOSS_WEIGHT ("near" rows PS_GLOSS_NEAR), for a query
**   of up to PS_GLOSS_WORDS words (a sentence has words enough); a query
**   word typed with marks matches only the same marks.
**
** A quoted phrase of the query is required: a candidate holds each pair of
** its neighbouring words next to each other.
**
** The paragraphs read are those of the PS_DOCS documents that hold the
** most of the query's rare words (para_docs.c: bounded work per word), or
** under filters those ranked best by the document index for the rarest
** query words, to the per-document caps of search.c.  A query using the
** search language's operators (OR, -word, NOT, word*, parentheses) keeps
** the strict search, as --all-words does.
**
** `similar` (vb_similar) is the same ranking with its text as
** the query: every word as it stands (no phrase, no operator), tone marks
** ignored; each hit also gets how alike its wording is (alike_all).
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
#define PS_GLOSS_WEIGHT 0.3   /* a word of the glossary's "same" rows */
#define PS_GLOSS_NEAR 0.2     /* a word of its "near" rows */
#define PS_GLOSS_WORDS 14     /* a longer query (a sentence) is not glossed */
#define PS_PAIR_WEIGHT 0.5    /* a pair standing together, against its words */
#define PS_FOLD_ONLY 0.7      /* a marked word matched only without marks */
#define PS_COMPOUND_WEIGHT 0.25 /* a pair making a word (compounds.tsv) */
#define PS_LOOSE 0.3          /* a syllable of such a word standing alone */
#define PS_MIN_SHARE 0.3      /* share of the query's weight a candidate holds */
#define PS_COORD_WORDS 10     /* words of a query whose share counts fully */
#define PS_COMMON_WORDS 14    /* a query of more words damps its common words */
#define PS_COMMON_SHARE 0.05  /* share of the paragraphs read making a word common */
#define PS_MAX_PHRASES 16     /* quoted phrases of the query, each required */
#define PS_PHRASE_PAIRS 16    /* pairs checked per phrase */
#define PS_MAX_WORDINGS 32    /* vocabulary wordings added */
#define PS_WORDING_TERMS 8    /* words per wording */
#define PS_TEXT_BYTES 16384   /* bytes of similar's text compared */
#define PS_K1 1.2
#define PS_B 0.75

typedef struct term {
  char fold[VB_VI_TOKEN_MAX + 1], exact[VB_VI_TOKEN_MAX + 1];
  uint64_t h;      /* hash of fold */
  int marked;      /* typed with marks, and marks count */
  int bound;       /* a syllable of a word of the query (a compound pair) */
  double weight;   /* 1 typed, PS_EXPAND_WEIGHT from the vocabulary */
  double idf;      /* damped when common in a long query */
  double idf_held; /* undamped: the share of the query a paragraph holds */
  int64_t df;      /* paragraphs read holding it */
} term;

typedef struct pair {
  int a, b;        /* term indices, a right before b */
  int compound;    /* the two make a word (data/compounds.tsv) */
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

#define PS_SLOTS 256           /* hash table of the terms (> 2 * PS_MAX_TERMS) */

typedef struct psearch {
  int slot[PS_SLOTS];          /* term index + 1 by hash, 0 when empty */
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
  double coord;             /* exponent of the share held in the score */
  int loose;                /* a syllable of a word alone counts less */
  int oom;
} psearch;

static uint64_t hash_bytes(const char *s, size_t n) {
  uint64_t h = 14695981039346656037ull;
  for (size_t k = 0; k < n; k++) h = (h ^ (unsigned char)s[k]) * 1099511628211ull;
  return h;
}

/* The slot of the term of hash h and folded form fold[0, nf): the one
** holding it, or the empty one where it goes. */
static int term_slot(const psearch *ps, uint64_t h, const char *fold, size_t nf) {
  int k = (int)(h % PS_SLOTS);
  while (ps->slot[k]) {
    const term *t = &ps->t[ps->slot[k] - 1];
    if (t->h == h && strlen(t->fold) == nf && memcmp(t->fold, fold, nf) == 0) break;
    k = (k + 1) % PS_SLOTS;
  }
  return k;
}

/* The index of term fold[0, n), added with weight w if new (-1 when the
** table is full).  A typed word keeps its weight and marks. */
static int add_term(psearch *ps, const char *fold, size_t nf, const char *exact,
                    size_t ne, int marked, double w) {
  uint64_t h = hash_bytes(fold, nf);
  int k = term_slot(ps, h, fold, nf);
  if (ps->slot[k]) {
    int i = ps->slot[k] - 1;
    if (w > ps->t[i].weight) ps->t[i].weight = w;
    return i;
  }
  if (ps->nt == PS_MAX_TERMS) return -1;
  ps->slot[k] = ps->nt + 1;
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
  const term *ta = &ps->t[a], *tb = &ps->t[b];
  int comp = vb_vocab_compound(ta->fold, strlen(ta->fold), tb->fold, strlen(tb->fold));
  ps->p[ps->np] = (pair){a, b, comp, w};
  if (comp && ps->loose) ps->t[a].bound = ps->t[b].bound = 1;
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

/* 1 when s[i] starts the word w (ASCII, capitals) standing alone. */
static int word_at(const char *q, size_t i, const char *w) {
  size_t n = strlen(w);
  return (i == 0 || q[i - 1] == ' ' || q[i - 1] == '\t' || q[i - 1] == '(') &&
         strncmp(q + i, w, n) == 0 &&
         (q[i + n] == '\0' || q[i + n] == ' ' || q[i + n] == '\t' ||
          q[i + n] == '(' || q[i + n] == '"');
}

/* 1 when the query uses the search language's operators as qparse.c reads
** them: parentheses, OR or NOT as words, a '-' that starts a word (a dash
** between spaces, "Lao động - Thương binh", is text), a word ending in
** '*'.  Quoted text is not looked at. */
static int has_operators(const char *q) {
  int quoted = 0;
  for (size_t i = 0; q[i]; i++) {
    char c = q[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '(' || c == ')' || word_at(q, i, "OR") || word_at(q, i, "NOT"))
      return 1;
    if (c == '-' && (i == 0 || q[i - 1] == ' ' || q[i - 1] == '\t') &&
        q[i + 1] && q[i + 1] != ' ' && q[i + 1] != '\t')
      return 1;
    if (c == '*' && i > 0 && q[i - 1] != ' ' &&
        (q[i + 1] == '\0' || q[i + 1] == ' ' || q[i + 1] == '\t'))
      return 1;
  }
  return 0;
}

/* Vocabulary expansion: the other wordings become terms. */
typedef struct expand_ctx {
  psearch *ps;
  double weight;      /* of the words added */
  vb_buf *explain;
  vb_buf *doc_query;  /* wordings added to the choice of documents */
  vb_buf seen;        /* "|" + each wording added + "|" */
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
  if (wd) add_words(ps, other, strlen(other), x->weight, 0, NULL, wd);
  if (vb_buf_printf(&x->seen, "%s%s|", x->seen.len ? "" : "|", other) != VB_OK) x->fail = 1;
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

/* A wording of the glossary: as one of the vocabulary, folded, lighter. */
static int on_gloss(void *arg, const char *matched, const char *other,
                    const char *example, int near) {
  expand_ctx *x = arg;
  vb_buf f;
  vb_buf_init(&f, VB_CAP_SMALL);
  x->weight = near ? PS_GLOSS_NEAR : PS_GLOSS_WEIGHT;
  if (vb_vocab_fold(other, strlen(other), &f) != VB_OK) x->fail = 1;
  /* a wording the vocabulary added already is not added again */
  const char *p = f.len && x->seen.data ? strstr(x->seen.data, f.data) : NULL;
  while (p && !(p[-1] == '|' && p[f.len] == '|')) p = strstr(p + 1, f.data);
  if (f.len && !p) on_expansion(arg, matched, f.data, example);
  vb_buf_free(&f);
  return x->fail;
}

/* Score one paragraph's words against the terms. */
static int read_para(void *arg, int64_t pid, int64_t fp, const char *text,
                     size_t len) {
  psearch *ps = arg;
  cand c;
  memset(&c, 0, sizeof c);
  size_t pos = 0, a, b;
  int prev = -1, any = 0, prev_full = 0;
  float prev_base = 0;
  char exact[VB_VI_TOKEN_MAX], fold[VB_VI_TOKEN_MAX];
  while (vb_vi_next_token(text, len, &pos, &a, &b)) {
    size_t ne, nf;
    vb_vi_token(text + a, b - a, exact, &ne, fold, &nf);
    c.dl++;
    int cur = ps->slot[term_slot(ps, hash_bytes(fold, nf), fold, nf)] - 1, full = 0;
    float base = 0;
    if (cur >= 0) {
      const term *t = &ps->t[cur];
      int same = !t->marked || (strlen(t->exact) == ne && memcmp(t->exact, exact, ne) == 0);
      base = same ? 1.0f : (float)PS_FOLD_ONLY;
      /* A syllable of one of the query's words counts fully where it
      ** stands in that word, PS_LOOSE of it alone ("phí" without "kinh"). */
      full = !t->bound;
      c.tf[cur] += full ? base : base * (float)PS_LOOSE;
      any = 1;
      if (prev >= 0)
        for (int k = 0; k < ps->np; k++)
          if (ps->p[k].a == prev && ps->p[k].b == cur) {
            c.pairs[k / 64] |= (uint64_t)1 << (k % 64);
            if (!ps->p[k].compound) continue;
            if (!full) c.tf[cur] += base * (float)(1 - PS_LOOSE), full = 1;
            if (!prev_full) c.tf[prev] += prev_base * (float)(1 - PS_LOOSE), prev_full = 1;
          }
    }
    prev = cur;
    prev_full = full;
    prev_base = base;
  }
  ps->paras++;
  ps->words += c.dl;
  if (!any) return 0;
  for (int i = 0; i < ps->nt; i++)
    if (c.tf[i] > 0) ps->t[i].df++;

  if (vb_grow(&ps->c, &ps->cap, ps->n + 1, sizeof *ps->c) != VB_OK) {
    ps->oom = 1;
    return 1;
  }
  c.pid = pid;
  c.fp = fp;
  ps->c[ps->n++] = c;
  return 0;
}

/* The ranking formula of the header comment, the share raised to
** ps->coord; 0 for a paragraph holding less than PS_MIN_SHARE of the
** query. */
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
    held += t->weight * t->idf_held * (tf >= 1 ? 1.0 : tf);
  }
  double share = typed > 0 ? held / typed : 0;
  if (share > 1) share = 1;
  if (share < PS_MIN_SHARE) return 0;
  double bonus = 0;
  for (int k = 0; k < ps->np; k++)
    if (c->pairs[k / 64] >> (k % 64) & 1)
      bonus += (ps->p[k].compound ? PS_COMPOUND_WEIGHT : PS_PAIR_WEIGHT) * ps->p[k].weight *
               (ps->t[ps->p[k].a].idf + ps->t[ps->p[k].b].idf) / 2;
  return (bm + bonus) * pow(share, ps->coord);
}

/* The query choosing the documents under filters: the PS_DOC_TERMS
** rarest typed words found in the index, OR-ed (common words only when no
** word is rare: one common word makes the query match most documents),
** then the vocabulary's wordings (each already led by " OR ").  Returns 0
** when it is empty. */
static int doc_query(const psearch *ps, const int64_t *df, vb_buf *words,
                     const vb_buf *wordings) {
  int used[PS_MAX_TERMS] = {0}, n = 0;
  while (n < PS_DOC_TERMS) {
    int best = -1;
    for (int i = 0; i < ps->nt; i++)
      if (!used[i] && df[i] > 0 && ps->t[i].weight >= 1 &&
          (best < 0 || df[i] < df[best]))
        best = i;
    if (best < 0 || (n && df[best] > VB_PARA_POSTINGS)) break;
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

/* How alike two wordings are (similar): the shingles of a text are its
** folded words and pairs of neighbouring words, as sorted distinct hashes
** (the first PS_ALIKE_WORDS words). */
#define PS_ALIKE_WORDS 512

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* The shingles of s[0, n) in out (room for 2 * PS_ALIKE_WORDS); their
** count. */
static size_t shingles(const char *s, size_t n, uint64_t *out) {
  size_t pos = 0, a, b, m = 0, words = 0;
  uint64_t prev = 0;
  char exact[VB_VI_TOKEN_MAX], fold[VB_VI_TOKEN_MAX];
  while (words < PS_ALIKE_WORDS && vb_vi_next_token(s, n, &pos, &a, &b)) {
    size_t ne, nf;
    vb_vi_token(s + a, b - a, exact, &ne, fold, &nf);
    uint64_t h = hash_bytes(fold, nf);
    out[m++] = h;
    if (words++) out[m++] = prev * 31 + h * 1000003;
    prev = h;
  }
  qsort(out, m, sizeof *out, cmp_u64);
  size_t k = 0;
  for (size_t i = 0; i < m; i++)
    if (k == 0 || out[k - 1] != out[i]) out[k++] = out[i];
  return k;
}

/* Share of wording in common, 0..1: half the Dice coefficient of the two
** shingle sets, half the share of the query's shingles the paragraph
** holds. */
static double alike(const uint64_t *q, size_t nq, const uint64_t *p, size_t np) {
  if (!nq || !np) return 0;
  size_t common = 0, i = 0, j = 0;
  while (i < nq && j < np) {
    if (q[i] == p[j]) common++, i++, j++;
    else if (q[i] < p[j]) i++;
    else j++;
  }
  return (double)common / (double)(nq + np) + 0.5 * (double)common / (double)nq;
}

/* Set the similarity of each hit of res to text.  The hits are this
** layer's own (vb_para_hits made them), so they are completed here.
** Errors: VB_ENOMEM. */
static vb_status alike_all(const char *text, vb_results *res) {
  uint64_t *q = vb_malloc(4 * PS_ALIKE_WORDS * sizeof *q), *p = q + 2 * PS_ALIKE_WORDS;
  if (!q) return VB_ENOMEM;
  size_t nq = shingles(text, strlen(text), q);
  for (size_t i = 0; i < vb_results_count(res); i++) {
    vb_hit *h = (vb_hit *)vb_results_get(res, i);
    size_t np = h->text ? shingles(h->text, strlen(h->text), p) : 0;
    h->similarity = alike(q, nq, p, np);
  }
  vb_free(q);
  return VB_OK;
}

/* The ids of the documents whose source is `source`, in *ids (n of them at
** most 4; the caller's array). */
static vb_status source_docs(vb_index *idx, const char *source, int64_t *ids,
                             size_t *n, vb_error *err) {
  sqlite3_stmt *s = NULL;
  *n = 0;
  if (!source) return VB_OK;
  if (sqlite3_prepare_v2(vb_index_db(idx),
                         "SELECT id FROM documents WHERE source = ?1 LIMIT 4",
                         -1, &s, NULL) != SQLITE_OK)
    return vb_error_set(err, VB_EDB, "cannot read the documents");
  sqlite3_bind_text(s, 1, source, -1, SQLITE_STATIC);
  int r;
  while ((r = sqlite3_step(s)) == SQLITE_ROW) ids[(*n)++] = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  if (r != SQLITE_DONE)
    return vb_error_set(err, VB_EDB, "cannot read the documents");
  return VB_OK;
}

/* Drop from ids[0, *n) those in skip[0, nskip), keeping the order. */
static void drop_ids(int64_t *ids, size_t *n, const int64_t *skip, size_t nskip) {
  size_t m = 0;
  for (size_t i = 0; i < *n; i++) {
    int drop = 0;
    for (size_t k = 0; k < nskip && !drop; k++) drop = ids[i] == skip[k];
    if (!drop) ids[m++] = ids[i];
  }
  *n = m;
}

/* The ranking of the header comment over `text`: the user's query
** (similar == 0: quoted phrases required, marks count unless o->fold) or
** similar's text (every word as typed, marks ignored, no phrase); the
** paragraphs of document `exclude` (a source; may be NULL) left out.
** *out as vb_search(). */
static vb_status para_rank(vb_index *idx, const vb_search_opts *o,
                           const char *text, int similar, const char *exclude,
                           vb_results **out, vb_error *err) {
  *out = NULL;
  psearch *ps = vb_calloc(1, sizeof *ps);
  int64_t *df = vb_malloc(PS_MAX_TERMS * sizeof *df);
  int64_t *ids = NULL;
  size_t nids = 0, nskip = 0;
  int64_t skip[4];
  vb_buf explain, gloss, wordings, dq;
  vb_buf_init(&explain, VB_CAP_SMALL);
  vb_buf_init(&gloss, VB_CAP_SMALL);
  vb_buf_init(&wordings, VB_CAP_SMALL);
  vb_buf_init(&dq, VB_CAP_SMALL);
  vb_qtree *dqt = NULL;
  vb_status rc = VB_OK;
  if (!ps || !df) {
    rc = vb_error_set(err, VB_ENOMEM, "out of memory");
    goto done;
  }
  ps->loose = 1;
  if (similar)
    add_words(ps, text, strlen(text), 1.0, 0, NULL, NULL);
  else
    add_query(ps, text, !o->fold);
  int typed_terms = ps->nt;
  if (typed_terms > PS_COMMON_WORDS) { /* a sentence: every syllable counts */
    ps->loose = 0;
    for (int i = 0; i < ps->nt; i++) ps->t[i].bound = 0;
  }
  ps->coord = typed_terms > PS_COORD_WORDS ? (double)PS_COORD_WORDS / typed_terms : 1;
  if (similar && typed_terms == 0) {
    rc = vb_error_set(err, VB_EQUERY, "the text has no words to compare");
    goto done;
  }
  if (!o->no_expand) {
    vb_buf folded;
    vb_buf_init(&folded, VB_CAP_SMALL);
    expand_ctx x = {ps, PS_EXPAND_WEIGHT, o->explain ? &explain : NULL, &wordings,
                    {0}, 0, 0};
    vb_buf_init(&x.seen, VB_CAP_SMALL);
    if (vb_vocab_fold(text, strlen(text), &folded) != VB_OK ||
        (folded.data && vb_vocab_expand(NULL, folded.data, on_expansion, &x, NULL) != VB_OK) ||
        x.fail)
      rc = vb_error_set(err, VB_ENOMEM, "out of memory");
    if (rc == VB_OK && !o->no_gloss && typed_terms <= PS_GLOSS_WORDS) {
      x.explain = o->explain ? &gloss : NULL;
      if (vb_gloss_expand(NULL, text, strlen(text), !similar && !o->fold, on_gloss, &x,
                          NULL) != VB_OK || x.fail)
        rc = vb_error_set(err, VB_ENOMEM, "out of memory");
    }
    vb_buf_free(&x.seen);
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
    if (rc == VB_OK && gloss.len)
      rc = vb_buf_printf(&words, "; glossary: %s", gloss.data);
    if (rc == VB_OK) *o->explain = vb_buf_take(&words, NULL);
    vb_buf_free(&words);
    if (rc != VB_OK) {
      rc = vb_error_set(err, rc, "out of memory");
      goto done;
    }
  }
  /* The documents: by the rare words (para_docs.c), or under filters by
  ** the document search for the rarest words and the wordings added. */
  rc = source_docs(idx, exclude, skip, &nskip, err);
  vb_para_word pw[PS_MAX_TERMS];
  for (int i = 0; i < ps->nt; i++) pw[i] = (vb_para_word){ps->t[i].fold, ps->t[i].weight, 0};
  int filtered = vb_para_words_filtered(o);
  if (rc == VB_OK)
    rc = vb_para_words(idx, pw, ps->nt, PS_DOCS + (int)nskip, !filtered, &ids, &nids, err);
  if (rc != VB_OK) goto done;
  for (int i = 0; i < ps->nt; i++) df[i] = pw[i].df;
  if (filtered) {
    if (!doc_query(ps, df, &dq, &wordings)) goto done; /* no word is indexed */
    rc = vb_qtree_parse(dq.data, 1, &dqt, err);
    if (rc == VB_OK)
      rc = vb_para_docs(idx, dqt, o, PS_DOCS + (int)nskip, &ids, &nids, err);
  }
  if (rc == VB_OK) {
    drop_ids(ids, &nids, skip, nskip);
    if (nids > PS_DOCS) nids = PS_DOCS;
  }
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
    t->idf = t->idf_held = log(1 + (N - d + 0.5) / (d + 0.5));
    if (typed_terms > PS_COMMON_WORDS && d > PS_COMMON_SHARE * N)
      t->idf *= sqrt(PS_COMMON_SHARE * N / d);
    if (t->weight >= 1 && t->df > 0) typed += t->weight * t->idf_held;
  }
  /* No typed word in the paragraphs read: the query's weight is that of
  ** its heaviest wording from the vocabulary. */
  for (int k = 0; k < ps->nwd && typed == 0; k++) {
    double w = 0;
    for (int j = 0; j < ps->wd[k].n; j++)
      w += ps->t[ps->wd[k].terms[j]].weight * ps->t[ps->wd[k].terms[j]].idf_held;
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
  if (similar && *out && alike_all(text, *out) != VB_OK)
    rc = vb_error_set(err, VB_ENOMEM, "out of memory");
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
  vb_buf_free(&gloss);
  vb_buf_free(&wordings);
  vb_buf_free(&dq);
  return rc;
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
  return para_rank(idx, o, o->query, 0, NULL, out, err);
}

vb_status vb_similar(vb_index *idx, const char *text,
                                const char *exclude_source,
                                const vb_search_opts *opts, vb_results **out,
                                vb_error *err) {
  vb_search_opts o = *opts;
  o.sort = VB_SORT_RANK;
  o.explain = NULL;
  /* A text of megabytes (FILE:LINE of a document on one line) is compared
  ** by its first PS_TEXT_BYTES, cut between words. */
  size_t n = strlen(text);
  if (n > PS_TEXT_BYTES) {
    n = PS_TEXT_BYTES;
    while (n > 0 && text[n] != ' ' && text[n] != '\t' && text[n] != '\n') n--;
    if (n == 0) /* no space: cut before a character */
      for (n = PS_TEXT_BYTES; n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80;) n--;
  }
  char *cut = vb_strndup(text, n);
  if (!cut) return vb_error_set(err, VB_ENOMEM, "out of memory");
  vb_status rc = para_rank(idx, &o, cut, 1, exclude_source, out, err);
  vb_free(cut);
  if (rc != VB_OK && rc != VB_ETIMEOUT) {
    vb_results_free(*out);
    *out = NULL;
  }
  return rc;
}
