/*
** test_legacy.c: the legacy encodings (common/legacy.c): every Vietnamese
** letter of TCVN3 and VNI-Windows, stated here a second time from the
** published tables (independently of data/encodings/), capitals fonts,
** font names, the syllable model, detection of plain text, mojibake held
** in Unicode text, run conversion and capitals restored in TCVN3 text.
** VISCII is checked against the C library's iconv(3) converter, a
** statement of RFC 1456 independent of data/encodings/viscii.tsv.
*/
#include <iconv.h>
#include <string.h>
#include <utf8proc.h>

#include "common/legacy.h"
#include "vbtest.h"

/* The twelve vowels, each followed by its five toned forms in the order
** huyền, hỏi, ngã, sắc, nặng; then đ. */
static const char *const vowels[12][6] = {
    {"a", "à", "ả", "ã", "á", "ạ"}, {"ă", "ằ", "ẳ", "ẵ", "ắ", "ặ"},
    {"â", "ầ", "ẩ", "ẫ", "ấ", "ậ"}, {"e", "è", "ẻ", "ẽ", "é", "ẹ"},
    {"ê", "ề", "ể", "ễ", "ế", "ệ"}, {"i", "ì", "ỉ", "ĩ", "í", "ị"},
    {"o", "ò", "ỏ", "õ", "ó", "ọ"}, {"ô", "ồ", "ổ", "ỗ", "ố", "ộ"},
    {"ơ", "ờ", "ở", "ỡ", "ớ", "ợ"}, {"u", "ù", "ủ", "ũ", "ú", "ụ"},
    {"ư", "ừ", "ử", "ữ", "ứ", "ự"}, {"y", "ỳ", "ỷ", "ỹ", "ý", "ỵ"}};

/* TCVN3 (TCVN 5712:1993, VN3): the codes of the vowels' rows above (0 for
** the plain a e i o u y, which are ASCII). */
static const unsigned char tcvn3_rows[12][6] = {
    {0, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9},    {0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6},
    {0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB}, {0, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1},
    {0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6}, {0, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE},
    {0, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4},    {0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9},
    {0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE}, {0, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4},
    {0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9}, {0, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE}};

/* Decode bytes and compare with want. */
static void check_decode(vb_legacy enc, const unsigned char *in, size_t n,
                         const char *want) {
  vb_buf b;
  vb_buf_init(&b, VB_CAP_SMALL);
  vb_error err = {0};
  VB_CHECK_INT(vb_legacy_decode(enc, in, n, &b, &err), VB_OK);
  VB_CHECK_STR(b.data ? b.data : "", want);
  vb_buf_free(&b);
}

/* The upper case of a UTF-8 letter (one code point). */
static void upper(const char *s, char out[8]) {
  utf8proc_int32_t cp;
  utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
  utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_toupper(cp),
                                            (utf8proc_uint8_t *)out);
  out[k] = '\0';
}

static int letters_checked;

static void check_tcvn3_letters(void) {
  for (int v = 0; v < 12; v++)
    for (int t = 0; t < 6; t++) {
      unsigned char c = tcvn3_rows[v][t];
      if (!c) continue;
      char up[8];
      check_decode(VB_LEGACY_TCVN3, &c, 1, vowels[v][t]);
      /* Capitals fonts draw the same code as the capital. */
      upper(vowels[v][t], up);
      check_decode(VB_LEGACY_TCVN3_CAPS, &c, 1, up);
      letters_checked += 2;
    }
  static const unsigned char d = 0xAE, caps[] = {0xA1, 0xA2, 0xA3, 0xA4,
                                                  0xA5, 0xA6, 0xA7};
  check_decode(VB_LEGACY_TCVN3, &d, 1, "đ");
  check_decode(VB_LEGACY_TCVN3_CAPS, &d, 1, "Đ");
  letters_checked += 2;
  check_decode(VB_LEGACY_TCVN3, caps, sizeof caps, "ĂÂÊÔƠƯĐ");
  static const char motto[] = "C\xe9ng h\xdf" "a x\xb7 h\xe9i ch\xf1 "
                             "ngh\xdc" "a vi\xd6t nam";
  check_decode(VB_LEGACY_TCVN3, (const unsigned char *)motto,
               sizeof motto - 1, "Cộng hòa xã hội chủ nghĩa việt nam");
  /* ASCII and the bytes TCVN3 leaves out stay as Windows-1252 reads them. */
  check_decode(VB_LEGACY_TCVN3, (const unsigned char *)"Ab1 \x80\xe0", 6,
               "Ab1 €à");
}

