"""Builds a small text-conditioned convolutional UNet bundle for the throughput benchmark.

Run from anywhere:  /usr/bin/python3 sample-project/python/make_unet_fixture.py
Output:             sample-project/src/test/resources/models/unet/

Convolutional segmenters scale with the batch size unlike the ViT sample model (see
docs/performance.md), so the benchmark runs both. The weights are seeded and untrained: the
benchmark measures time, not Dice. Same forward signature as the golden fixture
(python/make_golden.py): forward(pixel_values f32[B,1,H,W] normalised, input_ids i64[B,77],
attention_mask i64[B,77]) -> logits f32[B,1,H,W]; the golden fixture's tokenizer.json is reused.
"""
from __future__ import annotations

import json
import os
import shutil
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TOKENIZER = os.path.join(REPO, "framework", "core", "src", "test", "resources", "golden", "fixture-bundle",
                         "tokenizer.json")
OUT = os.path.join(REPO, "sample-project", "src", "test", "resources", "models", "unet")

H, W = 192, 256
CTX = 77
SEED = 2024
MANIFEST = {
    "name": "unet-fixture", "format": "torchscript", "file": "model.pt",
    "image": {"height": H, "width": W, "channels": 1, "mean": [0.5], "std": [0.25], "resize": "torch-bilinear"},
    "mask": {"resize": "torch-nearest"},
    "text": {"tokenizer": "tokenizer.json", "contextLength": CTX, "padToContext": True},
    "output": {"kind": "logits", "threshold": 0.5},
}


def block(cin: int, cout: int) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
                         nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class TextUNet(nn.Module):
    """Three-level UNet (16-32-64, bottleneck 64) with FiLM text conditioning at the bottleneck."""

    def __init__(self, vocab: int = 49408, tdim: int = 8):
        super().__init__()
        self.embed = nn.Embedding(vocab, tdim)
        self.film = nn.Linear(tdim, 128)
        self.e1, self.e2, self.e3 = block(1, 16), block(16, 32), block(32, 64)
        self.mid = block(64, 64)
        self.d3, self.d2, self.d1 = block(128, 32), block(64, 16), block(32, 16)
        self.head = nn.Conv2d(16, 1, 1)

    def forward(self, pixel_values: torch.Tensor, input_ids: torch.Tensor,
                attention_mask: torch.Tensor) -> torch.Tensor:
        m = attention_mask.to(pixel_values.dtype).unsqueeze(-1)
        t = (self.embed(input_ids) * m).sum(dim=1) / m.sum(dim=1).clamp(min=1.0)
        film = self.film(t)
        gamma = film[:, :64].unsqueeze(-1).unsqueeze(-1)
        beta = film[:, 64:].unsqueeze(-1).unsqueeze(-1)
        h1 = self.e1(pixel_values)
        h2 = self.e2(F.max_pool2d(h1, 2))
        h3 = self.e3(F.max_pool2d(h2, 2))
        b = self.mid(F.max_pool2d(h3, 2)) * (1.0 + gamma) + beta
        u3 = self.d3(torch.cat([F.interpolate(b, size=[h3.shape[2], h3.shape[3]], mode="nearest"), h3], dim=1))
        u2 = self.d2(torch.cat([F.interpolate(u3, size=[h2.shape[2], h2.shape[3]], mode="nearest"), h2], dim=1))
        u1 = self.d1(torch.cat([F.interpolate(u2, size=[h1.shape[2], h1.shape[3]], mode="nearest"), h1], dim=1))
        return self.head(u1)


def main() -> None:
    torch.manual_seed(SEED)
    model = TextUNet().eval()
    with torch.no_grad():
        # Give BatchNorm non-trivial running statistics so eval mode is not the identity.
        for module in model.modules():
            if isinstance(module, nn.BatchNorm2d):
                module.running_mean.uniform_(-0.1, 0.1)
                module.running_var.uniform_(0.5, 1.5)
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    torch.jit.script(model).save(os.path.join(OUT, "model.pt"))
    shutil.copyfile(TOKENIZER, os.path.join(OUT, "tokenizer.json"))
    with open(os.path.join(OUT, "robustgate-model.json"), "w") as fh:
        json.dump(MANIFEST, fh, indent=2)
        fh.write("\n")
    print("wrote", OUT, file=sys.stderr)


if __name__ == "__main__":
    main()
