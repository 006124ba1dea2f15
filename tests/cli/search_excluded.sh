# An excluded phrase or group adds none of its words to what a paragraph
# must hold: the strict paragraph search (--all-words, and every query with
# operators) finds the paragraphs without the phrase, and none with it.
. "$SRC/tests/cli/lib.bash"
cp -r "$SRC/corpus/seeds" seeds
vanban ingest -q seeds
count() { vanban search --paragraphs --all-words --format csv --limit 1000 "$1" | column source | wc -l; }
holding() { # paragraphs of the results whose text holds $2
  vanban search --paragraphs --all-words --format json --limit 1000 "$1" |
    python3 -c 'import json,sys
w = sys.argv[1]
print(sum(1 for h in json.load(sys.stdin) if w in h["text"].lower()))' "$2"
}
for q in 'báo cáo' 'báo cáo -"Sơn La"' 'báo cáo NOT "Sơn La"' 'báo cáo -("Sơn La" OR Mường)'; do
  echo "$q: $(count "$q") paragraphs, $(holding "$q" "sơn la") holding \"Sơn La\""
done
