"""Helpers shared by the runners of the precedent-search evaluation: the
queries file, the paragraphs of a collection index and the run file."""
import os
import sqlite3
import sys


def read_tsv(path, ncols):
    """Yields (line number, columns) of a TSV file with at least ncols
    columns, skipping blank lines, '#' comments and a header line whose
    first field is 'id', 'need', 'query' or 'query_id' when it is the first
    row.  Exits with a message naming the file and line on a short row."""
    first = True
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if first and cols[0] in ("id", "need", "query", "query_id"):
                first = False
                continue
            first = False
            if len(cols) < ncols:
                sys.exit(f"{path}:{n}: expected {ncols} tab-separated columns")
            yield n, cols


def load_queries(path, only=None):
    """Returns [(id, group, query)] from queries.tsv; with `only` (a
    comma-separated list of ids) just those, in the file's order.  Exits
    naming an id that the file lacks."""
    rows = [tuple(c[:3]) for _, c in read_tsv(path, 3)]
    if not only:
        return rows
    want = only.split(",")
    missing = sorted(set(want) - {r[0] for r in rows})
    if missing:
        sys.exit(f"{path}: unknown query ids: {','.join(missing)}")
    return [r for r in rows if r[0] in want]


def paragraphs(db):
    """Returns [(document basename, first line, heading, text)] of every
    paragraph of the collection index `db`, in document and paragraph order.
    The caller owns nothing but the list."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT d.source, p.line, p.heading, p.text FROM paragraph_text p"
            " JOIN documents d ON d.id = p.doc_id ORDER BY d.source, p.seq").fetchall()
    finally:
        con.close()
    return [(os.path.basename(s), line, h, t or "") for s, line, h, t in rows]


def fingerprints(db):
    """Returns {(document basename, first line): fingerprint} of every
    paragraph of the collection index `db`."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT d.source, p.line, p.fingerprint FROM paragraphs p"
                           " JOIN documents d ON d.id = p.doc_id").fetchall()
    finally:
        con.close()
    return {(os.path.basename(s), line): f for s, line, f in rows}


def write_run(path, rows):
    """Writes [(query id, rank, document, line)] as a run file."""
    with open(path, "w", encoding="utf-8") as f:
        for q, rank, doc, line in rows:
            f.write(f"{q}\t{rank}\t{doc}\t{line}\n")
