#!/usr/bin/env python3
"""Checks the judgement files of the precedent-search evaluation against
each other and against a collection index built by build_collection.sh.

    check_qrels.py --db COLLECTION.db [--queries FILE] [--qrels FILE]
                   [--needs FILE]

Every query has a known group and need and at least one paragraph of
grade >= 1; queries of one need have the same judgements; every judged
paragraph (document, line) is a paragraph of the collection whose text
begins with the judged excerpt, so that judgements made on one way of
splitting the documents are not silently scored on another.  Prints one
line per problem and exits 1 when there is any.
"""
import argparse
import os
import re
import sys

from prec_common import paragraphs, read_tsv

GROUPS = ("marked", "unmarked", "paraphrase", "sentence")


def main():
    """Runs the checks; exit status 0 when all pass."""
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--queries", default=os.path.join(here, "queries.tsv"))
    ap.add_argument("--qrels", default=os.path.join(here, "qrels.tsv"))
    ap.add_argument("--needs", default=os.path.join(here, "needs.tsv"))
    a = ap.parse_args()
    problems = []
    needs = {c[0] for _, c in read_tsv(a.needs, 2)}
    queries = {}
    for n, c in read_tsv(a.queries, 4):
        if c[1] not in GROUPS:
            problems.append(f"{a.queries}:{n}: unknown group {c[1]!r}")
        if c[3] not in needs:
            problems.append(f"{a.queries}:{n}: unknown need {c[3]!r}")
        if c[0] in queries:
            problems.append(f"{a.queries}:{n}: query {c[0]} twice")
        queries[c[0]] = c[3]
    text = {(d, line): re.sub(r"\s+", " ", t).strip() for d, line, _, t in paragraphs(a.db)}
    judged = {}
    for n, c in read_tsv(a.qrels, 5):
        q, key, grade, excerpt = c[0], (c[1], int(c[2])), int(c[3]), c[4]
        if q not in queries:
            problems.append(f"{a.qrels}:{n}: unknown query {q}")
            continue
        if key in judged.setdefault(q, {}):
            problems.append(f"{a.qrels}:{n}: {key[0]}:{key[1]} judged twice for {q}")
        judged[q][key] = grade
        if key not in text:
            problems.append(f"{a.qrels}:{n}: {key[0]}:{key[1]} is not a paragraph of the collection")
        elif not text[key].startswith(excerpt):
            problems.append(f"{a.qrels}:{n}: {key[0]}:{key[1]} now reads {text[key][:60]!r}")
    by_need = {}
    for q, need in queries.items():
        if not any(g >= 1 for g in judged.get(q, {}).values()):
            problems.append(f"{a.qrels}: query {q} has no paragraph of grade >= 1")
        first = by_need.setdefault(need, (q, judged.get(q, {})))
        if first[1] != judged.get(q, {}):
            problems.append(f"{a.qrels}: queries {first[0]} and {q} share need {need}"
                            " but not their judgements")
    for p in problems:
        print(f"check_qrels: {p}")
    if problems:
        sys.exit(1)
    print(f"check_qrels: {len(queries)} queries, {sum(len(j) for j in judged.values())}"
          f" judgements, {len(text)} paragraphs: consistent")


if __name__ == "__main__":
    main()
