/*
** pdf_dev.h: a MuPDF device that hands each character of a page to the PDF
** reader as the page runs (read/pdf_dev.c), in place of MuPDF's
** structured-text page.  Private to read/read_pdf.c.
**
** The characters, their order, boxes, sizes and fonts are those MuPDF's
** structured text gives with ligatures expanded, white space made ' ',
** no spaces added, and glyphs wholly outside the page dropped; only
** characters on horizontal left-to-right lines are handed on.  Images
** (and shadings, which structured text turns into images) give their box;
** every filled or stroked path is handed on as drawn.
**
** Ownership: the device is the caller's (fz_drop_device); the sink and
** what its callbacks keep belong to the caller.
*/
#ifndef VB_PDF_DEV_H
#define VB_PDF_DEV_H

#include <mupdf/fitz.h>

typedef struct vb_pdf_sink {
  void *arg;
  /* A character: its code point, font, box (from the font's ascender,
  ** descender and advance), baseline y and size.  Never throws. */
  void (*text)(void *arg, int c, fz_font *font, fz_rect box, float base,
               float size);
  /* An image drawn at least half opaque: its box on the page. */
  void (*image)(void *arg, fz_rect box);
  /* A path filled or stroked with ctm. */
  void (*path)(fz_context *ctx, void *arg, const fz_path *path, fz_matrix ctm);
} vb_pdf_sink;

/* A device for one page whose box is mediabox.  Throws when out of
** memory. */
fz_device *vb_pdf_new_text_device(fz_context *ctx, fz_rect mediabox,
                                  const vb_pdf_sink *sink);

#endif /* VB_PDF_DEV_H */
