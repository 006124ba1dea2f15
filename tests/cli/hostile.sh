# Documents built to make one query cost what the largest document costs
# (tests/fixtures/make_hostile.py, at a quarter of their size: one line
# repeating "bình đẳng giới", 250,000 short lines, 50,000 citations, one
# paragraph 25,000 times, units' tasks before 100,000 lines), ingested
# among the seed plans; every command runs on them under `timeout`, which
# only catches a hang (no time is asserted; --timeout 0 lifts the query
# budget, slow builds included).
. "$SRC/tests/cli/lib.bash"
cp -r "$SRC/corpus/seeds" seeds
python3 "$SRC/tests/fixtures/make_hostile.py" hostile 4
vanban ingest -q seeds hostile; echo "ingest: exit $?"
run() { timeout 300 "$VANBAN" "$@" --timeout 0 >out.txt 2>err.txt; echo "exit $?"; }
# longest line of out.txt, in bytes
longest() { awk '{ if (length($0) > n) n = length($0) } END { print n + 0 }' out.txt; }
for q in "giới" "bình đẳng giới" '"bình đẳng giới"' "binh dang gioi" "Quyết định" \
         "dòng" "Sở Lao động" "gi*"; do
  echo "-- search $q"
  run search --format csv --limit 20 "$q"
  column source <out.txt | sed 's#.*/##' | sort
  python3 -c 'import csv, sys
n = max((len(r["snippet"].encode()) for r in csv.DictReader(sys.stdin)), default=0)
print("snippets under 1000 bytes:", n < 1000)' <out.txt
done
echo "-- search --paragraphs"
run search --paragraphs --format csv "bình đẳng giới"
column source <out.txt | sed 's#.*/##' | sort -u
echo "longest line under 20000 bytes: $([ "$(longest)" -lt 20000 ] && echo yes)"
echo "-- search --facets"
run search --facets --format json "giới"
python3 -c 'import json,sys
d=json.load(sys.stdin)
print(sorted((str(v["value"]), v["count"]) for v in d["facets"]["year"]))' <out.txt
echo "-- similar"
for what in "--text=bình đẳng giới" "--text=Căn cứ Quyết định số 5/QĐ-UBND ngày 6/6/2015 của UBND tỉnh" \
            hostile/repeated.txt:10 hostile/one_line.txt:7 hostile/short_lines.txt:100 \
            seeds/000_296edb8d0f8b8cf7.txt:9; do
  run similar --format csv "$what"
  echo "similar ${what#--text=}: $(column source <out.txt | sed 's#.*/##' | sort -u | tr '\n' ' ')"
  echo "longest line under 20000 bytes: $([ "$(longest)" -lt 20000 ] && echo yes)"
done
echo "-- show, dump, ask, reports, deadlines"
for args in "show one_line.txt" "show short_lines.txt" "show --format json citations.txt" \
            "show repeated.txt" "dump" "dump --format json" "dump --format csv" \
            "dump --table references --format csv" "dump --table deadlines" \
            "dump --table reports --format csv" "dump --table units" \
            "dump --table recipients"; do
  run $args
  echo "$args: $(wc -l <out.txt | tr -d ' ') lines"
done
for q in "which units report to the Labour department?" \
         "Những đơn vị nào báo cáo về UBND tỉnh?" \
         "which deadlines fall between 2000-01-01 and 2030-12-31?" \
         "which plans assign tasks to the Labour department?" \
         "kế hoạch nào căn cứ Quyết định 5/QĐ-UBND?" \
         "what must Sở Lao động - Thương binh và Xã hội do under plan 622/KH-UBND?" \
         "what must Sở Tài chính do under plan 905/KH-UBND?" \
         "what must Sở Y tế do under plan 905/KH-UBND?"; do
  run ask --format json "$q"
  python3 -c 'import json,sys
d=json.load(sys.stdin)
print(sys.argv[1] + ":", d["count"], "answers from", sorted({a["source"].split("/")[-1] for a in d["answers"]}))' "$q" <out.txt
done
run reports --to "UBND tỉnh"
run deadlines --after 2000-01-01 --before 2030-12-31 --format json
python3 -c 'import json,sys; d=json.load(sys.stdin); print("deadlines:", d["count"])' <out.txt
echo "-- extract, text"
for f in hostile/*.txt; do
  timeout 300 "$VANBAN" extract --format jsonl "$f" >out.txt; echo "extract $f: exit $?"
  timeout 300 "$VANBAN" text "$f" | wc -l
done
