#!/usr/bin/env bash
# One epoch of the fig1 MLP (784-512-ReLU-10, batch 128, SGD, cross-entropy, float64, all cores)
# in PyTorch and in lnsgd, side by side in one run so both see the same machine load:
# PyTorch, lnsgd, PyTorch again, for each BLAS. Needs Debian's python3-torch, python3-numpy and
# dataset-fashion-mnist.
#
# The anchor a user would have is PyTorch on OpenBLAS with OpenBLAS choosing its own kernel for
# this CPU. Debian's python3-torch calls the generic libblas.so.3 (netlib's reference BLAS unless
# another provider is installed), so the script unpacks Debian's libopenblas0-pthread into a
# temporary folder (apt-get download + dpkg -x: nothing system-wide changes) and puts it first with
# LD_LIBRARY_PATH; OPENBLAS_LIB=DIR uses an unpacked copy instead. OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE are unset for those commands, and the kernel OpenBLAS picked is printed.
# usage: bash bench/real_compare.sh [EPOCHS]   (default 3; the best epoch of each counts)
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-3}
python=${PYTHON:-/usr/bin/python3}
threads=$(nproc)

dotnet build Shell -c Release -v quiet -nologo >/dev/null
lnsgd=Shell/bin/Release/net10.0/lnsgd

if [ -z "${OPENBLAS_LIB:-}" ] && command -v apt-get >/dev/null; then
  unpacked=$(mktemp -d)
  trap 'rm -rf "$unpacked"' EXIT
  if (cd "$unpacked" && apt-get download libopenblas0-pthread >/dev/null 2>&1 && dpkg -x libopenblas0-pthread_*.deb root); then
    OPENBLAS_LIB="$unpacked/root/usr/lib/x86_64-linux-gnu/openblas-pthread"
  else
    echo "could not unpack libopenblas0-pthread (apt-get download failed): timing Debian's default BLAS only" >&2
  fi
fi

# OpenBLAS' own choice: no core type or L2 size forced.
on_openblas() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE LD_LIBRARY_PATH="$OPENBLAS_LIB" OPENBLAS_NUM_THREADS="$threads" "$@"; }
torch_best() { "$@" "$python" bench/mlp_epoch.py --epochs "$epochs" --threads "$threads" --json | "$python" -c 'import json,sys; print(json.load(sys.stdin)["best"])'; }
openblas_best() {
  # Without OPENBLAS_LIB: nothing (an if, not `[ ] &&`, whose false test would end the script under set -e).
  if [ -n "${OPENBLAS_LIB:-}" ]; then torch_best on_openblas; fi
}
kernel=""
if [ -n "${OPENBLAS_LIB:-}" ]; then
  kernel=$(on_openblas "$python" -c 'import ctypes; l = ctypes.CDLL("libopenblas.so.0"); l.openblas_get_corename.restype = ctypes.c_char_p; l.openblas_get_config.restype = ctypes.c_char_p; print(l.openblas_get_corename().decode(), "|", l.openblas_get_config().decode())')
fi
t1=$(torch_best env)
o1=$(openblas_best)
ours=$("$lnsgd" real --bench --epochs "$epochs" --json | "$python" -c 'import json,sys; print(json.load(sys.stdin)["best"])')
t2=$(torch_best env)
o2=$(openblas_best)
"$python" - "$ours" "$t1" "$t2" "$o1" "$o2" "$threads" "$kernel" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" <<'PY'
import sys
ours, t1, t2, o1, o2, threads, kernel, cpu = sys.argv[1:]
ours = float(ours)
print(f"fig1 MLP epoch (60,000 images, batch 128, float64, {threads} threads) on {cpu}, best of each:")
print(f"  lnsgd:                                   {ours:8.2f} s")
torch = (float(t1) + float(t2)) / 2
print(f"  PyTorch, Debian default BLAS:            {float(t1):8.2f} s and {float(t2):.2f} s (mean {torch:.2f}): lnsgd / PyTorch = {ours / torch:.2f}")
if o1:
    ob = (float(o1) + float(o2)) / 2
    print(f"  PyTorch, OpenBLAS (its own kernel: {kernel}):")
    print(f"                                           {float(o1):8.2f} s and {float(o2):.2f} s (mean {ob:.2f}): lnsgd / PyTorch = {ours / ob:.2f}, against its faster {ours / min(float(o1), float(o2)):.2f}")
PY
