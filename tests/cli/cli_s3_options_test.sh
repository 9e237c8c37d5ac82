#!/usr/bin/env bash
# Global options and object commands against the loopback RGW server, each checked by its
# effect: --endpoint-url, --profile, --no-sign-request, --url-style virtual, --part-size,
# --checksum round trips, --stats, -v, --quiet; mb, ls --json --recursive, stat --json, cat,
# rm and rm --recursive.
# Usage: cli_s3_options_test.sh S3C_BINARY RGW_ENV_FILE
set -uo pipefail
. "$(dirname "$0")/lib.sh" "$@"

S3UTIL="python3 $CLI_TESTS/../support/s3util.py"
md5_of() { md5sum < "$1" | cut -d' ' -f1; }
# expect_silent DESCRIPTION: the last expect_rc command printed nothing at all.
expect_silent() { expect_eq "$1" "$(cat "$WORK/out" "$WORK/err")" ""; }

expect_rc 0 "mb --quiet" -- "$S3C" --quiet mb "s3://$BUCKET"
expect_silent "mb --quiet prints nothing"
expect_rc 0 "mb again, owned" -- "$S3C" mb --stats "$WORK/mb.json" "s3://$BUCKET"
expect_eq "mb reports the bucket" "$(cat "$WORK/out")" "make_bucket: $BUCKET"
expect_eq "mb: one CreateBucket" "$(requests_of "$WORK/mb.json" CreateBucket)" 1

# --endpoint-url: the only endpoint setting here; a wrong one fails.
printf 'hello\n' > "$WORK/hello.txt"
expect_rc 0 "--endpoint-url without AWS_ENDPOINT_URL_S3" -- env -u AWS_ENDPOINT_URL_S3 \
  "$S3C" --endpoint-url "$S3_ENDPOINT" cp "$WORK/hello.txt" "s3://$BUCKET/hello.txt"
expect_eq "it reached the server" "$("$S3C" cat "s3://$BUCKET/hello.txt")" hello
expect_rc 1 "--endpoint-url to a closed port fails" -- \
  "$S3C" --endpoint-url "http://127.0.0.1:$CLOSED_PORT" --max-attempts 1 ls "s3://$BUCKET/"
expect_grep "the message names the operation" "ListObjectsV2 s3://$BUCKET" "$WORK/err"

# --profile: keys from ~/.aws/credentials; the environment's keys are then not used.
mkdir -p "$HOME/.aws"
printf '[cli]\naws_access_key_id = %s\naws_secret_access_key = %s\n[wrong]\naws_access_key_id = %s\naws_secret_access_key = not-it\n' \
  "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_ACCESS_KEY_ID" > "$HOME/.aws/credentials"
expect_rc 0 "--profile with the keys only in the profile" -- \
  env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY "$S3C" --profile cli ls "s3://$BUCKET/"
expect_grep "listed with the profile's keys" " hello.txt$" "$WORK/out"
expect_rc 4 "--profile with a wrong secret, good keys in the environment" -- "$S3C" --profile wrong ls "s3://$BUCKET/"
expect_grep "the profile's secret was used" "SignatureDoesNotMatch" "$WORK/err"
expect_no_grep "the secret stays out of the message" "not-it" "$WORK/err"
expect_rc 2 "an unknown profile is a configuration error" -- "$S3C" --profile nope ls "s3://$BUCKET/"
expect_grep "the message names the profile" "profile 'nope'" "$WORK/err"
rm -rf "$HOME/.aws"

# --no-sign-request: anonymous requests read a public-read object, and are denied the rest.
"$S3C" -q cp "$WORK/hello.txt" "s3://$BUCKET/public.txt"
$S3UTIL public "$BUCKET" public.txt
expect_rc 0 "--no-sign-request reads a public object without credentials" -- \
  env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY "$S3C" --no-sign-request cat "s3://$BUCKET/public.txt"
expect_eq "public object bytes" "$(cat "$WORK/out")" hello
expect_rc 4 "--no-sign-request on a private object" -- "$S3C" --no-sign-request cat "s3://$BUCKET/hello.txt"
expect_grep "access denied names the object" "GetObject s3://$BUCKET/hello.txt: HTTP 403 AccessDenied" "$WORK/err"
expect_rc 4 "--no-sign-request lists no private bucket" -- "$S3C" --no-sign-request ls "s3://$BUCKET/"

# --url-style virtual works end to end: RGW serves buckets as subdomains of "localhost" (rgw
# dns name), which resolves to the loopback without DNS. (The Host header sent: wire test.)
VIRTUAL_ENDPOINT=${S3_ENDPOINT/127.0.0.1/localhost}
expect_rc 0 "--url-style virtual upload" -- "$S3C" --endpoint-url "$VIRTUAL_ENDPOINT" --url-style virtual \
  cp "$WORK/hello.txt" "s3://$BUCKET/virtual/hello.txt"
expect_rc 0 "--url-style virtual listing" -- "$S3C" --endpoint-url "$VIRTUAL_ENDPOINT" --url-style virtual \
  ls --recursive "s3://$BUCKET/virtual/"
