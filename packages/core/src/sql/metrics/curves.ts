/**
 * The whole table's ranking of a binary score in one query: the ROC AUC and average-precision sums (ranking.ts)
 * and the ROC and precision-recall curves with the file mode's points (metrics/ranking.ts), from one grouping and
 * one window over the distinct scores. The ROC curve drops collinear points, then each curve keeps at most 50
 * points at equal arc-length steps: the arc length is a running window sum, only the points near a step (a few per
 * step) come back, and the step a point reaches is decided in TypeScript with the file mode's comparison, so the
 * rounding of a length cannot move the choice. Also the calibration curve (metrics/calibration.ts), by bin.
 */
import { curvesOfThresholds, type Point } from '../../metrics/ranking.ts';
import { doubleLiteral, RUNNING, type MetricDialect } from './sql-dialect.ts';
import type { SqlContext } from './query.ts';
import { rankingSumColumns, rankingSums, thresholdCtes, type RankingSums } from './ranking.ts';
import { num } from './values.ts';

const MAX_POINTS = 50;

/**
 * CTEs `<kind>_acc` (points j, x, y with their running length l, the previous length pl, rank k, count kk, total).
 * Engines that stream rows to the action (DuckDB) take the curves from the stream instead
 * (streamedRankingWithCurves): these windows over every threshold hold them all in DuckDB's memory.
 */
function curveCtes(d: MetricDialect, kind: 'roc' | 'pr'): string {
  const zero = doubleLiteral(d, 0);
  const one = doubleLiteral(d, 1);
  // x and y of each threshold as metrics/ranking.ts rocCurve / prCurve compute them
  const [x, y, x0, y0] =
    kind === 'roc'
      ? [
          `CASE WHEN nn = 0 THEN ${zero} ELSE cfp / nn END`,
          `CASE WHEN np = 0 THEN ${zero} ELSE ctp / np END`,
          zero,
          zero,
        ]
      : [`CASE WHEN np = 0 THEN ${one} ELSE ctp / np END`, `ctp / (ctp + cfp)`, zero, one];
  const ordered = (f: string) => `${f} OVER (ORDER BY j)`;
  const pts = `${kind}_pts`;
  // the ROC curve drops a point collinear with its neighbours (metrics/ranking.ts Collinear)
  const kept =
    kind === 'roc'
      ? `SELECT j, x, y FROM (SELECT j, x, y, ${ordered('LAG(x)')} AS px, ${ordered('LAG(y)')} AS py, ` +
        `${ordered('LEAD(x)')} AS nx, ${ordered('LEAD(y)')} AS ny FROM ${pts}) AS nb ` +
        `WHERE px IS NULL OR nx IS NULL OR (x - px) * (ny - py) <> (nx - px) * (y - py)`
      : `SELECT j, x, y FROM ${pts}`;
  return (
    `${pts} AS (SELECT 0 AS j, ${x0} AS x, ${y0} AS y UNION ALL ` +
    `SELECT j, ${x} AS x, ${y} AS y FROM w), ` +
    `${kind}_seg AS (SELECT j, x, y, COALESCE(SQRT((x - ${ordered('LAG(x)')}) * (x - ${ordered('LAG(x)')}) + ` +
    `(y - ${ordered('LAG(y)')}) * (y - ${ordered('LAG(y)')})), ${zero}) AS dl FROM (${kept}) AS kept), ` +
    `${kind}_len AS (SELECT j, x, y, SUM(dl) OVER (ORDER BY j ${RUNNING}) AS l FROM ${kind}_seg), ` +
    `${kind}_acc AS (SELECT j, x, y, l, ${ordered('LAG(l)')} AS pl, ${ordered('ROW_NUMBER()')} - 1 AS k, ` +
    `COUNT(*) OVER () AS kk, MAX(l) OVER () AS total FROM ${kind}_len)`
  );
}

/** The points of `<kind>_acc` that may be kept: all of a short curve, the ends, and those near a step. */
function curveSelect(kind: 'roc' | 'pr'): string {
  return (
    `SELECT '${kind}' AS kind, j, x, y, l, pl, k, kk, total, NULL AS area2, NULL AS ap, NULL AS npos, NULL AS nneg ` +
    `FROM ${kind}_acc WHERE kk <= ${MAX_POINTS} OR k = 0 OR k = kk - 1 OR ` +
    `(total > 0 AND FLOOR(l * ${MAX_POINTS - 1} / total + 0.000001) <> FLOOR(pl * ${MAX_POINTS - 1} / total - 0.000001))`
  );
}

interface CurveRow {
  x: number;
  y: number;
  l: number;
  pl: number | undefined;
  k: number;
  kk: number;
  total: number;
}

