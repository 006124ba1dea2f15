/*
** read_docx.c: the DOCX reader (vb_reader_docx).
**
** The text vanban reads from a DOCX is what Word shows on the page, in
** reading order, one line per paragraph:
**
**   - Tracked changes in their accepted view: inserted and moved-to text is
**     kept; deleted and moved-from text, deleted table rows and cells are
**     dropped; a deleted paragraph mark joins the paragraph to the next one
**     (the joined line takes the list label of its first non-empty part).
**   - Fields show their result, never their code (complex fields nest; the
**     instruction part is dropped, w:fldSimple keeps its result runs).
**   - Automatic numbering is written out: the label Word draws ("IV.",
**     "1.2.", "a)", "-", "•") comes from word/numbering.xml, directly or
**     through the paragraph style (basedOn chains followed), with counters
**     that restart as Word restarts them; the label is followed by one space
**     (Word's tab after a label only aligns) unless w:suff is "nothing".
**     Bullets drawn from Symbol/Wingdings glyphs read "•" (dash glyphs
**     "-"); a bullet typed as "-" or "+" stays as it is.
**   - Tables cell by cell: every paragraph of a cell on its own line, all
**     lines of one cell before the next cell, nested tables in place.
**   - Text boxes are read once (the Choice branch of mc:AlternateContent,
**     never also the VML Fallback), their lines placed before the
**     paragraph they are anchored in.  Content controls are transparent.
**   - Text hidden with w:vanish on the run is not shown, so not read.
**   - w:tab is a tab, w:br/w:cr a line break (a page or column break at the
**     start of a paragraph adds nothing), w:noBreakHyphen "-", w:softHyphen
**     nothing (as is U+00AD), w:sym the Unicode character of its glyph; a
**     no-break space (U+00A0) is an ordinary space.  w:t text is taken literally with
**     xml:space="preserve"; without it leading and trailing white space of
**     the element is dropped, as Word does.
**   - Footnotes, then endnotes, follow the body, each paragraph on its own
**     line, without their reference numbers.
**   - Headers and footers are not body text (they repeat on every page):
**     they go to vb_doc.extra, each distinct line once.
**   - docProps/core.xml gives the title, creator, created and modified
**     properties.
**   - Runs in legacy 8-bit fonts (.VnTime and .Vn*H: TCVN3, VNI-*: VNI),
**     named by the run (w:rFonts, w:rStyle), its paragraph style or the
**     document default, are converted to Unicode (common/legacy.h) when
**     that reads as Vietnamese; styles are read for this only when the
**     font table names such a font.
**
** The text is NFC with '\n' line ends and no trailing spaces.  Parts are
** found through the package relationships, falling back on the usual names.
** An encrypted (password-protected) file and a legacy Word 97-2003 .doc are
** both OLE compound files; they are recognised and refused with a reason.
*/
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "legacy.h"
#include "reader.h"
#include "zipxml.h"

/* Caps on what a document may define; more is ignored (the document still
** reads, some labels may be missing). */
#define DX_MAX_LISTS 2048       /* w:abstractNum and w:num elements */
#define DX_MAX_OVERRIDES 1024   /* w:lvl inside w:lvlOverride */
#define DX_MAX_STYLES 8192      /* paragraph and numbering styles */
#define DX_MAX_HF 64            /* header and footer parts */
#define DX_ID 64                /* style ids are short; longer ones are cut */
#define DX_LVLTEXT 64           /* w:lvlText values ("%1.%2.") */
#define DX_PATH 256             /* part names */
#define DX_BASEDON_HOPS 32      /* basedOn chain length (cycles stop here) */
#define DX_FIELD_BITS 64        /* nested complex fields tracked exactly */
#define DX_MAX_AC 64            /* nested mc:AlternateContent */
#define DX_NEST 64              /* paragraph nesting (text boxes) */
#define DX_LEVELS 9             /* list levels 0..8 */
#define DX_CFB_MAX_SECTORS 4096 /* directory sectors walked in an OLE file */

/* ---- Vocabulary ------------------------------------------------------ */

enum {
  NS_W = 1, NS_MC, NS_M, NS_XML, NS_REL, NS_DC, NS_DCT
};

enum {
  T_NONE = 0,
  /* document */
  W_BODY, W_P, W_PPR, W_PSTYLE, W_NUMPR, W_ILVL, W_NUMID, W_RPR, W_DEL,
  W_INS, W_MOVEFROM, W_MOVETO, W_R, W_T, W_DELTEXT, W_INSTRTEXT,
  W_DELINSTRTEXT, W_TAB, W_PTAB, W_BR, W_CR, W_SYM, W_NOBREAKHYPHEN,
  W_SOFTHYPHEN, W_FLDCHAR, W_SDTPR, W_SDTENDPR, W_TBL, W_TC, W_TRPR, W_TCPR,
  W_CELLDEL, W_TXBXCONTENT, W_FOOTNOTE, W_ENDNOTE, W_FOOTNOTEREF,
  W_ENDNOTEREF, W_HDR, W_FTR, W_PPRCHANGE, W_RPRCHANGE, W_SECTPR, W_VANISH,
  W_TBLPR, W_TBLGRID, W_TBLPRCHANGE, W_TRPRCHANGE, W_TCPRCHANGE,
  W_SECTPRCHANGE, W_NUMBERINGCHANGE, W_TABS, W_SMARTTAGPR, W_CUSTOMXMLPR,
  W_FFDATA, W_FLDDATA, W_TBLPREX, W_ALTCHUNK, M_T,
  MC_ALTERNATECONTENT, MC_CHOICE, MC_FALLBACK,
  /* numbering.xml */
  W_ABSTRACTNUM, W_NUM, W_ABSTRACTNUMID, W_LVL, W_START, W_NUMFMT, W_LVLTEXT,
  W_LVLRESTART, W_SUFF, W_ISLGL, W_LVLOVERRIDE, W_STARTOVERRIDE, W_RFONTS,
  W_NUMSTYLELINK, W_STYLELINK,
  /* styles.xml */
  W_STYLE, W_BASEDON, W_DOCDEFAULTS, W_LATENTSTYLES, W_RSTYLE,
  /* attributes */
  A_VAL, A_TYPE, A_FLDCHARTYPE, A_CHAR, A_FONT, A_ILVL, A_ABSTRACTNUMID,
  A_NUMID, A_STYLEID, A_DEFAULT, A_ASCII, A_HANSI, A_SPACE,
  /* relationships */
  R_RELATIONSHIP, A_R_TYPE, A_R_TARGET, A_R_MODE,
  /* core properties */
  P_TITLE, P_CREATOR, P_CREATED, P_MODIFIED
};

