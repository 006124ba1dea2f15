/*
** ocr.h: optical character recognition of one rendered page (Tesseract,
** Vietnamese model), its words fed to a vb_layout.
**
** Tesseract's engine is costly to start (about a quarter of a second and
** tens of megabytes for the model), so each thread creates one on its first
** page and keeps it until the thread ends; vb_ocr_thread_end() releases the
** calling thread's engine earlier (the main thread calls it before exit).
**
** Ownership: the caller keeps the image and the layout.
*/
#ifndef VB_OCR_H
#define VB_OCR_H

#include "layout.h"

/* Recognise an 8-bit grey image (w x h pixels, stride bytes per row, at
** dpi) and add its words to the current page of L (pixel coordinates).
** *conf gets the mean word confidence (0-100), *nwords the words added.
** deadline_ms bounds the recognition (0: none).  Errors: VB_ENOMEM,
** VB_EFORMAT (the Vietnamese model is not installed), VB_ELIMIT (deadline
** passed). */
vb_status vb_ocr_page(const unsigned char *grey, int w, int h, int stride,
                      int dpi, int deadline_ms, vb_layout *L, double *conf,
                      size_t *nwords, vb_error *err) VB_MUST_CHECK;

/* Release the calling thread's engine (no-op when it has none). */
void vb_ocr_thread_end(void);

#endif /* VB_OCR_H */
