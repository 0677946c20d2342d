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
from scipy.ndimage import distance_transform_edt

from make_attack_golden import B, GOLDEN, OUT, TAU, Fixture, dice_iou, perturbation_stats, proj_linf, write_f32

VANISH_SHARE = 0.01  # the recorded criterion: attacked area <= 1% of a non-empty clean area
MISSING_SHARE = 0.01  # HALLUCINATE stops once at most 1% of its square is still background
RADIUS = 5  # the true mask's dilation radius in pixels
SIDE_SHARE = 0.15  # the target square's side as a share of the shorter image side
MASK64 = (1 << 64) - 1


class SplittableRandom:
    """java.util.SplittableRandom's documented algorithm (Steele, Lea & Flood, "Fast splittable
    pseudorandom number generators", OOPSLA 2014), as far as nextInt(bound) needs it: the contract in
    docs/attacks.md names this generator for the target square's corner."""

    GAMMA = 0x9E3779B97F4A7C15

    def __init__(self, seed: int) -> None:
        self.seed = seed & MASK64

    def _next_seed(self) -> int:
        self.seed = (self.seed + self.GAMMA) & MASK64
        return self.seed

    @staticmethod
    def _mix32(z: int) -> int:
        z = ((z ^ (z >> 33)) * 0x62A9D9ED799705F5) & MASK64
        r = (((z ^ (z >> 28)) * 0xCB24D0A5C88C35B3) & MASK64) >> 32
        return r - (1 << 32) if r >= (1 << 31) else r  # as a Java int

    def next_int(self, bound: int) -> int:
        r = self._mix32(self._next_seed())
        m = bound - 1
        if bound & m == 0:
            return r & m
        u = (r & 0xFFFFFFFF) >> 1
        while True:
            r = u % bound
            if u + m - r < (1 << 31):  # no int overflow in Java
                return r
            u = (self._mix32(self._next_seed()) & 0xFFFFFFFF) >> 1


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


def targeted_steps(fx: Fixture, eps: float, alpha: float, steps: int, loss, done: List[bool], reached):
    """The loop both targeted attacks share: x_0 = x; for t < T evaluate at x_t; a sample not done
    whose prediction reached(z) is done and stays at x_t; the others step
    x_{t+1} = Pi_inf(x_t + alpha * sign(grad L(x_t))). Returns the iterates and the step at which each
    sample stopped (0 for one done from the start, T for one never done)."""
    x = fx.x
    done = list(done)
    stopped = [0 if d else steps for d in done]
    xt = x.clone()
    for t in range(steps):
        if all(done):
            break
        _, grad, z = fx.evaluate(xt, loss)
        now = reached(z)
        for b in range(B):
            if not done[b] and now[b]:
                done[b] = True
                stopped[b] = t
        if all(done):
            break
        moving = torch.tensor([0.0 if d else 1.0 for d in done]).view(B, 1, 1, 1)
        xt = torch.where(moving > 0, proj_linf(xt + alpha * torch.sign(grad), x, eps), xt)
    return xt, stopped


def vanish(fx: Fixture, eps: float, alpha: float, steps: int, share: float) -> Tuple[torch.Tensor, List[int], List[int]]:
    """x_0 = x; for t < T: evaluate at x_t; a sample whose predicted area is at most share * its clean
    area (or whose clean area is 0) is done and stays at x_t; the others step
    x_{t+1} = Pi_inf(x_t + alpha * sign(grad L(x_t))). Returns the iterates, the step at which each
    sample stopped (T if it never did) and the clean areas."""
    x = fx.x
    with torch.no_grad():
        clean_area = area(fx.logits(x))
    done = [a == 0 for a in clean_area]
    xt, stopped = targeted_steps(fx, eps, alpha, steps, loss_vanish, done,
                                 lambda z: [n <= share * c for n, c in zip(area(z), clean_area)])
    return xt, stopped, clean_area


def away_from(g: np.ndarray) -> np.ndarray:
    """Pixels farther than RADIUS from every true pixel (all when the mask is empty), by scipy's exact EDT."""
    if not g.any():
        return np.ones_like(g, dtype=bool)
    return distance_transform_edt(~g) > RADIUS


