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

A result names its document by `source` and its paragraph by `line`, the
paragraph's first line, both in the JSON of both commands.  A result
without a line is counted as unresolved; the counts are printed on stderr.
"""
import argparse
import json
import os
import subprocess
import sys

from prec_common import load_queries, write_run


def run(cmd):
    """Runs a vanban command; returns its stdout, or None when it found
    nothing (exit 1) or refused the query (exit 2)."""
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if p.returncode in (1, 2):
        return None
    if p.returncode != 0:
        sys.exit(f"run_vanban: {' '.join(cmd[:2])}: exit {p.returncode}: {p.stderr.strip()}")
    return p.stdout


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
    modes = ["search", "similar"] if a.mode == "both" else [a.mode]
    queries = load_queries(a.queries, a.only)
    for mode in modes:
        how = {"json": 0, "unresolved": 0}
        rows = []
        for qid, _, query in queries:
            cmd = [a.vanban, mode, "--format", "json", "--db", a.db, "--limit", str(a.limit)]
            cmd += ["--paragraphs", "--", query] if mode == "search" else ["--text", query]
            out = run(cmd)
            for rank, it in enumerate(json.loads(out) if out else [], 1):
                doc = os.path.basename(it.get("source") or "")
                line = it.get("line")
                if isinstance(line, int) and doc:
                    how["json"] += 1
                    rows.append((qid, rank, doc, line))
                else:
                    how["unresolved"] += 1
        write_run(os.path.join(a.outdir, mode + ".tsv"), rows)
        print(f"run_vanban: {mode}: lines from json {how['json']}, "
              f"unresolved {how['unresolved']}",
              file=sys.stderr)


if __name__ == "__main__":
    main()
