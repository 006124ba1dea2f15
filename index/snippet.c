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

vb_status vb_snippet_register(sqlite3 *db) {
  fts5_api *api = NULL;
  VB_TRY(vb_fts5_api(db, &api));
  int rc = api->xCreateFunction(api, VB_SNIPPET_FUNCTION, NULL,
                                snippet_capped, NULL);
  if (rc == SQLITE_OK)
    rc = api->xCreateFunction(api, VB_SNIPPET_FULL_FUNCTION, NULL,
                              snippet_full, NULL);
  if (rc == SQLITE_NOMEM) return VB_ENOMEM;
  return rc == SQLITE_OK ? VB_OK : VB_EDB;
}
