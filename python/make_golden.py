"""Builds the golden TorchScript VLSM fixture and reference outputs for RobustGate's Java tests.

Run from anywhere:  /usr/bin/python3 python/make_golden.py
Output:             framework/core/src/test/resources/golden/   (see python/README.md)

Everything is float32 on CPU, single-threaded and seeded, so re-running on the same machine
reproduces the files bit for bit.
"""
from __future__ import annotations

import os
import sys

if os.environ.get("PYTHONHASHSEED") != "0":
    # TorchScript serialisation order of module constants follows Python set iteration order;
    # fix the hash seed so that model.pt files are byte-identical between runs.
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import json
import math
import shutil
from typing import Dict, List, Tuple

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from clip_bpe import ClipBpe  # noqa: E402

REPO = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(REPO), "shared", "data")
MERGES = os.path.join(SHARED, "clip-bpe", "bpe_simple_vocab_16e6.txt.gz")
HC18 = os.path.join(SHARED, "hc18")
OUT = os.path.join(REPO, "framework", "core", "src", "test", "resources", "golden")

H, W = 48, 64
CTX = 77
MEAN = [0.48145466, 0.4578275, 0.40821073]
STD = [0.26862954, 0.26130258, 0.27577711]
SEED = 1234

MANIFEST = {
    "name": "golden-fixture", "format": "torchscript", "file": "model.pt",
    "image": {"height": H, "width": W, "channels": 3, "mean": MEAN, "std": STD,
              "resize": "bilinear"},
    "text": {"tokenizer": "tokenizer.json", "contextLength": CTX, "padToContext": True},
    "output": {"kind": "logits", "threshold": 0.5},
}

# Prompts whose ids/masks are recorded in golden.json (also used to verify DJL, see README).
TOKENIZER_PROMPTS = [
    "fetal head",
    "Fetal Head!",
    "oval fetal head in a prenatal ultrasound scan",
    "",
    "   ",
    "a photo of a cat",
    "2nd trimester 23 weeks",
    "the fetus's skull",
    "it's the baby's head, isn't it? we'll see; they're here, I'm sure, you'd know, we've done it",
    "fetal   head\t\twith\nnewlines  ",
    "café échographie",
    "Ünïcödé naïve résumé Ångström",
    "fetal head \U0001F476 in ultrasound \U0001FA7B",
    "head-circumference (HC) = 174.5mm; BPD/OFD ratio: 0.78",
    "!!!???...",
    "<|startoftext|>fetal head<|endoftext|>",
    "UPPER CASE PROMPT",
    "hello,world.foo-bar_baz",
    "12345 67890",
    "ultrasound echo of the cranium at 20wks",
    "日本語のテキスト",
    "Привет мир",
    "x" * 300,
    " ".join(["fetal head segmentation in ultrasound"] * 20),
    "a bright elliptical ring (the fetal skull) surrounded by speckle noise",
    "ｆｕｌｌｗｉｄｔｈ ＡＢＣ",
    "e\u0301cho",
    "tab\tseparated\tprompt",
]

# Held-out samples: (HC18 test image, p1 prompt (str or list), tint or None).
# Tinted samples are stored as RGB PNGs, the others as 8-bit greyscale.
HELDOUT = [
    ("005_HC.png", "fetal head", None),
    ("018_HC.png", ["oval fetal head", "fetal skull"], None),
    ("089_HC.png", "Fetal head in the ultrasound image", (1.0, 0.85, 0.65)),
    ("120_HC.png", "fetal head", None),
    ("134_HC.png", ["the fetal skull outline in a second trimester ultrasound"], (0.7, 0.9, 1.0)),
    ("151_HC.png", "oval fetal head in a prenatal ultrasound scan", None),
]


