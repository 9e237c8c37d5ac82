# A source and a destination owned by two RGW users, each given its own keys in the pipeline
# file: the copy works; with the keys swapped it fails with AccessDenied naming the object.
# The second user is made by tests/support/rgw.sh (idempotent), on the cluster the env file names.
OTHER_KEY_ID=E2EOTHERACCESSKEY001
OTHER_SECRET=e2eothersecret0000000000000000000000001
if [ -z "${RGW_DIR:-}" ] ||
  ! bash "$CASE_DIR/../../support/rgw.sh" user e2e-other "$OTHER_KEY_ID" "$OTHER_SECRET" >"$WORK/user.err" 2>&1; then
  bad "cannot make the second RGW user (RGW_DIR '${RGW_DIR:-}' from $ENV_FILE): $(head -3 "$WORK/user.err" 2>/dev/null)"
  return
fi
export OTHER_BUCKET=$BUCKET-other
expect_rc 0 "the second user makes its bucket" -- env AWS_ACCESS_KEY_ID="$OTHER_KEY_ID" \
  AWS_SECRET_ACCESS_KEY="$OTHER_SECRET" "$S3C" mb -q "s3://$OTHER_BUCKET"
expect_rc 4 "the first user cannot write there" -- "$S3C" cp -q "$CASE_DIR/expected.csv" "s3://$OTHER_BUCKET/x.csv"

# run_with_keys WANT_RC DESCRIPTION SOURCE_ID SOURCE_SECRET DESTINATION_ID DESTINATION_SECRET:
# s3c run two_accounts.yaml with these keys and none in the environment.
run_with_keys() {
  expect_rc "$1" "$2" -- env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY SOURCE_KEY_ID="$3" \
    SOURCE_SECRET="$4" DESTINATION_KEY_ID="$5" DESTINATION_SECRET="$6" \
    "$S3C" run "$CASE_DIR/two_accounts.yaml" --json
}
run_with_keys 0 "each endpoint with its own keys" \
  "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$OTHER_KEY_ID" "$OTHER_SECRET"
AWS_ACCESS_KEY_ID=$OTHER_KEY_ID AWS_SECRET_ACCESS_KEY=$OTHER_SECRET \
  expect_rows "the copy in the second user's bucket" "s3://$OTHER_BUCKET/people.jsonl" expected.csv
# no_secret_shown WHAT: neither user's secret key is in the last run's output.
no_secret_shown() {
  expect_eq "$1: no secret shown" \
    "$(cat "$WORK/out" "$WORK/err" | grep -cF -e "$AWS_SECRET_ACCESS_KEY" -e "$OTHER_SECRET")" 0
}
no_secret_shown "the copy"
run_with_keys 4 "the keys swapped" \
  "$OTHER_KEY_ID" "$OTHER_SECRET" "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY"
expect_grep "swapped: AccessDenied names the source object" \
  "error: PermissionDenied: GetObject s3://$BUCKET/in/people.csv: HTTP 403 AccessDenied .*pipeline people_to_copy" "$WORK/err"
no_secret_shown "swapped"
run_with_keys 4 "the destination given the first user's keys" \
  "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY"
expect_grep "AccessDenied names the destination object" \
  "error: PermissionDenied: PutObject s3://$OTHER_BUCKET/people.jsonl: HTTP 403 AccessDenied" "$WORK/err"
AWS_ACCESS_KEY_ID=$OTHER_KEY_ID AWS_SECRET_ACCESS_KEY=$OTHER_SECRET \
  "$S3C" rm -q -r "s3://$OTHER_BUCKET/" >/dev/null 2>&1