/** The kept points, as metrics/ranking.ts Thinner picks them (length >= total·s/(max-1) reaches step s). */
function thinned(rows: CurveRow[]): Point[] {
  rows.sort((a, b) => a.k - b.k);
  if (!rows.length) return [];
  const { kk, total } = rows[0]!;
  if (kk <= MAX_POINTS) return rows.map((p) => [p.x, p.y]);
  const step = (length: number) => {
    let s = 0;
    while (s < MAX_POINTS - 2 && length >= (total * (s + 1)) / (MAX_POINTS - 1)) s++;
    return s;
  };
  return rows.filter((p) => p.k === 0 || p.k === kk - 1 || step(p.l) > step(p.pl ?? 0)).map((p): Point => [p.x, p.y]);
}

/** Over rows (s, y) with `params`: the ranking sums and the ROC and PR curves, in one query. */
export async function rankingWithCurves(
  ctx: SqlContext,
  rows: string,
  params: unknown[],
): Promise<{ sums: RankingSums; roc: Point[]; pr: Point[] }> {
  const d = ctx.dialect;
  if (ctx.stream) return streamedRankingWithCurves(ctx, ctx.stream, rows, params);
  const sql =
    `WITH r AS (${rows}), ${thresholdCtes(d, [])}, ${curveCtes(d, 'roc')}, ${curveCtes(d, 'pr')} ` +
    `SELECT 'sums' AS kind, NULL AS j, NULL AS x, NULL AS y, NULL AS l, NULL AS pl, NULL AS k, NULL AS kk, NULL AS total, ` +
    `${rankingSumColumns(d)} FROM w UNION ALL ${curveSelect('roc')} UNION ALL ${curveSelect('pr')}`;
  const result = await ctx.query(sql, params);
  const curve = (kind: string) =>
    thinned(
      result
        .filter((r) => r['kind'] === kind)
        .map((r) => ({
          x: num(r['x']),
          y: num(r['y']),
          l: num(r['l']),
          pl: r['pl'] === null || r['pl'] === undefined ? undefined : num(r['pl']),
          k: num(r['k']),
          kk: num(r['kk']),
          total: num(r['total']),
        })),
    );
  const sums = rankingSums(result.filter((r) => r['kind'] === 'sums').map((r) => ({ ...r, g: null, c: 0 })))[0]!;
  return { sums, roc: curve('roc'), pr: curve('pr') };
}

/**
 * rankingWithCurves where the engine streams rows to the action (DuckDB in process): the sums in one query, then
 * the distinct scores' counts, highest first, walked twice through the file mode's own thinning
 * (metrics/ranking.ts curvesOfThresholds). Only a sort (which spills) runs in the engine, and the action holds a
 * chunk of rows at a time: the curves' chain of windows over every threshold needed 2 GB at 10M distinct scores.
 */
async function streamedRankingWithCurves(
  ctx: SqlContext,
  stream: NonNullable<SqlContext['stream']>,
  rows: string,
  params: unknown[],
): Promise<{ sums: RankingSums; roc: Point[]; pr: Point[] }> {
  const d = ctx.dialect;
  const sumsSql = `WITH r AS (${rows}), ${thresholdCtes(d, [])} SELECT ${rankingSumColumns(d)} FROM w`;
  const sums = rankingSums((await ctx.query(sumsSql, params)).map((r) => ({ ...r, g: null, c: 0 })))[0]!;
  const thresholds =
    `SELECT ${d.toDouble('SUM(y)')} AS tp, ${d.toDouble('COUNT(*) - SUM(y)')} AS fp ` +
    `FROM (${rows}) AS r GROUP BY s ORDER BY s DESC`;
  const { roc, pr } = await curvesOfThresholds(sums.positives, sums.negatives, async (each) => {
    let tps = 0,
      fps = 0;
    await stream(thresholds, params, (row) => {
      tps += num(row[0]);
      fps += num(row[1]);
      each(tps, fps);
    });
  });
  return { sums, roc, pr };
}

/**
 * calibration_curve(n_bins=10, strategy="uniform") over rows (s, y): the bin of a probability is the number of inner
 * edges i/10 below it (np.searchsorted, side left), the edges computed as the file mode computes them.
 */
export async function calibrationPoints(ctx: SqlContext, rows: string, params: unknown[], bins = 10): Promise<Point[]> {
  const d = ctx.dialect;
  const step = 1 / bins;
  const edges = Array.from({ length: bins - 1 }, (_, i) => (i + 1) * step);
  const bin = edges.map((e) => `CASE WHEN s > ${doubleLiteral(d, e)} THEN 1 ELSE 0 END`).join(' + ');
  const sql =
    // a plain sum, as np.bincount adds the scores of a bin (chart points, not metrics; a NUMERIC sum was 2 s per
    // 1M rows in PostgreSQL)
    `SELECT b, SUM(s) AS total, SUM(y) AS trues, COUNT(*) AS n ` +
    `FROM (SELECT ${bin} AS b, s, y FROM (${rows}) AS r) AS a GROUP BY b ORDER BY b`;
  return (await ctx.query(sql, params)).map((r) => [num(r['total']) / num(r['n']), num(r['trues']) / num(r['n'])]);
}
