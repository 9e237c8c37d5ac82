#!/usr/bin/env bash
# A CSV -> partitioned Parquet job on S3: `s3c run` against the usual hand-made pipeline of
# download, DuckDB and upload, all on a private loopback RGW started here, in the same run.
#
# Usage: bench/pipeline_bench.sh BUILD_DIR [--size BYTES] [--objects N] [--repeats N]
#                                [--no-flat] [--out FILE] [--keep-data]
#   --size:    the input's uncompressed CSV bytes [1000000000]; 64 MB (64000000) validates the
#              script in a minute
#   --objects: gzip CSV objects the input is cut into [64]
#   --repeats: timed runs of each side (medians) [1]
#   --no-flat: skip the memory flatness run (the same job on twice the input)
# The input: s3://bench/orders/part-NNN.csv.gz, orders (id, day, country, customer, product,
# qty, amount, status) written by DuckDB, `day` one of 32 dates and `amount` uniform in
# 0..999.99, every object holding every day. The job: rows with amount > 500 (about half), as
# zstd Parquet partitioned by day (Hive folders day=YYYY-MM-DD/).
#   s3c:  `s3c run pipeline.yaml` (generated here; docs/pipelines.md) into s3://bench/s3c-R/
#   peer: `aws s3 cp --recursive` of the input to a local folder, DuckDB
#         COPY (SELECT * FROM read_csv(...) WHERE amount > 500) TO ... (FORMAT parquet,
#         COMPRESSION zstd, PARTITION_BY (day)), `aws s3 cp --recursive` of that up to
#         s3://bench/peer-R/; each stage timed, the peer is their sum.
#   flat: `s3c run` on twice the input (every object uploaded a second time under
#         s3://bench/orders-2x/): its peak RSS against the first run's ("Peak memory flat in the
#         input size").
# Rows are checked, not trusted: the rows per day of s3c's output (downloaded after the timing)
# and of the peer's must both equal DuckDB's count on the local input, else the bench fails.
# Wall time, user+sys CPU and peak RSS come from GNU time (the whole process tree); DuckDB's wall
# time is the COPY alone and its CPU the process's less that of a DuckDB that only starts.
# Env knobs: PIPELINE_THREADS [the cores] (DuckDB threads; s3c runs with its defaults),
#   OSD_STORE [memstore], BENCH_RGW_PORT [19483], BENCH_MON_PORT [19303],
#   BENCH_WORK [/tmp/s3c-pipeline-bench], BENCH_DL_DIR [/dev/shm/s3c-pipeline-local if it has
#   room, else $BENCH_WORK/local].
# Needs: scripts/bootstrap --bench (awscli, GNU time), tests/oracle's npm package, BUILD_DIR's
# s3c. Results: markdown on stdout, JSON in bench/results/pipeline-DATE.json.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BUILD=${1:?usage: pipeline_bench.sh BUILD_DIR [--size BYTES] [--objects N] [--repeats N]}
shift
SIZE=1000000000 OBJECTS=64 REPEATS=1 FLAT=1 OUT="" KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE=$2; shift ;;
    --objects) OBJECTS=$2; shift ;;
    --repeats) REPEATS=$2; shift ;;
    --no-flat) FLAT=0 ;;
    --out) OUT=$2; shift ;;
    --keep-data) KEEP=1 ;;
    *) echo "pipeline_bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
. "$HERE/lake_bench_lib.sh"  # log, die, json_str, duck, need_bench_tools, local_dir, run_timed
need_whole_numbers pipeline_bench.sh SIZE OBJECTS REPEATS
DAYS=32 FIRST_DAY=2024-01-01
ROW_BYTES=61  # what one CSV row of pipeline_orders takes on average (measured: 53.0 MB in 865k rows)
ROWS=$((SIZE / OBJECTS / ROW_BYTES))
[ "$ROWS" -ge 1 ] || { echo "pipeline_bench.sh: --size $SIZE is too small for $OBJECTS objects" >&2; exit 2; }
THREADS=${PIPELINE_THREADS:-$(nproc)}
WHERE="amount > 500"

S3C=$(cd "$BUILD" && pwd)/tools/s3c/s3c
WORK=${BENCH_WORK:-/tmp/s3c-pipeline-bench}
DATA=$WORK/data-$OBJECTS-$SIZE
RUNS=$WORK/runs.jsonl
. "$HERE/bench_env.sh"

