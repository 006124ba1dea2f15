# Sourced by check.sh here and in ../precedent2: sets $shared (the shared
# material beside the repository root) and $tmp (removed on exit), or
# exits 77 (ctest: skipped) when the shared material is missing.  $here
# is the folder of the sourcing script and $1 names the check.
shared=$(cd "$here/../.." && pwd)/../shared
if [ ! -d "$shared/seeds" ]; then
  echo "$1: no shared material at $shared, skipped"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
