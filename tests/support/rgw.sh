#!/usr/bin/env bash
# s3c's loopback S3 server for tests, the demo and benchmarks: a throw-away single-node Ceph
# cluster (1 mon, 1 osd, [1 mgr]) plus radosgw (beast frontend) bound to 127.0.0.1, entirely
# under $RGW_DIR. Every socket listens on 127.0.0.1 only.
#
# Needs (Debian 12):  apt-get install -y --no-install-recommends \
#                       ceph-mon ceph-osd radosgw ceph-common [ceph-mgr]
#
# Usage:  rgw.sh [start]   # fresh cluster (wipes $RGW_DIR), prints env, writes $RGW_ENV_FILE
#         rgw.sh restart   # restart daemons on the existing $RGW_DIR
#         rgw.sh stop      # stop every daemon started from $RGW_DIR and remove the folder
#         rgw.sh user UID ACCESS_KEY SECRET_KEY   # one more S3 user on the running cluster of
#                          # $RGW_DIR (tests that need two accounts; idempotent for one UID)
#
# Env knobs (defaults in brackets):
#   RGW_DIR [/tmp/rgwlab/cluster]   RGW_PORT [7480]   MON_PORT [13300]
#   OSD_STORE [bluestore|memstore]  WITH_MGR [0]      OSD_SIZE_GB [20]
#   S3_ACCESS_KEY [TESTACCESSKEY0000001]  S3_SECRET_KEY [testsecretkey...]
#   S3_BUCKET [testbucket]          RGW_ENV_FILE [$RGW_DIR.env]: shell lines with the settings
#                                   (RGW_DIR among them, for `rgw.sh user`)
set -euo pipefail

DIR=${RGW_DIR:-/tmp/s3c-rgw/cluster}
ENV_FILE=${RGW_ENV_FILE:-$DIR.env}
RGW_PORT=${RGW_PORT:-7480}
MON_PORT=${MON_PORT:-13300}
OSD_STORE=${OSD_STORE:-bluestore}
WITH_MGR=${WITH_MGR:-0}
OSD_SIZE_GB=${OSD_SIZE_GB:-20}
AK=${S3_ACCESS_KEY:-TESTACCESSKEY0000001}
SK=${S3_SECRET_KEY:-testsecretkey0000000000000000000000000001}
BUCKET=${S3_BUCKET:-testbucket}
CONF=$DIR/ceph.conf
CEPH="ceph -c $CONF --connect-timeout 30"

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

stop_all() {
  # stop in dependency order (rgw, mgr, osd, mon) so the osd can tell the mon it is
  # going down; a stale "up" osd makes the next start wait ~15 s for re-peering.
  local n f pid
  for n in client.rgw.x mgr.x osd.0 mon.a; do
    f=$DIR/run/$n.pid
    [ -e "$f" ] || continue
    pid=$(cat "$f" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  done
  return 0
}

wait_http() {
  for _ in $(seq 1 240); do
    if curl -s -o /dev/null "http://127.0.0.1:$RGW_PORT/"; then return 0; fi
    sleep 0.25
  done
  log "radosgw did not answer on port $RGW_PORT"; tail -5 "$DIR/log/client.rgw.x.log" >&2 || true
  return 1
}

start_daemons() {
  log "starting mon"
  ceph-mon -c "$CONF" -i a
  if [ "$WITH_MGR" = 1 ]; then
    log "starting mgr"
    ceph-mgr -c "$CONF" -i x
  fi
  log "starting osd"
  ceph-osd -c "$CONF" -i 0 2>>"$DIR/log/osd-stderr.log"
  # wait for the osd to be up
  for _ in $(seq 1 120); do
    if $CEPH osd dump 2>/dev/null | grep -q '^osd.0 up'; then break; fi
    sleep 0.5
  done
  log "starting radosgw on 127.0.0.1:$RGW_PORT"
  radosgw -c "$CONF" -n client.rgw.x
  wait_http
  log "radosgw answers"
}

case "${1:-start}" in
  stop)    stop_all; rm -rf "$DIR" "$ENV_FILE"; exit 0 ;;
  restart) stop_all; start_daemons; exit 0 ;;
  user)
    [ $# = 4 ] || { echo "usage: $0 user UID ACCESS_KEY SECRET_KEY" >&2; exit 2; }
    [ -s "$CONF" ] || { echo "no cluster in $DIR (set RGW_DIR)" >&2; exit 1; }
    if ! radosgw-admin -c "$CONF" user info --uid="$2" >/dev/null 2>&1; then
      radosgw-admin -c "$CONF" user create --uid="$2" --display-name="$2" \
        --access-key="$3" --secret-key="$4" >/dev/null
    fi
    exit 0 ;;
  start)   ;;
  *) echo "usage: $0 [start|restart|stop|user UID ACCESS_KEY SECRET_KEY]" >&2; exit 2 ;;
esac

# ---------------------------------------------------------------- fresh start
stop_all 2>/dev/null || true
if curl -s -o /dev/null "http://127.0.0.1:$RGW_PORT/"; then
  log "something already listens on 127.0.0.1:$RGW_PORT"; exit 1
fi
rm -rf "$DIR"
mkdir -p "$DIR"/{mon/ceph-a,osd/ceph-0,mgr/ceph-x,rgw/ceph-rgw.x,run,log,crash}
FSID=$(cat /proc/sys/kernel/random/uuid)
OSD_UUID=$(cat /proc/sys/kernel/random/uuid)

