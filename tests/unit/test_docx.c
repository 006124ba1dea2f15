/*
** test_docx.c: the DOCX reader against the fixtures of tests/fixtures/docx/
** (one per quirk, exact expected text), the hostile and damaged inputs, the
** limits, allocation failures, and the seed corpus: each plain DOCX of
** corpus/docx/plain/ must read as its corpus/seeds/ text, each official
** DOCX as the same text plus the national motto.
*/
#include <dirent.h>
#include <unistd.h>

#include "common/text.h"
#include "wpfixture.h"

static void test_fixtures(void) {
  static const char *const names[] = {"runs",   "tables",    "numbering",
                                      "tracked", "fields",   "altcontent",
                                      "notes",  "relocated", "norels"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    char file[64];
    snprintf(file, sizeof file, "%s.docx", names[i]);
    wp_check_fixture(&vb_reader_docx, file, names[i]);
  }
}

static void test_properties(void) {
  wp_check_props(&vb_reader_docx, "notes.docx", "Kế hoạch bình đẳng giới",
                 "Nguyễn Văn A", "2021-10-18T08:00:00Z", "2021-10-19T09:30:00Z");
  /* No core.xml: every property stays NULL. */
  wp_check_props(&vb_reader_docx, "runs.docx", NULL, NULL, NULL, NULL);
}

/* Damaged and hostile files: each refused with its own reason. */
static void test_bad_inputs(void) {
  static const struct {
    const char *file;
    vb_status status;
    const char *reason;
  } cases[] = {
      {"bad_notzip.docx", VB_EFORMAT, "not a zip archive"},
      {"bad_truncated.docx", VB_ECORRUPT, "truncated or damaged DOCX"},
      {"bad_crc.docx", VB_ECORRUPT,
       "zip entry word/document.xml cannot be inflated"},
      {"bad_bomb.docx", VB_ELIMIT, "zip bomb"},
      {"bad_laughs.docx", VB_ECORRUPT, "declares a DOCTYPE"},
      {"bad_xxe.docx", VB_ECORRUPT, "declares a DOCTYPE"},
      {"bad_deep.docx", VB_ELIMIT, "nests deeper than 256"},
      {"bad_malformed.docx", VB_ECORRUPT,
       "malformed XML in word/document.xml (line 2"},
      {"bad_nodoc.docx", VB_EFORMAT, "word/document.xml is missing"},
      {"bad_encoding.docx", VB_ECORRUPT, "input conversion failed"},
      {"bad_namespace.docx", VB_ECORRUPT, "Namespace prefix w on document"},
      {"bad_encrypted.docx", VB_EFORMAT, "password-protected document"},
      {"bad_legacy.doc", VB_EFORMAT,
       "legacy Word 97-2003 .doc is not supported"},
      {"basic.odt", VB_EFORMAT, "word/document.xml is missing"},
  };
  /* libxml2 must not print: stderr goes to a file meanwhile. */
  fflush(stderr);
  FILE *tmp = tmpfile();
  int saved = dup(2);
  VB_CHECK(tmp != NULL && saved >= 0);
  if (tmp) dup2(fileno(tmp), 2);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    wp_check_bad(&vb_reader_docx, cases[i].file, NULL, cases[i].status,
                 cases[i].reason);
  fflush(stderr);
  if (saved >= 0) {
    dup2(saved, 2);
    close(saved);
  }
  if (tmp) {
    long printed = ftell(tmp) >= 0 ? (fseek(tmp, 0, SEEK_END), ftell(tmp)) : -1;
    char buf[512] = "";
    rewind(tmp);
    size_t k = fread(buf, 1, sizeof buf - 1, tmp);
    buf[k] = '\0';
    if (printed != 0) fprintf(stderr, "printed while reading:\n%s", buf);
    VB_CHECK_INT(printed, 0);
    fclose(tmp);
  }
}

