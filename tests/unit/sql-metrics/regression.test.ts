/**
 * The regression scans (sql/metrics/regression.ts) in DuckDB on a few rows with hand-computed sums: the first
 * scan's sums and its errors for NULL and non-finite values (naming the column, with an example), the second
 * scan's centred sums per group (a NULL group included) or for the whole table, the medians, and the final
 * reductions from the sums.
 */
import { describe, expect, it } from 'vitest';
import { withDuckdb } from './duckdb-context.ts';
import { centredSums, regressionFromSums, regressionSums } from '@modelgate/core/sql/metrics/regression';

const values = (rows: string) => `SELECT * FROM (VALUES ${rows}) AS x(g, t, p)`;
const cols: [string, string] = ['y', 'yhat'];

describe('regression sums in the engine', () => {
  it('first and second scans: sums per group by hand, a NULL group its own', async () => {
    // group a: (t, p) = (1, 2), (3, 3), (-2, 0); group NULL: (4, 1), (4, 5)
    const rows = values(
      "('a', 1.0::DOUBLE, 2.0::DOUBLE), ('a', 3.0, 3.0), ('a', -2.0, 0.0), (NULL, 4.0, 1.0), (NULL, 4.0, 5.0)",
    );
    const sums = await withDuckdb(async (ctx) => {
      const s = await regressionSums(ctx, rows, cols);
      await centredSums(ctx, rows, s, true);
      return s;
    });
    const a = sums.get('a')!;
    expect(a).toMatchObject({ n: 3, absSum: 3, sqSum: 5, truthSum: 2, diffSum: -3, maxError: 2, truthMin: -2 });
    expect(a.truthMax).toBe(3);
    // |p - t| / max(|t|, eps): 1/1 + 0/3 + 2/2
    expect(a.apeSum).toBe(2);
    // truth mean 2/3: (1/3)^2 + (7/3)^2 + (8/3)^2 = 114/9; t - p = -1, 0, -2 around -1: 0 + 1 + 1
    expect(a.truthSquares).toBeCloseTo(114 / 9, 12);
    expect(a.diffSquares).toBeCloseTo(2, 12);
    expect(a.median).toBe(1);
    const n = sums.get(null)!;
    expect(n).toMatchObject({ n: 2, absSum: 4, sqSum: 10, truthSum: 8, diffSum: 2, maxError: 3, median: 2 });
    expect(n.truthSquares).toBe(0);
    // t - p = 3, -1 around 1: 4 + 4
    expect(n.diffSquares).toBe(8);
  });

  it('the whole table: one mean bound for every row', async () => {
    const rows = values('(0, 1.0::DOUBLE, 1.5::DOUBLE), (0, 2.0, 2.0), (0, 6.0, 4.0)');
    const s = await withDuckdb(async (ctx) => {
      const sums = await regressionSums(ctx, rows, cols);
      await centredSums(ctx, rows, sums, false);
      return sums.get('0')!;
    });
    // truth mean 3: 4 + 1 + 9; t - p = -0.5, 0, 2 around 0.5: 1 + 0.25 + 2.25
    expect(s.truthSquares).toBe(14);
    expect(s.diffSquares).toBe(3.5);
    expect(s.median).toBe(0.5);
  });

  it('NULL and non-finite values are errors naming the column, with the least bad value as example', async () => {
    const run = (rows: string) => withDuckdb((ctx) => regressionSums(ctx, values(rows), cols));
    await expect(run('(0, 1.0::DOUBLE, 1.0::DOUBLE), (0, NULL, 2.0), (0, NULL, 2.0)')).rejects.toThrow(
      "column 'y': 2 rows hold no value (NULL); expected a finite number in every row.",
    );
    await expect(run("(0, 1.0::DOUBLE, 'Infinity'::DOUBLE), (0, 1.0, 'NaN'::DOUBLE), (0, 1.0, NULL)")).rejects.toThrow(
      "column 'yhat': 3 rows hold inf or another value that is not a finite number; expected a finite number in every row.",
    );
    await expect(run("(0, '-Infinity'::DOUBLE, 1.0::DOUBLE)")).rejects.toThrow(
      "column 'y': 1 rows hold -inf or another",
    );
  });
});

describe('regressionFromSums', () => {
  const base = {
    n: 4,
    absSum: 4,
    sqSum: 8,
    truthSum: 10,
    diffSum: 0,
    apeSum: 2,
    maxError: 3,
    truthMin: 1,
    truthMax: 4,
    truthSquares: 16,
    diffSquares: 4,
    median: 0.5,
  };

  it('the metrics of the sums, r2 and explained variance as 1 - ratio', () => {
    const warnings: string[] = [];
    expect(regressionFromSums(base, (w) => warnings.push(w))).toEqual({
      mae: 1,
      mse: 2,
      rmse: Math.sqrt(2),
      r2: 0.5,
      mape: 0.5,
      max_error: 3,
      median_ae: 0.5,
      explained_variance: 0.75,
    });
    expect(warnings).toEqual([]);
  });

  it('a perfect fit is 1 whatever the truth; a constant truth with errors is 0 (force_finite)', () => {
    const perfect = regressionFromSums({ ...base, sqSum: 0, diffSquares: 0, truthMin: 2, truthMax: 2 }, () => {});
    expect([perfect.r2, perfect.explained_variance]).toEqual([1, 1]);
    // constant truth 2: NumPy's mean of four 2s is 2 exactly, so its centred sum is 0 whatever the engine said
    const constant = regressionFromSums({ ...base, truthMin: 2, truthMax: 2, truthSquares: 5 }, () => {});
    expect([constant.r2, constant.explained_variance]).toEqual([0, 0]);
  });

  it('one row: r2 left out with scikit-learn’s warning', () => {
    const warnings: string[] = [];
    const one = regressionFromSums({ ...base, n: 1 }, (w) => warnings.push(w));
    expect(one.r2).toBeUndefined();
    expect(warnings).toEqual(['r2: R^2 score is not well-defined with less than two samples; left out']);
  });
});
