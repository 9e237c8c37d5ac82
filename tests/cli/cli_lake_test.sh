#!/usr/bin/env bash
# Reading a Hive-partitioned lake on the loopback RGW server: rows kept by --where, partition
# and virtual columns, and the exact LIST / GET requests each filter costs (docs/cli.md).
# Usage: cli_lake_test.sh S3C_BINARY RGW_ENV_FILE
set -uo pipefail
. "$(dirname "$0")/lib.sh" "$@"

counts() {
  local f=$1 op
  shift
  for op in "$@"; do requests_of "$f" "$op"; done | xargs
}
pruning() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pruning"][sys.argv[2]])' "$1" "$2"
}

# 30 days x 2 regions, one CSV each (id = day * 10 + region), plus a _SUCCESS marker per day.
for d in $(seq -w 1 30); do
  for r in eu us; do
    mkdir -p "$WORK/lake/dt=2024-04-$d/region=$r"
    n=$((10#$d * 10 + $([ $r = eu ] && echo 1 || echo 2)))
    printf 'id,amount\n%s,%s\n%s,%s\n' "$n" "$((n % 7))" "$((n + 1000))" "$((n % 5))" \
      > "$WORK/lake/dt=2024-04-$d/region=$r/part-0.csv"
  done
  : > "$WORK/lake/dt=2024-04-$d/_SUCCESS"
done
L="s3://$BUCKET/lake/"
expect_rc 0 "mb" -- "$S3C" mb "s3://$BUCKET"
expect_rc 0 "upload the lake" -- "$S3C" cp -q --recursive "$WORK/lake" "$L"

# One day: the day's folder is listed directly (one LIST), two GETs, no HEAD.
expect_rc 0 "read one day" -- "$S3C" read -q -o csv --stats "$WORK/day.json" \
  --where "dt = '2024-04-07'" "$L"
expect_eq "one day: rows" "$(tail -n +2 "$WORK/out" | sort | xargs)" \
  "1071,1,2024-04-07,eu 1072,2,2024-04-07,us 71,1,2024-04-07,eu 72,2,2024-04-07,us"
expect_eq "one day: header has the partition columns" "$(head -1 "$WORK/out")" "id,amount,dt,region"
expect_eq "one day: ListObjectsV2 GetObject HeadObject" \
  "$(counts "$WORK/day.json" ListObjectsV2 GetObject HeadObject)" "1 2 0"
# Three days by IN: at most three LISTs.
expect_rc 0 "read three days" -- "$S3C" read -q -o csv --stats "$WORK/in.json" \
  --where "dt IN ('2024-04-02', '2024-04-09', '2024-04-30') AND region = 'us'" "$L"
expect_eq "three days: rows" "$(tail -n +2 "$WORK/out" | wc -l)" 6
expect_eq "three days: ListObjectsV2 GetObject" "$(counts "$WORK/in.json" ListObjectsV2 GetObject)" "3 3"
# A week by range: one LIST from start-after.
expect_rc 0 "read a week" -- "$S3C" read -q -o csv --stats "$WORK/week.json" \
  --where "dt BETWEEN DATE '2024-04-10' AND DATE '2024-04-16'" "$L"
expect_eq "week: rows" "$(tail -n +2 "$WORK/out" | wc -l)" 28
expect_eq "week: ListObjectsV2 GetObject" "$(counts "$WORK/week.json" ListObjectsV2 GetObject)" "1 14"
# A condition on the second key walks the day folders and reads only that region's files.
expect_rc 0 "read one region" -- "$S3C" read -q -o csv --stats "$WORK/region.json" \
  --where "region = 'eu' AND amount >= 3" "$L"
expect_eq "region: GetObject" "$(counts "$WORK/region.json" GetObject)" 30
expect_eq "region: rows" "$(tail -n +2 "$WORK/out" | awk -F, '$4 != "eu" || $2 < 3' | wc -l) $(tail -n +2 "$WORK/out" | wc -l)" \
  "0 $(for d in $(seq 1 30); do n=$((d * 10 + 1)); echo $((n % 7)) $(((n + 1000) % 5)); done | xargs -n1 | awk '$1 >= 3' | wc -l)"
# region=eu tried at the root (nothing: region is the second key), the root, the first day's
# probe, then the whole lake flat, cheaper than 30 day folders; the us files dropped by value.
expect_eq "region: ListObjectsV2, objects pruned" \
  "$(counts "$WORK/region.json" ListObjectsV2) $(pruning "$WORK/region.json" objects_pruned)" "4 30"
# Without --where: one flat listing, every file.
expect_rc 0 "read everything" -- "$S3C" read -q -o csv --stats "$WORK/all.json" "$L"
expect_eq "all: rows" "$(tail -n +2 "$WORK/out" | wc -l)" 120
expect_eq "all: ListObjectsV2 GetObject" "$(counts "$WORK/all.json" ListObjectsV2 GetObject)" "1 60"

# Projection with partition and virtual columns; virtual columns in --where.
expect_rc 0 "columns and virtual columns" -- "$S3C" read -q -o csv --columns "_key,region,id" \
  --where "_key LIKE '%dt=2024-04-01/%' AND id < 100" "$L"
expect_eq "virtual: rows" "$(tail -n +2 "$WORK/out" | xargs)" \
  "lake/dt=2024-04-01/region=eu/part-0.csv,eu,11 lake/dt=2024-04-01/region=us/part-0.csv,us,12"
expect_rc 0 "partitioning none" -- "$S3C" read -q -o csv --partitioning none --where "id = 11" "$L"
expect_eq "none: no partition columns" "$(xargs < "$WORK/out")" "id,amount 11,4"
expect_rc 0 "partition types" -- "$S3C" read -q -o csv --partition-types "dt:string" \
  --where "dt LIKE '%-0_' AND region = 'eu' AND id < 100" "$L"
expect_eq "partition types: rows" "$(tail -n +2 "$WORK/out" | wc -l)" 9

# A template layout: fields in folders and in the file name; the file-name field prunes GETs.
for m in 03 04; do
  mkdir -p "$WORK/logs/2024/$m"
  for p in a b; do printf 'v\n%s%s\n' "$m" "$p" > "$WORK/logs/2024/$m/events-$p.csv"; done
done
expect_rc 0 "upload the template layout" -- "$S3C" cp -q --recursive "$WORK/logs" "s3://$BUCKET/logs/"
expect_rc 0 "read a template layout" -- "$S3C" read -q -o csv --stats "$WORK/tpl.json" \
  --partitioning '{year}/{month}/events-{part}.csv' --where "part = 'b' AND month = '04'" \
  "s3://$BUCKET/logs/"
expect_eq "template: rows" "$(xargs < "$WORK/out")" "v,year,month,part 04b,2024,04,b"
expect_eq "template: GetObject" "$(counts "$WORK/tpl.json" GetObject)" 1

# Errors name what is wrong.
expect_rc 2 "unknown column" -- "$S3C" read -q --where "regoin = 'eu'" "$L"
expect_grep "unknown column: did you mean" 'unknown column "regoin" at 1:1 \(did you mean "region"\?\)' "$WORK/err"
expect_rc 2 "bad template" -- "$S3C" read -q --partitioning "{year" "$L"
expect_grep "bad template: position" "unclosed '\{' at position 1" "$WORK/err"

# Listing filters and limits, before any GET.
expect_rc 0 "exclude and regex" -- "$S3C" read -q -o csv --stats "$WORK/ex.json" \
  --exclude "**/region=us/*" --regex 'dt=2024-04-0[1-3]/' "$L"
expect_eq "exclude/regex: rows, GETs, filtered" \
  "$(tail -n +2 "$WORK/out" | wc -l) $(counts "$WORK/ex.json" GetObject) $(pruning "$WORK/ex.json" objects_filtered)" "6 3 57"
expect_rc 0 "min-size" -- "$S3C" read -q -o csv --min-size 1MiB --stats "$WORK/min.json" "$L"
expect_eq "min-size: nothing read" "$(wc -c < "$WORK/out") $(counts "$WORK/min.json" GetObject)" "0 0"
expect_rc 0 "modified-after an hour ago" -- "$S3C" read -q -o csv --modified-after 1h "$L"
expect_eq "modified-after: every row" "$(tail -n +2 "$WORK/out" | wc -l)" 120
expect_rc 0 "modified-before an hour ago" -- "$S3C" read -q -o csv --modified-before 1h "$L"
expect_eq "modified-before: no row" "$(wc -c < "$WORK/out")" 0
expect_rc 0 "max-size" -- "$S3C" read -q -o csv --max-size 10 "$L"
expect_eq "max-size: no row" "$(wc -c < "$WORK/out")" 0
expect_rc 5 "max-files" -- "$S3C" read -q --max-files 10 --stats "$WORK/maxf.json" "$L"
expect_grep "max-files: what the listing found" "the listing found 60 object\(s\) .* --max-files is 10: nothing was read" "$WORK/err"
expect_eq "max-files: no GET" "$(counts "$WORK/maxf.json" GetObject)" 0
expect_rc 5 "max-bytes" -- "$S3C" read -q --max-bytes 100 "$L"
expect_grep "max-bytes: message" "--max-bytes is 100 B: nothing was read" "$WORK/err"

# ls and schema see the same listing.
expect_rc 0 "ls --where" -- "$S3C" ls --where "dt = '2024-04-07' AND region = 'eu'" "$L"
expect_eq "ls --where: one object" "$(awk '{print $4}' "$WORK/out")" "dt=2024-04-07/region=eu/part-0.csv"
expect_grep "ls --where: the plan" "1 object\(s\) kept; 1 prefix\(es\) from the filter, then walk 1 folder level" "$WORK/err"
expect_rc 0 "schema shows partitions" -- "$S3C" schema "$L"
expect_eq "schema" "$(head -4 "$WORK/out" | xargs)" "id: int64 amount: int64 dt: date32[day] (partition) region: string (partition)"
expect_rc 0 "schema --json" -- "$S3C" schema --json "$L"
expect_eq "schema --json partitions" \
  "$(python3 -c 'import json,sys; print([c["name"] for c in json.load(open(sys.argv[1]))["partitions"]])' "$WORK/out")" \
  "['dt', 'region']"

# The parallel scan: the same rows in the same order whatever the settings; the --stats "scan"
# counters show each setting's effect (their bounds are exact; how high they get is timing).
scan() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["scan"][sys.argv[2]])' "$1" "$2"
}
expect_rc 0 "one object after another" -- "$S3C" read -q -o csv --objects-in-flight 1 \
  --stats "$WORK/seq.json" "$L"
