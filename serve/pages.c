/*
** pages.c: the search page (with facets, paging and paragraph results),
** the document page (the text line-numbered beside the extracted record,
** every value linked to its evidence line), the download of an original
** file, and the "similar wording" page.
*/
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text.h"
#include "internal.h"

/* ---- Search ---- */

/* Facet name in vb_facets() -> request parameter and labels. */
static const struct {
  const char *facet, *param, *vi, *en;
} g_facets[] = {
    {"province", "province", "Tỉnh, thành", "Province"},
    {"year", "year", "Năm", "Year"},
    {"issuer", "issuer", "Cơ quan ban hành", "Issuer"},
    {"doc_type", "type", "Loại văn bản", "Type"},
};

/* The search form; the filters chosen by facets travel as hidden fields. */
static void search_form(sv_req *r, const vb_search_opts *o) {
  sv_printf(r,
            "<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">"
            "<div class=\"qrow\"><input type=\"search\" name=\"q\" id=\"q\" value=\"%s\" "
            "maxlength=\"1024\" placeholder=\"%s\" aria-label=\"%s\" autofocus>"
            "<button type=\"submit\">%s</button></div><div class=\"opts\">",
            o->query, TR(r, "ví dụ: bình đẳng giới, \"Sở Lao động\" -\"Sơn La\"",
                         "e.g. binh dang gioi, \"Sở Lao động\" -\"Sơn La\""),
            TR(r, "Truy vấn", "Query"), TR(r, "Tìm", "Search"));
  sv_printf(r,
            "<label>%s <select name=\"sort\"><option value=\"relevance\">%s</option>"
            "<option value=\"date\"%r>%s</option></select></label>",
            TR(r, "Sắp xếp", "Sort"), TR(r, "liên quan", "relevance"),
            o->sort == VB_SORT_DATE ? " selected" : "", TR(r, "ngày, mới nhất", "date, newest"));
  sv_printf(r,
            "<label>%s <input type=\"date\" name=\"from\" value=\"%s\"></label>"
            "<label>%s <input type=\"date\" name=\"to\" value=\"%s\"></label>",
            TR(r, "Từ ngày", "From"), o->from, TR(r, "đến", "to"), o->to);
  sv_printf(r,
            "<label><input type=\"checkbox\" name=\"paragraphs\" value=\"1\"%r> %s</label>",
            o->paragraphs ? " checked" : "",
            TR(r, "Theo đoạn văn (câu chữ tương tự)", "Paragraphs (precedent wording)"));
  static const char *const hidden[] = {"province", "year", "issuer", "type", "symbol", NULL};
  for (const char *const *h = hidden; *h; h++)
    if (sv_arg(r, *h))
      sv_printf(r, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", *h, sv_arg(r, *h));
  if (r->en) sv_raw(r, "<input type=\"hidden\" name=\"lang\" value=\"en\">");
  sv_raw(r, "</div></form>\n");
}

/* A facet value as text (years are integers; missing values are null). */
static const char *facet_value(json_t *v, char *num, size_t n) {
  if (json_is_integer(v)) {
    snprintf(num, n, "%lld", (long long)json_integer_value(v));
    return num;
  }
  return json_string_value(v);
}

static void facets_aside(sv_req *r, json_t *facets) {
  sv_raw(r, "<aside class=\"facets\">");
  /* Chosen filters first, each with a link that removes it. */
  int any = 0;
  for (size_t k = 0; k < sizeof g_facets / sizeof *g_facets; k++) {
    const char *v = sv_arg(r, g_facets[k].param);
    if (!v) continue;
    if (!any) sv_printf(r, "<div class=\"chosen\"><h3>%s</h3>", TR(r, "Đang lọc", "Filters"));
    any = 1;
    sv_printf(r, "<a class=\"chip\" href=\"");
    sv_self(r, g_facets[k].param, NULL);
    sv_printf(r, "\" title=\"%s\">%s: %s ×</a>", TR(r, "Bỏ bộ lọc", "Remove filter"),
              TR(r, g_facets[k].vi, g_facets[k].en), v);
  }
  if (any) sv_raw(r, "</div>");
  for (size_t k = 0; k < sizeof g_facets / sizeof *g_facets; k++) {
    json_t *list = json_object_get(facets, g_facets[k].facet), *item;
    size_t i;
    if (!json_array_size(list)) continue;
    sv_printf(r, "<section class=\"facet\"><h3>%s</h3><ul>",
              TR(r, g_facets[k].vi, g_facets[k].en));
    json_array_foreach(list, i, item) {
      char num[32];
      const char *v = facet_value(json_object_get(item, "value"), num, sizeof num);
      if (!v) continue;
      const char *cur = sv_arg(r, g_facets[k].param);
      sv_printf(r, "<li%r><a href=\"", cur && strcmp(cur, v) == 0 ? " class=\"on\"" : "");
      sv_self(r, g_facets[k].param, v);
      sv_printf(r, "\">%s</a> <span class=\"n\">%D</span></li>", v,
                (int64_t)json_integer_value(json_object_get(item, "count")));
    }
    sv_raw(r, "</ul></section>");
  }
  sv_raw(r, "</aside>");
}

/* "Kế hoạch 622/KH-UBND · 2021-10-18 · issuer · province" */
static void hit_meta(sv_req *r, const vb_hit *h) {
  sv_raw(r, "<div class=\"meta\">");
  const char *sep = "";
  if (h->doc_type) sv_printf(r, "<span>%s</span>", h->doc_type), sep = " · ";
  if (h->number || h->symbol)
    sv_printf(r, " <span>%s%r%s</span>", h->number, h->number && h->symbol ? "/" : "", h->symbol),
        sep = " · ";
  if (h->date) sv_printf(r, "%r<time>%s</time>", sep, h->date), sep = " · ";
  if (h->issuer) sv_printf(r, "%r<span>%s</span>", sep, h->issuer), sep = " · ";
  if (h->province) sv_printf(r, "%r<span class=\"prov\">%s</span>", sep, h->province);
  sv_raw(r, "</div>");
}

/* One result: a document, or a paragraph with its heading and a link to
** other documents' similar wording. */
static void hit_item(sv_req *r, const vb_hit *h) {
  sv_raw(r, "<li class=\"hit\">");
  if (h->para_id) {
    sv_printf(r, "<a class=\"t\" href=\"/doc/%D%r#L%d\">%s</a>", h->doc_id,
              r->en ? "?lang=en" : "", h->line, h->title ? h->title : h->source);
    hit_meta(r, h);
    if (h->heading) sv_printf(r, "<div class=\"under\">%s: %s</div>", TR(r, "Mục", "Under"), h->heading);
    sv_printf(r, "<p class=\"snip\">%m</p>", h->snippet && *h->snippet ? h->snippet : h->text);
    sv_raw(r, "<div class=\"acts\">");
    if (h->similarity > 0)
      sv_printf(r, "<span>%s %d%%</span>", TR(r, "giống", "alike"), (int)(100 * h->similarity + 0.5));
    if (h->repeats)
      sv_printf(r, "<span>%s %d %s</span>", TR(r, "cùng câu chữ ở", "same wording in"), h->repeats,
                TR(r, "văn bản khác", "other documents"));
    sv_printf(r, "<a href=\"/similar?doc=%D&amp;line=%d%r\">%s</a></div>", h->doc_id, h->line,
              r->en ? "&amp;lang=en" : "", TR(r, "Câu chữ tương tự ở văn bản khác →", "Similar wording elsewhere →"));
  } else {
    sv_printf(r, "<a class=\"t\" href=\"/doc/%D%r\">%s</a>", h->doc_id, r->en ? "?lang=en" : "",
              h->title ? h->title : h->source);
    hit_meta(r, h);
    if (h->snippet) sv_printf(r, "<p class=\"snip\">%m</p>", h->snippet);
  }
  sv_printf(r, "<div class=\"src\">%s</div></li>", h->source);
}

/* The page without a query: the form, examples and the latest documents. */
static void landing(sv_req *r, const vb_search_opts *o) {
  sv_page_begin(r, TR(r, "Tìm kiếm", "Search"), "search");
  search_form(r, o);
  sqlite3 *db = vb_index_db(r->idx);
  sqlite3_stmt *s = NULL;
  int64_t n = 0;
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM documents", -1, &s, NULL) == SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW)
    n = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sv_printf(r, "<p class=\"lead\">%s <b>%D</b> %s. %s ",
            TR(r, "Chỉ mục có", "The index holds"), n, TR(r, "văn bản", "documents"),
            TR(r, "Thử:", "Try:"));
  static const char *const examples[] = {"binh dang gioi", "\"Sở Lao động\" báo cáo",
                                         "chuyen doi so", NULL};
  for (const char *const *e = examples; *e; e++)
    sv_printf(r, "<a class=\"ex\" href=\"/search?q=%u%r\">%s</a> ", *e, r->en ? "&amp;lang=en" : "", *e);
  sv_raw(r, "</p>");
  if (sqlite3_prepare_v2(db,
                         "SELECT id, coalesce(title, source), doc_type, number, symbol, date, "
                         "issuer, province, source FROM documents WHERE ?1 IS NULL OR "
                         "province = ?1 OR province_2025 = ?1 ORDER BY id DESC LIMIT 20",
                         -1, &s, NULL) != SQLITE_OK) {
    sv_page_end(r);
    return;
  }
  if (o->province) sqlite3_bind_text(s, 1, o->province, -1, SQLITE_STATIC);
  sv_printf(r, "<h2>%s%r%s</h2><ol class=\"hits\">", TR(r, "Văn bản mới nạp", "Latest documents"),
            o->province ? " · " : "", o->province);
  while (sqlite3_step(s) == SQLITE_ROW) {
    vb_hit h;
    memset(&h, 0, sizeof h);
    h.doc_id = sqlite3_column_int64(s, 0);
    h.title = (const char *)sqlite3_column_text(s, 1);
    h.doc_type = (const char *)sqlite3_column_text(s, 2);
    h.number = (const char *)sqlite3_column_text(s, 3);
    h.symbol = (const char *)sqlite3_column_text(s, 4);
    h.date = (const char *)sqlite3_column_text(s, 5);
    h.issuer = (const char *)sqlite3_column_text(s, 6);
    h.province = (const char *)sqlite3_column_text(s, 7);
    h.source = (const char *)sqlite3_column_text(s, 8);
    hit_item(r, &h);
  }
  sqlite3_finalize(s);
  sv_raw(r, "</ol>");
  sv_page_end(r);
}

void sv_page_search(sv_req *r) {
  vb_search_opts o;
  if (sv_search_opts(r, &o) < 0) return;
  long page = sv_arg_long(r, "page", 1, SV_MAX_RESULTS / SV_PAGE_SIZE, 1);
  if (page < 0) return;
  if (!o.query) {
    landing(r, &o);
    return;
  }
  const char *format = sv_arg(r, "format");
  int exporting = format && (strcmp(format, "csv") == 0 || strcmp(format, "jsonl") == 0);
  o.limit = exporting ? SV_MAX_EXPORT : (int)page * SV_PAGE_SIZE + 1;
  if (exporting) o.hl_open = o.hl_close = "";
  vb_error err = {0};
  vb_results *res = NULL;
  vb_status rc = vb_search(r->idx, &o, &res, &err);
  if (rc != VB_OK) {
    sv_fail(r, rc, &err);
    return;
  }
  if (exporting) {
    sv_export_hits(r, res, "search");
    vb_results_free(res);
    return;
  }
  json_t *facets = NULL;
  rc = vb_facets(r->idx, &o, &facets, &err);
  if (rc != VB_OK) {
    vb_results_free(res);
    sv_fail(r, rc, &err);
    return;
  }
  char title[1100];
  snprintf(title, sizeof title, "%s", o.query);
  sv_page_begin(r, title, "search");
  search_form(r, &o);
  size_t n = vb_results_count(res);
  size_t first = (size_t)(page - 1) * SV_PAGE_SIZE;
  size_t last = n < first + SV_PAGE_SIZE ? n : first + SV_PAGE_SIZE;
  sv_raw(r, "<div class=\"cols\">");
  facets_aside(r, facets);
  sv_raw(r, "<section class=\"results\"><div class=\"bar\">");
  /* Every matching document has one type (or none): the type counts add
  ** up to the number of documents that match. */
  int64_t total = 0;
  json_t *item;
  size_t k;
  json_array_foreach(json_object_get(facets, "doc_type"), k, item)
    total += json_integer_value(json_object_get(item, "count"));
  if (n > first)
    sv_printf(r, "<span class=\"count\">%s %d–%d</span> <span>%s %D %s</span>",
              o.paragraphs ? TR(r, "Đoạn văn", "Paragraphs") : TR(r, "Kết quả", "Results"),
              (int)first + 1, (int)last, TR(r, "trong", "of"), total,
              TR(r, "văn bản khớp", "matching documents"));
  else
    sv_printf(r, "<span class=\"count\">%s</span>", TR(r, "Không có kết quả.", "No results."));
  sv_raw(r, " <a class=\"maplink\" href=\"");
  sv_link(r, "/map", (const char *const[]){"q", "province", "year", "issuer", "type", NULL}, NULL, NULL);
  sv_printf(r, "\">%s</a>", TR(r, "Xem trên bản đồ", "Show on the map"));
  sv_export_links(r, "page");
  sv_printf(r, "</div><ol class=\"hits\" start=\"%d\">", (int)first + 1);
  for (size_t i = first; i < last; i++) hit_item(r, vb_results_get(res, i));
  sv_raw(r, "</ol><nav class=\"pages\">");
  char num[24];
  if (page > 1) {
    snprintf(num, sizeof num, "%ld", page - 1);
    sv_raw(r, "<a rel=\"prev\" href=\"");
    sv_self(r, "page", num);
    sv_printf(r, "\">← %s</a>", TR(r, "Trang trước", "Previous"));
  }
  if (n > last && last < SV_MAX_RESULTS) {
    snprintf(num, sizeof num, "%ld", page + 1);
    sv_raw(r, "<a rel=\"next\" href=\"");
    sv_self(r, "page", num);
    sv_printf(r, "\">%s →</a>", TR(r, "Trang sau", "Next"));
  }
  sv_raw(r, "</nav></section></div>");
  json_decref(facets);
  vb_results_free(res);
  sv_page_end(r);
}

/* ---- Document ---- */

/* A value linked to its evidence line (record's "evidence" object). */
static void ev_value(sv_req *r, json_t *evidence, const char *key, const char *value) {
  json_t *line = json_object_get(json_object_get(evidence, key), "line");
  if (json_is_integer(line))
    sv_printf(r, "<a class=\"ev\" href=\"#L%D\" title=\"%s %D\">%s</a>",
              (int64_t)json_integer_value(line), TR(r, "dòng", "line"),
              (int64_t)json_integer_value(line), value);
  else
    sv_printf(r, "%s", value);
}

static const char *jstr(json_t *o, const char *key) {
  return json_string_value(json_object_get(o, key));
}

/* The scalar values of the record, each as a row of the definition list. */
static void record_scalars(sv_req *r, json_t *rec, json_t *ev) {
  static const struct {
    const char *key, *vi, *en;
  } rows[] = {
      {"doc_type", "Loại", "Type"},         {"number", "Số", "Number"},
      {"symbol", "Ký hiệu", "Symbol"},      {"date", "Ngày", "Date"},
      {"place", "Địa danh", "Place"},       {"issuer", "Cơ quan", "Issuer"},
      {"province", "Tỉnh", "Province"},     {"title", "Trích yếu", "Title"},
      {"theme", "Chủ đề", "Theme"},
  };
  sv_raw(r, "<dl class=\"rec\">");
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
    const char *v = jstr(rec, rows[i].key);
    if (!v) continue;
    sv_printf(r, "<dt>%s</dt><dd>", TR(r, rows[i].vi, rows[i].en));
    ev_value(r, ev, rows[i].key, v);
    sv_raw(r, "</dd>");
  }
  json_t *period = json_object_get(rec, "period");
  if (json_is_object(period)) {
    char buf[128];
    snprintf(buf, sizeof buf, "%s – %s", jstr(period, "from") ? jstr(period, "from") : "?",
             jstr(period, "to") ? jstr(period, "to") : "?");
    sv_printf(r, "<dt>%s</dt><dd>", TR(r, "Thời gian", "Period"));
    ev_value(r, ev, "period", buf);
    sv_raw(r, "</dd>");
  }
  json_t *signer = json_object_get(rec, "signer");
  if (json_is_object(signer)) {
    char buf[512];
    snprintf(buf, sizeof buf, "%s%s%s%s%s", jstr(signer, "name") ? jstr(signer, "name") : "",
             jstr(signer, "position") ? ", " : "", jstr(signer, "position") ? jstr(signer, "position") : "",
             jstr(signer, "authority") ? " · " : "", jstr(signer, "authority") ? jstr(signer, "authority") : "");
    sv_printf(r, "<dt>%s</dt><dd>", TR(r, "Người ký", "Signer"));
    ev_value(r, ev, "signer", buf);
    sv_raw(r, "</dd>");
  }
  sv_raw(r, "</dl>");
}

