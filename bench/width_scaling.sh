#!/usr/bin/env bash
# Width scaling of a whole `lnsgd run` (setup, steps, records, snapshots, figures, files):
# fig2 with 3,000,000 steps at m = 1e3 and m = 1e6, side by side, figures and snapshots on,
# eta scaled with the width through eta_relative (the same fraction of the stable step at both
# widths). Two record settings: the preset's record_every (5,000: 601 records) and one record at
# each end (--record-every 3000000, the issue's command). Prints wall time, peak RSS and folder
# size of every run, then the m = 1e6 / m = 1e3 ratios (best of ROUNDS each). CPU time (user +
# system) is printed too: on a machine shared with other jobs it moves less than wall time.
#
# Needs GNU time for the peak RSS: /usr/bin/time (Debian: apt-get install time).
# Usage: bench/width_scaling.sh [ROUNDS] [ETA_RELATIVE]     (defaults: 1, 0.6)
set -euo pipefail
rounds=${1:-1}
relative=${2:-0.6}
source "$(dirname "$0")/timed.sh"
printf '%-9s %-8s %5s %9s %9s %10s %9s\n' records m round wall_s cpu_s peak_MB folder_MB
declare -A best_wall best_cpu best_rss size
for records in 3000000 preset; do
  for round in $(seq 1 "$rounds"); do
    for m in 1000 1000000; do
      out="$work/$records-$m"
      extra=()
      [ "$records" = preset ] || extra=(--record-every "$records")
      /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$lnsgd" run fig2 --steps 3000000 --set m=$m --set eta_relative=$relative \
        "${extra[@]}" --out "$out" --force --quiet 2> "$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
      read -r wall rss user sys < "$work/time"
      cpu=$(awk "BEGIN{print $user + $sys}")
      mb=$(du -sm "$out" | cut -f1)
      printf '%-9s %-8s %5s %9.2f %9.2f %10.0f %9s\n' "$records" "$m" "$round" "$wall" "$cpu" "$((rss / 1024))" "$mb"
      key="$records-$m"
      if [ -z "${best_wall[$key]:-}" ] || awk "BEGIN{exit !($wall < ${best_wall[$key]})}"; then best_wall[$key]=$wall; fi
      if [ -z "${best_cpu[$key]:-}" ] || awk "BEGIN{exit !($cpu < ${best_cpu[$key]})}"; then best_cpu[$key]=$cpu; fi
      if [ -z "${best_rss[$key]:-}" ] || [ "$rss" -gt "${best_rss[$key]}" ]; then best_rss[$key]=$rss; fi
      size[$key]=$(du -sk "$out" | cut -f1)
    done
  done
  small=${best_wall[$records-1000]}; wide=${best_wall[$records-1000000]}
  cs=${best_cpu[$records-1000]}; cw=${best_cpu[$records-1000000]}
  echo "records=$records: best wall m=1e3 ${small} s, m=1e6 ${wide} s, ratio $(awk "BEGIN{printf \"%.2f\", $wide/$small}"); best CPU ${cs} s vs ${cw} s, ratio $(awk "BEGIN{printf \"%.2f\", $cw/$cs}"); peak RSS m=1e6 $(( ${best_rss[$records-1000000]} / 1024 )) MB (largest of the rounds); folder m=1e6 $(( ${size[$records-1000000]} / 1024 )) MB"
done
grep -h "eta" "$work/preset-1000000/manifest.json" | head -1 | sed 's/^ */m=1e6 resolved /'
grep -h '"eta"' "$work/preset-1000/manifest.json" | head -1 | sed 's/^ */m=1e3 resolved /'
