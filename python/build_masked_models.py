"""Builds model bundles whose robustness is only apparent: a bundle's TorchScript wrapped in a
preprocessing defence that masks gradients (Athalye, Carlini & Wagner, ICML 2018, "Obfuscated
gradients give a false sense of security"), so that RobustGate's tests can show the gate is not
fooled by them.

  quantised/   bit-depth reduction: pixels rounded to 2**bits levels (round(x*7)/7 for 3 bits)
               inside the forward; the rounding's derivative is 0 almost everywhere, so every
               input gradient is exactly 0 (shattered gradients).
  quantised-bpda/  the quantised bundle again, declaring a differentiable stand-in for BPDA
               (Athalye et al.'s Backward Pass Differentiable Approximation): gradient-model.pt
               is the same module with the rounding's derivative taken as 1 (straight-through:
               x + (round(x*7)/7 - x).detach()), so its forward equals model.pt's and its
               gradient is the identity approximation's; the manifest names it in
               "gradientFile", and attacks take gradients through it while every loss, logit
               and Dice still comes from model.pt.
  randomised/  a random resize-and-pad (Xie et al., ICLR 2018) on every forward pass, drawn from
               torch's global generator; the logits are cropped and resized back onto the input's
               grid, so the mask still lines up (stochastic gradients).

Run from anywhere:
  python python/build_masked_models.py
      the golden fixture (framework/core/src/test/resources/golden/fixture-bundle, 3.4 MB) into
      framework/core/src/test/resources/masked/ (committed: core's tests use them)
  python python/build_masked_models.py --source sample-project/src/test/resources/models/hc18 \
      --out sample-project/target/masked-models
      the sample model (16 MB, too large to commit twice more) into a target/ folder

Each output bundle is the source bundle (manifest, tokenizer) with its own model.pt and a name
ending in -quantised / -randomised. The wrapper takes the same input as the source module
(pixels normalised with the manifest's mean and std, see docs/model-bundle.md), undoes the
normalisation to apply the defence in [0, 1] pixel units, and normalises again.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys

if os.environ.get("PYTHONHASHSEED") != "0":
    # As make_golden.py: a fixed hash seed keeps the serialised model.pt byte-identical between runs.
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

from typing import List

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
GOLDEN_BUNDLE = os.path.join(REPO, "framework", "core", "src", "test", "resources", "golden", "fixture-bundle")
MASKED_FIXTURES = os.path.join(REPO, "framework", "core", "src", "test", "resources", "masked")


class BitDepthReduced(nn.Module):
    """The source module behind a reduction of the input to 2**bits grey levels per channel."""

    def __init__(self, inner: torch.jit.ScriptModule, mean: List[float], std: List[float], bits: int):
        super().__init__()
        self.inner = inner
        self.register_buffer("mean", torch.tensor(mean).view(1, -1, 1, 1))
        self.register_buffer("std", torch.tensor(std).view(1, -1, 1, 1))
        self.levels = float(2 ** bits - 1)

    def forward(self, pixel_values: torch.Tensor, input_ids: torch.Tensor,
                attention_mask: torch.Tensor) -> torch.Tensor:
        pixels = (pixel_values * self.std + self.mean).clamp(0.0, 1.0)
        reduced = torch.round(pixels * self.levels) / self.levels
        return self.inner((reduced - self.mean) / self.std, input_ids, attention_mask)


class StraightThroughBitDepth(BitDepthReduced):
    """BitDepthReduced's forward, with the rounding differentiated as the identity (BPDA)."""

    def forward(self, pixel_values: torch.Tensor, input_ids: torch.Tensor,
                attention_mask: torch.Tensor) -> torch.Tensor:
        pixels = (pixel_values * self.std + self.mean).clamp(0.0, 1.0)
        reduced = pixels + (torch.round(pixels * self.levels) / self.levels - pixels).detach()
        return self.inner((reduced - self.mean) / self.std, input_ids, attention_mask)


