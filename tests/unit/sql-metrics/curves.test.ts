/**
 * The whole table's curves (sql/metrics/curves.ts) in DuckDB: by hand on four thresholds (the ROC curve's
 * collinear point dropped), the windowed query equal to the streamed walk through the file mode's thinning on a
 * curve of 300 thresholds, and the calibration bins by hand.
 */
import { describe, expect, it } from 'vitest';
import { withDuckdb } from './duckdb-context.ts';
import { calibrationPoints, rankingWithCurves } from '@modelgate/core/sql/metrics/curves';

describe('curves in the engine', () => {
  // positives at 0.9 and 0.6, negatives at 0.8 and 0.7: ROC (0,0) (0,.5) [(.5,.5) collinear] (1,.5) (1,1)
  const rows = 'SELECT * FROM (VALUES (0.9::DOUBLE, 1), (0.8, 0), (0.7, 0), (0.6, 1)) AS t(s, y)';

  it('four thresholds by hand, windowed and streamed alike', async () => {
    for (const streamed of [false, true]) {
      const r = await withDuckdb((ctx) => rankingWithCurves(ctx, rows, []), { streamed });
      expect(r.sums).toMatchObject({ g: null, c: 0, area2: 4, positives: 2, negatives: 2 });
      expect(r.sums.averagePrecision).toBeCloseTo(0.5 + 0.25, 14);
      expect(r.roc, `streamed ${streamed}`).toEqual([
        [0, 0],
        [0, 0.5],
        [1, 0.5],
        [1, 1],
      ]);
      // (recall, precision) from the start (0, 1): 1 positive at 0.9, then 1 of 2, 1 of 3, 2 of 4
      expect(r.pr, `streamed ${streamed}`).toEqual([
        [0, 1],
        [0.5, 1],
        [0.5, 0.5],
        [0.5, 1 / 3],
        [1, 0.5],
      ]);
    }
  });

  it('300 thresholds thinned to at most 50 points: the windowed query picks the file mode’s points', async () => {
    const many =
      'SELECT (range % 300) / 300.0 AS s, CASE WHEN (range * 7919) % 10 < 3 + (range % 300) / 60 THEN 1 ELSE 0 END AS y FROM range(1200)';
    const windowed = await withDuckdb((ctx) => rankingWithCurves(ctx, many, []));
    const streamed = await withDuckdb((ctx) => rankingWithCurves(ctx, many, []), { streamed: true });
    expect(windowed.roc.length).toBeGreaterThan(10);
    expect(windowed.roc.length).toBeLessThanOrEqual(50);
    expect(windowed.pr.length).toBeGreaterThan(30);
    expect(windowed.pr.length).toBeLessThanOrEqual(50);
    expect(windowed.roc).toEqual(streamed.roc);
    expect(windowed.pr).toEqual(streamed.pr);
    expect(windowed.sums).toEqual(streamed.sums);
  });

  it('calibration: mean score and share of positives per uniform bin, an edge value in the lower bin', async () => {
    const cal =
      'SELECT * FROM (VALUES (0.05::DOUBLE, 0), (0.1, 1), (0.15, 1), (0.55, 0), (0.65, 1), (0.95, 1), (1.0, 1)) AS t(s, y)';
    const points = await withDuckdb((ctx) => calibrationPoints(ctx, cal, []));
    expect(points.length).toBe(5);
    // 0.1 is on the edge: np.searchsorted(side left) puts it in the first bin with 0.05
    expect(points[0]![0]).toBeCloseTo(0.075, 14);
    expect(points[0]![1]).toBe(0.5);
    expect(points[1]).toEqual([0.15, 1]);
    expect(points[2]).toEqual([0.55, 0]);
    expect(points[3]).toEqual([0.65, 1]);
    // 0.95 and 1.0 share the last bin
    expect(points[4]![0]).toBeCloseTo(0.975, 14);
    expect(points[4]![1]).toBe(1);
    const two = await withDuckdb((ctx) => calibrationPoints(ctx, cal, [], 2));
    expect(two.map((p) => p[1])).toEqual([2 / 3, 3 / 4]);
  });
});
