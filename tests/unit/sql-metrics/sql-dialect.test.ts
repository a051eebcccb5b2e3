/**
 * The metric queries' dialect additions per engine (sql/metrics/sql-dialect.ts): the exact sum, the median per group
 * and the ordered window, pinned as each engine is sent them (PostgreSQL and BigQuery run only in the integration
 * tests), and BigQuery's ROW_NUMBER median run in DuckDB on groups of odd and even size with a hand-computed answer.
 */
import { describe, expect, it } from 'vitest';
import { bigquery } from '@modelgate/core/sql/dialects/bigquery';
import { duckdb } from '@modelgate/core/sql/dialects/duckdb';
import { postgresql } from '@modelgate/core/sql/dialects/postgresql';
import { parseConnection } from '@modelgate/core/sql/connection';
import { openEngine } from '@modelgate/core/sql/engine';
import { doubleLiteral, metricDialect, RUNNING } from '@modelgate/core/sql/metrics/sql-dialect';

describe('metricDialect', () => {
  it('keeps the shared dialect’s engine, quoting, parameters and casts', () => {
    for (const d of [postgresql, duckdb, bigquery]) {
      const m = metricDialect(d);
      expect(m.engine).toBe(d.engine);
      expect(m.identifier('a"b`c')).toBe(d.identifier('a"b`c'));
      expect(m.param(3)).toBe(d.param(3));
      expect(m.toDouble('x')).toBe(d.toDouble('x'));
      expect(m.toText('x')).toBe(d.toText('x'));
    }
  });

  it('PostgreSQL: NUMERIC sum, percentile_cont per group, OVER (ORDER BY …) windows', () => {
    const m = metricDialect(postgresql);
    expect(m.exactSum('x')).toBe('CAST(SUM(CAST(x AS numeric)) AS double precision)');
    expect(m.medianQuery('r', 'x')).toBe(
      'SELECT g, percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS value FROM r GROUP BY g',
    );
    const w = m.ordered('t', 's DESC');
    expect(w.from).toBe('t');
    expect(w.over()).toBe('OVER (ORDER BY s DESC)');
    expect(w.over(RUNNING)).toBe('OVER (ORDER BY s DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)');
  });

  it('DuckDB: fsum, quantile_cont per group, rows sorted first then an OVER with no ORDER BY', () => {
    const m = metricDialect(duckdb);
    expect(m.exactSum('x')).toBe('fsum(x)');
    expect(m.medianQuery('r', 'x')).toBe('SELECT g, quantile_cont(x, 0.5) AS value FROM r GROUP BY g');
    const w = m.ordered('t', 's DESC');
    expect(w.from).toBe('(SELECT * FROM t ORDER BY s DESC) AS modelgate_ordered');
    expect(w.over()).toBe('OVER ()');
    expect(w.over(RUNNING)).toBe('OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)');
  });

  it('BigQuery: NUMERIC(38, 9) sum plus the remainders as doubles, ROW_NUMBER median, OVER (ORDER BY …)', () => {
    const m = metricDialect(bigquery);
    const high = 'CASE WHEN ABS(x) < 1e28 THEN CAST(x AS NUMERIC(38, 9)) ELSE 0 END';
    expect(m.exactSum('x')).toBe(`(CAST(SUM(${high}) AS FLOAT64) + SUM((x) - CAST(${high} AS FLOAT64)))`);
    expect(m.medianQuery('r', 'x')).toBe(
      'SELECT g, (MIN(CASE WHEN rn = FLOOR((n + 1) / 2) THEN v END) + MIN(CASE WHEN rn = FLOOR(n / 2) + 1 THEN v END)) / 2 AS value ' +
        'FROM (SELECT g, x AS v, ROW_NUMBER() OVER (PARTITION BY g ORDER BY x) AS rn, COUNT(*) OVER (PARTITION BY g) AS n FROM r) AS m ' +
        'WHERE rn = FLOOR((n + 1) / 2) OR rn = FLOOR(n / 2) + 1 GROUP BY g',
    );
    const w = m.ordered('t', 's');
    expect(w.from).toBe('t');
    expect(w.over('ROWS 1 PRECEDING')).toBe('OVER (ORDER BY s ROWS 1 PRECEDING)');
  });

  it('every engine’s median query is numpy’s median per group (odd and even groups), run in DuckDB', async () => {
    const engine = await openEngine(parseConnection('duckdb:'));
    try {
      // group a: 5, 1, 3 -> 3; group b: 4, 10, 2, 8 -> (4 + 8) / 2 = 6; group c: 7 -> 7
      const r =
        "(SELECT * FROM (VALUES ('a', 5.0), ('a', 1.0), ('a', 3.0), ('b', 4.0), ('b', 10.0), ('b', 2.0), ('b', 8.0), ('c', 7.0)) AS t(g, x)) AS rel";
      for (const d of [postgresql, duckdb, bigquery]) {
        const rows = await engine.query(`${metricDialect(d).medianQuery(r, 'x')} ORDER BY g`);
        expect(
          rows.map((row) => [row['g'], Number(row['value'])]),
          d.engine,
        ).toEqual([
          ['a', 3],
          ['b', 6],
          ['c', 7],
        ]);
      }
    } finally {
      await engine.close();
    }
  });
});

