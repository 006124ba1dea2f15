# Concurrent use: searches (and dumps) run while an ingest writes and none
# fails; two ingests into one index at once either both finish or one is
# refused with exit 3 and a clear message, and the index stays consistent.
. "$SRC/tests/cli/lib.bash"
. "$SRC/tests/cli/reliability.bash"
make_docs 1000 docs

echo "-- searches during an ingest"
"$VANBAN" ingest -q --batch 50 --db c.db docs 2>ingest.err &
pid=$!
wait_count c.db 50 $pid
runs=0 failed=0
while kill -0 $pid 2>/dev/null; do
  "$VANBAN" search --db c.db --limit 3 'bình đẳng giới' >/dev/null 2>>search.err || failed=$((failed + 1))
  "$VANBAN" dump --db c.db --table documents --format csv >/dev/null 2>>search.err || failed=$((failed + 1))
  runs=$((runs + 2))
done
wait $pid; echo "ingest: exit $?"
cat ingest.err search.err
echo "searches and dumps failed: $failed"
echo "at least 4 ran during the ingest: $([ $runs -ge 4 ] && echo yes || echo "no ($runs)")"
index_check c.db --sources

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
