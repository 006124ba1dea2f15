/*
** buf.c: the capped growable buffer declared in buf.h.
*/
#include "buf.h"

#include <stdio.h>
#include <string.h>

void vb_buf_init(vb_buf *b, size_t max) {
  b->data = NULL;
  b->len = b->cap = 0;
  b->max = max;
}

void vb_buf_free(vb_buf *b) {
  if (!b) return;
  vb_free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

void vb_buf_reset(vb_buf *b) {
  b->len = 0;
  if (b->data) b->data[0] = '\0';
}

/* Make room for n more bytes plus the terminator. */
static vb_status buf_reserve(vb_buf *b, size_t n) {
  if (n > b->max - b->len) return VB_ELIMIT;
  size_t need = b->len + n + 1;
  if (need <= b->cap) return VB_OK;
  return vb_grow(&b->data, &b->cap, need < 64 ? 64 : need, 1);
}

vb_status vb_buf_append(vb_buf *b, const void *p, size_t n) {
  VB_TRY(buf_reserve(b, n));
  if (n) memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
  return VB_OK;
}

vb_status vb_buf_puts(vb_buf *b, const char *s) {
  return vb_buf_append(b, s, strlen(s));
}

vb_status vb_buf_putc(vb_buf *b, char c) { return vb_buf_append(b, &c, 1); }

vb_status vb_buf_printf(vb_buf *b, const char *fmt, ...) {
  char small[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) return VB_EINVAL;
  if ((size_t)n < sizeof small) return vb_buf_append(b, small, (size_t)n);
  VB_TRY(buf_reserve(b, (size_t)n));
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
  return VB_OK;
}

void vb_buf_truncate(vb_buf *b, size_t n) {
  if (n < b->len) {
    b->len = n;
    b->data[n] = '\0';
  }
}

char *vb_buf_take(vb_buf *b, size_t *len) {
  char *p = b->data;
  if (!p) p = vb_strdup("");
  if (len) *len = p ? b->len : 0;
  b->data = NULL;
  b->len = b->cap = 0;
  return p;
}
