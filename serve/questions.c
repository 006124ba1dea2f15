/*
** questions.c: the question pages — the ask box with its answers grouped
** by document, the reports and deadlines tables with their filters, the
** deadlines' month calendar, and the tile map of the provinces coloured by
** the documents that match the current query.
*/
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ask.h"
#include "internal.h"

extern const char vb_asset_provinces_tsv[];

static const char *jstr(json_t *o, const char *key) {
  return json_string_value(json_object_get(o, key));
}

/* Document ids of the answers' sources, looked up once per source. */
typedef struct id_cache {
  char source[1024];
  int64_t id;
} id_cache;

static int64_t answer_doc(sv_req *r, id_cache *c, json_t *a) {
  const char *src = jstr(a, "source");
  if (!src) return 0;
  if (strcmp(c->source, src) != 0) {
    snprintf(c->source, sizeof c->source, "%s", src);
    c->id = sv_doc_id(r, src);
  }
  return c->id;
}

/* The evidence line of an answer, linked to the document's line. */
static void evidence_link(sv_req *r, int64_t id, json_t *a) {
  json_t *line = json_object_get(a, "line");
  if (!json_is_integer(line)) return;
  sv_printf(r, "<a class=\"evl\" href=\"/doc/%D%r#L%D\">%s %D</a> <q>%s</q>", id,
            r->en ? "?lang=en" : "", (int64_t)json_integer_value(line),
            TR(r, "dòng", "line"), (int64_t)json_integer_value(line), jstr(a, "evidence"));
}

/* A deadline as people read it: "2021-12-20", "20/6 hằng năm". */
static void deadline_text(sv_req *r, json_t *a) {
  const char *d = jstr(a, "deadline");
  const char *rec = jstr(a, "recurs");
  int m, day;
  if (d && rec && strcmp(rec, "yearly") == 0 && sscanf(d, "--%2d-%2d", &m, &day) == 2)
    sv_printf(r, "%d/%d %s", day, m, TR(r, "hằng năm", "each year"));
  else
    sv_printf(r, "%s", d ? d : "?");
}

/* The "who" list of a deadline, comma-separated. */
static void who_text(sv_req *r, json_t *a) {
  json_t *who = json_object_get(a, "who"), *w;
  size_t i;
  json_array_foreach(who, i, w) sv_printf(r, "%r%s", i ? ", " : "", json_string_value(w));
}

/* What one answer says, by the question's intent. */
static void answer_text(sv_req *r, const char *intent, json_t *a) {
  if (strcmp(intent, "reports_to") == 0) {
    sv_printf(r, "%s → %s", jstr(a, "from"), jstr(a, "to"));
    if (jstr(a, "via")) sv_printf(r, " (%s %s)", TR(r, "qua", "via"), jstr(a, "via"));
    if (jstr(a, "by")) sv_printf(r, " · <b>%s</b>", jstr(a, "by"));
  } else if (strcmp(intent, "deadlines") == 0) {
    sv_raw(r, "<b>");
    deadline_text(r, a);
    sv_printf(r, "</b> %s", jstr(a, "what"));
    if (json_array_size(json_object_get(a, "who"))) {
      sv_raw(r, " · ");
      who_text(r, a);
    }
    if (jstr(a, "to")) sv_printf(r, " → %s", jstr(a, "to"));
  } else if (strcmp(intent, "plans_assigning") == 0) {
    sv_printf(r, "%s (%D %s)", jstr(a, "unit"), (int64_t)json_integer_value(json_object_get(a, "tasks")),
              TR(r, "nhiệm vụ", "tasks"));
  } else if (strcmp(intent, "plans_citing") == 0) {
    sv_printf(r, "%s %s", jstr(a, "ref_type"), jstr(a, "ref_id"));
    if (jstr(a, "ref_date")) sv_printf(r, " %s %s", TR(r, "ngày", "of"), jstr(a, "ref_date"));
    if (jstr(a, "ref_issuer")) sv_printf(r, ", %s", jstr(a, "ref_issuer"));
  } else {
    sv_printf(r, "%s: %s", jstr(a, "unit"),
              jstr(a, "task") ? jstr(a, "task") : TR(r, "(không ghi nhiệm vụ)", "(no task listed)"));
  }
}

