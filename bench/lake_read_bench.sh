#!/usr/bin/env bash
# Reading a data lake: s3c's filtered reads of a Hive-partitioned lake against its peers, all on a
# private loopback RGW started here, in the same run.
#
# Usage: bench/lake_read_bench.sh BUILD_DIR [--quick] [--size BYTES] [--repeats N] [--out FILE]
#                                 [--keep-data]
#   full:    ~1 GB of CSV (uncompressed) in 1000 objects over 100 days; 100,000 small keys over
#            1000 days; 3 repeats (median)
#   --quick: ~50 MB in 100 objects over 20 days; 10,000 small keys over 100 days; 1 repeat
#   --size:  the lake's uncompressed CSV bytes (the object and day counts stay)
# The lake: s3://lake/csv/day=YYYY-MM-DD/part-N.csv.gz (gzip CSV, 8 columns: ints, floats,
# strings, a date; written by DuckDB) and the same rows as s3://lake/parquet/.../part-N.parquet
# (snappy); both uploaded with `s3c cp -r`. The query: a 5-day range of `day` AND `v > 500`.
#   csv:      every column out as CSV rows: `s3c read` vs (a) `aws s3 cp --recursive` of the
#             whole prefix then DuckDB read_csv(hive_partitioning) with the same WHERE, and
#             (b) DuckDB on the same files already local, on the same thread count
#   parquet:  2 of the 8 columns (--columns), the same peers with read_parquet
#   small:    one day of the small keys: `s3c ls --where` and `s3c read --where` (LIST requests
#             from --stats against the minimum, 1) vs `aws s3 ls --recursive | grep day=...`
#   delay:    the csv read again through tests/support's delay_proxy (30 ms added to every
#             request): time with the delay / time without
# Every peer writes its rows as CSV (DuckDB: COPY ... TO '/dev/null'); the row counts of all
# tools must agree, else the bench fails. Wall time, user+sys CPU and peak RSS come from GNU
# time (the whole process tree). DuckDB's wall time is the query alone (measured in the process);
# its CPU is the process's less that of a DuckDB that only starts (the median of 3 such runs).
# Env knobs: LAKE_THREADS [the cores] (s3c --decode-threads, each object parsed on one of them,
#   and DuckDB threads), S3C_SCAN_FLAGS (extra flags
#   for every `s3c read`, e.g. "--objects-in-flight 8"), LAKE_DELAY_MS [30], OSD_STORE
#   [memstore], BENCH_RGW_PORT [19482], BENCH_MON_PORT [19302], BENCH_WORK [/tmp/s3c-lake-bench],
#   BENCH_DL_DIR [/dev/shm/s3c-lake-download if it has room, else $BENCH_WORK/download].
# Needs: scripts/bootstrap --bench (awscli, GNU time), tests/oracle's npm package, and in
# BUILD_DIR the s3c and delay_proxy binaries. Results: markdown on stdout, JSON in
# bench/results/lake-read-DATE.json.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BUILD=${1:?usage: lake_read_bench.sh BUILD_DIR [--quick] [--size BYTES]}
shift
QUICK=0 SIZE="" REPEATS="" OUT="" KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --size) SIZE=$2; shift ;;
    --repeats) REPEATS=$2; shift ;;
    --out) OUT=$2; shift ;;
    --keep-data) KEEP=1 ;;
    *) echo "lake_read_bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if [ "$QUICK" = 1 ]; then
  MODE=quick OBJECTS=100 DAYS=20 SIZE=${SIZE:-50000000} SMALL_KEYS=10000 SMALL_DAYS=100
  REPEATS=${REPEATS:-1}
else
  MODE=full OBJECTS=1000 DAYS=100 SIZE=${SIZE:-1000000000} SMALL_KEYS=100000 SMALL_DAYS=1000
  REPEATS=${REPEATS:-3}
fi
[[ "$SIZE" =~ ^[0-9]+$ ]] || { echo "lake_read_bench.sh: --size wants bytes, got '$SIZE'" >&2; exit 2; }
PARTS=$((OBJECTS / DAYS))
ROW_BYTES=62  # what one CSV row of lake_rows takes on average (lake_bench_lib.sh)
ROWS=$((SIZE / OBJECTS / ROW_BYTES))
[ "$ROWS" -ge 1 ] || { echo "lake_read_bench.sh: --size $SIZE is too small" >&2; exit 2; }
FIRST_DAY=2024-01-01 SMALL_FIRST_DAY=2021-01-01
THREADS=${LAKE_THREADS:-$(nproc)}
DELAY_MS=${LAKE_DELAY_MS:-30}
read -r -a SCAN_FLAGS <<<"${S3C_SCAN_FLAGS:-}"

S3C=$(cd "$BUILD" && pwd)/tools/s3c/s3c
PROXY=$(cd "$BUILD" && pwd)/tests/support/delay_proxy
WORK=${BENCH_WORK:-/tmp/s3c-lake-bench}
DATA=$WORK/data-$MODE-$SIZE
RUNS=$WORK/runs.jsonl
. "$HERE/lake_bench_lib.sh"
. "$HERE/bench_env.sh"

