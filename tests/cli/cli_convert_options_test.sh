#!/usr/bin/env bash
# Format, compression and output options of `read` / `schema` / `convert`, checked by the bytes
# written (convert's Parquet files through parquet_pages.py, a reader independent of s3c), and
# the glob forms and hidden-file skipping of a read on S3 and on a local folder.
# Usage: cli_convert_options_test.sh S3C_BINARY RGW_ENV_FILE
set -uo pipefail
. "$(dirname "$0")/lib.sh" "$@"

D=$WORK/d
mkdir -p "$D"
size_of() { stat -c %s "$1"; }
magic_of() { head -c 4 "$1" | od -An -tx1 | tr -d ' \n'; }
# parquet_facts FILE EXPR: a Python expression over `p`, the file as parquet_pages.py reads it.
parquet_facts() {
  python3 "$CLI_TESTS/parquet_pages.py" "$1" > "$WORK/pages.json" &&
    python3 -c 'import json, sys; p = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$WORK/pages.json" "$2"
}
CODECS='sorted({c["codec"] for g in p["row_groups"] for c in g["columns"]})'
PAGES='sorted({t for g in p["row_groups"] for c in g["columns"] for t in c["pages"]})'
python3 -c 'import sys
with open(sys.argv[1], "w") as f:
    f.write("id,name,v\n")
    for i in range(20000): f.write(f"{i},name number {i % 97},{i * 7}\n")' "$D/rows.csv"

# --- --format: the default comes from the name, after a compression extension ----------------
printf 'a,b\n1,x\n' > "$D/data.dat"
expect_rc 2 "no format from the name" -- "$S3C" read "$D/data.dat"
expect_grep "asks for the format" "cannot tell the format from the name" "$WORK/err"
expect_rc 0 "--format csv" -- "$S3C" read -q -o jsonl --format csv "$D/data.dat"
expect_eq "--format csv rows" "$(cat "$WORK/out")" '{"a":1,"b":"x"}'
printf 'a\tb\n1\tx\n' > "$D/tabs.dat"
expect_rc 0 "--format tsv" -- "$S3C" read -q -o jsonl --format tsv "$D/tabs.dat"
expect_eq "--format tsv rows" "$(cat "$WORK/out")" '{"a":1,"b":"x"}'
printf '{"a":1}\n' > "$D/events.log"
expect_rc 0 ".log is text" -- "$S3C" read -q -o jsonl "$D/events.log"
expect_eq ".log rows" "$(cat "$WORK/out")" '{"line":"{\"a\":1}"}'
expect_rc 0 "--format jsonl" -- "$S3C" read -q -o jsonl --format jsonl "$D/events.log"
expect_eq "--format jsonl rows" "$(cat "$WORK/out")" '{"a":1}'
printf '[{"a":1},{"a":2}]' > "$D/array.txt"
expect_rc 0 "--format json" -- "$S3C" read -q -o jsonl --format json "$D/array.txt"
expect_eq "--format json rows" "$(cat "$WORK/out")" '{"a":1}
{"a":2}'
expect_rc 2 "--format xml" -- "$S3C" read --format xml "$D/array.txt"

# --- input compression: magic bytes first, then the name; --compression forces a codec ------
gzip -c "$D/data.dat" > "$D/gzipped.csv"
zstd -q -c "$D/data.dat" > "$D/zstd.dat"
expect_rc 0 "gzip found by its magic bytes" -- "$S3C" read -q -o csv "$D/gzipped.csv"
expect_eq "gzip rows" "$(cat "$WORK/out")" "$(cat "$D/data.dat")"
expect_rc 0 "zstd found by its magic bytes" -- "$S3C" read -q -o csv --format csv "$D/zstd.dat"
expect_eq "zstd rows" "$(cat "$WORK/out")" "$(cat "$D/data.dat")"
expect_rc 5 "--compression none reads gzip bytes as text" -- "$S3C" read --compression none "$D/gzipped.csv"
expect_rc 5 "--compression gzip on a plain file" -- "$S3C" read --compression gzip --format csv "$D/data.dat"
expect_grep "says it is not gzip" "not gzip data" "$WORK/err"
expect_rc 2 "--compression rar" -- "$S3C" read --compression rar "$D/data.dat"
expect_rc 5 "convert --input-compression none" -- "$S3C" convert --input-compression none "$D/gzipped.csv" "$D/x.jsonl"
expect_rc 0 "convert --input-compression zstd" -- "$S3C" convert -q --input-compression zstd --format csv "$D/zstd.dat" "$D/z.csv"
expect_eq "convert of the zstd input" "$(cat "$D/z.csv")" "$(cat "$D/data.dat")"

