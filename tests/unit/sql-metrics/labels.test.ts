/**
 * Labels and confusion counts from the engine (sql/metrics/labels.ts), on tiny DuckDB tables with hand-counted
 * answers: the distinct values read to infer the task, the grouped confusion cells and their bound on combinations,
 * the canonical sorted label set with its NULL and NaN errors, and the per-group matrices.
 */
import { describe, expect, it } from 'vitest';
import { duckdb } from '@modelgate/core/sql/dialects/duckdb';
import { parseConnection } from '@modelgate/core/sql/connection';
import { openEngine } from '@modelgate/core/sql/engine';
import {
  confusionCells,
  distinctValues,
  labelSet,
  matricesByGroup,
  MAX_CONFUSION_CELLS,
} from '@modelgate/core/sql/metrics/labels';
import type { SqlContext } from '@modelgate/core/sql/metrics/query';
import { metricDialect } from '@modelgate/core/sql/metrics/sql-dialect';

async function withTable<T>(from: string, f: (ctx: SqlContext) => Promise<T>): Promise<T> {
  const engine = await openEngine(parseConnection('duckdb:'));
  try {
    return await f({
      dialect: metricDialect(duckdb),
      from,
      columns: async () => [],
      query: (q, params) => engine.query(q, params),
    });
  } finally {
    await engine.close();
  }
}

const small =
  "(SELECT * FROM (VALUES ('a', 'a', 'eu'), ('a', 'b', 'eu'), ('b', 'b', 'us'), ('b', 'b', 'us'), ('a', 'a', NULL)) AS t(label, prediction, region)) AS p";

describe('labels from the engine', () => {
  it('distinctValues: each column’s distinct texts, told apart by branch', async () => {
    const r = await withTable(small, (ctx) => distinctValues(ctx, 'label', 'region'));
    expect([...r.labels].sort()).toEqual(['a', 'b']);
    expect([...r.predictions].sort()).toEqual([null, 'eu', 'us'].sort());
  });

  it('distinctValues reads at most 1,001 values of a column', async () => {
    const from = '(SELECT range AS label, 0 AS prediction FROM range(5000)) AS p';
    const r = await withTable(from, (ctx) => distinctValues(ctx, 'label', 'prediction'));
    expect(r.labels).toHaveLength(1001);
    expect(r.predictions).toEqual(['0']);
  });

  it('confusionCells: counts per (group, truth, prediction), the whole table as one group', async () => {
    const sort = (c: { g: string | null; t: string | null; p: string | null; n: number }[]) =>
      c.map((x) => `${x.g}|${x.t}|${x.p}|${x.n}`).sort();
    const whole = await withTable(small, (ctx) => confusionCells(ctx, 'label', 'prediction'));
    expect(sort(whole)).toEqual(['0|a|a|2', '0|a|b|1', '0|b|b|2']);
    const sliced = await withTable(small, (ctx) => confusionCells(ctx, 'label', 'prediction', 'region'));
    expect(sort(sliced)).toEqual(['eu|a|a|1', 'eu|a|b|1', 'null|a|a|1', 'us|b|b|2']);
  });

  it('confusionCells: exactly 100,000 combinations are counted, one more is an error naming the slice', async () => {
    expect(MAX_CONFUSION_CELLS).toBe(100_000);
    const at = '(SELECT range AS label, 0 AS prediction, 0 AS s FROM range(100000)) AS p';
    expect(await withTable(at, (ctx) => confusionCells(ctx, 'label', 'prediction'))).toHaveLength(100_000);
    const over = '(SELECT range AS label, 0 AS prediction, 0 AS s FROM range(100001)) AS p';
    await expect(withTable(over, (ctx) => confusionCells(ctx, 'label', 'prediction'))).rejects.toThrow(
      'the label and prediction columns take more than 100,000 combinations of values: too many for classes; set task: regression for a numeric target.',
    );
    await expect(withTable(over, (ctx) => confusionCells(ctx, 'label', 'prediction', 's'))).rejects.toThrow(
      "the label and prediction columns by slice 's' take more than 100,000 combinations",
    );
  });
});

describe('labelSet and matricesByGroup', () => {
  const cols: [string, string] = ['y', 'yhat'];

  it('canonical labels of truth, predictions and extra classes, sorted numerically; each text’s index', () => {
    const set = labelSet(
      [
        { g: null, t: '10', p: '2.0', n: 3 },
        { g: null, t: '2', p: '10', n: 1 },
      ],
      cols,
      ['7'],
    );
    expect(set.labels).toEqual(['2', '7', '10']);
    expect([...set.index]).toEqual([
      ['10', 2],
      ['2.0', 0],
      ['2', 0],
    ]);
    expect(labelSet([{ g: null, t: 'b', p: 'a', n: 1 }], cols).labels).toEqual(['a', 'b']);
  });

  it('NULL and NaN labels are errors naming the column and the number of rows', () => {
    const cell = (t: string | null, p: string | null, n: number) => ({ g: null, t, p, n });
    expect(() => labelSet([cell('a', 'a', 1), cell(null, 'a', 1200)], cols)).toThrow(
      "column 'y': 1,200 rows hold no value (NULL); every row needs a label.",
    );
    expect(() => labelSet([cell('a', null, 2)], cols)).toThrow("column 'yhat': 2 rows hold no value (NULL)");
    expect(() => labelSet([cell('NaN', 'a', 3), cell('nan', 'a', 1)], cols)).toThrow(
      "column 'y': 4 rows hold NaN; every row needs a label.",
    );
    expect(() => labelSet([cell('a', 'NAN', 5)], cols)).toThrow("column 'yhat': 5 rows hold NaN");
    expect(() => labelSet([cell(null, 'NaN', 1)], cols)).toThrow("column 'y': 1 rows hold no value");
  });

  it('matricesByGroup: truth-major k x k counts per group, cells of one group added', () => {
    const cells = [
      { g: 'eu', t: 'a', p: 'b', n: 2 },
      { g: 'eu', t: 'a', p: 'b', n: 3 },
      { g: 'eu', t: 'b', p: 'a', n: 1 },
      { g: null, t: 'b', p: 'b', n: 4 },
    ];
    const m = matricesByGroup(cells, labelSet(cells, cols));
    expect([...m.keys()]).toEqual(['eu', null]);
    expect([...m.get('eu')!]).toEqual([0, 5, 1, 0]);
    expect([...m.get(null)!]).toEqual([0, 0, 0, 4]);
  });
});
