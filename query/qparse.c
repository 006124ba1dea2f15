/*
** qparse.c: the user query language (see query.h) parsed once into a tree
** (qtree.h), and what the search derives from the tree.  A small
** recursive-descent parser:
**
**   or   := and ("OR" and)*
**   and  := unary+
**   unary:= ("-" | "NOT") primary | primary
**   prim := "(" or ")" | '"' chars '"' | word ["*"]
**
** Terms that hold no token (pure punctuation such as ":" or "&") are
** dropped, and so is an alternative left without a term.
*/
#include <string.h>

#include "text.h"
#include "vi.h"
#include "qtree.h"
#include "query.h"

#define FTS_MAX_BYTES (VB_QUERY_MAX_BYTES * 16) /* a derived expression */

typedef struct qp {
  const char *s;   /* the query */
  size_t n, i;     /* length, position */
  int fold;        /* fold terms */
  int depth;
  int nprefix;     /* prefix terms kept */
  vb_error *err;
  vb_status rc;    /* sticky: first error wins */
} qp;

/* 1-based column (in characters) of byte offset off. */
static int column(const qp *p, size_t off) {
  int col = 1;
  for (size_t k = 0; k < off && k < p->n; k++)
    if (((unsigned char)p->s[k] & 0xC0) != 0x80) col++;
  return col;
}

static void fail(qp *p, size_t off, const char *what) {
  if (p->rc == VB_OK)
    p->rc = vb_error_set(p->err, VB_EQUERY, "%s at column %d", what,
                         column(p, off));
}

static void out_of_memory(qp *p) {
  if (p->rc == VB_OK) p->rc = vb_error_set(p->err, VB_ENOMEM, "out of memory");
}

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

static void skip_space(qp *p) {
  while (p->i < p->n && is_space(p->s[p->i])) p->i++;
}

/* Length of the bare word at the current position. */
static size_t word_len(const qp *p) {
  size_t k = p->i;
  while (k < p->n && !is_space(p->s[k]) && p->s[k] != '(' &&
         p->s[k] != ')' && p->s[k] != '"')
    k++;
  return k - p->i;
}

static int word_is(const qp *p, const char *kw) {
  size_t l = strlen(kw);
  return word_len(p) == l && memcmp(p->s + p->i, kw, l) == 0;
}

/* ---- Nodes ---- */

/* A term node owns one block (typed, text and its words' strings) and
** its words array; a group owns its kids. */
static void node_free(vb_qnode *nd) {
  if (!nd) return;
  for (size_t k = 0; k < nd->nkids; k++) node_free(nd->kids[k]);
  vb_free(nd->kids);
  vb_free((void *)nd->typed);
  vb_free((void *)nd->words);
  vb_free(nd);
}

static vb_qnode *node_new(qp *p, vb_qkind kind, size_t at) {
  vb_qnode *nd = vb_calloc(1, sizeof *nd);
  if (!nd) {
    out_of_memory(p);
    return NULL;
  }
  nd->kind = kind;
  nd->at = at;
  return nd;
}

/* Append kid to nd's kids (kid is freed on failure). */
static void add_kid(qp *p, vb_qnode *nd, vb_qnode *kid, size_t *cap) {
  if (vb_grow(&nd->kids, cap, nd->nkids + 1, sizeof *nd->kids) != VB_OK) {
    node_free(kid);
    out_of_memory(p);
    return;
  }
  nd->kids[nd->nkids++] = kid;
}

