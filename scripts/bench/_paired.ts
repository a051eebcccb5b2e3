// The paired comparison of evaluate-model (baseline-predictions, key-column) against what a user would run instead:
// pandas reading both files and pairing them by id, scikit-learn's metrics of both models, statsmodels' McNemar,
// a NumPy paired bootstrap of every other metric (1,000 resamples, both models on the same weights, vectorised
// with bincount and cumsum: no metric call per resample) and R's pROC for DeLong's test. 1,000,000 rows with full
// precision float64 scores; the baseline's rows in another order. One warm-up and ROUNDS rounds of each, in turn.
// Called by evaluate-model.ts (BENCH_FILES=paired runs only this).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionCommand } from './_action.ts';
import { normal, seeded, writeCsv } from './_data.ts';
import { compare, info, target, type Command } from './_measure.ts';

const ROWS = Number(process.env.BENCH_PAIRED_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_PAIRED_ROUNDS ?? 2);
const TIME_TARGET = 0.2;
const MEMORY_TARGET = 0.5;

// What a careful NumPy user writes: both models scored on the same Poisson-weighted rows in every resample.
const pythonScript = `
import json, sys
import numpy as np
import pandas as pd
from sklearn import metrics as M
from statsmodels.stats.contingency_tables import mcnemar
cur_path, base_path, out = sys.argv[1], sys.argv[2], sys.argv[3]
cols = ["id", "label", "prediction", "score"]
cur = pd.read_csv(cur_path, usecols=cols, dtype={"id": str})
base = pd.read_csv(base_path, usecols=cols, dtype={"id": str})
d = cur.merge(base, on="id", suffixes=("_c", "_b"), validate="one_to_one")
assert len(d) == len(cur) == len(base) and (d.label_c == d.label_b).all()
y = d.label_c.to_numpy()
def metrics(p, s):
    return {"accuracy": M.accuracy_score(y, p), "balanced_accuracy": M.balanced_accuracy_score(y, p),
            "precision": M.precision_score(y, p), "recall": M.recall_score(y, p), "f1": M.f1_score(y, p),
            "mcc": M.matthews_corrcoef(y, p), "cohen_kappa": M.cohen_kappa_score(y, p),
            "roc_auc": M.roc_auc_score(y, s), "average_precision": M.average_precision_score(y, s),
            "log_loss": M.log_loss(y, s, labels=[0, 1]), "brier_score": M.brier_score_loss(y, s)}
models = {"current": (d.prediction_c.to_numpy(), d.score_c.to_numpy()),
          "baseline": (d.prediction_b.to_numpy(), d.score_b.to_numpy())}
values = {k: metrics(p, s) for k, (p, s) in models.items()}
right_c, right_b = models["current"][0] == y, models["baseline"][0] == y
table = [[np.sum(right_b & right_c), np.sum(right_b & ~right_c)], [np.sum(~right_b & right_c), np.sum(~right_b & ~right_c)]]
b, c = table[0][1], table[1][0]
mc = mcnemar(table, exact=b + c < 25, correction=True)

class Prepared:
    """One model's per-row values, so a resample is a few weighted sums."""
    def __init__(self, p, s):
        self.cell = y * 2 + p
        eps = np.finfo(np.float64).eps
        c = np.clip(s, eps, 1 - eps)
        self.loss = -(y * np.log(c) + (1 - y) * np.log(1 - c))
        self.sq = (y - s) ** 2
        self.order = np.argsort(-s, kind="stable")
        ss = s[self.order]
        self.last = np.r_[np.flatnonzero(np.diff(ss)), len(ss) - 1]  # the end of every group of tied scores
        self.pos = y[self.order]
    def values(self, w):
        tn, fp, fn, tp = np.bincount(self.cell, weights=w, minlength=4)
        total = w.sum()
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn)
        po, pe = (tp + tn) / total, ((tp + fp) * (tp + fn) + (tn + fn) * (tn + fp)) / total ** 2
        mcc_den = np.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
        wo = w[self.order]
        tps = np.cumsum(wo * self.pos)[self.last]
        fps = np.cumsum(wo * (1 - self.pos))[self.last]
        seen = tps + fps  # 0 where every row so far has weight 0: no step in recall there
        precision = np.divide(tps, seen, out=np.zeros_like(tps), where=seen > 0)
        ap = np.sum(np.diff(np.r_[0, tps]) / tps[-1] * precision)
        return {"accuracy": po, "balanced_accuracy": (rec + tn / (tn + fp)) / 2, "precision": prec, "recall": rec,
                "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
                "mcc": (tp * tn - fp * fn) / mcc_den if mcc_den else 0.0, "cohen_kappa": (po - pe) / (1 - pe),
                "average_precision": ap, "log_loss": w @ self.loss / total, "brier_score": w @ self.sq / total}

prepared = {k: Prepared(p, s) for k, (p, s) in models.items()}
rng = np.random.default_rng(1)
diffs = {m: [] for m in values["current"] if m != "roc_auc"}
for _ in range(1000):
    w = rng.poisson(1.0, len(y)).astype(np.float64)
    vc, vb = prepared["current"].values(w), prepared["baseline"].values(w)
    for m in diffs:
        diffs[m].append(vc[m] - vb[m])
paired = {}
for m, dd in diffs.items():
    dd = np.asarray(dd)
    paired[m] = {"low": float(np.percentile(dd, 2.5)), "high": float(np.percentile(dd, 97.5)),
                 "p_value": float(min(1, 2 * min(np.mean(dd <= 0), np.mean(dd >= 0))))}
paired["accuracy"]["p_value"] = float(mc.pvalue)
json.dump({"metrics": values, "paired": paired}, open(out, "w"))
`;

