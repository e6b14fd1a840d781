#!/usr/bin/env python3
"""Replay one arm of an `lnsgd real` run in plain PyTorch float64, and check it.

usage: python3 bench/pytorch_real_reference.py RUN_DIR ARM [--tolerance T] [--json]

RUN_DIR is a folder written by `lnsgd real PRESET --export-npz`; ARM is an arm's folder
(clean, label-noise, linearised, sgd, ...) or its label. The script reads the config from
RUN_DIR/manifest.json, the arrays the network saw from data.npz, theta_0 from init.npz and the
arm's draws from ARM/tape.npz (the batch rows and the class each is trained on at every step),
and trains, independently of lnsgd's code,

    f(x) = s_A * A phi(s_W * W x + s_b * b) + s_c * c        (phi: erf, relu, tanh, identity)

with autograd: MSE 0.5 * mean((f - y)^2) or cross-entropy mean(-sum y log softmax f) on one-hot
targets of the tape's classes; per step p -= eta * grad (full-batch GD, or mini-batch SGD over
the tape's shuffled batches), or normalised SAM (g = grad, p~ = p + rho g/|g|, p -= eta grad(p~)).
A linearised arm trains the offset D of f_lin(x) = f(x; theta_0) + J(theta_0) D, evaluated by
torch.func.jvp and trained by torch.func.vjp at theta_0 (functorch on PyTorch < 2.0).

At every recorded step it computes the clean train loss (the first eval_train rows), the test
loss and the mean batch loss since the previous record, as lnsgd's metrics.csv does. It reports
the largest relative difference of the final parameters, max |p - p_lnsgd| / max |p_lnsgd| over
W, b, A, c (for a linearised arm over the offsets delta_*), and of the recorded losses,
max |l - l_lnsgd| / |l_lnsgd|, against ARM/final.npz. The default tolerance, 1e-9, is justified
in README (section "Real-data runs", paragraph "Why 1e-9"): both sides round differently in every
matrix product (fused multiply-adds, blocking, summation order), 1e-16..1e-13 per step, which
over 2,000 GD steps or an epoch of SGD adds up to 1e-12 at most (measured: 2e-15), far below
1e-9; a modelling difference shows far above it (one wrong label at one step: 9e-6).

Exits 0 on agreement, 1 on mismatch, 2 on unusable input.
"""
import argparse
import json
import math
import os
import re
import sys
import time

import numpy as np
import torch

try:
    from torch.func import jvp, vjp
except ImportError:  # PyTorch < 2.0 ships the same functions as functorch
    from functorch import jvp, vjp

TOLERANCE = 1e-9
NAMES = ("W", "b", "A", "c")


def fail(message):
    print(f"pytorch_real_reference: {message}", file=sys.stderr)
    sys.exit(2)


def load_npz(path):
    if not os.path.exists(path):
        fail(f"{path} is missing (run lnsgd real with --export-npz)")
    with np.load(path) as archive:
        return {key: archive[key] for key in archive.files}


def slug(label):
    """lnsgd's folder name for an arm label."""
    out = ""
    for ch in label.lower():
        if (ch.isascii() and ch.isalnum()) or ch == ".":
            out += ch
        elif ch == "τ":
            out += "tau"
        elif out and out[-1] != "-":
            out += "-"
    return out.strip("-")


def activation(name):
    return {"erf": torch.erf, "relu": torch.relu, "tanh": torch.tanh, "identity": lambda z: z}.get(name) or fail(f"unknown activation '{name}'")


def make_loss(name):
    if name == "mse":
        return lambda f, y: 0.5 * ((f - y) ** 2).mean()
    if name in ("cross-entropy", "ce"):
        return lambda f, y: -(y * torch.log_softmax(f, dim=1)).sum(dim=1).mean()
    fail(f"unknown loss '{name}'")


