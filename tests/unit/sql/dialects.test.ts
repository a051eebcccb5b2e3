/**
 * What each engine is sent: the dialect objects' SQL, pinned as each engine's documentation writes it (PostgreSQL
 * and BigQuery run only in the integration tests and a stand-in, so a changed function name or cast would
 * otherwise go unnoticed until a user's warehouse refuses it), and the shared helpers by hand: quantile ranks,
 * number literals, quoted identifiers.
 */
import { describe, expect, it } from 'vitest';
import {
  discreteRanks,
  doubleQuoted,
  numberLiteral,
  rankFractions,
  rankedQuantilesQuery,
} from '../../../packages/core/src/sql/dialect.ts';
import { bigquery } from '../../../packages/core/src/sql/dialects/bigquery.ts';
import { duckdb } from '../../../packages/core/src/sql/dialects/duckdb.ts';
import { postgresql } from '../../../packages/core/src/sql/dialects/postgresql.ts';

describe('each dialect writes its engine’s SQL', () => {
  it('PostgreSQL: POSIX ~, char_length, double precision and text casts, NaN and infinities excluded by value', () => {
    expect(postgresql.engine).toBe('postgresql');
    expect(postgresql.param(0)).toBe('$1');
    expect(postgresql.regexContains('t', '$2')).toBe('(t ~ $2)');
    expect(postgresql.textLength('t')).toBe('char_length(t)');
    expect(postgresql.toDouble('x')).toBe('CAST(x AS double precision)');
    expect(postgresql.toText('x')).toBe('CAST(x AS text)');
    expect(postgresql.isFinite('x')).toBe("(x NOT IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8))");
    expect(postgresql.countIf('x > 1')).toBe('count(*) FILTER (WHERE x > 1)');
    expect(postgresql.quantiles('x', 2)).toBe('percentile_disc(ARRAY[0,0.5,1]::float8[]) WITHIN GROUP (ORDER BY x)');
    expect(postgresql.exactQuantiles).toBe(true);
    expect(postgresql.quantilesQuery).toBe(rankedQuantilesQuery);
    expect(postgresql.percentileQuery('t', 'x', 0.25)).toBe(
      'SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY x) AS value FROM t',
    );
    expect(postgresql.limit(10.9)).toBe('LIMIT 10');
  });

  it('DuckDB: regexp_matches, length, DOUBLE and VARCHAR casts, isfinite, quantile_disc over a list', () => {
    expect(duckdb.engine).toBe('duckdb');
    expect(duckdb.param(2)).toBe('$3');
    expect(duckdb.regexContains('t', '$2')).toBe('regexp_matches(t, $2)');
    expect(duckdb.textLength('t')).toBe('length(t)');
    expect(duckdb.toDouble('x')).toBe('CAST(x AS DOUBLE)');
    expect(duckdb.toText('x')).toBe('CAST(x AS VARCHAR)');
    expect(duckdb.isFinite('x')).toBe('isfinite(x)');
    expect(duckdb.countIf('x > 1')).toBe('count(*) FILTER (WHERE x > 1)');
    expect(duckdb.quantiles('x', 4)).toBe('quantile_disc(x, [0,0.25,0.5,0.75,1])');
    expect(duckdb.exactQuantiles).toBe(true);
    expect(duckdb.quantilesQuery).toBe(rankedQuantilesQuery);
    expect(duckdb.percentileQuery('t', 'x', 0.5)).toBe('SELECT quantile_cont(x, 0.5) AS value FROM t');
    expect(duckdb.limit(3)).toBe('LIMIT 3');
  });

  it('BigQuery: @p parameters, REGEXP_CONTAINS, COUNTIF, FLOAT64 and STRING casts, approximate quantiles', () => {
    expect(bigquery.engine).toBe('bigquery');
    expect(bigquery.param(0)).toBe('@p0');
    expect(bigquery.regexContains('t', '@p1')).toBe('REGEXP_CONTAINS(t, @p1)');
    expect(bigquery.textLength('t')).toBe('CHAR_LENGTH(t)');
    expect(bigquery.toDouble('x')).toBe('CAST(x AS FLOAT64)');
    expect(bigquery.toText('x')).toBe('CAST(x AS STRING)');
    expect(bigquery.isFinite('x')).toBe('(NOT IS_NAN(x) AND NOT IS_INF(x))');
    expect(bigquery.countIf('x > 1')).toBe('COUNTIF(x > 1)');
    expect(bigquery.quantiles('x', 4)).toBe('APPROX_QUANTILES(x, 4)');
    expect(bigquery.exactQuantiles).toBe(false);
    expect(bigquery.percentileQuery('t', 'x', 0.5)).toBe(
      'SELECT ANY_VALUE(value) AS value FROM (SELECT PERCENTILE_CONT(x, 0.5) OVER () AS value FROM t)',
    );
    expect(bigquery.limit(7.5)).toBe('LIMIT 7');
  });

  it('BigQuery quantiles: one array row read as numbers; no row reads as no quantiles', () => {
    const q = bigquery.quantilesQuery('t', 'x', 100, 2);
    expect(q.sql).toBe('SELECT APPROX_QUANTILES(x, 2) AS value FROM t');
    expect(q.read([{ value: ['1', 2.5, 4] }])).toEqual([1, 2.5, 4]);
    expect(q.read([])).toEqual([]);
    expect(q.read([{}])).toEqual([]);
  });

  it('BigQuery identifiers: backquoted, with \\ and ` escaped by a backslash; NUL refused', () => {
    expect(bigquery.identifier('a`b\\c d')).toBe('`a\\`b\\\\c d`');
    expect(() => bigquery.identifier('a\0b')).toThrow('an identifier cannot contain a NUL character');
  });
});