/* The id of an indexed document whose number/symbol is ref_id, or 0. */
static int64_t cited_doc(sv_req *r, sqlite3_stmt *s, const char *ref_id) {
  int64_t id = 0;
  sqlite3_reset(s);
  sqlite3_bind_text(s, 1, ref_id, -1, SQLITE_STATIC);
  if (sqlite3_step(s) == SQLITE_ROW) id = sqlite3_column_int64(s, 0);
  (void)r;
  return id;
}

/* What record_lists() passes to each item writer. */
typedef struct list_ctx {
  int64_t id;          /* the document shown */
  sqlite3_stmt *cited; /* cited_doc()'s statement, or NULL */
} list_ctx;

/* A reference, with a link to the cited document when it is indexed. */
static void ref_item(sv_req *r, json_t *item, json_t *ev, const char *key, list_ctx *c) {
  const char *rid = jstr(item, "id");
  sv_printf(r, "<span class=\"kind\">%s</span> ", jstr(item, "type"));
  ev_value(r, ev, key, rid ? rid : "?");
  if (jstr(item, "date")) sv_printf(r, " <time>%s</time>", jstr(item, "date"));
  if (jstr(item, "issuer")) sv_printf(r, " <span class=\"iss\">%s</span>", jstr(item, "issuer"));
  int64_t target = c->cited && rid ? cited_doc(r, c->cited, rid) : 0;
  if (target && target != c->id)
    sv_printf(r, " <a class=\"goto\" href=\"/doc/%D%r\">%s →</a>", target,
              r->en ? "?lang=en" : "", TR(r, "mở", "open"));
}

