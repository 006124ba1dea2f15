/*
** read_rtf.c: the Rich Text Format reader (vb_reader_rtf, .rtf).
**
** RTF is read by its own small tokenizer: groups, control words with their
** numeric parameter, control symbols, \'hh bytes, \uN characters (with the
** \ucN replacement characters skipped) and plain text.
**
**   - Text: \par, \line, \sect, \page end a line; \cell ends a line (table
**     cells each on their own line, as the DOCX reader gives them; \row and
**     empty cells add none); \tab is a tab; \~ a space; \_ "-"; \- nothing;
**     quotes, dashes and bullets as their characters.
**   - Fields show their result (\fldrslt), never their instruction
**     (\fldinst).  The font table, colours, style sheet, document
**     information, pictures, objects, headers, footers, footnotes and every
**     \* destination vanban does not know are not text.
**   - Bytes are read in the font's encoding: runs in .Vn* fonts as TCVN3
**     (.Vn*H as capitals), VNI-* as VNI (common/legacy.h; a run is
**     converted when that gives Vietnamese syllables, as in DOCX), other
**     runs by the document's code page (\ansicpg: Windows-1258 or 1252).
**
** Bounds: groups nest at most vb_limits.max_xml_depth deep (deeper is
** refused), \bin data is skipped within the file, the text is capped by
** max_text_bytes.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "legacy.h"
#include "text.h"
#include "reader.h"

#define RTF_MAX_FONTS 1024   /* fonts remembered from the font table */
#define RTF_WORD 32          /* characters of a control word */
#define RTF_FONT_NAME 96     /* characters of a font name */

/* What a group is. */
enum { G_TEXT = 0, G_SKIP, G_FONTTBL, G_FONT };

typedef struct rgroup {
  int kind;
  int font;   /* current font number, -1 = default */
  int uc;     /* characters that follow a \uN */
} rgroup;

typedef struct rfont {
  int num;
  vb_legacy enc;
} rfont;

typedef struct rtf {
  const unsigned char *p, *end;
  rgroup *stack;
  int depth, max_depth;
  rfont fonts[RTF_MAX_FONTS];
  int nfonts;
  int deff;                 /* \deffN */
  vb_legacy page;           /* code page of other fonts: CP1258 or NONE */
  char fname[RTF_FONT_NAME];/* font name being read in the font table */
  size_t fname_len;
  int fnum;
  vb_buf out, line, seg;    /* text, the open line, bytes of one font */
  vb_legacy seg_enc;
  int bias[VB_LEGACY_COUNT];
  size_t runs[VB_LEGACY_COUNT];
  int skip_chars;           /* \uN replacement characters still to skip */
  vb_status rc;
} rtf;

static void rput(rtf *r, vb_buf *b, const void *s, size_t n) {
  if (r->rc == VB_OK && vb_buf_append(b, s, n) != VB_OK)
    r->rc = b->len + n > b->max ? VB_ELIMIT : VB_ENOMEM;
}

/* The encoding of font number f. */
static vb_legacy font_enc(const rtf *r, int f) {
  if (f < 0) f = r->deff;
  for (int i = 0; i < r->nfonts; i++)
    if (r->fonts[i].num == f) return r->fonts[i].enc;
  return VB_LEGACY_NONE;
}