AWS=/usr/bin/aws  # Debian's awscli, not whatever else is first on PATH
[ -x "$S3C" ] || die "no s3c binary at $S3C (ninja -C $BUILD s3c)"
[ -x "$PROXY" ] || die "no delay_proxy at $PROXY (ninja -C $BUILD delay_proxy)"
# Private copies: a rebuild during the run must not swap (or, mid-link, break) the binaries.
mkdir -p "$WORK/bin"
cp "$S3C" "$WORK/bin/s3c" && cp "$PROXY" "$WORK/bin/delay_proxy"
S3C_BUILT="$S3C" S3C=$WORK/bin/s3c PROXY=$WORK/bin/delay_proxy
need_bench_tools "$AWS"
DL=$(local_dir s3c-lake-download $((SIZE / 1000000000 + 2)) "$WORK/download")
bench_rgw_settings "$WORK" 19482 19302
PROXY_PID=""
cleanup() {
  [ -z "$PROXY_PID" ] || kill "$PROXY_PID" 2>/dev/null || true
  "$ROOT/tests/support/rgw.sh" stop >/dev/null 2>&1 || true
  rm -rf "$DL" "$WORK/aws" "$WORK/logs" "$WORK/bin"
  [ "$KEEP" = 1 ] || rm -rf "$DATA"
}
trap cleanup EXIT
mkdir -p "$WORK/aws" "$WORK/logs"
: >"$RUNS"

# ------------------------------------------------------------------ data
if [ ! -f "$DATA/done" ]; then
  rm -rf "$DATA"
  log "writing the lakes: $DAYS days x $PARTS objects x $ROWS rows (CSV and Parquet, DuckDB)"
  write_lakes "$DATA" "$DAYS" "$PARTS" "$ROWS" "$FIRST_DAY"
  log "writing $SMALL_KEYS small keys over $SMALL_DAYS days"
  write_small_keys "$DATA/small" "$SMALL_DAYS" "$SMALL_KEYS" "$SMALL_FIRST_DAY"
  touch "$DATA/done"
fi
CSV_GZ_BYTES=$(du -sb "$DATA/csv" | cut -f1)
PARQUET_BYTES=$(du -sb "$DATA/parquet" | cut -f1)
CSV_BYTES=$(find "$DATA/csv" -name '*.csv.gz' -exec cat {} + | gzip -dc | wc -c)
log "lake: $CSV_BYTES bytes of CSV ($CSV_GZ_BYTES gzip), $PARQUET_BYTES bytes of Parquet"

# ------------------------------------------------------------------ server and upload
start_bench_peers_rgw "$WORK"
EP=$S3_ENDPOINT
S3=("$S3C" --endpoint-url "$EP" -q)
"${S3[@]}" mb s3://lake
for what in csv parquet small; do
  t0=$(date +%s)
  "${S3[@]}" cp -r "$DATA/$what" "s3://lake/$what/" || die "upload of $what failed"
  log "uploaded $what in $(($(date +%s) - t0)) s"
done

# ------------------------------------------------------------------ the runs
DAY_LO=$(lake_day "$FIRST_DAY" $((DAYS / 2))) DAY_HI=$(lake_day "$FIRST_DAY" $((DAYS / 2 + 4)))
WHERE="day BETWEEN DATE '$DAY_LO' AND DATE '$DAY_HI' AND v > 500"
PROJECTION=price,name
SMALL_DAY=$(lake_day "$SMALL_FIRST_DAY" $((SMALL_DAYS / 2)))
s3c_read() {  # PART TOOL STEP REP ENDPOINT ARGS...: s3c read of rows as CSV, counted
  local part=$1 tool=$2 step=$3 rep=$4 ep=$5
  shift 5
  run_timed "$part" "$tool" "$step" "$rep" lines -- "$S3C" --endpoint-url "$ep" read -q -o csv \
    --stats "$(stats_path "$part" "$tool" "$step" "$rep")" "${SCAN_FLAGS[@]}" "$@"
}
duck_copy() {  # PART STEP REP SELECT: DuckDB writes the rows of SELECT as CSV to /dev/null
  run_timed "$1" duckdb "$2" "$3" duckdb -- "${DUCK[@]}" "$THREADS" \
    "COPY ($4) TO '/dev/null' (FORMAT csv, HEADER)"
}
aws_download() {  # PART REP PREFIX
  rm -rf "$DL" && mkdir -p "$DL"
  run_timed "$1" aws download "$2" none -- "$AWS" --endpoint-url "$EP" s3 cp --recursive \
    --only-show-errors --no-progress "s3://lake/$3/" "$DL/"
}
csv_select() { echo "SELECT * FROM read_csv('$1/*/*.csv.gz', hive_partitioning = true) WHERE $WHERE"; }
parquet_select() {
  echo "SELECT $PROJECTION FROM read_parquet('$1/*/*.parquet', hive_partitioning = true) WHERE $WHERE"
}

