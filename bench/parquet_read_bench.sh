#!/usr/bin/env bash
# Parquet read benchmark: s3c against DuckDB on one thread, and remote projection economy.
#
# Usage: bench/parquet_read_bench.sh BUILD_DIR [--local-rows N] [--remote-rows N] [--no-remote]
#                                    [--out FILE]
#   local:  an 8-column table (~1 GB at the default 15M rows) written by DuckDB with snappy;
#           s3c decodes all columns and a 2-of-8 projection (build/parquet_read_bench); DuckDB
#           (threads=1) sums hash() of every value of the same columns.
#   remote: the same table at ~2 GB (30M rows) uploaded to the RGW of $RGW_ENV
#           [/tmp/s3c-dev/cluster.env]; s3c reads the 2-of-8 projection through ranged GETs
#           (bytes fetched vs projected chunk bytes) and the Debian aws cli downloads the whole
#           object (`aws s3 cp`, settings as bench/run_transfer_bench.sh sets them).
# Needs: node with tests/oracle/node_modules (npm ci there), /usr/bin/aws for the remote part.
# Results: JSON in bench/results/parquet-read-DATE.json and a summary on stdout.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BUILD=${1:?usage: parquet_read_bench.sh BUILD_DIR [--local-rows N] [--remote-rows N]}
shift
LOCAL_ROWS=15000000 REMOTE_ROWS=30000000 REMOTE=1 OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --local-rows) LOCAL_ROWS=$2; shift ;;
    --remote-rows) REMOTE_ROWS=$2; shift ;;
    --no-remote) REMOTE=0 ;;
    --out) OUT=$2; shift ;;
    *) echo "parquet_read_bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
BENCH=$(cd "$BUILD" && pwd)/src/formats/parquet/parquet_read_bench
[ -x "$BENCH" ] || BENCH=$(cd "$BUILD" && pwd)/parquet_read_bench
[ -x "$BENCH" ] || { echo "no parquet_read_bench in $BUILD (ninja parquet_read_bench)" >&2; exit 1; }
WORK=${BENCH_WORK:-/tmp/s3c-parquet-bench}
mkdir -p "$WORK" "$ROOT/bench/results"
OUT=${OUT:-$ROOT/bench/results/parquet-read-$(date +%Y%m%d-%H%M%S).json}
PROJ=c2,c6

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# Runs SQL statements in one DuckDB (threads=1) and prints the seconds the last one took.
duck() {
  (cd "$ROOT/tests/oracle" && node --input-type=module -e '
    import { DuckDBInstance } from "@duckdb/node-api";
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    await con.run("SET threads=1");
    const stmts = process.argv.slice(1);
    let secs = 0;
    for (const s of stmts) {
      const t0 = process.hrtime.bigint();
      await con.runAndReadAll(s);
      secs = Number(process.hrtime.bigint() - t0) / 1e9;
    }
    console.log(secs.toFixed(3));
  ' "$@")
}

table_sql() {  # rows path
  echo "COPY (SELECT i AS id, (hash(i) % 100000)::INTEGER AS c1, random() AS c2,
    's' || (i % 5000) AS c3, hash(i * 7) AS c4, DATE '2000-01-01' + (i % 9000)::INTEGER AS c5,
    md5(i::VARCHAR) AS c6, i % 3 = 0 AS c7 FROM range(0, $1) t(i))
    TO '$2' (FORMAT parquet, COMPRESSION snappy)"
}

# sum(hash(col)) for each column: DuckDB must decode every value (min/max alone would be
# answered from the row-group statistics without reading the data).
decode_sql() {  # path columns...
  local path=$1; shift
  local parts=()
  for c in "$@"; do parts+=("sum(hash($c))"); done
  local IFS=,
  echo "SELECT ${parts[*]} FROM read_parquet('$path')"
}

median3() { printf '%s\n' "$@" | sort -g | sed -n 2p; }

# ------------------------------------------------------------------ local
LOCAL=$WORK/local.parquet
if [ ! -s "$LOCAL" ]; then
  log "writing $LOCAL_ROWS rows with DuckDB"
  duck "SET threads=2" "$(table_sql "$LOCAL_ROWS" "$LOCAL")" >/dev/null
