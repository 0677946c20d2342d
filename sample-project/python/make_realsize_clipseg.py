#!/usr/bin/env python3
"""Build and export a CLIPSeg of the real size (CIDAS/clipseg-rd64-refined's architecture) with
VLSM-Adapter-style bottleneck adapters and seeded random weights: the model RealSizeBenchmark times.

Nothing can be fetched from a model hub here, so the configuration is written out below and the
weights are random (torch.manual_seed). The benchmark is about cost, which depends on the
architecture and the input size only; the clean Dice printed at the end is what a random model
gets, recorded because an attack that exits early on samples it has already broken costs less on a
model that starts out poor.

Writes a RobustGate bundle (git-ignored build output, about 611 MB; never commit it):
  sample-project/target/realsize-clipseg/{model.pt, robustgate-model.json, tokenizer.json, export.json}
and, with --bf16, a second bundle whose module runs in bfloat16 behind a float32 signature:
  sample-project/target/realsize-clipseg-bf16/   (about 306 MB)

Usage (PyTorch 2.13 + transformers 5.17 in a virtual environment outside the repository):
  python3 -m venv ../venv213 && ../venv213/bin/pip install torch==2.13.0+cpu transformers==5.17.0 pillow
  ../venv213/bin/python sample-project/python/make_realsize_clipseg.py [--bf16] [--dice-images 4]
"""
import argparse
import json
import math
import os
import sys
import time

# Before the torch import, as in train_hc18_vlsm.py: spinning OpenMP threads stall on shared cores.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import transformers  # noqa: E402
from PIL import Image  # noqa: E402
from transformers import CLIPSegConfig, CLIPSegForImageSegmentation  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE_PROJECT = os.path.dirname(HERE)
REPO = os.path.dirname(SAMPLE_PROJECT)
DEFAULT_OUT = os.path.join(SAMPLE_PROJECT, "target", "realsize-clipseg")
DEFAULT_DATA = os.path.join(SAMPLE_PROJECT, "src", "test", "resources", "hc18")
DEFAULT_MERGES = os.path.normpath(os.path.join(REPO, "..", "shared", "data", "clip-bpe",
                                               "bpe_simple_vocab_16e6.txt.gz"))
sys.path.insert(0, os.path.join(REPO, "python"))
from clip_bpe import ClipBpe  # noqa: E402

SIZE = 352
CTX = 77
ADAPTER_DIM = 64
PROMPT = "fetal head"
# CLIPSegProcessor of clipseg-rd64-refined: ViTImageProcessor, 352x352, resample=2 (PIL bilinear),
# ImageNet mean/std (docs/model-bundle.md, "Exporting CLIPSeg with VLSM-Adapter to a bundle").
MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]

# CIDAS/clipseg-rd64-refined's config.json, written out. Two deliberate choices: the vision tower is
# built at image_size 352 (the hub file says 224 and CLIPSeg interpolates its 14x14 position table to
# 22x22 on every forward; a native 22x22 table costs the same, 221k parameters more, and keeps a
# bicubic resize of the table out of the trace), and the text config carries CLIP's real
# bos/eos/pad ids (49406/49407/49407) instead of the legacy 0/2/1: with eos 2 transformers pools at
# argmax(input_ids), which is the same first end-of-text token because padding uses 49407 too.
TEXT_CONFIG = dict(vocab_size=49408, hidden_size=512, intermediate_size=2048, projection_dim=512,
                   num_hidden_layers=12, num_attention_heads=8, max_position_embeddings=CTX,
                   hidden_act="quick_gelu", layer_norm_eps=1e-5, attention_dropout=0.0,
                   initializer_range=0.02, initializer_factor=1.0,
                   bos_token_id=49406, eos_token_id=49407, pad_token_id=49407)
VISION_CONFIG = dict(hidden_size=768, intermediate_size=3072, projection_dim=512, num_hidden_layers=12,
                     num_attention_heads=12, num_channels=3, image_size=SIZE, patch_size=16,
                     hidden_act="quick_gelu", layer_norm_eps=1e-5, attention_dropout=0.0,
                     initializer_range=0.02, initializer_factor=1.0)
CLIPSEG_CONFIG = dict(projection_dim=512, logit_scale_init_value=2.6592, extract_layers=[3, 6, 9],
                      reduce_dim=64, decoder_num_attention_heads=4, decoder_attention_dropout=0.0,
                      decoder_hidden_act="quick_gelu", decoder_intermediate_size=2048,
                      conditional_layer=0, use_complex_transposed_convolution=True)


class AdaptedMlp(nn.Module):
    """An encoder block's MLP followed by a bottleneck adapter (VLSM-Adapter's shallow adapter):
    h = mlp(x); h + up(act(down(h)))."""

    def __init__(self, mlp, width, bottleneck, activation):
        super().__init__()
        self.mlp = mlp
        self.down = nn.Linear(width, bottleneck)
        self.act = activation
        self.up = nn.Linear(bottleneck, width)

    def forward(self, hidden_states):
        hidden_states = self.mlp(hidden_states)
        return hidden_states + self.up(self.act(self.down(hidden_states)))


