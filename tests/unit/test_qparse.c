/*
** test_qparse.c: the user query language compiled to FTS5 (query/qparse.c):
** each row is a query and the expected MATCH expression, or the expected
** error message.
*/
#include "query/query.h"
#include "vbtest.h"

typedef struct qcase {
  const char *query;
  const char *want;   /* FTS5 expression, or NULL when an error is wanted */
  const char *error;  /* expected message when want is NULL */
} qcase;

static const qcase g_cases[] = {
    {"bình đẳng giới", "(\"bình\" AND \"đẳng\" AND \"giới\")", NULL},
    {"\"bình đẳng giới\"", "(\"bình đẳng giới\")", NULL},
    {"dam*", "(\"dam\"*)", NULL},
    {"a -b", "((\"a\") NOT \"b\")", NULL},
    {"a NOT b", "((\"a\") NOT \"b\")", NULL},
    {"a AND b", "(\"a\" AND \"b\")", NULL},
    {"a OR b", "(\"a\") OR (\"b\")", NULL},
    {"(a OR b) c", "(((\"a\") OR (\"b\")) AND \"c\")", NULL},
    {"a or b", "(\"a\" AND \"or\" AND \"b\")", NULL},
    {"NEAR a", "(\"NEAR\" AND \"a\")", NULL},
    {"title:x", "(\"title:x\")", NULL},
    {"Số: 622/KH-UBND", "(\"Số:\" AND \"622/KH-UBND\")", NULL},
    {"a : b", "(\"a\" AND \"b\")", NULL},
    {"say \"\"", "(\"say\")", NULL},
    {"x\"y\"", "(\"x\" AND \"y\")", NULL},
    {"", NULL, "the query has no words to search for"},
    {"   ", NULL, "the query has no words to search for"},
    {"***", NULL, "the query has no words to search for"},
    {"\"abc", NULL, "unterminated quote: the phrase opened at column 1"},
    {"(a", NULL, "missing ')' for the '(' opened at column 1"},
    {"a)", NULL, "unmatched ')' at column 2"},
    {"()", NULL, "empty parentheses at column 1"},
    {"-a", NULL,
     "nothing to exclude from: add a word to search for before the excluded "
     "one at column 1"},
    {"a OR", NULL, "OR needs a term after it at column 3"},
    {"OR a", NULL, "OR needs a term before it at column 1"},
    {"đẳng (x", NULL, "missing ')' for the '(' opened at column 6"},
};

static void test_cases(void) {
  for (size_t i = 0; i < sizeof g_cases / sizeof *g_cases; i++) {
    const qcase *c = &g_cases[i];
    char *fts = NULL;
    vb_error err = {0};
    vb_status rc = vb_query_compile(c->query, 0, &fts, &err);
    if (c->want) {
      if (rc != VB_OK) fprintf(stderr, "query [%s]: %s\n", c->query, err.msg);
      VB_CHECK_INT(rc, VB_OK);
      VB_CHECK_STR(fts, c->want);
    } else {
      VB_CHECK_INT(rc, VB_EQUERY);
      VB_CHECK(fts == NULL);
      VB_CHECK_STR(err.msg, c->error);
    }
    vb_free(fts);
  }
}

/* Deep nesting is refused, not recursed into without end. */
static void test_depth(void) {
  char q[400];
  memset(q, '(', 200);
  q[200] = 'a';
  memset(q + 201, ')', 198);
  q[399] = '\0';
  char *fts = NULL;
  vb_error err = {0};
  VB_CHECK_INT(vb_query_compile(q, 0, &fts, &err), VB_EQUERY);
  VB_CHECK(strstr(err.msg, "nested too deeply") != NULL);
}

int main(void) {
  test_cases();
  test_depth();
  return vb_test_done();
}
