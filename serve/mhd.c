/*
** mhd.c: libmicrohttpd loaded on first use (see mhd.h).
*/
#include "mhd.h"

#include <dlfcn.h>
#include <pthread.h>

#define SV_MHD_LIB "libmicrohttpd.so.12"

sv_mhd SV_MHD;

static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static const char *g_missing; /* what failed to load, or NULL */

/* Fill SV_MHD from the library; g_missing names what was not found. */
static void load(void) {
  void *lib = dlopen(SV_MHD_LIB, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    g_missing = SV_MHD_LIB;
    return;
  }
#define SV_MHD_SYM(f)                                                        \
  if (!g_missing && !(*(void **)&SV_MHD.f = dlsym(lib, #f))) g_missing = #f;
  SV_MHD_FUNCS(SV_MHD_SYM)
#undef SV_MHD_SYM
}

vb_status sv_mhd_load(vb_error *err) {
  pthread_once(&g_once, load);
  if (g_missing)
    return vb_error_set(err, VB_ENOTFOUND,
                        "cannot load %s (install the package libmicrohttpd12)",
                        g_missing);
  return VB_OK;
}