/* The document header of a group of answers. */
static void doc_header(sv_req *r, int64_t id, json_t *a) {
  sv_printf(r, "<li class=\"grp\"><div class=\"t\"><a href=\"/doc/%D%r\">%s</a></div><div class=\"meta\">",
            id, r->en ? "?lang=en" : "", jstr(a, "title") ? jstr(a, "title") : jstr(a, "source"));
  if (jstr(a, "province")) sv_printf(r, "<span class=\"prov\">%s</span> · ", jstr(a, "province"));
  sv_printf(r, "%s %s%r%s", jstr(a, "doc_type"), jstr(a, "number"), jstr(a, "symbol") ? "/" : "",
            jstr(a, "symbol"));
  if (jstr(a, "date")) sv_printf(r, " · %s", jstr(a, "date"));
  sv_printf(r, " · <span class=\"src\">%s</span></div><ul>", jstr(a, "source"));
}

/* Answers grouped by document: header, then each answer with its line. */
static void answers_grouped(sv_req *r, json_t *res) {
  const char *intent = jstr(res, "intent");
  json_t *answers = json_object_get(res, "answers"), *a;
  size_t i;
  id_cache c = {"", 0};
  const char *last = NULL;
  sv_raw(r, "<ol class=\"answers\">");
  json_array_foreach(answers, i, a) {
    if (i >= SV_MAX_RESULTS) break;
    int64_t id = answer_doc(r, &c, a);
    if (!last || strcmp(last, jstr(a, "source") ? jstr(a, "source") : "") != 0) {
      if (last) sv_raw(r, "</ul></li>");
      doc_header(r, id, a);
      last = jstr(a, "source") ? jstr(a, "source") : "";
    }
    sv_raw(r, "<li>");
    answer_text(r, intent, a);
    sv_raw(r, "<div class=\"ev\">");
    evidence_link(r, id, a);
    sv_raw(r, "</div></li>");
  }
  if (last) sv_raw(r, "</ul></li>");
  sv_raw(r, "</ol>");
}

/* Under a list cut at SV_MAX_RESULTS rows: say so and point to the export. */
static void cut_note(sv_req *r, json_t *res) {
  if (json_array_size(json_object_get(res, "answers")) <= SV_MAX_RESULTS) return;
  sv_printf(r, "<p class=\"hint\">%s %d %s</p>", TR(r, "Chỉ hiện", "Showing the first"), SV_MAX_RESULTS,
            TR(r, "dòng đầu; tải CSV hoặc JSONL để có đủ.", "rows; download CSV or JSONL for all of them."));
}

/* Answer q; on failure the error page is written and NULL returned. */
static json_t *run(sv_req *r, const vb_question *q) {
  json_t *res = NULL;
  vb_error err = {0};
  vb_status rc = vb_ask_run(r->idx, q, &res, &err);
  if (rc != VB_OK) {
    sv_fail(r, rc, &err);
    return NULL;
  }
  return res;
}

/* format=csv|jsonl: write the answers as a download; returns 1 if done. */
static int maybe_export(sv_req *r, json_t *res, const char *name) {
  const char *format = sv_arg(r, "format");
  if (!format) return 0;
  return sv_export_answers(r, json_object_get(res, "answers"), name);
}

/* ---- Ask ---- */

