/** PostgreSQL: `$1` parameters, POSIX regular expressions (`~`), ordered-set aggregates for exact quantiles. */
import { type Dialect, doubleQuoted, rankedQuantilesQuery, numberLiteral, rankFractions } from '../dialect.ts';

export const postgresql: Dialect = {
  engine: 'postgresql',
  identifier: doubleQuoted,
  param: (index) => `$${index + 1}`,
  // PostgreSQL's advanced regular expressions accept RE2's common syntax (classes, \d \w \s, {m,n}, (?:…)); the
  // pattern is bound as text, so it is never parsed as SQL
  regexContains: (text, pattern) => `(${text} ~ ${pattern})`,
  textLength: (text) => `char_length(${text})`,
  toDouble: (expr) => `CAST(${expr} AS double precision)`,
  toText: (expr) => `CAST(${expr} AS text)`,
  isFinite: (expr) => `(${expr} NOT IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8))`,
  countIf: (condition) => `count(*) FILTER (WHERE ${condition})`,
  quantiles: (expr, buckets) =>
    `percentile_disc(ARRAY[${rankFractions(buckets).join(',')}]::float8[]) WITHIN GROUP (ORDER BY ${expr})`,
  exactQuantiles: true,
  quantilesQuery: rankedQuantilesQuery,
  percentileQuery: (relation, expr, fraction) =>
    `SELECT percentile_cont(${numberLiteral(fraction)}) WITHIN GROUP (ORDER BY ${expr}) AS value FROM ${relation}`,
  limit: (rows) => `LIMIT ${numberLiteral(Math.trunc(rows))}`,
};
