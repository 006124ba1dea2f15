/*
** read_pdf.c: the PDF reader and the image reader (MuPDF), with OCR of
** pages that have no usable text layer (read/ocr.c).
**
** A PDF page's text layer is read glyph by glyph with positions, sizes and
** font names (read/pdf_dev.c: the characters MuPDF's structured text would
** hold, handed on as the page runs), and words are rebuilt from the glyph
** positions, not from the space characters the file happens to hold:
**   - a space in the file between glyphs that touch is dropped, a wide gap
**     without one is a word break;
**   - letter-spaced headings ("K Ế  H O Ạ C H") become words again: in a run
**     of single letters only the widest gaps are word breaks;
**   - combining marks drawn as their own glyphs stay with their letter (the
**     text is recomposed to NFC at the end);
**   - U+01A2/U+01A3 ("Ƣ", "ƣ"), which Word 2010 exports write for Ư and ư,
**     are read as Ư and ư.
** The words go to read/layout.c for the reading order and paragraphs.
**
** A page's text layer is not used when it is missing (a scan), broken (the
** fonts lost their Unicode maps: many glyphs decode to private-use,
** symbol or non-Vietnamese letters), or set in the legacy 8-bit fonts
** (.VnTime: TCVN3, VNI-*: VNI) when legacy_decode() cannot convert it
** (VNI, whose letters take two glyphs, or a conversion that still reads
** as garbage); a TCVN3 page is converted glyph by glyph from its fonts.
** Such a page is rendered in grey at OCR_DPI and read by OCR when the OCR
** mode allows it (auto: those pages; always: every page; never: none).
** Images (PNG, JPEG, TIFF) are opened by MuPDF as one-page documents and
** always go through OCR.
**
** Each thread reads its documents in one MuPDF context that keeps the fonts
** of earlier documents (read/pdf_ctx.c).  Bounds: MuPDF allocates through
** a counting allocator that refuses past lim->max_pdf_memory bytes more
** than the context holds between documents, and after lim->max_seconds
** (the running page is then aborted through its cookie); page count and cross-reference size are
** checked before any page is read.  MuPDF never fetches anything, runs no
** JavaScript (it is never enabled) and follows no external link.  Encrypted
** files are refused.  MuPDF's warnings are swallowed, never printed.
**
** This file, with pdf_ctx.c, pdf_dev.c, layout.c, ocr.c and MuPDF, is the
** module vanban-pdf.so, loaded on the first PDF or image (pdf_mod.h); its
** entry points are vb_pdfmod_read and vb_pdfmod_thread_end.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>

#include "legacy.h"
#include "text.h"
#include "utf8.h"
#include "reader.h"
#include "layout.h"
#include "ocr.h"
#include "pdf_ctx.h"
#include "pdf_dev.h"
#include "pdf_mod.h"

#ifndef OCR_DPI
#define OCR_DPI 300                 /* chosen by measurement (README) */
#endif
#define OCR_MAX_PIXELS (40u << 20)  /* a rendered page at most 40 Mpx */
#define MAX_XREF 2000000            /* objects in one PDF */
#define MIN_LETTERS 20              /* fewer letters: no usable text layer */
#define BAD_SHARE 0.10              /* more implausible glyphs: broken layer */
#define LEGACY_SHARE 0.30           /* more glyphs in legacy fonts: legacy */

/**************************************************************************
** Glyphs to words
*/

typedef struct glyph {
  int c;
  unsigned seq;       /* drawing order on the page */
  const void *font;
  float x0, y0, x1, y1, base, size;
  unsigned char bold, space, mark;
} glyph;

typedef struct page_stats {
  size_t letters, bad, legacy, glyphs;
  float image_area;  /* page area covered by images */
} page_stats;

/* 1 for a combining mark Vietnamese uses (or any in U+0300..U+036F). */
static int is_mark(int c) { return c >= 0x300 && c <= 0x36F; }

