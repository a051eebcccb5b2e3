/**
 * evaluate-model on BigQuery through the official client against the REST stand-in (tests/standins/bigquery): the
 * GoogleSQL the metrics are written in, translated by the stand-in (sqlglot, on DuckDB), gives the file mode's
 * document; every request fits BigQuery's published API description. BigQuery itself did not run.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runLocal } from '../../../packages/cli/src/runner.ts';
import { type BigQueryStandin, startBigQueryStandin } from '../../standins/bigquery/server.ts';
import { evaluateModel, ROOT, workspace } from './harness.ts';

const CSV = join(ROOT, 'examples/churn/predictions/candidate.csv');
const TYPES = {
  customer_id: 'BIGINT',
  label: 'INTEGER',
  prediction: 'INTEGER',
  score: 'DOUBLE',
  region: 'VARCHAR',
  plan: 'VARCHAR',
};
const INPUTS = { task: 'binary', 'score-column': 'score', 'slice-columns': 'region, plan' };

let bq: BigQueryStandin;
let dir: string;
beforeAll(async () => {
  bq = await startBigQueryStandin();
  await bq.load('modelgate-test.churn.predictions', CSV, TYPES);
  await bq.load('modelgate-test.fixtures.regression', join(ROOT, 'tests/fixtures/metrics/regression.csv'), {
    label: 'DOUBLE',
    prediction: 'DOUBLE',
  });
  dir = mkdtempSync(join(tmpdir(), 'evaluate-bigquery-'));
  writeFileSync(join(dir, 'oidc-token'), 'eyJhbGciOiJSUzI1NiJ9.fake-github-oidc-token.sig');
  writeFileSync(join(dir, 'adc.json'), JSON.stringify(bq.credentials(join(dir, 'oidc-token'))));
});
afterAll(async () => bq?.close());

it('gives the file mode’s metrics through the official client; every request fits the API description', async () => {
  const file = await evaluateModel(workspace(), { predictions: CSV, ...INPUTS });
  expect(file.exitCode, file.stdout).toBe(0);
  const out = await runLocal({
    action: 'evaluate-model',
    cwd: dir,
    env: { BIGQUERY_EMULATOR_HOST: bq.endpoint, GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'adc.json') },
    inputs: {
      connection: 'bigquery://modelgate-test?location=EU',
      predictions: 'modelgate-test.churn.predictions',
      ...INPUTS,
    },
  });
  expect(out.exitCode, out.stdout + out.stderr).toBe(0);
  expect(bq.requests.filter((r) => r.problems.length)).toEqual([]);
  const doc = JSON.parse(readFileSync(join(dir, 'modelgate-metrics.json'), 'utf8')) as typeof file.doc & {
    source: unknown;
  };
  const want = file.doc!.metrics;
  for (const [k, v] of Object.entries(want))
    expect(Math.abs(doc!.metrics[k]! - v) <= 1e-9 * Math.abs(v) + 1e-15, `${k}: ${doc!.metrics[k]} vs ${v}`).toBe(true);
  expect(Object.keys(doc!.slices as object)).toEqual(Object.keys(file.doc!.slices as object));
  expect(doc!.source).toMatchObject({ engine: 'bigquery', predictions: 'modelgate-test.churn.predictions' });
}, 120_000);

it('scores a regression (NUMERIC sums, the median from the two middle rows) as the file mode does', async () => {
  const csv = join(ROOT, 'tests/fixtures/metrics/regression.csv');
  const file = await evaluateModel(workspace(), { predictions: csv, task: 'regression' });
  expect(file.exitCode, file.stdout).toBe(0);
  const cwd = mkdtempSync(join(tmpdir(), 'evaluate-bigquery-'));
  const out = await runLocal({
    action: 'evaluate-model',
    cwd,
    env: { BIGQUERY_EMULATOR_HOST: bq.endpoint, GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'adc.json') },
    inputs: {
      connection: 'bigquery://modelgate-test',
      predictions: 'SELECT label, prediction FROM `modelgate-test.fixtures.regression`',
      task: 'regression',
    },
  });
  expect(out.exitCode, out.stdout + out.stderr).toBe(0);
  const doc = JSON.parse(readFileSync(join(cwd, 'modelgate-metrics.json'), 'utf8')) as {
    metrics: Record<string, number>;
  };
  for (const [k, v] of Object.entries(file.doc!.metrics))
    expect(Math.abs(doc.metrics[k]! - v) <= 1e-9 * Math.abs(v) + 1e-15, `${k}: ${doc.metrics[k]} vs ${v}`).toBe(true);
  expect(bq.requests.filter((r) => r.problems.length)).toEqual([]);
}, 120_000);
