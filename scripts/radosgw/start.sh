#!/usr/bin/env bash
# Starts a throwaway single-node Ceph cluster (one monitor, one memstore OSD) with radosgw on
# 127.0.0.1:7480, creates a test user and a CORS-enabled bucket, and writes PIDs, endpoint and
# credentials to reports/radosgw.env for the tests and for stop.sh. Debian's Ceph (Pacific) has no
# standalone rgw backend, hence the mon + OSD. See ../shared/TOOLCHAIN.md §7c.
set -Eeuo pipefail
cd "$(dirname "$0")/../.."

STATE=${RADOSGW_STATE:-reports/radosgw.env}
RGW_PORT=7480
MON_PORT=6789
ACCESS_KEY=UPLINKRADOSGWTESTKEY
SECRET_KEY=uplink-radosgw-test-secret-0000000000000
BUCKET=uplink-test
started=$(date +%s)

# fd 9 is the script's own stderr: failure messages reach it even from a step whose output
# goes to a log file.
exec 9>&2
fail() {
  echo "radosgw/start.sh: $*" >&9
  if [[ -n ${DIR:-} ]]; then
    echo "radosgw/start.sh: logs in $DIR/log; run scripts/radosgw/stop.sh to clean up" >&9
    tail -n 15 "$DIR"/log/*.log "$DIR"/log/daemons.out >&9 2>/dev/null || true
  fi
  exit 1
}
elapsed() { echo "radosgw/start.sh: $1 after $(($(date +%s) - started)) s"; }

# Idempotent: a cluster from an earlier run that still answers is reused; a dead one is cleaned up.
if [[ -f $STATE ]]; then
  # shellcheck disable=SC1090
  source "$STATE"
  if curl -fs -o /dev/null --max-time 2 "${RADOSGW_ENDPOINT:-http://127.0.0.1:$RGW_PORT}" && kill -0 ${RADOSGW_PIDS:-0} 2>/dev/null; then
    echo "radosgw/start.sh: already running at $RADOSGW_ENDPOINT (state in $STATE)"
    exit 0
  fi
  bash scripts/radosgw/stop.sh
fi

# 1. Packages (root in CI, sudo otherwise).
if ! command -v radosgw >/dev/null || ! command -v ceph-mon >/dev/null || ! command -v ceph-osd >/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then as_root=()
  elif command -v sudo >/dev/null; then as_root=(sudo)
  else fail "radosgw, ceph-mon and ceph-osd are not installed, and installing them needs root or sudo"; fi
  echo "radosgw/start.sh: installing radosgw ceph-mon ceph-osd from apt"
  "${as_root[@]}" apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends radosgw ceph-mon ceph-osd >/dev/null \
    || fail "apt-get install radosgw ceph-mon ceph-osd failed"
  elapsed "packages installed"
fi

for port in $RGW_PORT $MON_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then fail "port $port on 127.0.0.1 is already in use"; fi
done

# 2. Cluster directory and config. Everything (data, logs, sockets, pid files) lives in it.
DIR=$(mktemp -d "${TMPDIR:-/tmp}/uplink-radosgw.XXXXXX")
mkdir -p "$(dirname "$STATE")"
# Written now and extended as daemons start, so stop.sh can clean up after a failure half-way.
write_state() {
  cat >"$STATE" <<STATE
RADOSGW_DIR=$DIR
RADOSGW_PIDS="${pids[*]}"
RADOSGW_ENDPOINT=http://127.0.0.1:$RGW_PORT
RADOSGW_ACCESS_KEY=$ACCESS_KEY
RADOSGW_SECRET_KEY=$SECRET_KEY
RADOSGW_BUCKET=$BUCKET
RADOSGW_REGION=us-east-1
STATE
}
pids=()
write_state
trap 'fail "a step failed (line $LINENO)"' ERR

FSID=$(cat /proc/sys/kernel/random/uuid)
mkdir -p "$DIR/mon/a" "$DIR/osd/0" "$DIR/log" "$DIR/run"
CONF=$DIR/ceph.conf
cat >"$CONF" <<CONF
[global]
fsid = $FSID
mon host = v1:127.0.0.1:$MON_PORT
mon data = $DIR/mon/\$id
osd data = $DIR/osd/\$id
run dir = $DIR/run
admin socket = $DIR/run/\$name.asok
log file = $DIR/log/\$name.log
pid file = $DIR/run/\$name.pid
keyring = $DIR/keyring
auth cluster required = none
auth service required = none
auth client required = none
ms bind msgr2 = false
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
mon allow pool size one = true
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
[osd]
osd objectstore = memstore
memstore device bytes = 2147483648
# The OSD is placed in the CRUSH map below. Left on, these make it send mon commands while it
# starts, which sometimes raced its monitor session ("wrong fsid") and killed it.
osd crush update on start = false
osd class update on start = false
[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw enable usage log = false
CONF
export CEPH_CONF=$CONF
# The CLI sometimes asks a fresh monitor before it has the monitor map and is refused
# ("Error EPERM: problem getting command descriptions from mon"); the commands used here are
# idempotent, so a few tries are safe.
ceph() {
  local try
  for try in 1 2 3 4 5; do
    command ceph --connect-timeout 10 "$@" && return 0
    echo "radosgw/start.sh: 'ceph $*' failed (try $try of 5)" >&2
    sleep 0.5
  done
  return 1
}

# Waits up to $2 seconds for the pid file $1, then records the PID.
record_pid() {
  local file=$1 deadline=$(($(date +%s) + $2))
  until [[ -s $file ]]; do
    (($(date +%s) < deadline)) || fail "no pid file $file after $2 s"
    sleep 0.2
  done
  pids+=("$(cat "$file")")
  write_state
}

# 3. Monitor.
ceph-authtool --create-keyring "$DIR/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
monmaptool --create --add a "127.0.0.1:$MON_PORT" --fsid "$FSID" "$DIR/monmap" >/dev/null
ceph-mon --mkfs -i a --monmap "$DIR/monmap" --keyring "$DIR/keyring"
ceph-mon -i a </dev/null >>"$DIR/log/daemons.out" 2>&1
record_pid "$DIR/run/mon.a.pid" 20
# The pid file comes before the monitor forms its quorum of one; wait until it takes commands.
deadline=$(($(date +%s) + 30))
until ceph health >/dev/null 2>&1; do
  (($(date +%s) < deadline)) || fail "the monitor did not answer within 30 s"
  sleep 0.3
done
elapsed "monitor started"

# 4. One memstore OSD.
OSD_UUID=$(cat /proc/sys/kernel/random/uuid)
OSD_ID=$(ceph osd new "$OSD_UUID")
[[ $OSD_ID == 0 ]] || fail "expected osd id 0, got '$OSD_ID'"
ceph-osd -i 0 --mkfs --osd-uuid "$OSD_UUID" >>"$DIR/log/daemons.out" 2>&1
ceph osd crush add-bucket localhost host >>"$DIR/log/daemons.out" 2>&1
ceph osd crush move localhost root=default >>"$DIR/log/daemons.out" 2>&1
ceph-osd -i 0 </dev/null >>"$DIR/log/daemons.out" 2>&1
record_pid "$DIR/run/osd.0.pid" 30
ceph osd crush add osd.0 1.0 host=localhost >>"$DIR/log/daemons.out" 2>&1
elapsed "osd started"

# 5. radosgw; it creates its pools on first start, which needs the OSD up.
radosgw -n client.rgw </dev/null >>"$DIR/log/daemons.out" 2>&1
record_pid "$DIR/run/client.rgw.pid" 30
deadline=$(($(date +%s) + 90))
until curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$RGW_PORT"; do
  (($(date +%s) < deadline)) || fail "radosgw did not answer on 127.0.0.1:$RGW_PORT within 90 s"
  kill -0 "${pids[-1]}" 2>/dev/null || fail "radosgw exited; see $DIR/log/client.rgw.log"
  sleep 0.5
done
elapsed "radosgw answering"

# 6. Test user with fixed keys, and the bucket with a CORS rule that exposes ETag.
# (As client.admin: reusing client.rgw would clash with the daemon's admin socket.)
radosgw-admin user create --uid uplink --display-name "Uplink tests" \
  --access-key "$ACCESS_KEY" --secret-key "$SECRET_KEY" >/dev/null
# shellcheck disable=SC1090
(set -a; source "$STATE"; node --no-warnings scripts/radosgw/create-bucket.mjs)
trap - ERR
elapsed "ready at http://127.0.0.1:$RGW_PORT (bucket $BUCKET, state in $STATE)"
