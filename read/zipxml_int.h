/*
** zipxml_int.h: the inside of the zip and XML driver (zipxml.h), shared
** by its two files: zipxml.c (zip access under limits, the hardened
** libxml2 SAX2 driver, attributes) and zipxml_text.c (line assembly,
** list numbers and symbols, document properties, the result).
**
** Internal to read/; nothing here is part of the reader interface.  The
** handle owns every buffer below; vb_zx_close() frees them.
*/
#ifndef VB_ZIPXML_INT_H
#define VB_ZIPXML_INT_H

#include "zipxml.h"
#include "utf8.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "text.h"
#include "xmllib.h"
#include "ziplib.h"

/* Bytes inflated and handed to the parser at a time. */
#define ZX_CHUNK 32768
/* Any entry may inflate to this much whatever its ratio: a few hundred
** bytes of repetitive XML legitimately compress far beyond 200:1. */
#define ZX_RATIO_FLOOR ((uint64_t)64 << 10)
/* Paragraph lines open at once (text boxes inside text boxes, notes). */
#define ZX_MAX_NEST 64
/* Slots of the name table: a power of two, well above the vocabulary. */
#define ZX_HASH_BITS 10
#define ZX_HASH_SIZE ((size_t)1 << ZX_HASH_BITS)
/* Namespace URIs a vocabulary may list. */
#define ZX_MAX_NS 24
/* Header and footer text kept per document; more is dropped. */
#define ZX_EXTRA_CAP ((size_t)1 << 20)
/* Elements a property rule set may name. */
#define ZX_MAX_RULES 8

/* Parser options: no network, no DTD loading, no entity substitution (the
** defaults), errors reported only through our structured handler. */
#define ZX_XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

struct zx_slot {
  const xmlChar *local; /* interned local name, NULL = empty slot */
  int ns;               /* namespace id */
  int tok;
};

struct zx_nsmap {
  const xmlChar *uri;   /* interned URI */
  int id;
};

struct zx_line {
  size_t start;         /* offset of the line in z->line */
  int ws;               /* collapse mode: last char was white space */
};

struct vb_zx {
  /* archive */
  zip_t *za;
  vb_limits lim;
  const char *kind;          /* "DOCX", "ODT" */
  uint64_t inflated;         /* bytes inflated from the archive so far */
  /* parser */
  xmlParserCtxtPtr ctxt;
  const vb_zx_vocab *vocab;
  struct zx_slot slots[ZX_HASH_SIZE];
  struct zx_nsmap nsmap[ZX_MAX_NS];
  size_t n_nsmap;
  const xmlChar *tok_local[VB_ZX_MAX_TOKEN];
  int tok_ns[VB_ZX_MAX_TOKEN];
  int *toks;                 /* token of the open element at each depth */
  size_t toks_cap;
  int depth;                 /* open elements */
  int skip_depth;            /* > 0: ignore what lies below this depth */
  int skip_end;              /* deliver the end of the skipped element */
  const xmlChar **attrs;     /* attributes of the element being started */
  int nattrs;
  const vb_zx_handler *h;
  void *u;
  const char *entry;         /* part being parsed */
  int xml_line;              /* first parser error */
  int xml_code;
  char xml_msg[160];
  /* errors */
  vb_status rc;
  char msg[320];
  /* lines */
  vb_buf line;
  struct zx_line lines[ZX_MAX_NEST];
  int nlines;
  int held;                  /* the innermost line is held */
  int target;
  vb_buf out[3];             /* body, notes, extra */
  int extra_full;
  uint64_t *seen;            /* hashes of the extra lines (open addressing) */
  size_t seen_cap, seen_n;
  vb_buf props[VB_ZX_NPROPS];
  /* scratch */
  unsigned char chunk[ZX_CHUNK];
};


/* Copy the error recorded in z to err and return its code. */
vb_status zx_report(const vb_zx *z, vb_error *err);

#endif /* VB_ZIPXML_INT_H */
