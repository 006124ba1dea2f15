# Bad files among good ones: one line each, good ones indexed, exit 1.
. "$SRC/tests/cli/lib.bash"
mkdir docs
printf 'KẾ HOẠCH\nbình đẳng giới ở Hà Giang\n' > docs/good.txt
printf '\xef\xbb\xbfKẾ HOẠCH có BOM\nbình đẳng giới ở Lào Cai\n' > docs/bom.txt
printf 'KẾ HOẠCH CRLF\r\nbình đẳng giới ở Yên Bái\r\n' > docs/crlf.md
# UTF-16 LE and BE with BOM
printf 'KẾ HOẠCH UTF-16\nbình đẳng giới ở Cao Bằng\n' | iconv -f UTF-8 -t UTF-16LE | { printf '\xff\xfe'; cat; } > docs/utf16le.txt
printf 'KẾ HOẠCH UTF-16BE\nbình đẳng giới ở Tuyên Quang\n' | iconv -f UTF-8 -t UTF-16BE | { printf '\xfe\xff'; cat; } > docs/utf16be.txt
printf 'bình \xff\xfe đẳng\n' > docs/invalid.txt
: > docs/empty.txt
printf '   \n\n\t\n' > docs/blank.txt
printf 'abc\0def\n' > docs/binary.txt
ln -s nowhere.txt docs/dangling.txt
ln -s .. docs/loop
printf 'not a document\n' > docs/notes.csv
vanban ingest --jobs 1 docs 2> err.txt
echo "exit $?"
sort err.txt
echo "-- indexed"
sources "binh dang gioi"
