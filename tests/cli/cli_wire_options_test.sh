#!/usr/bin/env bash
# Global options whose effect is only visible on the wire, checked on the requests a loopback
# capture server (capture_server.py) records: --endpoint-url, --region, --profile's region,
# --no-sign-request, --url-style, --checksum, --concurrency and --max-attempts.
# Usage: cli_wire_options_test.sh S3C_BINARY RGW_ENV_FILE
set -uo pipefail
. "$(dirname "$0")/lib.sh" "$@"

CAPTURE_PIDS=""
trap 'kill $CAPTURE_PIDS 2>/dev/null; rm -rf "$WORK" "$HOME"' EXIT
# start_capture NAME [MODE]: a capture server recording into $WORK/NAME; sets CAPTURE_PORT.
start_capture() {
  mkdir -p "$WORK/$1"
  python3 "$CLI_TESTS/capture_server.py" "$WORK/$1" "${2:-ok}" &
  CAPTURE_PIDS+=" $!"
  for _ in $(seq 200); do [ -s "$WORK/$1/port" ] && break; sleep 0.05; done
  CAPTURE_PORT=$(cat "$WORK/$1/port")
}
# captured NAME EXPR: a Python expression over `reqs`, the requests server NAME recorded
# (dicts: method, path, query, headers, in_flight), in arrival order.
# request_to NAME PATH EXPR: EXPR over `r`, the one request to PATH (fails unless just one).
captured() {
  python3 -c 'import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1])]
if len(sys.argv) > 3:
    match = [r for r in reqs if r["path"] == sys.argv[3]]
    if len(match) != 1: sys.exit(f"{len(match)} requests to {sys.argv[3]}")
    r = match[0]
print(eval(sys.argv[2]))' "$WORK/$1/requests.jsonl" "$2" ${3:+"$3"}
}
request_to() { captured "$1" "$3" "$2"; }
# scope_region NAME PATH: the region in the SigV4 credential scope of the request to PATH.
scope_region() { request_to "$1" "$2" 'r["headers"]["authorization"].split("/")[2]'; }
printf '123456789' > "$WORK/digits.txt"

start_capture plain
CAP=http://127.0.0.1:$CAPTURE_PORT
# --endpoint-url wins over AWS_ENDPOINT_URL_S3 (which points at a closed port here).
expect_rc 0 "--endpoint-url overrides AWS_ENDPOINT_URL_S3" -- env AWS_ENDPOINT_URL_S3=http://127.0.0.1:$CLOSED_PORT \
  "$S3C" --endpoint-url "$CAP" --region eu-cli-9 cp "$WORK/digits.txt" s3://wire/a/digits.txt
expect_eq "the capture server got the PUT" "$(captured plain '[(r["method"], r["path"]) for r in reqs]')" \
  "[('PUT', '/wire/a/digits.txt')]"
expect_eq "--region signs for that region" "$(scope_region plain /wire/a/digits.txt)" eu-cli-9
expect_eq "the payload hash is signed on http" \
  "$(request_to plain /wire/a/digits.txt 'r["headers"]["x-amz-content-sha256"]')" "$(sha256sum < "$WORK/digits.txt" | cut -d' ' -f1)"
expect_rc 0 "the default region is AWS_DEFAULT_REGION" -- "$S3C" --endpoint-url "$CAP" cp "$WORK/digits.txt" s3://wire/b
expect_eq "default region in the scope" "$(scope_region plain /wire/b)" "$AWS_DEFAULT_REGION"

# --profile: keys from ~/.aws/credentials (the environment's are then not used), region and
# endpoint from ~/.aws/config; --region still wins over the profile's.
mkdir -p "$HOME/.aws"
printf '[profile wire]\nregion = ap-prof-3\nendpoint_url = %s\n' "$CAP" > "$HOME/.aws/config"
printf '[wire]\naws_access_key_id = PROFILEKEY\naws_secret_access_key = profile-secret\n' > "$HOME/.aws/credentials"
expect_rc 0 "--profile" -- env -u AWS_ENDPOINT_URL_S3 -u AWS_DEFAULT_REGION "$S3C" --profile wire cp "$WORK/digits.txt" s3://wire/c
expect_eq "profile key and region in the scope" \
  "$(request_to plain /wire/c 'r["headers"]["authorization"].split("=")[1].split("/")[0:3:2]')" "['PROFILEKEY', 'ap-prof-3']"
expect_rc 0 "--region over the profile's" -- env -u AWS_ENDPOINT_URL_S3 "$S3C" --profile wire --region sa-opt-2 cp "$WORK/digits.txt" s3://wire/d
expect_eq "option region in the scope" "$(scope_region plain /wire/d)" sa-opt-2
rm -rf "$HOME/.aws"

expect_rc 0 "--no-sign-request" -- "$S3C" --endpoint-url "$CAP" --no-sign-request cp "$WORK/digits.txt" s3://wire/e
expect_eq "anonymous: no Authorization, no x-amz-date" \
  "$(request_to plain /wire/e '[k for k in r["headers"] if k in ("authorization", "x-amz-date")]')" "[]"
expect_rc 0 "--no-sign-request needs no credentials" -- env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY \
  "$S3C" --endpoint-url "$CAP" --no-sign-request cp "$WORK/digits.txt" s3://wire/f

