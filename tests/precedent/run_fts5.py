#!/usr/bin/env python3
"""The bare FTS5 baseline of the precedent-search evaluation.

    run_fts5.py --db COLLECTION.db --out RUN.tsv [--queries FILE] [--only ID,...]
                [--limit N]

Copies every paragraph of the collection index (the paragraph_text view)
into an in-memory SQLite FTS5 table with the unicode61 tokenizer and
remove_diacritics 2, after folding by hand what that tokenizer leaves:
text put in NFC form (decomposed accents) and đ/Đ made d.  Each query's
words, folded the same way, are OR-ed ("w1" OR "w2" ...) and the
paragraphs are ranked by bm25; the first N (default 20) are written as a
run file (query id, rank, document, line).
"""
import argparse
import os
import re
import sqlite3
import unicodedata

from prec_common import load_queries, paragraphs, write_run


def fold(text):
    """NFC form with đ/Đ as d/D; the tokenizer removes the tone marks."""
    return unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")


def main():
    """Builds the FTS5 table and runs every query."""
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--queries", default=os.path.join(here, "queries.tsv"))
    ap.add_argument("--limit", type=int, default=20)
    ap.add_argument("--only", help="comma-separated query ids to run")
    a = ap.parse_args()
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE p USING fts5(text, doc UNINDEXED, line UNINDEXED,"
                " tokenize = 'unicode61 remove_diacritics 2')")
    con.executemany("INSERT INTO p(text, doc, line) VALUES (?, ?, ?)",
                    [(fold(t), d, ln) for d, ln, _, t in paragraphs(a.db)])
    rows = []
    for qid, _, query in load_queries(a.queries, a.only):
        words = re.findall(r"\w+", fold(query))
        if not words:
            continue
        match = " OR ".join('"%s"' % w for w in words)
        hits = con.execute("SELECT doc, line FROM p WHERE p MATCH ? ORDER BY bm25(p)"
                           " LIMIT ?", (match, a.limit)).fetchall()
        rows += [(qid, i + 1, d, ln) for i, (d, ln) in enumerate(hits)]
    write_run(a.out, rows)


if __name__ == "__main__":
    main()
