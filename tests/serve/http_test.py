"""http_test.py: `vanban serve` over the sample corpus, checked over HTTP —
status codes, the JSON shapes of /api/, exports, the security headers,
hostile parameters (markup, quotes, 10 kB, invalid UTF-8, ../), path
traversal, limits, methods other than GET/HEAD, downloads by id only.

usage: http_test.py VANBAN SRC"""
import csv
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serveutil import Scratch, Server, check, fail  # noqa: E402

HOSTILE = [
    "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(2)>",
    "../../../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "A" * 10240,
]
INVALID_UTF8 = "%FF%FE%C3%28"
PARAMS = ["q", "province", "year", "from", "to", "issuer", "type", "symbol", "sort", "page",
          "paragraphs", "lang", "format", "doc", "line", "text", "unit", "after", "before",
          "month", "view", "era", "id", "limit", "facets"]
PAGES = ["/", "/search", "/ask", "/reports", "/deadlines", "/map", "/similar", "/doc/1",
         "/api/search", "/api/similar", "/api/ask", "/api/reports", "/api/deadlines",
         "/api/document", "/api/facets"]


def js(srv, path, **params):
    status, hdrs, body = srv.get(path, **params)
    check(status == 200, "%s %r: status %d: %s" % (path, params, status, body[:300]))
    check(hdrs["content-type"].startswith("application/json"), path + ": not JSON")
    return json.loads(body)


def html(srv, path, **params):
    status, hdrs, body = srv.get(path, **params)
    check(status == 200, "%s %r: status %d" % (path, params, status))
    check(hdrs["content-type"] == "text/html; charset=utf-8", path + ": not HTML")
    return body.decode("utf-8")


def test_headers(srv):
    status, hdrs, body = srv.request("/")
    check(status == 200, "/ status %d" % status)
    csp = hdrs.get("content-security-policy", "")
    check("script-src 'self'" in csp and "unsafe-inline" not in csp, "CSP: " + csp)
    check("default-src 'none'" in csp, "CSP default: " + csp)
    check(hdrs.get("x-content-type-options") == "nosniff", "nosniff missing")
    page = body.decode()
    check("<script src=\"/static/app.js\"" in page, "app.js not referenced")
    check(page.count("<script") == 1, "a page holds inline script")
    check("http://" not in page.replace("http://127.0.0.1", "") and "https://" not in page,
          "a page refers to an external asset")
    for asset, ctype in (("/static/app.js", "text/javascript"), ("/static/style.css", "text/css")):
        status, hdrs, body = srv.request(asset)
        check(status == 200 and hdrs["content-type"].startswith(ctype) and len(body) > 200,
              asset + " not served")


def test_search(srv):
    page = html(srv, "/search", q="binh dang gioi")
    check("<mark>bình đẳng giới</mark>" in page, "no highlighted snippet")
    check("href=\"/doc/" in page, "no document link")
    check("href=\"/search?q=binh+dang+gioi&amp;province=" in page
          or "href=\"/search?q=binh%20dang%20gioi&amp;province=" in page, "no facet link")
    # a facet filters
    filtered = html(srv, "/search", q="binh dang gioi", province="Sơn La")
    check("Sơn La ×" in filtered, "the chosen filter is not shown")
    check("Bắc Kạn</span>" not in filtered, "the province filter did not filter")
    # paragraphs with a "similar wording" link
    paras = html(srv, "/search", q="bao cao", paragraphs="1")
    check("href=\"/similar?doc=" in paras, "no similar-wording link on paragraph results")
    link = paras.split("/similar?doc=")[1]  # "6&amp;line=12..."
    similar = html(srv, "/similar", doc=link.split("&")[0],
                   line=link.split("line=")[1].split("&")[0].split("\"")[0])
    check("<ol class=\"hits\">" in similar, "similar page has no list")
    # sort, dates and paging parameters are accepted; a bad one is refused
    html(srv, "/search", q="bao cao", sort="date", **{"from": "2018-01-01", "to": "2030-12-31"})
    status, _, _ = srv.get("/search", q="bao cao", sort="sideways")
    check(status == 400, "bad sort accepted")
    status, _, _ = srv.get("/search", q="bao cao", page="999")
    check(status == 400, "page beyond the limit accepted")
    # English
    en = html(srv, "/search", q="binh dang gioi", lang="en")
    check(">Search</a>" in en and "lang=en" in en, "no English page")
    # malformed query: an ordinary error page
    status, _, body = srv.get("/search", q="\"unclosed")
    check(status in (200, 400), "malformed query status %d" % status)


