"""cache_test.py: the answer cache of `vanban serve` — a repeated request
is answered from memory (Server-Timing says cache;desc=hit) with the same
bytes, type and disposition as a server without a cache gives; parameters
in another order are the same request, another language is not; errors
and downloads are never kept; an ingest into the served index makes the
next identical request show the new document without a restart; and the
bytes it holds stay within --cache, counted from the request log after
every answer, the least recently used going first.  Counts only: no time
is asserted.

usage: cache_test.py VANBAN SRC"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serveutil import Scratch, Server, check  # noqa: E402

LOG = re.compile(r"^(\d{3}) (GET|HEAD) (\S+) \d+ B .* cache (hit|miss|skip) entries (\d+) bytes (\d+)$")
# Answers of every kind a handler builds: JSON, pages in both languages,
# exports with a Content-Disposition, a document, a question.
PATHS = [
    "/api/search?q=binh+dang+gioi&limit=3",
    "/search?q=bao+cao",
    "/search?q=bao+cao&lang=en",
    "/api/search?q=bao+cao&format=csv",
    "/search?q=ke+hoach&format=jsonl",
    "/doc/1",
    "/api/document?id=2",
    "/api/ask?q=which+units+report+to+the+Labour+department%3F",
    "/api/facets?q=ke+hoach",
    "/reports?lang=en",
]
NEW_WORD = "zzcachemark"


def cache_state(hdrs):
    m = re.search(r"cache;desc=(\w+)", hdrs.get("server-timing", ""))
    return m.group(1) if m else None


def answer(srv, path, method="GET"):
    status, hdrs, body = srv.request(path, method=method)
    return status, hdrs.get("content-type"), hdrs.get("content-disposition"), body, cache_state(hdrs)


def new_document(scratch):
    """A copy of a seed plan with a word of its own and a number of its own
    (so that it is a document of its own, not a version of the seed)."""
    seeds = os.path.join(scratch.dir, "corpus", "seeds")
    name = sorted(n for n in os.listdir(seeds) if n.endswith(".txt"))[0]
    text = open(os.path.join(seeds, name), encoding="utf-8").read()
    lines = text.split("\n")
    lines.insert(min(8, len(lines)), "Triển khai thí điểm %s trên địa bàn." % NEW_WORD)
    path = os.path.join(scratch.dir, "new_plan.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(re.sub(r"Số: *\d+", "Số: 9917", "\n".join(lines), count=1))
    return path


def main():
    vanban, src = sys.argv[1], sys.argv[2]
    scratch = Scratch(vanban, src)
    try:
        scratch.ingest("corpus")
        # what a server without a cache answers
        plain = Server(scratch, "--cache", "0")
        try:
            want = {p: answer(plain, p) for p in PATHS}
            check(all(w[4] is None for w in want.values()), "--cache 0 still says cache")
        finally:
            plain.stop()
        srv = Server(scratch, "--cache", "1", "--verbose", "--threads", "2")
        try:
            for p in PATHS:
                check(want[p][0] == 200, "%s: status %d" % (p, want[p][0]))
                first = answer(srv, p)
                again = answer(srv, p)
                check(first[:4] == want[p][:4], "%s: first answer differs from the uncached server's" % p)
                check(again[:4] == want[p][:4], "%s: repeated answer differs (cache %s)" % (p, again[4]))
                check(again[4] == "hit", "%s: repeated request not answered from the cache: %s" % (p, again[4]))
            head = answer(srv, PATHS[0], method="HEAD")
            check(head[0] == 200 and head[3] == b"" and head[4] == "hit", "HEAD: %r" % (head,))
            # the same parameters in another order are the same request
            swapped = answer(srv, "/api/search?limit=3&q=binh%20dang%20gioi")
            check(swapped[4] == "hit" and swapped[3] == want[PATHS[0]][3], "reordered parameters: %s" % swapped[4])
            # a parameter named twice: the first one counts, so the order matters
            a = answer(srv, "/api/search?q=bao+cao&q=ke+hoach&limit=2")
            b = answer(srv, "/api/search?q=ke+hoach&q=bao+cao&limit=2")
            check(b[4] != "hit", "a repeated parameter in another order was taken for the same request")
            check(a[3] == answer(srv, "/api/search?q=bao+cao&limit=2")[3], "the first of two q= does not count")
            # errors and downloads are never kept
            for p in ("/no/such/page", "/api/search?q=x&limit=abc", "/api/search", "/doc/999999",
                      "/search?q=%22unclosed"):
                st = [answer(srv, p) for _ in range(2)]
                check(st[0][0] >= 400 or p.startswith("/search"), "%s: status %d" % (p, st[0][0]))
                if st[0][0] != 200:
                    check(st[1][4] != "hit", "%s: an error (%d) came from the cache" % (p, st[0][0]))
            dl = [answer(srv, "/doc/1/file") for _ in range(2)]
            check(dl[0][0] == 200 and dl[1][4] == "skip" and dl[0][3] == dl[1][3], "download: %r" % (dl[1][4],))

            # an ingest beside the server: the next identical request sees it
            q = "/api/search?q=%s&limit=5" % NEW_WORD
            before = [answer(srv, q) for _ in range(3)]
            check(before[0][3].strip() == b"[]" and before[2][4] == "hit", "before: %r" % (before[2][:1],))
            page = "/search?q=" + NEW_WORD
            mark = b"<mark>" + NEW_WORD.encode()
            check(mark not in answer(srv, page)[3], "a snippet with the word before the ingest")
            answer(srv, page)
            scratch.ingest(new_document(scratch))
            # both workers: each sees the change on its own connection
            for _ in range(4):
                after = answer(srv, q)
                check(after[0] == 200 and b"new_plan.txt" in after[3],
                      "after the ingest the cached answer still came back (%s): %r" % (after[4], after[3][:200]))
            check(mark in answer(srv, page)[3], "the search page still shows the old answer")

            # the cap: 1 MB; pages of tens of kB under distinct keys
            # (another parameter is another request) fill it several times
            sizes = []
            for i in range(60):
                st = answer(srv, "/doc/2?n=%d" % i)
                check(st[0] == 200 and st[4] == "miss", "/doc/2?n=%d: %s" % (i, st[4]))
                sizes.append(len(st[3]))
            check(sum(sizes) > 3 << 19, "the pages are too small to test the cap: %d bytes" % sum(sizes))
            check(answer(srv, "/doc/2?n=59")[4] == "hit", "the newest entry is gone")
            check(answer(srv, "/doc/2?n=0")[4] == "miss", "the oldest entry is still there past the cap")
        finally:
            err = srv.stop()
        logged = [LOG.match(ln) for ln in err.splitlines() if ln and not ln.startswith("vanban: stopped")]
        check(logged and all(logged), "a log line out of shape")
        held = [(int(m.group(5)), int(m.group(6))) for m in logged]
        check(max(b for _, b in held) <= 1 << 20, "the cache held more than 1 MB: %d" % max(b for _, b in held))
        misses = sum(1 for m in logged if m.group(4) == "miss" and m.group(3).startswith("/doc/2"))
        check(misses >= 60, "misses of /doc/2: %d" % misses)
        check(max(n for n, _ in held) < misses, "no entry was ever dropped: %d misses, %r" % (misses, max(held)))
        check(max(b for _, b in held) > (1 << 20) * 3 // 4, "the cache never filled: %r" % (max(held),))
    finally:
        scratch.close()
    print("ok")


if __name__ == "__main__":
    main()
