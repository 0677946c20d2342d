"""Independent reference for two boundary segmentation metrics: HD95 and NSD (surface Dice).

Usage, run from the repository root (numpy + scipy only; torch is not needed):

    ../venv213/bin/python python/reference_surface_metrics.py
        # runs the self-check only
    ../venv213/bin/python python/reference_surface_metrics.py \\
        --write-cases framework/core/src/test/resources/surface-metrics/cases.json
        # self-check, then writes the seeded fixture cases for the Java tests

Any Python 3 with numpy and scipy works (`pip install scipy`); the script reads nothing and
writes only the file named by --write-cases. The cases are seeded
(numpy.random.default_rng(2026)), so a rerun with the same numpy/scipy rewrites the same file.

Definitions (2-D boolean masks of shape H x W; pixel spacing (sy, sx) = (row step, column step),
in mm, or (1, 1) for distances in pixels). These follow MONAI's published implementation,
`monai.metrics.compute_hausdorff_distance(..., percentile=95, directed=False)` and
`monai.metrics.compute_surface_dice(..., use_subvoxels=False)` (via
`monai.metrics.utils.get_mask_edges` / `get_surface_distance`), written here from that
definition because MONAI itself is not installed:

* Boundary (MONAI get_mask_edges): edges(M) = M XOR scipy.ndimage.binary_erosion(M), with
  scipy's default structuring element (the 4-connected cross) and border_value=0, so
  foreground pixels on the image border are boundary pixels, and the rim of a hole is
  boundary too. (MONAI first crops to the union's bounding box, padded by one background
  pixel; that changes neither the edges nor any distance between them.) A single pixel is its
  own boundary; any non-empty mask has a non-empty boundary.
* Directed surface distances d(A->B): for every boundary pixel a of A, the Euclidean distance
  (physical, with sampling=(sy, sx)) to the nearest boundary pixel of B:
  scipy.ndimage.distance_transform_edt(~edges(B), sampling=(sy, sx)) read at edges(A).
* HD95 (MONAI, directed=False, percentile=95):
  max(np.percentile(d(P->T), 95), np.percentile(d(T->P), 95)), numpy's default "linear"
  interpolation (sorted values v_0..v_{n-1}, position 0.95*(n-1), linear between neighbours).
* NSD at tolerance tau (MONAI compute_surface_dice, use_subvoxels=False):
  (#{p in edges(P): d(p, T) <= tau} + #{t in edges(T): d(t, P) <= tau})
  / (|edges(P)| + |edges(T)|).
* Empty masks (MONAI returns inf/nan there; we follow the Metrics Reloaded recommendation,
  Maier-Hein et al., "Metrics reloaded: recommendations for image analysis validation",
  Nature Methods 21, 2024): prediction and truth both empty -> HD95 = 0, NSD = 1 (a perfect
  "nothing there" answer); exactly one empty -> HD95 = the image diagonal
  sqrt((H*sy)^2 + (W*sx)^2) (the largest distance the image allows, i.e. the worst value)
  and NSD = 0.

Fixture format (--write-cases): a JSON list of
  {"name", "height", "width", "spacing": [sy, sx], "tolerance": tau,
   "predicted": [H strings of W '0'/'1' chars, row 0 first], "truth": [same], "hd95", "nsd"}
with floats in full double precision (Python's float repr).
"""
from __future__ import annotations

import argparse
import json
import math
import os

import numpy as np
from scipy import ndimage

SEED = 2026


# --------------------------------------------------------------------------------------------
# metrics
# --------------------------------------------------------------------------------------------

def boundary(mask: np.ndarray) -> np.ndarray:
    """MONAI get_mask_edges: mask XOR erosion(mask), 4-connected cross, outside = background."""
    mask = np.asarray(mask, dtype=bool)
    return mask ^ ndimage.binary_erosion(mask, border_value=0)


def directed_distances(edges_a: np.ndarray, edges_b: np.ndarray, spacing) -> np.ndarray:
    """For each boundary pixel of A (row-major order), the distance to the nearest of B's."""
    dist_to_b = ndimage.distance_transform_edt(~edges_b, sampling=tuple(float(s) for s in spacing))
    return dist_to_b[edges_a]


