#!/usr/bin/env bash
# check_includes.sh SRC: fail when a source file of a library layer names a
# folder in a quoted include ("../extract/extract_int.h", "index/index.h").
# Such a path would reach past the include directories that enforce the
# layering (cmake/Layers.cmake); headers are included by their name alone.
set -u
src=${1:?usage: check_includes.sh SOURCE_DIR}
cd "$src" || exit 2
files=()
for dir in common read extract index query cli serve; do
  [ -d "$dir" ] && files+=("$dir"/*.[ch])
done
bad=$(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]+"[^"]*/' "${files[@]}")
if [ -n "$bad" ]; then
  echo "quoted includes that name a folder (include the header by name):"
  echo "$bad"
  exit 1
fi
echo "layers: every quoted include names a header alone"