static void unit_item(sv_req *r, json_t *item, json_t *ev, const char *key, list_ctx *c) {
  (void)c;
  ev_value(r, ev, key, jstr(item, "name") ? jstr(item, "name") : "?");
  json_t *tasks = json_object_get(item, "tasks"), *t;
  size_t k;
  if (!json_array_size(tasks)) return;
  sv_raw(r, "<ul class=\"tasks\">");
  json_array_foreach(tasks, k, t) sv_printf(r, "<li>%s</li>", json_string_value(t));
  sv_raw(r, "</ul>");
}

static void deadline_item(sv_req *r, json_t *item, json_t *ev, const char *key, list_ctx *c) {
  (void)c;
  sv_raw(r, "<b>");
  ev_value(r, ev, key, jstr(item, "date") ? jstr(item, "date") : "?");
  sv_printf(r, "</b> %s", jstr(item, "what"));
  if (jstr(item, "to")) sv_printf(r, " → %s", jstr(item, "to"));
}

static void report_item(sv_req *r, json_t *item, json_t *ev, const char *key, list_ctx *c) {
  (void)c;
  char buf[1024];
  snprintf(buf, sizeof buf, "%s → %s", jstr(item, "from") ? jstr(item, "from") : "?",
           jstr(item, "to") ? jstr(item, "to") : "?");
  ev_value(r, ev, key, buf);
  if (jstr(item, "via")) sv_printf(r, " (%s %s)", TR(r, "qua", "via"), jstr(item, "via"));
  if (jstr(item, "by")) sv_printf(r, " <b>%s</b>", jstr(item, "by"));
}

