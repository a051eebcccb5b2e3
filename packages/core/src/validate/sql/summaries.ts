/**
 * The drift and profile summaries of a SQL table's columns, computed in the engine: counts and moments in one
 * SELECT, then each column's values grouped (`GROUP BY value`, at most 100,000 groups cross the wire). A column
 * with at most 100,000 distinct values is summarized exactly from its groups; beyond that, its quantiles come from
 * the engine (2,000 buckets, exact in PostgreSQL and DuckDB) into the same sketch path, whose rank error the drift
 * statistics turn into their `error_bound`.
 */
import { CATEGORY_LIMIT } from '../../sketch/categories.ts';
import { ColumnSummary } from '../../sketch/column-summary.ts';
import { EXACT_LIMIT, QuantileSketch } from '../../sketch/quantile-sketch.ts';
import type { WeightedSample } from '../../sketch/samples.ts';
import type { SqlEngine } from '../../sql/engine.ts';
import type { ColumnPlan } from './column-plan.ts';
import type { Params } from './params.ts';

/** Values of a column grouped beyond which quantiles come from the engine (the file mode's exact sketch limit). */
export const GROUPED_LIMIT = EXACT_LIMIT;
/** Buckets of the engine's quantiles: the sample is their 1,000 mid-points. */
const QUANTILE_BUCKETS = 2000;

/** A quantile sketch that is a given weighted sample: exact grouped counts, or the engine's quantiles. */
class GivenSample extends QuantileSketch {
  readonly #sample: WeightedSample;
  constructor(sample: WeightedSample) {
    super();
    this.#sample = sample;
    this.count = sample.count;
    this.rankError = sample.rankError;
  }
  override sample(): WeightedSample {
    return this.#sample;
  }
}

/** A summary whose distinct count came from the engine (columns with more distinct values than are fetched). */
class EngineSummary extends ColumnSummary {
  distinctFromEngine: number | undefined;
  override get distinctCount(): number {
    return this.distinctFromEngine ?? super.distinctCount;
  }
}

/** What each column's summary is fed: numbers, text, or nothing (dates and datetimes the schema declares). */
function feedOf(plan: ColumnPlan): 'number' | 'text' | 'none' {
  if (plan.numeric) return 'number';
  if (plan.schema && (plan.type === 'date' || plan.type === 'datetime')) return 'none';
  return 'text';
}

/** The expression fed to a column's summary, null where a row adds nothing (nulls, wrong type, NaN, infinity). */
function fedValue(engine: SqlEngine, plan: ColumnPlan): string {
  const d = engine.dialect;
  return plan.numeric
    ? `CASE WHEN ${plan.good} AND ${d.isFinite(plan.value)} THEN ${plan.value} END`
    : `CASE WHEN ${plan.good} THEN ${plan.value} END`;
}

