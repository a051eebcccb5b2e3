/**
 * The median per group by narrowing by counts (sql/metrics/narrowed-median.ts) in DuckDB, against np.median's
 * definition (a sorted copy of the values, the mean of the two middle ones), DuckDB's quantile_cont and the file
 * mode's radix selection (metrics/median-error.ts), bit for bit: random doubles with 17 significant digits in odd
 * and even counts, equal values, one and two values, heavy ties at the middle, slices with a NULL group, magnitudes
 * from 1e-300 to 1e300 of both signs, and zeros of both signs. The "small enough" threshold and the bucket budget
 * are set low to force many passes, and every query's result is checked to stay bounded (never a group's values).
 */
import { describe, expect, it } from 'vitest';
import { withDuckdb } from './duckdb-context.ts';
import { ErrorHistogram, medianAbsoluteError } from '@modelgate/core/metrics/median-error';
import { narrowedMedians, type NarrowingOptions } from '@modelgate/core/sql/metrics/narrowed-median';
import { groupKey, type SqlContext } from '@modelgate/core/sql/metrics/query';
import { centredSums, regressionSums } from '@modelgate/core/sql/metrics/regression';
import { num } from '@modelgate/core/sql/metrics/values';

/** np.median of the values: sorted, the middle one or the mean of the two. */
function sortedMedian(values: number[]): number {
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/** A relation (g, x) of `n` rows made by DuckDB from range(n): `x` and `g` are expressions of the row number i. */
const generated = (n: number, x: string, g = '0') => `(SELECT ${g} AS g, ${x} AS x FROM range(${n}) AS t(i)) AS m`;
/** A double in [0, 1) with all 53 bits from the hash of `i + salt`. */
const uniform = (salt: number) => `(CAST(hash(i + ${salt}) >> 11 AS DOUBLE) / 9007199254740992.0)`;

interface Run {
  medians: Map<string | null, number>;
  /** np.median of each group's values, read back. */
  expected: Map<string | null, number>;
  /** DuckDB's quantile_cont per group. */
  quantile: Map<string | null, number>;
  /** The number of narrowing queries, and the most rows one returned. */
  queries: number;
  mostRows: number;
}

async function run(relation: string, options: NarrowingOptions = {}, streamed = false): Promise<Run> {
  return withDuckdb(
    async (ctx) => {
      let queries = 0,
        mostRows = 0;
      const counted: SqlContext = {
        ...ctx,
        query: async (sql, params) => {
          const rows = await ctx.query(sql, params);
          queries++;
          mostRows = Math.max(mostRows, rows.length);
          return rows;
        },
        ...(ctx.stream && {
          stream: async (sql, params, each) => {
            let rows = 0;
            await ctx.stream!(sql, params, (row) => {
              rows++;
              each(row);
            });
            queries++;
            mostRows = Math.max(mostRows, rows);
          },
        }),
      };
      const medians = await narrowedMedians(counted, relation, 'x', options);
      const byGroup = new Map<string | null, number[]>();
      for (const r of await ctx.query(`SELECT CAST(g AS VARCHAR) AS g, x FROM ${relation}`, [])) {
        const g = groupKey(r);
        if (!byGroup.has(g)) byGroup.set(g, []);
        byGroup.get(g)!.push(num(r['x']));
      }
      const expected = new Map([...byGroup].map(([g, v]) => [g, sortedMedian(v)]));
      const quantile = new Map<string | null, number>();
      for (const r of await ctx.query(ctx.dialect.medianQuery(relation, 'x'), []))
        quantile.set(groupKey(r), num(r['value']));
      return { medians, expected, quantile, queries, mostRows };
    },
    { streamed },
  );
}

/** The medians equal np.median's and quantile_cont's per group, bit for bit. */
function expectExact(r: Run) {
  expect(r.medians.size).toBe(r.expected.size);
  for (const [g, m] of r.expected) {
    expect(r.medians.get(g), `group ${g}`).toBe(m);
    expect(r.quantile.get(g), `group ${g}`).toBe(m);
  }
}

describe('narrowedMedians', () => {
  it('random doubles with 17 significant digits, odd and even counts: np.median, quantile_cont and the file mode', async () => {
    for (const n of [200_001, 200_000]) {
      const relation = generated(n, `${uniform(1)} * 100`);
      // 64 buckets a pass, windows read at 16 values: many passes, 64 rows at most from any query
      const narrow = await run(relation, { smallEnough: 16, bucketBudget: 64 });
      expectExact(narrow);
      expect(narrow.queries).toBeGreaterThanOrEqual(5);
      expect(narrow.mostRows).toBeLessThanOrEqual(64);
      // the defaults, with DuckDB's row stream: windows of up to 65,536 values read, in a few passes
      const defaults = await run(relation, {}, true);
      expectExact(defaults);
      expect(defaults.medians.get('0')).toBe(narrow.medians.get('0'));
      expect(defaults.queries).toBeLessThanOrEqual(5);
      expect(defaults.mostRows).toBeLessThanOrEqual(65_536);
      // the file mode's median of |p - 0| over the same values
      const values = await withDuckdb((ctx) => ctx.query(`SELECT x FROM ${relation}`, []));
      const p = Float64Array.from(values, (r) => num(r['x']));
      const histogram = new ErrorHistogram();
      histogram.add(new Uint32Array(p.buffer), n);
      expect(narrow.medians.get('0')).toBe(medianAbsoluteError(new Float64Array(n), p, histogram));
    }
  });

  it('all values equal: the value, from the first scan alone', async () => {
    const r = await run(generated(1001, '3.25::DOUBLE'), { smallEnough: 2 });
    expect(r.medians).toEqual(new Map([['0', 3.25]]));
    expect(r.queries).toBe(1);
  });

  it('one value and two values: the value, and the mean of the two', async () => {
    expect((await run(generated(1, '-7.5::DOUBLE'))).medians).toEqual(new Map([['0', -7.5]]));
    const two = await run(generated(2, 'CASE WHEN i = 0 THEN 0.1 ELSE 0.7 END::DOUBLE'), { smallEnough: 2 });
    expect(two.medians.get('0')).toBe((0.1 + 0.7) / 2);
    expectExact(two);
  });

  it('heavy ties at the middle, adjacent doubles beside them: exact with windows of two values', async () => {
    // 40% of 1, 20% of the next double up, 20% of the one below, the rest spread over [0, 2)
    const x =
      'CASE WHEN i % 10 < 4 THEN 1.0 WHEN i % 10 < 6 THEN 1.0000000000000002 WHEN i % 10 < 8 THEN 0.9999999999999999 ' +
      `ELSE ${uniform(2)} * 2 END::DOUBLE`;
    for (const n of [50_001, 50_000, 50_002])
      expectExact(await run(generated(n, x), { smallEnough: 2, bucketBudget: 16 }));
  });

  it('slices with a NULL group: one query a pass for all groups, each group its own median', async () => {
    const g = "CASE WHEN i % 7 = 0 THEN NULL WHEN i % 7 < 3 THEN 'a' ELSE 'b' END";
    const r = await run(generated(30_001, `${uniform(3)} * (1 + i % 7)`, g), { smallEnough: 8, bucketBudget: 96 });
    expect([...r.medians.keys()].sort()).toEqual(['a', 'b', null].sort());
    expectExact(r);
    expect(r.mostRows).toBeLessThanOrEqual(96);
  });

  it('magnitudes from 1e-300 to 1e300 of both signs, and subnormals: exact in a few passes', async () => {
    const x = `(CASE WHEN hash(i) % 2 = 0 THEN 1 ELSE -1 END) * pow(10, ${uniform(4)} * 600 - 300) * (1 + ${uniform(5)})`;
    for (const n of [20_001, 20_000]) {
      const r = await run(generated(n, x), { smallEnough: 16, bucketBudget: 256 });
      expectExact(r);
      // a linear bucketing would need one pass for each of hundreds of decades
      expect(r.queries).toBeLessThan(20);
    }
    const tiny = await run(generated(1001, `${uniform(6)} * 1e-310 - 5e-311`), { smallEnough: 4, bucketBudget: 64 });
    expect(tiny.medians.get('0')).toBe(tiny.expected.get('0'));
  });

  it('zeros of both signs are one value: the median is zero', async () => {
    const r = await run(generated(5, "CASE WHEN i % 2 = 0 THEN '-0'::DOUBLE ELSE 0.0::DOUBLE END"));
    expect(r.medians.get('0') === 0).toBe(true);
    const mixed = await run(
      generated(6, "CASE WHEN i < 2 THEN -1.0 WHEN i < 4 THEN '-0'::DOUBLE ELSE 0.0 END::DOUBLE"),
    );
    expect(mixed.medians.get('0') === 0).toBe(true);
  });
});

describe('median_ae of the regression scans in DuckDB', () => {
  it('equals quantile_cont of the errors per slice (a NULL slice included) and for the whole table', async () => {
    const rows =
      `SELECT CASE WHEN i % 5 = 0 THEN NULL ELSE CAST(i % 3 AS VARCHAR) END AS g, ${uniform(7)} * 100 AS t, ` +
      `${uniform(7)} * 100 + (${uniform(8)} - 0.5) * 30 AS p FROM range(40001) AS r(i)`;
    await withDuckdb(async (ctx) => {
      const sums = await regressionSums(ctx, rows, ['y', 'yhat']);
      await centredSums(ctx, rows, sums, true);
      const quantile = await ctx.query(
        ctx.dialect.medianQuery(`(SELECT g, ABS(p - t) AS e FROM (${rows}) AS a) AS m`, 'e'),
        [],
      );
      expect(quantile.length).toBe(4);
      for (const r of quantile) expect(sums.get(groupKey(r))!.median, String(r['g'])).toBe(num(r['value']));
      const whole = `SELECT 0 AS g, t, p FROM (${rows}) AS w`;
      const wholeSums = await regressionSums(ctx, whole, ['y', 'yhat']);
      await centredSums(ctx, whole, wholeSums, false);
      const [q] = await ctx.query(
        ctx.dialect.medianQuery(`(SELECT g, ABS(p - t) AS e FROM (${whole}) AS a) AS m`, 'e'),
        [],
      );
      expect(wholeSums.get('0')!.median).toBe(num(q!['value']));
    });
  });
});
