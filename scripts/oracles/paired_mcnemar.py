"""Generates the paired-comparison fixtures and statsmodels 0.13's McNemar test for them.

Run with /usr/bin/python3 (statsmodels 0.13, pandas 1.5) from the repository root, then the DeLong oracle:
    /usr/bin/python3 scripts/oracles/paired_mcnemar.py
    Rscript scripts/oracles/paired_delong.R
Writes tests/fixtures/paired/<name>.csv (label, and per model a prediction and, for binary tasks, a score) and
<name>.mcnemar.json: `mcnemar(table, exact=b + c < 25, correction=True)` on the 2x2 table of (baseline right,
current right), as the contract fixes it. Scores are written in full float64 precision (repr).
"""
import json
import os

import numpy as np
import pandas as pd
from statsmodels.stats.contingency_tables import mcnemar

OUT = os.path.join("tests", "fixtures", "paired")
rng = np.random.default_rng(20261129)


def binary(n, base_noise, cur_noise, decimals=None, flip=0.0, base_like_current=None):
    """Labels with two models' scores; `decimals` rounds the scores (ties); `base_like_current` makes the baseline
    the current model plus that much noise (closely correlated models)."""
    label = (rng.random(n) < 0.4).astype(int)
    signal = label * 1.2 + rng.normal(0, 1, n)
    cur = 1 / (1 + np.exp(-(signal + rng.normal(0, cur_noise, n))))
    if base_like_current is not None:
        base = np.clip(cur + rng.normal(0, base_like_current, n), 0, 1)
    else:
        base = 1 / (1 + np.exp(-(signal * 0.8 + rng.normal(0, base_noise, n))))
    if decimals is not None:
        cur, base = np.round(cur, decimals), np.round(base, decimals)
    cur_pred = (cur >= 0.5).astype(int)
    base_pred = (base >= 0.5).astype(int)
    if flip:
        # a few rows where the baseline's label decision differs on purpose
        idx = rng.choice(n, int(flip * n), replace=False)
        base_pred[idx] = 1 - base_pred[idx]
    return pd.DataFrame(
        {"label": label, "current_prediction": cur_pred, "current_score": cur,
         "baseline_prediction": base_pred, "baseline_score": base}
    )


def multiclass(n, k, agree):
    label = rng.integers(0, k, n)
    cur = np.where(rng.random(n) < 0.7, label, rng.integers(0, k, n))
    base = np.where(rng.random(n) < agree, cur, np.where(rng.random(n) < 0.6, label, rng.integers(0, k, n)))
    names = np.array(["ant", "bee", "cat", "dog", "eel"][:k])
    return pd.DataFrame({"label": names[label], "current_prediction": names[cur], "baseline_prediction": names[base]})


def write(name, df, task):
    df.to_csv(os.path.join(OUT, f"{name}.csv"), index=False)
    cur_right = (df["current_prediction"] == df["label"]).to_numpy()
    base_right = (df["baseline_prediction"] == df["label"]).to_numpy()
    # rows: baseline right / wrong; columns: current right / wrong
    table = np.array(
        [[np.sum(base_right & cur_right), np.sum(base_right & ~cur_right)],
         [np.sum(~base_right & cur_right), np.sum(~base_right & ~cur_right)]]
    )
    b, c = int(table[0, 1]), int(table[1, 0])
    r = mcnemar(table, exact=b + c < 25, correction=True)
    expected = {"task": task, "rows": len(df), "b": b, "c": c, "exact": b + c < 25,
                "statistic": float(r.statistic), "p_value": float(r.pvalue),
                "accuracy": {"current": float(cur_right.mean()), "baseline": float(base_right.mean())}}
    with open(os.path.join(OUT, f"{name}.mcnemar.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


os.makedirs(OUT, exist_ok=True)
# ties: scores with 2 decimals, so most scores are shared by many rows of both classes
write("binary_ties", binary(600, 1.2, 0.6, decimals=2), "binary")
# full precision: float64 scores as a model exports them (17 significant digits)
write("binary_full_precision", binary(1500, 1.0, 0.5), "binary")
# few discordant pairs: the baseline decides like the current model but on a handful of rows (exact binomial test)
few = binary(400, 1.0, 0.5, base_like_current=0.01)
few["baseline_prediction"] = few["current_prediction"]
flip = rng.choice(len(few), 9, replace=False)
few.loc[flip, "baseline_prediction"] = 1 - few.loc[flip, "baseline_prediction"]
write("binary_few_discordant", few, "binary")
# closely correlated models: the baseline's scores are the current ones plus a little noise
write("binary_correlated", binary(800, 1.0, 0.5, base_like_current=0.03), "binary")
# the same model twice: no difference at all (McNemar p = 1, DeLong Z = 0)
same = binary(200, 1.0, 0.5)
same["baseline_prediction"], same["baseline_score"] = same["current_prediction"], same["current_score"]
write("binary_identical", same, "binary")
# multiclass accuracy: McNemar on right/wrong of five classes, many discordant pairs
write("multiclass_accuracy", multiclass(700, 5, 0.6), "multiclass")
# multiclass with few discordant pairs
write("multiclass_few_discordant", multiclass(300, 3, 0.95), "multiclass")