const rScript = `
suppressMessages(library(pROC))
args <- commandArgs(trailingOnly = TRUE)
classes <- c(id = "character", label = "integer", prediction = "integer", score = "numeric")
cur <- read.csv(args[1], colClasses = classes)
base <- read.csv(args[2], colClasses = classes)
base <- base[match(cur$id, base$id), ]
stopifnot(!anyNA(base$id), all(cur$label == base$label))
r1 <- roc(cur$label, cur$score, levels = c(0, 1), direction = "<", quiet = TRUE)
r2 <- roc(cur$label, base$score, levels = c(0, 1), direction = "<", quiet = TRUE)
t <- roc.test(r1, r2, method = "delong", paired = TRUE)
writeLines(sprintf('{"statistic": %.17g, "p_value": %.17g}', t$statistic, t$p.value), args[3])
`;

/** Both models' predictions of the same rows: the baseline's noisier, its rows in another order. */
export async function pairedFiles(dir: string): Promise<{ current: string; baseline: string }> {
  const rand = seeded(21);
  const label = new Uint8Array(ROWS),
    signal = new Float64Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    label[i] = rand() < 0.3 ? 1 : 0;
    signal[i] = normal(rand) * 1.3 + 1.6 * label[i]! - 1.2;
  }
  const order = Uint32Array.from({ length: ROWS }, (_, i) => i);
  for (let i = ROWS - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const id = (i: number) => `${100_000_000 + i * 7919}`;
  const row = (i: number, noise: number) => {
    const score = 1 / (1 + Math.exp(-(signal[i]! + noise * normal(rand))));
    return `${id(i)},${label[i]},${score >= 0.5 ? 1 : 0},${score}`;
  };
  const current = join(dir, 'paired-current.csv'),
    baseline = join(dir, 'paired-baseline.csv');
  await writeCsv(current, 'id,label,prediction,score', ROWS, (i) => row(i, 0.3));
  await writeCsv(baseline, 'id,label,prediction,score', ROWS, (k) => row(order[k]!, 0.9));
  return { current, baseline };
}

/** Runs the paired comparison bench in `dir` with the evaluate-model bundle (default dist/). */
export async function pairedBench(dir: string, bundle: string | undefined): Promise<void> {
  const missing = [
    spawnSync('/usr/bin/python3', ['-c', 'import statsmodels']).status === 0 ? '' : 'python3-statsmodels',
    spawnSync('Rscript', ['-e', 'library(pROC)']).status === 0 ? '' : 'r-cran-proc',
  ].filter(Boolean);
  if (missing.length)
    throw new Error(`the paired bench compares with statsmodels and R's pROC: apt-get install ${missing.join(' ')}`);
  console.log(
    `\nDeLong + 1,000 paired resamples on ${ROWS.toLocaleString('en')} rows (keys matched, baseline shuffled):`,
  );
  writeFileSync(join(dir, 'paired.py'), pythonScript);
  writeFileSync(join(dir, 'delong.R'), rScript);
  const { current, baseline } = await pairedFiles(dir);
  if (process.env.BENCH_PAIRED_KEEP) console.log(`  files: ${current} ${baseline}`);
  const ours: Command = actionCommand(
    'evaluate-model',
    {
      predictions: current,
      'baseline-predictions': baseline,
      'key-column': 'id',
      task: 'binary',
      'score-column': 'score',
      seed: '1',
      output: join(dir, 'paired.metrics.json'),
    },
    { dir, name: 'evaluate-model (paired)', bundle },
  );
  const theirs: Command = {
    name: 'pandas + statsmodels + NumPy + pROC',
    argv: [
      '/bin/sh',
      '-c',
      `/usr/bin/python3 paired.py "$1" "$2" paired-python.json && Rscript delong.R "$1" "$2" paired-r.json`,
      'paired',
      current,
      baseline,
    ],
    cwd: dir,
  };
  const file = `paired, ${ROWS.toLocaleString('en')} rows, 1,000 resamples`;
  const r = compare(ours, theirs, { rounds: ROUNDS, file });
  target('paired: wall time ours/theirs', r.wallRatio, TIME_TARGET, file);
  info(
    'paired: CPU time ours/theirs',
    r.cpuRatio,
    'the resamples run on worker threads; the target is wall time',
    file,
  );
  target('paired: peak memory ours/theirs', r.memoryRatio, MEMORY_TARGET, file);
}
