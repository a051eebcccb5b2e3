// Generates the bundled example project examples/churn: a customer-churn reference (training) table and a new
// batch (CSV and Parquet), and the predictions of a baseline and a candidate model on a labelled holdout (and the
// candidate's with its features, the file package-docker's parity replay sends to the serving image).
// Deterministic (seeded), so the committed files are reproducible: node scripts/examples/churn.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { seededUniform } from '../../packages/core/src/metrics/random.ts';

const out = join(import.meta.dirname, '..', '..', 'examples', 'churn');

const PLANS = ['basic', 'pro', 'enterprise'] as const;
const REGIONS = ['eu', 'us', 'apac'] as const;

interface Customer {
  customer_id: number;
  age: number;
  plan: string;
  region: string;
  email: string | null;
  signup: string;
  tenure_months: number;
  monthly_spend: number;
  support_tickets: number;
  churned: number;
}

/** The "true" churn process the models try to learn. */
function churnLogit(c: Omit<Customer, 'churned'>): number {
  const plan = { basic: 0.6, pro: 0, enterprise: -0.8 }[c.plan as (typeof PLANS)[number]];
  return (
    0.4 +
    1.4 * plan -
    0.08 * c.tenure_months +
    0.7 * c.support_tickets +
    0.008 * (c.monthly_spend - 60) -
    0.02 * (c.age - 40)
  );
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function customers(n: number, firstId: number, seed: number, shift: { spend: number; tickets: number }): Customer[] {
  const r = seededUniform(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const rows: Customer[] = [];
  for (let i = 0; i < n; i++) {
    const plan = PLANS[r() < 0.5 ? 0 : r() < 0.75 ? 1 : 2]!;
    const region = REGIONS[Math.floor(r() * 3)]!;
    const signup = new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * 1700) * 86_400_000).toISOString().slice(0, 10);
    const base = {
      customer_id: firstId + i,
      age: Math.min(90, Math.max(18, Math.round(40 + 13 * normal()))),
      plan,
      region,
      email: r() < 0.004 ? null : `user${firstId + i}@example.${region === 'eu' ? 'eu' : 'com'}`,
      signup,
      tenure_months: Math.max(0, Math.round(24 + 18 * normal())),
      monthly_spend:
        Math.round(
          Math.max(5, (plan === 'enterprise' ? 120 : plan === 'pro' ? 60 : 25) * shift.spend * (1 + 0.25 * normal())) *
            100,
        ) / 100,
      support_tickets: Math.max(0, Math.round(1.2 * shift.tickets + 1.1 * normal())),
    };
    rows.push({ ...base, churned: r() < sigmoid(churnLogit(base)) ? 1 : 0 });
  }
  return rows;
}

const COLUMNS = [
  'customer_id',
  'age',
  'plan',
  'region',
  'email',
  'signup',
  'tenure_months',
  'monthly_spend',
  'support_tickets',
  'churned',
] as const;

function writeTable(name: string, rows: Customer[]): void {
  const csv = [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((c) => row[c] ?? '').join(','))].join('\n') + '\n';
  writeFileSync(join(out, 'data', `${name}.csv`), csv);
  const types: Record<string, 'INT32' | 'DOUBLE' | 'STRING'> = {
    monthly_spend: 'DOUBLE',
    plan: 'STRING',
    region: 'STRING',
    email: 'STRING',
    signup: 'STRING',
  };
  parquetWriteFile({
    filename: join(out, 'data', `${name}.parquet`),
    columnData: COLUMNS.map((c) => ({ name: c, data: rows.map((row) => row[c]), type: types[c] ?? 'INT32' })),
  });
}