failed=0
for rep in 1 2 3; do  # what DuckDB costs before a query (its CPU is taken off the queries')
  run_timed duckdb duckdb startup "$rep" duckdb -- "${DUCK[@]}" "$THREADS" "SELECT 1" || failed=1
done
for rep in $(seq 1 "$REPEATS"); do
  s3c_read csv s3c read "$rep" "$EP" --threads 1 --decode-threads "$THREADS" --where "$WHERE" s3://lake/csv/ || failed=1
  aws_download csv "$rep" csv || failed=1
  duck_copy csv downloaded "$rep" "$(csv_select "$DL")" || failed=1
  duck_copy csv local "$rep" "$(csv_select "$DATA/csv")" || failed=1

  s3c_read parquet s3c read "$rep" "$EP" --decode-threads "$THREADS" --columns "$PROJECTION" --where "$WHERE" \
    s3://lake/parquet/ || failed=1
  aws_download parquet "$rep" parquet || failed=1
  duck_copy parquet downloaded "$rep" "$(parquet_select "$DL")" || failed=1
  duck_copy parquet local "$rep" "$(parquet_select "$DATA/parquet")" || failed=1
  rm -rf "$DL"

  run_timed small s3c ls "$rep" lines -- "$S3C" --endpoint-url "$EP" ls -q \
    --stats "$(stats_path small s3c ls "$rep")" --where "day = DATE '$SMALL_DAY'" \
    s3://lake/small/ || failed=1
  s3c_read small s3c read "$rep" "$EP" --where "day = DATE '$SMALL_DAY'" s3://lake/small/ ||
    failed=1
  run_timed small aws ls "$rep" lines -- bash -c '"$1" --endpoint-url "$2" s3 ls --recursive \
    s3://lake/small/ | grep "day=$3/"' aws_ls "$AWS" "$EP" "$SMALL_DAY" || failed=1
done

log "starting delay_proxy: $DELAY_MS ms before every request"
coproc PROXY_PROC { exec "$PROXY" "$RGW_PORT" "$DELAY_MS" 2>"$WORK/logs/delay_proxy.err"; }
PROXY_PID=$PROXY_PROC_PID
read -r -t 10 PROXY_URL <&"${PROXY_PROC[0]}" || die "delay_proxy did not start: $(cat "$WORK/logs/delay_proxy.err")"
for rep in $(seq 1 "$REPEATS"); do
  s3c_read delay s3c read "$rep" "$PROXY_URL" --threads 1 --decode-threads "$THREADS" --where "$WHERE" \
    s3://lake/csv/ || failed=1
done
kill "$PROXY_PID" && wait "$PROXY_PID" 2>/dev/null || true
PROXY_PID=""
log "$(cat "$WORK/logs/delay_proxy.err")"

# ------------------------------------------------------------------ report
git_rev="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo '+dirty')"
DATE=$(date -u +%Y-%m-%dT%H%M%SZ)
cat >"$WORK/meta.json" <<EOF
{"date":"$DATE","mode":"$MODE","repeats":$REPEATS,"cpus":$(nproc),"osd_store":"$OSD_STORE",
 "loadavg_start":"$(cut -d' ' -f1-3 /proc/loadavg)","git_rev":$(json_str "$git_rev"),
 "s3c_binary_mtime":"$(date -u -r "$S3C_BUILT" +%Y-%m-%dT%H:%M:%SZ)",
 "versions":{"aws":$(json_str "$("$AWS" --version 2>&1 | cut -d' ' -f1)"),
   "duckdb":$(json_str "$(duck 1 "SELECT version()" | python3 -c 'import json,sys; print(json.load(sys.stdin)["row"][0])')")},
 "threads":$THREADS,"s3c_scan_flags":$(json_str "${S3C_SCAN_FLAGS:-}"),"delay_ms":$DELAY_MS,
 "download_dir":$(json_str "$DL"),
 "lake":{"objects":$OBJECTS,"days":$DAYS,"rows_per_object":$ROWS,"csv_bytes":$CSV_BYTES,
   "csv_gzip_bytes":$CSV_GZ_BYTES,"parquet_bytes":$PARQUET_BYTES,"where":$(json_str "$WHERE"),
   "parquet_columns":"$PROJECTION"},
 "small":{"keys":$SMALL_KEYS,"days":$SMALL_DAYS,"day":"$SMALL_DAY",
   "keys_in_day":$((SMALL_KEYS / SMALL_DAYS))}}
EOF
if [ -z "$OUT" ]; then
  OUT=$HERE/results/lake-read-$DATE.json
  [ "$QUICK" = 1 ] && OUT=$HERE/results/lake-read-$DATE-quick.json
fi
mkdir -p "$(dirname "$OUT")"
python3 "$HERE/lake_report.py" "$WORK/meta.json" "$RUNS" "$OUT" || failed=1
echo
echo "results: $OUT"
[ "$failed" = 0 ] || die "a run failed or the row counts differ (see above)"
