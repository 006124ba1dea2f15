# The index path: --db, $VANBAN_DB, a missing index, a file that is not one.
. "$SRC/tests/cli/lib.bash"
printf 'Kế hoạch về bình đẳng giới\n' > a.txt
vanban search x; echo "exit $?"
VANBAN_DB=env.db vanban ingest -q a.txt; ls env.db
vanban --help >/dev/null
VANBAN_DB=env.db sources 'binh'
vanban ingest -q --db other.db a.txt; ls other.db
echo 'hello' > notdb.db
vanban ingest --db notdb.db a.txt; echo "exit $?"
vanban search --db notdb.db x; echo "exit $?"
sqlite3 foreign.db 'CREATE TABLE t(x)'
vanban ingest --db foreign.db a.txt; echo "exit $?"
sqlite3 other.db "UPDATE meta SET value = '0' WHERE key = 'schema_version'"
vanban search --db other.db binh; echo "exit $?"
