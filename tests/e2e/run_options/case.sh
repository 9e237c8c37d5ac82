# s3c run's own options, each by its effect.
run_pipeline 0 two.yaml --dry-run
expect_eq "--dry-run: both pipelines planned" "$(report_field 'len(r["pipelines"])')" 2
expect_eq "--dry-run: listed" "$(report_field 'r["pipelines"][1]["objects_listed"]')" 1
expect_eq "--dry-run: nothing read" "$(requests_of "$WORK/stats.json" GetObject)" 0
expect_eq "--dry-run: nothing written" "$(requests_of "$WORK/stats.json" PutObject)" 0
expect_eq "--dry-run: no object made" "$(keys_under "s3://$BUCKET/" | grep -vc '^in/')" 0
run_pipeline 0 two.yaml --pipeline kind_a
expect_eq "--pipeline: one ran" "$(report_field '[p["name"] for p in r["pipelines"]]')" "['kind_a']"
expect_eq "--pipeline: its rows" "$("$S3C" read -q -o csv "s3://$BUCKET/only_a.jsonl" | tail -n +2 | wc -l)" 2
expect_eq "--pipeline: the other did not write" "$(keys_under "s3://$BUCKET/" | grep -c '^all.csv$')" 0
run_pipeline 0 two.yaml --pipeline everything --set "destinations.all.uri=s3://$BUCKET/moved.csv"
expect_eq "--set: the destination moved" "$(keys_under "s3://$BUCKET/" | grep -c '^moved.csv$')" 1
expect_eq "--json: the cost is reported" "$(report_field '"cost_usd" in r and r["cost_usd"] > 0')" True
run_pipeline 3 two.yaml --pipeline nope
expect_grep "--pipeline: an unknown name" "no pipeline \"nope\"" "$WORK/err"
# The global --endpoint-url fills what the file's endpoints leave unset (here the environment's
# endpoint is a closed loopback port: without the flag reaching them the run fails).
expect_rc 0 "--endpoint-url reaches the file's endpoints" -- env AWS_ENDPOINT_URL_S3="http://127.0.0.1:$CLOSED_PORT" \
  "$S3C" --endpoint-url "$S3_ENDPOINT" --max-attempts 1 run "$CASE_DIR/two.yaml" --pipeline kind_a \
  --set "destinations.only_a.uri=s3://$BUCKET/via-flag.jsonl"
expect_eq "--endpoint-url: written" "$(keys_under "s3://$BUCKET/" | grep -c '^via-flag.jsonl$')" 1
expect_rc 1 "without it the closed port is used" -- env AWS_ENDPOINT_URL_S3="http://127.0.0.1:$CLOSED_PORT" \
  "$S3C" --max-attempts 1 run "$CASE_DIR/two.yaml" --pipeline kind_a \
  --set "destinations.only_a.uri=s3://$BUCKET/not-written.jsonl"
