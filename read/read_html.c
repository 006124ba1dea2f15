/*
** read_html.c: the saved web page reader (vb_reader_html, .html/.htm).
**
** A page saved from a portal holds one document inside the site's menus,
** breadcrumb, status boxes, table of contents and footer.  The page is
** parsed with libxml2's HTML parser (no network, no DTD, no external
** entity; errors and warnings off), then:
**
**   - Charset: a byte-order mark, else the <meta> charset, else UTF-8.  A
**     page declared TCVN3/VNI, or not UTF-8 and undeclared, is told from
**     its bytes like plain text (common/legacy.h).  Text in a .Vn* or VNI-*
**     font (<font face>, CSS font-family) is converted run by run.
**   - The document body: each paragraph-like block (p, li, h1-h6, td, th,
**     blockquote, pre, dd, and divs holding text directly) gives its
**     length in characters outside links to its parent, and half of it to
**     its grandparent; the element with the highest total holds the
**     document.  If the page states the national motto ("CỘNG HÒA XÃ HỘI
**     CHỦ NGHĨA VIỆT NAM") outside it, the choice widens to the nearest
**     ancestor that holds the motto too.  No site is special-cased.
**   - Inside it: script, style, forms' controls, nav, aside, header and
**     footer elements are dropped, and so is any container (div, ul, ol,
**     table, section) whose text is mostly link text (menus, a table of
**     contents).
**   - Text: block elements are lines, <br> a line break, table cells each
**     on their own line(s) in reading order (as the DOCX reader gives
**     them); white space collapses as a browser collapses it; a no-break
**     space is a space.  The <title> is the title property.
**
** Bounds: nesting deeper than vb_limits.max_xml_depth is not read; the
** text is capped by max_text_bytes.
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "legacy.h"
#include "text.h"
#include "reader.h"
#include "xmllib.h"

#define HTML_CHARSET_SCAN 4096  /* bytes searched for a <meta> charset */
#define HTML_MIN_PARA 20        /* characters for a block to count */

static const char html_motto[] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";

/* Per element, kept in node->_private during one read. */
typedef struct hstat {
  size_t text;   /* bytes of text below, links included */
  size_t link;   /* bytes of text below inside <a> */
  double score;  /* paragraph text given by blocks below */
  int motto;     /* the national motto is below */
} hstat;

typedef struct hctx {
  hstat *stats;
  size_t nstats, cap;
  int max_depth;
  vb_buf out, line;
  int space;            /* a space is pending in the line */
  int deep;             /* an element nested too deep was left out */
  size_t runs[VB_LEGACY_COUNT];
  vb_status rc;
} hctx;

/* ---- Element classes ------------------------------------------------- */

static int name_in(const xmlChar *name, const char *const *list) {
  for (; *list; list++)
    if (xmlStrcasecmp(name, (const xmlChar *)*list) == 0) return 1;
  return 0;
}

/* Never text of the document. */
static int dropped(const xmlNode *n) {
  static const char *const names[] = {
      "script", "style", "noscript", "template", "head", "title", "svg",
      "math", "iframe", "object", "embed", "canvas", "audio", "video",
      "select", "option", "button", "input", "textarea", "nav", "aside",
      "header", "footer", "map", NULL};
  return name_in(n->name, names);
}

static int is_block(const xmlNode *n) {
  static const char *const names[] = {
      "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
      "table", "tr", "td", "th", "tbody", "thead", "tfoot", "caption",
      "blockquote", "pre", "dd", "dt", "dl", "section", "article", "main",
      "center", "address", "hr", "figure", "figcaption", "form", "body",
      "fieldset", "legend", NULL};
  return name_in(n->name, names);
}

/* Blocks whose text counts as a paragraph. */
static int is_para(const xmlNode *n) {
  static const char *const names[] = {"p", "li", "h1", "h2", "h3", "h4",
                                      "h5", "h6", "td", "th", "blockquote",
                                      "pre", "dd", NULL};
  return name_in(n->name, names);
}

/* Containers dropped when their text is mostly links. */
static int is_container(const xmlNode *n) {
  static const char *const names[] = {"div", "ul", "ol", "table", "section",
                                      "dl", "nav", NULL};
  return name_in(n->name, names);
}

static hstat *st(const xmlNode *n) { return (hstat *)n->_private; }

/* ---- Statistics ------------------------------------------------------ */

