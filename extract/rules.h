/*
** rules.h: the rule engine: a table of PCRE2 rules compiled once and run
** with cheap tests before each pattern.  It serves the extractor (the rules
** of data/rules.txt, through extract_int.h) and the question forms of
** `ask` (data/questions.txt, in query/ask.c).  Implemented in
** extract_lines.c.
**
** A table is data, generated at build time from a file of data/ by
** cmake/gendata.py.  The code that interprets a match finds its parts by
** the names of the pattern's groups ((?<unit>...)), so another way of
** writing a value is one more row with the same field and group names.
**
** Ownership: vb_xrules_compile() returns a rule set the caller frees with
** vb_xrules_free(); it keeps a pointer to the table, which must outlive it
** (the tables are static).  A rule set is immutable and may be shared by
** threads; each thread and call matches with its own vb_xmatch.
*/
#ifndef VB_RULES_H
#define VB_RULES_H

#include <stddef.h>

#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "vb.h"

/* Rule flags. */
#define VB_RULE_CASELESS 1u /* match without regard to case */

/* One rule.  Rows of one field are tried in table order. */
typedef struct vb_rule {
  unsigned field;      /* what the rule finds: a vb_field of data/rules.txt
                          (VB_F_NUMBER, ...) or a vb_intent of
                          data/questions.txt (VB_ASK_REPORTS_TO, ...) */
  const char *pattern; /* PCRE2 pattern, compiled with UTF and UCP */
  const char *need;    /* bytes that must occur in the subject for the
                          pattern to have a chance (a cheap prefilter), or
                          NULL; matched case-sensitively; "a|b|c": one of
                          them must occur */
  unsigned flags;      /* VB_RULE_* */
  const char *comment; /* what the rule is for */
  const char *example; /* a text the pattern must match */
  unsigned line;       /* its line in its data file */
} vb_rule;

/* A compiled rule set. */
typedef struct vb_xrules vb_xrules;

/* Per-call matching state (one per thread and call). */
typedef struct vb_xmatch {
  const vb_xrules *rules;
  pcre2_match_data *md;
  const char *subject; /* text of the last successful match */
  size_t rule;         /* index in the table of the rule that matched */
  size_t start, end;   /* the whole match, as offsets in subject */
  int nomem;           /* set when a match ran out of memory (and so
                          reported no match); never cleared */
  size_t runs;         /* patterns run so far: while it stays the same, the
                          last successful match is still in md */
} vb_xmatch;

/* Compile the n rules of table; source names the data file in errors
** ("data/questions.txt").  jit: also compile them to machine code (where
** available), which pays for rules run many times (extraction) but not
** for a table run once per call (the question forms).  Errors: VB_ENOMEM,
** VB_EINVAL (a pattern does not compile; err gives its file and line). */
vb_status vb_xrules_compile(const vb_rule *table, size_t n,
                            const char *source, int jit, vb_xrules **out,
                            vb_error *err) VB_MUST_CHECK;
void vb_xrules_free(vb_xrules *r);

/* The compiled pattern of rule i (for tests and tools), or NULL. */
const pcre2_code *vb_xrules_code(const vb_xrules *r, size_t i);

/* Start / end a matching state.  Errors: VB_ENOMEM. */
vb_status vb_xmatch_init(vb_xmatch *m, const vb_xrules *r) VB_MUST_CHECK;
void vb_xmatch_free(vb_xmatch *m);

/* The work of extraction, counted for tests: rules run (past the
** first-byte test of an anchored rule) on the calling thread since it
** started. */
uint64_t vb_x_work(void);

/* Run rule i on s[from..n) (valid UTF-8).  Returns 1 on a match
** (m->start/end set), 0 otherwise (no match, a failed prefilter, a match
** limit hit, or no memory for the match: then m->nomem is set). */
int vb_x_rule(vb_xmatch *m, size_t i, const char *s, size_t n, size_t from);

/* A named group of the last match: 1 and its text in *p, *len when the
** group exists and took part in the match, else 0. */
int vb_x_group(const vb_xmatch *m, const char *name, const char **p,
               size_t *len);

#endif /* VB_RULES_H */
