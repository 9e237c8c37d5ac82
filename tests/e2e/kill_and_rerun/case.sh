# A dataset run killed (SIGKILL) (a) after its data files were written, while its commit record
# is in flight, and (b) after the record, while its _SUCCESS is in flight. hold_proxy (built
# from tests/support, found through $S3C_TEST_PROGRAMS) sits between s3c and RGW and holds the
# chosen PUT without forwarding it; once it says so, s3c is killed. After each kill readers see
# exactly one committed output, no record claims a missing file, and a re-run converges. The
# killed run (a)'s files are orphans younger than the garbage grace (one hour; no setting
# shortens it): re-runs keep them, unread; files a published record removed go at once.
need_hold_proxy || return
OUT=s3://$BUCKET/out/

# kill_when_held METHOD TARGET_PART INPUT: runs replace.yaml on INPUT through a hold_proxy that
# holds the first METHOD request whose target has TARGET_PART; kills s3c (-9) once it is held.
kill_when_held() {
  local method=$1 part=$2 input=$3 url="" held=""
  "$HOLD_PROXY" "$UPSTREAM_PORT" "$method" "$part" >"$WORK/proxy.out" 2>"$WORK/proxy.err" &
  local proxy=$!
  for _ in $(seq 100); do url=$(head -1 "$WORK/proxy.out"); [ -n "$url" ] && break; sleep 0.1; done
  INPUT=$input AWS_ENDPOINT_URL_S3=$url "$S3C" run "$CASE_DIR/replace.yaml" -q \
    >"$WORK/killed.out" 2>"$WORK/killed.err" &
  local run=$!
  for _ in $(seq 200); do
    if grep -q '^held ' "$WORK/proxy.out"; then held=1; break; fi
    kill -0 "$run" 2>/dev/null || break
    sleep 0.05
  done
  kill -9 "$run" 2>/dev/null
  wait "$run" 2>/dev/null  # 137 when killed; 2>/dev/null: no "Killed" notice
  local rc=$?
  kill -TERM "$proxy"
  wait "$proxy"
  expect_eq "the $method of $part is held" "$held" 1
  expect_eq "s3c was killed there (not finished)" "$rc" 137
  HELD_TARGET=$(sed -n 's/^held [A-Z]* //p' "$WORK/proxy.out")
}
# log_state: "live=N missing=M orphans=O last=SEQ" of $OUT (log_state.py), from its listing
# and every commit record.
log_state() {
  keys_under "$OUT" >"$WORK/keys"
  rm -rf "$WORK/records" && mkdir "$WORK/records"
  local k
  for k in $(grep '^_s3c/commits/' "$WORK/keys"); do
    "$S3C" cat "$OUT$k" >"$WORK/records/$(basename "$k")" || echo "cannot read $OUT$k"
  done
  python3 "$CASE_DIR/log_state.py" "$WORK/keys" $(ls "$WORK"/records/*.json | sort) 2>&1
}
# The sequence _SUCCESS names (one JSON object on one line, "sequence" its first number).
success_sequence() {
  "$S3C" cat "${OUT}_SUCCESS" | grep -oE '"sequence":[0-9]+' | cut -d: -f2
}

# rerun LABEL INPUT EXPECTED_CSV SEQUENCE: a whole run converges: it commits record SEQUENCE,
# readers see its rows, _SUCCESS names its record.
rerun() {
  INPUT=$2 run_pipeline 0 replace.yaml
  expect_eq "$1 the re-run commits record $4" \
    "$(report_field 'r["pipelines"][0]["destinations"][0]["commit_sequence"]')" "$4"
  expect_rows "$1 the re-run's rows" "$OUT" "$3"
  expect_eq "$1 _SUCCESS names record $4" "$(success_sequence)" "$4"
}

INPUT=first.csv run_pipeline 0 replace.yaml
expect_eq "first run: 3 files" "$(report_field 'r["pipelines"][0]["destinations"][0]["files"]')" 3
expect_rows "first run's rows" "$OUT" expected_first.csv

# (a) killed while its commit record is in flight: its 4 data files are written, unclaimed.
kill_when_held PUT _s3c/commits/ second.csv
expect_eq "(a) the held PUT is record 1" "$HELD_TARGET" "/$BUCKET/out/_s3c/commits/00000000000000000001.json"
expect_eq "(a) the log: the first run's 3 files, none missing, the killed run's 4 unclaimed" \
  "$(log_state)" "live=3 missing=0 orphans=4 last=0"
killed_run=$(grep -oE '"path":"[^"]+"' "$WORK/records/00000000000000000000.json" | cut -d'"' -f4 |
  grep -vxFf - "$WORK/keys" | grep -v '^_' | sed -E 's/^part-([0-9TZ]+-[0-9a-f]{12})-.*/\1/' | sort -u)
expect_eq "(a) the unclaimed files are one run's" "$(echo "$killed_run" | grep -cE '^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{12}$')" 1
expect_rows "(a) readers see the first run's rows only" "$OUT" expected_first.csv
expect_eq "(a) _SUCCESS still names record 0" "$(success_sequence)" 0
rerun "(a)" second.csv expected_second.csv 1
expect_eq "(a) after the re-run: its 4 files live, the first run's deleted, the killed run's kept (young)" \
  "$(log_state)" "live=4 missing=0 orphans=4 last=1"
expect_eq "(a) the 4 kept are the killed run's" "$(grep -c "^part-$killed_run-" "$WORK/keys")" 4

# (b) killed while its _SUCCESS is in flight: record 2 is published, its removes not done.
kill_when_held PUT _SUCCESS first.csv
expect_eq "(b) the held PUT is _SUCCESS" "$HELD_TARGET" "/$BUCKET/out/_SUCCESS"
expect_eq "(b) the log: record 2's 3 files live, none missing; 4 retired + 4 orphans present" \
  "$(log_state)" "live=3 missing=0 orphans=8 last=2"
expect_rows "(b) readers see the killed run's committed rows only" "$OUT" expected_first.csv
expect_eq "(b) _SUCCESS still names record 1" "$(success_sequence)" 1
rerun "(b)" first.csv expected_first.csv 3
expect_eq "(b) after the re-run: retired files deleted at once, (a)'s young orphans kept" \
  "$(log_state)" "live=3 missing=0 orphans=4 last=3"
