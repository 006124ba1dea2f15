# A large first ingest is a bulk load: the list indexes are dropped after
# the first 2,000 documents and built again at the end.  The result is the
# same index as a document-by-document load: every row, every index, the
# answers that use them.
. "$SRC/tests/cli/lib.bash"
mkdir -p many
python3 - <<'PY'
for i in range(1, 4401):
    dept = ["Sở Y tế", "Sở Tư pháp", "Công an tỉnh"][i % 3]
    with open("many/%04d.txt" % i, "w", encoding="utf-8") as f:
        f.write("ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN\nSố: %d/KH-UBND\n"
                "Bắc Kạn, ngày 10 tháng 3 năm 2021\nKẾ HOẠCH\n"
                "Triển khai công tác số %d năm 2021\n"
                "Căn cứ Quyết định số 1790/QĐ-TTg ngày 23/10/2021 của Thủ tướng "
                "Chính phủ;\nIV. TỔ CHỨC THỰC HIỆN\n1. %s\nChủ trì triển khai kế "
                "hoạch; báo cáo kết quả về Sở Lao động - Thương binh và Xã hội "
                "trước ngày 15/12/2021.\n" % (i, i, dept))
PY
vanban ingest --db bulk.db --batch 200 many; echo "exit $?"
sqlite3 bulk.db "SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name"
sqlite3 bulk.db "SELECT count(*) FROM documents; SELECT count(*) FROM refs WHERE ref_id = '1790/QĐ-TTg'; SELECT count(*) FROM reports WHERE to_key LIKE 'solaodong%'; PRAGMA integrity_check"
# the plan goes through the indexes again
sqlite3 bulk.db "EXPLAIN QUERY PLAN SELECT * FROM refs WHERE ref_id = 'x'" | grep -c 'USING INDEX refs_id'
vanban ask --db bulk.db --format json "kế hoạch nào căn cứ Quyết định 1790/QĐ-TTg?" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'
# The full-text index ends in one segment after the bulk load, and after a
# run adding a tenth of the index (vb_index_merge); a smaller run adds its
# own segment and leaves the merge to FTS5.
segments() { sqlite3 bulk.db "SELECT count(DISTINCT segid) FROM docs_fts_idx"; }
echo "segments after the bulk load: $(segments)"
mkdir -p more less
for i in $(seq 1 500); do sed "s/Số: [0-9]*/Số: $((i + 5000))/" many/0001.txt > more/$i.txt; done
for i in $(seq 1 100); do sed "s/Số: [0-9]*/Số: $((i + 6000))/" many/0002.txt > less/$i.txt; done
vanban ingest --db bulk.db --batch 200 --quiet more; echo "exit $?"
echo "segments after 500 more: $(segments)"
vanban ingest --db bulk.db --batch 200 --quiet less; echo "exit $?"
[ "$(segments)" -gt 1 ] && echo "segments after 100 more: more than one"
