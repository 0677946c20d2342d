#!/usr/bin/env python3
"""Write a bfloat16 copy of the HC18 sample bundle: weights and activations bf16 behind the float32
signature (the input is cast inside the module, the logits cast back), so RobustGate loads it
unchanged and its input gradient stays float32.

RealSizeBenchmark compares it with the float32 sample model: on a CPU without native bf16 kernels
the real-size model's bf16 PGD-40 cannot be afforded, the small model's can. DJL 0.33 cannot cast
a loaded TorchScript module (PtSymbolBlock.cast throws UnsupportedOperationException), and casting
the traced module itself (ScriptModule.to(torch.bfloat16)) fails at the first matmul ("expected m1
and m2 to have the same dtype, but got: float != c10::BFloat16"): the trace baked float32 tensors
into the graph as constants, which .to() does not reach. So the eager model is rebuilt from
train_hc18_vlsm.py, given the bundle's weights, cast and traced again:
  ../venv213/bin/python sample-project/python/make_bf16_sample_bundle.py \
      sample-project/src/test/resources/models/hc18 sample-project/target/hc18-bf16
"""
import json
import os
import shutil
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
MERGES = os.path.normpath(os.path.join(REPO, "..", "shared", "data", "clip-bpe", "bpe_simple_vocab_16e6.txt.gz"))
sys.path.insert(0, os.path.join(REPO, "python"))
from clip_bpe import ClipBpe  # noqa: E402
sys.path.insert(0, HERE)
from train_hc18_vlsm import CFG, VLSM  # noqa: E402


class Bf16Behind32(torch.nn.Module):
    """As in make_realsize_clipseg.py: bf16 inside, float32 at the signature."""

    def __init__(self, wrapped):
        super().__init__()
        self.wrapped = wrapped

    def forward(self, pixel_values, input_ids, attention_mask):
        return self.wrapped(pixel_values.to(torch.bfloat16), input_ids, attention_mask).float()


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    manifest = json.load(open(os.path.join(source, "robustgate-model.json")))
    image, length = manifest["image"], manifest["text"]["contextLength"]
    module = VLSM(CFG)
    # The trace also saved VLSM's non-persistent causal-mask buffer, which the eager model rebuilds.
    missing, unexpected = module.load_state_dict(torch.jit.load(os.path.join(source, manifest["file"])).state_dict(),
                                                 strict=False)
    assert not missing and set(unexpected) <= {"text.causal"}, (missing, unexpected)
    module = module.eval().to(torch.bfloat16)
    torch.manual_seed(0)
    x = torch.rand(2, image["channels"], image["height"], image["width"])
    ids, mask = ClipBpe(MERGES).encode_batch(["fetal head", "oval fetal head in a prenatal ultrasound scan"],
                                              context_length=length, as_torch=True)
    half = Bf16Behind32(module).eval()
    traced = torch.jit.trace(half, (x, ids, mask), check_trace=False)
    os.makedirs(target, exist_ok=True)
    traced.save(os.path.join(target, "model.pt"))
    shutil.copyfile(os.path.join(source, manifest["text"]["tokenizer"]), os.path.join(target, manifest["text"]["tokenizer"]))
    manifest["name"] = manifest["name"] + "-bf16"
    manifest["file"] = "model.pt"
    with open(os.path.join(target, "robustgate-model.json"), "w") as fh:
        json.dump(manifest, fh, indent=2)
        fh.write("\n")
    fp32 = torch.jit.load(os.path.join(source, "model.pt")).eval()
    loaded = torch.jit.load(os.path.join(target, "model.pt"))
    xg = x.clone().requires_grad_(True)
    z16 = loaded(xg, ids, mask)
    z16.sum().backward()
    with torch.no_grad():
        z32 = fp32(x, ids, mask)
    print(json.dumps({"target": target, "logit_max_abs_diff_vs_fp32": (z16 - z32).abs().max().item(),
                      "prediction_agreement_vs_fp32": ((z16 > 0) == (z32 > 0)).float().mean().item(),
                      "input_grad_dtype": str(xg.grad.dtype), "input_grad_abs_sum": xg.grad.abs().sum().item()}))


if __name__ == "__main__":
    main()
