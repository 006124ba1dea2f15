/*
** test_index.c: storing, replacing and removing documents (index/index.c)
** and searching them (query/search.c), on a scratch database.
*/
#include <unistd.h>

#include "index/index.h"
#include "query/query.h"
#include "vbtest.h"

/* A document read from bytes, as the pipeline would have it. */
static vb_doc *make_doc(const char *source, const char *text) {
  vb_doc *doc = NULL;
  vb_status rc = vb_read_bytes(source, (const unsigned char *)text,
                               strlen(text), NULL, &doc, NULL);
  VB_CHECK_INT(rc, VB_OK);
  return doc;
}

static json_t *make_record(const char *title, int nrefs) {
  json_t *r = json_pack("{s:s, s:s, s:i, s:s, s:[], s:[s], s:{s:{s:i, s:s}}}",
                        "title", title, "doc_type", "Kế hoạch", "year", 2021,
                        "province", "Bắc Kạn", "references", "recipients",
                        "UBND tỉnh", "evidence", "recipients[0]", "line", 2,
                        "text", "- UBND tỉnh;");
  for (int i = 0; i < nrefs; i++)
    json_array_append_new(json_object_get(r, "references"),
                          json_pack("{s:s, s:s}", "type", "Quyết định", "id",
                                    "1790/QĐ-TTg"));
  return r;
}

static int64_t count(vb_index *idx, const char *sql) {
  sqlite3_stmt *s = NULL;
  int64_t n = -1;
  if (sqlite3_prepare_v2(vb_index_db(idx), sql, -1, &s, NULL) == SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW)
    n = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return n;
}

static size_t hits(vb_index *idx, const char *q) {
  vb_search_opts o;
  memset(&o, 0, sizeof o);
  o.query = q;
  vb_results *r = NULL;
  vb_error err = {0};
  if (vb_search(idx, &o, &r, &err) != VB_OK) {
    fprintf(stderr, "search [%s]: %s\n", q, err.msg);
    return (size_t)-1;
  }
  size_t n = vb_results_count(r);
  vb_results_free(r);
  return n;
}

/* The record the view records gives back for source, as compact JSON
** (caller frees with free()), or NULL. */
static char *stored_back(vb_index *idx, const char *source) {
  sqlite3_stmt *s = NULL;
  char *out = NULL;
  if (sqlite3_prepare_v2(vb_index_db(idx),
                         "SELECT r.record FROM records r JOIN documents d "
                         "ON d.id = r.doc_id WHERE d.source = ?1",
                         -1, &s, NULL) == SQLITE_OK) {
    sqlite3_bind_text(s, 1, source, -1, SQLITE_STATIC);
    json_t *j = sqlite3_step(s) == SQLITE_ROW
                    ? json_loads((const char *)sqlite3_column_text(s, 0), 0,
                                 NULL)
                    : NULL;
    out = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
  }
  sqlite3_finalize(s);
  return out;
}

