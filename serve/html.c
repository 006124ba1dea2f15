/*
** html.c: writing pages — the one escaping rule (sv_printf), links that
** keep the current filters, the page frame with its navigation and
** language switch, and error pages.
*/
#include <stdarg.h>
#include <string.h>

#include "internal.h"
#include "mhd.h"

static void put(sv_req *r, const char *s, size_t n) {
  if (!r->failed && vb_buf_append(&r->out, s, n) != VB_OK) r->failed = 1;
}

void sv_raw(sv_req *r, const char *s) { put(r, s, strlen(s)); }

/* s escaped for HTML text and attribute values; with marks, the highlight
** markers become <mark> elements. */
static void put_escaped(sv_req *r, const char *s, int marks) {
  const char *run = s;
  for (; *s; s++) {
    const char *rep = NULL;
    switch (*s) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '"': rep = "&quot;"; break;
      case '\'': rep = "&#39;"; break;
      case '\x01': rep = marks ? "<mark>" : ""; break;
      case '\x02': rep = marks ? "</mark>" : ""; break;
      default: continue;
    }
    put(r, run, (size_t)(s - run));
    sv_raw(r, rep);
    run = s + 1;
  }
  put(r, run, (size_t)(s - run));
}

/* s percent-encoded: only unreserved characters are kept. */
static void put_urlenc(sv_req *r, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
        (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' ||
        *p == '~') {
      put(r, (const char *)p, 1);
    } else {
      char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
      put(r, e, 3);
    }
  }
}

void sv_printf(sv_req *r, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const char *run = fmt;
  for (const char *f = fmt; *f; f++) {
    if (*f != '%') continue;
    put(r, run, (size_t)(f - run));
    char num[32];
    const char *s;
    switch (*++f) {
      case 's':
        if ((s = va_arg(ap, const char *))) put_escaped(r, s, 0);
        break;
      case 'm':
        if ((s = va_arg(ap, const char *))) put_escaped(r, s, 1);
        break;
      case 'u':
        if ((s = va_arg(ap, const char *))) put_urlenc(r, s);
        break;
      case 'r':
        if ((s = va_arg(ap, const char *))) sv_raw(r, s);
        break;
      case 'd':
        snprintf(num, sizeof num, "%d", va_arg(ap, int));
        sv_raw(r, num);
        break;
      case 'D':
        snprintf(num, sizeof num, "%lld", (long long)va_arg(ap, int64_t));
        sv_raw(r, num);
        break;
      case '%': sv_raw(r, "%"); break;
      default: f--; sv_raw(r, "%"); break;  /* a lone % is literal */
    }
    run = f + 1;
  }
  put(r, run, strlen(run));
  va_end(ap);
}

/* jansson's writer: straight into the body. */
static int json_put(const char *s, size_t n, void *ctx) {
  sv_req *r = ctx;
  put(r, s, n);
  return r->failed ? -1 : 0;
}

void sv_json_body(sv_req *r, json_t *v) {
  r->ctype = "application/json; charset=utf-8";
  if (!v || json_dump_callback(v, json_put, r, JSON_INDENT(2)) != 0) r->failed = 1;
  json_decref(v);
  sv_raw(r, "\n");
}

void sv_link(sv_req *r, const char *path, const char *const *keep,
             const char *key, const char *value) {
  sv_raw(r, path);
  int first = 1;
  for (const char *const *k = keep; k && *k; k++) {
    const char *v = strcmp(*k, key ? key : "") == 0 ? value : sv_arg(r, *k);
    if (!v || (strcmp(*k, "page") == 0 && key && strcmp(key, "page") != 0)) continue;
    sv_printf(r, "%r%r=%u", first ? "?" : "&amp;", *k, v);
    first = 0;
  }
  if (key && value) {
    int listed = 0;
    for (const char *const *k = keep; k && *k; k++) listed |= strcmp(*k, key) == 0;
    if (!listed) {
      sv_printf(r, "%r%r=%u", first ? "?" : "&amp;", key, value);
      first = 0;
    }
  }
  if (r->en && (!key || strcmp(key, "lang") != 0))
    sv_printf(r, "%rlang=en", first ? "?" : "&amp;");
}

