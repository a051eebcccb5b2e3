/**
 * Regression metrics from sums in the engine, in two scans as scikit-learn takes two passes: first the sums of
 * errors and of the truth (their means bound as parameters of the second), then the centred sums of squares of r2
 * and explained_variance; median_ae by the engine's exact percentile, or in DuckDB (whose percentile holds a
 * group's values in the action's memory) by narrowing by counts from the first scan's largest error, two or three
 * more scans (narrowed-median.ts). The final reductions are
 * metrics/regression.ts's, on these sums.
 */
import { UserError } from '../../errors.ts';
import type { MetricValues, Warn } from '../../metrics/types.ts';
import { npSumOfCopies } from './constant-sum.ts';
import { narrowedMedians } from './narrowed-median.ts';
import { notNonNegative } from './probability.ts';
import { groupKey, Params, type SqlContext } from './query.ts';
import { doubleLiteral, type MetricDialect } from './sql-dialect.ts';
import { num } from './values.ts';
import { thousands } from '../../log.ts';

/** scikit-learn's `np.finfo(np.float64).eps` in mape's denominator. */
const EPS = 2.220446049250313e-16;

export interface RegressionSums {
  n: number;
  absSum: number;
  sqSum: number;
  truthSum: number;
  diffSum: number;
  apeSum: number;
  maxError: number;
  truthMin: number;
  truthMax: number;
  /** Filled by the second scan. */
  truthSquares?: number;
  diffSquares?: number;
  median?: number;
}

function notFinite(d: MetricDialect, x: string): string {
  // finite = |x| is a non-negative finite number
  return notNonNegative(d, `ABS(${x})`);
}

/** Rows (g, t, p) of the predictions: group, true and predicted value as doubles. */
export async function regressionSums(
  ctx: SqlContext,
  rows: string,
  columns: [string, string],
): Promise<Map<string | null, RegressionSums>> {
  const d = ctx.dialect;
  const sql =
    `SELECT g, COUNT(*) AS n, ` +
    `SUM(CASE WHEN t IS NULL OR ${notFinite(d, 't')} THEN 1 ELSE 0 END) AS bad_t, ` +
    `SUM(CASE WHEN p IS NULL OR ${notFinite(d, 'p')} THEN 1 ELSE 0 END) AS bad_p, ` +
    `MIN(CASE WHEN ${notFinite(d, 't')} THEN ${d.toText('t')} END) AS example_t, ` +
    `MIN(CASE WHEN ${notFinite(d, 'p')} THEN ${d.toText('p')} END) AS example_p, ` +
    `${d.exactSum('ABS(p - t)')} AS abs_sum, ${d.exactSum('(t - p) * (t - p)')} AS sq_sum, ` +
    `${d.exactSum('t')} AS t_sum, ${d.exactSum('t - p')} AS d_sum, ` +
    `${d.exactSum(`ABS(p - t) / GREATEST(ABS(t), ${doubleLiteral(d, EPS)})`)} AS ape_sum, ` +
    `MAX(ABS(p - t)) AS max_err, MIN(t) AS t_min, MAX(t) AS t_max FROM (${rows}) AS r GROUP BY g`;
  const out = new Map<string | null, RegressionSums>();
  for (const r of await ctx.query(sql, [])) {
    for (const [j, which] of [
      [0, 't'],
      [1, 'p'],
    ] as const) {
      const bad = num(r[`bad_${which}`]);
      if (bad) {
        const example = r[`example_${which}`];
        throw new UserError(
          `column '${columns[j]}': ${thousands(bad)} rows hold ${example == null ? 'no value (NULL)' : `${String(example)} or another value that is not a finite number`}; expected a finite number in every row.`,
          { input: 'predictions', field: columns[j] },
        );
      }
    }
    out.set(groupKey(r), {
      n: num(r['n']),
      absSum: num(r['abs_sum']),
      sqSum: num(r['sq_sum']),
      truthSum: num(r['t_sum']),
      diffSum: num(r['d_sum']),
      apeSum: num(r['ape_sum']),
      maxError: num(r['max_err']),
      truthMin: num(r['t_min']),
      truthMax: num(r['t_max']),
    });
  }
  return out;
}

