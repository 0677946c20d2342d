"""Golden values for RobustGate's resize kernels and an end-to-end Dice check at original size.

Run from anywhere:  /usr/bin/python3 python/make_resize_golden.py
Output:             framework/core/src/test/resources/resize/   (see python/README.md)

Needs Debian's python3-torch and python3-pil only. Writes into its own folder (never into
golden/, which make_golden.py deletes and rebuilds); reads the fixture bundle made by
make_golden.py but does not change it.

1. kernels.json: seeded uint8 images (RGB and grey, odd sizes) resized up, down and mixed by
   non-integer factors with every kernel RobustGate offers, as Pillow and PyTorch compute them:
   `pil-*` = Image.resize on 8-bit images (uint8 results), `torch-*` = F.interpolate on
   uint8/255 floats (float32 results), masks with Image.NEAREST and F.interpolate "nearest";
   plus Image.convert("L") of an RGB image. Arrays are base64 of row-major [H,W,C] bytes
   (uint8) or little-endian float32.
2. pipeline/: two PNGs and what a PIL pipeline (open, convert to the model's mode, resize)
   feeds a 1-channel and a 3-channel model, for SamplePreparer's own test.
3. heldout-original-size/ + e2e.json: four HC18 images at their original 400x270 (one tinted
   to RGB) and the fixture model's per-sample clean Dice when a PyTorch evaluation resizes to
   its 64x48 input with PIL (Image.BILINEAR, masks Image.NEAREST), and, for contrast, with
   F.interpolate (bilinear, no antialias; masks nearest).
"""
from __future__ import annotations

import base64
import json
import os
import shutil

import numpy as np
import PIL
import torch
import torch.nn.functional as F
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(REPO), "shared", "data")
HC18 = os.path.join(SHARED, "hc18")
RESOURCES = os.path.join(REPO, "framework", "core", "src", "test", "resources")
FIXTURE = os.path.join(RESOURCES, "golden", "fixture-bundle")
OUT = os.path.join(RESOURCES, "resize")

SEED = 20240
MEAN = torch.tensor([0.48145466, 0.4578275, 0.40821073]).view(1, 3, 1, 1)
STD = torch.tensor([0.26862954, 0.26130258, 0.27577711]).view(1, 3, 1, 1)

# (name, PIL mode, input (width, height), output (width, height)): non-integer factors,
# odd sizes, one axis up and the other down, and single-axis changes (one pass only).
CASES = [
    ("rgb-down", "RGB", (37, 23), (16, 11)),
    ("rgb-up", "RGB", (13, 9), (29, 20)),
    ("rgb-height-only", "RGB", (15, 21), (15, 8)),
    ("grey-down", "L", (31, 17), (12, 7)),
    ("grey-up", "L", (7, 5), (17, 11)),
    ("grey-mixed", "L", (25, 9), (11, 20)),
    ("grey-width-only", "L", (19, 11), (7, 11)),
    ("grey-strong-down", "L", (101, 67), (9, 5)),
]

PIL_KERNELS = {"pil-bilinear": Image.BILINEAR, "pil-bicubic": Image.BICUBIC, "pil-lanczos": Image.LANCZOS}

# HC18 test images for the end-to-end check: (image, tint or None); prompts as in the golden set.
E2E = [("005_HC.png", None), ("018_HC.png", None), ("089_HC.png", (1.0, 0.85, 0.65)), ("120_HC.png", None)]
MODEL_H, MODEL_W = 48, 64


def b64(array: np.ndarray, dtype: str) -> str:
    return base64.b64encode(np.ascontiguousarray(array, dtype=dtype).tobytes()).decode("ascii")


def hwc(image: Image.Image) -> np.ndarray:
    a = np.array(image)
    return a[:, :, None] if a.ndim == 2 else a


def torch_resize(a: np.ndarray, size, **kwargs) -> np.ndarray:
    """uint8 [H,W,C] -> float32 [H',W',C] through F.interpolate on uint8/255 floats."""
    x = torch.from_numpy(a.astype(np.float32)).div(255.0).permute(2, 0, 1)[None]
    y = F.interpolate(x, size=size, **kwargs)
    return y[0].permute(1, 2, 0).contiguous().numpy()


