# Crash safety: `vanban ingest` killed with SIGKILL at several points of a
# 2000-document ingest leaves an index that passes every check (SQLite and
# FTS5 integrity, documents/texts/full-text rows agree, every document
# findable and equal to its file) and holds whole batches only; running the
# ingest again finishes the work.  SIGINT stops cleanly (exit 130).
. "$SRC/tests/cli/lib.bash"
. "$SRC/tests/cli/reliability.bash"
make_docs 2000 docs
batch=50

# start_ingest DB: an ingest in the background (the binary itself, so that
# signals reach it); its pid in $pid.
start_ingest() {
  "$VANBAN" ingest -q --batch $batch --db "$1" docs 2>>ingest.err &
  pid=$!
}
# stop PID SIGNAL: send the signal and reap the process (bash's notice of
# the kill silenced); its exit status in $code.
stop() {
  kill -"$2" "$1" 2>/dev/null
  { wait "$1"; } 2>/dev/null
  code=$?
}
# whole_batches DB: 'yes' if the index holds a multiple of the batch size.
whole_batches() {
  local n
  n=$(doc_count "$1")
  [ $((n % batch)) = 0 ] && echo yes || echo "no ($n documents)"
}

for k in 1 700 1500; do
  start_ingest crash.db
  wait_count crash.db $k $pid
  stop $pid KILL
  echo "killed with at least $k documents in: exit $code"
  echo "whole batches: $(whole_batches crash.db)"
  index_check crash.db --sources | sed 's/: [0-9]* documents$//'
done
echo "-- run again"
vanban ingest --batch $batch --db crash.db docs | python3 -c '
import re, sys
a, u, same, f = map(int, re.findall(r"\d+", sys.stdin.read())[:4])
print("added + unchanged = %d, updated %d, failed %d" % (a + same, u, f))'
index_check crash.db --sources

echo "-- killed while replacing every document"
for f in docs/*.txt; do echo 'Dòng thêm vào' >>"$f"; done
start_ingest crash.db
while kill -0 $pid 2>/dev/null && [ "$(sqlite3 crash.db "SELECT count(*) FROM texts
    WHERE body LIKE '%Dòng thêm vào%'" 2>/dev/null || echo 0)" -lt 100 ]; do
  sleep 0.01
done
stop $pid KILL
echo "killed: exit $code"
echo "documents: $(doc_count crash.db)"
index_check crash.db | sed 's/: [0-9]* documents$//'
vanban ingest -q --db crash.db docs; echo "run again: exit $?"
index_check crash.db --sources

echo "-- killed at once (the index is being created)"
start_ingest fresh.db
sleep 0.02
stop $pid KILL
echo "killed: exit $code"
vanban ingest -q --db fresh.db docs; echo "run again: exit $?"
index_check fresh.db --sources

echo "-- SIGINT"
: >ingest.err
start_ingest int.db
wait_count int.db 100 $pid
stop $pid INT
echo "interrupted: exit $code"
cat ingest.err
n=$(doc_count int.db)
echo "stopped early: $([ "$n" -lt 2000 ] && echo yes || echo "no ($n documents)")"
index_check int.db --sources | sed 's/: [0-9]* documents$//'
vanban ingest -q --db int.db docs; echo "run again: exit $?"
index_check int.db --sources
