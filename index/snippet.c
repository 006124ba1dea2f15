/*
** snippet.c: vb_snippet() and vb_snippet_full(), a snippet whose work per
** row is capped (see snippet.h).
**
** vb_snippet() reads at most VB_SNIPPET_MAX_INST matches of each phrase
** (FTS5's phrase iterator, which stops where we stop) and tokenizes at most
** VB_SNIPPET_SCAN_BYTES bytes of a column, twice: once to learn how many
** tokens those bytes hold, once to copy the window.
*/
#include "snippet.h"

#include <stdlib.h>
#include <string.h>

#include "tokenizer.h"

#define SNIPPET_MAX_TOKENS 64 /* as the built-in snippet() */
#define SNIPPET_LEAD 2        /* tokens shown before the first match */

/* One match: column, token offset, phrase. */
typedef struct sn_inst {
  int col, off, phrase;
} sn_inst;

static int cmp_inst(const void *a, const void *b) {
  const sn_inst *x = a, *y = b;
  if (x->col != y->col) return x->col < y->col ? -1 : 1;
  if (x->off != y->off) return x->off < y->off ? -1 : 1;
  return (x->phrase > y->phrase) - (x->phrase < y->phrase);
}

/* vb_snippet_full(fts): 1 when the built-in snippet() is cheap for the
** row (few tokens, few matches).  The match count is only asked for a
** small row: counting them is itself linear in the matches. */
static void snippet_full(const Fts5ExtensionApi *api, Fts5Context *fts,
                         sqlite3_context *ctx, int nval, sqlite3_value **val) {
  (void)nval;
  (void)val;
  int ntok = 0, ninst = 0;
  int rc = api->xColumnSize(fts, -1, &ntok);
  if (rc == SQLITE_OK && ntok <= VB_SNIPPET_FULL_TOKENS)
    rc = api->xInstCount(fts, &ninst);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  sqlite3_result_int(ctx, ntok <= VB_SNIPPET_FULL_TOKENS &&
                              ninst <= VB_SNIPPET_FULL_INST);
}

/* Tokens of a column prefix: their count, and the byte ranges of those in
** [from, to) (a and b may be NULL for a count alone). */
typedef struct sn_scan {
  int n;          /* tokens seen (colocated forms not counted) */
  int from, to;
  int *a, *b;     /* byte start and end of token from + k */
} sn_scan;

static int scan_token(void *arg, int flags, const char *tok, int ntok,
                      int start, int end) {
  (void)tok;
  (void)ntok;
  sn_scan *s = arg;
  if (flags & FTS5_TOKEN_COLOCATED) return SQLITE_OK;
  if (s->a && s->n >= s->from && s->n < s->to) {
    s->a[s->n - s->from] = start;
    s->b[s->n - s->from] = end;
  }
  s->n++;
  return s->a && s->n >= s->to ? SQLITE_DONE : SQLITE_OK;
}

/* Where a column's text is read: FTS5's own copy of the row (which is the
** whole row, read from the content table), or with incremental blob I/O
** from table.column at the row's rowid (src), no more than
** VB_SNIPPET_SCAN_BYTES of it. */
typedef struct sn_text {
  const char *text;
  int len;  /* bytes of text (at most VB_SNIPPET_SCAN_BYTES) */
  int cut;  /* 1 when the column is longer */
  char *own; /* sqlite3_malloc'd copy read from the blob */
} sn_text;

