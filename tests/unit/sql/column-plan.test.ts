/**
 * A column's plan (validate/sql/column-plan.ts): the SQL of its null test, its type test and typed value for each
 * schema type over each engine kind, pinned in DuckDB's dialect, and the text patterns run in DuckDB on values at
 * the edges of each type, with the bound parameters they use.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnSchema } from '@modelgate/core/contracts/schema';
import { duckdb } from '@modelgate/core/sql/dialects/duckdb';
import { parseConnection } from '@modelgate/core/sql/connection';
import { openEngine, type ColumnKind } from '@modelgate/core/sql/engine';
import { kindType, planColumn } from '@modelgate/core/validate/sql/column-plan';
import { Params } from '@modelgate/core/validate/sql/params';

const plan = (kind: ColumnKind, type?: ColumnSchema['type']) =>
  planColumn({ name: 'c', type: 'T', kind }, type ? ({ type } as ColumnSchema) : undefined, duckdb, new Params(duckdb));

describe('planColumn', () => {
  it('the type an engine kind stands for without a schema', () => {
    expect(kindType('other')).toBe('string');
    expect(kindType('date')).toBe('date');
    expect(plan('other').type).toBe('string');
    expect(plan('integer', 'number').type).toBe('number');
  });

  it('null tests: NULL, or an empty text in a textual column', () => {
    expect(plan('string').isNull).toBe('("c" IS NULL OR CAST("c" AS VARCHAR) = \'\')');
    expect(plan('other').isNull).toBe('("c" IS NULL OR CAST("c" AS VARCHAR) = \'\')');
    expect(plan('number').isNull).toBe('("c" IS NULL)');
    expect(plan('number').text).toBe('CAST("c" AS VARCHAR)');
  });

  it('numbers: engine integers always good, doubles finite (and whole for integer), other kinds never', () => {
    const n = '(NOT ("c" IS NULL) AND ';
    expect(plan('integer', 'integer')).toMatchObject({
      good: `${n}TRUE)`,
      value: 'CAST("c" AS DOUBLE)',
      numeric: true,
    });
    expect(plan('number', 'integer').good).toBe(
      `${n}(isfinite(CAST("c" AS DOUBLE)) AND CAST("c" AS DOUBLE) = floor(CAST("c" AS DOUBLE))))`,
    );
    expect(plan('boolean', 'integer').good).toBe(`${n}FALSE)`);
    expect(plan('integer', 'number').good).toBe(`${n}TRUE)`);
    expect(plan('number', 'number').good).toBe(`${n}isfinite(CAST("c" AS DOUBLE)))`);
    expect(plan('date', 'number')).toMatchObject({ good: `${n}FALSE)`, numeric: true });
  });

  it('booleans, dates, datetimes and strings: their own kind good, textual columns by pattern, others never', () => {
    const n = '(NOT ("c" IS NULL) AND ';
    expect(plan('boolean', 'boolean')).toMatchObject({
      good: `${n}TRUE)`,
      value: 'lower(CAST("c" AS VARCHAR))',
      numeric: false,
    });
    expect(plan('string', 'boolean').good).toContain("lower(CAST(\"c\" AS VARCHAR)) IN ('true', 'false'))");
    expect(plan('integer', 'boolean').good).toBe(`${n}FALSE)`);
    expect(plan('date', 'date')).toMatchObject({ good: `${n}TRUE)`, value: 'CAST("c" AS VARCHAR)' });
    expect(plan('number', 'date').good).toBe(`${n}FALSE)`);
    expect(plan('datetime', 'datetime')).toMatchObject({ good: `${n}TRUE)`, value: 'CAST("c" AS VARCHAR)' });
    expect(plan('date', 'datetime').good).toBe(`${n}FALSE)`);
    expect(plan('integer', 'string')).toMatchObject({ good: `${n}TRUE)`, value: 'CAST("c" AS VARCHAR)' });
  });

  it('text columns typed by pattern: which values are good, and their typed value', async () => {
    const engine = await openEngine(parseConnection('duckdb:'));
    try {
      const texts = [
        '12',
        '-3',
        '+4',
        '1.5',
        '.5',
        '1e3',
        '2.',
        'x',
        '2024-01-31',
        '2024-01-31T10:20',
        '2024-01-31 10:20:30.5+02:00',
        'TRUE',
        'no',
      ];
      const rel = `(SELECT * FROM (VALUES ${texts.map((t, i) => `(${i}, '${t}')`).join(', ')}) AS t(i, c)) AS r`;
      const goodOf = async (type: ColumnSchema['type']) => {
        const p = new Params(duckdb);
        const pl = planColumn({ name: 'c', type: 'VARCHAR', kind: 'string' }, { type } as ColumnSchema, duckdb, p);
        const q = p.bind(`SELECT c, ${pl.value} AS v FROM ${rel} WHERE ${pl.good} ORDER BY i`);
        return (await engine.query(q.sql, q.values)).map((r) => [r['c'], r['v']]);
      };
      expect(await goodOf('integer')).toEqual([
        ['12', 12],
        ['-3', -3],
        ['+4', 4],
      ]);
      expect((await goodOf('number')).map((r) => r[0])).toEqual(['12', '-3', '+4', '1.5', '.5', '1e3', '2.']);
      expect(await goodOf('date')).toEqual([['2024-01-31', '2024-01-31']]);
      expect((await goodOf('datetime')).map((r) => r[0])).toEqual(['2024-01-31T10:20', '2024-01-31 10:20:30.5+02:00']);
      expect(await goodOf('boolean')).toEqual([['TRUE', 'true']]);
    } finally {
      await engine.close();
    }
  });
});
