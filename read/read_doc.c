/*
** read_doc.c: the Word 97-2003 reader (vb_reader_doc, .doc).
**
** The file is an OLE compound file, opened with libgsf (GsfInfileMSOle,
** which follows the sector chains and refuses loops; loaded on the first
** .doc, see gsf_load()); the streams are then
** read here, by the Word binary format:
**
**   - The FIB at the start of the WordDocument stream gives the lengths of
**     the stories (main text, footnotes, headers, comments, endnotes, text
**     boxes, header text boxes, in that CP order), which of 0Table/1Table
**     holds the tables, and the places of the piece table (CLX), the font
**     table (SttbfFfn), the style sheet (STSH) and the character and
**     paragraph property pages (PlcfBteChpx, PlcfBtePapx).
**   - The piece table maps character positions to the text: 8-bit pieces
**     (Windows-1252) and UTF-16 pieces.
**   - Text: a paragraph mark (13), a cell mark (7), a page or section break
**     (12) end a line; a line break (11) too; a tab stays a tab; fields show
**     their result, never their code (19 begin .. 20 separator .. 21 end,
**     nested); pictures, objects and note reference marks are dropped; a
**     non-breaking hyphen (30) is "-", an optional hyphen (31) nothing.
**     Table cells: every cell on its own line (empty cells and the end of
**     row marks give no line), as the DOCX reader gives them.
**   - Stories: the main text, then footnotes, endnotes and text boxes, make
**     the body; headers and footers (and their text boxes) go to extra,
**     each distinct line once (at most DOC_MAX_EXTRA bytes).  Comments are
**     not read.
**   - Character properties: text marked deleted (tracked changes) and
**     hidden text are left out; the font of each run (from the run, else
**     its paragraph's style, else the document default) says whether the
**     run is legacy TCVN3 or VNI text (common/legacy.h), which is converted
**     run by run.  A font's legacy reading is used only when it gives more
**     Vietnamese syllables than the text as stored (a Unicode document may
**     still name .VnTime); vb_doc.encoding names what was converted.
**
** Refused with a reason: an encrypted or obfuscated document, a compound
** file without a WordDocument stream (an encrypted DOCX says so), Word 6/95
** and older, a damaged FIB, piece table or compound file.  Bounds: streams
** at most DOC_MAX_STREAM bytes, DOC_MAX_PIECES pieces, DOC_MAX_RUNS
** property runs, field nesting DOC_MAX_FIELDS deep, DOC_MAX_WORK characters
** visited (pieces that overlap cannot multiply the work).
*/
#include <glib.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-input.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "dynlib.h"
#include "legacy.h"
#include "text.h"
#include "reader.h"

#define DOC_MAX_STREAM ((size_t)128 << 20) /* one stream, read whole */
#define DOC_MAX_PIECES 100000              /* pieces in the piece table */
#define DOC_MAX_RUNS 1000000               /* character/paragraph runs */
#define DOC_MAX_FONTS 4096                 /* fonts in the font table */
#define DOC_MAX_STYLES 4096                /* styles in the style sheet */
#define DOC_MAX_FIELDS 64                  /* nested fields */
#define DOC_MAX_WORK ((uint64_t)64 << 20)  /* characters visited per pass */
#define DOC_MAX_EXTRA ((size_t)1 << 20)   /* header and footer text */
#define DOC_SEG 4096                       /* text converted at a time */
#define DOC_SAMPLE ((size_t)64 << 10)      /* text per font judged */

static const unsigned char ole_magic[8] = {0xD0, 0xCF, 0x11, 0xE0,
                                           0xA1, 0xB1, 0x1A, 0xE1};

/* ---- Little-endian access with bounds --------------------------------- */

typedef struct span {
  const unsigned char *p;
  size_t n;
} span;

static uint32_t rd16(span s, size_t off) {
  return off + 2 <= s.n ? (uint32_t)(s.p[off] | s.p[off + 1] << 8) : 0;
}

static uint32_t rd32(span s, size_t off) {
  return off + 4 <= s.n ? (uint32_t)s.p[off] | (uint32_t)s.p[off + 1] << 8 |
                              (uint32_t)s.p[off + 2] << 16 |
                              (uint32_t)s.p[off + 3] << 24
                        : 0;
}

/* The sub-span s[off..off+len), or an empty span when it does not fit. */
static span sub(span s, size_t off, size_t len) {
  span r = {NULL, 0};
  if (off <= s.n && len <= s.n - off) {
    r.p = s.p + off;
    r.n = len;
  }
  return r;
}

/* ---- Document model -------------------------------------------------- */

typedef struct piece {
  uint32_t cp, cp_end;  /* character positions [cp, cp_end) */
  uint32_t fc;          /* byte offset in WordDocument */
  int compressed;       /* 8-bit (Windows-1252) text */
} piece;

