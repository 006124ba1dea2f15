#!/usr/bin/env bash
# check_deb.sh BUILD DIR: build the Debian package with CPack into DIR and
# check that it holds the program, the manual page and the completion, and
# depends on the shared libraries the program and its PDF module link (and
# on libxml2, libgsf, Tesseract and libmicrohttpd, which it loads with
# dlopen).
set -euo pipefail
build=$1 dir=$2
rm -rf "$dir"; mkdir -p "$dir"
(cd "$dir" && cpack --config "$build/CPackConfig.cmake" >/dev/null)
deb=$(ls "$dir"/vanban_*.deb)
fail() { echo "deb: $*"; exit 1; }
files=$(dpkg-deb -c "$deb")
module=$(grep -o ' \./usr/lib/[^ ]*vanban/vanban-pdf\.so$' <<<"$files" | tr -d ' ') ||
  fail "no vanban-pdf.so in the package"
for f in ./usr/bin/vanban ./usr/share/man/man1/vanban.1 \
         ./usr/share/bash-completion/completions/vanban "$module"; do
  grep -q " $f\$" <<<"$files" || fail "no $f in the package"
done
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libsqlite3 libpcre2-8 libxml2 libzip libjansson libutf8proc libgsf-1 \
           libmicrohttpd libtesseract5 libfreetype6 libharfbuzz0b libopenjp2-7 \
           libjbig2dec0 libmujs2 libgumbo1 libjpeg62-turbo; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
echo "deb: $(basename "$deb") holds the program, manual and completion"