/* 1 if c is plausible in Vietnamese text: ASCII, the Vietnamese letters of
** Latin-1, Latin Extended-A/B and U+1EA0..U+1EF9, combining tone marks,
** common punctuation. */
static int plausible(int c) {
  static const char latin1[] = "\xC0\xC1\xC2\xC3\xC8\xC9\xCA\xCC\xCD\xD2\xD3"
                               "\xD4\xD5\xD9\xDA\xDD\xE0\xE1\xE2\xE3\xE8\xE9"
                               "\xEA\xEC\xED\xF2\xF3\xF4\xF5\xF9\xFA\xFD";
  if (c >= 0x20 && c < 0x7F) return 1;
  if (c >= 0xC0 && c <= 0xFF) return strchr(latin1, c) != NULL;
  switch (c) {
    case 0x102: case 0x103: case 0x110: case 0x111: case 0x128: case 0x129:
    case 0x168: case 0x169: case 0x1A0: case 0x1A1: case 0x1AF: case 0x1B0:
    case 0xA0: case 0xAB: case 0xBB: case 0xB0: case 0xB7: case 0xA7:
    case 0x2022: case 0x2026: case 0x2032: case 0x2033: case 0xD7:
      return 1;
  }
  if (c >= 0x1EA0 && c <= 0x1EF9) return 1;
  if (c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323)
    return 1;
  if (c >= 0x2010 && c <= 0x201F) return 1; /* dashes, quotes */
  return 0;
}

/* 1 for a letter or digit (for the letter count of a page). */
static int is_alnum(int c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
         (c >= 'a' && c <= 'z') || c >= 0xC0;
}

/* 1 for a letter (ASCII or a Vietnamese letter). */
static int is_letter(int c) {
  return ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= 0xC0 && plausible(c));
}

/* 1 if the font name (subset prefix "ABCDEF+" allowed) is a legacy 8-bit
** Vietnamese font: the .VnTime family (TCVN3) or VNI-*. */
static int legacy_font(const char *name) {
  const char *plus = strchr(name, '+');
  if (plus) name = plus + 1;
  return strncmp(name, ".Vn", 3) == 0 || strncmp(name, "Vn", 2) == 0 ||
         strncasecmp(name, "VNI-", 4) == 0 || strncasecmp(name, "VNI_", 4) == 0;
}

static int cmp_gbase(const void *a, const void *b) {
  const glyph *x = a, *y = b;
  return (x->base > y->base) - (x->base < y->base);
}

/* Order of glyphs in a row: by left edge; a combining mark by its centre,
** so that it follows the letter it sits on. */
static float gkey(const glyph *g) {
  return g->mark ? (g->x0 + g->x1) / 2 : g->x0;
}

static int cmp_gx(const void *a, const void *b) {
  float x = gkey(a), y = gkey(b);
  return (x > y) - (x < y);
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }

/* 1 if glyph b is a digit drawn over the digit a (most of their widths
** overlap). */
static int overprints(const glyph *a, const glyph *b) {
  float ov = fminf(a->x1, b->x1) - fmaxf(a->x0, b->x0);
  return is_digit(a->c) && is_digit(b->c) &&
         ov > 0.6f * fminf(a->x1 - a->x0, b->x1 - b->x0);
}

typedef struct wspan { /* a word: glyphs [a, b) */
  size_t a, b;
  int single;  /* one letter (with its marks) */
} wspan;

/* Sort g[0..n) by cmp, stably (as glibc's merge sort did, so the order
** of equal keys is the order the page drew them), using tmp[0..n): runs
** already in order are found and merged pairwise, so that a page whose
** glyphs come mostly in order (the usual case) costs a few linear passes. */
static void sort_glyphs(glyph *g, size_t n, glyph *tmp,
                        int (*cmp)(const void *, const void *)) {
  for (;;) {
    size_t i = 0;
    while (i < n) {
      size_t mid = i + 1;
      while (mid < n && cmp(&g[mid - 1], &g[mid]) <= 0) mid++;
      if (mid == n) {
        if (i == 0) return; /* one run: sorted */
        memcpy(tmp + i, g + i, (n - i) * sizeof *g);
        break;
      }
      size_t end = mid + 1;
      while (end < n && cmp(&g[end - 1], &g[end]) <= 0) end++;
      size_t a = i, b = mid, k = i;
      while (a < mid && b < end)
        tmp[k++] = cmp(&g[a], &g[b]) <= 0 ? g[a++] : g[b++];
      while (a < mid) tmp[k++] = g[a++];
      while (b < end) tmp[k++] = g[b++];
      i = end;
    }
    memcpy(g, tmp, n * sizeof *g);
  }
}

