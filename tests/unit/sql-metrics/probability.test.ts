/**
 * The probability queries (sql/metrics/probability.ts) run in DuckDB on a handful of rows, against the row terms
 * computed by hand: clipping to [eps, 1 - eps], the counts of NULL and out-of-range scores with an example, the
 * log-loss and Brier sums per group, normalised class probabilities, and the invalid class probability counts.
 */
import { describe, expect, it } from 'vitest';
import { duckdb } from '@modelgate/core/sql/dialects/duckdb';
import { parseConnection } from '@modelgate/core/sql/connection';
import { openEngine } from '@modelgate/core/sql/engine';
import { EPS } from '@modelgate/core/metrics/probability';
import {
  binaryProbabilityQuery,
  classProbabilityChecks,
  clip,
  multiclassLogLossQuery,
  normalisedRows,
  notNonNegative,
  outsideUnit,
} from '@modelgate/core/sql/metrics/probability';
import { metricDialect } from '@modelgate/core/sql/metrics/sql-dialect';

const d = metricDialect(duckdb);

async function run(sql: string) {
  const engine = await openEngine(parseConnection('duckdb:'));
  try {
    return await engine.query(sql);
  } finally {
    await engine.close();
  }
}

const cl = (p: number) => Math.min(Math.max(p, EPS), 1 - EPS);

describe('probability queries', () => {
  it('the pieces: clip, outside [0, 1], not a finite non-negative number', () => {
    expect(clip(d, 'p')).toBe(
      'LEAST(GREATEST(p, CAST(2.220446049250313e-16 AS DOUBLE)), CAST(0.9999999999999998 AS DOUBLE))',
    );
    expect(outsideUnit('p')).toBe('NOT (p >= 0 AND p <= 1)');
    expect(notNonNegative(d, 'p')).toBe('NOT (p >= 0 AND p <= CAST(1.7976931348623157e308 AS DOUBLE))');
  });

  it('binary: per group the rows, NULL and out-of-range scores (with the least as text), log-loss and Brier sums', async () => {
    const rows =
      "SELECT * FROM (VALUES ('a', 1, 0.8::DOUBLE), ('a', 0, 0.4), ('a', 0, 1.5), ('a', 1, 0.0), ('b', 0, 0.25), ('b', 1, -0.5), ('b', 0, 'NaN'::DOUBLE), ('b', 1, NULL)) AS t(g, y, s)";
    const out = await run(`${binaryProbabilityQuery(d, rows)} ORDER BY g`);
    const loss = (y: number, s: number) => -Math.log((y === 1 ? cl(s) : 1 - cl(s)) / (1 - cl(s) + cl(s)));
    const a = out[0]!;
    expect(a['g']).toBe('a');
    expect(Number(a['n'])).toBe(4);
    expect(Number(a['nulls'])).toBe(0);
    expect(Number(a['bad'])).toBe(1);
    expect(a['example']).toBe('1.5');
    expect(Number(a['log_loss'])).toBeCloseTo(loss(1, 0.8) + loss(0, 0.4) + loss(0, 1.5) + loss(1, 0), 9);
    expect(Number(a['brier'])).toBeCloseTo(0.04 + 0.16 + 2.25 + 1, 12);
    const b = out[1]!;
    expect(Number(b['n'])).toBe(4);
    // (a NULL score is an error the caller raises from this count: the sums of such a group are not read)
    expect(Number(b['nulls'])).toBe(1);
    // -0.5 and NaN are both outside [0, 1]; the least text is the example
    expect(Number(b['bad'])).toBe(2);
    expect(b['example']).toBe('-0.5');
  });

  it('normalised rows divide each class probability by the row’s sum; a zero-sum row gives NULLs', async () => {
    const rows = 'SELECT * FROM (VALUES (0, 1, 1.0::DOUBLE, 3.0::DOUBLE), (0, 0, 0.0, 0.0)) AS t(g, t, p0, p1)';
    const out = await run(`${normalisedRows(d, rows, 2)} ORDER BY t DESC`);
    expect(out.map((r) => [r['t'], r['n0'], r['n1']])).toEqual([
      [1, 0.25, 0.75],
      [0, null, null],
    ]);
  });

  it('class probability checks: NULL, negative, infinite or NaN values per class, the least bad as text, zero rows', async () => {
    const rows =
      "SELECT * FROM (VALUES (0.5::DOUBLE, 0.5::DOUBLE), (NULL, 1.0), (-1.0, 2.0), ('Infinity'::DOUBLE, 0.0), (0.0, 0.0), (1.0, 'NaN'::DOUBLE)) AS t(p0, p1)";
    const [r] = await run(classProbabilityChecks(d, rows, 2));
    expect(Number(r!['bad0'])).toBe(3);
    expect(Number(r!['bad1'])).toBe(1);
    expect(r!['example0']).toBe('-1.0');
    expect(r!['example1']).toBe('nan');
    expect(Number(r!['zero_rows'])).toBe(1);
  });

  it('multiclass log loss per group: -ln of the true class’s clipped share, summed, with the row count', async () => {
    const normalised =
      'SELECT * FROM (VALUES (0, 0, 0.5::DOUBLE, 0.25::DOUBLE, 0.25::DOUBLE), (0, 2, 0.0, 0.0, 1.0), (1, 1, 0.2, 0.8, 0.0)) AS t(g, t, n0, n1, n2)';
    const out = await run(`${multiclassLogLossQuery(d, normalised, 3)} ORDER BY g`);
    const share = (q: number[], t: number) => cl(q[t]!) / q.map(cl).reduce((x, y) => x + y, 0);
    expect(Number(out[0]!['n'])).toBe(2);
    expect(Number(out[0]!['log_loss'])).toBeCloseTo(
      -Math.log(share([0.5, 0.25, 0.25], 0)) - Math.log(share([0, 0, 1], 2)),
      12,
    );
    expect(Number(out[1]!['n'])).toBe(1);
    expect(Number(out[1]!['log_loss'])).toBeCloseTo(-Math.log(share([0.2, 0.8, 0], 1)), 12);
  });
});
