/*
** test_dynlib.c: libraries loaded on first use (common/dynlib.c): the
** first name of the list that loads is taken, every entry point lands in
** its table slot, the init runs once, and a library or an entry point
** that is missing gives one line naming it and its package, every time
** it is asked for.  zlib stands for a real library (the program links
** it); the missing ones are names no system has.
*/
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "common/dynlib.h"
#include "vbtest.h"

#define Z_FUNCS(X) X(zlibVersion) X(crc32)
typedef struct { VB_DYNLIB_DECLS(Z_FUNCS) } vb_dynlib_table_t;

static int g_inits;
static void count_init(void) { g_inits++; }

int main(void) {
  vb_error err;
  static const vb_dynlib_sym syms[] = {Z_FUNCS(VB_DYNLIB_SYM)};

  /* A name that does not exist, then the real one: the second is loaded. */
  static const char *const names[] = {"libvb-no-such-lib.so.9", "libz.so.1", NULL};
  static vb_dynlib_table_t z;
  static vb_dynlib zl = VB_DYNLIB_INIT(names, "zlib1g", syms, &z, count_init, VB_EFORMAT);
  VB_CHECK(!vb_dynlib_loaded(&zl));
  VB_CHECK_INT(vb_dynlib_load(&zl, &err), VB_OK);
  VB_CHECK_INT(vb_dynlib_load(&zl, &err), VB_OK);
  VB_CHECK(vb_dynlib_loaded(&zl));
  VB_CHECK_INT(g_inits, 1);
  VB_CHECK(z.zlibVersion && strcmp(z.zlibVersion(), zlibVersion()) == 0);
  VB_CHECK(z.crc32 && z.crc32(0, (const Bytef *)"abc", 3) == crc32(0, (const Bytef *)"abc", 3));

  /* No name loads: the first name and the package, with the status asked for. */
  static const char *const none[] = {"libvb-no-such-lib.so.9", NULL};
  static vb_dynlib_table_t z2;
  static vb_dynlib nl = VB_DYNLIB_INIT(none, "vb-nothing", syms, &z2, count_init, VB_ENOTFOUND);
  for (int round = 0; round < 2; round++) {
    memset(&err, 0, sizeof err);
    VB_CHECK_INT(vb_dynlib_load(&nl, &err), VB_ENOTFOUND);
    VB_CHECK(strncmp(err.msg, "cannot load libvb-no-such-lib.so.9: ", 36) == 0);
    VB_CHECK(strstr(err.msg, "(install the package vb-nothing)") != NULL);
    VB_CHECK(!strchr(err.msg, '\n'));
  }
  VB_CHECK(!vb_dynlib_loaded(&nl));
  VB_CHECK_INT(g_inits, 1);

  /* The library loads but lacks an entry point: named. */
  typedef struct { const char *(*zlibVersion)(void); void (*vb_no_such_function)(void); } bad_t;
  static bad_t b;
  static const vb_dynlib_sym bsyms[] = {{"zlibVersion", offsetof(bad_t, zlibVersion)},
                                        {"vb_no_such_function", offsetof(bad_t, vb_no_such_function)}};
  static const char *const zname[] = {"libz.so.1", NULL};
  static vb_dynlib bl = VB_DYNLIB_INIT(zname, "zlib1g", bsyms, &b, NULL, VB_EFORMAT);
  VB_CHECK_INT(vb_dynlib_load(&bl, &err), VB_EFORMAT);
  VB_CHECK_STR(err.msg, "cannot load libz.so.1: it lacks vb_no_such_function (install the package zlib1g)");

  /* Forced missing (by the last component of the name), as the tests of
  ** the command line do it. */
  setenv("VB_TEST_MISSING_LIB", "libz.so.1", 1);
  static const char *const zpath[] = {"/usr/lib/nowhere/libz.so.1", NULL};
  static vb_dynlib_table_t z3;
  static vb_dynlib fl = VB_DYNLIB_INIT(zpath, "zlib1g", syms, &z3, NULL, VB_EFORMAT);
  VB_CHECK_INT(vb_dynlib_load(&fl, &err), VB_EFORMAT);
  VB_CHECK_STR(err.msg, "cannot load libz.so.1: not installed (install the package zlib1g)");
  unsetenv("VB_TEST_MISSING_LIB");

  /* "$ORIGIN/": relative to the test program's folder, where no such
  ** file is; the reason names the path it looked at. */
  static const char *const opath[] = {"$ORIGIN/vb-no-such-module.so", NULL};
  static vb_dynlib_table_t z4;
  static vb_dynlib ol = VB_DYNLIB_INIT(opath, "vanban", syms, &z4, NULL, VB_EFORMAT);
  VB_CHECK_INT(vb_dynlib_load(&ol, &err), VB_EFORMAT);
  VB_CHECK(strncmp(err.msg, "cannot load /", 13) == 0);
  VB_CHECK(strstr(err.msg, "/vb-no-such-module.so: ") != NULL);
  VB_CHECK(strstr(err.msg, "$ORIGIN") == NULL);
  return vb_test_done();
}
