#!/usr/bin/env python3
"""Runs vanban's paragraph searches for the precedent-search evaluation.

    run_vanban.py --vanban BIN --db COLLECTION.db --outdir DIR
                  [--queries FILE] [--only ID,...] [--limit N]
                  [--mode search|similar|both]

For every query of queries.tsv it runs
    vanban search --paragraphs --format json --limit N QUERY    (run "search")
    vanban similar --text QUERY --format json --limit N         (run "similar")
on the collection index and writes DIR/search.tsv and DIR/similar.tsv,
run files of (query id, rank, document, line).  The query is passed as the
clerk typed it; exit status 1 (nothing found) or 2 (a query the search
language refuses) leave the query without results.

A result names its document by `source`; its paragraph is given by `line`
when the JSON has one.  When it has none (today neither command's JSON has
it), the line is derived: for search from the snippet (its «» marks and …
cuts removed) matched against the texts of that document's paragraphs in
the paragraph_text view; for similar, whose JSON snippet is null, from the
`line` column of the same command run with --format csv.  How many lines
were derived each way is printed on stderr.
"""
import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys

from prec_common import load_queries, paragraphs, write_run


def squash(text):
    """Whitespace runs made one space, ends stripped."""
    return re.sub(r"\s+", " ", text).strip()


def run(cmd):
    """Runs a vanban command; returns its stdout, or None when it found
    nothing (exit 1) or refused the query (exit 2)."""
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if p.returncode in (1, 2):
        return None
    if p.returncode != 0:
        sys.exit(f"run_vanban: {' '.join(cmd[:2])}: exit {p.returncode}: {p.stderr.strip()}")
    return p.stdout


def line_from_snippet(snippet, doc, by_doc, used):
    """The first line of the paragraph of `doc` whose text holds the
    snippet's fragments (all of them, else the most), preferring one whose
    start and end agree with an uncut snippet's, then one not in `used`;
    None when no fragment matches."""
    plain = squash(snippet.replace("«", "").replace("»", ""))
    frags = [f for f in (squash(f) for f in plain.split("…")) if f]
    if not frags:
        return None
    best, best_key = None, (0, 0, 0)
    for line, text in by_doc.get(doc, []):
        hits = sum(len(f) for f in frags if f in text)
        anchors = (not plain.startswith("…") and text.startswith(frags[0])) + \
                  (not plain.endswith("…") and text.endswith(frags[-1]))
        key = (hits, anchors, 0 if (doc, line) in used else 1)
        if hits and key > best_key:
            best, best_key = line, key
    return best


def main():
    """Runs the queries and writes the run files."""
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--vanban", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--outdir", required=True)
    ap.add_argument("--queries", default=os.path.join(here, "queries.tsv"))
    ap.add_argument("--limit", type=int, default=20)
    ap.add_argument("--only", help="comma-separated query ids to run")
    ap.add_argument("--mode", choices=["search", "similar", "both"], default="both")
    a = ap.parse_args()
    by_doc = {}
    for doc, line, _, text in paragraphs(a.db):
        by_doc.setdefault(doc, []).append((line, squash(text)))
    modes = ["search", "similar"] if a.mode == "both" else [a.mode]
    queries = load_queries(a.queries, a.only)
    for mode in modes:
        how = {"json": 0, "snippet": 0, "csv": 0, "unresolved": 0}
        rows = []
        for qid, _, query in queries:
            base = [a.vanban, mode, "--db", a.db, "--limit", str(a.limit)]
            base += ["--paragraphs", "--", query] if mode == "search" else ["--text", query]
            out = run(base[:2] + ["--format", "json"] + base[2:])
            items = json.loads(out) if out else []
            csv_rows = None
            used = set()
            for rank, it in enumerate(items, 1):
                doc = os.path.basename(it.get("source") or "")
                line = it.get("line")
                if line is not None:
                    how["json"] += 1
                elif it.get("snippet"):
                    line = line_from_snippet(it["snippet"], doc, by_doc, used)
                    how["snippet" if line is not None else "unresolved"] += 1
                else:
                    if csv_rows is None:
                        text = run(base[:2] + ["--format", "csv"] + base[2:]) or ""
                        csv_rows = list(csv.DictReader(io.StringIO(text)))
                    r = csv_rows[rank - 1] if rank <= len(csv_rows) else {}
                    if r.get("line") and os.path.basename(r.get("source", "")) == doc:
                        line = int(r["line"])
                        how["csv"] += 1
                    else:
                        how["unresolved"] += 1
                if line is not None:
                    used.add((doc, int(line)))
                    rows.append((qid, rank, doc, int(line)))
        write_run(os.path.join(a.outdir, mode + ".tsv"), rows)
        print(f"run_vanban: {mode}: lines from json {how['json']}, from the snippet "
              f"{how['snippet']}, from csv {how['csv']}, unresolved {how['unresolved']}",
              file=sys.stderr)


if __name__ == "__main__":
    main()
