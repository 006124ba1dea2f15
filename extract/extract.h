/*
** extract.h: the structured record vanban pulls out of a document's text.
**
** The record is a JSON object (jansson json_t) with exactly the keys of the
** extraction spec (docs/extraction.md): source, sha256, format, doc_type,
** number, symbol, place, date, year, issuer, province, title, theme, period,
** signer, references, recipients, units, deadlines, reports, evidence.
** A value the document does not state is JSON null (scalars) or [] (lists);
** keys are never left out.  evidence maps each non-null scalar key, and each
** list item ("references[0]", ...), to {"line": N, "text": "..."} where N is
** the 1-based line of doc->text it was read from.
**
** The rules that drive extraction are data, kept in data/rules.txt; the
** gazetteers of bodies and places are data too (data/<table>.tsv), looked
** up by extract/names.c (names.h).
**
** Threads: a vb_extractor is immutable once created and may be used by
** several threads at once (match data is per call).
**
** Ownership: vb_extractor_new() gives the caller an extractor to release with
** vb_extractor_free() (accepts NULL); vb_extract() gives the caller a new
** json_t reference to release with json_decref().
*/
#ifndef VB_EXTRACT_H
#define VB_EXTRACT_H

#include <jansson.h>

#include "reader.h"

typedef struct vb_extractor vb_extractor;

/* Compile every rule (PCRE2, UTF + UCP, JIT).  Errors: VB_ENOMEM, VB_EINVAL
** (a rule failed to compile: a programming error, named in err). */
vb_status vb_extractor_new(vb_extractor **out, vb_error *err) VB_MUST_CHECK;

void vb_extractor_free(vb_extractor *ex);

/* Extract the record of one document.  *out is NULL on failure. */
vb_status vb_extract(const vb_extractor *ex, const vb_doc *doc, json_t **out,
                     vb_error *err) VB_MUST_CHECK;

#endif /* VB_EXTRACT_H */