fi
LOCAL_BYTES=$(stat -c %s "$LOCAL")
log "local file: $LOCAL_BYTES bytes"

s3c_all=() s3c_proj=() duck_all=() duck_proj=()
for rep in 1 2 3; do
  j=$("$BENCH" local "$LOCAL"); s3c_all+=("$(echo "$j" | sed 's/.*"seconds": \([0-9.]*\).*/\1/')")
  jp=$("$BENCH" local "$LOCAL" "$PROJ"); s3c_proj+=("$(echo "$jp" | sed 's/.*"seconds": \([0-9.]*\).*/\1/')")
  duck_all+=("$(duck "$(decode_sql "$LOCAL" id c1 c2 c3 c4 c5 c6 c7)")")
  duck_proj+=("$(duck "$(decode_sql "$LOCAL" c2 c6)")")
  log "repeat $rep: s3c all ${s3c_all[-1]} s, 2-of-8 ${s3c_proj[-1]} s; duckdb all ${duck_all[-1]} s, 2-of-8 ${duck_proj[-1]} s"
done
S3C_ALL=$(median3 "${s3c_all[@]}") S3C_PROJ=$(median3 "${s3c_proj[@]}")
DUCK_ALL=$(median3 "${duck_all[@]}") DUCK_PROJ=$(median3 "${duck_proj[@]}")

# ------------------------------------------------------------------ remote
REMOTE_JSON="null"
if [ "$REMOTE" = 1 ]; then
  RGW_ENV=${RGW_ENV:-/tmp/s3c-dev/cluster.env}
  set -a; . "$RGW_ENV"; set +a
  . "$HERE/bench_env.sh"
  aws_peer_env "$WORK/aws"
  mkdir -p "$WORK/aws"
  AWS=/usr/bin/aws
  BIG=$WORK/remote.parquet
  if [ ! -s "$BIG" ]; then
    log "writing $REMOTE_ROWS rows with DuckDB"
    duck "SET threads=2" "$(table_sql "$REMOTE_ROWS" "$BIG")" >/dev/null
  fi
  KEY=parquet-bench-$$/remote.parquet
  trap '"$AWS" --endpoint-url "$S3_ENDPOINT" s3 rm --only-show-errors "s3://$S3_BUCKET/$KEY" || true; rm -f "$WORK/dl.parquet"' EXIT
  log "uploading $(stat -c %s "$BIG") bytes"
  "$AWS" --endpoint-url "$S3_ENDPOINT" s3 cp --only-show-errors "$BIG" "s3://$S3_BUCKET/$KEY"
  s3c_remote=() aws_get=()
  for rep in 1 2 3; do
    jr=$("$BENCH" s3 "$RGW_ENV" "$KEY" "$PROJ")
    s3c_remote+=("$(echo "$jr" | sed 's/.*"seconds": \([0-9.]*\).*/\1/')")
    t0=$(date +%s.%N)
    "$AWS" --endpoint-url "$S3_ENDPOINT" s3 cp --only-show-errors --no-progress \
      "s3://$S3_BUCKET/$KEY" "$WORK/dl.parquet"
    aws_get+=("$(echo "$(date +%s.%N) - $t0" | bc)")
    rm -f "$WORK/dl.parquet"
    log "repeat $rep: s3c 2-of-8 remote ${s3c_remote[-1]} s; aws s3 cp whole file ${aws_get[-1]} s"
  done
  REMOTE_JSON="{\"s3c_projection\": $jr, \"s3c_seconds_median\": $(median3 "${s3c_remote[@]}"),
    \"aws_cp_seconds_median\": $(median3 "${aws_get[@]}")}"
fi

cat >"$OUT" <<EOF
{"date": "$(date -Is)", "host_cores": $(nproc),
 "local": {"file_bytes": $LOCAL_BYTES, "rows": $LOCAL_ROWS,
   "s3c_all_columns_seconds": $S3C_ALL, "duckdb_all_columns_seconds": $DUCK_ALL,
   "s3c_2of8_seconds": $S3C_PROJ, "duckdb_2of8_seconds": $DUCK_PROJ,
   "s3c_all_run": $j, "s3c_2of8_run": $jp},
 "remote": $REMOTE_JSON}
EOF
log "results in $OUT"
cat "$OUT"