void sv_page_ask(sv_req *r) {
  const char *text = sv_arg(r, "q");
  vb_question *q = NULL;
  vb_error err = {0};
  vb_status rc = text ? vb_ask_parse(text, &q, &err) : VB_OK;
  json_t *res = NULL;
  if (rc == VB_OK && q && !(res = run(r, q))) {
    vb_question_free(q);
    return;
  }
  vb_question_free(q);
  if (rc != VB_OK && rc != VB_EQUERY) {
    sv_fail(r, rc, &err);
    return;
  }
  if (res && maybe_export(r, res, "ask")) {
    json_decref(res);
    return;
  }
  sv_page_begin(r, TR(r, "Hỏi đáp", "Ask"), "ask");
  sv_printf(r,
            "<form class=\"search\" action=\"/ask\" method=\"get\"><div class=\"qrow\">"
            "<input type=\"search\" name=\"q\" value=\"%s\" maxlength=\"1024\" aria-label=\"%s\" "
            "placeholder=\"%s\" autofocus><button type=\"submit\">%s</button></div>%r</form>",
            text, TR(r, "Câu hỏi", "Question"),
            TR(r, "Những đơn vị nào báo cáo về Sở Lao động?", "which units report to the Labour department?"),
            TR(r, "Hỏi", "Ask"), r->en ? "<input type=\"hidden\" name=\"lang\" value=\"en\">" : "");
  if (rc == VB_EQUERY || !text) {
    if (rc == VB_EQUERY)
      sv_printf(r, "<p class=\"warn\">%s</p>",
                TR(r, "Chưa hiểu câu hỏi. Các dạng câu hỏi được hiểu:",
                   "I do not understand the question. The forms I understand:"));
    else
      sv_printf(r, "<p class=\"hint\">%s</p>", TR(r, "Các dạng câu hỏi:", "Questions understood:"));
    sv_raw(r, "<ul class=\"forms\">");
    for (const char *const *f = vb_ask_forms(); *f; f++)
      sv_printf(r, "<li><a href=\"/ask?q=%u%r\">%s</a></li>", *f, r->en ? "&amp;lang=en" : "", *f);
    sv_raw(r, "</ul>");
  } else {
    int64_t n = json_integer_value(json_object_get(res, "count"));
    sv_printf(r, "<div class=\"bar\"><span class=\"count\">%D %s</span>", n,
              TR(r, "câu trả lời", "answers"));
    sv_export_links(r, "view");
    sv_raw(r, "</div>");
    cut_note(r, res);
    if (n)
      answers_grouped(r, res);
    else
      sv_printf(r, "<p>%s</p>", TR(r, "Không có câu trả lời trong chỉ mục.", "Nothing in the index answers it."));
  }
  json_decref(res);
  sv_page_end(r);
}

/* ---- Reports and deadlines ---- */

/* A text field of a filter form. */
static void field(sv_req *r, const char *name, const char *label, const char *type) {
  sv_printf(r, "<label>%s <input type=\"%r\" name=\"%r\" value=\"%s\" maxlength=\"200\"></label>",
            label, type, name, sv_arg(r, name));
}

vb_question *sv_question(sv_req *r, int intent) {
  vb_question *q = vb_question_new((vb_intent)intent);
  if (!q) {
    r->failed = 1;
    return NULL;
  }
  long year = sv_arg_long(r, "year", 1900, 2200, 0);
  if (year < 0) {
    vb_question_free(q);
    return NULL;
  }
  q->year = (int)year;
  /* The parameters are the options of `vanban reports` and `deadlines`. */
  static const struct {
    int intent;
    const char *name;
    size_t slot;
  } slots[] = {
      {0, "province", offsetof(vb_question, province)},
      {VB_ASK_REPORTS_TO, "to", offsetof(vb_question, unit)},
      {VB_ASK_REPORTS_TO, "from", offsetof(vb_question, from_unit)},
      {VB_ASK_DEADLINES, "unit", offsetof(vb_question, unit)},
      {VB_ASK_DEADLINES, "after", offsetof(vb_question, after)},
      {VB_ASK_DEADLINES, "before", offsetof(vb_question, before)},
  };
  for (size_t i = 0; i < sizeof slots / sizeof *slots; i++) {
    const char *v = sv_arg(r, slots[i].name);
    if (!v || (slots[i].intent && slots[i].intent != intent)) continue;
    if (vb_question_set((char **)((char *)q + slots[i].slot), v) != VB_OK) {
      r->failed = 1;
      vb_question_free(q);
      return NULL;
    }
  }
  return q;
}

/* A table row's document cell. */
static void doc_cell(sv_req *r, int64_t id, json_t *a) {
  sv_printf(r, "<td><a href=\"/doc/%D%r\">%s%r%s</a><div class=\"meta\">%s</div></td>", id,
            r->en ? "?lang=en" : "", jstr(a, "number"), jstr(a, "number") ? "/" : "",
            jstr(a, "symbol") ? jstr(a, "symbol") : jstr(a, "doc_type"), jstr(a, "date"));
}

