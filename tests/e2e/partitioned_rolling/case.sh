# Hive-partitioned datasets rolled by rows and by size: the exact folders (escaped values, NULL
# as __HIVE_DEFAULT_PARTITION__), files per folder and rows per file, the rows read back by s3c,
# and DuckDB reading the output with hive_partitioning = true (values and types).
# The rows are interleaved across partitions in the input, so each file collects its partition's
# rows from all over it. In by_size every JSON line is 45 bytes (fixed-width values), so with
# max_file_size 4000 a file closes at the first row that reaches it: 89 rows, 4005 bytes.
MAX_FILE_SIZE=4000 run_pipeline 0 partitioned.yaml
expect_eq "files reported (by_rows, by_size)" \
  "$(report_field '[d["files"] for d in r["pipelines"][0]["destinations"]]')" "[10, 6]"

# files_of PREFIX_URI: "FOLDER ROWS BYTES" for each data file under it, in key order (the part
# number orders a folder's files), its rows counted by reading that one object.
files_of() {
  local key size
  "$S3C" ls -q --recursive "$1" | awk '{print $3 "\t" substr($0, index($0, $4))}' |
    while IFS=$'\t' read -r size key; do
      case "$key" in _*) continue ;; esac
      printf '%s %s %s\n' "${key%/*}" \
        "$("$S3C" read -q -o csv "$1$key" | tail -n +2 | wc -l)" "$size"
    done | LC_ALL=C sort -k1,1 -s
}
files_of "s3://$BUCKET/by_rows/" >"$WORK/by_rows_files"
expect_eq "by_rows: folders, files per folder and rows per file (40 a file)" \
  "$(sed 's/ [0-9]*$//' "$WORK/by_rows_files")" "$(cat "$CASE_DIR/expected_by_rows_files.txt")"
expect_eq "by_rows: every file is named by the run" \
  "$(keys_under "s3://$BUCKET/by_rows/" | grep -vcE '^(_|.*/part-[0-9]{8}T[0-9]{6}Z-[0-9a-f]{12}-[0-9]{5}-[0-9]{5}\.parquet$)')" 0
files_of "s3://$BUCKET/by_size/" >"$WORK/by_size_files"
expect_eq "by_size: folders, rows and bytes per file (closed at the first row reaching 4000 bytes)" \
  "$(cat "$WORK/by_size_files")" "$(cat "$CASE_DIR/expected_by_size_files.txt")"
expect_rows "by_rows: s3c reads the rows back, partition values decoded" "s3://$BUCKET/by_rows/" expected_by_rows.csv
expect_rows "by_size: s3c reads the rows back" "s3://$BUCKET/by_size/" expected_by_size.csv

"$S3C" cp -q -r "s3://$BUCKET/by_rows/" "$WORK/by_rows/" && "$S3C" cp -q -r "s3://$BUCKET/by_size/" "$WORK/by_size/" ||
  bad "download of the datasets failed"
ROWS_GLOB="read_parquet('$WORK/by_rows/**/*.parquet', hive_partitioning = true)"
SIZE_GLOB="read_json('$WORK/by_size/**/*.jsonl', hive_partitioning = true)"
expect_duckdb "DuckDB reads both datasets with hive_partitioning: types, rows, NULL and escaped values" \
  expected_duckdb.txt \
  "SELECT id, amount, region, day FROM $ROWS_GLOB LIMIT 0" \
  "SELECT concat_ws('|', id, amount, coalesce(region, 'NULL'), day) AS row FROM $ROWS_GLOB ORDER BY id" \
  "SELECT id, day, amount, region FROM $SIZE_GLOB LIMIT 0" \
  "SELECT coalesce(region, 'NULL') AS partition, count(*) AS rows, sum(amount)::VARCHAR AS amount FROM $SIZE_GLOB GROUP BY region ORDER BY region NULLS LAST"
