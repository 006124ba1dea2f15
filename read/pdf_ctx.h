/*
** pdf_ctx.h: the MuPDF context each thread keeps across the documents it
** reads (read/pdf_ctx.c), with its bounded allocator and a cache of the
** fonts an earlier document loaded.  Private to read/read_pdf.c.
**
** Ownership: the context and the cached fonts belong to the calling
** thread; vb_pdf_thread_end() releases them (worker threads release them
** when they end).  A document opened in the context is the caller's and
** must be dropped before the next vb_pdf_begin() on the same thread.
*/
#ifndef VB_PDF_CTX_H
#define VB_PDF_CTX_H

#include <stddef.h>
#include <time.h>

#include <mupdf/fitz.h>

/* The allocator's account: bytes held, the limit of the running document
** and its deadline.  Past either, allocations fail (and the running page is
** aborted through its cookie). */
typedef struct mem_ctx {
  size_t used, cap;
  struct timespec deadline;
  unsigned calls;
  int over_memory, over_time;
  fz_cookie *cookie; /* the running page's, to abort it in time */
} mem_ctx;

/* The calling thread's MuPDF context (created on first use, document
** handlers registered, messages swallowed), armed for one document: it may
** allocate cap bytes more than it holds now, for seconds from now.  *mem
** gets its account.  NULL when out of memory. */
fz_context *vb_pdf_begin(size_t cap, int seconds, mem_ctx **mem);

/* Put into the resource store of fdoc, before page is run, the fonts of
** the page (and of the forms it draws) that an earlier document of this
** thread loaded from identical objects, and remember the fonts loaded here
** for later documents.  Fonts are compared by every object and stream byte
** they are read from, so the text is that of a fresh load.  Never throws;
** a font it cannot handle is left to the interpreter. */
void vb_pdf_share_fonts(fz_context *ctx, fz_document *fdoc, fz_page *page);

/* Release the calling thread's context and fonts. */
void vb_pdf_thread_end(void);

#endif /* VB_PDF_CTX_H */
