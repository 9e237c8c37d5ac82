#!/usr/bin/env bash
# Side-by-side transfer benchmark: s3c against the aws cli, rclone and plain curl (1 and 4
# streams), all against one private loopback RGW started here, in the same run.
#
# Usage: bench/run_transfer_bench.sh BUILD_DIR [--quick] [--repeats N] [--tools "s3c aws ..."]
#                                    [--out FILE] [--keep-data]
#   full:    1 GiB file up/down, 1000 x 256 KiB files up/down, 3 repeats (median)
#   --quick: 256 MiB file, 200 x 256 KiB files, 1 repeat (smoke test)
# Needs: scripts/bootstrap --bench (awscli, rclone, time) and the s3c binary in BUILD_DIR.
# Env knobs: OSD_STORE [memstore], BENCH_RGW_PORT [19480], BENCH_MON_PORT [19300],
#            BENCH_WORK [/tmp/s3c-bench] (data, downloads and the cluster live here),
#            BENCH_DL_DIR [/dev/shm/s3c-bench-download if it has room, else
#            $BENCH_WORK/download] (where downloads are written; removed after).
#
# Per run it records wall time, client user+sys CPU and peak RSS (GNU time), and the CPU the
# server processes (ceph-mon, ceph-osd, radosgw) used meanwhile (/proc/PID/stat). Every result is
# verified (downloads: size and SHA-256; uploads: count and size from a listing) so a fast wrong
# transfer cannot count. Results: markdown on stdout, JSON in bench/results/transfer-DATE.json.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BUILD=${1:?usage: run_transfer_bench.sh BUILD_DIR [--quick] [--repeats N]}
shift
QUICK=0 REPEATS="" TOOLS="s3c aws rclone curl1 curl4" OUT="" KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --repeats) REPEATS=$2; shift ;;
    --tools) TOOLS=$2; shift ;;
    --out) OUT=$2; shift ;;
    --keep-data) KEEP=1 ;;
    *) echo "run_transfer_bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if [ "$QUICK" = 1 ]; then
  MODE=quick BIG_MIB=256 SMALL_N=200 REPEATS=${REPEATS:-1} TMO=300 NEED_GB=3
else
  MODE=full BIG_MIB=1024 SMALL_N=1000 REPEATS=${REPEATS:-3} TMO=1200 NEED_GB=6
fi
SMALL_KIB=256
BIG_BYTES=$((BIG_MIB * 1024 * 1024))
SMALL_BYTES=$((SMALL_KIB * 1024))
S3C=$(cd "$BUILD" && pwd)/tools/s3c/s3c
WORK=${BENCH_WORK:-/tmp/s3c-bench}
DATA=$WORK/data-$MODE
# Where downloads land: tmpfs (/dev/shm) when it has room, so the download numbers measure the
# transfer and not the disk. On this VM the same 1 GiB write(2) into ext4 takes 0.35 s or 2.9 s
# (dd, back to back: the first writer of fresh page-cache memory pays for faulting it in on the
# host), which swamps the differences between tools. BENCH_DL_DIR=$BENCH_WORK/download measures
# downloads onto the disk instead; every tool writes to the same place either way.
shm_free_gb=$(df -P -BG /dev/shm 2>/dev/null | awk 'NR == 2 { sub("G", "", $4); print $4 }')
if [ -z "${BENCH_DL_DIR:-}" ] && [ "${shm_free_gb:-0}" -ge $((NEED_GB / 2)) ]; then
  DL=/dev/shm/s3c-bench-download
else
  DL=${BENCH_DL_DIR:-$WORK/download}
fi
export OSD_STORE=${OSD_STORE:-memstore}
export RGW_DIR=$WORK/cluster RGW_ENV_FILE=$WORK/cluster.env
export RGW_PORT=${BENCH_RGW_PORT:-19480} MON_PORT=${BENCH_MON_PORT:-19300}
# memstore keeps objects in RAM: the sources plus one upload at a time (deleted and garbage
# collected after each run).
export OSD_SIZE_GB=${OSD_SIZE_GB:-8}
CLK_TCK=$(getconf CLK_TCK)
BUCKET=testbucket

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }
. "$HERE/bench_env.sh"

