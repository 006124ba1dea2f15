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
#include "docx_int.h"

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
    static const vb_zx_handler hs = {dx_styles_start, NULL, NULL};
    static const vb_zx_handler hn = {dx_numbering_start, dx_numbering_end, NULL};
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