static int read_column(const Fts5ExtensionApi *api, Fts5Context *fts,
                       sqlite3_context *ctx, const char *src, int col,
                       sn_text *t) {
  sqlite3_free(t->own);
  memset(t, 0, sizeof *t);
  if (!src) {
    int rc = api->xColumnText(fts, col, &t->text, &t->len);
    if (rc != SQLITE_OK || !t->text) return rc;
    t->cut = (size_t)t->len > VB_SNIPPET_SCAN_BYTES;
    if (t->cut) t->len = (int)VB_SNIPPET_SCAN_BYTES;
  } else {
    char table[64];
    const char *dot = strchr(src, '.');
    if (!dot || dot == src || (size_t)(dot - src) >= sizeof table)
      return SQLITE_ERROR;
    memcpy(table, src, (size_t)(dot - src));
    table[dot - src] = '\0';
    sqlite3_blob *b = NULL;
    int rc = sqlite3_blob_open(sqlite3_context_db_handle(ctx), "main", table,
                               dot + 1, api->xRowid(fts), 0, &b);
    if (rc != SQLITE_OK) { /* a NULL value (or no row): no text */
      sqlite3_blob_close(b);
      return (rc & 0xff) == SQLITE_ERROR ? SQLITE_OK : rc;
    }
    int n = sqlite3_blob_bytes(b);
    t->cut = (size_t)n > VB_SNIPPET_SCAN_BYTES;
    if (t->cut) n = (int)VB_SNIPPET_SCAN_BYTES;
    t->own = sqlite3_malloc(n + 1);
    rc = t->own ? sqlite3_blob_read(b, t->own, n, 0) : SQLITE_NOMEM;
    sqlite3_blob_close(b);
    if (rc != SQLITE_OK) return rc;
    t->text = t->own;
    t->len = n;
  }
  if (t->cut) /* not inside a character */
    while (t->len > 0 && ((unsigned char)t->text[t->len] & 0xC0) == 0x80)
      t->len--;
  return SQLITE_OK;
}

