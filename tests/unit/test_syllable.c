/*
** test_syllable.c: the Vietnamese syllable check and the join of syllables
** split by a space (common/syllable.c, table data/syllables.txt).
*/
#include <string.h>

#include "common/syllable.h"
#include "vbtest.h"

/* Words that are one syllable, in any case and tone. */
static const char *const good[] = {
    "a", "Đặng", "thủ", "tướng", "Quảng", "QUẢNG", "nghiêng", "người",
    "khuya", "thuở", "giữ", "giếng", "học", "việt", "đặc", "hoạch",
    "xoắn", "khỏe", "thuế", "huỳnh", "quyết", "Ngãi", "uỷ", "ủy",
    "Nguyễn", "Văn", "Minh", "ông", "yêu"};

/* Pieces and other words that are not. */
static const char *const bad[] = {
    "", "Đặ", "ng", "T", "Qu", "tướ", "UBND", "KT", "2025", "hoc",
    "viêt", "thủỷ", "ươ", "ă", "abc", "Việt-Nam", "“Đặng", "street"};

typedef struct row {
  const char *in, *want;
} row;

static const row joins[] = {
    {"Đặ ng Văn Minh", "Đặng Văn Minh"},
    {"Phó T hủ tướ ng Chính phủ", "Phó Thủ tướng Chính phủ"},
    {"tỉnh Qu ả ng Ngãi", "tỉnh Quảng Ngãi"},
    {"NGH Ị QUYẾT", "NGHỊ QUYẾT"},
    /* left alone: both parts syllables, abbreviations, punctuation */
    {"Nguyễn Văn Minh", "Nguyễn Văn Minh"},
    {"Lưu: VT, KT (Long).", "Lưu: VT, KT (Long)."},
    {"TP Hà Nội", "TP Hà Nội"},
    {"KT. CHỦ TỊCH", "KT. CHỦ TỊCH"},
    {"điểm c khoản 1", "điểm c khoản 1"},
    {"Nguyễn Thị N", "Nguyễn Thị N"},
    {"ng", "ng"},
    {"", ""},
};

/* Syllables run together, and what splitting leaves alone. */
static const row splits[] = {
    {"BANHÀNH QUY CHẾ", "BAN HÀNH QUY CHẾ"},
    {"Hội đồng nhândân", "Hội đồng nhân dân"},
    {"Theo đề nghị tạiTờ trình", "Theo đề nghị tại Tờ trình"},
    {"Giaocho Sở", "Giao cho Sở"},
    {"ngày 16 tháng 02năm 2012", "ngày 16 tháng 02 năm 2012"},
    {"Luật Xây dựng ngày26/11/2003", "Luật Xây dựng ngày 26/11/2003"},
    /* left alone: syllables, foreign words, abbreviations, numbers */
    {"video camera Online", "video camera Online"},
    {"UBND, TNMT, COVID-19", "UBND, TNMT, COVID-19"},
    {"Nguyễn Văn Minh", "Nguyễn Văn Minh"},
    {"2a, 15/2013/NĐ-CP", "2a, 15/2013/NĐ-CP"},
    {"", ""},
};

int main(void) {
  for (size_t i = 0; i < sizeof good / sizeof *good; i++)
    VB_CHECK(vb_syllable_ok(good[i], strlen(good[i])));
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    if (vb_syllable_ok(bad[i], strlen(bad[i])))
      fprintf(stderr, "a syllable: %s\n", bad[i]);
    VB_CHECK(!vb_syllable_ok(bad[i], strlen(bad[i])));
  }
  for (size_t i = 0; i < sizeof joins / sizeof *joins; i++) {
    char buf[128];
    size_t n = strlen(joins[i].in);
    memcpy(buf, joins[i].in, n + 1);
    n = vb_syllable_join(buf, n);
    buf[n] = '\0';
    VB_CHECK_STR(buf, joins[i].want);
  }
  for (size_t i = 0; i < sizeof splits / sizeof *splits; i++) {
    vb_buf out;
    vb_buf_init(&out, 256);
    size_t n = strlen(splits[i].in);
    VB_CHECK(vb_syllable_split(splits[i].in, n, &out) == VB_OK);
    VB_CHECK(vb_syllable_glued(splits[i].in, n) ==
             (strcmp(splits[i].in, splits[i].want) != 0));
    VB_CHECK_STR(out.data ? out.data : "", splits[i].want);
    vb_buf_free(&out);
  }
  return vb_test_done();
}