/* Emit the words of one row g[0..n) (sorted) to the layout. */
static vb_status row_words(glyph *g, size_t n, vb_layout *L, wspan *w,
                           vb_buf *tmp) {
  size_t nw = 0, prev = SIZE_MAX;
  int space = 0;
  for (size_t i = 0; i < n; i++) {
    if (g[i].c == ' ') {
      space = 1;
      continue;
    }
    int brk = prev == SIZE_MAX;
    if (!brk && !g[i].mark && overprints(&g[prev], &g[i])) {
      /* a digit stamped over a typed one: the later drawing shows */
      if (g[i].seq > g[prev].seq) {
        g[prev].c = g[i].c;
        g[prev].seq = g[i].seq;
      }
      g[i].c = ' ';
      continue;
    }
    if (!brk && !g[i].mark) {
      float gap = g[i].x0 - g[prev].x1;
      float sz = fmaxf(g[i].size, g[prev].size);
      brk = (space && gap > 0.1f * sz) || gap > 0.3f * sz ||
            /* stamped digits in another font after a word ("ngày15") */
            (g[i].font != g[prev].font && is_digit(g[i].c) != is_digit(g[prev].c) &&
             is_letter(g[i].c) != is_letter(g[prev].c));
    }
    if (brk) {
      w[nw].a = i;
      w[nw].single = 1;
      nw++;
    } else if (!g[i].mark) {
      w[nw - 1].single = 0;
    }
    w[nw - 1].b = i + 1;
    prev = i;
    space = 0;
  }
  for (size_t k = 0; k < nw; k++) /* a single letter, not a digit or sign */
    if (w[k].single && !is_letter(g[w[k].a].c)) w[k].single = 0;
  /* runs of three or more single letters: keep only the widest gaps */
  for (size_t k = 0; k < nw;) {
    size_t e = k;
    while (e < nw && w[e].single) e++;
    if (e - k >= 3) {
      float gmin = 1e30f;
      for (size_t m = k + 1; m < e; m++)
        gmin = fminf(gmin, g[w[m].a].x0 - g[w[m - 1].b - 1].x1);
      size_t out = k;
      for (size_t m = k + 1; m < e; m++) {
        float gap = g[w[m].a].x0 - g[w[m - 1].b - 1].x1;
        if (gap > gmin + 0.15f * g[w[m].a].size) {
          w[++out] = w[m];
        } else {
          w[out].b = w[m].b;
        }
        w[out].single = 0;
      }
      w[k].single = 0;
      size_t drop = e - out - 1;
      memmove(w + out + 1, w + e, (nw - e) * sizeof *w);
      nw -= drop;
      k = out + 1;
    } else {
      k = e > k ? e : k + 1;
    }
  }
  for (size_t k = 0; k < nw; k++) {
    float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f, base = 0, sz = 0;
    unsigned bold = 1;
    vb_buf_reset(tmp);
    for (size_t i = w[k].a; i < w[k].b; i++) {
      if (g[i].c == ' ') continue;
      x0 = fminf(x0, g[i].x0), x1 = fmaxf(x1, g[i].x1);
      y0 = fminf(y0, g[i].y0), y1 = fmaxf(y1, g[i].y1);
      base = g[i].base;
      sz = fmaxf(sz, g[i].size);
      bold &= g[i].bold;
      char u[8];
      int c = g[i].c, len;
      if (c == 0x1A3) c = 0x1B0; /* Word 2010's ƣ for ư */
      if (c == 0x1A2) c = 0x1AF;
      if (c < 0x20 || c == 0xAD || c == 0xFEFF || (c >= 0x7F && c < 0xA0)) continue;
      len = fz_runetochar(u, c);
      VB_TRY(vb_buf_append(tmp, u, (size_t)len));
    }
    if (tmp->len)
      VB_TRY(vb_layout_add_word(L, x0, y0, x1, y1, base, sz,
                                bold ? VB_LW_BOLD : 0, tmp->data, tmp->len));
  }
  return VB_OK;
}

/* Group glyphs into rows (close baselines), each sorted left to right, and
** emit their words. */
static vb_status glyph_words(glyph *g, size_t n, vb_layout *L) {
  vb_buf tmp;
  vb_buf_init(&tmp, VB_CAP_LINE);
  wspan *w = vb_malloc((n + 1) * sizeof *w);
  glyph *scratch = vb_malloc((n + 1) * sizeof *scratch);
  if (!w || !scratch) {
    vb_free(w);
    vb_free(scratch);
    return VB_ENOMEM;
  }
  sort_glyphs(g, n, scratch, cmp_gbase);
  vb_status rc = VB_OK;
  for (size_t i = 0; i < n && rc == VB_OK;) {
    size_t j = i + 1;
    while (j < n && g[j].base - g[i].base <= 0.35f * fmaxf(g[i].size, g[j].size))
      j++;
    sort_glyphs(g + i, j - i, scratch, cmp_gx);
    rc = row_words(g + i, j - i, L, w, &tmp);
    i = j;
  }
  vb_free(scratch);
  vb_free(w);
  vb_buf_free(&tmp);
  return rc;
}

/**************************************************************************
** Pages
*/

