#!/usr/bin/env bash
# The data options of `s3c read` / `schema` (docs/cli.md "Data options") on small local files,
# each checked by the rows or schema it gives: the CSV/TSV dialect, text and JSON options,
# schema options and inference budgets, and the bad-record policies with their limits.
# Usage: cli_data_options_test.sh S3C_BINARY RGW_ENV_FILE
set -uo pipefail
. "$(dirname "$0")/lib.sh" "$@"

D=$WORK/d
mkdir -p "$D"
# expect_rows DESCRIPTION EXPECTED_JSONL -- READ_ARGS...: `s3c read -q -o jsonl READ_ARGS` exits
# 0 and prints exactly EXPECTED_JSONL.
expect_rows() {
  local what=$1 want=$2
  shift 3
  expect_rc 0 "$what" -- "$S3C" read -q -o jsonl "$@"
  expect_eq "$what: rows" "$(cat "$WORK/out")" "$want"
}
# expect_schema DESCRIPTION EXPECTED -- SCHEMA_ARGS...: `s3c schema` prints exactly EXPECTED.
expect_schema() {
  local what=$1 want=$2
  shift 3
  expect_rc 0 "$what" -- "$S3C" schema "$@"
  expect_eq "$what: schema" "$(cat "$WORK/out")" "$want"
}

# --- CSV/TSV dialect ---------------------------------------------------------------------
printf 'a;b,c\n1;2,3\n' > "$D/semi.csv"
expect_rows "--delimiter ';'" '{"a":1,"b,c":"2,3"}' -- --delimiter ';' "$D/semi.csv"
printf 'a\tb,c\n1\t2,3\n' > "$D/tab.csv"
expect_rows "--delimiter tab" '{"a":1,"b,c":"2,3"}' -- --delimiter tab "$D/tab.csv"
expect_rows "--delimiter '\\t'" '{"a":1,"b,c":"2,3"}' -- --delimiter '\t' "$D/tab.csv"
expect_rc 2 "--delimiter of two characters" -- "$S3C" read --delimiter ';;' "$D/semi.csv"
printf "a,b\n'x,y',2\n" > "$D/squote.csv"
expect_rows "--quote \"'\"" '{"a":"x,y","b":2}' -- --quote "'" "$D/squote.csv"
printf 'a,b\n"x",2\n' > "$D/dquote.csv"
expect_rows "--quote none keeps the quotes" '{"a":"\"x\"","b":2}' -- --quote none "$D/dquote.csv"
printf 'a,b\n"x\\"y",2\n' > "$D/escape.csv"
expect_rows "--escape '\\'" '{"a":"x\"y","b":2}' -- --escape '\' "$D/escape.csv"
printf '1,2\n3,4\n' > "$D/numbers.csv"
expect_rows "--header no names the columns" '{"column1":1,"column2":2}
{"column1":3,"column2":4}' -- --header no "$D/numbers.csv"
expect_rows "--header yes takes the first row" '{"1":3,"2":4}' -- --header yes "$D/numbers.csv"
printf 'name,n\nx,1\n' > "$D/named.csv"
expect_rows "--header auto finds a header" '{"name":"x","n":1}' -- --header auto "$D/named.csv"
expect_rc 2 "--header maybe" -- "$S3C" read --header maybe "$D/named.csv"
printf 'exported by a tool\nwith, a comma\na,b\n1,2\n' > "$D/skip.csv"
expect_rows "--skip-rows 2" '{"a":1,"b":2}' -- --skip-rows 2 "$D/skip.csv"
printf '# made today\na,b\n# a note\n1,2\n#3,4\n' > "$D/comment.csv"
expect_rows "--comment '#'" '{"a":1,"b":2}' -- --comment '#' "$D/comment.csv"
# --null is repeatable: cli_data_test.sh. One value is enough to turn a cell into null.
printf 'f\nx\n' > "$D/one.csv"
expect_rows "--null x" '{"f":null}' -- --null x "$D/one.csv"

