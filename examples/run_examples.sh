#!/usr/bin/env bash
# Runs every examples/*.yaml as written against an S3 server, on the demo's data lake, and checks
# what each one promises; prints each run's report and the first rows of each output.
#   Usage: examples/run_examples.sh S3C_BINARY WORK_DIR
# The environment names the server and its keys (AWS_ENDPOINT_URL_S3, AWS_ACCESS_KEY_ID,
# AWS_SECRET_ACCESS_KEY), as `make demo` and the ctest entry `examples` set them. The buckets
# the examples name (demo-lake, demo-curated, my-bucket, my-output-bucket) are made, emptied
# first when they exist. Exit 0 when every check passes, 1 at the first that does not.
set -euo pipefail
S3C=$1
WORK=$2
EXAMPLES=$(cd "$(dirname "$0")" && pwd)
export DEMO_OUT=$WORK/out
mkdir -p "$DEMO_OUT"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
check() {  # check DESCRIPTION GOT WANTED
  if [ "$2" = "$3" ]; then echo "OK: $1 = $3"; else fail "$1: got '$2', wanted '$3'"; fi
}
run() {  # run EXAMPLE [s3c run options]: the text report on the terminal, the JSON in $WORK/r.json
  local file=$1
  shift
  echo "\$ s3c run examples/$file $*"
  "$S3C" run "$EXAMPLES/$file" --json "$@" >"$WORK/r.json"
}
field() {  # field PYTHON_EXPR: a value of the last run's JSON report
  python3 -c 'import json,sys; r = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
    "$WORK/r.json" "$1"
}
show() {  # show URI [read options]: the first rows of an output
  echo "\$ s3c read $* --limit 5"
  "$S3C" read -q --limit 5 "$@"
}
count_rows() { "$S3C" read -q -o jsonl "$@" | wc -l; }
data_files() {  # the data files under a dataset prefix (not _s3c/ records, not _SUCCESS)
  "$S3C" ls -q --recursive "$1" | awk '{print $NF}' | grep -v -e '^_s3c/' -e '_SUCCESS$' | wc -l
}

step "A small data lake: orders (Hive folders by day, gzip CSV), events (zstd JSON Lines), customers (Parquet)"
python3 "$EXAMPLES/make_demo_lake.py" "$WORK/lake"
zstd -q --rm "$WORK/lake/events/"*.jsonl
for b in demo-lake demo-curated my-bucket my-output-bucket; do
  if "$S3C" ls -q "s3://$b/" >/dev/null 2>&1; then
    "$S3C" rm -q -r "s3://$b/" >/dev/null 2>&1 || true
  else
    "$S3C" mb -q "s3://$b"
  fi
done
"$S3C" cp -q -r "$WORK/lake/orders/" s3://demo-lake/orders/
"$S3C" cp -q -r "$WORK/lake/events/" s3://demo-lake/events/
"$S3C" convert -q --compression zstd "$WORK/lake/customers.csv" \
  s3://demo-lake/customers/customers.parquet
"$S3C" ls --recursive s3://demo-lake/ | sed -n '1,3p;$p'
echo "... $("$S3C" ls -q --recursive s3://demo-lake/ | wc -l) objects"

echo "\$ s3c schema s3://demo-lake/orders/   # types inferred; day is the Hive partition column"
"$S3C" schema s3://demo-lake/orders/

# What the examples must produce, computed from the generated files (not by s3c).
python3 - "$WORK/lake" >"$WORK/expected.env" <<'PY'
import collections, glob, gzip, csv, json, subprocess, sys
lake = sys.argv[1]
paid = collections.Counter()
for path in sorted(glob.glob(f"{lake}/orders/day=*/*.csv.gz")):
    day = path.split("day=")[1][:10]
    with gzip.open(path, "rt", newline="") as f:
        for row in csv.DictReader(f):
            if day >= "2026-11-08" and row["status"] == "paid" and row["amount"] != "":
                paid[row["country"]] += 1
events = searches = 0
for path in sorted(glob.glob(f"{lake}/events/*.jsonl.zst")):
    text = subprocess.run(["zstd", "-dc", path], capture_output=True, check=True).stdout
    for line in text.decode().splitlines():
        events += 1
        searches += json.loads(line)["kind"] == "search"