# --- --output, --columns, --limit, --quiet ---------------------------------------------------
printf 'id,name\n1,"a,b"\n2,\n' > "$D/out.csv"
expect_rc 0 "--output table" -- "$S3C" read -o table "$D/out.csv"
expect_eq "table" "$(cat "$WORK/out")" 'id    | name
int64 | string
------+-------
1     | a,b
2     | NULL'
expect_grep "the run report on stderr" "^s3c: 2 rows from 1 of 1 object\(s\)$" "$WORK/err"
expect_rc 0 "--output csv" -- "$S3C" read -q -o csv "$D/out.csv"
expect_eq "csv" "$(cat "$WORK/out")" "$(cat "$D/out.csv")"
expect_rc 0 "--output tsv" -- "$S3C" read -q --output tsv "$D/out.csv"
expect_eq "tsv" "$(cat "$WORK/out")" "$(printf 'id\tname\n1\ta,b\n2\t')"
expect_rc 0 "--output json" -- "$S3C" read -q --output json "$D/out.csv"
expect_eq "json array" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])))' "$WORK/out")" \
  "[{'id': 1, 'name': 'a,b'}, {'id': 2, 'name': None}]"
expect_rc 2 "--output parquet" -- "$S3C" read --output parquet "$D/out.csv"
expect_rc 0 "table shows 50 rows by default" -- "$S3C" read "$D/rows.csv"
expect_eq "table lines (header, types, rule, 50 rows)" "$(wc -l < "$WORK/out")" 53
expect_grep "and says so" "showing the first 50 rows" "$WORK/err"
expect_rc 0 "--quiet read" -- "$S3C" read --quiet "$D/rows.csv"
expect_eq "--quiet: no report, no note" "$(cat "$WORK/err")" ""
expect_rc 0 "--columns and --limit" -- "$S3C" read -q -o csv --columns v,id --limit 2 "$D/rows.csv"
expect_eq "projected, reordered, limited" "$(cat "$WORK/out")" 'v,id
0,0
7,1'

# --- convert: --to, text compression and --level ----------------------------------------------
expect_rc 2 "no output format from the name" -- "$S3C" convert "$D/rows.csv" "$D/out.dat"
expect_rc 0 "convert --to jsonl" -- "$S3C" convert -q --to jsonl "$D/rows.csv" "$D/out.dat"
expect_eq "first JSON line" "$(head -1 "$D/out.dat")" '{"id":0,"name":"name number 0","v":0}'
expect_rc 0 "convert --compression gzip" -- "$S3C" convert -q --compression gzip "$D/rows.csv" "$D/gz.csv"
expect_eq "gzip magic, same text" "$(magic_of "$D/gz.csv") $(gzip -dc "$D/gz.csv" | cmp -s - "$D/rows.csv" && echo same)" "1f8b0800 same"
for level in 1 19; do
  expect_rc 0 "convert --level $level (zstd from the name)" -- "$S3C" convert -q --level "$level" "$D/rows.csv" "$D/l$level.csv.zst"
done
expect_eq "zstd magic, same text" "$(magic_of "$D/l1.csv.zst") $(zstd -dcq "$D/l19.csv.zst" | cmp -s - "$D/rows.csv" && echo same)" "28b52ffd same"
[ "$(size_of "$D/l19.csv.zst")" -lt $(($(size_of "$D/l1.csv.zst") * 9 / 10)) ] && ok "zstd --level 19 is >10% smaller than 1" ||
  bad "zstd sizes: $(size_of "$D/l1.csv.zst") at 1, $(size_of "$D/l19.csv.zst") at 19"
for level in 0 9; do "$S3C" convert -q --compression gzip --level "$level" "$D/rows.csv" "$D/g$level.csv.gz"; done
[ "$(size_of "$D/g9.csv.gz")" -lt "$(size_of "$D/g0.csv.gz")" ] && ok "gzip --level 9 is smaller than 0" ||
  bad "gzip sizes: $(size_of "$D/g0.csv.gz") at 0, $(size_of "$D/g9.csv.gz") at 9"
expect_rc 2 "gzip --level 12" -- "$S3C" convert --compression gzip --level 12 "$D/rows.csv" "$D/g12.csv.gz"

# --- convert to Parquet: codec, level, row groups, page version -------------------------------
expect_rc 0 "convert to Parquet, defaults" -- "$S3C" convert -q "$D/rows.csv" "$D/default.parquet"
expect_eq "default: snappy, one row group, v1 data pages" \
  "$(parquet_facts "$D/default.parquet" "[$CODECS, len(p['row_groups']), $PAGES, p['version']]")" \
  "[['SNAPPY'], 1, ['DATA_PAGE', 'DICTIONARY_PAGE'], 1]"
expect_rc 0 "the Parquet file reads back" -- "$S3C" read -q -o csv "$D/default.parquet"
cmp -s "$WORK/out" "$D/rows.csv" && ok "csv -> parquet -> csv is identical" || bad "parquet round trip differs"
for codec in zstd gzip lz4_raw brotli none; do
  "$S3C" convert -q --compression "$codec" "$D/rows.csv" "$D/$codec.parquet"
  echo "$codec $(parquet_facts "$D/$codec.parquet" "$CODECS")"