def kernel_cases(rng: np.random.RandomState) -> list:
    cases = []
    for name, mode, (w, h), (ow, oh) in CASES:
        channels = 3 if mode == "RGB" else 1
        a = rng.randint(0, 256, size=(h, w, channels)).astype(np.uint8)
        image = Image.fromarray(a if channels == 3 else a[:, :, 0], mode)
        expected = {k: b64(hwc(image.resize((ow, oh), f)), "u1") for k, f in PIL_KERNELS.items()}
        expected["torch-bilinear"] = b64(torch_resize(a, (oh, ow), mode="bilinear", align_corners=False), "<f4")
        expected["torch-bilinear-antialias"] = b64(
            torch_resize(a, (oh, ow), mode="bilinear", align_corners=False, antialias=True), "<f4")
        expected["nearest"] = b64(hwc(image.resize((ow, oh), Image.NEAREST)), "u1")
        # exact picks of uint8/255 values: back to bytes without loss
        picked = torch_resize(a, (oh, ow), mode="nearest")
        expected["torch-nearest"] = b64(np.rint(picked * 255.0), "u1")
        cases.append({"name": name, "channels": channels, "height": h, "width": w,
                      "outHeight": oh, "outWidth": ow, "input": b64(a, "u1"), "expected": expected})
    return cases


def grey_case(rng: np.random.RandomState) -> dict:
    # random colours plus the corners of the cube, where rounding and the upper limit show
    a = rng.randint(0, 256, size=(29, 41, 3)).astype(np.uint8)
    a[0, :8] = [[0, 0, 0], [255, 255, 255], [255, 0, 0], [0, 255, 0], [0, 0, 255], [1, 1, 1], [254, 255, 253], [128, 128, 127]]
    grey = np.array(Image.fromarray(a, "RGB").convert("L"))
    return {"height": 29, "width": 41, "input": b64(a, "u1"), "expected": b64(grey, "u1")}


def pipeline_cases(rng: np.random.RandomState) -> list:
    folder = os.path.join(OUT, "pipeline")
    os.makedirs(folder)
    cases = []
    for file, mode, (w, h) in [("rgb-37x23.png", "RGB", (37, 23)), ("grey-31x17.png", "L", (31, 17))]:
        shape = (h, w, 3) if mode == "RGB" else (h, w)
        Image.fromarray(rng.randint(0, 256, size=shape).astype(np.uint8), mode).save(os.path.join(folder, file))
        for channels, kernel, (ow, oh) in [(1, "pil-bilinear", (12, 9)), (3, "pil-bicubic", (12, 9)),
                                           (1, "pil-lanczos", (50, 30))]:
            image = Image.open(os.path.join(folder, file)).convert("L" if channels == 1 else "RGB")
            out = hwc(image.resize((ow, oh), PIL_KERNELS[kernel]))
            cases.append({"file": file, "channels": channels, "resize": kernel, "outHeight": oh, "outWidth": ow,
                          "expected": b64(out, "u1")})
    return cases


def prompt_tokens(prompt: str, n: int):
    """The prompt's CLIP ids as make_golden.py recorded them in golden.json (so this script
    needs neither python3-regex nor clip_bpe.py), repeated n times."""
    recorded = json.load(open(os.path.join(RESOURCES, "golden", "golden.json")))["tokenizer"]
    row = recorded["prompts"].index(prompt)
    ids = torch.tensor(recorded["input_ids"][row], dtype=torch.int64)[None].repeat(n, 1)
    am = torch.tensor(recorded["attention_mask"][row], dtype=torch.int64)[None].repeat(n, 1)
    return ids, am


def dice(z: torch.Tensor, g: torch.Tensor) -> float:
    p = torch.sigmoid(z) > 0.5
    gt = g > 0.5
    inter = (p & gt).sum().item()
    total = p.sum().item() + gt.sum().item()
    return 1.0 if total == 0 else 2.0 * inter / total