void sv_export_links(sv_req *r, const char *drop) {
  sv_printf(r, "<div class=\"export\">%s: <a href=\"", TR(r, "Tải về", "Download"));
  sv_self(r, "format", "csv");
  sv_raw(r, "\">CSV</a> <a href=\"");
  sv_self(r, "format", "jsonl");
  sv_raw(r, "\">JSONL</a> <a href=\"/api");
  sv_self(r, drop, NULL);
  sv_raw(r, "\">JSON API</a></div>");
}

/* The navigation: key, path, Vietnamese and English label. */
static const struct {
  const char *key, *path, *vi, *en;
} g_nav[] = {
    {"search", "/search", "Tìm kiếm", "Search"},
    {"ask", "/ask", "Hỏi đáp", "Ask"},
    {"reports", "/reports", "Báo cáo", "Reports"},
    {"deadlines", "/deadlines", "Thời hạn", "Deadlines"},
    {"map", "/map", "Bản đồ", "Map"},
};

void sv_page_begin(sv_req *r, const char *title, const char *active) {
  sv_printf(r,
            "<!DOCTYPE html>\n<html lang=\"%r\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>%s · vanban</title>"
            "<link rel=\"stylesheet\" href=\"/static/style.css\">"
            "<script src=\"/static/app.js\" defer></script></head>\n"
            "<body><header class=\"top\"><a class=\"brand\" href=\"",
            r->en ? "en" : "vi", title);
  sv_link(r, "/", NULL, NULL, NULL);
  sv_raw(r, "\">vanban</a><nav>");
  for (size_t i = 0; i < sizeof g_nav / sizeof *g_nav; i++) {
    sv_printf(r, "<a%r href=\"", strcmp(active, g_nav[i].key) == 0 ? " class=\"on\"" : "");
    static const char *const keep_q[] = {"q", NULL};
    /* the query travels between search and map */
    sv_link(r, g_nav[i].path,
            strcmp(g_nav[i].key, "search") == 0 || strcmp(g_nav[i].key, "map") == 0
                ? keep_q : NULL,
            NULL, NULL);
    sv_printf(r, "\">%s</a>", TR(r, g_nav[i].vi, g_nav[i].en));
  }
  sv_raw(r, "</nav><span class=\"lang\"><a href=\"");
  /* The language switch: the same page in the other language. */
  sv_self(r, "lang", r->en ? NULL : "en");
  sv_printf(r, "\" title=\"%s\">%s</a></span></header>\n<main>",
            TR(r, "English", "Tiếng Việt"), TR(r, "EN", "VI"));
}

typedef struct self_ctx {
  sv_req *r;
  const char *key;
  int first;
} self_ctx;

static enum MHD_Result self_arg(void *ctx, enum MHD_ValueKind kind,
                                const char *key, const char *value) {
  (void)kind;
  self_ctx *c = ctx;
  if (!value || !*value || strcmp(key, c->key) == 0 || strcmp(key, "lang") == 0 ||
      strcmp(key, "format") == 0 || (strcmp(key, "page") == 0 && strcmp(c->key, "page") != 0))
    return MHD_YES;
  sv_printf(c->r, "%r%u=%u", c->first ? "?" : "&amp;", key, value);
  c->first = 0;
  return MHD_YES;
}

void sv_self(sv_req *r, const char *key, const char *value) {
  self_ctx c = {r, key, 1};
  sv_printf(r, "%s", r->path);  /* an unknown path comes back on its error page */
  SV_MHD.MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, self_arg, &c);
  if (value) {
    sv_printf(r, "%r%u=%u", c.first ? "?" : "&amp;", key, value);
    c.first = 0;
  }
  if (r->en && strcmp(key, "lang") != 0) sv_printf(r, "%rlang=en", c.first ? "?" : "&amp;");
}

void sv_page_end(sv_req *r) {
  sv_printf(r, "</main><footer>%s</footer></body></html>\n",
            TR(r, "vanban — dữ liệu trích xuất từ văn bản của bạn, chạy trên máy này",
               "vanban — structure extracted from your own documents, served from this machine"));
}

