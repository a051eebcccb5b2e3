"""Records SciPy 1.10's drift statistics on the drift fixtures (run with /usr/bin/python3).

The samples are generated from a 32-bit LCG that the unit tests reproduce bit for bit, so the fixture file
holds only the generator parameters and SciPy's answers. Evidently's tests are written here with the same
SciPy calls Evidently makes (chisquare, norm.cdf, wasserstein_distance, jensenshannon, np.histogram 'sturges').
Output: tests/fixtures/drift/scipy.json
"""
import json
import os

import numpy as np
from scipy import stats
from scipy.spatial import distance


def lcg(seed, n):
    out = []
    s = seed
    for _ in range(n):
        s = (s * 1664525 + 1013904223) % 4294967296
        out.append(s / 4294967296)
    return out


def sample(spec):
    """sum of three uniforms (roughly normal), scaled, shifted, rounded to `digits` (ties on purpose)."""
    u = lcg(spec["seed"], 3 * spec["n"])
    xs = [(u[3 * i] + u[3 * i + 1] + u[3 * i + 2]) * spec["scale"] + spec["shift"] for i in range(spec["n"])]
    if "digits" in spec:
        xs = [round(x, spec["digits"]) for x in xs]
    return np.array(xs)


def cats(spec):
    """category = index of the first cumulative weight above u."""
    u = lcg(spec["seed"], spec["n"])
    w = np.cumsum(spec["weights"]) / sum(spec["weights"])
    return [spec["labels"][int(np.searchsorted(w, x, side="right"))] for x in u]


def counts(values):
    out = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def chi(ref, cur):
    keys = list(set(ref) | set(cur))
    rc, cc = counts(ref), counts(cur)
    k = len(cur) / len(ref)
    f_exp = [rc.get(x, 0) * k for x in keys]
    f_obs = [cc.get(x, 0) for x in keys]
    r = stats.chisquare(f_obs, f_exp)
    return float(r.statistic), float(r.pvalue)


def z(ref, cur):
    keys = sorted(set(ref) | set(cur))
    t = keys[0]
    r = np.array([1 if x == t else 0 for x in ref])
    c = np.array([1 if x == t else 0 for x in cur])
    n1, n2 = len(r), len(c)
    p1, p2 = r.sum() / n1, c.sum() / n2
    P = (p1 * n1 + p2 * n2) / (n1 + n2)
    zs = (p1 - p2) / np.sqrt(P * (1 - P) * (1 / n1 + 1 / n2))
    return float(abs(zs)), float(2 * (1 - stats.norm.cdf(abs(zs))))


def binned(ref, cur, numeric):
    if numeric and len(set(ref)) > 20:  # Evidently get_binned_data: > 20 distinct reference values
        bins = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        return np.histogram(ref, bins)[0] / len(ref), np.histogram(cur, bins)[0] / len(cur)
    keys = list(set(ref) | set(cur))
    rc, cc = counts(ref), counts(cur)
    return np.array([rc.get(k, 0) for k in keys]) / len(ref), np.array([cc.get(k, 0) for k in keys]) / len(cur)


def fill(p):
    p = p.copy()
    m = min(p[p != 0])
    np.place(p, p == 0, m / 10**6 if m <= 0.0001 else 0.0001)
    return p


