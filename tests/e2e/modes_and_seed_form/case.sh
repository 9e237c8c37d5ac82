# The seed form end to end, then what each mode does on a second run to one object.
MODE=replace run_pipeline 0 seed.yaml
expect_rows "the Parquet object holds the CSV's rows" "s3://$BUCKET/output/results.parquet" expected.csv
expect_eq "rows written" "$(report_field 'r["pipelines"][0]["destinations"][0]["rows"]')" 3
expect_eq "one PutObject" "$(requests_of "$WORK/stats.json" PutObject)" 1
expect_eq "no HEAD for replace" "$(requests_of "$WORK/stats.json" HeadObject)" 0
MODE=replace run_pipeline 0 seed.yaml
expect_rows "replace: the same rows again" "s3://$BUCKET/output/results.parquet" expected.csv
MODE=error run_pipeline 5 seed.yaml
expect_grep "error mode names the existing object" "s3://$BUCKET/output/results.parquet" "$WORK/err"
expect_eq "error mode reads nothing" "$(requests_of "$WORK/stats.json" GetObject)" 0
MODE=ignore run_pipeline 0 seed.yaml
expect_eq "ignore: skipped" "$(report_field 'r["pipelines"][0]["destinations"][0]["outcome"]')" skipped
expect_eq "ignore reads nothing" "$(requests_of "$WORK/stats.json" GetObject)" 0
expect_eq "ignore lists nothing" "$(requests_of "$WORK/stats.json" ListObjectsV2)" 0
MODE=append run_pipeline 2 seed.yaml
expect_grep "append to one object is refused when the file is checked, with its position" \
  "seed.yaml:15:11: mode append adds files beside the old ones, .* or mode replace" "$WORK/err"
expect_eq "secret never shown" "$(grep -c "$AWS_SECRET_ACCESS_KEY" "$WORK/err" "$WORK/out" | awk -F: '{s+=$2} END {print s}')" 0