/* A font the glyphs of a page use (kept while the page is read), with what
** its name says. */
typedef struct page_font {
  fz_font *font;
  unsigned char bold, legacy;
} page_font;

typedef struct pdf_job {
  fz_context *ctx;
  fz_document *fdoc;
  mem_ctx *mem;
  const vb_limits *lim;
  int is_image;
  vb_layout L;
  glyph *g;
  size_t ng, cg;
  /* what happened to the pages */
  size_t nbroken, nlegacy, nscan, nocr;
  size_t legacy_runs[VB_LEGACY_COUNT]; /* font runs converted, by encoding */
  int repaired;  /* MuPDF had to rebuild the cross-reference table */
  double conf_sum;
  unsigned char *ocr;
  fz_rect *rules;    /* thin shapes drawn on the current page */
  size_t nrules, crules;
  /* the page being run (read/pdf_dev.c hands its characters to sink_*) */
  fz_rect box;       /* its box */
  page_stats st;     /* its counts */
  int oom;           /* a character could not be kept */
  page_font *fonts;  /* the fonts of its glyphs, kept until it is read */
  size_t nfonts, cfonts, last_font;
} pdf_job;

/* The legacy encoding of a glyph's font, by its name. */
static vb_legacy glyph_legacy(fz_context *ctx, const void *font) {
  return font ? vb_legacy_for_font(fz_font_name(ctx, (fz_font *)font))
              : VB_LEGACY_NONE;
}

/* Convert in place the glyphs of a page set in TCVN3 fonts (the .VnTime
** family): each such glyph stands for one byte of the font, which the
** shared tables (common/legacy.h) turn into one Vietnamese letter, capitals
** for the .VnTimeH family.  A page with glyphs in VNI fonts (two glyphs
** for one letter) is not converted, nor one whose converted text is still
** implausible: it goes to OCR.  Counts the converted runs in runs[].
** Returns 1 when the page was converted. */
static int legacy_decode(pdf_job *j, size_t runs[VB_LEGACY_COUNT]) {
  size_t n = j->ng, bad = 0, glyphs = 0, converted = 0;
  const void *last_font = NULL;
  vb_legacy enc = VB_LEGACY_NONE;
  for (size_t i = 0; i < n; i++) {
    if (j->g[i].font != last_font) {
      last_font = j->g[i].font;
      enc = glyph_legacy(j->ctx, last_font);
    }
    if (enc == VB_LEGACY_VNI) return 0;
  }
  last_font = NULL;
  for (size_t i = 0; i < n; i++) {
    glyph *g = &j->g[i];
    if (g->font != last_font) {
      last_font = g->font;
      enc = glyph_legacy(j->ctx, last_font);
      if (enc != VB_LEGACY_NONE) runs[enc]++;
    }
    if (g->space) continue;
    glyphs++;
    if (enc == VB_LEGACY_TCVN3 || enc == VB_LEGACY_TCVN3_CAPS) {
      char in[4], out[16];
      vb_buf b;
      vb_buf_init(&b, sizeof out);
      size_t len = vb_utf8_encode((uint32_t)g->c, in);
      vb_error err = {0};
      uint32_t cp;
      if (vb_legacy_recode(enc, in, len, &b, &err) == VB_OK && b.len &&
          vb_utf8_decode(b.data, b.len, &cp) == b.len) {
        g->c = (int)cp;
        g->mark = (unsigned char)is_mark(g->c);
        converted++;
      }
      vb_buf_free(&b);
    }
    if (!plausible(g->c)) bad++;
  }
  return converted > 0 && (double)bad <= BAD_SHARE * (double)glyphs;
}

/* The page's characters, images and thin lines (table borders) come from
** read/pdf_dev.c's device as MuPDF runs the page, so that each page is
** interpreted once and no structured-text page is built. */

#define RULE_MAX 2.5f       /* thicker shapes are not ruling lines */
#define RULES_PER_PAGE 20000

/* Keep the box of a path if it is a thin line. */
static void sink_path(fz_context *ctx, void *arg, const fz_path *path,
                      fz_matrix ctm) {
  pdf_job *j = arg;
  fz_rect r = fz_bound_path(ctx, path, NULL, ctm); /* the line, not its ink */
  if (r.x0 > r.x1 || r.y0 > r.y1 || (r.x1 - r.x0 > RULE_MAX && r.y1 - r.y0 > RULE_MAX))
    return;
  if (j->nrules == j->crules) {
    if (j->crules >= RULES_PER_PAGE) return;
    if (vb_grow(&j->rules, &j->crules, j->nrules + 1, sizeof *j->rules) != VB_OK)
      return; /* rules are a hint: the page is read without them */
  }
  j->rules[j->nrules++] = r;
}

