/**
 * The ROC, precision-recall and calibration curves of a binary score, drawn in the engine with the file mode's
 * points (metrics/ranking.ts, metrics/calibration.ts): thresholds from window sums over the score-grouped counts,
 * the ROC curve's collinear points dropped, and at most 50 points kept at equal arc-length steps. The arc length
 * is a running window sum; only the points near a step (a few per step) come back, and the step a point reaches is
 * decided in TypeScript with the file mode's comparison, so a point's length rounding cannot move the choice.
 */
import type { Point } from '../../metrics/ranking.ts';
import { doubleLiteral } from './sql-dialect.ts';
import type { SqlContext } from './query.ts';
import { num } from './values.ts';

const MAX_POINTS = 50;
const ROWS = 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW';

/**
 * The points of a curve over rows (s, y): `roc` (fpr, tpr) from (0, 0) without collinear points, or `pr`
 * (recall, precision) from (0, 1). P and N are the positive and negative row counts.
 */
export async function curvePoints(
  ctx: SqlContext,
  rows: string,
  kind: 'roc' | 'pr',
  P: number,
  N: number,
): Promise<Point[]> {
  const d = ctx.dialect;
  const ratio = (a: string, b: number, otherwise: number) =>
    b === 0 ? doubleLiteral(d, otherwise) : `${d.toDouble(a)} / ${doubleLiteral(d, b)}`;
  const [x, y, x0, y0] =
    kind === 'roc'
      ? [ratio('cfp', N, 0), ratio('ctp', P, 0), 0, 0]
      : [ratio('ctp', P, 1), `${d.toDouble('ctp')} / ${d.toDouble('ctp + cfp')}`, 0, 1];
  const ordered = (f: string) => `${f} OVER (ORDER BY j)`;
  // the ROC curve drops a point collinear with its neighbours (metrics/ranking.ts Collinear)
  const kept =
    kind === 'roc'
      ? `SELECT j, x, y FROM (SELECT j, x, y, ${ordered('LAG(x)')} AS px, ${ordered('LAG(y)')} AS py, ` +
        `${ordered('LEAD(x)')} AS nx, ${ordered('LEAD(y)')} AS ny FROM pts) AS nb ` +
        `WHERE px IS NULL OR nx IS NULL OR (x - px) * (ny - py) <> (nx - px) * (y - py)`
      : `SELECT j, x, y FROM pts`;
  const sql =
    `WITH r AS (${rows}), ` +
    `t AS (SELECT s, SUM(y) AS tp, COUNT(*) - SUM(y) AS fp FROM r GROUP BY s), ` +
    `c AS (SELECT s, SUM(tp) OVER (ORDER BY s DESC ${ROWS}) AS ctp, SUM(fp) OVER (ORDER BY s DESC ${ROWS}) AS cfp FROM t), ` +
    `pts AS (SELECT 0 AS j, ${doubleLiteral(d, x0)} AS x, ${doubleLiteral(d, y0)} AS y UNION ALL ` +
    `SELECT ROW_NUMBER() OVER (ORDER BY s DESC) AS j, ${x} AS x, ${y} AS y FROM c), ` +
    `kept AS (${kept}), ` +
    `seg AS (SELECT j, x, y, COALESCE(SQRT((x - ${ordered('LAG(x)')}) * (x - ${ordered('LAG(x)')}) + ` +
    `(y - ${ordered('LAG(y)')}) * (y - ${ordered('LAG(y)')})), ${doubleLiteral(d, 0)}) AS dl FROM kept), ` +
    `len AS (SELECT j, x, y, SUM(dl) OVER (ORDER BY j ${ROWS}) AS l FROM seg), ` +
    `acc AS (SELECT j, x, y, l, ${ordered('LAG(l)')} AS pl, ${ordered('ROW_NUMBER()')} - 1 AS k, ` +
    `COUNT(*) OVER () AS kk, MAX(l) OVER () AS total FROM len) ` +
    `SELECT x, y, l, pl, k, kk, total FROM acc WHERE kk <= ${MAX_POINTS} OR k = 0 OR k = kk - 1 OR ` +
    `(total > 0 AND FLOOR(l * ${MAX_POINTS - 1} / total + 0.000001) <> FLOOR(pl * ${MAX_POINTS - 1} / total - 0.000001)) ` +
    `ORDER BY j`;
  const got = (await ctx.query(sql, [])).map((r) => ({
    x: num(r['x']),
    y: num(r['y']),
    l: num(r['l']),
    pl: r['pl'] === null || r['pl'] === undefined ? undefined : num(r['pl']),
    k: num(r['k']),
    kk: num(r['kk']),
    total: num(r['total']),
  }));
  if (!got.length) return [];
  const { kk, total } = got[0]!;
  if (kk <= MAX_POINTS) return got.map((p) => [p.x, p.y]);
  // the step a length reaches, as metrics/ranking.ts Thinner compares: length >= total·s/(max-1)
  const step = (length: number) => {
    let s = 0;
    while (s < MAX_POINTS - 2 && length >= (total * (s + 1)) / (MAX_POINTS - 1)) s++;
    return s;
  };
  return got.filter((p) => p.k === 0 || p.k === kk - 1 || step(p.l) > step(p.pl ?? 0)).map((p): Point => [p.x, p.y]);
}

/**
 * calibration_curve(n_bins=10, strategy="uniform") over rows (s, y): the bin of a probability is the number of inner
 * edges i/10 below it (np.searchsorted, side left), the edges computed as the file mode computes them.
 */
export async function calibrationPoints(ctx: SqlContext, rows: string, bins = 10): Promise<Point[]> {
  const d = ctx.dialect;
  const step = 1 / bins;
  const edges = Array.from({ length: bins - 1 }, (_, i) => (i + 1) * step);
  const bin = edges.map((e) => `CASE WHEN s > ${doubleLiteral(d, e)} THEN 1 ELSE 0 END`).join(' + ');
  const sql =
    `SELECT b, ${d.exactSum('s')} AS total, SUM(y) AS trues, COUNT(*) AS n ` +
    `FROM (SELECT ${bin} AS b, s, y FROM (${rows}) AS r) AS a GROUP BY b ORDER BY b`;
  return (await ctx.query(sql, [])).map((r) => [num(r['total']) / num(r['n']), num(r['trues']) / num(r['n'])]);
}