typedef struct run {    /* character or paragraph properties of bytes */
  uint32_t fc, fc_end;  /* [fc, fc_end) in WordDocument */
  int font;             /* font index, -1 = not set */
  int istd;             /* paragraph runs: style; character runs: -1 */
  int hidden;           /* deleted (tracked) or hidden text */
} run;

typedef struct doc {
  span wd, tbl;          /* WordDocument and the table stream */
  piece *pieces;
  size_t npieces;
  run *chp, *pap;        /* sorted by fc */
  size_t nchp, npap;
  vb_legacy fonts[DOC_MAX_FONTS];
  size_t nfonts;
  int *style_font;       /* per style: font index or -1 */
  size_t nstyles;
  int default_font;
  /* Text assembly. */
  vb_buf body, notes, extra, line;
  int target;            /* 0 body, 1 notes, 2 extra */
  vb_buf seg;            /* text of the current font encoding */
  vb_legacy seg_enc;
  int fields[DOC_MAX_FIELDS];  /* 1 while in a field's code */
  int nfields;
  /* Judging legacy fonts: pass 0 gathers text per encoding. */
  int pass;
  uint64_t work;                /* characters visited in this pass */
  vb_buf sample[VB_LEGACY_COUNT];
  int use[VB_LEGACY_COUNT];     /* convert runs of this encoding */
  size_t runs[VB_LEGACY_COUNT]; /* segments converted */
  vb_status rc;
  vb_error err;
} doc;

static void doc_fail(doc *d, vb_status rc, const char *msg) {
  if (d->rc == VB_OK) {
    d->rc = rc;
    vb_error_set(&d->err, rc, "%s", msg);
  }
}

/* ---- Compound file --------------------------------------------------- */

/* libgsf (and the GLib libraries it pulls in) is loaded with dlopen() on
** the first .doc, not linked: a process that reads no .doc does not pay for
** loading some ten libraries when it starts (see README, "Formats"). */
#define GSF_LIB "libgsf-1.so.114"
#define GSF_FUNCS(X) \
  X(gsf_input_memory_new) X(gsf_infile_msole_new) X(gsf_infile_num_children) \
  X(gsf_infile_name_by_index) X(gsf_infile_child_by_name) X(gsf_input_size) \
  X(gsf_input_read) X(g_object_unref) X(g_error_free) X(g_log_set_handler)

/* libgsf's entry points, loaded on the first .doc (gsf_init silences
** its log). */
typedef struct { VB_DYNLIB_DECLS(GSF_FUNCS) } vb_dynlib_table_t;
static vb_dynlib_table_t G;
static const vb_dynlib_sym g_gsf_syms[] = {GSF_FUNCS(VB_DYNLIB_SYM)};
static const char *const g_gsf_names[] = {GSF_LIB, NULL};
static void gsf_init(void);
static vb_dynlib g_gsf = VB_DYNLIB_INIT(g_gsf_names, "libgsf-1-114", g_gsf_syms,
                                        &G, gsf_init, VB_EFORMAT);

/* libgsf reports damaged files through GLib's log; the library must not
** print, so its messages are dropped (errors come back as GError). */
static void quiet_log(const gchar *domain, GLogLevelFlags level,
                      const gchar *msg, gpointer data) {
  (void)domain, (void)level, (void)msg, (void)data;
}

/* Silence libgsf's log once it is loaded. */
static void gsf_init(void) {
  static const char *const domains[] = {NULL, "libgsf:msole", "libgsf",
                                        "GLib", "GLib-GObject"};
  for (size_t i = 0; i < sizeof domains / sizeof domains[0]; i++)
    G.g_log_set_handler(domains[i],
                        G_LOG_LEVEL_MASK & ~G_LOG_LEVEL_ERROR, quiet_log, NULL);
}