printf 'a\n\x80 caf\xe9\n' > "$D/cp1252.csv"
expect_rows "--encoding windows-1252" '{"a":"€ café"}' -- --encoding windows-1252 "$D/cp1252.csv"
expect_rows "--encoding latin-1" "{\"a\":\"$(printf '\xc2\x80') café\"}" -- --encoding latin-1 "$D/cp1252.csv"
printf 'a,b\n\xc3\xa9,1\n' | iconv -f utf-8 -t utf-16le > "$D/utf16.csv"
expect_rows "--encoding utf-16le (no BOM)" '{"a":"é","b":1}' -- --encoding utf-16le "$D/utf16.csv"
printf 'a,b\n\xc3\xa9,1\n' | iconv -f utf-8 -t utf-16be > "$D/utf16be.csv"
expect_rows "--encoding utf-16be (no BOM)" '{"a":"é","b":1}' -- --encoding utf-16be "$D/utf16be.csv"
expect_rc 5 "UTF-16 without a BOM is not UTF-8" -- "$S3C" read "$D/utf16.csv"
expect_rc 2 "--encoding ebcdic" -- "$S3C" read --encoding ebcdic "$D/utf16.csv"
printf 'a\ncaf\xe9\n' > "$D/bad-utf8.csv"
expect_rc 5 "--invalid-utf8 error" -- "$S3C" read --invalid-utf8 error "$D/bad-utf8.csv"
expect_grep "names the byte offset" "invalid UTF-8 at byte offset 5" "$WORK/err"
expect_rows "--invalid-utf8 replace" '{"a":"caf�"}' -- --invalid-utf8 replace "$D/bad-utf8.csv"

# --ragged: error; pad (short rows get nulls, long ones still fail); truncate (also drops the
# extra fields of long rows).
printf 'a,b\n1\n2,3\n' > "$D/short.csv"
printf 'a,b\n1\n2,3,4\n5,6\n' > "$D/ragged.csv"
expect_rc 5 "--ragged error" -- "$S3C" read --ragged error "$D/short.csv"
expect_grep "names line and field counts" "short.csv:2: byte offset 4: expected 2 fields, got 1" "$WORK/err"
expect_rows "--ragged pad" '{"a":1,"b":null}
{"a":2,"b":3}' -- --ragged pad "$D/short.csv"
expect_rc 5 "--ragged pad fails a long row" -- "$S3C" read --ragged pad "$D/ragged.csv"
expect_rows "--ragged truncate" '{"a":1,"b":null}
{"a":2,"b":3}
{"a":5,"b":6}' -- --ragged truncate "$D/ragged.csv"

printf 'a,b\n  x , 1 \n" y ",2\n' > "$D/spaces.csv"
expect_rows "--trim strips unquoted fields only" '{"a":"x","b":1}
{"a":" y ","b":2}' -- --trim "$D/spaces.csv"
expect_rows "without --trim" '{"a":"  x ","b":" 1 "}
{"a":" y ","b":"2"}' -- "$D/spaces.csv"

# --threads N: an object above one 4 MiB chunk is parsed on the shared CPU pool (common/executor.h,
# one thread per core, started on first use) beside the main thread, and the rows are the same;
# the default is all cores, for CSV and JSON Lines alike. --threads 1 parses on the main thread
# alone. max_threads FILE FLAGS samples the process's thread count while `read -o csv` runs and
# prints it when the output equals $WORK/want.csv.
python3 -c 'import sys
with open(sys.argv[1], "w") as f, open(sys.argv[2], "w") as j:
    f.write("id,text,n\n")
    for i in range(500000):
        f.write(f"{i},\"line {i}\nwith a break\",{i * 7}\n")
        j.write(f"{{\"id\": {i}, \"text\": \"line {i}\", \"n\": {i * 7}}}\n")' \
  "$D/big.csv" "$D/big.jsonl"
max_threads() {
  local file=$1
  shift
  "$S3C" read -q -o csv "$@" "$file" > "$WORK/threads.csv" &
  local pid=$! max=0 n
  while kill -0 "$pid" 2>/dev/null; do
    n=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status" 2>/dev/null)
    [ -n "$n" ] && [ "$n" -gt "$max" ] && max=$n
    sleep 0.005
  done
  wait "$pid" && cmp -s "$WORK/threads.csv" "$WORK/want.csv" && echo "$max"
}
cores=$(getconf _NPROCESSORS_ONLN)
cp "$D/big.csv" "$WORK/want.csv"
t1=$(max_threads "$D/big.csv" --threads 1)
t4=$(max_threads "$D/big.csv" --threads 4)
t0=$(max_threads "$D/big.csv")
expect_eq "--threads 4 runs the pool's threads more than --threads 1 (and both give the file back)" \
  "$((t4 - t1)) $([ -n "$t1" ] && echo read)" "$cores read"
