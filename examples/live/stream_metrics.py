#!/usr/bin/env python3
"""Stream a running lnsgd run's metrics.jsonl into TensorBoard, MLflow or the terminal.

lnsgd appends one JSON object per record to RUNDIR/metrics.jsonl and flushes it at once
(metrics.csv's columns; a non-finite value is null), and writes RUNDIR/provenance.json with
"ended": null while the run runs. This script follows the file like `tail -f` and forwards
every row as it appears; it stops when provenance.json says the run ended. lnsgd itself needs
none of this: the sinks' packages are imported only when chosen.

    lnsgd run fig2 --out runs/live &
    python3 examples/live/stream_metrics.py runs/live                        # print rows
    python3 examples/live/stream_metrics.py runs/live --sink tensorboard     # tensorboard --logdir tb
    python3 examples/live/stream_metrics.py runs/live --sink mlflow          # mlflow ui

tensorboard needs `torch` (torch.utils.tensorboard) or `tensorboardX`; mlflow needs `mlflow`.
"""
import argparse
import json
import os
import time


def rows(run_dir, poll=0.5, follow=True):
    """Yields each metrics.jsonl row once it is complete (a half-written last line waits)."""
    path = os.path.join(run_dir, "metrics.jsonl")
    while not os.path.exists(path):
        time.sleep(poll)
    with open(path, encoding="utf-8") as f:
        pending = ""
        while True:
            chunk = f.readline()
            if chunk:
                pending += chunk
                if pending.endswith("\n"):
                    yield json.loads(pending)
                    pending = ""
                continue
            if not follow or ended(run_dir):
                # One more read: rows flushed between the last read and the end.
                rest = pending + f.read()
                for line in rest.splitlines():
                    if line.strip():
                        yield json.loads(line)
                return
            time.sleep(poll)


def ended(run_dir):
    try:
        with open(os.path.join(run_dir, "provenance.json"), encoding="utf-8") as f:
            return json.load(f).get("ended") is not None
    except (OSError, ValueError):
        return False


def print_sink(_run_dir):
    def log(row):
        shown = {k: row[k] for k in ("train_loss", "test_loss", "mean_w_sq", "mean_cos") if k in row}
        print(row["step"], json.dumps(shown), flush=True)
    return log, lambda: None


def tensorboard_sink(run_dir, log_dir="tb"):
    try:
        from torch.utils.tensorboard import SummaryWriter
    except ImportError:
        from tensorboardX import SummaryWriter
    writer = SummaryWriter(os.path.join(log_dir, os.path.basename(os.path.normpath(run_dir))))

    def log(row):
        for key, value in row.items():
            if key != "step" and value is not None:
                writer.add_scalar(key, value, row["step"])
        writer.flush()
    return log, writer.close


def mlflow_sink(run_dir):
    import mlflow
    mlflow.start_run(run_name=os.path.basename(os.path.normpath(run_dir)))
    try:
        with open(os.path.join(run_dir, "provenance.json"), encoding="utf-8") as f:
            provenance = json.load(f)
        mlflow.log_params({"argv": " ".join(provenance["argv"]), "version": provenance["version"],
                           "commit": provenance["commit"] or "unknown", "host": provenance["host"]})
    except (OSError, ValueError, KeyError):
        pass

    def log(row):
        mlflow.log_metrics({k: v for k, v in row.items() if k != "step" and v is not None}, step=row["step"])
    return log, mlflow.end_run


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir", help="the run folder (lnsgd run --out DIR)")
    parser.add_argument("--sink", choices=["print", "tensorboard", "mlflow"], default="print")
    parser.add_argument("--no-follow", action="store_true", help="read what is there and stop")
    args = parser.parse_args()
    log, close = {"print": print_sink, "tensorboard": tensorboard_sink, "mlflow": mlflow_sink}[args.sink](args.run_dir)
    count = 0
    try:
        for row in rows(args.run_dir, follow=not args.no_follow):
            log(row)
            count += 1
    finally:
        close()
    print(f"{count} rows from {os.path.join(args.run_dir, 'metrics.jsonl')}")


if __name__ == "__main__":
    main()
