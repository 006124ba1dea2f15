"""bench/bench_report.py: the table and the one-line summary bench/run
prints from its figures, with the targets (methods of bench/run's Bench;
`bench/run --report FILE` prints them for an earlier run)."""

import datetime
import json
import os

from benchlib import *  # noqa: F401,F403  (shared helpers and constants)


class ReportMixin:
    """The printed table and summary; self is a Bench."""

    def report(self, save=True):
        """Print the table (and with save, write the JSON); the summary last."""
        f, m, n = self.f, self.manifest, self.r["docs"]
        rows = []

        def row(what, value, compare="", target="", ok=None):
            rows.append((what, value, compare, target, "" if ok is None else ("ok" if ok else "MISSED")))

        ing = f["ingest"]
        base = f.get("fts5_baseline")
        def ingest_row(key, label):
            t = ing.get(key)
            if not t:
                return
            label += " (%d files)" % t["files"] if t.get("subset") else ""
            ratio = f.get("ingest_vs_fts5", {}).get(key)
            measured = "%.0f docs/s, %.1f MB/s" % (t["docs_per_s"], t["mb_per_s"])
            if "text_mb_per_s" in t:
                measured += " (%.1f MB/s of text)" % t["text_mb_per_s"]
            compared = "%.2f x bare FTS5 speed" % ratio if ratio else ""
            if t.get("failed"):
                compared = (compared + ", " if compared else "") + "%d failed" % t["failed"]
            headline = key == "txt_j2"
            row(label, measured + ", %.1f s" % t["seconds"], compared,
                ">= %.2f x" % TARGETS["ingest_vs_fts5"] if headline else "",
                ratio >= TARGETS["ingest_vs_fts5"] if ratio and headline else None)

        ingest_row("txt_j2", "ingest .txt, 2 jobs")
        ingest_row("txt_j1", "ingest .txt, 1 job")
        ingest_row("txt_j2_subset", "ingest .txt, 2 jobs")
        if base:
            row("bare FTS5 load (unicode61)", "%.0f docs/s, %.1f MB/s, %.1f s" % (
                base["docs_per_s"], base["mb_per_s"], base["seconds"]), "RSS %.0f MB" % base["rss_mb"])
        ingest_row("docx_j2", "ingest .docx, 2 jobs")
        ingest_row("docx_j1", "ingest .docx, 1 job")
        ingest_row("docx_j2_subset", "ingest .docx, 2 jobs")
        if "append_docx_j2" in ing:
            row("append .docx to .txt index", "%.1f s" % ing["append_docx_j2"]["seconds"])
        row("re-ingest, all unchanged", "%.0f docs/s, %.1f s" % (
            ing["reingest_unchanged_j2"]["docs_per_s"], ing["reingest_unchanged_j2"]["seconds"]))
        per100k = f["ingest_per_100k_docs_s"]
        row("ingest time per 100k docs (2 jobs)", "%.0f s" % per100k,
            "measured on %d docs" % n if n != 100000 else "", "< %d s" % TARGETS["ingest_100k_s"],
            per100k < TARGETS["ingest_100k_s"])
        row("peak RSS, ingest", "%.0f MB" % f["peak_rss_mb"], "", "< %d MB" % TARGETS["peak_rss_mb"],
            f["peak_rss_mb"] < TARGETS["peak_rss_mb"])
        q = f.get("queries")
        if q:
            p = q["process_ms"]
            row("search, per process", "p50 %.1f / p95 %.1f / p99 %.1f ms" % (p["p50"], p["p95"], p["p99"]),
                "%d queries x %d" % (q["search_queries"], q["reps"]), "p99 < %d ms" % TARGETS["search_p99_ms"],
                p["p99"] < TARGETS["search_p99_ms"])
            if q.get("inprocess_ms"):
                p = q["inprocess_ms"]
                row("search, in process", "p50 %.2f / p95 %.2f / p99 %.2f ms" % (p["p50"], p["p95"], p["p99"]))
            for cls, p in sorted(q["process_ms_by_class"].items()):
                if p:
                    row("  %s (%d samples)" % (cls, p["n"]), "p50 %.1f / p95 %.1f / p99 %.1f ms" % (
                        p["p50"], p["p95"], p["p99"]))
            row("process start floor (/bin/true)", "p50 %.2f ms" % q["spawn_floor_ms"]["p50"])
        rg = f.get("ripgrep")
        if rg:
            row("ripgrep, same words", "p50 %.0f ms (%d queries)" % (rg["rg_ms"]["p50"], rg["queries"]),
                "vanban " + times(rg["speedup_median"]) if rg["speedup_median"] else "",
                ">= %d x" % TARGETS["rg_speedup"],
                rg["speedup_median"] >= TARGETS["rg_speedup"] if rg["speedup_median"] else None)
        d = f.get("docx_reading")
        if d:
            row("DOCX: vanban text, a process per file", "%.1f ms/doc (%d files)" % (
                d["vanban_text"]["ms_per_doc"], d["files"]),
                "%d failed" % d["vanban_text"]["failed"] if d["vanban_text"]["failed"] else
                ("vs pandoc " + times(d["speedup_vs_pandoc_per_process"])
                 if d.get("speedup_vs_pandoc_per_process") else ""))
            if "vanban_text_batch" in d:
                row("DOCX: vanban text, one process", "%.2f ms/doc" % d["vanban_text_batch"]["ms_per_doc"])
            if "pandoc" in d:
                sp = d.get("speedup_vs_pandoc")
                row("DOCX: pandoc -t plain", "%.1f ms/doc" % d["pandoc"]["ms_per_doc"],
                    "vanban " + times(sp) if sp else "not compared", ">= %d x" % TARGETS["docx_vs_pandoc"],
                    sp >= TARGETS["docx_vs_pandoc"] if sp else None)
        def read_rows(key, label, tool, target=None):
            d = f.get(key)
            if not d:
                return
            b, v = d["vanban_text_batch"], d["vanban_text"]
            row("%s: vanban text, one process" % label, "%.2f ms/doc (%d files%s)" % (
                b["ms_per_doc"], d["files"], ", %d pages" % d["pages"] if d.get("pages") else "")
                + (", CPU %.2f" % b["cpu_ms_per_doc"] if "cpu_ms_per_doc" in b else ""),
                "%d failed" % v["failed"] if v["failed"] else "")
            row("%s: vanban text, a process per file" % label, "%.1f ms/doc" % v["ms_per_doc"]
                + (", CPU %.1f" % v["cpu_ms_per_doc"] if "cpu_ms_per_doc" in v else ""),
                "vs %s %s" % (tool, times(d["speedup_per_process"])) if d.get("speedup_per_process") else "")
            if tool in d:
                sp = d.get("speedup_batch")
                row("%s: %s, a process per file" % (label, tool), "%.1f ms/doc" % d[tool]["ms_per_doc"]
                    + (", CPU %.1f" % d[tool]["cpu_ms_per_doc"] if "cpu_ms_per_doc" in d[tool] else ""),
                    ("vanban " + times(sp) + (" (CPU %s)" % times(d["cpu_speedup_batch"])
                                              if d.get("cpu_speedup_batch") else "")) if sp else "not compared",
                    ">= %d x" % target if target else "", sp >= target if sp and target else None)

        read_rows("pdf_reading", "PDF", "pdftotext", TARGETS["pdf_vs_pdftotext"])
        read_rows("doc_reading", ".doc", "antiword")
        o = f.get("ocr")
        if o:
            row("OCR: vanban text --ocr always", "%.1f pages/min (%d pages, %d dpi)%s" % (
                o["vanban_text"]["pages_per_min"], o["pages"], o["dpi"],
                ", CPU %.1f s/page" % (o["vanban_text"]["cpu_seconds"] / o["pages"])
                if "cpu_seconds" in o["vanban_text"] else ""),
                "tesseract %.1f pages/min%s (vanban %s)" % (
                    o["tesseract"]["pages_per_min"], ", CPU %.1f s/page" % (o["tesseract"]["cpu_seconds"] / o["pages"])
                    if "cpu_seconds" in o["tesseract"] else "", times(o["vanban_over_tesseract"]))
                if "tesseract" in o else "")
        self.http_rows(row)
        lg = f.get("large_docs")
        if lg:
            row("extract, %d largest docs" % lg["largest"]["files"], "%.0f ms/MB (%.2f MB)" % (
                lg["largest"]["ms_per_mb"], lg["largest"]["mb"]), "largest %.0f KB" % lg["largest"]["biggest_kb"])
            row("extract, one generated document", "%.0f ms/MB (%.1f MB)" % (
                lg["generated"]["ms_per_mb"], lg["generated"]["mb"]), "RSS %.0f MB" % (lg["generated"]["rss_mb"] or 0))
        x = f.get("xapian_omindex")
        if x:
            row("Xapian omindex", "%.0f docs/s, %.2f MB/s%s" % (x["docs_per_s"], x["mb_per_s"],
                                                                 " (subset)" if x["subset"] else ""),
                "vanban (1 job) " + times(x["vanban_txt_j1_speedup"]))
        xq = f.get("xapian_quest")
        if xq:
            p = xq["process_ms"]
            row("Xapian quest", "p50 %.1f / p95 %.1f / p99 %.1f ms" % (p["p50"], p["p95"], p["p99"]),
                "vanban search " + times(xq["quest_over_vanban_median"]) if xq["quest_over_vanban_median"] else "")
        txt_mb = m["txt"]["bytes"] / 1e6
        ipm = f["index_bytes_txt"] / 1e6 / txt_mb
        f["index_mb_per_mb_text"] = round(ipm, 2)
        row("index size per MB of text", "%.2f MB" % ipm,
            ("bare FTS5 %.2f" % (base["index_bytes"] / 1e6 / txt_mb)) if base else "")
        if x:
            f["xapian_mb_per_mb_text"] = round(x["index_bytes"] / 1e6 / x["mb"], 2)
            rows[-1] = rows[-1][:2] + (rows[-1][2] + ", Xapian %.2f" % f["xapian_mb_per_mb_text"],) + rows[-1][3:]
        # What each table costs, in bytes per byte of text (tables under
        # 1% of the index are summed as "other").
        bd = f.get("index_breakdown_txt") or {}
        total = sum(bd.values()) or 1
        other = 0
        for name, size in bd.items():
            if size < total / 100:
                other += size
                continue
            row("  of which %s" % name, "%.2f MB per MB of text (%.0f%%)" % (size / 1e6 / txt_mb, 100.0 * size / total),
                "")
        if other:
            row("  of which other tables", "%.2f MB per MB of text" % (other / 1e6 / txt_mb), "")

        widths = [max(len(r[i]) for r in rows + [("what", "measured", "compared", "target", "")]) for i in range(5)]
        head = ("what", "measured", "compared", "target", "")
        print("vanban benchmark: %d documents (%d .txt, %.0f MB; %d .docx, %.0f MB), seed %d, %s, %d cores" % (
            n, m["txt"]["files"], txt_mb, m["docx"]["files"], m["docx"]["bytes"] / 1e6, self.r["seed"],
            self.r["machine"].get("cpu"), self.r["machine"]["nproc"]))
        for r in [head] + rows:
            print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        for note in self.r["notes"]:
            print("note: " + note)
        self.r["table"] = [dict(zip(("what", "measured", "compared", "target", "status"), r)) for r in rows]
        if not save:
            print(self.summary())
            return
        os.makedirs(RESULTS, exist_ok=True)
        stamp = datetime.date.today().isoformat()
        path = os.path.join(RESULTS, "%s-%d.json" % (stamp, n))
        with open(path + ".tmp", "w", encoding="utf-8") as fh:
            json.dump(self.r, fh, indent=2, ensure_ascii=False)
        os.replace(path + ".tmp", path)
        print("results: %s" % os.path.relpath(path, ROOT))
        if getattr(self, "profile_text", None):
            ppath = os.path.join(RESULTS, "%s-%d-profile.txt" % (stamp, n))
            with open(ppath, "w", encoding="utf-8") as fh:
                fh.write(self.profile_text + "\n")
            print("profile: %s" % os.path.relpath(ppath, ROOT))
        print(self.summary())

    def http_rows(self, row):
        """The table's rows of the HTTP figures: searches (the target, with
        4 clients), then ask and similar apart; the server's share of the
        time the clients saw and its CPU time per request."""
        h = self.f.get("http")
        if not h:
            return
        counts = sorted(int(key.split("_")[1]) for key in h if key.startswith("clients_"))
        for what, cls in (("search", None), ("ask", "ask"), ("similar", "similar")):
            for nc in counts:
                c = h["clients_%d" % nc]
                ms = c.get("search_ms") if cls is None else c.get("ms_by_class", {}).get(cls)
                if not ms:
                    continue
                srv = (c.get("server") or {}).get(what)
                last = cls is None and nc == counts[-1]
                compare = "%d requests" % ms["n"]
                if cls is None:
                    compare += " of %d, %.0f/s" % (c["requests"], c["requests_per_s"])
                if srv:
                    compare += "; server %.0f%% of it, CPU p50 %.1f / p99 %.1f ms" % (
                        100 * srv["share"], srv["cpu_ms"]["p50"], srv["cpu_ms"]["p99"])
                row("HTTP /api/%s, %d client%s%s" % (what, nc, "s" if nc > 1 else "",
                                                     ", distinct" if "repeated" in h else ""),
                    "p50 %.1f / p95 %.1f / p99 %.1f ms" % (ms["p50"], ms["p95"], ms["p99"]), compare,
                    "p99 < %d ms" % TARGETS["http_p99_ms"] if last else "",
                    ms["p99"] < TARGETS["http_p99_ms"] if last else None)
        # the query set sent again: answered from the answer cache (not the target)
        for nc in counts:
            c = (h.get("repeated") or {}).get("clients_%d" % nc)
            ms = c and c.get("search_ms")
            if not ms:
                continue
            srv = (c.get("server") or {}).get("search")
            row("HTTP /api/search, %d client%s, repeated" % (nc, "s" if nc > 1 else ""),
                "p50 %.1f / p95 %.1f / p99 %.1f ms" % (ms["p50"], ms["p95"], ms["p99"]),
                "%d of %d from the cache%s" % (c.get("cache", {}).get("hit", 0), c["requests"],
                                                "; server CPU p50 %.2f / p99 %.2f ms" % (
                                                    srv["cpu_ms"]["p50"], srv["cpu_ms"]["p99"]) if srv else ""),
                "", None)

    def summary(self):
        f = self.f
        parts = []
        r = f.get("ingest_vs_fts5")
        if r:
            parts.append("ingest at %.2fx the speed of a bare FTS5 load (2 jobs)" % r["txt_j2"])
        parts.append("%.0f s per 100k docs" % f["ingest_per_100k_docs_s"])
        q = f.get("queries")
        if q:
            parts.append("search p99 %.1f ms" % q["process_ms"]["p99"])
        rg = f.get("ripgrep")
        if rg and rg["speedup_median"]:
            parts.append("search %s than ripgrep" % times(rg["speedup_median"]))
        d = f.get("docx_reading", {})
        if d.get("speedup_vs_pandoc"):
            parts.append("DOCX reading %s than pandoc" % times(d["speedup_vs_pandoc"]))
        elif d:
            parts.append("DOCX not compared (%d of %d failed)" % (d["vanban_text"]["failed"], d["files"]))
        x = f.get("xapian_omindex")
        if x:
            parts.append("indexing %s than omindex" % times(x["vanban_txt_j1_speedup"]))
        xq = f.get("xapian_quest")
        if xq and xq["quest_over_vanban_median"]:
            parts.append("search %s than Xapian quest" % times(xq["quest_over_vanban_median"]))
        for key, label, tool in (("pdf_reading", "PDF", "pdftotext"), ("doc_reading", ".doc", "antiword")):
            d = f.get(key)
            if d and d.get("speedup_batch"):
                parts.append("%s reading %s than %s (%s process by process)" % (
                    label, times(d["speedup_batch"]), tool, times(d["speedup_per_process"])))
            elif d:
                parts.append("%s reading %.2f ms/doc (%s not compared)" % (
                    label, d["vanban_text_batch"]["ms_per_doc"], tool))
        o = f.get("ocr")
        if o:
            parts.append("OCR %.1f pages/min%s" % (o["vanban_text"]["pages_per_min"], (
                " (tesseract %.1f)" % o["tesseract"]["pages_per_min"]) if "tesseract" in o else ""))
        h = f.get("http")
        if h:
            parts.append("HTTP search p99 %s" % ", ".join(
                "%.1f ms with %s client%s" % ((h[k].get("search_ms") or h[k]["ms"])["p99"], k.split("_")[1],
                                               "" if k == "clients_1" else "s")
                for k in sorted(h) if k.startswith("clients_")))
        lg = f.get("large_docs")
        if lg:
            parts.append("extract %.0f ms/MB on the largest docs" % lg["largest"]["ms_per_mb"])
        parts.append("index %.2f MB per MB of text" % f["index_mb_per_mb_text"])
        parts.append("peak RSS %.0f MB" % f["peak_rss_mb"])
        return "Summary at %d docs: %s." % (self.r["docs"], "; ".join(parts))