/* Convert the pending bytes of one font into the line. */
static void flush_seg(rtf *r) {
  if (!r->seg.len || r->rc) return;
  vb_legacy enc = r->seg_enc;
  if (enc == VB_LEGACY_NONE || enc == VB_LEGACY_CP1258) {
    vb_status rc = vb_legacy_decode(enc == VB_LEGACY_NONE ? VB_LEGACY_NONE
                                                          : VB_LEGACY_CP1258,
                                    (const unsigned char *)r->seg.data,
                                    r->seg.len, &r->line, NULL);
    if (rc != VB_OK) r->rc = rc;
    if (enc == VB_LEGACY_CP1258) r->runs[enc]++;
  } else {
    /* As in DOCX: the bytes as Windows-1252 characters, then the run's
    ** reading judged (capitals fonts share their family's judgement). */
    vb_buf u;
    vb_buf_init(&u, VB_CAP_TEXT);
    int conv = 0;
    int fam = enc == VB_LEGACY_TCVN3_CAPS ? VB_LEGACY_TCVN3 : (int)enc;
    vb_status rc = vb_legacy_decode(VB_LEGACY_NONE,
                                    (const unsigned char *)r->seg.data,
                                    r->seg.len, &u, NULL);
    if (rc == VB_OK)
      rc = vb_legacy_recode_run(enc, u.data ? u.data : "", u.len, &r->line,
                                &r->bias[fam], &conv, NULL);
    if (rc != VB_OK) r->rc = rc;
    r->runs[enc] += (size_t)conv;
    vb_buf_free(&u);
  }
  vb_buf_reset(&r->seg);
}

/* One byte of text in the current font. */
static void add_byte(rtf *r, unsigned char c) {
  rgroup *g = &r->stack[r->depth];
  if (g->kind == G_FONT) {
    if (c == ';') {
      r->fname[r->fname_len] = '\0';
      if (r->nfonts < RTF_MAX_FONTS) {
        r->fonts[r->nfonts].num = r->fnum;
        r->fonts[r->nfonts].enc = vb_legacy_for_font(r->fname);
        r->nfonts++;
      }
      r->fname_len = 0;
    } else if (r->fname_len + 1 < sizeof r->fname) {
      r->fname[r->fname_len++] = (char)c;
    }
    return;
  }
  if (g->kind != G_TEXT) return;
  if (r->skip_chars > 0) {
    r->skip_chars--;
    return;
  }
  vb_legacy enc = font_enc(r, g->font);
  if (enc == VB_LEGACY_NONE) enc = r->page;
  if (enc != r->seg_enc) {
    flush_seg(r);
    r->seg_enc = enc;
  }
  rput(r, &r->seg, &c, 1);
}

/* Text that is already Unicode (UTF-8). */
static void add_utf8(rtf *r, const char *s, size_t n) {
  if (r->stack[r->depth].kind != G_TEXT) return;
  flush_seg(r);
  rput(r, &r->line, s, n);
}

/* End the open line; keep: an empty line is kept (an empty paragraph). */
static void end_line(rtf *r, int keep) {
  if (r->stack[r->depth].kind != G_TEXT) return;
  flush_seg(r);
  vb_buf *l = &r->line;
  while (l->len && (l->data[l->len - 1] == ' ' || l->data[l->len - 1] == '\t'))
    l->len--;
  if (l->len || keep) {
    rput(r, &r->out, l->data ? l->data : "", l->len);
    rput(r, &r->out, "\n", 1);
  }
  vb_buf_reset(l);
}

/* Destinations whose content is not text. */
static int skipped_dest(const char *w) {
  static const char *const names[] = {
      "fonttbl", "colortbl", "stylesheet", "info", "pict", "object",
      "header", "headerl", "headerr", "headerf", "footer", "footerl",
      "footerr", "footerf", "footnote", "fldinst", "listtable",
      "listoverridetable", "revtbl", "rsidtbl", "generator", "xmlnstbl",
      "themedata", "colorschememapping", "latentstyles", "datastore",
      "bkmkstart", "bkmkend", "xe", "tc", "pntxta", "pntxtb", "filetbl",
      "nonshppict", "shpinst", "annotation", "atnid", "atnauthor", NULL};
  for (const char *const *n = names; *n; n++)
    if (strcmp(w, *n) == 0) return 1;
  return 0;
}

