"""Records SciPy 1.10's Mann-Whitney U and statsmodels' two-proportion z-test for deploy-canary's statistical checks.

Run with /usr/bin/python3 from the repository root (after scripts/fixtures/prometheus-samples.ts):
    /usr/bin/python3 scripts/oracles/canary_stats.py
Reads tests/fixtures/canary/prometheus-samples.json (the samples a real Prometheus returned from query_range) and
adds hand cases: identical samples, all zeros, heavy ties, small samples, a clear shift. Writes
tests/fixtures/canary/stats-oracle.json with, per case, the samples and
mannwhitneyu(canary, stable, alternative="two-sided", method="asymptotic", use_continuity=True)'s statistic and
p-value; per proportion case, proportions_ztest([canary, stable], [canary_total, stable_total],
alternative="smaller") (pooled variance), z and p-value (None where statsmodels divides by a zero variance).
"""
import json
import math
import os

import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.proportion import proportions_ztest

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "canary")

with open(os.path.join(ROOT, "prometheus-samples.json")) as f:
    recorded = json.load(f)["cases"]

hand = [
    {"name": "identical samples", "canary": [0.25] * 12, "stable": [0.25] * 12},
    {"name": "all zeros (a zero-error stable and canary)", "canary": [0.0] * 30, "stable": [0.0] * 30},
    {"name": "ties across the samples", "canary": [1, 1, 2, 2, 2, 3, 3, 4, 5, 5, 5, 5], "stable": [1, 2, 2, 3, 3, 3, 3, 4, 4, 4]},
    {"name": "one zero-error track against a few errors", "canary": [0] * 18 + [1, 2], "stable": [0] * 20},
    {"name": "clear shift", "canary": [x / 10 + 0.5 for x in range(15)], "stable": [x / 10 for x in range(15)]},
    {"name": "floats at full precision", "canary": [0.1 + 0.2, 0.30000000000000004, 0.3, 1 / 3, 2 / 3, 0.7, 0.8, 0.9, 1.0, 1.1],
     "stable": [0.3, 0.3, 0.1, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1e-17]},
]

mann_whitney = []
for case in [{"name": c["name"], "canary": c["canary"], "stable": c["stable"], "recorded": True} for c in recorded] + hand:
    res = stats.mannwhitneyu(case["canary"], case["stable"], alternative="two-sided", method="asymptotic", use_continuity=True)
    mann_whitney.append({**case, "u": float(res.statistic), "p_value": float(res.pvalue),
                         "canary_median": float(np.median(case["canary"])), "stable_median": float(np.median(case["stable"]))})

proportion = []
for c in [
    {"name": "lower conversion", "canary": [180, 1000], "stable": [240, 1000]},
    {"name": "higher conversion", "canary": [260, 1000], "stable": [240, 1000]},
    {"name": "equal rates", "canary": [50, 500], "stable": [100, 1000]},
    {"name": "small difference", "canary": [95, 1000], "stable": [100, 1000]},
    {"name": "sparse counts", "canary": [1, 40], "stable": [4, 45]},
    {"name": "fractional counts from increase()", "canary": [120.5, 1003.25], "stable": [150.75, 998.5]},
    {"name": "no conversions on either track", "canary": [0, 300], "stable": [0, 400]},
]:
    z, p = proportions_ztest([c["canary"][0], c["stable"][0]], [c["canary"][1], c["stable"][1]], alternative="smaller")
    proportion.append({"name": c["name"], "canary": {"successes": c["canary"][0], "total": c["canary"][1]},
                       "stable": {"successes": c["stable"][0], "total": c["stable"][1]},
                       "z": None if math.isnan(z) else float(z), "p_value": None if math.isnan(p) else float(p)})

with open(os.path.join(ROOT, "stats-oracle.json"), "w") as f:
    json.dump({"scipy": scipy.__version__, "statsmodels": statsmodels.__version__, "mann_whitney": mann_whitney, "proportion": proportion}, f, indent=1)
    f.write("\n")
print(f"wrote {len(mann_whitney)} Mann-Whitney and {len(proportion)} proportion cases")
