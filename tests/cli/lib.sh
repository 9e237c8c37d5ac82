# Shared setup and checks of the CLI end-to-end scripts. Sourced with the script's arguments
# (S3C_BINARY RGW_ENV_FILE): loads the RGW settings (or skips / fails when there are none),
# makes $WORK and a bucket name $BUCKET, and defines the check helpers.
S3C=$1
ENV_FILE=$2
if [ ! -s "$ENV_FILE" ]; then
  echo "no RGW settings in $ENV_FILE (run through ctest: fixture rgw starts the server)"
  if [ "${S3C_REQUIRE_RGW:-}" = 1 ]; then exit 1; fi
  exit 0
fi
set -a; . "$ENV_FILE"; set +a
export AWS_ENDPOINT_URL_S3=$S3_ENDPOINT AWS_EC2_METADATA_DISABLED=true HOME=$(mktemp -d)
WORK=$(mktemp -d)
BUCKET=s3c-cli-$$-$RANDOM
trap 'rm -rf "$WORK" "$HOME"' EXIT

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
# stat_field FILE JSON_PATH: prints a value from a --stats file (python3 for JSON).
stat_field() {
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."): d=d.get(k,0) if isinstance(d,dict) else 0
print(d)' "$1" "$2"
}
expect_eq() { if [ "$2" = "$3" ]; then ok "$1 = $3"; else bad "$1: got '$2', wanted '$3'"; fi; }
