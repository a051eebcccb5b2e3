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
   * DuckDB uses its Kahan-Babuska fsum, BigQuery adds in BIGNUMERIC (38 decimal places).
   */
  exactSum(expr: string): string;
  /**
   * A query of the exact median (`percentile_cont(0.5)`, numpy's median) of `expr` per value of `g` over
   * `relation` (a FROM clause whose rows have the column `g`): rows (g, value).
   */
  medianQuery(relation: string, expr: string): string;
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
      };
    case 'duckdb':
      return {
        ...base,
        exactSum: (e) => `fsum(${e})`,
        medianQuery: (relation, e) => `SELECT g, quantile_cont(${e}, 0.5) AS value FROM ${relation} GROUP BY g`,
      };
    case 'bigquery':
      return {
        ...base,
        exactSum: (e) => `CAST(SUM(CAST(${e} AS BIGNUMERIC)) AS FLOAT64)`,
        // PERCENTILE_CONT is analytic only in BigQuery: over each group's rows, then one row per group
        medianQuery: (relation, e) =>
          `SELECT g, ANY_VALUE(value) AS value FROM (SELECT g, PERCENTILE_CONT(${e}, 0.5) OVER (PARTITION BY g) AS value FROM ${relation}) AS m GROUP BY g`,
      };
  }
}
