/**
 * validate-data on SQL tables whose columns are text (as a raw landing table often is): every kind of schema check
 * fails on planted rows, and PostgreSQL and DuckDB report the same failing-row counts, observed values and
 * examples (by key) as the file mode on the same rows. Type checks of text cells follow the file mode's grammar.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresReaderUrl } from '../../helpers/postgres.ts';
import { dropPostgres, loadDuckdb, loadPostgres, postgresAnswers } from '../../helpers/sql-tables.ts';
import { validate } from './harness.ts';
import { defectsCsv } from '../../helpers/planted-defects.ts';

const SCHEMA = `columns:
  id: { type: integer, unique: true, nullable: false }
  age: { type: integer, nullable: false, min: 18, max: 120 }
  score: { type: number, min: 0, max: 1 }
  plan: { type: string, allowed: [basic, pro, team], pattern: '^[a-z]+$', min-length: 3, max-length: 5 }
  active: { type: boolean }
  day: { type: date, min: 2020-01-01, max: 2025-12-31 }
  email: { type: string, max-null-fraction: { value: 0.01, level: warn }, pattern: '@example\\.(com|eu)$' }
rows: { min: 10, max: 250 }
`;

const live = await postgresAnswers();
if (!live && !process.env['CI'])
  console.warn(
    `\n!!! SKIPPING validate-data SQL defects on PostgreSQL: no cluster on 127.0.0.1:55432, and CI is not set.\n`,
  );
const PG_SCHEMA = `mg_defects_${process.pid}`;

type Check = { column: string | null; check: string; failing_rows: number; examples: { row?: number }[] };
type Report = { passed: boolean; rows: number; checks: Check[] };
const withoutRows = (r: Report) => ({
  ...r,
  source: undefined,
  checks: r.checks.map((c) => ({ ...c, examples: c.examples.map(({ row: _row, ...e }) => e) })),
});

describe.skipIf(!live && !process.env['CI'])('validate-data on text-typed SQL tables with planted defects', () => {
  let dir: string;
  let files: Report;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'validate-sql-defects-'));
    writeFileSync(join(dir, 'defects.csv'), defectsCsv());
    writeFileSync(join(dir, 'schema.yml'), SCHEMA);
    await loadPostgres(PG_SCHEMA, { landing: join(dir, 'defects.csv') }, {});
    await loadDuckdb(join(dir, 'landing.duckdb'), { landing: join(dir, 'defects.csv') }, {});
    const out = await validate(dir, {
      data: 'defects.csv',
      schema: 'schema.yml',
      'key-columns': 'id',
      'fail-on': 'never',
    });
    expect(out.exitCode, out.stdout).toBe(0);
    files = JSON.parse(readFileSync(join(dir, 'modelgate-validation.json'), 'utf8')) as Report;
  }, 120_000);
  afterAll(async () => {
    if (live || process.env['CI']) await dropPostgres(PG_SCHEMA);
  });

  it('the file mode finds every planted defect', () => {
    const failing = Object.fromEntries(
      files.checks.filter((c) => c.failing_rows > 0).map((c) => [`${c.column}.${c.check}`, c.failing_rows]),
    );
    for (const key of [
      'id.unique',
      'age.type',
      'age.nullable',
      'age.min',
      'age.max',
      'score.type',
      'score.max',
      'score.min',
    ])
      expect(failing[key], key).toBeGreaterThan(0);
    for (const key of [
      'plan.allowed',
      'plan.pattern',
      'plan.min-length',
      'plan.max-length',
      'active.type',
      'day.type',
      'day.min',
      'day.max',
      'email.pattern',
    ])
      expect(failing[key], key).toBeGreaterThan(0);
  });

  for (const [engine, connection, data] of [
    ['PostgreSQL', postgresReaderUrl, `${PG_SCHEMA}.landing`],
    ['DuckDB', 'duckdb:landing.duckdb', 'landing'],
  ] as const) {
    it(`${engine}: the same checks, counts, observed values and examples by key as the file mode`, async () => {
      const out = await validate(dir, {
        connection,
        data,
        schema: 'schema.yml',
        'key-columns': 'id',
        'fail-on': 'never',
        report: 'sql.json',
      });
      expect(out.exitCode, out.stdout).toBe(0);
      const report = JSON.parse(readFileSync(join(dir, 'sql.json'), 'utf8')) as Report;
      expect(withoutRows(report)).toEqual(withoutRows(files));
    });
  }
});
