/*
** test_qtree.c: the parsed query (query/qtree.h): the tree of each
** construct, the words with and without tone marks, the forms derived from
** the tree (MATCH expression, exact expression, phrases as words, the
** words a match holds), and hostile input.
*/
#include "query/qtree.h"
#include "query/query.h"
#include "vbtest.h"

/* Parse q (must succeed). */
static vb_qtree *parse(const char *q, int fold) {
  vb_qtree *t = NULL;
  vb_error err = {0};
  vb_status rc = vb_qtree_parse(q, fold, &t, &err);
  if (rc != VB_OK) fprintf(stderr, "query [%s]: %s\n", q, err.msg);
  VB_CHECK_INT(rc, VB_OK);
  return t;
}

/* The tree as a line: terms as typed with their flags, groups in
** brackets, alternatives separated by '|'. */
static void show(const vb_qnode *nd, char *out, size_t cap) {
  size_t l = strlen(out);
  if (nd->negated) snprintf(out + l, cap - l, "-"), l = strlen(out);
  if (nd->kind == VB_QN_TERM) {
    snprintf(out + l, cap - l, "%s%s%s%s", nd->phrase ? "\"" : "", nd->typed,
             nd->phrase ? "\"" : "", nd->prefix ? "*" : "");
    return;
  }
  if (nd->kind == VB_QN_OR) snprintf(out + l, cap - l, "[");
  for (size_t k = 0; k < nd->nkids; k++) {
    l = strlen(out);
    if (k) snprintf(out + l, cap - l, nd->kind == VB_QN_OR ? "|" : " ");
    show(nd->kids[k], out, cap);
  }
  l = strlen(out);
  if (nd->kind == VB_QN_OR) snprintf(out + l, cap - l, "]");
}

typedef struct shape {
  const char *query, *tree;
} shape;

/* Each construct gives its node. */
static void test_shapes(void) {
  static const shape cases[] = {
      {"bình đẳng giới", "[bình đẳng giới]"},
      {"\"bình đẳng giới\"", "[\"bình đẳng giới\"]"},
      {"tuyên*", "[tuyên*]"},
      {"a -b", "[a -b]"},
      {"a NOT \"b c\"", "[a -\"b c\"]"},
      {"a AND b", "[a b]"},
      {"a OR b c", "[a|b c]"},
      {"(a OR b) c", "[[a|b] c]"},
      {"c -(a OR b)", "[c -[a|b]]"},
      {"a : b", "[a b]"},        /* punctuation only: no term */
      {"a OR :", "[a]"},         /* an alternative without a term */
      {"say \"\"", "[say]"},
      {"Số: 622/KH-UBND", "[Số: 622/KH-UBND]"},
      {"a or b", "[a or b]"},    /* operators are in capitals */
      {"a**", "[a**]"},          /* the last '*' is the prefix */
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    vb_qtree *t = parse(cases[i].query, 0);
    char got[512] = "";
    if (t) show(t->root, got, sizeof got);
    VB_CHECK_STR(got, cases[i].tree);
    vb_qtree_free(t);
  }
  /* Offsets point at what was typed. */
  vb_qtree *t = parse("ab -\"cd\" (e)", 0);
  if (t) {
    const vb_qnode *and = t->root->kids[0];
    VB_CHECK_INT(and->nkids, 3);
    VB_CHECK_INT(and->kids[0]->at, 0);
    VB_CHECK_INT(and->kids[1]->at, 4);
    VB_CHECK_INT(and->kids[2]->at, 9);
    VB_CHECK_INT(t->nprefix, 0);
  }
  vb_qtree_free(t);
}