/* Read stream `name` whole into *out (vb_malloc'd).  VB_ENOTFOUND if the
** file has no such stream. */
static vb_status read_stream(GsfInfile *ole, const char *name,
                             unsigned char **out, size_t *n, vb_error *err) {
  *out = NULL;
  *n = 0;
  int found = 0;
  for (int i = 0; i < G.gsf_infile_num_children(ole) && !found; i++) {
    const char *child = G.gsf_infile_name_by_index(ole, i);
    found = child && !strcmp(child, name);
  }
  if (!found) return VB_ENOTFOUND;
  GsfInput *in = G.gsf_infile_child_by_name(ole, name);
  if (!in)
    return vb_error_set(err, VB_ECORRUPT,
                        "damaged compound file (stream %s cannot be opened)",
                        name);
  gsf_off_t size = G.gsf_input_size(in);
  if (size < 0 || (uint64_t)size > DOC_MAX_STREAM) {
    G.g_object_unref(in);
    return vb_error_set(err, VB_ELIMIT, "stream %s larger than %zu MiB", name,
                        DOC_MAX_STREAM >> 20);
  }
  unsigned char *buf = vb_malloc((size_t)size + 1);
  if (!buf) {
    G.g_object_unref(in);
    return vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  size_t got = 0;
  while (got < (size_t)size) {
    size_t chunk = (size_t)size - got > 65536 ? 65536 : (size_t)size - got;
    if (!G.gsf_input_read(in, chunk, buf + got)) {
      G.g_object_unref(in);
      vb_free(buf);
      return vb_error_set(err, VB_ECORRUPT,
                          "damaged compound file (stream %s cannot be read)",
                          name);
    }
    got += chunk;
  }
  G.g_object_unref(in);
  *out = buf;
  *n = got;
  return VB_OK;
}

/* ---- FIB, pieces, properties ----------------------------------------- */

/* FibRgFcLcb97 pair i: (fc, lcb) in the table stream. */
static span fib_blob(doc *d, size_t base, unsigned i) {
  uint32_t fc = rd32(d->wd, base + 8 * i);
  uint32_t lcb = rd32(d->wd, base + 8 * i + 4);
  return sub(d->tbl, fc, lcb);
}

/* Parse the CLX into the piece list. */
static vb_status read_pieces(doc *d, span clx) {
  size_t i = 0;
  while (i < clx.n && clx.p[i] == 0x01) { /* Prc: property modifiers */
    size_t cb = rd16(clx, i + 1);
    i += 3 + cb;
  }
  if (i + 5 > clx.n || clx.p[i] != 0x02) {
    doc_fail(d, VB_ECORRUPT, "damaged Word document (no piece table)");
    return d->rc;
  }
  uint32_t lcb = rd32(clx, i + 1);
  span plc = sub(clx, i + 5, lcb);
  if (!plc.p || plc.n < 16 || (plc.n - 4) % 12) {
    doc_fail(d, VB_ECORRUPT, "damaged Word document (bad piece table)");
    return d->rc;
  }
  size_t n = (plc.n - 4) / 12;
  if (n > DOC_MAX_PIECES) {
    doc_fail(d, VB_ELIMIT, "Word document with too many pieces of text");
    return d->rc;
  }
  d->pieces = vb_calloc(n, sizeof *d->pieces);
  if (!d->pieces) {
    doc_fail(d, VB_ENOMEM, "out of memory");
    return d->rc;
  }
  for (size_t k = 0; k < n; k++) {
    piece *p = &d->pieces[d->npieces];
    p->cp = rd32(plc, 4 * k);
    p->cp_end = rd32(plc, 4 * k + 4);
    uint32_t fc = rd32(plc, 4 * (n + 1) + 8 * k + 2);
    p->compressed = (fc >> 30) & 1;
    p->fc = p->compressed ? (fc & 0x3FFFFFFF) / 2 : fc & 0x3FFFFFFF;
    if (p->cp_end <= p->cp) continue; /* empty or out of order: skip */
    /* Text beyond the stream is cut to what is there. */
    uint64_t bytes = (uint64_t)(p->cp_end - p->cp) * (p->compressed ? 1 : 2);
    if (p->fc >= d->wd.n) continue;
    if (p->fc + bytes > d->wd.n)
      p->cp_end = p->cp + (uint32_t)((d->wd.n - p->fc) /
                                     (p->compressed ? 1 : 2));
    d->npieces++;
  }
  return VB_OK;
}

/* Operand size of a sprm at g[i] (the sprm itself excluded), or 0 when it
** runs past the end. */
static size_t sprm_len(span g, size_t i, uint32_t sprm) {
  switch (sprm >> 13) {
    case 0: case 1: return 1;
    case 2: case 4: case 5: return 2;
    case 3: return 4;
    case 7: return 3;
    default:
      if (sprm == 0xD608) /* sprmTDefTable: 2-byte size */
        return i + 3 < g.n ? 2 + rd16(g, i + 2) - 1 : 0;
      return i + 2 < g.n ? 1 + (size_t)g.p[i + 2] : 0;
  }
}

/* Apply the character sprms of grpprl g to font/hidden. */
static void apply_chp(span g, int *font, int *hidden) {
  size_t i = 0;
  while (i + 2 <= g.n) {
    uint32_t sprm = rd16(g, i);
    size_t len = sprm_len(g, i, sprm);
    if (!len || i + 2 + len > g.n) break;
    const unsigned char *op = g.p + i + 2;
    switch (sprm) {
      case 0x4A4F: /* sprmCRgFtc0: font of ASCII text */
        *font = op[0] | op[1] << 8;
        break;
      case 0x0800: /* sprmCFRMarkDel: deleted (tracked change) */
      case 0x083C: /* sprmCFVanish: hidden text */
        if (op[0] == 1) *hidden = 1;
        else if (op[0] == 0) *hidden = 0;
        break;
      default: break;
    }
    i += 2 + len;
  }
}

/* Append a run to *list (growing it). */
static int add_run(doc *d, run **list, size_t *n, size_t *cap, run r) {
  if (*n >= DOC_MAX_RUNS) {
    doc_fail(d, VB_ELIMIT, "Word document with too many formatting runs");
    return 0;
  }
  if (vb_grow(list, cap, *n + 1, sizeof **list) != VB_OK) {
    doc_fail(d, VB_ENOMEM, "out of memory");
    return 0;
  }
  (*list)[(*n)++] = r;
  return 1;
}

/* Read the formatted disk pages listed by a PlcfBte (chpx or papx). */
static void read_fkps(doc *d, span bte, int papx, run **list, size_t *n) {
  size_t cap = 0;
  if (bte.n < 8 || (bte.n - 4) % 8) return;
  size_t npn = (bte.n - 4) / 8;
  for (size_t k = 0; k < npn && d->rc == VB_OK; k++) {
    uint32_t pn = rd32(bte, 4 * (npn + 1) + 4 * k);
    span page = sub(d->wd, (size_t)pn * 512, 512);
    if (!page.p) continue;
    unsigned crun = page.p[511];
    size_t entry = papx ? 13 : 1;
    if (4 * (crun + 1) + entry * crun > 511) continue;
    for (unsigned r = 0; r < crun; r++) {
      run x = {rd32(page, 4 * r), rd32(page, 4 * r + 4), -1, -1, 0};
      unsigned off = 2u * page.p[4 * (crun + 1) + entry * r];
      if (off && off < 511) {
        if (papx) {
          unsigned cb = page.p[off];
          size_t len = cb ? 2 * cb - 1 : 2u * page.p[off + 1];
          size_t at = cb ? off + 1 : off + 2;
          span g = sub(page, at, len);
          if (g.n >= 2) x.istd = (int)rd16(g, 0);
        } else {
          span g = sub(page, off + 1, page.p[off]);
          apply_chp(g, &x.font, &x.hidden);
        }
      }
      if (x.fc_end > x.fc && !add_run(d, list, n, &cap, x)) return;
    }
  }
}

/* The run holding byte fc, or NULL. */
static const run *find_run(const run *list, size_t n, uint32_t fc) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (list[mid].fc_end <= fc) lo = mid + 1;
    else if (list[mid].fc > fc) hi = mid;
    else return &list[mid];
  }
  return NULL;
}

