/*
** paragraphs.h: cutting a document's text into paragraphs for the
** paragraph-level index (precedent search, `vanban similar`).
**
** A paragraph is a non-blank line of the text, joined with the lines that
** continue it: a line that starts with a lower-case letter after a line
** that does not end a sentence (".", ";", ":", "!", "?") is the rest of a
** paragraph broken by the conversion from Word.  Lines without two letters
** (markdown table rules, lone "|") are skipped.  Each paragraph knows the
** numbered heading it falls under ("II. NỘI DUNG", "1. Sở Tài chính").
*/
#ifndef VB_PARAGRAPHS_H
#define VB_PARAGRAPHS_H

#include <stdint.h>

#include "vb.h"

typedef struct vb_para {
  size_t line;          /* 1-based line where the paragraph starts */
  const char *text;     /* points into the document text (not owned) */
  size_t len;           /* bytes, possibly spanning several lines */
  const char *heading;  /* the heading line it falls under, or NULL */
  size_t heading_len;
} vb_para;

/* Call cb for every paragraph of text, in order; a non-zero return stops
** the walk and is returned. */
int vb_paragraphs_each(const char *text, size_t n,
                       int (*cb)(void *ctx, const vb_para *p), void *ctx);

/* A 64-bit fingerprint of a paragraph's wording: the same words in the same
** order give the same value whatever the case, tone placement, marks,
** punctuation and spacing.  Used to group a wording repeated across
** documents. */
int64_t vb_paragraph_fingerprint(const char *s, size_t n);

/* The paragraphs the index keeps for a text: those of at least
** VB_PARA_MIN_WORDS words, and numbered headings only from
** VB_PARA_HEADING_WORDS words (shorter ones are headings and list labels,
** no precedent wording), at most VB_PARA_MAX of them, each with its
** fingerprint.  Built by the ingest workers, stored by the writer. */
#define VB_PARA_MIN_WORDS 4
#define VB_PARA_HEADING_WORDS 8 /* shorter numbered headings are skipped */
#define VB_PARA_MAX ((size_t)1 << 20) /* a paragraph id is doc_id << 20 | seq */

typedef struct vb_para_list {
  vb_para *items;        /* vb_malloc'd */
  int64_t *fingerprints; /* one per item, vb_malloc'd */
  size_t n, cap;
} vb_para_list;

/* Fill *out (zeroed first) for text.  Errors: VB_ENOMEM (out is freed).
** Release with vb_para_list_free(), which accepts an empty list. */
vb_status vb_paragraphs_index(const char *text, size_t n,
                              vb_para_list *out) VB_MUST_CHECK;
void vb_para_list_free(vb_para_list *l);

#endif /* VB_PARAGRAPHS_H */
