/*
** dynlib.h: a shared library loaded with dlopen() on first use, its entry
** points resolved into a table of function pointers (common/dynlib.c).
**
** The program links only what every command needs; a library that one
** format or one command needs (libxml2, libgsf, Tesseract, libmicrohttpd,
** the PDF reader's module) is loaded the first time it is used, so that a
** process that never uses it does not pay for loading and relocating it
** (and the libraries under it) when it starts.
**
** A user describes its library once, statically:
**
**   #define TESS_FUNCS(X) X(TessBaseAPICreate) X(TessBaseAPIDelete)
**   typedef struct { VB_DYNLIB_DECLS(TESS_FUNCS) } vb_dynlib_table_t;
**   static vb_dynlib_table_t T;
**   static const vb_dynlib_sym tess_syms[] = {TESS_FUNCS(VB_DYNLIB_SYM)};
**   static const char *const tess_names[] = {"libtesseract.so.5", NULL};
**   static vb_dynlib tess = VB_DYNLIB_INIT(tess_names, "libtesseract5",
**                                          tess_syms, &T, NULL, VB_EFORMAT);
**
** and calls vb_dynlib_load(&tess, err) before calling T.TessBaseAPICreate.
** Loading happens once per process, under a lock; later calls return the
** first outcome.  The library stays loaded until the process exits.
**
** Tests: the environment variable VB_TEST_MISSING_LIB, when it holds the
** file name of one of a library's names ("libxml2.so.2", "vanban-pdf.so"),
** makes that name fail to load as if it were not
** installed (the error path of a missing library can then be tested on a
** machine that has it).
**
** Ownership: the descriptor and its table belong to the user (usually
** static); nothing here is freed.
*/
#ifndef VB_DYNLIB_H
#define VB_DYNLIB_H

#include <stdatomic.h>
#include <stddef.h>

#include "vb.h"

/* One entry point: its name and where its pointer goes in the table. */
typedef struct vb_dynlib_sym {
  const char *name;
  size_t offset; /* offsetof(table type, member) */
} vb_dynlib_sym;

/* One library.  The first seven fields are the description; the rest is
** the loader's state (VB_DYNLIB_INIT zeroes it). */
typedef struct vb_dynlib {
  const char *const *names;   /* sonames or paths tried in order, NULL-ended;
                                 "$ORIGIN/" starts a path relative to the
                                 folder of the running program */
  const char *package;        /* the Debian package that installs it */
  const vb_dynlib_sym *syms;  /* the entry points; all are required */
  size_t nsyms;
  void *table;                /* where the pointers go */
  void (*init)(void);         /* run once after a load that worked, or NULL */
  vb_status fail;             /* returned when it cannot be loaded */
  atomic_int state;           /* 0 not tried, 1 loaded, -1 failed */
  char why[300];              /* the one-line reason when state is -1 */
} vb_dynlib;

/* Declarations of the table members: one pointer of the function's type
** per name of the list macro FUNCS (the library's header must be
** included). */
#define VB_DYNLIB_DECL(f) __typeof__(&f) f;
#define VB_DYNLIB_DECLS(FUNCS) FUNCS(VB_DYNLIB_DECL)
/* One vb_dynlib_sym of the table type `vb_dynlib_table_t` (a typedef the
** user makes of its table's type before expanding the list). */
#define VB_DYNLIB_SYM(f) {#f, offsetof(vb_dynlib_table_t, f)},
/* A descriptor: NULL-ended names, package, the array of vb_dynlib_sym,
** the table, the init function (or NULL) and the status of a failure. */
#define VB_DYNLIB_INIT(names, package, syms, table, init, fail)              \
  {(names), (package), (syms), sizeof(syms) / sizeof((syms)[0]), (table),    \
   (init), (fail), 0, {0}}

/* Load L once (thread-safe): open the first of its names that loads,
** resolve every entry point into its table, then run its init.  Returns
** VB_OK, or L->fail with a one-line reason naming the library and
** its package ("cannot load libxml2.so.2 (install the package libxml2)")
** when no name loads or an entry point is missing. */
vb_status vb_dynlib_load(vb_dynlib *L, vb_error *err) VB_MUST_CHECK;

/* 1 if L was loaded by an earlier vb_dynlib_load (it is not loaded here):
** for release functions that have nothing to do when it never was. */
int vb_dynlib_loaded(vb_dynlib *L);

#endif /* VB_DYNLIB_H */
