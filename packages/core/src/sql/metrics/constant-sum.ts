/**
 * NumPy's float64 sum of n copies of one value, bit for bit, without the n values: what scikit-learn's mean of a
 * constant column is. It decides r2 and explained_variance when the true values are all equal (their mean's last
 * bit makes the centred sum 0 or a tiny positive number), which a database's exact sum cannot reproduce.
 * Mirrors metrics/sum.ts (8192-value buffers summed pairwise, buffer sums added left to right).
 */

const BUFFER = 8192;
const BLOCK = 128;

function pairwiseOfCopies(v: number, n: number, memo: Map<number, number>): number {
  const known = memo.get(n);
  if (known !== undefined) return known;
  let res: number;
  if (n < 8) {
    res = 0;
    for (let i = 0; i < n; i++) res += v;
  } else if (n <= BLOCK) {
    // eight running sums, each of the same copies: r0 = … = r7
    let r = v;
    const end = n - (n % 8);
    for (let i = 8; i < end; i += 8) r += v;
    res = r + r + (r + r) + (r + r + (r + r));
    for (let i = end; i < n; i++) res += v;
  } else {
    let n2 = Math.floor(n / 2);
    n2 -= n2 % 8;
    res = pairwiseOfCopies(v, n2, memo) + pairwiseOfCopies(v, n - n2, memo);
  }
  memo.set(n, res);
  return res;
}

/** `np.sum(np.full(n, v))`. */
export function npSumOfCopies(v: number, n: number): number {
  const memo = new Map<number, number>();
  const full = Math.floor(n / BUFFER);
  const buffer = full ? pairwiseOfCopies(v, BUFFER, memo) : 0;
  let res = 0;
  for (let b = 0; b < full; b++) res += buffer;
  const rest = n - full * BUFFER;
  if (rest) res += pairwiseOfCopies(v, rest, memo);
  return res;
}