def test_api(srv):
    hits = js(srv, "/api/search", q="binh dang gioi", province="Sơn La", limit="5")
    check(isinstance(hits, list) and 0 < len(hits) <= 5, "api/search: %r" % hits)
    keys = {"source", "title", "snippet", "score", "doc_type", "number", "symbol", "date",
            "year", "issuer", "province", "id"}
    for h in hits:
        check(keys <= set(h), "api/search keys: %r" % sorted(h))
        check(h["province"] == "Sơn La", "api/search province filter")
    wrapped = js(srv, "/api/search", q="binh dang gioi", facets="1")
    check(set(wrapped) == {"results", "facets"}, "facets shape")
    check(set(wrapped["facets"]) == {"province", "year", "issuer", "doc_type"}, "facet keys")
    facets = js(srv, "/api/facets", q="binh dang gioi")
    check(facets == wrapped["facets"], "api/facets differs from search facets")
    ask = js(srv, "/api/ask", q="which units report to the Labour department?")
    check(ask["intent"] == "reports_to" and ask["count"] > 0, "api/ask: %r" % ask)
    for a in ask["answers"]:
        check(a["id"] > 0 and isinstance(a["line"], int) and a["evidence"], "ask answer %r" % a)
    rep = js(srv, "/api/reports", to="Sở LĐTBXH")
    check(rep["count"] == ask["count"], "reports and ask disagree")
    dl = js(srv, "/api/deadlines", after="2021-12-01", before="2021-12-31")
    check(dl["intent"] == "deadlines" and all(a["deadline"].startswith("2021-12")
                                              for a in dl["answers"]), "api/deadlines")
    doc = js(srv, "/api/document", id=str(hits[0]["id"]))
    check(doc["source"] == hits[0]["source"] and "evidence" in doc, "api/document")
    sim = js(srv, "/api/similar", text="báo cáo kết quả thực hiện gửi về Sở Lao động")
    check(sim and all("similarity" in s and "line" in s for s in sim), "api/similar")
    # errors are JSON too
    for path, params, code in (("/api/search", {}, 400), ("/api/nothing", {}, 404),
                               ("/api/document", {"id": "999999"}, 404),
                               ("/api/ask", {"q": "what is the weather"}, 400),
                               ("/api/search", {"q": "x", "limit": "100000"}, 400)):
        status, hdrs, body = srv.get(path, **params)
        check(status == code and "error" in json.loads(body),
              "%s %r: %d %r" % (path, params, status, body[:200]))


def test_pages(srv):
    ask = html(srv, "/ask", q="which units report to the Labour department?")
    check("class=\"grp\"" in ask and "#L" in ask, "ask page: no grouped answers with lines")
    forms = html(srv, "/ask", q="what is the weather")
    check("class=\"forms\"" in forms, "ask page: no list of question forms")
    rep = html(srv, "/reports", to="Sở LĐTBXH")
    check("<table class=\"grid\">" in rep and "#L" in rep, "reports table")
    dl = html(srv, "/deadlines")
    check("<table class=\"grid\">" in dl, "deadlines table")
    cal = html(srv, "/deadlines", view="calendar", month="2021-12")
    check("class=\"cal\"" in cal and "class=\"has\"" in cal, "calendar without the deadline")
    m = html(srv, "/map", q="binh dang gioi")
    check(m.count("class=\"tile ") == 63, "63 tiles expected")
    m34 = html(srv, "/map", q="binh dang gioi", era="2025")
    check(m34.count("class=\"tile ") == 34, "34 tiles expected")
    check("h5" in m, "no tile coloured")


