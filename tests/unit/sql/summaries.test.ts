/**
 * The engine's column summaries (validate/sql/summaries.ts) on DuckDB tables with hand-computed answers, one path
 * each: few numbers (grouped, exact), 10,000 < distinct <= 100,000 numbers (moments from the engine, quantiles from
 * the groups), identifier-like numbers past 100,000 (quantiles skipped, or the engine's 1,000 points when a
 * profile needs them), few texts, many texts (distinct sketch or the engine's count), dates (nulls only),
 * presence-only columns and known distinct counts.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnSchema } from '@modelgate/core/contracts/schema';
import { ColumnSummary } from '@modelgate/core/sketch/column-summary';
import { parseConnection } from '@modelgate/core/sql/connection';
import { openEngine, type SqlEngine } from '@modelgate/core/sql/engine';
import { planColumn } from '@modelgate/core/validate/sql/column-plan';
import { Params } from '@modelgate/core/validate/sql/params';
import { GROUPED_LIMIT, summarize, type SummarizeOptions } from '@modelgate/core/validate/sql/summaries';

async function summaries(
  select: string,
  o: Partial<SummarizeOptions> = {},
  schema: Record<string, ColumnSchema> = {},
  approximate = false,
  queries: string[] = [],
) {
  const opened = await openEngine(parseConnection('duckdb:'));
  // `approximate`: DuckDB's exact quantiles, read as an engine whose quantiles are approximate (BigQuery's);
  // every query sent is appended to `queries`
  const engine = {
    dialect: approximate ? { ...opened.dialect, exactQuantiles: false } : opened.dialect,
    query: (q: string, v?: unknown[]) => (queries.push(q), opened.query(q, v)),
  } as unknown as SqlEngine;
  try {
    const relation = `(${select}) AS rel`;
    const params = new Params(engine.dialect);
    const plans = (await opened.describe(`SELECT * FROM ${relation}`)).map((c) =>
      planColumn(c, schema[c.name], engine.dialect, params),
    );
    return await summarize(engine, relation, plans, params, { complete: () => false, ...o });
  } finally {
    await opened.close();
  }
}

describe('summarize in the engine', () => {
  it('few numbers: nulls, NaN and infinities left out, the rest fed one by one (exact counts and moments)', async () => {
    const r = await summaries(
      "SELECT * FROM (VALUES (1.0, 'a'), (2.0, 'b'), (2.0, 'b'), (NULL, NULL), ('NaN'::DOUBLE, ''), ('Infinity'::DOUBLE, 'b')) AS t(x, s)",
    );
    expect(r.rows).toBe(6);
    const x = r.summaries.get('x')!;
    expect(x.nulls).toBe(1);
    expect(x.count).toBe(3);
    expect(x.mean).toBeCloseTo(5 / 3, 12);
    expect(x.min).toBe(1);
    expect(x.max).toBe(2);
    expect(x.integers).toBe(true);
    expect(x.distinctCount).toBe(2);
    const s = r.summaries.get('s')!;
    // '' is a null in a text column
    expect(s.nulls).toBe(2);
    expect(s.count).toBe(4);
    expect(s.numeric).toBe(false);
    expect(s.distinctCount).toBe(2);
    expect([...s.categories.counts!]).toEqual([
      ['a', 1],
      ['b', 3],
    ]);
  });

  it('an all-null text column has no categories and no count', async () => {
    const r = await summaries('SELECT CAST(NULL AS VARCHAR) AS s FROM range(3)');
    const s = r.summaries.get('s')!;
    expect(s.nulls).toBe(3);
    expect(s.count).toBe(0);
  });

  it('20,000 distinct halves: moments from the engine, quantiles the grouped values with their counts', async () => {
    expect(GROUPED_LIMIT).toBe(100_000);
    // x = 0, 0.5, …, 9999.5 once each, and 0 twice more: 20,002 values
    const r = await summaries('SELECT range / 2 AS x FROM range(20000) UNION ALL SELECT 0.0 FROM range(2)');
    const x = r.summaries.get('x')!;
    expect(x.count).toBe(20_002);
    expect(x.integers).toBe(false);
    expect(x.numeric).toBe(true);
    const mean = (9999.5 * 10_000) / 20_002;
    expect(x.mean).toBeCloseTo(mean, 9);
    expect(x.min).toBe(0);
    expect(x.max).toBe(9999.5);
    // m2 is the population variance times the count: sum of squares - count·mean²
    let sq = 0;
    for (let i = 0; i < 20000; i++) sq += (i / 2) ** 2;
    expect(x.m2 / (sq - 20_002 * mean * mean)).toBeCloseTo(1, 9);
    expect(x.categories.counts).toBeNull();
    // the distinct sketch fed each grouped value once (an estimate: within 5%)
    expect(Math.abs(x.distinctCount / 20_000 - 1)).toBeLessThan(0.05);
    const q = x.quantiles!.sample();
    expect(q.count).toBe(20_002);
    expect(q.rankError).toBe(0);
    expect(q.values.length).toBe(20_000);
    expect([q.values[0], q.values[1], q.values[19_999]]).toEqual([0, 0.5, 9999.5]);
    expect([q.weights![0], q.weights![1]]).toEqual([3, 1]);
  });

  it('an integer column past 10,000 distinct values keeps integers true', async () => {
    const r = await summaries('SELECT range + 1 AS x FROM range(12000)');
    const x = r.summaries.get('x')!;
    expect(x.integers).toBe(true);
    expect(x.min).toBe(1);
    expect(x.max).toBe(12_000);
  });

  it('identifier-like numbers past 100,000: no quantiles, the distinct count from the engine', async () => {
    const r = await summaries('SELECT range AS x FROM range(100001)');
    const x = r.summaries.get('x')!;
    expect(x.count).toBe(100_001);
    expect(x.distinctCount).toBe(100_001);
    expect(x.quantilesSkipped).toBe(true);
  });

  it('a profile of them: the engine’s 1,000 mid-rank quantiles, equal weights, rank error count/2000', async () => {
    const r = await summaries('SELECT range AS x FROM range(100001)', { complete: () => true });
    const x = r.summaries.get('x')!;
    expect(x.quantilesSkipped).toBe(false);
    const q = x.quantiles!.sample();
    expect(q.count).toBe(100_001);
    expect(q.rankError).toBe(100_001 / 2000);
    expect(q.values.length).toBe(1000);
    expect(q.weights![0]).toBe(100.001);
    // sorted, spanning the values: the first near rank 50, the last near rank 99,950
    expect(q.values[0]).toBeGreaterThan(0);
    expect(q.values[0]).toBeLessThan(150);
    expect(q.values[999]).toBeGreaterThan(99_850);
    expect([...q.values].every((v, i) => i === 0 || v >= q.values[i - 1]!)).toBe(true);
  });

  it('many texts: the distinct count from the engine; a profile feeds the distinct sketch each value once', async () => {
    const select = 'SELECT CAST(range AS VARCHAR) AS s FROM range(10001) UNION ALL SELECT 7::VARCHAR';
    const drift = (await summaries(select)).summaries.get('s')!;
    expect(drift.count).toBe(10_002);
    expect(drift.numeric).toBe(false);
    expect(drift.quantiles).toBeNull();
    expect(drift.categories.counts).toBeNull();
    expect(drift.distinctCount).toBe(10_001);
    const profile = (await summaries(select, { complete: () => true })).summaries.get('s')!;
    expect(profile.count).toBe(10_002);
    expect(Math.abs(profile.distinctCount / 10_001 - 1)).toBeLessThan(0.05);
  });

  it('a declared date column counts its nulls only; presence-only columns their values only', async () => {
    const r = await summaries(
      "SELECT * FROM (VALUES ('2024-01-01', 1.5), (NULL, 2.5), ('2024-01-02', NULL)) AS t(d, x)",
      { presenceOnly: new Set(['x']) },
      { d: { type: 'date' } as ColumnSchema },
    );
    const d = r.summaries.get('d')!;
    expect(d.nulls).toBe(1);
    expect(d.count).toBe(0);
    expect(d.distinctCount).toBe(0);
    const x = r.summaries.get('x')!;
    expect(x.nulls).toBe(1);
    expect(x.count).toBe(2);
    expect(x.mean).toBe(0);
    // a presence-only column still summarized in full when complete
    const full = (
      await summaries('SELECT * FROM (VALUES (1.5), (2.5)) AS t(x)', {
        presenceOnly: new Set(['x']),
        complete: () => true,
      })
    ).summaries.get('x')!;
    expect(full.mean).toBe(2);
  });

  it('a known distinct count is used instead of counting: past 100,000, the column is summarized as such', async () => {
    const r = await summaries('SELECT range AS x FROM range(20000)', { knownDistinct: new Map([['x', 100_001]]) });
    const x = r.summaries.get('x')!;
    // 100,001 >= 0.95 x 20,000: identifier-like, so no quantiles, and the count is the known one
    expect(x.distinctCount).toBe(100_001);
    expect(x.quantilesSkipped).toBe(true);
  });

  it('boundaries: exactly 10,000 distinct values are categories; exactly 100,000 are grouped exactly', async () => {
    const few = (await summaries('SELECT range AS x, CAST(range AS VARCHAR) AS s FROM range(10000)')).summaries;
    expect(few.get('x')!.categories.counts?.size).toBe(10_000);
    expect(few.get('s')!.categories.counts?.size).toBe(10_000);
    const x = (await summaries('SELECT range AS x FROM range(100000)')).summaries.get('x')!;
    const q = x.quantiles!.sample();
    expect(q.rankError).toBe(0);
    expect(q.values.length).toBe(100_000);
  });

  it('a profile of exactly 100,000 distinct texts feeds the distinct sketch as the file mode does', async () => {
    const s = (
      await summaries('SELECT CAST(range AS VARCHAR) AS s FROM range(100000)', { complete: () => true })
    ).summaries.get('s')!;
    const file = new ColumnSummary();
    for (let i = 0; i < 100_000; i++) file.addText(String(i));
    expect(s.distinctCount).toBe(file.distinctCount);
    expect(s.distinctCount).not.toBe(100_000);
  });

  it('past 100,000 distinct values but repeated (not identifier-like): the engine’s quantiles, even for drift', async () => {
    const x = (
      await summaries('SELECT range AS x FROM range(100001) UNION ALL SELECT range FROM range(100001)')
    ).summaries.get('x')!;
    expect(x.quantilesSkipped).toBe(false);
    expect(x.quantiles!.sample().rankError).toBe(200_002 / 2000);
  });

  it('identifier-like at exactly 95% distinct values; an approximate engine doubles the rank error', async () => {
    // 190,000 distinct values in 200,000 rows
    const at = (
      await summaries('SELECT range AS x FROM range(190000) UNION ALL SELECT 0 FROM range(10000)')
    ).summaries.get('x')!;
    expect(at.quantilesSkipped).toBe(true);
    const approx = (
      await summaries('SELECT range AS x FROM range(100001)', { complete: () => true }, {}, true)
    ).summaries.get('x')!;
    expect(approx.quantiles!.sample().rankError).toBe((2 * 100_001) / 2000);
  });

  it('a declared datetime counts nulls only; an engine DATE column without a schema is summarized as text', async () => {
    const r = await summaries(
      "SELECT * FROM (VALUES ('2024-01-01 10:00:00', DATE '2024-01-01'), (NULL, DATE '2024-01-02')) AS t(ts, d)",
      {},
      { ts: { type: 'datetime' } as ColumnSchema },
    );
    expect(r.summaries.get('ts')!.nulls).toBe(1);
    expect(r.summaries.get('ts')!.count).toBe(0);
    expect(r.summaries.get('ts')!.distinctCount).toBe(0);
    const d = r.summaries.get('d')!;
    expect(d.count).toBe(2);
    expect(d.numeric).toBe(false);
    expect(d.categories.counts?.size).toBe(2);
  });

  it('a profile of more than 100,000 distinct texts takes the distinct count from the engine', async () => {
    const s = (
      await summaries('SELECT CAST(range AS VARCHAR) AS s FROM range(100001)', { complete: () => true })
    ).summaries.get('s')!;
    expect(s.count).toBe(100_001);
    expect(s.distinctCount).toBe(100_001);
    expect(s.categories.counts).toBeNull();
  });

  it('whole numbers whose range bounds their distinct values are grouped without count(DISTINCT), alike', async () => {
    // a: 0..99 (range 100); b: 0, 2, .., 19998 (range 19,999 > 10,000 groups); c: range 100,001, counted first;
    // d: halves (not whole), counted first
    const select =
      'SELECT range % 100 AS a, (range % 10000) * 2 AS b, CASE WHEN range = 0 THEN 100000 ELSE range % 5 END AS c, range / 2 AS d FROM range(30000)';
    const queries: string[] = [];
    const r = (await summaries(select, {}, {}, false, queries)).summaries;
    const counted = queries.filter((q) => /count\(DISTINCT/i.test(q)).map((q) => /"(\w)"/.exec(q)?.[1]);
    expect(counted).toEqual(['c', 'd']);
    expect(r.get('a')!.distinctCount).toBe(100);
    expect([...r.get('a')!.categories.counts!.values()]).toEqual(new Array(100).fill(300));
    const b = r.get('b')!;
    expect(b.distinctCount).toBe(10_000);
    expect(b.categories.counts?.size).toBe(10_000);
    expect(r.get('c')!.distinctCount).toBe(6);
    // past 10,000 values the distinct count is the file mode's sketch of the grouped values, as before
    expect(r.get('d')!.quantiles!.sample().values.length).toBe(30_000);
    // b again past 10,000 distinct values, still bounded (range 24,999): moments, and quantiles from the groups
    const wide = (await summaries('SELECT range % 25000 AS b FROM range(30000)', {}, {}, false, queries)).summaries.get(
      'b',
    )!;
    expect(wide.categories.counts).toBeNull();
    const q = wide.quantiles!.sample();
    expect(q.values.length).toBe(25_000);
    expect(q.weights!.reduce((a, w) => a + w, 0)).toBe(30_000);
    expect(q.rankError).toBe(0);
  });

  it('a text column with allowed values is grouped before any count, and counted when it holds more than 10,000', async () => {
    const allowed = { type: 'string', allowed: { value: ['a', 'b'], level: 'fail' } } as unknown as ColumnSchema;
    const queries: string[] = [];
    const select =
      "SELECT CASE range % 3 WHEN 0 THEN 'a' WHEN 1 THEN 'b' ELSE 'z' END AS s, CAST(range AS VARCHAR) AS t FROM range(12000)";
    const r = (await summaries(select, {}, { s: allowed, t: allowed }, false, queries)).summaries;
    const counted = queries.filter((q) => /count\(DISTINCT/i.test(q)).map((q) => /"(\w)"/.exec(q)?.[1]);
    // s: three groups, no count; t: 10,001 groups came back, so its distinct values are counted
    expect(counted).toEqual(['t']);
    expect([...r.get('s')!.categories.counts!]).toEqual([
      ['a', 4000],
      ['b', 4000],
      ['z', 4000],
    ]);
    expect(r.get('s')!.distinctCount).toBe(3);
    const t = r.get('t')!;
    expect(t.distinctCount).toBe(12_000);
    expect(t.categories.counts).toBeNull();
  });
});