/** A model is a logistic regression over the features: the baseline is older, the candidate is retrained. */
const MODELS = {
  baseline: {
    intercept: 0.2,
    plan: { basic: 0.6, pro: 0, enterprise: -0.6 },
    tenure: -0.05,
    tickets: 0.45,
    spend: 0,
    age: 0,
  },
  candidate: {
    intercept: 0.35,
    plan: { basic: 0.75, pro: 0, enterprise: -1.0 },
    tenure: -0.075,
    tickets: 0.65,
    spend: 0.007,
    age: -0.018,
  },
};
type Model = (typeof MODELS)['candidate'];

function score(m: Model, c: Customer): number {
  const plan = m.plan[c.plan as (typeof PLANS)[number]];
  return sigmoid(
    m.intercept +
      plan +
      m.tenure * c.tenure_months +
      m.tickets * c.support_tickets +
      m.spend * (c.monthly_spend - 60) +
      m.age * (c.age - 40),
  );
}

function writePredictions(name: keyof typeof MODELS, holdout: Customer[]): void {
  const lines = ['customer_id,label,prediction,score,region,plan'];
  for (const c of holdout) {
    const s = score(MODELS[name], c);
    lines.push([c.customer_id, c.churned, s >= 0.5 ? 1 : 0, s.toFixed(6), c.region, c.plan].join(','));
  }
  writeFileSync(join(out, 'predictions', `${name}.csv`), lines.join('\n') + '\n');
}

/**
 * The serving-parity file package-docker replays against the image: the candidate's predictions on the holdout with
 * the features the server reads, scores at full precision (shortest round-trip text, up to 17 significant digits).
 */
function writeParity(holdout: Customer[]): void {
  const lines = ['customer_id,label,plan,tenure_months,support_tickets,monthly_spend,age,score'];
  for (const c of holdout) {
    const s = score(MODELS.candidate, c);
    lines.push(
      [c.customer_id, c.churned, c.plan, c.tenure_months, c.support_tickets, c.monthly_spend, c.age, String(s)].join(
        ',',
      ),
    );
  }
  writeFileSync(join(out, 'predictions', 'candidate-parity.csv'), lines.join('\n') + '\n');
}

/**
 * The monitoring files: last week's production predictions, logged without a label (the candidate, now serving, on
 * new customers who look like the drifted batch), and the churn labels that have arrived since, keyed by
 * customer_id; about one customer in seven is still waiting for its label.
 */
function writeMonitoring(week: Customer[]): void {
  const log = ['customer_id,predicted_at,prediction,score,region,plan'];
  const labels = ['customer_id,churned'];
  week.forEach((c, i) => {
    const s = score(MODELS.candidate, c);
    log.push([c.customer_id, `2024-05-${20 + (i % 7)}`, s >= 0.5 ? 1 : 0, s.toFixed(6), c.region, c.plan].join(','));
    if (c.customer_id % 7 !== 3) labels.push(`${c.customer_id},${c.churned}`);
  });
  mkdirSync(join(out, 'monitoring'), { recursive: true });
  writeFileSync(join(out, 'monitoring', 'predictions-log.csv'), log.join('\n') + '\n');
  writeFileSync(join(out, 'monitoring', 'labels.csv'), labels.join('\n') + '\n');
}

mkdirSync(join(out, 'data'), { recursive: true });
mkdirSync(join(out, 'predictions'), { recursive: true });
writeTable('reference', customers(5000, 100_000, 1, { spend: 1, tickets: 1 }));
// The new batch: customers spend ~12% more and open more tickets than the training data saw.
writeTable('batch', customers(2000, 200_000, 2, { spend: 1.12, tickets: 1.25 }));
const holdout = customers(3000, 300_000, 3, { spend: 1, tickets: 1 });
writePredictions('baseline', holdout);
writePredictions('candidate', holdout);
writeParity(holdout);
writeMonitoring(customers(1400, 400_000, 4, { spend: 1.12, tickets: 1.25 }));
writeFileSync(
  join(out, 'model', 'model.json'),
  JSON.stringify({ name: 'churn', version: '2.0.0', kind: 'logistic-regression', ...MODELS.candidate }, null, 2) + '\n',
);
console.log(`wrote ${out}`);
