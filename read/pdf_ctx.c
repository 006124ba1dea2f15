/*
** pdf_ctx.c: the MuPDF context a thread keeps across the PDFs it reads,
** its bounded allocator, and the fonts shared between documents.
**
** Starting a context per document costs little, but loading a font costs
** much: a CID font's Unicode map is expanded over every code of its
** encoding (65,536 for Identity-H) and its program is parsed by FreeType,
** about a third of the reading time of a short PDF.  Documents of one
** batch often embed the very same fonts (one office, one word processor),
** so each thread keeps the fonts it loaded, keyed by the bytes of every
** object and stream the font is read from, and gives an identical font of
** a later document to MuPDF's resource store before the page that uses it
** is run: the interpreter then finds it loaded.  A font whose objects
** differ in any byte is loaded afresh, so the text is the same as without
** the cache.  Type 3 fonts (glyphs drawn by the document) are not shared.
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <mupdf/pdf.h>

#include "buf.h"
#include "pdf_ctx.h"

#define PDF_STORE ((size_t)64 << 20) /* MuPDF's resource cache */
#define FONT_CACHE 64                /* fonts a thread keeps */
#define FONT_BYTES ((size_t)32 << 20) /* bytes of font keys a thread keeps */
#define KEY_MAX ((size_t)16 << 20)   /* a larger font is not kept */
#define KEY_DEPTH 8                  /* object nesting read into a key */
#define KEY_NODES 100000             /* objects read into one key */
#define SEEN_MAX 4096                /* fonts and forms looked at per document */
#define FORM_DEPTH 4                 /* forms within forms looked into */

/**************************************************************************
** The bounded allocator
*/

typedef union hdr {
  size_t n;
  max_align_t align;
} hdr;

/* 1 once the deadline has passed (checked every 64 calls). */
static int late(mem_ctx *m) {
  if (m->over_time) return 1;
  if ((++m->calls & 63) != 0) return 0;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (now.tv_sec > m->deadline.tv_sec ||
      (now.tv_sec == m->deadline.tv_sec && now.tv_nsec > m->deadline.tv_nsec)) {
    m->over_time = 1;
    if (m->cookie) m->cookie->abort = 1;
  }
  return m->over_time;
}

static void *mem_malloc(void *opaque, size_t n) {
  mem_ctx *m = opaque;
  if (late(m) || m->used + sizeof(hdr) > m->cap || n > m->cap - m->used - sizeof(hdr)) {
    if (!m->over_time) m->over_memory = 1;
    return NULL;
  }
  hdr *h = malloc(sizeof *h + n);
  if (!h) return NULL;
  h->n = n;
  m->used += n + sizeof *h;
  return h + 1;
}

static void mem_free(void *opaque, void *p) {
  mem_ctx *m = opaque;
  if (!p) return;
  hdr *h = (hdr *)p - 1;
  m->used -= h->n + sizeof *h;
  free(h);
}

static void *mem_realloc(void *opaque, void *p, size_t n) {
  mem_ctx *m = opaque;
  if (!p) return mem_malloc(opaque, n);
  if (n == 0) {
    mem_free(opaque, p);
    return NULL;
  }
  hdr *h = (hdr *)p - 1;
  size_t old = h->n;
  if (late(m) || (n > old && (m->used + sizeof(hdr) > m->cap ||
                              n - old > m->cap - m->used - sizeof(hdr)))) {
    if (!m->over_time) m->over_memory = 1;
    return NULL;
  }
  hdr *q = realloc(h, sizeof *q + n);
  if (!q) return NULL;
  q->n = n;
  m->used = m->used - old + n;
  return q + 1;
}

/* Swallow MuPDF's messages: the library never prints. */
static void quiet(void *user, const char *msg) {
  (void)user;
  (void)msg;
}

/**************************************************************************
** The thread's state
*/

typedef struct font_entry {
  char *key;  /* the font's objects and streams, serialised (vb_malloc) */
  size_t klen;
  pdf_font_desc *desc;
  unsigned long used; /* last use, for eviction */
} font_entry;

typedef struct pdf_thread {
  fz_context *ctx;
  mem_ctx mem;
  font_entry fonts[FONT_CACHE];
  size_t nfonts, font_bytes;
  unsigned long tick;
  vb_buf key;         /* the key being built, its memory kept */
  int seen[SEEN_MAX]; /* object numbers of the fonts and forms looked at */
  size_t nseen;
} pdf_thread;

static pthread_key_t g_key;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static int g_key_ok;

/* Drop the fonts and the context of a thread's state, then the state. */
static void thread_free(void *p) {
  pdf_thread *t = p;
  if (!t) return;
  for (size_t i = 0; i < t->nfonts; i++) {
    pdf_drop_font(t->ctx, t->fonts[i].desc);
    vb_free(t->fonts[i].key);
  }
  fz_drop_context(t->ctx);
  vb_buf_free(&t->key);
  vb_free(t);
}

static void make_key(void) { g_key_ok = pthread_key_create(&g_key, thread_free) == 0; }