# --checksum: crc32c adds x-amz-checksum-crc32c (CRC-32C of "123456789" is 0xE3069283). md5
# (the default) adds Content-MD5 only when the payload hash is not signed: on http, for an empty
# body; when_required adds neither.
INTEGRITY='(r["headers"].get("content-md5"), r["headers"].get("x-amz-checksum-crc32c"))'
expect_rc 0 "--checksum crc32c" -- "$S3C" --endpoint-url "$CAP" --checksum crc32c cp "$WORK/digits.txt" s3://wire/g
expect_eq "crc32c header" "$(request_to plain /wire/g "$INTEGRITY")" "(None, '4waSgw==')"
expect_rc 0 "--checksum md5" -- "$S3C" --endpoint-url "$CAP" --checksum md5 cp "$WORK/digits.txt" s3://wire/h
expect_eq "md5 with a signed payload: no header" "$(request_to plain /wire/h "$INTEGRITY")" "(None, None)"
: > "$WORK/empty"
for mode in md5 when_required crc32c; do
  expect_rc 0 "--checksum $mode, empty body" -- "$S3C" --endpoint-url "$CAP" --checksum "$mode" cp "$WORK/empty" "s3://wire/empty-$mode"
done
expect_eq "empty body, md5" "$(request_to plain /wire/empty-md5 "$INTEGRITY")" "('1B2M2Y8AsgTpgAmY7PhCfg==', None)"
expect_eq "empty body, when_required" "$(request_to plain /wire/empty-when_required "$INTEGRITY")" "(None, None)"
expect_eq "empty body, crc32c" "$(request_to plain /wire/empty-crc32c "$INTEGRITY")" "(None, 'AAAAAA==')"
expect_rc 2 "--checksum sha1 is a usage error" -- "$S3C" --endpoint-url "$CAP" --checksum sha1 cp "$WORK/empty" s3://wire/x

# --url-style: path puts the bucket in the path; virtual in the host name (a *.localhost name
# resolves to the loopback without DNS); auto is path style for a custom endpoint.
for style in path virtual auto; do
  expect_rc 0 "--url-style $style" -- "$S3C" --endpoint-url "http://localhost:$CAPTURE_PORT" --url-style "$style" \
    cp "$WORK/digits.txt" "s3://wire-bucket/k-$style"
done
HOST='r["headers"]["host"].split(":")[0]'
expect_eq "path style" "$(request_to plain /wire-bucket/k-path "$HOST")" localhost
expect_eq "virtual style" "$(request_to plain /k-virtual "$HOST")" wire-bucket.localhost
expect_eq "auto style" "$(request_to plain /wire-bucket/k-auto "$HOST")" localhost
expect_rc 2 "--url-style bogus is a usage error" -- "$S3C" --url-style bogus ls s3://wire/
# A bucket can never be a subdomain of an IP address: a usage error before any request (run
# without a network when possible, so a regression cannot send a DNS query).
requests_before=$(captured plain 'len(reqs)')
NO_NET=""
unshare -rn true 2>/dev/null && NO_NET="unshare -rn"
expect_rc 2 "--url-style virtual with an IP endpoint" -- $NO_NET "$S3C" --endpoint-url "$CAP" --url-style virtual ls s3://wire/
expect_grep "the message says to use path style" "use --url-style path" "$WORK/err"
expect_eq "no request was sent" "$(captured plain 'len(reqs)')" "$requests_before"

# --concurrency: transfers (and requests) in flight, seen by a server that answers in 0.3 s.
start_capture slow slow
mkdir -p "$WORK/six"
for i in 1 2 3 4 5 6; do echo "$i" > "$WORK/six/$i.txt"; done
for n in 1 3 16; do
  expect_rc 0 "--concurrency $n" -- "$S3C" --endpoint-url "http://127.0.0.1:$CAPTURE_PORT" --concurrency "$n" \
    cp --recursive "$WORK/six" "s3://wire/c$n/"
done
expect_eq "most requests in flight at --concurrency 1, 3 and 16 (six files)" "$(captured slow \
  '[max(r["in_flight"] for r in reqs if r["path"].startswith(f"/wire/c{n}/")) for n in (1, 3, 16)]')" "[1, 3, 6]"
expect_rc 2 "--concurrency 0 is a usage error" -- "$S3C" --concurrency 0 ls s3://wire/

# --max-attempts: every attempt reaches the server (503 SlowDown is retried); the default is 3.
start_capture busy busy
BUSY=http://127.0.0.1:$CAPTURE_PORT
expect_rc 1 "--max-attempts 4 against a busy server" -- "$S3C" --endpoint-url "$BUSY" --max-attempts 4 --stats "$WORK/busy.json" ls s3://wire/
expect_eq "requests the server saw" "$(captured busy 'len(reqs)')" 4
expect_grep "the message counts the attempts" "4 attempts" "$WORK/err"
expect_eq "--stats retries" "$(stat_field "$WORK/busy.json" retries)" 3
expect_eq "--stats ListObjectsV2" "$(requests_of "$WORK/busy.json" ListObjectsV2)" 4
expect_rc 1 "default attempts" -- "$S3C" --endpoint-url "$BUSY" ls s3://wire/
expect_eq "default: 3 attempts" "$(captured busy 'len(reqs)')" 7
expect_rc 1 "--max-attempts 1 against a closed port" -- "$S3C" --endpoint-url "http://127.0.0.1:$CLOSED_PORT" --max-attempts 1 ls s3://wire/
expect_no_grep "one attempt: no count of retries" "attempts" "$WORK/err"
expect_rc 1 "--max-attempts 2 against a closed port" -- "$S3C" --endpoint-url "http://127.0.0.1:$CLOSED_PORT" --max-attempts 2 ls s3://wire/
expect_grep "closed port: 2 attempts" "2 attempts" "$WORK/err"
expect_rc 2 "--max-attempts 0 is a usage error" -- "$S3C" --max-attempts 0 ls s3://wire/

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
