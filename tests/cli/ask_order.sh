# Questions read their answers in order from answer_order (schema.sql): the
# table follows ingest and deletion, its index serves the order without a
# sort, and the answers come in the order the documents' own columns give
# (province, date, file, then the duty's place in the plan).
. "$SRC/tests/cli/lib.bash"
mkdir -p plans
python3 - <<'PY'
provs = [("TỈNH BẮC KẠN", "Bắc Kạn"), ("TỈNH SƠN LA", "Sơn La"), ("TỈNH HÀ GIANG", "Hà Giang"),
         ("TỈNH TUYÊN QUANG", "Tuyên Quang")]
depts = ["Sở Y tế", "Sở Tư pháp", "Công an tỉnh"]
for i in range(1, 61):
    head, prov = provs[(i * 7) % 4]
    day, month, year = 1 + (i * 5) % 27, 1 + (i * 3) % 12, 2019 + i % 4
    with open("plans/%03d.txt" % (61 - i), "w", encoding="utf-8") as f:
        f.write("ỦY BAN NHÂN DÂN\n%s\nSố: %d/KH-UBND\n"
                "%s, ngày %d tháng %d năm %d\nKẾ HOẠCH\n"
                "Triển khai công tác số %d\nIV. TỔ CHỨC THỰC HIỆN\n1. %s\n"
                "Chủ trì triển khai kế hoạch; báo cáo kết quả về Sở Lao động - "
                "Thương binh và Xã hội trước ngày 15/12/%d.\n2. %s\nPhối hợp; "
                "báo cáo kết quả về Sở Lao động - Thương binh và Xã hội.\n"
                % (head, i, prov, day, month, year, i, depts[i % 3], year,
                   depts[(i + 1) % 3]))
        if i % 2:  # yearly duties, on three days, in half of the plans
            f.write("Định kỳ 6 tháng (trước ngày %d/6) và hằng năm (trước ngày "
                    "%d/12), các đơn vị gửi báo cáo kết quả thực hiện về Sở Y tế.\n"
                    % (10 + i % 3 * 5, 10 + i % 3 * 5))
PY
cp -r "$SRC/corpus/seeds" seeds
vanban ingest -q --db q.db plans seeds; echo "ingest exit $?"
# One row per reporting duty and unit with a key and per yearly duty, with
# its document's columns (a yearly duty's date as its key, province and date 0)
# and the columns of its row that the answers show.
check() {
  sqlite3 q.db "SELECT (SELECT count(*) FROM answer_order) =
    (SELECT count(*) FROM reports WHERE to_key IS NOT NULL) +
    (SELECT count(*) FROM units WHERE key IS NOT NULL) +
    (SELECT count(*) FROM deadlines WHERE recurs = 'yearly' AND date IS NOT NULL);
  SELECT count(*) > 20 FROM answer_order WHERE kind = 3;
  SELECT count(*) FROM answer_order o JOIN documents d ON d.id = o.doc_id
  WHERE (o.kind < 3 AND (o.province IS NOT coalesce(d.province, 0) OR o.date IS NOT coalesce(d.date, 0)))
     OR (o.kind = 3 AND (o.province IS NOT 0 OR o.date IS NOT 0 OR o.key IS NOT (SELECT date FROM deadlines x
         WHERE x.doc_id = o.doc_id AND x.seq = o.seq AND x.recurs = 'yearly')))
     OR o.source <> d.source OR o.year IS NOT d.year
     OR (o.kind = 1 AND o.key IS NOT (SELECT to_key FROM reports x WHERE x.doc_id = o.doc_id AND x.seq = o.seq))
     OR (o.kind = 2 AND o.key IS NOT (SELECT key FROM units x WHERE x.doc_id = o.doc_id AND x.seq = o.seq))
     OR o.line IS NOT (SELECT line FROM (SELECT doc_id, seq, line, 1 AS k FROM reports UNION ALL
         SELECT doc_id, seq, line, 2 FROM units UNION ALL SELECT doc_id, seq, line, 3 FROM deadlines) x
         WHERE x.doc_id = o.doc_id AND x.seq = o.seq AND x.k = o.kind);
  SELECT count(*) FROM answer_order o JOIN reports x ON x.doc_id = o.doc_id AND x.seq = o.seq
  WHERE o.kind = 1 AND (o.name IS NOT x.from_unit OR o.canonical IS NOT x.from_canonical
     OR o.to_body IS NOT x.to_body OR o.via IS NOT x.via OR o.by_date IS NOT x.by_date
     OR o.what IS NOT NULL OR o.who IS NOT NULL OR o.tasks IS NOT NULL);
  SELECT count(*) FROM answer_order o JOIN units x ON x.doc_id = o.doc_id AND x.seq = o.seq
  WHERE o.kind = 2 AND (o.name IS NOT x.name OR o.canonical IS NOT x.canonical
     OR o.tasks IS NOT (SELECT count(*) FROM tasks t WHERE t.doc_id = x.doc_id AND t.unit_seq = x.seq)
     OR o.to_body IS NOT NULL OR o.via IS NOT NULL OR o.by_date IS NOT NULL OR o.what IS NOT NULL);
  SELECT count(*) FROM answer_order o JOIN deadlines x ON x.doc_id = o.doc_id AND x.seq = o.seq
  WHERE o.kind = 3 AND (o.what IS NOT x.what OR o.who IS NOT x.who OR o.to_body IS NOT x.to_body
     OR o.name IS NOT NULL OR o.canonical IS NOT NULL OR o.tasks IS NOT NULL);
  SELECT count(*) FROM answer_order WHERE kind = 2 AND tasks > 0"
}
check
# A file gone: its rows go with it.
rm plans/007.txt plans/030.txt
vanban ingest -q --prune --db q.db plans seeds; echo "prune exit $?"
check
sqlite3 q.db "SELECT count(*) FROM answer_order o WHERE o.source LIKE '%plans/007.txt'"
# The table is in the answers' order: no sort for one key, nor with a year;
# a province reads its own rows and those of the provinces merged into it,
# and sorts them.
plan() { sqlite3 q.db "EXPLAIN QUERY PLAN SELECT o.doc_id FROM answer_order o
  WHERE o.kind = 1 AND o.key = 'x' $1 ORDER BY o.province, o.date, o.source, o.seq" |
  grep -o 'PRIMARY KEY\|TEMP B-TREE' | sort -u | tr '\n' ' '; echo; }
