/*
** pdf_mod.c: the PDF and image readers, whose work is done by the module
** vanban-pdf.so (read/read_pdf.c and MuPDF; see pdf_mod.h), loaded on the
** first PDF or image.
**
** MuPDF is linked statically but needs some twelve shared libraries
** (fonts, images, JBIG2, JPEG 2000, JavaScript, HTML); in the program
** they were loaded and relocated by every process at start, about 2 ms of
** CPU, although only the PDF and image readers use them.  In the module,
** only a process that reads a PDF or an image loads them.
**
** The module is looked for where `cmake --install` puts it (beside the
** program's prefix, VB_PDF_MODULE_DIR), beside the program (the build
** tree), and on the library path (LD_LIBRARY_PATH: the tests' programs in
** the build tree).  When it cannot be loaded, each PDF or image gets a
** one-line error naming what is missing and the batch goes on.
*/
#include <string.h>

#include "dynlib.h"
#include "pdf_mod.h"

#ifndef VB_PDF_MODULE_DIR
#define VB_PDF_MODULE_DIR "../lib/vanban"
#endif

typedef struct { VB_DYNLIB_DECLS(VB_PDF_MODULE_FUNCS) } vb_dynlib_table_t;
static vb_dynlib_table_t M;
static const vb_dynlib_sym g_syms[] = {VB_PDF_MODULE_FUNCS(VB_DYNLIB_SYM)};
static const char *const g_names[] = {
    "$ORIGIN/" VB_PDF_MODULE_DIR "/vanban-pdf.so", "$ORIGIN/vanban-pdf.so",
    "vanban-pdf.so", NULL};
static vb_dynlib g_mod =
    VB_DYNLIB_INIT(g_names, "vanban", g_syms, &M, NULL, VB_EFORMAT);

static vb_status read_pdf(const unsigned char *data, size_t n,
                          const vb_limits *lim, vb_doc *doc, vb_error *err) {
  VB_TRY(vb_dynlib_load(&g_mod, err));
  return M.vb_pdfmod_read(data, n, lim, doc, err, "application/pdf", 0);
}

static int sniff_pdf(const unsigned char *h, size_t n) {
  return n >= 5 && memcmp(h, "%PDF-", 5) == 0;
}

/* The image format of the first bytes, as MuPDF names it; NULL if none. */
static const char *image_magic(const unsigned char *h, size_t n) {
  if (n >= 8 && memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0) return "image/png";
  if (n >= 3 && memcmp(h, "\xFF\xD8\xFF", 3) == 0) return "image/jpeg";
  if (n >= 4 && (memcmp(h, "II*\0", 4) == 0 || memcmp(h, "MM\0*", 4) == 0))
    return "image/tiff";
  return NULL;
}

static int sniff_image(const unsigned char *h, size_t n) {
  return image_magic(h, n) != NULL;
}

static vb_status read_image(const unsigned char *data, size_t n,
                            const vb_limits *lim, vb_doc *doc, vb_error *err) {
  const char *magic = image_magic(data, n);
  if (!magic) return vb_error_set(err, VB_EFORMAT, "not a PNG, JPEG or TIFF image");
  VB_TRY(vb_dynlib_load(&g_mod, err));
  return M.vb_pdfmod_read(data, n, lim, doc, err, magic, 1);
}

void vb_read_thread_end(void) {
  if (vb_dynlib_loaded(&g_mod)) M.vb_pdfmod_thread_end();
}

static const char *const pdf_ext[] = {"pdf", NULL};
static const char *const image_ext[] = {"png", "jpg", "jpeg", "tif", "tiff", NULL};

const vb_reader vb_reader_pdf = {"pdf", pdf_ext, sniff_pdf, read_pdf};
const vb_reader vb_reader_image = {"image", image_ext, sniff_image, read_image};
