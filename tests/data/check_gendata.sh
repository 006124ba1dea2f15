#!/usr/bin/env bash
# check_gendata.sh PYTHON SRC: the data generator (cmake/gendata.py) refuses
# a malformed data file with its file, line and reason, and writes nothing.
# Each case is a small file (or one broken row in a copy of data/) and the
# one-line error it must give.
set -u
py=${1:?usage: check_gendata.sh PYTHON SOURCE_DIR}
src=${2:?usage: check_gendata.sh PYTHON SOURCE_DIR}
gen=$src/cmake/gendata.py
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fails=0

# expect NAME WANT CMD...: CMD fails with exactly the line WANT on stderr
expect() {
  local name=$1 want=$2
  shift 2
  local got
  got=$("$@" 2>&1 >/dev/null)
  local rc=$?
  if [ $rc -ne 1 ] || [ "$got" != "$want" ]; then
    echo "FAIL $name: status $rc"
    echo "   got: $got"
    echo "  want: $want"
    fails=$((fails + 1))
  else
    echo "ok   $name"
  fi
}

# rules NAME WANT: the rule file on stdin
rules() {
  cat > "$tmp/rules.txt"
  rm -rf "$tmp/out"
  expect "$1" "$2" "$py" "$gen" rules "$tmp" "$tmp/rules.txt" "$tmp/out"
  if [ -e "$tmp/out/rules_gen.c" ]; then
    echo "FAIL $1: wrote rules_gen.c"
    fails=$((fails + 1))
  fi
}

rules unknown_key "rules.txt:4: unknown key 'patern' (known: field, pattern, need, flags, comment, example)" <<'R'
# a rule with a misspelt key
field: number
pattern: ^Số
patern: x
comment: c
example: Số
R

rules missing_example "rules.txt:1: missing 'example'" <<'R'
field: number
pattern: ^Số
comment: the number line
R

rules missing_pattern "rules.txt:2: missing 'pattern'" <<'R'

field: number
comment: c
example: Số
R

rules duplicate_rule "rules.txt:6: the same rule as line 1" <<'R'
field: number
pattern: ^Số
comment: c
example: Số

field: number
pattern: ^S
  ố
comment: the same pattern written on two lines
example: Số
R

rules undefined_block "rules.txt:2: '{{DATE}}' is not defined above" <<'R'
field: date
pattern: ngày {{DATE}}
comment: c
example: ngày 1/1/2020
R

rules unused_block "rules.txt:1: 'DATE' is never used" <<'R'
define: DATE
pattern: \d+/\d+/\d{4}

field: number
pattern: ^Số
comment: c
example: Số
R

rules unknown_flag "rules.txt:3: unknown flag 'caseles' (known: caseless)" <<'R'
field: number
pattern: ^Số
flags: caseles
comment: c
example: Số
R

rules empty_need "rules.txt:3: an empty alternative in 'need' would let every text through" <<'R'
field: number
pattern: ^Số
need: Số|
comment: c
example: Số
R

rules trailing_space 'rules.txt:4: trailing white space (quote a value that ends with a space: "value ")' <<'R'
field: number
pattern: ^Số
comment: c
example: Số 
R

rules no_field "rules.txt:1: a rule needs 'field' (or 'define' for a building block)" <<'R'
pattern: ^Số
comment: c
example: Số
R

rules continuation "rules.txt:1: continuation line without a key before it" <<'R'
  ^Số
R

# question forms: the rule format without the keys of the extractor
cat > "$tmp/questions.txt" <<'Q'
field: reports_to
pattern: ^who reports to (?<unit>.+)
need: report
comment: who reports to X
example: who reports to the Labour department
Q
expect question_key "questions.txt:3: unknown key 'need' (known: field, pattern, comment, example)" \
  "$py" "$gen" questions "$tmp" "$tmp/questions.txt" "$tmp/out"

# names CASE TABLE SED WANT: data/ copied, one edit of TABLE.tsv
names() {
  rm -rf "$tmp/data" "$tmp/out"
  cp -r "$src/data" "$tmp/data"
  sed -i "$3" "$tmp/data/$2.tsv"
  expect "$1" "$4" "$py" "$gen" names "$tmp" "$tmp/data" "$tmp/out"
  if [ -n "$(ls "$tmp/out" 2>/dev/null)" ]; then
    echo "FAIL $1: wrote $(ls "$tmp/out" | head -1)"
    fails=$((fails + 1))
  fi
}

names district_province districts 's/\tYên Bái$/\tYen Bai/' \
  "data/districts.tsv:$(grep -n $'\tYên Bái$' "$src/data/districts.tsv" | head -1 | cut -d: -f1): 'Yen Bai' is not a name of data/provinces.tsv"
names province_kind provinces 's/^Sơn La\ttỉnh/Sơn La\ttinh/' \
  "data/provinces.tsv:$(grep -n $'^Sơn La\t' "$src/data/provinces.tsv" | cut -d: -f1): 'kind' is 'tinh', not one of: tỉnh, thành phố"
names body_scope bodies 's/\tnational$/\tnation/' \
  "data/bodies.tsv:$(grep -n $'\tnational$' "$src/data/bodies.tsv" | head -1 | cut -d: -f1): 'scope' is 'nation', not one of: national, level, province, none, party"
names cells doctypes 's/^Kế hoạch\t\tKH$/Kế hoạch\tKH/' \
  "data/doctypes.tsv:$(grep -n $'^Kế hoạch\t' "$src/data/doctypes.tsv" | cut -d: -f1): 2 cells, the header has 3 (cells are separated by one tab; an empty cell is nothing between two tabs)"
names header offices 's/^name$/office/' \
  "data/offices.tsv:$(grep -n '^name$' "$src/data/offices.tsv" | cut -d: -f1): the header must be \"name\" (tab-separated)"
names duplicate offices '$a Chủ tịch' \
  "data/offices.tsv:$(($(wc -l < "$src/data/offices.tsv") + 1)): the same name as line $(grep -n '^Chủ tịch$' "$src/data/offices.tsv" | cut -d: -f1)"

if [ $fails -ne 0 ]; then
  echo "$fails case(s) failed"
  exit 1
fi
echo "gendata: every malformed file is refused with its line"
