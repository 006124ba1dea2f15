/*
** extract_int.h: the extractor's internal interfaces, shared by the files
** that make up extraction (extract.c, extract_lines.c, rules_gen.c,
** names.c and the duty extractor extract_duties.c).  It is private to the
** extract layer: the other layers use extract.h and names.h.
**
** It is cut into one banner per file, each holding that file's exported
** surface:
**
**   rules_gen.c      the table of PCRE2 rules, generated from
**                    data/rules.txt (the engine that runs it: rules.h)
**   extract_lines.c  the line index of a document (markdown clean-up,
**                    table cells, paragraphs, sections), date parsing and
**                    the rule runner
**   extract.c        the extractor object and the record
**
** Text conventions: every function takes UTF-8 with an explicit length (not
** necessarily NUL-terminated) unless it says otherwise.  "Clean" text is a
** cell of the line index: NFC, one tone placement, markdown emphasis and
** table pipes removed, HTML comments removed, a "<br>" inside a data
** table's cell turned into a space, en/em dashes turned into '-', runs of
** white space collapsed to one space, no leading or trailing space, and
** two OCR slips put right: the letter O among digits ("2O15" -> "2015",
** "ngày O3") and a lower-case l among capitals ("THỰC HlỆN", "lV.");
** syllables split by a space joined ("Đặ ng" -> "Đặng", common/syllable.h)
** and the "ƣ" of some PDF layers read as "ư".
*/
#ifndef VB_EXTRACT_INT_H
#define VB_EXTRACT_INT_H

#include "buf.h"
#include "extract.h"
#include "names.h"
#include "rules.h"

/**************************************************************************
** Interface to the rule table (data/rules.txt, turned into C at build time
** by cmake/gendata.py: rules_gen.h holds the field enum vb_field, one
** VB_F_<FIELD> per field of the file, and rules_gen.c the tables below)
*/

#include "rules_gen.h"

/* The extraction rules (vb_rule, rules.h): a rule's field is a vb_field.
** They run on clean text (see the top of this file). */
extern const vb_rule vb_rules[];
extern const size_t vb_rule_count;

/* The rules of one field: indexes into vb_rules, in table order. */
typedef struct vb_field_rules {
  const char *name;   /* the field's name in data/rules.txt ("number") */
  const size_t *rows;
  size_t count;       /* at least 1 */
} vb_field_rules;

extern const vb_field_rules vb_fields[VB_F_COUNT];

/**************************************************************************
** Interface to extract_lines.c
*/

/* One cell of the line index.  A physical line of doc->text is split into
** cells at markdown table pipes '|', tabs and runs of four or more spaces
** (the columns of a header or signature block laid out side by side).  In
** a layout table (a row of at most two cells with text: a header or a
** signature block in a markdown table) each line of a cell broken with
** "<br>" is a cell of its own, numbered on as columns are. */
typedef struct vb_xcell {
  size_t line;  /* 1-based number of the physical line */
  unsigned col; /* 0 for the first cell of its line, then 1, 2, ... */
  char *text;   /* clean text (see top of file), NUL-terminated */
  size_t len;   /* bytes in text; 0 for a blank cell */
} vb_xcell;

/* A paragraph: consecutive non-blank cells joined by single spaces, for
** values that wrap over several lines.  A paragraph ends at a blank cell, a
** new table cell, a new list item or numbered heading, or after a cell that
** ends a sentence (".", ";", ":"). */
typedef struct vb_xpara {
  size_t first, last; /* index range of its cells, inclusive */
  char *text;         /* the joined text, NUL-terminated */
  size_t len;
  size_t *off;        /* off[k]: offset in text of cell first+k */
} vb_xpara;

/* A numbered heading and the cells it governs. */
typedef struct vb_xsection {
  size_t head;  /* cell index of the heading */
  size_t end;   /* one past the last cell of the section */
  int level;    /* 1 "I.", 2 "1.", 3 "1.1.", 4 "1.1.1.", 5 "a)" or "1)" */
} vb_xsection;