# ------------------------------------------------------------------ preflight
[ -x "$S3C" ] || die "no s3c binary at $S3C (build it: ninja -C $BUILD s3c)"
AWS=/usr/bin/aws  # Debian's awscli, not whatever else is first on PATH
for t in "$AWS" /usr/bin/rclone /usr/bin/time curl python3 openssl radosgw-admin; do
  command -v "$t" >/dev/null || die "$t missing: run scripts/bootstrap --bench"
done
mkdir -p "$WORK"
free_gb=$(df -P -BG "$WORK" | awk 'NR == 2 { sub("G", "", $4); print $4 }')
[ "$free_gb" -ge "$NEED_GB" ] || die "only ${free_gb} GB free under $WORK; need $NEED_GB GB"

cleanup() {
  "$ROOT/tests/support/rgw.sh" stop >/dev/null 2>&1 || true
  rm -rf "$DL" "$WORK/aws" "$WORK/rclone" "$WORK/logs"
  [ "$KEEP" = 1 ] || rm -rf "$DATA"
}
trap cleanup EXIT

# ------------------------------------------------------------------ server
log "starting RGW ($OSD_STORE) on 127.0.0.1:$RGW_PORT"
start_bench_rgw "$WORK"
CONF=$RGW_DIR/ceph.conf
SERVER_PIDS=()
for n in mon.a osd.0 client.rgw.x; do SERVER_PIDS+=("$(cat "$RGW_DIR/run/$n.pid")"); done

# Sum of utime + stime (clock ticks) of the server processes, all threads included.
server_ticks() {
  local p total=0 t
  for p in "${SERVER_PIDS[@]}"; do
    t=$(awk '{ print $14 + $15 }' "/proc/$p/stat")
    total=$((total + t))
  done
  echo "$total"
}

# The peers' settings: defaults, no config files outside $WORK, no instance metadata lookups.
aws_peer_env "$WORK/aws"
export RCLONE_CONFIG=$WORK/rclone/rclone.conf RCLONE_CACHE_DIR=$WORK/rclone/cache
export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Ceph
export RCLONE_CONFIG_BENCH_ENDPOINT=$S3_ENDPOINT RCLONE_CONFIG_BENCH_REGION=$AWS_DEFAULT_REGION
export RCLONE_CONFIG_BENCH_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID
export RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY
mkdir -p "$WORK/aws" "$WORK/rclone" "$WORK/logs"

# ------------------------------------------------------------------ data
# Deterministic incompressible bytes: AES-CTR keystream (fast, unlike /dev/urandom).
# (openssl dies of SIGPIPE when head has enough: hence the subshell without pipefail)
random_bytes() {
  (set +o pipefail
   openssl enc -aes-128-ctr -nosalt -pbkdf2 -pass "pass:s3c-bench-$1" </dev/zero 2>/dev/null |
     head -c "$2")
}
if [ ! -f "$DATA/done" ]; then
  log "creating data in $DATA"
  rm -rf "$DATA"
  mkdir -p "$DATA/small" "$DATA/pieces"
  random_bytes big "$BIG_BYTES" >"$DATA/big.bin"
  [ "$(stat -c %s "$DATA/big.bin")" = "$BIG_BYTES" ] || die "could not write $DATA/big.bin"
  split -n 4 -d -a 1 "$DATA/big.bin" "$DATA/pieces/piece."
  random_bytes small $((SMALL_N * SMALL_BYTES)) |
    split -b "$SMALL_BYTES" -d -a 4 - "$DATA/small/f"
  sha256sum <"$DATA/big.bin" | cut -d' ' -f1 >"$DATA/big.sha256"
  (cd "$DATA/small" && sha256sum -- * | sha256sum | cut -d' ' -f1) >"$DATA/small.sha256"
  touch "$DATA/done"
