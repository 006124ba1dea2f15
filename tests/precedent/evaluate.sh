#!/usr/bin/env bash
# The precedent-search evaluation in one command: builds the collection
# index, checks the judgements against it, runs vanban search --paragraphs,
# vanban similar --text and the bare FTS5 baseline on the queries, and
# prints nDCG@10, P@5 and Recall@20 per query group (README.md).
#
#   tests/precedent/evaluate.sh [--only ID,...] [--json] VANBAN OUTDIR [SHARED]
#
# OUTDIR receives the collection (docs/, collection.db) and the run files
# (search.tsv, similar.tsv, fts5.tsv); SHARED defaults to the folder
# "shared" beside the repository root.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
only=()
json=()
while [ $# -gt 0 ]; do
  case $1 in
    --only) only=(--only "$2"); shift 2 ;;
    --json) json=(--json); shift ;;
    *) break ;;
  esac
done
[ $# -ge 2 ] || { echo "usage: evaluate.sh [--only ID,...] [--json] VANBAN OUTDIR [SHARED]" >&2; exit 2; }
vanban=$1
out=$2
bash "$here/build_collection.sh" "$vanban" "$out" ${3:+"$3"}
python3 "$here/check_qrels.py" --db "$out/collection.db" >&2
python3 "$here/run_vanban.py" --vanban "$vanban" --db "$out/collection.db" \
  --outdir "$out" "${only[@]}"
python3 "$here/run_fts5.py" --db "$out/collection.db" --out "$out/fts5.tsv" "${only[@]}"
python3 "$here/score.py" "${only[@]}" "${json[@]}" --db "$out/collection.db" \
  "$out/search.tsv" "$out/similar.tsv" "$out/fts5.tsv"