cp "$WORK/out" "$WORK/seq.csv"
expect_eq "sequential: no pipeline" "$(scan "$WORK/seq.json" peak_objects_in_flight)" 0
expect_rc 0 "two objects in flight, one decoding" -- "$S3C" read -q -o csv --objects-in-flight 2 \
  --decode-threads 1 --memory 64KiB --stats "$WORK/par.json" "$L"
expect_eq "parallel: same rows in the same order" "$(cmp -s "$WORK/out" "$WORK/seq.csv" && echo same)" same
expect_eq "parallel: at most 2 in flight, exactly 1 decoding, within 64KiB" \
  "$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["scan"]; print(1 <= s["peak_objects_in_flight"] <= 2, s["peak_decoding"], s["peak_memory_bytes"] <= 65536)' "$WORK/par.json")" \
  "True 1 True"
expect_eq "parallel: the same GETs" "$(counts "$WORK/par.json" ListObjectsV2 GetObject)" "1 60"
expect_rc 0 "unordered" -- "$S3C" read -q -o csv --unordered --decode-threads 2 --stats "$WORK/un.json" "$L"
expect_eq "unordered: the same rows" "$(sort "$WORK/out" | md5sum)" "$(sort "$WORK/seq.csv" | md5sum)"
expect_eq "unordered: at most 2 decoding" "$(scan "$WORK/un.json" peak_decoding | awk '{print ($1 >= 1 && $1 <= 2)}')" 1
expect_rc 2 "bad --memory" -- "$S3C" read -q --memory lots "$L"
expect_grep "bad --memory: message" "--memory lots: give a size such as 500, 64KiB or 10MiB" "$WORK/err"

