"""A plain PyTorch PGD loop, timed: column (c) of PerformanceComparisonBenchmark.

Run by the benchmark (benchmarks/src/test/java/io/robustgate/benchmarks/PerformanceComparisonBenchmark.java)
with Debian's python3-torch:  /usr/bin/python3 pgd_loop_benchmark.py INPUT_DIR BATCH [BATCH ...]

INPUT_DIR holds what the benchmark wrote: meta.json (model file, shapes, mean/std, eps, alpha,
steps) and the prepared inputs RobustGate attacks (pixels.f32 [N,C,H,W] in [0,1], targets.f32
[N,H,W], ids.i64 and mask.i64 [N,L]), so all three columns attack the same tensors. For each
batch size it runs L-inf PGD without random start, as a user would write it: frozen weights,
eval mode, normalisation inside the attacked function, BCE averaged per sample and summed over
the batch, sign step and projection, then one prediction pass on the result. It prints one line
per batch size: "batch B ms_per_sample_step T", and the process's peak RSS.
"""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


def main() -> None:
    folder = sys.argv[1]
    meta = json.load(open(os.path.join(folder, "meta.json")))
    torch.set_num_threads(int(meta["threads"]))
    n, c, h, w, length = meta["n"], meta["channels"], meta["height"], meta["width"], meta["length"]
    pixels = torch.from_numpy(np.fromfile(os.path.join(folder, "pixels.f32"), dtype="<f4").reshape(n, c, h, w))
    targets = torch.from_numpy(np.fromfile(os.path.join(folder, "targets.f32"), dtype="<f4").reshape(n, h, w))
    ids = torch.from_numpy(np.fromfile(os.path.join(folder, "ids.i64"), dtype="<i8").reshape(n, length))
    mask = torch.from_numpy(np.fromfile(os.path.join(folder, "mask.i64"), dtype="<i8").reshape(n, length))
    model = torch.jit.load(meta["model"]).eval()
    for p in model.parameters():
        p.requires_grad_(False)
    mean = torch.tensor(meta["mean"]).view(1, c, 1, 1)
    std = torch.tensor(meta["std"]).view(1, c, 1, 1)
    eps, alpha, steps = meta["eps"], meta["alpha"], meta["steps"]

    def logits(x, i, m):
        return model((x - mean) / std, i, m)[:, 0]

    def attack(batch: int) -> None:
        for start in range(0, n, batch):
            x0 = pixels[start:start + batch]
            t, i, m = targets[start:start + batch], ids[start:start + batch], mask[start:start + batch]
            x = x0.clone()
            for _ in range(steps):
                x.requires_grad_(True)
                loss = F.binary_cross_entropy_with_logits(logits(x, i, m), t, reduction="none").mean((1, 2)).sum()
                (g,) = torch.autograd.grad(loss, x)
                x = torch.min(torch.max(x.detach() + alpha * g.sign(), x0 - eps), x0 + eps).clamp(0, 1)
            with torch.no_grad():
                (logits(x, i, m) > 0).float().sum()

    for batch in [int(b) for b in sys.argv[2:]]:
        attack(batch)  # warm-up: the profiling executor specialises per shape
        began = time.perf_counter()
        attack(batch)
        seconds = time.perf_counter() - began
        print("batch %d ms_per_sample_step %.3f" % (batch, 1000 * seconds / n / steps), flush=True)
    print("peak_rss_mib %.0f" % (peak_rss_kib() / 1024), flush=True)


def peak_rss_kib() -> int:
    """This process's peak RSS. Not getrusage's ru_maxrss: Linux carries that across exec, so a
    script started by the benchmark JVM would report the JVM's peak."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


if __name__ == "__main__":
    main()