def image_diagonal(shape, spacing) -> float:
    h, w = shape
    sy, sx = spacing
    return math.sqrt((h * sy) ** 2 + (w * sx) ** 2)


def hd95(pred: np.ndarray, truth: np.ndarray, spacing=(1.0, 1.0)) -> float:
    pred = np.asarray(pred, dtype=bool)
    truth = np.asarray(truth, dtype=bool)
    p_empty, t_empty = not pred.any(), not truth.any()
    if p_empty and t_empty:
        return 0.0
    if p_empty or t_empty:
        return image_diagonal(pred.shape, spacing)
    ep, et = boundary(pred), boundary(truth)
    d_pt = directed_distances(ep, et, spacing)
    d_tp = directed_distances(et, ep, spacing)
    return float(max(np.percentile(d_pt, 95), np.percentile(d_tp, 95)))


def nsd(pred: np.ndarray, truth: np.ndarray, spacing=(1.0, 1.0), tolerance=1.0) -> float:
    pred = np.asarray(pred, dtype=bool)
    truth = np.asarray(truth, dtype=bool)
    p_empty, t_empty = not pred.any(), not truth.any()
    if p_empty and t_empty:
        return 1.0
    if p_empty or t_empty:
        return 0.0
    ep, et = boundary(pred), boundary(truth)
    d_pt = directed_distances(ep, et, spacing)
    d_tp = directed_distances(et, ep, spacing)
    correct = int(np.count_nonzero(d_pt <= tolerance)) + int(np.count_nonzero(d_tp <= tolerance))
    return correct / (d_pt.size + d_tp.size)


def tau_ties(pred, truth, spacing, tolerance):
    """(exact, near): how many surface distances equal tau exactly, and how many lie within
    1e-9 of it without being equal (those would make NSD depend on rounding)."""
    pred = np.asarray(pred, dtype=bool)
    truth = np.asarray(truth, dtype=bool)
    if not pred.any() or not truth.any():
        return 0, 0
    ep, et = boundary(pred), boundary(truth)
    d = np.concatenate([directed_distances(ep, et, spacing), directed_distances(et, ep, spacing)])
    gap = np.abs(d - tolerance)
    return int(np.count_nonzero(gap == 0)), int(np.count_nonzero((gap > 0) & (gap < 1e-9)))


# --------------------------------------------------------------------------------------------
# shapes
# --------------------------------------------------------------------------------------------

def empty(h, w):
    return np.zeros((h, w), dtype=bool)


def ellipse(h, w, cy, cx, ry, rx, angle=0.0):
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    c, s = math.cos(angle), math.sin(angle)
    u = (yy - cy) * c + (xx - cx) * s
    v = -(yy - cy) * s + (xx - cx) * c
    return (u / ry) ** 2 + (v / rx) ** 2 <= 1.0


def rect(h, w, r0, c0, r1, c1):
    """Rows r0..r1-1, columns c0..c1-1 (clipped to the image)."""
    m = empty(h, w)
    m[max(r0, 0):max(min(r1, h), 0), max(c0, 0):max(min(c1, w), 0)] = True
    return m


def shift(mask, dy, dx):
    """Translate by (dy, dx) pixels; what leaves the image is lost, what enters is background."""
    h, w = mask.shape
    out = empty(h, w)
    src = mask[max(-dy, 0):h - max(dy, 0), max(-dx, 0):w - max(dx, 0)]
    out[max(dy, 0):max(dy, 0) + src.shape[0], max(dx, 0):max(dx, 0) + src.shape[1]] = src
    return out


def random_ellipse(rng, h, w, min_r=2.0, max_frac=0.4):
    ry = rng.uniform(min_r, max(min_r + 0.5, max_frac * h))
    rx = rng.uniform(min_r, max(min_r + 0.5, max_frac * w))
    cy = rng.uniform(0.2 * h, 0.8 * h)
    cx = rng.uniform(0.2 * w, 0.8 * w)
    return ellipse(h, w, cy, cx, ry, rx, rng.uniform(0, math.pi))


def random_blob(rng, h, w, sigma, level):
    """Thresholded smoothed noise: irregular, possibly several components and holes."""
    noise = ndimage.gaussian_filter(rng.standard_normal((h, w)), sigma=sigma, mode="reflect")
    noise /= noise.std() + 1e-12
    return noise > level