static int run_cmp(const void *a, const void *b) {
  const run *x = a, *y = b;
  return x->fc < y->fc ? -1 : x->fc > y->fc;
}

/* Read the font table: the legacy encoding of each font. */
static void read_fonts(doc *d, span sttb) {
  size_t count = rd16(sttb, 0), i = 4;
  for (size_t k = 0; k < count && k < DOC_MAX_FONTS && i < sttb.n; k++) {
    size_t cch = sttb.p[i];
    span ffn = sub(sttb, i + 1, cch);
    char name[128];
    size_t len = 0;
    for (size_t j = 39; j + 1 < ffn.n && len + 4 < sizeof name; j += 2) {
      uint32_t u = rd16(ffn, j);
      if (!u) break;
      name[len++] = u < 0x80 ? (char)u : '?';
    }
    name[len] = '\0';
    d->fonts[d->nfonts++] = vb_legacy_for_font(name);
    i += 1 + cch;
  }
}

/* Read the style sheet: the font of each style (following istdBase) and
** the document's default font. */
static void read_styles(doc *d, span stsh) {
  size_t cbstshi = rd16(stsh, 0);
  span stshi = sub(stsh, 2, cbstshi);
  size_t cstd = rd16(stshi, 0), cbbase = rd16(stshi, 2);
  d->default_font = stshi.n >= 14 ? (int)rd16(stshi, 12) : -1;
  if (cstd > DOC_MAX_STYLES) cstd = DOC_MAX_STYLES;
  d->style_font = vb_calloc(cstd ? cstd : 1, sizeof *d->style_font);
  int *base = vb_calloc(cstd ? cstd : 1, sizeof *base);
  if (!d->style_font || !base) {
    vb_free(base);
    doc_fail(d, VB_ENOMEM, "out of memory");
    return;
  }
  d->nstyles = cstd;
  size_t i = 2 + cbstshi;
  for (size_t k = 0; k < cstd; k++) {
    d->style_font[k] = -1;
    base[k] = -1;
    size_t cb = rd16(stsh, i);
    span std = sub(stsh, i + 2, cb);
    i += 2 + cb;
    if (std.n < cbbase || cbbase < 10) continue;
    unsigned stk = rd16(std, 2) & 0xF, istd_base = rd16(std, 2) >> 4;
    unsigned cupx = rd16(std, 4) & 0xF;
    base[k] = istd_base == 0xFFF ? -1 : (int)istd_base;
    size_t at = cbbase;
    size_t cch = rd16(std, at);
    at += 2 + 2 * (cch + 1);
    for (unsigned u = 0; u < cupx && at + 2 <= std.n; u++) {
      size_t cbupx = rd16(std, at);
      span upx = sub(std, at + 2, cbupx);
      /* Paragraph styles: PAPX then CHPX; character styles: CHPX. */
      if ((stk == 1 && u == 1) || (stk == 2 && u == 0)) {
        int hidden = 0;
        apply_chp(upx, &d->style_font[k], &hidden);
      }
      at += 2 + cbupx + (cbupx & 1);
    }
  }
  /* Inherit fonts along istdBase chains (bounded: cycles stop). */
  for (size_t k = 0; k < cstd; k++) {
    int s = (int)k;
    for (int hops = 0; hops < 32 && d->style_font[k] < 0; hops++) {
      s = base[s];
      if (s < 0 || (size_t)s >= cstd) break;
      d->style_font[k] = d->style_font[s];
    }
  }
  vb_free(base);
}

