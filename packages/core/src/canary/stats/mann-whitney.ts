/**
 * The two-sided Mann-Whitney U test with the normal approximation, tie correction and continuity correction:
 * the same arithmetic, in the same order, as SciPy 1.10's
 * `mannwhitneyu(x, y, alternative="two-sided", method="asymptotic", use_continuity=True)`, so its p-values agree
 * to 1e-9 (scripts/oracles/mann-whitney.py checks it). Ties get average ranks and shrink the variance; when every
 * value is the same (a zero-error stable and a zero-error canary) the variance is 0 and the p-value is 1.
 */
import { normalCdf } from '../../drift/special.ts';

export interface MannWhitneyResult {
  /** U of the first sample (SciPy's `statistic`). */
  u: number;
  /** The standardised statistic (continuity-corrected); -Infinity when every value is tied. */
  z: number;
  pValue: number;
}

/** Average ranks (1-based) of `values`, as scipy.stats.rankdata's default; also the tie term Σ(t³ − t). */
function averageRanks(values: number[]): { ranks: Float64Array; tieTerm: number } {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(values.length);
  let tieTerm = 0;
  // Stryker disable next-line EqualityOperator: a pass at start = length sets ranks[undefined] (no index) and adds 1³ − 1 = 0
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: values[undefined] past the end equals no number, so the scan stops anyway
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    const t = end - start;
    // Ranks start+1 .. end share their mean.
    const rank = (start + 1 + end) / 2;
    // Stryker disable next-line EqualityOperator: k = end writes the next group's first rank, which that group then overwrites
    for (let k = start; k < end; k++) ranks[order[k]!] = rank;
    tieTerm += t ** 3 - t;
    start = end;
  }
  return { ranks, tieTerm };
}

/** Mann-Whitney U of `x` against `y` (two-sided, asymptotic, tie- and continuity-corrected). Both non-empty, no NaN. */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('mannWhitneyU needs two non-empty samples');
  const { ranks, tieTerm } = averageRanks([...x, ...y]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i]!;
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const u = Math.max(u1, u2);
  const mu = (n1 * n2) / 2;
  const n = n1 + n2;
  const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const numerator = u - mu - 0.5;
  // SciPy divides by a zero s too (all values tied): -0.5 / 0 is -Infinity, whose survival is 1.
  const z = numerator / s;
  const pValue = Math.min(1, Math.max(0, 2 * normalCdf(-z)));
  return { u: u1, z, pValue };
}

/** The median (the mean of the middle two for an even count), as numpy.median. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
