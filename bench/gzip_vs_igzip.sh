#!/usr/bin/env bash
# Compares s3c's gzip inflate (ISA-L behind the codec InputStream) with `igzip -d` on the same
# ~100 MB generated CSV file in the same run. Prints both rates (uncompressed MB/s) and the
# ratio s3c / igzip (target: at least 0.9).
# Usage: bench/gzip_vs_igzip.sh [BUILD_DIR] [MB]
set -euo pipefail
BUILD=${1:-build}
MB=${2:-100}
BENCH="$BUILD/src/codec/codec_bench"
[ -x "$BENCH" ] || { echo "missing $BENCH: build the codec_bench target" >&2; exit 1; }
command -v igzip >/dev/null || { echo "igzip not installed: scripts/bootstrap --bench" >&2; exit 1; }

WORK=$(mktemp -d /tmp/s3c-gzip-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
FILE="$WORK/data.csv.gz"
"$BENCH" --write_gzip="$FILE" --mb="$MB" >/dev/null
RAW=$(( MB * 1024 * 1024 ))

# igzip: best of 5 wall-clock runs, output discarded.
best_igzip=$(python3 - "$FILE" <<'PY'
import subprocess, sys, time
best = None
for _ in range(5):
    t0 = time.perf_counter()
    subprocess.run(["igzip", "-d", "-c", sys.argv[1]], stdout=subprocess.DEVNULL, check=True)
    t = time.perf_counter() - t0
    best = t if best is None else min(best, t)
print(best)
PY
)

"$BENCH" --input="$FILE" --benchmark_filter='^BM_GzipInflateFile$' --benchmark_repetitions=5 \
  --benchmark_format=json > "$WORK/s3c.json" 2>/dev/null
s3c_bps=$(python3 -c '
import json, sys
runs = [b for b in json.load(open(sys.argv[1]))["benchmarks"] if b.get("run_type") == "iteration"]
print(max(b["bytes_per_second"] for b in runs))' "$WORK/s3c.json")

python3 - "$RAW" "$best_igzip" "$s3c_bps" "$(stat -c %s "$FILE")" <<'PY'
import sys
raw, igzip_s, s3c_bps, gz = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
igzip_mbs = raw / igzip_s / 1e6
s3c_mbs = s3c_bps / 1e6
print(f"file: {raw/1e6:.1f} MB CSV, {gz/1e6:.1f} MB gzipped (level 6)")
print(f"igzip -d : {igzip_mbs:8.1f} MB/s (best of 5)")
print(f"s3c      : {s3c_mbs:8.1f} MB/s (best of 5, BM_GzipInflateFile)")
print(f"ratio s3c/igzip: {s3c_mbs/igzip_mbs:.2f}x (target >= 0.90)")
PY