void sv_page_reports(sv_req *r) {
  vb_question *q = sv_question(r, VB_ASK_REPORTS_TO);
  if (!q) return;
  json_t *res = run(r, q);
  vb_question_free(q);
  if (!res) return;
  if (maybe_export(r, res, "reports")) {
    json_decref(res);
    return;
  }
  sv_page_begin(r, TR(r, "Báo cáo", "Reports"), "reports");
  sv_printf(r, "<h1>%s</h1><form class=\"filters\" action=\"/reports\" method=\"get\">",
            TR(r, "Chế độ báo cáo: ai báo cáo cho ai", "Reporting duties: who reports to whom"));
  field(r, "to", TR(r, "Gửi đến", "To"), "text");
  field(r, "from", TR(r, "Đơn vị báo cáo", "From"), "text");
  field(r, "province", TR(r, "Tỉnh", "Province"), "text");
  field(r, "year", TR(r, "Năm", "Year"), "number");
  sv_printf(r, "%r<button type=\"submit\">%s</button></form>",
            r->en ? "<input type=\"hidden\" name=\"lang\" value=\"en\">" : "", TR(r, "Lọc", "Filter"));
  json_t *answers = json_object_get(res, "answers"), *a;
  size_t i;
  sv_printf(r, "<div class=\"bar\"><span class=\"count\">%D %s</span>",
            (int64_t)json_integer_value(json_object_get(res, "count")),
            TR(r, "nghĩa vụ báo cáo", "reporting duties"));
  sv_export_links(r, "view");
  sv_raw(r, "</div>");
  cut_note(r, res);
  sv_printf(r, "<table class=\"grid\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
               "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
            TR(r, "Tỉnh", "Province"), TR(r, "Văn bản", "Document"), TR(r, "Đơn vị báo cáo", "From"),
            TR(r, "Gửi đến", "To"), TR(r, "Qua", "Via"), TR(r, "Hạn", "By"), TR(r, "Căn cứ", "Evidence"));
  id_cache c = {"", 0};
  json_array_foreach(answers, i, a) {
    if (i >= SV_MAX_RESULTS) break;
    int64_t id = answer_doc(r, &c, a);
    sv_printf(r, "<tr><td>%s</td>", jstr(a, "province"));
    doc_cell(r, id, a);
    sv_printf(r, "<td>%s</td><td>%s</td><td>%s</td><td class=\"nw\">%s</td><td class=\"evc\">", jstr(a, "from"),
              jstr(a, "to"), jstr(a, "via"), jstr(a, "by"));
    evidence_link(r, id, a);
    sv_raw(r, "</td></tr>");
  }
  sv_raw(r, "</tbody></table>");
  json_decref(res);
  sv_page_end(r);
}

/* Days in a month of a year. */
static int month_days(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : d[m - 1];
}

