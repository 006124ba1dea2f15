/*
** test_rules.c: every rule of extract/rules.c compiles and matches its own
** example; the groups the extractor reads come out as expected; texts that
** look alike but are not values do not match (and the rules that cite a
** law by name do not run on into the next document); every field the
** extractor asks for has at least one rule; the rule runner finds a field
** by its name, wherever the name is stored.
*/
#include <string.h>

#include "extract/extract_int.h"
#include "vbtest.h"

/* Fields the extractor (extract.c) looks up by name. */
static const char *const used_fields[] = {
    "doc_begin",      "motto",          "doc_end",       "meta",
    "number",         "place_date",     "doc_type",      "title_vv",
    "title_stop",     "issuer_sentence", "issuer_closing", "locality",
    "theme_head",     "theme_quote",    "theme_inline",  "period_head",
    "period_anchor",  "period_range",   "period_open",   "period_title",
    "ref",            "ref_issuer_office", "sig_auth",
    "sig_name",       "sig_tail",       "sig_skip",      "recip_head",
    "appendix",       "page_mark",      "title_lead",    "sub_body",
    "commune",        "period_stated",   "urgency",
};

/* A group a field's match must yield. */
static const struct {
  const char *field, *text, *group, *want;
} groups[] = {
    {"number", "Số: 622 /KH-UBND", "id", "622 /KH-UBND"},
    {"number", "Số 119-KH/TU", "id", "119-KH/TU"},
    {"number", "SỐ: 49/2012/QĐ-UBND", "id", "49/2012/QĐ-UBND"},
    {"place_date", "Bắc Kạn, ngày 18 tháng 10 năm 2021", "place", "Bắc Kạn"},
    {"place_date", "Thành phố Hồ Chí Minh, ngày 23 tháng 10 năm 2012", "place",
     "Thành phố Hồ Chí Minh"},
    {"place_date", "Sơn La, ngày tháng 3 năm 2022", "date",
     "ngày tháng 3 năm 2022"},
    {"place_date", "Hà Nội, 18.10.2021", "date", "18.10.2021"},
    {"doc_type", "QUYẾT ĐỊNH", "type", "QUYẾT ĐỊNH"},
    {"doc_type", "THÔNG TƯ LIÊN TỊCH", "type", "THÔNG TƯ LIÊN TỊCH"},
    {"ref",
     "Thực hiện Kế hoạch số 73/KH-LĐTĐ&XH ngày 11/9/2018 của Sở Lao động - "
     "Thương binh & Xã hội tỉnh Bắc Giang về việc triển khai",
     "issuer", "Sở Lao động - Thương binh & Xã hội tỉnh Bắc Giang"},
    {"ref", "Nghị quyết số 27/NQ- TW ngày 09/11/2022 của Ban Chấp hành",
     "id", "27/NQ- TW"},
    {"ref", "Quyết định 1229/QĐ-UBND ngày 28/02/2025 của UBND Thành phố về",
     "date", "28/02/2025"},
    {"ref", "Thông tư liên tịch số: 17/2006/TTLT-BLĐTBXH-BTC-BYT ngày 21/11",
     "id", "17/2006/TTLT-BLĐTBXH-BTC-BYT"},
    {"ref", "căn cứ Chỉ thị số 21-CT/TW ngày 20/01/2018 của Ban Bí thư về",
     "issuer", "Ban Bí thư"},
    {"ref", "Kế hoạch số 87/KH-LĐTĐ&XH ngày 09/10/2023 Sở Lao động Thương "
            "binh và Xã hội về triển khai",
     "issuer", "Sở Lao động Thương binh và Xã hội"},
    {"ref", "Căn cứ Luật Ngân sách nhà nước ngày 16/12/2002;", "date",
     "16/12/2002"},
    {"ref", "Căn cứ Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013;",
     "name", "Phòng, chống thiên tai"},
    {"period_range", "(từ ngày 20 tháng 11 năm 2025 đến ngày 03 tháng 12 "
                     "năm 2025);",
     "from", "ngày 20 tháng 11 năm 2025"},
    {"period_range", "Từ ngày 15/11/2021 đến ngày 15/12/2021.", "to",
     "ngày 15/12/2021"},
    {"period_title", "giai đoạn 2026 - 2030", "fy", "2026"},
    {"theme_inline", "với chủ đề: \"Chung tay vì bình đẳng giới\"", "theme",
     "Chung tay vì bình đẳng giới"},
    {"sig_auth", "TM. ỦY BAN NHÂN DÂN", "rest", "ỦY BAN NHÂN DÂN"},
    {"sig_tail", "CHỦ TỊCH Hoàng Quốc Khánh", "name", "Hoàng Quốc Khánh"},
    {"issuer_sentence", "UBND huyện xây dựng kế hoạch thực hiện như sau:",
     "body", "UBND huyện"},
    {"issuer_sentence",
     "Công văn số 129 của Bộ Lao động - Thương binh và Xã hội về triển khai "
     "Chương trình. Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau",
     "body", "Ủy ban nhân dân tỉnh"},
    {"issuer_closing",
     "Trên đây là Kế hoạch ... năm 2023 của Sở KH&CN, yêu cầu các phòng",
     "body", "Sở KH&CN"},
    {"locality", "trên địa bàn thành phố Cần Thơ.", "loc", "thành phố Cần Thơ"},
    {"meta", "Người ký:", "value", ""},
    {"number", "Sô: 1342 /KH - UBND", "id", "1342 /KH - UBND"},
    {"number", "SÔ: 77/BC-UBND", "id", "77/BC-UBND"},
    {"ref", "Căn cứ Luật An toàn thực phẩm số 55/2010/QH12 ngày 17/6/2010;",
     "id", "55/2010/QH12"},
    {"ref", "Căn cứ Luật An toàn thực phẩm số 55/2010/QH12 ngày 17/6/2010;",
     "date", "17/6/2010"},
    {"ref", "Bộ luật Lao động số: 45/2019/QH14", "type", "Bộ luật"},
    {"ref", "Ngày 15/3/2021, Chính phủ ban hành Nghị định số 20/2021/NĐ-CP "
            "quy định",
     "date", "15/3/2021"},
    {"ref", "ngày 24/6/2021, Bộ Lao động - Thương binh và Xã hội đã ban hành "
            "Thông tư số 02/2021/TT-BLĐTBXH",
     "issuer", "Bộ Lao động - Thương binh và Xã hội"},
    {"ref", "Luật Quảng cáo và Nghị định số 181/2013/NĐ-CP ngày 14/11/2013",
     "type", "Nghị định"},
    {"sub_body", "VĂN PHÒNG", "bare", "VĂN PHÒNG"},
    {"sub_body", "BAN QUẢN LÝ DỰ ÁN", "rest", "QUẢN LÝ DỰ ÁN"},
    {"commune", "ỦY BAN NHÂN DÂN XÃ TÂN HÒA", "name", "TÂN HÒA"},
    {"commune", "UBND THỊ TRẤN PHONG ĐIỀN", "name", "PHONG ĐIỀN"},
    {"period_stated", "Chương trình được thực hiện từ năm 2022 đến năm 2025.",
     "ty", "2025"},
    {"doc_type", "KẾ HOẠCH (DỰ THẢO)", "type", "KẾ HOẠCH"},
    {"sig_name", "K'Lang Hoàng", "name", "K'Lang Hoàng"},
};