static const vb_zx_ns dx_ns[] = {
    {NS_W, "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
    {NS_W, "http://purl.oclc.org/ooxml/wordprocessingml/main"},
    {NS_MC, "http://schemas.openxmlformats.org/markup-compatibility/2006"},
    {NS_M, "http://schemas.openxmlformats.org/officeDocument/2006/math"},
    {NS_M, "http://purl.oclc.org/ooxml/officeDocument/math"},
    {NS_XML, "http://www.w3.org/XML/1998/namespace"},
    {NS_REL, "http://schemas.openxmlformats.org/package/2006/relationships"},
    {NS_DC, "http://purl.org/dc/elements/1.1/"},
    {NS_DCT, "http://purl.org/dc/terms/"},
};

static const vb_zx_word dx_words[] = {
    {NS_W, "body", W_BODY}, {NS_W, "p", W_P}, {NS_W, "pPr", W_PPR},
    {NS_W, "pStyle", W_PSTYLE}, {NS_W, "numPr", W_NUMPR},
    {NS_W, "ilvl", W_ILVL}, {NS_W, "numId", W_NUMID}, {NS_W, "rPr", W_RPR},
    {NS_W, "del", W_DEL}, {NS_W, "ins", W_INS},
    {NS_W, "moveFrom", W_MOVEFROM}, {NS_W, "moveTo", W_MOVETO},
    {NS_W, "r", W_R}, {NS_W, "t", W_T}, {NS_W, "delText", W_DELTEXT},
    {NS_W, "instrText", W_INSTRTEXT}, {NS_W, "delInstrText", W_DELINSTRTEXT},
    {NS_W, "tab", W_TAB}, {NS_W, "ptab", W_PTAB}, {NS_W, "br", W_BR},
    {NS_W, "cr", W_CR}, {NS_W, "sym", W_SYM},
    {NS_W, "noBreakHyphen", W_NOBREAKHYPHEN},
    {NS_W, "softHyphen", W_SOFTHYPHEN}, {NS_W, "fldChar", W_FLDCHAR},
    {NS_W, "sdtPr", W_SDTPR}, {NS_W, "sdtEndPr", W_SDTENDPR},
    {NS_W, "tbl", W_TBL}, {NS_W, "tc", W_TC}, {NS_W, "trPr", W_TRPR},
    {NS_W, "tcPr", W_TCPR}, {NS_W, "cellDel", W_CELLDEL},
    {NS_W, "txbxContent", W_TXBXCONTENT}, {NS_W, "footnote", W_FOOTNOTE},
    {NS_W, "endnote", W_ENDNOTE}, {NS_W, "footnoteRef", W_FOOTNOTEREF},
    {NS_W, "endnoteRef", W_ENDNOTEREF}, {NS_W, "hdr", W_HDR},
    {NS_W, "ftr", W_FTR}, {NS_W, "pPrChange", W_PPRCHANGE},
    {NS_W, "rPrChange", W_RPRCHANGE}, {NS_W, "sectPr", W_SECTPR},
    {NS_W, "vanish", W_VANISH}, {NS_W, "tblPr", W_TBLPR},
    {NS_W, "tblGrid", W_TBLGRID}, {NS_W, "tblPrChange", W_TBLPRCHANGE},
    {NS_W, "trPrChange", W_TRPRCHANGE}, {NS_W, "tcPrChange", W_TCPRCHANGE},
    {NS_W, "sectPrChange", W_SECTPRCHANGE},
    {NS_W, "numberingChange", W_NUMBERINGCHANGE}, {NS_W, "tabs", W_TABS},
    {NS_W, "smartTagPr", W_SMARTTAGPR}, {NS_W, "customXmlPr", W_CUSTOMXMLPR},
    {NS_W, "ffData", W_FFDATA}, {NS_W, "fldData", W_FLDDATA},
    {NS_W, "tblPrEx", W_TBLPREX}, {NS_W, "altChunk", W_ALTCHUNK},
    {NS_M, "t", M_T},
    {NS_MC, "AlternateContent", MC_ALTERNATECONTENT},
    {NS_MC, "Choice", MC_CHOICE}, {NS_MC, "Fallback", MC_FALLBACK},
    {NS_W, "abstractNum", W_ABSTRACTNUM}, {NS_W, "num", W_NUM},
    {NS_W, "abstractNumId", W_ABSTRACTNUMID}, {NS_W, "lvl", W_LVL},
    {NS_W, "start", W_START}, {NS_W, "numFmt", W_NUMFMT},
    {NS_W, "lvlText", W_LVLTEXT}, {NS_W, "lvlRestart", W_LVLRESTART},
    {NS_W, "suff", W_SUFF}, {NS_W, "isLgl", W_ISLGL},
    {NS_W, "lvlOverride", W_LVLOVERRIDE},
    {NS_W, "startOverride", W_STARTOVERRIDE}, {NS_W, "rFonts", W_RFONTS},
    {NS_W, "numStyleLink", W_NUMSTYLELINK}, {NS_W, "styleLink", W_STYLELINK},
    {NS_W, "style", W_STYLE}, {NS_W, "basedOn", W_BASEDON},
    {NS_W, "docDefaults", W_DOCDEFAULTS}, {NS_W, "rStyle", W_RSTYLE},
    {NS_W, "latentStyles", W_LATENTSTYLES},
    {NS_W, "val", A_VAL}, {NS_W, "type", A_TYPE},
    {NS_W, "fldCharType", A_FLDCHARTYPE}, {NS_W, "char", A_CHAR},
    {NS_W, "font", A_FONT}, {NS_W, "ilvl", A_ILVL},
    {NS_W, "abstractNumId", A_ABSTRACTNUMID}, {NS_W, "numId", A_NUMID},
    {NS_W, "styleId", A_STYLEID}, {NS_W, "default", A_DEFAULT},
    {NS_W, "ascii", A_ASCII}, {NS_W, "hAnsi", A_HANSI},
    {NS_XML, "space", A_SPACE},
    {NS_REL, "Relationship", R_RELATIONSHIP}, {0, "Type", A_R_TYPE},
    {0, "Target", A_R_TARGET}, {0, "TargetMode", A_R_MODE},
    {NS_DC, "title", P_TITLE}, {NS_DC, "creator", P_CREATOR},
    {NS_DCT, "created", P_CREATED}, {NS_DCT, "modified", P_MODIFIED},
};

/* w:ilvl, w:numId and w:abstractNumId are both elements and attributes:
** an element lookup finds the first entry (the element token), while
** attributes are matched by name, so A_ILVL and W_ILVL find the same
** attribute. */
static const vb_zx_vocab dx_vocab = {dx_ns, sizeof dx_ns / sizeof dx_ns[0],
                                     dx_words,
                                     sizeof dx_words / sizeof dx_words[0]};

/* ---- State ----------------------------------------------------------- */

typedef struct dx_lvl {
  unsigned char set;     /* defined in the document */
  unsigned char fmt;     /* enum vb_zx_numfmt */
  unsigned char nosuff;  /* w:suff="nothing" */
  unsigned char lgl;     /* w:isLgl: every level shown as decimal */
  unsigned char font;    /* enum vb_zx_font of the bullet glyph */
  signed char restart;   /* w:lvlRestart: -1 default, 0 never, else level */
  long start;
  char text[DX_LVLTEXT];
} dx_lvl;

typedef struct dx_abs {
  long id;
  dx_lvl lvl[DX_LEVELS];
  char num_link[DX_ID];    /* w:numStyleLink: defined by a numbering style */
  char style_link[DX_ID];  /* w:styleLink: defines that numbering style */
  int redirect;            /* index of the defining abstractNum, or -1 */
  long count[DX_LEVELS];
  unsigned char used[DX_LEVELS];
} dx_abs;

typedef struct dx_num {
  long id;
  long abs_id;
  int abs;                       /* index into abs[], -1 if unknown */
  long start_over[DX_LEVELS];    /* w:startOverride, or LONG_MIN */
  int over[DX_LEVELS];           /* index into overrides[], or -1 */
  int used;                      /* a paragraph used it already */
} dx_num;

/* A paragraph style whose paragraphs are numbered (basedOn resolved). */
typedef struct dx_nstyle {
  char id[DX_ID];
  long num_id;
  int ilvl;
} dx_nstyle;

typedef struct dx_style {
  char id[DX_ID];
  char based[DX_ID];
  long num_id;          /* -1 = not set here */
  int ilvl;             /* -1 = not set here */
  unsigned char numbering;  /* a numbering style (w:type="numbering") */
  unsigned char is_default;
} dx_style;

/* Paragraph properties that decide the list label. */
typedef struct dx_par {
  char style[DX_ID];
  long num_id;          /* -1 = not set on the paragraph */
  int ilvl;             /* -1 = not set on the paragraph */
  int mark_deleted;     /* w:pPr/w:rPr/w:del: joins the next paragraph */
} dx_par;

typedef struct dx_parts {
  char main[DX_PATH];
  char core[DX_PATH];
  char styles[DX_PATH];
  char numbering[DX_PATH];
  char footnotes[DX_PATH];
  char endnotes[DX_PATH];
  char hf[DX_MAX_HF][DX_PATH];   /* headers, then footers */
  int n_hf;
} dx_parts;

typedef struct dx {
  vb_zx *z;
  /* numbering */
  dx_abs *abs;
  int n_abs, cap_abs;
  dx_num *num;
  int n_num, cap_num;
  dx_lvl *overrides;
  int n_over, cap_over;
  dx_style *styles;         /* all paragraph and numbering styles, freed */
  int n_styles, cap_styles; /* once the numbered ones are known */
  dx_nstyle *nstyles;       /* numbered paragraph styles */
  int n_nstyles, cap_nstyles;
  long def_num_id;          /* numbering of the default paragraph style */
  int def_ilvl;
  dx_lvl *cur_lvl;          /* numbering.xml: level being read */
  int cur_over_ilvl;        /* numbering.xml: w:lvlOverride level */
  int last_num;             /* lookup cache */
  /* paragraphs */
  dx_par par[DX_NEST];
  dx_par anchor[DX_NEST];   /* first non-empty part of a joined line */
  unsigned char has_anchor[DX_NEST];
  /* runs and text */
  int run_hidden;
  int run_enc;           /* vb_legacy of the run's font (w:rFonts) */
  size_t enc_runs[VB_LEGACY_COUNT]; /* runs converted, per encoding */
  int enc_bias[VB_LEGACY_COUNT];     /* vb_legacy_recode_run() */
  vb_buf lt;                /* text of a legacy run, until its w:t ends */
  /* Legacy fonts given by styles (read only when the font table names a
  ** .Vn* or VNI-* font): per paragraph and character style, its font's
  ** vb_legacy (-1: none set, basedOn followed), and the defaults. */
  struct dx_fstyle {
    char id[DX_ID], based[DX_ID];
    int enc;         /* vb_legacy of its w:rFonts, -1 if it has none */
    int is_default;  /* the default paragraph style */
  } *fstyles;
  int n_fstyles, cap_fstyles;
  int def_enc;              /* docDefaults, or the default paragraph style */
  int par_enc;              /* of the open paragraph's style */
  int in_t, preserve, t_started, eat_space;
  size_t t_pend;            /* white space held back inside a w:t */
  int fld_n, fld_hidden;
  uint64_t fld_sep;
  unsigned char ac[DX_MAX_AC];
  int n_ac;
  /* relationships being read */
  dx_parts *parts;
  const char *rel_base;
  int rel_package;
} dx;

/* ---- Small helpers --------------------------------------------------- */

static void dx_copy(char *dst, size_t cap, const char *s) {
  snprintf(dst, cap, "%s", s);
}

/* Directory of a part name, with its trailing slash ("word/"). */
static void dx_dir(const char *part, char *dst, size_t cap) {
  const char *slash = strrchr(part, '/');
  size_t k = slash ? (size_t)(slash - part) + 1 : 0;
  if (k >= cap) k = cap - 1;
  memcpy(dst, part, k);
  dst[k] = '\0';
}

/* Resolve a relationship target against the directory base: absolute
** targets drop their slash, "." and ".." segments are folded.  The result
** is only ever used to look up a zip entry, never as a file path. */
static void dx_join(const char *base, const char *target, char *dst,
                    size_t cap) {
  char tmp[DX_PATH * 2];
  if (target[0] == '/')
    snprintf(tmp, sizeof tmp, "%s", target + 1);
  else
    snprintf(tmp, sizeof tmp, "%s%s", base, target);
  size_t len = 0;
  dst[0] = '\0';
  for (char *seg = tmp; seg && *seg;) {
    char *slash = strchr(seg, '/');
    size_t sl = slash ? (size_t)(slash - seg) : strlen(seg);
    if (sl == 2 && seg[0] == '.' && seg[1] == '.') {
      while (len && dst[len - 1] == '/') len--;
      while (len && dst[len - 1] != '/') len--;
    } else if (!(sl == 1 && seg[0] == '.') && sl) {
      if (len + sl + 2 < cap) {
        memcpy(dst + len, seg, sl);
        len += sl;
        if (slash) dst[len++] = '/';
      }
    }
    dst[len] = '\0';
    seg = slash ? slash + 1 : NULL;
  }
}

/* 1 if the attribute is present and not false ("0", "false", "off"). */
static int dx_on(vb_zx *z, int tok) {
  char v[16];
  if (vb_zx_attr(z, tok, v, sizeof v) < 0) return 0;
  return strcmp(v, "0") != 0 && strcmp(v, "false") != 0 &&
         strcmp(v, "off") != 0;
}

/* Append a zeroed element of size sz to the array *arr (*n used, *cap
** allocated); NULL when out of memory or when max elements exist. */
static void *dx_grow(void **arr, int *n, int *cap, size_t sz, int max) {
  if (*n >= max) return NULL;
  if (*n == *cap) {
    int want = *cap ? *cap * 2 : 8;
    void *p = vb_realloc(*arr, (size_t)want * sz);
    if (!p) return NULL;
    *arr = p;
    *cap = want;
  }
  void *slot = (char *)*arr + (size_t)*n * sz;
  memset(slot, 0, sz);
  (*n)++;
  return slot;
}

/* ---- Relationships --------------------------------------------------- */

/* Type ends with "/<name>". */
static int dx_type_is(const char *type, const char *name) {
  const char *slash = strrchr(type, '/');
  return slash && strcmp(slash + 1, name) == 0;
}

static int rels_start(void *u, int tok) {
  dx *r = u;
  if (tok != R_RELATIONSHIP) return VB_ZX_DESCEND;
  char type[256], target[DX_PATH], mode[32];
  vb_zx_attr(r->z, A_R_TYPE, type, sizeof type);
  vb_zx_attr(r->z, A_R_MODE, mode, sizeof mode);
  if (vb_zx_attr(r->z, A_R_TARGET, target, sizeof target) <= 0 ||
      strcmp(mode, "External") == 0)
    return VB_ZX_SKIP;
  dx_parts *p = r->parts;
  char *dst = NULL;
  if (r->rel_package) {
    if (dx_type_is(type, "officeDocument")) dst = p->main;
    else if (dx_type_is(type, "core-properties")) dst = p->core;
  } else if (dx_type_is(type, "styles")) {
    dst = p->styles;
  } else if (dx_type_is(type, "numbering")) {
    dst = p->numbering;
  } else if (dx_type_is(type, "footnotes")) {
    dst = p->footnotes;
  } else if (dx_type_is(type, "endnotes")) {
    dst = p->endnotes;
  } else if ((dx_type_is(type, "header") || dx_type_is(type, "footer")) &&
             p->n_hf < DX_MAX_HF) {
    dst = p->hf[p->n_hf++];
  }
  if (dst) dx_join(r->rel_base, target, dst, DX_PATH);
  return VB_ZX_SKIP;
}

/* Read a .rels part into r->parts.  A missing part is not an error. */
static vb_status dx_rels(dx *r, const char *rels, const char *base,
                         int package, vb_error *err) {
  static const vb_zx_handler h = {rels_start, NULL, NULL};
  r->rel_base = base;
  r->rel_package = package;
  vb_status rc = vb_zx_parse(r->z, rels, &h, r, err);
  return rc == VB_ENOTFOUND ? VB_OK : rc;
}

/* Headers and footers by name, for packages without document rels. */
static void dx_scan_hf(dx *r) {
  size_t n = vb_zx_count(r->z);
  for (size_t i = 0; i < n && r->parts->n_hf < DX_MAX_HF; i++) {
    const char *name = vb_zx_name(r->z, i);
    if (name && (strncmp(name, "word/header", 11) == 0 ||
                 strncmp(name, "word/footer", 11) == 0) &&
        !strchr(name + 5, '/'))
      dx_copy(r->parts->hf[r->parts->n_hf++], DX_PATH, name);
  }
}

/* ---- styles.xml ------------------------------------------------------ */

static int styles_start(void *u, int tok) {
  dx *r = u;
  vb_zx *z = r->z;
  dx_style *s = r->n_styles ? &r->styles[r->n_styles - 1] : NULL;
  switch (tok) {
    case W_DOCDEFAULTS:
    case W_LATENTSTYLES:
    case W_RPR:
    case W_TBLPR:
    case W_PPRCHANGE:
      return VB_ZX_SKIP;
    case W_STYLE: {
      char type[32];
      vb_zx_attr(z, A_TYPE, type, sizeof type);
      int numbering = strcmp(type, "numbering") == 0;
      if (!numbering && strcmp(type, "paragraph") != 0) return VB_ZX_SKIP;
      s = dx_grow((void **)&r->styles, &r->n_styles, &r->cap_styles,
                sizeof *s, DX_MAX_STYLES);
      if (!s) return VB_ZX_SKIP;
      vb_zx_attr(z, A_STYLEID, s->id, sizeof s->id);
      s->num_id = -1;
      s->ilvl = -1;
      s->numbering = (unsigned char)numbering;
      s->is_default = (unsigned char)dx_on(z, A_DEFAULT);
      return VB_ZX_DESCEND;
    }
    case W_BASEDON:
      if (s && vb_zx_parent(z, 1) == W_STYLE)
        vb_zx_attr(z, A_VAL, s->based, sizeof s->based);
      return VB_ZX_DESCEND;
    case W_NUMID:
    case W_ILVL:
      if (s && vb_zx_parent(z, 1) == W_NUMPR && vb_zx_parent(z, 2) == W_PPR) {
        long v = vb_zx_attr_long(z, A_VAL, -1);
        if (tok == W_NUMID) s->num_id = v < 0 ? -1 : v;
        else s->ilvl = v < 0 ? -1 : (int)(v > 8 ? 8 : v);
      }
      return VB_ZX_DESCEND;
    default:
      return VB_ZX_DESCEND;
  }
}

static int dx_style_cmp(const void *a, const void *b) {
  return strcmp(((const dx_style *)a)->id, ((const dx_style *)b)->id);
}

/* Style by id; the list is sorted by dx_resolve() before any lookup. */
static dx_style *dx_find_style(dx *r, const char *id) {
  dx_style key;
  dx_copy(key.id, sizeof key.id, id);
  return r->n_styles ? bsearch(&key, r->styles, (size_t)r->n_styles,
                               sizeof key, dx_style_cmp)
                     : NULL;
}

/* Numbering of a paragraph style, following basedOn: *num_id and *ilvl
** are filled where still unset (-1). */
static void dx_style_num(dx *r, const dx_style *s, long *num_id, int *ilvl) {
  for (int hop = 0; s && hop < DX_BASEDON_HOPS; hop++) {
    if (*num_id < 0 && s->num_id >= 0) *num_id = s->num_id;
    if (*ilvl < 0 && s->ilvl >= 0) *ilvl = s->ilvl;
    if (*num_id >= 0 && *ilvl >= 0) return;
    s = s->based[0] ? dx_find_style(r, s->based) : NULL;
  }
}

/* ---- numbering.xml --------------------------------------------------- */

static int dx_numfmt(const char *v) {
  static const struct { const char *name; int fmt; } map[] = {
      {"decimal", VB_ZX_FMT_DECIMAL},
      {"decimalZero", VB_ZX_FMT_DECIMAL_ZERO},
      {"upperRoman", VB_ZX_FMT_UPPER_ROMAN},
      {"lowerRoman", VB_ZX_FMT_LOWER_ROMAN},
      {"upperLetter", VB_ZX_FMT_UPPER_LETTER},
      {"lowerLetter", VB_ZX_FMT_LOWER_LETTER},
      {"bullet", VB_ZX_FMT_BULLET},
      {"none", VB_ZX_FMT_NONE},
  };
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (strcmp(v, map[i].name) == 0) return map[i].fmt;
  return VB_ZX_FMT_DECIMAL;  /* ordinal, cardinalText, ...: as numbers */
}

static void dx_lvl_init(dx_lvl *l) {
  memset(l, 0, sizeof *l);
  l->set = 1;
  l->restart = -1;
  l->fmt = VB_ZX_FMT_DECIMAL;
}

static int numbering_start(void *u, int tok) {
  dx *r = u;
  vb_zx *z = r->z;
  int parent = vb_zx_parent(z, 1);
  char v[DX_LVLTEXT];
  dx_abs *a = r->n_abs ? &r->abs[r->n_abs - 1] : NULL;
  dx_num *n = r->n_num ? &r->num[r->n_num - 1] : NULL;
  dx_lvl *l = r->cur_lvl;
  switch (tok) {
    case W_ABSTRACTNUM:
      a = dx_grow((void **)&r->abs, &r->n_abs, &r->cap_abs, sizeof *a,
                DX_MAX_LISTS);
      if (!a) return VB_ZX_SKIP;
      a->id = vb_zx_attr_long(z, A_ABSTRACTNUMID, -1);
      a->redirect = -1;
      return VB_ZX_DESCEND;
    case W_NUM:
      n = dx_grow((void **)&r->num, &r->n_num, &r->cap_num, sizeof *n,
                DX_MAX_LISTS);
      if (!n) return VB_ZX_SKIP;
      n->id = vb_zx_attr_long(z, A_NUMID, -1);
      n->abs_id = -1;
      n->abs = -1;
      for (int i = 0; i < DX_LEVELS; i++) {
        n->start_over[i] = LONG_MIN;
        n->over[i] = -1;
      }
      return VB_ZX_DESCEND;
    case W_ABSTRACTNUMID:
      if (n && parent == W_NUM) n->abs_id = vb_zx_attr_long(z, A_VAL, -1);
      return VB_ZX_DESCEND;
    case W_NUMSTYLELINK:
    case W_STYLELINK:
      if (a && parent == W_ABSTRACTNUM)
        vb_zx_attr(z, A_VAL, tok == W_NUMSTYLELINK ? a->num_link : a->style_link,
                   DX_ID);
      return VB_ZX_DESCEND;
    case W_LVLOVERRIDE:
      r->cur_over_ilvl = (int)vb_zx_attr_long(z, A_ILVL, -1);
      if (!n || parent != W_NUM || r->cur_over_ilvl < 0 ||
          r->cur_over_ilvl >= DX_LEVELS)
        return VB_ZX_SKIP;
      return VB_ZX_DESCEND;
    case W_STARTOVERRIDE:
      if (n && parent == W_LVLOVERRIDE)
        n->start_over[r->cur_over_ilvl] = vb_zx_attr_long(z, A_VAL, 0);
      return VB_ZX_DESCEND;
    case W_LVL: {
      long il = vb_zx_attr_long(z, A_ILVL, -1);
      if (il < 0 || il >= DX_LEVELS) return VB_ZX_SKIP;
      if (parent == W_ABSTRACTNUM && a) {
        r->cur_lvl = &a->lvl[il];
      } else if (parent == W_LVLOVERRIDE && n) {
        l = dx_grow((void **)&r->overrides, &r->n_over, &r->cap_over,
                    sizeof *l, DX_MAX_OVERRIDES);
        if (!l) return VB_ZX_SKIP;
        n->over[r->cur_over_ilvl] = r->n_over - 1;
        r->cur_lvl = l;
      } else {
        return VB_ZX_SKIP;
      }
      dx_lvl_init(r->cur_lvl);
      return VB_ZX_DESCEND;
    }
    case W_START:
      if (l && parent == W_LVL) l->start = vb_zx_attr_long(z, A_VAL, 0);
      return VB_ZX_DESCEND;
    case W_NUMFMT:
      /* Inside mc:AlternateContent the Fallback comes last and wins, which
      ** is what we want: it holds a plain format for a custom one. */
      if (l) {
        vb_zx_attr(z, A_VAL, v, sizeof v);
        l->fmt = (unsigned char)dx_numfmt(v);
      }
      return VB_ZX_DESCEND;
    case W_LVLTEXT:
      if (l && parent == W_LVL) vb_zx_attr(z, A_VAL, l->text, sizeof l->text);
      return VB_ZX_DESCEND;
    case W_LVLRESTART:
      if (l && parent == W_LVL) {
        long x = vb_zx_attr_long(z, A_VAL, -1);
        l->restart = (signed char)(x < 0 || x > DX_LEVELS ? -1 : x);
      }
      return VB_ZX_DESCEND;
    case W_SUFF:
      if (l && parent == W_LVL) l->nosuff = (unsigned char)vb_zx_attr_is(z, A_VAL, "nothing");
      return VB_ZX_DESCEND;
    case W_ISLGL:
      if (l && parent == W_LVL) l->lgl = (unsigned char)(vb_zx_attr(z, A_VAL, v, sizeof v) < 0 || dx_on(z, A_VAL));
      return VB_ZX_DESCEND;
    case W_RFONTS:
      if (l && parent == W_RPR && vb_zx_parent(z, 2) == W_LVL) {
        if (vb_zx_attr(z, A_ASCII, v, sizeof v) < 0)
          vb_zx_attr(z, A_HANSI, v, sizeof v);
        l->font = (unsigned char)vb_zx_font_kind(v);
      }
      return VB_ZX_DESCEND;
    case W_PPR:
    case W_NUMBERINGCHANGE:
      return VB_ZX_SKIP;
    default:
      return VB_ZX_DESCEND;
  }
}

static void numbering_end(void *u, int tok) {
  dx *r = u;
  if (tok == W_LVL) r->cur_lvl = NULL;
}

static int dx_abs_index(const dx *r, long id) {
  for (int i = 0; i < r->n_abs; i++)
    if (r->abs[i].id == id) return i;
  return -1;
}

static dx_num *dx_find_num(dx *r, long id) {
  if (r->last_num >= 0 && r->last_num < r->n_num &&
      r->num[r->last_num].id == id)
    return &r->num[r->last_num];
  for (int i = 0; i < r->n_num; i++)
    if (r->num[i].id == id) {
      r->last_num = i;
      return &r->num[i];
    }
  return NULL;
}

/* Link nums to abstractNums, follow numbering-style links, and keep the
** numbered paragraph styles (the full style list is then freed). */
static void dx_resolve(dx *r) {
  if (r->n_styles)
    qsort(r->styles, (size_t)r->n_styles, sizeof *r->styles, dx_style_cmp);
  for (int i = 0; i < r->n_num; i++)
    r->num[i].abs = dx_abs_index(r, r->num[i].abs_id);
  for (int i = 0; i < r->n_abs; i++) {
    dx_abs *a = &r->abs[i];
    if (!a->num_link[0]) continue;
    /* The numbering style's w:numId leads to the defining abstractNum;
    ** failing that, the abstractNum that names the style in styleLink. */
    const dx_style *s = dx_find_style(r, a->num_link);
    const dx_num *n = s && s->num_id >= 0 ? dx_find_num(r, s->num_id) : NULL;
    int target = n ? n->abs : -1;
    for (int j = 0; target < 0 && j < r->n_abs; j++)
      if (strcmp(r->abs[j].style_link, a->num_link) == 0) target = j;
    if (target != i && target >= 0 && !r->abs[target].num_link[0])
      a->redirect = target;
  }
  r->def_num_id = -1;
  r->def_ilvl = -1;
  for (int i = 0; i < r->n_styles; i++) {
    const dx_style *s = &r->styles[i];
    if (s->numbering) continue;
    long num_id = -1;
    int ilvl = -1;
    dx_style_num(r, s, &num_id, &ilvl);
    if (num_id < 0 && ilvl < 0) continue;
    if (s->is_default && r->def_num_id < 0 && r->def_ilvl < 0) {
      r->def_num_id = num_id;
      r->def_ilvl = ilvl;
    }
    dx_nstyle *ns = dx_grow((void **)&r->nstyles, &r->n_nstyles,
                            &r->cap_nstyles, sizeof *ns, DX_MAX_STYLES);
    if (!ns) break;  /* out of memory: fewer labels, still readable */
    dx_copy(ns->id, sizeof ns->id, s->id);
    ns->num_id = num_id;
    ns->ilvl = ilvl;
  }
  vb_free(r->styles);
  r->styles = NULL;
  r->n_styles = r->cap_styles = 0;
}

/* ---- List labels ----------------------------------------------------- */

/* Definition of level il for num n over abstract a. */
static const dx_lvl *dx_level(const dx *r, const dx_num *n, const dx_abs *a,
                              int il) {
  if (n->over[il] >= 0) return &r->overrides[n->over[il]];
  return &a->lvl[il];
}

static long dx_start(const dx_num *n, const dx_lvl *l, int il) {
  return n->start_over[il] != LONG_MIN ? n->start_over[il] : l->start;
}

/* Compute (and advance the counters for) the label of a paragraph; writes
** the label and its separator to out.  Returns the length (0: none). */
static size_t dx_label(dx *r, const dx_par *p, char *out, size_t cap) {
  long num_id = p->num_id;
  int il = p->ilvl;
  out[0] = '\0';
  if (!r->n_num) return 0;
  if (num_id < 0 || il < 0) {
    long snum = r->def_num_id;
    int silvl = r->def_ilvl;
    if (p->style[0]) {
      snum = -1;
      silvl = -1;
      for (int i = 0; i < r->n_nstyles; i++)
        if (strcmp(r->nstyles[i].id, p->style) == 0) {
          snum = r->nstyles[i].num_id;
          silvl = r->nstyles[i].ilvl;
          break;
        }
    }
    if (num_id < 0) num_id = snum;
    if (il < 0) il = silvl;
  }
  if (num_id <= 0) return 0;  /* numId 0 removes numbering */
  if (il < 0) il = 0;
  dx_num *n = dx_find_num(r, num_id);
  if (!n || n->abs < 0) return 0;
  dx_abs *a = &r->abs[n->abs];
  if (a->redirect >= 0) a = &r->abs[a->redirect];
  if (!n->used) {
    /* A num with start overrides restarts those levels where it begins. */
    n->used = 1;
    for (int k = 0; k < DX_LEVELS; k++)
      if (n->start_over[k] != LONG_MIN) a->used[k] = 0;
  }
  const dx_lvl *l = dx_level(r, n, a, il);
  if (!l->set) return 0;
  a->count[il] = a->used[il] ? a->count[il] + 1 : dx_start(n, l, il);
  a->used[il] = 1;
  for (int k = il + 1; k < DX_LEVELS; k++) {
    const dx_lvl *d = dx_level(r, n, a, k);
    if (d->restart < 0 || (d->restart > 0 && il < d->restart)) a->used[k] = 0;
  }

  size_t len = 0;
  if (l->fmt == VB_ZX_FMT_BULLET) {
    len = vb_zx_bullet(l->text, l->font, out, cap);
  } else {
    for (const char *t = l->text; *t; t++) {
      if (t[0] == '%' && t[1] >= '1' && t[1] <= '9') {
        int k = t[1] - '1';
        const dx_lvl *d = dx_level(r, n, a, k);
        long v = a->used[k] ? a->count[k] : dx_start(n, d, k);
        int fmt = d->fmt;
        if (l->lgl && fmt != VB_ZX_FMT_NONE && fmt != VB_ZX_FMT_BULLET)
          fmt = VB_ZX_FMT_DECIMAL;
        vb_zx_format_number(out, cap, &len, v, fmt);
        t++;
      } else {
        size_t run = strcspn(t, "%");
        vb_zx_cat(out, cap, &len, t, run ? run : 1);
        t += (run ? run : 1) - 1;
      }
    }
  }
  if (len && !l->nosuff) vb_zx_cat(out, cap, &len, " ", 1);
  return len;
}

/* ---- Document parts -------------------------------------------------- */

static int dx_visible(const dx *r) { return !r->run_hidden && !r->fld_hidden; }

/* Flush the innermost line (held or ending) with the label of its
** paragraph group. */
static void dx_flush(dx *r) {
  int lv = vb_zx_par_depth(r->z) - 1;
  if (lv < 0) return;
  char label[DX_LVLTEXT * 4];
  const dx_par *p = lv < DX_NEST && r->has_anchor[lv] ? &r->anchor[lv]
                    : lv < DX_NEST                    ? &r->par[lv]
                                                      : NULL;
  size_t n = p ? dx_label(r, p, label, sizeof label) : 0;
  vb_zx_par_flush(r->z, label, n);
  if (lv < DX_NEST) r->has_anchor[lv] = 0;
}

/* A held line cannot join across a table, cell or story boundary. */
static void dx_release(dx *r) {
  if (vb_zx_par_held(r->z)) dx_flush(r);
}

static void dx_par_begin(dx *r) {
  vb_zx_par_begin(r->z);
  int lv = vb_zx_par_depth(r->z) - 1;
  if (lv >= 0 && lv < DX_NEST) {
    dx_par *p = &r->par[lv];
    p->style[0] = '\0';
    p->num_id = -1;
    p->ilvl = -1;
    p->mark_deleted = 0;
  }
  r->eat_space = 0;
}

/* ---- Legacy fonts from styles ----------------------------------------- */

/* styles.xml, for fonts: each style's w:rPr/w:rFonts and w:basedOn, and
** the font of w:docDefaults and of the default paragraph style. */
static int fonts_start(void *u, int tok) {
  dx *r = u;
  vb_zx *z = r->z;
  struct dx_fstyle *s = r->n_fstyles ? &r->fstyles[r->n_fstyles - 1] : NULL;
  char v[DX_ID];
  switch (tok) {
    case W_STYLE:
      s = dx_grow((void **)&r->fstyles, &r->n_fstyles, &r->cap_fstyles,
                  sizeof *s, DX_MAX_STYLES);
      if (!s) return VB_ZX_SKIP;
      vb_zx_attr(z, A_STYLEID, s->id, sizeof s->id);
      s->enc = -1;
      s->is_default =
          dx_on(z, A_DEFAULT) && vb_zx_attr_is(z, A_TYPE, "paragraph");
      return VB_ZX_DESCEND;
    case W_BASEDON:
      if (s && vb_zx_parent(z, 1) == W_STYLE)
        vb_zx_attr(z, A_VAL, s->based, sizeof s->based);
      return VB_ZX_DESCEND;
    case W_RFONTS:
      if (vb_zx_parent(z, 1) != W_RPR ||
          (vb_zx_attr(z, A_ASCII, v, sizeof v) < 0 &&
           vb_zx_attr(z, A_HANSI, v, sizeof v) < 0))
        return VB_ZX_DESCEND;
      if (vb_zx_parent(z, 3) == W_DOCDEFAULTS) {
        r->def_enc = (int)vb_legacy_for_font(v);
      } else if (s && vb_zx_parent(z, 2) == W_STYLE) {
        s->enc = (int)vb_legacy_for_font(v);
      }
      return VB_ZX_DESCEND;
    case W_LATENTSTYLES:
    case W_TBLPR:
      return VB_ZX_SKIP;
    default:
      return VB_ZX_DESCEND;
  }
}

/* The legacy encoding of style id (basedOn followed), or -1. */
static int dx_style_enc(const dx *r, const char *id) {
  for (int hops = 0; hops < DX_BASEDON_HOPS && id[0]; hops++) {
    const struct dx_fstyle *s = NULL;
    for (int i = 0; i < r->n_fstyles && !s; i++)
      if (strcmp(r->fstyles[i].id, id) == 0) s = &r->fstyles[i];
    if (!s) return -1;
    if (s->enc >= 0) return s->enc;
    id = s->based;
  }
  return -1;
}

/* Read the fonts of styles when the document names a legacy font. */
static void dx_fonts(dx *r, const char *styles) {
  char buf[65536];
  r->def_enc = VB_LEGACY_NONE;
  long n = vb_zx_read_small(r->z, "word/fontTable.xml", buf, sizeof buf);
  if (n <= 0 || (!strstr(buf, "\".Vn") && !strstr(buf, "\".VN") &&
                 !strstr(buf, "\"VNI-") && !strstr(buf, "\"Vni-")))
    return;
  static const vb_zx_handler h = {fonts_start, NULL, NULL};
  vb_error ignored;
  if (vb_zx_parse(r->z, styles, &h, r, &ignored) != VB_OK) return;
  /* The default paragraph style's font, else the document default. */
  for (int i = 0; i < r->n_fstyles; i++)
    if (r->fstyles[i].is_default) {
      int e = dx_style_enc(r, r->fstyles[i].id);
      if (e >= 0) r->def_enc = e;
    }
}

static void dx_par_end(dx *r) {
  int lv = vb_zx_par_depth(r->z) - 1;
  if (lv < 0) return;
  if (lv < DX_NEST && r->par[lv].mark_deleted) {
    if (!r->has_anchor[lv] && !vb_zx_par_blank(r->z)) {
      r->anchor[lv] = r->par[lv];
      r->has_anchor[lv] = 1;
    }
    vb_zx_par_hold(r->z);
    return;
  }
  dx_flush(r);
}

/* Convert and emit the text held for a legacy font's run (a w:t arrives
** in pieces; a VNI letter and its mark must not be split). */
static void dx_legacy_flush(dx *r) {
  if (!r->lt.len) return;
  vb_buf u;
  int conv = 0;
  vb_buf_init(&u, VB_CAP_TEXT);
  /* Capitals fonts share the judgement of their family. */
  int fam = r->run_enc == VB_LEGACY_TCVN3_CAPS ? VB_LEGACY_TCVN3 : r->run_enc;
  if (vb_legacy_recode_run((vb_legacy)r->run_enc, r->lt.data, r->lt.len, &u,
                           &r->enc_bias[fam], &conv, NULL) == VB_OK) {
    vb_zx_par_text(r->z, u.data ? u.data : "", u.len, 0);
    r->enc_runs[r->run_enc] += (size_t)conv;
  } else {
    vb_zx_fail(r->z, VB_ENOMEM, "out of memory");
  }
  vb_buf_free(&u);
  vb_buf_reset(&r->lt);
}

static void dx_emit(dx *r, const char *s, size_t n) {
  if (r->eat_space) {
    while (n && (*s == ' ' || *s == '\t')) s++, n--;
    if (!n) return;
    r->eat_space = 0;
  }
  if (r->run_enc != VB_LEGACY_NONE) { /* a TCVN3 or VNI font's run: */
    /* A long run is converted in parts, cut before ASCII (never between
    ** a VNI letter and its mark). */
    if (r->lt.len > 65536 && (unsigned char)s[0] < 0x80) dx_legacy_flush(r);
    if (vb_buf_append(&r->lt, s, n) != VB_OK) /* converted at its end */
      vb_zx_fail(r->z, VB_ELIMIT, "text run longer than %zu bytes",
                 (size_t)VB_CAP_LINE);
    return;
  }
  vb_zx_par_text(r->z, s, n, 0);
}

static void dx_field(dx *r) {
  char type[16];
  vb_zx_attr(r->z, A_FLDCHARTYPE, type, sizeof type);
  int k = r->fld_n - 1;
  uint64_t bit = k >= 0 && k < DX_FIELD_BITS ? (uint64_t)1 << k : 0;
  if (strcmp(type, "begin") == 0) {
    if (r->fld_n < DX_FIELD_BITS) r->fld_sep &= ~((uint64_t)1 << r->fld_n);
    r->fld_n++;
    r->fld_hidden++;
  } else if (strcmp(type, "separate") == 0) {
    if (bit && !(r->fld_sep & bit)) {
      r->fld_sep |= bit;
      r->fld_hidden--;
    }
  } else if (strcmp(type, "end") == 0 && r->fld_n > 0) {
    if (!bit || !(r->fld_sep & bit)) r->fld_hidden--;
    r->fld_n--;
  }
}

/* The parent of a w:rPr that marks the paragraph mark. */
static int dx_in_mark(vb_zx *z) {
  return vb_zx_parent(z, 1) == W_RPR && vb_zx_parent(z, 2) == W_PPR;
}

static int doc_start(void *u, int tok) {
  dx *r = u;
  vb_zx *z = r->z;
  int lv = vb_zx_par_depth(z) - 1;
  dx_par *p = lv >= 0 && lv < DX_NEST ? &r->par[lv] : NULL;
  char v[DX_ID];
  switch (tok) {
    case W_P:
      dx_par_begin(r);
      r->par_enc = r->def_enc;
      return VB_ZX_DESCEND;
    case W_PSTYLE:
      if (p && vb_zx_parent(z, 1) == W_PPR)
        vb_zx_attr(z, A_VAL, p->style, sizeof p->style);
      if (r->n_fstyles && vb_zx_parent(z, 1) == W_PPR &&
          vb_zx_attr(z, A_VAL, v, sizeof v) >= 0) {
        int e = dx_style_enc(r, v);
        r->par_enc = e >= 0 ? e : r->def_enc;
      }
      return VB_ZX_DESCEND;
    case W_RSTYLE: /* a character style's font */
      if (r->n_fstyles && vb_zx_parent(z, 1) == W_RPR &&
          vb_zx_parent(z, 2) == W_R && vb_zx_attr(z, A_VAL, v, sizeof v) >= 0) {
        int e = dx_style_enc(r, v);
        if (e >= 0) r->run_enc = e;
      }
      return VB_ZX_DESCEND;
    case W_ILVL:
    case W_NUMID:
      if (p && vb_zx_parent(z, 1) == W_NUMPR && vb_zx_parent(z, 2) == W_PPR) {
        long x = vb_zx_attr_long(z, A_VAL, -1);
        if (tok == W_NUMID) p->num_id = x < 0 ? -1 : x;
        else p->ilvl = x < 0 ? -1 : (int)(x >= DX_LEVELS ? DX_LEVELS - 1 : x);
      }
      return VB_ZX_DESCEND;
    case W_DEL:
    case W_MOVEFROM:
      if (dx_in_mark(z)) {
        if (p) p->mark_deleted = 1;
        return VB_ZX_DESCEND;
      }
      if (vb_zx_parent(z, 1) == W_TRPR) {
        vb_zx_skip_up(z, 2);  /* deleted table row */
        return VB_ZX_DESCEND;
      }
      if (vb_zx_parent(z, 1) == W_RPR) return VB_ZX_DESCEND;
      return VB_ZX_SKIP;
    case W_CELLDEL:
      if (vb_zx_parent(z, 1) == W_TCPR) vb_zx_skip_up(z, 2);
      return VB_ZX_DESCEND;
    case W_R:
      r->run_hidden = 0;
      r->run_enc = r->par_enc;
      return VB_ZX_DESCEND;
    case W_RFONTS: /* the run's font: legacy TCVN3/VNI text is converted */
      if (vb_zx_parent(z, 1) == W_RPR && vb_zx_parent(z, 2) == W_R &&
          (vb_zx_attr(z, A_ASCII, v, sizeof v) >= 0 ||
           vb_zx_attr(z, A_HANSI, v, sizeof v) >= 0))
        r->run_enc = (int)vb_legacy_for_font(v);
      return VB_ZX_DESCEND;
    case W_VANISH:
      if (vb_zx_parent(z, 1) == W_RPR && vb_zx_parent(z, 2) == W_R)
        r->run_hidden = vb_zx_attr(z, A_VAL, v, sizeof v) < 0 || dx_on(z, A_VAL);
      return VB_ZX_DESCEND;
    case W_T:
    case M_T:
      r->in_t = 1;
      r->preserve = tok == M_T || vb_zx_attr_is(z, A_SPACE, "preserve");
      r->t_started = 0;
      r->t_pend = 0;
      return VB_ZX_DESCEND;
    case W_TAB:
    case W_PTAB:
      if (dx_visible(r) && vb_zx_parent(z, 1) == W_R) {
        r->eat_space = 0;
        vb_zx_par_tab(z);
      }
      return VB_ZX_SKIP;
    case W_BR:
    case W_CR:
      if (dx_visible(r)) {
        char type[16];
        int page = tok == W_BR && vb_zx_attr(z, A_TYPE, type, sizeof type) > 0 &&
                   (strcmp(type, "page") == 0 || strcmp(type, "column") == 0);
        if (!(page && vb_zx_par_blank(z))) vb_zx_par_break(z);
      }
      return VB_ZX_SKIP;
    case W_SYM:
      if (dx_visible(r)) {
        char c[16], out[8];
        vb_zx_attr(z, A_FONT, v, sizeof v);
        if (vb_zx_attr(z, A_CHAR, c, sizeof c) > 0) {
          unsigned long code = strtoul(c, NULL, 16);
          size_t k = vb_zx_symbol(code, vb_zx_font_kind(v), out);
          dx_emit(r, out, k);
        }
      }
      return VB_ZX_SKIP;
    case W_NOBREAKHYPHEN:
      if (dx_visible(r)) dx_emit(r, "-", 1);
      return VB_ZX_SKIP;
    case W_FLDCHAR:
      dx_field(r);
      return VB_ZX_SKIP;
    case W_FOOTNOTEREF:
    case W_ENDNOTEREF:
      r->eat_space = 1;
      return VB_ZX_SKIP;
    case W_TBL:
      dx_release(r);
      return VB_ZX_DESCEND;
    case W_FOOTNOTE:
    case W_ENDNOTE:
      /* Separators and continuation notices carry w:type. */
      if (vb_zx_attr(z, A_TYPE, v, sizeof v) >= 0 && strcmp(v, "normal") != 0)
        return VB_ZX_SKIP;
      return VB_ZX_DESCEND;
    case MC_ALTERNATECONTENT:
      if (r->n_ac >= DX_MAX_AC) return VB_ZX_SKIP;
      r->ac[r->n_ac++] = 0;
      return VB_ZX_DESCEND;
    case MC_CHOICE:
    case MC_FALLBACK:
      /* Exactly one branch: the first Choice, else the Fallback. */
      if (!r->n_ac || r->ac[r->n_ac - 1]) return VB_ZX_SKIP;
      r->ac[r->n_ac - 1] = 1;
      return VB_ZX_DESCEND;
    case W_DELTEXT:
    case W_INSTRTEXT:
    case W_DELINSTRTEXT:
    case W_SOFTHYPHEN:
    case W_SDTPR:
    case W_SDTENDPR:
    case W_PPRCHANGE:
    case W_RPRCHANGE:
    case W_SECTPR:
    case W_TBLPR:
    case W_TBLGRID:
    case W_TBLPRCHANGE:
    case W_TRPRCHANGE:
    case W_TCPRCHANGE:
    case W_SECTPRCHANGE:
    case W_NUMBERINGCHANGE:
    case W_TABS:
    case W_SMARTTAGPR:
    case W_CUSTOMXMLPR:
    case W_FFDATA:
    case W_FLDDATA:
    case W_TBLPREX:
    case W_ALTCHUNK:
      return VB_ZX_SKIP;
    default:
      return VB_ZX_DESCEND;
  }
}

static void doc_end(void *u, int tok) {
  dx *r = u;
  switch (tok) {
    case W_P:
      dx_par_end(r);
      break;
    case W_T:
    case M_T:
      dx_legacy_flush(r);
      r->in_t = 0;
      break;
    case W_R:
      dx_legacy_flush(r);
      r->run_hidden = 0;
      break;
    case MC_ALTERNATECONTENT:
      if (r->n_ac) r->n_ac--;
      break;
    case W_TC:
    case W_TXBXCONTENT:
    case W_BODY:
    case W_FOOTNOTE:
    case W_ENDNOTE:
    case W_HDR:
    case W_FTR:
      dx_release(r);
      break;
    default:
      break;
  }
}

static void doc_text(void *u, const char *s, size_t n) {
  dx *r = u;
  if (!r->in_t || !dx_visible(r)) return;
  if (r->preserve) {
    dx_emit(r, s, n);
    return;
  }
  /* Without xml:space="preserve": drop leading and trailing white space
  ** of the element, keep inner runs (the element may arrive in pieces). */
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' ||
                     s[j] == '\r'))
      j++;
    if (r->t_started) r->t_pend += j - i;
    i = j;
    while (j < n && !(s[j] == ' ' || s[j] == '\t' || s[j] == '\n' ||
                      s[j] == '\r'))
      j++;
    if (j > i) {
      for (; r->t_pend; r->t_pend--) dx_emit(r, " ", 1);
      dx_emit(r, s + i, j - i);
      r->t_started = 1;
      i = j;
    }
  }
}

