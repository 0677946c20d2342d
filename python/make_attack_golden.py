"""Independent PyTorch reference for RobustGate's segmentation attacks (SegPGD, CosPGD, APGD, PGD-L2).

Run from anywhere:  /usr/bin/python3 python/make_attack_golden.py
Reads:              framework/core/src/test/resources/golden/   (golden.json, clean_x.f32,
                    fixture-bundle/model.pt, heldout/masks/*.png; never modified)
Writes:             framework/core/src/test/resources/golden/attacks/attacks.json
                    framework/core/src/test/resources/golden/attacks/<name>.f32

Written only from docs/attacks.md (the contract, section "Golden reference") and the papers it
cites, deliberately NOT from the Java engine, so that AttackGoldenTest compares two independent
implementations. Everything is float32 on CPU, single-threaded, deterministic algorithms, and
there is no random start, so re-running on the same machine reproduces the files bit for bit.
"""
from __future__ import annotations

import json
import math
import os
from typing import Callable, Dict, List, Tuple

import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
GOLDEN = os.path.join(REPO, "framework", "core", "src", "test", "resources", "golden")
OUT = os.path.join(GOLDEN, "attacks")
B, C, H, W = 6, 3, 48, 64
TAU = 0.5  # the manifest's threshold on sigmoid(z)

# A per-sample loss: (logits [B,1,H,W], target [B,1,H,W]) -> [B].
LossFn = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]


