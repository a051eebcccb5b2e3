/**
 * ROC AUC and average precision in the engine, ties exact: the rows are grouped by score (one threshold per
 * distinct score, as scikit-learn's `_binary_clf_curve`), window sums from the highest score down give the
 * cumulative true and false positives at each threshold, and each threshold's term is summed in the engine. Only
 * one row per group and class crosses the wire.
 *
 * - AUC: twice the trapezoid area is sum(fp_i * (tps_i + tps_{i-1})) = sum(fp_i * (2 tps_i - tp_i)) over
 *   thresholds, integers summed as integers (exact), divided by 2·P·N in TypeScript as metrics/ranking.ts does.
 * - Average precision: sum over thresholds of recall step times precision, (tp_i / P) * tps_i / (tps_i + fps_i),
 *   summed with the dialect's exact sum (metrics/ranking.ts sums the same terms as NumPy does).
 */
import type { MetricDialect } from './sql-dialect.ts';
import { groupKey, type Row, type SqlContext } from './query.ts';
import { num } from './values.ts';

/** One ranking's sums: of a group, and of a class (one-vs-rest; 0 for a binary score). */
export interface RankingSums {
  g: string | null;
  c: number;
  /** Twice the area under the ROC curve times P·N. */
  area2: number;
  averagePrecision: number;
  positives: number;
  negatives: number;
}

/**
 * The sums of rankings given as SELECTs of (g, c, s, y) columns (group, class, score as double, 1 for a positive
 * row), combined with UNION ALL. `with` are common table expressions the branches read.
 */
export function rankingQuery(d: MetricDialect, branches: string[], withClauses: string[] = []): string {
  const rows = 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW';
  const term = `CASE WHEN np = 0 THEN 0 ELSE (${d.toDouble('tp')} / ${d.toDouble('np')}) * (${d.toDouble('ctp')} / ${d.toDouble('ctp + cfp')}) END`;
  return (
    `WITH ${[...withClauses, `r AS (${branches.join(' UNION ALL ')})`].join(', ')}, ` +
    `t AS (SELECT g, c, s, SUM(y) AS tp, COUNT(*) - SUM(y) AS fp FROM r GROUP BY g, c, s), ` +
    `w AS (SELECT g, c, tp, fp, ` +
    `SUM(tp) OVER (PARTITION BY g, c ORDER BY s DESC ${rows}) AS ctp, ` +
    `SUM(fp) OVER (PARTITION BY g, c ORDER BY s DESC ${rows}) AS cfp, ` +
    `SUM(tp) OVER (PARTITION BY g, c) AS np FROM t) ` +
    `SELECT g, c, SUM(fp * (2 * ctp - tp)) AS area2, ${d.exactSum(term)} AS ap, MAX(np) AS npos, SUM(fp) AS nneg ` +
    `FROM w GROUP BY g, c`
  );
}

export function rankingSums(rows: Row[]): RankingSums[] {
  return rows.map((r) => ({
    g: groupKey(r),
    c: num(r['c']),
    area2: num(r['area2']),
    averagePrecision: num(r['ap']),
    positives: num(r['npos']),
    negatives: num(r['nneg']),
  }));
}

/** roc_auc_score from the sums; undefined when one class is absent (as metrics/ranking.ts rocAuc). */
export function aucOf(s: RankingSums): number | undefined {
  if (s.positives === 0 || s.negatives === 0) return undefined;
  return s.area2 / (2 * s.positives * s.negatives);
}

export async function runRanking(ctx: SqlContext, sql: string, params: unknown[]): Promise<RankingSums[]> {
  return rankingSums(await ctx.query(sql, params));
}
