/*
** reader.h: reading one file into a vb_doc (its text and properties).
**
** A reader is a method table (vb_reader) for one format: plain text
** (read/read_txt.c), DOCX (read/read_docx.c), ODT (read/read_odt.c).
** vb_read_file() picks the reader by sniffing the first bytes, then by the
** file extension, reads the whole file under the limits in vb_limits, hashes
** the bytes, and asks the reader for the text.
**
** The text a reader produces is UTF-8 NFC with '\n' line ends: one line per
** paragraph (or table-cell paragraph), in reading order.  Line numbers in
** extraction evidence count lines of this text, 1-based.
**
** Ownership: a vb_doc returned by vb_read_file()/vb_doc_new() belongs to the
** caller and is released with vb_doc_free(), which frees every field.
*/
#ifndef VB_READER_H
#define VB_READER_H

#include "buf.h"

/* Limits applied to every file.  vb_limits_default() fills the defaults. */
typedef struct vb_limits {
  size_t max_file_bytes;    /* size of the file on disk */
  size_t max_text_bytes;    /* text produced from one document */
  size_t max_inflated;      /* total bytes inflated from one zip archive */
  size_t max_ratio;         /* inflated size / compressed size, per entry */
  size_t max_entries;       /* entries in one zip archive */
  int max_xml_depth;        /* element nesting in any XML part */
  /* Paged formats (PDF, images; read/read_pdf.c).  0 means the default. */
  int ocr_mode;             /* VB_OCR_AUTO (0), VB_OCR_NEVER, VB_OCR_ALWAYS */
  size_t max_pages;         /* pages read from one document */
  size_t max_pdf_memory;    /* bytes the PDF library may hold at once */
  int max_seconds;          /* wall time spent on one paged document */
  int no_hash;              /* 1: leave vb_doc.sha256 empty (callers that
                               print the text and store nothing) */
} vb_limits;

/* OCR of paged documents: auto reads pages without a usable text layer. */
enum { VB_OCR_AUTO = 0, VB_OCR_NEVER = 1, VB_OCR_ALWAYS = 2 };

#define VB_LIMIT_FILE_BYTES ((size_t)64 << 20)   /* 64 MiB on disk */
#define VB_LIMIT_TEXT_BYTES ((size_t)64 << 20)   /* 64 MiB of text */
#define VB_LIMIT_INFLATED ((size_t)256 << 20)    /* 256 MiB unzipped */
#define VB_LIMIT_RATIO ((size_t)200)             /* 200:1 per zip entry */
#define VB_LIMIT_ENTRIES ((size_t)10000)         /* zip entries */
#define VB_LIMIT_XML_DEPTH 256                   /* XML nesting */
#define VB_LIMIT_PAGES ((size_t)2000)            /* pages of one PDF */
#define VB_LIMIT_PDF_MEMORY ((size_t)256 << 20)  /* PDF library heap */
#define VB_LIMIT_SECONDS 120                     /* per paged document */

void vb_limits_default(vb_limits *lim);

/* One document as read. */
typedef struct vb_doc {
  char *source;        /* path as given by the user */
  const char *format;  /* static: "txt", "md", "docx", "odt", "pdf", "image" */
  char sha256[65];     /* hex hash of the file's bytes ("" with no_hash) */
  int64_t size;        /* file size in bytes */
  int64_t mtime;       /* modification time, seconds since the epoch */
  char *text;          /* body text (see above); never NULL once read */
  size_t text_len;     /* bytes in text */
  char *extra;         /* headers, footers (searchable, not body); or NULL */
  size_t extra_len;
  char *prop_title;    /* document properties (DOCX core.xml, ODT meta), */
  char *prop_creator;  /* each NULL when absent */
  char *prop_created;  /* ISO 8601 as stored */
  char *prop_modified;
  /* Paged formats only (PDF, images); 0/NULL for the others. */
  size_t npages;       /* pages read */
  size_t *page_line;   /* npages entries: first body line (1-based) of each */
  unsigned char *page_ocr; /* npages entries: 1 if that page was OCR'd */
  size_t nocr;         /* pages OCR'd */
  double ocr_conf;     /* mean OCR word confidence (0-100) of those pages */
  char encoding[64];   /* legacy encodings converted ("TCVN3", "TCVN3, VNI"),
                          "" when the text needed none (common/legacy.h) */
} vb_doc;

/* A format reader.  read() receives the whole file and fills doc->text,
** doc->text_len and optionally extra and the prop_* fields (allocated with
** vb_malloc); it must not touch source, format, sha256, size or mtime.  On
** failure it fills err with a one-line reason and returns non-OK; anything
** it stored in doc is freed by vb_doc_free(). */
typedef struct vb_reader {
  const char *name;               /* format name, stored in vb_doc.format */
  const char *const *extensions;  /* lower-case, without dot; NULL-ended */
  /* 1 if the first n bytes look like this format (n may be small). */
  int (*sniff)(const unsigned char *head, size_t n);
  vb_status (*read)(const unsigned char *data, size_t n,
                    const vb_limits *lim, vb_doc *doc, vb_error *err);
} vb_reader;

extern const vb_reader vb_reader_txt;   /* .txt, .md, .text */
extern const vb_reader vb_reader_docx;  /* .docx, .docm */
extern const vb_reader vb_reader_odt;   /* .odt */
extern const vb_reader vb_reader_pdf;   /* .pdf (read/pdf_mod.c, read_pdf.c) */
extern const vb_reader vb_reader_image; /* .png .jpg .tif: OCR (read/pdf_mod.c) */

/* The page (1-based) of body line `line` of doc, or 0 when the document has
** no pages. */
size_t vb_doc_page_of_line(const vb_doc *doc, size_t line);
extern const vb_reader vb_reader_doc;   /* .doc (read/read_doc.c) */
extern const vb_reader vb_reader_html;  /* .html, .htm (read/read_html.c) */
extern const vb_reader vb_reader_rtf;   /* .rtf (read/read_rtf.c) */

/* The reader for a path (by its extension), or NULL if none claims it.
** Used by directory walks to pick the files to ingest. */
const vb_reader *vb_reader_for_path(const char *path);

/* Read a file.  *out is NULL on failure.  Errors: VB_EIO, VB_ELIMIT,
** VB_EFORMAT, VB_EENCODING, VB_EEMPTY, VB_ECORRUPT, VB_ENOMEM. */
vb_status vb_read_file(const char *path, const vb_limits *lim, vb_doc **out,
                       vb_error *err) VB_MUST_CHECK;

/* Build a document from bytes in memory (as if read from `source`). */
vb_status vb_read_bytes(const char *source, const unsigned char *data,
                        size_t n, const vb_limits *lim, vb_doc **out,
                        vb_error *err) VB_MUST_CHECK;

void vb_doc_free(vb_doc *doc);

/* Release what readers keep per thread (the OCR engine, read/ocr.c).  Worker
** threads release it when they end; the main thread calls this when done. */
void vb_read_thread_end(void);

#endif /* VB_READER_H */
