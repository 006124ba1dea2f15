/*
** layout.c: reading order and paragraphs from positioned words (see
** layout.h for what it does; the thresholds are named below).
*/
#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Thresholds, in multiples of the text size. */
#define SEG_GAP 1.6f       /* a horizontal gap this wide splits a row */
#define ROW_TOL 0.35f      /* baselines this close make one row */
#define BAND_GAP 0.9f      /* vertical gap that starts a new band of a block */
#define BLOCK_GAP 3.0f     /* a block's rows are at most this far apart */
#define EDGE_TOL 3.0f      /* a wrapped line ends this close to the right edge */
#define LEFT_TOL 0.8f      /* a continuation starts this close to the left edge */
#define LINE_GAP 0.9f      /* wrapped lines are at most this far apart */
#define FURN_BAND 0.085f   /* share of the page height at the top and bottom */
#define NARROW_PAGE 24.0f  /* body text narrower than this was not wrapped */
#define RULE_THIN 2.5f     /* a ruling line is at most this thick (points) */
#define RULE_LONG 6.0f     /* and at least this long */

struct vb_lword {
  float x0, y0, x1, y1, base, size;
  unsigned flags;
  size_t off, len;
};

struct vb_lseg {
  float x0, y0, x1, y1, size;
  unsigned flags;
  size_t off, len; /* in arena */
};

struct vb_lrow {
  float y0, y1, base, size;
  size_t seg0, nseg;
  int furniture;
};

struct vb_lpage {
  float w, h;
  size_t row0, nrow;
  size_t rule0, nrule; /* its ruling lines in L->rules (4 floats each) */
};

/* An output line candidate, in reading order. */
typedef struct item {
  vb_lseg s;         /* its text and box (several segments of a cell row
                     ** merged into one) */
  size_t ctx;        /* 0: page body; else a cell of a block */
  float left, right; /* edges of its column */
  size_t page;
} item;

void vb_layout_init(vb_layout *L) {
  memset(L, 0, sizeof *L);
  vb_buf_init(&L->arena, VB_CAP_TEXT);
  vb_buf_init(&L->wtext, VB_CAP_TEXT);
}

void vb_layout_free(vb_layout *L) {
  vb_free(L->pages);
  vb_free(L->rows);
  vb_free(L->segs);
  vb_free(L->words);
  vb_free(L->rules);
  vb_buf_free(&L->arena);
  vb_buf_free(&L->wtext);
  memset(L, 0, sizeof *L);
}

vb_status vb_layout_begin_page(vb_layout *L, float width, float height) {
  VB_TRY(vb_grow(&L->pages, &L->cpages, L->npages + 1, sizeof *L->pages));
  vb_lpage *p = &L->pages[L->npages++];
  p->w = width;
  p->h = height;
  p->row0 = L->nrows;
  p->nrow = 0;
  p->rule0 = L->nrules;
  p->nrule = 0;
  L->nwords = 0;
  vb_buf_reset(&L->wtext);
  return VB_OK;
}

vb_status vb_layout_add_word(vb_layout *L, float x0, float y0, float x1,
                             float y1, float base, float size, unsigned flags,
                             const char *text, size_t len) {
  if (!len) return VB_OK;
  VB_TRY(vb_grow(&L->words, &L->cwords, L->nwords + 1, sizeof *L->words));
  vb_lword *w = &L->words[L->nwords];
  w->x0 = x0, w->y0 = y0, w->x1 = x1, w->y1 = y1;
  w->base = base;
  w->size = size > 0.5f ? size : 0.5f;
  w->flags = flags;
  w->off = L->wtext.len;
  w->len = len;
  VB_TRY(vb_buf_append(&L->wtext, text, len));
  L->nwords++;
  return VB_OK;
}

vb_status vb_layout_add_rule(vb_layout *L, float x0, float y0, float x1,
                             float y1) {
  float w = x1 - x0, h = y1 - y0;
  if (!((w <= RULE_THIN && h >= RULE_LONG) || (h <= RULE_THIN && w >= RULE_LONG)))
    return VB_OK;
  VB_TRY(vb_grow(&L->rules, &L->crules, (L->nrules + 1) * 4, sizeof *L->rules));
  float *r = &L->rules[L->nrules++ * 4];
  r[0] = x0, r[1] = y0, r[2] = x1, r[3] = y1;
  L->pages[L->npages - 1].nrule++;
  return VB_OK;
}

