/**
 * Regression metrics following scikit-learn 1.2.1 `sklearn/metrics/_regression.py` operation by operation
 * (same subtraction order, NumPy's summation), including `force_finite=True` for r2 and explained variance.
 */
import { npMean, npSum } from './sum.ts';
import type { MetricValues, RegressionData, Warn } from './types.ts';

function map(n: number, f: (i: number) => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(i);
  return out;
}

/** scikit-learn's `_assemble_r2_explained_variance` with force_finite=True. */
function assemble(numerator: number, denominator: number): number {
  if (numerator === 0) return 1; // perfect predictions
  if (denominator === 0) return 0; // constant truth, imperfect predictions: 0.0 instead of -inf
  return 1 - numerator / denominator;
}

/** np.median: middle value, or the mean of the two middle values. */
export function median(values: Float64Array): number {
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/** mae, mse, rmse, r2, mape, median_ae, max_error and explained_variance of a regression. */
export function regressionMetrics(d: RegressionData, warn: Warn): MetricValues {
  const t = d.truth,
    p = d.predicted,
    n = t.length;
  const absErr = map(n, (i) => Math.abs(p[i]! - t[i]!));
  const sqErr = map(n, (i) => (t[i]! - p[i]!) ** 2);
  const mse = npMean(sqErr);
  const out: MetricValues = { mae: npMean(absErr), mse, rmse: Math.sqrt(mse) };

  if (n < 2) warn('r2: R^2 score is not well-defined with less than two samples; left out');
  else {
    const mean = npMean(t);
    out.r2 = assemble(npSum(sqErr), npSum(map(n, (i) => (t[i]! - mean) ** 2)));
  }
  // matches scikit-learn's epsilon: np.finfo(np.float64).eps keeps mape finite when y_true is 0
  const eps = 2.220446049250313e-16;
  out.mape = npMean(map(n, (i) => absErr[i]! / Math.max(Math.abs(t[i]!), eps)));
  out.median_ae = median(absErr);
  let max = 0;
  for (let i = 0; i < n; i++) if (absErr[i]! > max) max = absErr[i]!;
  out.max_error = max;

  const diff = map(n, (i) => t[i]! - p[i]!);
  const diffAvg = npMean(diff);
  const numerator = npMean(map(n, (i) => (diff[i]! - diffAvg) ** 2));
  const trueAvg = npMean(t);
  const denominator = npMean(map(n, (i) => (t[i]! - trueAvg) ** 2));
  out.explained_variance = assemble(numerator, denominator);
  return out;
}
