# The cursor strategy against RGW on Parquet: rows at or above the stored cursor are read, the
# row groups whose statistics lie below it are skipped without being decoded, and a row that
# arrives later with the boundary value is loaded once while the boundary rows loaded before
# are not loaded again. Files: in/a.parquet (ids 1..120, updated_at = id, row groups of 10
# rows), then in/b.parquet (id 121 at updated_at 120, the boundary; ids 122..130 at their id).
OUT=s3://$BUCKET/out/
# parquet_rows NAME FIRST LAST [BOUNDARY_ID]: in/NAME, ids FIRST..LAST with updated_at = id,
# and a row BOUNDARY_ID at updated_at 120 first when given; row groups of 10 rows.
parquet_rows() {
  python3 -c 'import sys
print("id,updated_at")
if len(sys.argv) > 3: print(f"{sys.argv[3]},120")
[print(f"{i},{i}") for i in range(int(sys.argv[1]), int(sys.argv[2]) + 1)]' "${@:2}" >"$WORK/rows.csv"
  "$S3C" convert -q "$WORK/rows.csv" "s3://$BUCKET/in/$1" --to parquet --row-group-rows 10 \
    >"$WORK/convert.out" 2>&1 || bad "convert of $1 failed: $(head -3 "$WORK/convert.out")"
}
loaded_ids() {
  "$S3C" read -q -o csv "$OUT" 2>&1 | tail -n +2 | cut -d, -f1 | sort -n | uniq -c |
    awk '$1 != 1 {bad = bad " " $2 "x" $1} END {print NR, (bad == "" ? "each once" : "twice:" bad)}'
}
facts() {  # rows read, filtered out, out
  report_field '[r["pipelines"][0][k] for k in ("rows_read", "rows_filtered", "rows_out")]'
}

parquet_rows a.parquet 1 120
run_pipeline 0 rows.yaml
expect_eq "run 1: rows read, filtered, out" "$(facts)" "[120, 0, 120]"
expect_eq "run 1: ids" "$(loaded_ids)" "120 each once"

parquet_rows b.parquet 122 130 121
run_pipeline 0 rows.yaml
# a.parquet: 11 of its 12 row groups lie below 120 and are skipped; its last (111..120) is
# decoded, 111..119 filtered out and 120 dropped as loaded before. b.parquet: all 10 rows.
expect_eq "run 2: rows read (2 row groups), filtered, out" "$(facts)" "[20, 9, 10]"
expect_eq "run 2: the boundary row loaded before is dropped" \
  "$(report_field '"10 row(s) from updated_at on, 1 loaded before dropped" in r["pipelines"][0]["incremental"]')" True
expect_eq "run 2: ids" "$(loaded_ids)" "130 each once"
# GETs: the state and the newest record; both footers; a's last row group and b's; the
# commit's read of the 1 record in the log. LISTs: the records, the source, the commit's log,
# the garbage collection.
expect_eq "run 2: GETs, LISTs" \
  "$(report_field '[r["requests"].get(k, 0) for k in ("GetObject", "ListObjectsV2")]')" "[7, 4]"

run_pipeline 0 rows.yaml
# The cursor is 130: a.parquet is skipped whole; b.parquet's one row group (120..130) is
# decoded, 9 rows filtered out and 130 dropped as loaded before.
expect_eq "run 3 (nothing new): rows read, filtered, out" "$(facts)" "[10, 9, 0]"
expect_eq "run 3: ids" "$(loaded_ids)" "130 each once"
# GETs: the state and the newest record; both footers; b's row group; the commit's check of
# the 2 records (it then finds nothing to commit). LISTs: the records, the source, the log.
expect_eq "run 3: GETs, LISTs, PUTs" \
  "$(report_field '[r["requests"].get(k, 0) for k in ("GetObject", "ListObjectsV2", "PutObject")]')" "[7, 3, 0]"
