/*
** read_odt.c: the OpenDocument text reader (vb_reader_odt).
**
** Reads the same text as the DOCX reader, from ODF's element names:
** content.xml gives the body (text:p and text:h one line each, white space
** collapsed as ODF prescribes, text:s/text:tab/text:line-break written out,
** tables cell by cell, frames and text boxes before the paragraph that
** anchors them); list labels are computed from the list styles
** (style:num-format, num-prefix/num-suffix, text:display-levels,
** text:start-value, text:continue-numbering, text:continue-list) and
** headings get the outline numbering of text:outline-style; the body is
** the accepted view of tracked changes (text:tracked-changes holds the
** deleted text and is skipped, text:change marks are empty); footnotes and
** endnotes (text:note) follow the body without their citation marks;
** annotations are dropped.  styles.xml gives the list styles and the master
** page headers and footers (vb_doc.extra, each distinct line once), meta.xml
** the properties.  An encrypted (password-protected) package is recognised
** from its manifest.
**
** Text in legacy 8-bit fonts (.VnTime and .Vn*H: TCVN3, VNI-*: VNI) is
** converted span by span from its font, as the DOCX reader does runs: the
** font of a text:span's style, else of its paragraph's style (parent
** styles followed), else of the default paragraph style; a style names a
** font face (style:font-name, whose svg:font-family is the font) or the
** font itself (fo:font-family).  A span is converted only when that reads
** as more Vietnamese than the text as stored (vb_legacy_recode_run()).
** Styles are looked at only when a font face or style names such a font.
*/
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "legacy.h"
#include "reader.h"
#include "zipxml.h"

#define OD_LEVELS 10        /* ODF list levels */
#define OD_ID 64            /* style names and xml:ids (longer ones cut) */
#define OD_AFFIX 24         /* num-prefix, num-suffix, bullet-char */
#define OD_MAX_LSTYLES 2048 /* list styles kept per document */
#define OD_MAX_LISTS 8192   /* list instances (top-level text:list) */
#define OD_LIST_NEST 64     /* nested text:list elements tracked */
#define OD_NEST 64          /* paragraph nesting (frames, notes) */
#define OD_MAX_SPACES 1024  /* spaces one text:s may add */
#define OD_LABEL 128        /* a list label */
#define OD_MAX_FSTYLES 8192 /* paragraph and text styles kept for fonts */
#define OD_MAX_FACES 256    /* legacy font faces kept */
#define OD_STYLE_HOPS 32    /* parent-style chains (cycles stop here) */

static const char odt_mime[] = "application/vnd.oasis.opendocument.text";

/* ---- Vocabulary ------------------------------------------------------ */

enum {
  NS_OFFICE = 1, NS_TEXT, NS_TABLE, NS_STYLE, NS_SVG, NS_DC, NS_META, NS_XML,
  NS_MANIFEST, NS_FO
};

enum {
  T_NONE = 0,
  O_ANNOTATION, O_FORMS, O_SCRIPTS, O_FONT_FACE_DECLS, O_EVENT_LISTENERS,
  T_P, T_H, T_S, T_TAB, T_LINE_BREAK, T_LIST, T_LIST_ITEM, T_LIST_HEADER,
  T_NOTE_CITATION, T_NOTE_BODY, T_TRACKED_CHANGES, T_NUMBER, T_HIDDEN_TEXT,
  T_HIDDEN_PARAGRAPH, T_SEQUENCE_DECLS, T_VARIABLE_DECLS, T_USER_FIELD_DECLS,
  T_DDE_DECLS, T_TOC_SOURCE, T_ILLUSTRATION_SOURCE, T_ALPHA_SOURCE,
  T_TABLE_INDEX_SOURCE, T_OBJECT_INDEX_SOURCE, T_USER_INDEX_SOURCE,
  T_BIBLIOGRAPHY_SOURCE, T_LIST_STYLE, T_OUTLINE_STYLE, T_LVL_NUMBER,
  T_LVL_BULLET, T_LVL_IMAGE, T_OUTLINE_LVL,
  TB_COVERED_CELL, S_HEADER, S_FOOTER, S_HEADER_LEFT, S_FOOTER_LEFT,
  S_HEADER_FIRST, S_FOOTER_FIRST, SVG_TITLE, SVG_DESC, MF_ENCRYPTION_DATA,
  P_TITLE, P_DC_CREATOR, P_INITIAL_CREATOR, P_CREATION_DATE, P_DATE,
  /* attributes */
  A_C, A_STYLE_NAME, A_CONTINUE_NUMBERING, A_CONTINUE_LIST, A_XML_ID,
  A_START_VALUE, A_LEVEL, A_NUM_FORMAT, A_NUM_PREFIX, A_NUM_SUFFIX,
  A_DISPLAY_LEVELS, A_BULLET_CHAR, A_LETTER_SYNC, A_OUTLINE_LEVEL, A_NAME,
  A_IS_LIST_HEADER, A_DISPLAY,
  /* fonts */
  T_SPAN, S_FONT_FACE, S_STYLE, S_DEFAULT_STYLE, S_TEXT_PROPERTIES,
  A_FONT_FAMILY, A_FAMILY, A_PARENT_STYLE, A_FONT_NAME, A_FO_FONT_FAMILY
};