/* The words of a term: exact and folded, with and without marks, đ. */
static void test_words(void) {
  vb_qtree *t = parse("Bình ĐẲNG binh đường Ðà", 0);
  if (t) {
    const vb_qnode *and = t->root->kids[0];
    static const char *const exact[] = {"bình", "đẳng", "binh", "đường", "đà"};
    static const char *const folded[] = {"binh", "dang", "binh", "duong", "da"};
    static const int marked[] = {1, 1, 0, 1, 1};
    VB_CHECK_INT(and->nkids, 5);
    for (size_t k = 0; k < and->nkids && k < 5; k++) {
      VB_CHECK_INT(and->kids[k]->nwords, 1);
      VB_CHECK_STR(and->kids[k]->words[0].exact, exact[k]);
      VB_CHECK_STR(and->kids[k]->words[0].folded, folded[k]);
      VB_CHECK_INT(and->kids[k]->words[0].marked, marked[k]);
    }
    VB_CHECK_STR(and->kids[1]->typed, "ĐẲNG");
    VB_CHECK_STR(and->kids[1]->text, "ĐẲNG");
  }
  vb_qtree_free(t);
  /* Under fold the text searched and its words have no marks. */
  t = parse("\"Sở Lao động\" Đảm*", 1);
  if (t) {
    const vb_qnode *and = t->root->kids[0];
    VB_CHECK_STR(and->kids[0]->typed, "Sở Lao động");
    VB_CHECK_STR(and->kids[0]->text, "so lao dong");
    VB_CHECK_INT(and->kids[0]->nwords, 3);
    VB_CHECK_STR(and->kids[0]->words[2].exact, "dong");
    VB_CHECK_INT(and->kids[0]->words[2].marked, 0);
    VB_CHECK_STR(and->kids[1]->text, "dam");
    VB_CHECK_INT(and->kids[1]->prefix, 1);
    VB_CHECK_INT(t->nprefix, 1);
  }
  vb_qtree_free(t);
  /* A word of several tokens keeps its punctuation in the text. */
  t = parse("622/KH-UBND", 0);
  if (t) {
    const vb_qnode *w = t->root->kids[0]->kids[0];
    VB_CHECK_STR(w->text, "622/KH-UBND");
    VB_CHECK_INT(w->nwords, 3);
    VB_CHECK_STR(w->words[1].exact, "kh");
  }
  vb_qtree_free(t);
}

typedef struct derived {
  const char *query;
  int fold;
  const char *fts, *exact, *loose, *words;
  int all;
} derived;

typedef struct wbuf {
  char s[512];
} wbuf;

static int collect(void *ctx, const vb_qword *w) {
  wbuf *b = ctx;
  size_t l = strlen(b->s);
  snprintf(b->s + l, sizeof b->s - l, "%s%s", l ? " " : "", w->exact);
  return 0;
}

