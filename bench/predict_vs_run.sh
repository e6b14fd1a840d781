#!/usr/bin/env bash
# The prediction's cost against the simulation it predicts, side by side: `lnsgd predict fig2`
# and `lnsgd run fig2 --set engine=gram --no-plots` (the same 2.5M steps), alternating, at
# m = 1e3 and at m = 1e6 (eta = 1e-6 there: fig2's eta diverges at that width). Prints wall and
# CPU time (user + system) of every command and the predict / run ratios of the best of ROUNDS.
# On a machine shared with other jobs CPU time is the comparable number.
#
# Needs GNU time: /usr/bin/time (Debian: apt-get install time).
# Usage: bench/predict_vs_run.sh [ROUNDS] [WIDTHS...]     (defaults: 2, 1000 1000000)
set -euo pipefail
rounds=${1:-2}
shift || true
widths=("${@:-1000 1000000}")
read -r -a widths <<< "${widths[*]}"
source "$(dirname "$0")/timed.sh"
printf '%-8s %-8s %5s %8s %8s\n' command m round wall_s cpu_s
for m in "${widths[@]}"; do
  set_eta=()
  [ "$m" -gt 1000 ] && set_eta=(--set eta=1e-6)
  best_p_cpu=; best_r_cpu=; best_p_wall=; best_r_wall=
  for round in $(seq 1 "$rounds"); do
    rm -rf "$work/p" "$work/r"
    /usr/bin/time -f '%e %U %S' -o "$work/tp" "$lnsgd" predict fig2 --set m="$m" "${set_eta[@]}" --out "$work/p" > /dev/null 2>&1
    /usr/bin/time -f '%e %U %S' -o "$work/tr" "$lnsgd" run fig2 --set m="$m" "${set_eta[@]}" --set engine=gram --no-plots --out "$work/r" > /dev/null 2>&1
    read -r pw pu ps < <(tail -1 "$work/tp"); read -r rw ru rs < <(tail -1 "$work/tr")
    pc=$(echo "$pu + $ps" | bc -l); rc=$(echo "$ru + $rs" | bc -l)
    printf '%-8s %-8s %5s %8.2f %8.2f\n' predict "$m" "$round" "$pw" "$pc"
    printf '%-8s %-8s %5s %8.2f %8.2f\n' run "$m" "$round" "$rw" "$rc"
    [ -z "$best_p_cpu" ] || (( $(echo "$pc < $best_p_cpu" | bc -l) )) && best_p_cpu=$pc
    [ -z "$best_r_cpu" ] || (( $(echo "$rc < $best_r_cpu" | bc -l) )) && best_r_cpu=$rc
    [ -z "$best_p_wall" ] || (( $(echo "$pw < $best_p_wall" | bc -l) )) && best_p_wall=$pw
    [ -z "$best_r_wall" ] || (( $(echo "$rw < $best_r_wall" | bc -l) )) && best_r_wall=$rw
  done
  printf 'm = %s: predict / run = %.3f of the CPU time, %.3f of the wall time (best of %s)\n' "$m" \
    "$(echo "$best_p_cpu / $best_r_cpu" | bc -l)" "$(echo "$best_p_wall / $best_r_wall" | bc -l)" "$rounds"
done
