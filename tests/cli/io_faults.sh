# I/O failures (tests/fault/inject_io.c preloaded): a read or open that
# fails is reported in one line and the batch goes on; a write to the index
# that fails (disk error, disk full) stops the job with exit 3 and a clear
# message, and leaves a consistent index that a second run completes.
. "$SRC/tests/cli/lib.bash"
. "$SRC/tests/cli/reliability.bash"
mkdir docs
for n in a b c d; do
  printf 'Kế hoạch %s\nbình đẳng giới ở tỉnh %s\n' $n $n >docs/$n.txt
done
cp "$SRC/tests/fuzz/corpus/docx/parts.docx" docs/e.docx

echo "-- the first read of docs/b.txt fails"
VB_FAULT_PATH=docs/b.txt VB_FAULT_OP=read with_faults vanban ingest --jobs 1 --db r.db docs
echo "exit $?"
sources binh --db r.db
echo "-- reading docs/e.docx fails (vanban text)"
VB_FAULT_PATH=docs/e.docx VB_FAULT_OP=read with_faults vanban text docs/e.docx >/dev/null
echo "exit $?"
echo "-- opening docs/c.txt fails"
VB_FAULT_PATH=docs/c.txt VB_FAULT_OP=open VB_FAULT_ERRNO=EACCES with_faults vanban ingest --db o.db docs
echo "exit $?"
index_check o.db

# The Nth write to the index files fails, and every one after it.
for err in EIO ENOSPC; do
  for nth in 1 3 8 20; do
    rm -f w.db w.db-wal w.db-shm
    echo "-- write $nth to the index fails with $err"
    VB_FAULT_PATH=w.db VB_FAULT_OP=write VB_FAULT_NTH=$nth VB_FAULT_STICKY=1 \
      VB_FAULT_ERRNO=$err with_faults vanban ingest --batch 2 --db w.db docs
    echo "exit $?"
    [ -s w.db ] && index_check w.db | sed 's/: [0-9]* documents$//'
    vanban ingest -q --db w.db docs; echo "run again: exit $?"
    index_check w.db --sources
  done
done
