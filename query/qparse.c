/*
** qparse.c: the user query language (see query.h) compiled to an FTS5
** MATCH expression.  A small recursive-descent parser:
**
**   or   := and ("OR" and)*
**   and  := unary+
**   unary:= ("-" | "NOT") primary | primary
**   prim := "(" or ")" | '"' chars '"' | word ["*"]
**
** Every word and phrase is emitted as an FTS5 string ("..." with inner
** quotes doubled), so nothing the user types is FTS5 syntax.  Words that
** hold no token (pure punctuation such as ":" or "&") are dropped.
*/
#include <string.h>

#include "text.h"
#include "vi.h"
#include "tokenizer.h"
#include "query.h"

#define QUERY_MAX_BYTES 4096  /* longer queries are refused */
#define QUERY_MAX_DEPTH 32    /* parenthesis nesting */

typedef struct qp {
  const char *s;   /* the query */
  size_t n, i;     /* length, position */
  int fold;        /* fold words before emitting */
  int depth;
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

static vb_status fail(qp *p, size_t off, const char *what) {
  if (p->rc == VB_OK)
    p->rc = vb_error_set(p->err, VB_EQUERY, "%s at column %d", what,
                         column(p, off));
  return p->rc;
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

static int count_token(void *ctx, int flags, const char *t, int nt, int a,
                       int b) {
  (void)flags; (void)t; (void)nt; (void)a; (void)b;
  (*(int *)ctx)++;
  return 0;
}

/* Emit text as an FTS5 string (folded if asked) into out; *empty = 1 when
** it holds no token and nothing was emitted. */
static void emit_string(qp *p, const char *t, size_t n, int prefix,
                        vb_buf *out, int *empty) {
  vb_buf f;
  vb_buf_init(&f, QUERY_MAX_BYTES * 4);
  if (p->fold) {
    if (vb_vi_fold(t, n, &f) != VB_OK) {
      p->rc = vb_error_set(p->err, VB_ENOMEM, "out of memory");
      vb_buf_free(&f);
      return;
    }
    t = f.data ? f.data : "";
    n = f.len;
  }
  int ntok = 0;
  vb_tokenize(t, n, 1, count_token, &ntok);
  *empty = ntok == 0;
  vb_status rc = VB_OK;
  if (!*empty) {
    rc = vb_buf_putc(out, '"');
    for (size_t k = 0; k < n && rc == VB_OK; k++)
      rc = t[k] == '"' ? vb_buf_puts(out, "\"\"") : vb_buf_putc(out, t[k]);
    if (rc == VB_OK) rc = vb_buf_puts(out, prefix ? "\"*" : "\"");
  }
  if (rc != VB_OK && p->rc == VB_OK)
    p->rc = vb_error_set(p->err, VB_ENOMEM, "out of memory");
  vb_buf_free(&f);
}

static void parse_or(qp *p, vb_buf *out);

/* primary: appends to out; sets *empty when nothing searchable. */
static void parse_primary(qp *p, vb_buf *out, int *empty) {
  *empty = 1;
  skip_space(p);
  if (p->i >= p->n) return;
  char c = p->s[p->i];
  if (c == '(') {
    size_t open = p->i++;
    if (++p->depth > QUERY_MAX_DEPTH) {
      fail(p, open, "parentheses nested too deeply");
      return;
    }
    vb_buf sub;
    vb_buf_init(&sub, QUERY_MAX_BYTES * 8);
    parse_or(p, &sub);
    p->depth--;
    skip_space(p);
    if (p->rc == VB_OK && (p->i >= p->n || p->s[p->i] != ')'))
      fail(p, open, "missing ')' for the '(' opened");
    else if (p->rc == VB_OK) {
      p->i++;
      if (sub.len == 0) {
        fail(p, open, "empty parentheses");
      } else if (vb_buf_putc(out, '(') != VB_OK ||
                 vb_buf_append(out, sub.data, sub.len) != VB_OK ||
                 vb_buf_putc(out, ')') != VB_OK) {
        p->rc = vb_error_set(p->err, VB_ENOMEM, "out of memory");
      } else {
        *empty = 0;
      }
    }
    vb_buf_free(&sub);
    return;
  }
  if (c == ')') {
    fail(p, p->i, "unmatched ')'");
    return;
  }
  if (c == '"') {
    size_t open = p->i++;
    const char *end = memchr(p->s + p->i, '"', p->n - p->i);
    if (!end) {
      fail(p, open, "unterminated quote: the phrase opened");
      return;
    }
    size_t len = (size_t)(end - (p->s + p->i));
    emit_string(p, p->s + p->i, len, 0, out, empty);
    p->i += len + 1;
    return;
  }
  size_t len = word_len(p);
  int prefix = len > 1 && p->s[p->i + len - 1] == '*';
  emit_string(p, p->s + p->i, prefix ? len - 1 : len, prefix, out, empty);
  p->i += len;
}

/* and: a run of terms; negated ones go after NOT. */
static void parse_and(qp *p, vb_buf *out) {
  vb_buf pos, neg;
  vb_buf_init(&pos, QUERY_MAX_BYTES * 8);
  vb_buf_init(&neg, QUERY_MAX_BYTES * 8);
  size_t first_neg = (size_t)-1;
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
    vb_buf term;
    vb_buf_init(&term, QUERY_MAX_BYTES * 8);
    int empty = 1;
    parse_primary(p, &term, &empty);
    if (p->rc == VB_OK && !empty) {
      vb_buf *dst = negated ? &neg : &pos;
      if (negated && first_neg == (size_t)-1) first_neg = at;
      vb_status rc = VB_OK;
      if (negated)
        rc = vb_buf_puts(dst, " NOT ");
      else if (dst->len)
        rc = vb_buf_puts(dst, " AND ");
      if (rc == VB_OK) rc = vb_buf_append(dst, term.data, term.len);
      if (rc != VB_OK) p->rc = vb_error_set(p->err, VB_ENOMEM, "out of memory");
    }
    vb_buf_free(&term);
  }
  if (p->rc == VB_OK && neg.len && !pos.len)
    fail(p, first_neg, "nothing to exclude from: add a word to search for "
                       "before the excluded one");
  if (p->rc == VB_OK && pos.len) {
    int wrap = neg.len > 0;
    if ((wrap && vb_buf_putc(out, '(') != VB_OK) ||
        vb_buf_append(out, pos.data, pos.len) != VB_OK ||
        (wrap && vb_buf_putc(out, ')') != VB_OK) ||
        vb_buf_append(out, neg.data ? neg.data : "", neg.len) != VB_OK)
      p->rc = vb_error_set(p->err, VB_ENOMEM, "out of memory");
  }
  vb_buf_free(&pos);
  vb_buf_free(&neg);
}

static void parse_or(qp *p, vb_buf *out) {
  int parts = 0;
  for (;;) {
    vb_buf part;
    vb_buf_init(&part, QUERY_MAX_BYTES * 8);
    size_t at = p->i;
    parse_and(p, &part);
    if (p->rc == VB_OK && part.len) {
      vb_status rc = VB_OK;
      if (parts) rc = vb_buf_puts(out, " OR ");
      if (rc == VB_OK) rc = vb_buf_putc(out, '(');
      if (rc == VB_OK) rc = vb_buf_append(out, part.data, part.len);
      if (rc == VB_OK) rc = vb_buf_putc(out, ')');
      if (rc != VB_OK) p->rc = vb_error_set(p->err, VB_ENOMEM, "out of memory");
      parts++;
    }
    vb_buf_free(&part);
    skip_space(p);
    if (p->rc != VB_OK || !word_is(p, "OR")) break;
    if (!parts) {
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
    (void)at;
  }
}

vb_status vb_query_compile(const char *query, int fold, char **fts,
                           vb_error *err) {
  *fts = NULL;
  qp p = {query, strlen(query), 0, fold, 0, err, VB_OK};
  if (p.n > QUERY_MAX_BYTES)
    return vb_error_set(err, VB_EQUERY, "query longer than %d bytes",
                        QUERY_MAX_BYTES);
  if (vb_utf8_check((const unsigned char *)query, p.n) != p.n)
    return vb_error_set(err, VB_EQUERY, "the query is not valid UTF-8");
  vb_buf out;
  vb_buf_init(&out, QUERY_MAX_BYTES * 16);
  parse_or(&p, &out);
  skip_space(&p);
  if (p.rc == VB_OK && p.i < p.n) fail(&p, p.i, "unmatched ')'");
  if (p.rc == VB_OK && out.len == 0)
    p.rc = vb_error_set(err, VB_EQUERY, "the query has no words to search for");
  if (p.rc != VB_OK) {
    vb_buf_free(&out);
    return p.rc;
  }
  *fts = vb_buf_take(&out, NULL);
  return *fts ? VB_OK : vb_error_set(err, VB_ENOMEM, "out of memory");
}
