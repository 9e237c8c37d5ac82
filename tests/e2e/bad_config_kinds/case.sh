# Every kind of bad pipeline file through `s3c run`: its exact errors, each at FILE:LINE:COLUMN,
# all at once, exit 2, nothing sent, secrets shown as ***. Interpolation errors (an unset
# variable, a line break in a value) are a stage of their own, reported before the others, so
# they have their own file. The expected files name the pipeline file without its folder.
export E2E_SECRET=e2e-secret-value-0001
unset E2E_UNDEFINED_PART
# expect_errors FILE EXPECTED: s3c run FILE exits 2 with exactly EXPECTED on stderr, sending
# no request.
expect_errors() {
  run_pipeline 2 "$1"
  sed "s|$CASE_DIR/||g" "$WORK/err" >"$WORK/errors"
  if diff -u "$CASE_DIR/$2" "$WORK/errors" >"$WORK/errors.diff"; then ok "$1: the exact errors"; else
    bad "$1: errors differ"; head -20 "$WORK/errors.diff" | sed 's/^/     /'; fi
  expect_eq "$1: no request sent" "$(stat_field "$WORK/stats.json" total_requests)" 0
  expect_eq "$1: the secret never shown" "$(grep -c "$E2E_SECRET" "$WORK/err" "$WORK/out" | awk -F: '{s+=$2} END {print s}')" 0
}
expect_errors kinds.yaml expected_kinds.err
expect_errors interp.yaml expected_interp.err
