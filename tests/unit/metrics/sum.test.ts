import { describe, expect, it } from 'vitest';
import { compensatedSum, npMean, npSum, NpSumStream, pairwiseSum, rowSum } from '@modelgate/core/metrics/sum';

// Values of mixed signs and magnitudes, so every summation order rounds differently; the same formula in Python:
// ((i * 7919) % 1009 + 0.1) / 3.0 * 10.0 ** (i % 9 - 4) * (1 if i % 2 else -1)
const data = (n: number) =>
  Float64Array.from(
    { length: n },
    (_, i) => ((((i * 7919) % 1009) + 0.1) / 3.0) * 10 ** ((i % 9) - 4) * (i % 2 ? 1 : -1),
  );

// float(np.sum(data(n))), float(np.mean(data(n))) from NumPy 1.24.2
const numpy: [number, number, number][] = [
  [5, -116.08830333333334, -23.217660666666667],
  [8, 313360.9116966666, 39170.11396208333],
  [13, -2333644.182633333, -179511.09097179485],
  [16, -2312181.482633333, -144511.34266458332],
  [100, 183900.70529999936, 1839.0070529999937],
  [129, 1366328.937296667, 10591.697188346256],
  [300, 556599.6245333345, 1855.3320817777817],
  [1000, 1174183.1776999992, 1174.183177699999],
  [8192, 3523606.715196664, 430.12777285115527],
  [8193, 3523604.0115299975, 430.0749434309773],
  [20000, 2778115.3450966575, 138.90576725483288],
];

describe('NumPy-exact sums', () => {
  for (const [n, sum, mean] of numpy) {
    it(`np.sum and np.mean of ${n} values, bit for bit`, () => {
      expect(npSum(data(n))).toBe(sum);
      expect(npMean(data(n))).toBe(mean);
    });
  }

  it('streams values into the same sum as npSum, across buffer boundaries', () => {
    for (const n of [0, 13, 129, 8192, 8193, 20000]) {
      const s = new NpSumStream();
      for (const x of data(n)) s.add(x);
      expect(s.total()).toBe(npSum(data(n)));
    }
  });

  it('sums the first n values of a buffer pairwise', () => {
    const d = data(2000);
    expect(pairwiseSum(d, 1000)).toBe(1174183.1776999992);
    expect(pairwiseSum(d, 129)).toBe(1366328.937296667);
  });

  it('adds a row of k probabilities left to right, ignoring what follows', () => {
    // left to right 1e16 + 1 rounds back to 1e16 twice; pairwise (1 + 1 first) would give 1e16 + 2
    expect(rowSum([1e16, 1, 1, 5], 3)).toBe(1e16);
    expect(rowSum([0.25, 0.5, 0.25], 2)).toBe(0.75);
  });

  it('compensates the rounding error of a naive sum', () => {
    expect(compensatedSum([1e16, 1, -1e16])).toBe(1);
    expect(compensatedSum([1, 1e16, -1e16])).toBe(1);
    expect(compensatedSum(new Array<number>(10).fill(0.1))).toBe(1);
    expect(compensatedSum([])).toBe(0);
  });
});
