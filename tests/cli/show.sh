# `vanban show` of two seed plans, as text (the Sơn La plan, each value
# beside its evidence line) and as JSON (the Bắc Kạn plan, found by its
# number); and `similar` in JSON, for what it prints today (documents in
# order, best first, never the query's own).  The expected output was read
# against the documents (tests/expected/REVIEW.md).
. "$SRC/tests/cli/lib.bash"
cp -r "$SRC/corpus/seeds" seeds
vanban ingest -q --db s.db seeds
echo "-- show (text)"
vanban show --db s.db 003_b47a16b2df1a96b4.txt; echo "exit $?"
echo "-- show (json)"
vanban show --db s.db 622/KH-UBND --format json; echo "exit $?"
echo "-- show: no such document"
vanban show --db s.db 999/KH-UBND; echo "exit $?"
echo "-- similar (json): a paragraph of seed 000 by FILE:LINE"
vanban similar --db s.db --limit 3 --format json seeds/000_296edb8d0f8b8cf7.txt:9 |
  python3 -c '
import json, sys
for r in json.load(sys.stdin):
    print(r["source"], "|", r["doc_type"], "|", r["issuer"], "|", "score < 0:", r["score"] < 0)'
echo "-- similar (json): a duty typed without tone marks"
vanban similar --db s.db --limit 3 --format json --text "bao cao ket qua thuc hien gui ve So Lao dong" |
  python3 -c '
import json, sys
for r in json.load(sys.stdin):
    print(r["source"], "|", r["doc_type"], "|", r["issuer"])'
