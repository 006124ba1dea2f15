# One document, several files: the quick start corpus holds each seed plan as
# .txt and two .docx; searches, facets and answers count documents.  Another
# province's plan from the same template is another document; an unsigned
# draft of a plan (no number, no day, a sentence changed) is a version of
# it, found when it is ingested after the plan.
. "$SRC/tests/cli/lib.bash"
cp -r "$SRC/corpus" corpus
vanban ingest -q corpus
echo "-- search: one result per plan, its other files listed"
vanban search --color never "bình đẳng giới" | grep -v '^   [^ao]'
echo "-- facets count plans"
vanban search --format json --facets "bình đẳng giới" | python3 -c 'import json,sys
d=json.load(sys.stdin)
print(len(d["results"]), "results;", " ".join("%s=%d" % (f["value"], f["count"]) for f in d["facets"]["province"]))
print(sorted(a["kind"] for a in d["results"][0]["also"]))'
echo "-- ask counts the duties of plans, not of files"
vanban ask "which units report to the Labour department?" | head -1
echo "-- a template plan of another province and a draft, ingested later"
mkdir later
cp "$SRC/tests/fixtures/works/template_caobang.txt" "$SRC/tests/fixtures/works/draft_001.txt" later/
vanban ingest -q later
sqlite3 vanban.db "SELECT d.source, d.format, w.kind, coalesce(w.matched_by, '-'), w.rep, (SELECT count(*) FROM works o WHERE o.work_id = w.work_id) FROM works w JOIN documents d ON d.id = w.doc_id ORDER BY d.source"
echo "-- the plan, its copies and its draft"
vanban search --color never "Bắc Kạn" | grep -v '^   [^ao]'
echo "-- dump (by default, and --one-per-document): the file standing for each document"
vanban dump --one-per-document --format csv | column source
echo "reports of every file: $(vanban dump --every-file --table reports --format csv | column source | wc -l), of each document: $(vanban dump --table reports --format csv | column source | wc -l), with -o: $(vanban dump -o --table reports --format csv | column source | wc -l)"
