/*
** test_graph.c: the keys that link a reference to the document it names
** (query/graph.h) and the relation names shared with the extractor.
*/
#include "extract/extract_int.h"
#include "query/graph.h"
#include "vbtest.h"

/* 1 when a and b have the same key. */
static int same_key(const char *a, const char *b) {
  char ka[256], kb[256];
  vb_graph_key(a, ka, sizeof ka);
  vb_graph_key(b, kb, sizeof kb);
  return strcmp(ka, kb) == 0;
}

int main(void) {
  char k[256];
  vb_graph_key("3332/KH-UBND", k, sizeof k);
  VB_CHECK_STR(k, "3332khubnd");
  /* the usual variants of one number and symbol */
  VB_CHECK(same_key("3332/KH-UBND", "3332 /KH-UBND"));
  VB_CHECK(same_key("3332/KH-UBND", "3332/kh-ubnd"));
  VB_CHECK(same_key("1790/QĐ-TTg", "1790/QD-TTG"));
  VB_CHECK(same_key("0130/QĐ-UBND", "130/QĐ-UBND"));
  VB_CHECK(same_key("14-KH/TU", "14/KH-TU"));
  VB_CHECK(same_key("73/KH-LĐTĐ&XH", "73/KH-LĐTĐ & XH"));
  /* and what must stay apart */
  VB_CHECK(!same_key("3332/KH-UBND", "332/KH-UBND"));
  VB_CHECK(!same_key("1790/QĐ-TTg", "1790/QĐ-UBND"));
  VB_CHECK(!same_key("49/2012/QĐ-UBND", "49/QĐ-UBND"));
  /* the relations of the graph are those the extractor writes */
  VB_CHECK_INT(VB_GRAPH_NREL, VB_REL_COUNT);
  for (int r = 0; r < VB_REL_COUNT; r++) {
    VB_CHECK_STR(vb_graph_relation_name(r), vb_relation_name(r));
    VB_CHECK_INT(vb_graph_relation(vb_relation_name(r)), r);
  }
  VB_CHECK_INT(vb_graph_relation("implement"), -1);
  VB_CHECK(!(VB_GRAPH_DEFAULT_RELS & (1u << VB_GRAPH_CITES)));
  VB_CHECK(VB_GRAPH_DEFAULT_RELS & (1u << VB_GRAPH_IMPLEMENTS));
  return vb_test_done();
}
