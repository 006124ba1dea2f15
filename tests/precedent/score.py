#!/usr/bin/env python3
"""Scores paragraph-search runs against the graded judgements of qrels.tsv.

    score.py [--queries FILE] [--qrels FILE] [--only ID,ID,...] [--json]
             [--db COLLECTION.db] RUN [RUN ...]

A run is a TSV file of lines "query_id <TAB> rank <TAB> document <TAB> line"
(what run_vanban.py and run_fts5.py write); a run's name is its file name
without ".tsv".  For every run the scorer prints nDCG@10, P@5 and Recall@20
per query group and over all queries, each the mean over the queries of the
group (macro average):

  nDCG@10    sum over the first 10 results of (2^grade - 1) / log2(rank + 1),
             divided by the same sum over the ideal order of all judged
             paragraphs of the query (grade 2 before grade 1);
  P@5        paragraphs of grade >= 1 among the first 5, divided by 5;
  Recall@20  paragraphs of grade >= 1 among the first 20, divided by all
             paragraphs of grade >= 1 judged for the query.

A paragraph is (document basename, first line).  With --db, paragraphs
that the collection index gives the same fingerprint (the same wording
repeated, in one document or several) are one paragraph, with the highest
grade judged for any of them, so that a search which shows a repeated
wording once is neither rewarded nor penalised for it.  Unjudged
paragraphs have grade 0; a paragraph listed twice in a run counts once,
at its best rank; ranks are taken in the order of the rank column.  A query that a run does
not mention scores 0.  A query with no paragraph of grade >= 1 in the
judgements is an error (every query must have an answer).
--json prints {run: {group: {"ndcg10", "p5", "r20", "queries"}}} instead.
"""
import argparse
import json
import math
import os
import sys

import prec_common
from prec_common import read_tsv

GROUP_ORDER = ["marked", "unmarked", "paraphrase", "sentence"]


def load_queries(path, only=None):
    """Returns {query id: group} in file order (only the ids of `only`, a
    comma-separated list, when given)."""
    return {q: g for q, g, _ in prec_common.load_queries(path, only)}


def canonical(key, classes):
    """The paragraph that stands for `key`: its class in `classes` (a map
    of (document, line) to a class id, or None) when it has one."""
    if classes and key in classes:
        return ("class", classes[key])
    return key


def load_qrels(path, classes=None):
    """Returns {query id: {paragraph: grade}}, paragraphs of one class
    merged with their highest grade."""
    qrels = {}
    for n, c in read_tsv(path, 4):
        try:
            grade = int(c[3])
            key = (c[1], int(c[2]))
        except ValueError:
            sys.exit(f"score: {path}:{n}: line and grade must be integers")
        if grade not in (0, 1, 2):
            sys.exit(f"score: {path}:{n}: grade {grade} is not 0, 1 or 2")
        judged = qrels.setdefault(c[0], {})
        key = canonical(key, classes)
        judged[key] = max(grade, judged.get(key, 0))
    return qrels


def load_run(path, classes=None):
    """Returns {query id: [paragraph, ...]} in rank order, each paragraph
    (or class of paragraphs) once, at its best rank."""
    rows = {}
    for n, c in read_tsv(path, 4):
        try:
            rows.setdefault(c[0], []).append((float(c[1]), c[2], int(c[3])))
        except ValueError:
            sys.exit(f"score: {path}:{n}: rank and line must be numbers")
    run = {}
    for q, items in rows.items():
        seen, ranked = set(), []
        for _, doc, line in sorted(items, key=lambda x: x[0]):
            key = canonical((doc, line), classes)
            if key not in seen:
                seen.add(key)
                ranked.append(key)
        run[q] = ranked
    return run


def gain(grade):
    """The gain of a grade: 0, 1 or 3."""
    return (1 << grade) - 1


def ndcg(ranked, judged, k=10):
    """nDCG@k of one ranked list against {paragraph: grade}; 0 when the
    query has no relevant paragraph."""
    dcg = sum(gain(judged.get(p, 0)) / math.log2(i + 2)
              for i, p in enumerate(ranked[:k]))
    ideal = sorted((g for g in judged.values() if g > 0), reverse=True)[:k]
    idcg = sum(gain(g) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def precision(ranked, judged, k=5):
    """Share of the first k places held by paragraphs of grade >= 1."""
    return sum(1 for p in ranked[:k] if judged.get(p, 0) >= 1) / k


def recall(ranked, judged, k=20):
    """Share of the paragraphs of grade >= 1 found in the first k places."""
    relevant = {p for p, g in judged.items() if g >= 1}
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranked[:k])) / len(relevant)


def score(queries, qrels, run):
    """Returns {group: {"ndcg10", "p5", "r20", "queries"}} with the group
    "all" over every query of `queries`."""
    per = {}
    for q, group in queries.items():
        judged = qrels.get(q, {})
        if not any(g >= 1 for g in judged.values()):
            sys.exit(f"score: query {q} has no paragraph of grade >= 1")
        ranked = run.get(q, [])
        m = (ndcg(ranked, judged), precision(ranked, judged), recall(ranked, judged))
        for g in (group, "all"):
            per.setdefault(g, []).append(m)
    out = {}
    for g, ms in per.items():
        n = len(ms)
        out[g] = {"ndcg10": sum(m[0] for m in ms) / n,
                  "p5": sum(m[1] for m in ms) / n,
                  "r20": sum(m[2] for m in ms) / n,
                  "queries": n}
    return out


def main():
    """Parses the options, scores every run and prints the table."""
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description="nDCG@10, P@5, Recall@20 per query group")
    ap.add_argument("--queries", default=os.path.join(here, "queries.tsv"))
    ap.add_argument("--qrels", default=os.path.join(here, "qrels.tsv"))
    ap.add_argument("--only", help="comma-separated query ids to score")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--db", help="collection index: repeated wordings count once")
    ap.add_argument("runs", nargs="+")
    a = ap.parse_args()
    queries = load_queries(a.queries, a.only)
    classes = prec_common.fingerprints(a.db) if a.db else None
    qrels = load_qrels(a.qrels, classes)
    results = {}
    for path in a.runs:
        name = os.path.basename(path)
        if name.endswith(".tsv"):
            name = name[:-4]
        results[name] = score(queries, qrels, load_run(path, classes))
    if a.json:
        json.dump(results, sys.stdout, indent=2, sort_keys=True)
        print()
        return
    groups = [g for g in GROUP_ORDER if any(g in r for r in results.values())]
    groups += sorted({g for r in results.values() for g in r} - set(groups) - {"all"})
    groups.append("all")
    names = list(results)
    print("| group | queries | " + " | ".join(f"{n} nDCG@10 / P@5 / R@20" for n in names) + " |")
    print("|---|---|" + "---|" * len(names))
    for g in groups:
        n = next(r[g]["queries"] for r in results.values() if g in r)
        cells = []
        for name in names:
            m = results[name].get(g)
            cells.append(f"{m['ndcg10']:.2f} / {m['p5']:.2f} / {m['r20']:.2f}" if m else "-")
        print(f"| {g} | {n} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