/* Weekday of a date, Monday = 0 (Sakamoto's method). */
static int weekday(int y, int m, int d) {
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  return ((y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7 + 6) % 7;
}

/* The month calendar of the deadlines (answers of one month). */
static void calendar(sv_req *r, json_t *answers, int y, int m) {
  static const char *const vi_days[] = {"T2", "T3", "T4", "T5", "T6", "T7", "CN"};
  static const char *const en_days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  char prev[32], next[32];
  snprintf(prev, sizeof prev, "%04d-%02d", m == 1 ? y - 1 : y, m == 1 ? 12 : m - 1);
  snprintf(next, sizeof next, "%04d-%02d", m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1);
  sv_raw(r, "<div class=\"calnav\"><a rel=\"prev\" href=\"");
  sv_self(r, "month", prev);
  sv_printf(r, "\">← %s</a><h2>%s %d/%d</h2><a rel=\"next\" href=\"", prev,
            TR(r, "Tháng", "Month"), m, y);
  sv_self(r, "month", next);
  sv_printf(r, "\">%s →</a></div>", next);
  /* Duties due "in the month", without a day, above the grid. */
  char ym[32];
  snprintf(ym, sizeof ym, "%04d-%02d", y, m);
  id_cache c = {"", 0};
  json_t *a;
  size_t i;
  int any = 0;
  json_array_foreach(answers, i, a) {
    const char *dl = jstr(a, "deadline");
    if (!dl || strcmp(dl, ym) != 0) continue;
    if (!any) sv_printf(r, "<div class=\"inmonth\"><b>%s</b><ul>", TR(r, "Trong tháng", "During the month"));
    any = 1;
    sv_printf(r, "<li><a href=\"/doc/%D%r#L%D\">%s</a> <span class=\"prov\">%s</span></li>",
              answer_doc(r, &c, a), r->en ? "?lang=en" : "",
              (int64_t)json_integer_value(json_object_get(a, "line")), jstr(a, "what"), jstr(a, "province"));
  }
  if (any) sv_raw(r, "</ul></div>");
  sv_raw(r, "<table class=\"cal\"><thead><tr>");
  for (int w = 0; w < 7; w++) sv_printf(r, "<th>%s</th>", r->en ? en_days[w] : vi_days[w]);
  sv_raw(r, "</tr></thead><tbody><tr>");
  int first = weekday(y, m, 1), days = month_days(y, m), cell = 0;
  for (; cell < first; cell++) sv_raw(r, "<td class=\"out\"></td>");
  for (int d = 1; d <= days; d++, cell++) {
    if (cell && cell % 7 == 0) sv_raw(r, "</tr><tr>");
    char iso[40], yearly[32];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
    snprintf(yearly, sizeof yearly, "--%02d-%02d", m, d);
    any = 0;
    json_array_foreach(answers, i, a) {
      const char *dl = jstr(a, "deadline");
      if (!dl || (strcmp(dl, iso) != 0 && strcmp(dl, yearly) != 0)) continue;
      if (!any) sv_printf(r, "<td class=\"has\"><div class=\"day\">%d</div><ul>", d);
      any = 1;
      int64_t id = answer_doc(r, &c, a);
      json_t *line = json_object_get(a, "line");
      sv_printf(r, "<li><a href=\"/doc/%D%r#L%D\" title=\"%s\">%s</a> <span class=\"prov\">%s</span></li>",
                id, r->en ? "?lang=en" : "", (int64_t)json_integer_value(line), jstr(a, "evidence"),
                jstr(a, "what"), jstr(a, "province"));
    }
    if (any)
      sv_raw(r, "</ul></td>");
    else
      sv_printf(r, "<td><div class=\"day\">%d</div></td>", d);
  }
  for (; cell % 7; cell++) sv_raw(r, "<td class=\"out\"></td>");
  sv_raw(r, "</tr></tbody></table>");
}

void sv_page_deadlines(sv_req *r) {
  const char *view = sv_arg(r, "view");
  int cal = view && strcmp(view, "calendar") == 0;
  const char *month = sv_arg(r, "month");
  int y = 0, m = 0;
  if (month && (sscanf(month, "%4d-%2d", &y, &m) != 2 || strlen(month) != 7 || m < 1 || m > 12 ||
                y < 1900 || y > 2200)) {
    sv_error(r, 400, TR(r, "month: dạng YYYY-MM", "month: written YYYY-MM"));
    return;
  }
  char after[40], before[40];
  vb_question *q = sv_question(r, VB_ASK_DEADLINES);
  if (!q) return;
  json_t *res = NULL;
  if (cal && !month) {
    /* The calendar opens on the month of the first deadline that matches. */
    if (!(res = run(r, q))) {
      vb_question_free(q);
      return;
    }
    json_t *a;
    size_t i;
    json_array_foreach(json_object_get(res, "answers"), i, a) {
      const char *dl = jstr(a, "deadline");
      if (dl && sscanf(dl, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12) break;
      y = m = 0;
    }
    json_decref(res);
    res = NULL;
    if (!y) {
      time_t now = time(NULL);
      struct tm tm;
      gmtime_r(&now, &tm);
      y = tm.tm_year + 1900;
      m = tm.tm_mon + 1;
    }
  }
  if (cal) {
    snprintf(after, sizeof after, "%04d-%02d-01", y, m);
    snprintf(before, sizeof before, "%04d-%02d-%02d", y, m, month_days(y, m));
    if (vb_question_set(&q->after, after) != VB_OK || vb_question_set(&q->before, before) != VB_OK) {
      r->failed = 1;
      vb_question_free(q);
      return;
    }
  }
  res = run(r, q);
  vb_question_free(q);
  if (!res) return;
  if (maybe_export(r, res, "deadlines")) {
    json_decref(res);
    return;
  }
  sv_page_begin(r, TR(r, "Thời hạn", "Deadlines"), "deadlines");
  sv_printf(r, "<h1>%s</h1><form class=\"filters\" action=\"/deadlines\" method=\"get\">",
            TR(r, "Thời hạn phải hoàn thành", "Deadlines"));
  field(r, "unit", TR(r, "Đơn vị", "Unit"), "text");
  if (!cal) {
    field(r, "after", TR(r, "Từ ngày", "After"), "date");
    field(r, "before", TR(r, "Đến ngày", "Before"), "date");
  }
  field(r, "province", TR(r, "Tỉnh", "Province"), "text");
  field(r, "year", TR(r, "Năm", "Year"), "number");
  if (cal) sv_printf(r, "<input type=\"hidden\" name=\"view\" value=\"calendar\">");
  if (month) sv_printf(r, "<input type=\"hidden\" name=\"month\" value=\"%s\">", month);
  sv_printf(r, "%r<button type=\"submit\">%s</button></form>",
            r->en ? "<input type=\"hidden\" name=\"lang\" value=\"en\">" : "", TR(r, "Lọc", "Filter"));
  sv_printf(r, "<div class=\"bar\"><span class=\"count\">%D %s</span> <span class=\"views\"><a%r href=\"",
            (int64_t)json_integer_value(json_object_get(res, "count")), TR(r, "thời hạn", "deadlines"),
            cal ? "" : " class=\"on\"");
  sv_self(r, "view", NULL);
  sv_printf(r, "\">%s</a> <a%r href=\"", TR(r, "Bảng", "Table"), cal ? " class=\"on\"" : "");
  sv_self(r, "view", "calendar");
  sv_printf(r, "\">%s</a></span>", TR(r, "Lịch tháng", "Month calendar"));
  sv_export_links(r, "view");
  sv_raw(r, "</div>");
  json_t *answers = json_object_get(res, "answers"), *a;
  size_t i;
  if (cal) {
    calendar(r, answers, y, m);
  } else {
    cut_note(r, res);
    sv_printf(r, "<table class=\"grid\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                 "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
              TR(r, "Hạn", "Date"), TR(r, "Việc", "What"), TR(r, "Ai", "Who"), TR(r, "Gửi đến", "To"),
              TR(r, "Tỉnh", "Province"), TR(r, "Văn bản", "Document"), TR(r, "Căn cứ", "Evidence"));
    id_cache c = {"", 0};
    json_array_foreach(answers, i, a) {
      if (i >= SV_MAX_RESULTS) break;
      int64_t id = answer_doc(r, &c, a);
      sv_raw(r, "<tr><td class=\"date\">");
      deadline_text(r, a);
      sv_printf(r, "</td><td>%s</td><td>", jstr(a, "what"));
      who_text(r, a);
      sv_printf(r, "</td><td>%s</td><td>%s</td>", jstr(a, "to"), jstr(a, "province"));
      doc_cell(r, id, a);
      sv_raw(r, "<td class=\"evc\">");
      evidence_link(r, id, a);
      sv_raw(r, "</td></tr>");
    }
    sv_raw(r, "</tbody></table>");
  }
  json_decref(res);
  sv_page_end(r);
}

/* ---- Map ---- */

typedef struct tile {
  char before[64], after[64], label[64];
  int row, col, row25, col25;
} tile;

/* Parse the embedded tile table into tiles; returns the count. */
static int load_tiles(tile *t, int max) {
  int n = 0;
  const char *p = vb_asset_provinces_tsv;
  while (*p && n < max) {
    const char *e = strchr(p, '\n');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    if (*p != '#' && len) {
      char line[512];
      snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line - 1 ? len : sizeof line - 1), p);
      if (sscanf(line, "%63[^\t]\t%63[^\t]\t%63[^\t]\t%d\t%d\t%d\t%d", t[n].before, t[n].after,
                 t[n].label, &t[n].row, &t[n].col, &t[n].row25, &t[n].col25) == 7)
        n++;
    }
    p = e ? e + 1 : p + len;
  }
  return n;
}

