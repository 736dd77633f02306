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

# rgw first, then the OSD, then the monitor: the reverse of the start order.
# A PID is only signalled while it still names a Ceph daemon, never a process that reused it.
read -r -a recorded <<<"${RADOSGW_PIDS:-}"
pids=()
for pid in "${recorded[@]}"; do
  case $(cat "/proc/$pid/comm" 2>/dev/null) in ceph-mon | ceph-osd | radosgw) pids+=("$pid") ;; esac
done
for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
for _ in $(seq 50); do
  alive=()
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
  ((${#alive[@]} == 0)) && break
  sleep 0.2
done
for pid in "${alive[@]}"; do
  echo "radosgw/stop.sh: $pid ignored SIGTERM for 10 s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
done

# Only ever remove a directory start.sh created.
if [[ ${RADOSGW_DIR:-} == */uplink-radosgw.* && -d $RADOSGW_DIR ]]; then rm -rf "$RADOSGW_DIR"; fi
rm -f "$STATE"
echo "radosgw/stop.sh: stopped ${RADOSGW_PIDS:-no daemons}"