/* Parse one story part into the given target. */
static vb_status dx_story(dx *r, const char *part, int target,
                          vb_error *err) {
  static const vb_zx_handler h = {doc_start, doc_end, doc_text};
  if (!part[0]) return VB_OK;
  int old = vb_zx_target(r->z, target);
  r->fld_n = r->fld_hidden = 0;
  r->fld_sep = 0;
  r->n_ac = 0;
  r->in_t = r->run_hidden = r->eat_space = 0;
  vb_status rc = vb_zx_parse(r->z, part, &h, r, err);
  if (rc == VB_OK) {
    while (vb_zx_par_depth(r->z)) dx_flush(r);  /* held, or cut short */
    rc = vb_zx_status(r->z, err);
  }
  vb_zx_target(r->z, old);
  return rc == VB_ENOTFOUND ? VB_OK : rc;
}

/* ---- OLE compound files ---------------------------------------------- */

static uint32_t get32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

static const unsigned char ole_magic[8] = {0xD0, 0xCF, 0x11, 0xE0,
                                           0xA1, 0xB1, 0x1A, 0xE1};

/* 1 if the directory entry at e is named name (ASCII). */
static int cfb_name_is(const unsigned char *e, const char *name) {
  size_t len = strlen(name);
  if ((size_t)(e[64] | e[65] << 8) != (len + 1) * 2) return 0;
  for (size_t i = 0; i < len; i++)
    if (e[2 * i] != (unsigned char)name[i] || e[2 * i + 1] != 0) return 0;
  return 1;
}

