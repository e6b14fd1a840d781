#!/usr/bin/env bash
# Sweep throughput on one core and on two: the same spec swept twice into fresh folders, with
# --parallel 1 and then --parallel 2, timed side by side. Prints each sweep's summary line
# (wall seconds, runs per second) and the speed-up. Usage: bench/sweep_scaling.sh [SPEC]
set -euo pipefail
cd "$(dirname "$0")/.."
spec=${1:-examples/sweeps/sigma-eta.toml}
dotnet build Shell -c Release -nologo -v q >/dev/null
lnsgd=Shell/bin/Release/net10.0/lnsgd
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
declare -A seconds
for p in 1 2; do
  start=$(date +%s.%N)
  "$lnsgd" sweep "$spec" --out "$out/parallel-$p" --parallel "$p" | tail -n 1 | sed "s/^/--parallel $p: /"
  end=$(date +%s.%N)
  seconds[$p]=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
done
runs=$("$lnsgd" sweep "$spec" --out "$out/parallel-1" --dry-run | tail -n +2 | wc -l)
awk -v n="$runs" -v one="${seconds[1]}" -v two="${seconds[2]}" 'BEGIN {
  printf "runs: %d; wall: %.1f s on 1 core, %.1f s on 2; throughput: %.3f vs %.3f runs/s; speed-up %.2fx\n", n, one, two, n / one, n / two, one / two
}'
