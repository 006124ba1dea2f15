/*
** tokenizer.c: the "vietnamese" FTS5 tokenizer (see tokenizer.h).
**
** Finding and normalising tokens is done by common/vi.c; this file applies
** the document/query rules and speaks the FTS5 v1 tokenizer interface.
** Everything works on stack buffers: no allocation per token or per call.
*/
#include "tokenizer.h"

#include <limits.h>
#include <string.h>

#include "vi.h"

int vb_tokenize(const char *text, size_t n, int query,
                int (*cb)(void *ctx, int flags, const char *tok, int ntok,
                          int start, int end),
                void *ctx) {
  char exact[VB_VI_TOKEN_MAX], fold[VB_VI_TOKEN_MAX];
  size_t pos = 0, start, end;
  if (n > INT_MAX) return SQLITE_TOOBIG;  /* offsets are ints for FTS5 */
  while (vb_vi_next_token(text, n, &pos, &start, &end)) {
    size_t ne, nf;
    int marked = vb_vi_token(text + start, end - start, exact, &ne, fold, &nf);
    int rc = cb(ctx, 0, exact, (int)ne, (int)start, (int)end);
    if (rc) return rc;
    if (marked && !query) {
      rc = cb(ctx, FTS5_TOKEN_COLOCATED, fold, (int)nf, (int)start, (int)end);
      if (rc) return rc;
    }
  }
  return SQLITE_OK;
}

/* ---- Pre-tokenized texts (tokenizer.h) ----
** A token is packed as its flags (1 byte), its length (2 bytes), its start
** and end offsets (4 bytes each, native order) and its bytes. */

#define PRETOK_HEAD 11

/* The texts the calling thread's tokenizer replays (vb_pretok_use). */
static _Thread_local const vb_pretok *t_replay;

/* vb_tokenize's callback of vb_pretok_add: append one packed token. */
static int pretok_put(void *ctx, int flags, const char *tok, int ntok,
                      int start, int end) {
  vb_buf *b = ctx;
  unsigned char head[PRETOK_HEAD];
  uint16_t len = (uint16_t)ntok;
  uint32_t s = (uint32_t)start, e = (uint32_t)end;
  head[0] = (unsigned char)flags;
  memcpy(head + 1, &len, 2);
  memcpy(head + 3, &s, 4);
  memcpy(head + 7, &e, 4);
  if (vb_buf_append(b, head, sizeof head) != VB_OK ||
      vb_buf_append(b, tok, (size_t)ntok) != VB_OK)
    return SQLITE_NOMEM;
  return SQLITE_OK;
}

vb_status vb_pretok_add(vb_pretok *p, const char *text, size_t n) {
  if (!text || n == 0 || n > VB_PRETOK_MAX_BYTES || p->n == VB_PRETOK_TEXTS)
    return VB_OK;
  vb_buf *b = &p->toks[p->n];
  /* About five packed bytes per byte of text; never more than this. */
  vb_buf_init(b, n * (PRETOK_HEAD + VB_VI_TOKEN_MAX) * 2 + 64);
  if (vb_tokenize(text, n, 0, pretok_put, b) != SQLITE_OK) {
    vb_buf_free(b);
    return VB_ENOMEM;
  }
  p->text[p->n] = text;
  p->len[p->n] = n;
  p->n++;
  return VB_OK;
}

void vb_pretok_use(const vb_pretok *p) { t_replay = p; }

void vb_pretok_free(vb_pretok *p) {
  if (!p) return;
  for (size_t i = 0; i < p->n; i++) vb_buf_free(&p->toks[i]);
  memset(p, 0, sizeof *p);
}

int vb_pretok_next(const vb_pretok *p, size_t i, size_t *pos, int *flags,
                   const char **tok, size_t *ntok) {
  const vb_buf *b = &p->toks[i];
  uint16_t len;
  if (i >= p->n || *pos + PRETOK_HEAD > b->len) return 0;
  memcpy(&len, b->data + *pos + 1, 2);
  *flags = (unsigned char)b->data[*pos];
  *tok = b->data + *pos + PRETOK_HEAD;
  *ntok = len;
  *pos += PRETOK_HEAD + len;
  return 1;
}

/* The packed tokens of a replayed text equal to text[0..n), or NULL. */
static const vb_buf *pretok_find(const char *text, int n) {
  const vb_pretok *p = t_replay;
  for (size_t i = 0; p && i < p->n; i++)
    if (p->len[i] == (size_t)n &&
        (p->text[i] == text || memcmp(p->text[i], text, (size_t)n) == 0))
      return &p->toks[i];
  return NULL;
}