fi
BIG_SHA=$(cat "$DATA/big.sha256")
SMALL_SHA=$(cat "$DATA/small.sha256")
[ "$(find "$DATA/small" -type f | wc -l)" = "$SMALL_N" ] || die "bad small data set in $DATA"

log "uploading the download sources with curl"
"$HERE/curl_ceiling.sh" put-big 1 "$BUCKET" src "$DATA/big.bin" "$DATA/pieces"
"$HERE/curl_ceiling.sh" put-many 4 "$BUCKET" src/small "$DATA/small"

s3ls() { python3 "$HERE/../tests/support/s3util.py" ls "$BUCKET" "$1"; }
s3rm() { python3 "$HERE/../tests/support/s3util.py" rm "$BUCKET" "$1" >/dev/null; }
[ "$(s3ls src/)" = "{\"count\": $((SMALL_N + 1)), \"bytes\": $((BIG_BYTES + SMALL_N * SMALL_BYTES))}" ] ||
  die "download sources incomplete: $(s3ls src/)"

# ------------------------------------------------------------------ one run
# The command for CASE and TOOL into CMD; PREFIX is where uploads go.
build_cmd() {
  local case=$1 tool=$2 prefix=$3 stats=$4
  local s3c=("$S3C" --endpoint-url "$S3_ENDPOINT" --quiet --stats "$stats")
  local aws=("$AWS" --endpoint-url "$S3_ENDPOINT" s3 cp --only-show-errors --no-progress)
  local rcl=(/usr/bin/rclone -q)
  local cc=("$HERE/curl_ceiling.sh")
  local n=1
  [ "$tool" = curl4 ] && n=4
  case "$case/$tool" in
    put_big/s3c) CMD=("${s3c[@]}" cp "$DATA/big.bin" "s3://$BUCKET/$prefix/big.bin") ;;
    get_big/s3c) CMD=("${s3c[@]}" cp "s3://$BUCKET/src/big.bin" "$DL/big.bin") ;;
    put_small/s3c) CMD=("${s3c[@]}" cp "$DATA/small/" "s3://$BUCKET/$prefix/" --recursive) ;;
    get_small/s3c) CMD=("${s3c[@]}" cp "s3://$BUCKET/src/small/" "$DL/" --recursive) ;;
    put_big/aws) CMD=("${aws[@]}" "$DATA/big.bin" "s3://$BUCKET/$prefix/big.bin") ;;
    get_big/aws) CMD=("${aws[@]}" "s3://$BUCKET/src/big.bin" "$DL/big.bin") ;;
    put_small/aws) CMD=("${aws[@]}" "$DATA/small/" "s3://$BUCKET/$prefix/" --recursive) ;;
    get_small/aws) CMD=("${aws[@]}" "s3://$BUCKET/src/small/" "$DL/" --recursive) ;;
    put_big/rclone) CMD=("${rcl[@]}" copyto "$DATA/big.bin" "bench:$BUCKET/$prefix/big.bin") ;;
    get_big/rclone) CMD=("${rcl[@]}" copyto "bench:$BUCKET/src/big.bin" "$DL/big.bin") ;;
    put_small/rclone) CMD=("${rcl[@]}" copy "$DATA/small" "bench:$BUCKET/$prefix") ;;
    get_small/rclone) CMD=("${rcl[@]}" copy "bench:$BUCKET/src/small" "$DL") ;;
    put_big/curl*) CMD=("${cc[@]}" put-big "$n" "$BUCKET" "$prefix" "$DATA/big.bin" "$DATA/pieces") ;;
    get_big/curl*) CMD=("${cc[@]}" get-big "$n" "$BUCKET" src/big.bin "$BIG_BYTES" "$DL") ;;
    put_small/curl*) CMD=("${cc[@]}" put-many "$n" "$BUCKET" "$prefix" "$DATA/small") ;;
    get_small/curl*) CMD=("${cc[@]}" get-many "$n" "$BUCKET" src/small "$DATA/small" "$DL") ;;
    *) die "no command for $case/$tool" ;;
  esac
}

