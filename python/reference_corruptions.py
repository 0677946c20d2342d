"""Independent reference for RobustGate's image corruptions (docs/corruptions.md).

Usage, run from the repository root (numpy, scipy and Pillow; torch is not needed):

    ../venv213/bin/python python/reference_corruptions.py
        # writes framework/core/src/test/resources/corruptions/

Written from docs/corruptions.md and the formulas of Hendrycks & Dietterich (ICLR 2019,
ImageNet-C), not from the Java: scipy.ndimage.gaussian_filter for the Gaussian blur, Pillow's
JPEG codec for re-encoding, colorsys's HSV round trip for brightness, numpy for the rest. The
random stream (SplitMix64 from the sample seed and a counter, Box-Muller) is the documented one,
so that both implementations draw the same noise field and motion-blur angle.

Output: two 32x32 inputs, `grey` (one channel: a crop of golden/heldout/images/005_HC.png) and
`rgb` (three channels: crops of 005_HC.png, 018_HC.png and a ramp over the first), every kind at
severities 1, 3, 5, as little-endian float32 [C,H,W] files `<image>_<kind>_s<severity>.f32`, the
inputs as `<image>_clean.f32`, and corruptions.json naming them with the sample ids and seeds.
"""

import colorsys
import io
import json
import math
import pathlib

import numpy as np
from PIL import Image
from scipy import ndimage

MASK = (1 << 64) - 1
GAMMA_GOLDEN = 0x9E3779B97F4A7C15
SEED = 42
SEVERITIES = (1, 3, 5)
SIZE = 32

PARAMETERS = {
    "gaussian_noise": [0.08, 0.12, 0.18, 0.26, 0.38],
    "speckle_noise": [0.15, 0.20, 0.35, 0.45, 0.60],
    "gaussian_blur": [1, 2, 3, 4, 6],
    "motion_blur": [(10, 3), (15, 5), (15, 8), (15, 12), (20, 15)],
    "jpeg": [25, 18, 15, 10, 7],
    "brightness": [0.1, 0.2, 0.3, 0.4, 0.5],
    "contrast": [0.4, 0.3, 0.2, 0.1, 0.05],
    "gamma": [1.25, 1.5, 2.0, 2.5, 3.0],
}


def mix64(z):
    z &= MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def java_string_hash(text):
    h = 0
    for unit in text.encode("utf-16-be").decode("utf-16-be"):
        h = (31 * h + ord(unit)) & 0xFFFFFFFF
    return h - (1 << 32) if h >= 1 << 31 else h


def sample_seed(seed, sample_id):
    """The evaluator's per-sample seed: SplittableRandom(seed ^ hashCode(id)).nextLong()."""
    h = java_string_hash(sample_id) & MASK  # sign-extended to 64 bits
    return mix64(((seed ^ h) + GAMMA_GOLDEN) & MASK)


def to_signed(u):
    return u - (1 << 64) if u >= 1 << 63 else u


class Stream:
    """bits(k) = mix64(s + (k+1)·γ); uniform = ((bits >> 11) + 0.5)·2^-53; normals by Box-Muller."""

    def __init__(self, seed):
        self.seed = seed & MASK

    def uniforms(self, counters):
        with np.errstate(over="ignore"):
            z = np.uint64(self.seed) + (counters.astype(np.uint64) + np.uint64(1)) * np.uint64(GAMMA_GOLDEN)
            z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
            z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
            z = z ^ (z >> np.uint64(31))
        return ((z >> np.uint64(11)).astype(np.float64) + 0.5) * 2.0 ** -53

    def normals(self, count):
        j = np.arange(count, dtype=np.uint64)
        u1 = self.uniforms(2 * j)
        u2 = self.uniforms(2 * j + 1)
        return np.sqrt(-2 * np.log(u1)) * np.cos(2 * np.pi * u2)

    def uniform(self, k):
        return float(self.uniforms(np.array([k], dtype=np.uint64))[0])


def gaussian_noise(x, sigma, stream):
    n = stream.normals(x.size).reshape(x.shape)
    return np.clip(x + sigma * n, 0, 1)


def speckle_noise(x, sigma, stream):
    n = stream.normals(x.size).reshape(x.shape)
    return np.clip(x + x * sigma * n, 0, 1)