static void recipient_item(sv_req *r, json_t *item, json_t *ev, const char *key, list_ctx *c) {
  (void)c;
  ev_value(r, ev, key, json_is_string(item) ? json_string_value(item) : "?");
}

/* The lists of the record, each item linked to its evidence line. */
static void record_lists(sv_req *r, int64_t id, json_t *rec, json_t *ev) {
  static const struct {
    const char *key, *vi, *en;
    void (*item)(sv_req *, json_t *, json_t *, const char *, list_ctx *);
  } lists[] = {
      {"references", "Văn bản dẫn chiếu", "References", ref_item},
      {"units", "Đơn vị và nhiệm vụ", "Units and tasks", unit_item},
      {"deadlines", "Thời hạn", "Deadlines", deadline_item},
      {"reports", "Chế độ báo cáo", "Reporting duties", report_item},
      {"recipients", "Nơi nhận", "Recipients", recipient_item},
  };
  list_ctx c = {id, NULL};
  sqlite3_prepare_v2(vb_index_db(r->idx),
                     "SELECT id FROM documents WHERE number || '/' || symbol = ?1 "
                     "ORDER BY id LIMIT 1", -1, &c.cited, NULL);
  for (size_t l = 0; l < sizeof lists / sizeof *lists; l++) {
    json_t *list = json_object_get(rec, lists[l].key), *item;
    size_t i;
    if (!json_array_size(list)) continue;
    sv_printf(r, "<h3>%s</h3><ul class=\"%r\">", TR(r, lists[l].vi, lists[l].en), lists[l].key);
    json_array_foreach(list, i, item) {
      char key[64];
      snprintf(key, sizeof key, "%s[%zu]", lists[l].key, i);
      sv_raw(r, "<li>");
      lists[l].item(r, item, ev, key, &c);
      sv_raw(r, "</li>");
    }
    sv_raw(r, "</ul>");
  }
  sqlite3_finalize(c.cited);
}

