# Bad inputs among good ones (tests/fixtures/make_bad.sh): each bad file is
# reported in one line with its reason, every good one is indexed, the exit
# status says some failed, nothing is written outside the index, and the
# peak memory (counted by getrusage) stays under 500 MB.
. "$SRC/tests/cli/lib.bash"
. "$SRC/tests/cli/reliability.bash"
mkdir -p in/good
bash "$SRC/tests/fixtures/make_bad.sh" in/bad
cp "$SRC"/corpus/seeds/*.txt in/good/
for f in docx/simple.docx docx/table.docx docx/parts.docx odt/simple.odt odt/lists_tables.odt; do
  cp "$SRC/tests/fuzz/corpus/$f" in/good/
done
printf 'Kế hoạch trong thư mục có dấu\n' >in/good/thư_mục.txt
# Hostile but readable: a 50 MB line and a 5 MB word (within the limits),
# and a DOCX whose
# odd entry names (../../evil.xml, /tmp/abs.xml) are never used as paths.
mv in/bad/long_line.txt in/bad/long_word.txt in/bad/traversal.docx in/good/
# Unreadable: chmod does not stop root, so then the fault shim refuses the
# open with the same error.
printf 'Kế hoạch không đọc được\n' >in/bad/unreadable.txt
chmod 000 in/bad/unreadable.txt
export VB_FAULT_PATH=in/bad/unreadable.txt VB_FAULT_OP=open VB_FAULT_ERRNO=EACCES VB_FAULT_STICKY=1
mkfifo in/bad/fifo.txt  # skipped inside a directory; refused when named

# Count the peak memory of the whole run (with a small quarantine in the
# sanitizer build, whose default alone holds 256 MB); a hang guard, no
# measure of time.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16"
with_faults peak_kb peak.txt "$VANBAN" ingest --db bad.db in in/bad/fifo.txt >out.txt 2>err.txt
echo "exit $?"
cat out.txt
chmod 644 in/bad/unreadable.txt
echo "-- reported (one line each)"
sort err.txt
echo "-- every line names a file and a reason: $(grep -cv '^vanban: [^:]*: .' err.txt) lines do not"
echo "-- indexed"
sqlite3 bad.db 'SELECT source FROM documents ORDER BY source'
echo "-- good files missing: $(for f in in/good/*; do grep -qx "$f" <(sqlite3 bad.db 'SELECT source FROM documents') || echo "$f"; done)"
echo "-- written outside the index: $(ls evil.xml ../evil.xml ../../evil.xml /tmp/abs.xml 2>/dev/null)"
index_check bad.db
kb=$(cat peak.txt)
echo "peak memory under 500 MB: $([ "$kb" -lt 512000 ] && echo yes || echo "no ($kb KB)")"