/** `CASE` picking a per-group number (bound as a double parameter) for each row's group. */
function perGroup(d: MetricDialect, p: Params, values: Map<string | null, number>): string {
  const arms = [...values].map(([g, v]) =>
    g === null ? `WHEN g IS NULL THEN ${d.toDouble(p.add(v))}` : `WHEN g = ${p.add(g)} THEN ${d.toDouble(p.add(v))}`,
  );
  return `CASE ${arms.join(' ')} END`;
}

/** The second scan (centred sums of squares, with the first scan's means) and the medians of absolute errors. */
export async function centredSums(
  ctx: SqlContext,
  rows: string,
  sums: Map<string | null, RegressionSums>,
  grouped: boolean,
): Promise<void> {
  const d = ctx.dialect;
  const p = new Params(d);
  // one mean per group: a CASE over the groups for slices, one parameter for the whole table
  const meanOf = (f: (s: RegressionSums) => number) =>
    grouped
      ? perGroup(d, p, new Map([...sums].map(([g, s]) => [g, f(s) / s.n])))
      : d.toDouble(p.add(f([...sums.values()][0]!) / [...sums.values()][0]!.n));
  const truthMean = meanOf((s) => s.truthSum);
  const diffMean = meanOf((s) => s.diffSum);
  const sql =
    `SELECT g, ${d.exactSum('(t - mt) * (t - mt)')} AS t_sq, ${d.exactSum('(t - p - md) * (t - p - md)')} AS d_sq ` +
    `FROM (SELECT g, t, p, ${truthMean} AS mt, ${diffMean} AS md FROM (${rows}) AS a) AS r GROUP BY g`;
  for (const r of await ctx.query(sql, p.values)) {
    const s = sums.get(groupKey(r))!;
    s.truthSquares = num(r['t_sq']);
    s.diffSquares = num(r['d_sq']);
  }
  const errors = `(SELECT g, ABS(p - t) AS e FROM (${rows}) AS a) AS m`;
  if (d.narrowedMedian) {
    // every error lies in [0, the first scan's largest]
    const start = new Map([...sums].map(([g, s]) => [g, { n: s.n, lo: 0, hi: s.maxError }]));
    for (const [g, median] of await narrowedMedians(ctx, errors, 'e', { start })) sums.get(g)!.median = median;
  } else
    for (const r of await ctx.query(d.medianQuery(errors, 'e'), [])) sums.get(groupKey(r))!.median = num(r['value']);
}

/** scikit-learn's `_assemble_r2_explained_variance` with force_finite=True (as metrics/regression.ts). */
function assemble(numerator: number, denominator: number): number {
  if (numerator === 0) return 1;
  if (denominator === 0) return 0;
  return 1 - numerator / denominator;
}

/** The metrics of metrics/regression.ts from one group's sums. */
export function regressionFromSums(s: RegressionSums, warn: Warn): MetricValues {
  const n = s.n;
  const mse = s.sqSum / n;
  const out: MetricValues = { mae: s.absSum / n, mse, rmse: Math.sqrt(mse) };
  // a constant truth: its centred sum is NumPy's, whose mean of n equal values may miss them by an ulp
  let truthSquares = s.truthSquares!;
  if (s.truthMin === s.truthMax) {
    const mean = npSumOfCopies(s.truthMin, n) / n;
    truthSquares = npSumOfCopies((s.truthMin - mean) ** 2, n);
  }
  if (n < 2) warn('r2: R^2 score is not well-defined with less than two samples; left out');
  else out.r2 = assemble(s.sqSum, truthSquares);
  out.mape = s.apeSum / n;
  out.max_error = s.maxError;
  out.median_ae = s.median!;
  out.explained_variance = assemble(s.diffSquares! / n, truthSquares / n);
  return out;
}
