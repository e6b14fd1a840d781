#!/usr/bin/env python3
"""Replay an lnsgd run in plain PyTorch, the way the paper's authors train, and check it.

usage: python3 bench/pytorch_reference.py RUN_DIR [--steps N] [--json]

RUN_DIR is a folder written by `lnsgd run ... --export-npz`. The script reads the step size
from RUN_DIR/manifest.json (config.eta), the data and W(0), a(0) from problem.npz and every
draw from tape.npz (index: the training rows of each step, noise: the label noise added to
each), and trains a two-layer linear network with autograd: float64, one thread, per step
pred = a @ (W @ x), loss = 0.5 * (pred - y - eps)**2 averaged over the batch, then
p -= eta * p.grad for W and a. A full replay is compared with final.npz: the largest
|difference| divided by the largest |value|, for W and for a, must be at most 1e-9.

Prints the replay's steps per second and the check; exits 0 on agreement (or when the check
is skipped because --steps replays a prefix), 1 on mismatch, 2 on unusable input.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

TOLERANCE = 1e-9


def fail(message):
    print(f"pytorch_reference: {message}", file=sys.stderr)
    sys.exit(2)


def load_npz(run_dir, name, required=True):
    path = os.path.join(run_dir, name)
    if not os.path.exists(path):
        if required:
            fail(f"{path} is missing (run lnsgd with --export-npz)")
        return None
    with np.load(path) as archive:
        return {key: archive[key] for key in archive.files}


def replay(problem, tape, eta, steps):
    """Trains for `steps` steps of the tape; returns (W, a, seconds spent in the loop)."""
    torch.set_num_threads(1)
    X = torch.from_numpy(problem["X"])
    y = torch.from_numpy(problem["y"])
    W = torch.tensor(problem["W0"], dtype=torch.float64, requires_grad=True)
    a = torch.tensor(problem["a0"], dtype=torch.float64, requires_grad=True)
    batched = tape["index"].shape[1] > 1
    if not batched:
        # One sample per step, as in the authors' loop: a Python int row and a float noise value.
        rows = tape["index"][:, 0].tolist()
        eps = tape["noise"][:, 0].tolist()
    else:
        rows = torch.from_numpy(tape["index"])
        eps = torch.from_numpy(tape["noise"])

    start = time.perf_counter()
    for t in range(steps):
        x = X[rows[t]]                   # d, or batch x d
        pred = a @ (W @ (x.T if batched else x))  # scalar, or batch
        loss = (0.5 * (pred - y[rows[t]] - eps[t]) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            W -= eta * W.grad
            a -= eta * a.grad
        W.grad.zero_()
        a.grad.zero_()
    seconds = time.perf_counter() - start
    return W.detach().numpy(), a.detach().numpy(), seconds


def relative_difference(ours, theirs):
    """max |ours - theirs| / max |theirs| (the absolute difference when theirs is all zero)."""
    scale = np.max(np.abs(theirs)) if theirs.size else 0.0
    diff = np.max(np.abs(ours - theirs)) if theirs.size else 0.0
    return float(diff / scale) if scale > 0 else float(diff)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run_dir", help="run folder written by lnsgd run --export-npz")
    parser.add_argument("--steps", type=int, help="replay only the first N steps of the tape")
    parser.add_argument("--json", action="store_true", help="print one JSON line instead of text")
    args = parser.parse_args()

    try:
        with open(os.path.join(args.run_dir, "manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        eta = float(manifest["config"]["eta"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        fail(f"cannot read eta from {args.run_dir}/manifest.json: {e}")
    optimizer = manifest.get("config", {}).get("optimizer", "sgd")
    if optimizer not in ("sgd", "gd"):
        fail(f"the run's optimizer is '{optimizer}'; this replay covers sgd and gd only")
    problem = load_npz(args.run_dir, "problem.npz")
    tape = load_npz(args.run_dir, "tape.npz")
    final = load_npz(args.run_dir, "final.npz", required=False)

    length = tape["index"].shape[0]
    steps = length if args.steps is None else args.steps
    if not 0 <= steps <= length:
        fail(f"--steps {steps} is outside the tape's 0..{length} steps")

    W, a, seconds = replay(problem, tape, eta, steps)
    result = {
        "run_dir": args.run_dir,
        "steps": steps,
        "batch": int(tape["index"].shape[1]),
        "m": int(W.shape[0]),
        "d": int(W.shape[1]),
        "seconds": seconds,
        "steps_per_second": steps / seconds if seconds > 0 else None,
        "torch": torch.__version__,
        "numpy": np.__version__,
        "tolerance": TOLERANCE,
    }
    if steps != length:
        result.update(checked=False, reason=f"replayed a prefix of {steps} of {length} steps")
    elif final is None:
        result.update(checked=False, reason="final.npz is missing (the run diverged)")
    else:
        diff_w = relative_difference(W, final["W"])
        diff_a = relative_difference(a, final["a"])
        result.update(checked=True, max_rel_diff_W=diff_w, max_rel_diff_a=diff_a,
                      agree=bool(max(diff_w, diff_a) <= TOLERANCE))

    if args.json:
        print(json.dumps(result))
    else:
        rate = result["steps_per_second"]
        print(f"pytorch {result['torch']}: {steps} steps (batch {result['batch']}, m {result['m']}, d {result['d']}) "
              f"in {seconds:.2f} s = {rate:,.0f} steps/s" if rate else f"pytorch: {steps} steps")
        if result["checked"]:
            verdict = "AGREE" if result["agree"] else "MISMATCH"
            print(f"check vs final.npz: max rel diff W {result['max_rel_diff_W']:.3e}, "
                  f"a {result['max_rel_diff_a']:.3e} (tolerance {TOLERANCE:g}): {verdict}")
        else:
            print(f"check skipped: {result['reason']}")
    return 1 if result.get("agree") is False else 0


if __name__ == "__main__":
    sys.exit(main())
