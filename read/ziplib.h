/*
** ziplib.h: libzip's entry points, loaded with dlopen() on the first
** DOCX or ODT (read/ziplib.c), not linked: libzip pulls in OpenSSL's
** libcrypto, bzip2 and zlib, whose loading and relocation (libcrypto
** alone has some 4,000 symbol and 17,000 relative relocations) cost every
** process at start although only the zip-based readers (zipxml.c) use
** them.  Internal to read/.
**
** Include this header instead of <zip.h>: after it, the names of the
** functions below call through the table (VB_ZIP), so the readers' code
** reads as plain libzip.  Call vb_zip_load() before the first of them.
** Nothing here is freed: the library stays loaded.
*/
#ifndef VB_READ_ZIPLIB_H
#define VB_READ_ZIPLIB_H

#include <zip.h>

#include "dynlib.h"
#include "vb.h"

/* The functions the readers use. */
#define VB_ZIP_FUNCS(X)                                                      \
  X(zip_discard) X(zip_error_code_zip) X(zip_error_fini) X(zip_error_init)   \
  X(zip_error_strerror) X(zip_fclose) X(zip_file_strerror)                   \
  X(zip_fopen_index) X(zip_fread) X(zip_get_error) X(zip_get_name)           \
  X(zip_get_num_entries) X(zip_name_locate) X(zip_open_from_source)          \
  X(zip_source_buffer_create) X(zip_source_free) X(zip_stat_index)          \
  X(zip_stat_init)

typedef struct vb_zip_lib {
  VB_DYNLIB_DECLS(VB_ZIP_FUNCS)
} vb_zip_lib;

extern vb_zip_lib VB_ZIP;

/* Load libzip once (thread-safe).  VB_EFORMAT with a one-line reason
** when the library or one of its functions is missing. */
vb_status vb_zip_load(vb_error *err) VB_MUST_CHECK;

#ifndef VB_ZIP_TABLE_ITSELF
/* Each name calls through the table. */
#define zip_discard (*VB_ZIP.zip_discard)
#define zip_error_code_zip (*VB_ZIP.zip_error_code_zip)
#define zip_error_fini (*VB_ZIP.zip_error_fini)
#define zip_error_init (*VB_ZIP.zip_error_init)
#define zip_error_strerror (*VB_ZIP.zip_error_strerror)
#define zip_fclose (*VB_ZIP.zip_fclose)
#define zip_file_strerror (*VB_ZIP.zip_file_strerror)
#define zip_fopen_index (*VB_ZIP.zip_fopen_index)
#define zip_fread (*VB_ZIP.zip_fread)
#define zip_get_error (*VB_ZIP.zip_get_error)
#define zip_get_name (*VB_ZIP.zip_get_name)
#define zip_get_num_entries (*VB_ZIP.zip_get_num_entries)
#define zip_name_locate (*VB_ZIP.zip_name_locate)
#define zip_open_from_source (*VB_ZIP.zip_open_from_source)
#define zip_source_buffer_create (*VB_ZIP.zip_source_buffer_create)
#define zip_source_free (*VB_ZIP.zip_source_free)
#define zip_stat_index (*VB_ZIP.zip_stat_index)
#define zip_stat_init (*VB_ZIP.zip_stat_init)
#endif

#endif /* VB_READ_ZIPLIB_H */
