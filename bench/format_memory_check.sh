#!/usr/bin/env bash
# Memory stays bounded while streaming: converts a CSV file of SMALL_GIB and one of
# BIG_GIB (by default larger than half the machine's RAM, so it could not be held twice) to
# Parquet and to JSONL.gz with `s3c convert`, and reports each run's peak RSS (GNU time). The
# check passes when every peak is under LIMIT_MB and the big file's peak is within 1.5x of the
# small file's (memory does not grow with the input).
#
# Usage: bench/format_memory_check.sh BUILD_DIR     Env: SMALL_GIB [1], BIG_GIB [RAM/2 + 1],
# LIMIT_MB [1024], MEMCHECK_WORK [/tmp/s3c-format-memcheck]. Needs ~2.2x BIG_GIB free disk.
set -euo pipefail
BUILD=${1:?usage: format_memory_check.sh BUILD_DIR}
S3C=$(cd "$BUILD" && pwd)/tools/s3c/s3c
WORK=${MEMCHECK_WORK:-/tmp/s3c-format-memcheck}
RAM_GIB=$(awk '/MemTotal/ {print int($2 / 1048576)}' /proc/meminfo)
SMALL_GIB=${SMALL_GIB:-1}
BIG_GIB=${BIG_GIB:-$((RAM_GIB / 2 + 1))}
LIMIT_MB=${LIMIT_MB:-1024}
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT
free_gib=$(df -BG --output=avail "$WORK" | tail -1 | tr -dc 0-9)
if [ "$free_gib" -lt $((BIG_GIB * 22 / 10 + 2)) ]; then
  echo "skip: $free_gib GiB free under $WORK, need $((BIG_GIB * 22 / 10 + 2))"; exit 0
fi

# A 64 MiB block of varied rows, repeated: quick to make at any size.
python3 - "$WORK/block.csv" <<'PY'
import random, sys
random.seed(7)
words = ["alpha", "beta", "gamma, delta", "quote \"x\"", "caf\u00e9", "", "multi\nline"]
with open(sys.argv[1], "w", newline="") as f:
    i = 0
    while f.tell() < 64 << 20:
        w = random.choice(words)
        w = '"' + w.replace('"', '""') + '"' if any(c in w for c in ',"\n') else w
        f.write(f"{i},{random.randint(-10**12, 10**12)},{random.random() * 1e6:.6f},{w},"
                f"2024-{1 + i % 12:02d}-{1 + i % 28:02d},{'true' if i % 3 else 'false'}\n")
        i += 1
PY
make_csv() {  # make_csv GIB PATH
  { echo "id,big,x,word,day,flag"; for _ in $(seq 1 $(($1 * 16))); do cat "$WORK/block.csv"; done; } > "$2"
}
peak_mb() { awk -F: '/Maximum resident/ {print int($2 / 1024)}' "$1"; }

status=0
declare -A peak
for gib in "$SMALL_GIB" "$BIG_GIB"; do
  make_csv "$gib" "$WORK/in.csv"
  for out in out.parquet out.jsonl.gz; do
    /usr/bin/time -v "$S3C" -q convert "$WORK/in.csv" "$WORK/$out" 2>"$WORK/time.txt" || {
      cat "$WORK/time.txt"; exit 1; }
    mb=$(peak_mb "$WORK/time.txt")
    secs=$(awk -F': ' '/Elapsed/ {print $2}' "$WORK/time.txt")
    peak[$gib,$out]=$mb
    echo "convert ${gib} GiB CSV -> $out: peak RSS ${mb} MB, wall $secs, output $(du -h "$WORK/$out" | cut -f1)"
    [ "$mb" -lt "$LIMIT_MB" ] || { echo "FAIL: over ${LIMIT_MB} MB"; status=1; }
    rm -f "$WORK/$out"
  done
  rm -f "$WORK/in.csv"
done
for out in out.parquet out.jsonl.gz; do
  small=${peak[$SMALL_GIB,$out]} big=${peak[$BIG_GIB,$out]}
  if [ $((big * 2)) -gt $((small * 3)) ]; then
    echo "FAIL: $out peak grew from $small MB to $big MB"; status=1
  else
    echo "ok: $out peak $small MB at ${SMALL_GIB} GiB, $big MB at ${BIG_GIB} GiB (RAM ${RAM_GIB} GiB)"
  fi
done
exit $status
