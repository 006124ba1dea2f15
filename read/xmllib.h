/*
** xmllib.h: libxml2's entry points, loaded with dlopen() on the first XML
** or HTML document (read/xmllib.c), not linked: libxml2 pulls in ICU and
** the C++ runtime, whose loading and relocation cost every process about
** 3 ms of CPU at start, although only the XML readers (zipxml.c,
** read_html.c) use them.  Internal to read/.
**
** Include this header instead of libxml2's: after it, the names of the
** functions below call through the table (VB_XML), so the readers'
** code reads as plain libxml2.  Call vb_xml_load() before the first of
** them.  Nothing here is freed: the library stays loaded.
*/
#ifndef VB_READ_XMLLIB_H
#define VB_READ_XMLLIB_H

#include <libxml/HTMLparser.h>
#include <libxml/dict.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlstring.h>

#include "dynlib.h"
#include "vb.h"

/* The functions (and the variable xmlFree) the readers use. */
#define VB_XML_FUNCS(X)                                                      \
  X(__xmlGenericError) X(__xmlGenericErrorContext) X(htmlReadMemory)         \
  X(xmlCreatePushParserCtxt) X(xmlCtxtResetPush) X(xmlCtxtUseOptions)        \
  X(xmlDictLookup) X(xmlDocGetRootElement) X(xmlFree) X(xmlFreeDoc)          \
  X(xmlFreeParserCtxt) X(xmlGetProp) X(xmlInitParser) X(xmlNodeGetContent)   \
  X(xmlParseChunk) X(xmlSetGenericErrorFunc) X(xmlStopParser)                \
  X(xmlStrcasecmp) X(xmlStrndup)

typedef struct vb_xml_lib {
  VB_DYNLIB_DECLS(VB_XML_FUNCS)
} vb_xml_lib;

extern vb_xml_lib VB_XML;

/* Load libxml2 once (thread-safe) and initialise its parser.  VB_EFORMAT
** with a one-line reason when the library or one of its symbols is
** missing. */
vb_status vb_xml_load(vb_error *err) VB_MUST_CHECK;

#ifndef VB_XML_TABLE_ITSELF
/* Each name calls through the table (xmlFree is libxml2's variable). */
#define __xmlGenericError (*VB_XML.__xmlGenericError)
#define __xmlGenericErrorContext (*VB_XML.__xmlGenericErrorContext)
#define htmlReadMemory (*VB_XML.htmlReadMemory)
#define xmlCreatePushParserCtxt (*VB_XML.xmlCreatePushParserCtxt)
#define xmlCtxtResetPush (*VB_XML.xmlCtxtResetPush)
#define xmlCtxtUseOptions (*VB_XML.xmlCtxtUseOptions)
#define xmlDictLookup (*VB_XML.xmlDictLookup)
#define xmlDocGetRootElement (*VB_XML.xmlDocGetRootElement)
#define xmlFree (*VB_XML.xmlFree)
#define xmlFreeDoc (*VB_XML.xmlFreeDoc)
#define xmlFreeParserCtxt (*VB_XML.xmlFreeParserCtxt)
#define xmlGetProp (*VB_XML.xmlGetProp)
#define xmlInitParser (*VB_XML.xmlInitParser)
#define xmlNodeGetContent (*VB_XML.xmlNodeGetContent)
#define xmlParseChunk (*VB_XML.xmlParseChunk)
#define xmlSetGenericErrorFunc (*VB_XML.xmlSetGenericErrorFunc)
#define xmlStopParser (*VB_XML.xmlStopParser)
#define xmlStrcasecmp (*VB_XML.xmlStrcasecmp)
#define xmlStrndup (*VB_XML.xmlStrndup)
#endif

#endif /* VB_READ_XMLLIB_H */