def test_document(srv, scratch):
    hits = js(srv, "/api/search", q="\"622/KH-UBND\" OR Bắc Kạn", province="Bắc Kạn", limit="10")
    # the plan is one document in three files (.txt, two .docx): one hit,
    # standing for its files
    txt = hits
    check(txt and txt[0].get("also"), "no hit for Bắc Kạn with its other files")
    doc_id = txt[0]["id"]
    page = html(srv, "/doc/%d" % doc_id)
    check("id=\"L1\"" in page, "no line anchors")
    check("class=\"ev\" href=\"#L" in page, "no evidence links")
    for label in ("Số", "Ngày", "Cơ quan", "Trích yếu", "Người ký"):
        check("<dt>%s</dt>" % label in page, "record row missing: " + label)
    # download by id: the stored file, byte for byte
    status, hdrs, body = srv.request("/doc/%d/file" % doc_id)
    check(status == 200 and hdrs["content-type"] == "application/octet-stream", "download status")
    check(hdrs["content-disposition"].startswith("attachment;"), "download disposition")
    path = os.path.join(scratch.dir, txt[0]["source"])
    with open(path, "rb") as f:
        original = f.read()
    check(body == original, "downloaded bytes differ")
    # a file changed since ingest is not served
    with open(path, "ab") as f:
        f.write(b"\nchanged\n")
    status, _, _ = srv.request("/doc/%d/file" % doc_id)
    check(status == 409, "a changed file was served (%d)" % status)
    with open(path, "wb") as f:
        f.write(original)
    status, _, _ = srv.request("/doc/%d/file" % doc_id)
    check(status == 200, "restored file not served")


def test_exports(srv):
    status, hdrs, body = srv.get("/search", q="binh dang gioi", format="csv")
    check(status == 200 and hdrs["content-type"].startswith("text/csv"), "search csv")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    check(rows[0][:5] == ["rank", "source", "title", "snippet", "score"], "csv header %r" % rows[0])
    check(len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows), "csv rows")
    check("attachment" in hdrs.get("content-disposition", ""), "csv not a download")
    for path, params in (("/reports", {"to": "Sở LĐTBXH"}), ("/deadlines", {}),
                         ("/ask", {"q": "which units report to the Labour department?"}),
                         ("/search", {"q": "bao cao", "paragraphs": "1"})):
        status, hdrs, body = srv.get(path, format="jsonl", **params)
        check(status == 200 and hdrs["content-type"].startswith("application/x-ndjson"),
              path + " jsonl")
        lines = body.decode("utf-8").splitlines()
        check(lines and all(isinstance(json.loads(x), dict) for x in lines), path + " jsonl lines")
        status, hdrs, body = srv.get(path, format="csv", **params)
        check(status == 200 and body.count(b"\r\n") == len(lines) + 1, path + " csv rows")
    status, _, _ = srv.get("/api/search", q="x", format="xml")
    check(status == 200, "unknown format on the API changes nothing")


def test_hostile(srv):
    """Every parameter of every page with hostile values: an ordinary page
    or error page, never a server error, never the value unescaped."""
    count = 0
    for page in PAGES:
        for name in PARAMS:
            for value in HOSTILE + [None]:
                if value is None:
                    query = "%s=%s" % (name, INVALID_UTF8)
                else:
                    from urllib.parse import quote
                    query = "%s=%s" % (name, quote(value, safe=""))
                base = "q=bao+cao&" if name != "q" else ""
                status, hdrs, body = srv.request(page + "?" + base + query)
                count += 1
                check(status in (200, 400, 404, 409),
                      "%s?%s: status %d" % (page, query[:80], status))
                if value is None or len(value) > 1024:
                    check(status == 400, "%s?%s accepted (%d)" % (page, query[:60], status))
                ctype = hdrs.get("content-type", "")
                if ctype.startswith("text/html"):
                    text = body.decode("utf-8")
                    check("<script>alert" not in text and "<img src=x" not in text,
                          "%s?%s: unescaped markup" % (page, query[:80]))
                    check(text.count("<script") == 1, "%s: extra script" % page)
                check(b"root:x:0:0" not in body, "a file leaked through %s" % page)
    print("hostile requests: %d" % count)


