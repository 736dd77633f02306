#!/usr/bin/env bash
# Stops exactly the daemons start.sh recorded (by PID) and removes the cluster directory.
set -euo pipefail
cd "$(dirname "$0")/../.."

STATE=${RADOSGW_STATE:-reports/radosgw.env}
if [[ ! -f $STATE ]]; then
  echo "radosgw/stop.sh: nothing to stop (no $STATE)"
  exit 0
fi
# shellcheck disable=SC1090
source "$STATE"

# A PID is only signalled while it still names a Ceph daemon, never a process that reused it.
is_ceph_daemon() {
  case $(cat "/proc/$1/comm" 2>/dev/null) in ceph-mon | ceph-osd | radosgw) return 0 ;; *) return 1 ;; esac
}
# Alive and not a zombie (a container's PID 1 may never reap the daemons).
running() { [[ -r /proc/$1/stat ]] && [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) != Z ]]; }
# SIGTERM to all (the reverse of the start order), then SIGKILL to any still there after 3 s:
# a clean shutdown takes them 2-3 s each, and the memstore data is thrown away anyway.
read -r -a recorded <<<"${RADOSGW_PIDS:-}"
pids=()
for ((i = ${#recorded[@]} - 1; i >= 0; i--)); do
  if is_ceph_daemon "${recorded[i]}" && kill "${recorded[i]}" 2>/dev/null; then pids+=("${recorded[i]}"); fi
done
for _ in $(seq 30); do
  alive=0
  for pid in "${pids[@]}"; do running "$pid" && alive=1; done
  ((alive)) || break
  sleep 0.1
done
for pid in "${pids[@]}"; do
  if running "$pid" && is_ceph_daemon "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
done

# Only ever remove a directory start.sh created.
if [[ ${RADOSGW_DIR:-} == */uplink-radosgw.* && -d $RADOSGW_DIR ]]; then rm -rf "$RADOSGW_DIR"; fi
rm -f "$STATE"
echo "radosgw/stop.sh: stopped ${RADOSGW_PIDS:-no daemons}"
