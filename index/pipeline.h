/*
** pipeline.h: the ingest job — walk paths, read and extract files on worker
** threads, and store them through one writer in batched transactions.
**
** Files named on the command line are always read; inside directories
** (walked recursively, symlink loops detected) only files with an extension
** some reader claims are taken.  Each file ends in one of the outcomes of
** vb_outcome, reported through on_file as soon as it is known.  An
** unchanged file (same path, same SHA-256) is not read again.  With prune,
** stored documents under a walked directory that the walk no longer found
** are removed.  Committed batches survive an interruption (stop flag set,
** or the process killed); a batch in progress is rolled back as a whole.
**
** Ownership: the caller keeps everything it passes; strings given to the
** callbacks are valid only during the call.
*/
#ifndef VB_PIPELINE_H
#define VB_PIPELINE_H

#include <signal.h>

#include "index.h"

typedef enum vb_outcome {
  VB_ADDED,      /* a new document was stored */
  VB_UPDATED,    /* a changed document replaced its old version */
  VB_UNCHANGED,  /* same content as stored: skipped */
  VB_FAILED,     /* could not be read or stored (see the error) */
  VB_REMOVED     /* pruned: gone from its directory */
} vb_outcome;

typedef struct vb_ingest_stats {
  int64_t added, updated, unchanged, failed, removed;
  int64_t bytes;  /* bytes of files read */
  int bulk;       /* 1: the run was a bulk load (see vb_index_bulk_begin) */
} vb_ingest_stats;

typedef struct vb_ingest_opts {
  int workers;               /* reader/extractor threads (>= 1) */
  int batch_docs;            /* documents per transaction */
  size_t batch_bytes;        /* or this many bytes of text, whichever first */
  int prune;                 /* remove vanished files under walked dirs */
  vb_limits limits;          /* per-file limits */
  volatile sig_atomic_t *stop; /* set to non-zero to stop after the batch */
  /* Called once per file (and per pruned source); err is set for FAILED.
  ** For a PDF or image read, err (code VB_OK) says how: "pdf, 3 pages, 2
  ** by OCR (confidence 87.5)"; NULL for other files. */
  void (*on_file)(void *ctx, const char *source, vb_outcome outcome,
                  const vb_error *err);
  /* Optional: called for each document read and stored, before on_file,
  ** with the reader's format ("doc", "html", ...) and the legacy encodings
  ** converted ("" when none; see vb_doc.encoding). */
  void (*on_read)(void *ctx, const char *source, const char *format,
                  const char *encoding);
  /* Called after each file with the running totals and the total number of
  ** candidate files found by the walk. */
  void (*on_progress)(void *ctx, const vb_ingest_stats *st, int64_t total);
  void *ctx;
} vb_ingest_opts;

/* Defaults: 2 workers, 200 documents or 32 MiB per batch, default limits. */
void vb_ingest_opts_default(vb_ingest_opts *o);

/* Ingest paths into idx.  Returns VB_OK when the job ran to its end (even
** if some files failed: see stats->failed), VB_EINTERRUPTED when stopped,
** or the error that made the index unusable (disk full, lock held...). */
vb_status vb_ingest(vb_index *idx, const char *db_path,
                    const char *const *paths, int npaths,
                    const vb_ingest_opts *opts, vb_ingest_stats *stats,
                    vb_error *err) VB_MUST_CHECK;

#endif /* VB_PIPELINE_H */
