#!/usr/bin/env bash
# s3c's CSV / JSON Lines readers and gzip inflate beside DuckDB (@duckdb/node-api, the test
# oracle's pinned package) and igzip, in the same run on the same files.
#   bench/formats_bench.sh [BUILD_DIR]    (env: CSV_MB=500 JSON_MB=500 GZ_MB=100 REPEAT=3)
# Data is generated once into /tmp/s3c-formats-bench and kept. s3c reads into record batches
# (every column materialised as arrays); DuckDB runs SELECT count(*), count(<each column>) over
# read_csv / read_json so that it parses and converts every column. Both infer the schema.
# Writes runs.jsonl there, a markdown summary to stdout and bench/results/formats-<time>.json.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build}
CSV_MB=${CSV_MB:-500}
JSON_MB=${JSON_MB:-500}
GZ_MB=${GZ_MB:-100}
REPEAT=${REPEAT:-3}
DRIVER="$BUILD/bench/format_read_bench"
[ -x "$DRIVER" ] || { echo "missing $DRIVER: build the format_read_bench target" >&2; exit 1; }
[ -d "$ROOT/tests/oracle/node_modules/@duckdb/node-api" ] || { echo "run scripts/bootstrap" >&2; exit 1; }
command -v igzip >/dev/null || { echo "igzip not installed: scripts/bootstrap --bench" >&2; exit 1; }

DATA=/tmp/s3c-formats-bench
mkdir -p "$DATA"
CSV="$DATA/data-${CSV_MB}mb.csv"
JSONL="$DATA/data-${JSON_MB}mb.jsonl"
GZ="$DATA/data-${GZ_MB}mb.csv.gz"
[ -s "$CSV" ] || "$DRIVER" generate-csv "$CSV" "$CSV_MB"
[ -s "$JSONL" ] || "$DRIVER" generate-jsonl "$JSONL" "$JSON_MB"
[ -s "$GZ" ] || head -c "$((GZ_MB * 1000 * 1000))" "$CSV" | gzip -6 > "$GZ"

RUNS="$DATA/runs.jsonl"
: > "$RUNS"
COLS='count(*), count("id"), count("qty"), count("price"), count("name"), count("day"), count("at"), count("ok"), count("note")'
"$DRIVER" read-csv "$CSV" 1 "$REPEAT" >> "$RUNS"
"$DRIVER" read-csv "$CSV" 2 "$REPEAT" >> "$RUNS"
"$DRIVER" read-jsonl "$JSONL" 1 "$REPEAT" >> "$RUNS"
"$DRIVER" read-jsonl "$JSONL" 2 "$REPEAT" >> "$RUNS"
"$DRIVER" gunzip "$GZ" "$REPEAT" >> "$RUNS"
python3 - "$CSV" "$JSONL" "$COLS" "$REPEAT" <<'PY' | node "$ROOT/tests/oracle/duckdb_bench.mjs" >> "$RUNS"
import json, sys
csv, jsonl, cols, repeat = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
for threads in (1, 2):
    print(json.dumps({"case": "csv", "threads": threads, "repeat": repeat,
                      "sql": f"SELECT {cols} FROM read_csv('{csv}')"}))
    print(json.dumps({"case": "jsonl", "threads": threads, "repeat": repeat,
                      "sql": f"SELECT {cols} FROM read_json('{jsonl}', format='newline_delimited')"}))
PY
python3 - "$GZ" "$REPEAT" >> "$RUNS" <<'PY'
import json, subprocess, sys, time
for _ in range(int(sys.argv[2])):
    t0 = time.perf_counter()
    subprocess.run(["igzip", "-d", "-c", sys.argv[1]], stdout=subprocess.DEVNULL, check=True)
    # Wall time of `igzip -d -c FILE > /dev/null`, process start included.
    print(json.dumps({"case": "gunzip", "tool": "igzip", "threads": 1,
                      "seconds": time.perf_counter() - t0}))
PY
python3 "$ROOT/bench/formats_report.py" "$RUNS" \
  "$ROOT/bench/results/formats-$(date -u +%Y-%m-%dT%H%M%SZ).json" \
  "$(stat -c %s "$CSV")" "$(stat -c %s "$JSONL")" "$(stat -c %s "$GZ")"
