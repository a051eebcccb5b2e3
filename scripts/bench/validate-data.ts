// validate-data (the committed bundle, run as a user runs it) against what a user writes instead: pandas read_csv,
// the same schema checks in pandas and the same drift tests with SciPy/NumPy, on a 1,000,000-row, 20-column
// customer table with drift against a 1,000,000-row reference (scripts/bench/_customer-table.ts, generated in a
// temp dir, not committed). Alternating rounds, medians. Then our peak memory on 4,000,000 rows of the same table
// against 1,000,000 (flat memory: at most 1.3x). Also prints how far our drift statistics are from SciPy's.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionCommand } from './_action.ts';
import { compare, info, target, timeOnce, type Command } from './_measure.ts';
import { DRIFT_METHODS, SCHEMA, writeCustomerTable } from './_customer-table.ts';

// BENCH_DIR: reuse (and keep) the tables of an earlier run with BENCH_KEEP=1 instead of generating them again
const dir = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'bench-validate-data-'));

// A careful pandas user: read_csv with its defaults, each schema key as a vectorised pandas expression, and the
// drift test our action reports for each column (Evidently's defaults for > 1000 reference rows, plus the
// drift-methods overrides), identifier-like and date columns left out as our action leaves them out.
const pandasScript = String.raw`
import sys, json
import numpy as np, pandas as pd
from scipy import stats
from scipy.spatial import distance

data, ref = pd.read_csv(sys.argv[1]), pd.read_csv(sys.argv[2])
c = {}
def count(name, mask): c[name] = int(mask.sum())

def typed(col, kind):
    s = data[col]
    if kind == "date": v = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
    elif kind == "datetime": v = pd.to_datetime(s, format="%Y-%m-%d %H:%M:%S", errors="coerce")
    elif kind == "bool": v = s if s.dtype == bool else s.map({"true": True, "false": False, True: True, False: False})
    else: v = pd.to_numeric(s, errors="coerce")
    if kind == "integer": v = v.where(v == np.floor(v))
    count(col + ".type", v.isna() & s.notna())
    return v

ids = typed("customer_id", "integer"); count("customer_id.unique", ids.dropna().duplicated()); count("customer_id.nullable", data["customer_id"].isna())
d = typed("signup_date", "date"); count("signup_date.min", d < "2015-01-01"); count("signup_date.max", d > "2025-12-31")
t = typed("last_login", "datetime"); count("last_login.min", t < "2024-01-01"); c["last_login.null_fraction"] = float(data["last_login"].isna().mean())
a = typed("age", "integer"); count("age.nullable", data["age"].isna()); count("age.min", a < 18); count("age.max", a > 120)
count("country.allowed", data["country"].notna() & ~data["country"].isin(["C" + chr(65 + i) for i in range(20)]))
count("plan.nullable", data["plan"].isna()); count("plan.allowed", data["plan"].notna() & ~data["plan"].isin(["basic", "pro", "enterprise"]))
c["city.null_fraction"] = float(data["city"].isna().mean())
e = data["email"].dropna().astype(str)
count("email.unique", e.duplicated()); count("email.pattern", ~e.str.match(r"^[^@ ]+@[^@ ]+\.[a-z]+$")); count("email.max_length", e.str.len() > 64)
p = data["phone"].dropna().astype(str)
count("phone.pattern", ~p.str.match(r"^\+1-[0-9]{3}-[0-9]{3}-[0-9]{4}$")); count("phone.min_length", p.str.len() < 15)
v = typed("monthly_spend", "number"); count("monthly_spend.min", v < 0)
v = typed("lifetime_value", "number"); count("lifetime_value.min", v < 0); count("lifetime_value.max", v > 1e6)
typed("balance", "number"); c["balance.null_fraction"] = float(data["balance"].isna().mean())
v = typed("credit_score", "integer"); count("credit_score.min", v < 300); count("credit_score.max", v > 850)
v = typed("tenure_months", "integer"); count("tenure_months.min", v < 0); count("tenure_months.max", v > 240)
v = typed("churn_probability", "number"); count("churn_probability.min", v < 0); count("churn_probability.max", v > 1)
v = typed("sessions_30d", "integer"); count("sessions_30d.min", v < 0)
v = typed("discount_rate", "number"); count("discount_rate.min", v < 0); count("discount_rate.max", v > 0.5)
c["segment.null_fraction"] = float(data["segment"].isna().mean())
typed("is_active", "bool")
r = data["referral_code"].dropna().astype(str); l = r.str.len(); count("referral_code.min_length", l < 8); count("referral_code.max_length", l > 8)

def numbers(frame, col):
    s = pd.to_numeric(frame[col], errors="coerce").replace([np.inf, -np.inf], np.nan).dropna()
    return s.to_numpy(dtype=float)

def binned(r, d, numeric):
    # Evidently get_binned_data: Sturges histogram edges over both sides when the reference has > 20 distinct
    # numbers, one bin per value otherwise
    if numeric and len(np.unique(r)) > 20:
        edges = np.histogram_bin_edges(np.concatenate([r, d]), bins="sturges")
        return np.histogram(r, edges)[0] / len(r), np.histogram(d, edges)[0] / len(d)
    rc, dc = pd.Series(r).value_counts(), pd.Series(d).value_counts()
    keys = list(set(rc.index) | set(dc.index))
    return np.array([rc.get(k, 0) / len(r) for k in keys]), np.array([dc.get(k, 0) / len(d) for k in keys])

def fill(p):
    nz = p[p != 0].min(); p = p.copy(); p[p == 0] = nz / 1e6 if nz <= 1e-4 else 1e-4; return p

drift = {}
for col in ["age", "monthly_spend", "lifetime_value", "balance", "churn_probability"]:
    r, d = numbers(ref, col), numbers(data, col)
    drift[col] = float(stats.wasserstein_distance(r, d) / max(np.std(r), 0.001))
drift["credit_score"] = float(stats.ks_2samp(numbers(ref, "credit_score"), numbers(data, "credit_score")).statistic)
rb, db = binned(numbers(ref, "tenure_months"), numbers(data, "tenure_months"), True)
drift["tenure_months"] = float(distance.jensenshannon(rb, db))
for col in ["sessions_30d", "discount_rate"]:
    rb, db = binned(numbers(ref, col), numbers(data, col), True); rb, db = fill(rb), fill(db)
    drift[col] = float(np.sum((rb - db) * np.log(rb / db)))
for col in ["country", "city", "segment", "referral_code"]:
    rb, db = binned(ref[col].dropna().astype(str).to_numpy(), data[col].dropna().astype(str).to_numpy(), False)
    drift[col] = float(distance.jensenshannon(rb, db))
rc, dc = ref["plan"].dropna().value_counts(), data["plan"].dropna().value_counts()
keys = sorted(set(rc.index) | set(dc.index))
drift["plan"] = float(stats.chisquare([dc.get(k, 0) for k in keys], [rc.get(k, 0) * dc.sum() / rc.sum() for k in keys]).statistic)
ra, da = ref["is_active"].dropna().astype(str), data["is_active"].dropna().astype(str)
p1, p2 = (ra == "False").mean(), (da == "False").mean(); pp = (p1 * len(ra) + p2 * len(da)) / (len(ra) + len(da))
drift["is_active"] = float(abs(p1 - p2) / np.sqrt(pp * (1 - pp) * (1 / len(ra) + 1 / len(da))))
print(json.dumps({"rows": len(data), "checks": c, "drift": drift}))
`;

