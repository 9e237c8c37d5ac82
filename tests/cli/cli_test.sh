#!/usr/bin/env bash
# End-to-end tests of the s3c command against the loopback RGW server (ctest fixture "rgw").
# Checks results, exit codes, messages and exact request counts from --stats.
# Usage: cli_test.sh S3C_BINARY RGW_ENV_FILE
set -uo pipefail
. "$(dirname "$0")/lib.sh" "$@"

mkdir -p "$WORK/src/sub dir" "$WORK/src/deep/er"
printf 'a\n' > "$WORK/src/a.txt"
ODD_NAME=$'r\xc3\xa9sum\xc3\xa9 +%~.txt'   # unicode, space, plus, percent, tilde
printf 'caf\xc3\xa9\n' > "$WORK/src/sub dir/$ODD_NAME"
head -c 300000 /dev/urandom > "$WORK/src/deep/er/blob.bin"
head -c $((12 * 1024 * 1024)) /dev/urandom > "$WORK/big.bin"

expect_rc 0 "mb creates a bucket" -- "$S3C" mb "s3://$BUCKET"
expect_rc 0 "mb again is fine (bucket owned)" -- "$S3C" mb "s3://$BUCKET"

expect_rc 0 "cp --recursive uploads a folder" -- \
  "$S3C" cp --recursive --stats "$WORK/up.json" "$WORK/src" "s3://$BUCKET/data/"
expect_eq "upload: PutObject requests" "$(requests_of "$WORK/up.json" PutObject)" 3
expect_eq "upload: no HeadObject" "$(requests_of "$WORK/up.json" HeadObject)" 0
expect_eq "upload: objects" "$(stat_field "$WORK/up.json" objects)" 3
expect_eq "upload: bytes" "$(stat_field "$WORK/up.json" bytes_uploaded)" $((2 + 300000 + $(stat -c %s "$WORK/src/sub dir/"*)))

expect_rc 0 "ls lists one level" -- "$S3C" ls "s3://$BUCKET/data/"
if grep -q 'PRE sub dir/' "$WORK/out" && grep -q ' a.txt$' "$WORK/out"; then ok "ls shows prefixes and keys"; else bad "ls output"; cat "$WORK/out"; fi
expect_rc 0 "ls --recursive --json" -- "$S3C" ls --recursive --json "s3://$BUCKET/data/"
expect_eq "ls --json lines" "$(wc -l < "$WORK/out")" 3
if python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$WORK/out"; then ok "ls --json is valid JSON lines"; else bad "ls --json parse"; fi
grep -qF "sub dir/$ODD_NAME" "$WORK/out" && ok "odd key round-trips in the listing" || bad "odd key missing from listing"

expect_rc 0 "cp --recursive downloads" -- \
  "$S3C" cp --recursive --stats "$WORK/down.json" "s3://$BUCKET/data/" "$WORK/back/"
expect_eq "download: ListObjectsV2" "$(requests_of "$WORK/down.json" ListObjectsV2)" 1
expect_eq "download: GetObject" "$(requests_of "$WORK/down.json" GetObject)" 3
expect_eq "download: no HeadObject" "$(requests_of "$WORK/down.json" HeadObject)" 0
if diff -r "$WORK/src" "$WORK/back" >/dev/null; then ok "download equals upload"; else bad "download differs"; fi

expect_rc 0 "multipart upload of 12 MiB with 5 MiB parts" -- \
  "$S3C" cp --part-size 5MiB --stats "$WORK/mp.json" "$WORK/big.bin" "s3://$BUCKET/big.bin"
expect_eq "multipart: UploadPart" "$(requests_of "$WORK/mp.json" UploadPart)" 3
expect_eq "multipart: Complete" "$(requests_of "$WORK/mp.json" CompleteMultipartUpload)" 1
"$S3C" cp "s3://$BUCKET/big.bin" - 2>/dev/null | cmp -s - "$WORK/big.bin" && ok "cp to stdout equals the file" || bad "cp to stdout differs"
expect_rc 0 "single-object download" -- \
  "$S3C" cp --stats "$WORK/one.json" "s3://$BUCKET/big.bin" "$WORK/one.bin"
