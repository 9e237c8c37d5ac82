#!/usr/bin/env bash
# `s3c validate FILE [--set path=value]`: the summary of a valid pipeline file, every error of a
# broken one with its position, overrides, interpolation from the environment, exit codes, and
# secrets that never reach the terminal. Validation touches no store.
# Usage: cli_validate_test.sh S3C_BINARY RGW_ENV_FILE
set -uo pipefail
. "$(dirname "$0")/lib.sh" "$@"

SECRET='wJalrXUtnFEMI/K7MDENG/validate-secret'
KEY_ID='AKIDVALIDATE0001'
# The seed forms read ${AWS_ACCESS_KEY_ID} and ${AWS_SECRET_ACCESS_KEY}.
cp "$CLI_TESTS/../pipelines/seed_forms.yaml" "$WORK/seed.yaml"
export AWS_ACCESS_KEY_ID=$KEY_ID AWS_SECRET_ACCESS_KEY=$SECRET
expect_rc 0 "the seed forms validate" -- "$S3C" validate "$WORK/seed.yaml"
expect_grep "summary counts" "valid: 2 pipelines, 2 sources, 1 destination" "$WORK/out"
expect_grep "summary: the first pipeline" "^pipeline first: s3_data -> s3_output$" "$WORK/out"
expect_grep "summary: the source's keys are hidden" "read +s3://my-bucket/data/file.csv \(format auto; keys \*\*\*\)" "$WORK/out"
expect_grep "summary: the destination" "write +s3://my-output-bucket/output/results.parquet \(one object, format parquet, mode replace; AWS credentials chain\)" "$WORK/out"
expect_no_grep "no secret in the summary" "$SECRET|$KEY_ID" "$WORK/out"
expect_rc 0 "validate --verbose" -- "$S3C" -vv validate "$WORK/seed.yaml"
cat "$WORK/out" "$WORK/err" > "$WORK/all"
expect_no_grep "no secret with --verbose" "$SECRET|$KEY_ID" "$WORK/all"

expect_rc 0 "--set overrides a value before validation" -- \
  "$S3C" validate "$WORK/seed.yaml" --set sources.s3_data.uri=s3://other-bucket/x.csv \
  --set destinations.s3_output.mode=ignore
expect_grep "--set: the new URI" "read +s3://other-bucket/x.csv" "$WORK/out"
expect_grep "--set: the new mode" "mode ignore" "$WORK/out"
expect_rc 2 "--set with a bad value" -- \
  "$S3C" validate "$WORK/seed.yaml" --set destinations.s3_output.mode=upsert
expect_grep "--set error names the override" "^--set destinations.s3_output.mode: unknown mode 'upsert': use error, ignore, append, replace or overwrite_partitions$" "$WORK/err"

expect_rc 2 "an undefined variable" -- env -u AWS_SECRET_ACCESS_KEY "$S3C" validate "$WORK/seed.yaml"
expect_grep "undefined variable: name and line" "seed.yaml:9:28: environment variable AWS_SECRET_ACCESS_KEY is not set" "$WORK/err"
export PIPE_KEY_ID=$KEY_ID PIPE_SECRET=$SECRET

cat > "$WORK/broken.yaml" <<'YAML'
sources:
  in:
    uri: s3://my-bucket/in/
    bucket: my-bucket
    skip_rows: ten
    aws_access_key_id: ${PIPE_KEY_ID}
    aws_secret_access_key: ${PIPE_SECRET}
    header: ${PIPE_SECRET}
destinations:
  out: {uri: s3://my-bucket/out/, format: parquet, mod: replace}
pipelines:
  p: {from: inn, to: out}
YAML
expect_rc 2 "a broken file exits 2" -- "$S3C" validate "$WORK/broken.yaml"
expect_eq "every error, one per line, then the summary line" "$(wc -l < "$WORK/err")" 5
expect_eq "errors in order of position" "$(head -4 "$WORK/err" | cut -d: -f2 | tr '\n' ' ')" "4 5 10 12 "
expect_grep "conflict" "broken.yaml:4:5: 'bucket' and 'uri' both say where the data is" "$WORK/err"
expect_grep "wrong type" "broken.yaml:5:16: skip_rows: expected a whole number, got 'ten'" "$WORK/err"
expect_grep "did you mean" "broken.yaml:10:52: unknown key 'mod' in destination 'out' \(did you mean 'mode'\?\)" "$WORK/err"
expect_grep "missing source" "broken.yaml:12:13: from: no source named 'inn' \(did you mean 'in'\?\)" "$WORK/err"
expect_grep "the last line counts them" "^s3c: error: InvalidArgument: .*broken.yaml: 4 errors$" "$WORK/err"
expect_no_grep "no secret in the errors" "$SECRET|$KEY_ID" "$WORK/err"

expect_rc 3 "a missing file exits 3" -- "$S3C" validate "$WORK/nope.yaml"
expect_grep "the missing file is named" "nope.yaml" "$WORK/err"
printf 'sources: [a\n' > "$WORK/syntax.yaml"
expect_rc 2 "a YAML syntax error exits 2" -- "$S3C" validate "$WORK/syntax.yaml"
expect_grep "syntax error with its position" "syntax.yaml:[0-9]+:[0-9]+: YAML syntax: " "$WORK/err"

# A read setting a CLI flag and a pipeline key share says the same thing in both.
printf 'a,b\n1,2\n' > "$WORK/x.csv"
expect_rc 2 "read --header maybe" -- "$S3C" read --header maybe "$WORK/x.csv"
flag_message=$(sed -n 's/^s3c: error: InvalidArgument: --header: //p' "$WORK/err")
printf 'sources: {s: {uri: "%s", header: maybe}}\ndestinations: {d: {uri: "%s/o.csv"}}\n' \
  "$WORK/x.csv" "$WORK" > "$WORK/header.yaml"
expect_rc 2 "validate header: maybe" -- "$S3C" validate "$WORK/header.yaml"
expect_grep "the key's message is the flag's" "header.yaml:1:[0-9]+: header: ${flag_message}$" "$WORK/err"

echo "passed $passed, failed $failed"
[ "$failed" = 0 ]
