/**
 * Two-sample Kolmogorov-Smirnov test, equal to SciPy 1.10 `ks_2samp(a, b)` (two-sided, method 'auto'): exact
 * p-value when both samples have at most 10,000 values, Smirnov's asymptotic distribution otherwise, and the
 * statistic rounded to a multiple of 1/lcm(n1, n2) in exact mode, as SciPy does.
 */
import { kolmogornSf } from './kolmogorov.ts';
import { type WeightedSample, totalWeight, walkCdfs } from '../sketch/samples.ts';

const MAX_AUTO_N = 10000;

export interface KsResult {
  statistic: number;
  pValue: number;
  /** Largest possible error of the statistic (0 when both samples are exact). */
  statisticError: number;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** numpy's round: half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Pr(D >= h/n) for two samples of equal size n (SciPy `_compute_prob_outside_square`). */
function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
  }
  return 2 * p;
}

/** 1 - proportion of lattice paths staying strictly inside the band (SciPy `_compute_outer_prob_inside_method`). */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, the path count is symmetric in (m, n); the swap only keeps the buffer short
  const [m, n] = m0 < n0 ? [n0, m0] : [m0, n0];
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  // Stryker disable next-line ArithmeticOperator: equivalent, minj is 0 here
  let curlen = maxj - minj;
  // Stryker disable next-line MethodExpression: equivalent, a longer buffer of 1s is never read past the shorter one's end
  const a = new Float64Array(Math.min(2 * maxj + 2, n + 1)).fill(1);
  a.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    // Stryker disable next-line ConditionalExpression: equivalent, with minj 0 the first j is 0, which multiplies val's start away
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (a[jj + minj - lastminj]! * i + val * j) / (i + j);
      a[jj] = val;
    }
    curlen = maxj - minj;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, with lastlen <= curlen the fill range is empty
    if (lastlen > curlen) a.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return a[maxj - minj - 1]!;
}

/** The KS statistic sup|F1 - F2| with SciPy's sign handling, and its error bound for sketched samples. */
export function ksStatistic(a: WeightedSample, b: WeightedSample): { statistic: number; error: number } {
  const w1 = a.weights ? totalWeight(a) : a.count;
  const w2 = b.weights ? totalWeight(b) : b.count;
  let maxS = -Infinity;
  let minD = Infinity;
  walkCdfs(a, b, (_x, c1, c2) => {
    const d = c1 / w1 - c2 / w2;
    // Stryker disable next-line EqualityOperator: equivalent, on a tie the maximum is the same number
    if (d > maxS) maxS = d;
    // Stryker disable next-line EqualityOperator: equivalent, on a tie the minimum is the same number
    if (d < minD) minD = d;
  });
  const minS = Math.min(1, Math.max(0, -minD));
  // Stryker disable next-line EqualityOperator: equivalent, on a tie both branches are the same number
  const statistic = minS > maxS ? minS : maxS;
  return { statistic, error: a.rankError / a.count + b.rankError / b.count };
}

/** p-value of the two-sided two-sample KS test for statistic d and sample sizes n1, n2 (SciPy method 'auto'). */
export function ksPValue(d: number, n1: number, n2: number): { statistic: number; pValue: number } {
  const g = gcd(n1, n2);
  if (Math.max(n1, n2) <= MAX_AUTO_N) {
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    const dr = h / lcm;
    if (h === 0) return { statistic: dr, pValue: 1 };
    const p = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
    if (p >= 0 && p <= 1) return { statistic: dr, pValue: p };
    d = dr; // SciPy keeps the rounded statistic when it falls back to the asymptotic p-value
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, m and n are only used in m·n / (m + n)
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const en = (m * n) / (m + n);
  return { statistic: d, pValue: Math.min(1, Math.max(0, kolmogornSf(roundHalfEven(en), d))) };
}

/** SciPy `ks_2samp(a, b)` on two samples (exact or sketched). */
export function ksTwoSample(a: WeightedSample, b: WeightedSample): KsResult {
  const { statistic, error } = ksStatistic(a, b);
  const { statistic: s, pValue } = ksPValue(statistic, a.count, b.count);
  return { statistic: s, pValue, statisticError: error };
}
