/**
 * Late ground truth with `connection`: the churn monitoring log (predictions without a label column) and the labels
 * that arrived, loaded as tables into DuckDB and PostgreSQL, joined by key-column in the engine. The metrics
 * document must be the file mode's on the same two CSVs (metrics, slices and the `labels` counts), a key labelled
 * twice is the named error, and nothing is created in the database.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLocal } from '../../../packages/cli/src/runner.ts';
import { startBigQueryStandin } from '../../standins/bigquery/server.ts';
import { evaluateModel, ROOT, workspace } from './harness.ts';
import { duckdbFile, postgresObjects, postgresReaderUrl, postgresSchema, postgresUp } from './sql-tables.ts';
import { differences } from '../../helpers/differences.ts';

const MONITORING = join(ROOT, 'examples/churn/monitoring');
const LOG = readFileSync(join(MONITORING, 'predictions-log.csv'), 'utf8');
// The labels as they arrived, plus two labels for customers outside this log and one label row still empty.
const LABELS = `${readFileSync(join(MONITORING, 'labels.csv'), 'utf8').replace(/^400001,\d+$/m, '400001,')}999998,1\n999999,0\n`;
const INPUTS = {
  'key-column': 'customer_id',
  'label-column': 'churned',
  'score-column': 'score',
  'slice-columns': 'region,plan',
};

type Doc = Record<string, unknown> & { metrics: Record<string, number>; labels: Record<string, unknown> };

/** The document without what names its source (the predictions' and the labels' names differ by mode). */
function comparable(doc: Doc): Doc {
  const { source: _source, labels, ...rest } = doc;
  const { file: _file, ...counts } = labels;
  return { ...rest, labels: counts } as Doc;
}

let fileDoc: Doc;
let duck: Awaited<ReturnType<typeof duckdbFile>>;
let csvDir: string;

beforeAll(async () => {
  const dir = workspace({ 'predictions-log.csv': LOG, 'labels.csv': LABELS });
  csvDir = dir;
  duck = await duckdbFile({ predictions_log: join(dir, 'predictions-log.csv'), labels: join(dir, 'labels.csv') });
  const r = await evaluateModel(dir, { predictions: 'predictions-log.csv', labels: 'labels.csv', ...INPUTS });
  expect(r.exitCode, r.stdout).toBe(0);
  fileDoc = r.doc as Doc;
  expect(fileDoc.labels).toEqual({
    file: 'labels.csv',
    predictions: 1400,
    labelled: 1199,
    unlabelled: 201,
    unmatched: 2,
  });
}, 120_000);

describe('evaluate-model: late labels in DuckDB', () => {
  it('joins the labels table in the engine and gives the file mode’s document, labels counts included', async () => {
    const sha = () => createHash('sha256').update(readFileSync(duck.path)).digest('hex');
    const before = sha();
    const r = await evaluateModel(workspace(), {
      connection: `duckdb:${duck.path}`,
      predictions: 'predictions_log',
      labels: 'labels',
      ...INPUTS,
    });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(differences(comparable(r.doc as Doc), comparable(fileDoc))).toEqual([]);
    expect(r.doc!.labels).toEqual({ ...fileDoc.labels, file: 'labels' });
    expect(r.summary).toContain(
      '1,199 of 1,400 predictions labelled and scored; **201 have no label yet** and are not scored.',
    );
    // a query as the labels source, kept as written in the document
    const query = 'SELECT customer_id, churned FROM labels WHERE customer_id >= 0';
    const q = await evaluateModel(workspace(), {
      connection: `duckdb:${duck.path}`,
      predictions: 'predictions_log',
      labels: query,
      ...INPUTS,
    });
    expect(q.exitCode, q.stdout).toBe(0);
    expect(differences(comparable(q.doc as Doc), comparable(fileDoc))).toEqual([]);
    expect(q.doc!.labels).toMatchObject({ file: query });
    expect(sha()).toBe(before);
  }, 120_000);

  it('refuses a key labelled twice, says so when no label has arrived yet, and names a missing column or key', async () => {
    const twice = await evaluateModel(workspace(), {
      connection: `duckdb:${duck.path}`,
      predictions: 'predictions_log',
      labels: 'SELECT * FROM labels UNION ALL SELECT * FROM labels WHERE customer_id = 400007',
      ...INPUTS,
    });
    expect(twice.exitCode).toBe(1);
    expect(twice.error).toMatch(/input 'labels'.*the key "400007" has 2 labels .*each prediction has one label/);
    expect(twice.doc).toBeUndefined();
    const none = await evaluateModel(workspace(), {
      connection: `duckdb:${duck.path}`,
      predictions: 'predictions_log',
      labels: 'SELECT * FROM labels WHERE customer_id > 999000',
      ...INPUTS,
    });
    expect(none.exitCode).toBe(1);
    expect(none.error).toContain('none of the 1,400 predictions has a label yet: 2 label(s)');
    const noLabel = await evaluateModel(workspace(), {
      connection: `duckdb:${duck.path}`,
      predictions: 'predictions_log',
      labels: 'SELECT customer_id FROM labels',
      ...INPUTS,
    });
    expect(noLabel.exitCode).toBe(1);
    expect(noLabel.error).toMatch(
      /input 'label-column'.*no column 'churned' in the labels SELECT customer_id FROM labels/,
    );
    const noKey = await evaluateModel(workspace(), {
      connection: `duckdb:${duck.path}`,
      predictions: 'predictions_log',
      labels: 'SELECT NULL AS customer_id, churned FROM labels',
      ...INPUTS,
    });
    expect(noKey.exitCode).toBe(1);
    expect(noKey.error).toMatch(
      /input 'labels'.*1,202 label row\(s\) in SELECT NULL AS customer_id, churned FROM labels have no key: every label needs its customer_id/,
    );
  }, 120_000);
});

