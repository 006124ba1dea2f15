/*
** works.h: one document, several files.  A folder holds the same plan as
** .txt, .docx and the signed PDF; counts, facets and answers count the
** document (the "work") once.
**
** When a file is stored, vb_works_assign() joins it to the work of an
** earlier file when
**   - their identity agrees: issuer, number and symbol are given in both
**     and equal, and so is the date of issue when both give it (a "copy"
**     when most of their words agree, else a "version": a revision); or
**   - no part of the identity given in both differs (issuer, number,
**     symbol, date, province) and their words are near-duplicates: the
**     estimated share of 3-word shingles in common is at least
**     VB_WORKS_SAME.  A file that lacks the number or date the other has
**     (an unsigned draft) is a version.
** Two plans written from one template by two provinces differ in issuer
** and are two works whatever their words.
**
** Shingles are runs of three folded words (no case, no tone marks, no
** punctuation), so the line breaks and page furniture of a PDF's text
** change few of them; the share is estimated with a MinHash signature of
** VB_MINHASH_N values, and candidates are found through
** VB_MINHASH_BANDS buckets of it (index/schema.sql, work_bands).
**
** One file stands for its work (works.rep = 1): the one that has a number
** (signed), then the richest format (docx, odt, pdf, doc, html, rtf, md,
** txt), then the last path in sort order.  Queries that count leave out the
** others with VB_WORKS_HIDDEN.
*/
#ifndef VB_WORKS_H
#define VB_WORKS_H

#include <stdint.h>

#include "index.h"

#define VB_MINHASH_N 64    /* values of a signature */
#define VB_MINHASH_BANDS 16 /* buckets: VB_MINHASH_N / 16 values each */
#define VB_WORKS_SAME 0.8  /* estimated share for near-duplicate words */

/* An SQL subquery of the ids of files that do not stand for their work:
** "... AND d.id NOT IN (" VB_WORKS_HIDDEN ")". */
#define VB_WORKS_HIDDEN "SELECT doc_id FROM works WHERE rep = 0"

/* The MinHash signature of the words of text (n bytes, UTF-8).  Returns
** the number of shingles seen (0: fewer than three words; sig is then all
** 0xffffffff).  A text of fewer than 40 shingles is matched by its
** identity only. */
size_t vb_minhash(const char *text, size_t n, uint32_t sig[VB_MINHASH_N]);

/* vb_minhash() of text i of p, from its tokens (the same signature and
** count as vb_minhash() of that text, without tokenizing it again). */
struct vb_pretok;
size_t vb_minhash_pretok(const struct vb_pretok *p, size_t i,
                         uint32_t sig[VB_MINHASH_N]);

/* Estimated share of shingles two signatures have in common (0..1). */
double vb_minhash_similarity(const uint32_t a[VB_MINHASH_N],
                             const uint32_t b[VB_MINHASH_N]);

/* Join the stored document doc_id (its file doc, its record rec, sig and
** shingles its vb_minhash()) to the work of an earlier file, or open a
** work of its own, and choose the file that stands for the work.  Runs
** inside the writer's batch.  Errors: VB_EDB, VB_ENOMEM. */
vb_status vb_works_assign(vb_index *idx, int64_t doc_id, const vb_doc *doc,
                          json_t *rec, const uint32_t sig[VB_MINHASH_N],
                          size_t shingles, vb_error *err) VB_MUST_CHECK;

#endif /* VB_WORKS_H */
