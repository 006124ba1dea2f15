/*
** test_rules.c: every rule of data/rules.txt compiles and matches its own
** example; the groups the extractor reads come out as expected; texts that
** look alike but are not values do not match (and the rules that cite a
** law by name do not run on into the next document); the generated field
** lists hold every rule once, under its own field, in the file's order;
** the rule runner finds a field by its index and refuses one out of range;
** the engine compiles another table and names a bad pattern's line.
*/
#include <string.h>

#include "extract/extract_int.h"
#include "vbtest.h"

/* A group a field's match must yield. */
static const struct {
  vb_field field;
  const char *text, *group, *want;
} groups[] = {
    {VB_F_NUMBER, "Số: 622 /KH-UBND", "id", "622 /KH-UBND"},
    {VB_F_NUMBER, "Số 119-KH/TU", "id", "119-KH/TU"},
    {VB_F_NUMBER, "SỐ: 49/2012/QĐ-UBND", "id", "49/2012/QĐ-UBND"},
    {VB_F_PLACE_DATE, "Bắc Kạn, ngày 18 tháng 10 năm 2021", "place", "Bắc Kạn"},
    {VB_F_PLACE_DATE, "Thành phố Hồ Chí Minh, ngày 23 tháng 10 năm 2012", "place",
     "Thành phố Hồ Chí Minh"},
    {VB_F_PLACE_DATE, "Sơn La, ngày tháng 3 năm 2022", "date",
     "ngày tháng 3 năm 2022"},
    {VB_F_PLACE_DATE, "Hà Nội, 18.10.2021", "date", "18.10.2021"},
    {VB_F_DOC_TYPE, "QUYẾT ĐỊNH", "type", "QUYẾT ĐỊNH"},
    {VB_F_DOC_TYPE, "THÔNG TƯ LIÊN TỊCH", "type", "THÔNG TƯ LIÊN TỊCH"},
    {VB_F_REF,
     "Thực hiện Kế hoạch số 73/KH-LĐTĐ&XH ngày 11/9/2018 của Sở Lao động - "
     "Thương binh & Xã hội tỉnh Bắc Giang về việc triển khai",
     "issuer", "Sở Lao động - Thương binh & Xã hội tỉnh Bắc Giang"},
    {VB_F_REF, "Nghị quyết số 27/NQ- TW ngày 09/11/2022 của Ban Chấp hành",
     "id", "27/NQ- TW"},
    {VB_F_REF, "Quyết định 1229/QĐ-UBND ngày 28/02/2025 của UBND Thành phố về",
     "date", "28/02/2025"},
    {VB_F_REF, "Thông tư liên tịch số: 17/2006/TTLT-BLĐTBXH-BTC-BYT ngày 21/11",
     "id", "17/2006/TTLT-BLĐTBXH-BTC-BYT"},
    {VB_F_REF, "căn cứ Chỉ thị số 21-CT/TW ngày 20/01/2018 của Ban Bí thư về",
     "issuer", "Ban Bí thư"},
    {VB_F_REF, "Kế hoạch số 87/KH-LĐTĐ&XH ngày 09/10/2023 Sở Lao động Thương "
            "binh và Xã hội về triển khai",
     "issuer", "Sở Lao động Thương binh và Xã hội"},
    {VB_F_REF, "Căn cứ Luật Ngân sách nhà nước ngày 16/12/2002;", "date",
     "16/12/2002"},
    {VB_F_REF, "Căn cứ Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013;",
     "name", "Phòng, chống thiên tai"},
    {VB_F_PERIOD_RANGE, "(từ ngày 20 tháng 11 năm 2025 đến ngày 03 tháng 12 "
                     "năm 2025);",
     "from", "ngày 20 tháng 11 năm 2025"},
    {VB_F_PERIOD_RANGE, "Từ ngày 15/11/2021 đến ngày 15/12/2021.", "to",
     "ngày 15/12/2021"},
    {VB_F_PERIOD_TITLE, "giai đoạn 2026 - 2030", "fy", "2026"},
    {VB_F_THEME_INLINE, "với chủ đề: \"Chung tay vì bình đẳng giới\"", "theme",
     "Chung tay vì bình đẳng giới"},
    {VB_F_SIG_AUTH, "TM. ỦY BAN NHÂN DÂN", "rest", "ỦY BAN NHÂN DÂN"},
    {VB_F_SIG_TAIL, "CHỦ TỊCH Hoàng Quốc Khánh", "name", "Hoàng Quốc Khánh"},
    {VB_F_ISSUER_SENTENCE, "UBND huyện xây dựng kế hoạch thực hiện như sau:",
     "body", "UBND huyện"},
    {VB_F_ISSUER_SENTENCE,
     "Công văn số 129 của Bộ Lao động - Thương binh và Xã hội về triển khai "
     "Chương trình. Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau",
     "body", "Ủy ban nhân dân tỉnh"},
    {VB_F_ISSUER_CLOSING,
     "Trên đây là Kế hoạch ... năm 2023 của Sở KH&CN, yêu cầu các phòng",
     "body", "Sở KH&CN"},
    {VB_F_LOCALITY, "trên địa bàn thành phố Cần Thơ.", "loc", "thành phố Cần Thơ"},
    {VB_F_META, "Người ký:", "value", ""},
    {VB_F_NUMBER, "Sô: 1342 /KH - UBND", "id", "1342 /KH - UBND"},
    {VB_F_NUMBER, "SÔ: 77/BC-UBND", "id", "77/BC-UBND"},
    {VB_F_REF, "Căn cứ Luật An toàn thực phẩm số 55/2010/QH12 ngày 17/6/2010;",
     "id", "55/2010/QH12"},
    {VB_F_REF, "Căn cứ Luật An toàn thực phẩm số 55/2010/QH12 ngày 17/6/2010;",
     "date", "17/6/2010"},
    {VB_F_REF, "Bộ luật Lao động số: 45/2019/QH14", "type", "Bộ luật"},
    {VB_F_REF, "Ngày 15/3/2021, Chính phủ ban hành Nghị định số 20/2021/NĐ-CP "
            "quy định",
     "date", "15/3/2021"},
    {VB_F_REF, "ngày 24/6/2021, Bộ Lao động - Thương binh và Xã hội đã ban hành "
            "Thông tư số 02/2021/TT-BLĐTBXH",
     "issuer", "Bộ Lao động - Thương binh và Xã hội"},
    {VB_F_REF, "Luật Quảng cáo và Nghị định số 181/2013/NĐ-CP ngày 14/11/2013",
     "type", "Nghị định"},
    {VB_F_SUB_BODY, "VĂN PHÒNG", "bare", "VĂN PHÒNG"},
    {VB_F_SUB_BODY, "BAN QUẢN LÝ DỰ ÁN", "rest", "QUẢN LÝ DỰ ÁN"},
    {VB_F_COMMUNE, "ỦY BAN NHÂN DÂN XÃ TÂN HÒA", "name", "TÂN HÒA"},
    {VB_F_COMMUNE, "UBND THỊ TRẤN PHONG ĐIỀN", "name", "PHONG ĐIỀN"},
    {VB_F_PERIOD_STATED, "Chương trình được thực hiện từ năm 2022 đến năm 2025.",
     "ty", "2025"},
    {VB_F_DOC_TYPE, "KẾ HOẠCH (DỰ THẢO)", "type", "KẾ HOẠCH"},
    {VB_F_SIG_NAME, "K'Lang Hoàng", "name", "K'Lang Hoàng"},
};