/* 1 if page p has a ruling line that lies between a0 and a1 on one axis
** and crosses b0..b1 on the other: vertical (x between a0 and a1, crossing
** y from b0 to b1) or horizontal (y between a0 and a1, crossing x). */
static int rule_between(const vb_layout *L, const vb_lpage *p, int vertical,
                        float a0, float a1, float b0, float b1) {
  int a = vertical ? 0 : 1, b = 1 - a;
  for (size_t i = p->rule0; i < p->rule0 + p->nrule; i++) {
    const float *r = &L->rules[i * 4];
    if (r[a + 2] - r[a] <= RULE_THIN && r[a] >= a0 - 1 && r[a + 2] <= a1 + 1 &&
        r[b] <= b0 + 1 && r[b + 2] >= b1 - 1)
      return 1;
  }
  return 0;
}

static int cmp_base(const void *a, const void *b) {
  const vb_lword *x = a, *y = b;
  return (x->base > y->base) - (x->base < y->base);
}

static int cmp_x(const void *a, const void *b) {
  const vb_lword *x = a, *y = b;
  return (x->x0 > y->x0) - (x->x0 < y->x0);
}

/* Append the segment of words w[0..n) (sorted by x) to L. */
static vb_status add_seg(vb_layout *L, const vb_lword *w, size_t n) {
  VB_TRY(vb_grow(&L->segs, &L->csegs, L->nsegs + 1, sizeof *L->segs));
  vb_lseg *s = &L->segs[L->nsegs];
  s->x0 = w[0].x0, s->x1 = w[0].x1, s->y0 = w[0].y0, s->y1 = w[0].y1;
  s->off = L->arena.len;
  s->flags = VB_LW_BOLD;
  float sizes = 0;
  for (size_t i = 0; i < n; i++) {
    if (i) VB_TRY(vb_buf_putc(&L->arena, ' '));
    VB_TRY(vb_buf_append(&L->arena, L->wtext.data + w[i].off, w[i].len));
    s->x0 = fminf(s->x0, w[i].x0), s->x1 = fmaxf(s->x1, w[i].x1);
    s->y0 = fminf(s->y0, w[i].y0), s->y1 = fmaxf(s->y1, w[i].y1);
    sizes += w[i].size;
    if (!(w[i].flags & VB_LW_BOLD)) s->flags = 0;
  }
  s->size = sizes / (float)n;
  s->len = L->arena.len - s->off;
  L->nsegs++;
  return VB_OK;
}

vb_status vb_layout_end_page(vb_layout *L) {
  vb_lpage *p = &L->pages[L->npages - 1];
  vb_lword *w = L->words;
  size_t n = L->nwords;
  if (n) qsort(w, n, sizeof *w, cmp_base);
  for (size_t i = 0; i < n;) { /* one row per run of close baselines */
    size_t j = i + 1;
    while (j < n && w[j].base - w[i].base <= ROW_TOL * fmaxf(w[i].size, w[j].size))
      j++;
    qsort(w + i, j - i, sizeof *w, cmp_x);
    VB_TRY(vb_grow(&L->rows, &L->crows, L->nrows + 1, sizeof *L->rows));
    vb_lrow *r = &L->rows[L->nrows];
    r->seg0 = L->nsegs;
    r->base = w[i].base;
    r->furniture = 0;
    size_t k = i;
    for (size_t m = i + 1; m <= j; m++) {
      if (m < j && w[m].x0 - w[m - 1].x1 <
                       SEG_GAP * fmaxf(w[m].size, w[m - 1].size) &&
          !rule_between(L, p, 1, w[m - 1].x1, w[m].x0,
                         fminf(w[m - 1].y0, w[m].y0) + 1,
                         fmaxf(w[m - 1].y1, w[m].y1) - 1))
        continue;
      VB_TRY(add_seg(L, w + k, m - k));
      k = m;
    }
    r->nseg = L->nsegs - r->seg0;
    r->y0 = L->segs[r->seg0].y0, r->y1 = L->segs[r->seg0].y1, r->size = 0;
    for (size_t s = r->seg0; s < L->nsegs; s++) {
      r->y0 = fminf(r->y0, L->segs[s].y0);
      r->y1 = fmaxf(r->y1, L->segs[s].y1);
      r->size = fmaxf(r->size, L->segs[s].size);
    }
    L->nrows++;
    p->nrow++;
    i = j;
  }
  L->nwords = 0;
  vb_buf_reset(&L->wtext);
  return VB_OK;
}

/**************************************************************************
** Page furniture
*/

