#!/usr/bin/env bash
# Incremental pipeline runs over many existing objects: what a run with nothing new and a run
# with a few new objects cost with each strategy, beside the full re-listing a tool without
# incremental state pays on every run. On a private loopback RGW started here.
#
# Usage: bench/incremental_bench.sh BUILD_DIR [--objects N] [--new N] [--quick] [--lag N]
#                                   [--out FILE] [--keep-data]
#   --objects: existing objects under s3://bench/logs/ [100000]
#   --new:     objects added after the first runs [100]
#   --quick:   10000 objects (checks the script in a few minutes)
#   --lag:     the key strategy's lag [1000, its default]
# The input: one JSON Lines row per object ({"id":I,"ts":...}), keys that sort by time,
# logs/YYYY/MM/DD/HH/NNNNNNN.jsonl (1000 objects an hour from 2024-01-01T00, I zero-padded),
# uploaded with one `s3c cp -r` of a local folder; the new objects' keys sort after them.
# For each strategy a pipeline appends the source to its own dataset (jsonl, mode append,
# state on S3 under s3://bench/state-STRATEGY/):
#   key:           incremental: {strategy: key, lag: LAG}
#   last_modified: incremental: {strategy: last_modified} with max_tracked_objects raised to
#                  OBJECTS + NEW when that is above its default (100000): every object here was
#                  written inside the default lookback (1 h), so the state tracks all of them,
#                  and the default limit would fail the run (loudly, by design).
# Runs, in this order: first (loads every object) of both strategies; the peer; nothing_new of
# both; NEW objects uploaded; new of both. Each `s3c run --json` gives the requests per S3
# operation and objects listed / read / not new; GNU time gives wall, CPU and peak RSS.
# The peer: a full re-listing of s3://bench/logs/ with `aws s3 ls --recursive` and with
# `s3c ls -r` (its --stats give the LIST count, which must be ceil(OBJECTS / 1000)).
# Checked, not trusted (the bench fails otherwise): each destination holds OBJECTS + NEW rows
# and as many distinct ids (read back with `s3c read`); each run read what it should (first:
# OBJECTS, nothing_new: 0, new: NEW); the peer listed OBJECTS keys. The key strategy's LIST
# count of the nothing_new run is reported beside the peer's (it should be a page or two, not
# ceil(OBJECTS / 1000)).
# Env knobs: OSD_STORE [memstore], BENCH_RGW_PORT [19484], BENCH_MON_PORT [19304],
#   BENCH_WORK [/tmp/s3c-incremental-bench].
# Needs: scripts/bootstrap --bench (awscli, GNU time), BUILD_DIR's s3c. Results: markdown on
# stdout, JSON in bench/results/incremental-DATE.json (incremental_report.py).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BUILD=${1:?usage: incremental_bench.sh BUILD_DIR [--objects N] [--new N] [--quick] [--lag N]}
shift
OBJECTS=100000 NEW=100 LAG=1000 OUT="" KEEP=0 QUICK=0
while [ $# -gt 0 ]; do
  case "$1" in
    --objects) OBJECTS=$2; shift ;;
    --new) NEW=$2; shift ;;
    --quick) OBJECTS=10000 QUICK=1 ;;
    --lag) LAG=$2; shift ;;
    --out) OUT=$2; shift ;;
    --keep-data) KEEP=1 ;;
    *) echo "incremental_bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
. "$HERE/lake_bench_lib.sh"  # log, die, json_str, need_*, private_s3c, run_timed, stats_path
need_whole_numbers incremental_bench.sh OBJECTS NEW LAG
PER_HOUR=1000
DEFAULT_MAX_TRACKED=100000
MAX_TRACKED=$DEFAULT_MAX_TRACKED
[ $((OBJECTS + NEW)) -le "$MAX_TRACKED" ] || MAX_TRACKED=$((OBJECTS + NEW))
STRATEGIES=(key last_modified)

S3C=$(cd "$BUILD" && pwd)/tools/s3c/s3c
WORK=${BENCH_WORK:-/tmp/s3c-incremental-bench}
DATA=$WORK/data-$OBJECTS-$NEW
RUNS=$WORK/runs.jsonl
. "$HERE/bench_env.sh"

