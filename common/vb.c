/*
** vb.c: status names, error filling and the allocation wrappers declared in
** vb.h.  The allocation counter used for failure injection is atomic so that
** the ingest worker threads can share it.
*/
#include "vb.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *vb_strerror(vb_status code) {
  switch (code) {
    case VB_OK: return "success";
    case VB_ENOMEM: return "out of memory";
    case VB_EIO: return "input/output error";
    case VB_EFORMAT: return "unsupported format";
    case VB_EENCODING: return "invalid text encoding";
    case VB_EEMPTY: return "empty document";
    case VB_ELIMIT: return "size limit exceeded";
    case VB_ECORRUPT: return "corrupt file";
    case VB_EQUERY: return "malformed query";
    case VB_EDB: return "database error";
    case VB_EBUSY: return "database is busy";
    case VB_EINVAL: return "invalid argument";
    case VB_ENOTFOUND: return "not found";
    case VB_EINTERRUPTED: return "interrupted";
    case VB_ETIMEOUT: return "time budget exceeded";
  }
  return "unknown error";
}

vb_status vb_error_set(vb_error *err, vb_status code, const char *fmt, ...) {
  if (err) {
    va_list ap;
    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    /* Keep the one-line promise whatever the caller formatted. */
    for (char *p = err->msg; *p; p++)
      if (*p == '\n' || *p == '\r') *p = ' ';
  }
  return code;
}

const char *vb_error_text(const vb_error *err, vb_status code) {
  if (err && err->msg[0]) return err->msg;
  return vb_strerror(code);
}

/* Remaining allocations before injected failure; negative = never fail. */
static atomic_long g_fail_after = -1;

void vb_alloc_fail_after(long n) { atomic_store(&g_fail_after, n); }

/* Return 1 if this allocation must fail under failure injection. */
static int alloc_should_fail(void) {
  long n = atomic_load(&g_fail_after);
  if (n < 0) return 0;
  while (n > 0) {
    if (atomic_compare_exchange_weak(&g_fail_after, &n, n - 1)) return 0;
    if (n < 0) return 0;
  }
  return 1;
}

void *vb_malloc(size_t n) {
  if (alloc_should_fail()) return NULL;
  return malloc(n ? n : 1);
}

void *vb_calloc(size_t count, size_t size) {
  if (alloc_should_fail()) return NULL;
  if (count == 0 || size == 0) return calloc(1, 1);
  return calloc(count, size);
}

void *vb_realloc(void *p, size_t n) {
  if (alloc_should_fail()) return NULL;
  return realloc(p, n ? n : 1);
}

void vb_free(void *p) { free(p); }

vb_status vb_grow(void *arr, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return VB_OK;
  size_t nc = *cap > SIZE_MAX / 2 ? need : *cap * 2;
  if (nc < need) nc = need;
  if (nc < 8) nc = 8;
  if (elem && nc > SIZE_MAX / elem) return VB_ENOMEM;
  void *old;
  memcpy(&old, arr, sizeof old);
  void *p = vb_realloc(old, nc * elem);
  if (!p) return VB_ENOMEM;
  memcpy(arr, &p, sizeof p);
  *cap = nc;
  return VB_OK;
}

char *vb_strndup(const char *s, size_t n) {
  char *r = vb_malloc(n + 1);
  if (!r) return NULL;
  memcpy(r, s, n);
  r[n] = '\0';
  return r;
}

char *vb_strdup(const char *s) { return vb_strndup(s, strlen(s)); }
