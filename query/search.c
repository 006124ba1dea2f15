/*
** search.c: ranked full-text search over the index (see query.h).
**
** Ranking is bm25 with column weights that favour the title and the theme
** over the body and the headers/footers.  Filters are bound parameters in
** a fixed statement ("?N IS NULL OR ..."), so no user text becomes SQL.
*/
#include <stdlib.h>
#include <string.h>

#include "../common/text.h"
#include "query.h"

/* bm25 weights per column of docs_fts: title, theme, body, extra. */
#define W_TITLE "10.0"
#define W_THEME "5.0"
#define W_BODY "1.0"
#define W_EXTRA "0.5"
#define SEARCH_MAX_LIMIT 10000
#define SNIPPET_TOKENS 24

struct vb_results {
  vb_hit *hits;
  size_t n;
  char **strings; /* every string the hits point at */
  size_t nstr, capstr;
};

size_t vb_results_count(const vb_results *r) { return r ? r->n : 0; }

const vb_hit *vb_results_get(const vb_results *r, size_t i) {
  return r && i < r->n ? &r->hits[i] : NULL;
}

void vb_results_free(vb_results *r) {
  if (!r) return;
  for (size_t i = 0; i < r->nstr; i++) vb_free(r->strings[i]);
  vb_free(r->strings);
  vb_free(r->hits);
  vb_free(r);
}

/* Keep a copy of column col (NULL stays NULL); *ok = 0 on failure. */
static const char *keep(vb_results *r, sqlite3_stmt *s, int col, int *ok) {
  const char *v = (const char *)sqlite3_column_text(s, col);
  if (!v) return NULL;
  if (r->nstr == r->capstr) {
    size_t ncap = r->capstr ? r->capstr * 2 : 64;
    char **ns = vb_realloc(r->strings, ncap * sizeof *ns);
    if (!ns) {
      *ok = 0;
      return NULL;
    }
    r->strings = ns;
    r->capstr = ncap;
  }
  char *c = vb_strdup(v);
  if (!c) {
    *ok = 0;
    return NULL;
  }
  r->strings[r->nstr++] = c;
  return c;
}

/* Join neighbouring highlights in place: "«bình» «đẳng»" -> "«bình đẳng»"
** (FTS5 marks each token on its own). */
static void merge_highlights(char *s, const char *open, const char *close) {
  size_t lo = strlen(open), lc = strlen(close);
  char *w = s, *r = s;
  while (*r) {
    if (strncmp(r, close, lc) == 0) {
      const char *p = r + lc;
      while (*p == ' ') p++;
      if (p > r + lc && strncmp(p, open, lo) == 0) {
        size_t gap = (size_t)(p - (r + lc));
        memmove(w, r + lc, gap);
        w += gap;
        r = (char *)p + lo;
        continue;
      }
    }
    *w++ = *r++;
  }
  *w = '\0';
}

/* The first non-blank line of a text head, trimmed (cut in place). */
static char *first_line(char *head) {
  char *p = head;
  for (;;) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '|' || *p == '#' ||
           *p == '*')
      p++;
    char *e = strchr(p, '\n');
    if (e) *e = '\0';
    char *end = p + strlen(p);
    while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '*' ||
                       end[-1] == '|'))
      *--end = '\0';
    if (*p || !e) return p;
    p = e + 1;
  }
}

static const char g_search_sql[] =
    "SELECT d.id, d.source, d.title, "
    "  snippet(docs_fts, -1, ?10, ?11, '…', " "24" "), "
    "  bm25(docs_fts, " W_TITLE ", " W_THEME ", " W_BODY ", " W_EXTRA "), "
    "  d.doc_type, d.number, d.symbol, d.date, d.issuer, d.province, d.year, "
    "  (SELECT substr(body, 1, 600) FROM texts WHERE doc_id = d.id) "
    "FROM docs_fts JOIN documents d ON d.id = docs_fts.rowid "
    "WHERE docs_fts MATCH ?1 "
    "  AND (?2 IS NULL OR d.province = ?2 OR d.province_2025 = ?2) "
    "  AND (?3 IS NULL OR d.year = ?3) "
    "  AND (?4 IS NULL OR d.date >= ?4) "
    "  AND (?5 IS NULL OR d.date <= ?5) "
    "  AND (?6 IS NULL OR instr(lower(d.issuer), lower(?6)) > 0) "
    "  AND (?7 IS NULL OR lower(d.doc_type) = lower(?7)) "
    "  AND (?8 IS NULL OR d.symbol = ?8) "
    "ORDER BY CASE WHEN ?12 THEN d.date END DESC, 5 "
    "LIMIT ?9";