# Row groups skipped by their statistics are counted in --stats and never fetched.
# (Large enough that the footer's 64 KiB suffix GET does not bring the row groups with it.)
awk 'BEGIN { print "id,v"; for (i = 1; i <= 200000; i++) print i "," i * 3 }' > "$WORK/rg.csv"
expect_rc 0 "parquet with 10 row groups" -- "$S3C" convert -q --row-group-rows 20000 "$WORK/rg.csv" \
  "s3://$BUCKET/rg/rg.parquet"
expect_rc 0 "read one row group's range" -- "$S3C" read -q -o csv --stats "$WORK/rg.json" \
  --where "id BETWEEN 50000 AND 50010" "s3://$BUCKET/rg/rg.parquet"
expect_eq "row groups: rows" "$(tail -n +2 "$WORK/out" | wc -l)" 11
expect_eq "row groups: total, skipped" \
  "$(pruning "$WORK/rg.json" row_groups_total) $(pruning "$WORK/rg.json" row_groups_skipped)" "10 9"
expect_rc 0 "read every row group" -- "$S3C" read -q -o csv --stats "$WORK/rg-all.json" \
  "s3://$BUCKET/rg/rg.parquet"
expect_eq "no filter: nothing skipped" "$(pruning "$WORK/rg-all.json" row_groups_skipped)" 0
expect_eq "the skipped row groups cost fewer bytes" \
  "$(python3 -c 'import json,sys; a,b=(json.load(open(f))["bytes_downloaded"] for f in sys.argv[1:]); print(a < b)' "$WORK/rg.json" "$WORK/rg-all.json")" True

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