/* Bytes of s that are not white space. */
static size_t visible(const xmlChar *s) {
  size_t k = 0;
  for (; s && *s; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') k++;
  return k;
}

/* Fill the statistics of n's subtree; in_link: below an <a>. */
static void measure(hctx *h, xmlNode *n, int depth, int in_link) {
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      size_t v = visible(c->content);
      st(n)->text += v;
      if (in_link) st(n)->link += v;
      if (!st(n)->motto && c->content &&
          strstr((const char *)c->content, html_motto))
        st(n)->motto = 1;
      continue;
    }
    if (c->type != XML_ELEMENT_NODE || !c->_private || dropped(c)) continue;
    if (depth >= h->max_depth) {
      h->deep = 1;
      continue;
    }
    int link = in_link || xmlStrcasecmp(c->name, (const xmlChar *)"a") == 0;
    measure(h, c, depth + 1, link);
    st(n)->text += st(c)->text;
    st(n)->link += st(c)->link;
    st(n)->motto |= st(c)->motto;
  }
  /* A paragraph gives its own text outside links to its parent, half of
  ** it to the grandparent. */
  size_t own = st(n)->text - st(n)->link;
  int para = is_para(n);
  if (!para && xmlStrcasecmp(n->name, (const xmlChar *)"div") == 0) {
    para = 1; /* a div that holds text itself, not only blocks */
    for (xmlNode *c = n->children; c && para; c = c->next)
      if (c->type == XML_ELEMENT_NODE && is_block(c)) para = 0;
  }
  if (para && own >= HTML_MIN_PARA && n->parent &&
      n->parent->type == XML_ELEMENT_NODE && n->parent->_private) {
    st(n->parent)->score += (double)own;
    xmlNode *g = n->parent->parent;
    if (g && g->type == XML_ELEMENT_NODE && g->_private)
      st(g)->score += (double)own / 2;
  }
}

/* Give every element a statistics slot (pre-order). */
static void attach(hctx *h, xmlNode *n, int depth) {
  for (xmlNode *c = n; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (h->nstats == h->cap) return; /* counted before: never */
    memset(&h->stats[h->nstats], 0, sizeof *h->stats);
    c->_private = (void *)(uintptr_t)(h->nstats + 1); /* index + 1 for now */
    h->nstats++;
    if (depth < h->max_depth) attach(h, c->children, depth + 1);
    if (h->rc) return;
  }
}

/* Count elements (bounded by depth), to size the statistics array; *deep
** is set when the limit is reached (libxml2 stops a page at its own
** limit, which is the same). */
static size_t count(const xmlNode *n, int depth, int max, int *deep) {
  size_t k = 0;
  for (const xmlNode *c = n; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) {
      if (depth + 1 >= max) *deep = 1;
      k += 1 + (depth < max ? count(c->children, depth + 1, max, deep) : 0);
    }
  return k;
}

/* Turn the stored indexes into pointers. */
static void resolve(hctx *h, xmlNode *n) {
  for (xmlNode *c = n; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || !c->_private) continue;
    c->_private = &h->stats[(uintptr_t)c->_private - 1];
    resolve(h, c->children);
  }
}

/* Clear the slots (only attached elements have one: depth is bounded). */
static void detach(xmlNode *n) {
  for (xmlNode *c = n; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || !c->_private) continue;
    c->_private = NULL;
    detach(c->children);
  }
}

/* The element with the highest paragraph score. */
static xmlNode *best(xmlNode *n, xmlNode *cur) {
  for (xmlNode *c = n; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || !c->_private || dropped(c)) continue;
    if (!cur || st(c)->score > st(cur)->score) cur = c;
    cur = best(c->children, cur);
  }
  return cur;
}

/* ---- Text ------------------------------------------------------------ */

static void hput(hctx *h, vb_buf *b, const void *p, size_t n) {
  if (h->rc == VB_OK && vb_buf_append(b, p, n) != VB_OK)
    h->rc = b->len + n > b->max ? VB_ELIMIT : VB_ENOMEM;
}

static void end_line(hctx *h) {
  if (h->line.len) {
    hput(h, &h->out, h->line.data, h->line.len);
    hput(h, &h->out, "\n", 1);
  }
  vb_buf_reset(&h->line);
  h->space = 0;
}

/* Append text with browser white-space rules, converted from enc. */
static void add_text(hctx *h, const xmlChar *s, vb_legacy enc) {
  vb_buf tmp;
  vb_buf_init(&tmp, VB_CAP_TEXT);
  for (const unsigned char *p = s; p && *p && h->rc == VB_OK; p++) {
    int ws = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
             *p == '\f';
    if (p[0] == 0xC2 && p[1] == 0xA0) { /* no-break space */
      ws = 1;
      p++;
    }
    if (ws) {
      h->space = 1;
      continue;
    }
    if (h->space && h->line.len + tmp.len) hput(h, &tmp, " ", 1);
    h->space = 0;
    hput(h, &tmp, p, 1);
  }
  if (tmp.len && h->rc == VB_OK) {
    vb_status rc = vb_legacy_recode(enc, tmp.data, tmp.len, &h->line, NULL);
    if (rc != VB_OK) h->rc = rc;
    if (enc != VB_LEGACY_NONE) h->runs[enc]++;
  }
  vb_buf_free(&tmp);
}

