import { describe, expect, it } from 'vitest';
import { regressionMetrics } from '@modelgate/core/metrics/regression';
import { npMean, npSum } from '@modelgate/core/metrics/sum';

/** scikit-learn's formulas written with NumPy's mean (npMean, pinned to np.mean in sum.test.ts), one array a term. */
function sklearn(t: Float64Array, p: Float64Array) {
  const map = (f: (ti: number, pi: number) => number) => Float64Array.from(t, (ti, i) => f(ti, p[i]!));
  const mse = npMean(map((ti, pi) => (ti - pi) ** 2));
  const mean = npMean(t);
  const diffMean = npMean(map((ti, pi) => ti - pi));
  const spread = npMean(map((ti) => (ti - mean) ** 2));
  const errors = map((ti, pi) => Math.abs(pi - ti)).sort();
  const h = errors.length >> 1;
  return {
    mae: npMean(map((ti, pi) => Math.abs(pi - ti))),
    mse,
    rmse: Math.sqrt(mse),
    // r2 divides the sums (_regression.py r2_score), explained variance the means
    r2: 1 - npSum(map((ti, pi) => (ti - pi) ** 2)) / npSum(map((ti) => (ti - mean) ** 2)),
    mape: npMean(map((ti, pi) => Math.abs(pi - ti) / Math.max(Math.abs(ti), 2.220446049250313e-16))),
    max_error: errors[errors.length - 1],
    median_ae: errors.length % 2 ? errors[h] : (errors[h - 1]! + errors[h]!) / 2,
    explained_variance: 1 - npMean(map((ti, pi) => (ti - pi - diffMean) ** 2)) / spread,
  };
}

describe('regression metrics across NumPy buffers', () => {
  for (const n of [8192, 8193, 20_001]) {
    it(`equals scikit-learn's formulas on ${n} rows (the sums cross 8192-row buffers)`, () => {
      let seed = n;
      const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
      const t = Float64Array.from({ length: n }, (_, i) => 100 * rand() + (i % 7));
      const p = Float64Array.from(t, (x, i) => x + 10 * (rand() - 0.3) + (i > 9000 ? 50 : 0));
      const got = regressionMetrics({ truth: t, predicted: p }, () => {});
      const want = sklearn(t, p);
      for (const [m, v] of Object.entries(want)) expect(got[m], m).toBe(v);
    });
  }
});
