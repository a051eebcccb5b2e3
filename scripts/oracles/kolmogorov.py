"""Records SciPy 1.10's Kolmogorov distribution at points chosen to reach every branch of drift/kolmogorov.ts
(run with /usr/bin/python3): kstwo.sf on each side of each cut-off of `_kolmogn`, and the three algorithms it
chooses between (Pomeranz's recursion, the Pelz-Good approximation, the one-sided Smirnov sum) on their own,
including fractional parts of n*x of 0, below and above 1/2, and rows small enough to be rescaled by 2^128.
Output: tests/fixtures/drift/kolmogorov.json
"""
import json
import os

import scipy
from scipy import special, stats
from scipy.stats import _ksstats

SF = [
    # x <= 0, x >= 1
    (10, 0.0), (10, 1.0), (10, 1.5),
    # n*x <= 0.5; 0.5 < n*x <= 1 for n <= 140 and n > 140 (Stirling series)
    (10, 0.05), (10, 0.07), (10, 0.1), (140, 0.005), (141, 0.005), (500, 0.0015), (5000, 0.00019), (5000, 0.0002),
    # n*x >= n - 1 (Ruben-Gambino); x >= 0.5 (2 * smirnov)
    (3, 0.7), (3, 0.6666666666666667), (10, 0.9), (10, 0.5), (10, 0.55), (40, 0.5),
    # n <= 140: n*x^2 <= 4 (Pomeranz), above (2 * smirnov)
    (10, 0.3), (20, 0.25), (100, 0.2), (100, 0.21), (140, 0.169), (140, 0.17), (60, 0.26),
    # n > 140: n*x^2 >= 370 (0), >= 2.2 (2 * smirnov), Pomeranz up to n = 20,000 with n*x^1.5 <= 1.4, else Pelz-Good
    (1000, 0.61), (2000, 0.431), (2000, 0.43), (200, 0.105), (200, 0.1049), (500, 0.06), (1000, 0.03),
    (150, 0.1), (300, 0.02), (20000, 0.0012), (20001, 0.0012), (30000, 0.005), (1000000, 0.0005),
]
POMERANZ = [
    (5, 0.2), (5, 0.3), (5, 0.5), (7, 0.2), (10, 0.35), (10, 0.26), (13, 0.3), (20, 0.1), (40, 0.22), (100, 0.05),
    (200, 0.03), (400, 0.01), (1000, 0.003), (1000, 0.04), (3000, 0.002),
]
PELZ_GOOD = [(1000, 0.0), (1000, 1.0), (1000, 0.001), (25000, 0.005), (100000, 0.002), (50, 0.1), (2000, 0.02)]
SMIRNOV = [(5, 0.0), (5, 1.0), (5, 0.3), (4, 0.25), (10, 0.5), (10, 0.95), (50, 0.2), (300, 0.1), (1000, 0.9)]


def main():
    root = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures", "drift")
    out = {
        "scipy": scipy.__version__,
        "sf": [[n, x, float(stats.kstwo.sf(x, n))] for n, x in SF],
        "pomeranz": [[n, x, float(_ksstats._kolmogn_Pomeranz(n, x, cdf=True))] for n, x in POMERANZ],
        "pelz_good": [[n, x, float(_ksstats._kolmogn_PelzGood(n, x, cdf=True))] for n, x in PELZ_GOOD],
        "smirnov": [[n, x, float(special.smirnov(n, x))] for n, x in SMIRNOV],
    }
    with open(os.path.join(root, "kolmogorov.json"), "w") as f:
        json.dump(out, f, indent=1, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
