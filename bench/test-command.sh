#!/usr/bin/env bash
# Measures the test command on a clean clone of the current commit: prints the wall time and the per-module times.
# Usage: bench/test-command.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone -q "$root" "$work/tailor"
cd "$work/tailor"
start=$(date +%s)
bash .ci/run > "$work/ci.log" 2>&1 || { tail -50 "$work/ci.log"; exit 1; }
end=$(date +%s)
grep -A14 "Reactor Summary" "$work/ci.log" | sed 's/\[INFO\] //'
echo "test command (.ci/run = ./mvnw verify) on a clean clone: $((end - start)) s"
