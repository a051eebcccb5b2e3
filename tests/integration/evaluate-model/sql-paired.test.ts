/**
 * baseline-predictions with `connection`: the paired oracle fixtures (tests/fixtures/paired) loaded as two tables
 * (the baseline's rows shuffled) into DuckDB and PostgreSQL, paired by key-column in the engine. McNemar's and
 * DeLong's entries and the baseline's metrics must equal the file mode's on the same two CSVs (which equal
 * statsmodels and pROC) to 1e-9; the pairing errors are named; nothing is created in the database.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLocal } from '../../../packages/cli/src/runner.ts';
import { startBigQueryStandin } from '../../standins/bigquery/server.ts';
import { closeTo, pairedFixtures, type PairedFixture } from '../../unit/metrics/paired/fixtures.ts';
import { evaluateModel, workspace } from './harness.ts';
import { duckdbFile, postgresObjects, postgresReaderUrl, postgresSchema, postgresUp } from './sql-tables.ts';

interface Paired {
  baseline: number;
  current: number;
  difference: number;
  low?: number;
  high?: number;
  level: number;
  p_value: number;
  statistic?: number;
  test: string;
}
interface ComparisonBlock {
  baseline: { predictions: string; sha256: string; metrics: Record<string, number> };
  paired: Record<string, Paired>;
}

const FIXTURES = ['binary_ties', 'binary_full_precision', 'binary_few_discordant', 'multiclass_accuracy'];
const fixture = (name: string) => pairedFixtures().find((f) => f.name === name)!;

/** One model's predictions file of a fixture, with an id column, rows in the order given. */
function predictionsFile(f: PairedFixture, model: 'current' | 'baseline', order?: number[]): string {
  const c = f.columns;
  const rows = order ?? c.label!.map((_, i) => i);
  const score = `${model}_score` in c;
  const lines = [`id,label,prediction${score ? ',score' : ''}`];
  for (const i of rows)
    lines.push(`row-${i},${c.label![i]},${c[`${model}_prediction`]![i]}${score ? `,${c[`${model}_score`]![i]}` : ''}`);
  return lines.join('\n') + '\n';
}

