#!/usr/bin/env bash
# The precedent-search evaluation in one command: builds the collection
# index, checks the judgements against it, runs vanban search --paragraphs,
# vanban similar --text and the bare FTS5 baseline on the queries, and
# prints nDCG@10, P@5 and Recall@20 per query group (README.md).
#
#   tests/precedent/evaluate.sh [--set DIR] [--only ID,...] [--json] VANBAN OUTDIR [SHARED]
#
# --set DIR takes queries.tsv, needs.tsv and qrels.tsv from DIR instead of
# this folder (the held-out set is ../precedent2) over the same collection.
#
# OUTDIR receives the collection (docs/, collection.db) and the run files
# (search.tsv, similar.tsv, fts5.tsv); SHARED defaults to the folder
# "shared" beside the repository root.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
only=()
json=()
set_dir=$here
while [ $# -gt 0 ]; do
  case $1 in
    --set) set_dir=$(cd "$2" && pwd); shift 2 ;;
    --only) only=(--only "$2"); shift 2 ;;
    --json) json=(--json); shift ;;
    *) break ;;
  esac
done
[ $# -ge 2 ] || { echo "usage: evaluate.sh [--set DIR] [--only ID,...] [--json] VANBAN OUTDIR [SHARED]" >&2; exit 2; }
vanban=$1
out=$2
bash "$here/build_collection.sh" "$vanban" "$out" ${3:+"$3"}
files=(--queries "$set_dir/queries.tsv")
python3 "$here/check_qrels.py" --db "$out/collection.db" "${files[@]}" \
  --qrels "$set_dir/qrels.tsv" --needs "$set_dir/needs.tsv" >&2
python3 "$here/run_vanban.py" --vanban "$vanban" --db "$out/collection.db" \
  --outdir "$out" "${files[@]}" "${only[@]}"
python3 "$here/run_fts5.py" --db "$out/collection.db" --out "$out/fts5.tsv" \
  "${files[@]}" "${only[@]}"
python3 "$here/score.py" "${files[@]}" --qrels "$set_dir/qrels.tsv" "${only[@]}" \
  "${json[@]}" --db "$out/collection.db" "$out/search.tsv" "$out/similar.tsv" "$out/fts5.tsv"