/* 1 if s is a bare page number: "3", "- 3 -", "Trang 3", "3/12". */
static int is_page_number(const char *s, size_t n) {
  size_t i = 0, digits = 0;
  while (i < n && (s[i] == '-' || s[i] == ' ' || s[i] == '(')) i++;
  if (n - i >= 5 && memcmp(s + i, "Trang", 5) == 0) i += 5;
  while (i < n && s[i] == ' ') i++;
  while (i < n && s[i] >= '0' && s[i] <= '9') i++, digits++;
  if (!digits || digits > 4) return 0;
  if (i < n && s[i] == '/') {
    i++;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
  }
  while (i < n && (s[i] == '-' || s[i] == ' ' || s[i] == ')')) i++;
  return i == n;
}

/* The text of a row's segments with digits dropped, for comparison. */
static vb_status row_key(const vb_layout *L, const vb_lrow *r, vb_buf *out) {
  vb_buf_reset(out);
  for (size_t s = r->seg0; s < r->seg0 + r->nseg; s++) {
    const char *t = L->arena.data + L->segs[s].off;
    for (size_t i = 0; i < L->segs[s].len; i++)
      if (t[i] < '0' || t[i] > '9') VB_TRY(vb_buf_putc(out, t[i]));
    VB_TRY(vb_buf_putc(out, '\t'));
  }
  return VB_OK;
}

/* Mark the rows at the top or bottom of pages that are page numbers or
** repeat on other pages. */
static vb_status mark_furniture(vb_layout *L) {
  vb_buf a, b;
  vb_status rc = VB_OK;
  vb_buf_init(&a, VB_CAP_LINE);
  vb_buf_init(&b, VB_CAP_LINE);
  for (size_t p = 0; p < L->npages && rc == VB_OK; p++) {
    const vb_lpage *pg = &L->pages[p];
    for (size_t i = 0; i < pg->nrow && rc == VB_OK; i++) {
      vb_lrow *r = &L->rows[pg->row0 + i];
      int top = r->y1 < pg->h * FURN_BAND, bottom = r->y0 > pg->h * (1 - FURN_BAND);
      if (!top && !bottom) continue;
      /* only the first or last two rows of the page */
      if (i >= 2 && i + 2 < pg->nrow) continue;
      const vb_lseg *s = &L->segs[r->seg0];
      if (r->nseg == 1 && is_page_number(L->arena.data + s->off, s->len)) {
        r->furniture = 1;
        continue;
      }
      if (L->npages < 2) continue;
      if ((rc = row_key(L, r, &a)) != VB_OK) break;
      for (size_t q = 0; q < L->npages && !r->furniture && rc == VB_OK; q++) {
        const vb_lpage *pq = &L->pages[q];
        if (q == p) continue;
        for (size_t k = 0; k < pq->nrow; k++) {
          if (k >= 2 && k + 2 < pq->nrow) continue;
          const vb_lrow *o = &L->rows[pq->row0 + k];
          if ((top && o->y1 >= pq->h * FURN_BAND) ||
              (bottom && o->y0 <= pq->h * (1 - FURN_BAND)))
            continue;
          if ((rc = row_key(L, o, &b)) != VB_OK) break;
          if (a.len == b.len && a.len > 1 && memcmp(a.data, b.data, a.len) == 0) {
            r->furniture = 1;
            break;
          }
        }
      }
    }
  }
  vb_buf_free(&a);
  vb_buf_free(&b);
  return rc;
}

/**************************************************************************
** Blocks and items
*/

typedef struct span {
  float x0, x1;
} span;

#define MAX_COLS 32

/* Merge [x0, x1] into the sorted, disjoint spans c[0..*n).  Returns 0 when
** there would be more than MAX_COLS. */
static int merge_span(span *c, size_t *n, float x0, float x1) {
  size_t i = 0;
  while (i < *n && c[i].x1 < x0) i++;
  size_t j = i;
  while (j < *n && c[j].x0 <= x1) {
    x0 = fminf(x0, c[j].x0);
    x1 = fmaxf(x1, c[j].x1);
    j++;
  }
  if (j == i) { /* insert */
    if (*n >= MAX_COLS) return 0;
    memmove(c + i + 1, c + i, (*n - i) * sizeof *c);
    (*n)++;
  } else if (j > i + 1) { /* several merged into one */
    memmove(c + i + 1, c + j, (*n - j) * sizeof *c);
    *n -= j - i - 1;
  }
  c[i].x0 = x0;
  c[i].x1 = x1;
  return 1;
}

typedef struct items {
  item *v;
  size_t n, cap;
} items;

