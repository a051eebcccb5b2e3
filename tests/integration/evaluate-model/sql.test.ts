/**
 * evaluate-model with `connection`: the same prediction tables in PostgreSQL (the .ci/postgres cluster, read by its
 * SELECT-only role) and DuckDB (a database file opened read-only) give the file mode's metrics document — metrics,
 * slices, fairness, confusion matrix and curves — while only aggregates are read; the password is never printed and
 * nothing is created in the database.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READER_PASSWORD } from '../../helpers/postgres.ts';
import { evaluateModel, expectClose, METRICS, oracle, ROOT, workspace } from './harness.ts';
import { duckdbFile, postgresObjects, postgresReaderUrl, postgresSchema, postgresUp } from './sql-tables.ts';
import { differences } from '../../helpers/differences.ts';

const CHURN = join(ROOT, 'examples/churn/predictions/candidate.csv');

/**
 * Regression with slices, a NULL (empty) slice value among them: 2,001 rows of doubles with 17 significant digits
 * (median_ae per slice and odd and even slice sizes, by DuckDB's narrowing and PostgreSQL's percentile_cont).
 */
function slicedRegression(): string {
  let seed = 11;
  const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296 + seed / 2 ** 64;
  const lines = ['label,prediction,region'];
  for (let i = 0; i < 2001; i++) {
    const label = 40 + 30 * rand();
    lines.push(`${label},${label + 10 * (rand() - 0.5)},${['eu', 'us', 'apac', ''][i % 4]}`);
  }
  const path = join(mkdtempSync(join(tmpdir(), 'sql-regression-')), 'regression_slices.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
const CASES: Record<string, { csv: string; inputs: Record<string, string> }> = {
  churn: { csv: CHURN, inputs: { 'score-column': 'score', 'slice-columns': 'region,plan' } },
  binary_ties: {
    csv: join(METRICS, 'binary_ties.csv'),
    inputs: { 'score-column': 'score', 'slice-columns': 'region' },
  },
  multiclass_strings: {
    csv: join(METRICS, 'multiclass_strings.csv'),
    inputs: { 'score-columns': 'proba_*' },
  },
  multiclass_missing_classes: {
    csv: join(METRICS, 'multiclass_missing_classes.csv'),
    inputs: { 'score-columns': 'proba_*', task: 'multiclass' },
  },
  regression: { csv: join(METRICS, 'regression.csv'), inputs: { task: 'regression' } },
  regression_constant_truth: { csv: join(METRICS, 'regression_constant_truth.csv'), inputs: { task: 'regression' } },
  regression_slices: { csv: slicedRegression(), inputs: { task: 'regression', 'slice-columns': 'region' } },
};

type Doc = Record<string, unknown> & { metrics: Record<string, number> };

/** The log without the `::add-mask::` commands (which hand the runner the secret to mask, and are not printed). */
function unmasked(stdout: string): string {
  return stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
}

/** The document without what names its source. */
function comparable(doc: Doc): Doc {
  const { source: _source, ...rest } = doc;
  return rest as Doc;
}

const fileDocs: Record<string, Doc> = {};
let duck: Awaited<ReturnType<typeof duckdbFile>>;

beforeAll(async () => {
  duck = await duckdbFile(Object.fromEntries(Object.entries(CASES).map(([name, c]) => [name, c.csv])));
  for (const [name, c] of Object.entries(CASES)) {
    const cwd = workspace();
    const r = await evaluateModel(cwd, { predictions: c.csv, ...c.inputs });
    expect(r.exitCode, r.stdout).toBe(0);
    fileDocs[name] = r.doc as Doc;
  }
}, 240_000);

describe('evaluate-model on DuckDB', () => {
  it('gives the file mode’s document for every case, from tables and from queries', async () => {
    for (const [name, c] of Object.entries(CASES)) {
      const cwd = workspace();
      const r = await evaluateModel(cwd, { connection: `duckdb:${duck.path}`, predictions: name, ...c.inputs });
      expect(r.exitCode, `${name}: ${r.stdout}`).toBe(0);
      expect(differences(comparable(r.doc as Doc), comparable(fileDocs[name]!)), name).toEqual([]);
      expect(r.doc!.source).toMatchObject({ engine: 'duckdb', predictions: name });
    }
    const cwd = workspace();
    const query = `WITH p AS (SELECT * FROM churn) SELECT * FROM p`;
    const r = await evaluateModel(cwd, {
      connection: `duckdb:${duck.path}`,
      predictions: query,
      ...CASES.churn!.inputs,
    });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(differences(comparable(r.doc as Doc), comparable(fileDocs.churn!))).toEqual([]);
    expect((r.doc!.source as { predictions: string }).predictions).toBe(query);
    expect(r.stdout).toMatch(/Evaluated 3,000 rows in duckdb; [\d,]+ bytes received/);
  }, 240_000);

  it('median_ae equals the file mode’s bit for bit, for the table and each slice (an empty one among them)', async () => {
    const r = await evaluateModel(workspace(), {
      connection: `duckdb:${duck.path}`,
      predictions: 'regression_slices',
      ...CASES.regression_slices!.inputs,
    });
    expect(r.exitCode, r.stdout).toBe(0);
    const medians = (doc: Doc) => [
      doc.metrics['median_ae'],
      ...Object.entries(doc['slices'] as Record<string, Record<string, number>>).map(([k, m]) => [k, m['median_ae']]),
    ];
    const want = medians(fileDocs.regression_slices!);
    expect(want).toHaveLength(5);
    expect(medians(r.doc as Doc)).toEqual(want);
  });

  it('equals scikit-learn on the oracle fixtures', async () => {
    for (const name of ['binary_ties', 'multiclass_strings', 'regression', 'regression_constant_truth']) {
      const r = await evaluateModel(workspace(), {
        connection: `duckdb:${duck.path}`,
        predictions: name,
        ...CASES[name]!.inputs,
      });
      expect(r.exitCode, r.stdout).toBe(0);
      expect(expectClose(r.doc!.metrics, oracle(name).metrics), name).toEqual([]);
    }
  }, 120_000);

  it('refuses bootstrap with a named error, before reading anything', async () => {
    const cwd = workspace();
    const r = await evaluateModel(cwd, {
      connection: `duckdb:${duck.path}`,
      predictions: 'churn',
      'score-column': 'score',
      bootstrap: '200',
    });
    expect(r.exitCode).toBe(1);
    expect(r.error).toMatch(/input 'bootstrap'.*not computed when connection is set/);
    expect(readdirSync(cwd)).not.toContain('modelgate-metrics.json');
  });

  it('names the column of a missing score and of probabilities outside 0 to 1', async () => {
    const missing = await evaluateModel(workspace(), {
      connection: `duckdb:${duck.path}`,
      predictions: 'churn',
      'score-column': 'nope',
    });
    expect(missing.exitCode).toBe(1);
    expect(missing.error).toMatch(/input 'score-column'.*no column 'nope'.*the columns are: customer_id, label/);
    const bad = await evaluateModel(workspace(), {
      connection: `duckdb:${duck.path}`,
      predictions: 'SELECT label, prediction, score * 2 AS score FROM churn',
      'score-column': 'score',
    });
    expect(bad.exitCode).toBe(1);
    expect(bad.error).toMatch(/column 'score': [\d,]+ rows hold [\d.]+ or another value outside 0 to 1/);
  });
});

const up = await postgresUp();
if (!up && !process.env['CI'])
  console.warn(
    '\n!!! PostgreSQL is not running on 127.0.0.1:55432 (.ci/postgres starts it): SKIPPING the PostgreSQL evaluate-model tests.\n',
  );

describe.skipIf(!up && !process.env['CI'])('evaluate-model on PostgreSQL', () => {
  let loaded: Awaited<ReturnType<typeof postgresSchema>>;
  beforeAll(async () => {
    loaded = await postgresSchema(duck.tables);
  }, 120_000);
  afterAll(async () => loaded?.drop());

  it('gives the file mode’s document as the SELECT-only role, prints no password and creates nothing', async () => {
    const before = await postgresObjects();
    for (const [name, c] of Object.entries(CASES)) {
      const cwd = workspace();
      const r = await evaluateModel(cwd, {
        connection: postgresReaderUrl,
        predictions: `${loaded.schema}.${name}`,
        ...c.inputs,
      });
      expect(r.exitCode, `${name}: ${r.stdout}`).toBe(0);
      expect(differences(comparable(r.doc as Doc), comparable(fileDocs[name]!)), name).toEqual([]);
      expect(r.doc!.source).toMatchObject({ engine: 'postgresql', predictions: `${loaded.schema}.${name}` });
      for (const text of [unmasked(r.stdout), r.summary, JSON.stringify(r.doc)])
        expect(text).not.toContain(READER_PASSWORD);
      expect(r.stdout).toContain(`::add-mask::${READER_PASSWORD}`);
    }
    expect(await postgresObjects()).toEqual(before);
  }, 240_000);

  it('reports a failing query without the password', async () => {
    const r = await evaluateModel(workspace(), {
      connection: postgresReaderUrl,
      predictions: `${loaded.schema}.no_such_table`,
    });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/no_such_table/);
    expect(r.stdout).toMatch(/input 'connection': postgresql:\/\/modelgate_reader:\*\*\*@127\.0\.0\.1/);
    expect(unmasked(r.stdout)).not.toContain(READER_PASSWORD);
  });
});