export async function summarize(
  engine: SqlEngine,
  relation: string,
  plans: ColumnPlan[],
  params: Params,
): Promise<{ rows: number; summaries: Map<string, ColumnSummary> }> {
  const d = engine.dialect;
  const select = ['count(*) AS rows_total'];
  plans.forEach((plan, i) => {
    const v = fedValue(engine, plan);
    select.push(`${d.countIf(plan.isNull)} AS n${i}`);
    if (feedOf(plan) !== 'number') return;
    select.push(
      `count(${v}) AS c${i}`,
      `avg(${v}) AS m${i}`,
      `var_pop(${v}) AS v${i}`,
      `min(${v}) AS lo${i}`,
      `max(${v}) AS hi${i}`,
      `${d.countIf(`${v} <> floor(${v})`)} AS f${i}`,
    );
  });
  const moments = params.bind(`SELECT ${select.join(',\n  ')}\nFROM ${relation}`);
  const [row] = await engine.query(moments.sql, moments.values);
  const num = (k: string) => Number(row![k] ?? 0);
  const summaries = new Map<string, ColumnSummary>();
  for (const [i, plan] of plans.entries()) {
    const s = new EngineSummary();
    s.nulls = num(`n${i}`);
    summaries.set(plan.name, s);
    const feed = feedOf(plan);
    if (feed === 'none') continue;
    const v = fedValue(engine, plan);
    const grouped = params.bind(
      `SELECT value, count(*) AS n FROM (SELECT ${v} AS value FROM ${relation}) AS modelgate_values WHERE value IS NOT NULL GROUP BY value ORDER BY value ${d.limit(GROUPED_LIMIT + 1)}`,
    );
    const groups = await engine.query(grouped.sql, grouped.values);
    const total = groups.reduce((a, g) => a + Number(g['n']), 0);
    if (feed === 'number') {
      const count = num(`c${i}`);
      if (groups.length <= CATEGORY_LIMIT) {
        // few values: fed as the file mode feeds them, so the exact counts are the column's distribution
        for (const g of groups) for (let c = Number(g['n']), x = Number(g['value']); c > 0; c--) s.addNumber(x);
        continue;
      }
      Object.assign(s, {
        count,
        numeric: true,
        integers: num(`f${i}`) === 0,
        mean: num(`m${i}`),
        m2: num(`v${i}`) * count,
        min: num(`lo${i}`),
        max: num(`hi${i}`),
      });
      s.categories.counts = null; // more values than categories: as the file mode's counts, overflowed
      const distinct = s.distinct;
      for (const g of groups.slice(0, GROUPED_LIMIT)) distinct.addNumber(Number(g['value']));
      if (groups.length <= GROUPED_LIMIT) {
        s.quantiles = new GivenSample({
          values: Float64Array.from(groups, (g) => Number(g['value'])),
          weights: Float64Array.from(groups, (g) => Number(g['n'])),
          count: total,
          rankError: 0,
        });
      } else {
        s.quantiles = new GivenSample(await engineQuantiles(engine, relation, v, params, count));
        s.distinctFromEngine = await distinctCount(engine, relation, v, params);
      }
      continue;
    }
    // text (and booleans): the counts are the categories while few, else only the distinct values are kept
    if (!groups.length) continue;
    s.addText(String(groups[0]!['value']));
    if (groups.length <= CATEGORY_LIMIT) {
      s.categories.counts = new Map(groups.map((g) => [String(g['value']), Number(g['n'])]));
    } else {
      for (const g of groups.slice(1, GROUPED_LIMIT)) s.addText(String(g['value']));
      if (groups.length > GROUPED_LIMIT) s.distinctFromEngine = await distinctCount(engine, relation, v, params);
    }
    s.count = groups.length > GROUPED_LIMIT ? await countOf(engine, relation, v, params) : total;
  }
  return { rows: num('rows_total'), summaries };
}

async function one(engine: SqlEngine, params: Params, sql: string): Promise<unknown> {
  const q = params.bind(sql);
  const [r] = await engine.query(q.sql, q.values);
  return r?.['value'];
}

function countOf(engine: SqlEngine, relation: string, v: string, params: Params): Promise<number> {
  return one(engine, params, `SELECT count(${v}) AS value FROM ${relation}`).then(Number);
}

function distinctCount(engine: SqlEngine, relation: string, v: string, params: Params): Promise<number> {
  return one(engine, params, `SELECT count(DISTINCT ${v}) AS value FROM ${relation}`).then(Number);
}

/**
 * The engine's quantiles at ranks (j + 0.5)/1000 as 1,000 equal-weight points, the profile's own reduction: any
 * rank moves by at most count/2000 (plus the engine's own error where its quantiles are approximate).
 */
async function engineQuantiles(
  engine: SqlEngine,
  relation: string,
  v: string,
  params: Params,
  count: number,
): Promise<WeightedSample> {
  const d = engine.dialect;
  const q = params.bind(d.quantilesQuery(relation, v, count, QUANTILE_BUCKETS));
  const byRank = new Map((await engine.query(q.sql, q.values)).map((r) => [Number(r['rank']), Number(r['value'])]));
  const raw = d.quantileRanks(count, QUANTILE_BUCKETS).map((rank) => byRank.get(rank));
  const points: number[] = [];
  for (let j = 1; j < raw.length; j += 2) points.push(Number(raw[j]));
  const values = Float64Array.from(points).sort();
  const weights = new Float64Array(values.length).fill(count / values.length);
  const rankError = count / QUANTILE_BUCKETS + (d.exactQuantiles ? 0 : count / QUANTILE_BUCKETS);
  return { values, weights, count, rankError };
}
