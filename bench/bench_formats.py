"""bench/bench_formats.py: the reading comparisons of bench/run: DOCX
beside pandoc, PDF beside pdftotext, Word 97-2003 beside antiword, OCR
beside the tesseract command (methods of bench/run's Bench)."""

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from benchlib import *  # noqa: F401,F403  (shared helpers and constants)


class FormatsMixin:
    """The reading measurements; self is a Bench."""

    def run_docx(self):
        files = sorted(glob.glob(os.path.join(self.corpus, "docx", "*", "*.docx")))[:DOCX_SAMPLE]
        if not files:
            return
        mb = sum(os.path.getsize(f) for f in files) / 1e6
        res = {"files": len(files), "mb": round(mb, 2)}
        t0, fails, words_vb = time.perf_counter(), 0, []
        for f in files:
            p = subprocess.run([self.vanban, "text", f], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if p.returncode != 0:
                fails += 1
            words_vb.append(len(p.stdout.split()))
        dt = time.perf_counter() - t0
        res["vanban_text"] = {"seconds": round(dt, 3), "failed": fails, "docs_per_s": round(len(files) / dt, 1),
                              "ms_per_doc": round(dt * 1000 / len(files), 2)}
        # The same files read by one process (how a batch is read: ingest
        # and `vanban text *.docx` pay the start-up once).
        best = None
        for _ in range(3):
            t0 = time.perf_counter()
            p = subprocess.run([self.vanban, "text"] + files, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            bt = time.perf_counter() - t0
            best = bt if best is None or bt < best else best
        res["vanban_text_batch"] = {"seconds": round(best, 3), "rc": p.returncode,
                                    "docs_per_s": round(len(files) / best, 1),
                                    "ms_per_doc": round(best * 1000 / len(files), 2),
                                    "how": "one `vanban text` process for all the files, best of 3"}
        if fails:
            self.note("vanban text failed on %d of %d .docx files" % (fails, len(files)))
        if have("pandoc"):
            t0, pfails, words_pd = time.perf_counter(), 0, []
            for f in files:
                p = subprocess.run(["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", f],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                pfails += p.returncode != 0
                words_pd.append(len([w for w in p.stdout.split() if w.strip(b"+-|=")]))
            pdt = time.perf_counter() - t0
            res["pandoc"] = {"seconds": round(pdt, 3), "failed": pfails, "docs_per_s": round(len(files) / pdt, 1),
                             "ms_per_doc": round(pdt * 1000 / len(files), 2),
                             "version": first_line(["pandoc", "--version"])}
            if fails * 10 < len(files):
                # pandoc converts one file per process; vanban reads a batch
                # in one: reading throughput on one core, process by process
                # beside it.
                res["speedup_vs_pandoc"] = round(pdt / best, 1)
                res["speedup_vs_pandoc_per_process"] = round(pdt / dt, 1)
                # Does vanban read all the text pandoc reads?
                res["words_vanban_over_pandoc"] = round(sum(words_vb) / max(1, sum(words_pd)), 3)
        else:
            self.note("pandoc not installed: DOCX comparison skipped (apt-get install pandoc)")
        self.f["docx_reading"] = res
        log("docx: vanban text %.1f ms/doc%s" % (res["vanban_text"]["ms_per_doc"], (
            ", pandoc %.1f ms/doc" % res["pandoc"]["ms_per_doc"]) if "pandoc" in res else ""))

    # -- other formats ---------------------------------------------------------
    def startup_cpu(self, cmd, runs=50):
        """CPU ms of one run of cmd (a command that does almost nothing, such as
        printing its version): what starting the program costs."""
        c0 = child_cpu()
        for _ in range(runs):
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return round((child_cpu() - c0) * 1000 / runs, 2)

    def read_compare(self, label, files, tool_cmd, tool_name, version_cmd=None):
        """`vanban text` over files, one process per file and one process for
        all (best of 3), beside tool_cmd(file) run per file: a dict of
        ms/doc, failures and word counts."""
        res = {"files": len(files), "mb": round(sum(os.path.getsize(f) for f in files) / 1e6, 2)}
        t0, c0, fails, words_vb = time.perf_counter(), child_cpu(), 0, 0
        for f in files:
            p = subprocess.run([self.vanban, "text", f], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            fails += p.returncode != 0
            words_vb += len(p.stdout.split())
        dt, cpu = time.perf_counter() - t0, child_cpu() - c0
        res["vanban_text"] = {"seconds": round(dt, 3), "failed": fails, "ms_per_doc": round(dt * 1000 / len(files), 2),
                              "cpu_ms_per_doc": round(cpu * 1000 / len(files), 2)}
        best = bcpu = None
        for _ in range(3):
            t0, c0 = time.perf_counter(), child_cpu()
            p = subprocess.run([self.vanban, "text"] + files, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            bt, bc = time.perf_counter() - t0, child_cpu() - c0
            best = bt if best is None or bt < best else best
            bcpu = bc if bcpu is None or bc < bcpu else bcpu
        res["vanban_text_batch"] = {"seconds": round(best, 3), "rc": p.returncode,
                                    "ms_per_doc": round(best * 1000 / len(files), 3),
                                    "cpu_ms_per_doc": round(bcpu * 1000 / len(files), 3),
                                    "how": "one `vanban text` process for all the files, best of 3"}
        if fails:
            self.note("%s: vanban text failed on %d of %d files" % (label, fails, len(files)))
        if not have(tool_name):
            self.note("%s not installed: %s comparison skipped" % (tool_name, label))
            return res
        t0, c0, tfails, words_tool = time.perf_counter(), child_cpu(), 0, 0
        for f in files:
            p = subprocess.run(tool_cmd(f), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            tfails += p.returncode != 0
            words_tool += len(p.stdout.split())
        tdt, tcpu = time.perf_counter() - t0, child_cpu() - c0
        res[tool_name] = {"seconds": round(tdt, 3), "failed": tfails, "ms_per_doc": round(tdt * 1000 / len(files), 2),
                          "cpu_ms_per_doc": round(tcpu * 1000 / len(files), 2),
                          "version": first_line(version_cmd) if version_cmd else None}
        if tfails:
            self.note("%s: %s failed on %d of %d files" % (label, tool_name, tfails, len(files)))
        # start-up alone, which the one-process-per-file figures include
        res["startup_cpu_ms"] = {"vanban --version": self.startup_cpu([self.vanban, "--version"]),
                                 tool_name: self.startup_cpu([tool_name, "-v" if tool_name == "pdftotext" else "-h"])}
        if fails * 10 < len(files):
            res["speedup_batch"] = round(tdt / best, 1)
            res["speedup_per_process"] = round(tdt / dt, 1)
            res["cpu_speedup_batch"] = round(tcpu / max(bcpu, 1e-6), 1)
            res["words_vanban_over_%s" % tool_name] = round(words_vb / max(1, words_tool), 3)
        log("%s: vanban text %.2f ms/doc in one process, %.1f per process; %s %.1f ms/doc" % (
            label, res["vanban_text_batch"]["ms_per_doc"], res["vanban_text"]["ms_per_doc"], tool_name,
            res[tool_name]["ms_per_doc"]))
        return res

    def make_pdfs(self):
        """PDFs with a text layer printed from the first PDF_SAMPLE .docx files
        of the corpus (tests/fixtures/make_pdf.py lays the DOCX out as XHTML,
        `mutool convert` prints it), cached in the corpus directory."""
        out = os.path.join(self.corpus, "pdf")
        done = os.path.join(out, "complete")
        docx = sorted(glob.glob(os.path.join(self.corpus, "docx", "*", "*.docx")))[:PDF_SAMPLE]
        names = [os.path.join(out, os.path.splitext(os.path.basename(d))[0] + ".pdf") for d in docx]
        if os.path.exists(done) and all(os.path.exists(n) for n in names):
            return names
        if not docx:
            return []
        sys.path.insert(0, os.path.join(ROOT, "tests", "fixtures"))
        import make_pdf  # noqa: E402  (docx_to_xhtml)
        log("printing %d .docx files to PDF with mutool" % len(docx))
        os.makedirs(out, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            for d, pdf in zip(docx, names):
                xhtml = os.path.join(tmp, "doc.xhtml")
                with open(xhtml, "w", encoding="utf-8") as fh:
                    fh.write(make_pdf.docx_to_xhtml(d))
                r = sh(["mutool", "convert", "-W", "595", "-H", "842", "-S", "13", "-o", pdf, xhtml],
                       capture_output=True)
                if r.returncode != 0:
                    raise BenchError("mutool convert failed on %s: %s" % (d, r.stderr.strip()[:200]))
        open(done, "w").close()
        return names

    def run_pdf(self):
        if not have("mutool"):
            self.note("mutool not installed: PDF reading and OCR skipped (apt-get install mupdf-tools)")
            return
        files = self.make_pdfs()
        if not files:
            return
        warm(*files)
        pages = 0
        for f in files:
            m = re.search(r"Pages:\s*(\d+)", sh(["mutool", "info", f], capture_output=True).stdout)
            pages += int(m.group(1)) if m else 0
        res = self.read_compare("PDF", files, lambda f: ["pdftotext", "-enc", "UTF-8", f, "-"], "pdftotext",
                                ["pdftotext", "-v"])
        res.update(pages=pages, how="%d .docx files of the corpus printed to PDF by `mutool convert`; "
                                    "pdftotext one process per file" % len(files))
        self.f["pdf_reading"] = res
        self.run_ocr(files)

    def run_ocr(self, pdfs):
        """Pages per minute of `vanban text --ocr always` on image-only pages
        (first pages of the sample PDFs drawn by `mutool draw`), beside the
        tesseract command on the same images."""
        out = os.path.join(self.corpus, "ocr")
        os.makedirs(out, exist_ok=True)
        imgs = []
        for i, pdf in enumerate(pdfs[:OCR_PAGES]):
            png = os.path.join(out, "page%d-%d.png" % (i, OCR_DPI))
            if not os.path.exists(png):
                r = sh(["mutool", "draw", "-q", "-r", str(OCR_DPI), "-c", "gray", "-o", png, pdf, "1"],
                       capture_output=True)
                if r.returncode != 0:
                    self.note("mutool draw failed on %s: OCR skipped" % os.path.basename(pdf))
                    return
            imgs.append(png)
        res = {"pages": len(imgs), "dpi": OCR_DPI, "how": "first page of %d sample PDFs drawn in grey at %d dpi "
                                                         "by `mutool draw`, one process per page" % (len(imgs), OCR_DPI)}
        t0, c0, fails, words_vb = time.perf_counter(), child_cpu(), 0, 0
        for png in imgs:
            p = subprocess.run([self.vanban, "text", "--ocr", "always", png], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
            fails += p.returncode != 0
            words_vb += len(p.stdout.split())
        dt = time.perf_counter() - t0
        res["vanban_text"] = {"seconds": round(dt, 2), "failed": fails, "pages_per_min": round(len(imgs) * 60 / dt, 1),
                              "cpu_seconds": round(child_cpu() - c0, 2)}
        if fails:
            self.note("vanban text --ocr always failed on %d of %d pages" % (fails, len(imgs)))
        if have("tesseract"):
            t0, c0, tfails, words_t = time.perf_counter(), child_cpu(), 0, 0
            for png in imgs:
                p = subprocess.run(["tesseract", png, "-", "-l", "vie"], stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL)
                tfails += p.returncode != 0
                words_t += len(p.stdout.split())
            tdt = time.perf_counter() - t0
            res["tesseract"] = {"seconds": round(tdt, 2), "failed": tfails,
                                "pages_per_min": round(len(imgs) * 60 / tdt, 1),
                                "cpu_seconds": round(child_cpu() - c0, 2),
                                "version": first_line(["tesseract", "--version"])}
            res["vanban_over_tesseract"] = round(tdt / dt, 2)
            res["words_vanban_over_tesseract"] = round(words_vb / max(1, words_t), 3)
        else:
            self.note("tesseract not installed: OCR comparison skipped (apt-get install tesseract-ocr)")
        self.f["ocr"] = res
        log("ocr: vanban %.1f pages/min%s" % (res["vanban_text"]["pages_per_min"], (
            ", tesseract %.1f pages/min" % res["tesseract"]["pages_per_min"]) if "tesseract" in res else ""))

    def run_doc(self):
        """Word 97-2003 files: the first .txt files of the corpus written as
        .doc in Unicode, TCVN3 and VNI by tests/fixtures/make_doc.py (cached),
        plus the .doc files of --real-doc DIR each repeated DOC_COPIES times."""
        out = os.path.join(self.corpus, "doc")
        done = os.path.join(out, "complete")
        seeds = sorted(glob.glob(os.path.join(self.corpus, "txt", "*", "*.txt")))[:DOC_SEEDS]
        files = [os.path.join(out, "%s.%s.doc" % (os.path.splitext(os.path.basename(t))[0], enc))
                 for t in seeds for enc in ("unicode", "tcvn3", "vni")]
        if not (os.path.exists(done) and all(os.path.exists(f) for f in files)):
            log("writing %d .txt files as .doc (3 encodings)" % len(seeds))
            r = sh([sys.executable, os.path.join(ROOT, "tests", "fixtures", "make_doc.py"), "seeds", out] + seeds,
                   capture_output=True)
            if r.returncode != 0:
                self.note(".doc files could not be written: .doc reading skipped (%s)" % r.stderr.strip()[-200:])
                return
            open(done, "w").close()
        real = sorted(glob.glob(os.path.join(self.a.real_doc, "*.doc"))) if self.a.real_doc else []
        if real:
            rdir = os.path.join(self.work, "realdoc")
            os.makedirs(rdir, exist_ok=True)
            for f in real:
                for k in range(DOC_COPIES):
                    link = os.path.join(rdir, "%d-%s" % (k, os.path.basename(f)))
                    shutil.copyfile(f, link)
                    files.append(link)
            self.note(".doc sample: %d real .doc files each read %d times (copies) beside %d written ones" % (
                len(real), DOC_COPIES, len(files) - len(real) * DOC_COPIES))
        warm(*files)
        res = self.read_compare(".doc", files, lambda f: ["antiword", "-m", "UTF-8.txt", f], "antiword")
        res.update(generated=len(files) - len(real) * DOC_COPIES, real=len(real), real_copies=DOC_COPIES if real else 0,
                   how="the first %d .txt files written as .doc (Unicode, TCVN3, VNI: antiword prints the 8-bit "
                       "encodings undecoded) %s; antiword one process per file" % (
                           len(seeds), "plus real .doc files repeated" if real else ""))
        self.f["doc_reading"] = res

    # -- web server ------------------------------------------------------------