def replay(run_dir, arm_folder, arm, config):
    torch.set_default_dtype(torch.float64)
    data = load_npz(os.path.join(run_dir, "data.npz"))
    init = load_npz(os.path.join(run_dir, "init.npz"))
    tape = load_npz(os.path.join(run_dir, arm_folder, "tape.npz"))
    if arm.get("status") == "diverged":
        fail(f"arm '{arm['label']}' diverged: it has no final.npz to compare with")
    final = load_npz(os.path.join(run_dir, arm_folder, "final.npz"))

    X = torch.from_numpy(data["X"])
    X_test = torch.from_numpy(data["X_test"])
    labels = torch.from_numpy(data["labels"])
    Y, Y_test = torch.from_numpy(data["Y"]), torch.from_numpy(data["Y_test"])
    n, classes = Y.shape
    s_W, s_b, s_A, s_c = (float(init[k][0]) for k in ("s_W", "s_b", "s_A", "s_c"))
    theta0 = tuple(torch.from_numpy(init[k]) for k in NAMES)
    phi = activation(config["activation"])
    loss_fn = make_loss(config["loss"])
    eta = float(config["eta"])
    rho = float(arm["rho"])
    linearised = bool(arm["linearised"])
    eval_train = int(config["eval_train"])
    eval_rows = min(n, eval_train) if eval_train > 0 else n

    def forward(params, x):
        W, b, A, c = params
        return s_A * (phi(s_W * (x @ W.T) + s_b * b) @ A.T) + s_c * c

    index = torch.from_numpy(tape["index"])
    tape_labels = torch.from_numpy(tape["labels"])
    steps = index.shape[0]
    full_batch = bool((index == torch.arange(n)).all()) if index.shape[1] == n else False
    record_steps = [int(s) for s in final["record_step"]]
    record_set = set(record_steps)

    if linearised:
        # theta_0's outputs and its vector-Jacobian product, per input set (the full batch: once).
        cache = {}

        def lin_parts(x, key):
            if key not in cache:
                for stale in [k for k in cache if k.startswith("step")]:
                    del cache[stale]
                out0, pullback = vjp(lambda *p: forward(p, x), *theta0)
                cache[key] = (out0.detach(), pullback)
            return cache[key]

        def lin_outputs(delta, x, key):
            out0, _ = lin_parts(x, key)
            _, change = jvp(lambda *p: forward(p, x), theta0, delta)
            return out0 + change

        def lin_grad(delta, x, y, key):
            with torch.enable_grad():
                f = lin_outputs(delta, x, key).requires_grad_(True)
                value = loss_fn(f, y)
                (g_f,) = torch.autograd.grad(value, f)
            return value.item(), lin_parts(x, key)[1](g_f)

        state = tuple(torch.zeros_like(p) for p in theta0)

        def outputs(x, key):
            return lin_outputs(state, x, key)

        def gradient(point, x, y, key):
            return lin_grad(point, x, y, key)
    else:
        state = tuple(p.clone() for p in theta0)

        def outputs(x, key):
            with torch.no_grad():
                return forward(state, x)

        def gradient(point, x, y, key):
            params = tuple(p.detach().requires_grad_(True) for p in point)
            value = loss_fn(forward(params, x), y)
            grads = torch.autograd.grad(value, params)
            return value.item(), grads

    losses = {"train_loss": [], "test_loss": [], "batch_loss": []}
    batch_sum, batch_count = 0.0, 0

    def record():
        nonlocal batch_sum, batch_count
        f_train = outputs(X[:eval_rows], "eval" if eval_rows < n else "train")
        f_test = outputs(X_test, "test")
        with torch.no_grad():
            losses["train_loss"].append(loss_fn(f_train, Y[:eval_rows]).item())
            losses["test_loss"].append(loss_fn(f_test, Y_test).item())
        losses["batch_loss"].append(batch_sum / batch_count if batch_count else math.nan)
        batch_sum, batch_count = 0.0, 0

    start = time.perf_counter()
    if 0 in record_set:
        record()
    for t in range(steps):
        used = index[t] >= 0
        rows = index[t][used]
        x = X if full_batch else X[rows]
        y = torch.nn.functional.one_hot(tape_labels[t][used], classes).to(torch.float64)
        key = "train" if full_batch else f"step{t}"
        value, grads = gradient(state, x, y, key)
        if not math.isfinite(value):
            fail(f"the replay diverged at step {t}")
        if rho > 0:
            norm = math.sqrt(sum(float((g * g).sum()) for g in grads))
            if norm > 0 and math.isfinite(norm):
                ascended = tuple(p + (rho / norm) * g for p, g in zip(state, grads))
                _, grads = gradient(ascended, x, y, key)
        with torch.no_grad():
            state = tuple(p - eta * g for p, g in zip(state, grads))
        batch_sum += value
        batch_count += 1
        if t + 1 in record_set:
            record()
    seconds = time.perf_counter() - start

    # Final parameters: the trained state (the offsets for a linearised arm).
    prefix = "delta_" if linearised else ""
    param_diff = {}
    for name, value in zip(NAMES, state):
        reference = final[prefix + name]
        scale = np.max(np.abs(reference)) if reference.size else 0.0
        diff = np.max(np.abs(value.numpy() - reference)) if reference.size else 0.0
        param_diff[prefix + name] = float(diff / scale) if scale > 0 else float(diff)
    loss_diff = {}
    for name, values in losses.items():
        reference = final[name]
        if len(values) != len(reference):
            fail(f"{len(values)} records replayed but final.npz has {len(reference)}")
        worst = 0.0
        for mine, theirs in zip(values, reference):
            if math.isnan(mine) and math.isnan(theirs):
                continue
            worst = max(worst, abs(mine - theirs) / abs(theirs) if theirs != 0 else abs(mine))
        loss_diff[name] = float(worst)
    return steps, seconds, param_diff, loss_diff