/* The line index of one document. */
typedef struct vb_xdoc {
  const char *text;   /* the document text (not owned) */
  size_t text_len;
  size_t nlines;      /* physical lines */
  size_t *line_off;   /* start offset of each physical line, nlines + 1 */
  vb_xcell *cells;
  size_t ncells;
  vb_xpara *paras;
  size_t nparas;
  size_t *cell_para;  /* cell index -> paragraph index (SIZE_MAX: none) */
  vb_xsection *secs;
  size_t nsecs;
  char *cells_arena;  /* storage of the cell texts */
  char *paras_arena;  /* storage of the paragraph texts */
  size_t *para_offs;  /* storage of the paragraphs' off arrays */
  const vb_doc *paged; /* the document when it has pages (evidence gives the
                       ** page), else NULL */
} vb_xdoc;

/* Hard limits on the work per document, so that megabytes of text or a
** pathological line stay linear. */
#define VB_X_MAX_CELL ((size_t)16 << 10)  /* bytes kept of one cell */
#define VB_X_MAX_PARA ((size_t)16 << 10)  /* bytes in one paragraph */
#define VB_X_MAX_LINES ((size_t)1 << 20)  /* physical lines indexed */

/* Build the line index of text (n bytes, UTF-8).  Errors: VB_ENOMEM.
** Free with vb_xdoc_free() (also after failure). */
vb_status vb_xdoc_build(const char *text, size_t n, vb_xdoc *d,
                        vb_error *err) VB_MUST_CHECK;
void vb_xdoc_free(vb_xdoc *d);

/* The physical line `line` (1-based) trimmed, for evidence.  *len gets its
** length; returns NULL for a line number out of range. */
const char *vb_xdoc_line(const vb_xdoc *d, size_t line, size_t *len);

/* The cell holding offset off of paragraph p. */
size_t vb_xpara_cell(const vb_xpara *p, size_t off);

/* The section whose heading is at cell `head`, or NULL. */
const vb_xsection *vb_xdoc_section_at(const vb_xdoc *d, size_t head);

/* Heading level of a clean text ("II." 1, "2." 2, "2.1." 3, "2.1.1." 4,
** "a)" and "1)" 5), or -1
** when it does not start with a numbered heading.  *body (if not NULL)
** receives the offset of the heading's words. */
int vb_x_heading_level(const char *s, size_t n, size_t *body);

/* A parsed date.  Parts left blank in the document are 0 ("ngày tháng 3
** năm 2022" has day 0). */
typedef struct vb_xdate {
  int y, m, d;
} vb_xdate;

/* Parse a date at the start of s: "ngày 18 tháng 10 năm 2021", "18 tháng
** 10 năm 2021", "18/10/2021", "18-10-2021", "18.10.2021", "ngày tháng 3
** năm 2022" (blank day), "ngày 15/11" (no year), "tháng 3 năm 2026",
** "năm 2025".  Returns the bytes consumed (0 if there is no date; then *dt
** is zeroed).  Impossible dates (month 13, day 32) are refused. */
size_t vb_x_parse_date(const char *s, size_t n, vb_xdate *dt);

/* Write a date as ISO 8601, "YYYY-MM-DD", or "YYYY-MM"/"YYYY" when the day
** or month is blank; out needs 11 bytes.  Returns 0 (and writes "") when
** the year is unknown. */
int vb_x_date_iso(const vb_xdate *dt, char out[11]);

/* Compare two dates by their known parts (-1, 0, 1); a blank part sorts
** first. */
int vb_x_date_cmp(const vb_xdate *a, const vb_xdate *b);

/* The rule runner is the engine of rules.h.  The extractor's rule set:
** every rule of vb_rules compiled (vb_xrules_compile).  Errors: VB_ENOMEM,
** VB_EINVAL (a pattern does not compile; err names the rule). */
vb_status vb_xrules_new(vb_xrules **out, vb_error *err) VB_MUST_CHECK;

/* Run the rules of `field` in table order on s[from..n); the first rule
** that matches wins.  Returns 1 on a match (0 for a field out of range). */
int vb_x_field(vb_xmatch *m, vb_field field, const char *s, size_t n,
               size_t from);

/* Like vb_x_field, but the match that starts first among all the rules of
** the field wins (ties: the earlier rule). */
int vb_x_field_first(vb_xmatch *m, vb_field field, const char *s,
                     size_t n, size_t from);

/* Bytes of a line quoted as evidence: a longer line (a whole page run
** together) is quoted from its start, cut at a character boundary. */
#define VB_X_EVIDENCE_MAX 1000