void sv_error(sv_req *r, int status, const char *msg) {
  vb_buf_reset(&r->out);
  r->failed = 0;
  r->status = status;
  r->disposition[0] = '\0';
  if (strcmp(r->ctype, "application/json; charset=utf-8") == 0 ||
      strcmp(r->ctype, "text/csv; charset=utf-8") == 0 ||
      strcmp(r->ctype, "application/x-ndjson; charset=utf-8") == 0) {
    r->ctype = "application/json; charset=utf-8";
    sv_json_body(r, json_pack("{s:s, s:i}", "error", msg, "status", status));
    return;
  }
  r->ctype = "text/html; charset=utf-8";
  char title[64];
  snprintf(title, sizeof title, "%s %d", TR(r, "Lỗi", "Error"), status);
  sv_page_begin(r, title, "");
  sv_printf(r, "<section class=\"error\"><h1>%s</h1><p>%s</p><p><a href=\"",
            title, msg);
  sv_link(r, "/search", NULL, NULL, NULL);
  sv_printf(r, "\">%s</a></p></section>", TR(r, "Về trang tìm kiếm", "Back to search"));
  sv_page_end(r);
}

void sv_fail(sv_req *r, vb_status rc, const vb_error *err) {
  if (*r->timed_out) {
    sv_error(r, 503, TR(r, "Truy vấn chạy quá thời gian cho phép; hãy thu hẹp truy vấn.",
                        "The query ran past its time budget; narrow it down."));
    return;
  }
  switch (rc) {
    case VB_EQUERY:
    case VB_EINVAL: sv_error(r, 400, vb_error_text(err, rc)); break;
    case VB_ENOTFOUND: sv_error(r, 404, vb_error_text(err, rc)); break;
    case VB_EBUSY: sv_error(r, 503, vb_error_text(err, rc)); break;
    default:
      sv_error(r, 500, TR(r, "Không đọc được chỉ mục.", "The index could not be read."));
  }
}

int64_t sv_doc_id(sv_req *r, const char *source) {
  sqlite3_stmt *own = NULL, **slot = r->by_source ? r->by_source : &own;
  if (!source) return 0;
  if (!*slot && sqlite3_prepare_v3(vb_index_db(r->idx), "SELECT id FROM documents WHERE source = ?1",
                                   -1, SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK)
    return 0;
  sqlite3_stmt *s = *slot;
  sqlite3_bind_text(s, 1, source, -1, SQLITE_STATIC);
  int64_t id = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  sqlite3_finalize(own);
  return id;
}

/* An ISO date parameter (YYYY-MM-DD); 0 when absent or valid, -1 after an
** error page. */
static int date_arg(sv_req *r, const char *name, const char **out) {
  const char *v = sv_arg(r, name);
  *out = v;
  if (!v) return 0;
  int y, m, d;
  char tail;
  if (strlen(v) == 10 && sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
      m >= 1 && m <= 12 && d >= 1 && d <= 31)
    return 0;
  char msg[96];
  snprintf(msg, sizeof msg, "%s: %s", name,
           TR(r, "ngày phải có dạng YYYY-MM-DD", "a date is written YYYY-MM-DD"));
  sv_error(r, 400, msg);
  return -1;
}

int sv_search_opts(sv_req *r, vb_search_opts *o) {
  memset(o, 0, sizeof *o);
  o->query = sv_arg(r, "q");
  o->province = sv_arg(r, "province");
  o->issuer = sv_arg(r, "issuer");
  o->doc_type = sv_arg(r, "type");
  o->symbol = sv_arg(r, "symbol");
  o->hl_open = SV_MARK_OPEN;
  o->hl_close = SV_MARK_CLOSE;
  long year = sv_arg_long(r, "year", 1900, 2200, 0);
  if (year < 0) return -1;
  o->year = (int)year;
  if (date_arg(r, "from", &o->from) < 0 || date_arg(r, "to", &o->to) < 0) return -1;
  const char *sort = sv_arg(r, "sort");
  if (sort && strcmp(sort, "date") == 0)
    o->sort = VB_SORT_DATE;
  else if (sort && strcmp(sort, "relevance") != 0 && strcmp(sort, "rank") != 0) {
    sv_error(r, 400, TR(r, "sort: relevance hoặc date", "sort: relevance or date"));
    return -1;
  }
  const char *fold = sv_arg(r, "fold");
  o->fold = fold && strcmp(fold, "0") != 0;
  const char *paras = sv_arg(r, "paragraphs");
  o->paragraphs = paras && strcmp(paras, "0") != 0;
  return 0;
}
