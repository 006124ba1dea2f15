# Changed files replace their old version; --prune removes vanished ones.
. "$SRC/tests/cli/lib.bash"
mkdir -p d/sub
printf 'Kế hoạch một: phòng chống thiên tai\n' > d/a.txt
printf 'Kế hoạch hai: chuyển đổi số\n' > d/sub/b.txt
printf 'Kế hoạch ba: an toàn giao thông\n' > d/c.txt
vanban ingest d
printf 'Kế hoạch một: bình đẳng giới\n' > d/a.txt
rm d/c.txt
vanban ingest d
sources 'thien tai'
sources 'binh dang'
sources 'giao thong'
echo "-- prune"
vanban ingest --prune d
sources 'giao thong'
echo "-- dump documents"
vanban dump --format csv | column source