static const vb_zx_ns od_ns[] = {
    {NS_OFFICE, "urn:oasis:names:tc:opendocument:xmlns:office:1.0"},
    {NS_TEXT, "urn:oasis:names:tc:opendocument:xmlns:text:1.0"},
    {NS_TABLE, "urn:oasis:names:tc:opendocument:xmlns:table:1.0"},
    {NS_STYLE, "urn:oasis:names:tc:opendocument:xmlns:style:1.0"},
    {NS_SVG, "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"},
    {NS_DC, "http://purl.org/dc/elements/1.1/"},
    {NS_META, "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"},
    {NS_XML, "http://www.w3.org/XML/1998/namespace"},
    {NS_MANIFEST, "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"},
    {NS_FO, "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"},
};

static const vb_zx_word od_words[] = {
    {NS_OFFICE, "annotation", O_ANNOTATION}, {NS_OFFICE, "forms", O_FORMS},
    {NS_OFFICE, "scripts", O_SCRIPTS},
    {NS_OFFICE, "font-face-decls", O_FONT_FACE_DECLS},
    {NS_OFFICE, "event-listeners", O_EVENT_LISTENERS},
    {NS_TEXT, "p", T_P}, {NS_TEXT, "h", T_H}, {NS_TEXT, "s", T_S},
    {NS_TEXT, "tab", T_TAB}, {NS_TEXT, "line-break", T_LINE_BREAK},
    {NS_TEXT, "list", T_LIST}, {NS_TEXT, "list-item", T_LIST_ITEM},
    {NS_TEXT, "list-header", T_LIST_HEADER},
    {NS_TEXT, "note-citation", T_NOTE_CITATION},
    {NS_TEXT, "note-body", T_NOTE_BODY},
    {NS_TEXT, "tracked-changes", T_TRACKED_CHANGES},
    {NS_TEXT, "number", T_NUMBER}, {NS_TEXT, "hidden-text", T_HIDDEN_TEXT},
    {NS_TEXT, "hidden-paragraph", T_HIDDEN_PARAGRAPH},
    {NS_TEXT, "sequence-decls", T_SEQUENCE_DECLS},
    {NS_TEXT, "variable-decls", T_VARIABLE_DECLS},
    {NS_TEXT, "user-field-decls", T_USER_FIELD_DECLS},
    {NS_TEXT, "dde-connection-decls", T_DDE_DECLS},
    {NS_TEXT, "table-of-content-source", T_TOC_SOURCE},
    {NS_TEXT, "illustration-index-source", T_ILLUSTRATION_SOURCE},
    {NS_TEXT, "alphabetical-index-source", T_ALPHA_SOURCE},
    {NS_TEXT, "table-index-source", T_TABLE_INDEX_SOURCE},
    {NS_TEXT, "object-index-source", T_OBJECT_INDEX_SOURCE},
    {NS_TEXT, "user-index-source", T_USER_INDEX_SOURCE},
    {NS_TEXT, "bibliography-source", T_BIBLIOGRAPHY_SOURCE},
    {NS_TEXT, "list-style", T_LIST_STYLE},
    {NS_TEXT, "outline-style", T_OUTLINE_STYLE},
    {NS_TEXT, "list-level-style-number", T_LVL_NUMBER},
    {NS_TEXT, "list-level-style-bullet", T_LVL_BULLET},
    {NS_TEXT, "list-level-style-image", T_LVL_IMAGE},
    {NS_TEXT, "outline-level-style", T_OUTLINE_LVL},
    {NS_TABLE, "covered-table-cell", TB_COVERED_CELL},
    {NS_STYLE, "header", S_HEADER}, {NS_STYLE, "footer", S_FOOTER},
    {NS_STYLE, "header-left", S_HEADER_LEFT},
    {NS_STYLE, "footer-left", S_FOOTER_LEFT},
    {NS_STYLE, "header-first", S_HEADER_FIRST},
    {NS_STYLE, "footer-first", S_FOOTER_FIRST},
    {NS_SVG, "title", SVG_TITLE}, {NS_SVG, "desc", SVG_DESC},
    {NS_MANIFEST, "encryption-data", MF_ENCRYPTION_DATA},
    {NS_DC, "title", P_TITLE}, {NS_DC, "creator", P_DC_CREATOR},
    {NS_META, "initial-creator", P_INITIAL_CREATOR},
    {NS_META, "creation-date", P_CREATION_DATE}, {NS_DC, "date", P_DATE},
    {NS_TEXT, "c", A_C}, {NS_TEXT, "style-name", A_STYLE_NAME},
    {NS_TEXT, "continue-numbering", A_CONTINUE_NUMBERING},
    {NS_TEXT, "continue-list", A_CONTINUE_LIST}, {NS_XML, "id", A_XML_ID},
    {NS_TEXT, "start-value", A_START_VALUE}, {NS_TEXT, "level", A_LEVEL},
    {NS_STYLE, "num-format", A_NUM_FORMAT},
    {NS_STYLE, "num-prefix", A_NUM_PREFIX},
    {NS_STYLE, "num-suffix", A_NUM_SUFFIX},
    {NS_TEXT, "display-levels", A_DISPLAY_LEVELS},
    {NS_TEXT, "bullet-char", A_BULLET_CHAR},
    {NS_STYLE, "num-letter-sync", A_LETTER_SYNC},
    {NS_TEXT, "outline-level", A_OUTLINE_LEVEL}, {NS_STYLE, "name", A_NAME},
    {NS_TEXT, "is-list-header", A_IS_LIST_HEADER},
    {NS_STYLE, "display", A_DISPLAY},
    {NS_TEXT, "span", T_SPAN}, {NS_STYLE, "font-face", S_FONT_FACE},
    {NS_STYLE, "style", S_STYLE}, {NS_STYLE, "default-style", S_DEFAULT_STYLE},
    {NS_STYLE, "text-properties", S_TEXT_PROPERTIES},
    {NS_SVG, "font-family", A_FONT_FAMILY}, {NS_STYLE, "family", A_FAMILY},
    {NS_STYLE, "parent-style-name", A_PARENT_STYLE},
    {NS_STYLE, "font-name", A_FONT_NAME},
    {NS_FO, "font-family", A_FO_FONT_FAMILY},
};

