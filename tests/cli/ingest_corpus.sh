# Ingest the sample corpus, search it, ingest again (all unchanged).
. "$SRC/tests/cli/lib.bash"
cp -r "$SRC/corpus" corpus
vanban ingest corpus
echo "-- search: bình đẳng giới"
sources "bình đẳng giới"
echo "-- search: Sở Lao động"
sources "Sở Lao động"
echo "-- second ingest"
vanban ingest corpus
echo "-- snippet highlights the phrase"
vanban search --color never --limit 1 '"Tháng hành động vì Bình đẳng giới"' | grep -c '«Tháng hành động vì Bình đẳng giới»'
