# The documents' own graph.  The quick start corpus and a small hierarchy
# (tests/fixtures/graph): Quyết định 1790/QĐ-TTg, implemented by Lai Châu's
# plan 45/KH-UBND (which cites it as "1790/QD-TTg"), itself implemented by
# the plan of huyện Tam Đường ("45 /KH-UBND ... của UBND tỉnh": spaces, and
# the issuer's province from the citing district) and amended by plan
# 60/KH-UBND; Hà Giang's plan implements 1790 and a namesake "45/KH-UBND"
# of Hà Giang, which is not Lai Châu's; Điện Biên's plan 3332/KH-UBND,
# which the seed plan of Sở Thông tin và Truyền thông Điện Biên implements;
# Lai Châu's plan 70/KH-UBND, which replaces plan 60.
. "$SRC/tests/cli/lib.bash"
cp -r "$SRC/corpus" corpus
cp -r "$SRC/tests/fixtures/graph" graph
vanban ingest -q corpus graph
echo "== tree 3332/KH-UBND"
vanban tree "Kế hoạch 3332/KH-UBND"
echo "== tree 1790"
vanban tree "Quyết định 1790/QĐ-TTg"
echo "== tree --relation amends 45/KH-UBND"
vanban tree --relation amends "45/kh-ubnd"
echo "== tree of a document outside the index"
vanban tree "73/KH-LĐTĐ&XH"
echo "== tree of a document nobody cites"; vanban tree "999/QĐ-UBND"; echo "exit $?"
echo "== tree without a number"; vanban tree "Quyết định"; echo "exit $?"
echo "== compare"
vanban compare --implements "1790/QĐ-TTg"
echo "== compare csv"
vanban compare --implements "1790/QD-TTg" --format csv
echo "== dump relations: resolved edges"
vanban dump --table relations --format csv | column to_source | sort | uniq -c
echo "== dump graphml parses as GraphML"
vanban dump --format graphml | python3 -c 'import sys, xml.etree.ElementTree as ET
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
root = ET.parse(sys.stdin).getroot()
nodes = root.findall(".//g:node", ns); edges = root.findall(".//g:edge", ns)
ids = {n.get("id") for n in nodes}
print(len(nodes), "nodes,", len(edges), "edges, every edge between nodes:", all(e.get("source") in ids and e.get("target") in ids for e in edges))
print(sum(1 for n in nodes if n.get("id").startswith("ext:")), "outside the index")'
echo "== status: plan 45 amended by 60, 60 replaced by 70"
vanban search --color never --status "Lai Châu" | grep -E '^[0-9]|status:'
echo "== search --in-force leaves out plan 60"
vanban search --color never --in-force "Lai Châu" | grep -E '^[0-9]|status:'
echo "== diff: the district plan against the provincial plan it implements"
vanban diff 45/KH-UBND graph/tamduong_kh12.txt
echo "== diff --all --format json: another province's plan from one template"
cp "$SRC/tests/fixtures/works/template_caobang.txt" graph/
vanban ingest -q graph
vanban diff --format json 622/KH-UBND template_caobang.txt | python3 -c 'import json,sys
d=json.load(sys.stdin); from collections import Counter
print(round(d["reused"], 2), dict(Counter(p["kind"] for p in d["paragraphs"])))'
echo "== diff of a document not in the index"; vanban diff nothing 45/KH-UBND; echo "exit $?"
echo "== ask, in English and in Vietnamese"
vanban ask "which provinces have a plan implementing Quyết định 1790/QĐ-TTg?" | cut -d: -f1
vanban ask "tỉnh nào có kế hoạch thực hiện Quyết định 1790/QD-TTg?" | head -1
vanban ask --format json "which plans implement 3332/KH-UBND?" | python3 -c 'import json,sys
d=json.load(sys.stdin)
for a in d["answers"]: print(a["province"], a["source"], a["relation"], a["ref_id"], a["ref_issuer"])'