/* A term for t[0, n) typed at byte `at`, or NULL when it holds no token
** (or on error, in p->rc). */
static vb_qnode *make_term(qp *p, const char *t, size_t n, int phrase,
                           int prefix, size_t at) {
  vb_buf f, blk;
  vb_buf_init(&f, VB_QUERY_MAX_BYTES * 4);
  vb_buf_init(&blk, VB_QUERY_MAX_BYTES * 16);
  const char *s = t;
  size_t ns = n;
  vb_qnode *nd = NULL;
  vb_qword *words = NULL;
  size_t nw = 0, cap = 0;
  if (p->fold) {
    if (vb_vi_fold(t, n, &f) != VB_OK) goto oom;
    s = f.data ? f.data : "";
    ns = f.len;
  }
  /* The block: typed \0 text \0, then exact \0 folded \0 per word; the
  ** words hold offsets into it until it is complete. */
  if (vb_buf_append(&blk, t, n) != VB_OK || vb_buf_putc(&blk, '\0') != VB_OK ||
      vb_buf_append(&blk, s, ns) != VB_OK || vb_buf_putc(&blk, '\0') != VB_OK)
    goto oom;
  size_t pos = 0, a, b;
  char exact[VB_VI_TOKEN_MAX], folded[VB_VI_TOKEN_MAX];
  while (vb_vi_next_token(s, ns, &pos, &a, &b)) {
    size_t ne, nf;
    int marked = vb_vi_token(s + a, b - a, exact, &ne, folded, &nf);
    if (vb_grow(&words, &cap, nw + 1, sizeof *words) != VB_OK) goto oom;
    words[nw].exact = (const char *)(uintptr_t)blk.len;
    if (vb_buf_append(&blk, exact, ne) != VB_OK ||
        vb_buf_putc(&blk, '\0') != VB_OK)
      goto oom;
    words[nw].folded = (const char *)(uintptr_t)blk.len;
    if (vb_buf_append(&blk, folded, nf) != VB_OK ||
        vb_buf_putc(&blk, '\0') != VB_OK)
      goto oom;
    words[nw++].marked = marked;
  }
  vb_buf_free(&f);
  if (nw == 0) { /* nothing to search for */
    vb_buf_free(&blk);
    return NULL;
  }
  nd = node_new(p, VB_QN_TERM, at);
  char *base = nd ? vb_buf_take(&blk, NULL) : NULL;
  if (!base) {
    vb_free(nd);
    vb_free(words);
    vb_buf_free(&blk);
    out_of_memory(p);
    return NULL;
  }
  for (size_t k = 0; k < nw; k++) {
    words[k].exact = base + (uintptr_t)words[k].exact;
    words[k].folded = base + (uintptr_t)words[k].folded;
  }
  nd->typed = base;
  nd->text = base + n + 1;
  nd->phrase = phrase;
  nd->prefix = prefix;
  nd->words = words;
  nd->nwords = nw;
  if (prefix) p->nprefix++;
  return nd;
oom:
  vb_buf_free(&f);
  vb_buf_free(&blk);
  vb_free(words);
  out_of_memory(p);
  return NULL;
}

/* ---- Parser ---- */

static vb_qnode *parse_or(qp *p);

/* primary: a term or a group, or NULL when nothing searchable (or on
** error). */
static vb_qnode *parse_primary(qp *p) {
  skip_space(p);
  if (p->i >= p->n) return NULL;
  char c = p->s[p->i];
  if (c == '(') {
    size_t open = p->i++;
    if (++p->depth > VB_QUERY_MAX_DEPTH) {
      fail(p, open, "parentheses nested too deeply");
      return NULL;
    }
    vb_qnode *sub = parse_or(p);
    p->depth--;
    skip_space(p);
    if (p->rc == VB_OK && (p->i >= p->n || p->s[p->i] != ')')) {
      fail(p, open, "missing ')' for the '(' opened");
    } else if (p->rc == VB_OK) {
      p->i++;
      if (sub->nkids == 0) {
        fail(p, open, "empty parentheses");
      } else {
        sub->at = open;
        return sub;
      }
    }
    node_free(sub);
    return NULL;
  }
  if (c == ')') {
    fail(p, p->i, "unmatched ')'");
    return NULL;
  }
  if (c == '"') {
    size_t open = p->i++;
    const char *end = memchr(p->s + p->i, '"', p->n - p->i);
    if (!end) {
      fail(p, open, "unterminated quote: the phrase opened");
      return NULL;
    }
    size_t len = (size_t)(end - (p->s + p->i));
    vb_qnode *t = make_term(p, p->s + p->i, len, 1, 0, open);
    p->i += len + 1;
    return t;
  }
  size_t at = p->i, len = word_len(p);
  int prefix = len > 1 && p->s[p->i + len - 1] == '*';
  p->i += len;
  return make_term(p, p->s + at, prefix ? len - 1 : len, 0, prefix, at);
}

/* and: a run of terms, some negated; an AND node, with no kid when the run
** holds nothing searchable (NULL on error). */
static vb_qnode *parse_and(qp *p) {
  vb_qnode *nd = node_new(p, VB_QN_AND, p->i);
  size_t cap = 0, first_neg = (size_t)-1;
  int npos = 0;
  if (!nd) return NULL;
  for (;;) {
    skip_space(p);
    if (p->rc != VB_OK || p->i >= p->n || p->s[p->i] == ')' ||
        word_is(p, "OR"))
      break;
    if (word_is(p, "AND")) {
      p->i += 3;
      continue;
    }
    int negated = 0;
    size_t at = p->i;
    if (word_is(p, "NOT")) {
      negated = 1;
      p->i += 3;
    } else if (p->s[p->i] == '-' && p->i + 1 < p->n &&
               !is_space(p->s[p->i + 1])) {
      negated = 1;
      p->i++;
    }
    vb_qnode *kid = parse_primary(p);
    if (!kid) continue;
    kid->negated = negated;
    if (negated && first_neg == (size_t)-1) first_neg = at;
    npos += !negated;
    add_kid(p, nd, kid, &cap);
  }
  if (p->rc == VB_OK && nd->nkids && !npos)
    fail(p, first_neg, "nothing to exclude from: add a word to search for "
                       "before the excluded one");
  if (p->rc != VB_OK) {
    node_free(nd);
    return NULL;
  }
  return nd;
}