/* Add an image's area on the page to the page's counts. */
static void sink_image(void *arg, fz_rect box) {
  pdf_job *j = arg;
  fz_rect r = fz_intersect_rect(box, j->box);
  if (!fz_is_empty_rect(r)) j->st.image_area += (r.x1 - r.x0) * (r.y1 - r.y0);
}

/* The entry of font in the page's fonts (added and kept on first use), or
** NULL when out of memory. */
static const page_font *page_font_of(pdf_job *j, fz_font *font) {
  if (j->last_font < j->nfonts && j->fonts[j->last_font].font == font)
    return &j->fonts[j->last_font];
  for (size_t i = 0; i < j->nfonts; i++)
    if (j->fonts[i].font == font) return &j->fonts[j->last_font = i];
  if (vb_grow(&j->fonts, &j->cfonts, j->nfonts + 1, sizeof *j->fonts) != VB_OK)
    return NULL;
  page_font *pf = &j->fonts[j->last_font = j->nfonts++];
  const char *fname = font ? fz_font_name(j->ctx, font) : "";
  pf->font = fz_keep_font(j->ctx, font);
  pf->bold = font && (fz_font_is_bold(j->ctx, font) || strstr(fname, "Bold"));
  pf->legacy = (unsigned char)legacy_font(fname);
  return pf;
}

/* Release the page's fonts. */
static void page_fonts_drop(pdf_job *j) {
  for (size_t i = 0; i < j->nfonts; i++) fz_drop_font(j->ctx, j->fonts[i].font);
  j->nfonts = 0;
}

/* Keep a character as a glyph of the page and count it. */
static void sink_text(void *arg, int c, fz_font *font, fz_rect r, float base,
                      float size) {
  pdf_job *j = arg;
  const page_font *pf = j->oom ? NULL : page_font_of(j, font);
  if (!pf || vb_grow(&j->g, &j->cg, j->ng + 1, sizeof *j->g) != VB_OK) {
    j->oom = 1;
    return;
  }
  page_stats *st = &j->st;
  glyph *g = &j->g[j->ng++];
  g->c = c;
  g->seq = (unsigned)j->ng;
  g->font = font;
  g->x0 = r.x0, g->x1 = r.x1, g->y0 = r.y0, g->y1 = r.y1;
  g->base = base;
  g->size = size > 0.5f ? size : 0.5f;
  g->space = c == ' ';
  g->mark = (unsigned char)is_mark(c);
  g->bold = pf->bold;
  if (c == ' ') return;
  st->glyphs++;
  if (pf->legacy) st->legacy++;
  if (!plausible(c) && !(c >= 0x1A2 && c <= 0x1A3)) st->bad++;
  if (is_alnum(c)) st->letters++;
}

/* The page rendered in grey at dpi, or NULL (the message is MuPDF's). */
static fz_pixmap *render(fz_context *ctx, fz_page *page, float dpi) {
  fz_pixmap *volatile pix = NULL;
  fz_try(ctx) {
    pix = fz_new_pixmap_from_page(ctx, page, fz_scale(dpi / 72, dpi / 72),
                                  fz_device_gray(ctx), 0);
  }
  fz_catch(ctx) pix = NULL;
  return pix;
}

/* Render page to grey and OCR it into the current layout page. */
static vb_status ocr_page(pdf_job *j, fz_page *page, size_t pno, vb_error *err) {
  fz_context *ctx = j->ctx;
  vb_status rc = VB_OK;
  fz_rect box = fz_bound_page(ctx, page);
  float dpi = OCR_DPI, w = (box.x1 - box.x0) / 72, h = (box.y1 - box.y0) / 72;
  if (w * h * dpi * dpi > (float)OCR_MAX_PIXELS)
    dpi = sqrtf((float)OCR_MAX_PIXELS / fmaxf(w * h, 1e-3f));
  if (dpi < 20) return vb_error_set(err, VB_ELIMIT, "page %zu too large to OCR", pno + 1);
  fz_pixmap *pix = render(ctx, page, dpi);
  if (!pix) {
    return vb_error_set(err, j->mem->over_memory ? VB_ELIMIT : VB_ECORRUPT,
                        "page %zu cannot be rendered for OCR: %s", pno + 1,
                        j->mem->over_memory ? "memory limit" : fz_caught_message(ctx));
  }
  int pw = fz_pixmap_width(ctx, pix), ph = fz_pixmap_height(ctx, pix);
  double conf = 0;
  size_t nw = 0;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  long left_ms = (long)(j->mem->deadline.tv_sec - now.tv_sec) * 1000 +
                 (j->mem->deadline.tv_nsec - now.tv_nsec) / 1000000;
  if (left_ms <= 0) rc = vb_error_set(err, VB_ELIMIT, "took longer than %d s", j->lim->max_seconds ? j->lim->max_seconds : VB_LIMIT_SECONDS);
  if (rc == VB_OK) rc = vb_layout_begin_page(&j->L, (float)pw, (float)ph);
  if (rc == VB_OK)
    rc = vb_ocr_page(fz_pixmap_samples(ctx, pix), pw, ph,
                     fz_pixmap_stride(ctx, pix), (int)dpi,
                     left_ms > 0x7fffffffL ? 0x7fffffff : (int)left_ms, &j->L,
                     &conf, &nw, err);
  fz_drop_pixmap(ctx, pix);
  if (rc != VB_OK) return rc;
  j->ocr[pno] = 1;
  j->nocr++;
  j->conf_sum += conf;
  return vb_layout_end_page(&j->L);
}

