/**
 * Regression metrics of a weighted resample. Rows are ordered by absolute error once, so the weighted median and
 * the maximum error of a resample are found by a walk instead of a sort.
 */
import { orderDescending } from './order.ts';
import type { RegressionData } from './types.ts';
import { plainAlloc, type Alloc, type Resampler } from './bootstrap.ts';

const EPS = 2.220446049250313e-16;

/** A regression's per-row values by descending absolute error (plain data: shared memory passes them to workers). */
export interface RegressionRows {
  task: 'regression';
  t: Float64Array;
  e: Float64Array;
  diff: Float64Array;
  ape: Float64Array;
}

/** Prepares the per-row values of a regression for weighted resampling. */
export function regressionResampler(d: RegressionData): Resampler {
  return regressionResamplerOf(regressionRows(d));
}

/** The per-row values of a regression, in arrays from `alloc`. */
export function regressionRows(d: RegressionData, alloc: Alloc = plainAlloc): RegressionRows {
  const n = d.truth.length;
  const absErr = new Float64Array(n);
  for (let i = 0; i < n; i++) absErr[i] = Math.abs(d.predicted[i]! - d.truth[i]!);
  const order = orderDescending(absErr);
  const t = alloc(Float64Array, n),
    e = alloc(Float64Array, n),
    diff = alloc(Float64Array, n),
    ape = alloc(Float64Array, n);
  for (let i = 0; i < n; i++) {
    const r = order[i]!;
    t[i] = d.truth[r]!;
    e[i] = absErr[r]!;
    diff[i] = d.truth[r]! - d.predicted[r]!;
    ape[i] = e[i]! / Math.max(Math.abs(t[i]!), EPS);
  }
  return { task: 'regression', t, e, diff, ape };
}

/** The resampler over prepared rows (in this thread or a worker's). */
export function regressionResamplerOf(rows: RegressionRows): Resampler {
  const { t, e, diff, ape } = rows;
  const n = t.length;
  return {
    rows: n,
    values(w: Uint8Array): Record<string, number> {
      let sw = 0,
        sAbs = 0,
        sSq = 0,
        sApe = 0,
        sT = 0,
        sDiff = 0;
      for (let i = 0; i < n; i++) {
        const wi = w[i]!;
        sw += wi;
        sAbs += wi * e[i]!;
        sSq += wi * e[i]! * e[i]!;
        sApe += wi * ape[i]!;
        sT += wi * t[i]!;
        sDiff += wi * diff[i]!;
      }
      if (sw === 0) return {};
      const meanT = sT / sw,
        meanDiff = sDiff / sw;
      let ssT = 0,
        ssDiff = 0;
      for (let i = 0; i < n; i++) {
        const wi = w[i]!;
        ssT += wi * (t[i]! - meanT) ** 2;
        ssDiff += wi * (diff[i]! - meanDiff) ** 2;
      }
      let max = 0;
      for (let i = 0; i < n; i++)
        if (w[i]) {
          max = e[i]!;
          break;
        }
      // weighted median of the absolute errors: rows are in descending error order, walk from the smallest
      const lowRank = Math.floor((sw - 1) / 2),
        highRank = Math.ceil((sw - 1) / 2);
      let seen = 0,
        low = NaN,
        high = NaN;
      for (let i = n - 1; i >= 0 && Number.isNaN(high); i--) {
        seen += w[i]!;
        if (Number.isNaN(low) && seen > lowRank) low = e[i]!;
        if (seen > highRank) high = e[i]!;
      }
      const r2 = sSq === 0 ? 1 : ssT === 0 ? 0 : 1 - sSq / ssT;
      const ev = ssDiff === 0 ? 1 : ssT === 0 ? 0 : 1 - ssDiff / ssT;
      return {
        mae: sAbs / sw,
        mse: sSq / sw,
        rmse: Math.sqrt(sSq / sw),
        r2,
        mape: sApe / sw,
        median_ae: (low + high) / 2,
        max_error: max,
        explained_variance: ev,
      };
    },
  };
}
