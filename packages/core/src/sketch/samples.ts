/**
 * A sorted, possibly weighted, sample of a numeric column: exact values (every weight 1) or the points of a
 * quantile sketch. The drift statistics below work on this one shape, so exact data and sketches share code.
 */
export interface WeightedSample {
  /** Sorted ascending. */
  values: Float64Array;
  /** Weight of each value; null means every weight is 1 (the exact sample). */
  weights: Float64Array | null;
  /** True number of values the sample stands for. */
  count: number;
  /** Largest possible error, in rows, of the sample's rank of any value (0 when exact). */
  rankError: number;
}

/** An exact sample from raw values (sorts a copy). */
export function exactSample(values: ArrayLike<number>): WeightedSample {
  const sorted = Float64Array.from(values).sort();
  return { values: sorted, weights: null, count: sorted.length, rankError: 0 };
}

/**
 * Walks the merged distinct values of two samples, calling `visit(x, c1, c2, next)` where c1 and c2 are the
 * weights at or below x (SciPy's searchsorted(..., side='right')) and `next` is the next distinct value
 * (NaN after the last).
 */
export function walkCdfs(
  a: WeightedSample,
  b: WeightedSample,
  visit: (x: number, c1: number, c2: number, next: number) => void,
): void {
  const av = a.values;
  const bv = b.values;
  let i = 0;
  let j = 0;
  let c1 = 0;
  let c2 = 0;
  while (i < av.length || j < bv.length) {
    const x = j >= bv.length || (i < av.length && av[i]! <= bv[j]!) ? av[i]! : bv[j]!;
    while (i < av.length && av[i] === x) c1 += a.weights ? a.weights[i++]! : (i++, 1);
    while (j < bv.length && bv[j] === x) c2 += b.weights ? b.weights[j++]! : (j++, 1);
    const next =
      i < av.length ? (j < bv.length ? Math.min(av[i]!, bv[j]!) : av[i]!) : j < bv.length ? bv[j]! : Number.NaN;
    visit(x, c1, c2, next);
  }
}

/** Total weight of a sample (equals `count` for exact samples). */
export function totalWeight(s: WeightedSample): number {
  if (!s.weights) return s.values.length;
  let t = 0;
  for (const w of s.weights) t += w;
  return t;
}
