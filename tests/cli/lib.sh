# Shared setup and checks of the CLI end-to-end scripts. Sourced with the script's arguments
# (S3C_BINARY RGW_ENV_FILE): loads the RGW settings (or skips / fails when there are none),
# makes $WORK and a bucket name $BUCKET, and defines the check helpers.
S3C=$1
ENV_FILE=$2
CLI_TESTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ ! -s "$ENV_FILE" ]; then
  echo "no RGW settings in $ENV_FILE (run through ctest: fixture rgw starts the server)"
  # make test sets S3C_REQUIRE_RGW=1: a missing server is then a failure, never a pass.
  if [ "${S3C_REQUIRE_RGW:-}" = 1 ]; then exit 1; fi
  exit 77  # SKIP_RETURN_CODE of the ctest entries: reported as skipped, not passed
fi
set -a; . "$ENV_FILE"; set +a
export AWS_ENDPOINT_URL_S3=$S3_ENDPOINT AWS_EC2_METADATA_DISABLED=true HOME=$(mktemp -d)
WORK=$(mktemp -d)
BUCKET=s3c-cli-$$-$RANDOM
trap 'rm -rf "$WORK" "$HOME"' EXIT

# The S3 operations s3c counts in --stats, read from the source (every `operation = "Name"` in
# src/s3), so a misspelt operation in a check is an error rather than a vacuous 0.
S3_OPERATIONS=$(grep -rhoE 'operation = "[A-Za-z0-9]+"' --include='*.cc' --exclude='*_test.cc' \
  "$CLI_TESTS/../../src/s3" | cut -d'"' -f2 | sort -u | tr '\n' ' ')
if [ -z "$S3_OPERATIONS" ]; then echo "no S3 operation names found under src/s3"; exit 1; fi

# A loopback port nothing listens on (bound, then released), for connection failures.
CLOSED_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
# expect_rc CODE DESCRIPTION -- COMMAND...
expect_rc() {
  local want=$1 what=$2
  shift 3
  "$@" >"$WORK/out" 2>"$WORK/err"
  local rc=$?
  if [ "$rc" = "$want" ]; then ok "$what (exit $rc)"; else
    bad "$what: exit $rc, wanted $want"; sed 's/^/     /' "$WORK/err" | head -5; fi
}
expect_eq() { if [ "$2" = "$3" ]; then ok "$1 = $3"; else bad "$1: got '$2', wanted '$3'"; fi; }
# expect_grep DESCRIPTION PATTERN FILE: FILE has a line matching the extended regex PATTERN.
expect_grep() {
  if grep -qE -- "$2" "$3"; then ok "$1"; else bad "$1: no /$2/ in $(head -c 600 "$3")"; fi
}
# expect_no_grep DESCRIPTION PATTERN FILE: FILE exists and has no line matching PATTERN.
expect_no_grep() {
  if [ ! -e "$3" ]; then bad "$1: $3 is missing"; elif grep -qE -- "$2" "$3"; then
    bad "$1: /$2/ found: $(grep -E -- "$2" "$3" | head -3)"; else ok "$1"; fi
}

# Both read a --stats file and print one value. A missing or unparsable file, or a missing key,
# prints an ERROR text (never a number) and returns 1, so the expect_eq that uses it fails.
#   stat_field FILE KEY   a top-level value: objects, bytes_uploaded, retries, exit_code...
#   requests_of FILE OP   requests of one S3 operation. --stats lists only non-zero counts, so an
#                         absent OP is 0, but only when OP is in $S3_OPERATIONS and the file
#                         has a "requests" object.
stat_field() { _stats_query field "$1" "$2"; }
requests_of() { _stats_query requests "$1" "$2"; }
_stats_query() {
  python3 - "$@" "$S3_OPERATIONS" <<'PY'
import json, sys
mode, path, key, known = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split()
def fail(why):
    print(f"ERROR: {why}")
    sys.exit(1)
try:
    with open(path) as f:
        d = json.load(f)
except (OSError, ValueError) as e:
    fail(f"no --stats JSON in {path}: {e}")
if mode == "field":
    if key not in d:
        fail(f"no '{key}' in {path}")
    print(d[key])
    sys.exit(0)
if key not in known:
    fail(f"'{key}' is not an S3 operation s3c counts ({' '.join(known)})")
req = d.get("requests")
if not isinstance(req, dict):
    fail(f"no requests object in {path}")
odd = [k for k, n in req.items() if k not in known or not isinstance(n, int) or n <= 0]
if odd:
    fail(f"requests of {path} has unknown operations or non-positive counts: {odd}")
print(req.get(key, 0))
PY
}