expect_grep "virtual-hosted listing shows the object" " hello.txt$" "$WORK/out"
expect_eq "path style reads it back" "$("$S3C" --url-style path cat "s3://$BUCKET/virtual/hello.txt")" hello

# --part-size: multipart above the part size, in parts of that size (default 8 MiB).
head -c $((7 * 1024 * 1024)) /dev/urandom > "$WORK/seven.bin"
head -c $((12 * 1024 * 1024)) /dev/urandom > "$WORK/twelve.bin"
expect_rc 0 "7 MiB, default part size" -- "$S3C" cp --stats "$WORK/p7.json" "$WORK/seven.bin" "s3://$BUCKET/p/7a"
expect_eq "7 MiB default: PutObject, UploadPart" \
  "$(requests_of "$WORK/p7.json" PutObject) $(requests_of "$WORK/p7.json" UploadPart)" "1 0"
expect_rc 0 "7 MiB, --part-size 5MiB" -- "$S3C" --part-size 5MiB cp --stats "$WORK/p75.json" "$WORK/seven.bin" "s3://$BUCKET/p/7b"
expect_eq "7 MiB in 5 MiB parts: PutObject, Create, UploadPart, Complete" \
  "$(for op in PutObject CreateMultipartUpload UploadPart CompleteMultipartUpload; do requests_of "$WORK/p75.json" $op; done | xargs)" "0 1 2 1"
expect_rc 0 "12 MiB, default part size" -- "$S3C" cp --stats "$WORK/p12.json" "$WORK/twelve.bin" "s3://$BUCKET/p/12"
expect_eq "12 MiB default: UploadPart" "$(requests_of "$WORK/p12.json" UploadPart)" 2
expect_rc 0 "12 MiB, --part-size 6MiB" -- "$S3C" cp --part-size 6MiB --stats "$WORK/p126.json" "$WORK/twelve.bin" "s3://$BUCKET/p/12b"
expect_eq "12 MiB in 6 MiB parts: UploadPart" "$(requests_of "$WORK/p126.json" UploadPart)" 2
"$S3C" cat "s3://$BUCKET/p/7b" | cmp -s - "$WORK/seven.bin" && ok "5 MiB parts reassemble the file" || bad "7b differs"
"$S3C" cat "s3://$BUCKET/p/12" | cmp -s - "$WORK/twelve.bin" && ok "8 MiB parts reassemble the file" || bad "12 differs"
expect_rc 2 "--part-size 4MiB is below the minimum" -- "$S3C" --part-size 4MiB cp "$WORK/seven.bin" "s3://$BUCKET/p/x"
expect_grep "the message gives the minimum" "at least 5MiB" "$WORK/err"
expect_rc 2 "--part-size lots is not a size" -- "$S3C" --part-size lots ls "s3://$BUCKET/"

# --checksum: every mode uploads, and the bytes round-trip (the wire headers: wire test).
head -c 100000 /dev/urandom > "$WORK/rand.bin"
for mode in md5 crc32c when_required; do
  expect_rc 0 "--checksum $mode upload" -- "$S3C" --checksum "$mode" cp "$WORK/rand.bin" "s3://$BUCKET/ck/$mode"
  "$S3C" cat "s3://$BUCKET/ck/$mode" | cmp -s - "$WORK/rand.bin" && ok "--checksum $mode round trip" || bad "--checksum $mode differs"
done

# -v names the endpoint and region; -vv adds a line per request; neither shows the secret.
expect_rc 0 "-v" -- "$S3C" -v ls "s3://$BUCKET/"
expect_grep "-v names endpoint and region" "S3 endpoint $S3_ENDPOINT region $AWS_DEFAULT_REGION" "$WORK/err"
expect_rc 0 "-vv" -- "$S3C" -vv cp "$WORK/hello.txt" "s3://$BUCKET/vv.txt"
expect_grep "-vv logs each request" "PutObject s3://$BUCKET/vv.txt attempt 1: HTTP 200" "$WORK/err"
expect_no_grep "-vv: no secret on stderr" "$AWS_SECRET_ACCESS_KEY" "$WORK/err"
expect_no_grep "-vv: no secret on stdout" "$AWS_SECRET_ACCESS_KEY" "$WORK/out"
expect_rc 0 "no -v" -- "$S3C" ls "s3://$BUCKET/"
expect_eq "without -v stderr is empty" "$(cat "$WORK/err")" ""