def perturb(rng, mask, amount):
    """A plausible 'prediction' of mask: jitter its boundary by dilating/eroding random parts."""
    grown = ndimage.binary_dilation(mask, iterations=amount)
    shrunk = ndimage.binary_erosion(mask, iterations=amount, border_value=0)
    h, w = mask.shape
    sel = ndimage.gaussian_filter(rng.standard_normal((h, w)), sigma=3.0)
    out = mask.copy()
    out[sel > 0.15 * sel.std()] = grown[sel > 0.15 * sel.std()]
    out[sel < -0.15 * sel.std()] = shrunk[sel < -0.15 * sel.std()]
    return out


# --------------------------------------------------------------------------------------------
# cases
# --------------------------------------------------------------------------------------------

def rows(mask):
    return ["".join("1" if v else "0" for v in r) for r in np.asarray(mask, dtype=bool)]


def make_case(name, pred, truth, spacing, tolerance):
    pred = np.asarray(pred, dtype=bool)
    truth = np.asarray(truth, dtype=bool)
    assert pred.shape == truth.shape
    h, w = pred.shape
    return {
        "name": name,
        "height": int(h),
        "width": int(w),
        "spacing": [float(spacing[0]), float(spacing[1])],
        "tolerance": float(tolerance),
        "predicted": rows(pred),
        "truth": rows(truth),
        "hd95": float(hd95(pred, truth, spacing)),
        "nsd": float(nsd(pred, truth, spacing, tolerance)),
    }