/* Texts a field must not match. */
static const struct {
  const char *field, *text;
} misses[] = {
    {"number", "Số hiệu: 980/KH-UBND"},
    {"number", "Số lượng mẫu quan trắc 240 mẫu/năm"},
    {"place_date", "....., ngày tháng năm 2021"},
    {"doc_type", "QUYẾT ĐỊNH:"},
    {"doc_type", "Kế hoạch"},
    {"doc_type", "KẾ HOẠCH HÀNH ĐỘNG"},
    {"ref", "triển khai Đề án 06 của Chính phủ"},
    {"ref", "theo tiêu chuẩn TCVN 14423:2025 về An ninh mạng"},
    {"ref", "Luật Doanh nghiệp năm 2014; Luật đất đai năm 2013"},
    {"ref", "Luật sửa đổi các luật ngày 1/1/2020"},
    {"title_stop", "THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG NGÀY 04/9/2025"},
    {"period_range", "(từ ngày 15/11 đến ngày 15/12 hằng năm)"},
    {"theme_head", "Chủ động phòng ngừa, ứng phó với bạo lực"},
    {"sig_auth", "KTX. KÝ TÚC XÁ"},
    {"period_range", "từ ngày 20 tháng 11 năm 2025 đến ngày 03 tháng 12"},
    {"sig_name", "PHÓ chủ tịch"},
    {"recip_head", "Nơi làm việc: Sở Tư pháp"},
    {"number", "Sổ tay hướng dẫn nghiệp vụ"},
    {"title_lead", "Thực hiện Kế hoạch số 12/KH-UBND ngày 02/3/2022"},
    {"period_stated",
     "Trong thời gian qua, việc thực hiện Chương trình giai đoạn 2016 - 2020"},
    {"sub_body", "TỈNH BẮC KẠN"},
    {"commune", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
    {"appendix", "Phụ trách chung: Phó Giám đốc"},
    {"page_mark", "2023"},
    {"urgency", "BAN CHỈ ĐẠO PHÒNG CHỐNG KHẨN CẤP"},
    {"urgency", "KHẨN TRƯƠNG TRIỂN KHAI"},
};

/* Texts the rules that cite a law by name (rows of "ref" with a group
** "name") must not match: a law named without date or number does not
** borrow the next document's. */
static const char *const law_misses[] = {
    "một số điều của Luật Quảng cáo và Nghị định số 181/2013/NĐ-CP ngày 14 "
    "tháng 11 năm 2013",
    "Luật Đất đai, Luật Nhà ở và Thông tư số 02/2015/TT-BTNMT ngày "
    "27/01/2015",
};

static const char *group_of(vb_xmatch *m, const char *name, char *buf,
                            size_t cap) {
  const char *p;
  size_t n;
  if (!vb_x_group(m, name, &p, &n)) return NULL;
  if (n >= cap) n = cap - 1;
  memcpy(buf, p, n);
  buf[n] = '\0';
  return buf;
}

int main(void) {
  vb_xrules *rules = NULL;
  vb_error err;
  vb_xmatch m;
  VB_CHECK_INT(vb_xrules_new(&rules, &err), VB_OK);
  if (!rules) return vb_test_done();
  VB_CHECK_INT(vb_xmatch_init(&m, rules), VB_OK);

  /* every rule is documented and matches its example */
  VB_CHECK(vb_rule_count > 0);
  for (size_t i = 0; i < vb_rule_count; i++) {
    const vb_rule *r = &vb_rules[i];
    VB_CHECK(r->field && *r->field);
    VB_CHECK(r->comment && *r->comment);
    VB_CHECK(r->example && *r->example);
    VB_CHECK(vb_xrules_code(rules, i) != NULL);
    int ok = vb_x_rule(&m, i, r->example, strlen(r->example), 0);
    if (!ok)
      fprintf(stderr, "rule %zu (%s) does not match its example: %s\n", i,
              r->field, r->example);
    VB_CHECK(ok);
  }

  /* the fields the extractor asks for exist */
  for (size_t k = 0; k < sizeof used_fields / sizeof used_fields[0]; k++) {
    size_t found = 0;
    for (size_t i = 0; i < vb_rule_count; i++)
      if (strcmp(vb_rules[i].field, used_fields[k]) == 0) found++;
    if (!found) fprintf(stderr, "no rule for field %s\n", used_fields[k]);
    VB_CHECK(found > 0);
  }

  /* groups */
  for (size_t k = 0; k < sizeof groups / sizeof groups[0]; k++) {
    char buf[256];
    const char *t = groups[k].text;
    int ok = vb_x_field(&m, groups[k].field, t, strlen(t), 0);
    if (!ok) fprintf(stderr, "%s does not match: %s\n", groups[k].field, t);
    VB_CHECK(ok);
    if (ok) VB_CHECK_STR(group_of(&m, groups[k].group, buf, sizeof buf),
                         groups[k].want);
  }

  /* near misses */
  for (size_t k = 0; k < sizeof misses / sizeof misses[0]; k++) {
    const char *t = misses[k].text;
    int hit = vb_x_field(&m, misses[k].field, t, strlen(t), 0);
    if (hit) fprintf(stderr, "%s should not match: %s\n", misses[k].field, t);
    VB_CHECK(!hit);
  }

  /* law rules */
  for (size_t i = 0; i < vb_rule_count; i++) {
    if (strcmp(vb_rules[i].field, "ref") != 0 ||
        pcre2_substring_number_from_name(vb_xrules_code(rules, i),
                                         (PCRE2_SPTR) "name") < 0)
      continue;
    for (size_t k = 0; k < sizeof law_misses / sizeof law_misses[0]; k++) {
      const char *t = law_misses[k];
      int hit = vb_x_rule(&m, i, t, strlen(t), 0);
      if (hit) fprintf(stderr, "rule %zu should not match: %s\n", i, t);
      VB_CHECK(!hit);
    }
  }

  /* matching from an offset, and an unknown field */
  const char *two = "Quyết định số 1/QĐ-TTg; Nghị định số 2/2020/NĐ-CP";
  VB_CHECK(vb_x_field(&m, "ref", two, strlen(two), 0));
  size_t end = m.end;
  VB_CHECK(vb_x_field(&m, "ref", two, strlen(two), end));
  VB_CHECK(m.start > end);
  VB_CHECK(!vb_x_field(&m, "no such field", two, strlen(two), 0));

  /* the cheap tests before a pattern: a prefilter of alternatives finds
     each of them (any case the pattern allows), an anchored rule is tried
     at the offset it is given, and an empty rest is no match */
  const char *rec[] = {"báo cáo hằng năm", "BÁO CÁO HÀNG THÁNG",
                       "gửi MỖI QUÝ", "trong tháng cuối quý",
                       "báo cáo định kỳ", "ĐỊNH KỲ"};
  for (size_t k = 0; k < sizeof rec / sizeof rec[0]; k++) {
    int hit = vb_x_field(&m, "recurs", rec[k], strlen(rec[k]), 0);
    if (!hit) fprintf(stderr, "recurs should match: %s\n", rec[k]);
    VB_CHECK(hit);
  }
  VB_CHECK(!vb_x_field(&m, "recurs", "ngân hàng", strlen("ngân hàng"), 0));
  const char *head = "3. Tổ chức thực hiện. Giao Sở Y tế chủ trì";
  size_t at = (size_t)(strstr(head, "Giao") - head);
  VB_CHECK(!vb_x_field(&m, "unit_head", head, strlen(head), 0));
  VB_CHECK(!vb_x_field(&m, "unit_head", head, strlen(head), at - 1));
  VB_CHECK(vb_x_field(&m, "unit_head", head, strlen(head), at));
  VB_CHECK(m.start == at);
  VB_CHECK(!vb_x_field(&m, "unit_head", head, strlen(head), strlen(head)));
  VB_CHECK(!vb_x_field(&m, "unit_head", head, at, at));

  /* a field named from a buffer that is then reused for another name:
     each call finds the rules of the name it passes */
  char name[32];
  const char *numline = "Số: 12/KH-UBND";
  snprintf(name, sizeof name, "%s", "number");
  VB_CHECK(vb_x_field(&m, name, numline, strlen(numline), 0));
  snprintf(name, sizeof name, "%s", "doc_type");
  VB_CHECK(!vb_x_field(&m, name, numline, strlen(numline), 0));
  VB_CHECK(vb_x_field(&m, name, "KẾ HOẠCH", strlen("KẾ HOẠCH"), 0));
  snprintf(name, sizeof name, "%s", "no such field");
  VB_CHECK(!vb_x_field(&m, name, "KẾ HOẠCH", strlen("KẾ HOẠCH"), 0));

  vb_xmatch_free(&m);
  vb_xrules_free(rules);
  return vb_test_done();
}
