/*
** layout.h: the reading order of positioned words (a PDF text layer or an
** OCR result) as vanban's text: one line per paragraph.
**
** The caller feeds the words of each page (boxes in any unit, y growing
** downward); vb_layout_finish() then
**   - groups words into visual rows (same baseline) and each row into
**     segments at wide gaps (a column or table-cell boundary);
**   - keeps page headers, footers and page numbers (short rows at the top
**     or bottom of a page that repeat on several pages, or are a bare
**     number) apart from the body, in `extra`;
**   - reads side-by-side blocks (the issuer/motto header, the signature,
**     tables) the way the DOCX reader gives a table: for each band of rows,
**     every line of the left cell before the right cell;
**   - joins the wrapped lines of a paragraph (the line reaches the right
**     edge of its column, the next one starts at its left edge, same size,
**     not a list item), also across a page break.
** Thresholds are multiples of the text size, so points and pixels both work.
**
** Ownership: a vb_layout is initialised by vb_layout_init() and released by
** vb_layout_free(); vb_layout_finish() hands the caller buffers it frees.
*/
#ifndef VB_LAYOUT_H
#define VB_LAYOUT_H

#include "buf.h"

#define VB_LW_BOLD 1u  /* the word is set in a bold font */

typedef struct vb_lseg vb_lseg;
typedef struct vb_lrow vb_lrow;
typedef struct vb_lpage vb_lpage;
typedef struct vb_lword vb_lword;

typedef struct vb_layout {
  vb_lpage *pages;
  size_t npages, cpages;
  vb_lrow *rows;
  size_t nrows, crows;
  vb_lseg *segs;
  size_t nsegs, csegs;
  vb_buf arena;      /* text of the segments */
  vb_lword *words;   /* the page being fed */
  size_t nwords, cwords;
  vb_buf wtext;      /* its words' text */
  float *rules;      /* ruling lines of all pages: x0, y0, x1, y1 each */
  size_t nrules, crules;
} vb_layout;

void vb_layout_init(vb_layout *L);
void vb_layout_free(vb_layout *L);

/* Start a page of the given size. */
vb_status vb_layout_begin_page(vb_layout *L, float width, float height)
    VB_MUST_CHECK;

/* One word of the current page: box (x0, y0)-(x1, y1), baseline y, text
** size, VB_LW_* flags, UTF-8 text of len bytes (no spaces inside). */
vb_status vb_layout_add_word(vb_layout *L, float x0, float y0, float x1,
                             float y1, float base, float size, unsigned flags,
                             const char *text, size_t len) VB_MUST_CHECK;

/* A ruling line of the current page (a table border): a vertical one
** splits the words on its two sides into cells, a horizontal one inside a
** side-by-side block starts a new band.  Other shapes are ignored. */
vb_status vb_layout_add_rule(vb_layout *L, float x0, float y0, float x1,
                             float y1) VB_MUST_CHECK;

/* Close the current page (its words become rows and segments). */
vb_status vb_layout_end_page(vb_layout *L) VB_MUST_CHECK;

/* Lay out every page.  body gets the text ('\n' after each line, not NFC
** normalised), extra the page furniture; page_line (npages entries, the
** caller's array) the first body line (1-based) of each page.  Errors:
** VB_ENOMEM, VB_ELIMIT (text past the caps of body/extra). */
vb_status vb_layout_finish(vb_layout *L, vb_buf *body, vb_buf *extra,
                           size_t *page_line) VB_MUST_CHECK;

#endif /* VB_LAYOUT_H */
