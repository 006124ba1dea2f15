/*
** graph.h: the documents' own graph.  Each reference of a stored document
** (refs, with its relation: implements, amends, replaces, ...) is an edge
** to the document it names.
**
** Resolution: a reference names an indexed document when the keys of
** their number and symbol agree (spaces, case, tone marks, "QĐ"/"QD",
** punctuation and leading zeros do not matter: "3332 /KH-UBND" and
** "3332/KH-UBND", "0130/QD-UBND" and "130/QĐ-UBND"), their dates agree
** where both are given (a date with a blank day agrees with its month),
** and their issuers agree where both are given; a reference without an
** issuer names a document of the citing document's province first (else
** one of another province or a national one).  Only the file standing for
** a work is a node (index/works.h).  A reference that names no indexed
** document is an external node, one per key, shared by every document
** that cites it.
**
** Ownership: every function returning json_t gives a new reference
** (json_decref()).
*/
#ifndef VB_GRAPH_H
#define VB_GRAPH_H

#include "index.h"

/* Depth and size of a tree. */
#define VB_GRAPH_MAX_DEPTH 8
#define VB_GRAPH_MAX_NODES 5000

/* The key of a number/symbol ("3332/KH-UBND" -> "3332khubnd"); out gets
** at most cap bytes, NUL-terminated. */
void vb_graph_key(const char *id, char *out, size_t cap);

/* Register the SQL functions vb_idkey(id) and vb_resolve(ref_id, date,
** issuer, province) (the source of the document a reference names, or
** NULL) on the index's connection.  Errors: VB_EDB. */
vb_status vb_graph_functions(vb_index *idx, vb_error *err) VB_MUST_CHECK;

/* Relations followed by a tree (a mask of 1 << VB_GRAPH_*): every one but
** cites by default. */
enum {
  VB_GRAPH_CITES, VB_GRAPH_BASIS, VB_GRAPH_GUIDES, VB_GRAPH_IMPLEMENTS,
  VB_GRAPH_AMENDS, VB_GRAPH_REPEALS, VB_GRAPH_REPLACES, VB_GRAPH_ISSUED_BY,
  VB_GRAPH_NREL
};
#define VB_GRAPH_DEFAULT_RELS (((1u << VB_GRAPH_NREL) - 1) & ~1u)
/* The relation named s, or -1. */
int vb_graph_relation(const char *s);
/* The name of relation r. */
const char *vb_graph_relation_name(int r);

/* What stands to the document named by target ("Quyết định 1790/QĐ-TTg",
** "1790/QĐ-TTg"), transitively, by the relations of mask:
**   {"node": {"key", "in_index", "source", "doc_type", "id", "date",
**             "issuer", "province", "title"},
**    "children": [{"relation", "lag_days" (or null), "line", "evidence",
**                  "node": {...}, "children": [...]}, ...]}
** lag_days: days from the parent's date of issue to the child's, when both
** are full dates.  Errors: VB_EQUERY (no number/symbol in target), VB_EDB,
** VB_ENOMEM. */
vb_status vb_graph_tree(vb_index *idx, const char *target, unsigned mask,
                        json_t **out, vb_error *err) VB_MUST_CHECK;

/* Which provinces have a plan implementing target (directly or through a
** plan that implements it), the earliest plan of each, and which have
** none:
**   {"target": node, "plans": [{"province", "province_2025", "source",
**     "doc_type", "id", "issuer", "date", "lag_days", "title", "via"}],
**    "without": [names of the 63 provinces before July 2025],
**    "without_2025": [names of the 34 since]}
** Errors: as vb_graph_tree. */
vb_status vb_graph_compare(vb_index *idx, const char *target, json_t **out,
                           vb_error *err) VB_MUST_CHECK;

/* The status of indexed document doc_id as far as the index knows: the
** documents that replace, repeal or amend it, oldest first:
**   [{"relation": "replaces", "by": node}, ...]
** Errors: VB_EDB, VB_ENOMEM. */
vb_status vb_graph_status(vb_index *idx, int64_t doc_id, json_t **out,
                          vb_error *err) VB_MUST_CHECK;

/* The node of indexed document doc_id (as in a tree), or a JSON null. */
json_t *vb_graph_node(vb_index *idx, int64_t doc_id);

/* Two documents side by side: which paragraphs of B are copied or lightly
** reworded from A (query/diff.c says how), and the share of B's wording
** found in A.  a and b name a document by its path, the end of its path,
** or its number/symbol.
**   {"a": node, "b": node, "reused": 0..1, "pairs": N,
**    "paragraphs": [{"line", "kind": "copied"|"reworded"|"added",
**                    "share", "text"}]}
** Errors: VB_ENOTFOUND (no such document), VB_EDB, VB_ENOMEM. */
vb_status vb_diff(vb_index *idx, const char *a, const char *b, json_t **out,
                  vb_error *err) VB_MUST_CHECK;

/* The whole graph: {"nodes": [{"key", "in_index", "source", ...}],
**                   "edges": [{"from", "to", "relation", "line"}]}
** with nodes named by key ("doc:<id>" or "ext:<key>").  Errors: VB_EDB,
** VB_ENOMEM. */
vb_status vb_graph_all(vb_index *idx, json_t **out,
                       vb_error *err) VB_MUST_CHECK;

#endif /* VB_GRAPH_H */
