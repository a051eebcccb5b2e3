/**
 * Regression metrics following scikit-learn 1.2.1 `sklearn/metrics/_regression.py` operation by operation
 * (same subtraction order, NumPy's summation), including `force_finite=True` for r2 and explained variance.
 */
import { npSumOf } from './sum.ts';
import type { MetricValues, RegressionData, Warn } from './types.ts';

/** scikit-learn's `_assemble_r2_explained_variance` with force_finite=True. */
function assemble(numerator: number, denominator: number): number {
  if (numerator === 0) return 1; // perfect predictions
  if (denominator === 0) return 0; // constant truth, imperfect predictions: 0.0 instead of -inf
  return 1 - numerator / denominator;
}

/**
 * np.median: the middle value, or the mean of the two middle values. Reorders `values` (a scratch copy): a
 * selection, not a sort, as np.median partitions; the middle values are the same whatever the method.
 */
export function medianInPlace(values: Float64Array): number {
  const n = values.length;
  const h = n >> 1;
  const upper = select(values, h);
  if (n % 2) return upper;
  // the lower middle is the largest value left of h after the partition
  let lower = -Infinity;
  // Stryker disable next-line EqualityOperator: equivalent, taking an equal value again changes nothing
  for (let i = 0; i < h; i++) if (values[i]! > lower) lower = values[i]!;
  return (lower + upper) / 2;
}

/** Hoare's quickselect: puts the k-th smallest value at k, smaller or equal ones before it; returns it. */
function select(a: Float64Array, k: number): number {
  let lo = 0,
    hi = a.length - 1;
  // Stryker disable next-line EqualityOperator: equivalent, with hi = lo both ways end at a[k]
  while (hi > lo) {
    // median of three as pivot: sorted input (common for errors) stays linear
    const mid = (lo + hi) >>> 1;
    const x = a[lo]!,
      y = a[mid]!,
      z = a[hi]!;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, any of the three is a valid pivot (the median only keeps sorted input linear)
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo,
      j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/**
 * mae, mse, rmse, r2, mape, median_ae, max_error and explained_variance of a regression. Every mean is NumPy's sum
 * of the per-row terms computed a buffer at a time (npSumOf): no array per term; the one scratch array holds the
 * absolute errors for the median.
 */
export function regressionMetrics(d: RegressionData, warn: Warn): MetricValues {
  const t = d.truth,
    p = d.predicted,
    n = t.length;
  const mean = (f: (i: number) => number) => npSumOf(n, f) / n;
  const sqErrSum = npSumOf(n, (i) => (t[i]! - p[i]!) ** 2);
  const mse = sqErrSum / n;
  const out: MetricValues = { mae: mean((i) => Math.abs(p[i]! - t[i]!)), mse, rmse: Math.sqrt(mse) };

  const trueAvg = mean((i) => t[i]!);
  if (n < 2) warn('r2: R^2 score is not well-defined with less than two samples; left out');
  else
    out.r2 = assemble(
      sqErrSum,
      npSumOf(n, (i) => (t[i]! - trueAvg) ** 2),
    );
  // matches scikit-learn's epsilon: np.finfo(np.float64).eps keeps mape finite when y_true is 0
  const eps = 2.220446049250313e-16;
  out.mape = mean((i) => Math.abs(p[i]! - t[i]!) / Math.max(Math.abs(t[i]!), eps));
  const absErr = new Float64Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.abs(p[i]! - t[i]!);
    absErr[i] = e;
    if (e > max) max = e;
  }
  out.max_error = max;
  out.median_ae = medianInPlace(absErr);

  const diffAvg = mean((i) => t[i]! - p[i]!);
  const numerator = mean((i) => (t[i]! - p[i]! - diffAvg) ** 2);
  const denominator = mean((i) => (t[i]! - trueAvg) ** 2);
  out.explained_variance = assemble(numerator, denominator);
  return out;
}
