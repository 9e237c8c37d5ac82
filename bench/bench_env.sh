# The private RGW and the aws cli peer of the bench scripts (sourced). Uses the caller's ROOT and
# die(); the caller exports RGW_DIR, RGW_ENV_FILE, RGW_PORT, MON_PORT and OSD_STORE first
# (tests/support/rgw.sh reads them) and stops the server itself (rgw.sh stop) when done.

# bench_rgw_settings WORK PORT MON_PORT: exports what rgw.sh reads: a memstore OSD (OSD_STORE
# overrides) of 8 GB, the cluster under WORK, and the ports (BENCH_RGW_PORT, BENCH_MON_PORT
# override PORT and MON_PORT).
bench_rgw_settings() {
  export OSD_STORE=${OSD_STORE:-memstore} OSD_SIZE_GB=${OSD_SIZE_GB:-8}
  export RGW_DIR=$1/cluster RGW_ENV_FILE=$1/cluster.env
  export RGW_PORT=${BENCH_RGW_PORT:-$2} MON_PORT=${BENCH_MON_PORT:-$3}
}

# start_bench_rgw LOG_DIR: a fresh RGW on 127.0.0.1:$RGW_PORT, and its settings (S3_ENDPOINT,
# the keys, the region, S3_BUCKET) exported here. On failure: the tail of LOG_DIR/rgw-start.log
# and die.
start_bench_rgw() {
  "$ROOT/tests/support/rgw.sh" start >"$1/rgw-start.log" 2>&1 ||
    { tail -20 "$1/rgw-start.log" >&2; die "RGW did not start"; }
  set -a
  # shellcheck disable=SC1090
  . "$RGW_ENV_FILE"
  set +a
}

# aws_peer_env DIR: the aws cli as every bench runs it: its defaults with 3 attempts, no config
# files outside DIR, no instance metadata lookups, and no CA bundle (plain http on loopback; rclone
# also refuses to start when AWS_CA_BUNDLE is set: "LoadCustomCABundleError ... unsupported
# transport").
aws_peer_env() {
  unset AWS_CA_BUNDLE
  export AWS_MAX_ATTEMPTS=3 AWS_RETRY_MODE=standard AWS_PAGER="" AWS_EC2_METADATA_DISABLED=true
  export AWS_CONFIG_FILE=$1/config AWS_SHARED_CREDENTIALS_FILE=$1/credentials
}

# start_bench_peers_rgw WORK: start_bench_rgw (logs in WORK) and the aws cli peer's settings
# (aws_peer_env WORK/aws, no AWS_PROFILE): the server of the lake and pipeline benches.
start_bench_peers_rgw() {
  log "starting RGW ($OSD_STORE) on 127.0.0.1:$RGW_PORT"
  start_bench_rgw "$1"
  aws_peer_env "$1/aws"
  unset AWS_PROFILE
}
