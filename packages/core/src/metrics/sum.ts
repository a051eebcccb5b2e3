/**
 * Summation that reproduces NumPy's float64 `np.sum` / `np.mean` bit for bit, so our metrics equal
 * scikit-learn's exactly (e.g. r2 when y is constant, where the mean's last bit decides the result).
 * NumPy reduces a contiguous array in buffers of 8192 elements, summing each buffer pairwise
 * (numpy/core/src/umath/loops_utils.h.src `pairwise_sum`) and adding the buffer sums left to right.
 */

/** NumPy's buffer: np.sum adds this many values pairwise at a time, then adds the buffers' sums left to right. */
export const BUFFER = 8192;
const BLOCK = 128;

function pairwise(a: ArrayLike<number>, lo: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[lo + i]!;
    return res;
  }
  if (n <= BLOCK) {
    let r0 = a[lo]!,
      r1 = a[lo + 1]!,
      r2 = a[lo + 2]!,
      r3 = a[lo + 3]!;
    let r4 = a[lo + 4]!,
      r5 = a[lo + 5]!,
      r6 = a[lo + 6]!,
      r7 = a[lo + 7]!;
    const end = n - (n % 8);
    let i = 8;
    for (; i < end; i += 8) {
      const p = lo + i;
      r0 += a[p]!;
      r1 += a[p + 1]!;
      r2 += a[p + 2]!;
      r3 += a[p + 3]!;
      r4 += a[p + 4]!;
      r5 += a[p + 5]!;
      r6 += a[p + 6]!;
      r7 += a[p + 7]!;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[lo + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, lo, n2) + pairwise(a, lo + n2, n - n2);
}

/** NumPy's `np.sum` of a float64 array (same rounding, same order). */
export function npSum(a: ArrayLike<number>): number {
  let res = 0;
  for (let i = 0; i < a.length; i += BUFFER) res += pairwise(a, i, Math.min(BUFFER, a.length - i));
  return res;
}

/** NumPy's `np.mean` of a float64 array: `np.sum(a) / n`. */
export function npMean(a: ArrayLike<number>): number {
  return npSum(a) / a.length;
}

/**
 * NumPy's `P.sum(axis=1)` for one row of probabilities as pandas hands them over: `df[cols].to_numpy()` is
 * Fortran-ordered (pandas stores a frame's float columns as one block, column by column), and NumPy then adds each
 * row's values left to right (a C-ordered array would be summed pairwise: the last bit can differ from 8 classes
 * on, and on tied probabilities that moved roc_auc_ovr by 2e-6 against scikit-learn on such an array).
 */
export function rowSum(a: ArrayLike<number>, k: number): number {
  let s = 0;
  for (let c = 0; c < k; c++) s += a[c]!;
  return s;
}

/** Neumaier-compensated sum, for weighted sums (bootstrap) where no bit-exact oracle exists. */
export function compensatedSum(a: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

/** `npSum` of values that arrive one at a time (e.g. from a merge walk), in NumPy's 8192-value buffers. */
export class NpSumStream {
  #buffer = new Float64Array(BUFFER);
  #length = 0;
  #sum = 0;

  add(x: number): void {
    this.#buffer[this.#length++] = x;
    if (this.#length === BUFFER) {
      this.#sum += pairwise(this.#buffer, 0, BUFFER);
      this.#length = 0;
    }
  }

  /** The sum so far, as `npSum` of the values added. */
  total(): number {
    return this.#length ? this.#sum + pairwise(this.#buffer, 0, this.#length) : this.#sum;
  }
}

/** NumPy's pairwise sum of the first `n` values of one buffer (n ≤ 8192): a building block of `npSum`. */
export function pairwiseSum(a: Float64Array, n: number): number {
  return pairwise(a, 0, n);
}
