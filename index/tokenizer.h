/*
** tokenizer.h: the Vietnamese FTS5 tokenizer ("vietnamese").
**
** Documents: every token is emitted in its exact form (NFC, lower case, one
** tone placement: "Hoà" -> "hòa", "UỶ" -> "ủy"); a token that carries marks
** is also emitted, colocated, in its folded form ("hòa" + "hoa",
** "đường" + "duong").  Tokens are runs of letters, marks and digits.
**
** Queries: a token typed without marks is looked up in its folded form, so it
** matches every marked spelling ("binh dang gioi" finds "bình đẳng giới");
** a token typed with marks is looked up exactly ("bạn" does not find "ban"
** or "bán").  To search folded anyway, fold the query first (vb_vi_fold).
**
** Offsets reported to FTS5 are byte offsets into the original text, so
** snippets and highlights show the original spelling (also for decomposed
** text, where one letter spans several code points).
**
** Tokens and their normal forms come from common/vi.h (vb_vi_next_token,
** vb_vi_token): decomposed input gives the same tokens as NFC, the
** look-alike Ð is read as Đ, invalid UTF-8 bytes separate tokens, and a
** token is cut at VB_VI_TOKEN_MAX bytes.  No allocation per token.
**
** Facet lists: a text that begins with the byte VB_FACET_MARK (0x01) is a
** list of facet tokens, such as "\x01p:Điện_Biên y:2020" (the facets
** column of docs_fts, schema.sql): each run of bytes between spaces is one
** token, as written.  Words of ordinary text never form such a token
** (":" and "_" separate words), so a search finds them only through a
** filter that asks for them (query/search.c).
*/
#ifndef VB_TOKENIZER_H
#define VB_TOKENIZER_H

#include <sqlite3.h>

#include "buf.h"
#include "vb.h"

#define VB_TOKENIZER_NAME "vietnamese"
#define VB_FACET_MARK '\x01' /* first byte of a facet list (above) */

/* Register the tokenizer with db's FTS5 module.  Returns VB_OK, or VB_EDB if
** FTS5 is missing, VB_ENOMEM. */
vb_status vb_tokenizer_register(sqlite3 *db) VB_MUST_CHECK;

/* The FTS5 API of db, to register extensions with (*out is owned by
** SQLite).  Returns VB_OK, or VB_EDB if FTS5 is missing, VB_ENOMEM. */
vb_status vb_fts5_api(sqlite3 *db, fts5_api **out) VB_MUST_CHECK;

/* Run the tokenizer over text outside SQLite (for tests and the query
** parser).  For each token, cb gets the token bytes, the FTS5 flags
** (0 or FTS5_TOKEN_COLOCATED) and the byte range in text.  query != 0 uses
** the query-mode rules above.  A non-zero return from cb stops and is
** returned.  Text longer than INT_MAX bytes is refused (SQLITE_TOOBIG). */
int vb_tokenize(const char *text, size_t n, int query,
                int (*cb)(void *ctx, int flags, const char *tok, int ntok,
                          int start, int end),
                void *ctx);

/* Pre-tokenized texts.  The ingest workers tokenize a document's texts
** (title, theme, body, extra) where they read it, and the single writer's
** full-text inserts replay those tokens instead of tokenizing again: the
** writer thread is what limits an ingest.  The tokens are those
** vb_tokenize() gives in document mode, so the index is the same either
** way.
**
** vb_pretok_add() tokenizes one text (borrowed: it must stay as it is
** until the vb_pretok is freed); a text longer than VB_PRETOK_MAX_BYTES is
** left to the tokenizer (it would need a buffer about five times its
** size).  vb_pretok_use(p) makes the tokenizer of the calling thread
** replay a text of p whenever FTS5 asks it to tokenize, in document mode,
** bytes equal to that text (compared whole); vb_pretok_use(NULL) ends
** that.  vb_pretok_free() releases the token buffers (accepts a zeroed
** struct).  Errors of add: VB_ENOMEM. */
#define VB_PRETOK_TEXTS 4
#define VB_PRETOK_MAX_BYTES ((size_t)1 << 20)
typedef struct vb_pretok {
  size_t n;                            /* texts held */
  const char *text[VB_PRETOK_TEXTS];   /* borrowed */
  size_t len[VB_PRETOK_TEXTS];
  vb_buf toks[VB_PRETOK_TEXTS];        /* packed tokens of each (owned) */
} vb_pretok;
vb_status vb_pretok_add(vb_pretok *p, const char *text, size_t n)
    VB_MUST_CHECK;
void vb_pretok_use(const vb_pretok *p);
void vb_pretok_free(vb_pretok *p);

/* The tokens of text i of p in the order vb_tokenize() gave them: each
** call sets *flags (0 or FTS5_TOKEN_COLOCATED), *tok and *ntok (pointing
** into p) and returns 1, or returns 0 at the end.  *pos starts at 0. */
int vb_pretok_next(const vb_pretok *p, size_t i, size_t *pos, int *flags,
                   const char **tok, size_t *ntok);

#endif /* VB_TOKENIZER_H */