cat > "$CONF" <<EOF
[global]
fsid = $FSID
mon host = [v2:127.0.0.1:$MON_PORT]
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind ipv6 = false
ms bind port min = 16800
ms bind port max = 17300
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
auth allow insecure global id reclaim = false
keyring = $DIR/keyring
run dir = $DIR/run
pid file = $DIR/run/\$name.pid
admin socket = $DIR/run/\$name.asok
log file = $DIR/log/\$name.log
crash dir = $DIR/crash
log to stderr = false
err to stderr = true
# single node, single replica
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
mon data avail warn = 2
mon data avail crit = 1
osd objectstore = $OSD_STORE

[mon]
mon data = $DIR/mon/ceph-\$id
# commit map changes (pool creation, osd boot) quickly instead of batching for 1 s
paxos propose interval = 0.05
paxos min wait = 0.01

[mgr]
mgr data = $DIR/mgr/ceph-\$id

[osd]
osd data = $DIR/osd/ceph-\$id
osd memory target = 1073741824
bluestore block create = true
bluestore block size = $((OSD_SIZE_GB * 1024 * 1024 * 1024))
bluestore fsck on mount = false
bluestore fsck on mkfs = false
memstore device bytes = $((OSD_SIZE_GB * 1024 * 1024 * 1024))
osd op num shards = 1
osd op num threads per shard = 2
# memstore only writes its contents to disk on a clean umount, which the
# default fast shutdown skips
osd fast shutdown = $([ "$OSD_STORE" = memstore ] && echo false || echo true)

[client.rgw.x]
rgw data = $DIR/rgw/ceph-rgw.x
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT tcp_nodelay=1
rgw dns name = localhost
rgw thread pool size = 64
EOF

log "creating keys"
ceph-authtool --create-keyring "$DIR/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
ceph-authtool "$DIR/keyring" --gen-key -n client.admin \
  --cap mon 'allow *' --cap osd 'allow *' --cap mgr 'allow *' --cap mds 'allow *' >/dev/null
ceph-authtool "$DIR/keyring" --gen-key -n osd.0 \
  --cap mon 'allow profile osd' --cap osd 'allow *' --cap mgr 'allow profile osd' >/dev/null
ceph-authtool "$DIR/keyring" --gen-key -n mgr.x \
  --cap mon 'allow profile mgr' --cap osd 'allow *' --cap mds 'allow *' >/dev/null
ceph-authtool "$DIR/keyring" --gen-key -n client.rgw.x \
  --cap mon 'allow rw' --cap osd 'allow rwx' --cap mgr 'allow rw' >/dev/null

log "mkfs mon"
monmaptool --create --fsid "$FSID" --addv a "[v2:127.0.0.1:$MON_PORT]" "$DIR/monmap" >/dev/null
ceph-mon -c "$CONF" --mkfs -i a --monmap "$DIR/monmap" --keyring "$DIR/keyring"
ceph-mon -c "$CONF" -i a
if [ "$WITH_MGR" = 1 ]; then ceph-mgr -c "$CONF" -i x; fi

log "mkfs osd ($OSD_STORE)"
$CEPH osd new "$OSD_UUID" 0 >/dev/null
ceph-osd -c "$CONF" -i 0 --mkfs --osd-uuid "$OSD_UUID" 2>>"$DIR/log/osd-mkfs.log"
log "starting osd"
ceph-osd -c "$CONF" -i 0 2>>"$DIR/log/osd-stderr.log"
for _ in $(seq 1 120); do
  if $CEPH osd dump 2>/dev/null | grep -q '^osd.0 up'; then break; fi
  sleep 0.5
done
$CEPH osd dump | grep '^osd.0' >&2

log "starting radosgw"
radosgw -c "$CONF" -n client.rgw.x
wait_http

log "creating S3 user + bucket"
radosgw-admin -c "$CONF" user create --uid=tester --display-name=tester \
  --access-key="$AK" --secret-key="$SK" >/dev/null
# bucket via a SigV4-signed PUT (curl >= 7.75 has --aws-sigv4; no awscli needed)
code=$(curl -sS -o "$DIR/log/create-bucket.xml" -w '%{http_code}' -X PUT \
  --aws-sigv4 "aws:amz:us-east-1:s3" --user "$AK:$SK" \
  -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" "http://127.0.0.1:$RGW_PORT/$BUCKET")
[ "$code" = 200 ] || { log "create bucket failed: HTTP $code"; cat "$DIR/log/create-bucket.xml" >&2; exit 1; }
log "ready"
cat > "$ENV_FILE" <<EOF
S3_ENDPOINT=http://127.0.0.1:$RGW_PORT
AWS_ACCESS_KEY_ID=$AK
AWS_SECRET_ACCESS_KEY=$SK
AWS_DEFAULT_REGION=us-east-1
S3_BUCKET=$BUCKET
RGW_DIR=$DIR
EOF
cat <<EOF
export S3_ENDPOINT=http://127.0.0.1:$RGW_PORT
export AWS_ACCESS_KEY_ID=$AK
export AWS_SECRET_ACCESS_KEY=$SK
export AWS_DEFAULT_REGION=us-east-1
export S3_BUCKET=$BUCKET
EOF
