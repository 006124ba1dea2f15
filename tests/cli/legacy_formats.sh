# The seed plans written in the legacy encodings (.txt in TCVN3, VNI,
# Windows-1258 and VISCII; DOCX and ODT with runs in .VnTime/.VnTimeH and
# VNI-Times fonts, also with the body font given by the paragraph style) and as Word
# 97-2003 .doc (Unicode, TCVN3 and VNI runs, with a field and a
# deleted revision), by writers independent of vanban's tables, read back
# as the seeds' text and give the seeds' extraction records; hostile
# compound files are refused with one line each.  TCVN3 .txt cannot hold
# accented capitals (a capitals font draws them from the small letters'
# bytes): they are restored by vb_legacy_fix_case(), and what differs
# still is told as a difference of case only (the one left is a lower-case
# "ủy ban nhân dân" in seed 003, which the bytes cannot tell from the
# "Ủy ban nhân dân" the same seed writes four times).  VISCII .txt holds
# ASCII quotes and dashes for the curly ones, compared as such.
. "$SRC/tests/cli/lib.bash"
python3 "$SRC/tests/fixtures/make_legacy.py" leg "$SRC"/corpus/seeds/*.txt
python3 "$SRC/tests/fixtures/make_doc.py" seeds leg "$SRC"/corpus/seeds/*.txt
python3 "$SRC/tests/fixtures/make_doc.py" hostile bad
for s in "$SRC"/corpus/seeds/*.txt; do
  b=$(basename "$s" .txt)
  vanban text "$s" > "$b.seed.out"
  for v in tcvn3.txt vni.txt cp1258.txt viscii.txt tcvn3.docx vni.docx tcvn3-style.docx vni-style.docx \
      tcvn3.odt vni.odt tcvn3-style.odt vni-style.odt \
      unicode.doc tcvn3.doc vni.doc; do
    vanban text "leg/$b.$v" > "$b.$v.out"
  done
done
python3 - "$SRC/tests/fixtures" <<'PY'
import glob, os, sys
sys.path.insert(0, sys.argv[1])
from legacy_enc import VISCII_ASCII
# Lines compared without trailing white space (DOCX and .doc drop it).
def lines(p, fold=False, ascii_quotes=False):
    t = open(p, encoding="utf-8").read()
    if ascii_quotes:
        for k, v in VISCII_ASCII.items():
            t = t.replace(k, v)
    return [(l.lower() if fold else l).rstrip() for l in t.split("\n")]
def differ(a, b):
    return sum(1 for x, y in zip(a, b) if x != y) + abs(len(a) - len(b))
for seed in sorted(glob.glob("*.seed.out")):
    b = seed[:-len(".seed.out")]
    for v in ("tcvn3.txt", "vni.txt", "cp1258.txt", "viscii.txt", "tcvn3.docx",
              "vni.docx", "tcvn3-style.docx", "vni-style.docx", "tcvn3.odt",
              "vni.odt", "tcvn3-style.odt", "vni-style.odt",
              "unicode.doc", "tcvn3.doc", "vni.doc"):
        out = "%s.%s.out" % (b, v)
        ref, got = lines(seed, ascii_quotes=v == "viscii.txt"), lines(out)
        diff = differ(ref, got)
        case = differ(lines(seed, True), lines(out, True)) if diff else 0
        print(b[:3], v, "text same" if not diff else
              "text same but for case in %d lines" % diff if not case else
              "text differs in %d lines" % diff)
PY
vanban extract --format jsonl "$SRC"/corpus/seeds/*.txt > seeds.jsonl
vanban extract --format jsonl leg/*.tcvn3.txt leg/*.vni.txt leg/*.cp1258.txt leg/*.viscii.txt \
  leg/*.docx leg/*.odt leg/*.doc > legacy.jsonl
python3 - "$SRC/tests/fixtures" <<'PY'
import json, os, sys
sys.path.insert(0, sys.argv[1])
from legacy_enc import VISCII_ASCII
def load(p, ascii_quotes=False):
    out = {}
    for line in open(p, encoding="utf-8"):
        if ascii_quotes:  # as the VISCII files write them
            for k, v in VISCII_ASCII.items():
                line = line.replace(k, json.dumps(v)[1:-1])
        r = json.loads(line)
        out[os.path.basename(r["source"])] = r
    return out
seeds, legacy = load("seeds.jsonl"), load("legacy.jsonl")
seeds_ascii = load("seeds.jsonl", True)
def fold(v):
    return json.dumps(v, ensure_ascii=False).lower()
for name in sorted(legacy):
    r = legacy[name]
    s = (seeds_ascii if ".viscii." in name else seeds)[name.split(".")[0] + ".txt"]
    diff = sorted(k for k in s if k not in ("source", "sha256", "format", "evidence")
                  and s[k] != r.get(k))
    case = [k for k in diff if fold(s[k]) != fold(r.get(k))]
    print(name, r["format"], r.get("encoding", "-"),
          "same record" if not diff else
          "same record but for case in " + ", ".join(diff) if not case else
          "differs in " + ", ".join(diff))
PY
for f in bad/*.doc; do vanban text "$f" > /dev/null; echo "$f exit $?"; done
# --verbose names the reader of .doc and saved pages and any encoding
# converted (one worker: the order is the order of the files).
vanban ingest --db v.db --jobs 1 --verbose leg/000_*.vni.txt leg/000_*.tcvn3.doc \
  leg/000_*.unicode.doc leg/000_*.vni.docx leg/000_*.tcvn3.odt "$SRC/tests/fixtures/html/legacy_font.html" \
  "$SRC"/corpus/seeds/000_*.txt
