/**
 * DeLong's test in SQL mode (evaluate/sql-paired.ts) on the paired oracle fixtures (pROC's roc.test), in DuckDB:
 * in stages through session tables (DuckDB's path: one hash join a query, so it fits the buffer pool) and in one
 * query (PostgreSQL's and BigQuery's path, run here by the same dialect without session tables). Both equal pROC
 * to 1e-9 and each other to 1e-12, and the stages leave no table behind.
 */
import { describe, expect, it } from 'vitest';
import { comparePairedInEngine } from '@modelgate/core/evaluate/sql-paired';
import { delong } from '@modelgate/core/metrics/paired/delong';
import { parseConnection } from '@modelgate/core/sql/connection';
import { duckdb } from '@modelgate/core/sql/dialects/duckdb';
import { openEngine } from '@modelgate/core/sql/engine';
import { metricDialect, type MetricDialect } from '@modelgate/core/sql/metrics/sql-dialect';
import { closeTo, pairedFixtures, type PairedFixture } from '../metrics/paired/fixtures.ts';

/** The fixture's rows as the paired relation pairInEngine hands over (key, label, both predictions and scores). */
function pairedRelation(f: PairedFixture): string {
  const c = f.columns;
  const rows = c.label!.map(
    (y, i) =>
      `('k${i}', '${y}', '${c.current_prediction![i]}', '${c.baseline_prediction![i]}', ${c.current_score![i]}, ${c.baseline_score![i]})`,
  );
  return `(SELECT * FROM (VALUES ${rows.join(', ')}) AS t(modelgate_key, y, cp, bp, cs, bs)) AS modelgate_paired`;
}

async function rocAuc(dialect: MetricDialect, f: PairedFixture) {
  const engine = await openEngine(parseConnection('duckdb:'));
  try {
    const c = f.columns;
    const positive = Uint8Array.from(c.label!, (y) => (y === '1' ? 1 : 0));
    const file = delong(
      positive,
      Float64Array.from(c.current_score!, Number),
      Float64Array.from(c.baseline_score!, Number),
    )!;
    const warnings: string[] = [];
    const comparison = await comparePairedInEngine(
      {
        dialect,
        query: (q, params) => engine.query(q, params),
        relation: pairedRelation(f),
        task: 'binary',
        positive: '1',
        scores: true,
        currentMetrics: { roc_auc: file.current },
        baselineMetrics: { roc_auc: file.baseline },
        baseline: { predictions: 'baseline', sha256: '0' },
      },
      (w) => warnings.push(w),
    );
    const left = await engine.query('SELECT table_name FROM duckdb_tables() WHERE temporary', []);
    return { roc: comparison.paired['roc_auc']!, file, left };
  } finally {
    await engine.close();
  }
}

const fixtures = pairedFixtures().filter((f) => f.delong);

describe("DeLong's test in SQL mode", () => {
  it('has fixtures to run on', () => expect(fixtures.map((f) => f.name)).toContain('binary_ties'));

  for (const f of fixtures)
    it(`${f.name}: in stages and in one query, pROC's statistic, p-value and interval; no table left`, async () => {
      const staged = metricDialect(duckdb);
      expect(staged.sessionTable, 'DuckDB runs it in stages').toBeDefined();
      const { sessionTable: _staged, ...oneQuery } = staged;
      for (const dialect of [staged, oneQuery as MetricDialect]) {
        const { roc, file, left } = await rocAuc(dialect, f);
        expect(roc.test).toBe('delong');
        const want = f.delong!;
        for (const [got, expected] of [
          [roc.statistic, want.statistic],
          [roc.p_value, want.p_value],
          [roc.low, want.low],
          [roc.high, want.high],
        ] as const)
          expect(closeTo(got, expected), `${got} vs pROC ${expected}`).toBe(true);
        // the file mode's test on the same rows, to the last few bits
        for (const k of ['statistic', 'low', 'high'] as const)
          expect(Math.abs(roc[k]! - file[k]), k).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(file[k])));
        expect(left).toEqual([]);
      }
    });
});
