/**
 * The per-column drift tests of Evidently (legacy `evidently.calculations.stattests`), on counts and samples
 * instead of pandas Series so that sketches and exact data share them. Each follows the upstream function named.
 */
import { chi2Sf, normalCdf } from './special.ts';
import { type WeightedSample, totalWeight, walkCdfs } from '../sketch/samples.ts';

/** Category -> count, without nulls. */
export type Counts = Map<string, number>;

function sum(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

function unionKeys(a: Counts, b: Counts): string[] {
  return [...new Set([...a.keys(), ...b.keys()])];
}

/** Evidently `_chi_stat_test`: scipy.stats.chisquare(current counts, reference counts scaled to current size). */
export function chiSquare(reference: Counts, current: Counts): { statistic: number; pValue: number } {
  const keys = unionKeys(reference, current);
  const kNorm = sum(current.values()) / sum(reference.values());
  let stat = 0;
  for (const k of keys) {
    const e = (reference.get(k) ?? 0) * kNorm;
    const o = current.get(k) ?? 0;
    stat += ((o - e) * (o - e)) / e; // e = 0 with o > 0 gives Infinity, p = 0, as SciPy
  }
  return { statistic: stat, pValue: chi2Sf(stat, keys.length - 1) };
}

/** Evidently `_z_stat_test`: two-proportion z-test on one category (p = 1 when both sides hold one equal value). */
export function proportionZ(reference: Counts, current: Counts): { statistic: number; pValue: number } {
  const keys = unionKeys(reference, current).sort();
  if (reference.size === 1 && current.size === 1 && keys.length === 1) return { statistic: 0, pValue: 1 };
  const target = keys[0]!;
  const n1 = sum(reference.values());
  const n2 = sum(current.values());
  const p1 = (reference.get(target) ?? 0) / n1;
  const p2 = (current.get(target) ?? 0) / n2;
  const p = (p1 * n1 + p2 * n2) / (n1 + n2);
  const z = (p1 - p2) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  // the p-value is symmetric in the chosen category; report |z| so the statistic does not depend on it
  return { statistic: Math.abs(z), pValue: 2 * (1 - normalCdf(Math.abs(z))) };
}

/** Wasserstein-1 distance of two samples (scipy.stats.wasserstein_distance) and its error bound for sketches. */
export function wasserstein(a: WeightedSample, b: WeightedSample): { distance: number; error: number } {
  const w1 = a.weights ? totalWeight(a) : a.count;
  const w2 = b.weights ? totalWeight(b) : b.count;
  let d = 0;
  let lo = Infinity;
  let hi = -Infinity;
  walkCdfs(a, b, (x, c1, c2, next) => {
    // Stryker disable next-line EqualityOperator: equivalent, taking an equal value again changes nothing
    if (x < lo) lo = x;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, the walk is ascending, so the last x is the largest
    if (x > hi) hi = x;
    if (!Number.isNaN(next)) d += Math.abs(c1 / w1 - c2 / w2) * (next - x);
  });
  const rankErr = a.rankError / a.count + b.rankError / b.count;
  return { distance: d, error: rankErr * (hi - lo) };
}

/** Evidently `_wasserstein_distance_norm`: Wasserstein distance divided by max(reference std (ddof 0), 0.001). */
export function wassersteinNorm(
  a: WeightedSample,
  b: WeightedSample,
  referenceStd: number,
): { statistic: number; error: number } {
  const norm = Math.max(referenceStd, 0.001);
  const { distance, error } = wasserstein(a, b);
  return { statistic: distance / norm, error: error / norm };
}

/** Relative frequencies on shared bins, as Evidently `get_binned_data` (with its zero filling for PSI). */
export interface Binned {
  reference: number[];
  current: number[];
}

/** Evidently's categorical binning: one bin per category seen on either side, divided by each side's size. */
export function binCategories(reference: Counts, current: Counts): Binned {
  const keys = unionKeys(reference, current);
  const n1 = sum(reference.values());
  const n2 = sum(current.values());
  return {
    reference: keys.map((k) => (reference.get(k) ?? 0) / n1),
    current: keys.map((k) => (current.get(k) ?? 0) / n2),
  };
}

function weightBelow(s: WeightedSample, x: number, inclusive: boolean): number {
  let lo = 0;
  let hi = s.values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (inclusive ? s.values[mid]! <= x : s.values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  if (!s.weights) return lo;
  let w = 0;
  for (let i = 0; i < lo; i++) w += s.weights[i]!;
  return w;
}

/**
 * The edges numpy's `np.histogram_bin_edges(values, bins='sturges')` returns for `n` values between `lo` and `hi`
 * (Evidently's `get_binned_data` bins numbers on them): the bin width is ptp / (log2(n) + 1) and the number of bins
 * ceil(range / width), one bin when every value is equal (the range then widened by 0.5 on each side); edge i is
 * i * step + first and the last edge is exactly the range's end, as `np.linspace` computes them.
 */
export function sturgesEdges(lo: number, hi: number, n: number): number[] {
  const first = lo === hi ? lo - 0.5 : lo;
  const last = lo === hi ? hi + 0.5 : hi;
  const width = (hi - lo) / (Math.log2(n) + 1);
  const bins = width ? Math.ceil((last - first) / width) : 1;
  const step = (last - first) / bins;
  const edges: number[] = [];
  for (let i = 0; i < bins; i++) edges.push(i * step + first);
  edges.push(last);
  return edges;
}

/**
 * Evidently's numeric binning (`get_binned_data` when the reference has more than 20 distinct values): Sturges
 * edges over both samples together (their overall `lo` and `hi`), np.histogram counts (each bin half-open, the
 * last closed) divided by each side's size.
 */
export function binNumeric(a: WeightedSample, b: WeightedSample, lo: number, hi: number): Binned & { edges: number[] } {
  const edges = sturgesEdges(lo, hi, a.count + b.count);
  const bins = edges.length - 1;
  const fractions = (s: WeightedSample): number[] => {
    const total = s.weights ? totalWeight(s) : s.count;
    const out: number[] = [];
    for (let i = 0; i < bins; i++) {
      const last = i === bins - 1;
      out.push((weightBelow(s, edges[i + 1]!, last) - weightBelow(s, edges[i]!, false)) / total);
    }
    return out;
  };
  return { reference: fractions(a), current: fractions(b), edges };
}

/** Evidently's `feel_zeroes`: empty bins get min(non-zero)/1e6 when that minimum is <= 1e-4, else 1e-4. */
export function fillZeroes(p: number[]): number[] {
  const nz = p.filter((v) => v !== 0);
  if (nz.length === 0) return p;
  const min = Math.min(...nz);
  const fill = min <= 0.0001 ? min / 1e6 : 0.0001;
  return p.map((v) => (v === 0 ? fill : v));
}

function relEntr(x: number, y: number): number {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent on shares, y is the mean of x and another share, so x > 0 makes y > 0
  if (x > 0 && y > 0) return x * Math.log(x / y);
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent on shares (never negative): past the line above, x is 0
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

/** scipy.spatial.distance.jensenshannon(p, q) with the natural logarithm. */
export function jensenShannon(p: number[], q: number[]): number {
  const sp = sum(p);
  const sq = sum(q);
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]! / sp;
    const qi = q[i]! / sq;
    const m = (pi + qi) / 2;
    js += relEntr(pi, m) + relEntr(qi, m);
  }
  return Math.sqrt(js / 2);
}

/** Evidently `_psi`: sum((ref - cur) * ln(ref / cur)) on zero-filled bins. */
export function psi(binned: Binned): number {
  const r = fillZeroes(binned.reference);
  const c = fillZeroes(binned.current);
  let s = 0;
  for (let i = 0; i < r.length; i++) s += (r[i]! - c[i]!) * Math.log(r[i]! / c[i]!);
  return s;
}
