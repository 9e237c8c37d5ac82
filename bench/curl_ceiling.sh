#!/usr/bin/env bash
# The "ceiling" peer of the transfer benchmark: plain curl with SigV4 (curl >= 7.75
# --aws-sigv4, which signs single-object GET/PUT; UNSIGNED-PAYLOAD so curl never hashes a body).
# It does no retries, checksums or listing, so it shows what one HTTP stream (or N of them) can
# move on this machine.
#
# Usage (settings from S3_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION):
#   curl_ceiling.sh get-big  STREAMS BUCKET KEY SIZE OUTDIR    # N ranged GETs -> OUTDIR/part.I
#   curl_ceiling.sh put-big  STREAMS BUCKET PREFIX FILE PIECES # 1: PUT FILE as PREFIX/big.bin;
#                                                              # N: PUT PIECES/piece.I as PREFIX/piece.I
#   curl_ceiling.sh get-many STREAMS BUCKET PREFIX SRCDIR OUTDIR  # GET PREFIX/<name> for each
#                                                              # file name in SRCDIR, N processes
#   curl_ceiling.sh put-many STREAMS BUCKET PREFIX SRCDIR      # PUT SRCDIR/* as PREFIX/<name>
# Each process reuses one connection for all its objects (one curl, many URLs via -K).
set -euo pipefail

mode=${1:?mode}
streams=${2:?streams}
bucket=${3:?bucket}
EP=${S3_ENDPOINT:?S3_ENDPOINT}
REGION=${AWS_DEFAULT_REGION:-us-east-1}
WORKDIR=$(mktemp -d /tmp/s3c-curl.XXXXXX)
trap 'rm -rf "$WORKDIR"' EXIT

# The secret goes to curl in a config file (mode 600), never on a command line.
auth=$WORKDIR/auth.cfg
umask 077
printf 'user = "%s:%s"\naws-sigv4 = "aws:amz:%s:s3"\nheader = "x-amz-content-sha256: UNSIGNED-PAYLOAD"\n' \
  "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$REGION" >"$auth"

CURL=(curl -sS --fail --fail-early -K "$auth")

# Runs the given config files, one curl process each, and fails if any fails.
run_parallel() {
  local pids=() cfg rc=0
  for cfg in "$@"; do
    "${CURL[@]}" -K "$cfg" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  return $rc
}

case "$mode" in
  get-big)
    key=$4 size=$5 out=$6
    cfgs=()
    for ((i = 0; i < streams; i++)); do
      first=$((size * i / streams))
      last=$((size * (i + 1) / streams - 1))
      c=$WORKDIR/s$i.cfg
      printf 'range = "%d-%d"\nurl = "%s/%s/%s"\noutput = "%s/part.%d"\n' \
        "$first" "$last" "$EP" "$bucket" "$key" "$out" "$i" >"$c"
      cfgs+=("$c")
    done
    run_parallel "${cfgs[@]}"
    ;;
  put-big)
    prefix=$4 file=$5 pieces=$6
    cfgs=()
    if [ "$streams" = 1 ]; then
      c=$WORKDIR/s0.cfg
      printf 'upload-file = "%s"\nurl = "%s/%s/%s/big.bin"\noutput = "/dev/null"\n' \
        "$file" "$EP" "$bucket" "$prefix" >"$c"
      cfgs+=("$c")
    else
      for ((i = 0; i < streams; i++)); do
        c=$WORKDIR/s$i.cfg
        printf 'upload-file = "%s/piece.%d"\nurl = "%s/%s/%s/piece.%d"\noutput = "/dev/null"\n' \
          "$pieces" "$i" "$EP" "$bucket" "$prefix" "$i" >"$c"
        cfgs+=("$c")
      done
    fi
    run_parallel "${cfgs[@]}"
    ;;
  get-many|put-many)
    prefix=$4 src=$5 out=${6:-}
    mapfile -t names < <(cd "$src" && ls)
    cfgs=()
    for ((i = 0; i < streams; i++)); do cfgs+=("$WORKDIR/s$i.cfg"); : >"$WORKDIR/s$i.cfg"; done
    for ((j = 0; j < ${#names[@]}; j++)); do
      n=${names[$j]}
      c=${cfgs[$((j % streams))]}
      if [ "$mode" = get-many ]; then
        printf 'url = "%s/%s/%s/%s"\noutput = "%s/%s"\n' "$EP" "$bucket" "$prefix" "$n" "$out" "$n" >>"$c"
      else
        printf 'upload-file = "%s/%s"\nurl = "%s/%s/%s/%s"\noutput = "/dev/null"\n' \
          "$src" "$n" "$EP" "$bucket" "$prefix" "$n" >>"$c"
      fi
    done
    run_parallel "${cfgs[@]}"
    ;;
  *) echo "curl_ceiling.sh: unknown mode $mode" >&2; exit 2 ;;
esac
