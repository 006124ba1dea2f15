"""bench/benchlib.py: what the parts of bench/run share: paths, sizes and
budgets of the run, the targets, running and timing commands, the machine,
the release build, the corpus, and the query set."""

import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time


HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import gen_corpus  # noqa: E402  (rel_path, is_docx, strip_marks, DOCS_PER_DIR)

BUILD = os.path.join(ROOT, "build-bench")
RESULTS = os.path.join(HERE, "results")
QUERIES = os.path.join(HERE, "queries.txt")
QUICK_DOCS = 2000
DEFAULT_DOCS = 100000
SEARCH_REPS = 3          # timed passes over the query set (after one warm-up)
INPROC_REPS = 5          # vb_search() calls per query in search_lat
DOCX_SAMPLE = 200        # .docx files read one by one by vanban text and pandoc
RG_BUDGET_S = 180        # wall time allowed for the ripgrep queries
OMINDEX_BUDGET_S = 300   # wall time allowed for omindex; above it, a subset
QUEST_BUDGET_S = 120
INGEST_BUDGET_S = 240    # an ingest of a whole share longer than this: 1-job runs use a subset
SUBSET_TARGET_S = 90     # ... sized to take about this long
QUERY_BUDGET_S = 300     # timed passes over the query set stop after this much time
PROFILE_DOCX_DIRS = 3    # --profile: .txt profile on the first directory, .docx on the first 3
PROFILE_QUERIES = 3      # --profile: the slowest searches profiled
PDF_SAMPLE = 100         # .docx files printed to PDF (cached in the corpus directory)
DOC_SEEDS = 33           # .txt files written as .doc in 3 encodings (cached in the corpus directory)
DOC_COPIES = 25          # copies of each --real-doc file read by vanban text and antiword
OCR_PAGES = 3            # image-only pages read by OCR
OCR_DPI = 300            # ... drawn at this resolution
HTTP_CLIENTS = (1, 4)    # concurrent clients of `vanban serve`
HTTP_REQUESTS = 600      # requests per client count (a bound; a time budget too)
HTTP_BUDGET_S = 60       # ... and at most this many seconds per client count
LARGEST_DOCS = 10        # the largest .txt files extracted for ms/MB
BIG_DOC_MB = 4           # a generated document of the largest files end to end, up to this size

# The goals the benchmark reports against (see bench/README.md).
TARGETS = {
    "ingest_vs_fts5": 0.5,        # whole pipeline >= 50% of bare FTS5 load speed
    "ingest_100k_s": 120,         # 100k documents ingested in < 2 min
    "search_p99_ms": 20,          # search p99 < 20 ms at 100k documents
    "rg_speedup": 100,            # >= 100x faster than ripgrep
    "docx_vs_pandoc": 50,         # DOCX reading >= 50x pandoc
    "peak_rss_mb": 200,           # peak RSS < 200 MB
    "pdf_vs_pdftotext": 5,        # PDF text >= 5x pdftotext per file (vanban in a batch)
    "http_p99_ms": 10,            # HTTP p99 < 10 ms with 4 clients
}


class BenchError(Exception):
    """A measurement that cannot go on (vanban failed where it must work)."""


def log(msg):
    sys.stderr.write("[bench] %s\n" % msg)
    sys.stderr.flush()


def sh(cmd, **kw):
    """Run a command, return CompletedProcess (text mode)."""
    return subprocess.run(cmd, text=True, **kw)


def have(tool):
    return shutil.which(tool) is not None


def first_line(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return None


def pct(values, p):
    """The p-th percentile (nearest rank) of values, or None."""
    if not values:
        return None
    v = sorted(values)
    k = max(0, min(len(v) - 1, int(round(p / 100.0 * len(v) + 0.5)) - 1))
    return v[k]


def summary_ms(samples):
    if not samples:
        return None
    return {"n": len(samples), "p50": round(pct(samples, 50), 3), "p95": round(pct(samples, 95), 3),
            "p99": round(pct(samples, 99), 3), "max": round(max(samples), 3)}


def server_timing(value):
    """{"app": ms, "cpu": ms, ..., "cache": "hit"} from a Server-Timing header
    ("app;dur=1.2, cpu;dur=1.1, cache;desc=hit")."""
    out = {}
    for m in re.finditer(r"([\w-]+);dur=([0-9.]+)", value or ""):
        out[m.group(1)] = float(m.group(2))
    m = re.search(r"cache;desc=(\w+)", value or "")
    if m:
        out["cache"] = m.group(1)  # hit, miss or skip: the server's answer cache
    return out


def server_summary(samples):
    """What the server says of samples (class, client ms, app ms, cpu ms):
    its wall and CPU time (p50/p95/p99) and its share of the time the
    clients saw (sum of app / sum of client ms)."""
    timed = [s for s in samples if s[2] is not None]
    if not timed:
        return None
    return {"app_ms": summary_ms([s[2] for s in timed]),
            "cpu_ms": summary_ms([s[3] for s in timed if s[3] is not None]),
            "share": round(sum(s[2] for s in timed) / (sum(s[1] for s in timed) or 1), 3)}


def times(x):
    """A speed ratio as words: 'N x faster' or 'N x slower'."""
    if x is None:
        return ""
    if x >= 1:
        return ("%.0f x faster" if x >= 10 else "%.1f x faster") % x
    return ("%.0f x slower" if x <= 0.1 else "%.1f x slower") % (1.0 / x)


def rm_db(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def db_size(path):
    return sum(os.path.getsize(path + s) for s in ("", "-wal") if os.path.exists(path + s))


def db_breakdown(path):
    """Bytes of each table and each index of an SQLite file, largest first
    (an index as "index NAME on TABLE", a primary key of its own as
    "primary key of TABLE"), an FTS5 table with its shadow tables counted
    together; from dbstat."""
    sql = ("SELECT d.name, s.type, s.tbl_name, SUM(d.pgsize) FROM dbstat d "
           "LEFT JOIN sqlite_schema s ON s.name = d.name GROUP BY 1")
    r = sh(["sqlite3", "-readonly", "-separator", "\t", path, sql], capture_output=True)
    if r.returncode != 0:
        return None
    out = {}
    for line in r.stdout.splitlines():
        name, kind, table, size = (line.split("\t") + ["", "", "", ""])[:4]
        if "_fts_" in name:
            name = re.sub(r"_(data|idx|docsize|config|content)$", "", name)
        elif kind == "index" and name.startswith("sqlite_autoindex_"):
            name = "primary key of %s" % table
        elif kind == "index":
            name = "index %s on %s" % (name, table)
        out[name] = out.get(name, 0) + int(size or 0)
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def dir_size(path):
    total = 0
    for d, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(d, f)) for f in files)
    return total


