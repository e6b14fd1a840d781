#!/usr/bin/env bash
# Sweep throughput on one core and on two: the same spec swept into fresh folders with
# --parallel 1 and --parallel 2, alternating, ROUNDS times each. Prints every trial (wall
# seconds, CPU seconds and so the cores it kept busy, the 1-minute load average before it: other
# work on the machine takes cores from a trial) and the speed-up of the best trial of each. Usage:
#   bench/sweep_scaling.sh [SPEC] [ROUNDS]      (defaults: bench/sweep_scaling.toml, 3)
set -euo pipefail
cd "$(dirname "$0")/.."
spec=${1:-bench/sweep_scaling.toml}
rounds=${2:-3}
dotnet build Shell -c Release -nologo -v q >/dev/null
lnsgd=Shell/bin/Release/net10.0/lnsgd
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
runs=$("$lnsgd" sweep "$spec" --out "$out/list" --dry-run | tail -n +2 | wc -l)
echo "spec $spec: $runs runs, $rounds rounds"
TIMEFORMAT='%R %U %S'
declare -A best=([1]=1e9 [2]=1e9)
for round in $(seq 1 "$rounds"); do
  for p in 1 2; do
    rm -rf "$out/sweep"
    load=$(cut -d' ' -f1 /proc/loadavg)
    read -r wall user sys < <({ time "$lnsgd" sweep "$spec" --out "$out/sweep" --parallel "$p" --quiet >/dev/null; } 2>&1)
    awk -v r="$round" -v p="$p" -v w="$wall" -v u="$user" -v s="$sys" -v l="$load" -v n="$runs" \
      'BEGIN { printf "round %d  --parallel %d: %6.1f s wall, %6.1f s CPU (%.2f cores busy), %.3f runs/s (load before: %s)\n", r, p, w, u + s, (u + s) / w, n / w, l }'
    best[$p]=$(awk -v a="${best[$p]}" -v b="$wall" 'BEGIN { print (b < a ? b : a) }')
  done
done
# The machine's own ceiling: a pure-CPU loop alone, then two copies at once (a shared or
# virtual machine often gives less than 2x, e.g. when one busy core may turbo higher).
loop='BEGIN { s = 0; for (i = 0; i < 60000000; i++) s += i * 0.5 }'
start=$(date +%s.%N); awk "$loop"; middle=$(date +%s.%N); awk "$loop" & awk "$loop" & wait; end=$(date +%s.%N)
awk -v a="$start" -v b="$middle" -v c="$end" 'BEGIN { printf "machine ceiling: one CPU loop %.2f s, two at once %.2f s: %.2fx\n", b - a, c - b, 2 * (b - a) / (c - b) }'
awk -v n="$runs" -v one="${best[1]}" -v two="${best[2]}" 'BEGIN {
  printf "best of each: %.1f s on 1 core, %.1f s on 2; throughput %.3f vs %.3f runs/s; speed-up %.2fx\n", one, two, n / one, n / two, one / two
}'