/* VNI-Windows, from its rules: a plain vowel takes a tone byte (acute ù,
** grave ø, hook û, tilde õ, dot ï); â, ê, ô are a e o with a circumflex
** byte (alone â, with tones á à å ã ä); ă is a with a breve byte (ê, with
** tones é è ú ü ë); i with a tone, ỵ, ơ, ư, đ have bytes of their own (í
** ì æ ó ò, î, ô, ö, ñ) and ơ, ư take tone bytes.  Capitals use the
** capital forms of all these bytes. */
static size_t vni_encode(int v, int t, int cap, unsigned char *out) {
  static const unsigned char tone[6] = {0, 0xF8, 0xFB, 0xF5, 0xF9, 0xEF};
  static const unsigned char circ[6] = {0xE2, 0xE0, 0xE5, 0xE3, 0xE1, 0xE4};
  static const unsigned char breve[6] = {0xEA, 0xE8, 0xFA, 0xFC, 0xE9, 0xEB};
  static const unsigned char itone[6] = {0, 0xEC, 0xE6, 0xF3, 0xED, 0xF2};
  static const char base[12] = {'a', 'a', 'a', 'e', 'e', 'i',
                                'o', 'o', 'o', 'u', 'u', 'y'};
  unsigned char b[2];
  size_t n = 0;
  if (v == 5 && t) {
    b[n++] = itone[t];
  } else if (v == 11 && t == 5) {
    b[n++] = 0xEE;
  } else if (v == 8 || v == 10) { /* ơ ư */
    b[n++] = v == 8 ? 0xF4 : 0xF6;
    if (t) b[n++] = tone[t];
  } else {
    b[n++] = (unsigned char)base[v];
    if (v == 2 || v == 4 || v == 7) b[n++] = circ[t];
    else if (v == 1) b[n++] = breve[t];
    else if (t) b[n++] = tone[t];
  }
  for (size_t k = 0; k < n; k++) {
    unsigned char c = b[k];
    if (cap) c = (unsigned char)(c - 0x20); /* a..z and 0xE0..0xFE alike */
    out[k] = c;
  }
  return n;
}

static void check_vni_letters(void) {
  for (int v = 0; v < 12; v++)
    for (int t = 0; t < 6; t++) {
      if (t == 0 && (v == 0 || v == 3 || v == 5 || v == 6 || v == 9 ||
                     v == 11))
        continue; /* ASCII */
      for (int cap = 0; cap < 2; cap++) {
        unsigned char b[4];
        size_t n = vni_encode(v, t, cap, b);
        char want[8];
        if (cap) upper(vowels[v][t], want);
        else strcpy(want, vowels[v][t]);
        check_decode(VB_LEGACY_VNI, b, n, want);
        letters_checked++;
      }
    }
  check_decode(VB_LEGACY_VNI, (const unsigned char *)"\xf1\xd1", 2, "đĐ");
  letters_checked += 2;
  /* Words of the shared examples; a mark byte in the other case than its
  ** letter still marks it ("O\xd9" and "o\xd9"). */
  static const char w1[] = "Co\xe4ng ho\xf8" "a \xd1o\xe4" "c la\xe4p";
  static const char w2[] = "\xd6\xd9ng O\xd9" "c o\xd9";
  static const char w3[] = "na\xeb" "ng \xf6\xf4" "c";
  check_decode(VB_LEGACY_VNI, (const unsigned char *)w1, sizeof w1 - 1,
               "Cộng hòa Độc lập");
  check_decode(VB_LEGACY_VNI, (const unsigned char *)w2, sizeof w2 - 1,
               "Ứng Óc ó");
  check_decode(VB_LEGACY_VNI, (const unsigned char *)w3, sizeof w3 - 1,
               "nặng ươc");
}