class RandomResizePad(nn.Module):
    """The source module behind a random shrink (to `smallest`..1 of each side) and a random
    placement on a grey canvas of the input's size, drawn anew on every forward pass; the logits of
    the placed region are resized back onto the input's grid."""

    def __init__(self, inner: torch.jit.ScriptModule, mean: List[float], std: List[float], smallest: float):
        super().__init__()
        self.inner = inner
        self.register_buffer("mean", torch.tensor(mean).view(1, -1, 1, 1))
        self.register_buffer("std", torch.tensor(std).view(1, -1, 1, 1))
        self.smallest = smallest

    def forward(self, pixel_values: torch.Tensor, input_ids: torch.Tensor,
                attention_mask: torch.Tensor) -> torch.Tensor:
        height = pixel_values.shape[2]
        width = pixel_values.shape[3]
        scale = self.smallest + (1.0 - self.smallest) * float(torch.rand(1).item())
        h = max(int(height * scale), 1)
        w = max(int(width * scale), 1)
        top = int(torch.randint(0, height - h + 1, [1]).item())
        left = int(torch.randint(0, width - w + 1, [1]).item())
        pixels = pixel_values * self.std + self.mean
        # aten ops, not F.interpolate / F.pad: scripting those compiles in ops of newer torch
        # versions (e.g. _upsample_lanczos2d_aa) that the libtorch RobustGate runs cannot load.
        small = torch.ops.aten.upsample_bilinear2d(pixels, [h, w], False, None)
        canvas = torch.constant_pad_nd(small, [left, width - w - left, top, height - h - top], 0.5)
        logits = self.inner((canvas - self.mean) / self.std, input_ids, attention_mask)
        placed = logits[:, :, top:top + h, left:left + w]
        return torch.ops.aten.upsample_bilinear2d(placed, [height, width], False, None)


BPDA_FILE = "gradient-model.pt"


