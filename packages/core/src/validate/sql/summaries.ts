/**
 * The drift and profile summaries of a SQL table's columns, computed in the engine: counts and moments in one
 * SELECT, then each column's values grouped (`GROUP BY value`, at most 100,000 groups cross the wire; whole numbers
 * whose range bounds their distinct values, and texts with allowed values, are grouped before any count). A column
 * with at most 100,000 distinct values is summarized exactly from its groups; beyond that, its quantiles come from
 * the engine (2,000 buckets, exact in PostgreSQL and DuckDB) into the same sketch path, whose rank error the drift
 * statistics turn into their `error_bound`.
 */
import { IDENTIFIER_SHARE } from '../../drift/column-drift.ts';
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
  // Stryker disable next-line StringLiteral: the callers tell 'number' and 'none' apart, anything else is text
  return 'text';
}

/** The expression fed to a column's summary, null where a row adds nothing (nulls, wrong type, NaN, infinity). */
function fedValue(engine: SqlEngine, plan: ColumnPlan): string {
  const d = engine.dialect;
  return plan.numeric
    ? `CASE WHEN ${plan.good} AND ${d.isFinite(plan.value)} THEN ${plan.value} END`
    : `CASE WHEN ${plan.good} THEN ${plan.value} END`;
}

export interface SummarizeOptions {
  /** Columns of which only the number of values is needed (drift skips them whatever they hold). */
  presenceOnly?: ReadonlySet<string> | undefined;
  /** Exact distinct counts already known (declared-unique columns, from the checks' pass). */
  knownDistinct?: ReadonlyMap<string, number> | undefined;
  /** Columns whose summary must be complete even when identifier-like (a profile is written, a method forced). */
  complete: (column: string) => boolean;
}