done > "$WORK/codecs"
expect_eq "--compression per Parquet codec" "$(cat "$WORK/codecs")" "zstd ['ZSTD']
gzip ['GZIP']
lz4_raw ['LZ4_RAW']
brotli ['BROTLI']
none ['UNCOMPRESSED']"
expect_rc 2 "--compression lzo for Parquet" -- "$S3C" convert --compression lzo "$D/rows.csv" "$D/lzo.parquet"
for level in 1 19; do "$S3C" convert -q --compression zstd --level "$level" "$D/rows.csv" "$D/z$level.parquet"; done
[ "$(size_of "$D/z19.parquet")" -lt "$(size_of "$D/z1.parquet")" ] && ok "Parquet zstd --level 19 is smaller than 1" ||
  bad "Parquet zstd sizes: $(size_of "$D/z1.parquet") at 1, $(size_of "$D/z19.parquet") at 19"
expect_rc 0 "--row-group-rows 6000 --page-v2" -- \
  "$S3C" convert -q --row-group-rows 6000 --page-v2 "$D/rows.csv" "$D/v2.parquet"
expect_eq "row groups of 6000 rows, v2 data pages" \
  "$(parquet_facts "$D/v2.parquet" "[[g['rows'] for g in p['row_groups']], $PAGES, p['version']]")" \
  "[[6000, 6000, 6000, 2000], ['DATA_PAGE_V2', 'DICTIONARY_PAGE'], 2]"
expect_rc 0 "schema --verbose" -- "$S3C" schema --verbose "$D/v2.parquet"
expect_grep "verbose: row group count" "^row groups: 4$" "$WORK/out"
expect_grep "verbose: codec and sizes" "^  name: SNAPPY, encodings .*, 6000 values, [0-9]+ bytes compressed" "$WORK/out"
expect_grep "verbose: physical and logical types" "^  name: BYTE_ARRAY STRING -> string" "$WORK/out"
expect_rc 0 "schema --json" -- "$S3C" schema --json "$D/v2.parquet"
expect_eq "schema --json columns" "$(python3 -c 'import json,sys; print([(c["name"], c["type"]) for c in json.load(open(sys.argv[1]))["columns"]])' "$WORK/out")" \
  "[('id', 'int64'), ('name', 'string'), ('v', 'int64')]"
cp "$D/v2.parquet" "$D/v2.bin"
expect_rc 0 "--format parquet" -- "$S3C" read -q -o csv --format parquet "$D/v2.bin"
cmp -s "$WORK/out" "$D/rows.csv" && ok "--format parquet reads the rows" || bad "--format parquet rows"

# --- globs and hidden files, on S3 and in a local folder --------------------------------------
mkdir -p "$D/g/sub"
for f in 2024-01 2024-02 2025-01 sub/2024-03 sub/_tmp; do printf 'f\n%s\n' "$f" > "$D/g/$f.csv"; done
printf 'f\nSUCCESS\n' > "$D/g/_SUCCESS"
printf 'f\ncrc\n' > "$D/g/.2024-01.csv.crc"
expect_rc 0 "mb" -- "$S3C" mb "s3://$BUCKET"
"$S3C" -q cp --recursive "$D/g" "s3://$BUCKET/g/"
python3 "$CLI_TESTS/../support/s3util.py" put "$BUCKET" g/marker/
while read -r pattern want; do
  for root in "s3://$BUCKET/" "$D/"; do
    expect_rc 0 "read $root$pattern" -- "$S3C" read -q -o csv "$root$pattern"
    expect_eq "rows of $root$pattern" "$(tail -n +2 "$WORK/out" | xargs)" "${want//,/ }"
  done
done <<'GLOBS'
g/ 2024-01,2024-02,2025-01,sub/2024-03
g/2024-*.csv 2024-01,2024-02
g/**.csv 2024-01,2024-02,2025-01,sub/2024-03,sub/_tmp
g/202?-01.csv 2024-01,2025-01
g/2024-0[1-2].csv 2024-01,2024-02
g/{2024-02,2025-01}.csv 2024-02,2025-01
GLOBS
expect_rc 0 "a prefix read: one LIST, a GET per file, no HEAD" -- "$S3C" read -q --stats "$WORK/g.json" "s3://$BUCKET/g/"
expect_eq "ListObjectsV2 GetObject HeadObject" \
  "$(for op in ListObjectsV2 GetObject HeadObject; do requests_of "$WORK/g.json" $op; done | xargs)" "1 4 0"
expect_rc 0 "schema --json of the prefix" -- "$S3C" schema --json "s3://$BUCKET/g"
expect_eq "files of the prefix (no _SUCCESS, .crc, marker)" \
  "$(python3 -c 'import json,sys; print([f["uri"].split("/g/")[1] for f in json.load(open(sys.argv[1]))["files"]])' "$WORK/out")" \
  "['2024-01.csv', '2024-02.csv', '2025-01.csv', 'sub/2024-03.csv']"

"$S3C" -q rm --recursive "s3://$BUCKET/"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
