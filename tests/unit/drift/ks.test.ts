// Hand-computed and SciPy 1.10 cases of the two-sample KS test at its edges, next to the SciPy oracle fixtures:
// a statistic of exactly 0, the 10,000-value boundary between the exact and the asymptotic p-value, the fallback
// when the exact computation leaves [0, 1], and the error bound a sketched sample carries.
import { describe, expect, it } from 'vitest';
import { ksPValue, ksStatistic, ksTwoSample, roundHalfEven } from '@modelgate/core/drift/ks';
import { exactSample, type WeightedSample } from '@modelgate/core/sketch/samples';

const close = (actual: number, expected: number, rel = 1e-9) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));

describe('KS statistic', () => {
  it('is exactly 0 with p-value 1 for identical samples (exact mode)', () => {
    expect(ksTwoSample(exactSample([1, 2, 3]), exactSample([3, 2, 1]))).toEqual({
      statistic: 0,
      pValue: 1,
      statisticError: 0,
    });
  });

  it('is 1 whichever sample lies above the other (SciPy keeps the larger of both signs)', () => {
    // ks_2samp([1, 2, 3], [4, 5, 6]): statistic 1, p-value 0.1 (= 2 / C(6, 3))
    for (const [a, b] of [
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [
        [4, 5, 6],
        [1, 2, 3],
      ],
    ]) {
      const r = ksTwoSample(exactSample(a!), exactSample(b!));
      expect(r.statistic).toBe(1);
      close(r.pValue, 0.09999999999999999);
    }
  });

  it('takes the largest gap of the two CDFs: [1, 2] against [1, 2, 3, 4] is 1/2, p 0.93333', () => {
    const r = ksTwoSample(exactSample([1, 2]), exactSample([1, 2, 3, 4]));
    expect(r.statistic).toBe(0.5);
    close(r.pValue, 0.9333333333333332);
  });

  it('weighs the points of a sketch, and its error bound is the rank error over the count of each side', () => {
    // a stands for 30 values: 10 at each of 1, 2, 3, ranks known within 3 rows; b is exact [2, 4]
    const a: WeightedSample = {
      values: Float64Array.from([1, 2, 3]),
      weights: Float64Array.from([10, 10, 10]),
      count: 30,
      rankError: 3,
    };
    const b = exactSample([2, 4]);
    // CDF gaps: at 1: 1/3 - 0; at 2: 2/3 - 1/2; at 3: 1 - 1/2; at 4: 1 - 1
    expect(ksStatistic(a, b)).toEqual({ statistic: 0.5, error: 0.1 });
    const r = ksTwoSample(a, b);
    // ks_2samp with n = 30 and 2: exact p-value 0.6048387096774194
    expect(r.statistic).toBe(0.5);
    close(r.pValue, 0.6048387096774194);
    expect(r.statisticError).toBe(0.1);
    expect(ksStatistic(b, { ...a, rankError: 6 }).error).toBe(0.2);
    expect(ksStatistic({ ...b, rankError: 1 }, { ...a, rankError: 6 }).error).toBe(0.7);
  });
});

describe('KS p-value: exact and asymptotic', () => {
  it('rounds the statistic to a multiple of 1/lcm(n1, n2) in exact mode', () => {
    // n 4 and 6: lcm 12, 0.1 * 12 rounds to 1, so the statistic is 1/12 and the p-value 1
    expect(ksPValue(0.1, 4, 6)).toEqual({ statistic: 1 / 12, pValue: 1 });
    // 0.04 * 12 rounds to 0: a statistic of exactly 0
    expect(ksPValue(0.04, 4, 6)).toEqual({ statistic: 0, pValue: 1 });
    expect(ksPValue(0, 3, 3)).toEqual({ statistic: 0, pValue: 1 });
    // equal sizes: 3 and 3 with D = 1, SciPy 0.09999999999999999
    close(ksPValue(1, 3, 3).pValue, 0.09999999999999999);
  });

  it('is exact at 10,000 values and asymptotic at 10,001 (SciPy method auto)', () => {
    const b = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99];
    const at = ksTwoSample(exactSample(Array.from({ length: 10_000 }, (_, i) => i / 10_000)), exactSample(b));
    // ks_2samp(np.arange(10000) / 10000.0, b)
    expect(at.statistic).toBe(0.5);
    close(at.pValue, 0.03849600884963927);
    const above = ksTwoSample(exactSample(Array.from({ length: 10_001 }, (_, i) => i / 10_001)), exactSample(b));
    // ks_2samp(np.arange(10001) / 10001.0, b): the asymptotic p-value (the exact one would be 0.038470346717174725)
    expect(above.statistic).toBe(0.5000499950005);
    close(above.pValue, 0.038360554616956026);
  });

  it('falls back to the asymptotic p-value when the exact one leaves [0, 1], keeping the rounded statistic', () => {
    // n1 = n2 = 10,000, D = 0.001: SciPy's exact computation gives 1.0000000000000002, so ks_2samp switches to
    // kstwo.sf(0.001, 5000) = 1.0
    expect(ksPValue(0.001, 10_000, 10_000)).toEqual({ statistic: 0.001, pValue: 1 });
    expect(ksPValue(0.00104, 10_000, 10_000).statistic).toBe(0.001);
  });
});

describe('KS p-value: the exact methods at their extremes', () => {
  it('keeps an exact p-value of 1 (n 3 and 3, D 1/3), where the asymptotic one would be 0.944', () => {
    expect(ksPValue(1 / 3, 3, 3)).toEqual({ statistic: 1 / 3, pValue: 1 });
  });

  it('D = 1 between 2 and 3 values is p = 2 / C(5, 2) = 0.2, whichever sample is larger', () => {
    close(ksTwoSample(exactSample([1, 2]), exactSample([3, 4, 5])).pValue, 0.2);
    close(ksTwoSample(exactSample([3, 4, 5]), exactSample([1, 2])).pValue, 0.2);
    close(ksPValue(1, 2, 3).pValue, 0.2);
  });

  it('equal samples of 10,000: D 0.02 is exact p 0.0366, and D 0.5 an exact p that underflows to 0', () => {
    // SciPy: _attempt_exact_2kssamp(10000, 10000, 10000, d, 'two-sided')
    close(ksPValue(0.02, 10_000, 10_000).pValue, 0.03662861114079258);
    expect(ksPValue(0.5, 10_000, 10_000)).toEqual({ statistic: 0.5, pValue: 0 });
  });
});

describe("numpy's round half to even", () => {
  it('rounds halves to the even neighbour and everything else to the nearest', () => {
    expect([0.5, 1.5, 2.5, 3.5, 2.4, 2.6, 7].map(roundHalfEven)).toEqual([0, 2, 2, 4, 2, 3, 7]);
  });
});
