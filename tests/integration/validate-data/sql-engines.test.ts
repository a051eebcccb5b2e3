/**
 * validate-data on PostgreSQL and DuckDB tables (issue 14): the example churn data loaded into both gives the
 * same report as the files (checks, failing-row counts, examples by key, drift statistics to 1e-9), the password
 * never appears in any output, and nothing is created in the database.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READER_PASSWORD, postgresReaderUrl } from '../../helpers/postgres.ts';
import {
  type SqlType,
  catalogSnapshot,
  dropPostgres,
  loadDuckdb,
  loadPostgres,
  postgresAnswers,
} from '../../helpers/sql-tables.ts';
import { validate } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const DATA = join(ROOT, 'examples/churn/data');
const SCHEMA = join(ROOT, 'examples/churn/schema.yml');
const TABLES = { batch: join(DATA, 'batch.csv'), reference: join(DATA, 'reference.csv') };
const TYPES: Record<string, SqlType> = {
  customer_id: 'bigint',
  age: 'integer',
  signup: 'date',
  tenure_months: 'integer',
  monthly_spend: 'double precision',
  support_tickets: 'integer',
  churned: 'integer',
};
const PG_SCHEMA = `mg_validate_${process.pid}`;

const live = await postgresAnswers();
if (!live && !process.env['CI'])
  console.warn(
    `\n${'!'.repeat(100)}\n!!! SKIPPING validate-data on PostgreSQL: no cluster answers on 127.0.0.1:55432 (run .ci/postgres), and CI is not set.\n${'!'.repeat(100)}\n`,
  );

type Report = {
  passed: boolean;
  rows: number;
  checks: { examples: { row?: number; key?: unknown; value: unknown }[] }[];
  drift: {
    column: string;
    statistic: number;
    p_value: number | null;
    method: string;
    drifted: boolean;
    error_bound?: number;
  }[];
  skipped?: unknown[];
  source?: { engine: string; data: string };
};

/** The report without what differs by design: file rows (a table has none) and the source. */
function comparable(r: Report) {
  const { source: _s, drift, ...rest } = r;
  return {
    ...rest,
    checks: r.checks.map((c) => ({ ...c, examples: c.examples.map(({ row: _row, ...e }) => e) })),
    drift: drift.map(({ statistic: _x, p_value: _p, ...d }) => d),
  };
}

function expectSameStatistics(a: Report, b: Report): void {
  expect(b.drift.map((d) => d.column)).toEqual(a.drift.map((d) => d.column));
  a.drift.forEach((d, i) => {
    const e = b.drift[i]!;
    expect(e.statistic).toBeCloseTo(d.statistic, 9);
    if (d.p_value === null) expect(e.p_value).toBeNull();
    else expect(Math.abs(e.p_value! - d.p_value) / Math.max(Math.abs(d.p_value), 1e-300)).toBeLessThan(1e-9);
  });
}

/** Output lines showing `secret` other than the `::add-mask::` command that hides it (the local runner does not mask). */
function leaks(out: { stdout: string; stderr: string; summary: string }, secret: string): string[] {
  const masked = out.stdout.split('\n').includes(`::add-mask::${secret}`);
  const lines = [...out.stdout.split('\n'), ...out.stderr.split('\n'), ...out.summary.split('\n')];
  return [
    ...lines.filter((l) => l.includes(secret) && !l.startsWith('::add-mask::')),
    ...(masked ? [] : ['(never masked)']),
  ];
}

const common = { schema: SCHEMA, 'key-columns': 'customer_id', 'fail-on': 'never' };