static const vb_zx_vocab od_vocab = {od_ns, sizeof od_ns / sizeof od_ns[0],
                                     od_words,
                                     sizeof od_words / sizeof od_words[0]};

/* ---- State ----------------------------------------------------------- */

typedef struct od_lvl {
  unsigned char set;
  unsigned char fmt;       /* enum vb_zx_numfmt */
  unsigned char display;   /* text:display-levels */
  long start;
  char prefix[OD_AFFIX];
  char suffix[OD_AFFIX];
  char bullet[OD_AFFIX];   /* label of a bullet level */
} od_lvl;

typedef struct od_lstyle {
  char name[OD_ID];
  od_lvl lvl[OD_LEVELS];
} od_lstyle;

/* Counters of one list (a top-level text:list and those continuing it). */
typedef struct od_inst {
  int lstyle;              /* index into lstyles, -1 if unknown */
  char id[OD_ID];          /* xml:id, for text:continue-list */
  long count[OD_LEVELS];
  unsigned char used[OD_LEVELS];
} od_inst;

#define OD_NO_LIST (-1)       /* od_list.inst: no counters */
#define OD_OUTLINE_LIST (-2)  /* od_list.inst: the outline counters */

typedef struct od_list {
  int inst;                /* index into insts, or one of the above */
  int level;
  int labeled;             /* the current item's first paragraph is seen */
  int header;              /* the current item is a text:list-header */
  long item_start;         /* text:start-value of the item, or LONG_MIN */
} od_list;

/* A paragraph or text style, for the font its text is in. */
typedef struct od_fstyle {
  char name[OD_ID], parent[OD_ID];
  int enc;       /* vb_legacy of its font, -1 if it names none */
  int text;      /* style:family="text" (else paragraph) */
} od_fstyle;

/* A font face whose family is a legacy font. */
typedef struct od_face {
  char name[OD_ID];
  int enc;
} od_face;

typedef struct od {
  vb_zx *z;
  /* legacy fonts */
  od_face faces[OD_MAX_FACES];
  int n_faces;
  int legacy;              /* a face or style names a legacy font */
  od_fstyle *fstyles;
  int n_fstyles;
  size_t cap_fstyles;
  od_fstyle *cur_fstyle;   /* style whose properties are being read */
  int def_enc;             /* the default paragraph style's, -1: none */
  int enc[OD_NEST];        /* encoding of each open paragraph and span */
  int n_enc;               /* open (may pass OD_NEST) */
  vb_buf lt;               /* legacy text held until its span ends */
  size_t enc_runs[VB_LEGACY_COUNT];
  int enc_bias[VB_LEGACY_COUNT];
  od_lstyle *lstyles;
  int n_lstyles;
  size_t cap_lstyles;
  od_lstyle outline;       /* text:outline-style (its name too) */
  od_inst outline_inst;    /* heading counters, shared by lists using it */
  od_lstyle *cur_style;    /* list style being read */
  od_inst *insts;
  int n_insts;
  size_t cap_insts;
  od_list lists[OD_LIST_NEST];
  int n_lists;             /* open text:list elements (may pass the cap) */
  char label[OD_NEST][OD_LABEL];
  int saved_target[OD_NEST];
  int n_saved;
  int encrypted;
} od;

/* ---- List styles ----------------------------------------------------- */

static int od_fmt(const char *v, int sync) {
  if (!v[0]) return VB_ZX_FMT_NONE;
  if (strcmp(v, "I") == 0) return VB_ZX_FMT_UPPER_ROMAN;
  if (strcmp(v, "i") == 0) return VB_ZX_FMT_LOWER_ROMAN;
  if (strcmp(v, "A") == 0)
    return sync ? VB_ZX_FMT_UPPER_LETTER : VB_ZX_FMT_UPPER_ALPHA;
  if (strcmp(v, "a") == 0)
    return sync ? VB_ZX_FMT_LOWER_LETTER : VB_ZX_FMT_LOWER_ALPHA;
  return VB_ZX_FMT_DECIMAL;
}