/* Documents of the index that cite this one by its number/symbol. */
static void cited_by(sv_req *r, int64_t id, const char *number, const char *symbol) {
  if (!number || !symbol) return;
  char ref[256];
  snprintf(ref, sizeof ref, "%s/%s", number, symbol);
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(vb_index_db(r->idx),
                         "SELECT DISTINCT d.id, coalesce(d.title, d.source), d.province, d.date "
                         "FROM refs x JOIN documents d ON d.id = x.doc_id "
                         "WHERE x.ref_id = ?1 AND x.doc_id <> ?2 ORDER BY d.date LIMIT 50",
                         -1, &s, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
  sqlite3_bind_int64(s, 2, id);
  int any = 0;
  while (sqlite3_step(s) == SQLITE_ROW) {
    if (!any)
      sv_printf(r, "<h3>%s</h3><ul class=\"citedby\">",
                TR(r, "Văn bản dẫn chiếu văn bản này", "Cited by"));
    any = 1;
    sv_printf(r, "<li><a href=\"/doc/%D%r\">%s</a> <span class=\"meta\">%s %s</span></li>",
              (int64_t)sqlite3_column_int64(s, 0), r->en ? "?lang=en" : "",
              (const char *)sqlite3_column_text(s, 1), (const char *)sqlite3_column_text(s, 2),
              (const char *)sqlite3_column_text(s, 3));
  }
  if (any) sv_raw(r, "</ul>");
  sqlite3_finalize(s);
}

/* The text, one numbered line per row; each line is an anchor (#L12) that
** the stylesheet highlights when targeted. */
static void numbered_text(sv_req *r, const char *body) {
  sv_raw(r, "<article class=\"text\" aria-label=\"text\">");
  int line = 1;
  for (const char *p = body; p && *p; line++) {
    const char *e = strchr(p, '\n');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    char *l = vb_strndup(p, n);
    if (!l) {
      r->failed = 1;
      break;
    }
    sv_printf(r, "<div class=\"ln\" id=\"L%d\"><a class=\"no\" href=\"#L%d\">%d</a><span>%s</span></div>\n",
              line, line, line, l);
    vb_free(l);
    p = e ? e + 1 : p + n;
  }
  sv_raw(r, "</article>");
}

/* The row of document id by sql (?1 = id), stepped; NULL after an error
** page (404 when there is no such document).  Finalize the statement. */
static sqlite3_stmt *doc_row(sv_req *r, const char *sql, int64_t id) {
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(vb_index_db(r->idx), sql, -1, &s, NULL) != SQLITE_OK) {
    sv_error(r, 500, TR(r, "Không đọc được chỉ mục.", "The index could not be read."));
    return NULL;
  }
  sqlite3_bind_int64(s, 1, id);
  if (sqlite3_step(s) == SQLITE_ROW) return s;
  sqlite3_finalize(s);
  if (*r->timed_out)
    sv_fail(r, VB_EDB, NULL);
  else
    sv_error(r, 404, TR(r, "Không có văn bản này.", "No such document."));
  return NULL;
}

