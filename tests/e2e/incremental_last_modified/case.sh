# The last_modified strategy against RGW: objects added between runs, nothing new, an object
# overwritten, a multipart upload started before a run and completed after it, and an object
# whose LastModified is older than the watermark (inside the lookback window: loaded; before
# it: not). After every run each row version is in the destination exactly once, and the LIST
# and GET requests are exactly those the run needs. State: s3://$BUCKET/state/.
OUT=s3://$BUCKET/out/
S3UTIL=$(dirname "${BASH_SOURCE[0]}")/../support/s3util.py
[ -f "$S3UTIL" ] || S3UTIL=$CASE_DIR/../../support/s3util.py

# put_rows NAME FIRST COUNT: uploads in/NAME, a CSV of ids FIRST..FIRST+COUNT-1.
put_rows() {
  python3 -c 'import sys; f, n = int(sys.argv[1]), int(sys.argv[2]); print("id,name"); [print(f"{i},row{i}") for i in range(f, f + n)]' \
    "$2" "$3" >"$WORK/$1"
  "$S3C" cp -q "$WORK/$1" "s3://$BUCKET/in/$1" || bad "upload of $1 failed"
}
# loaded_ids: the ids in the destination (what readers of its commit records see), sorted.
loaded_ids() {
  "$S3C" read -q -o csv "$OUT" 2>&1 | tail -n +2 | cut -d, -f1 | sort -n | paste -sd, -
}
requests() {  # requests OPERATION: how many the last run sent
  report_field "r[\"requests\"].get(\"$1\", 0)"
}
field() { report_field "r[\"pipelines\"][0][\"$1\"]"; }

# 1. The first run: two objects. Requests: state GET (404), commit records LIST (none),
# ListMultipartUploads, source LIST, 2 data GETs; the commit's LIST of its log and, the log
# being empty, of the root's legacy content; the garbage collection's LIST (and its
# ListMultipartUploads).
put_rows a.csv 1 2
put_rows b.csv 3 2
run_pipeline 0 drops.yaml
expect_eq "run 1 reads 2 objects" "$(field objects_read)" 2
expect_eq "run 1 ids" "$(loaded_ids)" "1,2,3,4"
expect_eq "run 1 GETs: state + 2 objects" "$(requests GetObject)" 3
expect_eq "run 1 LISTs: records, source, commit log, legacy content, garbage" "$(requests ListObjectsV2)" 5
expect_eq "run 1 lists uploads in progress (source, garbage)" "$(requests ListMultipartUploads)" 2

# 2. One new object: only it is read. The plan says so first: the state's GET, the records'
# LIST and the newest record's GET, the uploads in progress, the source's LIST and one GET.
put_rows c.csv 5 2
"$S3C" plan -q --json "$CASE_DIR/drops.yaml" >"$WORK/plan.json" 2>"$WORK/plan.err" ||
  bad "s3c plan failed: $(head -3 "$WORK/plan.err")"
plan_source() {
  python3 -c 'import json,sys; s = json.load(open(sys.argv[1]))["pipelines"][0]["source"]; print(eval(sys.argv[2]))' \
    "$WORK/plan.json" "$1" 2>&1
}
expect_eq "plan: 1 object to read" "$(plan_source 's["objects"]')" 1
expect_eq "plan: state GET 2, LIST 1" \
  "$(plan_source 's["state"].get("GetObject", 0), s["state"].get("ListObjectsV2", 0)')" "(2, 1)"
expect_eq "plan: listing = ListMultipartUploads 1 + LIST 1; reads = GET 1" \
  "$(plan_source 's["listing"].get("ListMultipartUploads"), s["listing"].get("ListObjectsV2"), s["reads"].get("GetObject")')" \
  "(1, 1, 1)"
run_pipeline 0 drops.yaml
expect_eq "run 2 reads 1 object" "$(field objects_read)" 1
expect_eq "run 2 ids" "$(loaded_ids)" "1,2,3,4,5,6"
expect_eq "run 2 GETs: state, newest record (for its state), c.csv, commit log's record" \
  "$(requests GetObject)" 4
expect_eq "run 2 LISTs: records, source, commit log, garbage" "$(requests ListObjectsV2)" 4

