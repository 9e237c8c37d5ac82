# `s3c plan` against the real run: for CSV (with a 3.5 MiB object read in ramping ranges), gzip
# CSV, JSON Lines, a Hive lake pruned by its partition key, and Parquet (small objects, which the
# run reads whole in one GET each: projected, with a filter on a partition column and on a file
# column; one of 2.4 MB filtered on a file column, with pages and with every row group skipped), the plan's
# listing and read requests per operation equal the run's, and the bytes its reads fetch equal
# the run's bytes downloaded less the listing's. max_requests and max_cost_usd stop a run after
# its listing, before any GET, and a run within them lists once. A committed prefix whose log
# has a checkpoint: the plan counts its GET as the run sends it.
GEN=$WORK/gen
mkdir -p "$GEN/csv" "$GEN/gz" "$GEN/jsonl"
python3 - "$GEN" <<'PY'
import gzip, os, sys
gen = sys.argv[1]
def rows(first, n):
    return "".join(f"{i},{i * 1.5},name-{i:08d}\n" for i in range(first, first + n))
for name, first, n in (("a", 0, 20), ("b", 20, 30), ("big", 1000, 130000)):
    open(f"{gen}/csv/{name}.csv", "w").write("id,amount,name\n" + rows(first, n))
for name, first in (("a", 0), ("b", 100)):
    with gzip.open(f"{gen}/gz/{name}.csv.gz", "wt") as f:
        f.write("id,amount,name\n" + rows(first, 50))
for name, first in (("a", 0), ("b", 10), ("c", 20)):
    open(f"{gen}/jsonl/{name}.jsonl", "w").write(
        "".join(f'{{"id": {i}, "amount": {i * 2}}}\n' for i in range(first, first + 10)))
for day in range(1, 5):
    os.makedirs(f"{gen}/lake/dt=2024-03-0{day}")
    open(f"{gen}/lake/dt=2024-03-0{day}/part.csv", "w").write(
        "id,amount\n" + "".join(f"{day * 100 + i},{i}\n" for i in range(30)))
PY
expect_eq "the big CSV is over 3 MiB" "$(python3 -c 'import os,sys; print(os.path.getsize(sys.argv[1]) > 3 << 20)' "$GEN/csv/big.csv")" True
"$S3C" cp -q -r "$GEN/" "s3://$BUCKET/in/" || bad "upload of the generated input failed"

# same_as_plan PIPELINE DESCRIPTION: plans, then runs, the pipeline; checks the plan's figures
# against the run's report.
same_as_plan() {
  expect_rc 0 "s3c plan --pipeline $1 --json" -- "$S3C" plan "$CASE_DIR/plan.yaml" --pipeline "$1" --json
  cp "$WORK/out" "$WORK/plan.json"
  run_pipeline 0 plan.yaml --pipeline "$1"
  expect_eq "$2" "$(python3 - "$WORK/plan.json" "$WORK/out" <<'PY'
import json, sys
plan, run = (json.load(open(p)) for p in sys.argv[1:3])
s = plan["pipelines"][0]["source"]
want = dict(s["listing"])
for op, n in s["reads"].items():
    want[op] = want.get(op, 0) + n
listing_bytes = plan["plan_bytes"] - s["plan_only_bytes"]
problems = []
if want != run["requests"]:
    problems.append(f"requests: plan {want}, run {run['requests']}")
if run["bytes_downloaded"] != listing_bytes + s["read_bytes"]:
    problems.append(f"bytes: plan {listing_bytes} + {s['read_bytes']}, run {run['bytes_downloaded']}")
if s["objects"] != run["pipelines"][0]["objects_read"]:
    problems.append(f"objects: plan {s['objects']}, run {run['pipelines'][0]['objects_read']}")
if s["requests"] != sum(want.values()):
    problems.append("the source's requests are not its listing and reads")
print("; ".join(problems) or "same")
PY
)" same
}

same_as_plan csv "csv: plan = run"
expect_eq "csv: the big object is 3 ranged GETs, the others 1" \
  "$(python3 -c 'import json; print(json.load(open("'"$WORK"'/plan.json"))["pipelines"][0]["source"]["reads"])')" \
  "{'GetObject': 5}"
same_as_plan gz "gz: plan = run"
same_as_plan jsonl "jsonl: plan = run"
same_as_plan lake "lake pruned to two days: plan = run"
expect_eq "lake: two objects planned" \
  "$(python3 -c 'import json; print(json.load(open("'"$WORK"'/plan.json"))["pipelines"][0]["source"]["objects"])')" 2
