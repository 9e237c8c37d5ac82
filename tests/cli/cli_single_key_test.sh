#!/usr/bin/env bash
# Reading one S3 key costs no HEAD (docs/architecture.md "Requests are a cost"): a text file is
# its first GET alone (it gives size and ETag), Parquet one suffix-range GET for the footer and
# then its column chunks, or, at most 1 MiB, the rest of the object; a key that is a folder is
# read as one; a missing key is NotFound with the message a HEAD gave. Exact LIST / GET / HEAD
# counts from --stats.
# Usage: cli_single_key_test.sh S3C_BINARY RGW_ENV_FILE
set -uo pipefail
. "$(dirname "$0")/lib.sh" "$@"

# LIST GET HEAD of a --stats file.
list_get_head() {
  local op
  for op in ListObjectsV2 GetObject HeadObject; do requests_of "$1" "$op"; done | xargs
}
B="s3://$BUCKET"
expect_rc 0 "mb" -- "$S3C" mb "$B"

# Text formats, compressed or not: one GET each (schema inference and the read share it).
printf 'a,b\n1,x\n2,y\n' > "$WORK/one.csv"
gzip -c "$WORK/one.csv" > "$WORK/one.csv.gz"
printf '{"a":1}\n{"a":2}\n' > "$WORK/one.jsonl"
for f in one.csv one.csv.gz one.jsonl; do
  expect_rc 0 "upload $f" -- "$S3C" cp -q "$WORK/$f" "$B/$f"
  expect_rc 0 "read $f" -- "$S3C" read -q -o csv --stats "$WORK/$f.json" "$B/$f"
  expect_eq "$f: LIST GET HEAD" "$(list_get_head "$WORK/$f.json")" "0 1 0"
done
expect_eq "one.jsonl: rows" "$(xargs < "$WORK/out")" "a 1 2"
expect_rc 0 "read one.csv.gz again" -- "$S3C" read -q -o csv "$B/one.csv.gz"
expect_eq "one.csv.gz: rows" "$(xargs < "$WORK/out")" "a,b 1,x 2,y"

# Parquet over 1 MiB: two row groups of about 750 KB (random letters do not compress), more
# than the 64 KiB footer guess each: the footer's suffix GET, then one GET per row group (its
# two adjacent column chunks merged).
# letters_csv ROWS: "id,name" rows with 24 random letters each.
letters_csv() {
  python3 - "$1" <<'PY'
import random, string, sys
r = random.Random(1)
print("id,name")
for i in range(int(sys.argv[1])):
    print(f"{i}," + "".join(r.choice(string.ascii_lowercase) for _ in range(24)))
PY
}
letters_csv 50000 > "$WORK/big.csv"
letters_csv 10000 > "$WORK/mid.csv"
# put_parquet NAME [CONVERT_OPTION...]: $WORK/NAME.csv as Parquet at $B/NAME.parquet, read back
# into $WORK/out with --stats in $WORK/NAME.json.
put_parquet() {
  local name=$1
  shift
  expect_rc 0 "convert $name" -- "$S3C" convert -q "$@" "$WORK/$name.csv" "$WORK/$name.parquet"
  expect_rc 0 "upload $name.parquet" -- "$S3C" cp -q "$WORK/$name.parquet" "$B/$name.parquet"
  expect_rc 0 "read $name.parquet" -- "$S3C" read -q -o csv --stats "$WORK/$name.json" "$B/$name.parquet"
}
put_parquet big --compression none --row-group-rows 25000
expect_eq "big.parquet: rows" "$(tail -n +2 "$WORK/out" | wc -l) $(tail -n +2 "$WORK/out" | sha1sum)" \
  "50000 $(tail -n +2 "$WORK/big.csv" | sha1sum)"
