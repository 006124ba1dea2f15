/*
** mhd.c: libmicrohttpd loaded on first use (see mhd.h).
*/
#include "mhd.h"

sv_mhd SV_MHD;

typedef sv_mhd vb_dynlib_table_t;
static const vb_dynlib_sym g_syms[] = {SV_MHD_FUNCS(VB_DYNLIB_SYM)};
static const char *const g_names[] = {"libmicrohttpd.so.12", NULL};
static vb_dynlib g_lib = VB_DYNLIB_INIT(g_names, "libmicrohttpd12", g_syms,
                                       &SV_MHD, NULL, VB_ENOTFOUND);

vb_status sv_mhd_load(vb_error *err) { return vb_dynlib_load(&g_lib, err); }
