/*
** ziplib.c: libzip loaded on first use (see ziplib.h).
*/
#define VB_ZIP_TABLE_ITSELF
#include "ziplib.h"

vb_zip_lib VB_ZIP;

typedef vb_zip_lib vb_dynlib_table_t;
static const vb_dynlib_sym g_syms[] = {VB_ZIP_FUNCS(VB_DYNLIB_SYM)};
static const char *const g_names[] = {"libzip.so.4", NULL};
static vb_dynlib g_lib =
    VB_DYNLIB_INIT(g_names, "libzip4", g_syms, &VB_ZIP, NULL, VB_EFORMAT);

vb_status vb_zip_load(vb_error *err) { return vb_dynlib_load(&g_lib, err); }
