/** Percentile bootstrap intervals (95%) of every metric, reproducible for a seed. */
import { fillPoissonWeights, percentile, resampleState } from './random.ts';

/** A task's per-row values, prepared once, evaluated under any row weights. */
export interface Resampler {
  rows: number;
  /** Metric values of the resample where row i has weight `w[i]`; NaN when a metric is undefined in it. */
  values(w: Uint8Array): Record<string, number>;
}

/** A typed array constructor, for an Alloc. */
export interface TypedArrayOf<T> {
  new (length: number): T;
  new (buffer: SharedArrayBuffer): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** Where a resampler's per-row arrays live: plain memory, or shared memory that worker threads read in place. */
export type Alloc = <T>(type: TypedArrayOf<T>, length: number) => T;
export const plainAlloc: Alloc = (type, length) => new type(length);
export const sharedAlloc: Alloc = (type, length) => new type(new SharedArrayBuffer(length * type.BYTES_PER_ELEMENT));

/** `array` itself for plainAlloc, else a copy of it in `alloc`'s memory. */
export function placed<T extends Uint32Array | Int32Array>(array: T, alloc: Alloc): T {
  if (alloc === plainAlloc) return array;
  const out = alloc(array.constructor as TypedArrayOf<T>, array.length);
  out.set(array);
  return out;
}

export interface Interval {
  low: number;
  high: number;
  level: number;
}

/** Metric name -> its value in each resample (NaN where undefined). */
export type Samples = Record<string, Float64Array>;

/**
 * The values of the metrics in `names` in Poisson-bootstrap resamples `from` to `to - 1`: resample r draws its
 * weights from resampleState(seed, r), so any split of the resamples (worker threads) gives the same values.
 * `onProgress` gets the number done, every 100.
 */
export function bootstrapSamples(
  resampler: Resampler,
  names: string[],
  range: { from: number; to: number },
  seed: number,
  onProgress?: (done: number) => void,
): Samples {
  const w = new Uint8Array(resampler.rows);
  const count = range.to - range.from;
  const samples: Samples = Object.fromEntries(names.map((n) => [n, new Float64Array(count)]));
  for (let b = 0; b < count; b++) {
    fillPoissonWeights(resampleState(seed, range.from + b), w);
    const v = resampler.values(w);
    for (const n of names) samples[n]![b] = v[n] ?? NaN;
    if (onProgress && (b + 1) % 100 === 0) onProgress(b + 1);
  }
  return samples;
}

/** The 2.5th and 97.5th percentiles (np.percentile, linear) of each metric's samples, NaN resamples skipped. */
export function intervalsOf(samples: Samples): Record<string, Interval> {
  const out: Record<string, Interval> = {};
  for (const [n, values] of Object.entries(samples)) {
    const low = percentile(values, 2.5),
      high = percentile(values, 97.5);
    if (Number.isFinite(low) && Number.isFinite(high)) out[n] = { low, high, level: 0.95 };
  }
  return out;
}

/** Intervals of the metrics in `names` over `resamples` Poisson-bootstrap resamples, in this thread. */
export function bootstrapIntervals(
  resampler: Resampler,
  names: string[],
  resamples: number,
  seed: number,
  onProgress?: (done: number) => void,
): Record<string, Interval> {
  return intervalsOf(bootstrapSamples(resampler, names, { from: 0, to: resamples }, seed, onProgress));
}