/* ---- Text assembly --------------------------------------------------- */

static void put(doc *d, vb_buf *b, const void *p, size_t n) {
  if (d->rc == VB_OK && vb_buf_append(b, p, n) != VB_OK)
    doc_fail(d, b->len + n > b->max ? VB_ELIMIT : VB_ENOMEM,
             b->len + n > b->max ? "text longer than the limit"
                                 : "out of memory");
}

/* Convert the pending segment into the line. */
static void flush_seg(doc *d) {
  if (!d->seg.len) return;
  vb_legacy enc = d->seg_enc;
  if (d->pass == 0) {
    vb_buf *s = &d->sample[enc];
    if (s->len < DOC_SAMPLE) {
      put(d, s, d->seg.data, d->seg.len);
      put(d, s, " ", 1);
    }
  } else if (enc != VB_LEGACY_NONE && d->use[enc]) {
    vb_error e;
    vb_status rc = vb_legacy_recode(enc, d->seg.data, d->seg.len, &d->line,
                                    &e);
    if (rc != VB_OK) doc_fail(d, rc, e.msg);
    d->runs[enc]++;
  } else { /* as stored, without soft hyphens (U+00AD) */
    const char *s = d->seg.data, *end = s + d->seg.len, *h;
    while ((h = memchr(s, 0xC2, (size_t)(end - s))) && h + 1 < end) {
      if ((unsigned char)h[1] == 0xAD) {
        put(d, &d->line, s, (size_t)(h - s));
        s = h + 2;
      } else {
        put(d, &d->line, s, (size_t)(h + 1 - s));
        s = h + 1;
      }
    }
    put(d, &d->line, s, (size_t)(end - s));
  }
  vb_buf_reset(&d->seg);
}

/* 1 if the extra text already holds the line l[0..n). */
static int in_extra(const doc *d, const char *l, size_t n) {
  const char *s = d->extra.data, *end = s + d->extra.len;
  while (s && s < end) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    if (!nl) break;
    if ((size_t)(nl - s) == n && memcmp(s, l, n) == 0) return 1;
    s = nl + 1;
  }
  return 0;
}

/* End the current line.  keep_empty: an empty line is kept (an empty
** paragraph of the body); cells and breaks give no empty lines. */
static void end_line(doc *d, int keep_empty) {
  flush_seg(d);
  vb_buf *l = &d->line;
  while (l->len && (l->data[l->len - 1] == ' ' || l->data[l->len - 1] == '\t'))
    l->len--;
  if (d->pass == 1 && (l->len || (keep_empty && d->target != 2))) {
    vb_buf *out = d->target == 0 ? &d->body
                  : d->target == 1 ? &d->notes : &d->extra;
    if (d->target != 2 ||
        (out->len + l->len + 1 <= out->max && /* more is dropped */
         !in_extra(d, l->data ? l->data : "", l->len))) {
      put(d, out, l->data ? l->data : "", l->len);
      put(d, out, "\n", 1);
    }
  }
  vb_buf_reset(l);
}

