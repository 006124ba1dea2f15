# Helpers for the reliability tests (bad_inputs.sh, crash_safety.sh,
# concurrency.sh, io_faults.sh); sourced after lib.bash.  The tools they use
# are built into <build>/tests/fault/ (see tests/fault/CMakeLists.txt).
fault_tools=$(dirname "$VANBAN")/tests/fault
# index_check DB [--sources]: consistency of an index (tests/fault/index_check.c).
index_check() { "$fault_tools/index_check" "$@"; }
# with_faults CMD...: run CMD with the I/O fault shim preloaded; configure it
# with VB_FAULT_* variables (tests/fault/inject_io.c).  The sanitizer
# runtime accepts not being first in the library list.
with_faults() {
  LD_PRELOAD="$fault_tools/vb_inject_io.so" \
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" "$@"
}
# make_docs N DIR: N small documents (the head of a corpus plan with a
# unique first word, mãsốNNNN, and a number of its own) in DIR.
make_docs() {
  mkdir -p "$2"
  python3 - "$1" "$2" "$SRC"/corpus/seeds/*.txt <<'PY'
import sys
n, out, seeds = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
heads = []
for p in seeds:
    s = open(p, encoding='utf-8').read()
    heads.append(s[:s.rfind('\n', 0, 1200) + 1])
for i in range(n):
    with open('%s/d%04d.txt' % (out, i), 'w', encoding='utf-8') as f:
        # a number of its own ("Số: 1234/KH-UBND" first): a document of
        # its own, not one more file of the plan whose head it copies
        head = heads[i % len(heads)].replace('Số:', 'Ngày:', 1)
        f.write('mãsố%04d\nSố: %d/KH-UBND\n' % (i, 1000 + i) + head)
PY
}
# doc_count DB: documents stored (0 while there is no index yet).
doc_count() {
  sqlite3 "$1" 'SELECT count(*) FROM documents' 2>/dev/null || echo 0
}
# wait_file PATH PID: wait until PATH exists (an ingest paused at a test
# hook, see index/pipeline.c) or PID ended; 1 if PID ended first.  A hang
# guard of 10 minutes, never a measure of time.
wait_file() {
  local i=0
  while [ ! -e "$1" ]; do
    kill -0 "$2" 2>/dev/null || [ -e "$1" ] || return 1
    i=$((i + 1))
    [ $i -lt 60000 ] || return 1
    sleep 0.01
  done
}
# peak_kb FILE CMD...: run CMD (its output passes through; a hang guard of
# 10 minutes, exit 124 then), then write to FILE the peak resident memory
# in KB of CMD and its children, as getrusage counts it.  CMD's exit status.
peak_kb() {
  local out=$1
  shift
  python3 -c '
import resource, subprocess, sys
try:
    rc = subprocess.run(sys.argv[2:], timeout=600).returncode
except subprocess.TimeoutExpired:
    rc = 124
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write("%d\n" % usage.ru_maxrss)
sys.exit(rc if rc >= 0 else 128 - rc)' "$out" "$@"
}