/* VISCII: every one of the 134 letters, as iconv(3) encodes it, decodes
** back to the letter; every byte decodes as iconv decodes it. */
static void check_viscii_letters(void) {
  iconv_t to = iconv_open("VISCII", "UTF-8"), from = iconv_open("UTF-8", "VISCII");
  VB_CHECK(to != (iconv_t)-1 && from != (iconv_t)-1);
  if (to == (iconv_t)-1 || from == (iconv_t)-1) return;
  for (int v = 0; v < 12; v++)
    for (int t = 0; t < 6; t++)
      for (int cap = 0; cap < 2; cap++) {
        if (t == 0 && strlen(vowels[v][0]) == 1) continue; /* ASCII */
        char want[8], *in = want, out[4], *o = out;
        if (cap) upper(vowels[v][t], want);
        else strcpy(want, vowels[v][t]);
        size_t ni = strlen(want), no = sizeof out;
        VB_CHECK(iconv(to, &in, &ni, &o, &no) != (size_t)-1 && o == out + 1);
        check_decode(VB_LEGACY_VISCII, (const unsigned char *)out, 1, want);
        letters_checked++;
      }
  check_decode(VB_LEGACY_VISCII, (const unsigned char *)"\xf0\xd0", 2, "đĐ");
  letters_checked += 2;
  for (int b = 1; b < 256; b++) {
    char in1[1] = {(char)b}, *in = in1, out[8], *o = out;
    size_t ni = 1, no = sizeof out - 1;
    if (iconv(from, &in, &ni, &o, &no) == (size_t)-1) continue;
    *o = '\0';
    unsigned char byte = (unsigned char)b;
    check_decode(VB_LEGACY_VISCII, &byte, 1, out);
  }
  iconv_close(to);
  iconv_close(from);
}

static void check_all_letters(void) {
  letters_checked = 0;
  check_tcvn3_letters();
  VB_CHECK_INT(letters_checked, 134);
  letters_checked = 0;
  check_vni_letters();
  VB_CHECK_INT(letters_checked, 134);
  letters_checked = 0;
  check_viscii_letters();
  VB_CHECK_INT(letters_checked, 134);
}

