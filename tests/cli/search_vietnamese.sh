# Tone-mark-aware search on the sample corpus (one document each line).
. "$SRC/tests/cli/lib.bash"
cp -r "$SRC/corpus/seeds" seeds
vanban ingest -q seeds
for q in "binh dang gioi" "bình đẳng giới" "Sở Lao động" "so lao dong" \
         "BÌNH ĐẲNG GIỚI" "bình đẳng giớ*" "bạn" "ban" "hoà" "hòa" \
         '"lao động" -"Sơn La"' "(Điện Biên OR Sơn La) bình"; do
  echo "-- $q"
  sources "$q"
done
echo "-- --province Bắc Ninh (Bắc Giang merged into it in 2025)"
sources --province "Bắc Ninh" "ke hoach"
echo "-- --province bac giang --year 2023"
sources --province "bac giang" --year 2023 "ke hoach"
echo "-- similar: a sentence of seed 000 typed without tone marks"
vanban similar --limit 1 --format csv --text "Tao su chuyen bien manh me ve nhan thuc cua cac cong chuc, vien chuc va lao dong cua co quan nham thuc hien binh dang gioi" | column source
echo "-- similar: the same paragraph by FILE:LINE finds other documents only"
vanban similar --format csv seeds/000_296edb8d0f8b8cf7.txt:9 | column source | sort -u
echo "-- paragraphs"
vanban search --paragraphs --limit 2 --format csv '"gửi về Sở Lao động"' | column line
echo "-- facets"
vanban search --facets --format json "binh dang gioi" | python3 -c 'import json,sys
d=json.load(sys.stdin)
for k in ("province","year"):
    print(k, sorted((str(v["value"]), v["count"]) for v in d["facets"][k]))'
