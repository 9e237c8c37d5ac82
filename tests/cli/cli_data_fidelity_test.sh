#!/usr/bin/env bash
# End-to-end checks of what a read must not get wrong: the CSV dialect detected from the file
# (a semicolon file with quoted commas, doubled quotes and line breaks, local and on S3), NaN and
# infinities kept apart from NULL in JSON output (--json-non-finite), and Parquet text stored
# as unannotated binary by older writers (--binary-as-string, on the parquet-testing corpus).
# Usage: cli_data_fidelity_test.sh S3C_BINARY RGW_ENV_FILE
set -uo pipefail
. "$(dirname "$0")/lib.sh" "$@"

# --- CSV dialect detection ---
python3 - "$WORK/semi.csv" <<'PY'
import sys
with open(sys.argv[1], "w", newline="") as f:
    f.write("id;name;comment;amount\n")
    for i in range(1, 3001):
        if i % 7 == 0:
            c = '"line one, of %d\nline two"' % i
        elif i % 3 == 0:
            c = '"she said ""hi, %d"""' % i
        elif i > 5:
            c = '"a, b, %d"' % i
        else:
            c = "plain"
        f.write("%d;Smith, %d;%s;%d.5\n" % (i, i, c, i))
PY
expect_rc 0 "read a semicolon CSV without --delimiter" -- "$S3C" read --output jsonl "$WORK/semi.csv"
expect_eq "rows of the semicolon file" "$(wc -l < "$WORK/out")" 3000
expect_eq "row 7 (quoted line break)" "$(sed -n 7p "$WORK/out")" \
  '{"id":7,"name":"Smith, 7","comment":"line one, of 7\nline two","amount":7.5}'
expect_eq "row 9 (doubled quotes)" "$(sed -n 9p "$WORK/out")" \
  '{"id":9,"name":"Smith, 9","comment":"she said \"hi, 9\"","amount":9.5}'
expect_rc 5 "--delimiter , turns detection off (and the file then fails)" -- \
  "$S3C" read --delimiter , "$WORK/semi.csv"
expect_rc 0 "mb" -- "$S3C" mb "s3://$BUCKET"
"$S3C" cp -q "$WORK/semi.csv" "s3://$BUCKET/semi.csv"
expect_rc 0 "schema of the semicolon file on S3" -- "$S3C" schema "s3://$BUCKET/semi.csv"
expect_eq "detected columns" "$(cat "$WORK/out")" 'id: int64
name: string
comment: string
amount: double'
printf 'a,b;c\n1,2;3\n' > "$WORK/tie.csv"
expect_rc 2 "an undecidable file fails" -- "$S3C" read "$WORK/tie.csv"
grep -q "tie.csv.*--delimiter" "$WORK/err" && ok "the message names the file and suggests --delimiter" ||
  bad "undecided message: $(cat "$WORK/err")"
expect_rc 0 "--delimiter decides it" -- "$S3C" read --delimiter ';' --output csv "$WORK/tie.csv"
expect_eq "read with ;" "$(cat "$WORK/out")" '"a,b",c
"1,2",3'

# --- NaN and infinities in JSON output ---
printf '{"x":NaN}\n{"x":Infinity}\n{"x":-Infinity}\n{"x":null}\n{"x":1.5}\n' > "$WORK/nan.jsonl"
expect_rc 0 "read NaN tokens; write them back (default tokens)" -- \
  "$S3C" read --output jsonl "$WORK/nan.jsonl"
cmp -s "$WORK/out" "$WORK/nan.jsonl" && ok "tokens round trip, NULL stays null" ||
  bad "tokens: $(cat "$WORK/out")"
expect_rc 0 "--json-non-finite null" -- "$S3C" read --json-non-finite null --output jsonl "$WORK/nan.jsonl"
expect_eq "null style" "$(tr '\n' ' ' < "$WORK/out")" '{"x":null} {"x":null} {"x":null} {"x":null} {"x":1.5} '
expect_rc 0 "--json-non-finite strings" -- \
  "$S3C" read --json-non-finite strings --output json "$WORK/nan.jsonl"
python3 - "$WORK/out" <<'PY' && ok "strings style is strict JSON" || bad "strings: $(cat "$WORK/out")"
import json, sys
rows = json.loads(open(sys.argv[1]).read())  # strict: Python accepts NaN, so check the values
assert [r["x"] for r in rows] == ["NaN", "Infinity", "-Infinity", None, 1.5], rows
PY
expect_rc 2 "--json-non-finite rejects other values" -- \
  "$S3C" read --json-non-finite zero --output jsonl "$WORK/nan.jsonl"
expect_rc 0 "convert jsonl -> parquet -> json keeps NaN" -- \
  "$S3C" convert "$WORK/nan.jsonl" "$WORK/nan.parquet"
expect_rc 0 "convert parquet -> jsonl" -- "$S3C" convert "$WORK/nan.parquet" "$WORK/back.jsonl"
cmp -s "$WORK/back.jsonl" "$WORK/nan.jsonl" && ok "NaN survives Parquet" || bad "parquet: $(cat "$WORK/back.jsonl")"
expect_rc 0 "convert --json-non-finite strings" -- \
  "$S3C" convert --json-non-finite strings "$WORK/nan.parquet" "$WORK/s.jsonl"
expect_eq "convert strings" "$(head -1 "$WORK/s.jsonl")" '{"x":"NaN"}'

# --- Parquet text without a string annotation (corpus: alltypes_plain, written by Impala) ---
corpus="$(cd "$(dirname "$0")/../../.." && pwd)/shared/corpora/parquet-testing/data"
if [ ! -f "$corpus/alltypes_plain.parquet" ]; then
  if [ "${S3C_REQUIRE_CORPORA:-}" = 1 ]; then bad "parquet-testing corpus missing: $corpus"; else
    echo "skip: parquet-testing corpus not found at $corpus"; fi
else
  expect_rc 0 "legacy binary strings are base64 by default" -- "$S3C" read --output jsonl \
    --columns id,string_col --limit 2 "$corpus/alltypes_plain.parquet"
  expect_eq "base64" "$(cat "$WORK/out")" '{"id":4,"string_col":"MA=="}
{"id":5,"string_col":"MQ=="}'
  expect_rc 0 "--binary-as-string" -- "$S3C" read --binary-as-string --output jsonl \
    --columns id,string_col --limit 2 "$corpus/alltypes_plain.parquet"
  expect_eq "as text" "$(cat "$WORK/out")" '{"id":4,"string_col":"0"}
{"id":5,"string_col":"1"}'
  expect_rc 0 "schema --binary-as-string" -- "$S3C" schema --binary-as-string "$corpus/alltypes_plain.parquet"
  grep -q '^string_col: string$' "$WORK/out" && ok "schema shows string" || bad "schema: $(cat "$WORK/out")"
fi

expect_rc 0 "cleanup" -- "$S3C" rm -q --recursive "s3://$BUCKET/"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
