# The cursor strategy against RGW on Parquet: rows at or above the stored cursor are read, the
# row groups whose statistics lie below it are skipped without being decoded, and a row that
# arrives later with the boundary value is loaded once while the boundary rows loaded before
# are not loaded again. Files: in/a.parquet (ids 1..120, updated_at = id, row groups of 10
# rows, 2 MB: over the 1 MiB under which an object is read whole, so its skipped row groups
# are never fetched), then in/b.parquet (id 121 at updated_at 120, the boundary; ids 122..130
# at their id; small: read whole in one GET).
OUT=s3://$BUCKET/out/
# parquet_rows NAME PAD FIRST LAST [BOUNDARY_ID]: in/NAME, ids FIRST..LAST with updated_at = id
# and PAD random letters, and a row BOUNDARY_ID at updated_at 120 first when given; row groups
# of 10 rows.
parquet_rows() {
  python3 -c 'import random, string, sys
r = random.Random(7)
pad = lambda: "".join(r.choice(string.ascii_letters) for _ in range(int(sys.argv[1])))
print("id,updated_at,pad")
if len(sys.argv) > 4: print(f"{sys.argv[4]},120,{pad()}")
[print(f"{i},{i},{pad()}") for i in range(int(sys.argv[2]), int(sys.argv[3]) + 1)]' "${@:2}" >"$WORK/rows.csv"
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

parquet_rows a.parquet 12000 1 120
expect_eq "a.parquet is over 1 MiB" \
  "$("$S3C" ls "s3://$BUCKET/in/a.parquet" | awk '{print ($3 > 1048576)}')" 1
run_pipeline 0 rows.yaml
expect_eq "run 1: rows read, filtered, out" "$(facts)" "[120, 0, 120]"
expect_eq "run 1: ids" "$(loaded_ids)" "120 each once"

parquet_rows b.parquet 10 122 130 121
run_pipeline 0 rows.yaml
# a.parquet: 11 of its 12 row groups lie below 120 and are skipped; its last (111..120) is
# decoded, 111..119 filtered out and 120 dropped as loaded before. b.parquet: all 10 rows.
expect_eq "run 2: rows read (2 row groups), filtered, out" "$(facts)" "[20, 9, 10]"
expect_eq "run 2: the boundary row loaded before is dropped" \
  "$(report_field '"10 row(s) from updated_at on, 1 loaded before dropped" in r["pipelines"][0]["incremental"]')" True
expect_eq "run 2: ids" "$(loaded_ids)" "130 each once"
# GETs: the state and the newest record; a's footer and its last row group; b whole; the
# commit's read of the 1 record in the log. LISTs: the records, the source, the commit's log,
# the garbage collection.
expect_eq "run 2: GETs, LISTs" \
  "$(report_field '[r["requests"].get(k, 0) for k in ("GetObject", "ListObjectsV2")]')" "[6, 4]"

run_pipeline 0 rows.yaml
# The cursor is 130: a.parquet is skipped whole; b.parquet's one row group (120..130) is
# decoded, 9 rows filtered out and 130 dropped as loaded before.
expect_eq "run 3 (nothing new): rows read, filtered, out" "$(facts)" "[10, 9, 0]"
expect_eq "run 3: ids" "$(loaded_ids)" "130 each once"
# GETs: the state and the newest record; a's footer (no row group of it fetched); b whole; the
# commit's check of the 2 records (it then finds nothing to commit). LISTs: the records, the
# source, the log.
expect_eq "run 3: GETs, LISTs, PUTs" \
  "$(report_field '[r["requests"].get(k, 0) for k in ("GetObject", "ListObjectsV2", "PutObject")]')" "[6, 3, 0]"