static int od_find_lstyle(const od *o, const char *name) {
  for (int i = 0; i < o->n_lstyles; i++)
    if (strcmp(o->lstyles[i].name, name) == 0) return i;
  return -1;
}

/* text:list-style / text:outline-style and their levels. */
static int od_style_start(od *o, int tok) {
  vb_zx *z = o->z;
  if (tok == T_OUTLINE_STYLE) {
    memset(&o->outline, 0, sizeof o->outline);
    vb_zx_attr(z, A_NAME, o->outline.name, sizeof o->outline.name);
    o->cur_style = &o->outline;
    return VB_ZX_DESCEND;
  }
  if (tok == T_LIST_STYLE) {
    o->cur_style = NULL;
    if ((size_t)o->n_lstyles == o->cap_lstyles) {
      if (o->n_lstyles >= OD_MAX_LSTYLES) return VB_ZX_SKIP;
      if (vb_grow(&o->lstyles, &o->cap_lstyles, (size_t)o->n_lstyles + 1,
                  sizeof *o->lstyles) != VB_OK)
        return VB_ZX_SKIP;  /* no labels for it; text still reads */
    }
    od_lstyle *s = &o->lstyles[o->n_lstyles++];
    memset(s, 0, sizeof *s);
    vb_zx_attr(z, A_NAME, s->name, sizeof s->name);
    o->cur_style = s;
    return VB_ZX_DESCEND;
  }
  /* A level style. */
  long lv = vb_zx_attr_long(z, A_LEVEL, 0);
  if (!o->cur_style || lv < 1 || lv > OD_LEVELS) return VB_ZX_SKIP;
  od_lvl *l = &o->cur_style->lvl[lv - 1];
  char v[OD_AFFIX];
  memset(l, 0, sizeof *l);
  l->set = 1;
  l->start = vb_zx_attr_long(z, A_START_VALUE, 1);
  long d = vb_zx_attr_long(z, A_DISPLAY_LEVELS, 1);
  l->display = (unsigned char)(d < 1 ? 1 : d > OD_LEVELS ? OD_LEVELS : d);
  vb_zx_attr(z, A_NUM_PREFIX, l->prefix, sizeof l->prefix);
  vb_zx_attr(z, A_NUM_SUFFIX, l->suffix, sizeof l->suffix);
  if (tok == T_LVL_BULLET) {
    l->fmt = VB_ZX_FMT_BULLET;
    vb_zx_attr(z, A_BULLET_CHAR, v, sizeof v);
    vb_zx_bullet(v, VB_ZX_FONT_OTHER, l->bullet, sizeof l->bullet);
  } else if (tok == T_LVL_IMAGE) {
    l->fmt = VB_ZX_FMT_BULLET;
    snprintf(l->bullet, sizeof l->bullet, "\xE2\x80\xA2");
  } else {
    vb_zx_attr(z, A_NUM_FORMAT, v, sizeof v);
    l->fmt = (unsigned char)od_fmt(v, vb_zx_attr_is(z, A_LETTER_SYNC, "true"));
  }
  return VB_ZX_SKIP;
}

/* ---- Labels ---------------------------------------------------------- */

/* Advance level lv of counters c under style s and write the label. */
static void od_label(const od_lstyle *s, od_inst *c, int lv, long start,
                     char *out, size_t cap) {
  out[0] = '\0';
  if (!s || !s->lvl[lv].set) return;
  const od_lvl *l = &s->lvl[lv];
  c->count[lv] = start != LONG_MIN ? start
                 : c->used[lv]     ? c->count[lv] + 1
                                   : l->start;
  c->used[lv] = 1;
  for (int k = lv + 1; k < OD_LEVELS; k++) c->used[k] = 0;
  size_t len = 0;
  if (l->fmt == VB_ZX_FMT_BULLET) {
    vb_zx_cat(out, cap, &len, l->bullet, strlen(l->bullet));
  } else {
    vb_zx_cat(out, cap, &len, l->prefix, strlen(l->prefix));
    int first = lv + 1 - l->display;
    if (first < 0) first = 0;
    for (int k = first; k <= lv; k++) {
      const od_lvl *d = &s->lvl[k];
      long v = c->used[k] ? c->count[k] : d->start;
      if (k > first) vb_zx_cat(out, cap, &len, ".", 1);
      vb_zx_format_number(out, cap, &len, v, d->set ? d->fmt : VB_ZX_FMT_DECIMAL);
    }
    vb_zx_cat(out, cap, &len, l->suffix, strlen(l->suffix));
  }
  if (len) vb_zx_cat(out, cap, &len, " ", 1);
}