/* First place of ASCII word w in s, ignoring case, or NULL. */
static const char *find_nocase(const char *s, const char *w) {
  size_t m = strlen(w);
  for (; *s; s++)
    if (strncasecmp(s, w, m) == 0) return s;
  return NULL;
}

/* The legacy encoding a font element or style names, or cur. */
static vb_legacy font_of(const xmlNode *n, vb_legacy cur) {
  xmlChar *face = xmlGetProp(n, (const xmlChar *)"face");
  if (!face) {
    xmlChar *style = xmlGetProp(n, (const xmlChar *)"style");
    const char *ff = style ? find_nocase((const char *)style, "font-family")
                           : NULL;
    if (ff && (ff = strchr(ff, ':'))) {
      ff++;
      while (*ff == ' ' || *ff == '\'' || *ff == '"') ff++;
      face = xmlStrndup((const xmlChar *)ff, (int)strcspn(ff, ",;'\""));
    }
    xmlFree(style);
  }
  if (!face) return cur;
  vb_legacy enc = vb_legacy_for_font((const char *)face);
  xmlFree(face);
  return enc;
}

/* Write the text of n's children. */
static void emit(hctx *h, xmlNode *n, int depth, vb_legacy enc) {
  for (xmlNode *c = n->children; c && h->rc == VB_OK; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      add_text(h, c->content, enc);
      continue;
    }
    if (c->type != XML_ELEMENT_NODE || !c->_private || dropped(c) ||
        depth >= h->max_depth)
      continue;
    if (xmlStrcasecmp(c->name, (const xmlChar *)"br") == 0) {
      end_line(h);
      continue;
    }
    /* Menus and tables of contents: mostly links. */
    if (is_container(c) && st(c)->text && st(c)->link * 2 > st(c)->text)
      continue;
    int block = is_block(c);
    if (block) end_line(h);
    emit(h, c, depth + 1, font_of(c, enc));
    if (block) end_line(h);
  }
}

/* ---- Charset --------------------------------------------------------- */

/* The charset a <meta> names in the first bytes, copied to cs. */
static int meta_charset(const unsigned char *d, size_t n, char *cs,
                        size_t cap) {
  size_t m = n < HTML_CHARSET_SCAN ? n : HTML_CHARSET_SCAN;
  for (size_t i = 0; i + 8 < m; i++) {
    if (strncasecmp((const char *)d + i, "charset=", 8) != 0) continue;
    size_t j = i + 8, k = 0;
    while (j < m && (d[j] == '"' || d[j] == '\'' || d[j] == ' ')) j++;
    while (j < m && k + 1 < cap &&
           (d[j] == '-' || d[j] == '_' || (d[j] >= '0' && d[j] <= '9') ||
            (d[j] | 0x20) >= 'a') &&
           (d[j] | 0x20) <= 'z')
      cs[k++] = (char)d[j++];
    cs[k] = '\0';
    if (k) return 1;
  }
  return 0;
}

/* ---- Reader ---------------------------------------------------------- */

static const char *const html_ext[] = {"html", "htm", "xhtml", NULL};

/* Pages are chosen by extension only: a .txt or .md file holding markup
** stays plain text, as it always was. */
static int html_sniff(const unsigned char *h, size_t n) {
  (void)h;
  (void)n;
  return 0;
}

/* Bytes to parse and their charset: legacy text is converted first. */
static vb_status html_input(const unsigned char *data, size_t n,
                            vb_buf *conv, const char **charset, char *cs,
                            size_t cap, vb_doc *doc, vb_error *err) {
  *charset = "UTF-8";
  if (n >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    return VB_OK;
  if (n >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) ||
                 (data[0] == 0xFE && data[1] == 0xFF))) {
    *charset = data[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
    return VB_OK;
  }
  int declared = meta_charset(data, n, cs, cap);
  int legacy = declared && (strncasecmp(cs, "tcvn", 4) == 0 ||
                            strncasecmp(cs, "vni", 3) == 0 ||
                            strncasecmp(cs, "x-viet", 6) == 0);
  if (declared && !legacy && strcasecmp(cs, "utf-8") != 0) {
    *charset = cs;
    if (strstr(cs, "1258")) /* Vietnamese Windows code page: say so */
      snprintf(doc->encoding, sizeof doc->encoding, "%s",
               vb_legacy_name(VB_LEGACY_CP1258));
    return VB_OK;
  }
  if (!legacy && vb_utf8_check(data, n) == n) return VB_OK;
  vb_legacy enc;
  vb_status rc = vb_legacy_read(data, n, conv, &enc, err);
  if (rc == VB_OK)
    snprintf(doc->encoding, sizeof doc->encoding, "%s", vb_legacy_name(enc));
  return rc;
}

