"""Builds one TorchScript module per layer kind of the UNet fixture, for KernelComparisonBenchmark.

Run from anywhere:  /usr/bin/python3 sample-project/python/make_op_fixtures.py
Output:             sample-project/src/test/resources/models/unet-ops/<op>.pt and ops.json

The UNet fixture (make_unet_fixture.py) is 10-14% faster per PGD step under Debian's PyTorch 1.13
than under libtorch 2.5.1, through DJL or through RobustGate alike. These modules take the layers
apart so the two builds can be timed kernel by kernel on the same input: each is one layer of the
UNet's top level (16 channels, 192x256), with forward(x) -> y; the benchmark times y.sum() forward
and backward to x, as an attack step does. ops.json gives each module's input shape.
"""
from __future__ import annotations

import json
import os
import shutil

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "src", "test", "resources", "models", "unet-ops")
SEED = 2024
TOP = [1, 16, 192, 256]


class Convolution(nn.Module):
    """3x3 convolution: oneDNN in both builds, the control."""

    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(16, 16, 3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv(x)


class BatchNorm(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.norm = nn.BatchNorm2d(16)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.norm(x)


class Relu(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(x)


class MaxPool(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.max_pool2d(x, 2)


class Upsample(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.interpolate(x, size=[192, 256], mode="nearest")


class Concatenate(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([x, x], dim=1)


class Scale(nn.Module):
    """One element-wise multiply: the floor of a call (tensor allocation, dispatch, autograd)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * 2.0


MODULES = {
    "convolution": (Convolution, TOP),
    "batchnorm": (BatchNorm, TOP),
    "relu": (Relu, TOP),
    "maxpool": (MaxPool, TOP),
    "upsample": (Upsample, [1, 16, 96, 128]),
    "concatenate": (Concatenate, TOP),
    "scale": (Scale, TOP),
}


def main() -> None:
    torch.manual_seed(SEED)
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    shapes = {}
    for name, (kind, shape) in MODULES.items():
        module = kind().eval()
        with torch.no_grad():
            for child in module.modules():
                if isinstance(child, nn.BatchNorm2d):
                    child.running_mean.uniform_(-0.1, 0.1)
                    child.running_var.uniform_(0.5, 1.5)
        torch.jit.script(module).save(os.path.join(OUT, name + ".pt"))
        shapes[name] = shape
    with open(os.path.join(OUT, "ops.json"), "w") as fh:
        json.dump(shapes, fh, indent=2)
        fh.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
