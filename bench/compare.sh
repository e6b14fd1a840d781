#!/usr/bin/env bash
# Side-by-side speed of lnsgd's engines and the PyTorch reference loop on the paper's setting,
# in one run so both see the same machine load. Needs Debian's python3-torch and python3-numpy.
# usage: bash bench/compare.sh [PYTORCH_STEPS]   (default 50000)
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-50000}
python=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build Shell -c Release -v quiet -nologo >/dev/null
lnsgd=Shell/bin/Release/net10.0/lnsgd
"$lnsgd" run fig2 --steps 100000 --export-npz --no-plots --quiet --out "$work/run"

torch_rate() { "$python" bench/pytorch_reference.py "$work/run" --steps "$steps" --json | "$python" -c 'import json,sys; print(json.load(sys.stdin)["steps_per_second"])'; }
# PyTorch before and after the engines; its median of the two is the reference.
t1=$(torch_rate)
"$lnsgd" bench --repeats 3 --out "$work" > "$work/bench.txt"
t2=$(torch_rate)
cat "$work/bench.txt"
"$python" - "$work/bench.json" "$t1" "$t2" <<'PY'
import json, sys
cells = json.load(open(sys.argv[1]))["cells"]
torch = sorted([float(sys.argv[2]), float(sys.argv[3])])
ref = sum(torch) / 2
print(f"\nPyTorch reference loop (m = 1000, float64, 1 thread): {torch[0]:,.0f} and {torch[1]:,.0f} steps/s, mean {ref:,.0f}")
base = {c["engine"]: c for c in cells if c["m"] == 1000}
for c in cells:
    print(f"{c['engine']:<6} m = {c['m']:>9,}: {c['steps_per_second']:>12,.0f} steps/s = {c['steps_per_second'] / ref:8.1f}x PyTorch")
gram = [c for c in cells if c["engine"] == "gram"]
print(f"\ngram time per step at m = {gram[-1]['m']:,} / at m = {gram[0]['m']:,}: {gram[0]['steps_per_second'] / gram[-1]['steps_per_second']:.2f}")
PY
