#!/usr/bin/env bash
# Builds the precedent-search collection: copies the chosen text of every
# document of the shared development material into one folder and ingests
# it into a fresh index, whose paragraph_text view is the unit that
# queries.tsv and qrels.tsv are judged on.
#
#   tests/precedent/build_collection.sh VANBAN OUTDIR [SHARED]
#
# VANBAN is the built program, OUTDIR receives docs/ (the copied texts)
# and collection.db; SHARED is the shared material folder (default: the
# folder "shared" beside the repository root).  Documents are named by
# their basename, which is how qrels.tsv names them (collection.tsv lists
# each one with the file it came from).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
vanban=$1
out=$2
shared=${3:-$root/../shared}
[ -d "$shared/seeds" ] || { echo "build_collection: $shared/seeds: no such folder" >&2; exit 1; }
rm -rf "$out/docs" "$out/collection.db"
mkdir -p "$out/docs"
# collection.tsv: basename <TAB> path under SHARED; '#' lines are comments.
grep -v '^#' "$here/collection.tsv" | while IFS=$'\t' read -r name path; do
  [ -n "$name" ] || continue
  [ -f "$shared/$path" ] || { echo "build_collection: $shared/$path: missing" >&2; exit 1; }
  cp "$shared/$path" "$out/docs/$name"
done
"$vanban" ingest --db "$out/collection.db" "$out"/docs/* >/dev/null