function ours(data: string, name: string): Command {
  return actionCommand(
    'validate-data',
    {
      data,
      schema: join(dir, 'schema.yml'),
      reference: join(dir, 'ref.csv'),
      'drift-methods': DRIFT_METHODS,
      'drift-share': '0.5',
      'fail-on': 'never',
      'fail-on-drift': 'false',
      report: join(dir, `${name}.report.json`),
      comment: 'false',
    },
    { dir, name: `validate-data (${name})` },
  );
}

/** Our drift statistics next to SciPy's: the largest difference, and any column tested on one side only. */
function agreement(): void {
  const py = readPandasResult();
  const report = JSON.parse(readFileSync(join(dir, '1M.report.json'), 'utf8')) as {
    drift: { column: string; method: string; statistic: number; error_bound?: number }[];
  };
  const ourDrift = new Map(report.drift.map((d) => [d.column, d]));
  const lines: string[] = [];
  for (const [column, theirs] of Object.entries(py.drift)) {
    const o = ourDrift.get(column);
    if (!o) lines.push(`${column}: not tested by validate-data`);
    else
      lines.push(
        `${column} (${o.method}): ${o.statistic.toPrecision(8)} vs ${theirs.toPrecision(8)}, diff ${Math.abs(o.statistic - theirs).toExponential(1)}${o.error_bound ? ` (sketch bound ${o.error_bound.toExponential(1)})` : ''}`,
      );
  }
  for (const column of ourDrift.keys())
    if (!(column in py.drift)) lines.push(`${column}: not tested by the pandas side`);
  console.log(`  drift statistics, validate-data vs SciPy on the 1M table:\n    ${lines.join('\n    ')}`);
}

