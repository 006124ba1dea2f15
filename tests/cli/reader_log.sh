# A read command leaves the write-ahead log where it is (it checkpoints
# nothing and deletes nothing: the next command opens the files instead of
# making them again), and what later ingests add is still read.
. "$SRC/tests/cli/lib.bash"
log() { [ -e vanban.db-wal ] && echo "$1: log kept" || echo "$1: no log"; }
mkdir d
printf 'Kế hoạch một: phòng chống thiên tai\n' > d/a.txt
vanban ingest -q d
log "after ingest"
sources 'thien tai'
log "after search"
vanban deadlines >/dev/null
log "after deadlines"
printf 'Kế hoạch hai: thiên tai và bão lũ\n' > d/b.txt
vanban ingest -q d
sources 'thien tai'
log "after search"
