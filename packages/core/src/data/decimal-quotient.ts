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
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HIGH = LITTLE ? 1 : 0;
const LOW = LITTLE ? 0 : 1;

/** Rounding error of a * b (Dekker's TwoProduct without FMA): a * b = fl(a * b) + error, exactly. */
function productError(a: number, b: number, product: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - product + ah * bl + al * bh + al * bl;
}

/**
 * (high * 10^k + low) / 10^p correctly rounded, for high < 10^15, low < 10^k, k <= 4, p <= 22; NaN when
 * undecided (then use Number()).
 */
export function decimalQuotient(high: number, k: number, low: number, p: number): number {
  // N = n + nLow exactly: n = fl(high * 10^k + low), nLow a small integer.
  const scale = POW10[k]!;
  const product = high * scale;
  const productLow = productError(high, scale, product);
  const n = product + low;
  const nLow = productLow + (product - n + low);
  const divisor = POW10[p]!;
  const q0 = n / divisor;
  // Remainder N - q0 * divisor: q0 * divisor = t + tLow exactly, and n - t is exact (Sterbenz: t is within 2 of n).
  const t = q0 * divisor;
  const tLow = productError(q0, divisor, t);
  const remainder = n - t + (nLow - tLow);
  bits[0] = q0;
  const high32 = words[HIGH]!;
  const exponent = (high32 >>> 20) & 0x7ff;
  if (exponent <= 53 || exponent === 0x7ff) return NaN;
  const onPowerOfTwo = (high32 & 0xfffff) === 0 && words[LOW] === 0;
  // The unit in the last place of q0: 2^(exponent - 1075), built from its bits.
  words[HIGH] = (exponent - 52) << 20;
  words[LOW] = 0;
  // Just below a power of two the spacing halves: too rare to be worth its own thresholds.
  if (onPowerOfTwo && remainder < 0) return NaN;
  const ulp = bits[0]!;
  const half = (divisor * ulp) / 2;
  const r = Math.abs(remainder);
  const margin = half * 1e-9;
  if (r < half - margin) return q0;
  if (r > half + margin && r < 3 * half - margin) {
    return remainder > 0 ? q0 + ulp : q0 - ulp;
  }
  return NaN;
}