/* Add one character (a code point of the stored text) in encoding enc. */
static void add_char(doc *d, uint32_t c, vb_legacy enc) {
  /* A long segment is cut before an ASCII character, never between a VNI
  ** letter and its mark (or, failing that, at twice the length). */
  if (enc != d->seg_enc || (d->seg.len >= DOC_SEG && c < 0x80) ||
      d->seg.len >= 2 * DOC_SEG) {
    flush_seg(d);
    d->seg_enc = enc;
  }
  utf8proc_uint8_t b[4];
  utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)c, b);
  if (k > 0) put(d, &d->seg, b, (size_t)k);
}

/* The encoding of the run at fc (paragraph style and defaults applied). */
static vb_legacy run_encoding(doc *d, uint32_t fc) {
  const run *r = find_run(d->chp, d->nchp, fc);
  int font = r ? r->font : -1;
  if (font < 0) {
    const run *p = find_run(d->pap, d->npap, fc);
    if (p && p->istd >= 0 && (size_t)p->istd < d->nstyles)
      font = d->style_font[p->istd];
  }
  if (font < 0 && d->nstyles) font = d->style_font[0];
  if (font < 0) font = d->default_font;
  return font >= 0 && (size_t)font < d->nfonts ? d->fonts[font]
                                               : VB_LEGACY_NONE;
}

/* Read characters [from, to) of the text into the current target. */
static void read_story(doc *d, uint32_t from, uint32_t to) {
  d->nfields = 0;
  for (size_t k = 0; k < d->npieces && d->rc == VB_OK; k++) {
    const piece *p = &d->pieces[k];
    uint32_t a = p->cp > from ? p->cp : from;
    uint32_t b = p->cp_end < to ? p->cp_end : to;
    /* Pieces may overlap: the characters visited are counted. */
    if (b > a && (d->work += b - a) > DOC_MAX_WORK) {
      doc_fail(d, VB_ELIMIT,
               "Word document whose pieces repeat more than 64 Mi "
               "characters");
      return;
    }
    for (uint32_t cp = a; cp < b && d->rc == VB_OK; cp++) {
      uint32_t fc = p->fc + (cp - p->cp) * (p->compressed ? 1 : 2);
      uint32_t c;
      if (p->compressed) {
        c = vb_legacy_cp1252(d->wd.p[fc]);
      } else {
        c = rd16(d->wd, fc);
        if (c >= 0xD800 && c <= 0xDBFF && cp + 1 < b) {
          uint32_t lo = rd16(d->wd, fc + 2);
          if (lo >= 0xDC00 && lo <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
            cp++;
          }
        }
        if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;
      }
      /* Fields: 19 begin (code follows), 20 separator (result follows),
      ** 21 end. */
      if (c == 0x13) {
        if (d->nfields < DOC_MAX_FIELDS) d->fields[d->nfields] = 1;
        d->nfields++;
        continue;
      }
      if (c == 0x14) {
        if (d->nfields && d->nfields <= DOC_MAX_FIELDS)
          d->fields[d->nfields - 1] = 0;
        continue;
      }
      if (c == 0x15) {
        if (d->nfields) d->nfields--;
        continue;
      }
      int in_code = 0;
      for (int f = 0; f < d->nfields && f < DOC_MAX_FIELDS; f++)
        in_code |= d->fields[f];
      if (in_code) continue;
      const run *r = find_run(d->chp, d->nchp, fc);
      int hidden = r && r->hidden;
      if (c == 0x0D || c == 0x0C) { /* paragraph, page/section break */
        if (!hidden) end_line(d, c == 0x0D);
        continue;
      }
      if (hidden) continue;
      if (c == 0x07 || c == 0x0B) { /* cell or row end, line break */
        end_line(d, 0);
        continue;
      }
      if (c == 0x09) {
        add_char(d, '\t', VB_LEGACY_NONE);
        continue;
      }
      if (c == 0x1E) c = '-';
      if (c == 0xA0) c = ' ';
      if (c < 0x20 || c == 0xFEFF) continue;
      add_char(d, c, run_encoding(d, fc));
    }
  }
  end_line(d, 0);
}

/* The stories in CP order, with where each goes (-1: not read). */
static void read_text(doc *d, const uint32_t ccp[8]) {
  static const int where[8] = {0, 1, 2, -1, 1, 1, 2, -1};
  uint32_t at = 0;
  for (int s = 0; s < 8 && d->rc == VB_OK; s++) {
    uint32_t end = at + ccp[s] < at ? UINT32_MAX : at + ccp[s];
    if (where[s] >= 0 && ccp[s]) {
      d->target = where[s];
      read_story(d, at, end);
    }
    at = end;
  }
}

