/**
 * BigQuery (GoogleSQL): `@p0` named parameters, backquoted identifiers, RE2 regular expressions. Its only quantile
 * aggregate is APPROX_QUANTILES (not exact; the error is the engine's); exact percentiles are analytic functions.
 */
import { type Dialect, numberLiteral } from '../dialect.ts';

/** `` `name` `` with backslash escapes, as GoogleSQL's quoted identifiers. */
function backquoted(name: string): string {
  if (name.includes('\0')) throw new Error('an identifier cannot contain a NUL character');
  return `\`${name.replace(/[\\`]/g, (c) => `\\${c}`)}\``;
}

export const bigquery: Dialect = {
  engine: 'bigquery',
  identifier: backquoted,
  param: (index) => `@p${index}`,
  regexContains: (text, pattern) => `REGEXP_CONTAINS(${text}, ${pattern})`,
  textLength: (text) => `CHAR_LENGTH(${text})`,
  toDouble: (expr) => `CAST(${expr} AS FLOAT64)`,
  toText: (expr) => `CAST(${expr} AS STRING)`,
  isFinite: (expr) => `(NOT IS_NAN(${expr}) AND NOT IS_INF(${expr}))`,
  countIf: (condition) => `COUNTIF(${condition})`,
  quantiles: (expr, buckets) => `APPROX_QUANTILES(${expr}, ${numberLiteral(buckets)})`,
  exactQuantiles: false,
  quantilesQuery: (relation, expr, _count, buckets) => ({
    sql: `SELECT APPROX_QUANTILES(${expr}, ${numberLiteral(buckets)}) AS value FROM ${relation}`,
    read: (rows) => ((rows[0]?.['value'] as unknown[] | undefined) ?? []).map(Number),
  }),
  // PERCENTILE_CONT is analytic only in BigQuery: computed over the whole relation, then one row taken
  percentileQuery: (relation, expr, fraction) =>
    `SELECT ANY_VALUE(value) AS value FROM (SELECT PERCENTILE_CONT(${expr}, ${numberLiteral(fraction)}) OVER () AS value FROM ${relation})`,
  limit: (rows) => `LIMIT ${numberLiteral(Math.trunc(rows))}`,
};