/* Documents per province (as named in them) for the request's query and
** filters, or for the whole index without a query. */
static json_t *province_counts(sv_req *r) {
  vb_search_opts o;
  if (sv_search_opts(r, &o) < 0) return NULL;
  json_t *out = NULL;
  if (o.query) {
    json_t *facets = NULL;
    vb_error err = {0};
    vb_status rc = vb_facets(r->idx, &o, &facets, &err);
    if (rc != VB_OK) {
      sv_fail(r, rc, &err);
      return NULL;
    }
    out = json_incref(json_object_get(facets, "province"));
    json_decref(facets);
    return out;
  }
  sqlite3_stmt *s = NULL;
  out = json_array();
  if (sqlite3_prepare_v2(vb_index_db(r->idx),
                         "SELECT province, count(*) FROM documents WHERE province IS NOT NULL "
                         "GROUP BY 1", -1, &s, NULL) == SQLITE_OK)
    while (sqlite3_step(s) == SQLITE_ROW)
      json_array_append_new(out, json_pack("{s:s, s:I}", "value", (const char *)sqlite3_column_text(s, 0),
                                           "count", (json_int_t)sqlite3_column_int64(s, 1)));
  sqlite3_finalize(s);
  return out;
}

void sv_page_map(sv_req *r) {
  const char *era = sv_arg(r, "era");
  int now = era && strcmp(era, "2025") == 0;
  json_t *counts = province_counts(r);
  if (!counts) return;
  tile tiles[70];
  int nt = load_tiles(tiles, 70);
  /* Count per tile: a document counts for its province, and since the
  ** merger for the province that took it in. */
  int64_t cnt[70] = {0}, max = 0;
  json_t *item;
  size_t i;
  json_array_foreach(counts, i, item) {
    const char *v = jstr(item, "value");
    int64_t n = json_integer_value(json_object_get(item, "count"));
    for (int k = 0; v && k < nt; k++) {
      if (strcmp(tiles[k].before, v) != 0 && strcmp(tiles[k].after, v) != 0) continue;
      const char *target = now ? tiles[k].after : tiles[k].before;
      for (int j = 0; j < nt; j++)
        if (strcmp(now ? tiles[j].after : tiles[j].before, target) == 0) {
          cnt[j] += n;
          if (!now) break;
        }
      break;
    }
  }
  for (int k = 0; k < nt; k++) max = cnt[k] > max ? cnt[k] : max;
  sv_page_begin(r, TR(r, "Bản đồ", "Map"), "map");
  sv_printf(r, "<h1>%s</h1><form class=\"search\" action=\"/map\" method=\"get\"><div class=\"qrow\">"
               "<input type=\"search\" name=\"q\" value=\"%s\" maxlength=\"1024\" aria-label=\"%s\">"
               "<button type=\"submit\">%s</button></div>%r%r</form>",
            TR(r, "Văn bản theo tỉnh", "Documents by province"), sv_arg(r, "q"),
            TR(r, "Truy vấn", "Query"), TR(r, "Tô màu", "Colour"),
            now ? "<input type=\"hidden\" name=\"era\" value=\"2025\">" : "",
            r->en ? "<input type=\"hidden\" name=\"lang\" value=\"en\">" : "");
  sv_raw(r, "<div class=\"bar\"><span class=\"views\"><a");
  sv_printf(r, "%r href=\"", now ? "" : " class=\"on\"");
  sv_self(r, "era", NULL);
  sv_printf(r, "\">%s</a> <a%r href=\"", TR(r, "63 tỉnh (trước 7/2025)", "63 provinces (before July 2025)"),
            now ? " class=\"on\"" : "");
  sv_self(r, "era", "2025");
  sv_printf(r, "\">%s</a></span></div><div class=\"tiles%r\">",
            TR(r, "34 tỉnh (từ 7/2025)", "34 provinces (since July 2025)"), now ? " t34" : "");
  for (int k = 0; k < nt; k++) {
    const char *name = now ? tiles[k].after : tiles[k].before;
    int dup = 0;
    for (int j = 0; now && j < k; j++) dup |= strcmp(tiles[j].after, name) == 0;
    if (dup) continue;
    int level = cnt[k] == 0 ? 0 : max <= 1 ? 5 : (int)(1 + (4 * (cnt[k] - 1)) / (max - 1 ? max - 1 : 1));
    if (level > 5) level = 5;
    const char *label = now ? (strcmp(tiles[k].before, name) == 0 ? tiles[k].label : name) : tiles[k].label;
    sv_printf(r, "<a class=\"tile h%d gr%d gc%d\" title=\"%s: %D\" href=\"", level,
              now ? tiles[k].row25 : tiles[k].row, now ? tiles[k].col25 : tiles[k].col, name, cnt[k]);
    if (sv_arg(r, "q"))
      sv_link(r, "/search", (const char *const[]){"q", "year", "issuer", "type", NULL}, "province", name);
    else
      sv_link(r, "/search", NULL, "province", name);
    sv_printf(r, "\"><span class=\"nm\">%s</span><span class=\"c\">%D</span></a>", label, cnt[k]);
  }
  sv_printf(r, "</div><p class=\"hint\">%s</p>",
            TR(r, "Mỗi ô là một tỉnh, xếp đại thể từ bắc xuống nam; màu càng đậm càng nhiều văn bản khớp.",
               "Each tile is a province, placed roughly north to south; the darker, the more matching documents."));
  json_decref(counts);
  sv_page_end(r);
}