/* Read page pno: its text layer, or OCR. */
static vb_status read_page(pdf_job *j, size_t pno, vb_error *err) {
  fz_context *ctx = j->ctx;
  fz_page *page = NULL;
  fz_device *dev = NULL;
  fz_cookie cookie;
  memset(&cookie, 0, sizeof cookie);
  int ok = 1, text = !j->is_image;
  vb_status rc = VB_OK;
  page_stats *st = &j->st;
  memset(st, 0, sizeof *st);
  j->ng = 0;
  j->nrules = 0;
  j->oom = 0;
  j->mem->cookie = &cookie;
  fz_var(page);
  fz_var(dev);
  fz_try(ctx) {
    page = fz_load_page(ctx, j->fdoc, (int)pno);
    j->box = fz_bound_page(ctx, page);
    if (text) {
      vb_pdf_share_fonts(ctx, j->fdoc, page);
      vb_pdf_sink sink = {j, sink_text, sink_image, sink_path};
      dev = vb_pdf_new_text_device(ctx, j->box, &sink);
      fz_run_page(ctx, page, dev, fz_identity, &cookie);
      fz_close_device(ctx, dev);
      if (cookie.abort) fz_throw(ctx, FZ_ERROR_GENERIC, "aborted");
    }
  }
  fz_always(ctx) fz_drop_device(ctx, dev);
  fz_catch(ctx) ok = 0;
  j->mem->cookie = NULL;
  if (!ok) {
    if (j->mem->over_time)
      rc = vb_error_set(err, VB_ELIMIT, "took longer than %d s",
                        j->lim->max_seconds ? j->lim->max_seconds : VB_LIMIT_SECONDS);
    else if (j->mem->over_memory)
      rc = vb_error_set(err, VB_ELIMIT, "page %zu needs more than %zu MiB",
                        pno + 1, j->mem->cap >> 20);
    else
      rc = vb_error_set(err, VB_ECORRUPT, "damaged PDF (page %zu): %s", pno + 1,
                        fz_caught_message(ctx));
    goto done;
  }
  if (j->oom) {
    rc = vb_error_set(err, VB_ENOMEM, "out of memory");
    goto done;
  }
  int mode = j->lim->ocr_mode;
  int few = st->letters < MIN_LETTERS;
  /* a page in TCVN3 fonts converted here is read like any other */
  int converted = !few && (double)st->legacy > LEGACY_SHARE * (double)st->glyphs &&
                  legacy_decode(j, j->legacy_runs);
  int legacy = !few && !converted &&
               (double)st->legacy > LEGACY_SHARE * (double)st->glyphs;
  int broken = !few && !legacy && !converted &&
               (double)st->bad > BAD_SHARE * (double)st->glyphs;
  /* a picture of a page: (almost) no text, and images; an image file is one */
  float w = j->box.x1 - j->box.x0, h = j->box.y1 - j->box.y0;
  int scan = few && (!text || st->image_area >= 0.02f * w * h);
  if (legacy) j->nlegacy++;
  else if (broken) j->nbroken++;
  else if (scan) j->nscan++;
  if (mode == VB_OCR_ALWAYS || (mode == VB_OCR_AUTO && (scan || broken || legacy))) {
    rc = ocr_page(j, page, pno, err);
    goto done;
  }
  rc = vb_layout_begin_page(&j->L, text ? w : 1, text ? h : 1);
  if (rc == VB_OK && !broken && !legacy && j->ng) {
    for (size_t i = 0; i < j->nrules && rc == VB_OK; i++)
      rc = vb_layout_add_rule(&j->L, j->rules[i].x0, j->rules[i].y0,
                              j->rules[i].x1, j->rules[i].y1);
    if (rc == VB_OK) rc = glyph_words(j->g, j->ng, &j->L);
  }
  if (rc == VB_OK) rc = vb_layout_end_page(&j->L);
  if (rc != VB_OK) rc = vb_error_set(err, rc, "%s", vb_strerror(rc));
done:
  page_fonts_drop(j);
  fz_drop_page(ctx, page);
  return rc;
}

