# Helpers for the command-line tests (sourced by each NAME.sh).
vanban() { "$VANBAN" "$@"; }
# column NAME: print one column of CSV on stdin (RFC 4180 parsed by Python).
column() {
  python3 -c 'import csv, sys
for row in csv.DictReader(sys.stdin):
    print(row[sys.argv[1]])' "$1"
}
# sources QUERY [OPTIONS]: the sources a search returns, sorted.
sources() { vanban search --format csv --limit 100 "$@" | column source | sort; }