/* Text stored once (index/stored.c): what the tables hold is left out of
** the stored record and the view records puts it back; what they do not
** hold exactly (a second text for a line, a text that is not the last
** member, a list with an item of another form) is kept in the record. */
static void check_stored_once(vb_index *idx) {
  vb_error err = {0};
  int replaced = 0;
  vb_doc *doc = make_doc("s/once.txt", "KẾ HOẠCH\nSở Y tế báo cáo\n");
  json_t *rec = json_loads(
      "{\"title\":\"Một\",\"references\":[{\"type\":\"Quyết định\",\"id\":"
      "\"1/QĐ\",\"date\":null,\"issuer\":null,\"relation\":\"cites\"}],"
      "\"recipients\":[\"UBND tỉnh\",\"Lưu\"],"
      "\"units\":[{\"name\":\"Sở Y tế\",\"canonical\":null,\"tasks\":"
      "[\"báo cáo\",\"kiểm tra\"]},{\"name\":null,\"canonical\":\"X\","
      "\"tasks\":[]}],\"deadlines\":[{\"date\":\"2021-12-15\",\"recurs\":"
      "null,\"what\":\"báo cáo\",\"who\":[\"Sở Y tế\"],\"to\":null}],"
      "\"reports\":[],\"evidence\":{\"title\":{\"line\":1,\"text\":"
      "\"KẾ HOẠCH\"},\"references[0]\":{\"page\":1,\"line\":2,\"text\":"
      "\"Sở Y tế báo cáo\"},\"units[0]\":{\"line\":2,\"text\":\"Sở Y tế "
      "báo cáo\"},\"deadlines[0]\":{\"line\":2,\"text\":\"other\"},"
      "\"recipients[0]\":{\"text\":\"x\",\"line\":3},\"year\":null}}",
      0, NULL);
  VB_CHECK(rec != NULL);
  char *want = json_dumps(rec, JSON_COMPACT);
  VB_CHECK_INT(vb_index_begin(idx, &err), VB_OK);
  VB_CHECK_INT(vb_index_put(idx, doc, rec, NULL, &replaced, &err), VB_OK);
  VB_CHECK_INT(vb_index_commit(idx, &err), VB_OK);
  char *got = stored_back(idx, "s/once.txt");
  VB_CHECK_STR(got, want);
  /* kept: the second text of line 2 and the text before its line; the
  ** units list (an unnamed unit) whole, the other lists as numbers */
  const char *in_doc = " FROM record_rows r JOIN documents d ON d.id = "
                       "r.doc_id WHERE d.source = 's/once.txt'";
  char sql[256];
  snprintf(sql, sizeof sql, "SELECT (length(record) - length(replace(record, "
           "'\"text\"', ''))) / 6%s", in_doc);
  VB_CHECK_INT(count(idx, sql), 2);
  snprintf(sql, sizeof sql, "SELECT json_type(record, '$.units') = 'array' "
           "AND json_type(record, '$.references') = 'integer'%s", in_doc);
  VB_CHECK_INT(count(idx, sql), 1);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM lines l JOIN documents d ON "
                          "d.id = l.doc_id WHERE d.source = 's/once.txt'"), 2);
  /* removing the document removes its lines */
  int removed = 0;
  VB_CHECK_INT(vb_index_begin(idx, &err), VB_OK);
  VB_CHECK_INT(vb_index_remove(idx, "s/once.txt", &removed, &err), VB_OK);
  VB_CHECK_INT(vb_index_commit(idx, &err), VB_OK);
  VB_CHECK_INT(removed, 1);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM lines WHERE doc_id NOT IN "
                          "(SELECT id FROM documents)"), 0);
  free(got); /* jansson allocates with malloc */
  free(want);
  json_decref(rec);
  vb_doc_free(doc);
}

