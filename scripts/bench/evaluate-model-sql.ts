// evaluate-model on 10,000,000 predictions in PostgreSQL (the .ci/postgres cluster, read by its SELECT-only role)
// against what a user would do instead: pandas read_sql of the columns, then scikit-learn's metrics (whole table
// and per region). Reports wall time, peak memory (GNU time's maximum RSS) and the bytes received from the server;
// targets: the action's peak memory < 250 MB and < 1 MB received (time is reported). Ours are counted by the action
// on its socket; pandas' are the bytes its rows take on the wire (psycopg2 uses the text protocol: a DataRow message
// of 7 bytes plus 4 bytes and the text per value, computed by the server over the same rows).
// The table is made once by the server (generate_series; float64 scores with 17 significant digits, 64-bit ids, a
// region, a feature and a date with nulls) in schema modelgate_bench and kept for the next run.
// Usage: npm run bench evaluate-model-sql (npm run build first); BENCH_SQL_ROWS overrides the 10,000,000 rows.
// Then the in-process DuckDB case: the same action on a DuckDB file (connection: duckdb:<file>) of
// BENCH_DUCKDB_ROWS rows (2,000,000 and 10,000,000 unless set; each file is made once in the temp dir, see _duckdb-file.ts), binary
// with slices, multiclass, regression and a paired baseline, each against the 250 MB peak-memory target.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { actionCommand } from './_action.ts';
import { duckdbBenchFile, duckdbBenchRows } from './_duckdb-file.ts';
import { megabytes, target } from './_measure.ts';

const ROWS = Number(process.env.BENCH_SQL_ROWS ?? 10_000_000);
const ADMIN =
  process.env.MODELGATE_TEST_PG_ADMIN_URL ??
  'postgresql://modelgate_admin:modelgate-admin-pw@127.0.0.1:55432/modelgate';
const READER =
  process.env.MODELGATE_TEST_PG_URL ?? 'postgresql://modelgate_reader:Reader-Secret-7f3a@127.0.0.1:55432/modelgate';
/** The contract's cap on the action's peak memory, in MB (10^6 bytes; GNU time reports KiB). */
const MEMORY_TARGET_MB = 250;
const TABLE = `modelgate_bench.predictions_${ROWS}`;

