/*
** zipxml.h: the machinery the DOCX and ODT readers share (internal to
** read/; not part of the public reader API).
**
** Three pieces, one handle (vb_zx) per document being read:
**
**   Zip access.  vb_zx_open() opens an archive held in memory (libzip over
**   zip_source_buffer_create) after checking the entry count; every byte
**   inflated from it is counted against vb_limits.max_inflated for the whole
**   archive and against max_ratio for its entry, while inflating, so that
**   a zip bomb is stopped early whatever sizes its directory declares.
**
**   XML.  vb_zx_parse() streams one entry through libxml2's SAX2 push parser
**   (chunks from zip_fread; the part is never inflated whole) with network
**   access off, entity substitution off, DTD loading off, and any DOCTYPE
**   refused outright (OOXML parts must not carry one and ODF parts never
**   do), so neither external entities nor entity expansion can happen.  The
**   nesting depth is checked against vb_limits.max_xml_depth.  Element and
**   attribute names are turned into small integer tokens through a
**   vocabulary the reader supplies (namespace URI + local name); the names
**   are interned once per document in the parser's dictionary, so matching
**   an element is a pointer comparison, never a string comparison.
**
**   Text assembly.  The readers build "lines": a paragraph is begun, text,
**   tabs and line breaks are added, and the paragraph is flushed with its
**   list label.  Paragraphs may nest (text boxes, notes inside paragraphs):
**   an inner paragraph is flushed before the one that holds it.  Each flush
**   goes to the current target: the body, the notes (appended after the
**   body) or the extra text (headers/footers: each distinct line once).
**   vb_zx_finish() normalises to NFC and fills the vb_doc.
**
** Text rules common to both formats: a no-break space (U+00A0) becomes an
** ordinary space; a soft hyphen (U+00AD) is dropped; CR and LF inside text become spaces (lines only end at
** paragraphs and explicit breaks); trailing spaces and tabs of every line
** are dropped; nothing else is collapsed unless the caller asks for ODF
** white-space collapsing.
**
** Errors are sticky: text functions return nothing and record the first
** failure in the handle; vb_zx_parse() stops the parser and returns it.
*/
#ifndef VB_ZIPXML_H
#define VB_ZIPXML_H

#include "reader.h"

typedef struct vb_zx vb_zx;

/* ---- Vocabulary ------------------------------------------------------ */

/* A namespace: id >= 1; several URIs may share an id (e.g. the strict and
** transitional OOXML namespaces). */
typedef struct vb_zx_ns {
  int id;
  const char *uri;
} vb_zx_ns;

/* A name: namespace id (0 = no namespace), local name, token (>= 1, below
** VB_ZX_MAX_TOKEN).  Element and attribute names share one token space. */
typedef struct vb_zx_word {
  int ns;
  const char *local;
  int tok;
} vb_zx_word;

typedef struct vb_zx_vocab {
  const vb_zx_ns *ns;
  size_t n_ns;
  const vb_zx_word *words;
  size_t n_words;
} vb_zx_vocab;

#define VB_ZX_MAX_TOKEN 256  /* tokens are small ints indexing tables */

/* ---- Archive --------------------------------------------------------- */

/* Open the zip archive data[0..n) (which must outlive the handle) for a
** document of the given kind ("DOCX", "ODT": used in messages).  The
** vocabulary must be static.  Errors: VB_EFORMAT (not a zip archive),
** VB_ECORRUPT (truncated or damaged), VB_ELIMIT (too many entries),
** VB_ENOMEM.  Free the handle with vb_zx_close(). */
vb_status vb_zx_open(const unsigned char *data, size_t n,
                     const vb_limits *lim, const char *kind,
                     const vb_zx_vocab *vocab, vb_zx **out,
                     vb_error *err) VB_MUST_CHECK;

/* Release everything the handle holds.  Accepts NULL. */
void vb_zx_close(vb_zx *z);

/* 1 if the archive has an entry with exactly this name. */
int vb_zx_has(vb_zx *z, const char *name);

/* Number of entries, and the name of entry i (NULL if unreadable). */
size_t vb_zx_count(vb_zx *z);
const char *vb_zx_name(vb_zx *z, size_t i);

