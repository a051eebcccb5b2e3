/** Percentile bootstrap intervals (95%) of every metric, reproducible for a seed. */
import { fillPoissonWeights, percentile, seededState } from './random.ts';

/** A task's per-row values, prepared once, evaluated under any row weights. */
export interface Resampler {
  rows: number;
  /** Metric values of the resample where row i has weight `w[i]`; NaN when a metric is undefined in it. */
  values(w: Uint8Array): Record<string, number>;
}

export interface Interval {
  low: number;
  high: number;
  level: number;
}

/**
 * Intervals of the metrics in `names`: the 2.5th and 97.5th percentiles (np.percentile, linear) over `resamples`
 * Poisson-bootstrap resamples. Resamples where a metric is undefined are skipped for that metric.
 */
export function bootstrapIntervals(
  resampler: Resampler,
  names: string[],
  resamples: number,
  seed: number,
  onProgress?: (done: number) => void,
): Record<string, Interval> {
  const state = seededState(seed);
  const w = new Uint8Array(resampler.rows);
  const samples = Object.fromEntries(names.map((n) => [n, new Float64Array(resamples)]));
  for (let b = 0; b < resamples; b++) {
    fillPoissonWeights(state, w);
    const v = resampler.values(w);
    for (const n of names) samples[n]![b] = v[n] ?? NaN;
    if (onProgress && (b + 1) % 100 === 0) onProgress(b + 1);
  }
  const out: Record<string, Interval> = {};
  for (const n of names) {
    const low = percentile(samples[n]!, 2.5),
      high = percentile(samples[n]!, 97.5);
    if (Number.isFinite(low) && Number.isFinite(high)) out[n] = { low, high, level: 0.95 };
  }
  return out;
}