static vb_status push_item(items *it, const vb_lseg *s, size_t ctx, float left,
                           float right, size_t page) {
  VB_TRY(vb_grow(&it->v, &it->cap, it->n + 1, sizeof *it->v));
  item *x = &it->v[it->n++];
  x->s = *s, x->ctx = ctx, x->left = left, x->right = right, x->page = page;
  return VB_OK;
}

/* 1 if s (n bytes) starts with "Số" and a colon, space or digit: the number
** line, which starts the second band of a document header. */
static int starts_number(const char *s, size_t n) {
  return n > 4 && memcmp(s, "S\xE1\xBB\x91", 4) == 0 &&
         (s[4] == ':' || s[4] == ' ' || (s[4] >= '0' && s[4] <= '9'));
}

/* Push the segments of row r that fall in column c as one item. */
static vb_status push_cell_row(vb_layout *L, const vb_lrow *r, const span *c,
                               size_t ctx, size_t page, items *it) {
  vb_lseg m;
  size_t k = 0;
  for (size_t s = r->seg0; s < r->seg0 + r->nseg; s++) {
    const vb_lseg *g = &L->segs[s];
    if (g->x0 > c->x1 || g->x1 < c->x0) continue;
    if (k++ == 0) {
      m = *g;
      continue;
    }
    if (k == 2) { /* copy the first segment's text to join it with others */
      size_t off = L->arena.len;
      VB_TRY(vb_buf_append(&L->arena, L->arena.data + m.off, m.len));
      m.off = off;
    }
    VB_TRY(vb_buf_putc(&L->arena, ' '));
    VB_TRY(vb_buf_append(&L->arena, L->arena.data + g->off, g->len));
    m.len = L->arena.len - m.off;
    m.x0 = fminf(m.x0, g->x0), m.x1 = fmaxf(m.x1, g->x1);
    m.y0 = fminf(m.y0, g->y0), m.y1 = fmaxf(m.y1, g->y1);
    m.flags &= g->flags;
  }
  return k ? push_item(it, &m, ctx, c->x0, c->x1, page) : VB_OK;
}

/* The first segment of row r in column c, or NULL. */
static const vb_lseg *first_in(const vb_layout *L, const vb_lrow *r, const span *c) {
  for (size_t s = r->seg0; s < r->seg0 + r->nseg; s++)
    if (L->segs[s].x0 <= c->x1 && L->segs[s].x1 >= c->x0) return &L->segs[s];
  return NULL;
}

/* The rows i..j-1 of page p (body rows only) as a block of cells: bands of
** rows split at wide vertical gaps, and in each band the cells left to
** right.  *ctx numbers the cells. */
static vb_status emit_block(vb_layout *L, vb_lrow *const *rows, size_t i,
                            size_t j, const span *c, size_t nc, size_t page,
                            items *it, size_t *ctx) {
  size_t b0 = i;
  while (b0 < j) {
    size_t b1 = b0 + 1;
    for (; b1 < j; b1++) {
      const vb_lseg *f = first_in(L, rows[b1], &c[0]);
      if (rows[b1]->y0 - rows[b1 - 1]->y1 >=
              BAND_GAP * fmaxf(rows[b1]->size, rows[b1 - 1]->size) ||
          (f && starts_number(L->arena.data + f->off, f->len)) ||
          /* a table's row border across its first two columns */
          rule_between(L, &L->pages[page], 0, rows[b1 - 1]->base,
                        rows[b1]->y0 + 0.5f * rows[b1]->size, c[0].x1, c[1].x0))
        break;
    }
    for (size_t col = 0; col < nc; col++) {
      ++*ctx;
      for (size_t r = b0; r < b1; r++)
        VB_TRY(push_cell_row(L, rows[r], &c[col], *ctx, page, it));
    }
    b0 = b1;
  }
  return VB_OK;
}