AWS=/usr/bin/aws  # Debian's awscli, not whatever else is first on PATH
[ -x "$S3C" ] || die "no s3c binary at $S3C (ninja -C $BUILD s3c)"
S3C_BUILT=$S3C S3C=$(private_s3c "$S3C" "$WORK")
need_tools "$AWS" /usr/bin/time python3 radosgw  # no DuckDB here (need_bench_tools wants it)
bench_rgw_settings "$WORK" 19484 19304
cleanup() {
  "$ROOT/tests/support/rgw.sh" stop >/dev/null 2>&1 || true
  rm -rf "${WORK:?}/aws" "${WORK:?}/bin" "${WORK:?}/checks"  # logs/ and yaml/ stay, to look into
  [ "$KEEP" = 1 ] || rm -rf "$DATA"
}
trap cleanup EXIT
trap 'log "error: exit $? at line $LINENO: $BASH_COMMAND"' ERR  # set -e says nothing itself
mkdir -p "$WORK/aws" "$WORK/logs" "$WORK/yaml" "$WORK/checks"
: >"$RUNS"
: >"$WORK/checks.jsonl"

# ------------------------------------------------------------------ data
# write_objects DIR FIRST COUNT: DIR/logs/YYYY/MM/DD/HH/NNNNNNN.jsonl for ids FIRST..FIRST+COUNT-1,
# one row each; object I in hour I / PER_HOUR from 2024-01-01T00, so keys sort as the ids do.
write_objects() {
  python3 - "$1" "$2" "$3" "$PER_HOUR" <<'PY'
import datetime, os, sys
root, first, count, per_hour = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
start = datetime.datetime(2024, 1, 1)
made = set()
for i in range(first, first + count):
    hour = start + datetime.timedelta(hours=i // per_hour)
    folder = os.path.join(root, "logs", hour.strftime("%Y/%m/%d/%H"))
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)
    ts = hour + datetime.timedelta(seconds=(i % per_hour) * 3600 // per_hour)
    with open(os.path.join(folder, f"{i:07d}.jsonl"), "w") as f:
        f.write(f'{{"id":{i},"ts":"{ts:%Y-%m-%dT%H:%M:%SZ}","level":"info","msg":"event {i}"}}\n')
PY
}
if [ ! -f "$DATA/done" ]; then
  rm -rf "$DATA"
  log "writing $OBJECTS + $NEW small JSON Lines files under $DATA"
  write_objects "$DATA/base" 0 "$OBJECTS"
  write_objects "$DATA/new" "$OBJECTS" "$NEW"
  touch "$DATA/done"
fi

# ------------------------------------------------------------------ server and upload
start_bench_peers_rgw "$WORK"
export AWS_ENDPOINT_URL_S3=$S3_ENDPOINT
S3=("$S3C" -q)
"${S3[@]}" mb s3://bench
log "uploading $OBJECTS objects (s3c cp -r)"
UPLOAD_T0=$(date +%s%N)
"${S3[@]}" cp -r "$DATA/base/logs/" s3://bench/logs/ || die "upload of the objects failed"
UPLOAD_S=$(awk -v a="$UPLOAD_T0" -v b="$(date +%s%N)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
log "upload: $UPLOAD_S s"

# pipeline_file STRATEGY: writes the pipeline file of one strategy and prints its path.
pipeline_file() {
  local file=$WORK/yaml/$1.yaml incremental
  case "$1" in
    key) incremental="{strategy: key, lag: $LAG}" ;;
    last_modified) incremental="{strategy: last_modified, max_tracked_objects: $MAX_TRACKED}" ;;
  esac
  cat >"$file" <<EOF
state: "s3://bench/state-$1/"
sources:
  logs:
    uri: "s3://bench/logs/"
    format: jsonl
    incremental: $incremental
destinations:
  lake: {uri: "s3://bench/lake-$1/", format: jsonl, mode: append}
pipelines:
  logs_to_lake: {from: logs, to: lake}
EOF
  echo "$file"
}
for s in "${STRATEGIES[@]}"; do pipeline_file "$s" >/dev/null; done

failed=0
s3c_run() {  # STRATEGY STEP
  run_timed "$1" s3c "$2" 1 none -- "$S3C" run "$WORK/yaml/$1.yaml" --json \
    --stats "$(stats_path "$1" s3c "$2" 1)" || failed=1
}
for s in "${STRATEGIES[@]}"; do s3c_run "$s" first; done

