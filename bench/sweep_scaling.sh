#!/usr/bin/env bash
# Sweep throughput on one core and on two: the same spec swept into fresh folders with
# --parallel 1 and --parallel 2, alternating, ROUNDS times each, and in every round the machine's
# own ceiling (one pure-CPU loop alone, then two copies at once: a VM that shares its host often
# gives two busy threads less than 2x). Prints every trial (wall and CPU seconds, so the cores it
# kept busy), each round's speed-up (its two trials ran minutes apart at most, under similar
# neighbours), then best against best and the median round. Usage:
#   bench/sweep_scaling.sh [SPEC] [ROUNDS]    (defaults: examples/sweeps/sigma-eta.toml, 3)
set -euo pipefail
cd "$(dirname "$0")/.."
spec=${1:-examples/sweeps/sigma-eta.toml}
rounds=${2:-3}
dotnet build Shell -c Release -nologo -v q >/dev/null
lnsgd=Shell/bin/Release/net10.0/lnsgd
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
runs=$("$lnsgd" sweep "$spec" --out "$out/list" --dry-run | tail -n +2 | wc -l)
echo "spec $spec: $runs runs, $rounds rounds"
TIMEFORMAT='%R %U %S'
loop='BEGIN { s = 0; for (i = 0; i < 100000000; i++) s += i * 0.5 }'
speedups=() ceilings=()
declare -A best=([1]=1e9 [2]=1e9)
for round in $(seq 1 "$rounds"); do
  declare -A wall_of=()
  for p in 1 2; do
    rm -rf "$out/sweep"
    read -r wall user sys < <({ time "$lnsgd" sweep "$spec" --out "$out/sweep" --parallel "$p" --quiet >/dev/null; } 2>&1)
    awk -v r="$round" -v p="$p" -v w="$wall" -v u="$user" -v s="$sys" -v n="$runs" \
      'BEGIN { printf "round %d  --parallel %d: %6.1f s wall, %6.1f s CPU (%.2f cores busy), %.3f runs/s\n", r, p, w, u + s, (u + s) / w, n / w }'
    wall_of[$p]=$wall
    best[$p]=$(awk -v a="${best[$p]}" -v b="$wall" 'BEGIN { print (b < a ? b : a) }')
  done
  start=$(date +%s.%N); awk "$loop"; middle=$(date +%s.%N); awk "$loop" & awk "$loop" & wait; end=$(date +%s.%N)
  ceiling=$(awk -v a="$start" -v b="$middle" -v c="$end" 'BEGIN { printf "%.2f", 2 * (b - a) / (c - b) }')
  speedup=$(awk -v one="${wall_of[1]}" -v two="${wall_of[2]}" 'BEGIN { printf "%.2f", one / two }')
  echo "round $round  speed-up ${speedup}x; machine ceiling (two CPU loops vs one) ${ceiling}x"
  speedups+=("$speedup") ceilings+=("$ceiling")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
awk -v n="$runs" -v one="${best[1]}" -v two="${best[2]}" -v ms="$(median "${speedups[@]}")" -v mc="$(median "${ceilings[@]}")" 'BEGIN {
  printf "best of each: %.1f s on 1 core, %.1f s on 2; throughput %.3f vs %.3f runs/s; speed-up %.2fx\n", one, two, n / one, n / two, one / two
  printf "median round: speed-up %.2fx; machine ceiling %.2fx\n", ms, mc
}'
