# The seed plans written in the legacy encodings (.txt in TCVN3, VNI and
# Windows-1258; DOCX with runs in .VnTime/.VnTimeH and VNI-Times fonts, also
# with the body font given by the default paragraph style) and as Word
# 97-2003 .doc (Unicode, TCVN3 and VNI runs, with a field and a
# deleted revision), by writers independent of vanban's tables, read back
# as the seeds' text (TCVN3 .txt up to the capitals it cannot hold) and
# give the seeds' extraction records; hostile compound files are refused
# with one line each.
. "$SRC/tests/cli/lib.bash"
python3 "$SRC/tests/fixtures/make_legacy.py" leg "$SRC"/corpus/seeds/*.txt
python3 "$SRC/tests/fixtures/make_doc.py" seeds leg "$SRC"/corpus/seeds/*.txt
python3 "$SRC/tests/fixtures/make_doc.py" hostile bad
for s in "$SRC"/corpus/seeds/*.txt; do
  b=$(basename "$s" .txt)
  vanban text "$s" > "$b.seed.out"
  for v in tcvn3.txt vni.txt cp1258.txt tcvn3.docx vni.docx tcvn3-style.docx vni-style.docx \
      unicode.doc tcvn3.doc vni.doc; do
    vanban text "leg/$b.$v" > "$b.$v.out"
  done
done
python3 - <<'PY'
import glob, os
# Lines compared without trailing white space (DOCX and .doc drop it).
def lines(p, fold=False):
    t = open(p, encoding="utf-8").read()
    return [(l.lower() if fold else l).rstrip() for l in t.split("\n")]
for seed in sorted(glob.glob("*.seed.out")):
    b = seed[:-len(".seed.out")]
    ref = lines(seed)
    for v in ("tcvn3.txt", "vni.txt", "cp1258.txt", "tcvn3.docx", "vni.docx",
              "tcvn3-style.docx", "vni-style.docx",
              "unicode.doc", "tcvn3.doc", "vni.doc"):
        fold = v == "tcvn3.txt"
        got = lines("%s.%s.out" % (b, v), fold)
        want = [l.lower() for l in ref] if fold else ref
        diff = sum(1 for x, y in zip(want, got) if x != y) + abs(len(want) - len(got))
        print(b[:3], v, "text same" + (" up to case" if fold else "")
              if not diff else "text differs in %d lines" % diff)
PY
vanban extract --format jsonl "$SRC"/corpus/seeds/*.txt > seeds.jsonl
vanban extract --format jsonl leg/*.vni.txt leg/*.cp1258.txt leg/*.docx leg/*.doc > legacy.jsonl
python3 - <<'PY'
import json, os
def load(p):
    out = {}
    for line in open(p, encoding="utf-8"):
        r = json.loads(line)
        out[os.path.basename(r["source"])] = r
    return out
seeds, legacy = load("seeds.jsonl"), load("legacy.jsonl")
for name in sorted(legacy):
    r = legacy[name]
    s = seeds[name.split(".")[0] + ".txt"]
    diff = sorted(k for k in s if k not in ("source", "sha256", "format", "evidence")
                  and s[k] != r.get(k))
    print(name, r["format"], r.get("encoding", "-"),
          "same record" if not diff else "differs in " + ", ".join(diff))
PY
for f in bad/*.doc; do vanban text "$f" > /dev/null; echo "$f exit $?"; done
# --verbose names the reader of .doc and saved pages and any encoding
# converted (one worker: the order is the order of the files).
vanban ingest --db v.db --jobs 1 --verbose leg/000_*.vni.txt leg/000_*.tcvn3.doc \
  leg/000_*.unicode.doc leg/000_*.vni.docx "$SRC/tests/fixtures/html/legacy_font.html" \
  "$SRC"/corpus/seeds/000_*.txt