/* One metadata value of the document as NFC UTF-8 without control
** characters (a PDF date "D:20260515093000+07'00'" as ISO 8601), or NULL. */
static char *meta(fz_context *ctx, fz_document *fdoc, const char *key) {
  char buf[512];
  volatile int n = -1;
  fz_try(ctx) n = fz_lookup_metadata(ctx, fdoc, key, buf, (int)sizeof buf);
  fz_catch(ctx) n = -1;
  if (n <= 0 || (size_t)n > sizeof buf) return NULL;
  size_t len = strlen(buf);
  if (len >= 16 && memcmp(buf, "D:", 2) == 0 && strspn(buf + 2, "0123456789") >= 14) {
    char iso[20];
    snprintf(iso, sizeof iso, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2s", buf + 2, buf + 6,
             buf + 8, buf + 10, buf + 12, buf + 14);
    return vb_strdup(iso);
  }
  for (size_t i = 0; i < len; i++)
    if ((unsigned char)buf[i] < 0x20) buf[i] = ' ';
  while (len && buf[len - 1] == ' ') buf[--len] = '\0';
  if (!len || vb_utf8_check((const unsigned char *)buf, len) != len) return NULL;
  vb_buf nfc;
  vb_buf_init(&nfc, sizeof buf * 4);
  char *out = NULL;
  if (vb_text_nfc(buf, len, &nfc, NULL) == VB_OK && nfc.len)
    out = vb_buf_take(&nfc, NULL);
  vb_buf_free(&nfc);
  return out;
}

/* Open the document and read every page into j->L. */
static vb_status read_doc(pdf_job *j, const unsigned char *data, size_t n,
                          const char *magic, vb_doc *doc, vb_error *err) {
  fz_context *ctx = j->ctx;
  fz_stream *stm = NULL;
  volatile int npages = 0, locked = 0, xref = 0, ok = 1;
  fz_var(stm);
  fz_try(ctx) {
    stm = fz_open_memory(ctx, data, n);
    j->fdoc = fz_open_document_with_stream(ctx, magic, stm);
    locked = fz_needs_password(ctx, j->fdoc);
    pdf_document *pdf = pdf_specifics(ctx, j->fdoc);
    if (pdf) xref = pdf_xref_len(ctx, pdf);
    if (!locked && xref <= MAX_XREF) npages = fz_count_pages(ctx, j->fdoc);
    if (pdf) j->repaired = pdf_was_repaired(ctx, pdf);
  }
  fz_always(ctx) fz_drop_stream(ctx, stm);
  fz_catch(ctx) ok = 0;
  if (!ok) {
    if (j->mem->over_time)
      return vb_error_set(err, VB_ELIMIT, "took longer than %d s",
                          j->lim->max_seconds ? j->lim->max_seconds : VB_LIMIT_SECONDS);
    if (j->mem->over_memory)
      return vb_error_set(err, VB_ELIMIT, "needs more than %zu MiB to open",
                          j->mem->cap >> 20);
    return vb_error_set(err, VB_ECORRUPT, "damaged %s: %s",
                        j->is_image ? "image" : "PDF", fz_caught_message(ctx));
  }
  if (locked) return vb_error_set(err, VB_EFORMAT, "encrypted PDF (password-protected)");
  if (xref > MAX_XREF)
    return vb_error_set(err, VB_ELIMIT, "%d objects, more than the limit of %d",
                        xref, MAX_XREF);
  size_t maxp = j->lim->max_pages ? j->lim->max_pages : VB_LIMIT_PAGES;
  if (npages <= 0) return vb_error_set(err, VB_EEMPTY, "no pages");
  if ((size_t)npages > maxp)
    return vb_error_set(err, VB_ELIMIT, "%d pages, more than the limit of %zu",
                        npages, maxp);
  j->ocr = vb_calloc((size_t)npages, 1);
  doc->page_line = vb_calloc((size_t)npages, sizeof *doc->page_line);
  if (!j->ocr || !doc->page_line) return vb_error_set(err, VB_ENOMEM, "out of memory");
  for (size_t p = 0; p < (size_t)npages; p++)
    VB_TRY(read_page(j, p, err));
  doc->npages = (size_t)npages;
  if (!j->is_image) { /* the document information dictionary */
    doc->prop_title = meta(ctx, j->fdoc, FZ_META_INFO_TITLE);
    doc->prop_creator = meta(ctx, j->fdoc, FZ_META_INFO_AUTHOR);
    doc->prop_created = meta(ctx, j->fdoc, FZ_META_INFO_CREATIONDATE);
    doc->prop_modified = meta(ctx, j->fdoc, FZ_META_INFO_MODIFICATIONDATE);
  }
  return VB_OK;
}

