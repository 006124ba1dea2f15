/*
** test_vocabulary.c: the vocabulary of paragraph search (query/vocabulary.c,
** data/vocabulary.tsv) and the paragraph ranking that uses it
** (query/paragraph_search.c): folding, whole-word matching, both
** directions of an abbreviation, the built-in table, and end to end a
** paragraph found through most of the query's words, through an equivalent
** wording, and not found with --all-words or --no-expand; the glossary of
** paraphrase (data/paraphrase.tsv): tone marks typed must match, the
** rows well formed, and a paragraph found through a word it never uses.
*/
#include <stdlib.h>
#include <string.h>

#include "index/index.h"
#include "query/query.h"
#include "query/vocabulary.h"
#include "vbtest.h"

/* Collects "matched>other" lines. */
static int collect(void *ctx, const char *matched, const char *other,
                   const char *example) {
  vb_buf *b = ctx;
  VB_CHECK(example != NULL);
  VB_CHECK_INT(vb_buf_printf(b, "%s>%s|", matched, other), VB_OK);
  return 0;
}

static const char g_table[] =
    "# comment\tnot\ta row\n"
    "abbr\tUBND ; Ủy ban nhân dân\tthe issuer line\n"
    "same\tgửi về ; nộp cho ; gửi\treporting clauses\n"
    "same\tkiểm tra ; giám sát\n"; /* no example column: still read */

static void check_expand(const char *query, const char *want) {
  vb_buf q, got;
  vb_buf_init(&q, VB_CAP_SMALL);
  vb_buf_init(&got, VB_CAP_SMALL);
  VB_CHECK_INT(vb_vocab_fold(query, strlen(query), &q), VB_OK);
  size_t calls = 99;
  VB_CHECK_INT(vb_vocab_expand(g_table, q.data ? q.data : "", collect, &got, &calls),
               VB_OK);
  VB_CHECK_STR(got.data ? got.data : "", want);
  vb_buf_free(&q);
  vb_buf_free(&got);
}

static void test_expand(void) {
  vb_buf f;
  vb_buf_init(&f, VB_CAP_SMALL);
  VB_CHECK_INT(vb_vocab_fold("  Sở LĐ-TBXH, Đồng Nai!", 28, &f), VB_OK);
  VB_CHECK_STR(f.data, "so ld tbxh dong nai");
  vb_buf_free(&f);
  /* both directions of an abbreviation, any case and marks */
  check_expand("UBND tỉnh", "ubnd>uy ban nhan dan|");
  check_expand("uy ban nhan dan tinh", "uy ban nhan dan>ubnd|");
  /* the longest wording found applies the row once; wordings already in
  ** the query are not added */
  check_expand("gửi về Sở", "gui ve>nop cho|");
  check_expand("nộp báo cáo", "");            /* "nộp" alone is no wording */
  check_expand("guiv e", "");                 /* whole words only */
  check_expand("kiem tra, giam sat", "");     /* both wordings typed */
  check_expand("giám sát", "giam sat>kiem tra|");
  /* the built-in table: the rows the product relies on */
  vb_buf got;
  vb_buf_init(&got, VB_CAP_SMALL);
  VB_CHECK_INT(vb_vocab_expand(NULL, "nop cho so", collect, &got, NULL), VB_OK);
  VB_CHECK(got.data && strstr(got.data, "nop cho>gui ve|") != NULL);
  vb_buf_reset(&got);
  VB_CHECK_INT(vb_vocab_expand(vb_vocab_builtin(), "tthc", collect, &got, NULL), VB_OK);
  VB_CHECK_STR(got.data, "tthc>thu tuc hanh chinh|");
  vb_buf_reset(&got);
  VB_CHECK_INT(vb_vocab_expand(vb_vocab_builtin(), "dao tao cong chuc", collect, &got, NULL), VB_OK);
  VB_CHECK_STR(got.data, "dao tao>boi duong|dao tao>tap huan|");
  vb_buf_free(&got);
}

/* Collects "matched>other/near" lines of the glossary. */
static int collect_gloss(void *ctx, const char *matched, const char *other,
                         const char *example, int near) {
  vb_buf *b = ctx;
  VB_CHECK(example != NULL);
  VB_CHECK_INT(vb_buf_printf(b, "%s>%s/%d|", matched, other, near), VB_OK);
  return 0;
}

static const char g_gloss[] =
    "# kind\twordings\texample\n"
    "same\tbạo lực ; bạo hành ; bạo lực gia đình ; hành hạ\t\"hành vi bạo lực\"\n"
    "\n"
    "near\tkinh phí ; tiền\n"
    "same\tQuản lý ; quản lí\tboth spellings\n";

static void check_gloss(const char *query, int marks, const char *want) {
  vb_buf got;
  vb_buf_init(&got, VB_CAP_SMALL);
  size_t calls = 99;
  VB_CHECK_INT(vb_gloss_expand(g_gloss, query, strlen(query), marks, collect_gloss,
                               &got, &calls), VB_OK);
  VB_CHECK_STR(got.data ? got.data : "", want);
  int bars = 0; /* one call per wording */
  for (const char *p = got.data ? got.data : ""; *p; p++) bars += *p == '|';
  VB_CHECK_INT((int)calls, bars);
  vb_buf_free(&got);
}

