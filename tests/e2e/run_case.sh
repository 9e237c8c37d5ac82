#!/usr/bin/env bash
# One end-to-end case of tests/e2e: `bash run_case.sh S3C_BINARY RGW_ENV_FILE CASE_DIR`.
# A case folder holds pipeline files (*.yaml), an optional input/ folder (uploaded to
# s3://$BUCKET/in/ before the case runs, and copied to $WORK/in/ for local sources), expected
# outputs, and case.sh: the steps, sourced here, using the helpers below and tests/cli/lib.sh's
# checks. Pipeline files name their bucket, endpoint and local folder as ${BUCKET}, ${S3_ENDPOINT}
# and ${WORK}, interpolated by s3c from the environment the helpers set.
set -uo pipefail
CASE_DIR=$(cd "$3" && pwd)
. "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh" "$1" "$2"
export BUCKET WORK S3_ENDPOINT AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
echo "case $(basename "$CASE_DIR"), bucket $BUCKET"
"$S3C" mb -q "s3://$BUCKET" || { echo "cannot make bucket $BUCKET"; exit 1; }
if [ -d "$CASE_DIR/input" ]; then
  "$S3C" cp -q -r "$CASE_DIR/input/" "s3://$BUCKET/in/" || { echo "upload of input/ failed"; exit 1; }
  cp -r "$CASE_DIR/input" "$WORK/in"
fi

# run_pipeline WANT_RC FILE [s3c run options...]: runs `s3c run CASE/FILE --stats $WORK/stats.json
# --json` into $WORK/out (the JSON report) and $WORK/err; checks the exit code.
run_pipeline() {
  local want=$1 file=$2
  shift 2
  expect_rc "$want" "s3c run $file $*" -- "$S3C" run "$CASE_DIR/$file" --json \
    --stats "$WORK/stats.json" "$@"
}
# need_hold_proxy: sets HOLD_PROXY (tests/support's hold_proxy, found through
# $S3C_TEST_PROGRAMS, which ctest sets) and UPSTREAM_PORT (the RGW's); a failed check and false
# when the program is missing.
need_hold_proxy() {
  HOLD_PROXY=${S3C_TEST_PROGRAMS:-}/hold_proxy
  UPSTREAM_PORT=${S3_ENDPOINT##*:}
  [ -x "$HOLD_PROXY" ] && return 0
  bad "no hold_proxy program in \$S3C_TEST_PROGRAMS ('${S3C_TEST_PROGRAMS:-}'): run through ctest"
  return 1
}
# report_field PYTHON_EXPR: a value of the last run's JSON report ($WORK/out), e.g.
# 'r["pipelines"][0]["rows_out"]'.
report_field() {
  python3 -c 'import json,sys; r = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
    "$WORK/out" "$1" 2>&1
}
# expect_rows DESCRIPTION URI EXPECTED_CSV [s3c read options...]: the rows s3c reads at URI, as
# CSV with a header, sorted (header first), equal the case's file.
expect_rows() {
  local what=$1 uri=$2 expected=$CASE_DIR/$3
  shift 3
  if ! "$S3C" read -q -o csv "$uri" "$@" >"$WORK/rows.csv" 2>"$WORK/rows.err"; then
    bad "$what: s3c read $uri failed: $(head -3 "$WORK/rows.err")"
    return
  fi
  (head -1 "$WORK/rows.csv"; tail -n +2 "$WORK/rows.csv" | LC_ALL=C sort) >"$WORK/rows.sorted"
  if diff -u "$expected" "$WORK/rows.sorted" >"$WORK/rows.diff"; then ok "$what"; else
    bad "$what: rows differ"; head -20 "$WORK/rows.diff" | sed 's/^/     /'; fi
}
# keys_under PREFIX_URI: the keys below it, one per line, sorted, relative to it.
keys_under() {
  "$S3C" ls -q --recursive "$1" 2>/dev/null | awk '{print $NF}' | sed "s|^$1||" | LC_ALL=C sort
}
# expect_duckdb DESCRIPTION EXPECTED_FILE SQL...: runs each SQL in one in-memory DuckDB (the
# oracle of tests/oracle) and compares, per query, "columns: NAME TYPE, ..." and then each row's
# values joined by '|' (in the canonical text of tests/support/duckdb_oracle.h: use SQL that
# gives VARCHAR for readable values), or "error: MESSAGE", with the case's file. Without the
# oracle installed the check fails under S3C_REQUIRE_DUCKDB=1 (make test), else is skipped.
ORACLE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../oracle" && pwd)
expect_duckdb() {
  local what=$1 expected=$CASE_DIR/$2
  shift 2
  if ! command -v node >/dev/null || [ ! -d "$ORACLE_DIR/node_modules/@duckdb/node-api" ]; then
    if [ "${S3C_REQUIRE_DUCKDB:-}" = 1 ]; then
      bad "$what: DuckDB (node and $ORACLE_DIR/node_modules/@duckdb/node-api) is missing: run scripts/bootstrap"
    else
      echo "skip $what: DuckDB is not installed (scripts/bootstrap)"
    fi
    return
  fi
  python3 -c 'import json, sys; [print(json.dumps(sql)) for sql in sys.argv[1:]]' "$@" |
    node "$ORACLE_DIR/duckdb_rows.mjs" 2>&1 | python3 -c '
import json, sys
for line in sys.stdin:
    try:
        r = json.loads(line)
    except ValueError:
        print("not JSON: " + line.rstrip()); continue
    if not r["ok"]:
        print("error: " + r["error"]); continue
    print("columns: " + ", ".join(c["name"] + " " + c["type"] for c in r["columns"]))
    for row in r["rows"]:
        print("|".join("NULL" if v is None else str(v) for v in row))' >"$WORK/duckdb.txt"
  if diff -u "$expected" "$WORK/duckdb.txt" >"$WORK/duckdb.diff"; then ok "$what"; else
    bad "$what: DuckDB's answer differs"; head -20 "$WORK/duckdb.diff" | sed 's/^/     /'; fi
}

. "$CASE_DIR/case.sh"
"$S3C" rm -q -r "s3://$BUCKET/" >/dev/null 2>&1 || true
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
