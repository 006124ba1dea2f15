# Questions about the sample corpus, answered with documents and evidence.
. "$SRC/tests/cli/lib.bash"
cp -r "$SRC/corpus/seeds" seeds
vanban ingest -q seeds
q() { echo "== $*"; vanban ask "$@"; echo "exit $?"; }
q "which units report to the Labour department?"
q "Những đơn vị nào báo cáo về Sở Lao động - Thương binh và Xã hội?"
q "who reports to DOLISA in Son La?"
q "which deadlines fall in December 2021?"
q "which deadlines fall between 2023-11-01 and 2023-12-31?"
q "which plans cite Quyết định 1790/QĐ-TTg?"
q "which plans assign tasks to the Department of Finance?"
q "what must Sở Thông tin và Truyền thông do under plan 622/KH-UBND?"
q "Văn phòng Sở phải làm gì theo kế hoạch KH-KHCN?"
q "what is the weather like?"
echo "== reports --to 'Sở LĐTBXH' --province 'Bắc Giang'"
vanban reports --to "Sở LĐTBXH" --province "Bắc Giang"
echo "== deadlines --after 2018-12-01 --before 2018-12-31 --format json"
vanban deadlines --after 2018-12-01 --before 2018-12-31 --format json | python3 -c 'import json,sys
d=json.load(sys.stdin)
for a in d["answers"]: print(a["deadline"], a["source"], a["line"], a["who"])'