AWS=/usr/bin/aws  # Debian's awscli, not whatever else is first on PATH
[ -x "$S3C" ] || die "no s3c binary at $S3C (ninja -C $BUILD s3c)"
S3C_BUILT=$S3C S3C=$(private_s3c "$S3C" "$WORK")
need_bench_tools "$AWS"
# The peer's local folder holds the download and DuckDB's output: about the gzip input plus
# the Parquet output, well under a third of SIZE.
LOCAL=$(local_dir s3c-pipeline-local $((SIZE / 3000000000 + 2)) "$WORK/local")
bench_rgw_settings "$WORK" 19483 19303
cleanup() {
  "$ROOT/tests/support/rgw.sh" stop >/dev/null 2>&1 || true
  rm -rf "$LOCAL" "$WORK/aws" "$WORK/logs" "$WORK/bin" "$WORK/yaml"
  [ "$KEEP" = 1 ] || rm -rf "$DATA"
}
trap cleanup EXIT
mkdir -p "$WORK/aws" "$WORK/logs" "$WORK/yaml"
: >"$RUNS"

# ------------------------------------------------------------------ data
# The orders, a function of the row number alone: 32 days, 40 countries, amount in 0..999.99.
ORDERS_MACRO="CREATE MACRO pipeline_orders(a, b) AS TABLE SELECT i AS order_id,
  DATE '$FIRST_DAY' + (hash(i * 3) % $DAYS)::INTEGER AS day,
  ['DE','FR','IT','ES','PT','NL','BE','LU','AT','CH','PL','CZ','SK','HU','SI','HR','RO','BG',
   'GR','CY','MT','IE','GB','DK','SE','NO','FI','EE','LV','LT','IS','US','CA','MX','BR','AR',
   'JP','KR','AU','NZ'][1 + (hash(i * 5) % 40)::INTEGER] AS country,
  'customer-' || (hash(i * 7) % 100000) AS customer, 'sku-' || (hash(i * 11) % 5000) AS product,
  1 + (hash(i * 13) % 9)::INTEGER AS qty, round((hash(i * 17) % 100000) / 100.0, 2) AS amount,
  ['paid','shipped','delivered','returned'][1 + (hash(i * 19) % 4)::INTEGER] AS status
  FROM range(a, b) t(i)"
if [ ! -f "$DATA/done" ]; then
  rm -rf "$DATA"
  mkdir -p "$DATA/orders"
  log "writing the input: $OBJECTS objects x $ROWS rows of gzip CSV (DuckDB)"
  {
    echo "$ORDERS_MACRO" | tr '\n' ' '
    echo
    for ((o = 0; o < OBJECTS; o++)); do
      printf "COPY (FROM pipeline_orders(%d, %d)) TO '%s/orders/part-%03d.csv.gz' (FORMAT csv, HEADER, COMPRESSION gzip)\n" \
        $((o * ROWS)) $(((o + 1) * ROWS)) "$DATA" "$o"
    done
  } | duck "$THREADS" >/dev/null
  touch "$DATA/done"
