#!/usr/bin/env bash
# One epoch of the fig1 MLP (784-512-ReLU-10, batch 128, SGD, cross-entropy, float64, all cores)
# in PyTorch and in lnsgd, side by side in one run so both see the same machine load:
# PyTorch, lnsgd, PyTorch again. Needs Debian's python3-torch, python3-numpy and dataset-fashion-mnist.
# Debian's python3-torch calls the generic libblas.so.3 (netlib's reference BLAS unless another
# provider is installed). To time PyTorch on OpenBLAS as well without changing the system, unpack
# Debian's libopenblas0-pthread somewhere and pass its library folder:
#   OPENBLAS_LIB=DIR/usr/lib/x86_64-linux-gnu/openblas-pthread bash bench/real_compare.sh
# usage: bash bench/real_compare.sh [EPOCHS]   (default 3; the best epoch of each counts)
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-3}
python=${PYTHON:-/usr/bin/python3}
threads=$(nproc)

dotnet build Shell -c Release -v quiet -nologo >/dev/null
lnsgd=Shell/bin/Release/net10.0/lnsgd

torch_best() { "$@" "$python" bench/mlp_epoch.py --epochs "$epochs" --threads "$threads" --json | "$python" -c 'import json,sys; print(json.load(sys.stdin)["best"])'; }
openblas_best() {
  # Without OPENBLAS_LIB: nothing (an if, not `[ ] &&`, whose false test would end the script under set -e).
  if [ -n "${OPENBLAS_LIB:-}" ]; then torch_best env LD_LIBRARY_PATH="$OPENBLAS_LIB" OPENBLAS_NUM_THREADS="$threads"; fi
}
run_all() {
  t1=$(torch_best env)
  o1=$(openblas_best)
  ours=$("$lnsgd" real --bench --epochs "$epochs" --json | "$python" -c 'import json,sys; print(json.load(sys.stdin)["best"])')
  t2=$(torch_best env)
  o2=$(openblas_best)
}
run_all
"$python" - "$ours" "$t1" "$t2" "$o1" "$o2" "$threads" <<'PY'
import sys
ours, t1, t2, o1, o2, threads = sys.argv[1:]
ours = float(ours)
print(f"fig1 MLP epoch (60,000 images, batch 128, float64, {threads} threads), best of each:")
print(f"  lnsgd:                                   {ours:8.2f} s")
torch = (float(t1) + float(t2)) / 2
print(f"  PyTorch, Debian default BLAS:            {float(t1):8.2f} s and {float(t2):.2f} s (mean {torch:.2f}): lnsgd / PyTorch = {ours / torch:.2f}")
if o1:
    ob = (float(o1) + float(o2)) / 2
    print(f"  PyTorch, OpenBLAS (LD_LIBRARY_PATH):     {float(o1):8.2f} s and {float(o2):.2f} s (mean {ob:.2f}): lnsgd / PyTorch = {ours / ob:.2f}")
PY