def target_square(g: np.ndarray, seed: int):
    """The square of side max(1, round(0.15 min(H,W))) whose pixels all lie away from g, its corner
    drawn by SplittableRandom(seed).next_int(n) from the n qualifying corners in row-major order."""
    h, w = g.shape
    side = max(1, int(round(SIDE_SHARE * min(h, w))))
    away = away_from(g)
    corners = [(y, x) for y in range(h - side + 1) for x in range(w - side + 1) if away[y:y + side, x:x + side].all()]
    if not corners:
        return None
    y, x = corners[SplittableRandom(seed).next_int(len(corners))]
    region = np.zeros((h, w), dtype=np.float32)
    region[y:y + side, x:x + side] = 1
    return region


def hallucinate(fx: Fixture, eps: float, alpha: float, steps: int, share: float, seeds: List[int]):
    """The square R per sample; L = -(1/P) sum_{i in R} [y_hat_i = 0] bce(z_i, 1), other pixels free;
    a sample with at most share*|R| of R still background at x_t is done and stays at x_t."""
    g = fx.g[:, 0].numpy() > 0.5
    regions = [target_square(g[b], seeds[b]) for b in range(B)]
    done = [r is None for r in regions]
    region = torch.from_numpy(np.stack([np.zeros(g.shape[1:], np.float32) if r is None else r for r in regions])).unsqueeze(1)
    size = region.sum(dim=(1, 2, 3)).tolist()

    def loss(z: torch.Tensor, _: torch.Tensor) -> torch.Tensor:
        bce1 = torch.clamp(z, min=0.0) - z + torch.log(1.0 + torch.exp(-torch.abs(z)))
        return -(bce1 * (1.0 - foreground(z)) * region).sum(dim=(1, 2, 3)) / float(z.shape[2] * z.shape[3])

    xt, stopped = targeted_steps(fx, eps, alpha, steps, loss, done,
                                 lambda z: [m <= share * n for m, n in
                                            zip(((1.0 - foreground(z)) * region).sum(dim=(1, 2, 3)).tolist(), size)])
    return xt, stopped, regions


def false_positive_area(z_attacked: torch.Tensor, z_clean: torch.Tensor, g: torch.Tensor) -> List[float]:
    """(|P_attacked away from g| - |P_clean away from g|) / P per sample."""
    out = []
    for b in range(B):
        away = away_from(g[b, 0].numpy() > 0.5)
        pa = foreground(z_attacked)[b, 0].numpy() > 0.5
        pc = foreground(z_clean)[b, 0].numpy() > 0.5
        out.append(float((pa & away).sum() - (pc & away).sum()) / away.size)
    return out


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
    seeds = list(range(B))  # the golden test passes these sample seeds
    xh, stopped_h, regions = hallucinate(fx, eps, alpha, steps, MISSING_SHARE, seeds)
    with torch.no_grad():
        zh = fx.logits(xh)
        zc = fx.logits(fx.x)
    dh, ih = dice_iou(zh, fx.g)
    hall = {"name": "hallucinate_eps16", "attack": "HALLUCINATE", "eps": eps, "epsExpr": "16/255", "steps": steps,
            "alpha": alpha, "alphaExpr": "2.5*eps/steps", "randomStart": False, "missingShare": MISSING_SHARE,
            "sampleSeeds": seeds, "file": write_f32("hallucinate_eps16", xh), "shape": list(xh.shape), "dice": dh, "iou": ih,
            "targetCorner": [None if r is None else [int(v) for v in np.argwhere(r)[0]] for r in regions],
            "falsePositiveArea": false_positive_area(zh, zc, fx.g), "stoppedAtStep": stopped_h}
    hall.update(perturbation_stats(xh, fx.x))
    assert xh.min().item() >= 0.0 and xh.max().item() <= 1.0
    assert max(hall["linf"]) <= eps + 1e-6, hall["linf"]
    print(f"hallucinate_eps16: corners {hall['targetCorner']}, false-positive area "
          f"{[round(v, 4) for v in hall['falsePositiveArea']]}, stopped at {stopped_h}")
    out = {"formatVersion": 1, "generator": "python/make_targeted_golden.py", "torchVersion": torch.__version__,
           "definitions": "docs/attacks.md", "attacks": [entry, hall]}
    with open(os.path.join(OUT, "targeted.json"), "w", encoding="utf-8") as fh:
        json.dump(out, fh, indent=1, ensure_ascii=False, allow_nan=False)
        fh.write("\n")
    print(f"vanish_eps16: clean area {clean_area}, attacked area {attacked_area}, vanished {vanished}, "
          f"stopped at {stopped}, Dice {[round(v, 4) for v in d]}")


if __name__ == "__main__":
    main()
