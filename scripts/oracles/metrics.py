"""Generates the metrics oracle fixtures: small prediction files and scikit-learn 1.2.1's values for them.

Run with /usr/bin/python3 (pandas 1.5, scikit-learn 1.2.1) from the repository root:
    /usr/bin/python3 scripts/oracles/metrics.py
Writes tests/fixtures/metrics/<name>.csv and <name>.json. Values scikit-learn cannot give (it raises or returns
NaN) are listed under "omitted": evaluate-model leaves those metrics out with a warning.
"""
import json
import math
import os
import warnings

import numpy as np
import pandas as pd
from sklearn import metrics as M
from sklearn.calibration import calibration_curve

OUT = os.path.join("tests", "fixtures", "metrics")
rng = np.random.default_rng(20240601)


def safe(out, omitted, name, fn):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            v = float(fn())
        except ValueError:
            omitted.append(name)
            return
    if math.isfinite(v):
        out[name] = v
    else:
        omitted.append(name)


def binary_metrics(df, pos, score="score"):
    y, p = df["label"], df["prediction"]
    out, omitted = {}, []
    safe(out, omitted, "accuracy", lambda: M.accuracy_score(y, p))
    safe(out, omitted, "balanced_accuracy", lambda: M.balanced_accuracy_score(y, p))
    safe(out, omitted, "precision", lambda: M.precision_score(y, p, pos_label=pos))
    safe(out, omitted, "recall", lambda: M.recall_score(y, p, pos_label=pos))
    safe(out, omitted, "f1", lambda: M.f1_score(y, p, pos_label=pos))
    safe(out, omitted, "mcc", lambda: M.matthews_corrcoef(y, p))
    safe(out, omitted, "cohen_kappa", lambda: M.cohen_kappa_score(y, p))
    if score in df:
        yb = (y == pos).astype(int).to_numpy()
        s = df[score].to_numpy(dtype=np.float64)
        safe(out, omitted, "roc_auc", lambda: M.roc_auc_score(yb, s))
        safe(out, omitted, "average_precision", lambda: M.average_precision_score(yb, s, pos_label=1))
        # as a user calls it: without labels, so it raises when y holds one class (docs/formats.md: left out)
        safe(out, omitted, "log_loss", lambda: M.log_loss(yb, s))
        safe(out, omitted, "brier_score", lambda: M.brier_score_loss(yb, s, pos_label=1))
    return out, omitted


def multiclass_metrics(df, classes):
    y, p = df["label"], df["prediction"]
    out, omitted = {}, []
    safe(out, omitted, "accuracy", lambda: M.accuracy_score(y, p))
    safe(out, omitted, "balanced_accuracy", lambda: M.balanced_accuracy_score(y, p))
    for avg in ("macro", "weighted"):
        safe(out, omitted, f"precision_{avg}", lambda: M.precision_score(y, p, average=avg))
        safe(out, omitted, f"recall_{avg}", lambda: M.recall_score(y, p, average=avg))
        safe(out, omitted, f"f1_{avg}", lambda: M.f1_score(y, p, average=avg))
    safe(out, omitted, "mcc", lambda: M.matthews_corrcoef(y, p))
    safe(out, omitted, "cohen_kappa", lambda: M.cohen_kappa_score(y, p))
    cols = [f"proba_{c}" for c in classes]
    if all(c in df for c in cols):
        # rows divided by their sums first (values above 1 from a scaled row included), as a pandas user does:
        # to_numpy() of the columns is Fortran-ordered, so NumPy sums each row left to right (a C-ordered copy
        # would sum pairwise from 8 columns on, and on tied values roc_auc_ovr then differs by ~2e-6)
        P = df[cols].to_numpy(dtype=np.float64)
        assert P.flags["F_CONTIGUOUS"], "pandas gave a C-ordered array: the summation order would differ"
        Pn = P / P.sum(axis=1)[:, None]
        # with labels given, log_loss would not raise for one true class; without them it does, as a user sees it
        one_class = y.nunique() < 2
        safe(out, omitted, "log_loss", lambda: M.log_loss(y, Pn) if one_class else M.log_loss(y, Pn, labels=classes))
        safe(out, omitted, "roc_auc_ovr", lambda: M.roc_auc_score(y, Pn, multi_class="ovr", labels=classes))
    return out, omitted


def regression_metrics(df):
    y = df["label"].to_numpy(dtype=np.float64)
    p = df["prediction"].to_numpy(dtype=np.float64)
    out, omitted = {}, []
    safe(out, omitted, "mae", lambda: M.mean_absolute_error(y, p))
    safe(out, omitted, "mse", lambda: M.mean_squared_error(y, p))
    safe(out, omitted, "rmse", lambda: M.mean_squared_error(y, p, squared=False))
    safe(out, omitted, "r2", lambda: M.r2_score(y, p))
    safe(out, omitted, "mape", lambda: M.mean_absolute_percentage_error(y, p))
    safe(out, omitted, "median_ae", lambda: M.median_absolute_error(y, p))
    safe(out, omitted, "max_error", lambda: M.max_error(y, p))
    safe(out, omitted, "explained_variance", lambda: M.explained_variance_score(y, p))
    return out, omitted


def slices_and_fairness(df, pos, column):
    slices, acc, sel, tpr = {}, [], [], []
    for value in sorted(df[column].unique()):
        part = df[df[column] == value]
        m, _ = binary_metrics(part, pos)
        slices[f"{column}={value}"] = {"rows": int(len(part)), **m}
        acc.append(M.accuracy_score(part["label"], part["prediction"]))
        sel.append(float((part["prediction"] == pos).mean()))
        if (part["label"] == pos).any():  # no true positive rate without positive rows: left out of the gap
            tpr.append(M.recall_score(part["label"], part["prediction"], pos_label=pos))
    fairness = {column: {"accuracy_gap": max(acc) - min(acc), "selection_rate_gap": max(sel) - min(sel),
                         "true_positive_rate_gap": max(tpr) - min(tpr)}}
    return slices, fairness


def write(name, df, expected):
    df.to_csv(os.path.join(OUT, f"{name}.csv"), index=False)
    with open(os.path.join(OUT, f"{name}.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


def binary_fixture(name, df, pos="1", slice_column=None):
    pos_value = type(df["label"].iloc[0])(pos) if not isinstance(df["label"].iloc[0], str) else pos
    m, omitted = binary_metrics(df, pos_value)
    exp = {"task": "binary", "positive": pos, "metrics": m, "omitted": omitted}
    if "score" in df and len(np.unique(df["score"])) > 0:
        yb = (df["label"] == pos_value).astype(int)
        pt, pp = calibration_curve(yb, df["score"], n_bins=10, strategy="uniform")
        exp["calibration"] = [[float(a), float(b)] for a, b in zip(pp, pt)]
    if slice_column:
        exp["slices"], exp["fairness"] = slices_and_fairness(df, pos_value, slice_column)
    write(name, df, exp)


def multiclass_fixture(name, df, classes):
    m, omitted = multiclass_metrics(df, classes)
    write(name, df, {"task": "multiclass", "classes": [str(c) for c in classes], "metrics": m, "omitted": omitted})


def regression_fixture(name, df):
    m, omitted = regression_metrics(df)
    write(name, df, {"task": "regression", "metrics": m, "omitted": omitted})


from metrics_cases import cases  # noqa: E402  (fixture data lives beside this file)

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for kind, name, df, extra in cases(rng):
        {"binary": binary_fixture, "multiclass": multiclass_fixture, "regression": regression_fixture}[kind](
            name, df, **extra)
        print("wrote", name)