/* The items of page p in reading order. */
static vb_status page_items(vb_layout *L, size_t p, items *it, size_t *ctx) {
  const vb_lpage *pg = &L->pages[p];
  vb_lrow **rows = vb_malloc((pg->nrow + 1) * sizeof *rows);
  if (!rows) return VB_ENOMEM;
  size_t n = 0;
  float left = 1e30f, right = -1e30f, wl = 1e30f, wr = -1e30f;
  for (size_t i = 0; i < pg->nrow; i++) {
    vb_lrow *r = &L->rows[pg->row0 + i];
    if (r->furniture) continue;
    rows[n++] = r;
    for (size_t s = r->seg0; s < r->seg0 + r->nseg; s++) {
      left = fminf(left, L->segs[s].x0);
      right = fmaxf(right, L->segs[s].x1);
    }
  }
  /* the body's margins: those of the rows that fill most of the width */
  for (size_t i = 0; i < n; i++) {
    const vb_lseg *g = &L->segs[rows[i]->seg0];
    if (rows[i]->nseg == 1 && g->x1 - g->x0 > 0.6f * (right - left))
      wl = fminf(wl, g->x0), wr = fmaxf(wr, g->x1);
  }
  if (wl < wr) left = wl, right = wr;
  vb_status rc = VB_OK;
  span c[MAX_COLS], t[MAX_COLS];
  for (size_t i = 0; i < n && rc == VB_OK;) {
    vb_lrow *r = rows[i];
    size_t nc = 0, j = i + 1;
    int ok = 1;
    for (size_t s = r->seg0; s < r->seg0 + r->nseg && ok; s++)
      ok = merge_span(c, &nc, L->segs[s].x0, L->segs[s].x1);
    if (ok && nc >= 2) { /* side by side: how far does the block go? */
      for (; j < n; j++) {
        const vb_lrow *q = rows[j];
        float gap = q->y0 - rows[j - 1]->y1, sz = fmaxf(q->size, rows[j - 1]->size);
        if (gap > (q->nseg > 1 ? BLOCK_GAP : BAND_GAP) * sz) break;
        size_t nt = nc;
        memcpy(t, c, nc * sizeof *c);
        int fits = 1;
        for (size_t s = q->seg0; s < q->seg0 + q->nseg && fits; s++)
          fits = merge_span(t, &nt, L->segs[s].x0, L->segs[s].x1);
        if (!fits || nt < nc) break; /* it spans a column boundary */
        /* a row alone (the trích yếu under the number) stays only in the
        ** first column, unless a rule says it is a table's */
        if (q->nseg == 1 && L->segs[q->seg0].x1 > c[0].x1 + q->size &&
            !rule_between(L, pg, 1, c[0].x1, c[1].x0, q->y0 + 1, q->y1 - 1))
          break;
        memcpy(c, t, nt * sizeof *t);
        nc = nt;
      }
    }
    if (ok && nc >= 2 && j - i >= 2) {
      rc = emit_block(L, rows, i, j, c, nc, p, it, ctx);
    } else {
      j = i + 1;
      for (size_t s = r->seg0; s < r->seg0 + r->nseg && rc == VB_OK; s++)
        rc = push_item(it, &L->segs[s], s == r->seg0 ? 0 : ++*ctx, left, right, p);
    }
    i = j;
  }
  vb_free(rows);
  return rc;
}

/**************************************************************************
** Paragraphs
*/

/* 1 if a line starting with s begins a new item: "-", "+", "•", "a)",
** "1.", "IV.", "Điều", "Chương", "Mục", "Phần". */
static int starts_item(const char *s, size_t n) {
  static const char *const words[] = {"Điều ", "Chương ", "Mục ", "Phần ",
                                      "Căn cứ ", "Nơi nhận", "V/v", "Kính gửi",
                                      NULL};
  if (!n) return 0;
  unsigned char c = (unsigned char)s[0];
  if (c == '-' || c == '+' || c == '*') return 1;
  if (n >= 3 && (memcmp(s, "\xE2\x80\x93", 3) == 0 ||   /* – */
                 memcmp(s, "\xE2\x80\xA2", 3) == 0))    /* • */
    return 1;
  size_t i = 0;
  while (i < n && s[i] >= '0' && s[i] <= '9') i++;
  if (i && i <= 3 && i < n && (s[i] == '.' || s[i] == ')')) return 1;
  i = 0;
  while (i < n && strchr("IVXL", s[i])) i++;
  if (i && i <= 5 && i < n && s[i] == '.') return 1;
  if (n >= 2 && c >= 'a' && c <= 'z' && s[1] == ')') return 1;
  for (int k = 0; words[k]; k++) {
    size_t m = strlen(words[k]);
    if (n >= m && memcmp(s, words[k], m) == 0) return 1;
  }
  return 0;
}

/* 1 if a line in capitals ends where its phrase cannot: after a comma,
** a dash or "VÀ" (a name of a body wrapped in a header cell). */
static int ends_open(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] >= 'a' && s[i] <= 'z') return 0;
  return (n >= 1 && (s[n - 1] == ',' || s[n - 1] == '-')) ||
         (n >= 4 && memcmp(s + n - 4, " V\xC3\x80", 4) == 0);
}