/* Emit packed tokens as vb_tokenize emitted them. */
static int pretok_replay(const vb_buf *b,
                         int (*emit)(void *, int, const char *, int, int,
                                     int),
                         void *ctx) {
  const char *d = b->data, *end = b->data + b->len;
  while (d && d + PRETOK_HEAD <= end) {
    uint16_t len;
    uint32_t s, e;
    memcpy(&len, d + 1, 2);
    memcpy(&s, d + 3, 4);
    memcpy(&e, d + 7, 4);
    int rc = emit(ctx, (unsigned char)d[0], d + PRETOK_HEAD, len, (int)s,
                  (int)e);
    if (rc) return rc;
    d += PRETOK_HEAD + len;
  }
  return SQLITE_OK;
}

/* The tokenizer has no state; every instance is this one object. */
static struct vb_fts5_tokenizer {
  int unused;
} tk_instance;

static int tk_create(void *user, const char **argv, int argc,
                     Fts5Tokenizer **out) {
  (void)user;
  (void)argv;
  if (argc != 0) return SQLITE_ERROR;  /* the tokenizer takes no options */
  *out = (Fts5Tokenizer *)(void *)&tk_instance;
  return SQLITE_OK;
}

static void tk_delete(Fts5Tokenizer *tok) { (void)tok; }

/* Tokens for an auxiliary function (snippets, highlights): only where
** each token stands matters there, so the words are neither normalised nor
** folded, and each is passed as written.  The tokens are those
** vb_tokenize() finds, so positions agree with the index. */
static int tokenize_places(const char *text, size_t n,
                           int (*emit)(void *, int, const char *, int, int,
                                       int),
                           void *ctx) {
  size_t pos = 0, start, end;
  while (vb_vi_next_token(text, n, &pos, &start, &end)) {
    int rc = emit(ctx, 0, text + start, (int)(end - start), (int)start,
                  (int)end);
    if (rc) return rc;
  }
  return SQLITE_OK;
}

/* The tokens of a facet list (see tokenizer.h): the bytes between spaces
** after the mark, as written, in every mode. */
static int facet_tokens(const char *text, int n,
                        int (*emit)(void *, int, const char *, int, int, int),
                        void *ctx) {
  for (int i = 1; i < n;) {
    while (i < n && text[i] == ' ') i++;
    int start = i;
    while (i < n && text[i] != ' ') i++;
    if (i > start) {
      int rc = emit(ctx, 0, text + start, i - start, start, i);
      if (rc) return rc;
    }
  }
  return SQLITE_OK;
}

static int tk_tokenize(Fts5Tokenizer *tok, void *ctx, int flags,
                       const char *text, int n,
                       int (*emit)(void *, int, const char *, int, int, int)) {
  (void)tok;
  if (n <= 0) return SQLITE_OK;
  if (text[0] == VB_FACET_MARK) return facet_tokens(text, n, emit, ctx);
  if (flags & FTS5_TOKENIZE_AUX)
    return tokenize_places(text, (size_t)n, emit, ctx);
  if (t_replay && flags == FTS5_TOKENIZE_DOCUMENT) {
    const vb_buf *b = pretok_find(text, n);
    if (b) return pretok_replay(b, emit, ctx);
  }
  return vb_tokenize(text, (size_t)n, (flags & FTS5_TOKENIZE_QUERY) != 0,
                     emit, ctx);
}

vb_status vb_fts5_api(sqlite3 *db, fts5_api **out) {
  fts5_api *api = NULL;
  sqlite3_stmt *st = NULL;
  *out = NULL;
  int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);
  if (rc == SQLITE_NOMEM) return VB_ENOMEM;
  if (rc != SQLITE_OK) return VB_EDB;
  sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
  rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc == SQLITE_NOMEM) return VB_ENOMEM;
  if (api == NULL || api->iVersion < 2) return VB_EDB;
  *out = api;
  return VB_OK;
}

vb_status vb_tokenizer_register(sqlite3 *db) {
  static fts5_tokenizer methods = {tk_create, tk_delete, tk_tokenize};
  fts5_api *api = NULL;
  VB_TRY(vb_fts5_api(db, &api));
  int rc =
      api->xCreateTokenizer(api, VB_TOKENIZER_NAME, NULL, &methods, NULL);
  if (rc == SQLITE_NOMEM) return VB_ENOMEM;
  return rc == SQLITE_OK ? VB_OK : VB_EDB;
}