static void test_gloss(void) {
  /* a word the plans never use reaches the ones they do, as the table
  ** writes them; wordings already typed are not added */
  check_gloss("bạo hành trẻ em", 1, "bao hanh>bạo lực/0|bao hanh>bạo lực gia đình/0|bao hanh>hành hạ/0|");
  check_gloss("Bạo lực, hành hạ", 1, "bao luc>bạo hành/0|bao luc>bạo lực gia đình/0|");
  /* the longest wording found applies the row once */
  check_gloss("bạo lực gia đình", 1, "bao luc gia dinh>bạo hành/0|bao luc gia dinh>hành hạ/0|");
  /* marks typed must match: "bảo hành" (warranty) is not "bạo hành" */
  check_gloss("bảo hành thiết bị", 1, "");
  check_gloss("bảo hành thiết bị", 0, "bao hanh>bạo lực/0|bao hanh>bạo lực gia đình/0|bao hanh>hành hạ/0|");
  /* without marks typed any marks match; case ignored; whole words */
  check_gloss("BAO HANH", 1, "bao hanh>bạo lực/0|bao hanh>bạo lực gia đình/0|bao hanh>hành hạ/0|");
  check_gloss("bạo hànhx", 1, "");
  check_gloss("quản lý", 1, "quan ly>quản lí/0|");
  /* a "near" row says so */
  check_gloss("tiền", 1, "tien>kinh phí/1|");
  check_gloss("", 1, "");
  /* the built-in glossary: every row is well formed, and the rows the
  ** ranking relies on are there */
  const char *t = vb_gloss_builtin();
  int rows = 0;
  for (const char *l = t; *l;) {
    const char *eol = strchr(l, '\n');
    size_t len = eol ? (size_t)(eol - l) : strlen(l);
    if (len && *l != '#') {
      char line[1024];
      VB_CHECK(len < sizeof line);
      memcpy(line, l, len < sizeof line ? len : sizeof line - 1);
      line[len < sizeof line ? len : sizeof line - 1] = '\0';
      char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
      VB_CHECK(t1 && t2 && !strchr(t2 + 1, '\t')); /* three cells */
      if (!t1 || !t2) break;
      *t1 = *t2 = '\0';
      VB_CHECK(strcmp(line, "same") == 0 || strcmp(line, "near") == 0);
      VB_CHECK(strlen(t2 + 1) > 5);                 /* an example or source */
      int wordings = 1;
      for (char *p = t1 + 1; (p = strstr(p, " ; ")) != NULL; p += 3) wordings++;
      VB_CHECK(wordings >= 2 && wordings <= 16);
      VB_CHECK(!strstr(t1 + 1, ";;") && t1[1] != ' ');
      rows++;
    }
    l = eol ? eol + 1 : l + len;
  }
  VB_CHECK(rows > 150);
  vb_buf got;
  vb_buf_init(&got, VB_CAP_SMALL);
  VB_CHECK_INT(vb_gloss_expand(NULL, "bạo hành", strlen("bạo hành"), 1, collect_gloss,
                               &got, NULL), VB_OK);
  VB_CHECK(got.data && strstr(got.data, "bao hanh>bạo lực/0|") != NULL);
  vb_buf_free(&got);
}

/* The sources of a paragraph search, joined by spaces. */
static void check_search(vb_index *idx, const char *query, int all_words,
                         int no_expand, const char *want) {
  vb_search_opts o;
  memset(&o, 0, sizeof o);
  o.query = query;
  o.paragraphs = 1;
  o.all_words = all_words;
  o.no_expand = no_expand & 1;
  o.no_gloss = no_expand >> 1 & 1;
  vb_results *res = NULL;
  vb_error err = {0};
  VB_CHECK_INT(vb_search(idx, &o, &res, &err), VB_OK);
  char got[512] = "";
  for (size_t i = 0; i < vb_results_count(res); i++) {
    const vb_hit *h = vb_results_get(res, i);
    VB_CHECK(h->para_id != 0 && h->line > 0 && h->text != NULL);
    snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? " " : "",
             h->source);
  }
  VB_CHECK_STR(got, want);
  vb_results_free(res);
}