/* Label of a paragraph or heading that starts now. */
static void od_par_label(od *o, int tok, char *out, size_t cap) {
  vb_zx *z = o->z;
  out[0] = '\0';
  int parent = vb_zx_parent(z, 1);
  if (o->n_lists > 0 && (parent == T_LIST_ITEM || parent == T_LIST_HEADER)) {
    if (o->n_lists > OD_LIST_NEST) return;
    od_list *l = &o->lists[o->n_lists - 1];
    if (l->labeled) return;
    l->labeled = 1;
    if (l->header || l->inst == OD_NO_LIST) return;
    if (l->inst == OD_OUTLINE_LIST) {
      od_label(&o->outline, &o->outline_inst, l->level, l->item_start, out,
               cap);
      return;
    }
    od_inst *c = &o->insts[l->inst];
    od_label(c->lstyle >= 0 ? &o->lstyles[c->lstyle] : NULL, c, l->level,
             l->item_start, out, cap);
    return;
  }
  if (tok == T_H && !vb_zx_attr_is(z, A_IS_LIST_HEADER, "true")) {
    long lv = vb_zx_attr_long(z, A_OUTLINE_LEVEL, 0);
    if (lv >= 1 && lv <= OD_LEVELS)
      od_label(&o->outline, &o->outline_inst, (int)lv - 1, LONG_MIN, out, cap);
  }
}

/* A text:list starts: nested lists continue their parent's counters one
** level down; a top-level list starts, continues or resumes a list. */
static void od_list_begin(od *o) {
  vb_zx *z = o->z;
  int depth = o->n_lists++;
  if (depth >= OD_LIST_NEST) return;
  od_list *l = &o->lists[depth];
  l->labeled = l->header = 0;
  l->item_start = LONG_MIN;
  if (depth > 0) {
    l->inst = o->lists[depth - 1].inst;
    l->level = o->lists[depth - 1].level + 1;
    if (l->level >= OD_LEVELS) l->level = OD_LEVELS - 1;
    return;
  }
  l->level = 0;
  l->inst = OD_NO_LIST;
  char name[OD_ID], ref[OD_ID];
  vb_zx_attr(z, A_STYLE_NAME, name, sizeof name);
  if (name[0] && strcmp(name, o->outline.name) == 0) {
    l->inst = OD_OUTLINE_LIST;  /* numbered headings: the outline counters */
    return;
  }
  int ls = od_find_lstyle(o, name);
  if (vb_zx_attr(z, A_CONTINUE_LIST, ref, sizeof ref) > 0) {
    for (int i = o->n_insts; i-- > 0 && l->inst < 0;)
      if (strcmp(o->insts[i].id, ref) == 0) l->inst = i;
  } else if (vb_zx_attr_is(z, A_CONTINUE_NUMBERING, "true")) {
    for (int i = o->n_insts; i-- > 0 && l->inst < 0;)
      if (o->insts[i].lstyle == ls) l->inst = i;
  }
  if (l->inst != OD_NO_LIST) return;
  if ((size_t)o->n_insts == o->cap_insts) {
    if (o->n_insts >= OD_MAX_LISTS) {
      l->inst = o->n_insts - 1;  /* past the cap lists share counters */
      return;
    }
    if (vb_grow(&o->insts, &o->cap_insts, (size_t)o->n_insts + 1,
                sizeof *o->insts) != VB_OK) {
      vb_zx_fail(z, VB_ENOMEM, "out of memory");
      return;
    }
  }
  od_inst *c = &o->insts[o->n_insts];
  memset(c, 0, sizeof *c);
  c->lstyle = ls;
  vb_zx_attr(z, A_XML_ID, c->id, sizeof c->id);
  l->inst = o->n_insts++;
}

/* ---- Legacy fonts ---------------------------------------------------- */

/* The encoding of a font family as a style or face gives it: quotes
** around the name are dropped ("'.VnTime'"). */
static int od_font_enc(const char *family) {
  char f[OD_ID];
  size_t n = strlen(family);
  if (n >= 2 && (family[0] == '\'' || family[0] == '"') && family[n - 1] == family[0])
    family++, n -= 2;
  if (n >= sizeof f) n = sizeof f - 1;
  memcpy(f, family, n);
  f[n] = '\0';
  return (int)vb_legacy_for_font(f);
}

/* The encoding of the font of a style's text properties, or -1. */
static int od_props_enc(od *o) {
  vb_zx *z = o->z;
  char v[OD_ID];
  if (vb_zx_attr(z, A_FONT_NAME, v, sizeof v) >= 0) {
    for (int i = 0; i < o->n_faces; i++)
      if (strcmp(o->faces[i].name, v) == 0) return o->faces[i].enc;
    return od_font_enc(v);  /* a face not declared: its name */
  }
  if (vb_zx_attr(z, A_FO_FONT_FAMILY, v, sizeof v) >= 0) {
    int e = od_font_enc(v);
    if (e != VB_LEGACY_NONE) o->legacy = 1;
    return e;
  }
  return -1;
}