class ClipSegForRobustGate(nn.Module):
    """The export wrapper of docs/model-bundle.md: RobustGate's signature; normalisation stays outside."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, pixel_values, input_ids, attention_mask):
        out = self.model(pixel_values=pixel_values, input_ids=input_ids, attention_mask=attention_mask)
        # CLIPSeg squeezes logits to [H,W] for a batch of one: restore [B,1,H,W] explicitly.
        return out.logits.reshape(pixel_values.shape[0], 1, *pixel_values.shape[-2:])


class Bf16Behind32(nn.Module):
    """Weights and activations in bfloat16 behind RobustGate's float32 signature: the input is cast
    inside the module, so autograd carries the input gradient back through the cast to float32 and
    the Java side sees an ordinary float32 model."""

    def __init__(self, wrapped):
        super().__init__()
        self.wrapped = wrapped

    def forward(self, pixel_values, input_ids, attention_mask):
        return self.wrapped(pixel_values.to(torch.bfloat16), input_ids, attention_mask).float()


def build(seed):
    torch.manual_seed(seed)
    config = CLIPSegConfig(text_config=TEXT_CONFIG, vision_config=VISION_CONFIG, **CLIPSEG_CONFIG)
    model = CLIPSegForImageSegmentation(config)
    encoders = [(model.clip.vision_model.encoder, VISION_CONFIG["hidden_size"], nn.GELU()),
                (model.clip.text_model.encoder, TEXT_CONFIG["hidden_size"], nn.ReLU())]
    adapter_parameters = 0
    for encoder, width, activation in encoders:
        for layer in encoder.layers:
            layer.mlp = AdaptedMlp(layer.mlp, width, ADAPTER_DIM, activation)
            adapter_parameters += sum(p.numel() for n, p in layer.mlp.named_parameters() if not n.startswith("mlp."))
    model.eval()  # no Dropout is active in this config, but tracing must see eval behaviour anyway
    for p in model.parameters():
        p.requires_grad_(False)
    return config, model, adapter_parameters


def load_pair(data, entry):
    """As RobustGate prepares a grey PNG for a 3-channel pil-bilinear model: Pillow's 8-bit bilinear
    resize, /255, repeated over channels; the mask PIL-nearest resized and binarised at > 127."""
    image = Image.open(os.path.join(data, "images", entry["img_name"])).convert("L")
    x = np.asarray(image.resize((SIZE, SIZE), Image.BILINEAR), dtype=np.float32) / 255.0
    mask = Image.open(os.path.join(data, "masks", entry["mask_name"])).convert("L")
    m = np.asarray(mask.resize((SIZE, SIZE), Image.NEAREST)) > 127
    return torch.from_numpy(x)[None].expand(3, -1, -1), torch.from_numpy(m.astype(np.float32))


def normalise(x):
    return (x - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1)


def dice(logits, targets):
    p = (logits[:, 0] > 0).float()
    inter = (p * targets).sum((1, 2))
    total = p.sum((1, 2)) + targets.sum((1, 2))
    return torch.where(total > 0, 2 * inter / total.clamp(min=1), torch.ones_like(total))


def write_bundle(out, traced, name, bpe):
    os.makedirs(out, exist_ok=True)
    traced.save(os.path.join(out, "model.pt"))
    bpe.write_hf_tokenizer_json(os.path.join(out, "tokenizer.json"), context_length=CTX)
    with open(os.path.join(out, "robustgate-model.json"), "w") as fh:
        json.dump({"name": name, "format": "torchscript", "file": "model.pt",
                   "image": {"height": SIZE, "width": SIZE, "channels": 3, "mean": MEAN, "std": STD,
                             "resize": "pil-bilinear"},
                   "mask": {"resize": "nearest"},
                   "text": {"tokenizer": "tokenizer.json", "contextLength": CTX, "padToContext": True},
                   "output": {"kind": "logits", "threshold": 0.5}}, fh, indent=2)
        fh.write("\n")


def export_checks(path, eager, x, ids, am, tolerance):
    """The saved module equals eager on other batch sizes, and its input gradient is finite and
    non-zero (a module that cuts the gradient would make every attack a no-op)."""
    loaded = torch.jit.load(path).eval()
    out = {}
    with torch.no_grad():
        for b in (1, 3):
            xb, ib, ab = x[:b], ids[:b], am[:b]
            diff = (loaded(xb, ib, ab) - eager(xb, ib, ab)).abs().max().item()
            assert diff < tolerance, "traced != eager for batch %d: %g" % (b, diff)
            out["max_abs_diff_batch%d" % b] = diff
    xg = x[:1].clone().requires_grad_(True)
    loaded(xg, ids[:1], am[:1]).sum().backward()
    g = xg.grad.abs().sum().item()
    assert g > 0 and math.isfinite(g), "zero or non-finite input gradient"
    assert xg.grad.dtype == torch.float32
    out["input_grad_abs_sum"] = g
    return loaded, out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--data", default=DEFAULT_DATA, help="medvlsm layout; default: the sample's held-out set")
    ap.add_argument("--merges", default=DEFAULT_MERGES)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dice-images", type=int, default=4, help="first N entries of anns/test.json")
    ap.add_argument("--bf16", action="store_true", help="also write the bfloat16 bundle beside --out")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    began = time.time()

    config, model, adapter_parameters = build(args.seed)
    total = sum(p.numel() for p in model.parameters())
    print("torch %s, transformers %s" % (torch.__version__, transformers.__version__), flush=True)
    print("parameters: %d total (%.1f M), adapters %d" % (total, total / 1e6, adapter_parameters), flush=True)

    bpe = ClipBpe(args.merges)
    entries = json.load(open(os.path.join(args.data, "anns", "test.json")))
    count = max(args.dice_images, 3)  # the export checks use batches of up to 3
    pairs = [load_pair(args.data, e) for e in entries[:count]]
    pixels = torch.stack([p[0] for p in pairs])
    targets = torch.stack([p[1] for p in pairs])
    ids, am = bpe.encode_batch([PROMPT] * count, context_length=CTX, as_torch=True)

    wrapper = ClipSegForRobustGate(model).eval()
    x = normalise(pixels)
    # A batch of 2 with different prompts, so neither the batch size nor one prompt's length is baked in.
    ex_ids, ex_am = bpe.encode_batch([PROMPT, "oval fetal head in a prenatal ultrasound scan"], context_length=CTX,
                                   as_torch=True)
    traced = torch.jit.trace(wrapper, (x[:2], ex_ids, ex_am), check_trace=False)
    write_bundle(args.out, traced, "clipseg-rd64-realsize-random", bpe)
    model_pt = os.path.join(args.out, "model.pt")
    # Other batch sizes and other prompt lengths than the trace saw, including the empty prompt.
    mixed_ids, mixed_am = bpe.encode_batch(["the fetal skull outline in a second trimester ultrasound", "", PROMPT],
                                           context_length=CTX, as_torch=True)
    loaded, checks = export_checks(model_pt, wrapper, x, mixed_ids, mixed_am, 1e-3)
    with torch.no_grad():
        clean = dice(loaded(x[:args.dice_images], ids[:args.dice_images], am[:args.dice_images]),
                     targets[:args.dice_images])
    report = {"torch": torch.__version__, "transformers": transformers.__version__, "seed": args.seed,
              "config": config.to_dict() if hasattr(config, "to_dict") else None,
              "adapter_dim": ADAPTER_DIM, "parameters": total, "adapter_parameters": adapter_parameters,
              "model_pt_bytes": os.path.getsize(model_pt), "checks": checks, "prompt": PROMPT,
              "clean_dice": {e["img_name"]: round(d, 4) for e, d in zip(entries, clean.tolist())},
              "clean_dice_mean": round(clean.mean().item(), 4)}
    print("export checks:", checks, flush=True)
    print("clean Dice (random weights, prompt %r): %s, mean %.4f"
          % (PROMPT, report["clean_dice"], report["clean_dice_mean"]), flush=True)

    if args.bf16:
        out16 = args.out.rstrip("/") + "-bf16"
        half = Bf16Behind32(ClipSegForRobustGate(model.to(torch.bfloat16))).eval()
        traced16 = torch.jit.trace(half, (x[:2], ex_ids, ex_am), check_trace=False)
        write_bundle(out16, traced16, "clipseg-rd64-realsize-random-bf16", bpe)
        model_pt16 = os.path.join(out16, "model.pt")
        # bf16 has an 8-bit mantissa: compare with the float32 module loosely, on the logits' scale.
        scale = max(1.0, loaded(x[:1], ids[:1], am[:1]).abs().max().item())
        loaded16, checks16 = export_checks(model_pt16, half, x, mixed_ids, mixed_am, 1e-3 * scale)
        with torch.no_grad():
            z32 = loaded(x[:args.dice_images], ids[:args.dice_images], am[:args.dice_images])
            z16 = loaded16(x[:args.dice_images], ids[:args.dice_images], am[:args.dice_images])
        checks16["max_abs_diff_vs_fp32"] = (z16 - z32).abs().max().item()
        checks16["fp32_logit_abs_max"] = z32.abs().max().item()
        checks16["prediction_agreement_vs_fp32"] = ((z16 > 0) == (z32 > 0)).float().mean().item()
        checks16["clean_dice_mean"] = round(dice(z16, targets[:args.dice_images]).mean().item(), 4)
        report["bf16"] = {"directory": out16, "model_pt_bytes": os.path.getsize(model_pt16), "checks": checks16}
        print("bf16 bundle:", report["bf16"], flush=True)

    report["seconds"] = round(time.time() - began, 1)
    with open(os.path.join(args.out, "export.json"), "w") as fh:
        json.dump(report, fh, indent=2)
        fh.write("\n")
    print("bundle written to %s in %.0f s" % (args.out, report["seconds"]), flush=True)


if __name__ == "__main__":
    main()
