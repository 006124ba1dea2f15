/*
** pdf_dev.c: the characters of a PDF page as MuPDF runs it, without
** building MuPDF's structured-text page (read/pdf_dev.h).
**
** MuPDF's structured-text device keeps every character in pooled lines and
** blocks, and tests every glyph's outline against the page box; the PDF
** reader only wants the characters in drawing order.  This device applies
** the same rules as it goes and hands each character on:
**   - a text object drawn again right after itself (fill, then clip) is
**     read once;
**   - a character that repeats the previous one at the same place on the
**     same line (a fake bold drawn twice) is dropped;
**   - a glyph that stands for several characters gives the first its
**     advance and the others none, at the pen; ligatures (U+FB00..FB06)
**     are expanded so, and white space characters become ' ';
**   - a glyph is dropped when its outline lies wholly outside the page:
**     the outline is looked up only when the character's box (the font's
**     ascender to descender over the advance) comes within one em of the
**     page edge, since an outline drawn that far from its own box does
**     not occur in text;
**   - a character belongs to the line it continues (its direction within
**     2.5 degrees of the line's and near its baseline): only characters of
**     horizontal left-to-right lines are handed on;
**   - an image, or a shading (which structured text turns into an image),
**     ends the line.
*/
#include <float.h>
#include <math.h>
#include <string.h>

#include "pdf_dev.h"

typedef struct text_dev {
  fz_device super;
  vb_pdf_sink sink;
  fz_rect page;
  fz_text *last;     /* the text object read last (kept) */
  int have_line;     /* a line is open: text since the last image */
  int wmode;         /* the open line's writing mode */
  fz_point dir;      /* its direction (unit vector) */
  fz_point pen;      /* where the last character ended */
  int lastchar;
} text_dev;

/* The character white space c stands for (' '), or c. */
static int plain_space(int c) {
  switch (c) {
    case 0x09: case 0x20: case 0xA0: case 0x1680: case 0x180E:
    case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009:
    case 0x200A: case 0x202F: case 0x205F: case 0x3000:
      return ' ';
  }
  return c;
}

/* One glyph as placed: its matrix, size, direction and the vectors from
** its baseline to the font's ascender and descender. */
typedef struct placed {
  fz_matrix trm;
  float size;
  fz_point dir, ndir;  /* advance direction, and as a unit vector */
  fz_point asc, dsc;
} placed;

/* The box of a character drawn from p to q. */
static fz_rect char_box(const placed *g, fz_point p, fz_point q) {
  float x[4] = {p.x + g->dsc.x, p.x + g->asc.x, q.x + g->dsc.x, q.x + g->asc.x};
  float y[4] = {p.y + g->dsc.y, p.y + g->asc.y, q.y + g->dsc.y, q.y + g->asc.y};
  fz_rect r = {x[0], y[0], x[0], y[0]};
  for (int k = 1; k < 4; k++) {
    if (x[k] < r.x0) r.x0 = x[k];
    if (x[k] > r.x1) r.x1 = x[k];
    if (y[k] < r.y0) r.y0 = y[k];
    if (y[k] > r.y1) r.y1 = y[k];
  }
  return r;
}

/* Hand on character c drawn from p to q, on the open line (box: its box,
** or NULL to compute it). */
static void emit(text_dev *d, fz_font *font, int c, const placed *g,
                 fz_point p, fz_point q, const fz_rect *box) {
  if (fabsf(d->dir.y) > 0.05f || d->dir.x < 0) return; /* rotated line */
  d->sink.text(d->sink.arg, c, font, box ? *box : char_box(g, p, q), p.y, g->size);
}

/* One character (after ligatures and spaces): the line it goes on, then
** hand it on.  glyph < 0: a character without a glyph of its own.  box:
** the box of the glyph drawn at its place with advance adv, or NULL. */
static void add_char(text_dev *d, fz_font *font, int c, int glyph,
                     const placed *g, float adv, int wmode, const fz_rect *box) {
  fz_point p, q;
  const fz_matrix *trm = &g->trm;
  if (wmode == 0) {
    p = fz_make_point(trm->e, trm->f);
    q = fz_make_point(trm->e + adv * g->dir.x, trm->f + adv * g->dir.y);
  } else {
    p = fz_make_point(trm->e - adv * g->dir.x, trm->f - adv * g->dir.y);
    q = fz_make_point(trm->e, trm->f);
  }
  if (d->have_line && glyph < 0) { /* at the pen, which stays */
    emit(d, font, c, g, d->pen, d->pen, NULL);
    d->lastchar = c;
    return;
  }
  int new_line = 1;
  fz_point ndir = g->ndir;
  if (d->have_line && d->wmode == wmode &&
      ndir.x * d->dir.x + ndir.y * d->dir.y >= 0.999f) {
    if (fabsf(q.x - d->pen.x) < FLT_EPSILON && fabsf(q.y - d->pen.y) < FLT_EPSILON &&
        c == d->lastchar)
      return; /* fake bold */
    float dx = p.x - d->pen.x, dy = p.y - d->pen.y;
    float spacing = ndir.x * dx + ndir.y * dy;
    float base_offset = -ndir.y * dx + ndir.x * dy;
    new_line = !(fabsf(base_offset) < g->size * 0.8f && fabsf(spacing) <= g->size * 0.8f);
  }
  if (new_line) {
    d->have_line = 1;
    d->wmode = wmode;
    d->dir = ndir;
  }
  emit(d, font, c, g, p, q, wmode == 0 ? box : NULL);
  d->lastchar = c;
  d->pen = q;
}