/* style:font-face, style:style, style:default-style and their
** style:text-properties: what the fonts of the document are. */
static int od_font_start(od *o, int tok) {
  vb_zx *z = o->z;
  char v[OD_ID];
  if (tok == S_FONT_FACE) {
    if (vb_zx_attr(z, A_FONT_FAMILY, v, sizeof v) < 0 &&
        vb_zx_attr(z, A_NAME, v, sizeof v) < 0)
      return VB_ZX_SKIP;
    int e = od_font_enc(v);
    if (e == VB_LEGACY_NONE || o->n_faces >= OD_MAX_FACES) return VB_ZX_SKIP;
    od_face *f = &o->faces[o->n_faces++];
    f->enc = e;
    if (vb_zx_attr(z, A_NAME, f->name, sizeof f->name) < 0)
      snprintf(f->name, sizeof f->name, "%s", v);
    o->legacy = 1;
    return VB_ZX_SKIP;
  }
  if (tok == S_DEFAULT_STYLE) {
    o->cur_fstyle = NULL;
    return vb_zx_attr_is(z, A_FAMILY, "paragraph") ? VB_ZX_DESCEND : VB_ZX_SKIP;
  }
  if (tok == S_STYLE) {
    o->cur_fstyle = NULL;
    int text = vb_zx_attr_is(z, A_FAMILY, "text");
    if (!text && !vb_zx_attr_is(z, A_FAMILY, "paragraph")) return VB_ZX_SKIP;
    if ((size_t)o->n_fstyles == o->cap_fstyles) {
      if (o->n_fstyles >= OD_MAX_FSTYLES) return VB_ZX_SKIP;
      if (vb_grow(&o->fstyles, &o->cap_fstyles, (size_t)o->n_fstyles + 1,
                  sizeof *o->fstyles) != VB_OK)
        return VB_ZX_SKIP;  /* its text is read as stored */
    }
    od_fstyle *s = &o->fstyles[o->n_fstyles++];
    memset(s, 0, sizeof *s);
    s->enc = -1;
    s->text = text;
    vb_zx_attr(z, A_NAME, s->name, sizeof s->name);
    vb_zx_attr(z, A_PARENT_STYLE, s->parent, sizeof s->parent);
    o->cur_fstyle = s;
    return VB_ZX_DESCEND;
  }
  /* style:text-properties */
  int parent = vb_zx_parent(z, 1);
  int e = od_props_enc(o);
  if (e >= 0 && parent == S_STYLE && o->cur_fstyle) o->cur_fstyle->enc = e;
  if (e >= 0 && parent == S_DEFAULT_STYLE) o->def_enc = e;
  return VB_ZX_SKIP;
}

/* The encoding of the text of the style named name (parents followed);
** -1 when no style on the way names a font. */
static int od_style_enc(const od *o, const char *name, int text) {
  for (int hop = 0; name[0] && hop < OD_STYLE_HOPS; hop++) {
    const od_fstyle *s = NULL;
    for (int i = o->n_fstyles - 1; i >= 0 && !s; i--)
      if (o->fstyles[i].text == text && strcmp(o->fstyles[i].name, name) == 0)
        s = &o->fstyles[i];
    if (!s) return -1;
    if (s->enc >= 0) return s->enc;
    name = s->parent;
  }
  return -1;
}

/* Convert the legacy text held (o->lt) in the encoding of the open span
** and hand it to the line. */
static void od_legacy_flush(od *o) {
  if (!o->lt.len) return;
  int e = o->n_enc > 0 ? o->enc[(o->n_enc > OD_NEST ? OD_NEST : o->n_enc) - 1]
                       : VB_LEGACY_NONE;
  vb_buf u;
  int conv = 0;
  vb_buf_init(&u, VB_CAP_TEXT);
  int fam = e == VB_LEGACY_TCVN3_CAPS ? VB_LEGACY_TCVN3 : e;
  if (vb_legacy_recode_run((vb_legacy)e, o->lt.data, o->lt.len, &u,
                           &o->enc_bias[fam], &conv, NULL) == VB_OK) {
    vb_zx_par_text(o->z, u.data ? u.data : "", u.len, 1);
    o->enc_runs[e] += (size_t)conv;
  } else {
    vb_zx_fail(o->z, VB_ENOMEM, "out of memory");
  }
  vb_buf_free(&u);
  vb_buf_reset(&o->lt);
}

/* A paragraph (T_P, T_H) or a span starts: the encoding of its text. */
static void od_enc_push(od *o, int tok) {
  int top = o->n_enc > 0 ? o->enc[(o->n_enc > OD_NEST ? OD_NEST : o->n_enc) - 1]
                         : VB_LEGACY_NONE;
  int e = top;
  char name[OD_ID];
  if (tok != T_SPAN) e = o->def_enc >= 0 ? o->def_enc : VB_LEGACY_NONE;
  if (vb_zx_attr(o->z, A_STYLE_NAME, name, sizeof name) >= 0) {
    int s = od_style_enc(o, name, tok == T_SPAN);
    if (s >= 0) e = s;
  }
  if (o->n_enc < OD_NEST) o->enc[o->n_enc] = e;
  o->n_enc++;
}

/* ---- Content --------------------------------------------------------- */

