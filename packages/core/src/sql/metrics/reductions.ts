/**
 * The final reductions of metrics/binary.ts and metrics/multiclass.ts, over what the engine returned (confusion
 * counts, ranking sums, probability sums) instead of rows: the same functions on the same counts, the same
 * warnings, so a group's metrics are the file mode's.
 */
import { labelMetrics } from '../../metrics/binary.ts';
import { perClass } from '../../metrics/classification.ts';
import { presentOnly } from '../../metrics/confusion.ts';
import { labelMetricsOfCounts } from '../../metrics/multiclass.ts';
import type { FairnessGaps } from '../../metrics/fairness.ts';
import { oneClassLogLoss } from '../../metrics/probability.ts';
import { npMean } from '../../metrics/sum.ts';
import type { MetricValues, Warn } from '../../metrics/types.ts';
import { aucOf, type RankingSums } from './ranking.ts';

/** A group's probability sums. */
export interface ProbabilitySums {
  n: number;
  logLoss: number;
  brier?: number;
}

/** binaryMetrics (metrics/binary.ts) of a group: its k x k counts over all labels, and its score sums if any. */
export function binaryFromCounts(
  labels: string[],
  positive: number,
  counts: Float64Array,
  warn: Warn,
  score?: { ranking: RankingSums; probability: ProbabilitySums },
): MetricValues {
  const k = labels.length;
  const { kept, matrix } = presentOnly(counts, k);
  const q = kept.length;
  const base = labelMetrics(matrix, q, warn);
  const prf = perClass(matrix, q, [kept.indexOf(positive)], warn, 'positive label');
  const out: MetricValues = {
    accuracy: base.accuracy!,
    balanced_accuracy: base.balanced_accuracy!,
    precision: prf.precision[0]!,
    recall: prf.recall[0]!,
    f1: prf.f1[0]!,
    mcc: base.mcc!,
  };
  if (base.cohen_kappa !== undefined) out.cohen_kappa = base.cohen_kappa;
  if (!score) return out;
  const { ranking, probability } = score;
  const auc = aucOf(ranking);
  if (auc === undefined)
    warn(
      'roc_auc: only one class is present in the true labels, ROC AUC is not defined (scikit-learn raises); left out',
    );
  else out.roc_auc = auc;
  if (ranking.positives === 0)
    warn(
      'average_precision: no positive row in the true labels; recall is set to 1 for all thresholds and average precision is 0 (as scikit-learn)',
    );
  out.average_precision = ranking.positives === 0 ? 0 : ranking.averagePrecision;
  if (ranking.positives === 0 || ranking.negatives === 0) {
    const only = ranking.positives ? labels[positive] : labels.find((_, c) => c !== positive);
    warn(oneClassLogLoss(only ?? labels[0]!));
  } else out.log_loss = probability.logLoss / probability.n;
  out.brier_score = probability.brier! / probability.n;
  return out;
}

/** The one class a group's true labels hold, or -1 (from its counts). */
function onlyTrueClass(counts: Float64Array, k: number): number {
  let only = -1;
  for (let t = 0; t < k; t++) {
    let n = 0;
    for (let p = 0; p < k; p++) n += counts[t * k + p]!;
    if (n === 0) continue;
    if (only >= 0) return -1;
    only = t;
  }
  return only;
}

/** multiclassMetrics (metrics/multiclass.ts) of a group; `ovr` holds a ranking per class when probabilities are given. */
export function multiclassFromCounts(
  labels: string[],
  counts: Float64Array,
  warn: Warn,
  proba?: { ovr: RankingSums[]; probability: ProbabilitySums | undefined },
): MetricValues {
  const k = labels.length;
  const out = labelMetricsOfCounts(counts, k, warn);
  if (!proba) return out;
  const only = onlyTrueClass(counts, k);
  if (only >= 0) warn(oneClassLogLoss(labels[only]!));
  else out.log_loss = proba.probability!.logLoss / proba.probability!.n;
  const byClass = new Map(proba.ovr.map((s) => [s.c, s]));
  const scores: number[] = [];
  const missing: number[] = [];
  for (let c = 0; c < k; c++) {
    const s = byClass.get(c);
    const auc = s ? aucOf(s) : undefined;
    if (auc === undefined) missing.push(c);
    else scores.push(auc);
  }
  if (missing.length) {
    const names = missing.map((c) => labels[c]).join(', ');
    warn(
      `roc_auc_ovr: class ${names} has no true row or only true rows, so its one-vs-rest ROC AUC is not defined (scikit-learn raises); left out`,
    );
  } else out.roc_auc_ovr = npMean(scores);
  return out;
}

const spread = (v: number[]) => (v.length ? Math.max(...v) - Math.min(...v) : 0);

/** fairnessGaps (metrics/fairness.ts) from each group's counts: accuracy, selection-rate and TPR gaps. */
export function fairnessFromCounts(
  groups: { value: string; counts: Float64Array }[],
  k: number,
  positive: number,
  column: string,
  warn: Warn,
): FairnessGaps {
  const accuracy: number[] = [],
    selection: number[] = [],
    tpr: number[] = [];
  const noPositives: string[] = [];
  for (const g of groups) {
    let rows = 0,
      correct = 0,
      selected = 0,
      positives = 0,
      truePositives = 0;
    for (let t = 0; t < k; t++)
      for (let p = 0; p < k; p++) {
        const n = g.counts[t * k + p]!;
        rows += n;
        if (t === p) correct += n;
        if (p === positive) selected += n;
        if (t === positive) {
          positives += n;
          if (p === positive) truePositives += n;
        }
      }
    accuracy.push(correct / rows);
    selection.push(selected / rows);
    if (positives) tpr.push(truePositives / positives);
    else noPositives.push(g.value);
  }
  if (noPositives.length)
    warn(`fairness ${column}: no positive rows for ${noPositives.join(', ')}, left out of true_positive_rate_gap`);
  const out: FairnessGaps = { accuracy_gap: spread(accuracy), selection_rate_gap: spread(selection) };
  if (tpr.length) out.true_positive_rate_gap = spread(tpr);
  return out;
}