vb_status vb_pdfmod_read(const unsigned char *data, size_t n,
                        const vb_limits *lim, vb_doc *doc, vb_error *err,
                        const char *magic, int is_image) {
  vb_limits deflim;
  if (!lim) {
    vb_limits_default(&deflim);
    lim = &deflim;
  }
  if (is_image && lim->ocr_mode == VB_OCR_NEVER)
    return vb_error_set(err, VB_EFORMAT, "an image has text only through OCR, which is off");
  mem_ctx *mem = NULL;
  pdf_job j;
  memset(&j, 0, sizeof j);
  j.ctx = vb_pdf_begin(lim->max_pdf_memory ? lim->max_pdf_memory : VB_LIMIT_PDF_MEMORY,
                       lim->max_seconds ? lim->max_seconds : VB_LIMIT_SECONDS, &mem);
  if (!j.ctx) return vb_error_set(err, VB_ENOMEM, "out of memory starting the PDF library");
  j.mem = mem;
  j.lim = lim;
  j.is_image = is_image;
  vb_layout_init(&j.L);
  vb_status rc = read_doc(&j, data, n, magic, doc, err);
  vb_buf body, extra;
  vb_buf_init(&body, lim->max_text_bytes ? lim->max_text_bytes : VB_LIMIT_TEXT_BYTES);
  vb_buf_init(&extra, VB_CAP_TEXT);
  if (rc == VB_OK) {
    rc = vb_layout_finish(&j.L, &body, &extra, doc->page_line);
    if (rc != VB_OK) rc = vb_error_set(err, rc, rc == VB_ELIMIT ? "more than %zu MiB of text" : "out of memory", body.max >> 20);
  }
  if (rc == VB_OK && !body.len) {
    if (j.nlegacy)
      rc = vb_error_set(err, VB_EENCODING,
                        "text layer in a legacy 8-bit encoding (TCVN3/VNI fonts)%s",
                        lim->ocr_mode == VB_OCR_NEVER ? "; OCR is off" : "");
    else if (j.nbroken)
      rc = vb_error_set(err, VB_EENCODING,
                        "broken text layer (fonts without a Unicode map)%s",
                        lim->ocr_mode == VB_OCR_NEVER ? "; OCR is off" : "");
    else if (j.repaired)
      rc = vb_error_set(err, VB_ECORRUPT, "damaged PDF: no text in what could be repaired");
    else
      rc = vb_error_set(err, VB_EEMPTY, "no text layer (a scan)%s",
                        lim->ocr_mode == VB_OCR_NEVER ? "; OCR is off" : "");
  }
  if (rc == VB_OK) {
    vb_buf nfc;
    vb_buf_init(&nfc, body.max);
    rc = vb_text_nfc(body.data, body.len, &nfc, err);
    if (rc == VB_OK) {
      doc->text = vb_buf_take(&nfc, &doc->text_len);
      if (extra.len) doc->extra = vb_buf_take(&extra, &doc->extra_len);
      vb_legacy_note(doc->encoding, sizeof doc->encoding, j.legacy_runs);
      doc->nocr = j.nocr;
      doc->ocr_conf = j.nocr ? j.conf_sum / (double)j.nocr : 0;
      if (j.nocr) {
        doc->page_ocr = j.ocr;
        j.ocr = NULL;
      }
    }
    vb_buf_free(&nfc);
  } else {
    doc->npages = 0;
  }
  vb_buf_free(&body);
  vb_buf_free(&extra);
  vb_layout_free(&j.L);
  vb_free(j.g);
  vb_free(j.rules);
  vb_free(j.fonts);
  vb_free(j.ocr);
  fz_drop_document(j.ctx, j.fdoc);
  return rc;
}

void vb_pdfmod_thread_end(void) {
  vb_ocr_thread_end();
  vb_pdf_thread_end();
}