cmp -s "$WORK/one.bin" "$WORK/big.bin" && ok "single download equals the file" || bad "single download differs"
expect_eq "single download: no HeadObject (the first GET gives size and ETag)" \
  "$(requests_of "$WORK/one.json" HeadObject)" 0
expect_eq "single download: one GetObject (a 16 MiB range holds the 12 MiB object)" \
  "$(requests_of "$WORK/one.json" GetObject)" 1
expect_rc 3 "downloading a missing key exits 3" -- "$S3C" cp "s3://$BUCKET/nope.bin" "$WORK/new/deep/nope.bin"
grep -q "s3://$BUCKET/nope.bin" "$WORK/err" && ok "download message names the object" || bad "message: $(cat "$WORK/err")"
[ ! -e "$WORK/new" ] && ok "a failed download leaves no file and no folder" || bad "a failed download left $(find "$WORK/new")"
head -c $((20 * 1024 * 1024 + 5)) /dev/urandom > "$WORK/twenty.bin"
expect_rc 0 "20 MiB upload" -- "$S3C" cp --quiet "$WORK/twenty.bin" "s3://$BUCKET/rbig/twenty.bin"
expect_rc 0 "recursive download of an object above one range" -- \
  "$S3C" cp --recursive --stats "$WORK/rbig.json" "s3://$BUCKET/rbig/" "$WORK/rbig/"
cmp -s "$WORK/rbig/twenty.bin" "$WORK/twenty.bin" && ok "ranges written at their offsets rebuild the file" || bad "recursive big download differs"
expect_eq "recursive big download: GetObject (16 MiB + the rest)" \
  "$(requests_of "$WORK/rbig.json" GetObject)" 2
expect_eq "recursive big download: no HeadObject (size and ETag from the listing)" \
  "$(requests_of "$WORK/rbig.json" HeadObject)" 0
expect_rc 0 "download to /dev/null" -- "$S3C" cp --stats "$WORK/null.json" "s3://$BUCKET/big.bin" /dev/null
[ -c /dev/null ] && ok "/dev/null is still a device" || bad "/dev/null was replaced"
expect_eq "download to /dev/null: bytes" "$(stat_field "$WORK/null.json" bytes_downloaded)" $((12 * 1024 * 1024))
mkfifo "$WORK/dl.fifo"
cat "$WORK/dl.fifo" > "$WORK/from-fifo.bin" &
reader=$!
expect_rc 0 "download into a named pipe" -- "$S3C" cp "s3://$BUCKET/big.bin" "$WORK/dl.fifo"
wait "$reader"
cmp -s "$WORK/from-fifo.bin" "$WORK/big.bin" && ok "the pipe's reader got every byte" || bad "pipe bytes differ"
[ -p "$WORK/dl.fifo" ] && ok "the pipe is still a pipe" || bad "the pipe was replaced"
expect_rc 0 "empty object upload" -- bash -c ": | '$S3C' cp - 's3://$BUCKET/empty.bin'"
expect_rc 0 "empty object download" -- "$S3C" cp "s3://$BUCKET/empty.bin" "$WORK/empty.bin"
[ -f "$WORK/empty.bin" ] && [ ! -s "$WORK/empty.bin" ] && ok "empty object downloads as an empty file" || bad "empty download"

expect_rc 0 "stdin upload" -- bash -c "printf 'from stdin' | '$S3C' cp - 's3://$BUCKET/stdin.txt'"
expect_eq "cat" "$("$S3C" cat "s3://$BUCKET/stdin.txt")" "from stdin"
expect_rc 0 "server-side copy" -- \
  "$S3C" cp --stats "$WORK/copy.json" "s3://$BUCKET/big.bin" "s3://$BUCKET/copy/big.bin"