def test_paths(srv):
    for path in ("/doc/../../etc/passwd", "/static/../../../etc/passwd", "/doc/1/../../../etc/passwd",
                 "/%2e%2e/%2e%2e/etc/passwd", "/doc/0", "/doc/-1", "/doc/1x", "/doc/99999999",
                 "/doc/1/file/..", "/doc/99999999/file", "/static/", "/static/serve.h",
                 "/api/", "/api/../search", "/etc/passwd", "//etc/passwd", "/doc/%2e%2e%2fvanban.db"):
        status, _, body = srv.request(path)
        check(status in (400, 404), "%s: status %d" % (path, status))
        check(b"root:x:0:0" not in body and b"SQLite format" not in body, path + " leaked a file")
    # an unknown path is shown on its error page, escaped
    for path in ("/%22%3E%3Cscript%3Ealert(1)%3C/script%3E", "/\"><script>alert(1)</script>",
                 "/doc/1%22%3E%3Cb%3E"):
        status, _, body = srv.request(path)
        check(status in (400, 404), "%s: status %d" % (path, status))
        check(b"<script>alert" not in body and b"\"><b>" not in body, path + ": unescaped path")


def test_methods_and_limits(srv):
    for m in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
        status, hdrs, _ = srv.request("/search?q=x", method=m, body=b"a=1" if m != "OPTIONS" else None)
        check(status == 405 and "GET" in hdrs.get("allow", ""), "%s: status %d" % (m, status))
    status, hdrs, body = srv.request("/search?q=binh", method="HEAD")
    check(status == 200 and body == b"", "HEAD")
    status, _, _ = srv.request("/search?q=x", body=b"x" * 100)
    check(status == 413, "GET with a body: %d" % status)
    many = "&".join("p%d=1" % i for i in range(40))
    status, _, _ = srv.request("/search?q=x&" + many)
    check(status == 400, "too many parameters: %d" % status)
    status, _, _ = srv.request("/search?q=" + "a" * 40000)
    check(status in (400, 414, 431), "40 kB URL: %d" % status)
    status, _, _ = srv.request("/search?q=x", headers={"X-Big": "b" * 40000})
    check(status in (400, 413, 431), "huge header: %d" % status)


def main():
    vanban, src = sys.argv[1], sys.argv[2]
    scratch = Scratch(vanban, src)
    try:
        scratch.ingest("corpus")
        srv = Server(scratch)
        try:
            check(any("this machine only" in x for x in srv.banner), "banner: %r" % srv.banner)
            test_headers(srv)
            test_search(srv)
            test_api(srv)
            test_pages(srv)
            test_document(srv, scratch)
            test_exports(srv)
            test_paths(srv)
            test_methods_and_limits(srv)
            test_hostile(srv)
        finally:
            srv.stop()
        # a missing index is refused at start, with the CLI's exit code
        p = scratch.run("serve", "--db", os.path.join(scratch.dir, "none.db"), "--port", "0",
                        check_rc=False)
        check(p.returncode == 3 and "none.db" in p.stderr, "missing index: %r" % p.stderr)
        p = scratch.run("serve", "--db", scratch.db, "--bind", "example.org", check_rc=False)
        check(p.returncode == 2, "a host name as --bind: %d %r" % (p.returncode, p.stderr))
    finally:
        scratch.close()
    print("ok")


if __name__ == "__main__":
    main()
