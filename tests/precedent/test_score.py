#!/usr/bin/env python3
"""Checks score.py's arithmetic on the hand-made run and judgements of
fixtures/tiny_*.tsv, with every expected value worked out by hand:

query a (group g1), judged d1:1 = 2, d1:5 = 1, d2:3 = 1; run d2:3, d9:9,
d1:1 (d1:1 again at rank 4 does not count):
    DCG@10  = (2^1-1)/log2(2) + 0 + (2^2-1)/log2(4) = 1 + 3/2 = 2.5
    IDCG@10 = 3/log2(2) + 1/log2(3) + 1/log2(4) = 3 + 0.630930 + 0.5
    nDCG@10 = 2.5 / 4.130930 = 0.605191;  P@5 = 2/5;  R@20 = 2/3
query b (g2), judged d3:7 = 2; run (ranks given out of order) d4:1, d3:7:
    nDCG@10 = (3/log2(3)) / 3 = 0.630930;  P@5 = 1/5;  R@20 = 1
query c (g2), judged d5:2 = 1, absent from the run: all 0.
Groups: g1 = a; g2 = mean of b and c; all = mean of a, b, c.
"""
import json
import math
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import score  # noqa: E402

FIX = os.path.join(HERE, "fixtures")
A = (2.5 / (3 + 1 / math.log2(3) + 0.5), 0.4, 2 / 3)
B = (1 / math.log2(3), 0.2, 1.0)
C = (0.0, 0.0, 0.0)


class TinyRun(unittest.TestCase):
    """The scorer against the hand-worked values above."""

    def setUp(self):
        self.queries = score.load_queries(os.path.join(FIX, "tiny_queries.tsv"))
        self.qrels = score.load_qrels(os.path.join(FIX, "tiny_qrels.tsv"))
        self.run = score.load_run(os.path.join(FIX, "tiny_run.tsv"))

    def check(self, got, want):
        """got is a scorer row, want (nDCG@10, P@5, R@20)."""
        for key, value in zip(("ndcg10", "p5", "r20"), want):
            self.assertAlmostEqual(got[key], value, places=9, msg=key)

    def test_hand_values(self):
        self.assertAlmostEqual(A[0], 0.605191, places=6)
        self.assertAlmostEqual(B[0], 0.630930, places=6)

    def test_run_order_and_duplicates(self):
        self.assertEqual(self.run["a"], [("d2", 3), ("d9", 9), ("d1", 1)])
        self.assertEqual(self.run["b"], [("d4", 1), ("d3", 7)])

    def test_groups(self):
        s = score.score(self.queries, self.qrels, self.run)
        self.check(s["g1"], A)
        self.check(s["g2"], [(x + y) / 2 for x, y in zip(B, C)])
        self.check(s["all"], [(x + y + z) / 3 for x, y, z in zip(A, B, C)])
        self.assertEqual((s["g1"]["queries"], s["g2"]["queries"], s["all"]["queries"]), (1, 2, 3))

    def test_perfect_run_scores_one(self):
        perfect = {q: sorted(j, key=lambda p: -j[p]) for q, j in self.qrels.items()}
        s = score.score(self.queries, self.qrels, perfect)
        # a has three relevant paragraphs in its first five, b and c one each.
        self.check(s["all"], (1.0, (0.6 + 0.2 + 0.2) / 3, 1.0))

    def test_repeated_wording_counts_once(self):
        # d1:5 and d9:9 hold the same wording (one class): d9:9 at rank 2
        # now earns d1:5's grade 1, and d1:5 found later adds nothing.
        classes = {("d1", 5): 1, ("d9", 9): 1}
        qrels = score.load_qrels(os.path.join(FIX, "tiny_qrels.tsv"), classes)
        run = score.load_run(os.path.join(FIX, "tiny_run.tsv"), classes)
        s = score.score(self.queries, qrels, run)
        dcg = 1 + 1 / math.log2(3) + 3 / math.log2(4)
        self.check(s["g1"], (dcg / (3 + 1 / math.log2(3) + 0.5), 0.6, 1.0))

    def test_query_without_answer_is_an_error(self):
        with self.assertRaises(SystemExit):
            score.score({"z": "g1"}, self.qrels, self.run)

    def test_command_line_json(self):
        out = subprocess.run(
            [sys.executable, os.path.join(HERE, "score.py"), "--json", "--only", "a,b",
             "--queries", os.path.join(FIX, "tiny_queries.tsv"),
             "--qrels", os.path.join(FIX, "tiny_qrels.tsv"),
             os.path.join(FIX, "tiny_run.tsv")],
            capture_output=True, text=True, check=True).stdout
        s = json.loads(out)["tiny_run"]
        self.check(s["all"], [(x + y) / 2 for x, y in zip(A, B)])
        self.assertEqual(s["all"]["queries"], 2)


if __name__ == "__main__":
    unittest.main()
