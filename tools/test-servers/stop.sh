#!/usr/bin/env bash
# Stops the servers that start.sh started (each by the pid it recorded, with its children) and removes
# servers.env, so tests that need them fail. Logs stay in $EDSOFT_SERVERS_DIR/logs. Safe to run again.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/settings.sh"
run="$EDSOFT_SERVERS_DIR"

rm -f "$run/servers.env"
[ -d "$run/pids" ] || exit 0
pids=()
for f in "$run"/pids/*.pid; do
  [ -e "$f" ] || continue
  read -r pid name < "$f" || true
  # Only a live process still in its own session (started by setsid in start.sh) is ours.
  if [ -n "${pid:-}" ] && [ "$(ps -o sid= -p "$pid" 2>/dev/null | tr -d ' ')" = "$pid" ]; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    pids+=("$pid")
    echo "stop.sh: stopped $name ($pid)"
  fi
  rm -f "$f"
done
for pid in "${pids[@]}"; do
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
done