def build_cases():
    rng = np.random.default_rng(SEED)
    cases = []

    def add(name, pred, truth, spacing=(1.0, 1.0), tolerance=1.0):
        cases.append(make_case(name, pred, truth, spacing, tolerance))

    # --- hand-checkable ---------------------------------------------------------------------
    e = ellipse(32, 32, 15.3, 16.1, 9.0, 6.5, 0.4)
    add("identical-ellipse-unit", e, e, (1, 1), 1.0)
    b = random_blob(rng, 48, 40, 3.0, 0.3)
    add("identical-blob-aniso", b, b, (0.5, 0.25), 0.5)
    p1 = empty(16, 16); p1[7, 5] = True
    t1 = empty(16, 16); t1[7, 8] = True
    add("single-pixel-3-cols-apart-tol2", p1, t1, (1, 1), 2.0)
    add("single-pixel-3-cols-apart-tol3", p1, t1, (1, 1), 3.0)
    add("single-pixel-identical", p1, p1, (1, 1), 0.5)
    p2 = empty(20, 17); p2[3, 14] = True
    add("single-pixel-vs-ellipse-aniso", p2, ellipse(20, 17, 11.0, 6.0, 4.2, 3.1), (1.2, 0.7), 2.0)
    sq = rect(24, 24, 6, 6, 16, 16)
    add("square-shift-1-col", shift(sq, 0, 1), sq, (1, 1), 1.0)
    add("square-shift-1-col-tol0.5", shift(sq, 0, 1), sq, (1, 1), 0.5)
    sq2 = rect(30, 22, 8, 5, 19, 15)
    add("square-shift-1-row-aniso", shift(sq2, 1, 0), sq2, (1.2, 0.7), 1.0)
    e2 = ellipse(40, 36, 19.5, 17.0, 11.0, 8.0, 1.1)
    add("ellipse-shift-diag-tol1", shift(e2, 1, 1), e2, (1, 1), 1.0)
    add("ellipse-shift-diag-aniso-tol0.5", shift(e2, -1, 1), e2, (0.5, 0.25), 0.5)

    # --- disjoint, far apart ----------------------------------------------------------------
    add("disjoint-far-unit", ellipse(64, 48, 8, 7, 4, 3), ellipse(64, 48, 55, 40, 5, 4, 0.3),
        (1, 1), 2.0)
    add("disjoint-far-aniso", rect(40, 60, 2, 3, 8, 12), ellipse(40, 60, 31, 50, 5.5, 6.5),
        (0.5, 0.25), 1.0)

    # --- touching the image border ----------------------------------------------------------
    add("border-half-disc", ellipse(28, 36, 0.0, 18.0, 10.0, 12.0),
        ellipse(28, 36, 1.5, 17.0, 9.0, 12.5), (1, 1), 1.0)
    add("border-corner-aniso", ellipse(32, 24, 31.0, 0.0, 14.0, 10.0, 0.2),
        ellipse(32, 24, 30.0, 1.0, 12.0, 11.0), (1.2, 0.7), 2.0)
    full = np.ones((18, 26), dtype=bool)
    add("full-image-identical", full, full, (1, 1), 1.0)
    add("full-image-vs-central-rect", full, rect(18, 26, 4, 5, 14, 21), (0.8, 0.8), 2.0)
    add("border-stripe-vs-stripe", rect(20, 30, 0, 0, 20, 4), rect(20, 30, 0, 2, 20, 7),
        (1, 1), 2.0)

    # --- holes, components, thin structures ---------------------------------------------------
    disc = ellipse(44, 44, 21.7, 22.2, 15.0, 15.0)
    ring = disc & ~ellipse(44, 44, 21.7, 22.2, 7.0, 7.0)
    add("hole-ring-vs-disc", disc, ring, (1, 1), 1.0)
    add("hole-ring-vs-ring-shifted", shift(ring, 2, -1), ring, (0.5, 0.25), 0.5)
    two = ellipse(36, 52, 12, 13, 6, 7) | ellipse(36, 52, 24, 38, 7, 8, 0.7)
    add("two-components-vs-one", ellipse(36, 52, 12, 13, 6.5, 7), two, (1, 1), 2.0)
    add("two-components-both", perturb(rng, two, 1), two, (1.2, 0.7), 1.0)
    line_t = rect(24, 40, 11, 3, 12, 37)
    line_p = rect(24, 40, 12, 5, 13, 38)
    add("thin-line-vs-line", line_p, line_t, (1, 1), 0.5)
    add("thin-line-vs-bar", rect(24, 40, 9, 3, 14, 37), line_t, (1, 1), 1.5)

    # --- random ellipses and blobs of varied size --------------------------------------------
    spacings = [(1.0, 1.0), (0.5, 0.25), (1.2, 0.7), (1.0, 1.0), (0.8, 0.8), (2.0, 1.0)]
    tolerances = [1.0, 2.0, 0.5, 1.5, 3.0, 0.75]
    sizes = [(16, 16), (16, 24), (24, 20), (32, 32), (40, 28), (48, 64), (64, 48), (96, 80),
             (20, 52), (56, 36)]
    for i, (h, w) in enumerate(sizes):
        sp = spacings[i % len(spacings)]
        tol = tolerances[i % len(tolerances)]
        t = random_ellipse(rng, h, w)
        mode = i % 3
        if mode == 0:
            p = random_ellipse(rng, h, w) | shift(t, int(rng.integers(-2, 3)), int(rng.integers(-2, 3)))
        elif mode == 1:
            p = perturb(rng, t, 1 + int(rng.integers(0, 2)))
        else:
            p = shift(perturb(rng, t, 1), int(rng.integers(-3, 4)), int(rng.integers(-3, 4)))
        add(f"random-ellipse-{h}x{w}", p, t, sp, tol)
    for i, (h, w) in enumerate([(16, 20), (32, 24), (48, 40), (60, 72), (96, 80), (28, 44)]):
        sp = spacings[(i + 2) % len(spacings)]
        tol = tolerances[(i + 1) % len(tolerances)]
        sigma = 1.5 + 0.5 * i
        t = random_blob(rng, h, w, sigma, 0.4)
        if not t.any():
            t[h // 2, w // 2] = True
        p = perturb(rng, t, 1) if i % 2 == 0 else random_blob(rng, h, w, sigma, 0.4) | t & shift(t, 1, 0)
        add(f"random-blob-{h}x{w}", p, t, sp, tol)

    # --- empty masks (Metrics Reloaded) -------------------------------------------------------
    some = ellipse(20, 30, 9.0, 14.0, 5.0, 8.0)
    add("empty-both-unit", empty(20, 30), empty(20, 30), (1, 1), 1.0)
    add("empty-both-aniso", empty(20, 30), empty(20, 30), (0.5, 0.25), 2.0)
    add("empty-pred-unit", empty(20, 30), some, (1, 1), 1.0)
    add("empty-pred-aniso", empty(20, 30), some, (1.2, 0.7), 2.0)
    add("empty-truth-unit", some, empty(20, 30), (1, 1), 1.0)
    add("empty-truth-aniso", some, empty(20, 30), (0.5, 0.25), 0.5)

    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    return cases


# --------------------------------------------------------------------------------------------
# self-check
# --------------------------------------------------------------------------------------------

def self_check():
    lines = []

    def check(label, got, want):
        assert abs(got - want) < 1e-12, f"{label}: got {got!r}, want {want!r}"
        lines.append(f"ok  {label}: {got!r}")

    e = ellipse(32, 32, 15.3, 16.1, 9.0, 6.5, 0.4)
    check("identical HD95", hd95(e, e), 0.0)
    check("identical NSD(tau=1)", nsd(e, e, tolerance=1.0), 1.0)
    a = empty(16, 16); a[7, 5] = True
    b = empty(16, 16); b[7, 8] = True
    check("pixel vs pixel 3 cols apart HD95", hd95(a, b, (1, 1)), 3.0)
    check("pixel vs pixel 3 cols apart NSD(tau=2)", nsd(a, b, (1, 1), 2.0), 0.0)
    check("pixel vs pixel 3 cols apart NSD(tau=3)", nsd(a, b, (1, 1), 3.0), 1.0)
    check("same at spacing (0.5,0.25) HD95", hd95(a, b, (0.5, 0.25)), 0.75)
    sq = rect(24, 24, 6, 6, 16, 16)
    check("square 1-col shift HD95", hd95(shift(sq, 0, 1), sq), 1.0)
    check("square 1-col shift NSD(tau=1)", nsd(shift(sq, 0, 1), sq, tolerance=1.0), 1.0)
    # half of each 10x10 square's 36 boundary pixels are 1 away from the other's boundary
    check("square 1-col shift NSD(tau=0.5)", nsd(shift(sq, 0, 1), sq, tolerance=0.5), 0.5)
    check("single-pixel boundary is the pixel", float(boundary(a).sum()), 1.0)
    full = np.ones((5, 7), dtype=bool)
    check("full 5x7 mask boundary = image rim", float(boundary(full).sum()), 2 * 5 + 2 * 7 - 4.0)
    check("both empty HD95/NSD", hd95(empty(4, 6), empty(4, 6)) + nsd(empty(4, 6), empty(4, 6)), 1.0)
    check("one empty HD95 = diagonal", hd95(empty(20, 30), rect(20, 30, 1, 1, 3, 3), (0.5, 0.25)),
          math.sqrt(10.0 ** 2 + 7.5 ** 2))
    check("one empty NSD", nsd(rect(20, 30, 1, 1, 3, 3), empty(20, 30)), 0.0)
    for ln in lines:
        print(ln)
    print(f"self-check passed ({len(lines)} checks)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write-cases", metavar="PATH", help="write the seeded fixture JSON here")
    args = ap.parse_args()
    self_check()
    if args.write_cases:
        cases = build_cases()
        os.makedirs(os.path.dirname(os.path.abspath(args.write_cases)), exist_ok=True)
        with open(args.write_cases, "w", encoding="utf-8") as f:
            json.dump(cases, f, indent=1)
            f.write("\n")
        # a distance equal to tau counts as within; make sure no case sits a rounding error
        # away from tau (exact ties only occur where spacing and tau are exact binary fractions)
        tied = []
        for c in cases:
            p = np.array([[ch == "1" for ch in r] for r in c["predicted"]])
            t = np.array([[ch == "1" for ch in r] for r in c["truth"]])
            exact, near = tau_ties(p, t, c["spacing"], c["tolerance"])
            assert near == 0, f"{c['name']}: {near} distances within 1e-9 of tau"
            if exact:
                tied.append(f"{c['name']} ({exact}, spacing {c['spacing']}, tau {c['tolerance']})")
        print(f"wrote {len(cases)} cases to {args.write_cases} "
              f"({os.path.getsize(args.write_cases)} bytes)")
        print(f"{len(tied)} cases have boundary distances exactly equal to tau (counted as within):")
        for s in tied:
            print("  " + s)

if __name__ == "__main__":
    main()
