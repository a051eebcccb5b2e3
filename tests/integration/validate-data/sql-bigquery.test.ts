/**
 * validate-data on BigQuery (issue 14), through the official @google-cloud/bigquery client pointed at the loopback
 * stand-in of the BigQuery REST API (tests/standins/bigquery): every request fits BigQuery's published API
 * description, the GoogleSQL modelgate writes runs (translated by sqlglot, on DuckDB), and the report equals the file
 * mode's on the same rows. BigQuery itself did not run: this is the client path and the BigQuery dialect.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLocal } from '../../../packages/cli/src/runner.ts';
import { type BigQueryStandin, startBigQueryStandin } from '../../standins/bigquery/server.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const DATA = join(ROOT, 'examples/churn/data');
const TYPES = {
  customer_id: 'BIGINT',
  age: 'INTEGER',
  plan: 'VARCHAR',
  region: 'VARCHAR',
  email: 'VARCHAR',
  signup: 'DATE',
  tenure_months: 'INTEGER',
  monthly_spend: 'DOUBLE',
  support_tickets: 'INTEGER',
  churned: 'INTEGER',
};

type Report = {
  passed: boolean;
  rows: number;
  checks: { examples: { row?: number }[] }[];
  drift: { column: string; statistic: number; method: string; drifted: boolean }[];
  source?: unknown;
};
const comparable = (r: Report) => ({
  ...r,
  source: undefined,
  checks: r.checks.map((c) => ({ ...c, examples: c.examples.map(({ row: _row, ...e }) => e) })),
  drift: r.drift.map(({ statistic: _s, ...d }) => d),
});

describe('validate-data on BigQuery (the official client against the REST stand-in)', () => {
  let bq: BigQueryStandin;
  let dir: string;
  beforeAll(async () => {
    bq = await startBigQueryStandin();
    await bq.load('modelgate-test.churn.batch', join(DATA, 'batch.csv'), TYPES);
    await bq.load('modelgate-test.churn.reference', join(DATA, 'reference.csv'), TYPES);
    dir = mkdtempSync(join(tmpdir(), 'validate-bigquery-'));
    // Application Default Credentials as google-github-actions/auth writes them for Workload Identity Federation,
    // the token exchange going to the stand-in; the subject token is a fake OIDC token
    writeFileSync(join(dir, 'oidc-token'), 'eyJhbGciOiJSUzI1NiJ9.fake-github-oidc-token.sig');
    writeFileSync(join(dir, 'adc.json'), JSON.stringify(bq.credentials(join(dir, 'oidc-token'))));
  });
  afterAll(async () => bq?.close());

  it('gives the file mode report; every request fits the API description', async () => {
    const common = {
      schema: join(ROOT, 'examples/churn/schema.yml'),
      'key-columns': 'customer_id',
      'fail-on': 'never',
    };
    const files = await runLocal({
      action: 'validate-data',
      cwd: dir,
      inputs: {
        ...common,
        data: join(DATA, 'batch.csv'),
        reference: join(DATA, 'reference.csv'),
        report: 'files.json',
      },
    });
    expect(files.exitCode, files.stdout).toBe(0);
    const out = await runLocal({
      action: 'validate-data',
      cwd: dir,
      env: { BIGQUERY_EMULATOR_HOST: bq.endpoint, GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'adc.json') },
      inputs: {
        ...common,
        connection: 'bigquery://modelgate-test?location=EU',
        data: 'modelgate-test.churn.batch',
        reference: 'SELECT * FROM `modelgate-test.churn.reference`',
        report: 'bq.json',
      },
    });
    expect(out.exitCode, out.stdout + out.stderr).toBe(0);
    expect(bq.requests.filter((r) => r.problems.length)).toEqual([]);
    const methods = new Set(bq.requests.map((r) => r.method));
    // the reference's 5,000 customer ids come back grouped in pages of 2,000 rows: getQueryResults reads the rest
    expect([...methods].sort()).toEqual(['bigquery.jobs.getQueryResults', 'bigquery.jobs.query']);
    for (const r of bq.requests.filter((x) => x.sql)) expect(r.sql).not.toMatch(/'(basic|pro|enterprise)'/); // bound, not pasted
    const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Report;
    const report = read('bq.json');
    expect(report.source).toEqual({ engine: 'bigquery', data: 'modelgate-test.churn.batch' });
    expect(comparable(report)).toEqual(comparable(read('files.json')));
    read('files.json').drift.forEach((d, i) => expect(report.drift[i]!.statistic).toBeCloseTo(d.statistic, 9));
  });

  it('a request that does not fit the API description is refused and recorded', async () => {
    const before = bq.requests.length;
    const r = await fetch(`${bq.endpoint}/projects/p-1234/queries`, {
      method: 'POST',
      body: JSON.stringify({ query: 'SELECT 1', useLegacySql: false, destinationTable: { tableId: 'x' } }),
    });
    expect(r.status).toBe(400);
    expect(bq.requests.slice(before)[0]!.problems.join()).toMatch(/destinationTable: not a field/);
  });
});
