/**
 * ROC AUC and average precision in the engine, ties exact: the rows are grouped by score (one threshold per
 * distinct score, as scikit-learn's `_binary_clf_curve`), window sums from the highest score down give the
 * cumulative true and false positives at each threshold, and each threshold's term is summed in the engine. Only
 * one row per group and class crosses the wire.
 *
 * - AUC: twice the trapezoid area is sum(fp_i * (tps_i + tps_{i-1})) = sum(fp_i * (2 tps_i - tp_i)) over
 *   thresholds, integers summed as doubles (exact below 2^53, as in metrics/ranking.ts), divided by 2·P·N in
 *   TypeScript as metrics/ranking.ts does.
 * - Average precision: sum over thresholds of recall step times precision, (tp_i / P) * tps_i / (tps_i + fps_i),
 *   summed with the dialect's exact sum (metrics/ranking.ts sums the same terms as NumPy does).
 */
import { RUNNING, type MetricDialect } from './sql-dialect.ts';
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
  return (
    `WITH ${[...withClauses, `r AS (${branches.join(' UNION ALL ')})`].join(', ')}, ` +
    `${thresholdCtes(d, ['g', 'c'])} ` +
    `SELECT g, c, ${rankingSumColumns(d)} FROM w GROUP BY g, c`
  );
}

/**
 * `t` (one row per distinct score of each partition: its positive and negative rows) and `w` (the cumulative counts
 * ctp, cfp from the highest score down, and the partition's totals np, nn) over `r` (partition columns, s, y).
 * Counts are doubles: integers below 2^53 are exact in them, and PostgreSQL adds bigints in NUMERIC (slow).
 * Without partition columns (the whole table's ranking) `w` also numbers the thresholds from the highest score
 * down (j, from 1), and its windows are the dialect's `ordered` ones (streamed in DuckDB) with the totals from
 * `tt`, one grouped row.
 */
export function thresholdCtes(d: MetricDialect, partition: string[]): string {
  const t = `t AS (SELECT ${partition.map((c) => `${c}, `).join('')}s, ${d.toDouble('SUM(y)')} AS tp, ${d.toDouble('COUNT(*) - SUM(y)')} AS fp FROM r GROUP BY ${partition.map((c) => `${c}, `).join('')}s)`;
  if (!partition.length) {
    const o = d.ordered('(SELECT t.s, t.tp, t.fp, tt.np, tt.nn FROM t CROSS JOIN tt) AS tw', 's DESC');
    return (
      `${t}, tt AS (SELECT SUM(tp) AS np, SUM(fp) AS nn FROM t), ` +
      `w AS (SELECT s, tp, fp, SUM(tp) ${o.over(RUNNING)} AS ctp, SUM(fp) ${o.over(RUNNING)} AS cfp, np, nn, ` +
      `ROW_NUMBER() ${o.over()} AS j FROM ${o.from})`
    );
  }
  const by = `PARTITION BY ${partition.join(', ')}`;
  const running = (x: string) => `SUM(${x}) OVER (${by} ORDER BY s DESC ${RUNNING})`;
  return (
    `${t}, w AS (SELECT ${partition.join(', ')}, s, tp, fp, ${running('tp')} AS ctp, ${running('fp')} AS cfp, ` +
    `SUM(tp) OVER (${by}) AS np, SUM(fp) OVER (${by}) AS nn FROM t)`
  );
}

/** The aggregates of `w` that rankingSums reads: area2, ap, npos, nneg. */
export function rankingSumColumns(d: MetricDialect): string {
  const term = `CASE WHEN np = 0 THEN 0 ELSE (tp / np) * (ctp / (ctp + cfp)) END`;
  return `SUM(fp * (2 * ctp - tp)) AS area2, ${d.exactSum(term)} AS ap, MAX(np) AS npos, MAX(nn) AS nneg`;
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
