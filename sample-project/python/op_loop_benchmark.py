"""Times each layer module of make_op_fixtures.py under Debian's PyTorch: KernelComparisonBenchmark's Python column.

/usr/bin/python3 op_loop_benchmark.py OPS_DIR ITERATIONS THREADS

For each module in OPS_DIR/ops.json: a seeded uniform input of the listed shape, then ITERATIONS
times what an attack step does to a layer: clone the input, require its gradient, y = module(x),
the gradient of y.sum() with respect to x. Frozen weights, eval mode, as in pgd_loop_benchmark.py.
Prints "op NAME ms_per_call T" after a warm-up of ITERATIONS / 10 calls.
"""
import json
import os
import sys
import time

import torch


def main() -> None:
    folder, iterations, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    shapes = json.load(open(os.path.join(folder, "ops.json")))
    for name, shape in shapes.items():
        module = torch.jit.load(os.path.join(folder, name + ".pt")).eval()
        for p in module.parameters():
            p.requires_grad_(False)
        torch.manual_seed(0)
        x0 = torch.rand(shape)

        def calls(count: int) -> None:
            for _ in range(count):
                x = x0.clone().requires_grad_(True)
                (g,) = torch.autograd.grad(module(x).sum(), x)

        calls(max(1, iterations // 10))
        began = time.perf_counter()
        calls(iterations)
        print("op %s ms_per_call %.4f" % (name, 1000 * (time.perf_counter() - began) / iterations), flush=True)


if __name__ == "__main__":
    main()