expect_eq "copy: CopyObject" "$(requests_of "$WORK/copy.json" CopyObject)" 1
expect_eq "copy: one HeadObject (the source's size decides single vs multipart copy)" \
  "$(requests_of "$WORK/copy.json" HeadObject)" 1
# Only the CopyObjectResult XML comes back, never the object's 12 MiB.
copied_down=$(stat_field "$WORK/copy.json" bytes_downloaded)
[ "$copied_down" -lt 4096 ] && ok "copy: object bytes stay on the server ($copied_down B of XML)" || bad "copy downloaded $copied_down bytes"
expect_rc 0 "stat" -- "$S3C" stat --json "s3://$BUCKET/copy/big.bin"
grep -q "\"size\":$((12 * 1024 * 1024))" "$WORK/out" && ok "stat size" || bad "stat size: $(cat "$WORK/out")"

expect_rc 3 "missing key exits 3" -- "$S3C" stat "s3://$BUCKET/nope"
grep -q "s3://$BUCKET/nope" "$WORK/err" && ok "message names the object" || bad "message: $(cat "$WORK/err")"
expect_rc 3 "missing bucket exits 3" -- "$S3C" ls "s3://no-such-bucket-$$/"
expect_rc 4 "wrong secret exits 4" -- env AWS_SECRET_ACCESS_KEY=wrong "$S3C" ls "s3://$BUCKET/"
grep -q "SignatureDoesNotMatch" "$WORK/err" && ok "wrong secret names SignatureDoesNotMatch" || bad "wrong secret message"
grep -q "wrong" "$WORK/err" && bad "the secret leaked into the message" || ok "secret not in the message"
expect_rc 4 "no credentials exits 4" -- env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY "$S3C" ls "s3://$BUCKET/"
expect_rc 2 "bad URI exits 2" -- "$S3C" ls "s3:/$BUCKET"
expect_rc 2 "unknown option exits 2" -- "$S3C" ls --bogus "s3://$BUCKET/"
expect_rc 2 "folder without --recursive exits 2" -- "$S3C" cp "$WORK/src" "s3://$BUCKET/x/"
expect_rc 3 "missing local file exits 3" -- "$S3C" cp "$WORK/nope" "s3://$BUCKET/x"

# Ctrl-C during a multipart upload: exit 130, nothing published, the upload aborted. The pipe
# makes it deterministic: once `head` returns, s3c has read ~20 MiB and started the upload.
mkfifo "$WORK/fifo"
"$S3C" cp --part-size 5MiB - "s3://$BUCKET/interrupted.bin" <"$WORK/fifo" 2>"$WORK/int.err" &
cp_pid=$!
exec 3>"$WORK/fifo"
head -c $((20 * 1024 * 1024)) /dev/urandom >&3
kill -INT "$cp_pid"
exec 3>&-
wait "$cp_pid"
expect_eq "interrupted upload exits" "$?" 130
expect_rc 3 "interrupted upload published nothing" -- "$S3C" stat "s3://$BUCKET/interrupted.bin"
# ListMultipartUploads through an independent signer (curl --aws-sigv4 cannot sign "?uploads").
uploads=$(python3 "$(dirname "$0")/../support/s3util.py" uploads "$BUCKET" interrupted)
expect_eq "no multipart upload left behind" "$uploads" '{"uploads": 0}'

expect_rc 0 "rm --recursive" -- "$S3C" rm --recursive --stats "$WORK/rm.json" "s3://$BUCKET/"
expect_eq "rm: one DeleteObjects" "$(requests_of "$WORK/rm.json" DeleteObjects)" 1
expect_eq "rm: objects" "$(stat_field "$WORK/rm.json" objects)" 8
expect_rc 0 "bucket empty afterwards" -- "$S3C" ls --recursive "s3://$BUCKET/"
expect_eq "nothing listed" "$(wc -l < "$WORK/out")" 0

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