/* Everything the search takes from the tree. */
static void test_derived(void) {
  static const derived cases[] = {
      {"bình đẳng giới", 0, "(\"bình\" AND \"đẳng\" AND \"giới\")", NULL,
       NULL, "bình đẳng giới", 1},
      {"\"bình đẳng giới\" kinh phí", 0,
       "(\"bình đẳng giới\" AND \"kinh\" AND \"phí\")", NULL,
       "\"bình\" \"đẳng\" \"giới\" AND \"kinh\" AND \"phí\"",
       "bình đẳng giới kinh phí", 1},
      {"\"binh dang gioi\"", 0, "(\"binh dang gioi\")", NULL,
       "\"binh\" \"dang\" \"gioi\"", "binh dang gioi", 1},
      {"\"Bình Đẳng\"", 1, "(\"binh dang\")", NULL, "\"binh\" \"dang\"",
       "binh dang", 1},
      {"tuyên* truyền", 0, "(\"tuyên\"* AND \"truyền\")",
       "(\"tuyên\" AND \"truyền\")", NULL, "tuyên truyền", 1},
      {"\"a b\" c*", 0, "(\"a b\" AND \"c\"*)", "(\"a b\" AND \"c\")", NULL,
       "a b c", 1},
      {"trẻ em -\"xâm hại\"", 0,
       "((\"trẻ\" AND \"em\") NOT \"xâm hại\")", NULL, NULL, "trẻ em", 1},
      {"a NOT b c", 0, "((\"a\" AND \"c\") NOT \"b\")", NULL, NULL, "a c", 1},
      {"ma túy OR \"mua bán\"", 0,
       "(\"ma\" AND \"túy\") OR (\"mua bán\")", NULL, NULL,
       "ma túy mua bán", 0},
      {"(phòng OR chữa) cháy", 0,
       "(((\"phòng\") OR (\"chữa\")) AND \"cháy\")", NULL, NULL,
       "phòng chữa cháy", 0},
      {"a -(b OR c*)", 0, "((\"a\") NOT ((\"b\") OR (\"c\"*)))",
       "((\"a\") NOT ((\"b\") OR (\"c\")))", NULL, "a", 0},
      {"a OR :", 0, "(\"a\")", NULL, NULL, "a", 1},
      {"\"a  b\"", 0, "(\"a  b\")", NULL, "\"a\" \"\" \"b\"", "a b", 1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    const derived *c = &cases[i];
    vb_qtree *t = parse(c->query, c->fold);
    if (!t) continue;
    vb_error err = {0};
    char *fts = NULL, *exact = NULL, *loose = NULL, *one = NULL;
    VB_CHECK_INT(vb_qtree_fts(t, &fts, &err), VB_OK);
    VB_CHECK_INT(vb_qtree_fts_exact(t, &exact, &err), VB_OK);
    VB_CHECK_INT(vb_qtree_phrase_words(t, &loose, &err), VB_OK);
    VB_CHECK_INT(vb_query_compile(c->query, c->fold, &one, &err), VB_OK);
    VB_CHECK_STR(fts, c->fts);
    VB_CHECK_STR(one, c->fts);
    VB_CHECK_STR(exact, c->exact);
    VB_CHECK_STR(loose, c->loose);
    wbuf w = {""};
    vb_qtree_words(t, collect, &w);
    VB_CHECK_STR(w.s, c->words);
    VB_CHECK_INT(vb_qtree_all_words(t), c->all);
    vb_free(fts);
    vb_free(exact);
    vb_free(loose);
    vb_free(one);
    vb_qtree_free(t);
  }
}

typedef struct bad {
  const char *query, *error;
} bad;

/* Hostile input: refused with a one-line reason, never a crash. */
static void test_hostile(void) {
  static const bad cases[] = {
      {"a \"b", "unterminated quote: the phrase opened at column 3"},
      {"\"", "unterminated quote: the phrase opened at column 1"},
      {"\"a\" \"b", "unterminated quote: the phrase opened at column 5"},
      {"((a)", "missing ')' for the '(' opened at column 1"},
      {"a))", "unmatched ')' at column 2"},
      {")", "unmatched ')' at column 1"},
      {"( : )", "empty parentheses at column 1"},
      {"OR", "OR needs a term before it at column 1"},
      {"a OR OR b", "OR needs a term after it at column 3"},
      {"AND", "the query has no words to search for"},
      {"NOT", "the query has no words to search for"},
      {"- -- * ** : ;", "the query has no words to search for"},
      {"NOT a", "nothing to exclude from: add a word to search for before "
                "the excluded one at column 1"},
      {"-\"a b\" -(c)", "nothing to exclude from: add a word to search for "
                        "before the excluded one at column 1"},
      {"đ \xff", "the query is not valid UTF-8"},
      {"\xc3", "the query is not valid UTF-8"},
      {"a \xed\xa0\x80", "the query is not valid UTF-8"}, /* a surrogate */
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    vb_qtree *t = NULL;
    vb_error err = {0};
    VB_CHECK_INT(vb_qtree_parse(cases[i].query, 0, &t, &err), VB_EQUERY);
    VB_CHECK(t == NULL);
    VB_CHECK_STR(err.msg, cases[i].error);
  }
  /* 10 kB: refused by its length. */
  static char big[10 * 1024 + 1];
  for (size_t k = 0; k + 1 < sizeof big; k += 2) memcpy(big + k, "a ", 2);
  vb_qtree *t = NULL;
  vb_error err = {0};
  VB_CHECK_INT(vb_qtree_parse(big, 0, &t, &err), VB_EQUERY);
  VB_CHECK_STR(err.msg, "query longer than 4096 bytes");
  /* At the limit, every form is made: "a -b " 819 times and "a", 1,639
  ** terms. */
  for (size_t k = 0; k + 5 < VB_QUERY_MAX_BYTES; k += 5) memcpy(big + k, "a -b ", 5);
  memcpy(big + VB_QUERY_MAX_BYTES - 1, "a", 2);
  t = parse(big, 1);
  if (t) {
    char *fts = NULL;
    VB_CHECK_INT(t->root->kids[0]->nkids, 1639);
    VB_CHECK_INT(vb_qtree_fts(t, &fts, &err), VB_OK);
    VB_CHECK(fts && strncmp(fts, "((\"a\" AND \"a\"", 13) == 0);
    vb_free(fts);
  }
  vb_qtree_free(t);
  /* Deep nesting is refused, not recursed into without end. */
  memset(big, '(', VB_QUERY_MAX_BYTES);
  big[VB_QUERY_MAX_BYTES] = '\0';
  VB_CHECK_INT(vb_qtree_parse(big, 0, &t, &err), VB_EQUERY);
  VB_CHECK(strstr(err.msg, "nested too deeply") != NULL);
  /* Quotes and FTS5 syntax inside terms stay text. */
  t = parse("NEAR(a b) title:x ^c +d", 0);
  if (t) {
    char *fts = NULL;
    VB_CHECK_INT(vb_qtree_fts(t, &fts, &err), VB_OK);
    VB_CHECK_STR(fts, "(\"NEAR\" AND ((\"a\" AND \"b\")) AND \"title:x\" "
                      "AND \"^c\" AND \"+d\")");
    vb_free(fts);
  }
  vb_qtree_free(t);
}

int main(void) {
  test_shapes();
  test_words();
  test_derived();
  test_hostile();
  return vb_test_done();
}
