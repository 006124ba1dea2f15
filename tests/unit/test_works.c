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
**   - a text of a few words is too short to be matched by its words;
**   - the signature made from a text's pre-tokenized words (as ingest
**     makes it) is the one made from the text, up to the word cap.
*/
#include <stdio.h>
#include <stdlib.h>

#include "index/tokenizer.h"
#include "index/works.h"
#include "vbtest.h"

/* vb_minhash_pretok() of text gives vb_minhash()'s signature and count. */
static void same_pretok(const char *text, size_t n) {
  vb_pretok p = {0};
  uint32_t a[VB_MINHASH_N], b[VB_MINHASH_N];
  VB_CHECK_INT(vb_pretok_add(&p, text, n), VB_OK);
  size_t na = vb_minhash(text, n, a);
  size_t nb = p.n ? vb_minhash_pretok(&p, 0, b) : 0;
  VB_CHECK(p.n == 1 || n == 0);
  VB_CHECK(na == nb);
  VB_CHECK(p.n == 0 || memcmp(a, b, sizeof a) == 0);
  vb_pretok_free(&p);
}

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
  same_pretok(da->text, da->text_len);
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
  same_pretok(t1, strlen(t1));
  same_pretok(t2, strlen(t2));
  same_pretok("hai từ", strlen("hai từ"));
  same_pretok("", 0);
  /* past the word cap, with shingles repeated (boilerplate) and marks */
  size_t cap = 60000 * 16, len = 0;
  char *big = malloc(cap);
  VB_CHECK(big != NULL);
  for (int i = 0; big && i < 60000; i++)
    len += (size_t)snprintf(big + len, cap - len, "%s%d ",
                            i % 3 ? "Việc" : "giới", i % 700);
  if (big) same_pretok(big, len);
  if (big) same_pretok(big, 3000);
  free(big);

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
