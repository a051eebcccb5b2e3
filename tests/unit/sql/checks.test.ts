/**
 * The schema checks in the engine (validate/sql/checks.ts) on a five-row DuckDB table with hand-counted results:
 * failing counts, observed values, examples in key order (a unique check's second and later rows), the table-level
 * `present` and `rows` checks, and the nulls and distinct counts handed to the summaries.
 */
import { describe, expect, it } from 'vitest';
import { parseDataSchema } from '@modelgate/core/contracts/schema';
import { parseDocumentText } from '@modelgate/core/inputs/document';
import { parseConnection } from '@modelgate/core/sql/connection';
import { openEngine } from '@modelgate/core/sql/engine';
import { runChecks } from '@modelgate/core/validate/sql/checks';
import { planColumn } from '@modelgate/core/validate/sql/column-plan';
import { Params } from '@modelgate/core/validate/sql/params';

const table =
  "SELECT * FROM (VALUES (3, 'a', 0.5::DOUBLE), (1, 'b', NULL), (2, 'a', 1.5), (5, '', 2.0), (4, 'a', -1.0)) AS t(id, name, score)";

const schemaYaml = `
columns:
  id: { type: integer, unique: true }
  name: { type: string, unique: true, max-null-fraction: 0.1, pattern: '^[a-z]$', max-length: 1, allowed: [a, b] }
  score: { type: number, min: 0, max: 1.0, nullable: false }
  missing: { type: string }
rows: { min: 1, max: 4 }
`;

async function run(select: string, yaml: string, keys: string[]) {
  const engine = await openEngine(parseConnection('duckdb:'));
  try {
    const schema = parseDataSchema(parseDocumentText(yaml, { file: 'schema.yml' }));
    const relation = `(${select}) AS rel`;
    const params = new Params(engine.dialect);
    const plans = (await engine.describe(`SELECT * FROM ${relation}`)).map((c) =>
      planColumn(c, schema.columns[c.name], engine.dialect, params),
    );
    return await runChecks(engine, relation, plans, params, keys, schema);
  } finally {
    await engine.close();
  }
}

