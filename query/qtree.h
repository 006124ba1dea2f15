/*
** qtree.h: the user's search query (the language of query.h) parsed once,
** and everything the search derives from it.
**
** vb_qtree_parse() reads the query into a tree of terms, groups,
** exclusions and alternatives.  From the tree come, without reading the
** query again:
**   vb_qtree_fts()          the FTS5 MATCH expression;
**   vb_qtree_fts_exact()    the same with every prefix made an exact word,
**                           for snippets and highlights (a prefix would make
**                           FTS5 merge the lists of every word it starts);
**   vb_qtree_phrase_words() the phrases loosened to their words, to estimate
**                           what a phrase costs before ranking it;
**   vb_qtree_words()        the words a matching text holds (every one of
**                           them when vb_qtree_all_words() says so), for a
**                           cheap test of a text before FTS5 sees it.
**
** Shape.  The root is a VB_QN_OR node whose kids are the alternatives
** ("a OR b"; one kid when there is no OR), each a VB_QN_AND node.  The kids
** of an AND node are terms (VB_QN_TERM) and parenthesised groups (VB_QN_OR
** again), in the order typed, each possibly negated ("-x", "NOT x"); at
** least one of them is not negated.  A term or an alternative holding
** nothing to search for (a word of punctuation, ":") is not in the tree.
**
** A term is a word ("giới", "622/KH-UBND", "tuyên*") or a quoted phrase.
** Its text is what FTS5 is given as one string: the characters as typed,
** folded (lower case, no marks, đ as d) under fold.  Its words are the
** tokens of that text as the index's tokenizer reads them, each with its
** exact form (lower case, marks kept) and its folded one.
**
** Ownership: *out of vb_qtree_parse() is freed with vb_qtree_free()
** (accepts NULL); every node, string and word of a tree lives as long as the
** tree and is read-only.  The strings of vb_qtree_fts(),
** vb_qtree_fts_exact() and vb_qtree_phrase_words() are the caller's, to
** free with vb_free().
*/
#ifndef VB_QTREE_H
#define VB_QTREE_H

#include <stddef.h>

#include "vb.h"

#define VB_QUERY_MAX_BYTES 4096  /* longer queries are refused */
#define VB_QUERY_MAX_DEPTH 32    /* parenthesis nesting */

typedef enum vb_qkind { VB_QN_TERM, VB_QN_AND, VB_QN_OR } vb_qkind;

/* One word of a term. */
typedef struct vb_qword {
  const char *exact;   /* lower case, marks kept: "đẳng" */
  const char *folded;  /* no marks, đ as d: "dang" */
  int marked;          /* exact differs from folded: the index is searched
                          for exact, a word without marks matches every
                          marked spelling (index/tokenizer.h) */
} vb_qword;

typedef struct vb_qnode vb_qnode;
struct vb_qnode {
  vb_qkind kind;
  int negated;           /* kid of an AND node, excluded */
  size_t at;             /* byte offset in the query where it starts */
  /* VB_QN_TERM */
  const char *typed;     /* as typed: a word without its '*', a phrase
                            without its quotes */
  const char *text;      /* as searched: typed, or folded under fold */
  int phrase;            /* typed between quotes */
  int prefix;            /* word* : words starting with it */
  const vb_qword *words; /* the tokens of text (at least one) */
  size_t nwords;
  /* VB_QN_AND, VB_QN_OR */
  vb_qnode **kids;
  size_t nkids;
};

typedef struct vb_qtree {
  vb_qnode *root;        /* VB_QN_OR with at least one kid */
  int fold;              /* parsed with fold */
  int nprefix;           /* prefix terms anywhere in the tree */
} vb_qtree;

/* Parse a user query.  fold != 0 drops tone marks from every term first,
** so marked words match all spellings.  Errors: VB_EQUERY (err says what
** and at which column: unterminated quote, unbalanced parentheses, OR
** without a term, nothing but exclusions, no word at all, too long, too
** deeply nested, not UTF-8), VB_ENOMEM. */
vb_status vb_qtree_parse(const char *query, int fold, vb_qtree **out,
                         vb_error *err) VB_MUST_CHECK;
void vb_qtree_free(vb_qtree *q);

/* The FTS5 MATCH expression of q: every term an FTS5 string ("..." with
** inner quotes doubled, '*' after a prefix), so nothing typed is FTS5
** syntax.  Errors: VB_ENOMEM. */
vb_status vb_qtree_fts(const vb_qtree *q, char **out,
                       vb_error *err) VB_MUST_CHECK;

/* The expression with each prefix term exact ("tuyên"* -> "tuyên"); *out
** = NULL when q has no prefix term (the expression itself will do).
** Errors: VB_ENOMEM. */
vb_status vb_qtree_fts_exact(const vb_qtree *q, char **out,
                             vb_error *err) VB_MUST_CHECK;

/* For a query of terms only (one alternative, no exclusion, group or
** prefix) where a term's text holds a space: the same terms with each
** text cut at its spaces into separate strings ("a b" AND "c" ->
** "a" "b" AND "c"), which matches the documents holding the phrases'
** words anywhere.  Otherwise *out = NULL.  Errors: VB_ENOMEM. */
vb_status vb_qtree_phrase_words(const vb_qtree *q, char **out,
                                vb_error *err) VB_MUST_CHECK;

/* Call cb with each word of the terms that are not excluded (nor inside an
** excluded group), in the order typed; a non-zero return stops and is
** returned. */
int vb_qtree_words(const vb_qtree *q,
                   int (*cb)(void *ctx, const vb_qword *w), void *ctx);

/* 1 when a text matching q holds every word of vb_qtree_words() (q has one
** alternative and no parentheses), else 0. */
int vb_qtree_all_words(const vb_qtree *q);

#endif /* VB_QTREE_H */
