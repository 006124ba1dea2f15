# Text is stored once (index/stored.c, schema.sql): the stored record
# leaves out the evidence texts and the lists the list tables hold, each
# quoted line is in `lines` once per document, and the views give back the
# records and the evidence as extraction made them, to the plain sqlite3
# shell as well as to vanban.
. "$SRC/tests/cli/lib.bash"
cp -r "$SRC/corpus/seeds" seeds
cp "$SRC"/tests/heldout/docs/*.txt seeds/
vanban ingest --db s.db --quiet seeds; echo "exit $?"
vanban extract --format jsonl seeds/*.txt > extracted.jsonl
vanban dump --db s.db > dumped.jsonl
cmp -s extracted.jsonl dumped.jsonl && echo "vanban dump: the records extraction gives"
sqlite3 s.db "SELECT r.record FROM records r JOIN documents d ON d.id = r.doc_id
              ORDER BY d.source" > shell.jsonl
python3 - <<'PY'
import json
a = [json.loads(l) for l in open("extracted.jsonl", encoding="utf-8")]
b = [json.loads(l) for l in open("shell.jsonl", encoding="utf-8")]
same = [json.dumps(x, ensure_ascii=False) for x in a] == [json.dumps(y, ensure_ascii=False) for y in b]
print("sqlite3 alone: %d records, %s (members in the same order)" % (len(b), "the same" if same else "DIFFERENT"))
PY
# what is stored: no evidence text, every list as its number of items
sqlite3 s.db "SELECT count(*) FROM record_rows WHERE instr(record, '\"text\":') > 0"
sqlite3 s.db "SELECT DISTINCT json_type(record, '\$.units') || ' ' || json_type(record, '\$.reports')
              || ' ' || json_type(record, '\$.references') FROM record_rows"
# each quoted line once: as many rows as distinct (document, line) quoted
sqlite3 s.db "SELECT (SELECT count(*) FROM lines) > 0, (SELECT count(*) FROM lines) =
              (SELECT count(*) FROM (SELECT DISTINCT r.doc_id, json_extract(e.value, '\$.line')
               FROM records r, json_each(r.record, '\$.evidence') e))"
# the list views' evidence is the record's, row by row
for t in refs:references recipients:recipients units:units deadlines:deadlines reports:reports; do
  sqlite3 s.db "SELECT '${t%%:*}', count(*), sum(x.evidence IS NOT json_extract(r.record,
                '\$.evidence.\"${t#*:}[' || x.seq || ']\".text')) FROM ${t%%:*} x
                JOIN records r ON r.doc_id = x.doc_id"
done