# --quiet: nothing printed on success; without it, one line per action.
expect_rc 0 "cp" -- "$S3C" cp "$WORK/hello.txt" "s3://$BUCKET/q/a.txt"
expect_eq "cp reports the copy" "$(cat "$WORK/out")" "copy: file://$WORK/hello.txt to s3://$BUCKET/q/a.txt"
expect_rc 0 "cp --quiet" -- "$S3C" cp --quiet "$WORK/hello.txt" "s3://$BUCKET/q/b.txt"
expect_silent "cp --quiet prints nothing"
expect_rc 0 "cp -q --recursive" -- "$S3C" -q cp --recursive "s3://$BUCKET/q/" "$WORK/q/"
expect_silent "cp -q --recursive prints nothing"
expect_rc 0 "rm --quiet" -- "$S3C" rm --quiet "s3://$BUCKET/q/a.txt"
expect_silent "rm --quiet prints nothing"
expect_rc 0 "rm" -- "$S3C" rm --stats "$WORK/rm1.json" "s3://$BUCKET/q/b.txt"
expect_eq "rm reports the delete" "$(cat "$WORK/out")" "delete: s3://$BUCKET/q/b.txt"
expect_eq "rm of one object: HeadObject, DeleteObjects" \
  "$(requests_of "$WORK/rm1.json" HeadObject) $(requests_of "$WORK/rm1.json" DeleteObjects)" "1 1"
expect_rc 3 "the object is gone" -- "$S3C" stat "s3://$BUCKET/q/b.txt"
expect_rc 3 "rm of a missing object" -- "$S3C" rm "s3://$BUCKET/q/b.txt"
expect_rc 2 "rm of a prefix needs --recursive" -- "$S3C" rm "s3://$BUCKET/q/"

# --stats records the exit code of a failure too.
expect_rc 3 "stat of a missing key" -- "$S3C" --stats "$WORK/miss.json" stat "s3://$BUCKET/nope"
expect_eq "--stats exit_code" "$(stat_field "$WORK/miss.json" exit_code)" 3
expect_eq "--stats HeadObject, total" \
  "$(requests_of "$WORK/miss.json" HeadObject) $(stat_field "$WORK/miss.json" total_requests)" "1 1"

# ls --json --recursive and stat --json: keys relative to the URI's folder, sizes, MD5 ETags.
printf 'a' > "$WORK/a"; printf 'bb' > "$WORK/b"; printf 'ccc' > "$WORK/c"
for k in a d/b d/e/c; do "$S3C" -q cp "$WORK/${k##*/}" "s3://$BUCKET/tree/$k"; done
expect_rc 0 "ls --json --recursive" -- "$S3C" ls --json --recursive "s3://$BUCKET/tree/"
python3 - "$WORK/out" "$(md5_of "$WORK/c")" <<'PY' && ok "ls --json: keys, sizes, ETags, times" || bad "ls --json: $(cat "$WORK/out")"
import json, re, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert [(r["key"], r["size"]) for r in rows] == [("a", 1), ("d/b", 2), ("d/e/c", 3)], rows
assert rows[2]["etag"].strip('"') == sys.argv[2], rows
assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", r["last_modified"]) for r in rows), rows
PY
expect_rc 0 "ls --json, one level" -- "$S3C" ls --json "s3://$BUCKET/tree/"
expect_eq "one level: a key and a prefix" "$(python3 -c 'import json,sys; print([sorted(json.loads(l)) for l in open(sys.argv[1])])' "$WORK/out")" \
  "[['etag', 'key', 'last_modified', 'size'], ['prefix']]"
expect_grep "the prefix entry" '^\{"prefix":"d/"\}$' "$WORK/out"
expect_rc 0 "stat --json" -- "$S3C" stat --json --stats "$WORK/stat.json" "s3://$BUCKET/tree/d/e/c"
python3 - "$WORK/out" "$BUCKET" "$(md5_of "$WORK/c")" <<'PY' && ok "stat --json: uri, key, size, ETag" || bad "stat --json: $(cat "$WORK/out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert (d["uri"], d["key"], d["size"]) == (f"s3://{sys.argv[2]}/tree/d/e/c", "tree/d/e/c", 3), d
assert d["etag"].strip('"') == sys.argv[3] and d["last_modified"].endswith("Z"), d
PY
expect_eq "stat: one HeadObject" "$(requests_of "$WORK/stat.json" HeadObject) $(stat_field "$WORK/stat.json" total_requests)" "1 1"

# cat writes the bytes; rm --recursive deletes what is under "d/" and nothing beside it.
expect_eq "cat" "$("$S3C" cat "s3://$BUCKET/tree/d/b")" bb
expect_rc 2 "cat of a prefix is a usage error" -- "$S3C" cat "s3://$BUCKET/tree/"
"$S3C" -q cp "$WORK/a" "s3://$BUCKET/tree/dx.txt"
expect_rc 0 "rm --recursive without a trailing slash" -- "$S3C" rm --recursive --stats "$WORK/rmr.json" "s3://$BUCKET/tree/d"
expect_eq "rm --recursive lines" "$(cat "$WORK/out")" "delete: s3://$BUCKET/tree/d/b
delete: s3://$BUCKET/tree/d/e/c"
expect_eq "rm --recursive: ListObjectsV2, DeleteObjects" \
  "$(requests_of "$WORK/rmr.json" ListObjectsV2) $(requests_of "$WORK/rmr.json" DeleteObjects)" "1 1"
expect_rc 0 "what is left" -- "$S3C" ls --recursive "s3://$BUCKET/tree/"
expect_eq "siblings of d/ stay" "$(awk '{print $4}' "$WORK/out" | xargs)" "a dx.txt"

"$S3C" -q rm --recursive "s3://$BUCKET/"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
