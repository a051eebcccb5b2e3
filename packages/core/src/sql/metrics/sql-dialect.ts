/**
 * What the metric queries need of an engine's SQL: the shared dialect's quoting, parameters and casts (sql/dialect.ts,
 * of which this is the subset the metrics use), plus two things only the metrics need, by engine: a sum of doubles
 * that does not lose precision over millions of rows, and an exact median per group.
 */

/** The part of the shared Dialect (sql/dialect.ts) the metric queries use. */
export interface BaseDialect {
  readonly engine: 'postgresql' | 'duckdb' | 'bigquery';
  identifier(name: string): string;
  param(index: number): string;
  toDouble(expr: string): string;
  toText(expr: string): string;
}

export interface MetricDialect extends BaseDialect {
  /**
   * The sum of a double expression without the error of adding doubles one by one (up to (n - 1) ulps on n rows:
   * 1e-9 relative at 10M rows, the whole budget): PostgreSQL adds in NUMERIC, exactly, each term rounded to the 15
   * significant digits float8 -> numeric keeps (so a sum of same-sign terms is within 5e-16 relative; splitting
   * each term into its 15 digits and a remainder would be exact to 30 digits, but computes the term four times),
   * DuckDB uses its Kahan-Babuska fsum, BigQuery adds in NUMERIC and the remainders as doubles.
   */
  exactSum(expr: string): string;
  /**
   * A query of the exact median (`percentile_cont(0.5)`, numpy's median) of `expr` per value of `g` over
   * `relation` (a FROM clause whose rows have the column `g`): rows (g, value).
   */
  medianQuery(relation: string, expr: string): string;
  /**
   * Where `medianQuery` holds each group's values in the action's memory (DuckDB's quantile_cont, in process, keeps
   * them in its aggregate state and cannot spill): the medians are found by narrowing by counts instead
   * (sql/metrics/narrowed-median.ts), with the engine's base-2 logarithm and a table made of one bound parameter a
   * column (the windows being narrowed: thousands when there are thousands of groups). Absent where the percentile
   * runs on the server.
   */
  narrowedMedian?: {
    log2(expr: string): string;
    /** A FROM item of the columns (values of equal length, `add` binding a parameter and giving its placeholder). */
    table(add: (value: unknown) => string, columns: Record<string, ParameterColumn>): string;
  };
  /**
   * A window over the rows of `relation` (a table expression, e.g. a CTE's name) in the order `order`, with no
   * PARTITION BY: `from` is the FROM item, `over(frame)` the OVER clause of a running aggregate (with `frame`),
   * ROW_NUMBER, LAG or LEAD. Most engines: `OVER (ORDER BY …)`. DuckDB keeps such a window's whole input in memory
   * (1.1 GB for 2M distinct scores, no spilling), but streams a window with an empty OVER over rows already
   * ordered, holding a row or two; its sort spills. So there the rows are sorted first and the window has no
   * ORDER BY. Whole-input aggregates (`SUM(x) OVER ()`) are never streamed: take them from a grouped CTE.
   */
  ordered(relation: string, order: string): { from: string; over(frame?: string): string };
  /**
   * Engines whose session can hold a table of its own outside the database (DuckDB's temp catalog: in memory and
   * spilled to the engine's spill directory, gone when the session ends, the database file untouched and read-only):
   * the statements that create `name` from a SELECT and drop it. A computation too large for one query under the
   * buffer pool runs in stages through them (DeLong's test: each stage one hash join, where one query had two held at
   * once). Absent where a session cannot (PostgreSQL's read-only transaction, BigQuery's read-only jobs): one query.
   */
  sessionTable?(name: string, select: string): { create: string; drop: string };
}

/** A column of a table of parameters: finite doubles, integers, booleans or texts (NULL too). */
export interface ParameterColumn {
  type: 'double' | 'integer' | 'boolean' | 'text';
  values: unknown[];
}

/**
 * DuckDB: each column one JSON array bound as text, unnested (columns of equal length are unnested side by side).
 * JSON carries doubles exactly (JavaScript writes the shortest text that reads back to the same double, DuckDB's
 * JSON reader reads it so) and texts escaped; no value reaches the SQL but as a parameter.
 */