# 3. Nothing new: nothing read or written, the state not rewritten.
run_pipeline 0 drops.yaml
expect_eq "run 3 reads nothing" "$(field objects_read)" 0
expect_eq "run 3 outcome" "$(report_field 'r["pipelines"][0]["destinations"][0]["outcome"]')" unchanged
expect_eq "run 3 GETs: state, newest record" "$(requests GetObject)" 2
expect_eq "run 3 LISTs: records, source" "$(requests ListObjectsV2)" 2
expect_eq "run 3 PUTs none" "$(requests PutObject)" 0

# 4. b.csv overwritten with new rows: its new version is loaded (on_overwrite: reload).
put_rows b.csv 30 2
run_pipeline 0 drops.yaml
expect_eq "run 4 reads the rewritten object" "$(field objects_read)" 1
expect_eq "run 4 ids" "$(loaded_ids)" "1,2,3,4,5,6,30,31"

# 5. A multipart upload started before a run and completed after it: S3 stamps the object
# with the upload's start, before that run's newest object. The run that saw the upload in
# progress keeps its watermark at or below the upload's start, so the next run loads it.
upload_id=$(python3 "$S3UTIL" mpu-start "$BUCKET" in/m.csv)
[ -n "$upload_id" ] || bad "no multipart upload started"
sleep 2
put_rows d.csv 40 1
run_pipeline 0 drops.yaml
expect_eq "run 5 reads d.csv (m.csv is not complete)" "$(field objects_read)" 1
# The watermark stays at the upload's start, before d.csv's LastModified (RGW, unlike S3,
# stamps the completed object with its completion time; S3's stamp is what this guards).
"$S3C" state show -q --json "$CASE_DIR/drops.yaml" >"$WORK/state.json" 2>"$WORK/state.err"
d_modified=$("$S3C" ls -q --json "s3://$BUCKET/in/d.csv" 2>&1 | python3 -c 'import json,sys; print([json.loads(l) for l in sys.stdin][0]["last_modified"])' 2>&1)
expect_eq "run 5's watermark is held below d.csv's time by the upload in progress" \
  "$(python3 -c 'import json,sys; w = json.load(open(sys.argv[1]))[0]["state"]["watermark"]; print(w < sys.argv[2])' "$WORK/state.json" "$d_modified" 2>&1)" True
python3 -c 'print("id,name"); print("50,row50"); print("51,row51")' >"$WORK/m.csv"
python3 "$S3UTIL" mpu-finish "$BUCKET" in/m.csv "$upload_id" "$WORK/m.csv" || bad "multipart completion failed"
run_pipeline 0 drops.yaml
expect_eq "run 6 reads the completed upload" "$(field objects_read)" 1
expect_eq "run 6 ids" "$(loaded_ids)" "1,2,3,4,5,6,30,31,40,50,51"

# 6. Objects that appear with a LastModified older than the watermark: set the watermark ahead
# of the server's clock (as a slow, late writer would leave it). Inside the lookback: loaded.
"$S3C" state set -q "$CASE_DIR/drops.yaml" "watermark=$(date -u -d '+10 min' +%Y-%m-%dT%H:%M:%SZ)" \
  >"$WORK/set.out" 2>&1 || bad "state set failed: $(cat "$WORK/set.out")"
put_rows e.csv 60 1
run_pipeline 0 drops.yaml
expect_eq "run 7 loads an object 10 min older than the watermark (lookback 1h)" "$(field objects_read)" 1
# Before the lookback window: summarized by the watermark, not loaded (the limit lookback sets).
"$S3C" state set -q "$CASE_DIR/drops.yaml" "watermark=$(date -u -d '+2 hours' +%Y-%m-%dT%H:%M:%SZ)" \
  >"$WORK/set.out" 2>&1 || bad "state set failed: $(cat "$WORK/set.out")"
put_rows f.csv 70 1
run_pipeline 0 drops.yaml
expect_eq "run 8 does not load an object older than watermark - lookback" "$(field objects_read)" 0
expect_eq "final ids: every row version once" "$(loaded_ids)" "1,2,3,4,5,6,30,31,40,50,51,60"

# The state as `s3c state show --json` tells it.
"$S3C" state show -q --json "$CASE_DIR/drops.yaml" >"$WORK/state.json" 2>"$WORK/state.err" ||
  bad "state show failed: $(cat "$WORK/state.err")"
expect_eq "state show: strategy and a stored sequence" \
  "$(python3 -c 'import json,sys; v = json.load(open(sys.argv[1]))[0]; print(v["strategy"], v["stored_sequence"] > 0, v["state"]["conditional_writes_checked"])' "$WORK/state.json" 2>&1)" \
  "last_modified True True"