static void check_fonts(void) {
  VB_CHECK_INT(vb_legacy_for_font(".VnTime"), VB_LEGACY_TCVN3);
  VB_CHECK_INT(vb_legacy_for_font(".VnArial Narrow"), VB_LEGACY_TCVN3);
  VB_CHECK_INT(vb_legacy_for_font(".vntime"), VB_LEGACY_TCVN3);
  VB_CHECK_INT(vb_legacy_for_font(".VnTimeH"), VB_LEGACY_TCVN3_CAPS);
  VB_CHECK_INT(vb_legacy_for_font(" .VnArialH "), VB_LEGACY_TCVN3_CAPS);
  VB_CHECK_INT(vb_legacy_for_font("VNI-Times"), VB_LEGACY_VNI);
  VB_CHECK_INT(vb_legacy_for_font("vni-Helve-Condense"), VB_LEGACY_VNI);
  VB_CHECK_INT(vb_legacy_for_font("Times New Roman"), VB_LEGACY_NONE);
  /* as PDFs name embedded fonts: subset prefix, no dot, style suffix */
  VB_CHECK_INT(vb_legacy_for_font("FBHPEM+VnTime"), VB_LEGACY_TCVN3);
  VB_CHECK_INT(vb_legacy_for_font("FBHPFO+VnTimeHBold"), VB_LEGACY_TCVN3_CAPS);
  VB_CHECK_INT(vb_legacy_for_font("VnTimeBoldItalic"), VB_LEGACY_TCVN3);
  VB_CHECK_INT(vb_legacy_for_font("VNI-Times,Bold"), VB_LEGACY_VNI);
  VB_CHECK_INT(vb_legacy_for_font("Vni"), VB_LEGACY_NONE);
  VB_CHECK_INT(vb_legacy_for_font("Verdana-Bold"), VB_LEGACY_NONE);
  VB_CHECK_INT(vb_legacy_for_font("VN"), VB_LEGACY_NONE);
  VB_CHECK_INT(vb_legacy_for_font(NULL), VB_LEGACY_NONE);
  VB_CHECK_STR(vb_legacy_name(VB_LEGACY_TCVN3_CAPS), "TCVN3");
  VB_CHECK_STR(vb_legacy_name(VB_LEGACY_VNI), "VNI");
  VB_CHECK(vb_legacy_name(VB_LEGACY_NONE) == NULL);
}

static void check_syllables(void) {
  static const char *const good[] = {
      "Cộng", "hòa", "NGHĨA", "nghiêng", "gì", "giữa", "giêng", "quốc",
      "quyết", "khuya", "thuở", "người", "ĐƯỜNG", "gìn", "kế", "ghế", "Hoà",
      "hoa\xcc\x80" /* decomposed */};
  static const char *const bad[] = {
      "Céng", "hßa", "x·", "Coäng", "ngaøy", "cé", "ghá", "quu", "hộc\xcc\x81",
      "tồt", "xyz", "vµ", "aa", ""};
  for (size_t i = 0; i < sizeof good / sizeof *good; i++)
    if (!vb_vi_is_syllable(good[i], strlen(good[i]))) {
      VB_CHECK(!"a Vietnamese syllable refused");
      fprintf(stderr, "  refused: %s\n", good[i]);
    }
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    if (vb_vi_is_syllable(bad[i], strlen(bad[i]))) {
      VB_CHECK(!"not a syllable accepted");
      fprintf(stderr, "  accepted: %s\n", bad[i]);
    }
  size_t w;
  const char *s = "Kế hoạch số 12/KH-UBND về Céng tác";
  double share = vb_vi_syllable_share(s, strlen(s), &w);
  VB_CHECK_INT(w, 6); /* ASCII words (KH, UBND) are not counted */
  VB_CHECK(share > 0.83 && share < 0.84); /* all but Céng */
}

