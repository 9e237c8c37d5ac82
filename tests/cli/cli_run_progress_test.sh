#!/usr/bin/env bash
# s3c run's progress bar: on a terminal (a pseudo-terminal made by python's pty module) the bar
# names the running pipeline and shows bytes, objects, rows and throughput, then is erased
# before the report; with stderr on a file there is no bar. Every request goes through the
# delay proxy (250 ms each) so the run outlasts the bar's first half second.
# Usage: cli_run_progress_test.sh S3C_BINARY RGW_ENV_FILE DELAY_PROXY_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh" "$1" "$2"
PROXY_BIN=$3

expect_rc 0 "mb" -- "$S3C" mb "s3://$BUCKET"
for i in 1 2 3; do printf 'id,v\n%s,a\n%s,b\n' "$i" "$((i + 10))" > "$WORK/in-$i.csv"; done
expect_rc 0 "upload" -- "$S3C" cp -q "$WORK/in-1.csv" "s3://$BUCKET/in/1.csv"
"$S3C" cp -q "$WORK/in-2.csv" "s3://$BUCKET/in/2.csv"
"$S3C" cp -q "$WORK/in-3.csv" "s3://$BUCKET/in/3.csv"
cat > "$WORK/p.yaml" <<YAML
sources:
  slow_source:
    uri: "s3://$BUCKET/in/"
    objects_in_flight: 1
destinations:
  out:
    uri: "s3://$BUCKET/out/"
    format: csv
pipelines:
  copy_rows:
    from: slow_source
    to: out
YAML

coproc PROXY { exec "$PROXY_BIN" "${S3_ENDPOINT##*:}" 250 2>/dev/null; }
read -r -t 10 SLOW_ENDPOINT <&"${PROXY[0]}"
trap 'kill "$PROXY_PID" 2>/dev/null; rm -rf "$WORK" "$HOME"' EXIT
case "$SLOW_ENDPOINT" in http://127.0.0.1:*) ok "delay proxy at $SLOW_ENDPOINT" ;;
  *) bad "delay proxy did not start"; echo "$passed passed, $failed failed"; exit 1 ;; esac

# On a terminal: everything s3c writes to the pty, raw (carriage returns kept).
python3 - "$S3C" "$SLOW_ENDPOINT" "$WORK/p.yaml" "$WORK/tty.out" <<'PY'
import os, pty, sys
s3c, endpoint, pipeline, out = sys.argv[1:5]
env = dict(os.environ, AWS_ENDPOINT_URL_S3=endpoint)
pid, fd = pty.fork()
if pid == 0:
    os.execve(s3c, [s3c, "run", pipeline], env)
data = b""
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
_, status = os.waitpid(pid, 0)
open(out, "wb").write(data)
sys.exit(os.waitstatus_to_exitcode(status))
PY
expect_eq "run on a terminal: exit code" "$?" 0
tr '\r' '\n' < "$WORK/tty.out" > "$WORK/tty.lines"
expect_grep "the bar names the pipeline and counts objects of the listing" \
  '^copy_rows .*[0-9]+ / 3 objects' "$WORK/tty.lines"
expect_grep "the bar shows the bytes of the listing, rows and throughput" \
  '^copy_rows \[#{30}\] 100% 42 B / 42 B  3 / 3 objects  6 rows  [0-9.]+ [KMG]?i?B/s' \
  "$WORK/tty.lines"
expect_grep "the bar is erased before the report" $'\e\\[Kpipeline copy_rows: 6 rows' "$WORK/tty.lines"

# Not a terminal: no bar, only the report.
expect_rc 0 "run with stderr on a file" -- env AWS_ENDPOINT_URL_S3="$SLOW_ENDPOINT" \
  "$S3C" run "$WORK/p.yaml" --set "destinations.out.mode=replace"
expect_no_grep "no carriage return on a file" $'\r' "$WORK/err"
expect_grep "the report" "^pipeline copy_rows: 6 rows" "$WORK/err"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
