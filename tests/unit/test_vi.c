/*
** test_vi.c: the Vietnamese text helpers (common/vi.c): canonical tone
** placement, lower case, folding, mark detection, NFD input, odd bytes.
*/
#include <utf8proc.h>

#include "common/vi.h"
#include "vbtest.h"

/* Combining marks, UTF-8. */
#define GRAVE "\xcc\x80"
#define ACUTE "\xcc\x81"
#define CIRC "\xcc\x82"
#define TILDE "\xcc\x83"
#define BREVE "\xcc\x86"
#define HOOK "\xcc\x89"
#define HORN "\xcc\x9b"
#define DOT "\xcc\xa3"

typedef struct row {
  const char *in, *want;
} row;

static const row canon_rows[] = {
    /* all five tones on oa / oe / uy, new style -> old style */
    {"hoà", "hòa"}, {"hoá", "hóa"}, {"hoả", "hỏa"}, {"hoã", "hõa"},
    {"hoạ", "họa"}, {"hoè", "hòe"}, {"hoé", "hóe"}, {"hoẻ", "hỏe"},
    {"hoẽ", "hõe"}, {"hoẹ", "họe"}, {"thuỳ", "thùy"}, {"thuý", "thúy"},
    {"thuỷ", "thủy"}, {"thuỹ", "thũy"}, {"thuỵ", "thụy"},
    /* old style stays */
    {"hòa", "hòa"}, {"khóa", "khóa"}, {"thủy", "thủy"}, {"họe", "họe"},
    {"khoá", "khóa"}, {"uỷ", "ủy"}, {"Uỷ", "Ủy"}, {"UỶ", "ỦY"},
    {"Uỷ ban nhân dân", "Ủy ban nhân dân"}, {"HOÀ BÌNH", "HÒA BÌNH"},
    /* final consonant or a quality-marked vowel */
    {"hoàn", "hoàn"}, {"hòan", "hoàn"}, {"toán", "toán"}, {"tóan", "toán"},
    {"thuyết", "thuyết"}, {"quyền", "quyền"}, {"người", "người"},
    {"ngừơi", "người"}, {"khuyến", "khuyến"}, {"hoạch", "hoạch"},
    {"họach", "hoạch"}, {"huỳnh", "huỳnh"}, {"hùynh", "huỳnh"},
    {"thuở", "thuở"}, {"rượu", "rượu"}, {"cứu", "cứu"}, {"mùa", "mùa"},
    /* three vowels */
    {"hoài", "hoài"}, {"hòai", "hoài"}, {"khuỷu", "khuỷu"}, {"khủyu", "khuỷu"},
    /* qu and gi are onsets */
    {"quý", "quý"}, {"qúy", "quý"}, {"qủa", "quả"}, {"QÚY", "QUÝ"},
    {"giá", "giá"}, {"gía", "giá"}, {"gì", "gì"}, {"giữa", "giữa"},
    {"Gìa", "Già"}, {"quốc", "quốc"},
    /* NFD input comes out NFC */
    {"Ho" GRAVE "a", "Hòa"}, {"hoa" GRAVE, "hòa"}, {"ba" GRAVE "n", "bàn"},
    {"Vie" DOT CIRC "t", "Việt"}, {"Vie" CIRC DOT "t", "Việt"},
    {"ngu" HORN "o" HORN GRAVE "i", "người"}, {"Nguye" CIRC TILDE "n", "Nguyễn"},
    {"ê" ACUTE, "ế"}, {"a" BREVE HOOK, "ẳ"}, {"U" HOOK "y", "Ủy"},
    {"thuy" HOOK, "thủy"}, {"cafe" ACUTE, "café"}, {"=\xcc\xb8", "\xe2\x89\xa0"},
    {"\xce\xb1" ACUTE, "\xce\xac"}, {"\xe2\x84\xa6", "\xce\xa9"},
    /* look-alike Ð */
    {"ÐẢNG", "ĐẢNG"}, {"Ðà Nẵng", "Đà Nẵng"}, {"Ðuổi", "Đuổi"},
    /* not Vietnamese: left as it is */
    {"café", "café"}, {"José", "José"}, {"Müller", "Müller"},
    {"naïve", "naïve"}, {"hóà", "hóà"}, {"Москва", "Москва"}, {"北京", "北京"},
    {"ABC def 123 - x", "ABC def 123 - x"}, {"", ""},
    /* punctuation, digits and invalid bytes around words */
    {"“Hoà”, 12/2024!", "“Hòa”, 12/2024!"}, {"ho\xff\xe0", "ho\xff\xe0"},
    {"hoà\xc3", "hòa\xc3"}, {"\xc3(hoà)\x80", "\xc3(hòa)\x80"},
    {"\xed\xa0\x80uỷ", "\xed\xa0\x80ủy"}, {"\xf4\x90\x80\x80", "\xf4\x90\x80\x80"},
};

