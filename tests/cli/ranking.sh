# Ranking, end to end: queries over the seed plans and the extraction
# fixtures with the expected top results IN ORDER (never sorted here).
# Each query's comment says which document a reader wants first and why;
# the expected order was read against the documents' titles and texts.
. "$SRC/tests/cli/lib.bash"
mkdir -p docs/seeds docs/fx
cp "$SRC"/corpus/seeds/*.txt docs/seeds/
# A fixed collection (tests/cli/ranking.files): bm25 weighs a word by how
# many documents hold it, so a fixture added elsewhere must not move these
# results.
while read -r f; do cp "$SRC/tests/fixtures/$f" docs/fx/; done \
  <"$SRC/tests/cli/ranking.files"
vanban ingest -q --db r.db docs
# top N QUERY [OPTIONS]: the first N results in the order vanban gives them.
top() {
  local n=$1 q=$2
  shift 2
  echo "-- $q $*"
  vanban search --db r.db --limit "$n" --format csv "$@" "$q" | python3 -c '
import csv, sys
for i, r in enumerate(csv.DictReader(sys.stdin), 1):
    print("%d. %s | %s | %s" % (i, r["source"], r["date"] or r["year"], r["title"][:70]))'
}
# a disease named in one title only
top 3 'sốt xuất huyết'
# the three plans titled on epidemics come before the seeds that only
# mention "phòng, chống dịch" in their bodies
top 5 'phòng chống dịch'
# the food-safety month plan first; then a letter naming "Chi cục An toàn
# vệ sinh thực phẩm"; then a seed with the words apart
top 3 'an toàn thực phẩm'
# tone marks left out: the domestic-violence plan (its title) first
top 3 'bao luc gia dinh'
# both parts in one title beat a title with one part only
top 3 'chuyển đổi số Sở Khoa học và Công nghệ'
# the 2023 action month: only the Bắc Giang plan of 2023 has every word
top 3 'Tháng hành động vì bình đẳng giới năm 2023'
# Bắc Kạn's action month: the trimmed fixture, then the full seed plan
top 3 'Bắc Kạn bình đẳng giới'
# a decree on civil defence: the plan that carries it out first, then the
# seeds whose words are spread apart
top 3 'phòng thủ dân sự'
# newest first, whatever the relevance; documents without a date last
top 5 'bình đẳng giới' --sort date --type 'Kế hoạch' --province 'Sơn La'
echo "-- paragraphs: gửi báo cáo về Sở Lao động"
vanban search --db r.db --paragraphs --limit 3 --format csv '"gửi báo cáo" "Sở Lao động"' |
  python3 -c '
import csv, sys
for i, r in enumerate(csv.DictReader(sys.stdin), 1):
    print("%d. %s:%s" % (i, r["source"], r["line"]))'
echo "-- paragraphs ranked: a query of six words, one of them in no paragraph"
vanban search --db r.db --paragraphs --limit 2 --format json 'nộp báo cáo kết quả Sở Lao động xyzzy' |
  python3 -c '
import json, sys
for i, r in enumerate(json.load(sys.stdin), 1):
    print("%d. %s:%s | %s | %s" % (i, r["source"], r["line"], r["heading"], r["text"][:50]))'
echo "-- the same with --all-words: nothing (exit status)"
vanban search --db r.db --paragraphs --all-words 'nộp báo cáo kết quả Sở Lao động xyzzy' >/dev/null 2>&1
echo "exit $?"
echo "-- the vocabulary: UBND read as ủy ban nhân dân, shown by --explain"
vanban search --db r.db --paragraphs --explain --limit 1 --format csv 'UBND nộp báo cáo' 2>&1 >/dev/null
echo "-- and without it"
vanban search --db r.db --paragraphs --explain --no-expand --limit 1 --format csv 'UBND nộp báo cáo' 2>&1 >/dev/null
echo "-- paragraphs: a dash between spaces is text (\"Lao động - Thương binh\"), not an exclusion, so the query is ranked"
vanban search --db r.db --paragraphs --limit 2 --format json 'nộp báo cáo về Sở Lao động - Thương binh và Xã hội xyzzy' |
  python3 -c '
import json, sys
for i, r in enumerate(json.load(sys.stdin), 1):
    print("%d. %s:%s | %s" % (i, r["source"], r["line"], r["text"][:60]))'
echo "-- similar shares the ranking: a duty typed without tone marks; each result carries its paragraph, score and how alike"
vanban similar --db r.db --limit 3 --format json --text 'bao cao ket qua thuc hien gui ve So Lao dong' |
  python3 -c '
import json, sys
for i, r in enumerate(json.load(sys.stdin), 1):
    print("%d. %s:%s | %s | score < 0: %s | alike %.2f | repeats %d | %s" % (i, r["source"], r["line"],
          r["heading"], r["score"] < 0, r["similarity"], r["repeats"], r["text"][:50]))'
echo "-- similar FILE:LINE: the file's own paragraphs left out; a wording four documents hold (the file among them) is one result, with repeats 3"
vanban similar --db r.db --limit 3 --format json docs/seeds/001_6747b2af0e194c38.txt:94 |
  python3 -c '
import json, sys
for i, r in enumerate(json.load(sys.stdin), 1):
    print("%d. %s:%s | alike %.2f | repeats %d | %s" % (i, r["source"], r["line"], r["similarity"],
          r["repeats"], r["text"][:50]))'