/* After pass 0: convert an encoding's runs only when that gives more
** Vietnamese syllables than the stored text. */
static void judge_fonts(doc *d) {
  for (int e = 1; e < VB_LEGACY_COUNT; e++) {
    vb_buf *s = &d->sample[e];
    if (!s->len) continue;
    size_t w0 = 0, w1 = 0;
    double as_is = vb_vi_syllable_share(s->data, s->len, &w0);
    vb_buf conv;
    vb_buf_init(&conv, DOC_SAMPLE * 4);
    double converted = 0;
    if (vb_legacy_recode((vb_legacy)e, s->data, s->len, &conv, NULL) == VB_OK)
      converted = vb_vi_syllable_share(conv.data, conv.len, &w1);
    vb_buf_free(&conv);
    d->use[e] = w1 > 0 && converted > as_is;
  }
}

/* ---- Reader ---------------------------------------------------------- */

/* 1 if s[0..n) contains pat[0..m). */
static int has_bytes(const unsigned char *s, size_t n, const char *pat,
                     size_t m) {
  for (size_t i = 0; i + m <= n; i++)
    if (s[i] == (unsigned char)pat[0] && memcmp(s + i, pat, m) == 0) return 1;
  return 0;
}

static const char *const doc_ext[] = {"doc", "dot", NULL};

/* An OLE compound file (the directory is read by read()). */
static int doc_sniff(const unsigned char *h, size_t n) {
  return n >= 8 && memcmp(h, ole_magic, 8) == 0;
}

static void doc_free(doc *d) {
  vb_free(d->pieces);
  vb_free(d->chp);
  vb_free(d->pap);
  vb_free(d->style_font);
  vb_buf_free(&d->body);
  vb_buf_free(&d->notes);
  vb_buf_free(&d->extra);
  vb_buf_free(&d->line);
  vb_buf_free(&d->seg);
  for (int e = 0; e < VB_LEGACY_COUNT; e++) vb_buf_free(&d->sample[e]);
}

/* Parse the FIB and the tables it points to; fills ccp (story lengths). */
static vb_status read_fib(doc *d, GsfInfile *ole, unsigned char **tblbuf,
                          uint32_t ccp[8], vb_error *err) {
  span wd = d->wd;
  if (wd.n < 68 || rd16(wd, 0) != 0xA5EC)
    return vb_error_set(err, VB_ECORRUPT,
                        "damaged Word document (bad file information block)");
  uint32_t nfib = rd16(wd, 2);
  uint32_t flags = rd16(wd, 10);
  if (flags & 0x0100)
    return vb_error_set(err, VB_EFORMAT,
                        "password-protected document (encrypted Word file): "
                        "remove the password and save it again");
  if (flags & 0x8000)
    return vb_error_set(err, VB_EFORMAT,
                        "obfuscated Word document (XOR protection) is not "
                        "supported");
  if (nfib < 0x00C1 && nfib != 0x0065)
    return vb_error_set(err, VB_EFORMAT,
                        "Word 6/95 or older document is not supported (save "
                        "it as .docx)");
  size_t csw = rd16(wd, 32);
  size_t lw = 34 + 2 * csw;
  size_t cslw = rd16(wd, lw);
  size_t blob = lw + 2 + 4 * cslw + 2;
  size_t cbrg = rd16(wd, lw + 2 + 4 * cslw);
  if (cslw < 11 || cbrg < 34 || blob + 8 * 34 > wd.n)
    return vb_error_set(err, VB_ECORRUPT,
                        "damaged Word document (short file information "
                        "block)");
  for (int s = 0; s < 8; s++) ccp[s] = rd32(wd, lw + 2 + 4 * (3 + (size_t)s));
  size_t tn = 0;
  const char *table = (flags & 0x0200) ? "1Table" : "0Table";
  vb_status rc = read_stream(ole, table, tblbuf, &tn, err);
  if (rc == VB_ENOTFOUND)
    return vb_error_set(err, VB_ECORRUPT,
                        "damaged Word document (no %s stream)", table);
  if (rc != VB_OK) return rc;
  d->tbl.p = *tblbuf;
  d->tbl.n = tn;
  if (read_pieces(d, fib_blob(d, blob, 33)) != VB_OK) {
    *err = d->err;
    return d->rc;
  }
  read_fonts(d, fib_blob(d, blob, 15));
  read_styles(d, fib_blob(d, blob, 1));
  read_fkps(d, fib_blob(d, blob, 12), 0, &d->chp, &d->nchp);
  read_fkps(d, fib_blob(d, blob, 13), 1, &d->pap, &d->npap);
  if (d->rc != VB_OK) {
    *err = d->err;
    return d->rc;
  }
  if (d->nchp) qsort(d->chp, d->nchp, sizeof *d->chp, run_cmp);
  if (d->npap) qsort(d->pap, d->npap, sizeof *d->pap, run_cmp);
  return VB_OK;
}