void sv_page_doc(sv_req *r, int64_t id) {
  sqlite3_stmt *s = doc_row(r,
                            "SELECT d.source, d.format, d.number, d.symbol, r.record, t.body, "
                            "coalesce(d.title, d.source) FROM documents d "
                            "LEFT JOIN records r ON r.doc_id = d.id "
                            "LEFT JOIN texts t ON t.doc_id = d.id WHERE d.id = ?1", id);
  if (!s) return;
  const char *source = (const char *)sqlite3_column_text(s, 0);
  const char *record = (const char *)sqlite3_column_text(s, 4);
  json_t *rec = record ? json_loads(record, 0, NULL) : NULL;
  json_t *ev = json_object_get(rec, "evidence");
  sv_page_begin(r, (const char *)sqlite3_column_text(s, 6), "search");
  sv_printf(r, "<div class=\"dochead\"><h1>%s</h1>", (const char *)sqlite3_column_text(s, 6));
  sv_printf(r, "<div class=\"src\">%s · %s</div>", source, (const char *)sqlite3_column_text(s, 1));
  sv_printf(r, "<div class=\"export\"><a href=\"/doc/%D/file\">%s</a> "
               "<a href=\"/api/document?id=%D\">JSON</a></div></div>",
            id, TR(r, "Tải tệp gốc", "Download the original"), id);
  sv_raw(r, "<div class=\"docpage\"><aside class=\"record\">");
  sv_printf(r, "<h2>%s</h2><p class=\"hint\">%s</p>", TR(r, "Thông tin trích xuất", "Extracted record"),
            TR(r, "Bấm vào một giá trị để xem dòng nó được đọc ra.",
               "Click a value to see the line it was read from."));
  if (rec) {
    record_scalars(r, rec, ev);
    record_lists(r, id, rec, ev);
  }
  cited_by(r, id, (const char *)sqlite3_column_text(s, 2), (const char *)sqlite3_column_text(s, 3));
  sv_raw(r, "</aside>");
  numbered_text(r, (const char *)sqlite3_column_text(s, 5));
  sv_raw(r, "</div>");
  json_decref(rec);
  sqlite3_finalize(s);
  sv_page_end(r);
}

