/*
** index.h: the vanban index, one SQLite file.
**
** The schema (index/schema.sql, embedded in index/schema.c and documented in
** README.md) holds one row per document with its extracted fields, the text,
** full-text tables (document and paragraph level, Vietnamese tokenizer), and
** one table per list of the extraction record (references, recipients,
** units, tasks, deadlines, reports), each row with its evidence line.
**
** Writing: a single writer at a time.  vb_index_put() replaces every row of
** a document in one go; the caller groups puts into batches with
** vb_index_begin()/vb_index_commit(), so an interrupted run keeps every
** committed batch and never leaves a half-written document.  The database is
** in WAL mode, so readers (searches) run while a writer works.
**
** Threads: one vb_index per thread.
**
** Ownership: vb_index_open() gives the caller a handle to release with
** vb_index_close() (accepts NULL; rolls back an open batch).
*/
#ifndef VB_INDEX_H
#define VB_INDEX_H

#include <jansson.h>
#include <sqlite3.h>

#include "reader.h"
#include "paragraphs.h"
#include "tokenizer.h"

typedef struct vb_index vb_index;

enum {
  VB_INDEX_READ = 0,    /* open an existing index for reading */
  VB_INDEX_WRITE = 1,   /* open for writing, creating it if missing */
};

/* Open (and if needed create or upgrade) the index at path.  *out is NULL on
** failure.  Errors: VB_EIO (cannot open/create), VB_ENOTFOUND (reading a
** missing file), VB_ECORRUPT (not a vanban index), VB_EBUSY, VB_EDB. */
vb_status vb_index_open(const char *path, int mode, vb_index **out,
                        vb_error *err) VB_MUST_CHECK;

void vb_index_close(vb_index *idx);

/* A time budget for every statement run on idx from now on: past `seconds`
** (measured on CLOCK_MONOTONIC every VB_BUDGET_OPS virtual machine
** instructions; 0 or less: no time limit), or after `steps` instructions
** (0: no step limit; a test's way to run out of time whatever the
** machine's speed), each statement stops as if interrupted
** (SQLITE_INTERRUPT, which the query module reports as VB_ETIMEOUT) and
** vb_index_expired() returns 1.  The deadline is checked between SQLite's
** instructions, so a query stops within a moment of it. */
#define VB_BUDGET_OPS 1000
void vb_index_set_budget(vb_index *idx, double seconds, long steps);
int vb_index_expired(const vb_index *idx);

/* The underlying connection, for the query module (borrowed). */
sqlite3 *vb_index_db(vb_index *idx);

/* Batches.  begin takes the write lock (VB_EBUSY if another writer holds it
** past the busy timeout). */
vb_status vb_index_begin(vb_index *idx, vb_error *err) VB_MUST_CHECK;
vb_status vb_index_commit(vb_index *idx, vb_error *err) VB_MUST_CHECK;
void vb_index_rollback(vb_index *idx);

/* A bulk load: vb_index_bulk_begin() drops the secondary indexes of the
** lists (paragraph fingerprints, reference ids, unit and receiver keys,
** deadline dates), whose every insert lands on a random page, and
** vb_index_bulk_end() builds them again, each in one sort.  Searches keep
** working meanwhile (slower for the questions that use those indexes);
** an index left missing by a crash is built again by the next
** vb_index_open(VB_INDEX_WRITE).  vb_index_bulk_end() then merges each
** full-text index into one segment (vb_index_merge).  Both run outside a batch.  Errors:
** VB_EBUSY, VB_EDB, VB_ENOMEM. */
vb_status vb_index_bulk_begin(vb_index *idx, vb_error *err) VB_MUST_CHECK;
vb_status vb_index_bulk_end(vb_index *idx, vb_error *err) VB_MUST_CHECK;

/* Merge each full-text index into one segment (faster searches; costs a
** pass over the whole full-text index).  Runs outside a batch.  Errors:
** VB_EINVAL (inside a batch), VB_EBUSY, VB_EDB, VB_ENOMEM. */
vb_status vb_index_merge(vb_index *idx, vb_error *err) VB_MUST_CHECK;

/* The stored hash of a source path: *found = 1 and sha copied, or 0. */
vb_status vb_index_lookup(vb_index *idx, const char *source, char sha[65],
                          int *found, vb_error *err) VB_MUST_CHECK;