/* Read at most cap-1 bytes of an entry into dst (NUL-terminated), under
** the same limits as vb_zx_parse().  Returns the length; -1 if there is no
** such entry (nothing recorded) or on error (recorded, see
** vb_zx_status()). */
long vb_zx_read_small(vb_zx *z, const char *name, char *dst, size_t cap);

/* ---- XML ------------------------------------------------------------- */

enum { VB_ZX_DESCEND = 0, VB_ZX_SKIP = 1 };

/* Callbacks for one part.  start() is called for elements whose name is
** in the vocabulary (others are passed through silently, their content is
** still seen) and returns VB_ZX_DESCEND or VB_ZX_SKIP (ignore the element's
** whole subtree, its end included); end() is called for every element whose
** start was seen and not skipped; text() receives character data (CDATA
** included) in pieces, outside skipped subtrees. */
typedef struct vb_zx_handler {
  int (*start)(void *u, int tok);
  void (*end)(void *u, int tok);
  void (*text)(void *u, const char *s, size_t n);
} vb_zx_handler;

/* Parse one entry.  Returns VB_OK, VB_ENOTFOUND if there is no such entry
** (err untouched), or the first error: VB_ECORRUPT (malformed XML, DOCTYPE,
** damaged zip data), VB_ELIMIT (zip bomb, nesting), VB_ENOMEM, or whatever
** a callback recorded with vb_zx_fail(). */
vb_status vb_zx_parse(vb_zx *z, const char *entry, const vb_zx_handler *h,
                      void *u, vb_error *err) VB_MUST_CHECK;

/* Inside start(): copy the value of attribute tok of the current element
** into dst (NUL-terminated, cut to cap-1 bytes) and return its full
** length, or -1 if the element has no such attribute. */
long vb_zx_attr(vb_zx *z, int tok, char *dst, size_t cap);

/* Inside start(): the attribute as a decimal integer, or dflt when it is
** absent or not a number. */
long vb_zx_attr_long(vb_zx *z, int tok, long dflt);

/* Inside start(): 1 if the attribute is present and equals s. */
int vb_zx_attr_is(vb_zx *z, int tok, const char *s);

/* Inside a callback: the token of the ancestor `up` levels above the
** current element (1 = parent), 0 if unknown or above the root. */
int vb_zx_parent(const vb_zx *z, int up);

/* Inside start(): ignore everything until the end of the ancestor `up`
** levels above the current element; that ancestor's end() is still
** called.  (A deleted table row is dropped this way from its w:trPr.) */
void vb_zx_skip_up(vb_zx *z, int up);

/* Record an error (first one wins) and stop the parse in progress. */
void vb_zx_fail(vb_zx *z, vb_status code, const char *fmt, ...)
    VB_PRINTF(3, 4);

/* The first error recorded so far (VB_OK if none), copied to err. */
vb_status vb_zx_status(const vb_zx *z, vb_error *err);

/* ---- Text assembly --------------------------------------------------- */

enum vb_zx_target { VB_ZX_BODY = 0, VB_ZX_NOTES = 1, VB_ZX_EXTRA = 2 };

/* Select where flushed paragraphs go; returns the previous target. */
int vb_zx_target(vb_zx *z, int target);

/* Begin a paragraph: continues a held line at this level, otherwise
** starts a new line nested in any open one. */
void vb_zx_par_begin(vb_zx *z);

/* Append text to the open paragraph (ignored when none is open).  With
** collapse set, runs of white space collapse to one space and leading
** white space of the line is dropped (ODF rules). */
void vb_zx_par_text(vb_zx *z, const char *s, size_t n, int collapse);

/* Append a tab, or an explicit line break (the line's trailing spaces are
** dropped; a paragraph with breaks yields several lines). */
void vb_zx_par_tab(vb_zx *z);
void vb_zx_par_break(vb_zx *z);

/* 1 if the open paragraph has no text yet (or none is open). */
int vb_zx_par_blank(const vb_zx *z);

/* Number of open paragraph lines (held ones included). */
int vb_zx_par_depth(const vb_zx *z);

/* End the open paragraph without flushing it: the next vb_zx_par_begin()
** at this level continues the same line (a deleted paragraph mark). */
void vb_zx_par_hold(vb_zx *z);

