"""concurrency_test.py: searches over HTTP from four clients while
`vanban ingest` writes new documents into the same index; every request
must succeed, and the new documents must be found without a restart.

usage: concurrency_test.py VANBAN SRC"""
import json
import os
import subprocess
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serveutil import TIMEOUT, Scratch, Server, check  # noqa: E402

NEW_DOCS = 120      # documents the ingest adds while the clients search
CLIENTS = 4
QUERIES = ["binh dang gioi", "bao cao", "\"Sở Lao động\"", "chuyen doi so OR ke hoach"]


def make_docs(scratch):
    """NEW_DOCS variants of a seed plan, each with a word of its own."""
    seeds = os.path.join(scratch.dir, "corpus", "seeds")
    text = open(os.path.join(seeds, sorted(os.listdir(seeds))[1]), encoding="utf-8").read()
    out = os.path.join(scratch.dir, "new")
    os.mkdir(out)
    for i in range(NEW_DOCS):
        with open(os.path.join(out, "plan_%03d.txt" % i), "w", encoding="utf-8") as f:
            # a number of its own: a document of its own, not a version
            # of the seed plan (files with one identity are one document)
            f.write(text.replace("bình đẳng giới", "bình đẳng giới zzmark%d" % i, 1)
                    .replace("Số: 622 /KH-UBND", "Số: %d /KH-UBND" % (1000 + i), 1))
    return out


def main():
    vanban, src = sys.argv[1], sys.argv[2]
    scratch = Scratch(vanban, src)
    errors, done, counts = [], threading.Event(), [0] * CLIENTS
    try:
        scratch.ingest("corpus/seeds")
        new_dir = make_docs(scratch)
        srv = Server(scratch)
        try:
            def client(k):
                n = 0
                while not done.is_set() or n < 5:
                    q = QUERIES[(k + n) % len(QUERIES)]
                    path = "/api/search" if n % 2 else "/search"
                    try:
                        status, _, body = srv.get(path, q=q, limit="5")
                        if status != 200:
                            errors.append("%s %s: %d %s" % (path, q, status, body[:200]))
                    except Exception as e:  # a refused or dropped connection
                        errors.append("%s %s: %r" % (path, q, e))
                    n += 1
                counts[k] = n

            threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
            for t in threads:
                t.start()
            ing = subprocess.run([scratch.vanban, "ingest", "--db", scratch.db, new_dir],
                                 cwd=scratch.dir, capture_output=True, text=True,
                                 timeout=TIMEOUT * 5)
            done.set()
            for t in threads:
                t.join(TIMEOUT)
            check(ing.returncode == 0, "ingest beside the server failed: " + ing.stderr)
            check(not errors, "%d failed requests, first: %s" % (len(errors), errors[:3]))
            print("requests during the ingest: %d" % sum(counts))
            # the new documents are there without a restart
            status, _, body = srv.get("/api/search", q="zzmark7", limit="5")
            hits = json.loads(body)
            check(status == 200 and len(hits) == 1 and hits[0]["source"].endswith("plan_007.txt"),
                  "a new document is not found: %r" % hits)
            status, _, body = srv.get("/api/search", q="zzmark*", limit="500")
            check(len(json.loads(body)) == NEW_DOCS, "not every new document is found")
        finally:
            srv.stop()
    finally:
        scratch.close()
    print("ok")


if __name__ == "__main__":
    main()
