/** Every multiclass-task metric of docs/formats.md, as scikit-learn 1.2.1 computes it on the same rows. */
import { labelMetrics } from './binary.ts';
import { npMean } from './sum.ts';
import { averagedMetrics, perClass } from './classification.ts';
import { confusionCounts, presentOnly } from './confusion.ts';
import { multiclassLogLoss, oneClassLogLoss } from './probability.ts';
import { RankingBuffers, rankScores, rocAuc } from './ranking.ts';
import type { MetricValues, MulticlassData, Warn } from './types.ts';

/**
 * roc_auc_score(multi_class="ovr", average="macro") of probability rows (normalised as read, see
 * normaliseRowsInPlace); undefined when a class has no true row or only true rows (scikit-learn raises for it).
 * One class at a time: the memory is one ranking (a float per row), not one per class.
 */
export function rocAucOvr(truth: Int32Array, proba: Float64Array[]): { value?: number; missing: number[] } {
  const scores: number[] = [];
  const missing: number[] = [];
  const positive = new Uint8Array(truth.length);
  const buffers = new RankingBuffers(truth.length);
  for (let c = 0; c < proba.length; c++) {
    for (let i = 0; i < truth.length; i++) positive[i] = truth[i] === c ? 1 : 0;
    const auc = rocAuc(rankScores(positive, proba[c]!, undefined, buffers));
    if (auc === undefined) missing.push(c);
    else scores.push(auc);
  }
  return missing.length ? { missing } : { value: npMean(scores), missing };
}

/** The one class the true labels hold, or -1 when they hold several. */
export function onlyTrueClass(truth: Int32Array): number {
  for (let i = 1; i < truth.length; i++) if (truth[i] !== truth[0]) return -1;
  return truth[0]!;
}

/**
 * accuracy … cohen_kappa with macro and weighted averages, and with probabilities log_loss and roc_auc_ovr.
 * `d.proba` rows must be normalised already (normaliseRowsInPlace, as evaluate/load does on reading).
 */
/**
 * The metrics of the predicted labels alone, from the k×k confusion counts (rows: truth): accuracy, balanced
 * accuracy, macro/weighted precision, recall and f1, MCC and Cohen's kappa, over the classes present. Shared by
 * the file mode and the SQL mode (whose counts come from a GROUP BY).
 */
export function labelMetricsOfCounts(counts: Float64Array, k: number, warn: Warn): MetricValues {
  const { kept, matrix } = presentOnly(counts, k);
  const q = kept.length;
  const base = labelMetrics(matrix, q, warn);
  const prf = perClass(
    matrix,
    q,
    Array.from(kept, (_, i) => i),
    warn,
    'macro/weighted averages',
  );
  const out: MetricValues = {
    accuracy: base.accuracy!,
    balanced_accuracy: base.balanced_accuracy!,
    ...averagedMetrics(prf),
    mcc: base.mcc!,
  };
  if (base.cohen_kappa !== undefined) out.cohen_kappa = base.cohen_kappa;
  return out;
}

export function multiclassMetrics(d: MulticlassData, warn: Warn): MetricValues {
  const k = d.labels.length;
  if (d.truth.length === 0) throw new Error('multiclassMetrics needs at least one row');
  const out = labelMetricsOfCounts(confusionCounts(d.truth, d.predicted, k), k, warn);
  if (!d.proba) return out;
  const only = onlyTrueClass(d.truth);
  if (only >= 0) warn(oneClassLogLoss(d.labels[only]!));
  else out.log_loss = multiclassLogLoss(d.truth, d.proba);
  const ovr = rocAucOvr(d.truth, d.proba);
  if (ovr.value === undefined) {
    const names = ovr.missing.map((c) => d.labels[c]).join(', ');
    warn(
      `roc_auc_ovr: class ${names} has no true row or only true rows, so its one-vs-rest ROC AUC is not defined (scikit-learn raises); left out`,
    );
  } else out.roc_auc_ovr = ovr.value;
  return out;
}
