/*
** buf.h: a growable byte buffer with a hard size cap.
**
** Every buffer that holds data derived from untrusted input is given a cap
** when it is initialised (one of the VB_CAP_* names below, or another named
** constant beside the code that uses it).  An append that would pass the cap
** fails with VB_ELIMIT and leaves the buffer as it was.  The data is always
** NUL-terminated (the terminator is not counted in len).
**
** Ownership: the buffer owns data until vb_buf_take() hands it to the caller
** (free it with vb_free) or vb_buf_free() releases it.
*/
#ifndef VB_BUF_H
#define VB_BUF_H

#include "vb.h"

/* Named caps. */
#define VB_CAP_TEXT ((size_t)64 << 20)   /* text of one document: 64 MiB */
#define VB_CAP_LINE ((size_t)1 << 20)    /* one value built from a line */
#define VB_CAP_SMALL ((size_t)64 << 10)  /* names, snippets, messages */

typedef struct vb_buf {
  char *data;  /* NUL-terminated contents, or NULL while empty */
  size_t len;  /* bytes used, without the terminator */
  size_t cap;  /* bytes allocated */
  size_t max;  /* hard limit on len */
} vb_buf;

/* Start an empty buffer that may hold at most max bytes. */
void vb_buf_init(vb_buf *b, size_t max);

/* Release the data and reset to empty (max is kept).  Accepts NULL. */
void vb_buf_free(vb_buf *b);

/* Forget the contents but keep the allocation. */
void vb_buf_reset(vb_buf *b);

/* Append n bytes.  VB_ENOMEM or VB_ELIMIT leave the buffer unchanged. */
vb_status vb_buf_append(vb_buf *b, const void *p, size_t n) VB_MUST_CHECK;
vb_status vb_buf_puts(vb_buf *b, const char *s) VB_MUST_CHECK;
vb_status vb_buf_putc(vb_buf *b, char c) VB_MUST_CHECK;
vb_status vb_buf_printf(vb_buf *b, const char *fmt, ...) VB_PRINTF(2, 3)
    VB_MUST_CHECK;

/* Shorten the contents to n bytes (n <= len). */
void vb_buf_truncate(vb_buf *b, size_t n);

/* Hand the data to the caller (free with vb_free) and reset the buffer.
** Returns an empty allocated string when the buffer was empty, NULL only on
** allocation failure.  *len (if not NULL) receives the length. */
char *vb_buf_take(vb_buf *b, size_t *len);

#endif /* VB_BUF_H */
