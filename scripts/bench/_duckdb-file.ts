// A DuckDB database file for the SQL benches' in-process case (connection: duckdb:<file>), made by DuckDB itself
// (range(), random() with a fixed seed) and kept in the temp dir for the next run (BENCH_FRESH=1 makes it again).
// Tables: predictions (binary: 64-bit ids, label, prediction, float64 score with 17 significant digits, region,
// a feature, a date with nulls), baseline (another model's predictions of the same ids), multiclass, regression,
// current_data and reference_data (a customer table and a tenth of its size drifting from it).
import { existsSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The row counts of the DuckDB cases: BENCH_DUCKDB_ROWS as a comma-separated list, else 2,000,000 and 10,000,000
 * (the contract's 250 MB holds whatever the row count, so the bench shows two sizes).
 */
export function duckdbBenchRows(): number[] {
  const list = (process.env.BENCH_DUCKDB_ROWS ?? '2000000,10000000').split(',').map((n) => Number(n.trim()));
  if (!list.length || list.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`BENCH_DUCKDB_ROWS: row counts separated by commas, got ${process.env.BENCH_DUCKDB_ROWS}`);
  return list;
}

export async function duckdbBenchFile(rows: number): Promise<string> {
  const path = join(tmpdir(), `modelgate-bench-${rows}.duckdb`);
  if (existsSync(path) && process.env.BENCH_FRESH !== '1') return path;
  console.log(`  making ${path} (${rows.toLocaleString('en-US')} rows) ...`);
  const started = Date.now();
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(partial);
  const c = await instance.connect();
  try {
    await c.run('SELECT setseed(0.42)');
    await c.run(`CREATE TABLE predictions AS
      SELECT 100000000000000000 + i * 7919 AS customer_id, label, CASE WHEN score >= 0.5 THEN 1 ELSE 0 END AS prediction,
        score, ['eu', 'us', 'apac'][1 + floor(r * 3)::int] AS region, z * 10 AS tenure_feature,
        CASE WHEN r < 0.05 THEN NULL ELSE DATE '2026-01-01' + floor(r * 300)::int END AS scored_on,
        1 / (1 + exp(-(z2 * 1.3 + 1.4 * label - 1.1))) AS baseline_score
      FROM (SELECT i, label, r, z, z2, 1 / (1 + exp(-(z * 1.3 + 1.6 * label - 1.2))) AS score FROM
        (SELECT i, CASE WHEN a < 0.3 THEN 1 ELSE 0 END AS label, r, sqrt(-2 * ln(b)) * cos(2 * pi() * c) AS z,
                sqrt(-2 * ln(b)) * sin(2 * pi() * c) AS z2
         FROM (SELECT range AS i, random() AS a, 1 - random() AS b, random() AS c, random() AS r FROM range(${rows}))))`);
    await c.run(`CREATE TABLE baseline AS SELECT customer_id, label, baseline_score AS score,
      CASE WHEN baseline_score >= 0.5 THEN 1 ELSE 0 END AS prediction FROM predictions`);
    await c.run(`CREATE TABLE multiclass AS SELECT customer_id, region,
      ['cat', 'dog', 'bird'][1 + (hash(customer_id) % 3)::int] AS label,
      CASE WHEN random() < 0.7 THEN ['cat', 'dog', 'bird'][1 + (hash(customer_id) % 3)::int]
           ELSE ['cat', 'dog', 'bird'][1 + (hash(customer_id + 1) % 3)::int] END AS prediction FROM predictions`);
    await c.run(`CREATE TABLE regression AS SELECT customer_id, region, tenure_feature + 50 AS label,
      tenure_feature + 50 + (score - 0.5) * 30 AS prediction FROM predictions`);
    const customers = (name: string, n: number, shift: number, pro: number) => `CREATE TABLE ${name} AS
      SELECT i AS customer_id, 18 + hash(i) % 70 AS age,
        CASE WHEN hash(i + 1) % 1024 < ${pro} THEN 'pro' WHEN hash(i + 2) % 2 = 0 THEN 'basic' ELSE 'enterprise' END AS plan,
        ['eu', 'us', 'apac'][1 + (hash(i + 3) % 3)::int] AS region,
        CASE WHEN i % 997 = 0 THEN NULL ELSE 'user' || i || '@example.com' END AS email,
        DATE '2020-01-01' + (hash(i + 4) % 1800)::int AS signup, hash(i + 5) % 120 AS tenure_months,
        ${shift} + (hash(i + 6) % 2147483647) / 2147483647.0 * 100 + (hash(i + 7) % 2147483647) / 2147483647.0 * 50 AS monthly_spend,
        hash(i + 8) % 9 AS support_tickets
      FROM range(${n}) AS t(i)`;
    await c.run(customers('current_data', rows, 20, 450));
    await c.run(customers('reference_data', Math.round(rows / 10), 0, 300));
  } finally {
    c.closeSync();
    instance.closeSync();
  }
  renameSync(partial, path);
  console.log(`  made in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return path;
}
