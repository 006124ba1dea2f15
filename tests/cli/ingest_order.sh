# Ingest stores the files in the order of the walk whatever order the
# workers finish them in: a large first file (read and extracted last) and
# small ones after it get their row ids in path order, every time, so the
# same files make the same index.
. "$SRC/tests/cli/lib.bash"
mkdir d
python3 - <<'PY'
line = "Sở Lao động - Thương binh và Xã hội báo cáo UBND tỉnh trước ngày 15/12/2024 về bình đẳng giới.\n"
with open("d/a_large.txt", "w", encoding="utf-8") as fh:
    fh.write("KẾ HOẠCH\n" + line * 20000)
for k in range(12):
    with open("d/b%02d.txt" % k, "w", encoding="utf-8") as fh:
        fh.write("Kế hoạch số %d: phòng chống thiên tai\n" % (k + 1))
PY
for round in 1 2; do
  rm -f vanban.db vanban.db-wal vanban.db-shm
  vanban ingest -q --jobs 2 d
  sqlite3 vanban.db "SELECT id, source FROM documents ORDER BY id" > ids$round
done
cat ids1
cmp -s ids1 ids2 && echo "both runs: the same ids"