/* Assemble the text (two passes: judge the fonts, then read) and fill
** the vb_doc. */
static vb_status doc_text(doc *d, const uint32_t ccp[8], const vb_limits *lim,
                          vb_doc *out, vb_error *err) {
  vb_buf_init(&d->body, lim->max_text_bytes);
  vb_buf_init(&d->notes, lim->max_text_bytes);
  vb_buf_init(&d->extra, DOC_MAX_EXTRA);
  vb_buf_init(&d->line, lim->max_text_bytes);
  vb_buf_init(&d->seg, DOC_SEG * 8);
  for (int e = 0; e < VB_LEGACY_COUNT; e++)
    vb_buf_init(&d->sample[e], DOC_SAMPLE * 2);
  d->pass = 0;
  read_text(d, ccp);
  judge_fonts(d);
  d->pass = 1;
  d->work = 0;
  if (d->rc == VB_OK) read_text(d, ccp);
  if (d->rc == VB_OK && d->notes.len)
    put(d, &d->body, d->notes.data, d->notes.len);
  if (d->rc != VB_OK) {
    *err = d->err;
    return d->rc;
  }
  vb_buf text;
  vb_buf_init(&text, lim->max_text_bytes);
  vb_status rc = vb_text_nfc(d->body.data ? d->body.data : "", d->body.len,
                             &text, err);
  if (rc == VB_OK) out->text = vb_buf_take(&text, &out->text_len);
  vb_buf_free(&text);
  if (rc == VB_OK && !out->text) rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  if (rc == VB_OK && d->extra.len) {
    vb_buf x;
    vb_buf_init(&x, VB_CAP_TEXT);
    rc = vb_text_nfc(d->extra.data, d->extra.len, &x, err);
    if (rc == VB_OK) out->extra = vb_buf_take(&x, &out->extra_len);
    vb_buf_free(&x);
  }
  if (rc == VB_OK)
    vb_legacy_note(out->encoding, sizeof out->encoding, d->runs);
  return rc;
}

static vb_status doc_read(const unsigned char *data, size_t n,
                          const vb_limits *lim, vb_doc *out, vb_error *err) {
  VB_TRY(vb_dynlib_load(&g_gsf, err));
  GsfInput *mem = G.gsf_input_memory_new(data, (gsf_off_t)n, FALSE);
  if (!mem) return vb_error_set(err, VB_ENOMEM, "out of memory");
  GError *gerr = NULL;
  GsfInfile *ole = G.gsf_infile_msole_new(mem, &gerr);
  G.g_object_unref(mem);
  if (!ole) {
    vb_status rc = vb_error_set(err, VB_ECORRUPT,
                                "damaged compound file (%s)",
                                gerr && gerr->message ? gerr->message
                                                      : "unreadable");
    if (gerr) G.g_error_free(gerr);
    return rc;
  }
  unsigned char *wdbuf = NULL, *tblbuf = NULL;
  size_t wn = 0;
  vb_status rc = read_stream(ole, "WordDocument", &wdbuf, &wn, err);
  if (rc == VB_ENOTFOUND) {
    int enc = 0;
    for (int i = 0; i < G.gsf_infile_num_children(ole); i++) {
      const char *name = G.gsf_infile_name_by_index(ole, i);
      if (name && (!strcmp(name, "EncryptedPackage") ||
                   !strcmp(name, "EncryptionInfo")))
        enc = 1;
    }
    /* The directory names a WordDocument libgsf would not open. */
    static const char wname[] = "W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t";
    if (!enc && has_bytes(data, n, wname, sizeof wname - 1))
      rc = vb_error_set(err, VB_ECORRUPT,
                        "damaged compound file (the WordDocument stream is "
                        "truncated or lies outside the file)");
    else
      rc = vb_error_set(err, VB_EFORMAT, "%s",
                      enc ? "password-protected document (encrypted Office "
                            "file): remove the password and save it again"
                          : "OLE compound file that is not a Word document");
  }
  doc *d = NULL;
  uint32_t ccp[8];
  if (rc == VB_OK) {
    d = vb_calloc(1, sizeof *d);
    if (!d) rc = vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  if (rc == VB_OK) {
    d->wd.p = wdbuf;
    d->wd.n = wn;
    rc = read_fib(d, ole, &tblbuf, ccp, err);
  }
  if (rc == VB_OK) rc = doc_text(d, ccp, lim, out, err);
  if (d) doc_free(d);
  vb_free(d);
  vb_free(wdbuf);
  vb_free(tblbuf);
  G.g_object_unref(ole);
  return rc;
}

const vb_reader vb_reader_doc = {"doc", doc_ext, doc_sniff, doc_read};
