/*
** docx_parts.c: the parts of a DOCX that say how the document is to be
** read rather than what it says: the element vocabulary, the package
** relationships (which part is the body, the styles, the numbering, the
** notes, the headers and footers), styles.xml, numbering.xml, and the
** list labels Word draws from them (see read_docx.c for the rules).
*/
#include "docx_int.h"

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
const vb_zx_vocab dx_vocab = {dx_ns, sizeof dx_ns / sizeof dx_ns[0],
                                     dx_words,
                                     sizeof dx_words / sizeof dx_words[0]};

/* ---- Small helpers --------------------------------------------------- */

/* snprintf(dst, cap, "%s", s): copy s, cut to fit. */
void dx_copy(char *dst, size_t cap, const char *s) {
  snprintf(dst, cap, "%s", s);
}

/* Directory of a part name, with its trailing slash ("word/"). */
void dx_dir(const char *part, char *dst, size_t cap) {
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
int dx_on(vb_zx *z, int tok) {
  char v[16];
  if (vb_zx_attr(z, tok, v, sizeof v) < 0) return 0;
  return strcmp(v, "0") != 0 && strcmp(v, "false") != 0 &&
         strcmp(v, "off") != 0;
}

/* Append a zeroed element of size sz to the array *arr (*n used, *cap
** allocated); NULL when out of memory or when max elements exist. */
void *dx_grow(void **arr, int *n, size_t *cap, size_t sz, int max) {
  if (*n >= max) return NULL;
  if (vb_grow(arr, cap, (size_t)*n + 1, sz) != VB_OK) return NULL;
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
vb_status dx_rels(dx *r, const char *rels, const char *base,
                         int package, vb_error *err) {
  static const vb_zx_handler h = {rels_start, NULL, NULL};
  r->rel_base = base;
  r->rel_package = package;
  vb_status rc = vb_zx_parse(r->z, rels, &h, r, err);
  return rc == VB_ENOTFOUND ? VB_OK : rc;
}

/* Headers and footers by name, for packages without document rels. */
void dx_scan_hf(dx *r) {
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

int dx_styles_start(void *u, int tok) {
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

int dx_numbering_start(void *u, int tok) {
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

void dx_numbering_end(void *u, int tok) {
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
void dx_resolve(dx *r) {
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
  r->n_styles = 0;
  r->cap_styles = 0;
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
size_t dx_label(dx *r, const dx_par *p, char *out, size_t cap) {
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
