/*
** works.c: files of one document grouped into a work (see works.h).
*/
#include <string.h>

#include "tokenizer.h"
#include "vi.h"
#include "works.h"

/* Words of a text read for its signature: enough for any plan, bounded
** for a huge file. */
#define MINHASH_MAX_WORDS 50000
/* Candidates compared per file. */
#define WORKS_MAX_CANDIDATES 64
/* Shingles a text needs to be matched by its words: a shorter text (a
** title, a form) says too little to tell a copy from a sibling. */
#define WORKS_MIN_SHINGLES 40
/* A file with the same identity and fewer shingles in common than
** VB_WORKS_SAME is a version; two files with part of an identity (a draft
** and its signed text) are versions from this share up. */
#define WORKS_VERSION 0.5
/* Files of one identity are copies from this share up: the text layers
** of one PDF read two ways (columns kept or not) share about 0.75. */
#define WORKS_COPY 0.6

#define ROWS_PER_BAND (VB_MINHASH_N / VB_MINHASH_BANDS)

/* The statements of vb_works_assign, prepared once per index handle
** (vb_index_own_stmt). */
enum { W_READ, W_BY_NUMBER, W_BY_BAND, W_INSERT, W_BAND, W_REP, W_OLD,
       W_UNSET, W_SET };

static uint64_t mix64(uint64_t x) { /* splitmix64's finaliser */
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

static uint64_t fnv64(const char *s, size_t n) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

/* A signature being built: the last three words' hashes, the shingles
** seen, and the shingles last taken by slot (hash & SEEN_MASK), so that a
** shingle met again (boilerplate repeats) skips its VB_MINHASH_N hashes:
** it cannot lower any minimum a second time. */
#define SEEN_SLOTS 1024
typedef struct mh_state {
  uint64_t w[3];
  size_t words, shingles;
  uint32_t *sig;
  uint64_t seen[SEEN_SLOTS];
} mh_state;

static void mh_init(mh_state *m, uint32_t sig[VB_MINHASH_N]) {
  memset(m, 0, sizeof *m);
  m->sig = sig;
  for (int i = 0; i < VB_MINHASH_N; i++) sig[i] = UINT32_MAX;
}

/* Add the next word (its folded form fold[0..nf)). */
static void mh_word(mh_state *m, const char *fold, size_t nf) {
  m->w[0] = m->w[1];
  m->w[1] = m->w[2];
  m->w[2] = fnv64(fold, nf);
  if (++m->words < 3) return;
  uint64_t sh = mix64(m->w[0] * 31 * 31 + m->w[1] * 31 + m->w[2]);
  m->shingles++;
  uint64_t *slot = &m->seen[sh & (SEEN_SLOTS - 1)];
  if (*slot == sh && sh != 0) return;
  *slot = sh;
  for (int i = 0; i < VB_MINHASH_N; i++) {
    uint32_t v = (uint32_t)mix64(sh ^ (0x9e3779b97f4a7c15ULL * (uint64_t)(i + 1)));
    if (v < m->sig[i]) m->sig[i] = v;
  }
}

size_t vb_minhash(const char *text, size_t n, uint32_t sig[VB_MINHASH_N]) {
  mh_state m;
  size_t pos = 0, a, b;
  mh_init(&m, sig);
  while (m.words < MINHASH_MAX_WORDS && vb_vi_next_token(text, n, &pos, &a, &b)) {
    char exact[VB_VI_TOKEN_MAX], fold[VB_VI_TOKEN_MAX];
    size_t ne, nf;
    vb_vi_token(text + a, b - a, exact, &ne, fold, &nf);
    mh_word(&m, fold, nf);
  }
  return m.shingles;
}

size_t vb_minhash_pretok(const vb_pretok *p, size_t i,
                         uint32_t sig[VB_MINHASH_N]) {
  mh_state m;
  size_t pos = 0, ntok = 0, nnext;
  const char *tok = NULL, *next;
  int flags, have = 0;
  mh_init(&m, sig);
  /* a word is a token of flags 0; its folded form, when it differs, is the
     colocated token after it */
  while (m.words < MINHASH_MAX_WORDS &&
         vb_pretok_next(p, i, &pos, &flags, &next, &nnext)) {
    if (flags & FTS5_TOKEN_COLOCATED) {
      if (have) mh_word(&m, next, nnext);
      have = 0;
      continue;
    }
    if (have) mh_word(&m, tok, ntok);
    tok = next;
    ntok = nnext;
    have = 1;
  }
  if (have && m.words < MINHASH_MAX_WORDS) mh_word(&m, tok, ntok);
  return m.shingles;
}

double vb_minhash_similarity(const uint32_t a[VB_MINHASH_N],
                             const uint32_t b[VB_MINHASH_N]) {
  int same = 0;
  for (int i = 0; i < VB_MINHASH_N; i++) same += a[i] == b[i];
  return (double)same / VB_MINHASH_N;
}

/* The bucket of band k of a signature. */
static int64_t band_key(const uint32_t *sig, int k) {
  uint64_t h = (uint64_t)k + 1;
  for (int r = 0; r < ROWS_PER_BAND; r++)
    h = mix64(h ^ sig[k * ROWS_PER_BAND + r]);
  return (int64_t)(h >> 1);
}

/* Preference to stand for a work: signed, then format, then recency (the
** caller breaks ties by id). */
static int preference(const char *format, json_t *rec) {
  static const char *const formats[] = {"txt", "md",  "rtf", "html",
                                        "doc", "pdf", "odt", "docx"};
  int p = 0;
  for (int i = 0; i < 8; i++)
    if (format && strcmp(format, formats[i]) == 0) p = i;
  if (json_is_string(json_object_get(rec, "number"))) p += 100;
  if (json_is_string(json_object_get(rec, "date"))) p += 10;
  return p;
}

/* The identity of a file, as stored in documents. */
typedef struct ident {
  char *f[5]; /* issuer, number, symbol, date, province (NULL: not given) */
} ident;

static void ident_free(ident *d) {
  for (int i = 0; i < 5; i++) vb_free(d->f[i]);
}

/* Compare the identities: -1 when a part given in both differs, 1 when
** issuer, number and symbol are given in both and equal (and the date too
** when both give it), else 0. */
static int ident_cmp(const ident *a, const ident *b) {
  int full = 1;
  for (int i = 0; i < 5; i++) {
    if (!a->f[i] || !b->f[i]) {
      if (i < 3) full = 0;
      continue;
    }
    /* a date with a blank day ("2021-10", a draft) agrees with its month */
    size_t la = strlen(a->f[i]), lb = strlen(b->f[i]);
    if (i == 3 && la != lb &&
        strncmp(a->f[i], b->f[i], la < lb ? la : lb) == 0)
      continue;
    if (strcmp(a->f[i], b->f[i]) != 0) return -1;
  }
  return full;
}

/* Do the files give the same parts of the identity (number, full date)? */
static int same_parts(const ident *a, const ident *b) {
  return !a->f[1] == !b->f[1] && !a->f[3] == !b->f[3] &&
         (!a->f[3] || strlen(a->f[3]) == strlen(b->f[3]));
}

static vb_status db_fail(sqlite3 *db, vb_error *err) {
  (void)db;
  return vb_error_set(err, VB_EDB, "cannot group the files of a document");
}

/* The statement read_doc() runs. */
static const char g_read_sql[] =
    "SELECT d.issuer, d.number, d.symbol, d.date, d.province, w.minhash, "
    "w.work_id FROM documents d LEFT JOIN works w ON w.doc_id = d.id "
    "WHERE d.id = ?1";

/* Read the identity and signature of document id with s (g_read_sql). */
static vb_status read_doc(sqlite3 *db, sqlite3_stmt *s, int64_t id, ident *d,
                          uint32_t *sig, int *has_sig, int64_t *work,
                          vb_error *err) {
  memset(d, 0, sizeof *d);
  *has_sig = 0;
  *work = 0;
  sqlite3_bind_int64(s, 1, id);
  vb_status rc = VB_OK;
  int r = sqlite3_step(s);
  if (r == SQLITE_ROW) {
    for (int i = 0; i < 5 && rc == VB_OK; i++) {
      const char *v = (const char *)sqlite3_column_text(s, i);
      if (v && !(d->f[i] = vb_strdup(v)))
        rc = vb_error_set(err, VB_ENOMEM, "out of memory");
    }
    if (sig && sqlite3_column_bytes(s, 5) == (int)(VB_MINHASH_N * 4)) {
      memcpy(sig, sqlite3_column_blob(s, 5), VB_MINHASH_N * 4);
      *has_sig = 1;
    }
    *work = sqlite3_column_int64(s, 6);
  } else if (r != SQLITE_DONE) {
    rc = db_fail(db, err);
  }
  sqlite3_reset(s);
  if (rc != VB_OK) ident_free(d);
  return rc;
}

/* Candidate files: the same number and symbol, or a shared bucket. */
static vb_status candidates(vb_index *idx, sqlite3 *db, int64_t id,
                            const ident *me,
                            const int64_t *bands, int has_sig, int64_t *out,
                            size_t *n, vb_error *err) {
  sqlite3_stmt *s = NULL;
  *n = 0;
  if (me->f[1] && me->f[2]) {
    if (!(s = vb_index_own_stmt(idx, W_BY_NUMBER,
                                "SELECT id FROM documents WHERE number = ?1 "
                                "AND symbol = ?2 AND id <> ?3 LIMIT 64")))
      return db_fail(db, err);
    sqlite3_bind_text(s, 1, me->f[1], -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, me->f[2], -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, id);
    while (*n < WORKS_MAX_CANDIDATES && sqlite3_step(s) == SQLITE_ROW)
      out[(*n)++] = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
  }
  if (!has_sig) return VB_OK;
  if (!(s = vb_index_own_stmt(idx, W_BY_BAND,
                              "SELECT doc_id FROM work_bands WHERE band = ?1 "
                              "AND doc_id <> ?2 LIMIT 16")))
    return db_fail(db, err);
  for (int k = 0; k < VB_MINHASH_BANDS; k++) {
    sqlite3_bind_int64(s, 1, bands[k]);
    sqlite3_bind_int64(s, 2, id);
    while (*n < WORKS_MAX_CANDIDATES && sqlite3_step(s) == SQLITE_ROW) {
      int64_t c = sqlite3_column_int64(s, 0);
      size_t j = 0;
      while (j < *n && out[j] != c) j++;
      if (j == *n) out[(*n)++] = c;
    }
    sqlite3_reset(s);
  }
  return VB_OK;
}

/* Run one statement with up to three integer/text parameters. */
static vb_status run(vb_index *idx, int slot, const char *sql, int64_t a,
                     int64_t b, vb_error *err) {
  sqlite3 *db = vb_index_db(idx);
  sqlite3_stmt *s = vb_index_own_stmt(idx, slot, sql);
  if (!s) return db_fail(db, err);
  sqlite3_bind_int64(s, 1, a);
  sqlite3_bind_int64(s, 2, b);
  int r = sqlite3_step(s);
  sqlite3_reset(s);
  return r == SQLITE_DONE ? VB_OK : db_fail(db, err);
}

vb_status vb_works_assign(vb_index *idx, int64_t doc_id, const vb_doc *doc,
                          json_t *rec, const uint32_t sig[VB_MINHASH_N],
                          size_t shingles, vb_error *err) {
  sqlite3 *db = vb_index_db(idx);
  int64_t bands[VB_MINHASH_BANDS];
  int has_sig = shingles >= WORKS_MIN_SHINGLES;
  for (int k = 0; k < VB_MINHASH_BANDS; k++) bands[k] = band_key(sig, k);
  ident me;
  int64_t work = 0, cand[WORKS_MAX_CANDIDATES];
  int dummy;
  size_t nc = 0;
  sqlite3_stmt *rd = vb_index_own_stmt(idx, W_READ, g_read_sql);
  if (!rd) return db_fail(db, err);
  vb_status rc = read_doc(db, rd, doc_id, &me, NULL, &dummy, &work, err);
  if (rc != VB_OK) return rc;
  rc = candidates(idx, db, doc_id, &me, bands, has_sig, cand, &nc, err);
  /* the best match: identity first, then the share of shingles */
  int64_t best_work = 0;
  double best_sim = -1;
  int best_full = 0;
  const char *kind = "first", *by = NULL;
  for (size_t i = 0; i < nc && rc == VB_OK; i++) {
    ident o;
    uint32_t osig[VB_MINHASH_N];
    int ohas;
    int64_t owork;
    rc = read_doc(db, rd, cand[i], &o, osig, &ohas, &owork, err);
    if (rc != VB_OK) break;
    int c = ident_cmp(&me, &o);
    double sim = has_sig && ohas ? vb_minhash_similarity(sig, osig) : 0;
    const char *k = NULL, *b = NULL;
    if (owork && c == 1) {
      k = sim >= WORKS_COPY ? "copy" : "version";
      b = "identity";
    } else if (owork && c == 0 && sim >= VB_WORKS_SAME) {
      k = same_parts(&me, &o) ? "copy" : "version";
      b = "text";
    } else if (owork && c == 0 && sim >= WORKS_VERSION && me.f[0] &&
               o.f[0] && me.f[2] && o.f[2] && !same_parts(&me, &o)) {
      k = "version"; /* a draft without number or date, and its signed text */
      b = "identity";
    }
    if (k && (c > best_full || (c == best_full && sim > best_sim))) {
      best_work = owork;
      best_sim = sim;
      best_full = c;
      kind = k;
      by = b;
    }
    ident_free(&o);
  }
  ident_free(&me);
  if (rc != VB_OK) return rc;
  if (!best_work) best_work = doc_id;
  /* a plain INSERT (the id is new): OR REPLACE would open a statement
  ** journal, which makes FTS5 flush its pending terms every document */
  sqlite3_stmt *s = vb_index_own_stmt(
      idx, W_INSERT,
      "INSERT INTO works(doc_id, work_id, kind, matched_by, similarity, "
      "pref, rep, minhash) VALUES(?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)");
  if (!s) return db_fail(db, err);
  sqlite3_bind_int64(s, 1, doc_id);
  sqlite3_bind_int64(s, 2, best_work);
  sqlite3_bind_text(s, 3, kind, -1, SQLITE_STATIC);
  if (by) sqlite3_bind_text(s, 4, by, -1, SQLITE_STATIC);
  if (best_sim >= 0) sqlite3_bind_double(s, 5, best_sim);
  sqlite3_bind_int(s, 6, preference(doc->format, rec));
  if (has_sig)
    sqlite3_bind_blob(s, 7, sig, VB_MINHASH_N * sizeof *sig, SQLITE_TRANSIENT);
  int r = sqlite3_step(s);
  sqlite3_reset(s);
  if (r != SQLITE_DONE) return db_fail(db, err);
  if (has_sig) {
    if (!(s = vb_index_own_stmt(idx, W_BAND,
                                "INSERT OR IGNORE INTO work_bands(band, "
                                "doc_id) VALUES(?1, ?2)")))
      return db_fail(db, err);
    for (int k = 0; k < VB_MINHASH_BANDS && r == SQLITE_DONE; k++) {
      sqlite3_bind_int64(s, 1, bands[k]);
      sqlite3_bind_int64(s, 2, doc_id);
      r = sqlite3_step(s);
      sqlite3_reset(s);
    }
    if (r != SQLITE_DONE) return db_fail(db, err);
  }
  /* the file that stands for the work: the preferred one, ties broken by
  ** the path (not by the order two workers finished in), so that the same
  ** files always give the same answers.  Rows are updated one by one by
  ** id: an UPDATE of several rows would open a statement journal, which
  ** makes FTS5 flush its pending terms every document. */
  int64_t rep = 0, old[WORKS_MAX_CANDIDATES];
  size_t nold = 0;
  if (!(s = vb_index_own_stmt(
            idx, W_REP,
            "SELECT w.doc_id FROM works w JOIN documents d ON d.id = "
            "w.doc_id WHERE w.work_id = ?1 ORDER BY w.pref DESC, d.source "
            "DESC LIMIT 1")))
    return db_fail(db, err);
  sqlite3_bind_int64(s, 1, best_work);
  if ((r = sqlite3_step(s)) == SQLITE_ROW) rep = sqlite3_column_int64(s, 0);
  sqlite3_reset(s);
  if (r != SQLITE_ROW) return db_fail(db, err);
  if (!(s = vb_index_own_stmt(idx, W_OLD,
                              "SELECT doc_id FROM works WHERE work_id = ?1 "
                              "AND rep = 1")))
    return db_fail(db, err);
  sqlite3_bind_int64(s, 1, best_work);
  while ((r = sqlite3_step(s)) == SQLITE_ROW && nold < WORKS_MAX_CANDIDATES)
    old[nold++] = sqlite3_column_int64(s, 0);
  sqlite3_reset(s);
  if (r != SQLITE_DONE && r != SQLITE_ROW) return db_fail(db, err);
  vb_status rc2 = VB_OK;
  for (size_t i = 0; i < nold && rc2 == VB_OK; i++)
    if (old[i] != rep)
      rc2 = run(idx, W_UNSET,
                "UPDATE works SET rep = 0 WHERE doc_id = ?1 AND ?2 = ?2",
                old[i], 0, err);
  if (rc2 == VB_OK)
    rc2 = run(idx, W_SET,
              "UPDATE works SET rep = 1 WHERE doc_id = ?1 AND ?2 = ?2", rep,
              0, err);
  return rc2;
}
