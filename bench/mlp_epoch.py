#!/usr/bin/env python3
"""Time epochs of the fig1 MLP in PyTorch, the baseline of `lnsgd real --bench`.

784-512-ReLU-10 with biases, cross-entropy, plain SGD (lr 0.1, no momentum, no weight decay),
batch 128, a fresh shuffle per epoch, on all 60,000 Fashion-MNIST training images standardised
by their pixel mean and std: the same work as one epoch of `lnsgd real fig1`'s clean arm.

usage: python3 bench/mlp_epoch.py [--data-dir DIR] [--epochs N] [--threads N] [--dtype float64|float32] [--json]
"""
import argparse, gzip, json, os, struct, time

import numpy as np
import torch


def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    dims = data[3]
    shape = struct.unpack(">" + "i" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(folder, name):
    for candidate in (name, name + ".gz"):
        path = os.path.join(folder, candidate)
        if os.path.exists(path):
            return path
    raise SystemExit(f"{name} not found in {folder} (apt-get install dataset-fashion-mnist, or --data-dir)")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--dtype", default="float64", choices=["float64", "float32"])
    p.add_argument("--json", action="store_true")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    dtype = torch.float64 if a.dtype == "float64" else torch.float32
    x = read_idx(find(a.data_dir, "train-images-idx3-ubyte")).reshape(60000, -1).astype(np.float64)
    y = read_idx(find(a.data_dir, "train-labels-idx1-ubyte")).astype(np.int64)
    x = (x - x.mean()) / x.std()
    X = torch.tensor(x, dtype=dtype)
    Y = torch.tensor(y)
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(), torch.nn.Linear(512, 10)).to(dtype)
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    loss_fn = torch.nn.CrossEntropyLoss()
    times = []
    for _ in range(a.epochs):
        start = time.perf_counter()
        perm = torch.randperm(60000)
        for s in range(0, 60000, 128):
            idx = perm[s:s + 128]
            opt.zero_grad()
            loss = loss_fn(net(X[idx]), Y[idx])
            loss.backward()
            opt.step()
        times.append(time.perf_counter() - start)
    result = {"framework": f"pytorch {torch.__version__}", "dtype": a.dtype, "threads": a.threads, "epoch_seconds": times,
              "best": min(times), "final_loss": float(loss)}
    print(json.dumps(result) if a.json else f"PyTorch {torch.__version__} ({a.dtype}, {a.threads} threads): epochs {', '.join(f'{t:.2f}' for t in times)} s; best {min(times):.2f} s")


if __name__ == "__main__":
    main()