/* ---- Download ---- */

/* Read the file at path into the body if it still has the stored hash.
** Returns 0, or -1 (not there), -2 (changed), -3 (too large or unreadable). */
static int read_original(sv_req *r, const char *path, const char *sha) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > SV_MAX_BODY) {
    close(fd);
    return -3;
  }
  vb_buf_reset(&r->out);
  char chunk[65536];
  ssize_t n;
  while ((n = read(fd, chunk, sizeof chunk)) > 0)
    if (vb_buf_append(&r->out, chunk, (size_t)n) != VB_OK) {
      close(fd);
      vb_buf_reset(&r->out);
      return -3;
    }
  close(fd);
  if (n < 0) return -3;
  char got[65];
  vb_sha256_hex(r->out.data ? r->out.data : "", r->out.len, got);
  if (strcmp(got, sha) != 0) {
    vb_buf_reset(&r->out);
    return -2;
  }
  return 0;
}

void sv_page_download(sv_req *r, int64_t id) {
  sqlite3_stmt *s = doc_row(r, "SELECT source, sha256 FROM documents WHERE id = ?1", id);
  if (!s) return;
  const char *source = (const char *)sqlite3_column_text(s, 0);
  const char *sha = (const char *)sqlite3_column_text(s, 1);
  /* The stored path is as ingest saw it: relative to where it ran, which
  ** is tried first, then beside the index. */
  int rc = read_original(r, source, sha);
  if (rc == -1 && source[0] != '/') {
    const char *slash = strrchr(r->db_path, '/');
    char path[4096];
    if (slash && snprintf(path, sizeof path, "%.*s/%s", (int)(slash - r->db_path), r->db_path,
                          source) < (int)sizeof path)
      rc = read_original(r, path, sha);
  }
  if (rc == 0) {
    const char *base = strrchr(source, '/');
    base = base ? base + 1 : source;
    /* An ASCII fallback name and the UTF-8 one (RFC 6266). */
    char ascii[128], enc[256];
    size_t a = 0, e = 0;
    for (const unsigned char *p = (const unsigned char *)base; *p; p++) {
      int safe = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                 (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_';
      if (a + 1 < sizeof ascii) ascii[a++] = safe ? (char)*p : '_';
      if (safe && e + 1 < sizeof enc)
        enc[e++] = (char)*p;
      else if (!safe && e + 3 < sizeof enc)
        e += (size_t)snprintf(enc + e, sizeof enc - e, "%%%02X", *p);
    }
    ascii[a] = enc[e] = '\0';
    snprintf(r->disposition, sizeof r->disposition,
             "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, enc);
    r->ctype = "application/octet-stream";
  } else if (rc == -2) {
    sv_error(r, 409, TR(r, "Tệp gốc đã thay đổi kể từ khi nạp; hãy nạp lại.",
                        "The original file changed since it was ingested; ingest it again."));
  } else if (rc == -1) {
    sv_error(r, 404, TR(r, "Không tìm thấy tệp gốc (đường dẫn tính từ nơi chạy lệnh nạp).",
                        "The original file is not there (paths are relative to where ingest ran)."));
  } else {
    sv_error(r, 500, TR(r, "Không đọc được tệp gốc.", "The original file could not be read."));
  }
  sqlite3_finalize(s);
}

/* ---- Similar wording ---- */

void sv_page_similar(sv_req *r) {
  vb_search_opts o;
  if (sv_search_opts(r, &o) < 0) return;
  long doc = sv_arg_long(r, "doc", 1, 0x7fffffffL, 0);
  long line = doc >= 0 ? sv_arg_long(r, "line", 1, 10000000, 1) : -1;
  if (doc < 0 || line < 0) return;
  const char *text = sv_arg(r, "text");
  char *owned = NULL, *source = NULL;
  if (!text && doc) {
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(vb_index_db(r->idx),
                           "SELECT p.text, d.source FROM paragraph_text p JOIN documents d "
                           "ON d.id = p.doc_id WHERE p.doc_id = ?1 AND p.line <= ?2 "
                           "ORDER BY p.line DESC LIMIT 1", -1, &s, NULL) == SQLITE_OK) {
      sqlite3_bind_int64(s, 1, doc);
      sqlite3_bind_int64(s, 2, line);
      if (sqlite3_step(s) == SQLITE_ROW) {
        owned = vb_strdup((const char *)sqlite3_column_text(s, 0));
        source = vb_strdup((const char *)sqlite3_column_text(s, 1));
      }
    }
    sqlite3_finalize(s);
    if (!owned) {
      vb_free(source);
      sv_error(r, 404, TR(r, "Không có đoạn văn này.", "No such paragraph."));
      return;
    }
    text = owned;
  }
  const char *format = sv_arg(r, "format");
  int exporting = format && (strcmp(format, "csv") == 0 || strcmp(format, "jsonl") == 0);
  vb_results *res = NULL;
  vb_error err = {0};
  vb_status rc = VB_OK;
  o.limit = exporting ? SV_MAX_EXPORT : SV_PAGE_SIZE;
  if (exporting) o.hl_open = o.hl_close = "";
  if (text) rc = vb_similar(r->idx, text, source, &o, &res, &err);
  if (rc != VB_OK) {
    vb_free(owned);
    vb_free(source);
    sv_fail(r, rc, &err);
    return;
  }
  if (exporting && res) {
    sv_export_hits(r, res, "similar");
  } else {
    sv_page_begin(r, TR(r, "Câu chữ tương tự", "Similar wording"), "search");
    sv_printf(r, "<h1>%s</h1><form class=\"search\" action=\"/similar\" method=\"get\">"
                 "<textarea name=\"text\" rows=\"4\" maxlength=\"1024\" aria-label=\"text\">%s</textarea>"
                 "%r<div class=\"qrow\"><button type=\"submit\">%s</button></div></form>",
              TR(r, "Câu chữ tương tự ở văn bản khác", "Similar wording elsewhere"), text,
              r->en ? "<input type=\"hidden\" name=\"lang\" value=\"en\">" : "",
              TR(r, "So sánh", "Compare"));
    if (source)
      sv_printf(r, "<p class=\"hint\">%s <a href=\"/doc/%D%r#L%D\">%s:%D</a></p>",
                TR(r, "Đoạn văn của", "The paragraph of"), (int64_t)doc, r->en ? "?lang=en" : "",
                (int64_t)line, source, (int64_t)line);
    if (res) {
      sv_raw(r, "<div class=\"bar\">");
      sv_export_links(r, "page");
      sv_raw(r, "</div><ol class=\"hits\">");
      for (size_t i = 0; i < vb_results_count(res); i++) hit_item(r, vb_results_get(res, i));
      sv_raw(r, "</ol>");
      if (!vb_results_count(res))
        sv_printf(r, "<p>%s</p>", TR(r, "Không có đoạn tương tự.", "No similar paragraph."));
    }
    sv_page_end(r);
  }
  vb_results_free(res);
  vb_free(owned);
  vb_free(source);
}