# ----------------------------------------------------------------------------- fixture
class Fixture:
    """The golden fixture: eval-mode TorchScript model, clean batch, masks and prompts.

    Conventions follow python/make_golden.py: normalisation (x - mean)/std happens inside the
    attacked function, so every budget and gradient is in [0,1] pixel units.
    """

    def __init__(self) -> None:
        with open(os.path.join(GOLDEN, "golden.json"), encoding="utf-8") as fh:
            self.meta = json.load(fh)
        samples = self.meta["samples"]
        assert len(samples) == B
        self.model = torch.jit.load(os.path.join(GOLDEN, "fixture-bundle", "model.pt"))
        self.model.eval()  # the golden logits are eval-mode logits (BatchNorm + Dropout inside)
        self.mean = torch.tensor(self.meta["image"]["mean"], dtype=torch.float32).view(1, C, 1, 1)
        self.std = torch.tensor(self.meta["image"]["std"], dtype=torch.float32).view(1, C, 1, 1)
        self.ids = torch.tensor([s["input_ids"] for s in samples], dtype=torch.int64)
        self.am = torch.tensor([s["attention_mask"] for s in samples], dtype=torch.int64)
        self.x = torch.from_numpy(
            np.fromfile(os.path.join(GOLDEN, "clean_x.f32"), dtype="<f4").reshape(B, C, H, W).copy())
        # target g = (mask pixel > 127), as mask_to_tensor in make_golden.py
        self.g = torch.stack([
            torch.from_numpy((np.array(Image.open(os.path.join(GOLDEN, "heldout", "masks", s["mask_name"]))
                                       .convert("L")) > 127).astype(np.float32)).unsqueeze(0)
            for s in samples])

    def logits(self, x: torch.Tensor) -> torch.Tensor:
        return self.model((x - self.mean) / self.std, self.ids, self.am)

    def evaluate(self, x: torch.Tensor, loss_fn: LossFn
                 ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """One gradient pass: (per-sample loss [B], d(sum of per-sample losses)/dx, logits).

        The batch objective is the SUM of the per-sample losses (docs/attacks.md, Notation), so
        one autograd.grad over the whole batch gives every sample its own gradient.
        """
        xr = x.detach().clone().requires_grad_(True)
        z = self.logits(xr)
        per_sample = loss_fn(z, self.g)
        (grad,) = torch.autograd.grad(per_sample.sum(), xr)
        return per_sample.detach(), grad.detach(), z.detach()


# ----------------------------------------------------------------------------- losses
def bce_map(z: torch.Tensor, g: torch.Tensor) -> torch.Tensor:
    """bce_i = max(z_i,0) - z_i*g_i + log(1 + e^{-|z_i|}), written exactly as in docs/attacks.md."""
    return torch.clamp(z, min=0.0) - z * g + torch.log(1.0 + torch.exp(-torch.abs(z)))


def correct_mask(z: torch.Tensor, g: torch.Tensor) -> torch.Tensor:
    """[y_hat_i = g_i] with y_hat_i = [sigmoid(z_i) > tau]; detached (no gradient through it)."""
    pred = torch.sigmoid(z.detach()) > TAU
    return (pred == (g > 0.5)).to(z.dtype)


def pixel_mean(t: torch.Tensor) -> torch.Tensor:
    """(1/P) * sum over the sample's pixels -> [B]."""
    return t.sum(dim=(1, 2, 3)) / float(H * W)


def loss_bce(z: torch.Tensor, g: torch.Tensor) -> torch.Tensor:
    """BCE: (1/P) sum_i bce_i."""
    return pixel_mean(bce_map(z, g))


def loss_masked_bce(z: torch.Tensor, g: torch.Tensor) -> torch.Tensor:
    """MASKED_BCE: (1/P) sum_i [y_hat_i = g_i] bce_i -- only currently correct pixels, but divided
    by ALL pixels (Croce, Singh & Hein 2024, masked cross-entropy; docs/attacks.md)."""
    return pixel_mean(correct_mask(z, g) * bce_map(z, g))


def loss_soft_dice(z: torch.Tensor, g: torch.Tensor) -> torch.Tensor:
    """SOFT_DICE: 1 - (2 sum p g + 1)/(sum p + sum g + 1), p = sigmoid(z)."""
    p = torch.sigmoid(z)
    num = 2.0 * (p * g).sum(dim=(1, 2, 3)) + 1.0
    den = p.sum(dim=(1, 2, 3)) + g.sum(dim=(1, 2, 3)) + 1.0
    return 1.0 - num / den


def loss_segpgd(t: int, steps: int) -> LossFn:
    """SEGPGD at step t of T: (1/P)[(1 - l_t) sum_correct bce + l_t sum_wrong bce], l_t = t/(2T)."""
    lam = t / (2.0 * steps)

    def fn(z: torch.Tensor, g: torch.Tensor) -> torch.Tensor:
        corr = correct_mask(z, g)
        bce = bce_map(z, g)
        return (((1.0 - lam) * (corr * bce)).sum(dim=(1, 2, 3))
                + (lam * ((1.0 - corr) * bce)).sum(dim=(1, 2, 3))) / float(H * W)
    return fn


def loss_cospgd(z: torch.Tensor, g: torch.Tensor) -> torch.Tensor:
    """COSPGD: (1/P) sum_i c_i bce_i, c_i = cosine similarity of (1-p_i, p_i) and the one-hot
    target, i.e. p/sqrt((1-p)^2+p^2) where g=1 and (1-p)/sqrt((1-p)^2+p^2) where g=0; detached."""
    p = torch.sigmoid(z.detach())
    norm = torch.sqrt((1.0 - p) ** 2 + p ** 2)
    c = torch.where(g > 0.5, p / norm, (1.0 - p) / norm)
    return pixel_mean(c * bce_map(z, g))


APGD_LOSSES: Dict[str, LossFn] = {"BCE": loss_bce, "MASKED_BCE": loss_masked_bce,
                                  "SOFT_DICE": loss_soft_dice}


# ----------------------------------------------------------------------------- metrics, projections
def dice_iou(z: torch.Tensor, g: torch.Tensor) -> Tuple[List[float], List[float]]:
    """Dice and IoU of [sigmoid(z) > tau] per sample; both 1.0 when prediction and mask are empty
    (same as dice_iou in make_golden.py)."""
    p = torch.sigmoid(z) > TAU
    gt = g > 0.5
    dices, ious = [], []
    for i in range(z.shape[0]):
        inter = (p[i] & gt[i]).sum().item()
        sp, sg = p[i].sum().item(), gt[i].sum().item()
        union = (p[i] | gt[i]).sum().item()
        dices.append(1.0 if sp + sg == 0 else 2.0 * inter / (sp + sg))
        ious.append(1.0 if union == 0 else inter / union)
    return dices, ious


def proj_linf(v: torch.Tensor, x: torch.Tensor, eps: float) -> torch.Tensor:
    """Pi_inf(v) = clamp(x + clamp(v - x, -eps, eps), 0, 1)  (literal form from docs/attacks.md)."""
    return torch.clamp(x + torch.clamp(v - x, -eps, eps), 0.0, 1.0)


def l2_norm(t: torch.Tensor) -> torch.Tensor:
    """Per-sample L2 norm over all C*H*W values, shaped [B,1,1,1] for broadcasting."""
    return torch.sqrt((t * t).sum(dim=(1, 2, 3), keepdim=True))


def proj_l2(v: torch.Tensor, x: torch.Tensor, eps: float) -> torch.Tensor:
    """Pi_2(v) = clamp(x + delta*min(1, eps/max(||delta||_2, 1e-12)), 0, 1), delta = v - x."""
    delta = v - x
    scale = torch.clamp(eps / torch.clamp(l2_norm(delta), min=1e-12), max=1.0)
    return torch.clamp(x + delta * scale, 0.0, 1.0)


# ----------------------------------------------------------------------------- attacks
def _pgd_linf(fx: Fixture, eps: float, alpha: float, steps: int,
              loss_at: Callable[[int], LossFn]) -> torch.Tensor:
    """Madry et al. 2018 L-inf PGD without random start: x_0 = x,
    x_{t+1} = Pi_inf(x_t + alpha*sign(grad L_t(x_t))), returns x_T (keepBest false)."""
    x = fx.x
    xt = x.clone()
    for t in range(steps):
        _, grad, _ = fx.evaluate(xt, loss_at(t))
        xt = proj_linf(xt + alpha * torch.sign(grad), x, eps)
    return xt


def segpgd(fx: Fixture, eps: float, alpha: float, steps: int) -> torch.Tensor:
    """SegPGD (Gu, Zhao, Tresp & Torr, "SegPGD: An Effective and Efficient Adversarial Attack for
    Evaluating and Boosting Segmentation Robustness", ECCV 2022): PGD whose loss at step t weights
    correct pixels by (1 - l_t) and wrong pixels by l_t, l_t = t/(2T), built from the iterate x_t
    (docs/attacks.md, "SegPGD and CosPGD", loss SEGPGD)."""
    return _pgd_linf(fx, eps, alpha, steps, lambda t: loss_segpgd(t, steps))


def cospgd(fx: Fixture, eps: float, alpha: float, steps: int) -> torch.Tensor:
    """CosPGD (Agnihotri, Jung & Keuper, "CosPGD: an efficient white-box adversarial attack for
    pixel-wise prediction tasks", ICML 2024): PGD whose per-pixel BCE is scaled by the (detached)
    cosine similarity of the prediction and the one-hot target (docs/attacks.md, loss COSPGD)."""
    return _pgd_linf(fx, eps, alpha, steps, lambda t: loss_cospgd)


def pgd_l2(fx: Fixture, eps: float, alpha: float, steps: int) -> torch.Tensor:
    """PGD under an L2 budget (Madry et al. 2018; docs/attacks.md, "PGD-L2"), no random start:
    x_{t+1} = Pi_2(x_t + alpha * grad/max(||grad||_2, 1e-12)), BCE loss, returns x_T."""
    x = fx.x
    xt = x.clone()
    for _ in range(steps):
        _, grad, _ = fx.evaluate(xt, loss_bce)
        xt = proj_l2(xt + alpha * grad / torch.clamp(l2_norm(grad), min=1e-12), x, eps)
    return xt


def apgd(fx: Fixture, eps: float, n_iter: int, loss_fn: LossFn) -> Tuple[torch.Tensor, dict]:
    """APGD, L-inf (Croce & Hein, "Reliable evaluation of adversarial robustness with an ensemble
    of diverse parameter-free attacks", ICML 2020; step-size rule as in AutoAttack), following the
    numbered algorithm of docs/attacks.md ("APGD, L-inf") literally, without random start.

    Per-sample state is kept as [B] vectors; one gradient pass of the summed loss per iteration.
    Returns (image [B,C,H,W], debug dict with stepSizes [N][B], losses [N+1][B],
    dices [N+1][B], bestIteration [B], checkpoints).
    """
    x = fx.x
    # 1. start point (no random start) and its loss, gradient and Dice
    xk = x.clone()
    L, gk, z = fx.evaluate(xk, loss_fn)
    dk, _ = dice_iou(z, fx.g)
    f_max = L.clone()
    x_max, g_max = xk.clone(), gk.clone()
    eta = [2.0 * eps] * B  # pixel units (PIXEL space); halved per sample at checkpoints
    x_prev = xk.clone()
    losses = [L.tolist()]
    dices = [dk]
    best_dice, best_iter, best_x = list(dk), [0] * B, xk.clone()

    # 2. checkpoint schedule (integer floor, as int(0.22*N) etc.)
    interval = max(int(0.22 * n_iter), 1)
    decrement = max(int(0.03 * n_iter), 1)
    minimum = max(int(0.06 * n_iter), 1)
    counter = 0
    halved_at_last_check = [True] * B  # so condition 2 cannot fire at the first checkpoint
    fmax_at_last_check = f_max.clone()
    step_sizes: List[List[float]] = []
    checkpoints: List[dict] = []

    # 3. iterations
    for k in range(n_iter):
        a = 1.0 if k == 0 else 0.75  # momentum (none at the first step)
        step_sizes.append(list(eta))
        eta_t = torch.tensor(eta, dtype=torch.float32).view(B, 1, 1, 1)
        zk = proj_linf(xk + eta_t * torch.sign(gk), x, eps)
        x_next = proj_linf(xk + a * (zk - xk) + (1.0 - a) * (xk - x_prev), x, eps)
        x_prev = xk
        L_next, g_next, z = fx.evaluate(x_next, loss_fn)
        d_next, _ = dice_iou(z, fx.g)
        losses.append(L_next.tolist())
        dices.append(d_next)
        # 4. (tracked on the fly) lowest Dice over the evaluated iterates, earliest on ties
        for b in range(B):
            if d_next[b] < best_dice[b]:
                best_dice[b], best_iter[b] = d_next[b], k + 1
                best_x[b] = x_next[b]
        improved = L_next > f_max  # strict: ties keep the earlier maximiser
        f_max = torch.where(improved, L_next, f_max)
        x_max = torch.where(improved.view(B, 1, 1, 1), x_next, x_max)
        g_max = torch.where(improved.view(B, 1, 1, 1), g_next, g_max)
        counter += 1
        if counter == interval:
            # condition 1: #{j in [k-interval+1, k] : L_{j+1} > L_j} <= 0.75*interval; the
            # history index j+1 = iteration, so the first interval includes L_1 > L_0.
            hist = torch.tensor(losses[k - interval + 1: k + 2], dtype=torch.float32)  # [interval+1,B]
            n_incr = (hist[1:] > hist[:-1]).sum(dim=0)
            cond1 = n_incr.to(torch.float64) <= 0.75 * interval
            # condition 2: not halved at the last check and no improvement of f_max since then
            cond2 = torch.tensor([not h for h in halved_at_last_check]) & (fmax_at_last_check >= f_max)
            halve = cond1 | cond2
            for b in range(B):
                if halve[b]:
                    eta[b] = eta[b] / 2.0
                    # restart from the best point; the loss history is not rewritten and
                    # x_prev stays x_k, so the next momentum term is x_max - x_k
                    x_next[b] = x_max[b]
                    g_next[b] = g_max[b]
            checkpoints.append({"afterIteration": k + 1, "interval": interval,
                                "increases": n_incr.tolist(), "cond1": cond1.tolist(),
                                "cond2": cond2.tolist(), "halved": halve.tolist()})
            halved_at_last_check = halve.tolist()
            fmax_at_last_check = f_max.clone()
            interval = max(interval - decrement, minimum)
            counter = 0
        xk, gk = x_next, g_next

    debug = {"stepSizes": step_sizes, "losses": losses, "dices": dices,
             "bestIteration": best_iter, "bestDice": best_dice, "checkpoints": checkpoints}
    return best_x, debug


# ----------------------------------------------------------------------------- output
def perturbation_stats(xa: torch.Tensor, x: torch.Tensor) -> Dict[str, List]:
    d = (xa - x).double()
    linf = d.abs().flatten(1).max(dim=1).values.tolist()
    l2 = d.pow(2).flatten(1).sum(dim=1).sqrt().tolist()
    mse = d.pow(2).flatten(1).mean(dim=1).tolist()
    psnr = [None if m == 0 else 10.0 * math.log10(1.0 / m) for m in mse]
    return {"linf": linf, "l2": l2, "psnr": psnr}


def write_f32(name: str, t: torch.Tensor) -> str:
    a = np.ascontiguousarray(t.detach().cpu().numpy().astype("<f4", copy=False))
    fname = f"{name}.f32"
    a.tofile(os.path.join(OUT, fname))
    return fname


def main() -> None:
    torch.manual_seed(0)  # nothing is random (no random start); set anyway
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    fx = Fixture()
    x, g = fx.x, fx.g

    # Harness check: the clean Dice from this model/normalisation/mask pipeline equals golden.json.
    with torch.no_grad():
        clean_dice, _ = dice_iou(fx.logits(x), g)
    assert clean_dice == fx.meta["clean"]["dice"], (clean_dice, fx.meta["clean"]["dice"])
    clean_mean = float(np.mean(fx.meta["clean"]["dice"]))
    # Harness check: plain BCE PGD reproduces the existing pgd_eps8_pixel_bce golden array.
    ref = np.fromfile(os.path.join(GOLDEN, "pgd_eps8_pixel_bce.f32"), dtype="<f4").reshape(B, C, H, W)
    mine = _pgd_linf(fx, 8 / 255.0, 2.5 * (8 / 255.0) / 10, 10, lambda t: loss_bce).numpy()
    print(f"harness: PGD-BCE eps 8/255 vs golden pgd_eps8_pixel_bce: max |diff| "
          f"{np.abs(mine - ref).max():.3e}, elements > 1e-5: {int((np.abs(mine - ref) > 1e-5).sum())}")

    os.makedirs(OUT, exist_ok=True)
    entries = []

    def record(name: str, attack: str, eps: float, eps_expr: str, steps: int, alpha, loss: str,
               xa: torch.Tensor, extra: dict = None) -> dict:
        with torch.no_grad():
            za = fx.logits(xa)
        d, i = dice_iou(za, g)
        e = {"name": name, "attack": attack, "eps": eps, "epsExpr": eps_expr, "steps": steps,
             "alpha": alpha, "alphaExpr": None if alpha is None else "2.5*eps/steps",
             "randomStart": False, "loss": loss, "lossKind": loss,
             "array": name, "file": write_f32(name, xa), "shape": list(xa.shape),
             "dice": d, "iou": i}
        e.update(perturbation_stats(xa, x))
        if extra:
            e.update(extra)
        # sanity: budget and range
        assert xa.min().item() >= 0.0 and xa.max().item() <= 1.0, name
        if attack == "PGD_L2":
            assert max(e["l2"]) <= eps + 1e-5, (name, e["l2"])
        else:
            assert max(e["linf"]) <= eps + 1e-6, (name, e["linf"])
        assert np.mean(d) < clean_mean, (name, np.mean(d), clean_mean)
        entries.append(e)
        return e

    # L-inf PGD family: eps 8/255, 10 steps, alpha 2.5*eps/10
    eps8 = 8 / 255.0
    a8 = 2.5 * eps8 / 10
    record("segpgd_eps8", "SEGPGD", eps8, "8/255", 10, a8, "SEGPGD", segpgd(fx, eps8, a8, 10))
    record("cospgd_eps8", "COSPGD", eps8, "8/255", 10, a8, "COSPGD", cospgd(fx, eps8, a8, 10))

    # APGD: eps 4/255, 20 iterations, three losses
    eps4 = 4 / 255.0
    apgd_runs = {}
    for loss_name, nm in (("BCE", "apgd_bce_eps4"), ("MASKED_BCE", "apgd_masked_bce_eps4"),
                          ("SOFT_DICE", "apgd_soft_dice_eps4")):
        xa, dbg = apgd(fx, eps4, 20, APGD_LOSSES[loss_name])
        apgd_runs[nm] = (xa, dbg)
        e = record(nm, "APGD", eps4, "4/255", 20, None, loss_name, xa,
                   {"stepSizes": dbg["stepSizes"], "losses": dbg["losses"],
                    "dicesPerIteration": dbg["dices"], "bestIteration": dbg["bestIteration"],
                    "checkpoints": dbg["checkpoints"]})
        # the returned image's Dice is the tracked best, and never worse than the start point
        assert e["dice"] == dbg["bestDice"], (nm, e["dice"], dbg["bestDice"])
        assert all(e["dice"][b] <= dbg["dices"][0][b] for b in range(B)), nm

    # PGD-L2: radius 0.5, 10 steps, alpha 2.5*eps/10
    r = 0.5
    ar = 2.5 * r / 10
    record("pgdl2_eps05", "PGD_L2", r, "0.5", 10, ar, "BCE", pgd_l2(fx, r, ar, 10))

    # determinism: APGD-BCE a second time must be bit-identical
    xa2, dbg2 = apgd(fx, eps4, 20, loss_bce)
    xa1, dbg1 = apgd_runs["apgd_bce_eps4"]
    assert torch.equal(xa1, xa2) and dbg1 == dbg2, "APGD-BCE is not deterministic"
    print("determinism: APGD-BCE run twice -> bit-identical image, losses and step sizes")

    out = {"formatVersion": 1, "generator": "python/make_attack_golden.py",
           "torchVersion": torch.__version__, "definitions": "docs/attacks.md",
           "cleanDice": fx.meta["clean"]["dice"], "attacks": entries}
    with open(os.path.join(OUT, "attacks.json"), "w", encoding="utf-8") as fh:
        json.dump(out, fh, indent=1, ensure_ascii=False, allow_nan=False)
        fh.write("\n")

    # read back the arrays and re-check them from disk
    for e in entries:
        a = np.fromfile(os.path.join(OUT, e["file"]), dtype="<f4")
        assert a.size == B * C * H * W, e["name"]

    print(f"clean                     mean Dice {clean_mean:.4f}")
    for e in entries:
        print(f"{e['name']:25s} mean Dice {np.mean(e['dice']):.4f}  mean IoU {np.mean(e['iou']):.4f}"
              f"  max Linf {max(e['linf']):.6f}  max L2 {max(e['l2']):.4f}")
    for e in entries:
        if e["attack"] == "APGD":
            print(f"{e['name']}: best iteration per sample {e['bestIteration']}")
            for b in range(B):
                sched = [round(s[b] * 255.0, 6) for s in e["stepSizes"]]
                print(f"  sample {b} eta*255 per iteration: {sched}")
    print("all sanity checks passed")


if __name__ == "__main__":
    main()
