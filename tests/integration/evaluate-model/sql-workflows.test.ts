/**
 * The two workflows of the evaluate-model README's "Warehouses" section, run through run-workflow:
 * - the PostgreSQL service-container workflow against the .ci/postgres cluster (its service URL pointed at the
 *   cluster and a fresh schema, the only change): psql loads the example predictions, evaluate-model scores them in
 *   the engine and the document equals the file mode's;
 * - the BigQuery workflow with its connection pointed at a DuckDB file that holds `my-project.ml.churn_predictions`
 *   (BigQuery itself is not reachable here; google-github-actions/auth is skipped with a note).
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runWorkflow } from '../../../packages/cli/src/workflow/run-job.ts';
import { postgresAdminUrl } from '../../helpers/postgres.ts';
import { copyableWorkflows } from '../../helpers/workflows.ts';
import { evaluateModel, ROOT, workspace } from './harness.ts';
import { postgresUp } from './sql-tables.ts';

const workflows = copyableWorkflows();
const named = (name: string) => {
  const w = workflows.find((x) => x.name === name && x.where.startsWith('actions/evaluate-model/README.md'));
  if (!w) throw new Error(`no workflow ${name} in the evaluate-model README`);
  return w;
};

/** A checkout of the churn example: thresholds.yml and predictions/ at its root. */
function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sql-workflow-'));
  cpSync(join(ROOT, 'examples/churn'), dir, { recursive: true });
  return dir;
}

type Doc = { metrics: Record<string, number>; slices: Record<string, Record<string, number>>; source: object };

/** The file mode's document of the example predictions, as the workflows score them. */
async function fileDocument(inputs: Record<string, string>): Promise<Doc> {
  const cwd = workspace();
  const r = await evaluateModel(cwd, {
    predictions: join(ROOT, 'examples/churn/predictions/candidate.csv'),
    ...inputs,
  });
  expect(r.exitCode, r.stdout).toBe(0);
  return r.doc as unknown as Doc;
}

function close(got: Record<string, number>, want: Record<string, number>): string[] {
  return Object.keys({ ...got, ...want }).filter(
    (k) => !(Math.abs(got[k]! - want[k]!) <= 1e-9 * Math.max(Math.abs(want[k]!), 1e-300) + 1e-15),
  );
}

const inputs = { task: 'binary', 'score-column': 'score', 'slice-columns': 'region, plan' };

it('runs the BigQuery workflow with its connection pointed at a DuckDB file of the same table', async () => {
  const cwd = checkout();
  const path = join(mkdtempSync(join(tmpdir(), 'bq-as-duckdb-')), 'my-project.duckdb');
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  await conn.run('CREATE SCHEMA ml');
  const csv = join(ROOT, 'examples/churn/predictions/candidate.csv');
  await conn.run(`CREATE TABLE ml.churn_predictions AS SELECT * FROM read_csv('${csv}')`);
  conn.closeSync();
  instance.closeSync();
  const w = named('model-check-bigquery');
  const result = await runWorkflow({
    file: w.where,
    text: w.text,
    event: 'pull_request',
    cwd,
    adjust: (action, given) => {
      expect(action).toBe('evaluate-model');
      expect(given.connection).toBe('bigquery://my-project?location=EU');
      return { ...given, connection: `duckdb:${path}` };
    },
  });
  expect(result.conclusion, JSON.stringify(result.steps.map((s) => [s.name, s.outcome, s.note]))).toBe('success');
  expect(result.steps.find((s) => /google-github-actions\/auth/.test(s.name))?.note).toMatch(/^skipped/);
  const doc = JSON.parse(readFileSync(join(cwd, 'modelgate-metrics.json'), 'utf8')) as Doc;
  const want = await fileDocument(inputs);
  expect(close(doc.metrics, want.metrics)).toEqual([]);
  expect(doc.source).toMatchObject({ engine: 'duckdb', predictions: 'my-project.ml.churn_predictions' });
}, 120_000);

const up = await postgresUp();
if (!up && !process.env['CI'])
  console.warn(
    '\n!!! PostgreSQL is not running on 127.0.0.1:55432: SKIPPING the PostgreSQL service-container workflow.\n',
  );

describe.skipIf(!up && !process.env['CI'])('the PostgreSQL service-container workflow', () => {
  it('loads the predictions with psql and scores them in the engine, as the file mode does', async () => {
    const schema = `sql_workflow_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: postgresAdminUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    try {
      const w = named('model-check-postgres');
      const service = 'postgresql://postgres:ci-only-password@localhost:5432/postgres';
      expect(w.text).toContain(service);
      const text = w.text.replace(service, `${postgresAdminUrl}?options=-csearch_path%3D${schema}`);
      const cwd = checkout();
      const result = await runWorkflow({ file: w.where, text, event: 'pull_request', cwd });
      expect(result.conclusion, JSON.stringify(result.steps.map((s) => [s.name, s.outcome, s.note]))).toBe('success');
      const doc = JSON.parse(readFileSync(join(cwd, 'modelgate-metrics.json'), 'utf8')) as Doc;
      const want = await fileDocument(inputs);
      expect(close(doc.metrics, want.metrics)).toEqual([]);
      for (const [k, v] of Object.entries(want.slices)) expect(close(doc.slices[k]!, v), k).toEqual([]);
      expect(doc.source).toMatchObject({ engine: 'postgresql' });
      expect(result.steps.at(-1)?.outcome).toBe('success');
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  }, 120_000);
});