static const row lower_rows[] = {
    {"ỦY BAN", "ủy ban"}, {"UỶ BAN", "ủy ban"}, {"Hoà Bình", "hòa bình"},
    {"ĐẢNG", "đảng"}, {"ÐẢNG", "đảng"}, {"THUỶ", "thủy"}, {"QUÝ", "quý"},
    {"HO" GRAVE "A", "hòa"}, {"Москва", "москва"}, {"MÜLLER", "müller"},
    {"Số 12/KH-UBND", "số 12/kh-ubnd"}, {"ÐUSSELDORF", "đusseldorf"},
    {"ABC\xff" "DEF", "abc\xff" "def"},
};

static const row fold_rows[] = {
    {"Đảm bảo", "dam bao"}, {"ỦY BAN", "uy ban"}, {"Nguyễn", "nguyen"},
    {"Bình đẳng giới", "binh dang gioi"}, {"Ðà Nẵng", "da nang"},
    {"Lao động", "lao dong"}, {"người", "nguoi"}, {"Vie" DOT CIRC "t", "viet"},
    {"café", "cafe"}, {"MÜLLER", "muller"}, {"Москва", "москва"},
    {"ABC-123", "abc-123"}, {"ba\xffn", "ba\xffn"}, {"hóà", "hoa"},
    {"ĐƯỜNG", "duong"}, {"Số 12/QĐ-UBND", "so 12/qd-ubnd"},
};

typedef vb_status (*vi_fn)(const char *, size_t, vb_buf *);

static void check_rows(const char *name, vi_fn fn, const row *rows,
                       size_t count) {
  for (size_t i = 0; i < count; i++) {
    vb_buf b;
    vb_buf_init(&b, VB_CAP_SMALL);
    vb_status rc = fn(rows[i].in, strlen(rows[i].in), &b);
    VB_CHECK_INT(rc, VB_OK);
    const char *got = b.data ? b.data : "";
    if (strcmp(got, rows[i].want) != 0)
      fprintf(stderr, "%s row %zu: %s\n", name, i, rows[i].in);
    VB_CHECK_STR(got, rows[i].want);
    vb_buf_free(&b);
  }
}

/* Call fn and return its result as a malloc'd string (NULL on error). */
static char *run(vi_fn fn, const char *s, size_t n) {
  vb_buf b;
  vb_buf_init(&b, VB_CAP_TEXT);
  if (fn(s, n, &b) != VB_OK) {
    vb_buf_free(&b);
    return NULL;
  }
  return vb_buf_take(&b, NULL);
}

/* Every Vietnamese vowel with every tone, decomposed: canon must agree
** with utf8proc's NFC, fold must give the bare letter, lower must agree
** with utf8proc's lower case of the NFC form. */
static void check_all_letters(void) {
  static const char *const bases[] = {
      "a", "a" BREVE, "a" CIRC, "e", "e" CIRC, "i", "o",
      "o" CIRC, "o" HORN, "u", "u" HORN, "y"};
  static const char *const tones[] = {"", GRAVE, ACUTE, HOOK, TILDE, DOT};
  for (size_t v = 0; v < sizeof bases / sizeof *bases; v++)
    for (size_t t = 0; t < 6; t++)
      for (int up = 0; up < 2; up++) {
        char in[16];
        snprintf(in, sizeof in, "%s%s", bases[v], tones[t]);
        if (up) in[0] = (char)(in[0] - 32);
        char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)in);
        char *got = run(vb_vi_canon, in, strlen(in));
        VB_CHECK_STR(got, nfc);
        vb_free(got);
        got = run(vb_vi_fold, in, strlen(in));
        char want[2] = {(char)(bases[v][0]), 0};
        VB_CHECK_STR(got, want);
        vb_free(got);
        /* precomposed input marks and lower-cases the same way */
        got = run(vb_vi_lower, nfc, strlen(nfc));
        utf8proc_uint8_t *low = NULL;
        utf8proc_map((const utf8proc_uint8_t *)nfc, 0, &low,
                     UTF8PROC_NULLTERM | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
        VB_CHECK_STR(got, (char *)low);
        int quality = strlen(bases[v]) > 1;
        VB_CHECK_INT(vb_vi_has_marks(nfc, strlen(nfc)), quality || t != 0);
        free(low);
        vb_free(got);
        free(nfc);
      }
}

