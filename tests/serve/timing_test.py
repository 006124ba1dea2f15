"""timing_test.py: what `vanban serve` tells of its answers' time and
connections — the Server-Timing header of every answer a handler builds
(pages, the API, errors), keep-alive connections kept open from one request
to the next, and the request log of --verbose, whose counters show that
each worker opens its index connection once and keeps it for every later
request; and that stopping it leaves the index file untouched.  Counts
and shapes only: no time is asserted.

usage: timing_test.py VANBAN SRC"""
import hashlib
import http.client
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serveutil import TIMEOUT, Scratch, Server, check  # noqa: E402

THREADS = 2
TIMING = re.compile(r"^app;dur=\d+\.\d{3}, cpu;dur=\d+\.\d{3}(, open;dur=\d+\.\d{3})?"
                    r", cache;desc=(hit|miss|skip)$")
LOG = re.compile(r"^(\d{3}) (GET|HEAD) (\S+) (\d+) B \d+\.\d\d ms cpu \d+\.\d\d ms "
                 r"worker (\d+) request (\d+) opens (\d+) cache (hit|miss|skip) "
                 r"entries \d+ bytes \d+$")
# (path, status, built by a handler: logged and timed)
ROUTES = [
    ("/api/search?q=binh+dang+gioi&limit=3", 200, True),
    ("/search?q=bao+cao", 200, True),
    ("/api/ask?q=" + "which+units+report+to+the+Labour+department%3F", 200, True),
    ("/static/style.css", 200, False),
    ("/api/search", 400, True),
    ("/no/such/page", 404, True),
    ("/api/document?id=1", 200, True),
    ("/search?q=%3Cscript%3E&lang=en", 200, True),
]


def keep_alive(srv, routes, method="GET"):
    """The routes over one connection: every answer must keep it open (the
    same socket serves them all).  Returns [(path, status, headers, body)]."""
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=TIMEOUT)
    out, sock = [], None
    for path, status, _ in routes:
        c.request(method, path)
        r = c.getresponse()
        body = r.read()
        check(r.status == status, "%s %s: status %d, not %d" % (method, path, r.status, status))
        check(not r.will_close and (r.getheader("Connection") or "").lower() != "close",
              "%s %s: the answer closed the connection" % (method, path))
        check(sock is None or c.sock is sock, "%s %s: a new connection was made" % (method, path))
        sock = c.sock
        out.append((path, r.status, {k.lower(): v for k, v in r.getheaders()}, body))
    c.close()
    return out


def check_timing(answers, handled):
    """Server-Timing on the answers handlers built, in its shape; open only
    on the first answer of a fresh worker (this connection's first)."""
    for i, ((path, _, hdrs, _), built) in enumerate(zip(answers, handled)):
        st = hdrs.get("server-timing")
        if not built:
            check(st is None, "%s: a static asset with Server-Timing %r" % (path, st))
            continue
        check(st is not None and TIMING.match(st), "%s: Server-Timing %r" % (path, st))
        if i > 0:
            check("open;" not in st, "%s: the index was opened again: %r" % (path, st))


def file_digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    vanban, src = sys.argv[1], sys.argv[2]
    scratch = Scratch(vanban, src)
    try:
        scratch.ingest("corpus/seeds")
        srv = Server(scratch, "--threads", str(THREADS), "--verbose")
        try:
            handled = [h for _, _, h in ROUTES]
            first = keep_alive(srv, ROUTES)
            check_timing(first, handled)
            check("open;" in first[0][2]["server-timing"],
                  "the first answer of a fresh server does not say the index was opened")
            # more connections, more requests: every worker keeps its index
            for _ in range(3):
                check_timing(keep_alive(srv, ROUTES), handled)
            heads = keep_alive(srv, ROUTES[:2], method="HEAD")
            check(all(body == b"" and TIMING.match(h["server-timing"]) for _, _, h, body in heads),
                  "HEAD: a body, or no Server-Timing")
            # answered at once, so the connection closes after it (deliberately)
            c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=TIMEOUT)
            c.request("POST", "/search", body=b"a=1")
            r = c.getresponse()
            r.read()
            check(r.status == 405 and r.will_close, "POST: %d, kept open: %s" % (r.status, not r.will_close))
            c.close()
            # the server only reads: an ingest beside it writes to the log,
            # and the server leaves the log to the writer when it stops
            # (no checkpoint on close), so the index file stays as it was
            scratch.ingest("corpus")
            keep_alive(srv, ROUTES[:1])
            before = file_digest(scratch.db)
            wal = os.path.getsize(scratch.db + "-wal")
            check(wal > 0, "the ingest left no write-ahead log to test with")
        finally:
            err = srv.stop()
        check(file_digest(scratch.db) == before, "stopping the server wrote to the index file")
        check(os.path.getsize(scratch.db + "-wal") == wal, "stopping the server changed the log")
        lines = [ln for ln in err.splitlines() if ln and not ln.startswith("vanban: stopped")]
        logged = [LOG.match(ln) for ln in lines]
        check(all(logged), "a log line out of shape: %r" % [ln for ln, m in zip(lines, logged) if not m][:3])
        expected = 4 * sum(handled) + 2 + 1
        check(len(logged) == expected, "%d log lines, not %d" % (len(logged), expected))
        check(logged[0].group(1, 2, 3) == ("200", "GET", "/api/search"), "first line: %r" % lines[0])
        check(int(logged[0].group(4)) == len(first[0][3]), "logged bytes differ from the body's")
        check(any(m.group(1, 3) == ("404", "/no/such/page") for m in logged), "404 not logged")
        check(sum(m.group(2) == "HEAD" for m in logged) == 2, "HEAD requests not logged as HEAD")
        per_worker = {}
        for m in logged:
            per_worker.setdefault(int(m.group(5)), []).append((int(m.group(6)), int(m.group(7))))
        check(1 <= len(per_worker) <= THREADS and set(per_worker) <= set(range(1, THREADS + 1)),
              "workers: %r" % sorted(per_worker))
        for w, seen in per_worker.items():
            check([n for n, _ in seen] == list(range(1, len(seen) + 1)),
                  "worker %d counts its requests %r" % (w, [n for n, _ in seen]))
            # one index connection per worker, opened on its first request
            # and reused by every later one
            check(all(opens == 1 for _, opens in seen), "worker %d opened its index again: %r" % (w, seen))
        check(sum(len(v) for v in per_worker.values()) > THREADS, "no worker served twice")
    finally:
        scratch.close()
    print("ok")


if __name__ == "__main__":
    main()
