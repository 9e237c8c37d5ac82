#!/usr/bin/env bash
# Peak memory of s3c for a large transfer: uploads and downloads a 5 GiB file (and a 1 GiB one
# first, to show that the peak does not grow with the size) through a private loopback RGW,
# verifies the download (size + SHA-256) and reports the peak RSS of each s3c process (GNU time).
# The limit is 300 MB (300,000,000 bytes) per process, whatever the size.
#
# Usage: bench/memory_check.sh BUILD_DIR [--quick]     (--quick: only the 1 GiB file)
# Needs ~15 GB free under /tmp for the full run (source + download + the OSD's store); it skips
# with a message when there is less. Env knobs: OSD_STORE [bluestore], MEMCHECK_RGW_PORT [19580],
# MEMCHECK_MON_PORT [19400], MEMCHECK_WORK [/tmp/s3c-memcheck].
# Exit status: 0 when every peak is under the limit (or skipped), 1 otherwise.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BUILD=${1:?usage: memory_check.sh BUILD_DIR [--quick]}
QUICK=0
[ "${2:-}" = "--quick" ] && QUICK=1
S3C=$(cd "$BUILD" && pwd)/tools/s3c/s3c
LIMIT_BYTES=300000000
if [ "$QUICK" = 1 ]; then SIZES_GIB=(1); NEED_GB=4; else SIZES_GIB=(1 5); NEED_GB=15; fi
WORK=${MEMCHECK_WORK:-/tmp/s3c-memcheck}
export RGW_DIR=$WORK/cluster RGW_ENV_FILE=$WORK/cluster.env
export RGW_PORT=${MEMCHECK_RGW_PORT:-19580} MON_PORT=${MEMCHECK_MON_PORT:-19400}
export OSD_STORE=${OSD_STORE:-bluestore} OSD_SIZE_GB=${OSD_SIZE_GB:-14}
BUCKET=testbucket

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }
. "$HERE/bench_env.sh"

[ -x "$S3C" ] || die "no s3c binary at $S3C (build it: ninja -C $BUILD s3c)"
[ -x /usr/bin/time ] || die "/usr/bin/time missing: run scripts/bootstrap --bench"
mkdir -p "$WORK"
free_gb=$(df -P -BG "$WORK" | awk 'NR == 2 { sub("G", "", $4); print $4 }')
if [ "$free_gb" -lt "$NEED_GB" ]; then
  echo "memory_check: skipped: only ${free_gb} GB free under $WORK, need $NEED_GB GB"
  exit 0
fi

cleanup() {
  "$ROOT/tests/support/rgw.sh" stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

log "starting RGW ($OSD_STORE) on 127.0.0.1:$RGW_PORT"
start_bench_rgw "$WORK"
unset AWS_CA_BUNDLE  # plain http on loopback
export AWS_EC2_METADATA_DISABLED=true  # never look for instance metadata off loopback

# Deterministic incompressible bytes (AES-CTR keystream), no repeating pattern, so a part
# written at the wrong offset changes the SHA-256.
random_bytes() {
  (set +o pipefail
   openssl enc -aes-128-ctr -nosalt -pbkdf2 -pass "pass:s3c-memcheck" </dev/zero 2>/dev/null |
     head -c "$1")
}

# Runs s3c under GNU time; prints the peak RSS in KiB.
measure() {
  local name=$1
  shift
  /usr/bin/time -f '%e %M' -o "$WORK/$name.time" \
    "$S3C" --endpoint-url "$S3_ENDPOINT" --quiet --stats "$WORK/$name.stats" "$@" \
    2>"$WORK/$name.err" || { log "$name failed: $(tail -3 "$WORK/$name.err")"; return 1; }
  tail -1 "$WORK/$name.time" | cut -d' ' -f2
}

fail=0
results=()
for gib in "${SIZES_GIB[@]}"; do
  bytes=$((gib * 1024 * 1024 * 1024))
  src=$WORK/src-$gib.bin dst=$WORK/dst-$gib.bin key=memcheck/$gib.bin
  log "writing a $gib GiB file"
  random_bytes "$bytes" >"$src"
  [ "$(stat -c %s "$src")" = "$bytes" ] || die "could not write $src"
  want=$(sha256sum <"$src" | cut -d' ' -f1)
  log "upload $gib GiB"
  up_kib=$(measure "up-$gib" cp "$src" "s3://$BUCKET/$key") || { fail=1; up_kib=0; }
  log "download $gib GiB"
  down_kib=$(measure "down-$gib" cp "s3://$BUCKET/$key" "$dst") || { fail=1; down_kib=0; }
  got=$( [ -f "$dst" ] && sha256sum <"$dst" | cut -d' ' -f1 || echo missing)
  verified=true
  if [ "$got" != "$want" ]; then verified=false; fail=1; log "download of $gib GiB differs"; fi
  rm -f "$src" "$dst"
  "$S3C" --endpoint-url "$S3_ENDPOINT" --quiet rm "s3://$BUCKET/$key" >/dev/null 2>&1 || true
  for dir in up down; do
    kib=$up_kib
    [ "$dir" = down ] && kib=$down_kib
    verdict=ok
    if [ "$kib" = 0 ]; then verdict=failed
    elif [ $((kib * 1024)) -ge "$LIMIT_BYTES" ]; then verdict=OVER; fail=1; fi
    wall=$(cut -d' ' -f1 "$WORK/$dir-$gib.time" 2>/dev/null | tail -1)
    printf '%-9s %3d GiB  peak RSS %7.1f MiB  wall %6ss  %s\n' "$dir" "$gib" \
      "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')" "${wall:-?}" "$verdict"
    results+=("{\"direction\":\"$dir\",\"gib\":$gib,\"peak_rss_kib\":$kib,\"wall_s\":${wall:-null},\"verified\":$verified,\"verdict\":\"$verdict\"}")
  done
done

DATE=$(date -u +%Y-%m-%dT%H%M%SZ)
REV=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
SUFFIX=""
[ "$QUICK" = 1 ] && SUFFIX=-quick
OUT=$HERE/results/memory-$DATE$SUFFIX.json
mkdir -p "$HERE/results"
(IFS=,; printf '{"date":"%s","git_rev":"%s","osd_store":"%s","limit_bytes":%d,"runs":[%s]}\n' \
  "$DATE" "$REV" "$OSD_STORE" "$LIMIT_BYTES" "${results[*]}") >"$OUT"
echo "limit: $LIMIT_BYTES bytes per process; results: $OUT"
[ "$fail" = 0 ] && echo "memory_check: PASS" || echo "memory_check: FAIL"
exit "$fail"
