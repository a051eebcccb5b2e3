// The drift statistics on a few values each, computed by hand (SciPy's and Evidently's definitions; the p-values
// as scipy.stats gives them), one behaviour each: the scaling of chi-squared's expected counts, a category new in
// the current data, the z-test's one-category case, Wasserstein's sketch error bound, the binning edges and
// zero filling, and statistics of exactly 0.
import { describe, expect, it } from 'vitest';
import {
  binCategories,
  binNumeric,
  chiSquare,
  fillZeroes,
  jensenShannon,
  proportionZ,
  psi,
  sturgesEdges,
  wasserstein,
  wassersteinNorm,
} from '@modelgate/core/drift/statistics';
import { exactSample, type WeightedSample } from '@modelgate/core/sketch/samples';

const counts = (o: Record<string, number>) => new Map(Object.entries(o));
const weighted = (values: number[], weights: number[], rankError = 0): WeightedSample => ({
  values: Float64Array.from(values),
  weights: Float64Array.from(weights),
  count: weights.reduce((s, w) => s + w, 0),
  rankError,
});

describe('chi-squared (Evidently _chi_stat_test)', () => {
  it('reference 10/10, current 15/5: statistic 25/10 + 25/10 = 5 on 1 degree of freedom', () => {
    const r = chiSquare(counts({ a: 10, b: 10 }), counts({ a: 15, b: 5 }));
    expect(r.statistic).toBe(5);
    expect(r.pValue).toBeCloseTo(0.025347318677468325, 12);
  });

  it('scales the reference to the current size: reference 1/3, current 4/4 expects 2/6, statistic 8/3', () => {
    const r = chiSquare(counts({ a: 1, b: 3 }), counts({ a: 4, b: 4 }));
    expect(r.statistic).toBeCloseTo(8 / 3, 14);
    expect(r.pValue).toBeCloseTo(0.10247043485974942, 12);
  });

  it('identical shares give a statistic of 0 and a p-value of 1', () => {
    expect(chiSquare(counts({ a: 2, b: 6 }), counts({ a: 1, b: 3 }))).toEqual({ statistic: 0, pValue: 1 });
  });

  it('a category new in the current data (expected 0) is infinitely unlikely: statistic Infinity, p 0', () => {
    expect(chiSquare(counts({ a: 5 }), counts({ a: 5, b: 1 }))).toEqual({ statistic: Infinity, pValue: 0 });
  });
});

describe('two-proportion z-test (Evidently _z_stat_test)', () => {
  it('30% against 50% of 100 rows each: |z| = 0.2 / sqrt(0.4 * 0.6 * 0.02)', () => {
    const r = proportionZ(counts({ a: 30, b: 70 }), counts({ a: 50, b: 50 }));
    expect(r.statistic).toBeCloseTo(2.886751345948129, 12);
    expect(r.pValue).toBeCloseTo(0.0038924171227785465, 10);
  });

  it('tests the first category in sorted order, whichever side lists it first', () => {
    const r = proportionZ(counts({ b: 70, a: 30 }), counts({ b: 50, a: 50 }));
    expect(r.statistic).toBeCloseTo(2.886751345948129, 12);
  });

  it('both sides holding the one same value: statistic 0, p-value 1', () => {
    expect(proportionZ(counts({ a: 4 }), counts({ a: 9 }))).toEqual({ statistic: 0, pValue: 1 });
  });

  it('one value on each side, but different ones, is a full shift: |z| = 1 / sqrt(0.25 * 0.4)', () => {
    const r = proportionZ(counts({ a: 5 }), counts({ b: 5 }));
    expect(r.statistic).toBeCloseTo(Math.sqrt(10), 12);
    expect(r.pValue).toBeLessThan(0.002);
  });

  it('one value on one side and two on the other is a z-test, not the one-value shortcut', () => {
    const r = proportionZ(counts({ a: 4 }), counts({ a: 2, b: 2 }));
    // p1 1, p2 0.5, pooled 0.75: z = 0.5 / sqrt(0.75 * 0.25 * 0.5)
    expect(r.statistic).toBeCloseTo(0.5 / Math.sqrt(0.75 * 0.25 * 0.5), 12);
  });
});