def write_bundle(source: str, out: str, suffix: str, module: nn.Module, stand_in: nn.Module = None) -> None:
    manifest = json.load(open(os.path.join(source, "robustgate-model.json")))
    os.makedirs(out, exist_ok=True)
    scripted = torch.jit.script(module.eval())
    torch.jit.save(scripted, os.path.join(out, manifest["file"]))
    if stand_in is not None:
        torch.jit.save(torch.jit.script(stand_in.eval()), os.path.join(out, BPDA_FILE))
        manifest["gradientFile"] = BPDA_FILE
    tokenizer = manifest.get("text", {}).get("tokenizer")
    if tokenizer:
        shutil.copyfile(os.path.join(source, tokenizer), os.path.join(out, tokenizer))
    manifest["name"] = manifest["name"] + "-" + suffix
    with open(os.path.join(out, "robustgate-model.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print(f"  {out}: {os.path.getsize(os.path.join(out, manifest['file'])) / 1e6:.1f} MB model")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default=GOLDEN_BUNDLE, help="the bundle to wrap (default: the golden fixture)")
    parser.add_argument("--out", default=MASKED_FIXTURES, help="where quantised/ and randomised/ go")
    parser.add_argument("--bits", type=int, default=3, help="grey levels 2**bits of the quantised bundle")
    parser.add_argument("--smallest", type=float, default=0.8, help="smallest side share of the random resize")
    args = parser.parse_args()
    torch.manual_seed(0)
    manifest = json.load(open(os.path.join(args.source, "robustgate-model.json")))
    image = manifest["image"]

    def inner() -> torch.jit.ScriptModule:
        module = torch.jit.load(os.path.join(args.source, manifest["file"]), map_location="cpu")
        module.eval()
        return module

    write_bundle(args.source, os.path.join(args.out, "quantised"), "quantised",
                 BitDepthReduced(inner(), image["mean"], image["std"], args.bits))
    write_bundle(args.source, os.path.join(args.out, "quantised-bpda"), "quantised-bpda",
                 BitDepthReduced(inner(), image["mean"], image["std"], args.bits),
                 StraightThroughBitDepth(inner(), image["mean"], image["std"], args.bits))
    write_bundle(args.source, os.path.join(args.out, "randomised"), "randomised",
                 RandomResizePad(inner(), image["mean"], image["std"], args.smallest))
    sanity_check(args.out, image, manifest)
    if args.source == GOLDEN_BUNDLE:
        batch = GoldenBatch(image)
        bpda_reference(args.out, batch)
        eot_reference(args.out, batch)


def sanity_check(out: str, image: dict, manifest: dict) -> None:
    """The quantised bundle's input gradient is exactly 0; the randomised one's outputs differ
    between two passes over the same input."""
    x = torch.rand(2, image["channels"], image["height"], image["width"])
    mean = torch.tensor(image["mean"]).view(1, -1, 1, 1)
    std = torch.tensor(image["std"]).view(1, -1, 1, 1)
    ids = torch.full((2, 77), 49407, dtype=torch.long)
    ids[:, 0] = 49406
    mask = torch.zeros(2, 77, dtype=torch.long)
    mask[:, :3] = 1
    quantised = torch.jit.load(os.path.join(out, "quantised", manifest["file"]))
    pixels = x.clone().requires_grad_(True)
    quantised((pixels - mean) / std, ids, mask).sum().backward()
    print(f"  quantised: largest |input gradient| = {pixels.grad.abs().max().item()}")
    stand_in = torch.jit.load(os.path.join(out, "quantised-bpda", BPDA_FILE))
    pixels = x.clone().requires_grad_(True)
    with torch.no_grad():
        same = (stand_in((x - mean) / std, ids, mask) - quantised((x - mean) / std, ids, mask)).abs().max().item()
    stand_in((pixels - mean) / std, ids, mask).sum().backward()
    print(f"  quantised-bpda: stand-in forward differs from the model's by {same:.3g},"
          f" its largest |input gradient| = {pixels.grad.abs().max().item():.3g}")
    randomised = torch.jit.load(os.path.join(out, "randomised", manifest["file"]))
    with torch.no_grad():
        a = randomised((x - mean) / std, ids, mask)
        b = randomised((x - mean) / std, ids, mask)
    print(f"  randomised: two passes differ by up to {(a - b).abs().max().item():.3f} in the logits")


EOT_SEED = 20260
EOT_SAMPLES = 4


class GoldenBatch:
    """The golden held-out set's clean pixels, prompts and masks, which both gradient references
    are taken at, and the bundle's normalisation."""

    def __init__(self, image: dict):
        import numpy as np
        from PIL import Image
        root = os.path.dirname(GOLDEN_BUNDLE)
        golden = json.load(open(os.path.join(root, "golden.json")))
        samples = golden["samples"]
        x = torch.from_numpy(np.fromfile(os.path.join(root, golden["arrays"]["clean_x"]["file"]), dtype="<f4").copy())
        self.x = x.view(len(samples), image["channels"], image["height"], image["width"])
        self.ids = torch.tensor([s["input_ids"] for s in samples], dtype=torch.long)
        self.mask = torch.tensor([s["attention_mask"] for s in samples], dtype=torch.long)
        self.targets = torch.stack([torch.from_numpy((np.array(Image.open(os.path.join(root, "heldout", "masks", s["mask_name"]))
                                                               .convert("L")) > 127).astype(np.float32)) for s in samples])
        self.mean = torch.tensor(image["mean"]).view(1, -1, 1, 1)
        self.std = torch.tensor(image["std"]).view(1, -1, 1, 1)

    def bce_gradient(self, module: torch.jit.ScriptModule) -> torch.Tensor:
        """One forward+backward: the input gradient, in pixel units, of the summed per-sample BCE
        (mean over pixels), as RobustGate's AttackLoss.BCE."""
        pixels = self.x.clone().requires_grad_(True)
        logits = module((pixels - self.mean) / self.std, self.ids, self.mask)[:, 0]
        F.binary_cross_entropy_with_logits(logits, self.targets, reduction="none").mean(dim=(1, 2)).sum().backward()
        return pixels.grad


def bpda_reference(out: str, batch: GoldenBatch) -> None:
    """PyTorch's BPDA gradient for RobustGate's check: the stand-in's BCE gradient at the golden
    clean pixels, written as float32 [6,3,48,64] to quantised-bpda-gradient.f32."""
    gradient = batch.bce_gradient(torch.jit.load(os.path.join(out, "quantised-bpda", BPDA_FILE)))
    gradient.numpy().astype("<f4").tofile(os.path.join(out, "quantised-bpda-gradient.f32"))
    print(f"  BPDA reference: mean |gradient| {gradient.abs().mean().item():.3g}")


def eot_reference(out: str, batch: GoldenBatch) -> None:
    """PyTorch's Expectation-over-Transformation gradient for RobustGate's check: the mean over
    EOT_SAMPLES forward+backward passes of the randomised fixture, torch's generator seeded with
    EOT_SEED first, of the BCE gradient at the golden clean pixels. Written as float32 [6,3,48,64]
    to randomised-eot-gradient.f32."""
    model = torch.jit.load(os.path.join(out, "randomised", "model.pt"))
    torch.manual_seed(EOT_SEED)
    gradient = sum(batch.bce_gradient(model) for _ in range(EOT_SAMPLES)) / EOT_SAMPLES
    gradient.numpy().astype("<f4").tofile(os.path.join(out, "randomised-eot-gradient.f32"))
    with open(os.path.join(out, "randomised-eot.json"), "w") as f:
        json.dump({"generator": "python/build_masked_models.py", "torchVersion": torch.__version__, "seed": EOT_SEED,
                   "samples": EOT_SAMPLES, "loss": "BCE", "gradient": "randomised-eot-gradient.f32",
                   "shape": list(gradient.shape), "meanAbs": gradient.abs().mean().item()}, f, indent=2)
        f.write("\n")
    print(f"  EOT reference: {EOT_SAMPLES} passes, seed {EOT_SEED}, mean |gradient| {gradient.abs().mean().item():.3g}")


if __name__ == "__main__":
    main()