/* Handle control word w with parameter (has: a parameter was given). */
static void control(rtf *r, const char *w, long param, int has, int star) {
  rgroup *g = &r->stack[r->depth];
  static const struct { const char *w, *s; } chars[] = {
      {"lquote", "\xe2\x80\x98"}, {"rquote", "\xe2\x80\x99"},
      {"ldblquote", "\xe2\x80\x9c"}, {"rdblquote", "\xe2\x80\x9d"},
      {"emdash", "\xe2\x80\x94"}, {"endash", "\xe2\x80\x93"},
      {"bullet", "\xe2\x80\xa2"}, {"emspace", " "}, {"enspace", " "}};
  if (star && g->kind == G_TEXT && strcmp(w, "fldrslt") != 0) {
    g->kind = G_SKIP; /* an optional destination we do not know */
    return;
  }
  if (strcmp(w, "fonttbl") == 0) {
    g->kind = G_FONTTBL;
  } else if (skipped_dest(w)) {
    if (g->kind == G_TEXT) g->kind = G_SKIP;
  } else if (strcmp(w, "f") == 0 && has) {
    if (g->kind == G_FONTTBL || g->kind == G_FONT) {
      g->kind = G_FONT;
      r->fnum = (int)param;
      r->fname_len = 0;
    } else {
      flush_seg(r);
      g->font = (int)param;
    }
  } else if (strcmp(w, "deff") == 0 && has) {
    r->deff = (int)param;
  } else if (strcmp(w, "ansicpg") == 0 && has) {
    r->page = param == 1258 ? VB_LEGACY_CP1258 : VB_LEGACY_NONE;
  } else if (strcmp(w, "plain") == 0) {
    g->font = -1;
  } else if (strcmp(w, "uc") == 0 && has) {
    g->uc = param < 0 ? 0 : param > 8 ? 8 : (int)param;
  } else if (strcmp(w, "u") == 0 && has) {
    long cp = param < 0 ? param + 65536 : param;
    if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
    utf8proc_uint8_t b[4];
    utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)cp, b);
    if (cp >= 0x20 && k > 0) add_utf8(r, (const char *)b, (size_t)k);
    r->skip_chars = g->uc;
  } else if (strcmp(w, "par") == 0 || strcmp(w, "sect") == 0) {
    end_line(r, 1);
  } else if (strcmp(w, "line") == 0 || strcmp(w, "page") == 0 ||
             strcmp(w, "cell") == 0 || strcmp(w, "row") == 0 ||
             strcmp(w, "nestcell") == 0) {
    end_line(r, 0);
  } else if (strcmp(w, "tab") == 0) {
    add_utf8(r, "\t", 1);
  } else if (strcmp(w, "bin") == 0 && has && param > 0) {
    size_t skip = (size_t)param;
    r->p += skip < (size_t)(r->end - r->p) ? skip : (size_t)(r->end - r->p);
  } else {
    for (size_t i = 0; i < sizeof chars / sizeof chars[0]; i++)
      if (strcmp(w, chars[i].w) == 0) add_utf8(r, chars[i].s, strlen(chars[i].s));
  }
}

