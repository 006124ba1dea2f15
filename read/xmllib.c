/*
** xmllib.c: libxml2 loaded on first use (see xmllib.h).
*/
#define VB_XML_TABLE_ITSELF
#include "xmllib.h"

#include <dlfcn.h>
#include <pthread.h>

#define VB_XML_LIB "libxml2.so.2"

vb_xml_lib VB_XML;

static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static const char *g_missing; /* what failed to load, or NULL */

/* Fill VB_XML from the library and initialise its parser; g_missing names
** what was not found. */
static void load(void) {
  void *lib = dlopen(VB_XML_LIB, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    g_missing = VB_XML_LIB;
    return;
  }
#define VB_XML_SYM(f)                                                        \
  if (!g_missing && !(*(void **)&VB_XML.f = dlsym(lib, #f))) g_missing = #f;
  VB_XML_FUNCS(VB_XML_SYM)
#undef VB_XML_SYM
  if (!g_missing) VB_XML.xmlInitParser();
}

vb_status vb_xml_load(vb_error *err) {
  pthread_once(&g_once, load);
  if (g_missing)
    return vb_error_set(err, VB_EFORMAT,
                        "cannot load %s (install the package libxml2)",
                        g_missing);
  return VB_OK;
}