void vb_pdf_thread_end(void) {
  pthread_once(&g_once, make_key);
  if (!g_key_ok) return;
  thread_free(pthread_getspecific(g_key));
  pthread_setspecific(g_key, NULL);
}

/* Arm the allocator for one document. */
static void arm(mem_ctx *m, size_t cap, int seconds) {
  m->cap = m->used + cap;
  m->calls = 0;
  m->over_memory = m->over_time = 0;
  m->cookie = NULL;
  clock_gettime(CLOCK_MONOTONIC, &m->deadline);
  m->deadline.tv_sec += seconds;
}

fz_context *vb_pdf_begin(size_t cap, int seconds, mem_ctx **mem) {
  pthread_once(&g_once, make_key);
  pdf_thread *t = g_key_ok ? pthread_getspecific(g_key) : NULL;
  if (!t) {
    t = vb_calloc(1, sizeof *t);
    if (!t) return NULL;
    vb_buf_init(&t->key, KEY_MAX);
    arm(&t->mem, PDF_STORE + cap, seconds);
    fz_alloc_context alloc = {&t->mem, mem_malloc, mem_realloc, mem_free};
    t->ctx = fz_new_context(&alloc, NULL, PDF_STORE);
    volatile int ok = t->ctx != NULL;
    if (ok) {
      fz_set_warning_callback(t->ctx, quiet, NULL);
      fz_set_error_callback(t->ctx, quiet, NULL);
      fz_try(t->ctx) fz_register_document_handlers(t->ctx);
      fz_catch(t->ctx) ok = 0;
    }
    if (!ok || !g_key_ok || pthread_setspecific(g_key, t) != 0) {
      thread_free(t);
      return NULL;
    }
  }
  arm(&t->mem, cap, seconds);
  t->nseen = 0;
  *mem = &t->mem;
  return t->ctx;
}

/**************************************************************************
** Fonts shared between documents
*/

typedef struct keybuf {
  vb_buf *b;
  size_t nodes;
  int bad; /* too large, too deep or unreadable: not kept */
} keybuf;

static void put(keybuf *k, const void *p, size_t n) {
  if (!k->bad && vb_buf_append(k->b, p, n) != VB_OK) k->bad = 1;
}

/* Append the raw (still compressed) bytes of the stream ref to the key
** (the stream's dictionary, before them, gives their length). */
static void key_stream(fz_context *ctx, pdf_obj *ref, keybuf *k) {
  fz_stream *volatile stm = NULL;
  unsigned char chunk[16384];
  put(k, "{", 1);
  fz_try(ctx) {
    stm = pdf_open_raw_stream(ctx, ref);
    size_t n;
    while (!k->bad && (n = fz_read(ctx, stm, chunk, sizeof chunk)) > 0) put(k, chunk, n);
  }
  fz_always(ctx) fz_drop_stream(ctx, stm);
  fz_catch(ctx) k->bad = 1;
  put(k, "}", 1);
}

static void key_obj(fz_context *ctx, pdf_obj *obj, keybuf *k, int depth);

/* Append obj to the key: its type and value, what an indirect reference
** points to (not its number, which differs between documents), and a
** stream's dictionary and raw bytes. */
static void key_obj(fz_context *ctx, pdf_obj *obj, keybuf *k, int depth) {
  if (k->bad) return;
  if (depth > KEY_DEPTH || ++k->nodes > KEY_NODES) {
    k->bad = 1;
    return;
  }
  if (pdf_is_indirect(ctx, obj)) {
    put(k, "R", 1);
    if (pdf_is_stream(ctx, obj)) {
      put(k, "S", 1);
      key_obj(ctx, pdf_resolve_indirect(ctx, obj), k, depth + 1);
      key_stream(ctx, obj, k);
      return;
    }
    obj = pdf_resolve_indirect(ctx, obj);
  }
  if (pdf_is_null(ctx, obj)) {
    put(k, "n", 1);
  } else if (pdf_is_bool(ctx, obj)) {
    put(k, pdf_to_bool(ctx, obj) ? "t" : "f", 1);
  } else if (pdf_is_int(ctx, obj)) {
    int64_t v = pdf_to_int64(ctx, obj);
    put(k, "i", 1);
    put(k, &v, sizeof v);
  } else if (pdf_is_real(ctx, obj)) {
    float v = pdf_to_real(ctx, obj);
    put(k, "r", 1);
    put(k, &v, sizeof v);
  } else if (pdf_is_name(ctx, obj)) {
    const char *s = pdf_to_name(ctx, obj);
    put(k, "/", 1);
    put(k, s, strlen(s) + 1);
  } else if (pdf_is_string(ctx, obj)) {
    size_t n = pdf_to_str_len(ctx, obj);
    put(k, "(", 1);
    put(k, &n, sizeof n);
    put(k, pdf_to_str_buf(ctx, obj), n);
  } else if (pdf_is_array(ctx, obj)) {
    int n = pdf_array_len(ctx, obj);
    put(k, "[", 1);
    put(k, &n, sizeof n);
    for (int i = 0; i < n && !k->bad; i++)
      key_obj(ctx, pdf_array_get(ctx, obj, i), k, depth + 1);
  } else if (pdf_is_dict(ctx, obj)) {
    int n = pdf_dict_len(ctx, obj);
    put(k, "<", 1);
    put(k, &n, sizeof n);
    for (int i = 0; i < n && !k->bad; i++) {
      key_obj(ctx, pdf_dict_get_key(ctx, obj, i), k, depth + 1);
      key_obj(ctx, pdf_dict_get_val(ctx, obj, i), k, depth + 1);
    }
  } else {
    k->bad = 1;
  }
}