expect_eq "CSV: the default runs the pool's threads too (and gives the file back)" \
  "$((t0 - t1)) $([ -n "$t0" ] && echo read)" "$cores read"
"$S3C" read -q -o csv --threads 1 "$D/big.jsonl" > "$WORK/want.csv"
j1=$(max_threads "$D/big.jsonl" --threads 1)
j0=$(max_threads "$D/big.jsonl")
expect_eq "JSON Lines: the default runs the pool's threads, --threads 1 does not, same rows" \
  "$((j0 - j1)) $([ -n "$j1" ] && echo read)" "$cores read"
expect_eq "JSON Lines: every row" "$(wc -l < "$WORK/want.csv")" "500001"

# --- text and JSON ---------------------------------------------------------------------
printf 'one\n\ntwo\n' > "$D/notes.txt"
expect_rows "text: one column per line" '{"line":"one"}
{"line":""}
{"line":"two"}' -- "$D/notes.txt"
expect_rows "--skip-empty-lines --line-numbers" '{"line":"one","n":1}
{"line":"two","n":3}' -- --skip-empty-lines --line-numbers n "$D/notes.txt"
printf '{"a":{"b":1,"c":{"d":"x"}},"e":[1,2]}\n' > "$D/nested.jsonl"
expect_schema "--flatten" 'a.b: int64
a.c.d: string
e: list<item: int64>' -- --flatten "$D/nested.jsonl"
expect_rows "--flatten rows" '{"a.b":1,"a.c.d":"x","e":[1,2]}' -- --flatten "$D/nested.jsonl"
expect_schema "without --flatten" 'a: struct<b: int64, c: struct<d: string>>
e: list<item: int64>' -- "$D/nested.jsonl"

# --- schema options ------------------------------------------------------------------------
printf 'id,at,x\n1,2024-01-31 10:00:00,7\n' > "$D/typed.csv"
SPEC='id:int64, at:timestamp[ms, UTC], x:string'
expect_schema "--schema" 'id: int64
at: timestamp[ms, tz=UTC]
x: string' -- --schema "$SPEC" "$D/typed.csv"
expect_rows "--schema rows" '{"id":1,"at":"2024-01-31T10:00:00Z","x":"7"}' -- --schema "$SPEC" "$D/typed.csv"
expect_rc 5 "--schema must give every column" -- "$S3C" read --schema 'id:int64, at:string' "$D/typed.csv"
expect_rows "--types for one column" '{"id":1,"at":"2024-01-31T10:00:00","x":"7"}' -- --types x:string "$D/typed.csv"
expect_rows "--all-strings" '{"id":"1","at":"2024-01-31 10:00:00","x":"7"}' -- --all-strings "$D/typed.csv"
expect_rc 2 "--all-strings with --types" -- "$S3C" read --all-strings --types x:string "$D/typed.csv"
printf 'n\n1\n2\nx\n' > "$D/late.csv"
expect_schema "default sample sees the text" 'n: string' -- "$D/late.csv"
expect_schema "--infer-rows 2" 'n: int64' -- --infer-rows 2 "$D/late.csv"
expect_rc 5 "--infer-rows 2: the third row does not fit" -- "$S3C" read --infer-rows 2 "$D/late.csv"
printf 'p,q\n1.25,0.5\n-3.10,2\n' > "$D/money.csv"
expect_schema "--infer-decimals" 'p: decimal128(3, 2)
q: decimal128(20, 1)' -- --infer-decimals "$D/money.csv"
expect_rows "--infer-decimals rows" '{"p":1.25,"q":0.5}
{"p":-3.10,"q":2.0}' -- --infer-decimals "$D/money.csv"
expect_schema "doubles by default" 'p: double
q: double' -- "$D/money.csv"
mkdir -p "$D/files"
printf 'a\n1\n' > "$D/files/1.csv"
printf 'a,b\n2,x\n' > "$D/files/2.csv"
expect_rows "files united by default" '{"a":1,"b":null}
{"a":2,"b":"x"}' -- "$D/files/"
expect_rc 5 "--infer-files 1: a later file's new column is a data error" -- "$S3C" read --infer-files 1 "$D/files/"
expect_grep "names the file and column" "2.csv: column 'b' is not in the schema inferred from the first 1 object" "$WORK/err"
printf 'a\n3.5\n' > "$D/files/3.csv"
expect_rc 5 "--infer-files 2: a later file's value that does not fit is a data error" -- \
  "$S3C" read --infer-files 2 --columns a "$D/files/"
