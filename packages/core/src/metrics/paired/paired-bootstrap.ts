/**
 * The paired bootstrap: every resample weighs the rows once and both models are scored on those same weights, so the
 * spread of the difference leaves out what the two share (the rows' difficulty). Resample r draws its weights from
 * resampleState(seed, r) exactly as metrics/bootstrap does, so the current model's samples are those of its own
 * `intervals`, and any split of the resamples across worker threads gives the same values.
 */
import type { Resampler, Samples } from '../bootstrap.ts';
import { fillPoissonWeights, percentile, resampleState } from '../random.ts';

/** Each metric's value for the current model and its difference from the baseline, resample by resample. */
export interface PairedSamples {
  current: Samples;
  difference: Samples;
}

/**
 * The values of `names` in resamples `from` to `to - 1` for both models (rows in the same order on both sides).
 * The weights are drawn in the order the current model's resampler reads them; `baselineWeightPositions`
 * (resample-order.ts) maps each position of the baseline's resampler to the same row's weight, so both models see
 * the same resampled rows. A difference is NaN where the metric is undefined for either model in that resample.
 */
export function pairedSamples(
  current: Resampler,
  baseline: Resampler,
  names: string[],
  range: { from: number; to: number },
  seed: number,
  onProgress?: (done: number) => void,
  baselineWeightPositions?: Uint32Array,
): PairedSamples {
  if (current.rows !== baseline.rows) throw new Error('paired resamplers must hold the same rows');
  const w = new Uint8Array(current.rows);
  const at = baselineWeightPositions;
  // the baseline's weights, gathered from the current's (1 byte a row: the gather stays in cache)
  const wb = at ? new Uint8Array(current.rows) : w;
  const count = range.to - range.from;
  const out: PairedSamples = {
    current: Object.fromEntries(names.map((n) => [n, new Float64Array(count)])),
    difference: Object.fromEntries(names.map((n) => [n, new Float64Array(count)])),
  };
  for (let b = 0; b < count; b++) {
    fillPoissonWeights(resampleState(seed, range.from + b), w);
    // Stryker disable next-line EqualityOperator: a typed array ignores the write one past its end
    if (at) for (let j = 0; j < wb.length; j++) wb[j] = w[at[j]!]!;
    const c = current.values(w),
      base = baseline.values(wb);
    for (const n of names) {
      const cur = c[n] ?? NaN;
      out.current[n]![b] = cur;
      out.difference[n]![b] = cur - (base[n] ?? NaN);
    }
    if (onProgress && (b + 1) % 100 === 0) onProgress(b + 1);
  }
  return out;
}

export interface PairedInterval {
  low: number;
  high: number;
  level: number;
  p_value: number;
}

/**
 * The 95% percentile interval of the differences (np.percentile, linear) and the two-sided bootstrap p-value
 * min(1, 2·min(share ≤ 0, share ≥ 0)), both over the resamples where the difference is defined. Undefined when it is
 * defined in none.
 */
export function pairedInterval(differences: Float64Array): PairedInterval | undefined {
  let defined = 0,
    atMost = 0,
    atLeast = 0;
  for (const d of differences) {
    if (Number.isNaN(d)) continue;
    defined++;
    if (d <= 0) atMost++;
    if (d >= 0) atLeast++;
  }
  // Stryker disable next-line ConditionalExpression: with none defined percentile() is NaN, refused just below
  if (defined === 0) return undefined;
  const low = percentile(differences, 2.5),
    high = percentile(differences, 97.5);
  if (!Number.isFinite(low) || !Number.isFinite(high)) return undefined;
  return { low, high, level: 0.95, p_value: Math.min(1, (2 * Math.min(atMost, atLeast)) / defined) };
}
