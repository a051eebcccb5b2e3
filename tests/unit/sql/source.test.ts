import { describe, expect, it } from 'vitest';
import { bigquery } from '../../../packages/core/src/sql/dialects/bigquery.ts';
import { duckdb } from '../../../packages/core/src/sql/dialects/duckdb.ts';
import { postgresql } from '../../../packages/core/src/sql/dialects/postgresql.ts';
import { parseSource } from '../../../packages/core/src/sql/source.ts';
import { Params } from '../../../packages/core/src/validate/sql/params.ts';

describe('data values in SQL mode', () => {
  it('table names are validated and quoted again by the dialect', () => {
    expect(parseSource('analytics.customers', postgresql, 'data').relation).toBe('"analytics"."customers"');
    expect(parseSource('my-project.churn.batch', bigquery, 'data').relation).toBe('`my-project`.`churn`.`batch`');
    expect(parseSource('`my-project.churn.batch`', bigquery, 'data').relation).toBe('`my-project`.`churn`.`batch`');
    expect(parseSource('"Sales 2024"."Q1 ""final"""', duckdb, 'data').relation).toBe('"Sales 2024"."Q1 ""final"""');
  });

  it('anything else that is not a query is refused, naming the input', () => {
    for (const bad of ['batch; DROP TABLE x', 'a.b.c.d', 'x y', 'a..b', "a' OR 1=1", 'DELETE FROM t'])
      expect(() => parseSource(bad, postgresql, 'reference'), bad).toThrow(/neither a table name nor a query/);
  });

  it('queries (SELECT or WITH, after comments and parentheses) are wrapped as a subquery', () => {
    const q = parseSource('-- last week\n(select * from t where d > now() - interval 7 day);', duckdb, 'data');
    expect(q.kind).toBe('query');
    expect(q.relation).toBe(
      '(-- last week\n(select * from t where d > now() - interval 7 day)\n) AS "modelgate_source"',
    );
    expect(parseSource('WITH a AS (SELECT 1) SELECT * FROM a', postgresql, 'data').kind).toBe('query');
  });
});

describe('bound parameters', () => {
  it('numbers the values a query uses, in order, in each dialect', () => {
    for (const [dialect, first, second] of [
      [postgresql, '$1', '$2'],
      [duckdb, '$1', '$2'],
      [bigquery, '@p0', '@p1'],
    ] as const) {
      const p = new Params(dialect);
      const a = p.add("it's");
      const b = p.add(18);
      const c = p.add('unused');
      expect(p.bind(`x = ${b} OR y = ${a} OR z = ${b}`)).toEqual({
        sql: `x = ${first} OR y = ${second} OR z = ${first}`,
        values: [18, "it's"],
      });
      expect(p.bind(`w = ${c}`).values).toEqual(['unused']);
    }
  });
});
