#!/usr/bin/env bash
# kill -9 a checkpointing run at random moments, again and again, resuming it each time.
# After every kill: no file under its final name may be partial. `lnsgd replay --check`
# must load the manifest (and any CSV it lists) and match up to the checkpoint step, and the
# next `lnsgd resume` must load the checkpoint (exit 2 would mean a damaged file). Every
# completed run must equal an uninterrupted one byte for byte.
#   scripts/kill9-check.sh [KILLS]    (default 50)
set -uo pipefail
cd "$(dirname "$0")/.."
kills=${1:-50}
dotnet build Shell -c Release -v q -nologo >/dev/null || exit 1
# No shell function around dotnet: `$!` must be the PID of the process that writes the files.
lnsgd=(dotnet Shell/bin/Release/net10.0/lnsgd.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args=(run fig2 --set m=50 --set optimizer=gd --set n=3000 --set sigma=1 --steps 3000 --record-every 100
      --set snapshots=40 --checkpoint-every 10 --no-plots --quiet)
"${lnsgd[@]}" "${args[@]}" --out "$work/whole" || exit 1

done_kills=0 completed=0 leftovers=0 failures=0 fresh=1
while [ "$done_kills" -lt "$kills" ]; do
  if [ "$fresh" = 1 ]; then rm -rf "$work/run"; "${lnsgd[@]}" "${args[@]}" --out "$work/run" & else "${lnsgd[@]}" resume "$work/run" --quiet & fi
  pid=$!
  sleep "0.$(( RANDOM % 40 + 10 ))"
  kill -9 "$pid" 2>/dev/null && killed=1 || killed=0
  wait "$pid"; code=$?
  fresh=0
  if [ "$killed" = 1 ] && [ "$code" = 137 ]; then
    done_kills=$((done_kills + 1))
    leftovers=$((leftovers + $(find "$work/run" -name '*.tmp-*' | wc -l)))
    if [ -f "$work/run/manifest.json" ] && ! "${lnsgd[@]}" replay "$work/run" --check --quiet; then
      echo "kill $done_kills: replay --check failed"; failures=$((failures + 1))
    fi
    # Killed before its first manifest: nothing to resume, start again.
    [ -f "$work/run/manifest.json" ] || fresh=1
    # Killed after its final manifest: it is finished (only the checkpoint's removal was cut short).
    grep -q '"status": "finished"' "$work/run/manifest.json" 2>/dev/null && code=0
  fi
  if [ "$code" = 0 ]; then
    completed=$((completed + 1)); fresh=1
    if ! cmp -s <(cd "$work/run" && cat metrics.csv trace.csv snapshots.csv manifest.json) \
                <(cd "$work/whole" && cat metrics.csv trace.csv snapshots.csv manifest.json); then
      echo "completed run $completed differs from the uninterrupted run"; failures=$((failures + 1))
    fi
  elif [ "$killed" = 0 ] || [ "$code" != 137 ]; then
    echo "unexpected exit $code (2 = a damaged manifest or checkpoint)"; failures=$((failures + 1)); fresh=1
  fi
done
echo "kill -9: $done_kills kills, $completed runs completed by resume and compared, $leftovers temporaries seen after kills (swept by the next resume), $failures failures"
[ "$failures" = 0 ]
