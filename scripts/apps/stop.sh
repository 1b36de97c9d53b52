#!/usr/bin/env bash
# Stops what scripts/apps/start.sh started (by the process ids it wrote down) and leaves its folder for the logs.
set -uo pipefail
dir="${RAPPORT_APPS_DIR:-/tmp/rapport-apps}"
for pidfile in "$dir/rt/server.pid" "$dir/roundcube/server.pid"; do
  [ -f "$pidfile" ] || continue
  # Each server was started with setsid: its process group holds the prefork workers too.
  kill -- "-$(cat "$pidfile")" 2>/dev/null || kill "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
done
# Dovecot forks into the background itself and writes its master's id down.
if [ -f "$dir/dovecot/run/master.pid" ]; then
  master="$(cat "$dir/dovecot/run/master.pid")"
  kill "$master" 2>/dev/null || true
  # Its children close their listeners a moment later; the next start.sh needs the port.
  for _ in $(seq 1 20); do kill -0 "$master" 2>/dev/null || break; sleep 0.25; done
fi
echo "scripts/apps/stop.sh: stopped the apps under $dir"