/* 1 if item b continues the paragraph of item a. */
static int continues(const vb_layout *L, const item *a, const item *b) {
  const vb_lseg *x = &a->s, *y = &b->s;
  float sz = fmaxf(x->size, y->size);
  if (a->ctx != b->ctx) return 0;
  if (a->page == b->page) {
    if (y->y0 <= x->y0 || y->y0 - x->y1 > LINE_GAP * sz) return 0;
  } else if (b->page != a->page + 1) {
    return 0;
  }
  if (fabsf(x->size - y->size) > 0.15f * sz) return 0;
  if ((x->flags ^ y->flags) & VB_LW_BOLD) return 0;
  const char *tx = L->arena.data + x->off, *ty = L->arena.data + y->off;
  if (ends_open(tx, x->len)) return 1; /* "CỤC ĐỔI MỚI SÁNG TẠO," */
  /* a page of a few short lines: its widest line does not reach an edge */
  if (a->ctx == 0 && a->right - a->left < NARROW_PAGE * sz) return 0;
  if (x->x1 < a->right - EDGE_TOL * sz) return 0;
  if (fabsf(y->x0 - b->left) > LEFT_TOL * sz) return 0;
  if (x->len && tx[x->len - 1] == ':') return 0;
  int lower = 0; /* a line in capitals is a heading, never wrapped */
  for (size_t i = 0; i < x->len && !lower; i++) lower = tx[i] >= 'a' && tx[i] <= 'z';
  return lower && !starts_item(ty, y->len);
}

vb_status vb_layout_finish(vb_layout *L, vb_buf *body, vb_buf *extra,
                           size_t *page_line) {
  items it = {0};
  size_t ctx = 0, line = 1;
  vb_buf key, keys; /* furniture lines without digits, seen so far */
  vb_buf_init(&key, VB_CAP_LINE);
  vb_buf_init(&keys, VB_CAP_TEXT);
  vb_status rc = mark_furniture(L);
  for (size_t p = 0; p < L->npages && rc == VB_OK; p++) {
    const vb_lpage *pg = &L->pages[p];
    for (size_t i = 0; i < pg->nrow && rc == VB_OK; i++) {
      const vb_lrow *r = &L->rows[pg->row0 + i];
      if (!r->furniture) continue;
      for (size_t s = r->seg0; s < r->seg0 + r->nseg && rc == VB_OK; s++) {
        const vb_lseg *g = &L->segs[s];
        const char *t = L->arena.data + g->off;
        /* the same header once (whatever its page number says); bare
        ** page numbers are dropped */
        if (is_page_number(t, g->len)) continue;
        vb_buf_reset(&key);
        for (size_t k = 0; k < g->len && rc == VB_OK; k++)
          if (t[k] < '0' || t[k] > '9') rc = vb_buf_putc(&key, t[k]);
        if (rc == VB_OK) rc = vb_buf_putc(&key, '\n');
        if (rc != VB_OK) break;
        int seen = 0;
        for (size_t k = 0; k + key.len <= keys.len && !seen; k++)
          seen = (k == 0 || keys.data[k - 1] == '\n') &&
                 memcmp(keys.data + k, key.data, key.len) == 0;
        if (!seen) rc = vb_buf_append(&keys, key.data, key.len);
        if (!seen) {
          rc = vb_buf_append(extra, t, g->len);
          if (rc == VB_OK) rc = vb_buf_putc(extra, '\n');
        }
      }
    }
  }
  for (size_t p = 0; p < L->npages && rc == VB_OK; p++) {
    size_t first = it.n;
    rc = page_items(L, p, &it, &ctx);
    page_line[p] = line;
    for (size_t i = first; i < it.n && rc == VB_OK; i++) {
      const item *b = &it.v[i];
      int join = i > 0 && continues(L, &it.v[i - 1], b);
      if (join) {
        rc = vb_buf_putc(body, ' ');
      } else if (i > 0) {
        rc = vb_buf_putc(body, '\n');
        line++;
      }
      if (i == first && !join) page_line[p] = line;
      if (i == first && join) page_line[p] = line + 1;
      if (rc == VB_OK)
        rc = vb_buf_append(body, L->arena.data + b->s.off, b->s.len);
    }
  }
  if (rc == VB_OK && it.n) rc = vb_buf_putc(body, '\n');
  vb_free(it.v);
  vb_buf_free(&key);
  vb_buf_free(&keys);
  return rc;
}