/* Tokenize the text of t into s. */
static int scan_column(const Fts5ExtensionApi *api, Fts5Context *fts,
                       const sn_text *t, sn_scan *s) {
  s->n = 0;
  if (!t->text) return SQLITE_OK;
  int rc = api->xTokenize(fts, t->text, t->len, s, scan_token);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The matches of the row, at most VB_SNIPPET_MAX_INST per phrase, in
** column want (-1: any), sorted; *out is sqlite3_malloc'd. */
static int read_matches(const Fts5ExtensionApi *api, Fts5Context *fts,
                        int want, sn_inst **out, int *n) {
  int nphrase = api->xPhraseCount(fts);
  *out = NULL;
  *n = 0;
  if (nphrase <= 0) return SQLITE_OK;
  sn_inst *m = sqlite3_malloc64((sqlite3_uint64)nphrase * VB_SNIPPET_MAX_INST *
                                sizeof *m);
  if (!m) return SQLITE_NOMEM;
  for (int p = 0; p < nphrase; p++) {
    Fts5PhraseIter it;
    int col = -1, off = -1, k = 0;
    int rc = api->xPhraseFirst(fts, p, &it, &col, &off);
    if (rc != SQLITE_OK) {
      sqlite3_free(m);
      return rc;
    }
    for (; col >= 0 && k < VB_SNIPPET_MAX_INST; k++) {
      if (want < 0 || col == want) m[(*n)++] = (sn_inst){col, off, p};
      api->xPhraseNext(fts, &it, &col, &off);
    }
  }
  qsort(m, (size_t)*n, sizeof *m, cmp_inst);
  *out = m;
  return SQLITE_OK;
}

/* vb_snippet(fts, col, open, close, ellipsis, ntokens [, src...]): src,
** one per column, names where the column's text is ("texts.body"), read
** with incremental blob I/O at the row's rowid; without them, FTS5 reads
** the whole row. */
static void snippet_capped(const Fts5ExtensionApi *api, Fts5Context *fts,
                           sqlite3_context *ctx, int nval,
                           sqlite3_value **val) {
  if (nval < 5) {
    sqlite3_result_error(ctx, "wrong number of arguments to vb_snippet", -1);
    return;
  }
  int want = sqlite3_value_int(val[0]);
  const char *open = (const char *)sqlite3_value_text(val[1]);
  const char *close = (const char *)sqlite3_value_text(val[2]);
  const char *ellipsis = (const char *)sqlite3_value_text(val[3]);
  int nwin = sqlite3_value_int(val[4]);
  if (!open) open = "";
  if (!close) close = "";
  if (!ellipsis) ellipsis = "";
  if (nwin < 1) nwin = 1;
  if (nwin > SNIPPET_MAX_TOKENS) nwin = SNIPPET_MAX_TOKENS;
  int ncol = api->xColumnCount(fts);
  const char *src[8] = {NULL};
  for (int c = 0; c < ncol && c < 8 && 5 + c < nval; c++)
    src[c] = (const char *)sqlite3_value_text(val[5 + c]);
  sn_inst *m = NULL;
  int nm = 0, rc = read_matches(api, fts, want, &m, &nm);
  int a[SNIPPET_MAX_TOKENS], b[SNIPPET_MAX_TOKENS];
  sqlite3_str *out = NULL;
  /* The best window: a column, and its first token. */
  int best_col = -1, best_start = 0, best_score = 0;
  sn_text t = {NULL, 0, 0, NULL};
  int ntok_col = -1;
  for (int c = 0; c < ncol && rc == SQLITE_OK; c++) {
    if (want >= 0 && c != want) continue;
    int first = -1;
    for (int i = 0; i < nm && first < 0; i++)
      if (m[i].col == c) first = i;
    if (first < 0 && best_col >= 0) continue;
    sn_scan s = {0, 0, 0, NULL, NULL};
    rc = read_column(api, fts, ctx, c < 8 ? src[c] : NULL, c, &t);
    if (rc == SQLITE_OK) rc = scan_column(api, fts, &t, &s);
    if (rc != SQLITE_OK || !t.len) continue;
    if (best_col < 0) { /* a column with text: the window without a match */
      best_col = c;
      ntok_col = s.n;
    }
    for (int i = first; i >= 0 && i < nm && m[i].col == c; i++) {
      int start = m[i].off > SNIPPET_LEAD ? m[i].off - SNIPPET_LEAD : 0;
      if (m[i].off >= s.n - t.cut) break; /* past the bytes read */
      uint64_t seen = 0;
      for (int j = i; j < nm && m[j].col == c && m[j].off < start + nwin; j++)
        seen |= (uint64_t)1 << (m[j].phrase & 63);
      int score = __builtin_popcountll(seen);
      if (score > best_score) {
        best_score = score;
        best_col = c;
        best_start = start;
        ntok_col = s.n;
      }
    }
  }
  if (rc == SQLITE_OK && best_col >= 0) {
    sn_scan s = {0, best_start, best_start + nwin, a, b};
    rc = read_column(api, fts, ctx, best_col < 8 ? src[best_col] : NULL,
                     best_col, &t);
    if (rc == SQLITE_OK) rc = scan_column(api, fts, &t, &s);
    const char *text = t.text;
    int end = best_start + nwin < s.n ? best_start + nwin : s.n;
    out = sqlite3_str_new(NULL);
    if (rc == SQLITE_OK && best_start > 0) sqlite3_str_appendall(out, ellipsis);
    for (int w = best_start; rc == SQLITE_OK && w < end; w++) {
      int k = w - best_start;
      if (k > 0) sqlite3_str_append(out, text + b[k - 1], a[k] - b[k - 1]);
      int hl = 0;
      for (int i = 0; i < nm && !hl; i++)
        hl = m[i].col == best_col && m[i].off <= w &&
             w < m[i].off + api->xPhraseSize(fts, m[i].phrase);
      if (hl) sqlite3_str_appendall(out, open);
      sqlite3_str_append(out, text + a[k], b[k] - a[k]);
      if (hl) sqlite3_str_appendall(out, close);
    }
    if (rc == SQLITE_OK && (end < ntok_col || t.cut))
      sqlite3_str_appendall(out, ellipsis);
  }
  sqlite3_free(m);
  sqlite3_free(t.own);
  if (rc != SQLITE_OK) {
    sqlite3_free(sqlite3_str_finish(out));
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  if (!out) {
    sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
    return;
  }
  if (sqlite3_str_errcode(out) != SQLITE_OK) {
    sqlite3_free(sqlite3_str_finish(out));
    sqlite3_result_error_nomem(ctx);
    return;
  }
  int n = sqlite3_str_length(out);
  sqlite3_result_text(ctx, sqlite3_str_finish(out), n, sqlite3_free);
}

/* ---- vb_snippet_same(): snippet()'s text in time linear in the matches */

/* One match as xInst() gives it; xInst() lists the matches sorted by
** column, then offset, then phrase. */
typedef struct sf_inst {
  int phrase, col, off;
} sf_inst;

/* The first tokens of sentences in a column, as snippet() finds them (a
** token after white space that follows '.' or ':', and the first token),
** up to token `upto`. */
typedef struct sf_sent {
  const char *doc;
  int pos, upto, n, cap;
  int *first; /* sqlite3_malloc'd */
} sf_sent;

static int sentence_token(void *arg, int flags, const char *tok, int ntok,
                          int start, int end) {
  (void)tok, (void)ntok, (void)end;
  sf_sent *s = arg;
  if (flags & FTS5_TOKEN_COLOCATED) return SQLITE_OK;
  if (s->pos > s->upto) return SQLITE_DONE;
  int first = s->pos == 0;
  if (!first) {
    int i = start - 1;
    char c = 0;
    for (; i >= 0; i--) {
      c = s->doc[i];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
    }
    first = i != start - 1 && (c == '.' || c == ':');
  }
  if (first) {
    if (s->n == s->cap) {
      int cap = s->cap ? s->cap * 2 : 64;
      int *f = sqlite3_realloc64(s->first, (sqlite3_uint64)cap * sizeof *f);
      if (!f) return SQLITE_NOMEM;
      s->first = f;
      s->cap = cap;
    }
    s->first[s->n++] = s->pos;
  }
  s->pos++;
  return SQLITE_OK;
}

/* snippet()'s score of the window [from, from + ntok) of column col: 1000
** per distinct phrase matched in it, 1 per further match; *adj (if not
** NULL) the window's start moved so that its matches sit in the middle,
** kept inside the column's ndoc tokens.  m[lo, hi) holds the column's
** matches when sorted, else every match. */
static int window_score(const Fts5ExtensionApi *api, Fts5Context *fts,
                        const sf_inst *m, int lo, int hi, int sorted, int col,
                        int from, int ntok, int ndoc, unsigned char *seen,
                        int nphrase, int *adj) {
  int k = lo;
  if (sorted) { /* the first match at or after `from` */
    int b = hi;
    while (k < b) {
      int mid = k + (b - k) / 2;
      if (m[mid].off < from) k = mid + 1;
      else b = mid;
    }
  }
  sqlite3_int64 end = (sqlite3_int64)from + ntok;
  int score = 0, first = -1, last = 0;
  memset(seen, 0, (size_t)nphrase);
  for (; k < hi; k++) {
    if (m[k].col != col || m[k].off < from || m[k].off >= end) {
      if (sorted) break;
      continue;
    }
    score += seen[m[k].phrase] ? 1 : 1000;
    seen[m[k].phrase] = 1;
    if (first < 0) first = m[k].off;
    last = m[k].off + api->xPhraseSize(fts, m[k].phrase);
  }
  if (adj) {
    sqlite3_int64 a = first - (ntok - (last - first)) / 2;
    if (a + ntok > ndoc) a = ndoc - ntok;
    if (a < 0) a = 0;
    *adj = (int)a;
  }
  return score;
}

/* The highlighting pass over the window: the coalesced matches of column
** col (overlapping matches are one), the tokens of the window, the text
** copied so far. */
typedef struct sf_hl {
  const Fts5ExtensionApi *api;
  Fts5Context *fts;
  const sf_inst *m;
  int n, col, next;
  int start, end;  /* the current coalesced match (-1: none left) */
  int pos, range_start, range_end, off;
  const char *text, *open, *close;
  sqlite3_str *out;
} sf_hl;

/* Move h to its next coalesced match. */
static void hl_next(sf_hl *h) {
  h->start = h->end = -1;
  for (; h->next < h->n; h->next++) {
    const sf_inst *x = &h->m[h->next];
    if (x->col != h->col) continue;
    int e = x->off - 1 + h->api->xPhraseSize(h->fts, x->phrase);
    if (h->start < 0) {
      h->start = x->off;
      h->end = e;
    } else if (x->off <= h->end) {
      if (e > h->end) h->end = e;
    } else {
      break;
    }
  }
}

static int hl_token(void *arg, int flags, const char *tok, int ntok,
                    int a, int b) {
  (void)tok, (void)ntok;
  sf_hl *h = arg;
  if (flags & FTS5_TOKEN_COLOCATED) return SQLITE_OK;
  int pos = h->pos++;
  if (pos > h->range_end) return SQLITE_DONE; /* past the window */
  if (pos < h->range_start) return SQLITE_OK;
  if (h->range_start && pos == h->range_start) h->off = a;
  if (pos == h->start) {
    sqlite3_str_append(h->out, h->text + h->off, a - h->off);
    sqlite3_str_appendall(h->out, h->open);
    h->off = a;
  }
  if (pos == h->end) {
    if (h->start < h->range_start) sqlite3_str_appendall(h->out, h->open);
    sqlite3_str_append(h->out, h->text + h->off, b - h->off);
    sqlite3_str_appendall(h->out, h->close);
    h->off = b;
    hl_next(h);
  }
  if (pos == h->range_end) {
    sqlite3_str_append(h->out, h->text + h->off, b - h->off);
    h->off = b;
    if (pos >= h->start && pos < h->end) sqlite3_str_appendall(h->out, h->close);
  }
  return SQLITE_OK;
}

/* Index of the last sentence start at or before token io, as snippet()
** picks it: the number of starts after the first that are <= io. */
static int sentence_of(const sf_sent *s, int io) {
  int lo = 1, hi = s->n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (s->first[mid] <= io) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/* vb_snippet_same(fts, col, open, close, ellipsis, ntokens): the text of
** FTS5's snippet() with the same arguments (the window with the best score
** of snippet()'s rule: each match's own window centred, and the window
** from the start of its sentence), found with one pass over the matches
** and a binary search per window instead of a pass over every match per
** window; columns are tokenized only up to their last match (sentence
** starts) and the window's end (the text shown). */
static void snippet_same(const Fts5ExtensionApi *api, Fts5Context *fts,
                         sqlite3_context *ctx, int nval,
                         sqlite3_value **val) {
  if (nval != 5) {
    sqlite3_result_error(ctx, "wrong number of arguments to vb_snippet_same",
                         -1);
    return;
  }
  int want = sqlite3_value_int(val[0]);
  const char *open = (const char *)sqlite3_value_text(val[1]);
  const char *close = (const char *)sqlite3_value_text(val[2]);
  const char *ellipsis = (const char *)sqlite3_value_text(val[3]);
  int ntok = sqlite3_value_int(val[4]);
  if (ntok < 2) ntok = 2; /* a window of at least two tokens (see above) */
  int ncol = api->xColumnCount(fts), nphrase = api->xPhraseCount(fts);
  int n = 0, rc = api->xInstCount(fts, &n);
  sf_inst *m = sqlite3_malloc64((sqlite3_uint64)(n > 0 ? n : 1) * sizeof *m);
  unsigned char *seen = sqlite3_malloc(nphrase > 0 ? nphrase : 1);
  sf_sent s = {NULL, 0, 0, 0, 0, NULL};
  sqlite3_str *out = NULL;
  if (!m || !seen) rc = SQLITE_NOMEM;
  int sorted = 1;
  for (int k = 0; k < n && rc == SQLITE_OK; k++) {
    rc = api->xInst(fts, k, &m[k].phrase, &m[k].col, &m[k].off);
    if (k && (m[k].col < m[k - 1].col ||
              (m[k].col == m[k - 1].col && m[k].off < m[k - 1].off)))
      sorted = 0;
  }
  int best_col = want >= 0 ? want : 0, best_start = 0, best_score = 0;
  int col_size = 0, lo = 0;
  for (int c = 0; c < ncol && rc == SQLITE_OK; c++) {
    /* the column's matches: m[lo, hi) when sorted */
    while (sorted && lo < n && m[lo].col < c) lo++;
    int hi = lo, maxoff = -1;
    if (sorted) {
      while (hi < n && m[hi].col == c) hi++;
      if (hi > lo) maxoff = m[hi - 1].off;
    } else {
      lo = 0, hi = n;
      for (int k = 0; k < n; k++)
        if (m[k].col == c && m[k].off > maxoff) maxoff = m[k].off;
    }
    if ((want >= 0 && c != want) || maxoff < 0) continue;
    int ndoc = 0;
    rc = api->xColumnSize(fts, c, &ndoc);
    s.n = 0;
    s.pos = 0;
    if (rc == SQLITE_OK && ndoc > ntok) {
      int len = 0;
      s.doc = NULL;
      s.upto = maxoff;
      rc = api->xColumnText(fts, c, &s.doc, &len);
      if (rc == SQLITE_OK && s.doc)
        rc = api->xTokenize(fts, s.doc, len, &s, sentence_token);
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    for (int k = lo; k < hi && rc == SQLITE_OK; k++) {
      if (m[k].col != c) continue;
      int io = m[k].off, adj = 0;
      int score = window_score(api, fts, m, lo, hi, sorted, c, io, ntok, ndoc,
                               seen, nphrase, &adj);
      if (score > best_score) {
        best_score = score;
        best_col = c;
        best_start = adj;
        col_size = ndoc;
      }
      if (!s.n || ndoc <= ntok) continue;
      int from = s.first[sentence_of(&s, io)];
      if (from >= io) continue;
      score = window_score(api, fts, m, lo, hi, sorted, c, from, ntok, ndoc,
                           seen, nphrase, NULL) +
              (from == 0 ? 120 : 100);
      if (score > best_score) {
        best_score = score;
        best_col = c;
        best_start = from;
        col_size = ndoc;
      }
    }
  }
  const char *text = NULL;
  int len = 0;
  if (rc == SQLITE_OK) rc = api->xColumnText(fts, best_col, &text, &len);
  if (rc == SQLITE_OK && col_size == 0)
    rc = api->xColumnSize(fts, best_col, &col_size);
  if (rc == SQLITE_OK && text) {
    sf_hl h = {api, fts, m, n, best_col, 0, -1, -1, 0, best_start,
               best_start + ntok - 1, 0, text, open ? open : "",
               close ? close : "", NULL};
    h.out = out = sqlite3_str_new(NULL);
    hl_next(&h);
    if (best_start > 0) sqlite3_str_appendall(out, ellipsis ? ellipsis : "");
    while (h.start >= 0 && h.start < best_start) hl_next(&h);
    rc = api->xTokenize(fts, text, len, &h, hl_token);
    if (rc == SQLITE_DONE) rc = SQLITE_OK;
    if (h.range_end >= col_size - 1)
      sqlite3_str_append(out, text + h.off, len - h.off);
    else
      sqlite3_str_appendall(out, ellipsis ? ellipsis : "");
    if (sqlite3_str_errcode(out) != SQLITE_OK) rc = SQLITE_NOMEM;
  }
  sqlite3_free(m);
  sqlite3_free(seen);
  sqlite3_free(s.first);
  if (rc != SQLITE_OK) {
    sqlite3_free(sqlite3_str_finish(out));
    sqlite3_result_error_code(ctx, rc);
  } else if (!out) { /* a NULL column */
    sqlite3_result_null(ctx);
  } else {
    int k = sqlite3_str_length(out);
    char *z = sqlite3_str_finish(out);
    sqlite3_result_text(ctx, z ? z : "", k, z ? sqlite3_free : SQLITE_STATIC);
  }
}

vb_status vb_snippet_register(sqlite3 *db) {
  fts5_api *api = NULL;
  VB_TRY(vb_fts5_api(db, &api));
  int rc = api->xCreateFunction(api, VB_SNIPPET_FUNCTION, NULL,
                                snippet_capped, NULL);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction(api, VB_SNIPPET_FULL_FUNCTION, NULL,
                              snippet_full, NULL);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction(api, VB_SNIPPET_SAME_FUNCTION, NULL,
                              snippet_same, NULL);
  if (rc == SQLITE_NOMEM) return VB_ENOMEM;
  return rc == SQLITE_OK ? VB_OK : VB_EDB;
}