function duckdbParameterTable(add: (value: unknown) => string, columns: Record<string, ParameterColumn>): string {
  const types = { double: 'DOUBLE', integer: 'BIGINT', boolean: 'BOOLEAN', text: 'VARCHAR' } as const;
  for (const c of Object.values(columns))
    if (c.type === 'double' && !c.values.every(Number.isFinite)) throw new Error('not a finite number in a table');
  const unnested = Object.entries(columns).map(
    ([name, c]) =>
      `unnest(from_json(CAST(${add(JSON.stringify(c.values))} AS VARCHAR), '["${types[c.type]}"]')) AS ${name}`,
  );
  return `(SELECT ${unnested.join(', ')})`;
}

/** `ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`: the frame of a running sum. */
export const RUNNING = 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW';

/** OVER (ORDER BY …): windows as the SQL standard writes them. */
function orderedWindow(relation: string, order: string) {
  return { from: relation, over: (frame?: string) => `OVER (ORDER BY ${order}${frame ? ` ${frame}` : ''})` };
}

/** Sorted rows, then a window with an empty OVER, which DuckDB streams (PhysicalStreamingWindow). */
function streamedWindow(relation: string, order: string) {
  return {
    from: `(SELECT * FROM ${relation} ORDER BY ${order}) AS modelgate_ordered`,
    over: (frame?: string) => `OVER (${frame ?? ''})`,
  };
}

/** A double literal (of numbers we generate: never a user value). */
export function doubleLiteral(d: BaseDialect, x: number): string {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  return d.toDouble(String(x));
}

/** The shared dialect with the metrics' additions. */
export function metricDialect(d: BaseDialect): MetricDialect {
  const base = {
    engine: d.engine,
    identifier: (n: string) => d.identifier(n),
    param: (i: number) => d.param(i),
    toDouble: (e: string) => d.toDouble(e),
    toText: (e: string) => d.toText(e),
  };
  switch (d.engine) {
    case 'postgresql':
      return {
        ...base,
        exactSum: (e) => `CAST(SUM(CAST(${e} AS numeric)) AS double precision)`,
        medianQuery: (relation, e) =>
          `SELECT g, percentile_cont(0.5) WITHIN GROUP (ORDER BY ${e}) AS value FROM ${relation} GROUP BY g`,
        ordered: orderedWindow,
      };
    case 'duckdb':
      return {
        ...base,
        exactSum: (e) => `fsum(${e})`,
        medianQuery: (relation, e) => `SELECT g, quantile_cont(${e}, 0.5) AS value FROM ${relation} GROUP BY g`,
        narrowedMedian: { log2: (e) => `log2(${e})`, table: duckdbParameterTable },
        ordered: streamedWindow,
        sessionTable: (name, select) => ({
          create: `CREATE TEMP TABLE ${d.identifier(name)} AS ${select}`,
          drop: `DROP TABLE IF EXISTS temp.${d.identifier(name)}`,
        }),
      };
    case 'bigquery':
      return {
        ...base,
        // NUMERIC(38, 9) sums exactly; what rounding to 9 places leaves (under 5e-10 a term) is summed as doubles,
        // so the error is below n·5e-10·2^-53. Terms beyond NUMERIC's range (|x| >= 1e28: mape of a 0 truth) and
        // NaN are summed as doubles alone. (BIGNUMERIC would do in one cast, but the stand-in's sqlglot cannot
        // parse it.)
        exactSum: (e) => {
          const high = `CASE WHEN ABS(${e}) < 1e28 THEN CAST(${e} AS NUMERIC(38, 9)) ELSE 0 END`;
          return `(CAST(SUM(${high}) AS FLOAT64) + SUM((${e}) - CAST(${high} AS FLOAT64)))`;
        },
        // PERCENTILE_CONT is analytic only in BigQuery (and beyond the stand-in's sqlglot): the two middle values of
        // each group by ROW_NUMBER, averaged as np.median does
        medianQuery: (relation, e) =>
          `SELECT g, (MIN(CASE WHEN rn = FLOOR((n + 1) / 2) THEN v END) + MIN(CASE WHEN rn = FLOOR(n / 2) + 1 THEN v END)) / 2 AS value ` +
          `FROM (SELECT g, ${e} AS v, ROW_NUMBER() OVER (PARTITION BY g ORDER BY ${e}) AS rn, COUNT(*) OVER (PARTITION BY g) AS n FROM ${relation}) AS m ` +
          `WHERE rn = FLOOR((n + 1) / 2) OR rn = FLOOR(n / 2) + 1 GROUP BY g`,
        ordered: orderedWindow,
      };
  }
}