/* Walk the directory of an OLE compound file.  Returns 2 if it holds an
** EncryptedPackage (an encrypted OOXML file), 1 if a WordDocument stream
** (Word 97-2003), 0 otherwise or when the file cannot be walked. */
static int cfb_kind(const unsigned char *d, size_t n) {
  if (n < 512) return 0;
  unsigned shift = d[30] | d[31] << 8;
  if (shift != 9 && shift != 12) return 0;
  size_t ssz = (size_t)1 << shift;
  size_t per_fat = ssz / 4;
  uint32_t sid = get32(d + 48);
  int word = 0;
  for (int hops = 0; hops < DX_CFB_MAX_SECTORS && sid < 0xFFFFFFFAu; hops++) {
    size_t off = ((size_t)sid + 1) << shift;
    if (off > n || n - off < ssz) return word;
    for (size_t e = off; e + 128 <= off + ssz; e += 128) {
      if (cfb_name_is(d + e, "EncryptedPackage") ||
          cfb_name_is(d + e, "EncryptionInfo"))
        return 2;
      if (cfb_name_is(d + e, "WordDocument")) word = 1;
    }
    /* Next directory sector from the FAT (header DIFAT only). */
    size_t fat_index = sid / per_fat;
    if (fat_index >= 109) return word;
    uint32_t fat_sid = get32(d + 76 + 4 * fat_index);
    size_t foff = ((size_t)fat_sid + 1) << shift;
    if (fat_sid >= 0xFFFFFFFAu || foff > n || n - foff < ssz) return word;
    sid = get32(d + foff + 4 * (sid % per_fat));
  }
  return word;
}