/* Each limit lowered in turn trips on an ordinary fixture. */
static void test_limits(void) {
  static const struct {
    const char *file;
    size_t entries, inflated, text;
    int depth;
    const char *reason;
  } cases[] = {
      {"notes.docx", 3, 0, 0, 0, "zip entries (limit 3)"},
      {"numbering.docx", 0, 4000, 0, 0, "inflates to more than"},
      {"tables.docx", 0, 0, 40, 0, "text longer than 40 bytes"},
      {"tables.docx", 0, 0, 0, 6, "nests deeper than 6 elements"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    vb_limits lim;
    vb_limits_default(&lim);
    if (cases[i].entries) lim.max_entries = cases[i].entries;
    if (cases[i].inflated) lim.max_inflated = cases[i].inflated;
    if (cases[i].text) lim.max_text_bytes = cases[i].text;
    if (cases[i].depth) lim.max_xml_depth = cases[i].depth;
    wp_check_bad(&vb_reader_docx, cases[i].file, &lim, VB_ELIMIT,
                 cases[i].reason);
  }
  /* The ratio is checked per entry above a 64 KiB floor: small entries
  ** pass even at 1:1, the bomb fails at the default 200:1. */
  vb_limits lim;
  vb_limits_default(&lim);
  lim.max_ratio = 1;
  vb_doc *doc;
  vb_error err;
  VB_CHECK_INT(wp_read(&vb_reader_docx, wp_fixture("runs.docx"), &lim, &doc,
                       &err),
               VB_OK);
  vb_doc_free(doc);
}

static void test_sniff(void) {
  static const struct { const char *file; int docx, odt; } cases[] = {
      {"runs.docx", 1, 0},
      /* no word/ part: the extension decides (vb_reader_for_path) */
      {"relocated.docx", 0, 0},
      {"bad_encrypted.docx", 1, 0}, {"bad_legacy.doc", 1, 0},
      {"basic.odt", 0, 1},          {"bad_notzip.docx", 0, 0},
      {"bad_nodoc.docx", 0, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    size_t n;
    unsigned char *d = wp_slurp(wp_fixture(cases[i].file), &n);
    VB_CHECK(d != NULL);
    if (!d) continue;
    VB_CHECK_INT(vb_reader_docx.sniff(d, n), cases[i].docx);
    VB_CHECK_INT(vb_reader_odt.sniff(d, n), cases[i].odt);
    /* Four bytes cannot tell a DOCX from another zip or OLE file. */
    VB_CHECK_INT(vb_reader_docx.sniff(d, n < 4 ? n : 4), 0);
    vb_free(d);
  }
  VB_CHECK(vb_reader_for_path("a/b/Kế hoạch.DOCX") == &vb_reader_docx);
  VB_CHECK(vb_reader_for_path("x.docm") == &vb_reader_docx);
}

/* Through vb_read_file: the format is sniffed and recorded. */
static void test_read_file(void) {
  vb_doc *doc = NULL;
  vb_error err;
  vb_status rc = vb_read_file(wp_fixture("tables.docx"), NULL, &doc, &err);
  VB_CHECK_INT(rc, VB_OK);
  if (doc) {
    VB_CHECK_STR(doc->format, "docx");
    VB_CHECK(doc->text && strncmp(doc->text, "ỦY BAN NHÂN DÂN\n", 20) == 0);
  }
  vb_doc_free(doc);
  /* The hash of the bytes, unless the caller asks for none (vanban text). */
  vb_limits lim;
  vb_limits_default(&lim);
  VB_CHECK_INT(vb_read_bytes("a.txt", (const unsigned char *)"abc", 3, &lim,
                             &doc, &err), VB_OK);
  if (doc)
    VB_CHECK_STR(doc->sha256, "ba7816bf8f01cfea414140de5dae2223"
                              "b00361a396177a9cb410ff61f20015ad");
  vb_doc_free(doc);
  lim.no_hash = 1;
  VB_CHECK_INT(vb_read_bytes("a.txt", (const unsigned char *)"abc", 3, &lim,
                             &doc, &err), VB_OK);
  if (doc) VB_CHECK_STR(doc->sha256, "");
  vb_doc_free(doc);
}

/* Every allocation failing in turn: a clean VB_ENOMEM or success, never a
** crash or a leak (the sanitizer build checks the leaks). */
static void test_alloc_failures(void) {
  int ok = 0, nomem = 0, other = 0;
  size_t n;
  unsigned char *d = wp_slurp(wp_fixture("numbering.docx"), &n);
  vb_limits lim;
  vb_limits_default(&lim);
  for (long k = 0; d && k < 400 && !ok; k++) {
    vb_doc doc;
    vb_error err;
    memset(&doc, 0, sizeof doc);
    vb_alloc_fail_after(k);
    vb_status rc = vb_reader_docx.read(d, n, &lim, &doc, &err);
    vb_alloc_fail_after(-1);
    if (rc == VB_OK) ok++;
    else if (rc == VB_ENOMEM) nomem++;
    else other++;
    vb_free(doc.text);  /* the rest stays NULL for this fixture */
    vb_free(doc.extra);
  }
  vb_free(d);
  VB_CHECK(ok == 1);
  VB_CHECK(nomem > 5);
  VB_CHECK_INT(other, 0);
}

/* Lines of s, NFC, trailing white space dropped, blank lines dropped,
** joined with '\n'; lines equal to one of skip[] are left out too. */
static char *normalised(const char *s, size_t n, const char *const *skip) {
  vb_buf nfc, out;
  vb_buf_init(&nfc, VB_CAP_TEXT);
  vb_buf_init(&out, VB_CAP_TEXT);
  vb_error err;
  if (vb_text_nfc(s, n, &nfc, &err) != VB_OK) {
    vb_buf_free(&nfc);
    return NULL;
  }
  const char *p = nfc.data ? nfc.data : "";
  while (*p) {
    const char *e = strchr(p, '\n');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    size_t k = len;
    while (k && (p[k - 1] == ' ' || p[k - 1] == '\t' || p[k - 1] == '\r')) k--;
    int keep = k > 0;
    for (const char *const *q = skip; keep && q && *q; q++)
      if (strlen(*q) == k && memcmp(*q, p, k) == 0) keep = 0;
    if (keep) {
      if (vb_buf_append(&out, p, k) != VB_OK || vb_buf_putc(&out, '\n') != VB_OK)
        break;
    }
    p += len + (e ? 1 : 0);
  }
  vb_buf_free(&nfc);
  return vb_buf_take(&out, NULL);
}

static void test_seed_corpus(void) {
  static const char *const motto[] = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                      "Độc lập - Tự do - Hạnh phúc", NULL};
  DIR *dir = opendir(vb_test_src("corpus/seeds"));
  VB_CHECK(dir != NULL);
  if (!dir) return;
  int seen = 0;
  struct dirent *de;
  while ((de = readdir(dir)) != NULL) {
    size_t len = strlen(de->d_name);
    if (len < 5 || strcmp(de->d_name + len - 4, ".txt") != 0) continue;
    char rel[512], stem[256];
    snprintf(stem, sizeof stem, "%.*s", (int)(len - 4), de->d_name);
    snprintf(rel, sizeof rel, "corpus/seeds/%s", de->d_name);
    size_t n;
    char *seed = (char *)wp_slurp(vb_test_src(rel), &n);
    char *want = seed ? normalised(seed, n, NULL) : NULL;
    VB_CHECK(want != NULL);
    for (int official = 0; official < 2 && want; official++) {
      snprintf(rel, sizeof rel, "corpus/docx/%s/%s.docx",
               official ? "official" : "plain", stem);
      vb_doc *doc;
      vb_error err;
      vb_status rc = wp_read(&vb_reader_docx, vb_test_src(rel), NULL, &doc,
                             &err);
      VB_CHECK_INT(rc, VB_OK);
      char *got = doc && doc->text ? normalised(doc->text, doc->text_len,
                                                official ? motto : NULL)
                                   : NULL;
      if (!got || strcmp(got, want) != 0) {
        vb_test_failures++;
        fprintf(stderr, "%s does not read as its seed\n", rel);
      }
      vb_test_checks++;
      /* The official layout keeps the motto, as its own lines. */
      if (official && doc && doc->text)
        VB_CHECK(strstr(doc->text, "\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                                   "Độc lập - Tự do - Hạnh phúc\n") != NULL);
      vb_free(got);
      vb_doc_free(doc);
    }
    vb_free(want);
    vb_free(seed);
    seen++;
  }
  closedir(dir);
  VB_CHECK(seen >= 5);
}

int main(void) {
  test_fixtures();
  test_properties();
  test_bad_inputs();
  test_limits();
  test_sniff();
  test_read_file();
  test_alloc_failures();
  test_seed_corpus();
  return vb_test_done();
}
