#!/usr/bin/env bash
# `s3c convert` as a one-step pipeline: --where, datasets (DST a folder or prefix) with
# --partition-by, the five --mode values, the commit files, rolling by --max-rows-per-file,
# the write flags' messages (the pipeline keys' own, named as flags), and a single file or
# stdout as before. Each result is read back with `s3c read`, and the Hive folders by DuckDB
# (the tests/oracle package) when it is installed.
# Usage: cli_convert_dataset_test.sh S3C_BINARY RGW_ENV_FILE
set -uo pipefail
. "$(dirname "$0")/lib.sh" "$@"

"$S3C" mb -q "s3://$BUCKET" || { echo "cannot make bucket $BUCKET"; exit 1; }
D=$WORK/d
mkdir -p "$D"
cat > "$D/events.csv" <<'EOF'
id,day,kind,amount
1,2024-01-01,a,10
2,2024-01-01,b,60
3,2024-01-02,a,70
4,2024-01-02,b,20
5,2024-01-03,a,80
6,2024-01-03,b,30
EOF
cat > "$D/day2.csv" <<'EOF'
id,day,kind,amount
7,2024-01-02,c,99
EOF

# rows_of URI [read options...]: the rows s3c reads, as CSV id,day,kind,amount, sorted by id.
rows_of() {
  local uri=$1
  shift
  "$S3C" read -q -o csv --columns id,day,kind,amount "$uri" "$@" 2>"$WORK/read.err" |
    (IFS= read -r header; echo "$header"; LC_ALL=C sort -t, -k1,1n)
}
# ids_of URI: the ids read there, space-separated, ascending.
ids_of() { rows_of "$1" | tail -n +2 | cut -d, -f1 | tr '\n' ' ' | sed 's/ $//'; }
# keys_under PREFIX_URI: the keys below it, one per line, sorted, relative to it.
keys_under() {
  "$S3C" ls -q --recursive "$1" 2>/dev/null | awk '{print $NF}' | sed "s|^$1||" | LC_ALL=C sort
}

# --- --where keeps exactly the matching rows (single file, mode replace as before) ----------
expect_rc 0 "convert --where" -- "$S3C" convert --where "amount > 50" "$D/events.csv" "$D/big.csv"
expect_eq "rows where amount > 50" "$(cat "$D/big.csv")" 'id,day,kind,amount
2,2024-01-01,b,60
3,2024-01-02,a,70
5,2024-01-03,a,80'
expect_grep "the run report: rows out of rows read, filtered" \
  "^pipeline convert: 3 rows out of 6 read .*3 filtered out" "$WORK/err"
expect_rc 0 "a second convert to the same file replaces it" -- \
  "$S3C" convert -q --where "kind = 'b'" "$D/events.csv" "$D/big.csv"
expect_eq "replaced file" "$(cut -d, -f1 "$D/big.csv" | tr '\n' ' ')" "id 2 4 6 "
expect_rc 5 "--mode error keeps an existing file" -- \
  "$S3C" convert --mode error "$D/events.csv" "$D/big.csv"
expect_grep "names the file and the flag" "big.csv already exists \(--mode error\)" "$WORK/err"
expect_rc 0 "--mode ignore leaves it" -- "$S3C" convert -q --mode ignore "$D/events.csv" "$D/big.csv"
expect_eq "file kept" "$(cut -d, -f1 "$D/big.csv" | tr '\n' ' ')" "id 2 4 6 "
expect_rc 0 "stdout as before" -- "$S3C" convert -q --to jsonl --where "id = 3" "$D/events.csv" -
expect_eq "stdout rows" "$(cat "$WORK/out")" '{"id":3,"day":"2024-01-02","kind":"a","amount":70}'
expect_rc 2 "--json beside stdout rows" -- "$S3C" convert --json --to csv "$D/events.csv" -
mkdir -p "$D/two"
printf 'id\n1\n' > "$D/two/a.csv"
printf 'id,extra\n2,x\n' > "$D/two/b.csv"
expect_rc 0 "convert a folder whose schema drifts" -- "$S3C" convert "$D/two/" "$D/two.csv"
expect_grep "the report names the drift" "^  schema drift: .*b\.csv: column extra added" "$WORK/err"
expect_eq "both files' rows" "$(cat "$D/two.csv")" 'id,extra
1,
2,x'

# --- a partitioned dataset on S3: Hive folders, commit record, _SUCCESS ----------------------
DS=s3://$BUCKET/ds/
expect_rc 0 "convert --partition-by day to a prefix" -- \
  "$S3C" convert --json --to parquet --partition-by day "$D/events.csv" "$DS"