# Checks the result of CASE; prints "" when right, else what is wrong.
verify() {
  local case=$1 tool=$2 prefix=$3 got want
  case "$case" in
    get_big)
      local files=("$DL/big.bin")
      [ "$tool" = curl1 ] && files=("$DL"/part.0)
      [ "$tool" = curl4 ] && files=("$DL"/part.0 "$DL"/part.1 "$DL"/part.2 "$DL"/part.3)
      got=$(cat "${files[@]}" 2>/dev/null | wc -c)
      [ "$got" = "$BIG_BYTES" ] || { echo "size $got, want $BIG_BYTES"; return; }
      got=$(cat "${files[@]}" | sha256sum | cut -d' ' -f1)
      [ "$got" = "$BIG_SHA" ] || echo "sha256 mismatch"
      ;;
    get_small)
      got=$(find "$DL" -type f | wc -l)
      [ "$got" = "$SMALL_N" ] || { echo "$got files, want $SMALL_N"; return; }
      got=$(find "$DL" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
      [ "$got" = $((SMALL_N * SMALL_BYTES)) ] || { echo "total size $got"; return; }
      got=$(cd "$DL" && sha256sum -- * | sha256sum | cut -d' ' -f1)
      [ "$got" = "$SMALL_SHA" ] || echo "sha256 mismatch"
      ;;
    put_big)
      want=1
      [ "$tool" = curl4 ] && want=4
      got=$(s3ls "$prefix/")
      [ "$got" = "{\"count\": $want, \"bytes\": $BIG_BYTES}" ] || echo "listing: $got"
      ;;
    put_small)
      got=$(s3ls "$prefix/")
      [ "$got" = "{\"count\": $SMALL_N, \"bytes\": $((SMALL_N * SMALL_BYTES))}" ] ||
        echo "listing: $got"
      ;;
  esac
}

json_str() { python3 -c 'import json, sys; print(json.dumps(sys.argv[1]))' "$1"; }

RUNS=$WORK/runs.jsonl
: >"$RUNS"
run_one() {
  local case=$1 tool=$2 rep=$3
  local prefix="up/$tool/$case/$rep" base="$WORK/logs/$case-$tool-$rep"
  local nbytes=$BIG_BYTES
  case "$case" in *small) nbytes=$((SMALL_N * SMALL_BYTES)) ;; esac
  rm -rf "$DL" && mkdir -p "$DL"
  rm -f "$base.stats"
  build_cmd "$case" "$tool" "$prefix" "$base.stats"
  sync
  local s0 s1 t0 t1 rc=0
  s0=$(server_ticks)
  t0=$(date +%s%N)
  /usr/bin/time -f '%U %S %M' -o "$base.time" timeout -k 10 "$TMO" "${CMD[@]}" \
    >"$base.out" 2>"$base.err" || rc=$?
  t1=$(date +%s%N)
  s1=$(server_ticks)
  local note=""
  if [ "$rc" != 0 ]; then
    note="exit $rc: $(grep -v '^Command exited' "$base.err" | tail -3 | tr '\n' ' ' | cut -c1-400)"
  else
    note=$(verify "$case" "$tool" "$prefix")
  fi
  local user sys rss
  read -r user sys rss < <(grep -E '^[0-9.]+ [0-9.]+ [0-9]+$' "$base.time" | tail -1) || true
  local stats=null
  [ -s "$base.stats" ] && stats=$(tr -d '\n' <"$base.stats")
  local ok=true
  [ -z "$note" ] || ok=false
  printf '{"case":"%s","tool":"%s","rep":%d,"ok":%s,"note":%s,"bytes":%d,"wall_s":%s,' \
    "$case" "$tool" "$rep" "$ok" "$(json_str "$note")" "$nbytes" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')" >>"$RUNS"
  printf '"user_s":%s,"sys_s":%s,"maxrss_kib":%s,"server_cpu_s":%s,"exit_code":%d,"loadavg":"%s","s3c_stats":%s}\n' \
    "${user:-0}" "${sys:-0}" "${rss:-0}" \
    "$(awk -v a="$s0" -v b="$s1" -v t="$CLK_TCK" 'BEGIN { printf "%.2f", (b - a) / t }')" \
    "$rc" "$(cut -d' ' -f1-3 /proc/loadavg)" "$stats" >>"$RUNS"
  local mibs
  mibs=$(awk -v n="$nbytes" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", n / 1048576 / ((b - a) / 1e9) }')
  if [ -z "$note" ]; then
    log "$case $tool #$rep: $mibs MiB/s, cpu ${user}u+${sys}s, rss $((rss / 1024)) MiB"
  else
    log "$case $tool #$rep: FAILED: $note"
  fi
  # Clean up outside the measurement: uploads deleted and their RADOS objects collected now
  # (RGW defers tail deletion by hours otherwise, which would fill memstore).
  rm -rf "$DL"
  case "$case" in
    put_*) s3rm "$prefix/" || log "cleanup of $prefix failed"
           radosgw-admin -c "$CONF" gc process --include-all >/dev/null 2>&1 || true ;;
  esac
}