# ----------------------------------------------------------------------------- models
class FixtureVLSM(nn.Module):
    """Tiny CLIPSeg-like text-prompted segmenter.

    forward(pixel_values f32[B,3,H,W] (already normalised), input_ids i64[B,77],
            attention_mask i64[B,77]) -> logits f32[B,1,H,W]

    Contains BatchNorm2d and Dropout(p=0.3): its output in train mode differs from eval mode.
    It is exported with torch.jit.script (so `self.training` stays dynamic) and saved in eval
    mode; the Java engine MUST run it in eval mode (golden logits are eval-mode logits).
    """

    def __init__(self, vocab: int = 49408, tdim: int = 16):
        super().__init__()
        self.enc1 = nn.Conv2d(3, 16, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(16)
        self.enc2 = nn.Conv2d(16, 32, 3, stride=2, padding=1)
        self.enc3 = nn.Conv2d(32, 32, 3, stride=2, padding=1)
        self.drop = nn.Dropout(p=0.3)
        self.embed = nn.Embedding(vocab, tdim)
        self.film = nn.Linear(tdim, 64)
        self.dec2 = nn.Conv2d(32 + 32, 32, 3, padding=1)
        self.dec1 = nn.Conv2d(32 + 16, 16, 3, padding=1)
        self.head = nn.Conv2d(16, 1, 1)

    def forward(self, pixel_values: torch.Tensor, input_ids: torch.Tensor,
                attention_mask: torch.Tensor) -> torch.Tensor:
        # text encoder: embedding, masked mean over real tokens
        m = attention_mask.to(pixel_values.dtype).unsqueeze(-1)
        e = self.embed(input_ids)
        t = (e * m).sum(dim=1) / m.sum(dim=1).clamp(min=1.0)
        film = self.film(t)
        gamma = film[:, :32].unsqueeze(-1).unsqueeze(-1)
        beta = film[:, 32:].unsqueeze(-1).unsqueeze(-1)
        # image encoder
        h1 = F.relu(self.bn1(self.enc1(pixel_values)))
        h2 = F.relu(self.enc2(h1))
        h3 = F.relu(self.enc3(h2))
        # FiLM conditioning + dropout
        h3 = self.drop(h3 * (1.0 + gamma) + beta)
        # decoder back to H x W
        u2 = F.interpolate(h3, size=[h2.shape[2], h2.shape[3]], mode="bilinear", align_corners=False)
        d2 = F.relu(self.dec2(torch.cat([u2, h2], dim=1)))
        u1 = F.interpolate(d2, size=[h1.shape[2], h1.shape[3]], mode="bilinear", align_corners=False)
        d1 = F.relu(self.dec1(torch.cat([u1, h1], dim=1)))
        return self.head(d1)


class WrongArity(nn.Module):
    """forward takes only pixel_values."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 1, 3, padding=1)

    def forward(self, pixel_values: torch.Tensor) -> torch.Tensor:
        return self.conv(pixel_values)


class WrongOutput(nn.Module):
    """Correct inputs, but logits of shape [B,2,H,W]."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 2, 3, padding=1)

    def forward(self, pixel_values: torch.Tensor, input_ids: torch.Tensor,
                attention_mask: torch.Tensor) -> torch.Tensor:
        return self.conv(pixel_values)


class NanOutput(nn.Module):
    """Correct inputs and shape [B,1,H,W], but every logit is NaN."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 1, 3, padding=1)

    def forward(self, pixel_values: torch.Tensor, input_ids: torch.Tensor,
                attention_mask: torch.Tensor) -> torch.Tensor:
        y = self.conv(pixel_values)
        z = y - y
        return z / z  # 0/0 = NaN everywhere


# ----------------------------------------------------------------------------- data
def crop_box(mask: np.ndarray) -> Tuple[int, int, int, int]:
    """4:3 crop of the full height, centred horizontally on the mask centroid."""
    h, w = mask.shape
    cw = h * W // H
    ys, xs = np.nonzero(mask > 127)
    cx = int(round(xs.mean())) if len(xs) else w // 2
    left = min(max(cx - cw // 2, 0), w - cw)
    return left, 0, left + cw, h


def load_pair(img_name: str, mask_name: str) -> Tuple[Image.Image, Image.Image]:
    img = Image.open(os.path.join(HC18, "images", img_name)).convert("L")
    msk = Image.open(os.path.join(HC18, "masks", mask_name)).convert("L")
    box = crop_box(np.array(msk))
    img = img.crop(box).resize((W, H), Image.BILINEAR)
    msk = msk.crop(box).resize((W, H), Image.NEAREST)
    msk = Image.fromarray(np.where(np.array(msk) > 127, 255, 0).astype(np.uint8), "L")
    return img, msk


def png_to_tensor(path: str) -> torch.Tensor:
    """The preprocessing the Java engine implements: uint8 / 255 -> float32; grey -> repeat."""
    a = np.array(Image.open(path))
    t = torch.from_numpy(a.astype(np.float32)) / 255.0
    if t.dim() == 2:
        t = t.unsqueeze(0).repeat(3, 1, 1)
    else:
        t = t[:, :, :3].permute(2, 0, 1).contiguous()
    return t


def mask_to_tensor(path: str) -> torch.Tensor:
    a = np.array(Image.open(path).convert("L"))
    return torch.from_numpy((a > 127).astype(np.float32)).unsqueeze(0)


def first_prompt(p) -> str:
    return p[0] if isinstance(p, list) else p


# ----------------------------------------------------------------------------- losses/metrics
MEAN_T = torch.tensor(MEAN, dtype=torch.float32).view(1, 3, 1, 1)
STD_T = torch.tensor(STD, dtype=torch.float32).view(1, 3, 1, 1)


def normalise(x: torch.Tensor) -> torch.Tensor:
    return (x - MEAN_T) / STD_T


def per_sample_loss(z: torch.Tensor, g: torch.Tensor, kind: str) -> torch.Tensor:
    bce = F.binary_cross_entropy_with_logits(z, g, reduction="none").mean(dim=(1, 2, 3))
    if kind == "BCE":
        return bce
    if kind == "DICE_BCE":
        p = torch.sigmoid(z)
        inter = (p * g).sum(dim=(1, 2, 3))
        soft_dice = 1.0 - (2.0 * inter + 1.0) / (p.sum(dim=(1, 2, 3)) + g.sum(dim=(1, 2, 3)) + 1.0)
        return 1.5 * soft_dice + 1.0 * bce
    raise ValueError(kind)


def dice_iou(z: torch.Tensor, g: torch.Tensor) -> Tuple[List[float], List[float]]:
    p = torch.sigmoid(z) > 0.5
    gt = g > 0.5
    dices, ious = [], []
    for i in range(z.shape[0]):
        inter = (p[i] & gt[i]).sum().item()
        sp, sg = p[i].sum().item(), gt[i].sum().item()
        union = (p[i] | gt[i]).sum().item()
        dices.append(1.0 if sp + sg == 0 else 2.0 * inter / (sp + sg))
        ious.append(1.0 if union == 0 else inter / union)
    return dices, ious


def perturbation_stats(xa: torch.Tensor, x: torch.Tensor) -> Dict[str, List]:
    d = (xa - x).double()
    linf = d.abs().flatten(1).max(dim=1).values.tolist()
    l2 = d.pow(2).flatten(1).sum(dim=1).sqrt().tolist()
    mse = d.pow(2).flatten(1).mean(dim=1).tolist()
    psnr = [None if m == 0 else 10.0 * math.log10(1.0 / m) for m in mse]
    return {"linf": linf, "l2": l2, "psnr": psnr}


class Attacker:
    def __init__(self, model, ids, mask, g):
        self.model, self.ids, self.mask, self.g = model, ids, mask, g

    def logits(self, x):
        return self.model(normalise(x), self.ids, self.mask)

    def loss(self, x, kind):
        with torch.no_grad():
            return per_sample_loss(self.logits(x), self.g, kind)

    def grad(self, x, kind):
        x = x.detach().clone().requires_grad_(True)
        total = per_sample_loss(self.logits(x), self.g, kind).sum()
        (gx,) = torch.autograd.grad(total, x)
        return gx.detach()

    def fgsm(self, x, eps_c, kind):
        return torch.clamp(x + eps_c * torch.sign(self.grad(x, kind)), 0.0, 1.0)

    def pgd(self, x, eps_c, alpha_c, steps, kind):
        xt = x.clone()
        for _ in range(steps):
            step = xt + alpha_c * torch.sign(self.grad(xt, kind))
            xt = torch.clamp(x + torch.clamp(step - x, -eps_c, eps_c), 0.0, 1.0)
        return xt


# ----------------------------------------------------------------------------- helpers
def write_f32(arrays: Dict[str, dict], name: str, t: torch.Tensor, desc: str) -> None:
    a = t.detach().cpu().numpy().astype("<f4", copy=False)
    a = np.ascontiguousarray(a)
    fname = f"{name}.f32"
    a.tofile(os.path.join(OUT, fname))
    arrays[name] = {"file": fname, "dtype": "float32", "byteOrder": "little-endian",
                    "layout": "row-major (C order)", "shape": list(a.shape), "description": desc}


def write_bundle(dirname: str, module: nn.Module, tokenizer_writer) -> None:
    os.makedirs(dirname, exist_ok=True)
    module.eval()
    torch.jit.script(module).save(os.path.join(dirname, "model.pt"))
    tokenizer_writer(os.path.join(dirname, "tokenizer.json"))
    with open(os.path.join(dirname, "robustgate-model.json"), "w") as fh:
        json.dump(MANIFEST, fh, indent=2)
        fh.write("\n")


def train_fixture(model: FixtureVLSM, tok: ClipBpe, steps: int) -> None:
    """Brief, seeded training on HC18 *train* images so that the fixture gives a meaningful
    (mid-range) clean Dice on the held-out set and therefore a visible attack signal."""
    anns = json.load(open(os.path.join(HC18, "anns", "train.json")))[:240]
    xs, gs, prompts = [], [], []
    for e in anns:
        img, msk = load_pair(e["img_name"], e["mask_name"])
        xs.append(torch.from_numpy(np.array(img, dtype=np.float32) / 255.0).unsqueeze(0).repeat(3, 1, 1))
        gs.append(torch.from_numpy((np.array(msk) > 127).astype(np.float32)).unsqueeze(0))
        ps = [v for k, v in sorted(e["prompts"].items()) if k != "p0"]
        prompts.append([q for v in ps for q in (v if isinstance(v, list) else [v])])
    X, G = torch.stack(xs), torch.stack(gs)
    gen = torch.Generator().manual_seed(SEED + 1)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    model.train()
    for step in range(steps):
        idx = torch.randperm(len(X), generator=gen)[:16]
        texts = [prompts[i][int(torch.randint(len(prompts[i]), (1,), generator=gen))] for i in idx.tolist()]
        ids, am = tok.encode_batch(texts, CTX, as_torch=True)
        z = model(normalise(X[idx]), ids, am)
        loss = per_sample_loss(z, G[idx], "DICE_BCE").mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 50 == 0 or step == steps - 1:
            print(f"  train step {step:4d} loss {loss.item():.4f}")
    model.eval()


def mini_tokenizer_writer(tok: ClipBpe):
    """A structurally identical but tiny tokenizer.json for the bad-model bundles (keeps golden/
    small): byte-level symbols + specials, same ids, no merges (character-level tokens)."""
    def write(path):
        d = tok.hf_tokenizer_dict(CTX)
        keep = {t: i for t, i in tok.vocab.items() if i < 512 or i >= 49406}
        d["model"]["vocab"] = keep
        d["model"]["merges"] = []
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(d, fh, ensure_ascii=False, separators=(",", ":"))
    return write


# ----------------------------------------------------------------------------- main
def main() -> None:
    torch.manual_seed(SEED)
    np.random.seed(SEED)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)

    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    tok = ClipBpe(MERGES)

    # ---- held-out set (medvlsm layout)
    hd = os.path.join(OUT, "heldout")
    os.makedirs(os.path.join(hd, "anns"))
    os.makedirs(os.path.join(hd, "images"))
    os.makedirs(os.path.join(hd, "masks"))
    test_anns = {e["img_name"]: e for e in json.load(open(os.path.join(HC18, "anns", "test.json")))}
    entries = []
    for name, p1, tint in HELDOUT:
        src = test_anns[name]
        img, msk = load_pair(name, src["mask_name"])
        if tint is not None:
            a = np.array(img, dtype=np.float32)
            rgb = np.stack([np.clip(np.round(a * c), 0, 255) for c in tint], axis=-1).astype(np.uint8)
            img = Image.fromarray(rgb, "RGB")
        img.save(os.path.join(hd, "images", name))
        msk.save(os.path.join(hd, "masks", src["mask_name"]))
        entries.append({"img_name": name, "mask_name": src["mask_name"],
                        "prompts": {"p0": "", "p1": p1, "p2": ["fetal skull", "head of the fetus"]}})
    with open(os.path.join(hd, "anns", "test.json"), "w") as fh:
        json.dump(entries, fh, indent=1)
    with open(os.path.join(hd, "README.md"), "w") as fh:
        fh.write(HELDOUT_README)

    # ---- fixture model
    model = FixtureVLSM()
    train_fixture(model, tok, steps=TRAIN_STEPS)
    bundle = os.path.join(OUT, "fixture-bundle")
    write_bundle(bundle, model, lambda p: tok.write_hf_tokenizer_json(p, CTX))

    # ---- broken models
    mini = mini_tokenizer_writer(tok)
    torch.manual_seed(SEED + 2)
    write_bundle(os.path.join(OUT, "bad-models", "wrong-arity"), WrongArity(), mini)
    write_bundle(os.path.join(OUT, "bad-models", "wrong-output"), WrongOutput(), mini)
    write_bundle(os.path.join(OUT, "bad-models", "nan-output"), NanOutput(), mini)

    # ---- inputs exactly as Java sees them (read back from the PNGs)
    x = torch.stack([png_to_tensor(os.path.join(hd, "images", e["img_name"])) for e in entries])
    g = torch.stack([mask_to_tensor(os.path.join(hd, "masks", e["mask_name"])) for e in entries])
    prompts = [first_prompt(e["prompts"]["p1"]) for e in entries]
    ids, am = tok.encode_batch(prompts, CTX, as_torch=True)

    sm = torch.jit.load(os.path.join(bundle, "model.pt"))
    sm.eval()
    atk = Attacker(sm, ids, am, g)

    arrays: Dict[str, dict] = {}
    results: Dict[str, dict] = {}
    with torch.no_grad():
        z = atk.logits(x)
    write_f32(arrays, "clean_x", x, "clean input in [0,1] pixel units (before normalisation)")
    write_f32(arrays, "clean_logits", z, "eval-mode logits of the fixture for clean_x")
    d, i = dice_iou(z, g)
    results["clean"] = {"dice": d, "iou": i,
                        "loss_bce": per_sample_loss(z, g, "BCE").tolist(),
                        "loss_dice_bce": per_sample_loss(z, g, "DICE_BCE").tolist()}
    results["clean"]["loss_bce_total"] = sum(results["clean"]["loss_bce"])
    results["clean"]["loss_dice_bce_total"] = sum(results["clean"]["loss_dice_bce"])

    grads = {}
    for kind, nm in (("BCE", "grad_bce"), ("DICE_BCE", "grad_dice_bce")):
        gx = atk.grad(x, kind)
        grads[kind] = gx
        write_f32(arrays, nm, gx, f"d(sum over samples of per-sample {kind} loss)/d(clean_x), pixel units")

    attacks = []

    def record(name, xa, spec):
        write_f32(arrays, name, xa, f"adversarial image: {json.dumps(spec)}")
        with torch.no_grad():
            za = atk.logits(xa)
        d, i = dice_iou(za, g)
        lb = per_sample_loss(za, g, "BCE").tolist()
        ldb = per_sample_loss(za, g, "DICE_BCE").tolist()
        entry = dict(spec)
        entry.update({"name": name, "array": name, "dice": d, "iou": i,
                      "loss": lb if spec["lossKind"] == "BCE" else ldb,
                      "loss_total": sum(lb if spec["lossKind"] == "BCE" else ldb),
                      "loss_bce": lb, "loss_dice_bce": ldb})
        entry.update(perturbation_stats(xa, x))
        attacks.append(entry)
        return xa

    steps = 10
    for eps_num in (2, 8):
        eps = eps_num / 255.0
        record(f"fgsm_eps{eps_num}_pixel_bce", atk.fgsm(x, eps, "BCE"),
               {"attack": "FGSM", "eps": eps, "epsExpr": f"{eps_num}/255", "budgetSpace": "PIXEL",
                "lossKind": "BCE"})
    for eps_num in (2, 8):
        eps = eps_num / 255.0
        alpha = 2.5 * eps / steps
        record(f"pgd_eps{eps_num}_pixel_bce", atk.pgd(x, eps, alpha, steps, "BCE"),
               {"attack": "PGD", "eps": eps, "epsExpr": f"{eps_num}/255", "alpha": alpha,
                "alphaExpr": "2.5*eps/steps", "steps": steps, "randomStart": False,
                "budgetSpace": "PIXEL", "lossKind": "BCE"})
    eps = 4 / 255.0
    record("fgsm_eps4_normalized_bce", atk.fgsm(x, eps * STD_T, "BCE"),
           {"attack": "FGSM", "eps": eps, "epsExpr": "4/255", "budgetSpace": "NORMALIZED",
            "lossKind": "BCE", "epsPerChannel": [eps * s for s in STD]})

    # ---- float64 sensitivity: how many adversarial pixels change if the arithmetic differs
    # slightly (as libtorch 2.5.1 vs torch 1.13 may). Java comparisons should tolerate this.
    sensitivity = sensitivity_report(model, x, ids, am, g, attacks)

    # ---- tokenizer golden
    t_ids, t_mask = tok.encode_batch(TOKENIZER_PROMPTS, CTX)

    def gstats(gx):
        a = gx.abs()
        mx = a.max().item()
        return {"maxAbs": mx, "meanAbs": a.mean().item(), "zeroCount": int((a == 0).sum().item()),
                "countBelow1e-6RelMax": int((a < 1e-6 * mx).sum().item()),
                "countBelow1e-4RelMax": int((a < 1e-4 * mx).sum().item()),
                "numel": a.numel()}

    golden = {
        "formatVersion": 1,
        "generator": "python/make_golden.py",
        "torchVersion": torch.__version__,
        "seed": SEED,
        "trainSteps": TRAIN_STEPS,
        "bundle": "fixture-bundle",
        "heldout": "heldout",
        "manifest": MANIFEST,
        "evalMode": True,
        "image": {"height": H, "width": W, "channels": 3, "mean": MEAN, "std": STD},
        "contextLength": CTX,
        "samples": [{"index": k, "img_name": e["img_name"], "mask_name": e["mask_name"],
                     "prompt": prompts[k], "imageMode": "RGB" if HELDOUT[k][2] else "L",
                     "input_ids": ids[k].tolist(), "attention_mask": am[k].tolist(),
                     "maskPixels": int(g[k].sum().item())}
                    for k, e in enumerate(entries)],
        "definitions": DEFINITIONS,
        "clean": results["clean"],
        "gradients": {"grad_bce": gstats(grads["BCE"]), "grad_dice_bce": gstats(grads["DICE_BCE"])},
        "attacks": attacks,
        "sensitivity": sensitivity,
        "tokenizer": {"prompts": TOKENIZER_PROMPTS, "input_ids": t_ids.tolist(),
                      "attention_mask": t_mask.tolist(), "padId": 49407,
                      "djlOptions": {"padding": "max_length", "maxLength": "77", "truncation": "true"}},
        "arrays": arrays,
    }
    with open(os.path.join(OUT, "golden.json"), "w", encoding="utf-8") as fh:
        json.dump(golden, fh, indent=1, ensure_ascii=False, allow_nan=False)
        fh.write("\n")

    sanity_checks(model, sm, x, ids, am, g, grads, attacks, golden)


def sensitivity_report(model, x, ids, am, g, attacks):
    """Recompute each attack with a float64 copy of the model and count differing elements."""
    m64 = FixtureVLSM().double()
    m64.load_state_dict({k: v.double() if v.is_floating_point() else v
                         for k, v in model.state_dict().items()})
    m64.eval()
    mean64, std64 = MEAN_T.double(), STD_T.double()

    class A64(Attacker):
        def logits(self, xx):
            return self.model((xx - mean64) / std64, self.ids, self.mask)

    a64 = A64(m64, ids, am, g.double())
    x64 = x.double()
    out = {}
    for a in attacks:
        eps_c = a["eps"] * std64 if a["budgetSpace"] == "NORMALIZED" else a["eps"]
        if a["attack"] == "FGSM":
            xa = a64.fgsm(x64, eps_c, a["lossKind"])
        else:
            alpha_c = a["alpha"] * std64 if a["budgetSpace"] == "NORMALIZED" else a["alpha"]
            xa = a64.pgd(x64, eps_c, alpha_c, a["steps"], a["lossKind"])
        ref = np.fromfile(os.path.join(OUT, a["array"] + ".f32"), dtype="<f4").reshape(xa.shape)
        diff = np.abs(xa.numpy() - ref.astype(np.float64))
        out[a["name"]] = {"elementsDifferingVsFloat64": int((diff > 1e-5).sum()),
                          "maxAbsDiffVsFloat64": float(diff.max()), "numel": int(diff.size)}
    return out


def sanity_checks(model, sm, x, ids, am, g, grads, attacks, golden):
    print("sanity checks")
    # scripted == eager
    with torch.no_grad():
        ze = model(normalise(x), ids, am)
        zs = sm(normalise(x), ids, am)
    assert torch.equal(ze, zs) or torch.allclose(ze, zs, atol=1e-6), (ze - zs).abs().max()
    print("  scripted == eager: max |diff| =", (ze - zs).abs().max().item())
    # train mode differs clearly
    sm.train()
    with torch.no_grad():
        zt = sm(normalise(x), ids, am)
    sm.eval()
    print("  train-mode vs eval-mode logits max |diff| =", (zt - zs).abs().max().item())
    assert (zt - zs).abs().max().item() > 0.1
    # files load back
    for name, meta in golden["arrays"].items():
        a = np.fromfile(os.path.join(OUT, meta["file"]), dtype="<f4")
        assert a.size == int(np.prod(meta["shape"])), name
    ref = np.fromfile(os.path.join(OUT, "clean_logits.f32"), dtype="<f4").reshape(zs.shape)
    assert np.array_equal(ref, zs.numpy())
    json.load(open(os.path.join(OUT, "golden.json"), encoding="utf-8"))
    for kind, gx in grads.items():
        assert gx.abs().max().item() > 0, kind
        print(f"  grad {kind}: max|g| = {gx.abs().max().item():.3e}, zeros = {(gx == 0).sum().item()}")
    by = {a["name"]: a for a in attacks}
    for a in attacks:
        xa = torch.from_numpy(np.fromfile(os.path.join(OUT, a["array"] + ".f32"), dtype="<f4")).view_as(x)
        assert xa.min() >= 0 and xa.max() <= 1
        if a["budgetSpace"] == "PIXEL":
            assert max(a["linf"]) <= a["eps"] + 1e-6, a["name"]
        else:
            d = (xa - x).abs().amax(dim=(0, 2, 3))
            for c in range(3):
                assert d[c].item() <= a["epsPerChannel"][c] + 1e-6
        print(f"  {a['name']:26s} loss_total {a['loss_total']:.4f}  mean Dice {np.mean(a['dice']):.3f}"
              f"  mean IoU {np.mean(a['iou']):.3f}  max Linf {max(a['linf']):.5f}")
    print(f"  clean                      loss_total {golden['clean']['loss_bce_total']:.4f}"
          f"  mean Dice {np.mean(golden['clean']['dice']):.3f}  per-sample {np.round(golden['clean']['dice'], 3).tolist()}")
    for e in (2, 8):
        f, p = by[f"fgsm_eps{e}_pixel_bce"], by[f"pgd_eps{e}_pixel_bce"]
        assert p["loss_total"] >= f["loss_total"], (e, p["loss_total"], f["loss_total"])
        assert f["loss_total"] >= golden["clean"]["loss_bce_total"]
        for k in range(len(f["loss"])):
            if p["loss"][k] < f["loss"][k]:
                print(f"  note: sample {k} PGD loss < FGSM loss at eps {e}/255")
    clean_d = np.mean(golden["clean"]["dice"])
    for kind in ("fgsm", "pgd"):
        d2 = np.mean(by[f"{kind}_eps2_pixel_bce"]["dice"])
        d8 = np.mean(by[f"{kind}_eps8_pixel_bce"]["dice"])
        assert clean_d >= d2 >= d8, (kind, clean_d, d2, d8)
    print("  sensitivity vs float64:", json.dumps(golden["sensitivity"]))
    total = 0
    for root, _, files in os.walk(OUT):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    print(f"  golden/ total size {total / 1e6:.2f} MB")
    assert total < 8e6
    print("all sanity checks passed")


TRAIN_STEPS = 150

DEFINITIONS = {
    "preprocessing": "uint8/255 -> float32 in [0,1]; grey -> repeat to 3 channels; no resize "
                     "(images are already 64x48); masks binarised at >127",
    "normalisation": "(x - mean_c) / std_c inside the attacked function (float32, subtract then divide)",
    "prompt": "prompts.p1 (list -> first element), tokenised to 77 ids, right-padded with 49407",
    "loss.BCE": "per sample: mean over pixels of BCE-with-logits(z, g); batch loss = sum over samples",
    "loss.DICE_BCE": "per sample: 1.5*(1 - (2*sum(p*g)+1)/(sum(p)+sum(g)+1)) + 1.0*BCE, p=sigmoid(z)",
    "metrics": "P = sigmoid(z) > 0.5; Dice = 2|P&G|/(|P|+|G|), IoU = |P&G|/|P|G|, 1.0 when both empty",
    "perturbation": "delta = x' - x (pixel units): linf = max|delta|, l2 = sqrt(sum delta^2) per sample, "
                    "psnr = 10*log10(1/MSE), MSE = mean over C*H*W; null when delta == 0",
    "FGSM": "x' = clamp(x + eps*sign(grad), 0, 1)",
    "PGD": "x0 = x; x_{t+1} = clamp(x + clamp(x_t + alpha*sign(grad(x_t)) - x, -eps, eps), 0, 1); "
           "returns x_steps",
    "NORMALIZED": "eps_c = eps*std_c, alpha_c = alpha*std_c, applied in pixel space",
    "gradient": "d(sum of per-sample losses)/dx in pixel units, through normalisation and the eval-mode model",
    "loss fields": "loss = per-sample loss of the attack's loss kind at x'; loss_total = its sum",
}

HELDOUT_README = """# Golden held-out set

Six 64x48 crops of images and masks from the HC18 Grand Challenge training set:
T. L. A. van den Heuvel, D. de Bruijn, C. L. de Korte, B. van Ginneken, "Automated measurement
of fetal head circumference using 2D ultrasound images", PLOS ONE 13(8), 2018;
data: DOI 10.5281/zenodo.1322001, licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).

Changes: cropped to 4:3 around the head, resized to 64x48 (bilinear; masks nearest, binarised
to 0/255), two images tinted and stored as RGB. Generated by `python/make_golden.py`.
Layout follows medvlsm: `anns/test.json`, `images/`, `masks/`.
"""


if __name__ == "__main__":
    main()