/* 1 if glyph item of span (placed as g, advance adv, drawn with ctm) lies
** wholly outside the page; *box gets its box from the origin along the
** advance. */
static int off_page(text_dev *d, fz_context *ctx, const fz_text_span *span,
                    const fz_text_item *it, fz_matrix ctm, const placed *g,
                    float adv, fz_rect *box) {
  fz_point p = fz_make_point(g->trm.e, g->trm.f);
  fz_point q = fz_make_point(p.x + adv * g->dir.x, p.y + adv * g->dir.y);
  *box = char_box(g, p, q);
  float m = g->size;
  if (box->x0 >= d->page.x0 + m && box->y0 >= d->page.y0 + m &&
      box->x1 <= d->page.x1 - m && box->y1 <= d->page.y1 - m)
    return 0; /* well inside the page */
  fz_rect r = fz_bound_glyph(ctx, span->font, it->gid, span->trm);
  r.x0 += it->x, r.y0 += it->y, r.x1 += it->x, r.y1 += it->y;
  r = fz_transform_rect(r, ctm);
  return r.x1 <= d->page.x0 || r.y1 <= d->page.y0 || r.x0 >= d->page.x1 ||
         r.y0 >= d->page.y1;
}

/* Every character of text drawn with ctm (once for a text object drawn
** twice in a row). */
static void read_text(fz_context *ctx, fz_device *dev, const fz_text *text,
                      fz_matrix ctm) {
  text_dev *d = (text_dev *)dev;
  if (text == d->last) return;
  for (const fz_text_span *span = text->head; span; span = span->next) {
    fz_matrix tm = span->trm;
    fz_font *f = span->font;
    int wm = span->wmode;
    fz_point a0 = wm == 0 ? fz_make_point(0, fz_font_ascender(ctx, f)) : fz_make_point(1, 0);
    fz_point d0 = wm == 0 ? fz_make_point(0, fz_font_descender(ctx, f)) : fz_make_point(0, 0);
    fz_point u = wm == 0 ? fz_make_point(1, 0) : fz_make_point(0, -1);
    placed g;
    for (int i = 0; i < span->len; i++) {
      const fz_text_item *it = &span->items[i];
      tm.e = it->x;
      tm.f = it->y;
      fz_matrix trm = fz_concat(tm, ctm);
      if (i == 0 || trm.a != g.trm.a || trm.b != g.trm.b || trm.c != g.trm.c ||
          trm.d != g.trm.d) { /* the parts that do not move along a span */
        g.size = fz_matrix_expansion(trm);
        g.dir = fz_transform_vector(u, trm);
        g.ndir = fz_normalize_vector(g.dir);
        g.asc = fz_transform_vector(a0, trm);
        g.dsc = fz_transform_vector(d0, trm);
      }
      g.trm = trm;
      float adv = it->gid >= 0 ? fz_advance_glyph(ctx, f, it->gid, wm) : 0;
      fz_rect box;
      if (off_page(d, ctx, span, it, ctm, &g, adv, &box)) continue;
      int c = it->ucs;
      const char *lig = NULL;
      switch (c) {
        case -1: continue; /* one character drawn with several glyphs */
        case 0xFB00: lig = "ff"; break;
        case 0xFB01: lig = "fi"; break;
        case 0xFB02: lig = "fl"; break;
        case 0xFB03: lig = "ffi"; break;
        case 0xFB04: lig = "ffl"; break;
        case 0xFB05: case 0xFB06: lig = "st"; break;
      }
      if (!lig) {
        add_char(d, f, plain_space(c), it->gid, &g, adv, wm, &box);
        continue;
      }
      add_char(d, f, lig[0], it->gid, &g, adv, wm, &box);
      for (int k = 1; lig[k]; k++) add_char(d, f, lig[k], -1, &g, 0, wm, NULL);
    }
  }
  fz_drop_text(ctx, d->last);
  d->last = fz_keep_text(ctx, text);
}

static void dev_fill_text(fz_context *ctx, fz_device *dev, const fz_text *text,
                          fz_matrix ctm, fz_colorspace *cs, const float *color,
                          float alpha, fz_color_params cp) {
  (void)cs, (void)color, (void)alpha, (void)cp;
  read_text(ctx, dev, text, ctm);
}

