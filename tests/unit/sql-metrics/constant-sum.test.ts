import { describe, expect, it } from 'vitest';
import { npSum } from '@modelgate/core/metrics/sum';
import { npSumOfCopies } from '@modelgate/core/sql/metrics/constant-sum';

describe('npSumOfCopies', () => {
  it('is NumPy’s sum of n equal values, bit for bit, at every block and buffer boundary', () => {
    for (const v of [0.1, 1 / 3, 2.718281828459045, 1e-300, 123456.789])
      for (const n of [1, 7, 8, 9, 127, 128, 129, 1000, 8191, 8192, 8193, 20_000, 100_003]) {
        const got = npSumOfCopies(v, n);
        expect(Object.is(got, npSum(new Float64Array(n).fill(v))), `${v} x ${n}`).toBe(true);
      }
  });

  it('differs from n·v where NumPy’s rounding does (what decides r2 on a constant truth)', () => {
    // the mean of 1,000 values 0.1 is 0.10000000000000002 in NumPy: (0.1 - mean)^2 > 0, so r2 is not 0 there
    expect(npSumOfCopies(0.1, 1000) / 1000).toBe(0.10000000000000002);
    expect(npSumOfCopies(0.7, 1_000_000) / 1_000_000).toBe(npSum(new Float64Array(1_000_000).fill(0.7)) / 1_000_000);
  });
});