/* 1 if object number num was looked at in this document; else marks it
** (0), or returns 1 when the set is full. */
static int seen(pdf_thread *t, int num) {
  for (size_t i = 0; i < t->nseen; i++)
    if (t->seen[i] == num) return 1;
  if (t->nseen == SEEN_MAX) return 1;
  t->seen[t->nseen++] = num;
  return 0;
}

/* Keep desc under key (taken), evicting the least recently used fonts. */
static void keep_font(pdf_thread *t, char *key, size_t klen, pdf_font_desc *desc) {
  while (t->nfonts && (t->nfonts == FONT_CACHE || t->font_bytes + klen > FONT_BYTES)) {
    size_t old = 0;
    for (size_t i = 1; i < t->nfonts; i++)
      if (t->fonts[i].used < t->fonts[old].used) old = i;
    pdf_drop_font(t->ctx, t->fonts[old].desc);
    vb_free(t->fonts[old].key);
    t->font_bytes -= t->fonts[old].klen;
    t->fonts[old] = t->fonts[--t->nfonts];
  }
  font_entry *e = &t->fonts[t->nfonts++];
  e->key = key;
  e->klen = klen;
  e->desc = pdf_keep_font(t->ctx, desc);
  e->used = ++t->tick;
  t->font_bytes += klen;
}

/* Share the font ref (an indirect reference from a resource dictionary). */
static void share_font(pdf_thread *t, pdf_document *doc, pdf_obj *rdb, pdf_obj *ref) {
  fz_context *ctx = t->ctx;
  if (!pdf_is_indirect(ctx, ref) || seen(t, pdf_to_num(ctx, ref))) return;
  if (pdf_name_eq(ctx, pdf_dict_get(ctx, ref, PDF_NAME(Subtype)), PDF_NAME(Type3))) return;
  keybuf k = {&t->key, 0, 0};
  vb_buf_reset(k.b);
  key_obj(ctx, ref, &k, 0);
  if (k.bad || !k.b->len) return;
  for (size_t i = 0; i < t->nfonts; i++) {
    font_entry *e = &t->fonts[i];
    if (e->klen == k.b->len && memcmp(e->key, k.b->data, k.b->len) == 0) {
      pdf_store_item(ctx, ref, e->desc, e->desc->size);
      e->used = ++t->tick;
      return;
    }
  }
  pdf_font_desc *volatile desc = NULL;
  fz_try(ctx) desc = pdf_load_font(ctx, doc, rdb, ref);
  fz_catch(ctx) desc = NULL;
  if (desc) {
    char *key = vb_malloc(k.b->len);
    if (key) {
      memcpy(key, k.b->data, k.b->len);
      keep_font(t, key, k.b->len, desc);
    }
    pdf_drop_font(ctx, desc);
  }
}

/* Share the fonts of the resource dictionary rdb and of the forms it
** draws (up to FORM_DEPTH deep). */
static void share_resources(pdf_thread *t, pdf_document *doc, pdf_obj *rdb, int depth) {
  fz_context *ctx = t->ctx;
  pdf_obj *fonts = pdf_dict_get(ctx, rdb, PDF_NAME(Font));
  int n = pdf_dict_len(ctx, fonts);
  for (int i = 0; i < n; i++) share_font(t, doc, rdb, pdf_dict_get_val(ctx, fonts, i));
  if (depth >= FORM_DEPTH) return;
  pdf_obj *xobj = pdf_dict_get(ctx, rdb, PDF_NAME(XObject));
  n = pdf_dict_len(ctx, xobj);
  for (int i = 0; i < n; i++) {
    pdf_obj *x = pdf_dict_get_val(ctx, xobj, i);
    if (!pdf_is_indirect(ctx, x) ||
        !pdf_name_eq(ctx, pdf_dict_get(ctx, x, PDF_NAME(Subtype)), PDF_NAME(Form)) ||
        seen(t, pdf_to_num(ctx, x)))
      continue;
    share_resources(t, doc, pdf_dict_get(ctx, x, PDF_NAME(Resources)), depth + 1);
  }
}

void vb_pdf_share_fonts(fz_context *ctx, fz_document *fdoc, fz_page *page) {
  pdf_thread *t = g_key_ok ? pthread_getspecific(g_key) : NULL;
  if (!t || t->ctx != ctx) return;
  fz_try(ctx) {
    pdf_document *doc = pdf_specifics(ctx, fdoc);
    pdf_page *pp = doc ? pdf_page_from_fz_page(ctx, page) : NULL;
    if (pp) share_resources(t, doc, pdf_page_resources(ctx, pp), 0);
  }
  fz_catch(ctx) {} /* the interpreter loads what was not shared */
}
