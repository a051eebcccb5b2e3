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
