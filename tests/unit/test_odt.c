/*
** test_odt.c: the ODT reader against tests/fixtures/docx/basic.odt (lists,
** outline numbering, white space, tracked changes, notes, annotations,
** frames, tables, headers and footers, properties), legacy fonts
** (tests/fixtures/odt/legacy_mixed.odt) and its bad inputs.
*/
#include "wpfixture.h"

static void test_basic(void) {
  wp_check_fixture(&vb_reader_odt, "basic.odt", "basic_odt");
  /* Trimmed title; the initial creator rather than the last editor. */
  wp_check_props(&vb_reader_odt, "basic.odt", "Kế hoạch 622", "Nguyễn Văn A",
                 "2021-10-18T08:00:00", "2021-10-19T09:30:00");
}

static void test_bad(void) {
  wp_check_bad(&vb_reader_odt, "bad_odt_encrypted.odt", NULL, VB_EFORMAT,
               "password-protected document");
  wp_check_bad(&vb_reader_odt, "bad_odt_mime.odt", NULL, VB_EFORMAT,
               "mimetype application/vnd.oasis.opendocument.spreadsheet");
  wp_check_bad(&vb_reader_odt, "bad_notzip.docx", NULL, VB_EFORMAT,
               "not a zip archive (ODT files are)");
  wp_check_bad(&vb_reader_odt, "bad_truncated.docx", NULL, VB_ECORRUPT,
               "truncated or damaged ODT");
  wp_check_bad(&vb_reader_odt, "runs.docx", NULL, VB_EFORMAT,
               "content.xml is missing");
  vb_limits lim;
  vb_limits_default(&lim);
  lim.max_xml_depth = 5;
  wp_check_bad(&vb_reader_odt, "basic.odt", &lim, VB_ELIMIT,
               "nests deeper than 5 elements");
}

/* Through vb_read_file: sniffed as ODT whatever the name says. */
static void test_read_file(void) {
  vb_doc *doc = NULL;
  vb_error err;
  VB_CHECK_INT(vb_read_file(wp_fixture("basic.odt"), NULL, &doc, &err), VB_OK);
  if (doc) {
    VB_CHECK_STR(doc->format, "odt");
    VB_CHECK(doc->extra && strcmp(doc->extra, "UBND TỈNH BẮC KẠN\nTrang 1\n") == 0);
  }
  vb_doc_free(doc);
  VB_CHECK(vb_reader_for_path("ke-hoach.odt") == &vb_reader_odt);
}

/* Runs in legacy fonts converted from the font of their span or their
** paragraph's style (parents followed), a capitals font upper-cased, a
** font given by fo:font-family, Unicode text under a .VnTime style kept,
** text without a legacy font never converted, the header too
** (tests/fixtures/odt/legacy_mixed.odt, written by make_legacy.py). */
static void test_legacy_fonts(void) {
  vb_doc *doc = NULL;
  vb_error err;
  VB_CHECK_INT(wp_read(&vb_reader_odt,
                       vb_test_src("tests/fixtures/odt/legacy_mixed.odt"), NULL,
                       &doc, &err), VB_OK);
  VB_CHECK_STR(doc->text, "Kế hoạch thực hiện ỦY BAN NHÂN DÂN\n"
                          "Sở Lao động và Thương binh xã hội\n"
                          "Đã chuyển sang Unicode, vẫn ghi phông .VnTime\n"
                          "Céng hßa\n");
  VB_CHECK(doc->extra && strcmp(doc->extra, "Tỉnh Bắc Kạn\n") == 0);
  VB_CHECK_STR(doc->encoding, "TCVN3, VNI");
  vb_doc_free(doc);
}

/* Sniffing every prefix of a real file, each in a buffer of exactly its
** size: no read past the end (the sanitizer build checks), and only the
** prefixes long enough to hold the mimetype are claimed. */
static void test_sniff_prefixes(void) {
  size_t n;
  unsigned char *d = wp_slurp(wp_fixture("basic.odt"), &n);
  VB_CHECK(d != NULL && n > 100);
  int claimed = 0;
  for (size_t k = 0; d && k <= 100; k++) {
    unsigned char *p = vb_malloc(k);
    if (!p) break;
    memcpy(p, d, k);
    int odt = vb_reader_odt.sniff(p, k);
    claimed += odt;
    VB_CHECK_INT(odt, k >= 38 + 39);  /* header, name, mimetype */
    VB_CHECK_INT(vb_reader_docx.sniff(p, k), 0);
    vb_free(p);
  }
  VB_CHECK(claimed > 0);
  vb_free(d);
}

int main(void) {
  test_sniff_prefixes();
  test_basic();
  test_bad();
  test_read_file();
  test_legacy_fonts();
  return vb_test_done();
}