describe('runChecks in the engine', () => {
  it('counts, observed values and examples by key, by hand', async () => {
    const r = await run(table, schemaYaml, ['id']);
    const check = (column: string | null, name: string) =>
      r.checks.find((c) => c.column === column && c.check === name);
    expect(r.rows).toBe(5);
    expect([...r.nulls]).toEqual([
      ['id', 0],
      ['name', 1],
      ['score', 1],
    ]);
    expect([...r.distinct]).toEqual([
      ['id', 5],
      ['name', 2],
    ]);
    expect(check('id', 'type')).toMatchObject({ passed: true, failing_rows: 0, observed: 'integer', examples: [] });
    expect(check('id', 'unique')).toMatchObject({ passed: true, failing_rows: 0, examples: [] });
    // '' is a null in a text column: 1 of 5 rows
    expect(check('name', 'max-null-fraction')).toMatchObject({
      passed: false,
      level: 'fail',
      failing_rows: 1,
      observed: 0.2,
      expected: 0.1,
      examples: [{ value: null, key: { id: 5 } }],
    });
    // 'a' at ids 2, 3, 4 in key order: the second and third are the repeats
    expect(check('name', 'unique')).toMatchObject({
      passed: false,
      failing_rows: 2,
      examples: [
        { value: 'a', key: { id: 3 } },
        { value: 'a', key: { id: 4 } },
      ],
    });
    expect(check('name', 'pattern')).toMatchObject({ passed: true, failing_rows: 0 });
    expect(check('name', 'max-length')).toMatchObject({ passed: true, failing_rows: 0 });
    expect(check('name', 'allowed')).toMatchObject({ passed: true, failing_rows: 0 });
    expect(check('score', 'nullable')).toMatchObject({
      passed: false,
      failing_rows: 1,
      observed: 1,
      expected: false,
      examples: [{ value: null, key: { id: 1 } }],
    });
    expect(check('score', 'min')).toMatchObject({
      passed: false,
      failing_rows: 1,
      observed: -1,
      expected: 0,
      examples: [{ value: '-1.0', key: { id: 4 } }],
    });
    expect(check('score', 'max')).toMatchObject({
      passed: false,
      failing_rows: 2,
      observed: 2,
      examples: [
        { value: '1.5', key: { id: 2 } },
        { value: '2.0', key: { id: 5 } },
      ],
    });
    expect(check('missing', 'present')).toMatchObject({
      passed: false,
      level: 'fail',
      expected: true,
      observed: false,
      message: 'column is in the schema but not in the data',
    });
    expect(check(null, 'rows')).toMatchObject({ passed: false, expected: { min: 1, max: 4 }, observed: 5 });
  });

  it('without keys the examples are in value order; failing texts, lengths and allowed values; extra columns', async () => {
    const yaml = `
columns:
  name: { type: string, pattern: '^[a-c]+$', min-length: 2, max-length: 3, allowed: { value: [ab, abc, zz], level: warn } }
  n: { type: integer, min: 2, max-null-fraction: 0.5 }
rows: { max: 10 }
`;
    const select =
      "SELECT * FROM (VALUES ('zz', 1, 'x'), ('abcd', 2, 'y'), ('a', NULL, 'z'), ('ab', 3, 'w'), ('b', NULL, 'v')) AS t(name, n, extra)";
    const r = await run(select, yaml, []);
    const check = (column: string | null, name: string) =>
      r.checks.find((c) => c.column === column && c.check === name);
    expect(check('name', 'pattern')).toMatchObject({
      failing_rows: 2,
      examples: [{ value: 'abcd' }, { value: 'zz' }],
    });
    expect(check('name', 'min-length')).toMatchObject({ failing_rows: 2, examples: [{ value: 'a' }, { value: 'b' }] });
    expect(check('name', 'max-length')).toMatchObject({ failing_rows: 1, examples: [{ value: 'abcd' }] });
    expect(check('name', 'allowed')).toMatchObject({
      passed: false,
      level: 'warn',
      failing_rows: 3,
      examples: [{ value: 'a' }, { value: 'abcd' }, { value: 'b' }],
    });
    expect(check('n', 'min')).toMatchObject({ failing_rows: 1, observed: 1, examples: [{ value: '1' }] });
    // 2 of 5 rows null: within 0.5
    expect(check('n', 'max-null-fraction')).toMatchObject({ passed: true, observed: 0.4, failing_rows: 2 });
    expect(check('extra', 'present')).toMatchObject({
      passed: false,
      level: 'warn',
      expected: false,
      observed: true,
      message: 'column is in the data but not in the schema',
    });
    expect(check(null, 'rows')).toMatchObject({ passed: true, expected: { max: 10 }, observed: 5 });
    expect(r.distinct.size).toBe(0);
  });

  it('an empty table: a null fraction of 0 passes, bounds observe nothing', async () => {
    const r = await run(
      'SELECT * FROM (VALUES (1)) AS t(n) WHERE n > 1',
      'columns:\n  n: { type: integer, max-null-fraction: 0, max: 5 }\n',
      [],
    );
    expect(r.rows).toBe(0);
    const fraction = r.checks.find((c) => c.check === 'max-null-fraction')!;
    expect(fraction).toMatchObject({ passed: true, observed: 0 });
    expect(r.checks.find((c) => c.check === 'max')).toMatchObject({ passed: true, observed: null });
    expect(r.checks.some((c) => c.check === 'rows')).toBe(false);
  });

  it('allowed booleans, dates and numbers are compared as the column’s SQL value reads them', async () => {
    const yaml = `
columns:
  b: { type: boolean, allowed: [true] }
  d: { type: date, allowed: ['2024-01-01'] }
  x: { type: number, allowed: [1.5] }
`;
    const select =
      "SELECT * FROM (VALUES (TRUE, DATE '2024-01-01', 1.5::DOUBLE), (FALSE, DATE '2024-01-02', 2.5), (TRUE, DATE '2024-01-01', 1.5)) AS t(b, d, x)";
    const r = await run(select, yaml, []);
    const allowed = (column: string) => r.checks.find((c) => c.column === column && c.check === 'allowed');
    expect(allowed('b')).toMatchObject({ failing_rows: 1, examples: [{ value: 'false' }] });
    expect(allowed('d')).toMatchObject({ failing_rows: 1, examples: [{ value: '2024-01-02' }] });
    expect(allowed('x')).toMatchObject({ failing_rows: 1, examples: [{ value: '2.5' }] });
  });
});