static void dev_stroke_text(fz_context *ctx, fz_device *dev, const fz_text *text,
                            const fz_stroke_state *st, fz_matrix ctm,
                            fz_colorspace *cs, const float *color, float alpha,
                            fz_color_params cp) {
  (void)st, (void)cs, (void)color, (void)alpha, (void)cp;
  read_text(ctx, dev, text, ctm);
}

static void dev_clip_text(fz_context *ctx, fz_device *dev, const fz_text *text,
                          fz_matrix ctm, fz_rect scissor) {
  (void)scissor;
  read_text(ctx, dev, text, ctm);
}

static void dev_clip_stroke_text(fz_context *ctx, fz_device *dev,
                                 const fz_text *text, const fz_stroke_state *st,
                                 fz_matrix ctm, fz_rect scissor) {
  (void)st, (void)scissor;
  read_text(ctx, dev, text, ctm);
}

static void dev_ignore_text(fz_context *ctx, fz_device *dev, const fz_text *text,
                            fz_matrix ctm) {
  read_text(ctx, dev, text, ctm);
}

/* An image's box, when it is at least half opaque; it ends the line. */
static void add_image(text_dev *d, fz_rect box, float alpha) {
  if (alpha < 0.5f) return; /* a watermark or an effect */
  d->have_line = 0;
  if (d->sink.image) d->sink.image(d->sink.arg, box);
}

static void dev_fill_image(fz_context *ctx, fz_device *dev, fz_image *img,
                           fz_matrix ctm, float alpha, fz_color_params cp) {
  (void)ctx, (void)img, (void)cp;
  add_image((text_dev *)dev, fz_transform_rect(fz_unit_rect, ctm), alpha);
}

static void dev_fill_image_mask(fz_context *ctx, fz_device *dev, fz_image *img,
                                fz_matrix ctm, fz_colorspace *cs,
                                const float *color, float alpha,
                                fz_color_params cp) {
  (void)ctx, (void)img, (void)cs, (void)color, (void)cp;
  add_image((text_dev *)dev, fz_transform_rect(fz_unit_rect, ctm), alpha);
}

/* A shading: the whole pixels its bounds cover inside the clip, as the
** image structured text would render it to. */
static void dev_fill_shade(fz_context *ctx, fz_device *dev, fz_shade *shade,
                           fz_matrix ctm, float alpha, fz_color_params cp) {
  (void)cp;
  fz_rect b = fz_intersect_rect(fz_bound_shade(ctx, shade, ctm),
                                fz_device_current_scissor(ctx, dev));
  fz_irect ib = fz_irect_from_rect(b);
  add_image((text_dev *)dev, fz_make_rect((float)ib.x0, (float)ib.y0,
                                          (float)ib.x1, (float)ib.y1), alpha);
}

static void dev_fill_path(fz_context *ctx, fz_device *dev, const fz_path *path,
                          int even_odd, fz_matrix ctm, fz_colorspace *cs,
                          const float *color, float alpha, fz_color_params cp) {
  (void)even_odd, (void)cs, (void)color, (void)alpha, (void)cp;
  text_dev *d = (text_dev *)dev;
  if (d->sink.path) d->sink.path(ctx, d->sink.arg, path, ctm);
}

static void dev_stroke_path(fz_context *ctx, fz_device *dev, const fz_path *path,
                            const fz_stroke_state *st, fz_matrix ctm,
                            fz_colorspace *cs, const float *color, float alpha,
                            fz_color_params cp) {
  (void)st, (void)cs, (void)color, (void)alpha, (void)cp;
  text_dev *d = (text_dev *)dev;
  if (d->sink.path) d->sink.path(ctx, d->sink.arg, path, ctm);
}

static void dev_drop(fz_context *ctx, fz_device *dev) {
  text_dev *d = (text_dev *)dev;
  fz_drop_text(ctx, d->last);
  d->last = NULL;
}

fz_device *vb_pdf_new_text_device(fz_context *ctx, fz_rect mediabox,
                                  const vb_pdf_sink *sink) {
  text_dev *d = fz_new_derived_device(ctx, text_dev);
  d->super.drop_device = dev_drop;
  d->super.fill_text = dev_fill_text;
  d->super.stroke_text = dev_stroke_text;
  d->super.clip_text = dev_clip_text;
  d->super.clip_stroke_text = dev_clip_stroke_text;
  d->super.ignore_text = dev_ignore_text;
  d->super.fill_image = dev_fill_image;
  d->super.fill_image_mask = dev_fill_image_mask;
  d->super.fill_shade = dev_fill_shade;
  d->super.fill_path = dev_fill_path;
  d->super.stroke_path = dev_stroke_path;
  d->sink = *sink;
  d->page = mediabox;
  d->lastchar = ' ';
  return &d->super;
}
