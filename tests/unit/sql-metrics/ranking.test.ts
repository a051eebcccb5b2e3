/**
 * The ranking sums (sql/metrics/ranking.ts) run in DuckDB on rows whose ROC AUC and average precision are counted
 * by hand, with a tie across classes: per (group, class) partition, and over the whole table through each
 * engine's ordered window (DuckDB's sorted-then-streamed one and the standard OVER (ORDER BY …)).
 */
import { describe, expect, it } from 'vitest';
import { duckdb } from '@modelgate/core/sql/dialects/duckdb';
import { postgresql } from '@modelgate/core/sql/dialects/postgresql';
import { parseConnection } from '@modelgate/core/sql/connection';
import { openEngine } from '@modelgate/core/sql/engine';
import {
  aucOf,
  rankingQuery,
  rankingSumColumns,
  rankingSums,
  runRanking,
  thresholdCtes,
} from '@modelgate/core/sql/metrics/ranking';
import { metricDialect } from '@modelgate/core/sql/metrics/sql-dialect';

async function withEngine<T>(f: (query: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<T>) {
  const engine = await openEngine(parseConnection('duckdb:'));
  try {
    return await f((sql) => engine.query(sql));
  } finally {
    await engine.close();
  }
}

// group 'a': positives at 0.9, 0.8, 0.1 and negatives at 0.8, 0.3. Of the 6 (positive, negative) pairs the
// positive ranks higher in 3 and ties in 1: AUC 3.5/6, area2 = 2·3·2·AUC = 7. Average precision over the
// thresholds 0.9, 0.8, 0.3, 0.1: (1/3)(1/1) + (1/3)(2/3) + 0 + (1/3)(3/5) = 34/45.
// group 'b': positives only; group 'c': negatives only.
const branch =
  "SELECT * FROM (VALUES ('a', 0, 0.9::DOUBLE, 1), ('a', 0, 0.8, 0), ('a', 0, 0.8, 1), ('a', 0, 0.3, 0), ('a', 0, 0.1, 1), ('b', 0, 0.5, 1), ('b', 0, 0.7, 1), ('c', 0, 0.2, 0)) AS x(g, c, s, y)";

describe('ranking sums in the engine', () => {
  it('per group: twice the AUC area times P·N, average precision, the class counts; AUC undefined with one class', async () => {
    const d = metricDialect(duckdb);
    const sums = await withEngine(async (query) =>
      runRanking(
        { dialect: d, from: '', columns: async () => [], query },
        `${rankingQuery(d, [branch])} ORDER BY g`,
        [],
      ),
    );
    expect(sums.map((s) => [s.g, s.c, s.area2, s.positives, s.negatives])).toEqual([
      ['a', 0, 7, 3, 2],
      ['b', 0, 0, 2, 0],
      ['c', 0, 0, 0, 1],
    ]);
    expect(sums[0]!.averagePrecision).toBeCloseTo(34 / 45, 14);
    expect(sums[1]!.averagePrecision).toBe(1);
    // no positive row: every term is 0, not 0/0
    expect(sums[2]!.averagePrecision).toBe(0);
    expect(aucOf(sums[0]!)).toBeCloseTo(7 / 12, 14);
    expect(aucOf(sums[1]!)).toBeUndefined();
    expect(aucOf(sums[2]!)).toBeUndefined();
  });

  it('UNION ALL of branches, with the common table expressions they read', async () => {
    const d = metricDialect(duckdb);
    const sql = rankingQuery(
      d,
      ["SELECT g, c, s, y FROM base WHERE g = 'a'", "SELECT g, 1 AS c, s, 1 - y AS y FROM base WHERE g = 'a'"],
      [`base AS (${branch})`],
    );
    const sums = rankingSums(await withEngine((query) => query(`${sql} ORDER BY c`)));
    // the second branch is the first with the classes swapped: AUC 1 - 7/12, area2 = 12 - 7
    expect(sums.map((s) => [s.g, s.c, s.area2, s.positives, s.negatives])).toEqual([
      ['a', 0, 7, 3, 2],
      ['a', 1, 5, 2, 3],
    ]);
  });

  it('the whole table’s thresholds through each engine’s ordered window: running counts and j from 1', async () => {
    // (the sums with DuckDB's fsum: PostgreSQL's NUMERIC is DECIMAL(18, 3) in DuckDB)
    for (const base of [duckdb, postgresql]) {
      const d = metricDialect(base);
      const r = `r AS (SELECT s, y FROM (${branch}) AS q WHERE g = 'a')`;
      const rows = await withEngine((query) =>
        query(`WITH ${r}, ${thresholdCtes(d, [])} SELECT s, ctp, cfp, np, nn, j FROM w ORDER BY j`),
      );
      expect(
        rows.map((x) => [x['s'], x['ctp'], x['cfp'], x['np'], x['nn'], Number(x['j'])]),
        d.engine,
      ).toEqual([
        [0.9, 1, 0, 3, 2, 1],
        [0.8, 2, 1, 3, 2, 2],
        [0.3, 2, 2, 3, 2, 3],
        [0.1, 3, 2, 3, 2, 4],
      ]);
      const [sums] = await withEngine((query) =>
        query(`WITH ${r}, ${thresholdCtes(d, [])} SELECT ${rankingSumColumns(metricDialect(duckdb))} FROM w`),
      );
      expect([sums!['area2'], sums!['npos'], sums!['nneg']]).toEqual([7, 3, 2]);
      expect(Number(sums!['ap'])).toBeCloseTo(34 / 45, 14);
    }
  });
});