describe('Wasserstein distance', () => {
  it('[0, 1] against [1, 2] is 1; [0, 0, 3] against [1, 2] is 7/6 (scipy.stats.wasserstein_distance)', () => {
    expect(wasserstein(exactSample([0, 1]), exactSample([1, 2]))).toEqual({ distance: 1, error: 0 });
    expect(wasserstein(exactSample([0, 0, 3]), exactSample([1, 2])).distance).toBeCloseTo(7 / 6, 14);
  });

  it('weighted points stand for repeated values: [0 x2, 3] is [0, 0, 3]', () => {
    expect(wasserstein(weighted([0, 3], [2, 1]), exactSample([1, 2])).distance).toBeCloseTo(7 / 6, 14);
    expect(wasserstein(exactSample([1, 2]), weighted([0, 3], [2, 1])).distance).toBeCloseTo(7 / 6, 14);
  });

  it("a sketch's error bound is its rank error share times the range of both samples", () => {
    // rank errors 1 of 4 and 1 of 2 rows: (1/4 + 1/2) * (hi 5 - lo -1)
    const a = weighted([0, 2], [2, 2], 1);
    const b = weighted([-1, 5], [1, 1], 1);
    expect(wasserstein(a, b).error).toBeCloseTo(0.75 * 6, 14);
    expect(wasserstein(b, a).error).toBeCloseTo(0.75 * 6, 14);
  });

  it('normalised by the reference standard deviation, but never by less than 0.001', () => {
    const a = weighted([0, 2], [2, 2], 1);
    const b = exactSample([1, 3]);
    const { distance, error } = wasserstein(a, b);
    expect(wassersteinNorm(a, b, 0.5)).toEqual({ statistic: distance / 0.5, error: error / 0.5 });
    expect(wassersteinNorm(a, b, 0)).toEqual({ statistic: distance / 0.001, error: error / 0.001 });
    expect(wassersteinNorm(a, b, 0.0005).statistic).toBe(distance / 0.001);
  });
});

describe('binning (Evidently get_binned_data)', () => {
  it('categories: one bin per category of either side, each side divided by its own size', () => {
    expect(binCategories(counts({ a: 1, b: 3 }), counts({ b: 2, c: 2 }))).toEqual({
      reference: [0.25, 0.75, 0],
      current: [0, 0.5, 0.5],
    });
  });

  it('Sturges edges for 8 values over [0, 4]: width 4 / (log2(8) + 1) = 1, edges 0..4 (numpy)', () => {
    expect(sturgesEdges(0, 4, 8)).toEqual([0, 1, 2, 3, 4]);
    // 3 values over [0, 10]: width 10 / (log2(3) + 1) = 3.87, 3 bins of 10/3
    expect(sturgesEdges(0, 10, 3)).toEqual([0, 10 / 3, 20 / 3, 10]);
  });

  it('one repeated value: one bin widened by 0.5 on each side', () => {
    expect(sturgesEdges(2, 2, 5)).toEqual([1.5, 2.5]);
  });

  it('numeric bins are half-open except the last, which holds the maximum', () => {
    const b = binNumeric(exactSample([0, 1, 2, 3]), exactSample([1, 1, 4, 4]), 0, 4);
    expect(b).toEqual({ edges: [0, 1, 2, 3, 4], reference: [0.25, 0.25, 0.25, 0.25], current: [0, 0.5, 0, 0.5] });
  });

  it('weighted points count with their weights, divided by the total weight', () => {
    const b = binNumeric(weighted([0, 2, 4], [2, 1, 1]), exactSample([0, 1, 2, 3]), 0, 4);
    expect(b.reference).toEqual([0.5, 0, 0.25, 0.25]);
  });
});

describe('zero filling, Jensen-Shannon and PSI', () => {
  it('empty bins get 1e-4, or the smallest share / 1e6 when that is at most 1e-4', () => {
    expect(fillZeroes([0.5, 0.5, 0])).toEqual([0.5, 0.5, 1e-4]);
    expect(fillZeroes([0.0001, 0, 0.9999])).toEqual([0.0001, 0.0001 / 1e6, 0.9999]);
    expect(fillZeroes([0.00005, 0, 0.99995])).toEqual([0.00005, 0.00005 / 1e6, 0.99995]);
    expect(fillZeroes([0, 0])).toEqual([0, 0]);
  });

  it('Jensen-Shannon: disjoint distributions are sqrt(ln 2) apart, identical ones 0; inputs are normalised', () => {
    expect(jensenShannon([1, 0], [0, 1])).toBeCloseTo(Math.sqrt(Math.LN2), 15);
    expect(jensenShannon([2, 0], [0, 3])).toBeCloseTo(Math.sqrt(Math.LN2), 15);
    expect(jensenShannon([0.25, 0.75], [1, 3])).toBe(0);
    expect(jensenShannon([0.5, 0.5], [1, 0])).toBeCloseTo(0.46450140402245893, 14);
  });

  it('PSI: [0.5, 0.5] against [0.25, 0.75] is 0.25 ln 3; identical bins 0', () => {
    expect(psi({ reference: [0.5, 0.5], current: [0.25, 0.75] })).toBeCloseTo(0.25 * Math.log(3), 15);
    expect(psi({ reference: [0.5, 0.5], current: [0.5, 0.5] })).toBe(0);
  });

  it('PSI fills an empty reference bin with 1e-4 before taking the logarithm', () => {
    const v = psi({ reference: [0.5, 0.5, 0], current: [0.5, 0.25, 0.25] });
    expect(v).toBeCloseTo(0.25 * Math.LN2 + (1e-4 - 0.25) * Math.log(1e-4 / 0.25), 12);
  });
});
