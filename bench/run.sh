#!/usr/bin/env bash
# Runs every bench/bench_*.py; each prints its figures and writes var/bench/<name>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var/bench
# wrk generates HTTP load in C, so the load generator takes little of the server's two cores;
# bench_citycases falls back to Python threads when it cannot be installed.
if ! command -v wrk >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1; } \
    || echo "wrk 未能安装：吞吐量测试改用 Python 负载生成器"
fi
status=0
# --- helper:insp-web --- bench/bench_inspections.py (the draw over 10,000 objects and 200 officers,
# goal < 1 s; the enterprise's year page with 8,000 inspections loaded, goal < 150 ms) runs in the
# loop below like every bench_*.py and writes var/bench/inspections.json.
# --- /helper:insp-web ---
for script in bench/bench_*.py; do
  echo "== $script"
  CHENGGUAN_FAST_HASHER=1 .venv/bin/python "$script" || status=1
done
echo "JSON: var/bench/*.json"
exit $status