export async function summarize(
  engine: SqlEngine,
  relation: string,
  plans: ColumnPlan[],
  params: Params,
  o: SummarizeOptions,
): Promise<{ rows: number; summaries: Map<string, ColumnSummary> }> {
  const d = engine.dialect;
  const select = ['count(*) AS rows_total'];
  plans.forEach((plan, i) => {
    const v = fedValue(engine, plan);
    select.push(`${d.countIf(plan.isNull)} AS n${i}`);
    // Stryker disable next-line ConditionalExpression,StringLiteral: a date column's count would be selected, never read
    if (feedOf(plan) === 'none') return;
    select.push(`count(${v}) AS c${i}`);
    if (feedOf(plan) !== 'number') return;
    select.push(
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
    const count = num(`c${i}`);
    const complete = o.complete(plan.name);
    const setMoments = () =>
      Object.assign(s, {
        count,
        numeric: true,
        integers: num(`f${i}`) === 0,
        mean: num(`m${i}`),
        m2: num(`v${i}`) * count,
        min: count ? num(`lo${i}`) : Infinity,
        // Stryker disable next-line UnaryOperator: setMoments runs past 10,000 distinct values only, so count > 0
        max: count ? num(`hi${i}`) : -Infinity,
      });
    const setText = () => {
      s.quantiles = null;
      Object.assign(s, { count, numeric: false });
    };
    if (o.presenceOnly?.has(plan.name) && !complete) {
      // as the file mode's presence-only pass: the count says whether the column holds a value, nothing more
      s.count = count;
      continue;
    }
    // count(DISTINCT) sorts the column (~2 s a column of 10,000,000 rows in PostgreSQL, three times the GROUP BY's
    // hashed, parallel pass), so the groups come first where the column is bound or likely to hold few values:
    // whole numbers between min and max hold at most max - min + 1; a text column whose schema lists its allowed
    // values is fetched up to CATEGORY_LIMIT + 1 groups, and counted only when more come back
    const wholeRange = feed === 'number' && num(`f${i}`) === 0 ? num(`hi${i}`) - num(`lo${i}`) + 1 : Infinity;
    const grouped =
      count === 0
        ? []
        : wholeRange <= GROUPED_LIMIT
          ? await groupsOf(engine, relation, v, params)
          : feed === 'text' && plan.schema?.allowed
            ? await groupsOf(engine, relation, v, params, CATEGORY_LIMIT + 1).then((g) =>
                g.length <= CATEGORY_LIMIT ? g : undefined,
              )
            : undefined;
    // otherwise the distinct values are counted in the engine: one number crosses the wire
    const distinct =
      o.knownDistinct?.get(plan.name) ?? grouped?.length ?? (await distinctCount(engine, relation, v, params));
    if (feed === 'number') {
      if (distinct <= CATEGORY_LIMIT) {
        // few values: fed as the file mode feeds them, so the exact counts are the column's distribution
        for (const g of grouped ?? (await groupsOf(engine, relation, v, params)))
          for (let c = Number(g['n']), x = Number(g['value']); c > 0; c--) s.addNumber(x);
        continue;
      }
      setMoments();
      s.categories.counts = null; // more values than categories: as the file mode's counts, overflowed
      if (distinct <= GROUPED_LIMIT) {
        const groups = grouped ?? (await groupsOf(engine, relation, v, params));
        const sketch = s.distinct;
        for (const g of groups) sketch.addNumber(Number(g['value']));
        s.quantiles = new GivenSample({
          values: Float64Array.from(groups, (g) => Number(g['value'])),
          weights: Float64Array.from(groups, (g) => Number(g['n'])),
          count,
          rankError: 0,
        });
        continue;
      }
      s.distinctFromEngine = distinct;
      // an identifier (past GROUPED_LIMIT distinct values, here, and nearly one per row: drift skips it) needs no
      // quantiles unless a profile or a forced method reads them
      const identifier = distinct >= IDENTIFIER_SHARE * count;
      if (identifier && !complete) s.skipQuantiles();
      else s.quantiles = new GivenSample(await engineQuantiles(engine, relation, v, params, count));
      continue;
    }
    // text (and booleans): the counts are the categories while few; beyond, only the distinct count matters
    if (distinct <= CATEGORY_LIMIT) {
      const groups = grouped ?? (await groupsOf(engine, relation, v, params));
      if (!groups.length) continue;
      s.addText(String(groups[0]!['value']));
      s.categories.counts = new Map(groups.map((g) => [String(g['value']), Number(g['n'])]));
      s.count = count;
      continue;
    }
    if (complete && distinct <= GROUPED_LIMIT) {
      // a profile keeps the distinct-value sketch: fed each value once, as the file mode's
      for (const g of await groupsOf(engine, relation, v, params)) s.addText(String(g['value']));
      s.count = count;
      continue;
    }
    setText();
    s.categories.counts = null;
    s.distinctFromEngine = distinct;
  }
  return { rows: num('rows_total'), summaries };
}

/** A column's first `limit` values and their counts, in value order (the caller counted or bounded them). */
async function groupsOf(engine: SqlEngine, relation: string, v: string, params: Params, limit = GROUPED_LIMIT) {
  const d = engine.dialect;
  const q = params.bind(
    `SELECT value, count(*) AS n FROM (SELECT ${v} AS value FROM ${relation}) AS modelgate_values WHERE value IS NOT NULL GROUP BY value ORDER BY value ${d.limit(limit)}`,
  );
  return engine.query(q.sql, q.values);
}

async function one(engine: SqlEngine, params: Params, sql: string): Promise<unknown> {
  const q = params.bind(sql);
  const [r] = await engine.query(q.sql, q.values);
  // Stryker disable next-line OptionalChaining: an aggregate without GROUP BY always returns one row
  return r?.['value'];
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
  const query = d.quantilesQuery(relation, v, count, QUANTILE_BUCKETS);
  const q = params.bind(query.sql);
  const raw = query.read(await engine.query(q.sql, q.values));
  const points: number[] = [];
  for (let j = 1; j < raw.length; j += 2) points.push(Number(raw[j]));
  // Stryker disable next-line MethodExpression: every engine returns its quantiles in rank order, so already sorted
  const values = Float64Array.from(points).sort();
  const weights = new Float64Array(values.length).fill(count / values.length);
  const rankError = count / QUANTILE_BUCKETS + (d.exactQuantiles ? 0 : count / QUANTILE_BUCKETS);
  return { values, weights, count, rankError };
}
