// validate-data on a PostgreSQL table (issue 14) against what a user does instead: pandas read_sql of both tables,
// then the same checks and drift tests in pandas and SciPy. A 10,000,000-row customer table with drift against a
// 1,000,000-row reference (generated in the database by generate_series in schema bench_validate and kept between
// runs; BENCH_FRESH=1 makes them again). Reports wall time, peak memory (target < 250 MB for the action whatever
// the row count) and the bytes received from the server: ours counted on the socket, pandas' the size of the rows
// it reads in PostgreSQL's text protocol (the row texts plus 4 bytes per column and 7 per row of framing).
// Needs the cluster of .ci/postgres (127.0.0.1:55432) and Debian's python3-psycopg2.
// Then the in-process DuckDB case: the same checks, drift and profile on a DuckDB file (connection: duckdb:<file>)
// of BENCH_DUCKDB_ROWS rows (2,000,000 and 10,000,000 unless set) against a tenth of them, against the 250 MB peak-memory target.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { actionCommand } from './_action.ts';
import { duckdbBenchFile, duckdbBenchRows } from './_duckdb-file.ts';
import { compare, megabytes, target, timeOnce } from './_measure.ts';

const ADMIN =
  process.env.MODELGATE_TEST_PG_ADMIN_URL ??
  'postgresql://modelgate_admin:modelgate-admin-pw@127.0.0.1:55432/modelgate';
const READER =
  process.env.MODELGATE_TEST_PG_URL ?? 'postgresql://modelgate_reader:Reader-Secret-7f3a@127.0.0.1:55432/modelgate';
const ROWS = Number(process.env.BENCH_SQL_ROWS ?? 10_000_000);
const REF_ROWS = Math.round(ROWS / 10);
const dir = mkdtempSync(join(tmpdir(), 'bench-validate-sql-'));

// Columns a customer table has: an id, ints, float64 with 17 significant digits, categories, a date, an email
// with nulls. The current table drifts in monthly_spend (shifted) and plan (other shares).
function tableSql(name: string, rows: number, shift: number, pro: number): string {
  return `CREATE TABLE bench_validate.${name} AS
SELECT i AS customer_id,
  18 + (hashint4(i::int) & 2147483647) % 70 AS age,
  CASE WHEN (hashint4(i::int + 1) & 1023) < ${pro} THEN 'pro' WHEN (hashint4(i::int + 2) & 1) = 0 THEN 'basic' ELSE 'enterprise' END AS plan,
  (ARRAY['eu','us','apac'])[1 + (hashint4(i::int + 3) & 2147483647) % 3] AS region,
  CASE WHEN i % 997 = 0 THEN NULL ELSE 'user' || i || '@example.com' END AS email,
  DATE '2020-01-01' + (hashint4(i::int + 4) & 2147483647) % 1800 AS signup,
  (hashint4(i::int + 5) & 2147483647) % 120 AS tenure_months,
  ${shift} + ((hashint4(i::int + 6) & 2147483647) / 2147483647.0)::float8 * 100 + ((hashint4(i::int + 7) & 2147483647) / 2147483647.0)::float8 * 50 AS monthly_spend,
  (hashint4(i::int + 8) & 2147483647) % 9 AS support_tickets
FROM generate_series(1, ${rows}) AS i`;
}

const SCHEMA = `columns:
  customer_id: { type: integer, unique: true, nullable: false }
  age: { type: integer, nullable: false, min: 18, max: 120 }
  plan: { type: string, allowed: [basic, pro, enterprise] }
  region: { type: string, allowed: [eu, us, apac] }
  email: { type: string, pattern: '^[^@ ]+@[^@ ]+\\.[a-z]+$', max-null-fraction: { value: 0.01, level: warn } }
  signup: { type: date, min: 2020-01-01 }
  tenure_months: { type: integer, min: 0 }
  monthly_spend: { type: number, min: 0, max: 10000 }
  support_tickets: { type: integer, min: 0 }
`;

const pandasScript = String.raw`
import sys, json
import numpy as np, pandas as pd, psycopg2
from scipy import stats
from scipy.spatial import distance
con = psycopg2.connect(sys.argv[1])
data = pd.read_sql("SELECT * FROM bench_validate.current_data", con)
ref = pd.read_sql("SELECT * FROM bench_validate.reference_data", con)
c = {}
def count(name, mask): c[name] = int(mask.sum())
count("customer_id.unique", data["customer_id"].dropna().duplicated()); count("customer_id.nullable", data["customer_id"].isna())
count("age.nullable", data["age"].isna()); count("age.min", data["age"] < 18); count("age.max", data["age"] > 120)
count("plan.allowed", data["plan"].notna() & ~data["plan"].isin(["basic", "pro", "enterprise"]))
count("region.allowed", data["region"].notna() & ~data["region"].isin(["eu", "us", "apac"]))
e = data["email"].dropna(); count("email.pattern", ~e.str.contains(r"^[^@ ]+@[^@ ]+\.[a-z]+$")); c["email.null_fraction"] = float(data["email"].isna().mean())
count("signup.min", pd.to_datetime(data["signup"]) < "2020-01-01")
count("tenure_months.min", data["tenure_months"] < 0); count("monthly_spend.min", data["monthly_spend"] < 0); count("monthly_spend.max", data["monthly_spend"] > 10000)
count("support_tickets.min", data["support_tickets"] < 0)
drift = {}
for col in ["age", "tenure_months", "monthly_spend", "support_tickets"]:
    r, d = ref[col].dropna().to_numpy(float), data[col].dropna().to_numpy(float)
    drift[col] = float(stats.wasserstein_distance(r, d) / max(np.std(r), 0.001))
for col in ["plan", "region"]:
    rc, dc = ref[col].value_counts(normalize=True), data[col].value_counts(normalize=True)
    keys = sorted(set(rc.index) | set(dc.index))
    drift[col] = float(distance.jensenshannon([rc.get(k, 0) for k in keys], [dc.get(k, 0) for k in keys]))
print(json.dumps({"rows": len(data), "checks": c, "drift": drift}))
`;

