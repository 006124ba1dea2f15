/*
** vocabulary.h: equivalent wordings of administrative writing
** (data/vocabulary.tsv, embedded at build time): abbreviations and their
** expansions ("UBND" / "ủy ban nhân dân") and wordings of one duty ("gửi
** về" / "nộp cho"); and a wider glossary of paraphrase (data/paraphrase.tsv:
** "bạo hành" / "bạo lực").  Paragraph search uses them to widen a query.
**
** Wordings are compared folded (vb_vi_fold of each token, tokens joined by
** one space), on whole words.  Nothing is allocated that the caller frees
** but the vb_buf it passes in.
*/
#ifndef VB_VOCABULARY_H
#define VB_VOCABULARY_H

#include "buf.h"

/* The built-in table: the text of data/vocabulary.tsv. */
const char *vb_vocab_builtin(void);

/* Append to out the folded tokens of s[0, n), joined by single spaces.
** Errors: VB_ENOMEM, VB_ELIMIT (out's cap). */
vb_status vb_vocab_fold(const char *s, size_t n, vb_buf *out) VB_MUST_CHECK;

/* Called for each wording that a query may also be read as: matched is the
** wording found in the query, other the equivalent one, both folded;
** example is the row's example or source.  Return non-zero to stop. */
typedef int (*vb_vocab_cb)(void *ctx, const char *matched, const char *other,
                           const char *example);

/* For each row of tsv (the format of data/vocabulary.tsv; NULL for the
** built-in table) one of whose wordings is in the folded query `words`
** (as vb_vocab_fold gives it), call cb with each other wording of the row
** that is not in the query already.  A row is applied once, through its
** longest wording found.  Sets *calls (may be NULL) to the number of calls.
** Errors: VB_ENOMEM. */
vb_status vb_vocab_expand(const char *tsv, const char *words, vb_vocab_cb cb,
                          void *ctx, size_t *calls) VB_MUST_CHECK;

/* 1 when the folded syllables a and b (as vb_vi_token folds a token)
** make a word of two syllables, or two neighbouring syllables of a longer
** one, in data/compounds.tsv ("kinh" "phi"); else 0.  Binary search in the
** embedded table: no allocation. */
int vb_vocab_compound(const char *a, size_t na, const char *b, size_t nb);

/* The rows of data/compounds.tsv (its comment lines skipped): the embedded
** text, not to be freed. */
const char *vb_compounds_rows(void);

/* The glossary of paraphrase: the text of data/paraphrase.tsv (the
** format of data/vocabulary.tsv, kinds "same" and "near"). */
const char *vb_gloss_builtin(void);

/* Called for each wording of the glossary that a query may also be read
** as: matched is the wording found in the query (folded), other the
** equivalent one as the table writes it (marks and case kept), example the
** row's example or source; near is 1 for a row of kind "near".  Return
** non-zero to stop. */
typedef int (*vb_gloss_cb)(void *ctx, const char *matched, const char *other,
                           const char *example, int near);

/* For each row of tsv (NULL for the built-in glossary) one of whose
** wordings is in the query text[0, n), call cb with each other wording of
** the row not in the query.  Words compare on whole words, case ignored,
** tone marks and đ folded; when marks != 0 a query word typed with marks
** matches only the same marks ("bảo hành" is not "bạo hành").  A row is
** applied once, through its longest wording found.  Sets *calls (may be
** NULL) to the number of calls.  Errors: VB_ENOMEM. */
vb_status vb_gloss_expand(const char *tsv, const char *text, size_t n, int marks,
                          vb_gloss_cb cb, void *ctx, size_t *calls) VB_MUST_CHECK;

#endif /* VB_VOCABULARY_H */
