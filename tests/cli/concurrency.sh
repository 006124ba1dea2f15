# Concurrent use: at fixed pauses of an ingest a search returns exactly the
# committed documents, and never fewer than at the pause before; a search
# beside an open transaction sees only committed batches; searches and
# dumps running beside the ingest never fail; two ingests into one index at once either both finish or one is
# refused with exit 3 and a clear message, and the index stays consistent.
. "$SRC/tests/cli/lib.bash"
. "$SRC/tests/cli/reliability.bash"
make_docs 1000 docs

# committed DB: the sources the index holds, sorted (sqlite3 reads only
# what is committed).
committed() { sqlite3 "$1" 'SELECT source FROM documents' 2>/dev/null | sort; }
# found DB: the sources a search for words every document holds returns,
# sorted.
found() {
  "$VANBAN" search --db "$1" --limit 5000 --format csv 'kế hoạch' |
    column source | sort
}

echo "-- searches while an ingest is paused after every 5th batch"
# The ingest waits at each pause (test hook, index/pipeline.c) until the
# pause file is gone: what a search returns there is fixed.  Meanwhile a
# loop of searches and dumps runs against the writer the whole time; it
# may land anywhere, so only what holds everywhere is asserted of it (no
# failure, counts never go down).
# search_loop: searches and dumps until the file "stop" appears.
search_loop() {
  set -o pipefail
  while [ ! -e stop ]; do
    n=$("$VANBAN" search --db c.db --limit 5000 --format csv 'kế hoạch' \
      2>>loop.err | column source | wc -l) || echo fail >>loop.fail
    echo "$n" >>loop.counts
    "$VANBAN" dump --db c.db --table documents --format csv >/dev/null \
      2>>loop.err || echo fail >>loop.fail
  done
}
rm -f pause stop
: >loop.counts
VB_TEST_PAUSE_AFTER_BATCH=5 VB_TEST_PAUSE_FILE=pause \
  "$VANBAN" ingest -q --batch 50 --db c.db docs 2>ingest.err &
pid=$!
prev=0 loop=
while wait_file pause $pid; do
  # the loop starts at the first pause, once the index has documents
  [ -n "$loop" ] || { search_loop & loop=$!; }
  committed c.db >committed.txt
  found c.db >found.txt
  n=$(wc -l <found.txt)
  echo "paused: $(wc -l <committed.txt) committed, $n found," \
    "every one committed: $(comm -13 committed.txt found.txt | grep -q . &&
      echo no || echo yes), every committed one found: $(cmp -s committed.txt \
      found.txt && echo yes || echo no), not fewer than before:" \
    "$([ "$n" -ge "$prev" ] && echo yes || echo no)"
  prev=$n
  rm -f pause
done
wait $pid; echo "ingest: exit $?"
touch stop
[ -n "$loop" ] && wait $loop
cat ingest.err loop.err
echo "searches and dumps that failed beside the ingest: $(cat loop.fail 2>/dev/null | wc -l)"
echo "their counts never went down: $(python3 -c '
import sys
c = [int(x) for x in open(sys.argv[1]).read().split()]
print("yes" if all(a <= b for a, b in zip(c, c[1:])) else "no: %s" % c)' loop.counts)"
index_check c.db --sources

echo "-- a search while a batch is open"
# the ingest pauses with 1 batch committed and 25 documents of the next
# stored in its open transaction: a search sees the committed batch only
VB_TEST_PAUSE_AFTER_DOC=75 VB_TEST_PAUSE_FILE=pause \
  "$VANBAN" ingest -q --batch 50 --db open.db docs 2>ingest.err &
pid=$!
wait_file pause $pid || echo "the ingest did not pause"
echo "found: $(found open.db | wc -l), committed: $(committed open.db | wc -l)"
rm -f pause
wait $pid; echo "ingest: exit $?"
cat ingest.err
echo "found after it: $(found open.db | wc -l)"

# outcome CODE ERRFILE: an ingest that ran beside another must have
# finished (exit 0, nothing on stderr) or been refused as locked (exit 3,
# saying so); prints nothing then, else what happened.
outcome() {
  if [ "$1" = 0 ] && [ ! -s "$2" ]; then return; fi
  if [ "$1" = 3 ] && grep -q 'locked by another vanban process' "$2"; then return; fi
  echo "exit $1: $(cat "$2")"
}
# two DIR_A DIR_B DB: run two ingests at once; then both again, alone.
two() {
  "$VANBAN" ingest -q --batch 50 --db "$3" "$1" 2>a.err & a=$!
  "$VANBAN" ingest -q --batch 50 --db "$3" "$2" 2>b.err & b=$!
  wait $a; ca=$?
  wait $b; cb=$?
  bad=$(outcome $ca a.err; outcome $cb b.err)
  echo "each finished or was refused as locked: ${bad:-yes}"
  index_check "$3" | sed 's/: [0-9]* documents$//'
  vanban ingest -q --db "$3" "$1" "$2"; echo "both again: exit $?"
  index_check "$3" --sources
}
mkdir half1 half2
mv docs/d0[0-4]*.txt half1/
mv docs/d0*.txt half2/
echo "-- two ingests of different files into a new index"
two half1 half2 two.db
echo "-- two ingests of the same files into a new index"
two half1 half1 same.db