static int hexval(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c |= 0x20;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/* Read the whole document. */
static void parse(rtf *r) {
  int star = 0; /* the last token was \* */
  while (r->p < r->end && r->rc == VB_OK) {
    unsigned char c = *r->p++;
    if (c == '{') {
      if (r->depth + 1 >= r->max_depth) {
        r->rc = VB_ELIMIT;
        return;
      }
      rgroup *g = &r->stack[r->depth];
      r->stack[++r->depth] = *g;
      if (g->kind == G_FONT) r->stack[r->depth].kind = G_SKIP; /* panose */
      star = 0;
    } else if (c == '}') { /* (a change of font flushes the bytes) */
      if (r->stack[r->depth].kind == G_FONT) {
        r->fname_len = 0;
        r->stack[r->depth].kind = G_FONTTBL;
      }
      if (r->depth > 0) r->depth--;
      star = 0;
    } else if (c == '\\') {
      if (r->p >= r->end) break;
      unsigned char d = *r->p;
      if ((d | 0x20) >= 'a' && (d | 0x20) <= 'z') {
        char w[RTF_WORD];
        size_t k = 0;
        while (r->p < r->end && ((*r->p | 0x20) >= 'a' && (*r->p | 0x20) <= 'z')) {
          if (k + 1 < sizeof w) w[k++] = (char)*r->p;
          r->p++;
        }
        w[k] = '\0';
        long param = 0;
        int has = 0, neg = 0;
        if (r->p < r->end && *r->p == '-') {
          neg = 1;
          r->p++;
        }
        while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
          if (param < 100000000) param = param * 10 + (*r->p - '0');
          has = 1;
          r->p++;
        }
        if (neg) param = -param;
        if (r->p < r->end && *r->p == ' ') r->p++; /* the delimiter */
        control(r, w, param, has, star);
        star = 0;
        continue;
      }
      r->p++;
      star = 0;
      switch (d) {
        case '\'':
          if (r->end - r->p >= 2 && hexval(r->p[0]) >= 0 && hexval(r->p[1]) >= 0) {
            add_byte(r, (unsigned char)(hexval(r->p[0]) << 4 | hexval(r->p[1])));
            r->p += 2;
          }
          break;
        case '*': star = 1; break;
        case '~': add_utf8(r, " ", 1); break;
        case '_': add_utf8(r, "-", 1); break;
        case '-': break;
        case '\n': case '\r': end_line(r, 1); break; /* same as \par */
        case '{': case '}': case '\\': add_byte(r, d); break;
        default: break;
      }
    } else if (c == '\n' || c == '\r') {
      continue; /* line ends of the file are not text */
    } else if (c >= 0x20 || c == '\t') {
      add_byte(r, c == '\t' ? ' ' : c);
    }
  }
}

/* ---- Reader ---------------------------------------------------------- */

static const char *const rtf_ext[] = {"rtf", NULL};

static int rtf_sniff(const unsigned char *h, size_t n) {
  return n >= 5 && memcmp(h, "{\\rtf", 5) == 0;
}

static vb_status rtf_read(const unsigned char *data, size_t n,
                          const vb_limits *lim, vb_doc *doc, vb_error *err) {
  rtf *r = vb_calloc(1, sizeof *r);
  if (!r) return vb_error_set(err, VB_ENOMEM, "out of memory");
  r->max_depth = lim->max_xml_depth > 0 ? lim->max_xml_depth : 1;
  r->stack = vb_calloc((size_t)r->max_depth, sizeof *r->stack);
  if (!r->stack) {
    vb_free(r);
    return vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  r->p = data;
  r->end = data + n;
  r->stack[0].font = -1;
  r->stack[0].uc = 1;
  vb_buf_init(&r->out, lim->max_text_bytes);
  vb_buf_init(&r->line, lim->max_text_bytes);
  vb_buf_init(&r->seg, VB_CAP_LINE);
  parse(r);
  if (r->rc == VB_OK) end_line(r, 0);
  vb_status rc = VB_OK;
  if (r->rc == VB_ELIMIT && r->depth + 1 >= r->max_depth)
    rc = vb_error_set(err, VB_ELIMIT, "RTF nests deeper than %d",
                      r->max_depth);
  else if (r->rc != VB_OK)
    rc = vb_error_set(err, r->rc, "%s",
                      r->rc == VB_ELIMIT ? "text longer than the limit"
                                         : "out of memory");
  if (rc == VB_OK) {
    vb_buf text;
    vb_buf_init(&text, lim->max_text_bytes);
    rc = vb_text_nfc(r->out.data ? r->out.data : "", r->out.len, &text, err);
    if (rc == VB_OK) doc->text = vb_buf_take(&text, &doc->text_len);
    if (rc == VB_OK && !doc->text)
      rc = vb_error_set(err, VB_ENOMEM, "out of memory");
    vb_buf_free(&text);
  }
  if (rc == VB_OK) vb_legacy_note(doc->encoding, sizeof doc->encoding, r->runs);
  vb_buf_free(&r->out);
  vb_buf_free(&r->line);
  vb_buf_free(&r->seg);
  vb_free(r->stack);
  vb_free(r);
  return rc;
}

const vb_reader vb_reader_rtf = {"rtf", rtf_ext, rtf_sniff, rtf_read};