const up = await postgresUp();
if (!up && !process.env['CI'])
  console.warn(
    '\n!!! PostgreSQL is not running on 127.0.0.1:55432 (.ci/postgres starts it): SKIPPING the PostgreSQL late-labels tests.\n',
  );

describe.skipIf(!up && !process.env['CI'])('evaluate-model: late labels in PostgreSQL', () => {
  let loaded: Awaited<ReturnType<typeof postgresSchema>>;
  beforeAll(async () => {
    loaded = await postgresSchema(duck.tables);
  }, 120_000);
  afterAll(async () => loaded?.drop());

  it('gives the file mode’s document as the SELECT-only role and creates nothing', async () => {
    const before = await postgresObjects();
    const r = await evaluateModel(workspace(), {
      connection: postgresReaderUrl,
      predictions: `${loaded.schema}.predictions_log`,
      labels: `${loaded.schema}.labels`,
      ...INPUTS,
    });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(differences(comparable(r.doc as Doc), comparable(fileDoc))).toEqual([]);
    expect(r.doc!.labels).toEqual({ ...fileDoc.labels, file: `${loaded.schema}.labels` });
    expect(r.doc!.source).toMatchObject({ engine: 'postgresql', predictions: `${loaded.schema}.predictions_log` });
    expect(await postgresObjects()).toEqual(before);
  }, 120_000);

  it('refuses a key labelled twice by name', async () => {
    const t = `${loaded.schema}.labels`;
    const r = await evaluateModel(workspace(), {
      connection: postgresReaderUrl,
      predictions: `${loaded.schema}.predictions_log`,
      labels: `SELECT * FROM ${t} UNION ALL SELECT * FROM ${t} WHERE customer_id IN (400007, 400009)`,
      ...INPUTS,
    });
    expect(r.exitCode).toBe(1);
    expect(r.error).toMatch(/input 'labels'.*the key "400007" has 2 labels .*\(2 label\(s\) repeat a key\)/);
  }, 120_000);
});

describe('evaluate-model: late labels in BigQuery (the REST stand-in)', () => {
  it('joins the labels table in GoogleSQL and gives the file mode’s document; every request fits the API', async () => {
    const bq = await startBigQueryStandin();
    try {
      await bq.load('modelgate-test.monitoring.predictions_log', join(csvDir, 'predictions-log.csv'), {
        customer_id: 'BIGINT',
        predicted_at: 'VARCHAR',
        prediction: 'INTEGER',
        score: 'DOUBLE',
        region: 'VARCHAR',
        plan: 'VARCHAR',
      });
      await bq.load('modelgate-test.monitoring.labels', join(csvDir, 'labels.csv'), {
        customer_id: 'BIGINT',
        churned: 'INTEGER',
      });
      const dir = mkdtempSync(join(tmpdir(), 'late-labels-bigquery-'));
      writeFileSync(join(dir, 'oidc-token'), 'eyJhbGciOiJSUzI1NiJ9.fake-github-oidc-token.sig');
      writeFileSync(join(dir, 'adc.json'), JSON.stringify(bq.credentials(join(dir, 'oidc-token'))));
      const out = await runLocal({
        action: 'evaluate-model',
        cwd: dir,
        env: { BIGQUERY_EMULATOR_HOST: bq.endpoint, GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'adc.json') },
        inputs: {
          connection: 'bigquery://modelgate-test',
          predictions: 'modelgate-test.monitoring.predictions_log',
          labels: 'modelgate-test.monitoring.labels',
          ...INPUTS,
        },
      });
      expect(out.exitCode, out.stdout + out.stderr).toBe(0);
      expect(bq.requests.filter((r) => r.problems.length)).toEqual([]);
      const doc = JSON.parse(readFileSync(join(dir, 'modelgate-metrics.json'), 'utf8')) as Doc;
      expect(differences(comparable(doc), comparable(fileDoc))).toEqual([]);
      expect(doc.labels).toEqual({ ...fileDoc.labels, file: 'modelgate-test.monitoring.labels' });
    } finally {
      await bq.close();
    }
  }, 120_000);
});