plan ""
plan "AND o.year = 2020"
plan "AND o.province IN (SELECT province FROM documents WHERE province_2025 = 'Tuyên Quang' UNION SELECT 'Tuyên Quang')"
# The answers come in the order of the documents' columns.
order() {
  vanban "$@" --db q.db --format json | python3 -c 'import json, sys
for a in json.load(sys.stdin)["answers"]: print(a["source"], a["line"])'
}
reference() {
  sqlite3 -separator ' ' q.db "SELECT d.source, x.line FROM $1 x JOIN documents d ON d.id = x.doc_id
  WHERE x.$2 >= 'solaodongthuongbinhvaxahoi' AND x.$2 < 'solaodongthuongbinhvaxahoi~' $3
    AND (d.province = 'Tuyên Quang' OR d.province_2025 = 'Tuyên Quang' OR '$4' = '')
  ORDER BY d.province, d.date, d.source, x.seq"
}
for args in "|" "AND d.year = 2020|" "|x"; do
  extra=${args%|*} prov=${args#*|}
  opts=()
  [ -n "$prov" ] && opts+=(--province "Tuyên Quang")
  [ -n "$extra" ] && opts+=(--year 2020)
  a=$(order reports --to "Sở LĐTBXH" "${opts[@]}")
  b=$(reference reports to_key "$extra" "$prov")
  echo "reports ${opts[*]}: $(echo "$a" | wc -l) answers, same order: $([ "$a" = "$b" ] && echo yes || echo no)"
done
a=$(order ask "kế hoạch nào giao nhiệm vụ cho Sở Y tế?")
b=$(sqlite3 -separator ' ' q.db "SELECT d.source, x.line FROM units x JOIN documents d ON d.id = x.doc_id
  WHERE x.key >= 'soyte' AND x.key < 'soyte~' ORDER BY d.province, d.date, d.source, x.seq")
echo "units: $(echo "$a" | wc -l) answers, same order: $([ "$a" = "$b" ] && echo yes || echo no)"
# Deadlines: the dated duties by date, then the yearly ones (read in order
# from answer_order) by day, file and place in the plan: the same answers
# in the same order as the whole table sorted.
# $3: a province (its own plans and those of the provinces merged into it).
dreference() {
  sqlite3 -separator ' ' q.db "SELECT d.source, x.line, x.date FROM deadlines x JOIN documents d ON d.id = x.doc_id
  WHERE ('$3' = '' OR d.province = '$3' OR d.province_2025 = '$3')
    AND ((x.recurs IS NULL AND x.date BETWEEN '$1' AND '$2') OR
         (x.recurs = 'yearly' AND (substr('$2', 1, 4) > substr('$1', 1, 4) OR
          substr(x.date, 3) BETWEEN substr('$1', 6) AND substr('$2', 6))
          AND (d.period_to IS NULL OR substr(d.period_to, 1, 4) >= substr('$1', 1, 4))
          AND (d.year IS NULL OR d.year <= CAST(substr('$2', 1, 4) AS INTEGER))))
    AND d.id NOT IN (SELECT doc_id FROM works WHERE rep = 0)
  ORDER BY CASE WHEN x.recurs IS NULL THEN x.date ELSE '9' || x.date END, d.source, x.seq"
}
dorder() {
  vanban deadlines --after "$1" --before "$2" ${3:+--province "$3"} --db q.db --format json | python3 -c 'import json, sys
for a in json.load(sys.stdin)["answers"]: print(a["source"], a["line"], a["deadline"])'
}
for range in "2021-12-01 2021-12-31" "2021-06-01 2021-06-14" "2020-01-01 2022-12-31"; do
  for prov in "" "Tuyên Quang"; do
    a=$(dorder $range "$prov")
    b=$(dreference $range "$prov")
    echo "deadlines $range${prov:+ in $prov}: $(echo "$a" | grep -c -- ' --') yearly of $(echo "$a" | wc -l), same order: $([ "$a" = "$b" ] && echo yes || echo no)"
  done
done