# ------------------------------------------------------------------ the runs
tool_version() {
  case "$1" in
    s3c) echo "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo '+dirty')" ;;
    aws) "$AWS" --version 2>&1 | cut -d' ' -f1 ;;
    rclone) /usr/bin/rclone version | head -1 ;;
    curl*) curl --version | head -1 | cut -d' ' -f1-2 ;;
  esac
}
DATE=$(date -u +%Y-%m-%dT%H%M%SZ)
VERSIONS="{"
for t in $TOOLS; do VERSIONS+="\"$t\":$(json_str "$(tool_version "$t")"),"; done
VERSIONS="${VERSIONS%,}}"
cat >"$WORK/meta.json" <<EOF
{"date":"$DATE","mode":"$MODE","repeats":$REPEATS,"big_bytes":$BIG_BYTES,
 "small_count":$SMALL_N,"small_bytes":$SMALL_BYTES,"osd_store":"$OSD_STORE",
 "cpus":$(nproc),"s3c_binary_mtime":"$(date -u -r "$S3C" +%Y-%m-%dT%H:%M:%SZ)","download_dir":$(json_str "$DL"),"git_rev":$(json_str "$(tool_version s3c)"),
 "loadavg_start":"$(cut -d' ' -f1-3 /proc/loadavg)","versions":$VERSIONS,
 "settings":{"s3c":"defaults (--concurrency 16)","aws":"defaults, AWS_MAX_ATTEMPTS=3",
   "rclone":"defaults (provider Ceph)","curl1":"one connection","curl4":"4 processes"}}
EOF

log "$MODE mode: $REPEATS repeat(s), tools: $TOOLS"
# Interleaved (repeat outermost) so that drifting background load hits every tool alike.
for case in put_big get_big put_small get_small; do
  for rep in $(seq 1 "$REPEATS"); do
    # Rotate the order each repeat: on this VM the first writer of fresh page-cache memory pays
    # for faulting it in (seen: the same 1 GiB dd took 2.8 s first, 0.24 s right after), so a
    # fixed order would always charge that to the same tool.
    read -r -a order <<<"$TOOLS"
    shift_by=$(( (rep - 1) % ${#order[@]} ))
    order=("${order[@]:shift_by}" "${order[@]:0:shift_by}")
    for tool in "${order[@]}"; do run_one "$case" "$tool" "$rep"; done
  done
done

if [ -z "$OUT" ]; then
  OUT=$HERE/results/transfer-$DATE.json
  [ "$QUICK" = 1 ] && OUT=$HERE/results/transfer-$DATE-quick.json
fi
mkdir -p "$(dirname "$OUT")"
python3 "$HERE/bench_report.py" "$WORK/meta.json" "$RUNS" "$OUT"
echo
echo "results: $OUT"
