#!/usr/bin/env bash
# Parsing one CSV or JSON Lines object on one thread and on every core, through the CLI and the
# reader alone, beside DuckDB (SET threads=2, the pinned @duckdb/node-api of tests/oracle).
#   bench/parse_threads_bench.sh [BUILD_DIR] [BEFORE_S3C]    (env: CSV_MB=300 JSON_MB=200)
# Cases: `s3c convert` CSV -> Parquet and JSON Lines -> Parquet; CSV and JSON Lines read into
# batches alone (format_read_bench). BEFORE_S3C, when given, is an older s3c binary run with
# its defaults. Prints one markdown row per run (REPEAT=1 runs of each): wall, user and system
# CPU seconds from GNU time (the whole process; DuckDB's CPU includes node's start-up, its wall
# is the query alone), and the load average at the start (other work on the machine skews wall
# times, and the parallel runs most).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build}
BEFORE=${2:-}
S3C="$BUILD/tools/s3c/s3c"
DRIVER="$BUILD/bench/format_read_bench"
[ -x "$S3C" ] && [ -x "$DRIVER" ] || { echo "build the s3c and format_read_bench targets" >&2; exit 1; }
[ -d "$ROOT/tests/oracle/node_modules/@duckdb/node-api" ] || { echo "run scripts/bootstrap" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time missing: scripts/bootstrap --bench" >&2; exit 1; }
export AWS_EC2_METADATA_DISABLED=true
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
CSV="$DATA/data.csv"
JSONL="$DATA/data.jsonl"
"$DRIVER" generate-csv "$CSV" "${CSV_MB:-300}"
"$DRIVER" generate-jsonl "$JSONL" "${JSON_MB:-200}"

REPEAT=${REPEAT:-1}
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| case | tool | wall s | user s | sys s |"
echo "| --- | --- | --- | --- | --- |"
# timed LABEL CASE COMMAND...: runs COMMAND under GNU time (after removing the last output)
# and prints its row.
timed() {
  local label=$1 case=$2
  shift 2
  for _ in $(seq "$REPEAT"); do
    rm -f "$DATA/out.parquet"
    /usr/bin/time -f '%e %U %S' -o "$DATA/time" "$@" > /dev/null
    read -r wall user sys < "$DATA/time"
    echo "| $case | $label | $wall | $user | $sys |"
  done
}
for input in "CSV:$CSV" "JSONL:$JSONL"; do
  name="${input%%:*} -> Parquet"
  file=${input#*:}
  if [ -n "$BEFORE" ]; then
    timed "before (defaults)" "$name" "$BEFORE" convert -q "$file" "$DATA/out.parquet"
  fi
  for threads in 1 0; do
    timed "s3c --threads $threads" "$name" "$S3C" convert -q --threads "$threads" "$file" \
      "$DATA/out.parquet"
  done
done
cores=$(getconf _NPROCESSORS_ONLN)
for threads in 1 "$cores"; do
  timed "reader, $threads threads" "CSV read" "$DRIVER" read-csv "$CSV" "$threads" 1
  timed "reader, $threads threads" "JSONL read" "$DRIVER" read-jsonl "$JSONL" "$threads" 1
done
# DuckDB: the query's own time (node start-up excluded) and the process's user CPU.
duck() {
  python3 -c 'import json,sys; print(json.dumps({"case": sys.argv[1], "threads": 2,
    "repeat": 1, "sql": sys.argv[2]}))' "$1" "$2" > "$DATA/job"
  for _ in $(seq "$REPEAT"); do
    /usr/bin/time -f '%U %S' -o "$DATA/time" node "$ROOT/tests/oracle/duckdb_bench.mjs" \
      < "$DATA/job" > "$DATA/duck.json"
    read -r user sys < "$DATA/time"
    python3 -c 'import json,sys; print("| %s | DuckDB threads=2 | %.2f | %s | %s |" % (
      sys.argv[1], json.load(open(sys.argv[2]))["seconds"], sys.argv[3], sys.argv[4]))' \
      "$1" "$DATA/duck.json" "$user" "$sys"
  done
}
COLS='count(*), count("id"), count("qty"), count("price"), count("name"), count("day"), count("at"), count("ok"), count("note")'
duck "CSV -> Parquet" "COPY (SELECT * FROM read_csv('$CSV')) TO '$DATA/duck.parquet' (FORMAT parquet)"
duck "JSONL -> Parquet" "COPY (SELECT * FROM read_json('$JSONL', format='newline_delimited')) TO '$DATA/duck.parquet' (FORMAT parquet)"
duck "JSONL read" "SELECT $COLS FROM read_json('$JSONL', format='newline_delimited')"