# The peer: what a tool without incremental state lists on every run.
run_timed peer s3c_ls full_listing 1 lines -- "$S3C" -q ls -r s3://bench/logs/ \
  --stats "$(stats_path peer s3c_ls full_listing 1)" || failed=1
run_timed peer aws_ls full_listing 1 lines -- "$AWS" --endpoint-url "$S3_ENDPOINT" s3 ls --recursive s3://bench/logs/ || failed=1

for s in "${STRATEGIES[@]}"; do s3c_run "$s" nothing_new; done

log "uploading $NEW new objects"
"${S3[@]}" cp -r "$DATA/new/logs/" s3://bench/logs/ || die "upload of the new objects failed"
for s in "${STRATEGIES[@]}"; do s3c_run "$s" new; done

# ------------------------------------------------------------------ checks
# The rows of each destination, read back: how many, and how many distinct ids.
for s in "${STRATEGIES[@]}"; do
  if "$S3C" -q read -o csv "s3://bench/lake-$s/" >"$WORK/checks/$s.csv" 2>"$WORK/checks/$s.err"; then
    python3 - "$WORK/checks/$s.csv" "$s" >>"$WORK/checks.jsonl" <<'PY'
import csv, json, sys
with open(sys.argv[1], newline="") as f:
    rows = list(csv.DictReader(f))
ids = {r["id"] for r in rows}
print(json.dumps({"strategy": sys.argv[2], "rows": len(rows), "distinct_ids": len(ids),
                  "min_id": min(map(int, ids)) if ids else None,
                  "max_id": max(map(int, ids)) if ids else None}))
PY
  else
    log "s3c read of lake-$s failed: $(head -3 "$WORK/checks/$s.err")"
    failed=1
  fi
done
"${S3[@]}" ls -r s3://bench/ >"$WORK/checks/bucket.txt" 2>&1 || true
state_bytes() {  # STRATEGY: the size of its state document (awk exits itself: no SIGPIPE)
  awk -v s="state-$1/" '$NF ~ s { print $(NF - 1); exit }' "$WORK/checks/bucket.txt"
}

KEY_STATE_BYTES=$(state_bytes key) LM_STATE_BYTES=$(state_bytes last_modified)
KEY_STATE_BYTES=${KEY_STATE_BYTES:-null} LM_STATE_BYTES=${LM_STATE_BYTES:-null}

# ------------------------------------------------------------------ report
git_rev="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo '+dirty')"
DATE=$(date -u +%Y-%m-%dT%H%M%SZ)
cat >"$WORK/meta.json" <<EOF
{"date":"$DATE","cpus":$(nproc),"osd_store":"$OSD_STORE","quick":$([ "$QUICK" = 1 ] && echo true || echo false),
 "loadavg_end":"$(cut -d' ' -f1-3 /proc/loadavg)","git_rev":$(json_str "$git_rev"),
 "s3c_binary_mtime":"$(date -u -r "$S3C_BUILT" +%Y-%m-%dT%H:%M:%SZ)",
 "versions":{"aws":$(json_str "$("$AWS" --version 2>&1 | cut -d' ' -f1)")},
 "objects":$OBJECTS,"new":$NEW,"per_hour":$PER_HOUR,"upload_s":$UPLOAD_S,
 "key_lag":$LAG,"max_tracked_objects":$MAX_TRACKED,"default_max_tracked_objects":$DEFAULT_MAX_TRACKED,
 "state_bytes":{"key":$KEY_STATE_BYTES,"last_modified":$LM_STATE_BYTES}}
EOF
SUFFIX=""
[ "$QUICK" = 0 ] || SUFFIX=-quick
[ -n "$OUT" ] || OUT=$HERE/results/incremental-$DATE$SUFFIX.json
mkdir -p "$(dirname "$OUT")"
python3 "$HERE/incremental_report.py" "$WORK/meta.json" "$RUNS" "$WORK/logs" "$WORK/checks.jsonl" "$OUT" ||
  failed=1
echo
echo "results: $OUT"
[ "$failed" = 0 ] || die "a run failed or a check did not hold (see above)"