static void check_detect(void) {
  vb_legacy enc = VB_LEGACY_NONE;
  vb_error err = {0};
  static const char tcvn3[] =
      "Uû ban nh\xa9n d\xa9n t\xd8nh. C\xe9ng h\xdf" "a x\xb7 h\xe9i ch\xf1 "
      "ngh\xdc" "a Vi\xd6t Nam. \xae\xc7u t\xad ph\xb8t tri\xd3n.";
  VB_CHECK_INT(vb_legacy_detect((const unsigned char *)tcvn3, strlen(tcvn3),
                                &enc, &err), VB_OK);
  VB_CHECK_INT(enc, VB_LEGACY_TCVN3);
  static const char vni[] = "Co\xe4ng ho\xf8" "a xa\xf5 ho\xe4i chu\xfb "
                            "ngh\xf3" "a Vie\xe4t Nam. \xd1o\xe4" "c "
                            "la\xe4p - T\xf6\xef do.";
  VB_CHECK_INT(vb_legacy_detect((const unsigned char *)vni, strlen(vni), &enc,
                                &err), VB_OK);
  VB_CHECK_INT(enc, VB_LEGACY_VNI);
  /* Windows-1258: tones are combining bytes after the letter. */
  static const char w1258[] = "C\xf4\xf2ng ho\xcc" "a xa\xde h\xf4\xf2i "
                              "chu\xd2 nghi\xde" "a Vi\xea\xf2t Nam";
  VB_CHECK_INT(vb_legacy_detect((const unsigned char *)w1258, strlen(w1258),
                                &enc, &err), VB_OK);
  VB_CHECK_INT(enc, VB_LEGACY_CP1258);
  /* VISCII: one byte per letter, capitals of their own. */
  static const char viscii[] = "C\xb5" "ng h\xf2" "a x\xe3 h\xb5" "i ch\xfc "
                               "ngh\xee" "a Vi\xae" "t Nam. \xd0\xb5" "c "
                               "l\xa7" "p - T\xf1 do - H\xd5" "nh ph\xfa" "c.";
  VB_CHECK_INT(vb_legacy_detect((const unsigned char *)viscii, strlen(viscii),
                                &enc, &err), VB_OK);
  VB_CHECK_INT(enc, VB_LEGACY_VISCII);
  check_decode(VB_LEGACY_VISCII, (const unsigned char *)viscii, strlen(viscii),
               "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc.");
  /* Too little, or not Vietnamese: refused with the reason. */
  static const char few[] = "abc \xe9 def";
  VB_CHECK_INT(vb_legacy_detect((const unsigned char *)few, strlen(few), &enc,
                                &err), VB_EENCODING);
  VB_CHECK(strncmp(err.msg, "cannot tell the encoding: ", 26) == 0);
  static const char latin[] = "Caf\xe9 cr\xe8me br\xfbl\xe9" "e \xe0 la fran\xe7" "aise";
  VB_CHECK_INT(vb_legacy_detect((const unsigned char *)latin, strlen(latin),
                                &enc, &err), VB_EENCODING);
  VB_CHECK(strstr(err.msg, "invalid UTF-8 at byte 3 (0xE9)") != NULL);
}

static void check_recode(void) {
  vb_buf b;
  vb_buf_init(&b, VB_CAP_SMALL);
  vb_error err = {0};
  /* A PDF's glyphs: U+2212 for ư, U+2219 for ã; other characters kept. */
  const char *s = "ng\xc2\xa9n h\xc2\xb5ng nh\xc2\xb5 n\xe2\x88\x92\xc3\xad" "c "
                  "x\xe2\x88\x99 \xe2\x80\x9cỨng\xe2\x80\x9d";
  VB_CHECK_INT(vb_legacy_recode(VB_LEGACY_TCVN3, s, strlen(s), &b, &err), VB_OK);
  VB_CHECK_STR(b.data, "ngân hàng nhà nước xã “Ứng”");
  vb_buf_reset(&b);
  VB_CHECK_INT(vb_legacy_recode(VB_LEGACY_TCVN3, "\xff", 1, &b, &err),
               VB_EENCODING);
  /* Runs: decided by syllables, short runs follow the document. */
  int bias = 0, conv = 0;
  vb_buf_reset(&b);
  static const char run[] = "C\xc3\xa9ng h\xc3\x9f" "a";
  VB_CHECK_INT(vb_legacy_recode_run(VB_LEGACY_TCVN3, run, sizeof run - 1, &b,
                                    &bias, &conv, &err), VB_OK);
  VB_CHECK_STR(b.data, "Cộng hòa");
  VB_CHECK_INT(bias, 1);
  VB_CHECK_INT(conv, 1);
  vb_buf_reset(&b); /* Unicode text in a .VnTime font is left alone */
  bias = 0;
  VB_CHECK_INT(vb_legacy_recode_run(VB_LEGACY_TCVN3, "có thể làm",
                                    strlen("có thể làm"), &b, &bias, &conv,
                                    &err), VB_OK);
  VB_CHECK_STR(b.data, "có thể làm");
  VB_CHECK_INT(bias, -1);
  VB_CHECK_INT(conv, 0);
  vb_buf_reset(&b); /* one letter: as the document goes */
  bias = 3;
  VB_CHECK_INT(vb_legacy_recode_run(VB_LEGACY_TCVN3_CAPS, "\xc3\x89", 2, &b,
                                    &bias, &conv, &err), VB_OK);
  VB_CHECK_STR(b.data, "Ẫ");
  VB_CHECK_INT(bias, 3);
  vb_buf_free(&b);
}