async function prepare(): Promise<number> {
  const client = new pg.Client({ connectionString: ADMIN });
  await client.connect();
  try {
    const fresh = process.env.BENCH_FRESH === '1';
    const have = await client
      .query(
        `SELECT (SELECT count(*) FROM bench_validate.current_data) AS n, (SELECT count(*) FROM bench_validate.reference_data) AS r`,
      )
      .catch(() => null);
    if (fresh || !have || Number(have.rows[0].n) !== ROWS || Number(have.rows[0].r) !== REF_ROWS) {
      console.log(
        `  making bench_validate.current_data (${ROWS.toLocaleString('en-US')} rows) and reference_data (${REF_ROWS.toLocaleString('en-US')})`,
      );
      const t = Date.now();
      await client.query('DROP SCHEMA IF EXISTS bench_validate CASCADE');
      await client.query('CREATE SCHEMA bench_validate');
      await client.query(tableSql('current_data', ROWS, 20, 450));
      await client.query(tableSql('reference_data', REF_ROWS, 0, 300));
      await client.query('ANALYZE bench_validate.current_data');
      await client.query('ANALYZE bench_validate.reference_data');
      console.log(`  made in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    }
    // what a text-protocol read of every row of both tables receives: the row texts plus the framing
    const r = await client.query(`SELECT sum(octet_length(t::text) + 7 + 4 * 9)::float8 AS b FROM (
      SELECT * FROM bench_validate.current_data UNION ALL SELECT * FROM bench_validate.reference_data) AS t`);
    return Number(r.rows[0].b);
  } finally {
    await client.end();
  }
}

try {
  const pandasBytes = await prepare();
  writeFileSync(join(dir, 'schema.yml'), SCHEMA);
  writeFileSync(join(dir, 'pandas_checks.py'), pandasScript);
  const ours = actionCommand(
    'validate-data',
    {
      connection: READER,
      data: 'bench_validate.current_data',
      reference: 'bench_validate.reference_data',
      schema: join(dir, 'schema.yml'),
      'key-columns': 'customer_id',
      'fail-on': 'never',
      report: join(dir, 'report.json'),
    },
    { dir, name: 'validate-data (PostgreSQL)' },
  );
  const theirs = {
    name: 'pandas read_sql + checks + SciPy',
    argv: ['/usr/bin/python3', join(dir, 'pandas_checks.py'), READER],
  };
  // our bytes from the action's own log line (counted on the socket)
  const once = spawnSync(ours.argv[0]!, ours.argv.slice(1), {
    env: { ...process.env, ...ours.env },
    cwd: dir,
    encoding: 'utf8',
  });
  const bytes = Number(/([\d,]+) bytes received from postgresql/.exec(once.stdout)?.[1]?.replaceAll(',', '') ?? NaN);
  const file = `PostgreSQL ${ROWS.toLocaleString('en-US')} rows vs ${REF_ROWS.toLocaleString('en-US')}`;
  const result = compare(ours, theirs, { rounds: Number(process.env.BENCH_ROUNDS ?? 1), file });
  console.log(
    `  bytes received: ours ${bytes.toLocaleString('en-US')}, pandas read_sql ~${pandasBytes.toLocaleString('en-US')} (ratio ${(bytes / pandasBytes).toExponential(2)})`,
  );
  const ok = [
    target('validate-data SQL peak memory (MB)', megabytes(result.ours.peakMiB), 250, file),
    target('validate-data SQL wall time / pandas read_sql', result.wallRatio, 1, file),
    target('validate-data SQL bytes received / pandas read_sql', bytes / pandasBytes, 0.01, file),
  ];
  for (const rows of duckdbBenchRows()) ok.push(await benchDuckdb(rows));
  process.exitCode = ok.every(Boolean) ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** validate-data in DuckDB, in process (checks, drift against the reference, profile): its peak memory. */
async function benchDuckdb(rows: number): Promise<boolean> {
  const file = `DuckDB file ${rows.toLocaleString('en-US')} rows vs ${Math.round(rows / 10).toLocaleString('en-US')}`;
  console.log(`\nvalidate-data on a ${file} (in process):`);
  const cmd = actionCommand(
    'validate-data',
    {
      connection: `duckdb:${await duckdbBenchFile(rows)}`,
      data: 'current_data',
      reference: 'reference_data',
      schema: join(dir, 'schema.yml'),
      'key-columns': 'customer_id',
      profile: join(dir, 'profile-duckdb.json'),
      'fail-on': 'never',
      report: join(dir, 'report-duckdb.json'),
    },
    { dir, name: 'validate-data (DuckDB)' },
  );
  const run = timeOnce(cmd);
  if (run.exitCode !== 0) throw new Error(`validate-data (DuckDB) failed (exit ${run.exitCode}) on ${file}`);
  const peakMiB = run.peakKiB / 1024;
  console.log(`  validate-data (DuckDB) ${run.wall.toFixed(1)} s wall, ${peakMiB.toFixed(0)} MiB peak`);
  return target('validate-data DuckDB peak memory (MB)', megabytes(peakMiB), 250, file);
}