expect_eq "report: mode error (the dataset default), 3 files" \
  "$(python3 -c 'import json,sys; d = json.load(open(sys.argv[1]))["pipelines"][0]["destinations"][0]; print(d["mode"], d["files"], d["rows"])' "$WORK/out")" \
  "error 3 6"
keys_under "$DS" > "$WORK/keys"
expect_eq "one data file per day folder" \
  "$(grep -E '^day=[0-9-]+/part-.*\.parquet$' "$WORK/keys" | cut -d/ -f1 | tr '\n' ' ')" \
  "day=2024-01-01 day=2024-01-02 day=2024-01-03 "
expect_grep "a commit record" '^_s3c/commits/' "$WORK/keys"
expect_grep "_SUCCESS" '^_SUCCESS$' "$WORK/keys"
expect_eq "nothing else" "$(grep -cvE '^(day=|_s3c/commits/|_SUCCESS$)' "$WORK/keys")" "0"
expect_eq "s3c read gives every row back (day from the folders)" "$(rows_of "$DS")" "$(cat "$D/events.csv")"
expect_rc 0 "where on the partition column" -- \
  "$S3C" read -q -o csv --columns id --where "day = DATE '2024-01-02'" "$DS"
expect_eq "day 2 ids" "$(tail -n +2 "$WORK/out" | tr '\n' ' ')" "3 4 "

# --- modes on the dataset ----------------------------------------------------------------------
expect_rc 5 "--mode error (default) refuses a second run" -- \
  "$S3C" convert --to parquet --partition-by day "$D/events.csv" "$DS"
expect_grep "says the dataset exists" "ds/ already exists \(--mode error\)" "$WORK/err"
expect_grep "names the flag to choose" "choose --mode replace, append" "$WORK/err"
expect_eq "the dataset is unchanged" "$(ids_of "$DS")" "1 2 3 4 5 6"
expect_rc 0 "--mode ignore skips" -- \
  "$S3C" convert --mode ignore --to parquet --partition-by day "$D/day2.csv" "$DS"
expect_grep "reported as skipped" "mode ignore\): skipped" "$WORK/err"
expect_eq "ignore leaves the rows" "$(ids_of "$DS")" "1 2 3 4 5 6"
expect_rc 0 "--mode overwrite_partitions" -- \
  "$S3C" convert -q --mode overwrite_partitions --to parquet --partition-by day "$D/day2.csv" "$DS"
expect_eq "only day 2 replaced" "$(ids_of "$DS")" "1 2 5 6 7"
expect_rc 0 "--mode append" -- \
  "$S3C" convert -q --mode append --to parquet --partition-by day --where "id = 1" "$D/events.csv" "$DS"
expect_eq "append adds the row" "$(ids_of "$DS")" "1 1 2 5 6 7"
expect_rc 0 "--mode replace" -- \
  "$S3C" convert -q --mode replace --to parquet --partition-by day --where "kind = 'a'" "$D/events.csv" "$DS"
expect_eq "replace keeps only the new rows" "$(ids_of "$DS")" "1 3 5"
expect_eq "four commit records" "$(keys_under "$DS" | grep -c '^_s3c/commits/')" "4"

# --- --stats: what the read skipped, as s3c read reports it ------------------------------------
expect_rc 0 "convert --stats with a filter on the partition and on a value" -- \
  "$S3C" convert -q --stats "$WORK/stats.json" --where "day = DATE '2024-01-02' AND amount > 100" \
  "$DS" "$D/none.csv"
expect_eq "the read's pruning in --stats: plan, 2 days pruned, the row group skipped" \
  "$(python3 -c 'import json,sys; p = json.load(open(sys.argv[1]))["pruning"]; print(p["plan"] != "", p["objects_pruned"], p["row_groups_total"], p["row_groups_skipped"])' "$WORK/stats.json")" \
  "True 2 1 1"
expect_eq "and the scan's" \
  "$(python3 -c 'import json,sys; print(sorted(json.load(open(sys.argv[1]))["scan"]))' "$WORK/stats.json")" \
  "['peak_decoding', 'peak_memory_bytes', 'peak_objects_in_flight']"

# --- rolling: --max-rows-per-file ----------------------------------------------------------------
expect_rc 0 "--max-rows-per-file 2" -- \
  "$S3C" convert -q --to csv --max-rows-per-file 2 "$D/events.csv" "s3://$BUCKET/rolled/"
expect_eq "6 rows in 3 files" "$(keys_under "s3://$BUCKET/rolled/" | grep -c '^part-.*\.csv$')" "3"
expect_eq "rolled rows" "$(rows_of "s3://$BUCKET/rolled/")" "$(cat "$D/events.csv")"

# --- a local folder: DST ending in '/', or an existing folder named without it ------------------
expect_rc 0 "convert to a local dataset" -- \
  "$S3C" convert -q --to parquet --partition-by day,kind "$D/events.csv" "$WORK/lake/"
