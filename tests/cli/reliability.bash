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
# unique first word, mãsốNNNN) in DIR.
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
        f.write('mãsố%04d\n' % i + heads[i % len(heads)])
PY
}
# doc_count DB: documents stored (0 while there is no index yet).
doc_count() {
  sqlite3 "$1" 'SELECT count(*) FROM documents' 2>/dev/null || echo 0
}
# wait_count DB K PID: wait until DB holds at least K documents or PID ended.
wait_count() {
  while kill -0 "$3" 2>/dev/null && [ "$(doc_count "$1")" -lt "$2" ]; do
    sleep 0.01
  done
}
