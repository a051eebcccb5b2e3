"""Records how Evidently bins a numeric column for PSI and Jensen-Shannon (run with /usr/bin/python3).

Evidently itself is not installed here, so its binning is reproduced with NumPy from its source:
`evidently.legacy.calculations.stattests.utils.get_binned_data` (evidentlyai/evidently, also
`evidently.calculations.stattests.utils` in older releases). For a numeric column it counts the distinct
reference values (`reference_data.nunique()`, nulls dropped); above 20 it bins both sides on
`np.histogram_bin_edges(reference + current, bins="sturges")` and divides `np.histogram` counts by each side's
size, otherwise every value seen on either side is its own bin. PSI fills empty bins (`feel_zeroes`: the
smallest non-zero share / 10**6 when it is <= 1e-4, else 1e-4) and sums (ref - cur) * ln(ref / cur);
Jensen-Shannon is `scipy.spatial.distance.jensenshannon` of the unfilled shares (natural logarithm).
The samples come from drift.py's LCG, which the unit tests rebuild bit for bit.
Output: tests/fixtures/drift/evidently-binning.json
"""
import json
import math
import os

import numpy as np
from scipy.spatial import distance

from drift import lcg, sample as smooth_sample

# Evidently's switch: more than this many distinct reference values -> histogram bins
NUMERIC_BINS_FROM = 20


def sample(spec):
    """`levels` equally spaced values (floor(u * levels) * step + shift), or drift.py's smooth full-precision sample."""
    if "levels" in spec:
        return np.array([math.floor(u * spec["levels"]) * spec["step"] + spec["shift"] for u in lcg(spec["seed"], spec["n"])])
    return smooth_sample(spec)


def get_binned_data(ref, cur, feel_zeroes):
    """Evidently's get_binned_data for a numeric column, with NumPy on arrays instead of pandas Series."""
    if len(np.unique(ref)) > NUMERIC_BINS_FROM:
        edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        rp = np.histogram(ref, edges)[0] / len(ref)
        cp = np.histogram(cur, edges)[0] / len(cur)
        labels = None
    else:
        edges = None
        keys = sorted(set(ref.tolist()) | set(cur.tolist()))
        rv, rc = np.unique(ref, return_counts=True)
        cv, cc = np.unique(cur, return_counts=True)
        rd, cd = dict(zip(rv.tolist(), rc.tolist())), dict(zip(cv.tolist(), cc.tolist()))
        rp = np.array([rd.get(k, 0) / len(ref) for k in keys])
        cp = np.array([cd.get(k, 0) / len(cur) for k in keys])
        labels = keys
    if feel_zeroes:
        for p in (rp, cp):
            m = min(p[p != 0])
            np.place(p, p == 0, m / 10**6 if m <= 0.0001 else 0.0001)
    return rp, cp, edges, labels


def levels(seed, n, count, step=1.0, shift=0.0):
    return {"seed": seed, "n": n, "levels": count, "step": step, "shift": shift}


def smooth(seed, n, scale=1.0, shift=0.0):
    return {"seed": seed, "n": n, "scale": scale, "shift": shift}


CASES = [
    # at the switch: 20 distinct reference values are still one bin per value, 21 are histogram bins
    ("20_reference_values_one_bin_each", levels(31, 2000, 20), levels(32, 1500, 24)),
    ("21_reference_values_histogram", levels(33, 2000, 21), levels(34, 1500, 21, shift=1.0)),
    ("25_reference_values_histogram", levels(35, 3000, 25, step=0.5), levels(36, 2500, 25, step=0.5, shift=1.0)),
    ("30_reference_values_histogram", levels(37, 2000, 30, step=0.25), levels(38, 2000, 30, step=0.25, shift=0.5)),
    ("constant_column", levels(39, 500, 1, shift=7.0), levels(40, 400, 1, shift=7.0)),
    ("few_reference_values_many_current", levels(41, 900, 10), smooth(42, 800, scale=3.0)),
    # full-precision floats: Sturges bin count at a power of two (n = 2048) and uneven sizes
    ("full_precision_n_2048", smooth(43, 1024), smooth(44, 1024, shift=0.1)),
    ("full_precision_uneven", smooth(45, 1500, scale=2.0), smooth(46, 2500, scale=2.0, shift=0.3)),
    ("current_beyond_reference", smooth(47, 700), smooth(48, 600, shift=5.0)),
]


def main():
    out = {"numpy": np.__version__, "numeric_bins_from": NUMERIC_BINS_FROM, "cases": []}
    for name, rs, cs in CASES:
        ref, cur = sample(rs), sample(cs)
        rp, cp, edges, labels = get_binned_data(ref, cur, False)
        frp, fcp, _, _ = get_binned_data(ref, cur, True)
        case = {
            "name": name, "reference": rs, "current": cs,
            "reference_distinct": int(len(np.unique(ref))),
            "binning": "histogram" if edges is not None else "per_value",
            "reference_shares": rp.tolist(), "current_shares": cp.tolist(),
            "psi": float(np.sum((frp - fcp) * np.log(frp / fcp))),
            "jensen_shannon": float(distance.jensenshannon(rp, cp)),
        }
        if edges is not None:
            case["edges"] = edges.tolist()
        else:
            case["values"] = labels
        out["cases"].append(case)
    root = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "drift")
    with open(os.path.join(root, "evidently-binning.json"), "w") as f:
        json.dump(out, f, indent=1, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
