/*
** xmllib.c: libxml2 loaded on first use (see xmllib.h).
*/
#define VB_XML_TABLE_ITSELF
#include "xmllib.h"

#include "dynlib.h"

vb_xml_lib VB_XML;

typedef vb_xml_lib vb_dynlib_table_t;
static const vb_dynlib_sym g_syms[] = {VB_XML_FUNCS(VB_DYNLIB_SYM)};
static const char *const g_names[] = {"libxml2.so.2", NULL};

/* Initialise the parser once the table is filled. */
static void init(void) { VB_XML.xmlInitParser(); }

static vb_dynlib g_lib =
    VB_DYNLIB_INIT(g_names, "libxml2", g_syms, &VB_XML, init, VB_EFORMAT);

vb_status vb_xml_load(vb_error *err) { return vb_dynlib_load(&g_lib, err); }