static vb_status html_read(const unsigned char *data, size_t n,
                           const vb_limits *lim, vb_doc *doc, vb_error *err) {
  VB_TRY(vb_xml_load(err));
  vb_buf conv;
  vb_buf_init(&conv, lim->max_text_bytes);
  const char *charset;
  char cs[64];
  vb_status rc = html_input(data, n, &conv, &charset, cs, sizeof cs, doc, err);
  if (rc != VB_OK) {
    vb_buf_free(&conv);
    return rc;
  }
  if (conv.len) {
    data = (const unsigned char *)conv.data;
    n = conv.len;
  }
  if (n > INT32_MAX) {
    vb_buf_free(&conv);
    return vb_error_set(err, VB_ELIMIT, "page too large");
  }
  htmlDocPtr hd = htmlReadMemory((const char *)data, (int)n, NULL, charset,
                                 HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                     HTML_PARSE_NOWARNING |
                                     HTML_PARSE_COMPACT);
  vb_buf_free(&conv);
  if (!hd)
    return vb_error_set(err, VB_ECORRUPT, "not a readable HTML page");
  xmlNode *root = xmlDocGetRootElement(hd);
  hctx h = {0};
  h.max_depth = lim->max_xml_depth;
  vb_buf_init(&h.out, lim->max_text_bytes);
  vb_buf_init(&h.line, lim->max_text_bytes);
  if (root) {
    h.cap = count(root, 0, h.max_depth, &h.deep);
    h.stats = vb_calloc(h.cap ? h.cap : 1, sizeof *h.stats);
    if (!h.stats) h.rc = VB_ENOMEM;
  }
  if (root && h.rc == VB_OK) {
    attach(&h, root, 0);
    resolve(&h, root);
    measure(&h, root, 0, 0);
    xmlNode *body = best(root, NULL);
    /* Widen to the national motto if the page states it elsewhere. */
    if (body && st(root)->motto)
      while (!st(body)->motto && body->parent &&
             body->parent->type == XML_ELEMENT_NODE)
        body = body->parent;
    if (body && st(body)->score > 0) {
      emit(&h, body, 0, font_of(body, VB_LEGACY_NONE));
    } else {
      emit(&h, root, 0, VB_LEGACY_NONE); /* no paragraphs: all of it */
    }
    end_line(&h);
    /* The title property. */
    for (xmlNode *c = root->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE ||
          xmlStrcasecmp(c->name, (const xmlChar *)"head"))
        continue;
      for (xmlNode *t = c->children; t; t = t->next)
        if (t->type == XML_ELEMENT_NODE &&
            !xmlStrcasecmp(t->name, (const xmlChar *)"title") &&
            !doc->prop_title) {
          xmlChar *s = xmlNodeGetContent(t);
          if (s && visible(s)) {
            vb_buf tb;
            vb_buf_init(&tb, VB_CAP_SMALL);
            if (vb_text_nfc((const char *)s, strlen((const char *)s), &tb,
                            NULL) == VB_OK)
              doc->prop_title = vb_buf_take(&tb, NULL);
            vb_buf_free(&tb);
          }
          xmlFree(s);
        }
    }
    detach(root);
  }
  xmlFreeDoc(hd);
  vb_free(h.stats);
  vb_buf_free(&h.line);
  if (h.rc == VB_OK && h.deep && !h.out.len) {
    rc = vb_error_set(err, VB_ELIMIT, "HTML nests deeper than %d",
                      h.max_depth);
  } else if (h.rc == VB_OK) {
    vb_buf text;
    vb_buf_init(&text, lim->max_text_bytes);
    rc = vb_text_nfc(h.out.data ? h.out.data : "", h.out.len, &text, err);
    if (rc == VB_OK) doc->text = vb_buf_take(&text, &doc->text_len);
    if (rc == VB_OK && !doc->text)
      rc = vb_error_set(err, VB_ENOMEM, "out of memory");
    vb_buf_free(&text);
  } else {
    rc = vb_error_set(err, h.rc, "%s",
                      h.rc == VB_ELIMIT ? "text longer than the limit"
                                        : "out of memory");
  }
  vb_buf_free(&h.out);
  /* Runs converted by their font (a converted page says so already). */
  if (rc == VB_OK && !doc->encoding[0])
    vb_legacy_note(doc->encoding, sizeof doc->encoding, h.runs);
  return rc;
}

const vb_reader vb_reader_html = {"html", html_ext, html_sniff, html_read};