static void check_has_marks(void) {
  VB_CHECK_INT(vb_vi_has_marks("ban", 3), 0);
  VB_CHECK_INT(vb_vi_has_marks("bán", strlen("bán")), 1);
  VB_CHECK_INT(vb_vi_has_marks("đi", strlen("đi")), 1);
  VB_CHECK_INT(vb_vi_has_marks("Ðoàn", strlen("Ðoàn")), 1);
  VB_CHECK_INT(vb_vi_has_marks("ba" GRAVE "n", strlen("ba" GRAVE "n")), 1);
  VB_CHECK_INT(vb_vi_has_marks("Москва", strlen("Москва")), 0);
  VB_CHECK_INT(vb_vi_has_marks("ü\xff", strlen("ü\xff")), 0);
  VB_CHECK_INT(vb_vi_has_marks("\xff\xfe", 2), 0);
  VB_CHECK_INT(vb_vi_has_marks("ban", 0), 0);
}

/* Long runs are normalised in chunks: the result must equal NFC. */
static void check_long_runs(void) {
  enum { REPS = 3000 };
  static const char *const units[] = {"e" ACUTE, "xo" CIRC, "\xce\xb1" ACUTE,
                                      "\xe1\x84\x80\xe1\x85\xa1"};
  for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
    vb_buf in;
    vb_buf_init(&in, VB_CAP_TEXT);
    for (int i = 0; i < REPS; i++) VB_CHECK_INT(vb_buf_puts(&in, units[u]), VB_OK);
    char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)in.data);
    char *got = run(vb_vi_canon, in.data, in.len);
    VB_CHECK(got != NULL && nfc != NULL && strcmp(got, nfc) == 0);
    vb_free(got);
    free(nfc);
    vb_buf_free(&in);
  }
}

/* Arbitrary bytes: no crash, and invalid bytes come out where they were. */
static void check_noise(void) {
  unsigned long x = 12345;
  char in[512];
  for (int round = 0; round < 2000; round++) {
    size_t n = (size_t)(round % 97) + 1;
    for (size_t i = 0; i < n; i++) {
      x = x * 6364136223846793005UL + 1442695040888963407UL;
      static const char pool[] = "aou yAOUY\xcc\x80\xcc\x81\xcc\x82\xcc\x9b"
                                 "\xe1\xbb\xa7\xc3\xa0\xc3\x90\xff\xc3-";
      in[i] = (x >> 33) % 3 ? pool[(x >> 40) % (sizeof pool - 1)]
                            : (char)(x >> 48);
    }
    vi_fn fns[] = {vb_vi_canon, vb_vi_lower, vb_vi_fold};
    for (int f = 0; f < 3; f++) {
      char *got = run(fns[f], in, n);
      VB_CHECK(got != NULL);
      vb_free(got);
    }
    (void)vb_vi_has_marks(in, n);
  }
}

static void check_errors(void) {
  vb_buf b;
  vb_buf_init(&b, 4);
  VB_CHECK_INT(vb_vi_canon("hòa bình", strlen("hòa bình"), &b), VB_ELIMIT);
  vb_buf_free(&b);
  vb_buf_init(&b, VB_CAP_SMALL);
  vb_alloc_fail_after(0);
  vb_status rc = vb_vi_lower("Hoà Bình", strlen("Hoà Bình"), &b);
  vb_alloc_fail_after(-1);
  VB_CHECK_INT(rc, VB_ENOMEM);
  vb_buf_free(&b);
}

int main(void) {
  check_rows("canon", vb_vi_canon, canon_rows,
             sizeof canon_rows / sizeof *canon_rows);
  check_rows("lower", vb_vi_lower, lower_rows,
             sizeof lower_rows / sizeof *lower_rows);
  check_rows("fold", vb_vi_fold, fold_rows, sizeof fold_rows / sizeof *fold_rows);
  check_all_letters();
  check_has_marks();
  check_long_runs();
  check_noise();
  check_errors();
  return vb_test_done();
}
