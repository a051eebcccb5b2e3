"""The prediction files behind the metrics oracle fixtures (see metrics.py): small, with the awkward cases."""
import numpy as np
import pandas as pd


def binary_ties(rng, n=300):
    y = rng.integers(0, 2, n)
    # scores on a 0.05 grid: many ties across both classes, exact 0 and 1 (log_loss clipping)
    s = np.clip(np.round((0.35 + 0.3 * y + rng.normal(0, 0.25, n)) * 20) / 20, 0, 1)
    p = (s >= 0.5).astype(int)
    region = rng.choice(["eu", "us", "apac"], n, p=[0.5, 0.3, 0.2])
    return pd.DataFrame({"label": y, "prediction": p, "score": s, "region": region})


def binary_strings(rng, n=240):
    y = rng.choice(["no", "yes"], n, p=[0.7, 0.3])
    s = np.clip(np.where(y == "yes", rng.beta(4, 2, n), rng.beta(2, 4, n)), 0, 1)
    p = np.where(s > 0.45, "yes", "no")
    return pd.DataFrame({"label": y, "prediction": p, "score": s})


def cases(rng):
    out = [("binary", "binary_ties", binary_ties(rng), {"pos": "1", "slice_column": "region"}),
           ("binary", "binary_strings", binary_strings(rng), {"pos": "yes"})]

    n = 120
    one_class = pd.DataFrame({"label": np.zeros(n, int), "prediction": rng.integers(0, 2, n),
                              "score": np.round(rng.random(n), 2)})
    out.append(("binary", "binary_one_class", one_class, {"pos": "1"}))

    no_pos_pred = binary_ties(rng, 150)
    no_pos_pred["prediction"] = 0
    out.append(("binary", "binary_no_positive_predictions", no_pos_pred, {"pos": "1"}))

    all_same = pd.DataFrame({"label": np.ones(50, int), "prediction": np.ones(50, int),
                             "score": np.round(rng.random(50), 1)})
    out.append(("binary", "binary_all_one_label", all_same, {"pos": "1"}))

    # multiclass with string labels and rows that do not sum to one (scikit-learn normalises them)
    classes = ["bird", "cat", "dog"]
    n = 300
    y = rng.choice(classes, n, p=[0.2, 0.45, 0.35])
    raw = rng.gamma(1.0, 1.0, (n, 3)) + np.array([[c == k for k in classes] for c in y]) * 1.5
    raw = np.minimum(np.round(raw * 0.4, 1), 1.0)  # ties, zeros, ones, rows not summing to one
    raw[raw.sum(axis=1) == 0, 0] = 0.1
    df = pd.DataFrame({"label": y, "prediction": np.array(classes)[raw.argmax(axis=1)]})
    for i, c in enumerate(classes):
        df[f"proba_{c}"] = raw[:, i]
    out.append(("multiclass", "multiclass_strings", df, {"classes": classes}))

    # multiclass where one class is never predicted and another never true (zero division, ovr undefined)
    d2 = df.copy()
    d2.loc[d2["prediction"] == "bird", "prediction"] = "cat"
    d2.loc[d2["label"] == "dog", "label"] = "cat"
    out.append(("multiclass", "multiclass_missing_classes", d2, {"classes": classes}))

    # eleven numeric classes: numeric label order (2 < 10) and row sums over more than 8 columns
    k = 11
    n = 330
    y = rng.integers(0, k, n)
    raw = rng.random((n, k)) + np.eye(k)[y] * rng.random(n)[:, None] * 3
    raw = raw / raw.sum(axis=1)[:, None]
    d3 = pd.DataFrame({"label": y, "prediction": raw.argmax(axis=1)})
    for c in range(k):
        d3[f"proba_{c}"] = raw[:, c]
    out.append(("multiclass", "multiclass_eleven_numeric", d3, {"classes": list(range(k))}))

    n = 300
    y = rng.normal(50, 20, n)
    y[:5] = 0.0  # mape epsilon: |y| = 0 divides by machine epsilon
    out.append(("regression", "regression", pd.DataFrame({"label": np.round(y, 3),
                                                           "prediction": np.round(y + rng.normal(0, 5, n), 3)}), {}))
    out.append(("regression", "regression_constant_truth", pd.DataFrame(
        {"label": np.full(30, 0.1), "prediction": np.round(0.1 + rng.normal(0, 0.01, 30), 4)}), {}))
    out.append(("regression", "regression_perfect_constant", pd.DataFrame(
        {"label": np.full(20, 3.0), "prediction": np.full(20, 3.0)}), {}))
    out.append(("regression", "regression_single_row", pd.DataFrame({"label": [2.5], "prediction": [3.0]}), {}))

    # (cases below come last so the rng draws of the ones above, and so their files, stay the same)
    # ten classes as a model exports them: 17-digit probabilities summing to 1 within rounding, on a 4-decimal grid
    # in a third of the rows (ties across rows, which a 1-ulp difference in normalising would break)
    k, n = 10, 600
    y = rng.integers(0, k, n)
    logits = rng.normal(0, 1, (n, k)) + np.eye(k)[y] * 1.5
    raw = np.exp(logits) / np.exp(logits).sum(axis=1)[:, None]
    raw[: n // 3] = np.round(raw[: n // 3], 4)
    d4 = pd.DataFrame({"label": y, "prediction": raw.argmax(axis=1)})
    for c in range(k):
        d4[f"proba_{c}"] = raw[:, c]
    out.append(("multiclass", "multiclass_ten_exported", d4, {"classes": list(range(k))}))

    # scaled rows: scores above 1 (a row times 3, or raw counts), zeros, ties; normalised before the metrics
    n = 400
    y = rng.integers(0, 4, n)
    raw = np.round(rng.random((n, 4)) + np.eye(4)[y], 1) * rng.choice([1, 3, 10], (n, 1))
    raw[raw.sum(axis=1) == 0, 0] = 1.0
    d5 = pd.DataFrame({"label": y, "prediction": raw.argmax(axis=1)})
    for c in range(4):
        d5[f"proba_{c}"] = raw[:, c]
    out.append(("multiclass", "multiclass_scaled_rows", d5, {"classes": list(range(4))}))

    # the true labels hold one class: scikit-learn's log_loss raises, so it is left out (roc_auc_ovr too)
    d6 = d5.head(60).copy()
    d6["label"] = 2
    out.append(("multiclass", "multiclass_one_true_class", d6, {"classes": list(range(4))}))
    return out