/* or: alternatives; an OR node with the non-empty ones (NULL on error). */
static vb_qnode *parse_or(qp *p) {
  vb_qnode *nd = node_new(p, VB_QN_OR, p->i);
  size_t cap = 0;
  if (!nd) return NULL;
  for (;;) {
    vb_qnode *part = parse_and(p);
    if (part && part->nkids)
      add_kid(p, nd, part, &cap);
    else
      node_free(part);
    skip_space(p);
    if (p->rc != VB_OK || !word_is(p, "OR")) break;
    if (!nd->nkids) {
      fail(p, p->i, "OR needs a term before it");
      break;
    }
    size_t or_at = p->i;
    p->i += 2;
    skip_space(p);
    if (p->i >= p->n || p->s[p->i] == ')' || word_is(p, "OR")) {
      fail(p, or_at, "OR needs a term after it");
      break;
    }
  }
  if (p->rc != VB_OK) {
    node_free(nd);
    return NULL;
  }
  return nd;
}

vb_status vb_qtree_parse(const char *query, int fold, vb_qtree **out,
                         vb_error *err) {
  *out = NULL;
  qp p = {query, strlen(query), 0, fold, 0, 0, err, VB_OK};
  if (p.n > VB_QUERY_MAX_BYTES)
    return vb_error_set(err, VB_EQUERY, "query longer than %d bytes",
                        VB_QUERY_MAX_BYTES);
  if (vb_utf8_check((const unsigned char *)query, p.n) != p.n)
    return vb_error_set(err, VB_EQUERY, "the query is not valid UTF-8");
  vb_qnode *root = parse_or(&p);
  skip_space(&p);
  if (p.rc == VB_OK && p.i < p.n) fail(&p, p.i, "unmatched ')'");
  if (p.rc == VB_OK && root->nkids == 0)
    p.rc = vb_error_set(err, VB_EQUERY, "the query has no words to search for");
  vb_qtree *q = p.rc == VB_OK ? vb_calloc(1, sizeof *q) : NULL;
  if (p.rc == VB_OK && !q) out_of_memory(&p);
  if (p.rc != VB_OK) {
    node_free(root);
    return p.rc;
  }
  q->root = root;
  q->fold = fold;
  q->nprefix = p.nprefix;
  *out = q;
  return VB_OK;
}

void vb_qtree_free(vb_qtree *q) {
  if (!q) return;
  node_free(q->root);
  vb_free(q);
}

/* ---- The MATCH expression ---- */

/* Writes of one expression; the first failure sticks in rc. */
typedef struct emit {
  vb_buf b;
  int exact;       /* prefixes left out */
  vb_status rc;
} emit;

static void put(emit *e, const char *s) {
  if (e->rc == VB_OK) e->rc = vb_buf_puts(&e->b, s);
}

/* An FTS5 string of s: quoted, inner quotes doubled. */
static void put_string(emit *e, const char *s) {
  put(e, "\"");
  for (; *s && e->rc == VB_OK; s++)
    e->rc = *s == '"' ? vb_buf_puts(&e->b, "\"\"") : vb_buf_putc(&e->b, *s);
  put(e, "\"");
}

static void emit_or(emit *e, const vb_qnode *nd);

/* A kid of an AND node: a string, or a group in parentheses. */
static void emit_unit(emit *e, const vb_qnode *nd) {
  if (nd->kind == VB_QN_TERM) {
    put_string(e, nd->text);
    if (nd->prefix && !e->exact) put(e, "*");
    return;
  }
  put(e, "(");
  emit_or(e, nd);
  put(e, ")");
}