static void test_search(void) {
  char path[] = "test_vocabulary_XXXXXX";
  vb_test_db(path);
  vb_index *idx = NULL;
  vb_error err = {0};
  VB_CHECK_INT(vb_index_open(path, VB_INDEX_WRITE, &idx, &err), VB_OK);
  if (!idx) return;
  VB_CHECK_INT(vb_index_begin(idx, &err), VB_OK);
  vb_test_put_text(idx, "a.txt",
                   "KẾ HOẠCH\n\nCác đơn vị gửi báo cáo kết quả về Sở Tài chính "
                   "trước ngày 15 tháng 12.\n\nNội dung khác về môi trường.\n");
  vb_test_put_text(idx, "b.txt",
                   "KẾ HOẠCH\n\nKinh phí thực hiện do ngân sách tỉnh bảo đảm.\n\n"
                   "Báo cáo kết quả thực hiện hằng năm.\n");
  vb_test_put_text(idx, "c.txt", "KẾ HOẠCH\n\nTrồng cây xanh ven đường.\n");
  vb_test_put_text(idx, "d.txt",
                   "KẾ HOẠCH\n\nKinh doanh có phí, kinh tế có phí, kinh nghiệm "
                   "có phí, kinh tuyến có phí.\n");
  vb_test_put_text(idx, "e.txt",
                   "KẾ HOẠCH\n\nPhòng, chống bạo lực gia đình trên địa bàn tỉnh.\n");
  VB_CHECK_INT(vb_index_commit(idx, &err), VB_OK);
  /* most of the words: the paragraph with five of six comes first */
  check_search(idx, "gửi báo cáo kết quả Sở Tài chính xyzzy", 0, 0, "a.txt b.txt");
  check_search(idx, "gửi báo cáo kết quả Sở Tài chính xyzzy", 1, 0, "");
  /* "nộp cho" is read as "gửi về" too, unless the expansion is off */
  check_search(idx, "nộp cho Sở Tài chính", 0, 0, "a.txt");
  check_search(idx, "nộp cho", 0, 1, "");
  check_search(idx, "nộp cho", 0, 0, "a.txt");
  /* "kinh phí" is a word (data/compounds.tsv): its syllables apart count
  ** less, so the paragraph holding it once comes before the one holding
  ** "kinh" and "phí" four times each */
  check_search(idx, "kinh phí", 0, 1, "b.txt d.txt");
  /* a quoted phrase is required */
  check_search(idx, "\"cây xanh\" báo cáo", 0, 0, "c.txt");
  /* "ngược đãi" is in no paragraph: the glossary reads it as "bạo lực";
  ** without the glossary (or any expansion) nothing is found */
  check_search(idx, "ngược đãi", 0, 0, "e.txt");
  check_search(idx, "ngược đãi", 0, 2, "");
  check_search(idx, "ngược đãi", 0, 1, "");
  /* a dash between spaces is text, not an exclusion: ranked, not strict */
  check_search(idx, "báo cáo Sở Tài chính - xyzzy", 0, 0, "a.txt b.txt");
  /* similar ranks the same way: quotes are text, the named source is left
  ** out, each hit says how alike it is */
  vb_search_opts o;
  memset(&o, 0, sizeof o);
  vb_results *res = NULL;
  VB_CHECK_INT(vb_similar(idx, "gui \"bao cao ket qua ve So Tai chinh",
                                     "b.txt", &o, &res, &err), VB_OK);
  VB_CHECK_INT((int)vb_results_count(res), 1);
  const vb_hit *h = vb_results_count(res) ? vb_results_get(res, 0) : NULL;
  if (h) {
    VB_CHECK_STR(h->source, "a.txt");
    VB_CHECK(h->score < 0 && h->line == 3 && h->text != NULL);
    VB_CHECK(h->similarity > 0.3 && h->similarity < 1);
  }
  vb_results_free(res);
  VB_CHECK_INT(vb_similar(idx, "  , ; ", NULL, &o, &res, &err), VB_EQUERY);
  VB_CHECK(res == NULL);
  vb_index_close(idx);
  vb_test_rm_db(path);
}

/* The table of words of two syllables, looked up by binary search. */
static void test_compound(void) {
  VB_CHECK_INT(vb_vocab_compound("kinh", 4, "phi", 3), 1);
  VB_CHECK_INT(vb_vocab_compound("binh", 4, "dang", 4), 1);
  VB_CHECK_INT(vb_vocab_compound("dang", 4, "gioi", 4), 1);
  VB_CHECK_INT(vb_vocab_compound("phi", 3, "kinh", 4), 0);  /* order counts */
  VB_CHECK_INT(vb_vocab_compound("kinh", 4, "ph", 2), 0);   /* whole syllables */
  VB_CHECK_INT(vb_vocab_compound("kinh", 4, "phix", 4), 0);
  VB_CHECK_INT(vb_vocab_compound("cua", 3, "cac", 3), 0);   /* frequent, not a word */
  VB_CHECK_INT(vb_vocab_compound("a", 1, "a", 1), 0);       /* before the first row */
  VB_CHECK_INT(vb_vocab_compound("zz", 2, "zz", 2), 0);     /* after the last */
  VB_CHECK_INT(vb_vocab_compound("", 0, "", 0), 0);
  /* every row of the table is found by the search */
  const char *t = vb_compounds_rows();
  int rows = 0, found = 0;
  for (const char *l = t; *l; rows++) {
    const char *sp = strchr(l, ' '), *tab = strchr(l, '\t'), *eol = strchr(l, '\n');
    if (!sp || !tab || !eol || sp > tab) break;
    found += vb_vocab_compound(l, (size_t)(sp - l), sp + 1, (size_t)(tab - sp - 1));
    l = eol + 1;
  }
  VB_CHECK(rows > 100);
  VB_CHECK_INT(found, rows);
}

int main(void) {
  test_compound();
  test_expand();
  test_gloss();
  test_search();
  return vb_test_done();
}