def main():
    parser = argparse.ArgumentParser(description="Replay one arm of an lnsgd real run in PyTorch float64 and compare.")
    parser.add_argument("run_dir")
    parser.add_argument("arm", help="the arm's folder or label")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    manifest_path = os.path.join(args.run_dir, "manifest.json")
    if not os.path.exists(manifest_path):
        fail(f"{manifest_path} is missing")
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    if "export" not in manifest:
        fail(f"{args.run_dir} was not written with --export-npz")
    config = manifest["config"]
    arms = {slug(a["label"]): a for a in manifest["arms"]}
    arm_folder = args.arm if args.arm in arms else slug(args.arm)
    if arm_folder not in arms:
        fail(f"no arm '{args.arm}' (arms: {', '.join(arms)})")
    arm = arms[arm_folder]

    steps, seconds, param_diff, loss_diff = replay(args.run_dir, arm_folder, arm, config)
    worst_param = max(param_diff.values())
    worst_loss = max(loss_diff.values())
    ok = bool(worst_param <= args.tolerance and worst_loss <= args.tolerance)
    if args.json:
        print(json.dumps({
            "arm": arm["label"], "steps": steps, "seconds": seconds, "torch": torch.__version__,
            "param_rel_diff": param_diff, "loss_rel_diff": loss_diff,
            "max_param_rel_diff": worst_param, "max_loss_rel_diff": worst_loss,
            "tolerance": args.tolerance, "agree": ok,
        }))
    else:
        print(f"replayed {arm['label']} ({arm_folder}): {steps} steps in {seconds:.1f} s with PyTorch {torch.__version__}")
        print("final parameters, max |diff| / max |value|: " + ", ".join(f"{k} {v:.2e}" for k, v in param_diff.items()))
        print("recorded losses, max relative difference:  " + ", ".join(f"{k} {v:.2e}" for k, v in loss_diff.items()))
        print(f"{'agree' if ok else 'MISMATCH'}: largest {max(worst_param, worst_loss):.2e} vs tolerance {args.tolerance:.0e}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
