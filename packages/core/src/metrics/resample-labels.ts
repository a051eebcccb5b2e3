/** Label metrics of one weighted resample, from its weighted confusion matrix (same formulas as the point values). */
import { accuracy, averagedMetrics, balancedAccuracy, cohenKappa, mcc, perClass } from './classification.ts';
import { presentOnly } from './confusion.ts';

const quiet = () => {};

/** Binary label metrics of a weighted k x k matrix; `positive` indexes the full matrix (-1 if absent). */
export function binaryLabelValues(m: Float64Array, k: number, positive: number): Record<string, number> {
  const { kept, matrix } = presentOnly(m, k);
  const q = kept.length;
  const prf = perClass(matrix, q, [kept.indexOf(positive)], quiet, '');
  return {
    accuracy: accuracy(matrix, q),
    balanced_accuracy: balancedAccuracy(matrix, q, quiet),
    precision: prf.precision[0]!,
    recall: prf.recall[0]!,
    f1: prf.f1[0]!,
    mcc: mcc(matrix, q),
    cohen_kappa: cohenKappa(matrix, q) ?? NaN,
  };
}

/** Multiclass label metrics of a weighted k x k matrix. */
export function multiclassLabelValues(m: Float64Array, k: number): Record<string, number> {
  const { kept, matrix } = presentOnly(m, k);
  const q = kept.length;
  const prf = perClass(
    matrix,
    q,
    Array.from(kept, (_, i) => i),
    quiet,
    '',
  );
  return {
    accuracy: accuracy(matrix, q),
    balanced_accuracy: balancedAccuracy(matrix, q, quiet),
    ...averagedMetrics(prf),
    mcc: mcc(matrix, q),
    cohen_kappa: cohenKappa(matrix, q) ?? NaN,
  };
}
