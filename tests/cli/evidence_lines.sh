# Evidence of DOCX and ODT records, end to end: every evidence {line, text}
# of a record must be that line of what `vanban text` prints for the same
# file (the text a reader of the evidence opens), as the record quotes a
# line: without the blanks around it, and only its first 1,000 bytes when
# it is longer (a run-together page).  The files: the seed plans as DOCX
# in both layouts and as ODT (tests/fixtures/odt, written by make_docx.py),
# and the ODT files of the fixtures and fuzz seeds.  (docx_records.sh
# checks that the DOCX and ODT seeds give the .txt seeds' records.)
. "$SRC/tests/cli/lib.bash"
files=("$SRC"/corpus/docx/plain/*.docx "$SRC"/corpus/docx/official/*.docx
       "$SRC"/tests/fixtures/odt/*.odt "$SRC"/tests/fixtures/docx/basic.odt "$SRC"/tests/fuzz/corpus/odt/simple.odt
       "$SRC"/tests/fuzz/corpus/odt/lists_tables.odt
       "$SRC"/tests/fuzz/corpus/odt/header_footer.odt)
for f in "${files[@]}"; do
  vanban text "$f" >text.txt || echo "$f: vanban text failed"
  vanban extract --format jsonl "$f" >record.jsonl || echo "$f: vanban extract failed"
  python3 - "$f" text.txt record.jsonl <<'PY'
import json, sys
name, tpath, rpath = sys.argv[1:4]
lines = open(tpath, encoding="utf-8").read().split("\n")
rec = json.loads(open(rpath, encoding="utf-8").readline())
ev = rec["evidence"]
bad = []
for key, e in sorted(ev.items()):
    n = e["line"]
    got = lines[n - 1].strip(" \t") if 1 <= n <= len(lines) else None
    if got is not None and len(got.encode()) > 1000:
        got = got.encode()[:1000].decode("utf-8", "ignore")
    if got != e["text"]:
        bad.append("%s: line %d is %r, the evidence says %r" % (key, n, got, e["text"]))
print("%s: %d evidence lines, %s" % (name, len(ev),
      "all equal to vanban text" if not bad else "%d differ" % len(bad)))
for b in bad:
    print("  " + b)
PY
done
