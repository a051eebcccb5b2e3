// One column's drift, by hand on a few values: why a column is skipped (no values, identifier-like), which test
// it gets, whether the verdict reads the p-value or the distance, a user's method and threshold, and how bin
// edges are written on the chart's axis.
import { describe, expect, it } from 'vitest';
import { columnDrift, formatEdge, type ColumnDrift, type DriftSkip } from '@modelgate/core/drift/column-drift';
import { ColumnSummary } from '@modelgate/core/sketch/column-summary';

const numbers = (xs: number[]) => {
  const s = new ColumnSummary();
  for (const x of xs) s.addNumber(x);
  return s;
};
const texts = (xs: string[]) => {
  const s = new ColumnSummary();
  for (const x of xs) s.addText(x);
  return s;
};
const tested = (r: ColumnDrift | DriftSkip): ColumnDrift => {
  if ('reason' in r) throw new Error(`skipped: ${r.reason}`);
  return r;
};
const ids = (from: number) => Array.from({ length: 10 }, (_, i) => `id-${from + i}`);

describe('columns that are skipped', () => {
  it('no non-null value on either side, naming the side', () => {
    expect(columnDrift('c', texts([]), texts(['a']))).toEqual({
      column: 'c',
      reason: 'no non-null values in the reference',
    });
    expect(columnDrift('c', texts(['a']), texts([]))).toEqual({
      column: 'c',
      reason: 'no non-null values in the current data',
    });
  });

  it('identifier-like (10 values, all distinct) on either side, unless the user names a method', () => {
    const reason = 'identifier-like: at least 95% of its values are distinct';
    const few = texts(['a', 'a', 'b', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
    expect(columnDrift('id', texts(ids(0)), few)).toEqual({ column: 'id', reason });
    expect(columnDrift('id', few, texts(ids(0)))).toEqual({ column: 'id', reason });
    expect(columnDrift('id', numbers([...Array(10).keys()]), numbers([...Array(10).keys()]))).toEqual({
      column: 'id',
      reason,
    });
    expect(tested(columnDrift('id', texts(ids(0)), texts(ids(5)), { method: 'chi2' })).method).toBe('chi2');
  });

  it('9 distinct values are too few to call a column an identifier; distinct floats never are', () => {
    expect('reason' in columnDrift('c', texts(ids(0).slice(1)), texts(ids(0).slice(1)))).toBe(false);
    const floats = Array.from({ length: 12 }, (_, i) => i + 0.5);
    expect('reason' in columnDrift('x', numbers(floats), numbers(floats))).toBe(false);
  });

  it('a numeric test on text is refused in words', () => {
    expect(columnDrift('c', texts(['a', 'b']), texts(['a', 'b']), { method: 'ks' })).toEqual({
      column: 'c',
      reason: 'ks needs numbers, and the column has non-numeric values',
    });
  });
});

describe('the test a column gets and its verdict', () => {
  it('3 categories in few rows: chi-squared, drift read on the p-value', () => {
    const r = tested(columnDrift('plan', texts(['a', 'a', 'b', 'c']), texts(['a', 'b', 'b', 'c'])));
    expect(r).toMatchObject({ method: 'chi2', threshold: 0.05, drifted: false });
    expect(r.p_value).toBeGreaterThan(0.05);
    expect(r.bins).toEqual({ labels: ['a', 'b', 'c'], reference: [0.5, 0.25, 0.25], current: [0.25, 0.5, 0.25] });
    expect(r.error_bound).toBeUndefined();
  });

  it('2 categories: the z-test; a threshold of the user moves the verdict', () => {
    const ref = texts(['y', 'y', 'y', 'n']);
    const cur = texts(['n', 'n', 'n', 'y']);
    const r = tested(columnDrift('flag', ref, cur));
    expect(r.method).toBe('z');
    expect(r.drifted).toBe(r.p_value! < 0.05);
    expect(tested(columnDrift('flag', ref, cur, { threshold: 0.9 }))).toMatchObject({ threshold: 0.9, drifted: true });
  });

  it('PSI has no p-value: drift is the statistic at or above the threshold', () => {
    const r = tested(columnDrift('plan', texts(['a', 'b']), texts(['a', 'a']), { method: 'psi' }));
    expect(r.p_value).toBeNull();
    expect(r.drifted).toBe(r.statistic >= 0.1);
    expect(r.statistic).toBeGreaterThan(0.1);
    const same = tested(columnDrift('plan', texts(['a', 'b']), texts(['b', 'a']), { method: 'psi' }));
    expect(same).toMatchObject({ statistic: 0, drifted: false });
  });

  it('KS on exact numbers: the two-sample statistic, no error bound', () => {
    const r = tested(columnDrift('x', numbers([1, 2, 3, 4, 5, 6]), numbers([4, 5, 6, 7, 8, 9]), { method: 'ks' }));
    expect(r.statistic).toBe(0.5);
    expect(r.error_bound).toBeUndefined();
    expect(r.bins.labels).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });
});

describe('bin edges on the axis', () => {
  it('integers as they are, others to three significant digits, never exponents between 1e-6 and 1e15', () => {
    expect(formatEdge(1060)).toBe('1060');
    expect(formatEdge(-2.5)).toBe('-2.5');
    expect(formatEdge(12345.678)).toBe('12300');
    expect(formatEdge(0.1 + 0.2)).toBe('0.3');
    expect(formatEdge(0.000123456)).toBe('0.000123');
    expect(formatEdge(1e-7)).toBe('1.00e-7');
    expect(formatEdge(1.5e15)).toBe('1.50e+15');
    expect(formatEdge(-Infinity)).toBe('-Infinity');
    expect(formatEdge(NaN)).toBe('NaN');
  });
});

describe('the corners of a column’s drift', () => {
  const repeat = <T>(xs: T[], times: number) => Array.from({ length: times }, () => xs).flat();
  /** `n` distinct integers, each twice (so not identifier-like), as a summary. */
  const manyNumbers = (n: number) => {
    const s = new ColumnSummary();
    for (let i = 0; i < n; i++) {
      s.addNumber(i);
      s.addNumber(i);
    }
    return s;
  };

  it('the default test counts the categories of both sides together: 2 + 2 new ones are 4, chi-squared not z', () => {
    expect(tested(columnDrift('plan', texts(['a', 'b', 'a', 'b']), texts(['c', 'd', 'c', 'd']))).method).toBe('chi2');
  });

  it('past 10,000 categories the larger side’s distinct count decides: Wasserstein, not Jensen-Shannon', () => {
    const r = tested(columnDrift('x', manyNumbers(10_001), numbers(repeat([1, 2, 3], 10))));
    expect(r.method).toBe('wasserstein');
  });

  it('exactly 95% distinct (19 of 20 values) is identifier-like', () => {
    const values = [...Array.from({ length: 19 }, (_, i) => `v${i}`), 'v0'];
    expect(columnDrift('c', texts(values), texts(values))).toEqual({
      column: 'c',
      reason: 'identifier-like: at least 95% of its values are distinct',
    });
  });

  it('numbers in the reference and text in the current data are categories: chi-squared on both', () => {
    const r = tested(columnDrift('c', numbers(repeat([1, 2, 3, 4, 5, 6], 2)), texts(repeat(['a', 'b', '1'], 4))));
    expect(r.method).toBe('chi2');
  });

  it('chi-squared or z on more than 10,000 categories is refused, naming the limit', () => {
    const many = texts(Array.from({ length: 10_001 }, (_, i) => `k${i}`));
    for (const method of ['chi2', 'z', 'jensen_shannon'] as const)
      expect(columnDrift('c', many, texts(['a', 'b']), { method })).toEqual({
        column: 'c',
        reason: `${method} needs category counts, and the column has more than 10000 distinct values`,
      });
  });

  it('PSI bins each value of a reference with at most 20: refused when the current data has more than 10,000', () => {
    expect(columnDrift('x', numbers(repeat([1, 2, 3], 5)), manyNumbers(10_001), { method: 'psi' })).toEqual({
      column: 'x',
      reason:
        'psi bins each value when the reference has at most 20 distinct values (as Evidently), and the current data has more than 10000',
    });
  });

  it('KS is still computed there, with no chart bins', () => {
    const r = tested(columnDrift('x', numbers(repeat([1, 2, 3], 5)), manyNumbers(10_001), { method: 'ks' }));
    expect(r.method).toBe('ks');
    expect(r.bins).toEqual({ labels: [], reference: [], current: [] });
    // at 3 the reference is all in, the current data only 0..3 twice
    expect(r.statistic).toBeCloseTo(1 - 8 / 20_002, 12);
  });

  it('Wasserstein: the distance over the reference’s standard deviation (SciPy: 1.7566201313073597), no p-value', () => {
    const r = tested(
      columnDrift('x', numbers(repeat([1, 2, 3, 4, 5, 6], 2)), numbers(repeat([4, 5, 6, 7, 8, 9], 2)), {
        method: 'wasserstein',
      }),
    );
    expect(r).toMatchObject({ method: 'wasserstein', p_value: null, drifted: true });
    expect(r.statistic).toBeCloseTo(1.7566201313073597, 12);
    expect(r.error_bound).toBeUndefined();
  });

  it('chi-squared and z are different tests on the same two categories', () => {
    const [ref, cur] = [texts(repeat(['y', 'y', 'y', 'n'], 5)), texts(repeat(['n', 'y'], 10))];
    const chi2 = tested(columnDrift('f', ref, cur, { method: 'chi2' }));
    const z = tested(columnDrift('f', ref, cur, { method: 'z' }));
    // chisquare(current counts [10, 10], expected [15, 5]): (10-15)²/15 + (10-5)²/5 = 6.667
    expect(chi2.statistic).toBeCloseTo(20 / 3, 12);
    expect(z.statistic).not.toBeCloseTo(chi2.statistic, 3);
  });

  it('a sketched column (more than 100,000 values) carries the error bound of its KS statistic', () => {
    const big = (shift: number) => {
      const s = new ColumnSummary();
      for (let i = 0; i < 100_500; i++) s.addNumber(((i * 7919) % 100_500) / 1000 + shift + 0.5);
      return s;
    };
    const r = tested(columnDrift('x', big(0), big(10), { method: 'ks' }));
    expect(r.error_bound).toBeGreaterThan(0);
  });

  it('axis labels at the limits: 12345 whole, 1e15 and just under it in exponents, 1e-6 written out', () => {
    expect(formatEdge(12345)).toBe('12345');
    expect(formatEdge(1e15)).toBe('1.00e+15');
    expect(formatEdge(999999999999999.9)).toBe('1.00e+15');
    expect(formatEdge(0.000001)).toBe('0.000001');
  });
});