def gaussian_blur(x, sigma, stream):
    return np.clip(np.stack([ndimage.gaussian_filter(p, sigma, mode="nearest", truncate=4.0) for p in x]), 0, 1)


def motion_blur(x, radius_sigma, stream):
    radius, sigma = radius_sigma
    theta = math.radians(-45 + 90 * stream.uniform(0))
    taps = 2 * radius + 1
    k = np.exp(-np.arange(taps, dtype=np.float64) ** 2 / (2 * sigma ** 2))
    k /= k.sum()
    _, h, w = x.shape
    rows = np.arange(h)
    cols = np.arange(w)
    out = np.zeros_like(x)
    for i in range(taps):
        dy = -math.ceil(i * math.sin(theta) - 0.5)
        dx = -math.ceil(i * math.cos(theta) - 0.5)
        ys = np.clip(rows - dy, 0, h - 1)
        xs = np.clip(cols - dx, 0, w - 1)
        out += k[i] * x[:, ys][:, :, xs]
    return np.clip(out, 0, 1)


def jpeg(x, quality, stream):
    q = np.floor(255 * np.clip(x, 0, 1) + 0.5).astype(np.uint8)
    picture = Image.fromarray(q[0], "L") if x.shape[0] == 1 else Image.fromarray(np.transpose(q, (1, 2, 0)), "RGB")
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=int(quality))
    decoded = np.asarray(Image.open(io.BytesIO(buffer.getvalue()))).astype(np.float64) / 255
    return decoded[None] if x.shape[0] == 1 else np.transpose(decoded, (2, 0, 1))


def brightness(x, c, stream):
    if x.shape[0] == 1:
        return np.clip(x + c, 0, 1)
    out = np.empty_like(x)
    for y in range(x.shape[1]):
        for xx in range(x.shape[2]):
            hue, sat, val = colorsys.rgb_to_hsv(*x[:, y, xx])
            out[:, y, xx] = colorsys.hsv_to_rgb(hue, sat, min(val + c, 1.0))
    return np.clip(out, 0, 1)


def contrast(x, c, stream):
    means = x.mean(axis=(1, 2), keepdims=True)
    return np.clip((x - means) * c + means, 0, 1)


def gamma(x, g, stream):
    return np.clip(x ** g, 0, 1)


KINDS = {
    "gaussian_noise": gaussian_noise,
    "speckle_noise": speckle_noise,
    "gaussian_blur": gaussian_blur,
    "motion_blur": motion_blur,
    "jpeg": jpeg,
    "brightness": brightness,
    "contrast": contrast,
    "gamma": gamma,
}


def crop(path):
    grey = np.asarray(Image.open(path).convert("L")).astype(np.float64) / 255
    top = grey.shape[0] // 2 - SIZE // 2
    left = grey.shape[1] // 2 - SIZE // 2
    return grey[top:top + SIZE, left:left + SIZE]


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    images = root / "framework/core/src/test/resources/golden/heldout/images"
    out = root / "framework/core/src/test/resources/corruptions"
    out.mkdir(parents=True, exist_ok=True)
    a = crop(images / "005_HC.png")
    b = crop(images / "018_HC.png")
    ramp = np.linspace(0, 1, SIZE)[None, :] * a
    inputs = {
        "grey": ("005_HC.png", a[None]),
        "rgb": ("018_HC.png", np.stack([a, b, ramp])),
    }
    record = {"seed": SEED, "severities": list(SEVERITIES), "kinds": list(KINDS), "images": []}
    for name, (sample_id, x) in inputs.items():
        x = x.astype(np.float32).astype(np.float64)  # what the Java reads: float32 values
        seed = sample_seed(SEED, sample_id)
        x.astype("<f4").tofile(out / f"{name}_clean.f32")
        for kind, corrupt in KINDS.items():
            for severity in SEVERITIES:
                y = corrupt(x, PARAMETERS[kind][severity - 1], Stream(seed))
                y.astype("<f4").tofile(out / f"{name}_{kind}_s{severity}.f32")
        record["images"].append({"name": name, "id": sample_id, "sampleSeed": to_signed(seed),
                                 "shape": list(x.shape), "clean": f"{name}_clean.f32"})
    (out / "corruptions.json").write_text(json.dumps(record, indent=2) + "\n")
    print("wrote", out)


if __name__ == "__main__":
    main()
