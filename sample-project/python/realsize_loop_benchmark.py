"""A plain PyTorch attack loop on the real-size CLIPSeg, timed: the Python column of RealSizeBenchmark.

Run by the benchmark (benchmarks/src/test/java/io/robustgate/benchmarks/RealSizeBenchmark.java) with
PyTorch 2.13 from a virtual environment (make_realsize_clipseg.py says how to make one):
  ../venv213/bin/python realsize_loop_benchmark.py INPUT_DIR

INPUT_DIR holds what the benchmark wrote: meta.json (module files, shapes, mean/std, eps, alpha,
steps, thread counts, repeats) and the prepared inputs RobustGate attacks (pixels.f32 [N,C,H,W] in
[0,1], targets.f32 [N,H,W], ids.i64 and mask.i64 [N,L]), so both columns attack the same tensors.
For every precision and its thread counts (torch.set_num_threads) ("fp32": model.pt; "bf16": the
bfloat16 module of make_realsize_clipseg.py --bf16, weights and activations bf16 behind a float32
signature, so the input gradient is float32) it times, per sample (batch 1), as a user would write
it: frozen weights, eval mode, normalisation inside the attacked function, BCE averaged per sample:
  * one forward+backward for the input gradient (median of `repeats`, after one warm-up);
  * L-inf PGD-`steps` at eps with a uniform random start (as RobustGate's default), then one
    prediction; its Dice on the result.
It prints one JSON line per (precision, threads) and nothing else on stdout that starts with '{'.
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
    n, c, h, w, length = meta["n"], meta["channels"], meta["height"], meta["width"], meta["length"]
    pixels = torch.from_numpy(np.fromfile(os.path.join(folder, "pixels.f32"), dtype="<f4").reshape(n, c, h, w))
    targets = torch.from_numpy(np.fromfile(os.path.join(folder, "targets.f32"), dtype="<f4").reshape(n, h, w))
    ids = torch.from_numpy(np.fromfile(os.path.join(folder, "ids.i64"), dtype="<i8").reshape(n, length))
    mask = torch.from_numpy(np.fromfile(os.path.join(folder, "mask.i64"), dtype="<i8").reshape(n, length))
    mean = torch.tensor(meta["mean"]).view(1, c, 1, 1)
    std = torch.tensor(meta["std"]).view(1, c, 1, 1)
    eps, alpha, steps, repeats = meta["eps"], meta["alpha"], meta["steps"], meta["repeats"]

    for precision, module_file in meta["modules"].items():
        model = torch.jit.load(module_file).eval()
        for p in model.parameters():
            p.requires_grad_(False)

        def logits(x, i, m):
            return model((x - mean) / std, i, m)[:, 0]

        def gradient(x, t, i, m):
            x = x.clone().requires_grad_(True)
            loss = F.binary_cross_entropy_with_logits(logits(x, i, m), t, reduction="none").mean((1, 2)).sum()
            (g,) = torch.autograd.grad(loss, x)
            assert g.dtype == torch.float32
            return g

        for threads in meta["threads"][precision]:
            torch.set_num_threads(threads)
            x0, t0, i0, m0 = pixels[:1], targets[:1], ids[:1], mask[:1]
            gradient(x0, t0, i0, m0)  # warm-up: the profiling executor specialises on the first calls
            gradient(x0, t0, i0, m0)
            times = []
            for r in range(repeats):
                k = slice(r % n, r % n + 1)
                began = time.perf_counter()
                gradient(pixels[k], targets[k], ids[k], mask[k])
                times.append(time.perf_counter() - began)
            generator = torch.Generator().manual_seed(42)
            pgd_seconds, dice = [], []
            for s in range(n):
                k = slice(s, s + 1)
                x0, t, i, m = pixels[k], targets[k], ids[k], mask[k]
                began = time.perf_counter()
                x = (x0 + (2 * torch.rand(x0.shape, generator=generator) - 1) * eps).clamp(0, 1)
                for _ in range(steps):
                    g = gradient(x, t, i, m)
                    x = torch.min(torch.max(x + alpha * g.sign(), x0 - eps), x0 + eps).clamp(0, 1)
                with torch.no_grad():
                    p = (logits(x, i, m) > 0).float()
                pgd_seconds.append(time.perf_counter() - began)
                total = (p.sum() + t.sum()).item()
                dice.append(1.0 if total == 0 else 2 * (p * t).sum().item() / total)
            print(json.dumps({"precision": precision, "threads": threads, "torch": torch.__version__,
                              "gradient_pass_seconds": sorted(times)[len(times) // 2],
                              "gradient_pass_all": [round(v, 3) for v in times],
                              "pgd_steps": steps, "pgd_seconds_per_image": pgd_seconds, "pgd_dice": dice}),
                  flush=True)
        del model


if __name__ == "__main__":
    main()
