/** DuckDB: `$1` parameters, RE2 regular expressions, exact quantiles over lists of fractions. */
import { type Dialect, doubleQuoted, rankedQuantilesQuery, numberLiteral, rankFractions } from '../dialect.ts';

export const duckdb: Dialect = {
  engine: 'duckdb',
  identifier: doubleQuoted,
  param: (index) => `$${index + 1}`,
  // regexp_matches is RE2 and matches anywhere in the text, as the file mode's pattern check
  regexContains: (text, pattern) => `regexp_matches(${text}, ${pattern})`,
  textLength: (text) => `length(${text})`,
  toDouble: (expr) => `CAST(${expr} AS DOUBLE)`,
  toText: (expr) => `CAST(${expr} AS VARCHAR)`,
  isFinite: (expr) => `isfinite(${expr})`,
  countIf: (condition) => `count(*) FILTER (WHERE ${condition})`,
  quantiles: (expr, buckets) => `quantile_disc(${expr}, [${rankFractions(buckets).join(',')}])`,
  exactQuantiles: true,
  quantilesQuery: rankedQuantilesQuery,
  percentileQuery: (relation, expr, fraction) =>
    `SELECT quantile_cont(${expr}, ${numberLiteral(fraction)}) AS value FROM ${relation}`,
  limit: (rows) => `LIMIT ${numberLiteral(Math.trunc(rows))}`,
};
