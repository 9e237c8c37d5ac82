#!/usr/bin/env bash
# `s3c plan FILE [--pipeline NAME] [--json] [--set path=value]`: the text and JSON plan of a
# pipeline file, reading no data (on S3 only the listing: no GET for a CSV source), a single
# key looked at with one HEAD the run will not send, the `prices:` section, --set, an unknown
# pipeline and a file that does not validate. tests/e2e/plan_counts compares plans with runs.
# Usage: cli_plan_test.sh S3C_BINARY RGW_ENV_FILE
set -uo pipefail
. "$(dirname "$0")/lib.sh" "$@"

mkdir -p "$WORK/in"
printf 'id,amount\n1,10\n2,20\n' >"$WORK/in/a.csv"
printf 'id,amount\n3,30\n' >"$WORK/in/b.csv"
BYTES=$(( $(wc -c <"$WORK/in/a.csv") + $(wc -c <"$WORK/in/b.csv") ))
cat >"$WORK/local.yaml" <<YAML
prices: {transfer_per_gb: 0.09}
sources:
  in: {uri: "$WORK/in/", format: csv}
destinations:
  out: {uri: "s3://$BUCKET/out/", format: parquet}
YAML

expect_rc 0 "plan of a local source" -- "$S3C" plan "$WORK/local.yaml"
expect_grep "text: the objects and bytes" "^  reads 2 object\(s\) of .* \($BYTES bytes\); the reads fetch $BYTES bytes$" "$WORK/out"
expect_grep "text: a local listing sends nothing" "^  listing: none$" "$WORK/out"
expect_grep "text: the destination is an estimate" "^  -> out \(s3://$BUCKET/out/, mode error\): ListMultipartUploads 1, ListObjectsV2 3, PutObject 3 \(estimate: one data file" "$WORK/out"
expect_grep "text: the plan sent nothing" "^the plan sent 0 requests \(none\)" "$WORK/out"
expect_no_grep "planning wrote nothing" "." "$WORK/err"

expect_rc 0 "plan --json" -- "$S3C" plan "$WORK/local.yaml" --json
expect_eq "--json parses, with the figures" "$(python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))
s = p["pipelines"][0]["source"]
d = p["pipelines"][0]["destinations"][0]
print(s["objects"], s["read_bytes"], s["exact"], d["estimate"], d["requests"]["PutObject"],
      p["prices"]["transfer_per_gb"], round(p["pipelines"][0]["request_usd"], 9))' "$WORK/out" 2>&1)" \
  "2 $BYTES True True 3 0.09 3.5e-05"

expect_rc 0 "--set narrows the source" -- "$S3C" plan "$WORK/local.yaml" --json \
  --set "sources.in.uri=$WORK/in/b.csv"
expect_eq "--set: one object" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pipelines"][0]["source"]["objects"])' "$WORK/out" 2>&1)" 1

expect_rc 3 "an unknown --pipeline" -- "$S3C" plan "$WORK/local.yaml" --pipeline in_to_ot
expect_grep "unknown pipeline: did you mean" "no pipeline \"in_to_ot\" \(did you mean 'in_to_out'\?\)" "$WORK/err"
printf 'sources:\n  in: {uri: x.csv, max_requests: many}\ndestinations:\n  out: {uri: y.csv}\n' >"$WORK/bad.yaml"
expect_rc 2 "a file that does not validate" -- "$S3C" plan "$WORK/bad.yaml"
expect_grep "max_requests: the key's error" "bad.yaml:2:.*max_requests: expected a whole number, got 'many'" "$WORK/err"
printf 'prices: {get: 1}\nsources:\n  in: {uri: x.csv}\ndestinations:\n  out: {uri: y.csv}\n' >"$WORK/bad_prices.yaml"
expect_rc 2 "an unknown price" -- "$S3C" plan "$WORK/bad_prices.yaml"
expect_grep "unknown price: its position" "bad_prices.yaml:1:10: unknown key 'get' in prices" "$WORK/err"

# On S3: the listing and nothing else for text objects; a single key costs the plan one HEAD.
"$S3C" mb -q "s3://$BUCKET" || bad "mb"
"$S3C" cp -q -r "$WORK/in/" "s3://$BUCKET/in/" || bad "upload"
cat >"$WORK/s3.yaml" <<YAML
sources:
  lake: {uri: "s3://$BUCKET/in/", format: csv}
  one: {uri: "s3://$BUCKET/in/a.csv"}
destinations:
  out: {uri: "$WORK/out.csv", mode: replace}
pipelines:
  lake: {from: lake, to: out}
  one: {from: one, to: out}
YAML
expect_rc 0 "plan of an S3 prefix" -- "$S3C" plan "$WORK/s3.yaml" --pipeline lake --stats "$WORK/stats.json"
expect_eq "S3 prefix: the plan sent one LIST and no GET" "$(requests_of "$WORK/stats.json" ListObjectsV2) $(requests_of "$WORK/stats.json" GetObject)" "1 0"
expect_grep "S3 prefix: one GET per object planned" "^  reads: GetObject 2$" "$WORK/out"
expect_rc 0 "plan of a single S3 key" -- "$S3C" plan "$WORK/s3.yaml" --pipeline one --json --stats "$WORK/stats.json"
expect_eq "single key: the run lists nothing, reads one GET; the plan alone sent a HEAD" \
  "$(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["pipelines"][0]["source"]
print(s["listing"], s["reads"], s["plan_only"])' "$WORK/out" 2>&1)" \
  "{} {'GetObject': 1} {'HeadObject': 1}"
expect_eq "single key: --stats counts the plan's HEAD, no GET" "$(requests_of "$WORK/stats.json" HeadObject) $(requests_of "$WORK/stats.json" GetObject)" "1 0"
# s3c run prices its report with the file's prices: (here set by --set on the top level).
expect_rc 0 "run with prices: set" -- "$S3C" run "$WORK/s3.yaml" --pipeline lake --json \
  --set prices.tier2_per_1000=1000
expect_eq "run: the report's cost at the file's prices (1 LIST at \$0.005, 2 GETs at \$1000 per 1,000)" \
  "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["cost_usd"])' "$WORK/out" 2>&1)" 2.000005
"$S3C" rm -q -r "s3://$BUCKET/" >/dev/null 2>&1 || true

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