/* Texts a field must not match. */
static const struct {
  vb_field field;
  const char *text;
} misses[] = {
    {VB_F_NUMBER, "Số hiệu: 980/KH-UBND"},
    {VB_F_NUMBER, "Số lượng mẫu quan trắc 240 mẫu/năm"},
    {VB_F_PLACE_DATE, "....., ngày tháng năm 2021"},
    {VB_F_DOC_TYPE, "QUYẾT ĐỊNH:"},
    {VB_F_DOC_TYPE, "Kế hoạch"},
    {VB_F_DOC_TYPE, "KẾ HOẠCH HÀNH ĐỘNG"},
    {VB_F_REF, "triển khai Đề án 06 của Chính phủ"},
    {VB_F_REF, "theo tiêu chuẩn TCVN 14423:2025 về An ninh mạng"},
    {VB_F_REF, "Luật Doanh nghiệp năm 2014; Luật đất đai năm 2013"},
    {VB_F_REF, "Luật sửa đổi các luật ngày 1/1/2020"},
    {VB_F_TITLE_STOP, "THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG NGÀY 04/9/2025"},
    {VB_F_PERIOD_RANGE, "(từ ngày 15/11 đến ngày 15/12 hằng năm)"},
    {VB_F_THEME_HEAD, "Chủ động phòng ngừa, ứng phó với bạo lực"},
    {VB_F_SIG_AUTH, "KTX. KÝ TÚC XÁ"},
    {VB_F_PERIOD_RANGE, "từ ngày 20 tháng 11 năm 2025 đến ngày 03 tháng 12"},
    {VB_F_SIG_NAME, "PHÓ chủ tịch"},
    {VB_F_RECIP_HEAD, "Nơi làm việc: Sở Tư pháp"},
    {VB_F_NUMBER, "Sổ tay hướng dẫn nghiệp vụ"},
    {VB_F_TITLE_LEAD, "Thực hiện Kế hoạch số 12/KH-UBND ngày 02/3/2022"},
    {VB_F_PERIOD_STATED,
     "Trong thời gian qua, việc thực hiện Chương trình giai đoạn 2016 - 2020"},
    {VB_F_SUB_BODY, "TỈNH BẮC KẠN"},
    {VB_F_COMMUNE, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
    {VB_F_APPENDIX, "Phụ trách chung: Phó Giám đốc"},
    {VB_F_PAGE_MARK, "2023"},
    {VB_F_URGENCY, "BAN CHỈ ĐẠO PHÒNG CHỐNG KHẨN CẤP"},
    {VB_F_URGENCY, "KHẨN TRƯƠNG TRIỂN KHAI"},
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
    VB_CHECK((unsigned)r->field < VB_F_COUNT && r->line > 0);
    VB_CHECK(r->comment && *r->comment);
    VB_CHECK(r->example && *r->example);
    VB_CHECK(vb_xrules_code(rules, i) != NULL);
    int ok = vb_x_rule(&m, i, r->example, strlen(r->example), 0);
    if (!ok)
      fprintf(stderr, "data/rules.txt:%u: rule %zu (%s) does not match its "
              "example: %s\n", r->line, i, vb_fields[r->field].name,
              r->example);
    VB_CHECK(ok);
  }

  /* the per-field lists of the generator: every field has rules, each
     row of a field's list is a rule of that field, after the one before
     it, and the lists together hold every rule once */
  size_t listed = 0;
  for (unsigned f = 0; f < VB_F_COUNT; f++) {
    const vb_field_rules *fr = &vb_fields[f];
    VB_CHECK(fr->name && *fr->name && fr->count > 0);
    for (size_t k = 0; k < fr->count; k++) {
      VB_CHECK(fr->rows[k] < vb_rule_count);
      VB_CHECK(vb_rules[fr->rows[k]].field == (vb_field)f);
      if (k) VB_CHECK(fr->rows[k] > fr->rows[k - 1]);
    }
    listed += fr->count;
  }
  VB_CHECK(listed == vb_rule_count);
  VB_CHECK(strcmp(vb_fields[VB_F_NUMBER].name, "number") == 0);

  /* groups */
  for (size_t k = 0; k < sizeof groups / sizeof groups[0]; k++) {
    char buf[256];
    const char *t = groups[k].text;
    int ok = vb_x_field(&m, groups[k].field, t, strlen(t), 0);
    if (!ok)
      fprintf(stderr, "%s does not match: %s\n",
              vb_fields[groups[k].field].name, t);
    VB_CHECK(ok);
    if (ok) VB_CHECK_STR(group_of(&m, groups[k].group, buf, sizeof buf),
                         groups[k].want);
  }

  /* near misses */
  for (size_t k = 0; k < sizeof misses / sizeof misses[0]; k++) {
    const char *t = misses[k].text;
    int hit = vb_x_field(&m, misses[k].field, t, strlen(t), 0);
    if (hit)
      fprintf(stderr, "%s should not match: %s\n",
              vb_fields[misses[k].field].name, t);
    VB_CHECK(!hit);
  }

  /* law rules */
  for (size_t i = 0; i < vb_rule_count; i++) {
    if (vb_rules[i].field != VB_F_REF ||
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
  VB_CHECK(vb_x_field(&m, VB_F_REF, two, strlen(two), 0));
  size_t end = m.end;
  VB_CHECK(vb_x_field(&m, VB_F_REF, two, strlen(two), end));
  VB_CHECK(m.start > end);
  VB_CHECK(!vb_x_field(&m, VB_F_COUNT, two, strlen(two), 0));
  VB_CHECK(!vb_x_field_first(&m, VB_F_COUNT, two, strlen(two), 0));

  /* the cheap tests before a pattern: a prefilter of alternatives finds
     each of them (any case the pattern allows), an anchored rule is tried
     at the offset it is given, and an empty rest is no match */
  const char *rec[] = {"báo cáo hằng năm", "BÁO CÁO HÀNG THÁNG",
                       "gửi MỖI QUÝ", "trong tháng cuối quý",
                       "báo cáo định kỳ", "ĐỊNH KỲ"};
  for (size_t k = 0; k < sizeof rec / sizeof rec[0]; k++) {
    int hit = vb_x_field(&m, VB_F_RECURS, rec[k], strlen(rec[k]), 0);
    if (!hit) fprintf(stderr, "recurs should match: %s\n", rec[k]);
    VB_CHECK(hit);
  }
  VB_CHECK(!vb_x_field(&m, VB_F_RECURS, "ngân hàng", strlen("ngân hàng"), 0));
  const char *head = "3. Tổ chức thực hiện. Giao Sở Y tế chủ trì";
  size_t at = (size_t)(strstr(head, "Giao") - head);
  VB_CHECK(!vb_x_field(&m, VB_F_UNIT_HEAD, head, strlen(head), 0));
  VB_CHECK(!vb_x_field(&m, VB_F_UNIT_HEAD, head, strlen(head), at - 1));
  VB_CHECK(vb_x_field(&m, VB_F_UNIT_HEAD, head, strlen(head), at));
  VB_CHECK(m.start == at);
  VB_CHECK(!vb_x_field(&m, VB_F_UNIT_HEAD, head, strlen(head), strlen(head)));
  VB_CHECK(!vb_x_field(&m, VB_F_UNIT_HEAD, head, at, at));

  /* the engine runs any table (the question forms of ask are another):
     a pattern that does not compile is refused with its file and line */
  static const vb_rule bad[] = {
      {0, "ok", NULL, 0, "c", "ok", 3},
      {1, "(?<x>unclosed", NULL, VB_RULE_CASELESS, "c", "x", 9}};
  vb_xrules *other = NULL;
  VB_CHECK_INT(vb_xrules_compile(bad, 2, "data/t.txt", 1, &other, &err),
               VB_EINVAL);
  VB_CHECK(other == NULL);
  VB_CHECK(strncmp(err.msg, "data/t.txt:9: rule 1 does not compile",
                   strlen("data/t.txt:9: rule 1 does not compile")) == 0);
  VB_CHECK_INT(vb_xrules_compile(bad, 1, "data/t.txt", 0, &other, &err),
               VB_OK);
  if (other) {
    vb_xmatch om;
    VB_CHECK_INT(vb_xmatch_init(&om, other), VB_OK);
    VB_CHECK(vb_x_rule(&om, 0, "not ok", 6, 0) && om.start == 4);
    VB_CHECK(vb_xrules_code(other, 1) == NULL);
    vb_xmatch_free(&om);
    vb_xrules_free(other);
  }

  vb_xmatch_free(&m);
  vb_xrules_free(rules);
  return vb_test_done();
}