def end_to_end() -> dict:
    root = os.path.join(OUT, "heldout-original-size")
    for sub in ("anns", "images", "masks"):
        os.makedirs(os.path.join(root, sub))
    anns = {e["img_name"]: e for e in json.load(open(os.path.join(HC18, "anns", "test.json")))}
    entries = []
    for name, tint in E2E:
        src = anns[name]
        image = Image.open(os.path.join(HC18, "images", name)).convert("L")
        if tint is not None:
            a = np.array(image, dtype=np.float32)
            image = Image.fromarray(np.stack([np.clip(np.round(a * c), 0, 255) for c in tint], -1).astype(np.uint8), "RGB")
        image.save(os.path.join(root, "images", name))
        shutil.copyfile(os.path.join(HC18, "masks", src["mask_name"]), os.path.join(root, "masks", src["mask_name"]))
        entries.append({"img_name": name, "mask_name": src["mask_name"], "prompts": {"p0": "", "p1": "fetal head"}})
    with open(os.path.join(root, "anns", "test.json"), "w") as fh:
        json.dump(entries, fh, indent=1)
    with open(os.path.join(root, "README.md"), "w") as fh:
        fh.write(HELDOUT_README)

    model = torch.jit.load(os.path.join(FIXTURE, "model.pt")).eval()
    ids, am = prompt_tokens("fetal head", len(entries))
    samples = []
    for i, e in enumerate(entries):
        image = Image.open(os.path.join(root, "images", e["img_name"])).convert("RGB")
        mask = Image.open(os.path.join(root, "masks", e["mask_name"])).convert("L")
        # the medvlsm / torchvision way: PIL resize on 8-bit images, then /255
        x_pil = torch.from_numpy(np.array(image.resize((MODEL_W, MODEL_H), Image.BILINEAR), dtype=np.float32) / 255.0)
        g_pil = torch.from_numpy((np.array(mask.resize((MODEL_W, MODEL_H), Image.NEAREST)) > 127).astype(np.float32))
        # for contrast: F.interpolate without antialias, what "torch-bilinear" means
        x_t = torch.from_numpy(np.array(image, dtype=np.float32) / 255.0).permute(2, 0, 1)[None]
        x_t = F.interpolate(x_t, size=(MODEL_H, MODEL_W), mode="bilinear", align_corners=False)
        g_t = torch.from_numpy((np.array(mask) > 127).astype(np.float32))[None, None]
        g_t = F.interpolate(g_t, size=(MODEL_H, MODEL_W), mode="nearest")
        with torch.no_grad():
            z_pil = model((x_pil.permute(2, 0, 1)[None] - MEAN) / STD, ids[i:i + 1], am[i:i + 1])
            z_t = model((x_t - MEAN) / STD, ids[i:i + 1], am[i:i + 1])
        samples.append({"image": e["img_name"], "pilBilinearDice": dice(z_pil[0, 0], g_pil),
                        "torchBilinearDice": dice(z_t[0, 0], g_t[0, 0])})
        print(f"  {e['img_name']}: pil-bilinear Dice {samples[-1]['pilBilinearDice']:.4f}, "
              f"torch-bilinear {samples[-1]['torchBilinearDice']:.4f}")
    return {"modelInput": [MODEL_H, MODEL_W], "prompt": "fetal head", "samples": samples}


HELDOUT_README = """# Held-out set at original size (resize check)

Four images and masks from the HC18 Grand Challenge training set at the 400x270 of
`shared/data/hc18` (half the challenge's resolution):
T. L. A. van den Heuvel, D. de Bruijn, C. L. de Korte, B. van Ginneken, "Automated measurement
of fetal head circumference using 2D ultrasound images", PLOS ONE 13(8), 2018;
data: DOI 10.5281/zenodo.1322001, licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).

Changes: images halved in size (bilinear) and masks flood-filled from the challenge's outlines
(both by shared/data/hc18); `089_HC.png` tinted and stored as RGB. Generated by
`python/make_resize_golden.py`, which also wrote the PyTorch-side Dice in `../e2e.json`.
Layout follows medvlsm: `anns/test.json`, `images/`, `masks/`.
"""


def main() -> None:
    torch.set_num_threads(1)
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    rng = np.random.RandomState(SEED)
    kernels = {"generator": "python/make_resize_golden.py",
               "versions": {"pillow": PIL.__version__, "torch": torch.__version__},
               "cases": kernel_cases(rng), "greyConversion": grey_case(rng)}
    with open(os.path.join(OUT, "kernels.json"), "w") as fh:
        json.dump(kernels, fh, indent=1)
    with open(os.path.join(OUT, "pipeline.json"), "w") as fh:
        json.dump({"folder": "pipeline", "cases": pipeline_cases(rng)}, fh, indent=1)
    e2e = end_to_end()
    e2e["versions"] = kernels["versions"]
    with open(os.path.join(OUT, "e2e.json"), "w") as fh:
        json.dump(e2e, fh, indent=1)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