# ---------------------------------------------------------------------------
# Timing


def timed(cmd, stdout=subprocess.DEVNULL, output_path=None, stdin=None, cwd=None):
    """Run cmd under /usr/bin/time: wall seconds (perf_counter), peak RSS, rc.
    With output_path, stdout and stderr both go to that file."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        full = ["/usr/bin/time", "-f", "%e %M", "-o", tf.name] + cmd
        err = open(output_path, "w") if output_path else subprocess.DEVNULL
        try:
            t0 = time.perf_counter()
            p = subprocess.run(full, stdout=err if output_path else stdout, stderr=err, stdin=stdin, cwd=cwd)
            dt = time.perf_counter() - t0
        finally:
            if output_path:
                err.close()
        parts = tf.read().split()
        rss = int(parts[-1]) if parts and parts[-1].isdigit() else None
    return {"seconds": round(dt, 3), "rss_mb": round(rss / 1024.0, 1) if rss else None,
            "rc": p.returncode, "stdout": p.stdout if stdout == subprocess.PIPE else None}


def child_cpu():
    """CPU seconds (user + system) of the waited-for children so far: on a
    loaded machine a steadier figure than wall time."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def wall(cmd, stdin=None):
    """Wall milliseconds of one process, its exit status and stdout."""
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=stdin)
    return (time.perf_counter() - t0) * 1000.0, p.returncode, p.stdout, p.stderr


# ---------------------------------------------------------------------------
# Setup


def machine_info():
    info = {"nproc": os.cpu_count(), "platform": platform.platform()}
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"model name\s*:\s*(.*)", f.read())
            info["cpu"] = m.group(1).strip() if m else None
        with open("/proc/meminfo") as f:
            m = re.search(r"MemTotal:\s*(\d+)", f.read())
            info["mem_gb"] = round(int(m.group(1)) / 1048576.0, 1) if m else None
    except OSError:
        pass
    info["python"] = platform.python_version()
    git = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    info["commit"] = git.stdout.strip() or None
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True)
    info["tree_modified"] = bool(dirty.stdout.strip())
    return info


def build(info):
    log("building release binary in build-bench/")
    r = sh(["cmake", "-S", ROOT, "-B", BUILD, "-DCMAKE_BUILD_TYPE=Release", "-DBUILD_TESTING=OFF"],
           capture_output=True)
    if r.returncode != 0:
        sys.exit("bench: cmake configure failed:\n" + r.stdout[-2000:] + r.stderr[-2000:])
    r = sh(["cmake", "--build", BUILD, "-j", str(os.cpu_count() or 2)], capture_output=True)
    if r.returncode != 0:
        sys.exit("bench: build failed:\n" + r.stdout[-3000:] + r.stderr[-2000:])
    vanban = os.path.join(BUILD, "vanban")
    info["vanban"] = first_line([vanban, "--version"])
    flags = ["-std=c11", "-O2", "-Wall", "-Wextra", "-Wshadow", "-Wstrict-prototypes", "-Wmissing-prototypes",
             "-Wundef", "-Wpointer-arith", "-Wformat=2"]  # the project's warning set
    pc = lambda *a: sh(["pkg-config"] + list(a), capture_output=True).stdout.split()  # noqa: E731
    helpers = {}
    out = os.path.join(BUILD, "fts5_baseline")
    r = sh(["cc"] + flags + ["-o", out, os.path.join(HERE, "fts5_baseline.c")]
           + pc("--cflags", "--libs", "sqlite3"), capture_output=True)
    helpers["fts5_baseline"] = out if r.returncode == 0 else None
    if r.returncode:
        log("fts5_baseline did not build: " + r.stderr.strip()[:500])
    out = os.path.join(BUILD, "search_lat")
    r = sh(["cmake", "--build", BUILD, "--target", "search_lat"], capture_output=True)
    helpers["search_lat"] = out if r.returncode == 0 else None
    if r.returncode:
        log("search_lat did not build (in-process latency skipped): " + (r.stdout + r.stderr).strip()[-500:])
    info["sqlite"] = first_line(["sqlite3", "--version"])
    return vanban, helpers


