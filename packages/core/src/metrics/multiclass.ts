/** Every multiclass-task metric of docs/formats.md, as scikit-learn 1.2.1 computes it on the same rows. */
import { labelMetrics } from './binary.ts';
import { npMean } from './sum.ts';
import { averagedMetrics, perClass } from './classification.ts';
import { confusionCounts, presentOnly } from './confusion.ts';
import { multiclassLogLoss, normaliseRows } from './probability.ts';
import { rocAuc, thresholdCounts } from './ranking.ts';
import type { MetricValues, MulticlassData, Warn } from './types.ts';

/** roc_auc_score(multi_class="ovr", average="macro") on row-normalised probabilities; undefined when a class
 * has no true row or only true rows (scikit-learn raises for that class). */
export function rocAucOvr(truth: Int32Array, proba: Float64Array[]): { value?: number; missing: number[] } {
  const norm = normaliseRows(proba);
  const scores: number[] = [];
  const missing: number[] = [];
  const positive = new Uint8Array(truth.length);
  for (let c = 0; c < norm.length; c++) {
    for (let i = 0; i < truth.length; i++) positive[i] = truth[i] === c ? 1 : 0;
    const auc = rocAuc(thresholdCounts(positive, norm[c]!));
    if (auc === undefined) missing.push(c);
    else scores.push(auc);
  }
  return missing.length ? { missing } : { value: npMean(scores), missing };
}

/** accuracy … cohen_kappa with macro and weighted averages, and with probabilities log_loss and roc_auc_ovr. */
export function multiclassMetrics(d: MulticlassData, warn: Warn): MetricValues {
  const k = d.labels.length;
  if (d.truth.length === 0) throw new Error('multiclassMetrics needs at least one row');
  const { kept, matrix } = presentOnly(confusionCounts(d.truth, d.predicted, k), k);
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
  if (!d.proba) return out;
  out.log_loss = multiclassLogLoss(d.truth, d.proba);
  const ovr = rocAucOvr(d.truth, d.proba);
  if (ovr.value === undefined) {
    const names = ovr.missing.map((c) => d.labels[c]).join(', ');
    warn(
      `roc_auc_ovr: class ${names} has no true row or only true rows, so its one-vs-rest ROC AUC is not defined (scikit-learn raises); left out`,
    );
  } else out.roc_auc_ovr = ovr.value;
  return out;
}
