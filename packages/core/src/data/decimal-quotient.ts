/**
 * The correctly rounded double of a 16-19 digit decimal N / 10^p (p <= 22), without making a string: Python's repr
 * and pandas' to_csv write probabilities that way (`0.13436424411240122`), and Number() on a slice costs 3-4x more.
 * N = high * 10^k + low is held exactly as a sum of two doubles (Dekker's exact product, Knuth's exact sum); the
 * quotient's first guess q0 is then kept or moved one unit in the last place by the sign and size of the exact
 * remainder N - q0 * 10^p. When the remainder is too close to half a unit to decide safely, or q0 sits on a power of
 * two (uneven neighbours), the answer is NaN and the caller uses Number(): exactness never rests on the fast path.
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter
/** Veltkamp's halves of each power of ten, made once: the divisor's split cost as much as the rest. */
const POW10_HIGH = POW10.map((b) => SPLIT * b - (SPLIT * b - b));
const POW10_LOW = POW10.map((b, i) => b - POW10_HIGH[i]!);
/** 2^-53: q * (1 + 2^-53) rounds to q's upper neighbour unless q is a power of two (then to q itself). */
const HALF_EPSILON = 2 ** -53;

/** Rounding error of a * 10^k (Dekker's TwoProduct without FMA): a * 10^k = product + error, exactly. */
function productError(a: number, k: number, product: number): number {
  const t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  const bh = POW10_HIGH[k]!;
  const bl = POW10_LOW[k]!;
  return ah * bh - product + ah * bl + al * bh + al * bl;
}

/**
 * (high * 10^k + low) / 10^p correctly rounded, for high < 10^15, low < 10^k, k <= 4, p <= 22; NaN when
 * undecided (then use Number()).
 */
export function decimalQuotient(high: number, k: number, low: number, p: number): number {
  // N = n + nLow exactly: n = fl(high * 10^k + low), nLow a small integer.
  const product = high * POW10[k]!;
  const productLow = productError(high, k, product);
  const n = product + low;
  const nLow = productLow + (product - n + low);
  const divisor = POW10[p]!;
  const q0 = n / divisor;
  // Remainder N - q0 * divisor: q0 * divisor = t + tLow exactly, and n - t is exact (Sterbenz: t is within 2 of n).
  const t = q0 * divisor;
  const tLow = productError(q0, p, t);
  const remainder = n - t + (nLow - tLow);
  // The unit in the last place of q0, by arithmetic: reading the bits through a typed array cost a third of the
  // call. 0 when q0 is a power of two (uneven neighbours: too rare to be worth its own thresholds) or 0.
  const ulp = q0 + q0 * HALF_EPSILON - q0;
  if (!(ulp > 0) || !(q0 > 1e-290) || q0 === Infinity) return NaN;
  const half = (divisor * ulp) / 2;
  const r = Math.abs(remainder);
  const margin = half * 1e-9;
  if (r < half - margin) return q0;
  if (r > half + margin && r < 3 * half - margin) {
    return remainder > 0 ? q0 + ulp : q0 - ulp;
  }
  return NaN;
}
