#!/usr/bin/env bash
# s3c's Parquet writer beside DuckDB's COPY ... TO (FORMAT parquet), one thread each, snappy and
# zstd, on the same ~1 GB 8-column table.
#   bench/parquet_write_bench.sh [BUILD_DIR]     (env: ROWS=22000000 REPEAT=3)
# s3c: bench/parquet_write_bench.cc builds the table in memory once and times OpenParquetWriter
# .. Close() to a local file. DuckDB: the same values computed from range(ROWS) into a table
# (not timed), then `COPY t TO .. (FORMAT parquet, COMPRESSION ..)` with threads=1 is timed in
# the process (tests/oracle/duckdb_bench.mjs). Throughput is the table's value bytes (bytes_in)
# per second for both. Writes bench/results/parquet-write-<time>.json and prints a summary.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build}
ROWS=${ROWS:-22000000}
REPEAT=${REPEAT:-3}
DRIVER="$BUILD/bench/parquet_write_bench"
[ -x "$DRIVER" ] || { echo "missing $DRIVER: build the parquet_write_bench target" >&2; exit 1; }
[ -d "$ROOT/tests/oracle/node_modules/@duckdb/node-api" ] || { echo "run scripts/bootstrap" >&2; exit 1; }

DATA=/tmp/s3c-parquet-write-bench
mkdir -p "$DATA"
RUNS="$DATA/runs.jsonl"
: > "$RUNS"
"$DRIVER" "$ROWS" "$DATA" "$REPEAT" >> "$RUNS"

python3 - "$ROWS" "$DATA" "$REPEAT" <<'PY' | node "$ROOT/tests/oracle/duckdb_bench.mjs" >> "$RUNS"
import json, sys
rows, data, repeat = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
create = (f"CREATE OR REPLACE TABLE t AS SELECT range AS id, "
          f"((range * 7919) % 1000003)::INTEGER AS a, ((range % 10007) * 1.25)::DOUBLE AS b, "
          f"'str_' || (range % 50000) AS c, DATE '1970-01-01' + (range % 20000)::INTEGER AS d, "
          f"make_timestamp(1600000000000000 + range * 1000) AS e, (range % 3 = 0) AS f, "
          f"(range % 30000)::SMALLINT AS g FROM range({rows})")
print(json.dumps({"case": "create", "threads": 2, "repeat": 1, "sql": create}))
for codec in ("snappy", "zstd"):
    print(json.dumps({"case": codec, "threads": 1, "repeat": repeat,
                      "sql": f"COPY t TO '{data}/duckdb-{codec}.parquet' "
                             f"(FORMAT parquet, COMPRESSION {codec})"}))
PY

python3 - "$RUNS" "$DATA" "$ROOT/bench/results/parquet-write-$(date -u +%Y-%m-%dT%H%M%SZ).json" <<'PY'
import json, os, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
data, out = sys.argv[2], sys.argv[3]
bytes_in = next(r["bytes_in"] for r in runs if r["tool"] == "s3c")
summary = {"bytes_in": bytes_in, "rows": None, "cases": {}}
for codec in ("snappy", "zstd"):
    case = {}
    for tool in ("s3c", "duckdb"):
        secs = [r["seconds"] for r in runs if r["tool"] == tool and r["case"] == codec]
        path = f"{data}/{tool}-{codec}.parquet"
        case[tool] = {"seconds": secs, "median_seconds": statistics.median(secs),
                      "mb_per_s": bytes_in / 1e6 / statistics.median(secs),
                      "file_bytes": os.path.getsize(path)}
    case["s3c_over_duckdb_speed"] = case["s3c"]["mb_per_s"] / case["duckdb"]["mb_per_s"]
    case["s3c_over_duckdb_size"] = case["s3c"]["file_bytes"] / case["duckdb"]["file_bytes"]
    summary["cases"][codec] = case
summary["runs"] = runs
json.dump(summary, open(out, "w"), indent=2)
print(f"value bytes: {bytes_in / 1e6:.0f} MB -> {out}")
print("| codec | s3c MB/s | DuckDB MB/s | speed s3c/DuckDB | s3c file | DuckDB file |")
print("|---|---|---|---|---|---|")
for codec, c in summary["cases"].items():
    print(f"| {codec} | {c['s3c']['mb_per_s']:.0f} | {c['duckdb']['mb_per_s']:.0f} | "
          f"{c['s3c_over_duckdb_speed']:.2f} | {c['s3c']['file_bytes'] / 1e6:.0f} MB | "
          f"{c['duckdb']['file_bytes'] / 1e6:.0f} MB |")
PY