/** A fixed shuffle of 0..n-1. */
function shuffled(n: number, seed = 11): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  let s = seed;
  for (let i = n - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function inputsOf(f: PairedFixture): Record<string, string> {
  return {
    'key-column': 'id',
    'label-column': 'label',
    ...('current_score' in f.columns ? { 'score-column': 'score' } : {}),
    ...(f.mcnemar.task === 'multiclass' ? { task: 'multiclass' } : {}),
  };
}

const close = (got: number | undefined, want: number) => closeTo(got, want) || `${got} vs ${want}`;

/** The SQL mode's comparison against the file mode's: McNemar and DeLong entries, the baseline's metrics. */
function expectSameComparison(sql: ComparisonBlock, file: ComparisonBlock, f: PairedFixture): void {
  expect(Object.keys(sql.baseline.metrics).sort()).toEqual(Object.keys(file.baseline.metrics).sort());
  for (const [name, want] of Object.entries(file.baseline.metrics))
    expect(close(sql.baseline.metrics[name], want), `baseline ${name}`).toBe(true);
  const acc = sql.paired['accuracy']!;
  expect(acc.test).toBe('mcnemar');
  expect(acc.low, 'no interval without the paired bootstrap').toBeUndefined();
  expect(acc.high).toBeUndefined();
  for (const k of ['baseline', 'current', 'difference', 'p_value'] as const)
    expect(close(acc[k], file.paired['accuracy']![k]), `accuracy ${k}`).toBe(true);
  expect(close(acc.p_value, f.mcnemar.p_value), 'statsmodels').toBe(true);
  if (f.delong) {
    const auc = sql.paired['roc_auc']!,
      want = file.paired['roc_auc']!;
    expect(auc.test).toBe('delong');
    for (const k of ['baseline', 'current', 'difference', 'low', 'high', 'p_value', 'statistic'] as const)
      expect(close(auc[k], want[k]!), `roc_auc ${k}`).toBe(true);
    expect(close(auc.statistic, f.delong.statistic), 'pROC').toBe(true);
    expect(Object.keys(sql.paired).sort()).toEqual(['accuracy', 'roc_auc']);
  } else expect(Object.keys(sql.paired)).toEqual(['accuracy']);
}

type Case = { f: PairedFixture; file: ComparisonBlock; current: string; baseline: string; dir: string };
const cases: Case[] = [];
let duck: Awaited<ReturnType<typeof duckdbFile>>;

beforeAll(async () => {
  const tables: Record<string, string> = {};
  for (const name of FIXTURES) {
    const f = fixture(name);
    const n = f.columns.label!.length;
    const files = {
      'current.csv': predictionsFile(f, 'current', shuffled(n, 3)),
      'baseline.csv': predictionsFile(f, 'baseline', shuffled(n, 11)),
    };
    const dir = workspace(files);
    const r = await evaluateModel(dir, {
      predictions: 'current.csv',
      'baseline-predictions': 'baseline.csv',
      ...inputsOf(f),
    });
    expect(r.exitCode, r.stdout).toBe(0);
    cases.push({
      f,
      file: r.doc!.comparison as ComparisonBlock,
      current: `${name}_current`,
      baseline: `${name}_baseline`,
      dir,
    });
    tables[`${name}_current`] = join(dir, 'current.csv');
    tables[`${name}_baseline`] = join(dir, 'baseline.csv');
  }
  duck = await duckdbFile(tables);
}, 300_000);

describe('evaluate-model: baseline-predictions in DuckDB', () => {
  it('pairs the tables by key-column in the engine: McNemar, DeLong and the baseline metrics equal the file mode’s to 1e-9', async () => {
    const sha = () => createHash('sha256').update(readFileSync(duck.path)).digest('hex');
    const before = sha();
    for (const c of cases) {
      const r = await evaluateModel(workspace(), {
        connection: `duckdb:${duck.path}`,
        predictions: c.current,
        'baseline-predictions': c.baseline,
        ...inputsOf(c.f),
      });
      expect(r.exitCode, r.stdout).toBe(0);
      const comparison = r.doc!.comparison as ComparisonBlock;
      expectSameComparison(comparison, c.file, c.f);
      expect(comparison.baseline.predictions).toBe(c.baseline);
      expect(comparison.baseline.sha256).toBe(createHash('sha256').update(c.baseline).digest('hex'));
      expect(r.stdout).toContain('the paired bootstrap needs the rows, which SQL mode does not read');
      expect(r.summary).toContain('Against the baseline (paired, same rows)');
    }
    // a query as the baseline source
    const c = cases[0]!;
    const query = `SELECT * FROM ${c.baseline} WHERE label IS NOT NULL`;
    const q = await evaluateModel(workspace(), {
      connection: `duckdb:${duck.path}`,
      predictions: c.current,
      'baseline-predictions': query,
      ...inputsOf(c.f),
    });
    expect(q.exitCode, q.stdout).toBe(0);
    expectSameComparison(q.doc!.comparison as ComparisonBlock, c.file, c.f);
    expect((q.doc!.comparison as ComparisonBlock).baseline.predictions).toBe(query);
    expect(sha()).toBe(before);
  }, 300_000);

  it('leaves McNemar out, with a warning, when a side writes its predictions differently as text (1.0 for 1)', async () => {
    const c = cases.find((x) => x.f.name === 'binary_ties')!;
    const r = await evaluateModel(workspace(), {
      connection: `duckdb:${duck.path}`,
      predictions: c.current,
      'baseline-predictions': `SELECT id, label, CAST(prediction AS DOUBLE) AS prediction, score FROM ${c.baseline}`,
      ...inputsOf(c.f),
    });
    expect(r.exitCode, r.stdout).toBe(0);
    const comparison = r.doc!.comparison as ComparisonBlock;
    expect(close(comparison.baseline.metrics['accuracy'], c.file.baseline.metrics['accuracy']!)).toBe(true);
    expect(Object.keys(comparison.paired)).toEqual(['roc_auc']);
    expect(r.stdout).toContain('accuracy: the labels and predictions are written differently as text');
  }, 120_000);

  it('pairs integer key columns on their values, as their texts pair; an integer key meets a text key as text', async () => {
    const c = cases.find((x) => x.f.name === 'binary_ties')!;
    // the fixture's ids row-<i> as integers (BIGINT on one side, INTEGER on the other), and as padded text
    const integer = (table: string, type: string) =>
      `SELECT CAST(substr(id, 5) AS ${type}) AS id, label, prediction, score FROM ${table}`;
    const run = (current: string, baseline: string) =>
      evaluateModel(workspace(), {
        connection: `duckdb:${duck.path}`,
        predictions: current,
        'baseline-predictions': baseline,
        ...inputsOf(c.f),
      });
    for (const baseline of [
      integer(c.baseline, 'INTEGER'),
      `SELECT '  ' || substr(id, 5) AS id, label, prediction, score FROM ${c.baseline}`,
    ]) {
      const r = await run(integer(c.current, 'BIGINT'), baseline);
      expect(r.exitCode, r.stdout).toBe(0);
      expectSameComparison(r.doc!.comparison as ComparisonBlock, c.file, c.f);
    }
    // keys on one side only are named in the keys' own order: 9 before 10 for integers
    const missing = await run(
      integer(c.current, 'BIGINT'),
      `SELECT * FROM (${integer(c.baseline, 'BIGINT')}) AS b WHERE id NOT IN (10, 9, 100)`,
    );
    expect(missing.exitCode).toBe(1);
    expect(missing.error).toMatch(/3 key\(s\) only in SELECT .* \(predictions\): "9", "10", "100"\. Both sides/);
  }, 300_000);

  it('names the errors: no key-column, keys on one side only, a repeated key, a differing label', async () => {
    const c = cases[0]!;
    const run = async (baseline: string, extra: Record<string, string> = {}) => {
      const r = await evaluateModel(workspace(), {
        connection: `duckdb:${duck.path}`,
        predictions: c.current,
        'baseline-predictions': baseline,
        ...inputsOf(c.f),
        ...extra,
      });
      expect(r.exitCode).toBe(1);
      expect(r.doc, 'no metrics file is written').toBeUndefined();
      return r.error;
    };
    expect(await run(c.baseline, { 'key-column': '' })).toMatch(
      /input 'key-column'.*is needed with baseline-predictions when connection is set/,
    );
    expect(
      await run(`SELECT * FROM ${c.baseline} WHERE id NOT IN ('row-1', 'row-2', 'row-3', 'row-4', 'row-5', 'row-6')`),
    ).toMatch(
      /6 key\(s\) only in \S+ \(predictions\): "row-1", "row-2", "row-3", "row-4", "row-5", …\. Both sides must hold the same rows/,
    );
    expect(
      await run(`SELECT * FROM ${c.baseline} UNION ALL SELECT * FROM ${c.baseline} WHERE id IN ('row-7', 'row-8')`),
    ).toMatch(/the key "row-7" of column 'id' occurs 2 times in SELECT .* \(baseline-predictions\)/);
    expect(
      await run(
        `SELECT id, CASE WHEN id IN ('row-9', 'row-12') THEN 1 - label ELSE label END AS label, prediction, score FROM ${c.baseline}`,
      ),
    ).toMatch(/the true labels differ at key "row-12": .* Paired rows must hold the same label/);
  }, 300_000);
});

const up = await postgresUp();
if (!up && !process.env['CI'])
  console.warn(
    '\n!!! PostgreSQL is not running on 127.0.0.1:55432 (.ci/postgres starts it): SKIPPING the PostgreSQL paired tests.\n',
  );

describe.skipIf(!up && !process.env['CI'])('evaluate-model: baseline-predictions in PostgreSQL', () => {
  let loaded: Awaited<ReturnType<typeof postgresSchema>>;
  beforeAll(async () => {
    loaded = await postgresSchema(duck.tables);
  }, 120_000);
  afterAll(async () => loaded?.drop());

  it('gives the file mode’s McNemar, DeLong and baseline metrics as the SELECT-only role and creates nothing', async () => {
    const before = await postgresObjects();
    for (const c of cases) {
      const r = await evaluateModel(workspace(), {
        connection: postgresReaderUrl,
        predictions: `${loaded.schema}.${c.current}`,
        'baseline-predictions': `${loaded.schema}.${c.baseline}`,
        ...inputsOf(c.f),
      });
      expect(r.exitCode, r.stdout).toBe(0);
      expectSameComparison(r.doc!.comparison as ComparisonBlock, c.file, c.f);
    }
    expect(await postgresObjects()).toEqual(before);
  }, 300_000);

  it('names keys on one side only', async () => {
    const c = cases[0]!;
    const r = await evaluateModel(workspace(), {
      connection: postgresReaderUrl,
      predictions: `SELECT * FROM ${loaded.schema}.${c.current} WHERE id <> 'row-3'`,
      'baseline-predictions': `${loaded.schema}.${c.baseline}`,
      ...inputsOf(c.f),
    });
    expect(r.exitCode).toBe(1);
    expect(r.error).toMatch(/1 key\(s\) only in \S+ \(baseline-predictions\): "row-3"\./);
  }, 120_000);
});

describe('evaluate-model: baseline-predictions in BigQuery (the REST stand-in)', () => {
  it('pairs the tables in GoogleSQL: McNemar, DeLong and the baseline metrics equal the file mode’s; every request fits the API', async () => {
    const c = cases.find((x) => x.f.name === 'binary_ties')!;
    const bq = await startBigQueryStandin();
    try {
      const types = { id: 'VARCHAR', label: 'INTEGER', prediction: 'INTEGER', score: 'DOUBLE' };
      await bq.load('modelgate-test.paired.current', join(c.dir, 'current.csv'), types);
      await bq.load('modelgate-test.paired.baseline', join(c.dir, 'baseline.csv'), types);
      const dir = mkdtempSync(join(tmpdir(), 'sql-paired-bigquery-'));
      writeFileSync(join(dir, 'oidc-token'), 'eyJhbGciOiJSUzI1NiJ9.fake-github-oidc-token.sig');
      writeFileSync(join(dir, 'adc.json'), JSON.stringify(bq.credentials(join(dir, 'oidc-token'))));
      const out = await runLocal({
        action: 'evaluate-model',
        cwd: dir,
        env: { BIGQUERY_EMULATOR_HOST: bq.endpoint, GOOGLE_APPLICATION_CREDENTIALS: join(dir, 'adc.json') },
        inputs: {
          connection: 'bigquery://modelgate-test',
          predictions: 'modelgate-test.paired.current',
          'baseline-predictions': 'modelgate-test.paired.baseline',
          ...inputsOf(c.f),
        },
      });
      expect(out.exitCode, out.stdout + out.stderr).toBe(0);
      expect(bq.requests.filter((r) => r.problems.length)).toEqual([]);
      const doc = JSON.parse(readFileSync(join(dir, 'modelgate-metrics.json'), 'utf8')) as {
        comparison: ComparisonBlock;
      };
      expectSameComparison(doc.comparison, c.file, c.f);
    } finally {
      await bq.close();
    }
  }, 120_000);
});
