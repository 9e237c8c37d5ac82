#!/usr/bin/env bash
# Request counts of commands over 2,500 keys against the loopback RGW server (docs/cli.md: one
# ListObjectsV2 per 1000 keys, DeleteObjects per 1000 keys, no HEAD for a listing).
# Usage: cli_listing_test.sh S3C_BINARY RGW_ENV_FILE
set -uo pipefail
. "$(dirname "$0")/lib.sh" "$@"

N=2500
mkdir -p "$WORK/many"
for i in $(seq -w 0 $((N - 1))); do echo "$i" > "$WORK/many/k$i.txt"; done
# counts FILE OP...: the request counts of the operations, space-separated.
counts() {
  local f=$1 op
  shift
  for op in "$@"; do requests_of "$f" "$op"; done | xargs
}

expect_rc 0 "mb" -- "$S3C" mb "s3://$BUCKET"
expect_rc 0 "upload $N files" -- "$S3C" cp -q --recursive --stats "$WORK/up.json" "$WORK/many" "s3://$BUCKET/many/"
expect_eq "upload: PutObject HeadObject" "$(counts "$WORK/up.json" PutObject HeadObject)" "$N 0"
expect_eq "upload: objects" "$(stat_field "$WORK/up.json" objects)" $N

expect_rc 0 "ls --recursive" -- "$S3C" ls --recursive --stats "$WORK/ls.json" "s3://$BUCKET/many/"
expect_eq "ls: lines" "$(wc -l < "$WORK/out")" $N
expect_eq "ls: ListObjectsV2 HeadObject, all requests" \
  "$(counts "$WORK/ls.json" ListObjectsV2 HeadObject) $(stat_field "$WORK/ls.json" total_requests)" "3 0 3"
expect_eq "ls: every key once, in order" "$(awk '{print $4}' "$WORK/out" | sort -u | wc -l) $(awk '{print $4}' "$WORK/out" | sort -c && echo sorted)" "$N sorted"
expect_rc 0 "ls --json --recursive" -- "$S3C" ls --json --recursive "s3://$BUCKET/many/"
expect_eq "ls --json: distinct keys" \
  "$(python3 -c 'import json,sys; print(len({json.loads(l)["key"] for l in open(sys.argv[1])}))' "$WORK/out")" $N
expect_rc 0 "ls of the bucket root, one level" -- "$S3C" ls --stats "$WORK/root.json" "s3://$BUCKET/"
expect_eq "one level: one prefix line" "$(cat "$WORK/out" | xargs)" "PRE many/"
expect_eq "one level: one ListObjectsV2" "$(counts "$WORK/root.json" ListObjectsV2 HeadObject)" "1 0"

expect_rc 0 "read the prefix" -- "$S3C" read -q -o csv --stats "$WORK/read.json" "s3://$BUCKET/many/"
expect_eq "read: every line once" "$(tail -n +2 "$WORK/out" | sort | uniq | wc -l) $(tail -n +2 "$WORK/out" | wc -l)" "$N $N"
expect_eq "read: ListObjectsV2 GetObject HeadObject" "$(counts "$WORK/read.json" ListObjectsV2 GetObject HeadObject)" "3 $N 0"

expect_rc 0 "rm --recursive" -- "$S3C" rm -q --recursive --stats "$WORK/rm.json" "s3://$BUCKET/many/"
expect_eq "rm: ListObjectsV2 DeleteObjects HeadObject" "$(counts "$WORK/rm.json" ListObjectsV2 DeleteObjects HeadObject)" "3 3 0"
expect_eq "rm: objects" "$(stat_field "$WORK/rm.json" objects)" $N
expect_rc 0 "ls after rm" -- "$S3C" ls --recursive "s3://$BUCKET/"
expect_eq "nothing left" "$(wc -l < "$WORK/out")" 0

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
