#!/usr/bin/env bash
# check_install.sh BUILD DEST: install the build into the prefix DEST and
# check what a user gets: the program runs and reads a PDF with its module, the manual page formats without
# warnings and documents every command, the bash completion loads and
# completes a command and an option value.
set -euo pipefail
build=$1 dest=$2
rm -rf "$dest"
cmake --install "$build" --prefix "$dest" >/dev/null
fail() { echo "install: $*"; exit 1; }
bin=$dest/bin/vanban
man=$dest/share/man/man1/vanban.1
comp=$dest/share/bash-completion/completions/vanban
for f in "$bin" "$man" "$comp" "$dest/share/doc/vanban/LICENSE"; do
  [ -e "$f" ] || fail "missing $f"
done
"$bin" --version | grep -q '^vanban [0-9]' || fail "vanban --version"
# The PDF reader's module, found beside the installed program's prefix
# (not in the build tree: the library path is cleared).
pdf=$(cd "$(dirname "$0")/../fuzz/corpus/pdf" && pwd)/columns.pdf
LD_LIBRARY_PATH= "$bin" text "$pdf" | grep -q 'KH-UBND' || fail "vanban text of a PDF"
# The manual: formats cleanly and has a section for every command.
if command -v groff >/dev/null; then
  warn=$(groff -man -Tutf8 -ww -z "$man" 2>&1) || true
  [ -z "$warn" ] || fail "groff warnings: $warn"
fi
for cmd in $("$bin" --help | awk '/^commands:/{on=1; next} on && NF==0{on=0} on{print $1}'); do
  grep -q "^\.SS \"vanban $cmd\"" "$man" || fail "no manual section for $cmd"
  grep -q "^ *$cmd) opts=" "$comp" || fail "no completion for $cmd"
done
# The completion: complete "vanban sea" and "vanban search --format j".
out=$(bash -c '
  . "$1"
  COMP_WORDS=(vanban sea); COMP_CWORD=1; _vanban; echo "${COMPREPLY[*]}"
  COMP_WORDS=(vanban search --format j); COMP_CWORD=3; _vanban; echo "${COMPREPLY[*]}"
  COMP_WORDS=(vanban ask --fo); COMP_CWORD=2; _vanban; echo "${COMPREPLY[*]}"
' _ "$comp")
[ "$out" = $'search\njson jsonl\n--format' ] || fail "completion gave: $out"
echo "install: program, manual page and completion in place and working"