describe('doubleLiteral', () => {
  it('casts a finite number’s shortest text to the engine’s double', () => {
    expect(doubleLiteral(duckdb, 0.1)).toBe('CAST(0.1 AS DOUBLE)');
    expect(doubleLiteral(postgresql, -2.5e-7)).toBe('CAST(-2.5e-7 AS double precision)');
  });

  it('refuses NaN and the infinities (never a SQL literal)', () => {
    expect(() => doubleLiteral(duckdb, Number.NaN)).toThrow('not a finite number: NaN');
    expect(() => doubleLiteral(duckdb, Infinity)).toThrow('not a finite number: Infinity');
    expect(() => doubleLiteral(duckdb, -Infinity)).toThrow('not a finite number: -Infinity');
  });
});

describe('DuckDB’s table of parameters (the narrowed median’s windows)', () => {
  it('only DuckDB narrows: PostgreSQL and BigQuery keep their one median query (their memory is the server’s)', () => {
    expect(metricDialect(duckdb).narrowedMedian?.log2('x')).toBe('log2(x)');
    expect(metricDialect(postgresql).narrowedMedian).toBeUndefined();
    expect(metricDialect(bigquery).narrowedMedian).toBeUndefined();
  });

  it('gives back every double exactly, texts with quotes and NULLs, integers and booleans, from one parameter a column', async () => {
    const table = metricDialect(duckdb).narrowedMedian!.table;
    const doubles = [0.1, 1e300, -2.5e-310, 5e-324, 1.7976931348623157e308, 0.30000000000000004, -123456789.12345679];
    const texts = [null, "it's", 'a"b,c', '', '::error::x', 'é', null];
    const params: unknown[] = [];
    const from = table((v) => (params.push(v), `$${params.length}`), {
      w: { type: 'integer', values: doubles.map((_, i) => i) },
      x: { type: 'double', values: doubles },
      g: { type: 'text', values: texts },
      b: { type: 'boolean', values: doubles.map((x) => x > 0) },
    });
    expect(params).toHaveLength(4);
    expect(from).not.toContain('300');
    const engine = await openEngine(parseConnection('duckdb:'));
    try {
      const rows = await engine.query(`SELECT w, x, g, b FROM ${from} AS t ORDER BY w`, params);
      expect(rows.map((r) => [Number(r['w']), r['x'], r['g'], r['b']])).toEqual(
        doubles.map((x, i) => [i, x, texts[i], x > 0]),
      );
    } finally {
      await engine.close();
    }
    expect(() => table(() => '$1', { x: { type: 'double', values: [Infinity] } })).toThrow('not a finite number');
  });
});