expect_eq "local _SUCCESS" "$(ls "$WORK/lake/_SUCCESS" 2>&1)" "$WORK/lake/_SUCCESS"
expect_eq "two-level Hive folders" "$(ls -d "$WORK"/lake/day=2024-01-02/kind=*/ | wc -l)" "2"
expect_eq "local read back" "$(rows_of "$WORK/lake/")" "$(cat "$D/events.csv")"
expect_rc 5 "an existing folder without '/' is the dataset (mode error)" -- \
  "$S3C" convert --to parquet --partition-by day,kind "$D/events.csv" "$WORK/lake"
if node -e 'require.resolve("@duckdb/node-api")' --prefix "$CLI_TESTS/../oracle" >/dev/null 2>&1 ||
   [ -d "$CLI_TESTS/../oracle/node_modules/@duckdb/node-api" ]; then
  expect_rc 0 "DuckDB reads the Hive folders" -- node "$CLI_TESTS/../oracle/duckdb_exec.mjs" 1 \
    "SELECT count(*)::INT AS n, sum(amount)::INT AS total, count(DISTINCT day)::INT AS days, string_agg(kind, '' ORDER BY id) AS kinds FROM read_parquet('$WORK/lake/**/*.parquet', hive_partitioning = true)"
  expect_eq "DuckDB's rows" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["row"])' "$WORK/out")" \
    "[6, 270, 3, 'ababab']"
elif [ "${S3C_REQUIRE_DUCKDB:-}" = 1 ]; then
  bad "DuckDB oracle missing (scripts/bootstrap installs it)"
else
  echo "skip DuckDB check: tests/oracle not installed"
fi

# --- bad values: the pipeline key's message, named as the flag ---------------------------------
# bad_flag DESCRIPTION MESSAGE -- CONVERT ARGS...: exit 2 and exactly MESSAGE (after the code) on stderr.
bad_flag() {
  local what=$1 message=$2
  shift 3
  expect_rc 2 "$what" -- "$S3C" convert "$@"
  expect_eq "$what: message" "$(cat "$WORK/err")" "s3c: error: InvalidArgument: $message"
}
bad_flag "--max-rows-per-file 0" "--max-rows-per-file must be at least 1 (or -1 for no limit), got 0" -- \
  --to csv --max-rows-per-file 0 "$D/events.csv" "s3://$BUCKET/never/"
bad_flag "--write-memory 12XB" "--write-memory 12XB: give a size such as 500, 64KiB or 10MiB" -- \
  --to csv --write-memory 12XB "$D/events.csv" "s3://$BUCKET/never/"
bad_flag "--partition-by on one file" \
  "--partition-by writes a dataset of many files, and '$D/never.csv' names one object: give a prefix (path_prefix, or a URI ending in '/')" -- \
  --partition-by day "$D/events.csv" "$D/never.csv"
bad_flag "--mode overwrite_partitions without --partition-by" \
  "--mode overwrite_partitions needs --partition-by" -- \
  --to csv --mode overwrite_partitions "$D/events.csv" "s3://$BUCKET/never/"
bad_flag "--partition-by twice" "--partition-by: column 'day' is given twice" -- \
  --to csv --partition-by day --partition-by day "$D/events.csv" "s3://$BUCKET/never/"
bad_flag "a dataset without --to" \
  "cannot tell the output format from 's3://$BUCKET/never/': give --to csv, tsv, json, jsonl or parquet" -- \
  "$D/events.csv" "s3://$BUCKET/never/"
expect_rc 2 "--mode sometimes" -- "$S3C" convert --mode sometimes "$D/events.csv" "$D/never.csv"
expect_grep "lists the modes" "sometimes.*error.*ignore.*append.*replace.*overwrite_partitions" "$WORK/err"
expect_eq "nothing written by the refused runs" "$(keys_under "s3://$BUCKET/never/"; ls "$D/never.csv" 2>/dev/null)" ""

# The same mistake in a pipeline file says the same with the key's name.
cat > "$WORK/p.yaml" <<EOF
sources:
  in: {uri: "$D/events.csv"}
destinations:
  out: {uri: "s3://$BUCKET/never/", format: csv, max_rows_per_file: 0}
EOF
expect_rc 2 "validate a file with max_rows_per_file: 0" -- "$S3C" validate "$WORK/p.yaml"
expect_grep "the key's message" "p.yaml:4:[0-9]+: max_rows_per_file must be at least 1 \(or -1 for no limit\), got 0" "$WORK/err"

expect_rc 0 "cleanup" -- "$S3C" rm -q --recursive "s3://$BUCKET/"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
