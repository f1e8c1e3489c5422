#!/usr/bin/env bash
# Measures the run command: time from `./tailor up` to "Tailor is running", and the demo store load.
# Usage: bench/startup.sh [--no-demo]   (builds first if needed; the build time is not counted)
set -euo pipefail
cd "$(dirname "$0")/.."
./tailor up --build-only 2>/dev/null || true
log="$(mktemp)"
start=$(date +%s.%N)
./tailor up "$@" > "$log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log"' EXIT
until grep -q "Tailor is running" "$log"; do
  if ! kill -0 $pid 2>/dev/null; then cat "$log"; exit 1; fi
  sleep 0.5
done
end=$(date +%s.%N)
grep "Tailor is running" "$log"
printf 'run-command wall time to ready: %.1f s\n' "$(echo "$end - $start" | bc)"
