"""Builds a tiny text-prompted model with a 3x352x352 input (CLIPSeg's size) for the memory check.

Run from anywhere:  /usr/bin/python3 sample-project/python/make_large_input_fixture.py
Output:             sample-project/src/test/resources/models/large-input/

ManySamplesMemoryBenchmark attacks 5,000 synthetic samples with it under -Xmx1g: the point is the
JVM heap at 352x352 model resolution, so the network is as small as a text-conditioned segmenter
can be (two convolutions, a 2-wide prompt embedding) and untrained. Same forward signature as the
golden fixture (python/make_golden.py); the golden fixture's tokenizer.json is reused.
"""
import json
import os
import shutil

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TOKENIZER = os.path.join(REPO, "framework", "core", "src", "test", "resources", "golden", "fixture-bundle",
                         "tokenizer.json")
OUT = os.path.join(REPO, "sample-project", "src", "test", "resources", "models", "large-input")
MANIFEST = {
    "name": "large-input-fixture", "format": "torchscript", "file": "model.pt",
    "image": {"height": 352, "width": 352, "channels": 3, "mean": [0.48145466, 0.4578275, 0.40821073],
              "std": [0.26862954, 0.26130258, 0.27577711], "resize": "torch-bilinear"},
    "mask": {"resize": "torch-nearest"},
    "text": {"tokenizer": "tokenizer.json", "contextLength": 77, "padToContext": True},
    "output": {"kind": "logits", "threshold": 0.5},
}


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(49408, 2)
        self.conv1 = nn.Conv2d(3, 4, 3, padding=1)
        self.conv2 = nn.Conv2d(4, 1, 3, padding=1)

    def forward(self, pixel_values: torch.Tensor, input_ids: torch.Tensor,
                attention_mask: torch.Tensor) -> torch.Tensor:
        m = attention_mask.to(pixel_values.dtype).unsqueeze(-1)
        t = (self.embed(input_ids) * m).sum(dim=1) / m.sum(dim=1).clamp(min=1.0)
        h = F.relu(self.conv1(pixel_values)) * (1.0 + t[:, :1, None, None])
        return self.conv2(h) + t[:, 1:, None, None]


def main() -> None:
    torch.manual_seed(7)
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    torch.jit.script(Tiny().eval()).save(os.path.join(OUT, "model.pt"))
    shutil.copyfile(TOKENIZER, os.path.join(OUT, "tokenizer.json"))
    with open(os.path.join(OUT, "robustgate-model.json"), "w") as fh:
        json.dump(MANIFEST, fh, indent=2)
        fh.write("\n")


if __name__ == "__main__":
    main()