/* 1 if the innermost line is held. */
int vb_zx_par_held(const vb_zx *z);

/* Flush the innermost line (open or held) to the current target,
** preceded by label[0..n) (may be empty), and close it. */
void vb_zx_par_flush(vb_zx *z, const char *label, size_t n);

/* ---- Shared helpers -------------------------------------------------- */

/* Number formats for list labels. */
enum vb_zx_numfmt {
  VB_ZX_FMT_DECIMAL = 0,
  VB_ZX_FMT_DECIMAL_ZERO,  /* 01, 02, ... 10 */
  VB_ZX_FMT_UPPER_ROMAN,
  VB_ZX_FMT_LOWER_ROMAN,
  VB_ZX_FMT_UPPER_LETTER,  /* A..Z, AA, BB, ... (Word) */
  VB_ZX_FMT_LOWER_LETTER,
  VB_ZX_FMT_UPPER_ALPHA,   /* A..Z, AA, AB, ... (ODF default) */
  VB_ZX_FMT_LOWER_ALPHA,
  VB_ZX_FMT_NONE,          /* no number shown */
  VB_ZX_FMT_BULLET         /* the level text is the label */
};

/* Append s[0..n) to dst[0..cap) at *len, whole UTF-8 characters only
** (what does not fit is dropped); dst stays NUL-terminated. */
void vb_zx_cat(char *dst, size_t cap, size_t *len, const char *s, size_t n);

/* Append the number v in format fmt to dst[0..cap) at *len (always
** NUL-terminated; output is cut when full). */
void vb_zx_format_number(char *dst, size_t cap, size_t *len, long v,
                         int fmt);

/* Symbol fonts whose glyphs live at U+F020..U+F0FF (or at their 8-bit code
** in the font). */
enum vb_zx_font { VB_ZX_FONT_OTHER = 0, VB_ZX_FONT_SYMBOL, VB_ZX_FONT_WINGDINGS };

/* Classify a font name ("Symbol", "Wingdings 2", ...). */
int vb_zx_font_kind(const char *name);

/* The Unicode text (UTF-8, at most 4 bytes + NUL) that glyph code c of a
** symbol font shows, or, for other fonts, c itself.  Private-use codes
** that have no equivalent map to a bullet (U+2022).  Returns the length. */
size_t vb_zx_symbol(unsigned long c, int font, char out[8]);

/* Map a bullet label (UTF-8, a few bytes) as Word or LibreOffice draws it
** to text: symbol-font glyphs become "•" (or "-" for a dash-like glyph);
** ordinary characters ("-", "+", "–", "•", "o") are kept.  Writes a
** NUL-terminated result to out and returns its length. */
size_t vb_zx_bullet(const char *s, int font, char *out, size_t cap);

/* ---- Properties and result ------------------------------------------- */

/* Property slots of a vb_doc. */
enum { VB_ZX_TITLE = 0, VB_ZX_CREATOR, VB_ZX_CREATED, VB_ZX_MODIFIED,
       VB_ZX_NPROPS };

/* One way to fill a slot: the text of element tok.  Rules are tried in
** order; the first that found non-empty text fills the slot. */
typedef struct vb_zx_prop_rule {
  int tok;
  int slot;
} vb_zx_prop_rule;

/* Read document properties from entry (missing entry: nothing happens).
** Values are trimmed, NFC, at most VB_CAP_SMALL bytes. */
vb_status vb_zx_read_props(vb_zx *z, const char *entry,
                           const vb_zx_prop_rule *rules, size_t n_rules,
                           vb_error *err) VB_MUST_CHECK;

/* Hand the assembled text (body, then notes), the extra text (NULL when
** there is none) and the properties to doc, in NFC; lines still open are
** flushed first.  Errors: the first one recorded, VB_ELIMIT (text over
** max_text_bytes), VB_ENOMEM.  An empty text is not an error here (the
** caller, vb_read_bytes(), decides). */
vb_status vb_zx_finish(vb_zx *z, vb_doc *doc, vb_error *err) VB_MUST_CHECK;

#endif /* VB_ZIPXML_H */