function readPandasResult(): { drift: Record<string, number> } {
  const out = readFileSync(join(dir, 'pandas.json'), 'utf8');
  return JSON.parse(out) as { drift: Record<string, number> };
}

async function main(): Promise<void> {
  writeFileSync(join(dir, 'schema.yml'), SCHEMA);
  writeFileSync(join(dir, 'pandas_checks.py'), pandasScript);
  console.log(`generating the 1M-row table, its 1M-row reference and a 4M-row table in ${dir} ...`);
  const tables: [string, number, number, number][] = [
    ['ref.csv', 1_000_000, 1, 0],
    ['data.csv', 1_000_000, 2, 1],
    ['data4m.csv', 4_000_000, 3, 1],
  ];
  for (const [name, rows, seed, shift] of tables)
    if (!process.env.BENCH_DIR || !existsSync(join(dir, name)))
      await writeCustomerTable(join(dir, name), rows, seed, shift);
  const theirs: Command = {
    name: 'pandas 1.5 + SciPy 1.10',
    argv: ['/bin/sh', '-c', `exec /usr/bin/python3 pandas_checks.py data.csv ref.csv > pandas.json`],
    cwd: dir,
  };
  const file = 'customer table 1M + 1M reference';
  const result = compare(ours(join(dir, 'data.csv'), '1M'), theirs, { file });
  agreement();
  const four = timeOnce(ours(join(dir, 'data4m.csv'), '4M'));
  const oneMiB = result.ours.peakMiB;
  console.log(
    `  our peak memory: ${oneMiB.toFixed(0)} MiB at 1M rows (median), ${(four.peakKiB / 1024).toFixed(0)} MiB at 4M rows (${four.wall.toFixed(2)} s)`,
  );
  // ours reads the reference on a second thread: its CPU time is both threads', printed for information
  info('validate-data CPU time / pandas+SciPy', result.cpuRatio, 'both threads; the target is wall time', file);
  const ok = [
    target('validate-data wall time / pandas+SciPy', result.wallRatio, 0.5, file),
    target('validate-data peak memory / pandas+SciPy', result.memoryRatio, 0.5, file),
    target('validate-data peak memory 4M rows / 1M rows', four.peakKiB / 1024 / oneMiB, 1.3, 'customer table 4M'),
  ];
  if (!process.env.BENCH_KEEP && !process.env.BENCH_DIR) rmSync(dir, { recursive: true, force: true });
  process.exitCode = ok.every(Boolean) ? 0 : 1;
}

await main();
