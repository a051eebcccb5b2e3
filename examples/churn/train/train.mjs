// Retrains the churn model: a logistic regression fitted by Newton's method (IRLS) on the training table, written
// to model/model.json (the format serve/server.mjs reads), and its predictions on the labelled holdout written to
// predictions/retrained.csv for evaluate-model. Stands in for your own training job; run from the repository root:
//   MODEL_VERSION=2.1.0 node examples/churn/train/train.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const here = join(import.meta.dirname, '..');
const PLANS = ['basic', 'pro', 'enterprise'];

/** The rows of a small CSV without quoted fields, as objects keyed by the header. */
function readCsv(path) {
  const [header, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i], cell])));
}

/** The model's features, as serve/server.mjs combines them: plan (pro is the reference), tenure, tickets, spend, age. */
function features(row) {
  if (!PLANS.includes(row.plan)) throw new Error(`unknown plan ${JSON.stringify(row.plan)}`);
  return [
    1,
    row.plan === 'basic' ? 1 : 0,
    row.plan === 'enterprise' ? 1 : 0,
    Number(row.tenure_months),
    Number(row.support_tickets),
    Number(row.monthly_spend) - 60,
    Number(row.age) - 40,
  ];
}

const sigmoid = (z) => 1 / (1 + Math.exp(-z));
const dot = (a, b) => a.reduce((sum, v, i) => sum + v * b[i], 0);

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(A, b) {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[pivot][c])) pivot = r;
    [M[c], M[pivot]] = [M[pivot], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array(n).fill(0);
  for (let r = n - 1; r >= 0; r--) x[r] = (M[r][n] - dot(M[r].slice(r + 1, n), x.slice(r + 1))) / M[r][r];
  return x;
}

const training = readCsv(join(here, 'data', 'reference.csv'));
const X = training.map(features);
const y = training.map((row) => Number(row.churned));
let beta = new Array(X[0].length).fill(0);
for (let iteration = 0; iteration < 25; iteration++) {
  const H = beta.map(() => new Array(beta.length).fill(0));
  const g = new Array(beta.length).fill(0);
  X.forEach((x, i) => {
    const p = sigmoid(dot(x, beta));
    const w = p * (1 - p);
    for (let a = 0; a < x.length; a++) {
      g[a] += x[a] * (y[i] - p);
      for (let b = 0; b < x.length; b++) H[a][b] += w * x[a] * x[b];
    }
  });
  const step = solve(H, g);
  beta = beta.map((v, i) => v + step[i]);
  if (Math.max(...step.map(Math.abs)) < 1e-10) break;
}

const [intercept, basic, enterprise, tenure, tickets, spend, age] = beta;
const model = {
  name: 'churn',
  version: process.env.MODEL_VERSION || 'retrained',
  kind: 'logistic-regression',
  intercept,
  plan: { basic, pro: 0, enterprise },
  tenure,
  tickets,
  spend,
  age,
};
writeFileSync(join(here, 'model', 'model.json'), `${JSON.stringify(model, null, 2)}\n`);

const holdout = readCsv(join(here, 'predictions', 'candidate-parity.csv'));
const lines = ['customer_id,label,prediction,score,plan'];
for (const row of holdout) {
  const score = sigmoid(dot(features(row), beta));
  lines.push([row.customer_id, row.label, score >= 0.5 ? 1 : 0, String(score), row.plan].join(','));
}
writeFileSync(join(here, 'predictions', 'retrained.csv'), `${lines.join('\n')}\n`);
console.log(
  `Trained on ${training.length} rows; wrote model/model.json and predictions/retrained.csv (${holdout.length} rows).`,
);
