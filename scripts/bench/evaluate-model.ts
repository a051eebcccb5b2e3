// Measures evaluate-model against pandas + scikit-learn computing the same binary metrics overall and per slice on
// 2,000,000 predictions with a three-value slice column (in turn, A B A B, 3 runs each), and 1,000 bootstrap
// resamples on 1,000,000 rows against the no-bootstrap run. Prints PASS/MISS per target; exits 0 either way.
// Usage: node scripts/bench/evaluate-model.ts   (npm run build first; the data goes to a temp dir)
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare, target, timeOnce, type Command } from './_measure.ts';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'bench-evaluate-model-'));
// EVALUATE_MODEL_BUNDLE: a copy of the bundle to measure (default dist/), e.g. while dist/ is being rebuilt
const bundle = process.env.EVALUATE_MODEL_BUNDLE ?? join(root, 'dist', 'evaluate-model', 'index.js');

/** Deterministic rows: label, prediction, score (4 decimals: many ties) and region. */
async function generate(path: string, rows: number, seed: number): Promise<void> {
  let s = seed >>> 0;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const out = createWriteStream(path);
  out.write('label,prediction,score,region\n');
  const regions = ['eu', 'us', 'apac'];
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const label = rand() < 0.3 ? 1 : 0;
    const score = Math.min(1, Math.max(0, 0.3 + 0.35 * label + (rand() - 0.5) * 0.8));
    chunk += `${label},${score >= 0.5 ? 1 : 0},${score.toFixed(4)},${regions[Math.floor(rand() * 3)]}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((r) => out.on('finish', () => r()));
}

const sklearnScript = `
import json, sys
import pandas as pd
from sklearn import metrics as M
def binary(d):
    y, p, s = d["label"], d["prediction"], d["score"]
    return {"accuracy": M.accuracy_score(y, p), "balanced_accuracy": M.balanced_accuracy_score(y, p),
            "precision": M.precision_score(y, p), "recall": M.recall_score(y, p), "f1": M.f1_score(y, p),
            "mcc": M.matthews_corrcoef(y, p), "cohen_kappa": M.cohen_kappa_score(y, p),
            "roc_auc": M.roc_auc_score(y, s), "average_precision": M.average_precision_score(y, s),
            "log_loss": M.log_loss(y, s, labels=[0, 1]), "brier_score": M.brier_score_loss(y, s)}
data = pd.read_csv(sys.argv[1])
out = {"metrics": binary(data), "slices": {f"region={k}": binary(g) for k, g in data.groupby("region")}}
json.dump(out, open(sys.argv[2], "w"))
`;

function ours(data: string, name: string, bootstrap = 0): Command {
  const env: NodeJS.ProcessEnv = {
    INPUT_PREDICTIONS: data,
    'INPUT_LABEL-COLUMN': 'label',
    'INPUT_PREDICTION-COLUMN': 'prediction',
    'INPUT_SCORE-COLUMN': 'score',
    'INPUT_POSITIVE-LABEL': '1',
    'INPUT_SLICE-COLUMNS': 'region',
    INPUT_BOOTSTRAP: String(bootstrap),
    INPUT_SEED: '1',
    INPUT_OUTPUT: join(dir, `${name}.metrics.json`),
    INPUT_COMMENT: 'false',
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
  };
  return { name: `evaluate-model (${name})`, argv: [process.execPath, bundle], env, cwd: dir };
}

async function main(): Promise<void> {
  writeFileSync(join(dir, 'sklearn_metrics.py'), sklearnScript);
  for (const f of ['output', 'summary.md']) writeFileSync(join(dir, f), '');
  console.log(`generating 2,000,000 and 1,000,000 predictions in ${dir} ...`);
  await generate(join(dir, 'preds2m.csv'), 2_000_000, 1);
  await generate(join(dir, 'preds1m.csv'), 1_000_000, 2);
  const theirs: Command = {
    name: 'pandas 1.5 + scikit-learn 1.2',
    argv: ['/usr/bin/python3', join(dir, 'sklearn_metrics.py'), join(dir, 'preds2m.csv'), join(dir, 'sklearn.json')],
    cwd: dir,
  };
  console.log('\n2,000,000 binary predictions, metrics overall and per region:');
  const result = compare(ours(join(dir, 'preds2m.csv'), '2M'), theirs, 3);
  target('wall time ratio', result.wallRatio, 0.2);
  target('peak memory ratio', result.memoryRatio, 0.5);

  console.log('\n1,000 bootstrap resamples on 1,000,000 rows against the same run without bootstrap:');
  const plain: number[] = [],
    boot: number[] = [];
  for (let i = 0; i < 3; i++) {
    plain.push(timeOnce(ours(join(dir, 'preds1m.csv'), '1M')).wall);
    boot.push(timeOnce(ours(join(dir, 'preds1m.csv'), '1M-bootstrap', 1000)).wall);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
  console.log(`  without bootstrap ${med(plain).toFixed(2)} s, with 1,000 resamples ${med(boot).toFixed(2)} s`);
  target('bootstrap / no-bootstrap wall time', med(boot) / med(plain), 20);
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