/* Documents with units, tasks, reports and deadlines in one batch: each
** task text is stored once, every unit, reporting duty and yearly duty has
** its answer_order row, and
** the full-text index gets one segment for the batch (a statement that
** fires a trigger or otherwise runs in a savepoint makes FTS5 write the
** terms it holds, one segment per document). */
static void check_one_batch(void) {
  char path[] = "test_index_batch_XXXXXX";
  vb_test_db(path);
  vb_index *idx = NULL;
  vb_error err = {0};
  int replaced = 0, removed = 0;
  VB_CHECK_INT(vb_index_open(path, VB_INDEX_WRITE, &idx, &err), VB_OK);
  json_t *rec = json_loads(
      "{\"title\":\"Kế hoạch y tế\",\"province\":\"Bắc Kạn\",\"date\":"
      "\"2021-05-01\",\"year\":2021,\"units\":[{\"name\":\"Sở Y tế\","
      "\"canonical\":\"Sở Y tế tỉnh Bắc Kạn\",\"tasks\":[\"báo cáo\","
      "\"kiểm tra\"]}],\"reports\":[{\"from\":\"Sở Y tế\",\"to\":"
      "\"UBND tỉnh\",\"via\":null,\"by\":null,\"from_canonical\":null,"
      "\"to_canonical\":null}],\"deadlines\":[{\"date\":\"--12-15\","
      "\"recurs\":\"yearly\",\"what\":\"báo cáo\"},{\"date\":"
      "\"2021-06-30\",\"recurs\":null,\"what\":\"kiểm tra\"}]}",
      0, NULL);
  VB_CHECK(rec != NULL);
  const char *src[] = {"b/1.txt", "b/2.txt", "b/3.txt", "b/4.txt"};
  vb_doc *docs[4];
  VB_CHECK_INT(vb_index_begin(idx, &err), VB_OK);
  for (int i = 0; i < 4; i++) {
    docs[i] = make_doc(src[i], "Kế hoạch y tế\nSở Y tế báo cáo kiểm tra\n");
    VB_CHECK_INT(vb_index_put(idx, docs[i], rec, NULL, &replaced, &err),
                 VB_OK);
  }
  VB_CHECK_INT(vb_index_commit(idx, &err), VB_OK);
  VB_CHECK_INT(count(idx, "SELECT count(DISTINCT segid) FROM docs_fts_idx"),
               1);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM tasks"), 8);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM task_texts"), 2);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM tasks WHERE seq = 1 AND "
                          "text = 'kiểm tra'"), 4);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM answer_order o JOIN "
                          "documents d ON d.id = o.doc_id WHERE o.province = "
                          "d.province AND o.date = d.date AND o.year = 2021 "
                          "AND o.source = d.source AND ((o.kind = 1 AND "
                          "o.key = 'ubndtinh') OR (o.kind = 2 AND o.key = "
                          "'soytetinhbackan'))"), 8);
  /* a yearly duty (kind 3) under its day, without province or date; a
  ** dated one has no row */
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM answer_order WHERE kind = 3 "
                          "AND key = '--12-15' AND province = 0 AND date = 0 "
                          "AND seq = 0 AND year = 2021"), 4);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM answer_order"), 12);
  /* each with the columns its answer shows */
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM answer_order WHERE kind = 1 "
                          "AND name = 'Sở Y tế' AND canonical IS NULL AND "
                          "to_body = 'UBND tỉnh' AND via IS NULL AND tasks "
                          "IS NULL"), 4);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM answer_order WHERE kind = 2 "
                          "AND name = 'Sở Y tế' AND canonical = 'Sở Y tế "
                          "tỉnh Bắc Kạn' AND tasks = 2"), 4);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM answer_order WHERE kind = 3 "
                          "AND what = 'báo cáo' AND who IS NULL AND "
                          "to_body IS NULL AND tasks IS NULL"), 4);
  VB_CHECK_INT(hits(idx, "kiem tra"), 4);
  /* Texts still used stay; a text no task uses goes with vb_index_tidy. */
  VB_CHECK_INT(vb_index_begin(idx, &err), VB_OK);
  for (int i = 0; i < 3; i++)
    VB_CHECK_INT(vb_index_remove(idx, src[i], &removed, &err), VB_OK);
  VB_CHECK_INT(vb_index_tidy(idx, &err), VB_OK);
  VB_CHECK_INT(vb_index_commit(idx, &err), VB_OK);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM task_texts"), 2);
  /* a document's answer_order rows go with it, the others' stay */
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM answer_order WHERE source = "
                          "'b/4.txt'"), 3);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM answer_order"), 3);
  VB_CHECK_INT(vb_index_begin(idx, &err), VB_OK);
  VB_CHECK_INT(vb_index_remove(idx, src[3], &removed, &err), VB_OK);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM task_texts"), 2);
  VB_CHECK_INT(vb_index_tidy(idx, &err), VB_OK);
  VB_CHECK_INT(vb_index_commit(idx, &err), VB_OK);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM task_texts"), 0);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM answer_order"), 0);
  for (int i = 0; i < 4; i++) vb_doc_free(docs[i]);
  json_decref(rec);
  vb_index_close(idx);
  vb_test_rm_db(path);
}

/* A scratch index at path (a vb_test_db() template) holding n documents
** src[i] of the same text and record, put in one batch into docs[i]. */
static vb_index *index_copies(char *path, const char *const *src,
                              vb_doc **docs, int n, const char *text,
                              json_t *rec) {
  vb_index *idx = NULL;
  vb_error err = {0};
  int replaced = 0;
  vb_test_db(path);
  VB_CHECK_INT(vb_index_open(path, VB_INDEX_WRITE, &idx, &err), VB_OK);
  VB_CHECK_INT(vb_index_begin(idx, &err), VB_OK);
  for (int i = 0; i < n; i++) {
    docs[i] = make_doc(src[i], text);
    VB_CHECK_INT(vb_index_put(idx, docs[i], rec, NULL, &replaced, &err),
                 VB_OK);
  }
  VB_CHECK_INT(vb_index_commit(idx, &err), VB_OK);
  return idx;
}

