/*
** vb.h: the conventions every vanban module shares.
**
** One status enum (vb_status) is returned by every fallible function in the
** library; VB_OK is 0.  A vb_error carries the status and a one-line,
** human-readable reason ("invalid UTF-8 at byte 812"); library code fills it
** and never prints.  The front end prefixes the file name and prints it.
**
** Memory: library code allocates through vb_malloc()/vb_realloc()/vb_free()
** so that tests can make the Nth allocation fail (vb_alloc_fail_after()).
** Whatever a function hands to its caller is freed with vb_free() unless the
** header of that function says otherwise.
*/
#ifndef VB_H
#define VB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define VB_MUST_CHECK __attribute__((warn_unused_result))
#define VB_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define VB_MUST_CHECK
#define VB_PRINTF(a, b)
#endif

#define VB_VERSION "0.1.0"

/* Status codes.  Keep vb_strerror() in common/vb.c in step. */
typedef enum vb_status {
  VB_OK = 0,
  VB_ENOMEM,       /* an allocation failed */
  VB_EIO,          /* a file could not be opened, read or written */
  VB_EFORMAT,      /* the input is not in a format vanban reads */
  VB_EENCODING,    /* the text is not valid UTF-8/UTF-16 */
  VB_EEMPTY,       /* the input holds no text */
  VB_ELIMIT,       /* a named size or depth limit was exceeded */
  VB_ECORRUPT,     /* the input claims a format but is damaged */
  VB_EQUERY,       /* a search query or question could not be parsed */
  VB_EDB,          /* the database reported an error */
  VB_EBUSY,        /* the database is locked by another writer */
  VB_EINVAL,       /* a bad argument was passed to the library */
  VB_ENOTFOUND,    /* the requested document or item does not exist */
  VB_EINTERRUPTED, /* the work was stopped on request */
  VB_ETIMEOUT      /* a query ran past its time budget */
} vb_status;

/* A status plus a one-line reason.  Functions that take a vb_error* fill it
** on failure (if it is not NULL) and leave it untouched on success. */
typedef struct vb_error {
  vb_status code;  /* same value the function returned */
  char msg[320];   /* reason, without the file name; never ends in '\n' */
} vb_error;

/* Static English name of a status ("out of memory").  Never NULL. */
const char *vb_strerror(vb_status code);

/* Fill *err (if not NULL) with code and a printf-style reason; returns code
** so that callers can write `return vb_error_set(err, VB_EIO, "...")`. */
vb_status vb_error_set(vb_error *err, vb_status code, const char *fmt, ...)
    VB_PRINTF(3, 4);

/* Return *err's reason, or vb_strerror(code) when err is NULL or empty. */
const char *vb_error_text(const vb_error *err, vb_status code);

/* Allocation.  vb_malloc(0) returns a unique pointer; vb_free(NULL) is a
** no-op.  vb_strdup/vb_strndup return NULL on failure; free with vb_free. */
void *vb_malloc(size_t n);
void *vb_calloc(size_t count, size_t size);
void *vb_realloc(void *p, size_t n);
void vb_free(void *p);
char *vb_strdup(const char *s);
char *vb_strndup(const char *s, size_t n);

/* Make room for `need` elements of `elem` bytes in the array whose
** pointer is at arr (a T **) and whose allocated length is *cap: when need
** exceeds *cap the array grows to twice its length, at least need and at
** least 8 elements.  Returns VB_OK, or VB_ENOMEM when out of memory or when
** the size would overflow; the array and *cap are then unchanged and still
** the caller's. */
vb_status vb_grow(void *arr, size_t *cap, size_t need,
                  size_t elem) VB_MUST_CHECK;

/* Test hook: after n more successful allocations, every further allocation
** fails.  n < 0 switches failure injection off (the default). */
void vb_alloc_fail_after(long n);

/* Forward a non-OK status from an expression. */
#define VB_TRY(expr)                                                         \
  do {                                                                       \
    vb_status vb_try_rc_ = (expr);                                           \
    if (vb_try_rc_ != VB_OK) return vb_try_rc_;                              \
  } while (0)

#endif /* VB_H */