describe('the helpers every dialect shares', () => {
  it('a delimited identifier doubles ", and refuses NUL', () => {
    expect(doubleQuoted('My "best" table')).toBe('"My ""best"" table"');
    expect(() => doubleQuoted('x\0')).toThrow('an identifier cannot contain a NUL character');
  });

  it('number literals are finite numbers only', () => {
    expect(numberLiteral(0.125)).toBe('0.125');
    expect(numberLiteral(-3)).toBe('-3');
    for (const bad of [Number.NaN, Infinity, -Infinity])
      expect(() => numberLiteral(bad)).toThrow(/not a finite number/);
  });

  it('rank fractions 0 .. 1 in `buckets` steps; buckets must be a positive integer', () => {
    expect(rankFractions(1)).toEqual(['0', '1']);
    expect(rankFractions(4)).toEqual(['0', '0.25', '0.5', '0.75', '1']);
    for (const bad of [0, -2, 1.5])
      expect(() => rankFractions(bad)).toThrow(`buckets must be a positive integer: ${bad}`);
  });

  it('lower-quantile ranks: the first value whose cumulative share reaches the fraction, at least the first', () => {
    // 10 values, 4 buckets: 0, 2.5, 5, 7.5, 10 of them -> ranks 1, 3, 5, 8, 10
    expect(discreteRanks(10, 4)).toEqual([1, 3, 5, 8, 10]);
    // 0.3 * 10 is 3.0000000000000004 in doubles: still the 3rd value, not the 4th
    expect(discreteRanks(10, 10)).toEqual([1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(discreteRanks(1, 2)).toEqual([1, 1, 1]);
  });

  it('the ranked quantiles query asks for each distinct rank once and reads the values back in rank order', () => {
    const q = rankedQuantilesQuery('t', '"x"', 10, 4);
    expect(q.sql).toBe(
      'SELECT modelgate_rank AS rank, modelgate_value AS value FROM (' +
        'SELECT modelgate_value, ROW_NUMBER() OVER (ORDER BY modelgate_value) AS modelgate_rank FROM ' +
        '(SELECT "x" AS modelgate_value FROM t) AS modelgate_values WHERE modelgate_value IS NOT NULL' +
        ') AS modelgate_ranked WHERE modelgate_rank IN (1, 3, 5, 8, 10)',
    );
    expect(rankedQuantilesQuery('t', 'x', 1, 2).sql).toMatch(/IN \(1\)$/);
    // ranks come back in any order, as text or numbers; a missing rank reads as NaN
    const rows = [
      { rank: '8', value: '7.5' },
      { rank: 1, value: 0 },
      { rank: 10, value: 9 },
      { rank: 3, value: 2 },
    ];
    expect(q.read(rows)).toEqual([0, 2, Number.NaN, 7.5, 9]);
  });
});