fi
GZ_BYTES=$(du -sb "$DATA/orders" | cut -f1)
CSV_BYTES=$(cat "$DATA"/orders/*.csv.gz | gzip -dc | wc -c)
log "input: $CSV_BYTES bytes of CSV ($GZ_BYTES gzip) in $OBJECTS objects"

# rows_per_day SQL_SOURCE: "YYYY-MM-DD:N,..." (days in order) of the rows DuckDB reads there.
rows_per_day() {
  duck "$THREADS" "SELECT string_agg(day::VARCHAR || ':' || n, ',' ORDER BY day) FROM
    (SELECT day, count(*) AS n FROM $1 GROUP BY day)" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["row"][0])'
}
EXPECTED=$(rows_per_day "read_csv('$DATA/orders/*.csv.gz') WHERE $WHERE")

# ------------------------------------------------------------------ server and upload
start_bench_peers_rgw "$WORK"
EP=$S3_ENDPOINT
S3=("$S3C" --endpoint-url "$EP" -q)
"${S3[@]}" mb s3://bench
"${S3[@]}" cp -r "$DATA/orders/" s3://bench/orders/ || die "upload of the input failed"
if [ "$FLAT" = 1 ]; then
  "${S3[@]}" cp -r "$DATA/orders/" s3://bench/orders-2x/a/ || die "upload of the 2x input failed"
  "${S3[@]}" cp -r "$DATA/orders/" s3://bench/orders-2x/b/ || die "upload of the 2x input failed"
fi

# pipeline_file SOURCE_PREFIX DEST_PREFIX: writes the pipeline file of the job and prints its path.
pipeline_file() {
  local file=$WORK/yaml/${2//\//_}.yaml
  cat >"$file" <<EOF
sources:
  orders:
    uri: s3://bench/$1/
    endpoint_url: \${S3_ENDPOINT}
    format: csv
    compression: gzip
destinations:
  by_day:
    uri: s3://bench/$2/
    endpoint_url: \${S3_ENDPOINT}
    format: parquet
    compression: zstd
    partition_by: [day]
pipelines:
  orders_by_day:
    from: orders
    to: by_day
    where: "$WHERE"
EOF
  echo "$file"
}
s3c_run() {  # PART REP SOURCE_PREFIX DEST_PREFIX
  run_timed "$1" s3c run "$2" none -- "$S3C" run "$(pipeline_file "$3" "$4")" --json \
    --stats "$(stats_path "$1" s3c run "$2")"
}

failed=0
for rep in 1 2 3; do  # what DuckDB costs before a query (its CPU is taken off the COPY's)
  run_timed duckdb duckdb startup "$rep" duckdb -- "${DUCK[@]}" "$THREADS" "SELECT 1" || failed=1
done
COUNTS=$WORK/counts.jsonl
: >"$COUNTS"
count_line() {  # PART REP WHAT COUNTS
  printf '{"part":"%s","rep":%d,"what":"%s","rows_per_day":"%s"}\n' "$1" "$2" "$3" "$4" >>"$COUNTS"
}
for rep in $(seq 1 "$REPEATS"); do
  s3c_run pipeline "$rep" orders "s3c-$rep" || failed=1

  rm -rf "$LOCAL" && mkdir -p "$LOCAL/in"
  run_timed pipeline aws download "$rep" none -- "$AWS" --endpoint-url "$EP" s3 cp --recursive \
    --only-show-errors --no-progress s3://bench/orders/ "$LOCAL/in/" || failed=1
  run_timed pipeline duckdb copy "$rep" duckdb -- "${DUCK[@]}" "$THREADS" \
    "COPY (SELECT * FROM read_csv('$LOCAL/in/*.csv.gz') WHERE $WHERE) TO '$LOCAL/out'
     (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (day))" || failed=1
  run_timed pipeline aws upload "$rep" none -- "$AWS" --endpoint-url "$EP" s3 cp --recursive \
    --only-show-errors --no-progress "$LOCAL/out/" "s3://bench/peer-$rep/" || failed=1

  # Untimed checks: the peer's local output, its upload (keys and bytes against the folder),
  # and s3c's output downloaded.
  count_line pipeline "$rep" peer "$(rows_per_day "read_parquet('$LOCAL/out/*/*.parquet', hive_partitioning = true)")"
  local_files=$(find "$LOCAL/out" -type f | wc -l) local_bytes=$(find "$LOCAL/out" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  uploaded=$(python3 "$ROOT/tests/support/s3util.py" ls bench "peer-$rep/")
  [ "$uploaded" = "{\"count\": $local_files, \"bytes\": $local_bytes}" ] ||
    { log "peer upload #$rep: $uploaded, the folder has $local_files files, $local_bytes bytes"; failed=1; }
  rm -rf "$LOCAL" && mkdir -p "$LOCAL/s3c"
  "$AWS" --endpoint-url "$EP" s3 cp --recursive --only-show-errors --no-progress \
    "s3://bench/s3c-$rep/" "$LOCAL/s3c/" || failed=1
  count_line pipeline "$rep" s3c "$(rows_per_day "read_parquet('$LOCAL/s3c/day=*/*.parquet', hive_partitioning = true)")"
  rm -rf "$LOCAL"
  python3 "$ROOT/tests/support/s3util.py" rm bench "peer-$rep/" >/dev/null
  python3 "$ROOT/tests/support/s3util.py" rm bench "s3c-$rep/" >/dev/null
done
if [ "$FLAT" = 1 ]; then
  s3c_run flat 1 orders-2x s3c-2x || failed=1
fi

# ------------------------------------------------------------------ report
git_rev="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo '+dirty')"
DATE=$(date -u +%Y-%m-%dT%H%M%SZ)
cat >"$WORK/meta.json" <<EOF
{"date":"$DATE","repeats":$REPEATS,"cpus":$(nproc),"osd_store":"$OSD_STORE",
 "loadavg_start":"$(cut -d' ' -f1-3 /proc/loadavg)","git_rev":$(json_str "$git_rev"),
 "s3c_binary_mtime":"$(date -u -r "$S3C_BUILT" +%Y-%m-%dT%H:%M:%SZ)",
 "versions":{"aws":$(json_str "$("$AWS" --version 2>&1 | cut -d' ' -f1)"),
   "duckdb":$(json_str "$(duck 1 "SELECT version()" | python3 -c 'import json,sys; print(json.load(sys.stdin)["row"][0])')")},
 "threads":$THREADS,"local_dir":$(json_str "$LOCAL"),
 "input":{"objects":$OBJECTS,"rows_per_object":$ROWS,"csv_bytes":$CSV_BYTES,"gzip_bytes":$GZ_BYTES,
   "days":$DAYS,"where":$(json_str "$WHERE"),"expected_rows_per_day":"$EXPECTED"}}
EOF
[ -n "$OUT" ] || OUT=$HERE/results/pipeline-$DATE.json
mkdir -p "$(dirname "$OUT")"
python3 "$HERE/pipeline_report.py" "$WORK/meta.json" "$RUNS" "$COUNTS" "$OUT" || failed=1
echo
echo "results: $OUT"
[ "$failed" = 0 ] || die "a run failed or the rows differ (see above)"
