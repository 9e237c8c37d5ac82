#!/usr/bin/env bash
# End-to-end tests of `s3c read`, `s3c schema` and `s3c convert` on local files
# and on the loopback RGW server: outputs, projection, globs with schema drift, compression,
# Parquet round trips, bad-record policies and their exit codes, and that a failed convert
# publishes nothing.
# Usage: cli_data_test.sh S3C_BINARY RGW_ENV_FILE
set -uo pipefail
. "$(dirname "$0")/lib.sh" "$@"

cat > "$WORK/people.csv" <<'CSV'
id,name,score,joined
1,Ann,3.5,2024-01-31
2,"Bob, Jr.",,2023-12-01
3,"multi
line",-7,1969-07-20
CSV
gzip -c "$WORK/people.csv" > "$WORK/people.csv.gz"

expect_rc 0 "read a local CSV as CSV" -- "$S3C" read --output csv "$WORK/people.csv"
if cmp -s "$WORK/out" "$WORK/people.csv"; then ok "read --output csv reproduces the file"; else
  bad "read --output csv differs"; diff "$WORK/people.csv" "$WORK/out" | head; fi
expect_rc 0 "read gzip, projection and limit" -- \
  "$S3C" read --output jsonl --columns name,id --limit 2 "$WORK/people.csv.gz"
expect_eq "projected JSON lines" "$(cat "$WORK/out")" '{"name":"Ann","id":1}
{"name":"Bob, Jr.","id":2}'
expect_rc 0 "read as a table" -- "$S3C" read "$WORK/people.csv"
grep -q '^id    | name' "$WORK/out" && grep -q 'NULL' "$WORK/out" && ok "table has header and NULL" || {
  bad "table output"; cat "$WORK/out"; }
expect_rc 2 "unknown column is a usage error" -- "$S3C" read --columns nope "$WORK/people.csv"
grep -q "no column 'nope' (columns: id, name, score, joined)" "$WORK/err" && ok "names the columns" || bad "unknown column message: $(cat "$WORK/err")"

printf 'a,b\nNA,1\nx,-\n' > "$WORK/nulls.csv"
expect_rc 0 "--null is repeatable and stops at one value" -- \
  "$S3C" read --null NA --null - --output jsonl "$WORK/nulls.csv"
expect_eq "null strings" "$(cat "$WORK/out")" '{"a":null,"b":1}
{"a":"x","b":null}'

expect_rc 0 "schema of a local CSV" -- "$S3C" schema "$WORK/people.csv"
expect_eq "schema" "$(cat "$WORK/out")" 'id: int64
name: string
score: double
joined: date32[day]'

expect_rc 0 "mb" -- "$S3C" mb "s3://$BUCKET"
printf 'id,v\n1,10\n2,20\n' > "$WORK/p1.csv"
printf 'id,v,tag\n3,2.5,x\n' > "$WORK/p2.csv"
printf '{"id": 4, "v": 1}\n' > "$WORK/p3.jsonl"
for f in p1.csv p2.csv p3.jsonl; do "$S3C" cp -q "$WORK/$f" "s3://$BUCKET/t/$f"; done
"$S3C" cp -q "$WORK/p1.csv" "s3://$BUCKET/t/_SUCCESS"

expect_rc 0 "schema of a prefix with drift" -- "$S3C" schema --json "s3://$BUCKET/t/"
python3 - "$WORK/out" <<'PY' && ok "schema --json: union and drift" || bad "schema --json: $(cat "$WORK/out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert [c["name"] + ":" + c["type"] for c in d["columns"]] == ["id:int64", "v:double", "tag:string"], d
assert len(d["files"]) == 3, d  # _SUCCESS is skipped under a prefix
changes = [(x["column"], x["change"]) for x in d["drift"]]
assert ("v", "widened") in changes and ("tag", "added") in changes, changes
PY
expect_rc 0 "read a glob" -- "$S3C" read --output jsonl "s3://$BUCKET/t/*.csv"
expect_eq "glob rows" "$(cat "$WORK/out")" '{"id":1,"v":10.0,"tag":null}
{"id":2,"v":20.0,"tag":null}
{"id":3,"v":2.5,"tag":"x"}'
grep -q "3 rows from 2 of 2 object(s)" "$WORK/err" && ok "run report on stderr" || bad "report: $(cat "$WORK/err")"

# CSV.gz -> Parquet on S3 -> CSV round trip.
expect_rc 0 "convert csv.gz to parquet on S3" -- \
  "$S3C" convert "$WORK/people.csv.gz" "s3://$BUCKET/people.parquet"
expect_rc 0 "convert parquet back to csv" -- \
  "$S3C" convert "s3://$BUCKET/people.parquet" "$WORK/back.csv"
cmp -s "$WORK/back.csv" "$WORK/people.csv" && ok "csv -> parquet -> csv is identical" || {
  bad "round trip differs"; diff "$WORK/people.csv" "$WORK/back.csv" | head; }
expect_rc 0 "schema --verbose of parquet" -- "$S3C" schema --verbose "s3://$BUCKET/people.parquet"
grep -qi "row group" "$WORK/out" && ok "verbose schema shows row groups" || bad "verbose: $(head -5 "$WORK/out")"
expect_rc 0 "convert to jsonl.zst" -- "$S3C" convert "s3://$BUCKET/people.parquet" "$WORK/people.jsonl.zst"
expect_rc 0 "read jsonl.zst" -- "$S3C" read --output csv "$WORK/people.jsonl.zst"
cmp -s "$WORK/out" "$WORK/people.csv" && ok "jsonl.zst reads back the same rows" || bad "jsonl.zst rows"

# Bad records: fail (exit 5, object/line/offset named), skip, quarantine.
printf 'id,n\n1,5\n2,oops\n3,7\n' > "$WORK/bad.csv"
expect_rc 5 "a bad value fails the read" -- "$S3C" read --types 'n:int64' "$WORK/bad.csv"
grep -q "bad.csv:3" "$WORK/err" && ok "error names the file and line" || bad "bad value message: $(cat "$WORK/err")"
expect_rc 0 "skip bad records" -- "$S3C" read --types 'n:int64' --bad-records skip --output csv "$WORK/bad.csv"
expect_eq "skipped rows" "$(cat "$WORK/out")" 'id,n
1,5
3,7'
grep -q "2 rows from 1 of 1 object(s), 1 rejected" "$WORK/err" && ok "rejections reported" || bad "skip report: $(cat "$WORK/err")"
expect_rc 0 "quarantine bad records" -- "$S3C" read --types 'n:int64' --bad-records quarantine \
  --quarantine "s3://$BUCKET/q/rejects.jsonl" --output csv "$WORK/bad.csv"
"$S3C" cat "s3://$BUCKET/q/rejects.jsonl" > "$WORK/q.jsonl"
python3 - "$WORK/q.jsonl" <<'PY' && ok "quarantine holds the record with line, offset and raw text" || bad "quarantine: $(cat "$WORK/q.jsonl")"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 1 and rows[0]["line"] == 3 and rows[0]["byte_offset"] == 9, rows
assert rows[0]["raw"].startswith("2,oops") and rows[0]["object"].endswith("bad.csv"), rows
PY
expect_rc 5 "convert with a bad record fails" -- \
  "$S3C" convert --types 'n:int64' "$WORK/bad.csv" "s3://$BUCKET/never.parquet"
expect_rc 3 "and publishes nothing" -- "$S3C" stat "s3://$BUCKET/never.parquet"

expect_rc 0 "cleanup" -- "$S3C" rm -q --recursive "s3://$BUCKET/"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
