/*
** tokenizer.c: the "vietnamese" FTS5 tokenizer (see tokenizer.h).
**
** Finding and normalising tokens is done by common/vi.c; this file applies
** the document/query rules and speaks the FTS5 v1 tokenizer interface.
** Everything works on stack buffers: no allocation per token or per call.
*/
#include "tokenizer.h"

#include <limits.h>

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