run_pipeline 0 plan.yaml --pipeline make_parquet
same_as_plan parquet "parquet, projected: plan = run"
python3 - "$WORK/plan.json" >"$WORK/pq_facts" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
s = plan["pipelines"][0]["source"]
print(s["objects"] > 1, s["plan_only"].get("GetObject", 0), s["reads"].get("GetObject", 0) == s["objects"],
      s["read_bytes"] == s["object_bytes"], s["exact"], plan["pipelines"][0]["usd"] > 0)
PY
# Objects of at most 1 MiB: the run reads each whole in one GET, so the plan opens none.
expect_eq "parquet: several files, no GET sent by the plan, one GET of each whole by the run, exact, priced" \
  "$(cat "$WORK/pq_facts")" "True 0 True True True True"
same_as_plan parquet_by_day "parquet filtered on a partition: plan = run"
same_as_plan parquet_by_id "parquet filtered on a file column, objects read whole: plan = run"

# The limits: the listing, then nothing.
run_pipeline 5 plan.yaml --pipeline capped
expect_grep "max_requests: the message" \
  "pipeline capped: source capped: the plan makes 6 requests; max_requests is 5: nothing was read" "$WORK/err"
expect_eq "max_requests: listed, no GET" \
  "$(report_field '[r["requests"].get(k, 0) for k in ("ListObjectsV2", "GetObject")]')" "[1, 0]"
run_pipeline 5 plan.yaml --pipeline priced
expect_grep "max_cost_usd: the message" \
  'pipeline priced: source priced: the plan costs \$0\.000007; max_cost_usd is 0\.000002: nothing was read' "$WORK/err"
expect_eq "max_cost_usd: listed, no GET" \
  "$(report_field '[r["requests"].get(k, 0) for k in ("ListObjectsV2", "GetObject")]')" "[1, 0]"
# Within both limits: judged on the run's own listing, which is sent once.
run_pipeline 0 plan.yaml --pipeline within
expect_eq "within the limits: one LIST, the 5 GETs" \
  "$(report_field '[r["requests"].get(k, 0) for k in ("ListObjectsV2", "GetObject")]')" "[1, 5]"

# A filter on a column of a Parquet object over 1 MiB: the plan reads its footer, whose 64 KiB
# read holds the page index too (one GET of its own), and counts only the pages the run
# fetches: the last rows' pages of each column (ids ascend) and their dictionary pages, merged
# across the skipped ones closer than merge_gap as the reader merges them; exact.
run_pipeline 0 plan.yaml --pipeline make_big_parquet
same_as_plan big_parquet_by_id "parquet over 1 MiB filtered on a file column, pages skipped: plan = run"
expect_eq "parquet over 1 MiB, pages skipped: exact, the footer's GET by the plan" \
  "$(python3 -c 'import json; s = json.load(open("'"$WORK"'/plan.json"))["pipelines"][0]["source"]; print(s["exact"], s["object_bytes"] > 1 << 20, s["plan_only"].get("GetObject", 0))')" \
  "True True 1"
# A filter no row group can match: the footer alone, for the plan and for the run.
same_as_plan big_parquet_none "parquet over 1 MiB, every row group ruled out: plan = run"
expect_eq "every row group ruled out: the run's one GET is the footer's" \
  "$(python3 -c 'import json; s = json.load(open("'"$WORK"'/plan.json"))["pipelines"][0]["source"]; print(s["exact"], s["reads"], s["plan_only"])')" \
  "True {'GetObject': 1} {'GetObject': 1}"

# A committed prefix of 102 appends: the commit of record 100 wrote the log's checkpoint, so
# the listing reads it and record 101 only (2 GETs, not 102), in the plan as in the run.
for i in $(seq 0 101); do
  "$S3C" run "$CASE_DIR/plan.yaml" --pipeline append_log >/dev/null 2>"$WORK/err" ||
    { bad "append_log run $i failed: $(cat "$WORK/err")"; break; }
done
expect_eq "log: records 0..101 and the checkpoint of 100" \
  "$("$S3C" ls "s3://$BUCKET/log/_s3c/commits/" | grep -c 'checkpoint')" 1
same_as_plan log "committed prefix with a checkpoint: plan = run"
expect_eq "log: the listing's LIST and GETs (the checkpoint and record 101), 102 data files" \
  "$(python3 -c 'import json, sys; s = json.load(open(sys.argv[1]))["pipelines"][0]["source"]; print(sorted(s["listing"].items()), s["objects"])' "$WORK/plan.json")" \
  "[('GetObject', 2), ('ListObjectsV2', 1)] 102"
