/**
 * Regression metrics following scikit-learn 1.2.1 `sklearn/metrics/_regression.py` operation by operation
 * (same subtraction order, NumPy's summation), including `force_finite=True` for r2 and explained variance.
 */
import { ErrorHistogram, medianAbsoluteError, selectInPlace } from './median-error.ts';
import { BUFFER, pairwiseSum } from './sum.ts';
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
  const upper = selectInPlace(values, h);
  if (n % 2) return upper;
  // the lower middle is the largest value left of h after the partition
  let lower = -Infinity;
  // Stryker disable next-line EqualityOperator: equivalent, taking an equal value again changes nothing
  for (let i = 0; i < h; i++) if (values[i]! > lower) lower = values[i]!;
  return (lower + upper) / 2;
}

/**
 * mae, mse, rmse, r2, mape, median_ae, max_error and explained_variance of a regression. Every mean is NumPy's sum
 * of the per-row terms, computed 8192 rows at a time into small buffers and summed as np.sum does (pairwise per
 * buffer, buffers left to right): two passes over the rows for all eight metrics (one for the terms, one for those
 * that need a mean first), no array per term, and the median by a radix selection that copies only the middle
 * errors (metrics/median-error).
 */
export function regressionMetrics(d: RegressionData, warn: Warn): MetricValues {
  const t = d.truth,
    p = d.predicted,
    n = t.length;
  // matches scikit-learn's epsilon: np.finfo(np.float64).eps keeps mape finite when y_true is 0
  const eps = 2.220446049250313e-16;
  const squared = new Float64Array(BUFFER),
    absolute = new Float64Array(BUFFER),
    truth = new Float64Array(BUFFER),
    relative = new Float64Array(BUFFER),
    difference = new Float64Array(BUFFER);
  const absoluteWords = new Uint32Array(absolute.buffer);
  const histogram = new ErrorHistogram();
  let sqErrSum = 0,
    absSum = 0,
    truthSum = 0,
    relativeSum = 0,
    differenceSum = 0,
    max = 0;
  for (let start = 0; start < n; start += BUFFER) {
    const len = Math.min(BUFFER, n - start);
    for (let j = 0; j < len; j++) {
      const ti = t[start + j]!,
        pi = p[start + j]!;
      const e = Math.abs(pi - ti);
      squared[j] = (ti - pi) ** 2;
      absolute[j] = e;
      truth[j] = ti;
      relative[j] = e / Math.max(Math.abs(ti), eps);
      difference[j] = ti - pi;
      if (e > max) max = e;
    }
    sqErrSum += pairwiseSum(squared, len);
    absSum += pairwiseSum(absolute, len);
    truthSum += pairwiseSum(truth, len);
    relativeSum += pairwiseSum(relative, len);
    differenceSum += pairwiseSum(difference, len);
    histogram.add(absoluteWords, len);
  }
  const mse = sqErrSum / n;
  const out: MetricValues = { mae: absSum / n, mse, rmse: Math.sqrt(mse) };
  const trueAvg = truthSum / n;
  const diffAvg = differenceSum / n;
  // the terms that need a mean first: (y_true - mean)^2 (r2 and explained variance) and (y_true - y_pred - mean)^2
  let spreadSum = 0,
    residualSum = 0;
  for (let start = 0; start < n; start += BUFFER) {
    const len = Math.min(BUFFER, n - start);
    for (let j = 0; j < len; j++) {
      const ti = t[start + j]!;
      squared[j] = (ti - trueAvg) ** 2;
      difference[j] = (ti - p[start + j]! - diffAvg) ** 2;
    }
    spreadSum += pairwiseSum(squared, len);
    residualSum += pairwiseSum(difference, len);
  }
  if (n < 2) warn('r2: R^2 score is not well-defined with less than two samples; left out');
  else out.r2 = assemble(sqErrSum, spreadSum);
  out.mape = relativeSum / n;
  out.max_error = max;
  out.median_ae = medianAbsoluteError(t, p, histogram);
  out.explained_variance = assemble(residualSum / n, spreadSum / n);
  return out;
}