vb_status vb_search(vb_index *idx, const vb_search_opts *o, vb_results **out,
                    vb_error *err) {
  *out = NULL;
  char *fts = NULL;
  VB_TRY(vb_query_compile(o->query, o->fold, &fts, err));
  sqlite3 *db = vb_index_db(idx);
  sqlite3_stmt *s = NULL;
  int r = sqlite3_prepare_v2(db, g_search_sql, -1, &s, NULL);
  if (r != SQLITE_OK) {
    vb_free(fts);
    return vb_error_set(err, VB_EDB, "cannot search: %s", sqlite3_errstr(r));
  }
  int limit = o->limit > 0 ? o->limit : 10;
  if (limit > SEARCH_MAX_LIMIT) limit = SEARCH_MAX_LIMIT;
  sqlite3_bind_text(s, 1, fts, -1, SQLITE_STATIC);
  if (o->province) sqlite3_bind_text(s, 2, o->province, -1, SQLITE_STATIC);
  if (o->year) sqlite3_bind_int(s, 3, o->year);
  if (o->from) sqlite3_bind_text(s, 4, o->from, -1, SQLITE_STATIC);
  if (o->to) sqlite3_bind_text(s, 5, o->to, -1, SQLITE_STATIC);
  if (o->issuer) sqlite3_bind_text(s, 6, o->issuer, -1, SQLITE_STATIC);
  if (o->doc_type) sqlite3_bind_text(s, 7, o->doc_type, -1, SQLITE_STATIC);
  if (o->symbol) sqlite3_bind_text(s, 8, o->symbol, -1, SQLITE_STATIC);
  sqlite3_bind_int(s, 9, limit);
  sqlite3_bind_text(s, 10, o->hl_open ? o->hl_open : "[", -1, SQLITE_STATIC);
  sqlite3_bind_text(s, 11, o->hl_close ? o->hl_close : "]", -1,
                    SQLITE_STATIC);
  sqlite3_bind_int(s, 12, o->sort == VB_SORT_DATE);

  vb_results *res = vb_calloc(1, sizeof *res);
  size_t cap = 0;
  vb_status rc = res ? VB_OK : vb_error_set(err, VB_ENOMEM, "out of memory");
  while (rc == VB_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
    if (res->n == cap) {
      size_t ncap = cap ? cap * 2 : 16;
      vb_hit *nh = vb_realloc(res->hits, ncap * sizeof *nh);
      if (!nh) {
        rc = vb_error_set(err, VB_ENOMEM, "out of memory");
        break;
      }
      res->hits = nh;
      cap = ncap;
    }
    int ok = 1;
    vb_hit *h = &res->hits[res->n];
    memset(h, 0, sizeof *h);
    h->doc_id = sqlite3_column_int64(s, 0);
    h->source = keep(res, s, 1, &ok);
    h->title = keep(res, s, 2, &ok);
    h->snippet = keep(res, s, 3, &ok);
    if (h->snippet)
      merge_highlights((char *)h->snippet, o->hl_open ? o->hl_open : "[",
                       o->hl_close ? o->hl_close : "]");
    h->score = sqlite3_column_double(s, 4);
    h->doc_type = keep(res, s, 5, &ok);
    h->number = keep(res, s, 6, &ok);
    h->symbol = keep(res, s, 7, &ok);
    h->date = keep(res, s, 8, &ok);
    h->issuer = keep(res, s, 9, &ok);
    h->province = keep(res, s, 10, &ok);
    h->year = sqlite3_column_int(s, 11);
    if (!h->title && ok) {
      char *head = (char *)keep(res, s, 12, &ok);
      if (head) h->title = first_line(head);
    }
    if (!ok) {
      rc = vb_error_set(err, VB_ENOMEM, "out of memory");
      break;
    }
    res->n++;
  }
  if (rc == VB_OK && r != SQLITE_DONE) {
    int prim = r & 0xff;
    if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
      rc = vb_error_set(err, VB_EBUSY, "the index is busy; try again");
    else if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB)
      rc = vb_error_set(err, VB_ECORRUPT, "the index file is damaged");
    else
      rc = vb_error_set(err, VB_EQUERY, "the query could not be run");
  }
  sqlite3_finalize(s);
  vb_free(fts);
  if (rc != VB_OK) {
    vb_results_free(res);
    return rc;
  }
  *out = res;
  return VB_OK;
}
