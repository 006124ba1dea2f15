/*
** test_works.c: the signatures that tell copies of one document from other
** documents (index/works.h).
**
**   - the same words however laid out (case, marks kept, line breaks,
**     punctuation) give the same signature;
**   - a seed plan's .txt and its .docx (read by the DOCX reader) share
**     nearly all their shingles; two different plans share few;
**   - another province's plan from the same template shares many: the
**     words alone would merge them, which is why works.c asks the identity
**     first (tests/cli/works.sh shows them kept apart);
**   - a text of a few words is too short to be matched by its words.
*/
#include "index/works.h"
#include "vbtest.h"

static double sim_files(const char *a, const char *b, size_t *na) {
  vb_limits lim;
  vb_limits_default(&lim);
  vb_doc *da = NULL, *db = NULL;
  vb_error err = {0};
  uint32_t sa[VB_MINHASH_N], sb[VB_MINHASH_N];
  VB_CHECK_INT(vb_read_file(vb_test_src(a), &lim, &da, &err), VB_OK);
  VB_CHECK_INT(vb_read_file(vb_test_src(b), &lim, &db, &err), VB_OK);
  if (!da || !db) return -1;
  *na = vb_minhash(da->text, da->text_len, sa);
  vb_minhash(db->text, db->text_len, sb);
  vb_doc_free(da);
  vb_doc_free(db);
  return vb_minhash_similarity(sa, sb);
}

int main(void) {
  uint32_t a[VB_MINHASH_N], b[VB_MINHASH_N];
  const char *t1 = "Thực hiện Kế hoạch số 3332/KH-UBND ngày 13/11/2018 của UBND "
                   "tỉnh về việc triển khai Tháng hành động vì bình đẳng giới";
  const char *t2 = "THỰC HIỆN kế hoạch số 3332 / KH - UBND\nngày 13/11/2018, của "
                   "UBND tỉnh về việc\n\ntriển khai Tháng hành động vì Bình "
                   "đẳng giới.";
  VB_CHECK_INT(vb_minhash(t1, strlen(t1), a), 24); /* 26 words */
  VB_CHECK(vb_minhash(t2, strlen(t2), b) == 24);
  VB_CHECK(vb_minhash_similarity(a, b) == 1.0);
  VB_CHECK_INT(vb_minhash("hai từ", strlen("hai từ"), a), 0);
  VB_CHECK(a[0] == UINT32_MAX && a[VB_MINHASH_N - 1] == UINT32_MAX);

  size_t n = 0;
  double s = sim_files("corpus/seeds/000_296edb8d0f8b8cf7.txt",
                       "corpus/docx/plain/000_296edb8d0f8b8cf7.docx", &n);
  VB_CHECK(s >= VB_WORKS_SAME);
  VB_CHECK(n >= 40);
  s = sim_files("corpus/seeds/001_6747b2af0e194c38.txt",
                "corpus/docx/official/001_6747b2af0e194c38.docx", &n);
  VB_CHECK(s >= VB_WORKS_SAME);
  s = sim_files("corpus/seeds/001_6747b2af0e194c38.txt",
                "corpus/seeds/004_94ed9bdc1d102980.txt", &n);
  VB_CHECK(s < 0.3);
  s = sim_files("corpus/seeds/001_6747b2af0e194c38.txt",
                "tests/fixtures/works/template_caobang.txt", &n);
  VB_CHECK(s >= 0.8); /* near-duplicate words: only the identity differs */
  s = sim_files("corpus/seeds/001_6747b2af0e194c38.txt",
                "tests/fixtures/works/draft_001.txt", &n);
  VB_CHECK(s >= 0.8);
  return vb_test_done();
}
