# The real .doc and saved web pages of the shared development set
# (../shared/realformats next to the repository) against the reference
# texts: word recall and precision of the document's words (case kept).
# RTF (r15, TCVN3) and the PDF whose text layer is in TCVN3 fonts (r12,
# read without OCR: converted glyph by glyph from its fonts) are measured
# against their converted texts.
# For .doc the reference is LibreOffice's text (r08, r09) or the converted
# text of the legacy files (r10 TCVN3 with VNI words, r11 VNI); for the
# saved pages, the part of LibreOffice's text between the site's status
# box and the signature, and the count of site lines that reach our text.
. "$SRC/tests/cli/lib.bash"
rf="$SRC/../shared/realformats"
for f in r08.doc r09.doc r10.doc r11.doc r13.html r14.html r15.rtf; do
  vanban text "$rf/$f" > "${f%.*}.out"
  echo "$f exit $? $(vanban extract "$rf/$f" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["format"], r.get("encoding", "-"))')"
done
vanban text --ocr never "$rf/r12.pdf" > r12.out
echo "r12.pdf exit $? $(vanban extract --ocr never "$rf/r12.pdf" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["format"], r.get("encoding", "-"), "ocr" in r)')"
python3 - "$rf/ref" <<'PY'
import collections, re, sys, unicodedata
ref = sys.argv[1]
def words(t):
    t = unicodedata.normalize("NFC", t.replace("\ufeff", ""))
    return collections.Counter(re.findall(r"\w+", t))
def score(name, want, got):
    w, g = words(want), words(got)
    common = sum((w & g).values())
    print("%s recall %.3f precision %.3f" % (name, common / max(1, sum(w.values())),
                                             common / max(1, sum(g.values()))))
read = lambda p: open(p, encoding="utf-8").read()
score("r08", read(ref + "/r08.soffice.txt"), read("r08.out"))
score("r09", read(ref + "/r09.soffice.txt"), read("r09.out"))
score("r10", read(ref + "/r10.tcvn3-converted.txt"), read("r10.out"))
score("r11", read(ref + "/r11.vni-converted.txt"), read("r11.out"))
score("r15", read(ref + "/r15.tcvn3-converted.txt"), read("r15.out"))
score("r12", read(ref + "/r12.tcvn3-converted.txt"), read("r12.out"))
for r in ("r13", "r14"):
    lines = read(ref + "/%s.soffice.txt" % r).replace("\ufeff", "").split("\n")
    motto = [i for i, l in enumerate(lines) if "CỘNG HÒA XÃ HỘI" in l][0]
    start = max(i for i in range(motto) if lines[i].strip() == "Tải về") + 1
    end = max(i for i, l in enumerate(lines) if "(Đã ký)" in l) + 2
    ours = read("%s.out" % r)
    score(r, "\n".join(lines[start:end]), ours)
    doc = set(l.strip() for l in lines[start:end])
    site = [re.sub(r"^\s*(\d+\.|•)\s*", "", l).strip() for l in lines[:start] + lines[end:]]
    site = [l for l in site if l and l not in doc]
    kept = [l for l in site if l in set(x.strip() for x in ours.split("\n"))]
    print("%s site lines %d, kept %d" % (r, len(site), len(kept)))
PY