/* Record evidence "key" -> {"line": line, "text": the physical line
** trimmed, at most VB_X_EVIDENCE_MAX bytes} in the record's evidence
** object.  Errors: VB_ENOMEM. */
vb_status vb_x_evidence(json_t *evidence, const char *key, const vb_xdoc *d,
                        size_t line) VB_MUST_CHECK;

/**************************************************************************
** Interface to relations.c
*/

/* How a document stands to a document it cites, weakest first: where a
** document is cited several times the strongest relation wins. */
enum {
  VB_REL_CITES,      /* anything else */
  VB_REL_BASIS,      /* "Căn cứ ..." */
  VB_REL_GUIDES,     /* "Hướng dẫn thực hiện ..." */
  VB_REL_IMPLEMENTS, /* "Thực hiện / Triển khai / Để cụ thể hóa ..." */
  VB_REL_AMENDS,     /* "sửa đổi, bổ sung" */
  VB_REL_REPEALS,    /* "bãi bỏ", "hết hiệu lực" */
  VB_REL_REPLACES,   /* "thay thế" */
  VB_REL_ISSUED_BY,  /* "(Ban hành kèm theo Quyết định số ...)" */
  VB_REL_COUNT
};

/* Where a citation stands. */
enum { VB_REL_IN_BODY, VB_REL_IN_PREAMBLE, VB_REL_IN_TITLE };

/* The name of a relation ("implements"), or NULL out of range. */
const char *vb_relation_name(int rel);

/* The relation named name (n bytes), or -1. */
int vb_relation_parse(const char *name, size_t n);

/* The relation of the citation text[start..end) of a paragraph (n bytes,
** clean text), read from the wording of text[lo..start) and of what follows
** the citation in its clause; where is VB_REL_IN_*.  *rel receives a
** VB_REL_* value.  Errors: VB_ENOMEM (then *rel is VB_REL_CITES). */
vb_status vb_x_relation(const char *text, size_t n, size_t lo, size_t start,
                        size_t end, int where, int *rel) VB_MUST_CHECK;

/* The first cell of [from, end) past the preamble: a numbered heading,
** "QUYẾT ĐỊNH:" or "Điều 1"; end when there is none. */
size_t vb_x_preamble_end(const vb_xdoc *d, size_t from, size_t end);

/**************************************************************************
** Interface to extract.c
*/

struct vb_extractor {
  vb_xrules *rules;
};

/**************************************************************************
** Interface to extract_duties.c
*/

/* Fill the record's "units", "deadlines" and "reports" lists (replacing
** what they held) from the paragraphs of d that start in cells [begin,
** end), and add evidence "units[i]", "deadlines[i]", "reports[i]" (the
** line of the unit's heading, of the deadline, of the reporting verb).
**
**   units[i]     {"name", "canonical", "tasks": [..]}
**   deadlines[i] {"date", "recurs", "what", "who": [..], "to"}
**   reports[i]   {"from", "to", "via", "by", "from_canonical",
**                 "to_canonical"}
**
** Names ("name", "from", "who") are as written with the spec's clean-up
** (abbreviations expanded, dashes, tone marks); "canonical",
** "from_canonical" and "to_canonical" add the body's locality from loc
** (may be NULL); "to" and "via" carry the district but not the province
** ("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân huyện Yên Thế"), except that
** a department's plan naming itself by its kind alone ("về Sở") reports
** to the record's issuer as given (also "về Bộ Chỉ huy" for the Bộ Chỉ
** huy Quân sự tỉnh X: the first words of the issuer's name that name no
** body of their own).  Dates without a year that recur every year are
** "--MM-DD" (recurs "yearly"); a duty that recurs more often has date
** null, recurs "quarterly", "monthly", "weekly" or "daily" and its
** recurrence in "what" ("... (trước ngày 20 hằng tháng)").  year is the
** plan's year (0: unknown), given to dates written without one.  The
** record's "issuer" (a department's own units, "Văn phòng Sở", belong to
** it) and "date" (a date before the year of issue is no duty) are read
** when present.  m is a match state over the compiled rules.
** Errors: VB_ENOMEM (err filled; the lists may then be incomplete). */
vb_status vb_x_duties(vb_xmatch *m, const vb_xdoc *d, size_t begin,
                      size_t end, const vb_locality *loc, int year,
                      json_t *record, json_t *evidence,
                      vb_error *err) VB_MUST_CHECK;

#endif /* VB_EXTRACT_INT_H */
