/** Every binary-task metric of docs/formats.md, as scikit-learn 1.2.1 computes it on the same rows. */
import { accuracy, balancedAccuracy, cohenKappa, mcc, perClass } from './classification.ts';
import { confusionCounts, presentOnly } from './confusion.ts';
import { binaryLogLoss, brierScore, oneClassLogLoss } from './probability.ts';
import { averagePrecision, rankScores, rocAuc, type RankedScores, type RankingBuffers } from './ranking.ts';
import type { BinaryData, MetricValues, Warn } from './types.ts';

/** 1 for rows whose true label is the positive label. */
export function positiveMask(d: BinaryData): Uint8Array {
  const out = new Uint8Array(d.truth.length);
  // Stryker disable next-line EqualityOperator: equivalent, a typed-array write past the end is ignored
  for (let i = 0; i < out.length; i++) out[i] = d.truth[i] === d.positive ? 1 : 0;
  return out;
}

/** Label metrics shared by binary and multiclass: accuracy, balanced_accuracy, mcc, cohen_kappa. */
export function labelMetrics(m: Float64Array, k: number, warn: Warn): MetricValues {
  const out: MetricValues = {
    accuracy: accuracy(m, k),
    balanced_accuracy: balancedAccuracy(m, k, warn),
    mcc: mcc(m, k),
  };
  const kappa = cohenKappa(m, k);
  if (kappa === undefined)
    warn(
      'cohen_kappa: only one label occurs in truth and predictions, so agreement by chance is 1 and kappa is undefined (NaN in scikit-learn); left out',
    );
  else out.cohen_kappa = kappa;
  return out;
}

/** What binaryMetrics may reuse, and the rows it may be restricted to. */
export interface BinaryOptions {
  /** The scores ranked (of `rows`, when given), when already made: the curves use them too. */
  ranked?: RankedScores | undefined;
  /** positiveMask(d), when already made. */
  positive?: Uint8Array | undefined;
  /** Where to rank the scores when `ranked` is not given (reused slice after slice). */
  buffers?: RankingBuffers | undefined;
  /** Only these rows (a slice), read in place rather than gathered. */
  rows?: Uint32Array | undefined;
}

/** accuracy … cohen_kappa, and with a score roc_auc, average_precision, log_loss and brier_score. */
export function binaryMetrics(d: BinaryData, warn: Warn, options: BinaryOptions = {}): MetricValues {
  const k = d.labels.length;
  const rows = options.rows;
  if ((rows ?? d.truth).length === 0) throw new Error('binaryMetrics needs at least one row');
  const { kept, matrix } = presentOnly(confusionCounts(d.truth, d.predicted, k, rows), k);
  const q = kept.length;
  const base = labelMetrics(matrix, q, warn);
  const pos = kept.indexOf(d.positive);
  const prf = perClass(matrix, q, [pos], warn, 'positive label');
  const out: MetricValues = {
    accuracy: base.accuracy!,
    balanced_accuracy: base.balanced_accuracy!,
    precision: prf.precision[0]!,
    recall: prf.recall[0]!,
    f1: prf.f1[0]!,
    mcc: base.mcc!,
  };
  if (base.cohen_kappa !== undefined) out.cohen_kappa = base.cohen_kappa;
  if (!d.score) return out;

  const positive = options.positive ?? positiveMask(d);
  const ranked = options.ranked ?? rankScores(positive, d.score, rows, options.buffers);
  const auc = rocAuc(ranked);
  if (auc === undefined)
    warn(
      'roc_auc: only one class is present in the true labels, ROC AUC is not defined (scikit-learn raises); left out',
    );
  else out.roc_auc = auc;
  const ap = averagePrecision(ranked);
  if (ap.noPositives)
    warn(
      'average_precision: no positive row in the true labels; recall is set to 1 for all thresholds and average precision is 0 (as scikit-learn)',
    );
  out.average_precision = ap.value;
  if (ranked.pos.length === 0 || ranked.neg.length === 0) {
    const only = ranked.pos.length ? d.labels[d.positive] : d.labels.find((_, c) => c !== d.positive);
    warn(oneClassLogLoss(only ?? d.labels[0]!));
  } else out.log_loss = binaryLogLoss(positive, d.score, rows);
  out.brier_score = brierScore(positive, d.score, rows);
  return out;
}
