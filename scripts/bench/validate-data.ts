// validate-data against pandas + SciPy doing the same schema checks and drift tests on a 1,000,000-row batch
// and a 1,000,000-row reference (generated in a temp dir, not committed), in turn; then our peak memory at
// 4,000,000 rows against 1,000,000 (flat memory target: at most 1.5x).
import { mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare, target, timeOnce, type Command } from './_measure.ts';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'bench-validate-data-'));
const PLANS = ['basic', 'pro', 'enterprise'];
const CITIES = Array.from({ length: 40 }, (_, i) => `city-${i}`);

/** Writes `rows` rows of mixed numeric/categorical/string columns (seeded, with a few planted defects). */
async function generate(file: string, rows: number, seed: number, shift: number): Promise<void> {
  let s = seed;
  const u = () => (s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296;
  const out = createWriteStream(file);
  out.write('customer_id,age,monthly_spend,tenure,plan,city,email\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const age = i % 100_003 === 7 ? 150 : 18 + Math.floor(u() * 60);
    const spend = ((u() + u() + u()) * 30 + shift).toFixed(2);
    const email = i % 50_000 === 3 ? 'not-an-email' : `user${i}@example.com`;
    const city = u() < 0.001 ? '' : CITIES[Math.floor(u() * u() * CITIES.length)];
    chunk += `${seed * 10_000_000 + i},${age},${spend},${Math.floor(u() * 72)},${PLANS[Math.floor(u() * 3)]},${city},${email}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((r) => out.end(r));
}

const schema = `columns:
  customer_id: { type: integer, unique: true }
  age: { type: integer, nullable: false, min: 18, max: 120 }
  monthly_spend: { type: number, min: 0 }
  tenure: { type: integer, min: 0, max: 100 }
  plan: { type: string, allowed: [basic, pro, enterprise] }
  city: { type: string, max-null-fraction: 0.01 }
  email: { type: string, pattern: '^[^@ ]+@[^@ ]+\\.[a-z]+$', max-length: 64 }
`;

// The same checks and Evidently's tests for > 1000 reference rows, the way a pandas user writes them.
const pandasScript = `
import sys, json, re
import numpy as np, pandas as pd
from scipy import stats
from scipy.spatial import distance
data, ref = pd.read_csv(sys.argv[1]), pd.read_csv(sys.argv[2])
out = {"rows": len(data), "checks": {}, "drift": {}}
c = out["checks"]
for col in ["customer_id", "age", "tenure"]:
    v = pd.to_numeric(data[col], errors="coerce"); c[col + ".type"] = int((v.isna() & data[col].notna()).sum())
c["customer_id.unique"] = int(data["customer_id"].duplicated().sum())
c["age.nullable"] = int(data["age"].isna().sum())
c["age.min"] = int((data["age"] < 18).sum()); c["age.max"] = int((data["age"] > 120).sum())
c["monthly_spend.min"] = int((data["monthly_spend"] < 0).sum())
c["tenure.min"] = int((data["tenure"] < 0).sum()); c["tenure.max"] = int((data["tenure"] > 100).sum())
c["plan.allowed"] = int((~data["plan"].isin(["basic", "pro", "enterprise"]) & data["plan"].notna()).sum())
c["city.null_fraction"] = float(data["city"].isna().mean())
e = data["email"].dropna()
c["email.pattern"] = int((~e.str.contains(r"^[^@ ]+@[^@ ]+\\.[a-z]+$", regex=True)).sum())
c["email.max_length"] = int((e.str.len() > 64).sum())
for col in ["age", "monthly_spend", "tenure"]:
    r, d = ref[col].dropna(), data[col].dropna()
    out["drift"][col] = float(stats.wasserstein_distance(r, d) / max(np.std(r), 0.001))
for col in ["plan", "city"]:
    r, d = ref[col].dropna(), data[col].dropna()
    keys = list(set(r.unique()) | set(d.unique())); rc, dc = r.value_counts(), d.value_counts()
    out["drift"][col] = float(distance.jensenshannon([rc.get(k, 0) / len(r) for k in keys], [dc.get(k, 0) / len(d) for k in keys]))
print(json.dumps(out))
`;

function ours(data: string, name: string): Command {
  writeFileSync(join(dir, 'output'), '');
  writeFileSync(join(dir, 'summary.md'), '');
  const env: NodeJS.ProcessEnv = {
    INPUT_DATA: data,
    INPUT_SCHEMA: join(dir, 'schema.yml'),
    INPUT_REFERENCE: join(dir, 'ref.csv'),
    'INPUT_DRIFT-SHARE': '0.5',
    'INPUT_FAIL-ON': 'never',
    'INPUT_FAIL-ON-DRIFT': 'false',
    INPUT_REPORT: join(dir, `${name}.report.json`),
    INPUT_COMMENT: 'false',
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
  };
  return {
    name: `validate-data (${name})`,
    argv: [process.execPath, join(root, 'dist', 'validate-data', 'index.js')],
    env,
    cwd: dir,
  };
}

async function main(): Promise<void> {
  writeFileSync(join(dir, 'schema.yml'), schema);
  writeFileSync(join(dir, 'pandas_checks.py'), pandasScript);
  console.log(`generating 1M-row batch, 1M-row reference and a 4M-row batch in ${dir} ...`);
  await generate(join(dir, 'ref.csv'), 1_000_000, 1, 0);
  await generate(join(dir, 'data.csv'), 1_000_000, 2, 3);
  await generate(join(dir, 'data4m.csv'), 4_000_000, 3, 3);
  const theirs: Command = {
    name: 'pandas 1.5 + SciPy 1.10',
    argv: ['/usr/bin/python3', join(dir, 'pandas_checks.py'), join(dir, 'data.csv'), join(dir, 'ref.csv')],
    cwd: dir,
  };
  const result = compare(ours(join(dir, 'data.csv'), '1M'), theirs, 3);
  const one = timeOnce(ours(join(dir, 'data.csv'), '1M'));
  const four = timeOnce(ours(join(dir, 'data4m.csv'), '4M'));
  console.log(
    `  our peak memory: ${(one.peakKiB / 1024).toFixed(0)} MiB at 1M rows, ${(four.peakKiB / 1024).toFixed(0)} MiB at 4M rows (${four.wall.toFixed(2)} s)`,
  );
  const ok = [
    target('wall time ours/pandas+SciPy', result.wallRatio, 0.5),
    target('peak memory ours/pandas+SciPy', result.memoryRatio, 0.5),
    target('peak memory 4M rows / 1M rows', four.peakKiB / one.peakKiB, 1.5),
  ];
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = ok.every(Boolean) ? 0 : 1;
}

await main();
