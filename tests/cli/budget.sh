# The query budget: past --timeout a command prints what it has, says so
# on stderr and exits with status 5.  VANBAN_BUDGET_STEPS=N stops the
# queries after N virtual machine instructions, whatever the machine's
# speed, so that running out of time is tested without timing anything.
. "$SRC/tests/cli/lib.bash"
unset VANBAN_TIMEOUT  # the other tests lift the limit; here the default is tested
cp -r "$SRC/corpus/seeds" seeds
vanban ingest -q seeds
stopped() { # stopped NAME ARGS...: run ARGS with a budget of one step
  local name=$1; shift
  VANBAN_BUDGET_STEPS=1 timeout 60 "$VANBAN" "$@" >out.txt; echo "$name: exit $?"
}
stopped search search giới
stopped paragraphs search --paragraphs giới
stopped facets search --facets giới
stopped similar similar --text "bình đẳng giới"
stopped similar-file similar seeds/000_296edb8d0f8b8cf7.txt:9
stopped show show 622/KH-UBND
stopped dump dump
stopped dump-csv dump --table references --format csv
stopped reports reports --to "UBND tỉnh"
stopped deadlines deadlines --after 2021-01-01
VANBAN_BUDGET_STEPS=1 timeout 60 "$VANBAN" ask "which deadlines fall in December?"
echo "ask: exit $?"
echo "-- what a stopped dump printed is whole rows"
VANBAN_BUDGET_STEPS=100 vanban dump --table references --format csv >out.txt
echo "exit $?"
python3 -c 'import csv,sys
rows = list(csv.reader(open("out.txt", newline="")))
print("some rows:", 1 < len(rows) < 13, "whole:", all(len(r) == len(rows[0]) for r in rows))'
echo "-- enough steps: the whole answer"
VANBAN_BUDGET_STEPS=100000000 vanban search --format csv giới | column source | wc -l
echo "-- --timeout"
vanban search --timeout 0 --format csv giới | column source | wc -l
vanban search --timeout 30 --format csv giới | column source | wc -l
vanban search --timeout 0.5x giới; echo "exit $?"
vanban dump --timeout -1; echo "exit $?"
VANBAN_BUDGET_STEPS=1 vanban search --timeout 2.5 giới; echo "exit $?"
echo "-- VANBAN_TIMEOUT sets the default; --timeout wins"
VANBAN_TIMEOUT=7 VANBAN_BUDGET_STEPS=1 vanban search giới; echo "exit $?"
VANBAN_TIMEOUT=7 VANBAN_BUDGET_STEPS=1 vanban search --timeout 3 giới; echo "exit $?"
VANBAN_TIMEOUT=soon vanban search giới; echo "exit $?"
echo "-- VANBAN_READ_SECONDS: 1 or more"
VANBAN_READ_SECONDS=0 vanban text seeds/000_296edb8d0f8b8cf7.txt >/dev/null; echo "exit $?"
VANBAN_READ_SECONDS=30 vanban text seeds/000_296edb8d0f8b8cf7.txt | wc -l