static void check_mojibake(void) {
  const char *moji = "Céng hßa x· héi chñ nghÜa ViÖt Nam - §éc lËp";
  VB_CHECK_INT(vb_legacy_mojibake(moji, strlen(moji)), VB_LEGACY_TCVN3);
  const char *vni = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam";
  VB_CHECK_INT(vb_legacy_mojibake(vni, strlen(vni)), VB_LEGACY_VNI);
  const char *real = "Cộng hòa xã hội chủ nghĩa Việt Nam";
  VB_CHECK_INT(vb_legacy_mojibake(real, strlen(real)), VB_LEGACY_NONE);
  const char *french = "Le café est très bon à Paris, déjà vu";
  VB_CHECK_INT(vb_legacy_mojibake(french, strlen(french)), VB_LEGACY_NONE);
}

static void check_fix_case(void) {
  char s[] = "Kế HOạCH\nủy ban nhân dân. Sở Y tế\nSố: 12/KH-UBND\nCHủ Đề, THờI GIAN";
  vb_legacy_fix_case(s, strlen(s));
  VB_CHECK_STR(s, "KẾ HOẠCH\nỦy ban nhân dân. Sở Y tế\nSố: 12/KH-UBND\n"
                  "CHỦ ĐỀ, THỜI GIAN");
  /* A line that goes on from the line above keeps its small letter; đ
  ** (TCVN3 has Đ) never becomes a capital; a capital after a small
  ** accented letter is a word in capitals ("ủY" -> "ỦY"); the names of
  ** bodies get their capital back wherever they stand. */
  char t[] = "phòng ngừa,\nứng phó với bạo lực\n\nđến năm 2030.\n"
             "TM. ủY BAN NHÂN DÂN\nbáo cáo ủy ban nhân dân tỉnh, ủy quyền "
             "cho Trung tâm ứng dụng KH&CN\n1. Mục đích.\nứng dụng";
  vb_legacy_fix_case(t, strlen(t));
  VB_CHECK_STR(t, "phòng ngừa,\nứng phó với bạo lực\n\nđến năm 2030.\n"
                  "TM. ỦY BAN NHÂN DÂN\nbáo cáo Ủy ban nhân dân tỉnh, ủy quyền "
                  "cho Trung tâm Ứng dụng KH&CN\n1. Mục đích.\nỨng dụng");
}

static void check_errors(void) {
  vb_buf b;
  vb_buf_init(&b, 4);
  vb_error err = {0};
  VB_CHECK_INT(vb_legacy_decode(VB_LEGACY_TCVN3,
                                (const unsigned char *)"\xb5\xb5\xb5", 3, &b,
                                &err), VB_ELIMIT);
  vb_buf_free(&b);
  vb_buf_init(&b, VB_CAP_SMALL);
  vb_alloc_fail_after(0);
  vb_status rc = vb_legacy_decode(VB_LEGACY_VNI, (const unsigned char *)"a\xf9",
                                  2, &b, &err);
  vb_alloc_fail_after(-1);
  VB_CHECK_INT(rc, VB_ENOMEM);
  vb_buf_free(&b);
}

int main(void) {
  check_all_letters();
  check_fonts();
  check_syllables();
  check_detect();
  check_recode();
  check_mojibake();
  check_fix_case();
  check_errors();
  return vb_test_done();
}