expect_eq "big.parquet: LIST GET HEAD" "$(list_get_head "$WORK/big.json")" "0 3 0"
# About 300 KB, under 1 MiB: the suffix GET, then one GET of the bytes before it; every byte
# fetched once.
put_parquet mid --compression none --row-group-rows 5000
expect_eq "mid.parquet: rows" "$(tail -n +2 "$WORK/out" | sha1sum)" "$(tail -n +2 "$WORK/mid.csv" | sha1sum)"
expect_eq "mid.parquet: LIST GET HEAD, bytes = size" \
  "$(list_get_head "$WORK/mid.json") $(stat_field "$WORK/mid.json" bytes_downloaded)" \
  "0 2 0 $(stat -c %s "$WORK/mid.parquet")"
# Smaller than the footer guess: the suffix GET brings the whole file, chunks are read from it.
printf 'id,name\n1,x\n2,y\n' > "$WORK/small.csv"
put_parquet small
expect_eq "small.parquet: rows" "$(xargs < "$WORK/out")" "id,name 1,x 2,y"
expect_eq "small.parquet: LIST GET HEAD" "$(list_get_head "$WORK/small.json")" "0 1 0"

# A virtual column of the object's details keeps the HEAD.
expect_rc 0 "read with _size" -- "$S3C" read -q -o csv --columns "a,_size" --stats "$WORK/size.json" "$B/one.csv"
expect_eq "_size: rows" "$(xargs < "$WORK/out")" "a,_size 1,12 2,12"
expect_eq "_size: LIST GET HEAD" "$(list_get_head "$WORK/size.json")" "0 1 1"

# A key that is a folder (no trailing '/'). With --format the GET finds no object, then the
# folder is listed; without, the name tells no format, so a HEAD asks before the LIST.
printf 'v\n1\n' > "$WORK/a.csv"
printf 'v\n2\n' > "$WORK/b.csv"
expect_rc 0 "upload folder/a.csv" -- "$S3C" cp -q "$WORK/a.csv" "$B/folder/a.csv"
expect_rc 0 "upload folder/b.csv" -- "$S3C" cp -q "$WORK/b.csv" "$B/folder/b.csv"
expect_rc 0 "read a folder without its '/'" -- "$S3C" read -q -o csv --stats "$WORK/folder.json" "$B/folder"
expect_eq "folder: rows" "$(xargs < "$WORK/out")" "v 1 2"
expect_eq "folder: LIST GET HEAD" "$(list_get_head "$WORK/folder.json")" "1 2 1"
expect_rc 0 "read a folder without its '/', --format csv" -- "$S3C" read -q -o csv --format csv \
  --stats "$WORK/folder-csv.json" "$B/folder"
expect_eq "folder --format csv: rows" "$(xargs < "$WORK/out")" "v 1 2"
expect_eq "folder --format csv: LIST GET HEAD" "$(list_get_head "$WORK/folder-csv.json")" "1 3 0"

# A missing key: NotFound (exit 3) with the message of the HEAD path (a listing filter keeps
# the HEAD), for a missing key and a missing folder alike.
expect_rc 3 "read a missing key" -- "$S3C" read -q --stats "$WORK/nope.json" "$B/nope.csv"
expect_grep "missing key: message" "$B/nope.csv: no object matches" "$WORK/err"
expect_eq "missing key: LIST GET HEAD" "$(list_get_head "$WORK/nope.json")" "1 1 0"
cp "$WORK/err" "$WORK/err.without-head"
expect_rc 3 "read a missing key with a filter (HEAD)" -- "$S3C" read -q --exclude 'x' "$B/nope.csv"
expect_eq "the same message after a HEAD" "$(cat "$WORK/err")" "$(cat "$WORK/err.without-head")"
expect_rc 3 "read a missing folder" -- "$S3C" read -q "$B/nofolder"
expect_grep "missing folder: message" "$B/nofolder: no object matches" "$WORK/err"
expect_rc 3 "read a missing folder, --format csv" -- "$S3C" read -q --format csv "$B/nofolder"
expect_grep "missing folder --format csv: message" "$B/nofolder: no object matches" "$WORK/err"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
