#!/usr/bin/env bash
# Runs every bench/bench_*.py; each prints its figures and writes var/bench/<name>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var/bench
status=0
for script in bench/bench_*.py; do
  echo "== $script"
  CHENGGUAN_FAST_HASHER=1 .venv/bin/python "$script" || status=1
done
echo "JSON: var/bench/*.json"
exit $status
