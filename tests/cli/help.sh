# Every subcommand answers --help on stdout with exit 0; --version works;
# unknown commands and options fail with exit 2.
. "$SRC/tests/cli/lib.bash"
vanban --version | sed 's/[0-9][0-9.]*/X/'
for c in ingest search show extract dump text; do
  vanban $c --help > h.txt; code=$?
  echo "$c: exit $code, $(head -1 h.txt | cut -d' ' -f1-3)"
done
vanban frobnicate; echo "exit $?"
vanban search --bogus x; echo "exit $?"
vanban search; echo "exit $?"
vanban search --format xml x; echo "exit $?"