describe.skipIf(!live && !process.env['CI'])('validate-data on SQL tables', () => {
  let dir: string;
  let fileReport: Report;
  let before: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'validate-sql-'));
    await loadPostgres(PG_SCHEMA, TABLES, TYPES);
    await loadDuckdb(join(dir, 'churn.duckdb'), TABLES, TYPES);
    before = await catalogSnapshot(PG_SCHEMA);
    const files = await validate(dir, { ...common, data: TABLES.batch, reference: TABLES.reference });
    expect(files.exitCode, files.stdout + files.stderr).toBe(0);
    fileReport = JSON.parse(readFileSync(join(dir, 'modelgate-validation.json'), 'utf8')) as Report;
  }, 180_000);

  afterAll(async () => {
    if (live || process.env['CI']) await dropPostgres(PG_SCHEMA);
  });

  it('file mode with key-columns: every example carries its row and its customer_id', () => {
    const examples = fileReport.checks.flatMap((c) => c.examples);
    expect(examples.length).toBeGreaterThan(0);
    for (const e of examples) {
      expect(e.row).toBeGreaterThan(0);
      expect(e.key).toEqual({ customer_id: expect.any(Number) });
    }
  });

  it('PostgreSQL (reader role): the same report as the files, the password masked, nothing created', async () => {
    const out = await validate(dir, {
      ...common,
      connection: postgresReaderUrl,
      data: `${PG_SCHEMA}.batch`,
      reference: `${PG_SCHEMA}.reference`,
      report: 'pg.json',
    });
    expect(out.exitCode, out.stdout + out.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'pg.json'), 'utf8')) as Report;
    expect(report.source).toEqual({ engine: 'postgresql', data: `${PG_SCHEMA}.batch` });
    expect(comparable(report)).toEqual(comparable(fileReport));
    expectSameStatistics(fileReport, report);
    expect(leaks(out, READER_PASSWORD)).toEqual([]);
    expect(JSON.stringify(report)).not.toContain(READER_PASSWORD);
    expect(await catalogSnapshot(PG_SCHEMA)).toEqual(before);
  });

  it('PostgreSQL: infer-schema and profile work as from the files (same schema; the profile gives the same drift)', async () => {
    const sql = await validate(dir, {
      connection: postgresReaderUrl,
      data: `${PG_SCHEMA}.reference`,
      'infer-schema': 'pg-schema.yml',
      profile: 'pg-profile.json',
      report: 'pg-profile-report.json',
    });
    expect(sql.exitCode, sql.stdout).toBe(0);
    const files = await validate(dir, {
      data: TABLES.reference,
      'infer-schema': 'file-schema.yml',
      profile: 'file-profile.json',
      report: 'file-profile-report.json',
    });
    expect(files.exitCode, files.stdout).toBe(0);
    const body = (f: string) => readFileSync(join(dir, f), 'utf8').replace(/^#.*\n/gm, '');
    expect(body('pg-schema.yml')).toEqual(body('file-schema.yml'));
    const drifts: Report[] = [];
    for (const profile of ['pg-profile.json', 'file-profile.json']) {
      const out = await validate(dir, { data: TABLES.batch, reference: profile, report: `drift-${profile}` });
      expect(out.exitCode, out.stdout).toBe(0);
      drifts.push(JSON.parse(readFileSync(join(dir, `drift-${profile}`), 'utf8')) as Report);
    }
    expect(drifts[0]!.drift.length).toBeGreaterThan(3);
    // the moments are summed in another order: error bounds (which scale with the deviation) agree to 1e-12
    const bounds = drifts.map((r) => r.drift.map((d) => d.error_bound ?? 0));
    bounds[0]!.forEach((b, i) => expect(b).toBeCloseTo(bounds[1]![i]!, 12));
    const withoutBounds = (r: Report) => ({ ...r, drift: r.drift.map(({ error_bound: _e, ...d }) => d) });
    expect(comparable(withoutBounds(drifts[0]!))).toEqual(comparable(withoutBounds(drifts[1]!)));
    expectSameStatistics(drifts[1]!, drifts[0]!);
  });

  it('DuckDB (a database file, opened read-only): the same report as the files', async () => {
    const out = await validate(dir, {
      ...common,
      connection: `duckdb:${join(dir, 'churn.duckdb')}`,
      data: 'batch',
      reference: 'SELECT * FROM reference',
      report: 'duck.json',
    });
    expect(out.exitCode, out.stdout + out.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'duck.json'), 'utf8')) as Report;
    expect(report.source).toEqual({ engine: 'duckdb', data: 'batch' });
    expect(comparable(report)).toEqual(comparable(fileReport));
    expectSameStatistics(fileReport, report);
  });

  it('DuckDB in memory reads the CSV files themselves through a query', async () => {
    const out = await validate(dir, {
      ...common,
      connection: 'duckdb:',
      data: `SELECT * FROM read_csv('${TABLES.batch}', header = true, columns = {'customer_id': 'BIGINT', 'age': 'INTEGER', 'plan': 'VARCHAR', 'region': 'VARCHAR', 'email': 'VARCHAR', 'signup': 'DATE', 'tenure_months': 'INTEGER', 'monthly_spend': 'DOUBLE', 'support_tickets': 'INTEGER', 'churned': 'INTEGER'})`,
      report: 'mem.json',
    });
    expect(out.exitCode, out.stdout + out.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'mem.json'), 'utf8')) as Report;
    expect(report.source).toEqual({ engine: 'duckdb', data: expect.stringMatching(/^SELECT \* FROM read_csv/) });
    // no reference here: the checks and the verdict only
    expect(comparable(report).checks).toEqual(comparable(fileReport).checks);
    expect([report.passed, report.rows]).toEqual([fileReport.passed, fileReport.rows]);
  });

  it('a connection with an unknown scheme fails naming the input and the schemes; a bad table name is refused', async () => {
    const bad = await validate(dir, { ...common, connection: 'mysql://u:Sup3r-S3cret@h/db', data: 'batch' });
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout + bad.stderr).toMatch(/connection.*postgresql:\/\/.*duckdb:.*bigquery:\/\//s);
    expect(leaks(bad, 'Sup3r-S3cret')).toEqual([]);
    const name = await validate(dir, { ...common, connection: postgresReaderUrl, data: 'batch; DROP TABLE x' });
    expect(name.exitCode).toBe(1);
    expect(name.stdout + name.stderr).toMatch(/data.*neither a table name nor a query/);
    expect(leaks(name, READER_PASSWORD)).toEqual([]);
  });

  it('a query that tries to write is refused by the read-only session', async () => {
    const out = await validate(dir, {
      ...common,
      connection: postgresReaderUrl,
      data: `WITH gone AS (DELETE FROM ${PG_SCHEMA}.batch RETURNING *) SELECT * FROM gone`,
    });
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toMatch(/::error[^\n]*input 'data'[^\n]*data-modifying statement/);
    expect(leaks(out, READER_PASSWORD)).toEqual([]);
    expect(await catalogSnapshot(PG_SCHEMA)).toEqual(before);
  });
});