expect_grep "names the file, column and value" "3.csv: column 'a': cannot cast '3.5'" "$WORK/err"
expect_schema "schema --infer-files 2 unites the first two files" "a: int64
b: string

schemas of the first 2 of 3 files (--infer-files -1 reads all)

2 files; drift:
  file://$D/files/2.csv: column b added (string)" -- --infer-files 2 "$D/files/"

# --- bad records ---------------------------------------------------------------------------
printf 'id,n\n1,5\n2,x\n3,y\n4,7\n' > "$D/dirty.csv"
KEPT='{"id":1,"n":5}
{"id":4,"n":7}'
expect_rc 5 "--bad-records fail (the default)" -- "$S3C" read --types n:int64 --bad-records fail "$D/dirty.csv"
expect_rows "--bad-records skip" "$KEPT" -- --types n:int64 --bad-records skip "$D/dirty.csv"
expect_rows "--bad-records skip drops ragged rows" '{"a":5,"b":6}' -- --bad-records skip "$D/ragged.csv"
expect_rc 5 "--max-errors 1 with 2 bad rows" -- "$S3C" read --types n:int64 --bad-records skip --max-errors 1 "$D/dirty.csv"
expect_grep "--max-errors message" "too many bad records \(2 > max_errors 1\)" "$WORK/err"
expect_rows "--max-errors 2 with 2 bad rows" "$KEPT" -- --types n:int64 --bad-records skip --max-errors 2 "$D/dirty.csv"
expect_rc 5 "--max-error-ratio 0.4 with 2 of 4 bad" -- "$S3C" read --types n:int64 --bad-records skip --max-error-ratio 0.4 "$D/dirty.csv"
expect_grep "--max-error-ratio message" "2 of 4, ratio 0.5 > max_error_ratio 0.4" "$WORK/err"
expect_rows "--max-error-ratio 0.6" "$KEPT" -- --types n:int64 --bad-records skip --max-error-ratio 0.6 "$D/dirty.csv"
expect_rc 0 "--bad-records quarantine to a local file" -- "$S3C" read -o jsonl --types n:int64 \
  --bad-records quarantine --quarantine "$D/rejects.jsonl" "$D/dirty.csv"
expect_eq "quarantine: kept rows" "$(cat "$WORK/out")" "$KEPT"
expect_grep "the report counts them" "2 rows from 1 of 1 object\(s\), 2 rejected \(2 quarantined\)" "$WORK/err"
python3 - "$D/rejects.jsonl" "$D/dirty.csv" <<'PY' && ok "quarantine: object, line, byte_offset, reason, raw" || bad "quarantine: $(cat "$D/rejects.jsonl")"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert [sorted(r) for r in rows] == [["byte_offset", "line", "object", "raw", "reason"]] * 2, rows
assert [(r["line"], r["byte_offset"], r["raw"]) for r in rows] == [(3, 9, "2,x"), (4, 13, "3,y")], rows
assert all(r["object"] == "file://" + sys.argv[2] and "expected int64" in r["reason"] for r in rows), rows
PY
expect_rc 2 "--bad-records quarantine needs --quarantine" -- "$S3C" read --bad-records quarantine "$D/dirty.csv"
expect_rc 2 "--quarantine needs --bad-records quarantine" -- "$S3C" read --quarantine "$D/q.jsonl" "$D/dirty.csv"
expect_rc 2 "--bad-records ignore" -- "$S3C" read --bad-records ignore "$D/dirty.csv"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