/* Remove source and tidy, in one batch. */
static void remove_and_tidy(vb_index *idx, const char *source) {
  vb_error err = {0};
  int removed = 0;
  VB_CHECK_INT(vb_index_begin(idx, &err), VB_OK);
  VB_CHECK_INT(vb_index_remove(idx, source, &removed, &err), VB_OK);
  VB_CHECK_INT(removed, 1);
  VB_CHECK_INT(vb_index_tidy(idx, &err), VB_OK);
  VB_CHECK_INT(vb_index_commit(idx, &err), VB_OK);
}

/* Two documents quoting the same lines under the same headings: each
** distinct text is stored once in line_texts (a heading line that evidence
** quotes too is one text), the views lines and headings give every row
** back, and a text goes with vb_index_tidy once no document uses it. */
static void check_lines_once(void) {
  char path[] = "test_index_lines_XXXXXX";
  json_t *rec = json_loads(
      "{\"title\":\"Kế hoạch y tế\",\"recipients\":[\"Sở Y tế\","
      "\"Sở Tài chính\"],\"evidence\":{\"title\":{\"line\":1,\"text\":"
      "\"KẾ HOẠCH Y TẾ\"},\"recipients[0]\":{\"line\":2,\"text\":\"1. "
      "Sở Y tế báo cáo kết quả\"},\"recipients[1]\":{\"line\":4,\"text\":"
      "\"2. Sở Tài chính bố trí kinh phí\"},\"year\":null}}",
      0, NULL);
  VB_CHECK(rec != NULL);
  const char *text = "KẾ HOẠCH Y TẾ\n1. Sở Y tế báo cáo kết quả\n"
                     "Sở Y tế báo cáo kết quả thực hiện hằng năm.\n"
                     "2. Sở Tài chính bố trí kinh phí\n"
                     "Sở Tài chính bố trí kinh phí thực hiện kế hoạch.\n";
  const char *src[] = {"l/1.txt", "l/2.txt"};
  vb_doc *docs[2];
  vb_index *idx = index_copies(path, src, docs, 2, text, rec);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM lines"), 6);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM lines WHERE line = 2 AND "
                          "text = '1. Sở Y tế báo cáo kết quả'"), 2);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM headings"), 4);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM paragraphs WHERE heading = "
                          "'2. Sở Tài chính bố trí kinh phí'"), 2);
  /* three texts: the title line and the two headings (quoted too) */
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM line_texts"), 3);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM line_keys k JOIN line_texts "
                          "t ON t.id = k.id"), 3);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM line_texts WHERE text = "
                          "'1. Sở Y tế báo cáo kết quả'"), 1);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM pragma_table_info('line_rows') "
                          "WHERE name = 'text'"), 0);
  /* the records view puts the quoted texts back, and the evidence of the
  ** recipients, stored as one member, in its place */
  char *want = json_dumps(rec, JSON_COMPACT), *got = stored_back(idx, src[1]);
  VB_CHECK_STR(got, want);
  free(got); /* jansson allocates with malloc */
  free(want);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM record_rows WHERE "
                          "json_extract(record, '$.evidence.\"recipients[]\"') "
                          "= 2 AND instr(record, 'recipients[0]') = 0"), 2);
  remove_and_tidy(idx, src[0]);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM line_texts"), 3);
  remove_and_tidy(idx, src[1]);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM line_texts"), 0);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM line_keys"), 0);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM lines"), 0);
  for (int i = 0; i < 2; i++) vb_doc_free(docs[i]);
  json_decref(rec);
  vb_index_close(idx);
  vb_test_rm_db(path);
}

static int collect(void *ctx, const char *source) {
  char *acc = ctx;
  strcat(acc, source);
  strcat(acc, ";");
  return 0;
}