print(f"PAID={sum(paid.values())}")
print(f"PAID_BY_COUNTRY='{' '.join(f'{c}={n}' for c, n in sorted(paid.items()))}'")
print(f"COUNTRIES={len(paid)}")
print(f"EVENTS={events}")
print(f"SEARCHES={searches}")
PY
. "$WORK/expected.env"

step "1. orders_by_country.yaml: a pruned, filtered read written as Hive-partitioned Parquet"
run orders_by_country.yaml
check "folders listed and read (day >= 2026-11-08: 7 of 14 days)" \
  "$(field 'r["pipelines"][0]["objects_read"]')" 14
check "paid orders written" "$(field 'r["pipelines"][0]["rows_out"]')" "$PAID"
check "GET requests: only the week's objects" "$(field 'r["requests"]["GetObject"]')" 14
show s3://demo-curated/paid-orders/
got=$("$S3C" read -q -o csv --columns country s3://demo-curated/paid-orders/ | tail -n +2 |
  sort | uniq -c | awk '{print $2 "=" $1}' | xargs)
check "rows per country folder" "$got" "$PAID_BY_COUNTRY"
check "amount is now amount_usd, a decimal" \
  "$("$S3C" schema -q s3://demo-curated/paid-orders/ | grep -o 'amount_usd.*' | head -1)" \
  "amount_usd: decimal128(12, 2)"

step "1b. the same pipeline again: mode replace leaves exactly the new output"
run orders_by_country.yaml
check "second commit" "$(field 'r["pipelines"][0]["destinations"][0]["commit_sequence"]')" 1
check "data files: one per country, the first run's deleted" \
  "$(data_files s3://demo-curated/paid-orders/)" "$COUNTRIES"
check "rows" "$(count_rows s3://demo-curated/paid-orders/)" "$PAID"

step "2. events_daily.yaml: zstd JSON Lines to Parquet (append) and the searches to a local CSV"
run events_daily.yaml
check "events appended" "$(field 'r["pipelines"][0]["destinations"][0]["rows"]')" "$EVENTS"
check "searches in the local CSV" "$(($(wc -l <"$DEMO_OUT/searches.csv") - 1))" "$SEARCHES"
show s3://demo-curated/events/
echo "\$ head -4 $DEMO_OUT/searches.csv"
head -4 "$DEMO_OUT/searches.csv"

step "2b. the next day's run of the events pipeline: nothing modified since, nothing appended"
SINCE=$(date -u -d '+1 minute' +%Y-%m-%dT%H:%M:%SZ) run events_daily.yaml --pipeline events
check "objects read" "$(field 'r["pipelines"][0]["objects_read"]')" 0
check "outcome" "$(field 'r["pipelines"][0]["destinations"][0]["outcome"]')" unchanged
check "rows in the dataset" "$(count_rows s3://demo-curated/events/)" "$EVENTS"

step "3. customers_export.yaml: Parquet to gzip JSON Lines, renamed and cast columns"
run customers_export.yaml
check "customers exported" "$(field 'r["pipelines"][0]["rows_out"]')" 500
show s3://demo-curated/exports/customers.jsonl.gz -o jsonl
step "3b. again: mode ignore finds the export and reads nothing"
run customers_export.yaml
check "outcome" "$(field 'r["pipelines"][0]["destinations"][0]["outcome"]')" skipped
check "GET requests" "$(field 'r["requests"].get("GetObject", 0)')" 0

step "4. The seed forms, as users write them"
"$S3C" cp -q "$WORK/lake/customers.csv" s3://my-bucket/data/file.csv
run seed_uri.yaml
check "seed_uri.yaml: rows" "$(count_rows s3://my-output-bucket/output/results.parquet)" 500
run seed_bucket_key.yaml
check "seed_bucket_key.yaml: rows" "$(count_rows s3://my-output-bucket/output/file.jsonl)" 500
show s3://my-output-bucket/output/file.jsonl
echo "\$ s3c run examples/seed_bucket_key.yaml   # again: mode error refuses to overwrite"
set +e
"$S3C" run "$EXAMPLES/seed_bucket_key.yaml" 2>"$WORK/err"
rc=$?
set -e
sed 's/^/  /' "$WORK/err"
check "exit code of the refused run" "$rc" 5
grep -q "already exists" "$WORK/err" || fail "the refusal does not say the target exists"

step "Examples finished: every check passed"