/* The part of storing a document that needs no database: its paragraphs,
** the record as stored (stored.h), with the evidence lines it leaves
** out, which point into the record, and the tokens of its full-text
** columns (they point into doc and record, which must outlive it).  The ingest workers prepare documents so
** that the single writer only writes.  Errors: VB_ENOMEM (out is freed). */
typedef struct vb_prepared {
  vb_para_list paras;  /* vb_paragraphs_index() of doc->text */
  char *record_json; /* the record as stored, compact JSON (malloc'd by
                     ** jansson; see stored.h) */
  struct vb_evline *lines; /* the evidence lines it leaves out, by line */
  size_t nlines;
  uint32_t minhash[64]; /* vb_minhash() of doc->text (works.h) */
  size_t shingles;      /* ... and its shingle count */
  vb_pretok toks; /* tokens of title, theme, body and extra (tokenizer.h),
                  ** which the full-text inserts replay */
} vb_prepared;

/* Statements of the index layer's other files (works.c: slots 0-9,
** shared.c: from 10), prepared once per
** handle and finalized by vb_index_close: slot (below VB_INDEX_OWN_STMTS)
** always names the same sql.  Returned reset, bindings cleared; the caller
** resets it after use and never finalizes it.  NULL if it cannot be
** prepared. */
#define VB_INDEX_OWN_STMTS 24
sqlite3_stmt *vb_index_own_stmt(vb_index *idx, int slot, const char *sql);

/* Statements of the query layer kept from one use to the next (a server
** answers the same searches on one handle all day; parsing their SQL was
** about 7% of a search's CPU there): the statement of sql, whose address
** names it (a string constant), reset with its bindings cleared, or a new
** one while the kept one is in use or every slot is taken.  Give it back
** with vb_index_stmt_done() (which finalizes the ones not kept); never
** finalize it.  *rc is sqlite3_prepare_v3()'s code; NULL on failure. */
#define VB_INDEX_KEPT_STMTS 32
sqlite3_stmt *vb_index_stmt(vb_index *idx, const char *sql, int *rc);
void vb_index_stmt_done(vb_index *idx, sqlite3_stmt *s);  /* accepts NULL */

/* Statements of the query layer kept from one use to the next (kept.c): a
** server answers the same searches on one handle all day, and parsing
** their SQL was about 7% of a search's CPU there.  vb_index_stmt() gives
** the statement of the SQL text sql, reset with its bindings cleared; or a
** new one while the kept one is in use or every slot is taken.  Give it back with vb_index_stmt_done() (which
** finalizes those not kept); never finalize it.  *rc is the code of
** sqlite3_prepare_v3(); NULL on failure.  vb_index_close() finalizes the
** kept ones. */
#define VB_INDEX_KEPT_STMTS 32
typedef struct vb_kept {
  struct {
    sqlite3_stmt *s;  /* NULL: a free slot; its text names it */
    int busy;         /* handed out and not given back */
  } slot[VB_INDEX_KEPT_STMTS];
} vb_kept;
sqlite3_stmt *vb_index_stmt(vb_index *idx, const char *sql, int *rc);
void vb_index_stmt_done(vb_index *idx, sqlite3_stmt *s);  /* accepts NULL */
vb_kept *vb_index_kept(vb_index *idx);  /* the handle's (for kept.c) */
void vb_kept_free(vb_kept *k);

vb_status vb_index_prepare(const vb_doc *doc, json_t *record,
                           vb_prepared *out) VB_MUST_CHECK;
void vb_prepared_free(vb_prepared *p);

/* Store a document and its record (replacing any earlier version of the same
** source).  prep is vb_index_prepare() of the same doc and record, or NULL
** to prepare here.  Must be inside a batch.  *replaced = 1 if a version
** existed.  On failure the whole batch is rolled back (documents are not
** written one by one, so that the full-text index flushes once a batch);
** the caller begins a new batch. */
vb_status vb_index_put(vb_index *idx, const vb_doc *doc, json_t *record,
                       const vb_prepared *prep, int *replaced,
                       vb_error *err) VB_MUST_CHECK;

/* Remove what no document uses any more (task texts, quoted lines and
** headings of documents removed or replaced).  Must be inside a batch.
** Errors: VB_EBUSY, VB_EDB. */
vb_status vb_index_tidy(vb_index *idx, vb_error *err) VB_MUST_CHECK;

/* Remove a source.  *removed = 1 if it was there.  Must be inside a batch. */
vb_status vb_index_remove(vb_index *idx, const char *source, int *removed,
                          vb_error *err) VB_MUST_CHECK;

/* Call cb for every stored source whose path lies under dir (dir itself or
** dir + "/..."); used by --prune.  A non-zero cb return stops the walk. */
vb_status vb_index_each_under(vb_index *idx, const char *dir,
                              int (*cb)(void *ctx, const char *source),
                              void *ctx, vb_error *err) VB_MUST_CHECK;

/* Number of stored documents. */
vb_status vb_index_count(vb_index *idx, int64_t *n, vb_error *err)
    VB_MUST_CHECK;

#endif /* VB_INDEX_H */