/* (a AND b) NOT c NOT d; the parentheses only when something is
** excluded. */
static void emit_and(emit *e, const vb_qnode *nd) {
  size_t nneg = 0, npos = 0;
  for (size_t k = 0; k < nd->nkids; k++) nneg += nd->kids[k]->negated;
  if (nneg) put(e, "(");
  for (size_t k = 0; k < nd->nkids; k++) {
    if (nd->kids[k]->negated) continue;
    if (npos++) put(e, " AND ");
    emit_unit(e, nd->kids[k]);
  }
  if (nneg) put(e, ")");
  for (size_t k = 0; k < nd->nkids; k++) {
    if (!nd->kids[k]->negated) continue;
    put(e, " NOT ");
    emit_unit(e, nd->kids[k]);
  }
}

/* (alternative) OR (alternative) ... */
static void emit_or(emit *e, const vb_qnode *nd) {
  for (size_t k = 0; k < nd->nkids; k++) {
    if (k) put(e, " OR ");
    put(e, "(");
    emit_and(e, nd->kids[k]);
    put(e, ")");
  }
}

/* Hand e's text to *out. */
static vb_status emit_take(emit *e, char **out, vb_error *err) {
  if (e->rc == VB_OK) {
    *out = vb_buf_take(&e->b, NULL);
    if (!*out) e->rc = VB_ENOMEM;
  }
  vb_buf_free(&e->b);
  return e->rc == VB_OK ? VB_OK : vb_error_set(err, VB_ENOMEM, "out of memory");
}

static vb_status fts_of(const vb_qtree *q, int exact, char **out,
                        vb_error *err) {
  emit e = {.exact = exact};
  vb_buf_init(&e.b, FTS_MAX_BYTES);
  emit_or(&e, q->root);
  return emit_take(&e, out, err);
}

vb_status vb_qtree_fts(const vb_qtree *q, char **out, vb_error *err) {
  *out = NULL;
  return fts_of(q, 0, out, err);
}

vb_status vb_qtree_fts_exact(const vb_qtree *q, char **out, vb_error *err) {
  *out = NULL;
  return q->nprefix ? fts_of(q, 1, out, err) : VB_OK;
}

vb_status vb_qtree_phrase_words(const vb_qtree *q, char **out,
                                vb_error *err) {
  *out = NULL;
  if (q->root->nkids != 1) return VB_OK;
  const vb_qnode *and = q->root->kids[0];
  int spaced = 0;
  for (size_t k = 0; k < and->nkids; k++) {
    const vb_qnode *t = and->kids[k];
    if (t->kind != VB_QN_TERM || t->negated || t->prefix) return VB_OK;
    spaced |= strchr(t->text, ' ') != NULL;
  }
  if (!spaced) return VB_OK;
  emit e = {0};
  vb_buf_init(&e.b, FTS_MAX_BYTES);
  for (size_t k = 0; k < and->nkids; k++) {
    if (k) put(&e, " AND ");
    put(&e, "\"");
    for (const char *s = and->kids[k]->text; *s && e.rc == VB_OK; s++)
      e.rc = *s == '"'   ? vb_buf_puts(&e.b, "\"\"")
             : *s == ' ' ? vb_buf_puts(&e.b, "\" \"")
                         : vb_buf_putc(&e.b, *s);
    put(&e, "\"");
  }
  return emit_take(&e, out, err);
}

/* ---- Words ---- */

static int words_of(const vb_qnode *nd, int (*cb)(void *, const vb_qword *),
                    void *ctx) {
  if (nd->negated) return 0;
  if (nd->kind == VB_QN_TERM) {
    for (size_t k = 0; k < nd->nwords; k++) {
      int r = cb(ctx, &nd->words[k]);
      if (r) return r;
    }
    return 0;
  }
  for (size_t k = 0; k < nd->nkids; k++) {
    int r = words_of(nd->kids[k], cb, ctx);
    if (r) return r;
  }
  return 0;
}

int vb_qtree_words(const vb_qtree *q, int (*cb)(void *ctx, const vb_qword *w),
                   void *ctx) {
  return words_of(q->root, cb, ctx);
}

int vb_qtree_all_words(const vb_qtree *q) {
  if (q->root->nkids != 1) return 0;
  const vb_qnode *and = q->root->kids[0];
  for (size_t k = 0; k < and->nkids; k++)
    if (and->kids[k]->kind != VB_QN_TERM) return 0;
  return 1;
}

/* ---- The one-call form ---- */

vb_status vb_query_compile(const char *query, int fold, char **fts,
                           vb_error *err) {
  vb_qtree *q = NULL;
  *fts = NULL;
  VB_TRY(vb_qtree_parse(query, fold, &q, err));
  vb_status rc = vb_qtree_fts(q, fts, err);
  vb_qtree_free(q);
  return rc;
}
