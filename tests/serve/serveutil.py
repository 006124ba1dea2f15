"""serveutil.py: what the web server's tests share — a scratch copy of the
sample corpus ingested into a fresh index, a `vanban serve` started on a
free port (--port 0, the chosen port read from its first lines) and stopped
with Ctrl-C, and a small HTTP client that never follows redirects."""
import http.client
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.parse

TIMEOUT = 60  # seconds: generous, never a measurement


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


class Scratch:
    """A scratch directory holding corpus/ (copied) and vanban.db."""

    def __init__(self, vanban, src):
        self.vanban = os.path.abspath(vanban)
        self.dir = tempfile.mkdtemp(prefix="vb-serve-")
        shutil.copytree(os.path.join(src, "corpus"), os.path.join(self.dir, "corpus"))
        self.db = os.path.join(self.dir, "vanban.db")

    def run(self, *args, check_rc=True):
        p = subprocess.run([self.vanban] + list(args), cwd=self.dir, capture_output=True,
                           text=True, timeout=TIMEOUT * 5)
        if check_rc and p.returncode != 0:
            fail("vanban %s exited %d: %s" % (" ".join(args), p.returncode, p.stderr))
        return p

    def ingest(self, *paths):
        return self.run("ingest", "--db", self.db, *paths)

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


class Server:
    """`vanban serve` on a free port of 127.0.0.1, run from the scratch
    directory (where the stored relative paths resolve)."""

    def __init__(self, scratch, *extra):
        self.proc = subprocess.Popen(
            [scratch.vanban, "serve", "--db", scratch.db, "--port", "0"] + list(extra),
            cwd=scratch.dir, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.banner = []
        self.port = None
        for _ in range(4):
            line = self.proc.stdout.readline()
            if not line:
                break
            self.banner.append(line)
            if line.startswith("listening on http://127.0.0.1:"):
                self.port = int(line.rsplit(":", 1)[1].strip().rstrip("/"))
                self.banner.append(self.proc.stdout.readline())  # where it listens
                break
        if self.port is None:
            self.proc.kill()
            fail("the server did not say where it listens: %r %r" %
                 (self.banner, self.proc.stderr.read()))

    def request(self, path, method="GET", body=None, headers=None):
        """(status, headers dict with lower-case names, body bytes)."""
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        hdrs = {k.lower(): v for k, v in r.getheaders()}
        c.close()
        return r.status, hdrs, data

    def get(self, path, **params):
        if params:
            path += "?" + urllib.parse.urlencode(params)
        return self.request(path)

    def stop(self):
        """Ctrl-C; the server must stop cleanly (exit status 0).  Returns
        what it wrote on stderr."""
        self.proc.send_signal(signal.SIGINT)
        try:
            rc = self.proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            fail("the server did not stop on SIGINT")
        err = self.proc.stderr.read()
        check(rc == 0, "the server exited %d on SIGINT: %s" % (rc, err))
        check("stopped" in err, "no 'stopped' message: %r" % err)
        self.proc.stdout.close()
        self.proc.stderr.close()
        return err