/** Creates the predictions table in the server unless it is there with ROWS rows. */
async function ensureTable(): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN });
  await client.connect();
  try {
    await client.query('CREATE SCHEMA IF NOT EXISTS modelgate_bench');
    await client.query('GRANT USAGE ON SCHEMA modelgate_bench TO modelgate_reader');
    const exists = await client.query(`SELECT to_regclass('${TABLE}') IS NOT NULL AS ok`);
    if (exists.rows[0].ok) return;
    console.log(`  creating ${TABLE} (${ROWS.toLocaleString('en')} rows) in the server ...`);
    const started = Date.now();
    await client.query('SELECT setseed(0.42)');
    await client.query(`CREATE TABLE ${TABLE} AS
      SELECT 100000000000000000 + i::bigint * 7919 AS customer_id, label,
             CASE WHEN score >= 0.5 THEN 1 ELSE 0 END AS prediction, score,
             (ARRAY['eu', 'us', 'apac'])[1 + floor(r * 3)::int] AS region,
             z * 10 AS tenure_feature,
             CASE WHEN r < 0.05 THEN NULL ELSE DATE '2026-01-01' + floor(r * 300)::int END AS scored_on
      FROM (SELECT i, label, r, z, 1 / (1 + exp(-(z * 1.3 + 1.6 * label - 1.2))) AS score
            FROM (SELECT i, CASE WHEN a < 0.3 THEN 1 ELSE 0 END AS label, r,
                         sqrt(-2 * ln(b)) * cos(2 * pi() * c) AS z
                  FROM (SELECT i, random() AS a, 1 - random() AS b, random() AS c, random() AS r
                        FROM generate_series(1, ${ROWS}) AS i) AS u) AS v) AS w`);
    await client.query(`GRANT SELECT ON ${TABLE} TO modelgate_reader`);
    await client.query(`ANALYZE ${TABLE}`);
    console.log(`  created in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
}

/** The bytes of the DataRow messages pandas reads for the four columns (text protocol). */
async function pandasWireBytes(): Promise<number> {
  const client = new pg.Client({ connectionString: ADMIN });
  await client.connect();
  try {
    const r = await client.query(
      `SELECT count(*) * 7 + sum(16 + length(label::text) + length(prediction::text) + length(score::text) + length(region)) AS b FROM ${TABLE}`,
    );
    return Number(r.rows[0].b);
  } finally {
    await client.end();
  }
}

const pandasScript = `
import json, os, sys
import pandas as pd
from sklearn import metrics as M
from sqlalchemy import create_engine
engine = create_engine(os.environ["BENCH_PG_URL"].replace("postgresql://", "postgresql+psycopg2://", 1))
data = pd.read_sql(f"SELECT label, prediction, score, region FROM {sys.argv[1]}", engine)
def binary(d):
    y, p, s = d["label"], d["prediction"], d["score"]
    return {"accuracy": M.accuracy_score(y, p), "balanced_accuracy": M.balanced_accuracy_score(y, p),
            "precision": M.precision_score(y, p), "recall": M.recall_score(y, p), "f1": M.f1_score(y, p),
            "mcc": M.matthews_corrcoef(y, p), "cohen_kappa": M.cohen_kappa_score(y, p),
            "roc_auc": M.roc_auc_score(y, s), "average_precision": M.average_precision_score(y, s),
            "log_loss": M.log_loss(y, s, labels=[0, 1]), "brier_score": M.brier_score_loss(y, s)}
result = {"metrics": binary(data), "slices": {f"region={k}": binary(g) for k, g in data.groupby("region")}}
json.dump(result, open(sys.argv[2], "w"))
`;

interface Timed {
  wall: number;
  peakMiB: number;
  stdout: string;
}

function timed(argv: string[], env: NodeJS.ProcessEnv, cwd: string): Timed {
  const r = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M', ...argv], {
    env: { ...process.env, ...env },
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const m = /__TIME__ ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  if (!m || r.status !== 0)
    throw new Error(`${argv.join(' ')} failed (${r.status}):\n${r.stdout?.slice(-2000)}\n${r.stderr?.slice(-2000)}`);
  return { wall: Number(m[1]), peakMiB: Number(m[2]) / 1024, stdout: r.stdout };
}

async function benchEvaluateModelSql(): Promise<void> {
  const rows = ROWS.toLocaleString('en');
  console.log(`\nevaluate-model on ${rows} predictions in PostgreSQL (binary, float64 scores, 3 regions):`);
  const probe = new pg.Client({ connectionString: ADMIN, connectionTimeoutMillis: 3000 });
  try {
    await probe.connect();
    await probe.end();
  } catch {
    console.log('  skipped: PostgreSQL is not running on 127.0.0.1:55432 (.ci/postgres starts it)');
    return;
  }
  await ensureTable();
  const dir = mkdtempSync(join(tmpdir(), 'bench-evaluate-sql-'));
  try {
    const cmd = actionCommand(
      'evaluate-model',
      {
        connection: READER,
        predictions: TABLE,
        task: 'binary',
        'score-column': 'score',
        'slice-columns': 'region',
        output: join(dir, 'metrics.json'),
      },
      { dir, name: 'evaluate-model (PostgreSQL)' },
    );
    const ours = timed(cmd.argv, cmd.env ?? {}, dir);
    const bytes = Number(/([\d,]+) bytes received/.exec(ours.stdout)?.[1]?.replace(/,/g, '') ?? NaN);
    writeFileSync(join(dir, 'pandas_metrics.py'), pandasScript);
    const theirs = timed(
      ['/usr/bin/python3', join(dir, 'pandas_metrics.py'), TABLE, join(dir, 'pandas.json')],
      { BENCH_PG_URL: READER },
      dir,
    );
    const theirBytes = await pandasWireBytes();
    const row = (n: string, t: Timed, b: number) =>
      `  ${n.padEnd(40)} ${t.wall.toFixed(1).padStart(7)} s wall ${t.peakMiB.toFixed(0).padStart(6)} MiB peak ${b.toLocaleString('en').padStart(15)} bytes received`;
    console.log(row('evaluate-model (in the engine)', ours, bytes));
    console.log(row('pandas read_sql + scikit-learn', theirs, theirBytes));
    console.log(
      `  ratio (ours/theirs): wall ${(ours.wall / theirs.wall).toFixed(3)}, peak memory ${(ours.peakMiB / theirs.peakMiB).toFixed(3)}, bytes ${(bytes / theirBytes).toExponential(2)}`,
    );
    target(
      'peak memory MB / 250 (evaluate-model in PostgreSQL)',
      megabytes(ours.peakMiB) / MEMORY_TARGET_MB,
      1,
      `${rows} rows`,
    );
    // only aggregates cross the wire: a few kilobytes whatever the row count
    target('bytes received / 1 MB (evaluate-model in PostgreSQL)', bytes / 1e6, 1, `${rows} rows`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** evaluate-model in DuckDB, in process: its peak memory per task, against the 250 MB target. */
async function benchEvaluateModelDuckdb(rows: number): Promise<void> {
  console.log(`\nevaluate-model on a DuckDB file of ${rows.toLocaleString('en')} predictions (in process):`);
  const connection = `duckdb:${await duckdbBenchFile(rows)}`;
  const slices = { 'slice-columns': 'region' };
  const cases: [string, Record<string, string>][] = [
    ['binary, score, slices', { predictions: 'predictions', task: 'binary', 'score-column': 'score', ...slices }],
    ['multiclass, slices', { predictions: 'multiclass', task: 'multiclass', ...slices }],
    ['regression, slices', { predictions: 'regression', task: 'regression', ...slices }],
    [
      'binary, paired with a baseline',
      {
        predictions: 'predictions',
        task: 'binary',
        'score-column': 'score',
        'key-column': 'customer_id',
        'baseline-predictions': 'baseline',
      },
    ],
  ];
  for (const [name, inputs] of cases) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-evaluate-duckdb-'));
    try {
      const cmd = actionCommand(
        'evaluate-model',
        { connection, ...inputs, output: join(dir, 'metrics.json') },
        { dir, name: `evaluate-model (DuckDB, ${name})` },
      );
      const ours = timed(cmd.argv, cmd.env ?? {}, dir);
      console.log(
        `  ${name.padEnd(40)} ${ours.wall.toFixed(1).padStart(7)} s wall ${ours.peakMiB.toFixed(0).padStart(6)} MiB peak`,
      );
      target(
        `peak memory MB / 250 (evaluate-model in DuckDB, ${name})`,
        megabytes(ours.peakMiB) / MEMORY_TARGET_MB,
        1,
        `${rows.toLocaleString('en')} rows`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

await benchEvaluateModelSql();
for (const rows of duckdbBenchRows()) await benchEvaluateModelDuckdb(rows);
