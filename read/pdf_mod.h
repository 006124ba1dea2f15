/*
** pdf_mod.h: the entry points of the PDF reader's module, vanban-pdf.so
** (read/read_pdf.c with MuPDF and the libraries only it needs), which
** read/pdf_mod.c loads with dlopen() on the first PDF or image.  Private
** to read/.
**
** The module is built from read_pdf.c, pdf_ctx.c, pdf_dev.c, layout.c and
** ocr.c; everything else it calls (common/, reader.c) is the program's
** own, exported by the program's link (CMakeLists.txt).
**
** Ownership: as vb_reader.read (reader.h).
*/
#ifndef VB_PDF_MOD_H
#define VB_PDF_MOD_H

#include "reader.h"

#define VB_PDF_MODULE_ENTRY __attribute__((visibility("default")))

/* Read a PDF or an image (magic: MuPDF's name of the format, is_image 1
** for an image) as vb_reader.read does. */
VB_PDF_MODULE_ENTRY vb_status vb_pdfmod_read(const unsigned char *data, size_t n,
                                             const vb_limits *lim, vb_doc *doc,
                                             vb_error *err, const char *magic,
                                             int is_image);

/* Release what the calling thread keeps: its MuPDF context and fonts, its
** OCR engine. */
VB_PDF_MODULE_ENTRY void vb_pdfmod_thread_end(void);

/* The entry points, for the loader's table. */
#define VB_PDF_MODULE_FUNCS(X) X(vb_pdfmod_read) X(vb_pdfmod_thread_end)

#endif /* VB_PDF_MOD_H */