int main(void) {
  char path[] = "test_index_XXXXXX";
  vb_test_db(path);
  vb_index *idx = NULL;
  vb_error err = {0};
  VB_CHECK_INT(vb_index_open(path, VB_INDEX_READ, &idx, &err), VB_ENOTFOUND);
  VB_CHECK_INT(vb_index_open(path, VB_INDEX_WRITE, &idx, &err), VB_OK);

  vb_doc *a = make_doc("d/a.txt", "KẾ HOẠCH\nbình đẳng giới ở Bắc Kạn\n");
  vb_doc *b = make_doc("d/sub/b.txt", "Kế hoạch phòng chống thiên tai\n");
  vb_doc *c = make_doc("other/c.txt", "Kế hoạch chuyển đổi số\n");
  json_t *ra = make_record("Bình đẳng giới", 2), *rb = make_record("Thiên tai", 0);
  int replaced = -1, found = -1, removed = -1;
  char sha[65];

  VB_CHECK_INT(vb_index_put(idx, a, ra, NULL, &replaced, &err), VB_EINVAL);
  VB_CHECK_INT(vb_index_begin(idx, &err), VB_OK);
  VB_CHECK_INT(vb_index_put(idx, a, ra, NULL, &replaced, &err), VB_OK);
  VB_CHECK_INT(replaced, 0);
  VB_CHECK_INT(vb_index_put(idx, b, rb, NULL, &replaced, &err), VB_OK);
  VB_CHECK_INT(vb_index_put(idx, c, rb, NULL, &replaced, &err), VB_OK);
  VB_CHECK_INT(vb_index_commit(idx, &err), VB_OK);

  VB_CHECK_INT(vb_index_lookup(idx, "d/a.txt", sha, &found, &err), VB_OK);
  VB_CHECK_INT(found, 1);
  VB_CHECK_STR(sha, a->sha256);
  VB_CHECK_INT(vb_index_lookup(idx, "d/none.txt", sha, &found, &err), VB_OK);
  VB_CHECK_INT(found, 0);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM refs"), 2);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM recipients WHERE line = 2"), 3);
  VB_CHECK_INT(hits(idx, "binh dang gioi"), 1);
  VB_CHECK_INT(hits(idx, "ke hoach"), 3);
  /* Each document's province and year are facet tokens of docs_fts, read
     as written (schema.sql, doc_facets); words never reach them. */
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM docs_fts WHERE docs_fts "
                          "MATCH '\"\x01p:Bắc_Kạn\" AND \"\x01y:2021\"'"),
               3);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM docs_fts WHERE docs_fts "
                          "MATCH '\"\x01y:2020\"'"),
               0);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM docs_fts WHERE docs_fts "
                          "MATCH '\"p:Bắc_Kạn\" OR \"y:2021\"'"),
               0);
  VB_CHECK_INT(hits(idx, "thien tai bac kan"), 0); /* b: not in its text */
  check_stored_once(idx);
  check_one_batch();
  check_lines_once();

  /* Replacing a document replaces every row that belongs to it. */
  vb_doc *a2 = make_doc("d/a.txt", "Kế hoạch an toàn giao thông\n");
  VB_CHECK_INT(vb_index_begin(idx, &err), VB_OK);
  VB_CHECK_INT(vb_index_put(idx, a2, rb, NULL, &replaced, &err), VB_OK);
  VB_CHECK_INT(replaced, 1);
  VB_CHECK_INT(vb_index_commit(idx, &err), VB_OK);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM refs"), 0);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM documents"), 3);
  VB_CHECK_INT(hits(idx, "binh dang gioi"), 0);
  VB_CHECK_INT(hits(idx, "giao thông"), 1);

  /* A rolled-back batch leaves nothing behind. */
  vb_doc *d = make_doc("d/d.txt", "Kế hoạch xóa đói giảm nghèo\n");
  VB_CHECK_INT(vb_index_begin(idx, &err), VB_OK);
  VB_CHECK_INT(vb_index_put(idx, d, rb, NULL, &replaced, &err), VB_OK);
  vb_index_rollback(idx);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM documents"), 3);
  VB_CHECK_INT(hits(idx, "giam ngheo"), 0);

  /* Sources under a directory, for --prune. */
  char acc[256] = "";
  VB_CHECK_INT(vb_index_each_under(idx, "d/", collect, acc, &err), VB_OK);
  VB_CHECK_STR(acc, "d/a.txt;d/sub/b.txt;");
  VB_CHECK_INT(vb_index_begin(idx, &err), VB_OK);
  VB_CHECK_INT(vb_index_remove(idx, "d/sub/b.txt", &removed, &err), VB_OK);
  VB_CHECK_INT(removed, 1);
  VB_CHECK_INT(vb_index_remove(idx, "d/sub/b.txt", &removed, &err), VB_OK);
  VB_CHECK_INT(removed, 0);
  VB_CHECK_INT(vb_index_commit(idx, &err), VB_OK);
  VB_CHECK_INT(hits(idx, "phong chong"), 0);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM recipients"), 2);

  /* The full-text index agrees with the content. */
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM docs_fts WHERE docs_fts "
                          "MATCH 'ke'"), 2);
  sqlite3_exec(vb_index_db(idx),
               "INSERT INTO docs_fts(docs_fts, rank) VALUES('integrity-check', 1)",
               NULL, NULL, NULL);
  VB_CHECK_INT(sqlite3_errcode(vb_index_db(idx)), SQLITE_OK);

  /* A bulk load drops the list indexes and builds them again; a crash in
     between leaves them to the next writer that opens the index. */
  const char *nidx = "SELECT count(*) FROM sqlite_schema WHERE type = "
                     "'index' AND name IN ('paragraphs_fingerprint', "
                     "'refs_id', 'reports_to', 'deadlines_date')";
  VB_CHECK_INT(count(idx, nidx), 4);
  VB_CHECK_INT(vb_index_begin(idx, &err), VB_OK);
  VB_CHECK_INT(vb_index_bulk_begin(idx, &err), VB_EINVAL); /* in a batch */
  vb_index_rollback(idx);
  VB_CHECK_INT(vb_index_bulk_begin(idx, &err), VB_OK);
  VB_CHECK_INT(count(idx, nidx), 0);
  vb_doc *e = make_doc("d/e.txt", "Kế hoạch số 2 về trẻ em\n");
  VB_CHECK_INT(vb_index_begin(idx, &err), VB_OK);
  VB_CHECK_INT(vb_index_put(idx, e, ra, NULL, &replaced, &err), VB_OK);
  VB_CHECK_INT(vb_index_commit(idx, &err), VB_OK);
  VB_CHECK_INT(hits(idx, "tre em"), 1);
  /* Each batch wrote its own segment; the end of the load merges them. */
  const char *nseg = "SELECT count(DISTINCT segid) FROM docs_fts_idx";
  VB_CHECK(count(idx, nseg) > 1);
  VB_CHECK_INT(vb_index_bulk_end(idx, &err), VB_OK);
  VB_CHECK_INT(count(idx, nseg), 1);
  VB_CHECK_INT(count(idx, "SELECT count(DISTINCT segid) FROM titles_fts_idx"),
               1);
  VB_CHECK_INT(hits(idx, "tre em"), 1);
  VB_CHECK_INT(count(idx, nidx), 4);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM refs WHERE ref_id = "
                          "'1790/QĐ-TTg'"), 2);
  VB_CHECK_INT(vb_index_bulk_begin(idx, &err), VB_OK);
  vb_index_close(idx);
  VB_CHECK_INT(vb_index_open(path, VB_INDEX_WRITE, &idx, &err), VB_OK);
  VB_CHECK_INT(count(idx, nidx), 4);
  VB_CHECK_INT(count(idx, "SELECT count(*) FROM pragma_integrity_check "
                          "WHERE integrity_check <> 'ok'"), 0);

  vb_doc_free(a); vb_doc_free(a2); vb_doc_free(b); vb_doc_free(c); vb_doc_free(d);
  vb_doc_free(e);
  json_decref(ra);
  json_decref(rb);
  vb_index_close(idx);

  /* A second handle reads what the first committed. */
  VB_CHECK_INT(vb_index_open(path, VB_INDEX_READ, &idx, &err), VB_OK);
  VB_CHECK_INT(hits(idx, "giao thong"), 1);
  vb_index_close(idx);
  vb_test_rm_db(path);
  return vb_test_done();
}