static int od_start(void *u, int tok) {
  od *o = u;
  vb_zx *z = o->z;
  if (o->legacy) {
    od_legacy_flush(o);
    if (tok == T_P || tok == T_H || tok == T_SPAN) od_enc_push(o, tok);
  }
  switch (tok) {
    case S_FONT_FACE:
    case S_STYLE:
    case S_DEFAULT_STYLE:
    case S_TEXT_PROPERTIES:
      return od_font_start(o, tok);
    case T_P:
    case T_H: {
      vb_zx_par_begin(z);
      int lv = vb_zx_par_depth(z) - 1;
      char tmp[OD_LABEL];
      od_par_label(o, tok, lv >= 0 && lv < OD_NEST ? o->label[lv] : tmp,
                   OD_LABEL);
      return VB_ZX_DESCEND;
    }
    case T_S: {
      long c = vb_zx_attr_long(z, A_C, 1);
      if (c > OD_MAX_SPACES) c = OD_MAX_SPACES;
      for (long i = 0; i < c; i++) vb_zx_par_text(z, " ", 1, 0);
      return VB_ZX_SKIP;
    }
    case T_TAB:
      vb_zx_par_tab(z);
      return VB_ZX_SKIP;
    case T_LINE_BREAK:
      vb_zx_par_break(z);
      return VB_ZX_SKIP;
    case T_LIST:
      od_list_begin(o);
      return VB_ZX_DESCEND;
    case T_LIST_ITEM:
    case T_LIST_HEADER:
      if (o->n_lists > 0 && o->n_lists <= OD_LIST_NEST) {
        od_list *l = &o->lists[o->n_lists - 1];
        l->labeled = 0;
        l->header = tok == T_LIST_HEADER;
        l->item_start = vb_zx_attr_long(z, A_START_VALUE, LONG_MIN);
      }
      return VB_ZX_DESCEND;
    case T_NOTE_BODY:
      if (o->n_saved >= OD_NEST) return VB_ZX_SKIP;
      o->saved_target[o->n_saved++] = vb_zx_target(z, VB_ZX_NOTES);
      return VB_ZX_DESCEND;
    case T_LIST_STYLE:
    case T_OUTLINE_STYLE:
    case T_LVL_NUMBER:
    case T_LVL_BULLET:
    case T_LVL_IMAGE:
    case T_OUTLINE_LVL:
      return od_style_start(o, tok);
    case S_HEADER:
    case S_FOOTER:
    case S_HEADER_LEFT:
    case S_FOOTER_LEFT:
    case S_HEADER_FIRST:
    case S_FOOTER_FIRST:
      return vb_zx_attr_is(z, A_DISPLAY, "false") ? VB_ZX_SKIP : VB_ZX_DESCEND;
    case O_ANNOTATION:
    case O_FORMS:
    case O_SCRIPTS:
    case O_EVENT_LISTENERS:
    case T_NOTE_CITATION:
    case T_TRACKED_CHANGES:
    case T_NUMBER:
    case T_HIDDEN_TEXT:
    case T_HIDDEN_PARAGRAPH:
    case T_SEQUENCE_DECLS:
    case T_VARIABLE_DECLS:
    case T_USER_FIELD_DECLS:
    case T_DDE_DECLS:
    case T_TOC_SOURCE:
    case T_ILLUSTRATION_SOURCE:
    case T_ALPHA_SOURCE:
    case T_TABLE_INDEX_SOURCE:
    case T_OBJECT_INDEX_SOURCE:
    case T_USER_INDEX_SOURCE:
    case T_BIBLIOGRAPHY_SOURCE:
    case TB_COVERED_CELL:
    case SVG_TITLE:
    case SVG_DESC:
      return VB_ZX_SKIP;
    default:
      return VB_ZX_DESCEND;
  }
}

static void od_end(void *u, int tok) {
  od *o = u;
  vb_zx *z = o->z;
  if (o->legacy) {
    od_legacy_flush(o);
    if ((tok == T_P || tok == T_H || tok == T_SPAN) && o->n_enc > 0) o->n_enc--;
  }
  switch (tok) {
    case S_STYLE:
      o->cur_fstyle = NULL;
      break;
    case T_P:
    case T_H: {
      int lv = vb_zx_par_depth(z) - 1;
      const char *label = lv >= 0 && lv < OD_NEST ? o->label[lv] : "";
      vb_zx_par_flush(z, label, strlen(label));
      break;
    }
    case T_LIST:
      if (o->n_lists > 0) o->n_lists--;
      break;
    case T_NOTE_BODY:
      if (o->n_saved > 0) vb_zx_target(z, o->saved_target[--o->n_saved]);
      break;
    case T_LIST_STYLE:
    case T_OUTLINE_STYLE:
      o->cur_style = NULL;
      break;
    default:
      break;
  }
}