NUMERIC = [
    ("exact_unequal", {"seed": 1, "n": 300, "scale": 1, "shift": 0}, {"seed": 2, "n": 200, "scale": 1, "shift": 0.1}),
    ("exact_equal", {"seed": 3, "n": 500, "scale": 1, "shift": 0}, {"seed": 4, "n": 500, "scale": 1, "shift": 0.05}),
    ("exact_ties", {"seed": 5, "n": 400, "scale": 10, "shift": 0, "digits": 0}, {"seed": 6, "n": 350, "scale": 10, "shift": 1, "digits": 0}),
    ("exact_same", {"seed": 7, "n": 120, "scale": 1, "shift": 0}, {"seed": 8, "n": 90, "scale": 1, "shift": 0}),
    ("asymp_small_d", {"seed": 9, "n": 800, "scale": 1, "shift": 0, "digits": 3}, {"seed": 10, "n": 12000, "scale": 1, "shift": 0.01, "digits": 3}),
    ("asymp_large_d", {"seed": 11, "n": 900, "scale": 1, "shift": 0, "digits": 3}, {"seed": 12, "n": 15000, "scale": 1, "shift": 0.15, "digits": 3}),
    ("asymp_n_below_140", {"seed": 13, "n": 100, "scale": 1, "shift": 0}, {"seed": 14, "n": 11000, "scale": 1, "shift": 0.05, "digits": 3}),
    ("asymp_mid_d", {"seed": 15, "n": 1000, "scale": 1, "shift": 0, "digits": 3}, {"seed": 16, "n": 10500, "scale": 1, "shift": 0.045, "digits": 3}),
]

CATEGORICAL = [
    ("three_drifted", {"seed": 21, "n": 600, "labels": ["a", "b", "c"], "weights": [5, 3, 2]}, {"seed": 22, "n": 500, "labels": ["a", "b", "c"], "weights": [3, 3, 4]}),
    ("five_same", {"seed": 23, "n": 900, "labels": ["p", "q", "r", "s", "t"], "weights": [1, 2, 3, 4, 5]}, {"seed": 24, "n": 700, "labels": ["p", "q", "r", "s", "t"], "weights": [1, 2, 3, 4, 5]}),
    ("new_category", {"seed": 25, "n": 400, "labels": ["x", "y"], "weights": [1, 1]}, {"seed": 26, "n": 300, "labels": ["x", "y", "z"], "weights": [4, 4, 1]}),
    ("binary", {"seed": 27, "n": 800, "labels": ["no", "yes"], "weights": [7, 3]}, {"seed": 28, "n": 640, "labels": ["no", "yes"], "weights": [6, 4]}),
]


def finite(x):
    """JSON has no infinity: write it as the string "Infinity" (Number("Infinity") in the tests)."""
    if isinstance(x, float) and not np.isfinite(x):
        return str(x).replace("inf", "Infinity")
    if isinstance(x, dict):
        return {k: finite(v) for k, v in x.items()}
    if isinstance(x, list):
        return [finite(v) for v in x]
    return x


def main():
    root = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "drift")
    out = {"scipy": __import__("scipy").__version__, "numeric": [], "categorical": []}
    for name, rs, cs in NUMERIC:
        ref, cur = sample(rs), sample(cs)
        ks = stats.ks_2samp(ref, cur)
        rb, cb = binned(ref, cur, True)
        out["numeric"].append({
            "name": name, "reference": rs, "current": cs,
            "ks": {"statistic": float(ks.statistic), "p_value": float(ks.pvalue)},
            "wasserstein_norm": float(stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)),
            "jensen_shannon": float(distance.jensenshannon(rb, cb)),
            "psi": float(np.sum((fill(rb) - fill(cb)) * np.log(fill(rb) / fill(cb)))),
        })
    for name, rs, cs in CATEGORICAL:
        ref, cur = cats(rs), cats(cs)
        rb, cb = binned(ref, cur, False)
        s, p = chi(ref, cur)
        zs, zp = z(ref, cur)
        out["categorical"].append({
            "name": name, "reference": rs, "current": cs,
            "chi2": {"statistic": s, "p_value": p}, "z": {"statistic": zs, "p_value": zp},
            "jensen_shannon": float(distance.jensenshannon(rb, cb)),
            "psi": float(np.sum((fill(rb) - fill(cb)) * np.log(fill(rb) / fill(cb)))),
        })
    with open(os.path.join(root, "scipy.json"), "w") as f:
        json.dump(finite(out), f, indent=1, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
