"""Independent numpy reference for the sequential gate's confidence sequences (docs/sequential.md).

Re-derives, from the formulas only, the bounds after every observation of
  * the i.i.d. hedged betting confidence sequence (Waudby-Smith & Ramdas, JRSS-B 2023, hedged capital
    process with predictable plug-in bets, c = 1/2, theta = 1/2), and
  * the without-replacement one (the same bets against the conditional mean of the undrawn values,
    mu_t(m) = (N m - sum_{i<t} x_i) / (N - t + 1), Waudby-Smith & Ramdas, NeurIPS 2020 / JRSS-B 2023 sec. 6),
vectorised over the whole grid m_j = j / G with an "ever rejected" mask (no contiguity assumed), and writes
them to framework/core/src/test/resources/sequential/crosscheck.csv, which SequentialCrossCheckTest compares
with the Java classes.

Run from the repository root:  python3 python/sequential_crosscheck.py      (numpy only, < 1 s)
"""
import csv
import math
import os

import numpy as np

GRID = 1000
C = 0.5


def data(n, kind):
    """Deterministic test values (no RNG, so any numpy gives the same): Weyl sequence shaped like Dice."""
    u = np.array([((i + 1) * 0.6180339887498949) % 1.0 for i in range(n)])
    if kind == "beta":
        return u ** (1.0 / 19.0)
    if kind == "mixture":
        v = np.array([((i + 1) * 0.4142135623730950) % 1.0 for i in range(n)])
        return np.where(v < 0.75, 0.08 * u * u, 0.82 + 0.15 * u)
    if kind == "drop":
        return 2.0 * u - 1.0
    raise ValueError(kind)


def bounds(x_raw, lo, hi, alpha, population=None):
    """Bounds on the raw scale after each observation; population=None for the i.i.d. sequence."""
    span = hi - lo
    m = np.arange(GRID + 1) * (1.0 / GRID)
    kp = np.ones_like(m)
    km = np.ones_like(m)
    rejected = np.zeros(m.shape, dtype=bool)
    thr = 2.0 / alpha
    low01, high01 = 0.0, 1.0
    s, ssq = 0.0, 0.0
    out = []
    for t0, xr in enumerate(x_raw):
        x = min(1.0, max(0.0, (xr - lo) / span))
        t = t0 + 1
        sigma2 = (0.25 + ssq) / t                      # sigma-hat^2_{t-1}
        lam = math.sqrt(2 * math.log(2 / alpha) / (sigma2 * t * math.log(1 + t)))
        if population is None:
            mu = m.copy()
        else:
            mu = (population * m - s) / (population - t0)
            infeasible = (mu < -1e-12) | (mu > 1 + 1e-12)
            rejected |= infeasible
            mu = np.clip(mu, 0.0, 1.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            lp = np.where(mu > 0, np.minimum(lam, C / mu), lam)
            lm = np.where(mu < 1, np.minimum(lam, C / (1 - mu)), lam)
        live = ~rejected
        kp[live] *= 1 + lp[live] * (x - mu[live])
        km[live] *= 1 - lm[live] * (x - mu[live])
        rejected |= (kp >= thr) | (km >= thr)
        s += x
        mu_hat = (0.5 + s) / (t + 1)
        ssq += (x - mu_hat) ** 2
        alive = np.flatnonzero(~rejected)
        if alive.size:
            a, b = alive[0], alive[-1]
            low01 = max(low01, 0.0 if a == 0 else (a - 1) / GRID)
            high01 = min(high01, 1.0 if b == GRID else (b + 1) / GRID)
        if population is not None:
            f_low, f_high = s / population, (s + population - t) / population
            l2, h2 = max(low01, f_low), min(high01, f_high)
            if l2 > h2:
                l2, h2 = f_low, f_high
            low01, high01 = l2, h2
            if t == population:
                mean = math.fsum(x_raw[: t]) / t
                out.append((xr, mean, mean))
                continue
            out.append((xr, max(lo + span * low01, lo), min(lo + span * high01, hi)))
        else:
            out.append((xr, lo + span * low01, lo + span * high01))
    return out


def main():
    cases = [
        ("iid", "beta", 0.0, 1.0, 0.05, None, 150),
        ("iid", "mixture", 0.0, 1.0, 0.025, None, 150),
        ("iid", "drop", -1.0, 1.0, 0.05, None, 150),
        ("wor", "beta", 0.0, 1.0, 0.05, 80, 80),
        ("wor", "mixture", 0.0, 1.0, 0.025, 48, 48),
        ("wor", "drop", -1.0, 1.0, 0.05, 60, 60),
    ]
    path = os.path.join("framework", "core", "src", "test", "resources", "sequential", "crosscheck.csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["sequence", "data", "lo", "hi", "alpha", "population", "t", "x", "lower", "upper"])
        for seq, kind, lo, hi, alpha, population, n in cases:
            x = [float(v) for v in data(n, kind)]
            for t, (xr, l, u) in enumerate(bounds(x, lo, hi, alpha, population), start=1):
                w.writerow([seq, kind, repr(lo), repr(hi), repr(alpha), population or 0, t, repr(float(xr)), repr(float(l)), repr(float(u))])
    print("wrote", path)


if __name__ == "__main__":
    main()