static vb_status dx_ole(const unsigned char *d, size_t n, vb_error *err) {
  switch (cfb_kind(d, n)) {
    case 2:
      return vb_error_set(err, VB_EFORMAT,
                          "password-protected document (encrypted Office "
                          "file): remove the password and save it again");
    case 1:
      return vb_error_set(err, VB_EFORMAT,
                          "legacy Word 97-2003 .doc is not supported (save it "
                          "as .docx)");
    default:
      return vb_error_set(err, VB_EFORMAT,
                          "OLE compound file that is not a Word document");
  }
}

/* ---- Reader ---------------------------------------------------------- */

static const char *const docx_ext[] = {"docx", "docm", NULL};

/* Bytes s[0..n) contain pat? */
static int dx_contains(const unsigned char *s, size_t n, const char *pat) {
  size_t m = strlen(pat);
  for (size_t i = 0; i + m <= n; i++)
    if (s[i] == (unsigned char)pat[0] && memcmp(s + i, pat, m) == 0) return 1;
  return 0;
}

/* A zip whose first entries or central directory name word/ parts, or an
** OLE compound file (encrypted DOCX or legacy .doc: read() says which). */
static int docx_sniff(const unsigned char *h, size_t n) {
  if (n >= 8 && memcmp(h, ole_magic, 8) == 0) return 1;
  if (n < 4 || memcmp(h, "PK\3\4", 4) != 0) return 0;
  const size_t window = 65536;
  if (dx_contains(h, n < window ? n : window, "word/")) return 1;
  return n > window && dx_contains(h + n - window, window, "word/document.xml");
}

