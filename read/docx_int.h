/*
** docx_int.h: the inside of the DOCX reader, shared by its two files:
** docx_parts.c (the vocabulary, package relationships, styles.xml,
** numbering.xml and the list labels Word draws) and read_docx.c (the
** document, notes, headers and footers, legacy fonts, the reader).
**
** Internal to read/.  The dx state owns its arrays and buffers; they are
** freed by the reader (dx_free in read_docx.c).
*/
#ifndef VB_DOCX_INT_H
#define VB_DOCX_INT_H

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

/* The elements and attributes the reader knows (docx_parts.c). */
extern const vb_zx_vocab dx_vocab;

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
  int n_abs;
  size_t cap_abs;
  dx_num *num;
  int n_num;
  size_t cap_num;
  dx_lvl *overrides;
  int n_over;
  size_t cap_over;
  dx_style *styles;         /* all paragraph and numbering styles, freed */
  int n_styles;             /* once the numbered ones are known */
  size_t cap_styles;
  dx_nstyle *nstyles;       /* numbered paragraph styles */
  int n_nstyles;
  size_t cap_nstyles;
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
  int n_fstyles;
  size_t cap_fstyles;
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

/* ---- Shared between the two files (docx_parts.c) ------------------- */

/* snprintf(dst, cap, "%s", s): copy s, cut to fit. */
void dx_copy(char *dst, size_t cap, const char *s);

/* Directory of a part name, with its trailing slash ("word/"). */
void dx_dir(const char *part, char *dst, size_t cap);

/* 1 if the attribute is present and not false ("0", "false", "off"). */
int dx_on(vb_zx *z, int tok);

/* Append a zeroed element of size sz to the array *arr (*n used, *cap
** allocated); NULL when out of memory or when max elements exist.  The
** array is the caller's (freed by dx_free). */
void *dx_grow(void **arr, int *n, size_t *cap, size_t sz, int max);

/* Read a .rels part into r->parts.  A missing part is not an error. */
vb_status dx_rels(dx *r, const char *rels, const char *base, int package,
                  vb_error *err);

/* Headers and footers by name, for packages without document rels. */
void dx_scan_hf(dx *r);

/* SAX start handler of styles.xml: paragraph and numbering styles. */
int dx_styles_start(void *u, int tok);

/* SAX handlers of numbering.xml: abstract lists, lists and overrides. */
int dx_numbering_start(void *u, int tok);
void dx_numbering_end(void *u, int tok);

/* Link nums to abstractNums, follow numbering-style links, and keep the
** numbered paragraph styles (the full style list is then freed). */
void dx_resolve(dx *r);

/* Compute (and advance the counters for) the label of a paragraph; writes
** the label and its separator to out.  Returns the length (0: none). */
size_t dx_label(dx *r, const dx_par *p, char *out, size_t cap);

#endif /* VB_DOCX_INT_H */
