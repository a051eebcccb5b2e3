/**
 * np.median(np.abs(y_pred - y_true)) without a copy of every error: a radix selection on the errors' bits.
 *
 * Non-negative doubles order as their bit patterns do, so one pass counts the errors by their top 16 bits (sign,
 * exponent and 4 bits of mantissa), which finds the one or two buckets holding the middle values; a second pass
 * gathers only the errors of those buckets (a few percent of the rows on real errors) and selects the middle among
 * them. The values are the errors themselves, so the median is exactly np.median's. When the middle buckets hold
 * most rows (errors nearly all equal) the gathered copy is as large as today's scratch array, never larger.
 */
const BUCKETS = 1 << 16;
const BLOCK = 8192;
/** Index of a double's high 32-bit word in a Uint32Array view (1 on little-endian machines). */
const HIGH = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1 ? 1 : 0;

/** Counts of the errors by their top 16 bits, filled by `countErrorBlock`. */
export class ErrorHistogram {
  readonly counts = new Uint32Array(BUCKETS);

  /** Adds the `len` non-negative errors of `block` (a Float64Array) through its Uint32Array view `words`. */
  add(words: Uint32Array, len: number): void {
    const counts = this.counts;
    for (let j = 0; j < len; j++) counts[words[2 * j + HIGH]! >>> 16]!++;
  }
}

/**
 * The median of |p[i] - t[i]| for i < n, given the histogram of those errors (from the same arrays): exact,
 * as np.median (the mean of the two middle values when n is even).
 */
export function medianAbsoluteError(t: Float64Array, p: Float64Array, histogram: ErrorHistogram): number {
  const n = t.length;
  if (n === 0) return NaN;
  const counts = histogram.counts;
  const h = n >> 1;
  // ranks of the middle values: h (odd n), or h-1 and h (even n)
  const lowRank = n % 2 ? h : h - 1;
  let first = -1,
    last = -1,
    below = 0,
    seen = 0;
  for (let b = 0; b < BUCKETS && last < 0; b++) {
    const c = counts[b]!;
    if (first < 0 && seen + c > lowRank) {
      first = b;
      below = seen;
    }
    if (seen + c > h) last = b;
    seen += c;
  }
  let gathered = 0;
  for (let b = first; b <= last; b++) gathered += counts[b]!;
  const middle = new Float64Array(gathered);
  const block = new Float64Array(BLOCK);
  const words = new Uint32Array(block.buffer);
  let m = 0;
  for (let start = 0; start < n; start += BLOCK) {
    const len = Math.min(BLOCK, n - start);
    for (let j = 0; j < len; j++) block[j] = Math.abs(p[start + j]! - t[start + j]!);
    for (let j = 0; j < len; j++) {
      const bucket = words[2 * j + HIGH]! >>> 16;
      if (bucket >= first && bucket <= last) middle[m++] = block[j]!;
    }
  }
  // the gathered errors hold ranks below .. below + gathered - 1: select the middle ones among them
  const upper = selectInPlace(middle, h - below);
  if (n % 2) return upper;
  // the lower middle is the largest value left of the upper one after the partition
  let lower = -Infinity;
  for (let i = 0; i < h - below; i++) if (middle[i]! > lower) lower = middle[i]!;
  return (lower + upper) / 2;
}

/** Hoare's quickselect: puts the k-th smallest value at k, smaller or equal ones before it; returns it. */
export function selectInPlace(a: Float64Array, k: number): number {
  let lo = 0,
    hi = a.length - 1;
  // Stryker disable next-line EqualityOperator: equivalent, with hi = lo both ways end at a[k]
  while (hi > lo) {
    // median of three as pivot: sorted input (common for errors) stays linear
    const mid = (lo + hi) >>> 1;
    const x = a[lo]!,
      y = a[mid]!,
      z = a[hi]!;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, any of the three is a valid pivot (the median only keeps sorted input linear)
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo,
      j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const s = a[i]!;
        a[i++] = a[j]!;
        a[j--] = s;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}