static void dx_free(dx *r) {
  vb_zx_close(r->z);
  vb_buf_free(&r->lt);
  vb_free(r->fstyles);
  vb_free(r->abs);
  vb_free(r->num);
  vb_free(r->overrides);
  vb_free(r->styles);
  vb_free(r->nstyles);
  vb_free(r->parts);
  vb_free(r);
}

static vb_status docx_read(const unsigned char *data, size_t n,
                           const vb_limits *lim, vb_doc *doc, vb_error *err) {
  if (n >= 8 && memcmp(data, ole_magic, 8) == 0) return dx_ole(data, n, err);
  dx *r = vb_calloc(1, sizeof *r);
  dx_parts *parts = vb_calloc(1, sizeof *parts);
  if (!r || !parts) {
    vb_free(r);
    vb_free(parts);
    return vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  r->parts = parts;
  r->last_num = -1;
  vb_buf_init(&r->lt, VB_CAP_LINE);
  vb_status rc = vb_zx_open(data, n, lim, "DOCX", &dx_vocab, &r->z, err);
  if (rc == VB_OK) rc = dx_rels(r, "_rels/.rels", "", 1, err);
  if (rc == VB_OK) {
    if (!parts->main[0]) dx_copy(parts->main, DX_PATH, "word/document.xml");
    if (!parts->core[0]) dx_copy(parts->core, DX_PATH, "docProps/core.xml");
    if (!vb_zx_has(r->z, parts->main))
      rc = vb_error_set(err, VB_EFORMAT, "not a Word document (%s is missing)",
                        parts->main);
  }
  if (rc == VB_OK) {
    char dir[DX_PATH], rels[DX_PATH * 2];
    dx_dir(parts->main, dir, sizeof dir);
    snprintf(rels, sizeof rels, "%s_rels/%s.rels", dir,
             parts->main + strlen(dir));
    if (vb_zx_has(r->z, rels)) {
      rc = dx_rels(r, rels, dir, 0, err);
    } else {
      dx_copy(parts->styles, DX_PATH, "word/styles.xml");
      dx_copy(parts->numbering, DX_PATH, "word/numbering.xml");
      dx_copy(parts->footnotes, DX_PATH, "word/footnotes.xml");
      dx_copy(parts->endnotes, DX_PATH, "word/endnotes.xml");
      dx_scan_hf(r);
    }
  }
  /* Styles matter only for numbering; skip both when there is none. */
  if (rc == VB_OK && parts->numbering[0] && vb_zx_has(r->z, parts->numbering)) {
    static const vb_zx_handler hs = {styles_start, NULL, NULL};
    static const vb_zx_handler hn = {numbering_start, numbering_end, NULL};
    if (parts->styles[0]) rc = vb_zx_parse(r->z, parts->styles, &hs, r, err);
    if (rc == VB_ENOTFOUND) rc = VB_OK;
    if (rc == VB_OK) rc = vb_zx_parse(r->z, parts->numbering, &hn, r, err);
    if (rc == VB_ENOTFOUND) rc = VB_OK;
    dx_resolve(r);
  }
  if (rc == VB_OK && parts->styles[0]) dx_fonts(r, parts->styles);
  if (rc == VB_OK) rc = dx_story(r, parts->main, VB_ZX_BODY, err);
  if (rc == VB_OK) rc = dx_story(r, parts->footnotes, VB_ZX_NOTES, err);
  if (rc == VB_OK) rc = dx_story(r, parts->endnotes, VB_ZX_NOTES, err);
  for (int i = 0; i < parts->n_hf && rc == VB_OK; i++)
    rc = dx_story(r, parts->hf[i], VB_ZX_EXTRA, err);
  if (rc == VB_OK) {
    static const vb_zx_prop_rule rules[] = {{P_TITLE, VB_ZX_TITLE},
                                            {P_CREATOR, VB_ZX_CREATOR},
                                            {P_CREATED, VB_ZX_CREATED},
                                            {P_MODIFIED, VB_ZX_MODIFIED}};
    rc = vb_zx_read_props(r->z, parts->core, rules,
                          sizeof rules / sizeof rules[0], err);
  }
  if (rc == VB_OK) rc = vb_zx_finish(r->z, doc, err);
  if (rc == VB_OK)
    vb_legacy_note(doc->encoding, sizeof doc->encoding, r->enc_runs);
  dx_free(r);
  return rc;
}

const vb_reader vb_reader_docx = {"docx", docx_ext, docx_sniff, docx_read};
