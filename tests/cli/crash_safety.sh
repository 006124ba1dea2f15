# Crash safety: `vanban ingest` killed with SIGKILL at fixed points of a
# 2000-document ingest (test hooks in index/pipeline.c, the I/O fault shim
# for the creation of the index) leaves an index that passes every check
# (SQLite and FTS5 integrity, documents/texts/full-text rows agree, every
# document findable and equal to its file) and holds exactly the batches
# committed before the kill; running the ingest again finishes the work.
# SIGINT stops cleanly (exit 130).  No sleep decides what is tested.
. "$SRC/tests/cli/lib.bash"
. "$SRC/tests/cli/reliability.bash"
make_docs 2000 docs
batch=50

# ingest_killed DB VAR=VALUE...: an ingest with the hook variables set,
# reaped (bash's notice of the kill silenced); its exit status in $code.
ingest_killed() {
  local db=$1
  shift
  env "$@" "$VANBAN" ingest -q --batch $batch --db "$db" docs 2>>ingest.err &
  { wait $!; } 2>/dev/null
  code=$?
}

# Each run stores new documents only: after batches 1, then 13, then 16
# more, the index holds 50, 700 and 1500 documents.
for k in 1 13 16; do
  ingest_killed crash.db VB_TEST_KILL_AFTER_BATCH=$k
  echo "killed after $k more batches: exit $code, documents: $(doc_count crash.db)"
  index_check crash.db --sources | sed 's/: [0-9]* documents$//'
done
ingest_killed crash.db VB_TEST_KILL_AFTER_DOC=75
echo "killed in a batch (1 batch and 25 documents of the next stored):" \
     "exit $code, documents: $(doc_count crash.db)"
index_check crash.db --sources | sed 's/: [0-9]* documents$//'
echo "-- run again"
vanban ingest --batch $batch --db crash.db docs | python3 -c '
import re, sys
a, u, same, f = map(int, re.findall(r"\d+", sys.stdin.read())[:4])
print("added %d, unchanged %d, updated %d, failed %d" % (a, same, u, f))'
index_check crash.db --sources

echo "-- killed while replacing every document"
for f in docs/*.txt; do echo 'Dòng thêm vào' >>"$f"; done
ingest_killed crash.db VB_TEST_KILL_AFTER_BATCH=2
echo "killed after 2 batches: exit $code"
echo "documents: $(doc_count crash.db)"
echo "replaced: $(sqlite3 crash.db "SELECT count(*) FROM texts WHERE body LIKE '%Dòng thêm vào%'")"
index_check crash.db | sed 's/: [0-9]* documents$//'
ingest_killed crash.db VB_TEST_KILL_AFTER_DOC=130
echo "killed at the 130th replacement (2 more batches kept): exit $code"
echo "replaced: $(sqlite3 crash.db "SELECT count(*) FROM texts WHERE body LIKE '%Dòng thêm vào%'")"
index_check crash.db | sed 's/: [0-9]* documents$//'
vanban ingest -q --db crash.db docs; echo "run again: exit $?"
index_check crash.db --sources

echo "-- killed while the index is being created"
# at the 1st and 3rd write to the new index's files, and once it is
# created but holds nothing
for nth in 1 3; do
  rm -f fresh.db*
  VB_FAULT_PATH=fresh.db VB_FAULT_OP=write VB_FAULT_NTH=$nth VB_FAULT_ERRNO=KILL \
    with_faults "$VANBAN" ingest -q --db fresh.db docs 2>>ingest.err &
  { wait $!; } 2>/dev/null
  echo "killed at write $nth: exit $?"
  vanban ingest -q --db fresh.db docs; echo "run again: exit $?"
  index_check fresh.db --sources
done
rm -f fresh.db*
ingest_killed fresh.db VB_TEST_KILL_AFTER_BATCH=0
echo "killed before the first document: exit $code, documents: $(doc_count fresh.db)"
vanban ingest -q --db fresh.db docs; echo "run again: exit $?"
index_check fresh.db --sources

echo "-- SIGINT"
: >ingest.err
rm -f pause
VB_TEST_PAUSE_AFTER_BATCH=2 VB_TEST_PAUSE_FILE=pause \
  "$VANBAN" ingest -q --batch $batch --db int.db docs 2>>ingest.err &
pid=$!
wait_file pause $pid || echo "the ingest did not pause"
kill -INT $pid
rm -f pause
{ wait $pid; } 2>/dev/null
echo "interrupted after 2 batches: exit $?"
cat ingest.err
n=$(doc_count int.db)
echo "stopped early: $([ "$n" -ge 100 ] && [ "$n" -lt 2000 ] && echo yes || echo "no ($n documents)")"
index_check int.db --sources | sed 's/: [0-9]* documents$//'
vanban ingest -q --db int.db docs; echo "run again: exit $?"
index_check int.db --sources