static void od_text(void *u, const char *s, size_t n) {
  od *o = u;
  int e = o->n_enc > 0 ? o->enc[(o->n_enc > OD_NEST ? OD_NEST : o->n_enc) - 1]
                       : VB_LEGACY_NONE;
  if (o->legacy && e != VB_LEGACY_NONE) { /* converted at the span's end */
    /* A long span is converted in parts, cut before ASCII (never between
    ** a VNI letter and its mark). */
    if (o->lt.len > 65536 && (unsigned char)s[0] < 0x80) od_legacy_flush(o);
    if (vb_buf_append(&o->lt, s, n) != VB_OK)
      vb_zx_fail(o->z, VB_ELIMIT, "text span longer than %zu bytes",
                 (size_t)VB_CAP_LINE);
    return;
  }
  vb_zx_par_text(o->z, s, n, 1);
}

static int manifest_start(void *u, int tok) {
  od *o = u;
  if (tok == MF_ENCRYPTION_DATA) o->encrypted = 1;
  return VB_ZX_DESCEND;
}

/* ---- Reader ---------------------------------------------------------- */

static const char *const odt_ext[] = {"odt", NULL};

/* The mimetype entry comes first, stored, right after its local header. */
static int odt_sniff(const unsigned char *h, size_t n) {
  if (n < 30 || memcmp(h, "PK\3\4", 4) != 0) return 0;
  size_t name_len = (size_t)(h[26] | h[27] << 8);
  size_t extra = (size_t)(h[28] | h[29] << 8);
  size_t at = 30 + name_len + extra;
  size_t mlen = sizeof odt_mime - 1;
  if (name_len != 8 || n < at + mlen) return 0;
  return memcmp(h + 30, "mimetype", 8) == 0 &&
         memcmp(h + at, odt_mime, mlen) == 0;
}

static vb_status odt_read(const unsigned char *data, size_t n,
                          const vb_limits *lim, vb_doc *doc, vb_error *err) {
  static const vb_zx_handler h = {od_start, od_end, od_text};
  od *o = vb_calloc(1, sizeof *o);
  if (!o) return vb_error_set(err, VB_ENOMEM, "out of memory");
  o->def_enc = -1;
  vb_buf_init(&o->lt, VB_CAP_LINE);
  vb_status rc = vb_zx_open(data, n, lim, "ODT", &od_vocab, &o->z, err);
  if (rc == VB_OK) {
    char mime[80];
    long k = vb_zx_read_small(o->z, "mimetype", mime, sizeof mime);
    for (long i = 0; i < k; i++)  /* quoted in a message: printable only */
      if (mime[i] < 0x20 || mime[i] > 0x7E) mime[i] = '?';
    if (vb_zx_status(o->z, err) != VB_OK)
      rc = vb_zx_status(o->z, err);
    else if (k >= 0 && strncmp(mime, odt_mime, sizeof odt_mime - 1) != 0)
      rc = vb_error_set(err, VB_EFORMAT,
                        "not an OpenDocument text (mimetype %s)", mime);
    else if (!vb_zx_has(o->z, "content.xml"))
      rc = vb_error_set(err, VB_EFORMAT,
                        "not an OpenDocument text (content.xml is missing)");
  }
  if (rc == VB_OK) {
    /* An encrypted package lists encryption data in its manifest. */
    static const vb_zx_handler hm = {manifest_start, NULL, NULL};
    rc = vb_zx_parse(o->z, "META-INF/manifest.xml", &hm, o, err);
    if (rc == VB_ENOTFOUND) rc = VB_OK;
    if (rc == VB_OK && o->encrypted)
      rc = vb_error_set(err, VB_EFORMAT, "password-protected document "
                        "(encrypted OpenDocument package)");
  }
  if (rc == VB_OK) {
    vb_zx_target(o->z, VB_ZX_EXTRA);
    rc = vb_zx_parse(o->z, "styles.xml", &h, o, err);
    if (rc == VB_ENOTFOUND) rc = VB_OK;
    vb_zx_target(o->z, VB_ZX_BODY);
    memset(&o->outline_inst, 0, sizeof o->outline_inst);
    o->n_lists = 0;
    o->n_enc = 0;
  }
  if (rc == VB_OK) rc = vb_zx_parse(o->z, "content.xml", &h, o, err);
  if (rc == VB_OK) {
    static const vb_zx_prop_rule rules[] = {
        {P_TITLE, VB_ZX_TITLE},         {P_INITIAL_CREATOR, VB_ZX_CREATOR},
        {P_DC_CREATOR, VB_ZX_CREATOR},  {P_CREATION_DATE, VB_ZX_CREATED},
        {P_DATE, VB_ZX_MODIFIED}};
    rc = vb_zx_read_props(o->z, "meta.xml", rules,
                          sizeof rules / sizeof rules[0], err);
  }
  if (rc == VB_OK) rc = vb_zx_finish(o->z, doc, err);
  if (rc == VB_OK)
    vb_legacy_note(doc->encoding, sizeof doc->encoding, o->enc_runs);
  vb_zx_close(o->z);
  vb_buf_free(&o->lt);
  vb_free(o->fstyles);
  vb_free(o->lstyles);
  vb_free(o->insts);
  vb_free(o);
  return rc;
}

const vb_reader vb_reader_odt = {"odt", odt_ext, odt_sniff, odt_read};