def ensure_corpus(n, seed):
    out = os.path.join(HERE, "corpus", "%d-%d" % (n, seed))
    manifest = os.path.join(out, "manifest.json")
    if gen_corpus.is_complete(out):
        log("reusing corpus %s" % os.path.relpath(out, ROOT))
    else:
        log("generating %d documents into %s" % (n, os.path.relpath(out, ROOT)))
        r = sh([sys.executable, os.path.join(HERE, "gen_corpus.py"), "--docs", str(n), "--seed", str(seed),
                "--out", out, "--force"])
        if r.returncode != 0:
            sys.exit("bench: corpus generation failed")
    with open(manifest) as f:
        return out, json.load(f)


def warm(*paths):
    """Read every file under paths (files or directories) once, so that the
    next tool starts from the page cache: (bytes, seconds)."""
    t0 = time.perf_counter()
    total = 0
    names = []
    for p in paths:
        if os.path.isfile(p):
            names.append(p)
        for d, _, files in os.walk(p):
            names += [os.path.join(d, name) for name in files]
    for name in names:
        if os.path.exists(name):
            with open(name, "rb") as f:
                while True:
                    b = f.read(1 << 20)
                    if not b:
                        break
                    total += len(b)
    return total, time.perf_counter() - t0


# ---------------------------------------------------------------------------
# Queries


SECTION_CLASSES = [("Words", "word"), ("Prefixes", "ops"), ("Without", "unmarked"), ("Phrases", "phrase"),
                   ("Filters", "filter"), ("Questions", "ask"), ("Paragraphs", "similar"), ("Text", "similar"),
                   ("Reports", "reports"), ("Deadlines", "deadlines"), ("Paragraph search", "paragraphs")]
# Commands of the lines "CMD: ..." (anything else is a search).
LINE_COMMANDS = ("ask", "similar", "reports", "deadlines", "paragraphs")
FILTER_RE = re.compile(r"^\[([^\]]*)\]\s*(.*)$")


def load_queries(path):
    """[{cls, cmd: search|LINE_COMMANDS, text, filters}] from bench/queries.txt."""
    out, cls = [], "word"
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                for key, c in SECTION_CLASSES:
                    if line[1:].strip().startswith(key):
                        cls = c
                continue
            if not line.strip():
                continue
            q = {"cls": cls, "cmd": "search", "text": line, "filters": {}}
            for cmd in LINE_COMMANDS:
                if line.startswith(cmd + ":"):
                    q.update(cmd=cmd, cls=cmd, text=line[len(cmd) + 1:].strip())
            m = FILTER_RE.match(line)
            if q["cmd"] == "search" and m:
                q["text"] = m.group(2)
                for kv in m.group(1).split(";"):
                    if "=" in kv:
                        k, v = kv.split("=", 1)
                        q["filters"][k.strip()] = v.strip()
            out.append(q)
    return out


def search_cmd(vanban, db, q):
    cmd = [vanban, "search", "--db", db, "--limit", "10", "--color", "never"]
    for k, v in sorted(q["filters"].items()):
        cmd += ["--" + k, v]
    return cmd + [q["text"]]


def similar_args(q, corpus_dir, n, seed, share):
    """Arguments of `vanban similar` for a query line: "#i:L" is line L of
    document i of the corpus (i modulo its size), anything else --text."""
    m = re.match(r"#(\d+)(?::(\d+))?$", q["text"])
    if not m:
        return ["--text", q["text"]]
    i = int(m.group(1)) % n
    path = os.path.join(corpus_dir, gen_corpus.rel_path(i, gen_corpus.is_docx(seed, i, share)))
    return [path + (":" + m.group(2) if m.group(2) else "")]


# Tone-mark classes for searching unmarked words with ripgrep: what a user of
# grep has to write to find every marked spelling.
VOWELS = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ", "e": "eèéẻẽẹêềếểễệ", "i": "iìíỉĩị", "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự", "y": "yỳýỷỹỵ", "d": "dđ",
}


def rg_pattern(q):
    """(pattern, fixed) for ripgrep, or None when grep cannot say it."""
    t = q["text"]
    if q["cls"] in ("ops", "filter") + LINE_COMMANDS or t.count('"') > 2:
        return None
    if t.count('"') == 2 and not (t.startswith('"') and t.endswith('"')):
        return None  # a phrase plus words: not one grep
    t = t.strip('"')
    if q["cls"] == "unmarked":
        return "".join("[%s]" % VOWELS[c] if c in VOWELS else re.escape(c) for c in t.lower()), False
    return t, True
