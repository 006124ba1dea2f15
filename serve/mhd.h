/*
** mhd.h: libmicrohttpd's entry points, loaded with dlopen() when the
** server starts (serve/mhd.c), not linked: every other command of the
** program then starts without loading libmicrohttpd and the TLS libraries
** it pulls in (about ten).  Internal to the server layer.
**
** The files of the server call the library as SV_MHD.MHD_queue_response(...)
** after sv_mhd_load() has returned VB_OK.
*/
#ifndef VB_SERVE_MHD_H
#define VB_SERVE_MHD_H

#include <microhttpd.h>

#include "dynlib.h"
#include "vb.h"

/* The functions the server uses. */
#define SV_MHD_FUNCS(X)                                                      \
  X(MHD_add_response_header) X(MHD_create_response_from_buffer)              \
  X(MHD_create_response_from_buffer_with_free_callback)                      \
  X(MHD_destroy_response) X(MHD_get_connection_values)                       \
  X(MHD_get_daemon_info) X(MHD_lookup_connection_value)                      \
  X(MHD_queue_response) X(MHD_start_daemon) X(MHD_stop_daemon)

typedef struct sv_mhd {
  VB_DYNLIB_DECLS(SV_MHD_FUNCS)
} sv_mhd;

extern sv_mhd SV_MHD;

/* Load libmicrohttpd once (thread-safe).  VB_ENOTFOUND with a one-line
** reason when the library or one of its functions is missing. */
vb_status sv_mhd_load(vb_error *err) VB_MUST_CHECK;

#endif /* VB_SERVE_MHD_H */
