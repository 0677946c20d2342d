"""Independent PyTorch reference for RobustGate's targeted attack VANISH.

Run from the repository root:  ../venv213/bin/python python/make_targeted_golden.py
Reads:   framework/core/src/test/resources/golden/ (the fixture of make_attack_golden.py; never modified)
Writes:  framework/core/src/test/resources/golden/attacks/targeted.json
         framework/core/src/test/resources/golden/attacks/vanish_eps16.f32

Written from docs/attacks.md ("VANISH") and DAG (Xie et al., "Adversarial Examples for Semantic
Segmentation and Object Detection", ICCV 2017), not from the Java engine; only the fixture loader,
the golden harness's conventions (float32, CPU, one thread, no random start) and its helpers are
shared with make_attack_golden.py. Targeted attacks get a file of their own so that adding them does
not rewrite the other attacks' reference.
"""
from __future__ import annotations

import json
import os
from typing import List, Tuple

import numpy as np
import torch

from make_attack_golden import B, GOLDEN, OUT, TAU, Fixture, dice_iou, perturbation_stats, proj_linf, write_f32

VANISH_SHARE = 0.01  # the recorded criterion: attacked area <= 1% of a non-empty clean area


def foreground(z: torch.Tensor) -> torch.Tensor:
    """[sigmoid(z_i) > tau] as float, detached."""
    return (torch.sigmoid(z.detach()) > TAU).to(z.dtype)


def area(z: torch.Tensor) -> List[int]:
    return [int(a) for a in foreground(z).sum(dim=(1, 2, 3)).tolist()]


def loss_vanish(z: torch.Tensor, g: torch.Tensor) -> torch.Tensor:
    """-(1/P) sum_i [y_hat_i = 1] * bce(z_i, 0): BCE towards background on the pixels still predicted
    foreground (DAG's active target set), negated so that the attack ascends it. g is not used."""
    softplus = torch.clamp(z, min=0.0) + torch.log(1.0 + torch.exp(-torch.abs(z)))  # bce(z, 0)
    return -(softplus * foreground(z)).sum(dim=(1, 2, 3)) / float(z.shape[2] * z.shape[3])


def vanish(fx: Fixture, eps: float, alpha: float, steps: int, share: float) -> Tuple[torch.Tensor, List[int], List[int]]:
    """x_0 = x; for t < T: evaluate at x_t; a sample whose predicted area is at most share * its clean
    area (or whose clean area is 0) is done and stays at x_t; the others step
    x_{t+1} = Pi_inf(x_t + alpha * sign(grad L(x_t))). Returns the iterates, the step at which each
    sample stopped (T if it never did) and the clean areas."""
    x = fx.x
    with torch.no_grad():
        clean_area = area(fx.logits(x))
    done = [a == 0 for a in clean_area]
    stopped = [0 if d else steps for d in done]
    xt = x.clone()
    for t in range(steps):
        if all(done):
            break
        _, grad, z = fx.evaluate(xt, loss_vanish)
        now = area(z)
        for b in range(B):
            if not done[b] and now[b] <= share * clean_area[b]:
                done[b] = True
                stopped[b] = t
        if all(done):
            break
        moving = torch.tensor([0.0 if d else 1.0 for d in done]).view(B, 1, 1, 1)
        stepped = proj_linf(xt + alpha * torch.sign(grad), x, eps)
        xt = torch.where(moving > 0, stepped, xt)
    return xt, stopped, clean_area


def main() -> None:
    torch.manual_seed(0)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    fx = Fixture()
    os.makedirs(OUT, exist_ok=True)
    eps = 16 / 255.0
    steps = 40
    alpha = 2.5 * eps / steps
    xa, stopped, clean_area = vanish(fx, eps, alpha, steps, VANISH_SHARE)
    with torch.no_grad():
        za = fx.logits(xa)
    attacked_area = area(za)
    d, i = dice_iou(za, fx.g)
    pixels = float(xa.shape[2] * xa.shape[3])
    vanished = [1 if c > 0 and a <= VANISH_SHARE * c else 0 for c, a in zip(clean_area, attacked_area)]
    entry = {"name": "vanish_eps16", "attack": "VANISH", "eps": eps, "epsExpr": "16/255", "steps": steps,
             "alpha": alpha, "alphaExpr": "2.5*eps/steps", "randomStart": False, "vanishShare": VANISH_SHARE,
             "file": write_f32("vanish_eps16", xa), "shape": list(xa.shape), "dice": d, "iou": i,
             "cleanArea": [c / pixels for c in clean_area], "attackedArea": [a / pixels for a in attacked_area],
             "vanished": vanished, "stoppedAtStep": stopped}
    entry.update(perturbation_stats(xa, fx.x))
    assert xa.min().item() >= 0.0 and xa.max().item() <= 1.0
    assert max(entry["linf"]) <= eps + 1e-6, entry["linf"]
    out = {"formatVersion": 1, "generator": "python/make_targeted_golden.py", "torchVersion": torch.__version__,
           "definitions": "docs/attacks.md", "attacks": [entry]}
    with open(os.path.join(OUT, "targeted.json"), "w", encoding="utf-8") as fh:
        json.dump(out, fh, indent=1, ensure_ascii=False, allow_nan=False)
        fh.write("\n")
    print(f"vanish_eps16: clean area {clean_area}, attacked area {attacked_area}, vanished {vanished}, "
          f"stopped at {stopped}, Dice {[round(v, 4) for v in d]}")


if __name__ == "__main__":
    main()
