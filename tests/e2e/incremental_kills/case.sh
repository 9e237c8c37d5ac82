# Exactly once with the key strategy when runs die or race (hold_proxy holds one request):
#  (a) a run killed after its commit, while its state save is in flight: the re-run adopts
#      the state from the commit record and loads nothing twice;
#  (b) a run killed while its commit record is in flight: nothing was published, the re-run
#      loads the same objects, once;
#  (c) two runs from one state object: the first is held at its commit record while the second
#      runs whole; released, the first finds the second's record, deletes its files, publishes
#      nothing and fails with exit 5 (FailedPrecondition).
# After each step the destination holds every id once; the key strategy lists from start-after.
need_hold_proxy || return
OUT=s3://$BUCKET/out/
STATE_KEY=state/logs_to_lake/logs--lake.json

put_rows() {  # put_rows NAME FIRST COUNT: in/NAME, a CSV of ids FIRST..FIRST+COUNT-1
  python3 -c 'import sys; f, n = int(sys.argv[1]), int(sys.argv[2]); print("id,name"); [print(f"{i},row{i}") for i in range(f, f + n)]' \
    "$2" "$3" >"$WORK/$1"
  "$S3C" cp -q "$WORK/$1" "s3://$BUCKET/in/$1" || bad "upload of $1 failed"
}
loaded_ids() {
  "$S3C" read -q -o csv "$OUT" 2>&1 | tail -n +2 | cut -d, -f1 | sort -n | paste -sd, -
}
field() { report_field "r[\"pipelines\"][0][\"$1\"]"; }
state_sequence() {
  "$S3C" cat "s3://$BUCKET/$STATE_KEY" 2>/dev/null |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["sequence"])' 2>&1
}

# start_held METHOD TARGET_PART: a hold_proxy holding the first such request, and `s3c run`
# through it in the background ($PROXY, $RUN, $WORK/held.out).
start_held() {
  local url=""
  "$HOLD_PROXY" "$UPSTREAM_PORT" "$1" "$2" >"$WORK/proxy.out" 2>"$WORK/proxy.err" &
  PROXY=$!
  for _ in $(seq 100); do url=$(head -1 "$WORK/proxy.out"); [ -n "$url" ] && break; sleep 0.1; done
  AWS_ENDPOINT_URL_S3=$url "$S3C" run "$CASE_DIR/logs.yaml" --json >"$WORK/held.out" 2>"$WORK/held.err" &
  RUN=$!
  HELD=""
  for _ in $(seq 300); do
    if grep -q '^held ' "$WORK/proxy.out"; then HELD=1; break; fi
    kill -0 "$RUN" 2>/dev/null || break
    sleep 0.05
  done
  expect_eq "the $1 of $2 is held" "$HELD" 1
}
kill_held() {
  kill -9 "$RUN" 2>/dev/null
  wait "$RUN" 2>/dev/null
  expect_eq "s3c was killed while held" "$?" 137
  kill -TERM "$PROXY"
  wait "$PROXY"
}

put_rows 2024-01-01.csv 1 2
put_rows 2024-01-02.csv 3 2
run_pipeline 0 logs.yaml
expect_eq "run 1 ids" "$(loaded_ids)" "1,2,3,4"
expect_eq "run 1 state sequence" "$(state_sequence)" 1

# (a) killed while the state save is in flight: the commit (record 1) is published.
put_rows 2024-01-03.csv 5 2
start_held PUT "$STATE_KEY"
kill_held
expect_eq "(a) the commit was published before the kill" "$(loaded_ids)" "1,2,3,4,5,6"
expect_eq "(a) the stored state is still sequence 1" "$(state_sequence)" 1
put_rows 2024-01-04.csv 7 1
"$S3C" plan -q --json "$CASE_DIR/logs.yaml" >"$WORK/plan.json" 2>"$WORK/plan.err" ||
  bad "s3c plan failed: $(head -3 "$WORK/plan.err")"
# The plan, from the record's state: 1 object; the state's GET, the records' LIST, the newest
# record's GET and the GET of the state document it names; one LIST from start-after; one GET.
# The run then sends the same for its source; its commit then lists the log and reads its 2
# records (append: back to the first).
expect_eq "(a) the plan, from the record's state: objects, state GET/LIST, listing LIST, reads GET" \
  "$(python3 -c 'import json,sys
s = json.load(open(sys.argv[1]))["pipelines"][0]["source"]
print(s["objects"], s["state"].get("GetObject"), s["state"].get("ListObjectsV2"), s["listing"].get("ListObjectsV2"), s["reads"].get("GetObject"))' "$WORK/plan.json" 2>&1)" "1 3 1 1 1"
run_pipeline 0 logs.yaml
expect_eq "(a) the run's GETs: the plan's 4 (state 3 + 1 object) + the commit's 2 records" \
  "$(report_field 'r["requests"]["GetObject"]')" 6
expect_eq "(a) the re-run reads only the new object" "$(field objects_read)" 1
expect_eq "(a) it adopted state 2 from the commit record" \
  "$(report_field '"adopted state 2 from the destination" in r["pipelines"][0]["incremental"]')" True
expect_eq "(a) ids once" "$(loaded_ids)" "1,2,3,4,5,6,7"
expect_eq "(a) state sequence 3 stored" "$(state_sequence)" 3
expect_eq "(a) the listing starts after the kept keys: 1 LIST of the source" \
  "$(report_field 'r["requests"]["ListObjectsV2"]')" 4

# (b) killed while the commit record is in flight: nothing published, the re-run loads it once.
put_rows 2024-01-05.csv 8 2
start_held PUT _s3c/commits/
kill_held
expect_eq "(b) nothing was published" "$(loaded_ids)" "1,2,3,4,5,6,7"
run_pipeline 0 logs.yaml
expect_eq "(b) the re-run reads the object again" "$(field objects_read)" 1
expect_eq "(b) ids once" "$(loaded_ids)" "1,2,3,4,5,6,7,8,9"
expect_eq "(b) state sequence 4" "$(state_sequence)" 4

# (c) two runs from one state: the first held at its commit record, the second runs whole.
put_rows 2024-01-06.csv 10 1
start_held PUT _s3c/commits/
run_pipeline 0 logs.yaml
expect_eq "(c) the second run reads the new object" "$(field objects_read)" 1
kill -USR1 "$PROXY"
wait "$RUN"
rc=$?
kill -TERM "$PROXY"
wait "$PROXY"
expect_eq "(c) the released first run fails (exit 5)" "$rc" 5
expect_eq "(c) and says why" \
  "$(grep -c 'another run of logs_to_lake/logs/lake committed incremental state 5' "$WORK/held.err")" 1
expect_eq "(c) ids once" "$(loaded_ids)" "1,2,3,4,5,6,7,8,9,10"
expect_eq "(c) state sequence 5 (the winner's)" "$(state_sequence)" 5
# The loser deleted its data file: out/ holds the 5 committed runs' files (one each) and the
# file of the run killed in (b) (unclaimed, younger than the garbage grace), no more.
expect_eq "(c) data files under out/: 5 committed + 1 orphan of (b)" \
  "$("$S3C" ls -q --recursive "$OUT" | awk '{print $NF}' | grep -c '\.csv$')" 6
