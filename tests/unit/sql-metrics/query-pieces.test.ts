/**
 * The pieces every metric query is made of (sql/metrics/query.ts) and the reading of the clients' values
 * (sql/metrics/values.ts), by hand: the SQL text each piece writes and the parameters it binds, in order.
 */
import { describe, expect, it } from 'vitest';
import { duckdb } from '@modelgate/core/sql/dialects/duckdb';
import { bigquery } from '@modelgate/core/sql/dialects/bigquery';
import { doubleOf, groupExpr, groupKey, labelIndex, oneOf, Params, textOf } from '@modelgate/core/sql/metrics/query';
import { metricDialect } from '@modelgate/core/sql/metrics/sql-dialect';
import { num, text } from '@modelgate/core/sql/metrics/values';

const d = metricDialect(duckdb);

describe('metric query pieces', () => {
  it('Params binds values in order, each placeholder the dialect’s', () => {
    const p = new Params(d);
    expect(p.add('x')).toBe('$1');
    expect(p.add(2)).toBe('$2');
    expect(p.values).toEqual(['x', 2]);
    const q = new Params(metricDialect(bigquery));
    expect(q.add('y')).toBe('@p0');
    expect(q.values).toEqual(['y']);
  });

  it('the group is a constant for the whole table, the slice column’s text otherwise', () => {
    expect(groupExpr(d, undefined)).toBe('0');
    expect(groupExpr(d, 'region')).toBe('CAST("region" AS VARCHAR)');
    expect(textOf(d, 'label')).toBe('CAST("label" AS VARCHAR)');
    expect(doubleOf(d, 'score')).toBe('CAST("score" AS DOUBLE)');
  });

  it('labelIndex maps each label’s text (bound) to its index; NULL when there are no labels', () => {
    const p = new Params(d);
    expect(labelIndex(p, 't', new Map())).toBe('NULL');
    expect(p.values).toEqual([]);
    expect(
      labelIndex(
        p,
        't',
        new Map([
          ['cat', 0],
          ['dog', 1],
        ]),
      ),
    ).toBe('CASE t WHEN $1 THEN 0 WHEN $2 THEN 1 END');
    expect(p.values).toEqual(['cat', 'dog']);
  });

  it('oneOf is 1 for the listed texts (bound), 0 for every row when none are listed', () => {
    const p = new Params(d);
    expect(oneOf(p, 't', [])).toBe('0');
    expect(p.values).toEqual([]);
    expect(oneOf(p, 't', ['a', 'b'])).toBe('CASE WHEN t IN ($1, $2) THEN 1 ELSE 0 END');
    expect(p.values).toEqual(['a', 'b']);
  });

  it('groupKey reads the row’s g as text, null for NULL or a missing g', () => {
    expect(groupKey({ g: 'eu' })).toBe('eu');
    expect(groupKey({ g: 0 })).toBe('0');
    expect(groupKey({ g: null })).toBeNull();
    expect(groupKey({})).toBeNull();
  });
});

describe('client values', () => {
  it('num: numbers as they are, bigint and numeric text converted, NaN for null', () => {
    expect(num(2.5)).toBe(2.5);
    expect(num(12345678901234567890n)).toBe(12345678901234567000);
    expect(num('0.125')).toBe(0.125);
    expect(num({ toString: () => '7.5' })).toBe(7.5);
    expect(num(null)).toBeNaN();
    expect(num(undefined)).toBeNaN();
  });

  it('text: the value’s text, null for NULL', () => {
    expect(text('eu')).toBe('eu');
    expect(text(3n)).toBe('3');
    expect(text(0)).toBe('0');
    expect(text(null)).toBeNull();
    expect(text(undefined)).toBeNull();
  });
});
