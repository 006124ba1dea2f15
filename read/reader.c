/*
** reader.c: vb_read_file() and friends — read a file under the limits, hash
** it, pick the reader (magic bytes first, then the extension) and check that
** the result holds text.  The format readers are in read_*.c.
*/
#include "reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text.h"

/* Every reader, in sniffing order.  Plain text comes last: it has no magic.
** Word 97-2003 claims every OLE compound file before DOCX does (it also
** names an encrypted DOCX). */
static const vb_reader *const g_readers[] = {
    &vb_reader_doc, &vb_reader_docx, &vb_reader_odt, &vb_reader_pdf,
    &vb_reader_image, &vb_reader_html, &vb_reader_rtf, &vb_reader_txt};
#define N_READERS (sizeof g_readers / sizeof g_readers[0])

void vb_limits_default(vb_limits *lim) {
  lim->max_file_bytes = VB_LIMIT_FILE_BYTES;
  lim->max_text_bytes = VB_LIMIT_TEXT_BYTES;
  lim->max_inflated = VB_LIMIT_INFLATED;
  lim->max_ratio = VB_LIMIT_RATIO;
  lim->max_entries = VB_LIMIT_ENTRIES;
  lim->max_xml_depth = VB_LIMIT_XML_DEPTH;
  lim->ocr_mode = VB_OCR_AUTO;
  lim->max_pages = VB_LIMIT_PAGES;
  lim->max_pdf_memory = VB_LIMIT_PDF_MEMORY;
  lim->max_seconds = VB_LIMIT_SECONDS;
  lim->no_hash = 0;
}

size_t vb_doc_page_of_line(const vb_doc *doc, size_t line) {
  size_t lo = 0, hi = doc ? doc->npages : 0;
  if (!hi || !doc->page_line) return 0;
  while (lo < hi) { /* the last page whose first line is <= line */
    size_t mid = lo + (hi - lo) / 2;
    if (doc->page_line[mid] <= line) lo = mid + 1;
    else hi = mid;
  }
  return lo ? lo : 1;
}

/* Lower-case extension of path (without the dot) or "" if none. */
static const char *path_ext(const char *path) {
  const char *slash = strrchr(path, '/');
  const char *dot = strrchr(slash ? slash + 1 : path, '.');
  return dot ? dot + 1 : "";
}

const vb_reader *vb_reader_for_path(const char *path) {
  const char *ext = path_ext(path);
  for (size_t i = 0; i < N_READERS; i++)
    for (const char *const *e = g_readers[i]->extensions; *e; e++)
      if (strcasecmp(ext, *e) == 0) return g_readers[i];
  return NULL;
}

void vb_doc_free(vb_doc *doc) {
  if (!doc) return;
  vb_free(doc->source);
  vb_free(doc->text);
  vb_free(doc->extra);
  vb_free(doc->prop_title);
  vb_free(doc->prop_creator);
  vb_free(doc->prop_created);
  vb_free(doc->prop_modified);
  vb_free(doc->page_line);
  vb_free(doc->page_ocr);
  vb_free(doc);
}

/* 1 if the text holds something other than white space. */
static int has_text(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
        c != '\v')
      return 1;
  }
  return 0;
}

vb_status vb_read_bytes(const char *source, const unsigned char *data,
                        size_t n, const vb_limits *lim, vb_doc **out,
                        vb_error *err) {
  vb_limits deflim;
  *out = NULL;
  if (!lim) {
    vb_limits_default(&deflim);
    lim = &deflim;
  }
  if (n == 0) return vb_error_set(err, VB_EEMPTY, "empty file");
  if (n > lim->max_file_bytes)
    return vb_error_set(err, VB_ELIMIT, "file larger than %zu MiB",
                        lim->max_file_bytes >> 20);
  const vb_reader *rd = NULL;
  for (size_t i = 0; i < N_READERS && !rd; i++)
    if (g_readers[i]->sniff(data, n)) rd = g_readers[i];
  if (!rd) rd = vb_reader_for_path(source);
  if (!rd) rd = &vb_reader_txt;
  vb_doc *doc = vb_calloc(1, sizeof *doc);
  if (!doc || !(doc->source = vb_strdup(source))) {
    vb_free(doc);
    return vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  doc->format = rd->name;
  doc->size = (int64_t)n;
  if (!lim->no_hash) vb_sha256_hex(data, n, doc->sha256);
  vb_status rc = rd->read(data, n, lim, doc, err);
  if (rc == VB_OK && !has_text(doc->text, doc->text_len))
    rc = vb_error_set(err, VB_EEMPTY, "no text in document");
  if (rc != VB_OK) {
    vb_doc_free(doc);
    return rc;
  }
  *out = doc;
  return VB_OK;
}

vb_status vb_read_file(const char *path, const vb_limits *lim, vb_doc **out,
                       vb_error *err) {
  vb_limits deflim;
  *out = NULL;
  if (!lim) {
    vb_limits_default(&deflim);
    lim = &deflim;
  }
  /* O_NONBLOCK: opening a FIFO or a device must not wait for a writer;
  ** anything but a regular file is refused below. */
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return vb_error_set(err, VB_EIO, "%s", strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    close(fd);
    return vb_error_set(err, VB_EIO, "%s", strerror(e));
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return vb_error_set(err, VB_EIO, "not a regular file");
  }
  if ((uint64_t)st.st_size > lim->max_file_bytes) {
    close(fd);
    return vb_error_set(err, VB_ELIMIT, "file larger than %zu MiB",
                        lim->max_file_bytes >> 20);
  }
  size_t size = (size_t)st.st_size;
  unsigned char *data = vb_malloc(size + 1);
  if (!data) {
    close(fd);
    return vb_error_set(err, VB_ENOMEM, "out of memory");
  }
  size_t got = 0;
  while (got < size) {
    ssize_t r = read(fd, data + got, size - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      int e = errno;
      close(fd);
      vb_free(data);
      return vb_error_set(err, VB_EIO, "read failed: %s", strerror(e));
    }
    if (r == 0) break; /* file shrank while we read: take what is there */
    got += (size_t)r;
  }
  close(fd);
  vb_status rc = vb_read_bytes(path, data, got, lim, out, err);
  vb_free(data);
  if (rc == VB_OK) (*out)->mtime = (int64_t)st.st_mtime;
  return rc;
}
