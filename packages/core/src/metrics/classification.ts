/**
 * Label metrics from a confusion matrix, following scikit-learn 1.2.1 (`sklearn/metrics/_classification.py`)
 * operation by operation, so results agree to the last bits. The matrix covers only the labels present in truth
 * or predictions, as scikit-learn's default `labels=unique_labels(y_true, y_pred)`.
 */
import { margins } from './confusion.ts';
import { npMean, npSum } from './sum.ts';
import type { Warn } from './types.ts';

/** Per-class precision, recall and F1 with scikit-learn's zero_division="warn" (0.0 and a warning). */
export interface PerClass {
  precision: Float64Array;
  recall: Float64Array;
  f1: Float64Array;
  trueSum: Float64Array;
}

function divide(num: Float64Array, den: Float64Array): { out: Float64Array; zero: boolean[] } {
  const out = new Float64Array(num.length);
  const zero: boolean[] = [];
  for (let i = 0; i < num.length; i++) {
    zero.push(den[i] === 0);
    out[i] = den[i] === 0 ? 0 : num[i]! / den[i]!;
  }
  return { out, zero };
}

/** Precision, recall and F1 of each class listed in `classes` (indices into the k x k matrix). */
export function perClass(m: Float64Array, k: number, classes: number[], warn: Warn, what: string): PerClass {
  const { trueSum, predSum, diag } = margins(m, k);
  const pick = (a: Float64Array) => Float64Array.from(classes, (c) => (c < 0 ? 0 : a[c]!));
  const tp = pick(diag),
    pred = pick(predSum),
    real = pick(trueSum);
  const p = divide(tp, pred);
  const r = divide(tp, real);
  // matches scikit-learn's UndefinedMetricWarning texts for zero_division="warn"
  if (p.zero.some(Boolean))
    warn(`${what}: precision is ill-defined and set to 0.0 for labels with no predicted samples`);
  if (r.zero.some(Boolean)) warn(`${what}: recall is ill-defined and set to 0.0 for labels with no true samples`);
  if (p.zero.some((z, i) => z && r.zero[i]))
    warn(`${what}: F-score is ill-defined and set to 0.0 for labels with no true nor predicted samples`);
  const f1 = new Float64Array(classes.length);
  for (let i = 0; i < classes.length; i++) {
    const pr = p.out[i]!,
      rc = r.out[i]!;
    let denom = pr + rc;
    if (denom === 0) denom = 1;
    f1[i] = (2 * pr * rc) / denom;
  }
  return { precision: p.out, recall: r.out, f1, trueSum: real };
}

/** `np.average(values, weights)`: sum(values * weights) / sum(weights). */
export function weightedAverage(values: Float64Array, weights: Float64Array): number {
  const prod = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) prod[i] = values[i]! * weights[i]!;
  return npSum(prod) / npSum(weights);
}

/** accuracy_score: share of rows on the diagonal. */
export function accuracy(m: Float64Array, k: number): number {
  let diag = 0,
    total = 0;
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) {
      total += m[a * k + b]!;
      if (a === b) diag += m[a * k + b]!;
    }
  return diag / total;
}

/** balanced_accuracy_score: mean recall over classes with true rows (warns like scikit-learn otherwise). */
export function balancedAccuracy(m: Float64Array, k: number, warn: Warn): number {
  const { trueSum, diag } = margins(m, k);
  const recalls: number[] = [];
  for (let c = 0; c < k; c++) if (trueSum[c]! > 0) recalls.push(diag[c]! / trueSum[c]!);
  if (recalls.length < k) warn('balanced_accuracy: y_pred contains classes not in y_true');
  return npMean(recalls);
}

/** matthews_corrcoef, multiclass form (equal to the binary one); 0.0 when a variance is zero. */
export function mcc(m: Float64Array, k: number): number {
  const { trueSum, predSum, diag } = margins(m, k);
  let nCorrect = 0,
    n = 0,
    tp = 0,
    pp = 0,
    tt = 0;
  for (let c = 0; c < k; c++) {
    nCorrect += diag[c]!;
    n += predSum[c]!;
    tp += trueSum[c]! * predSum[c]!;
    pp += predSum[c]! * predSum[c]!;
    tt += trueSum[c]! * trueSum[c]!;
  }
  const covYtYp = nCorrect * n - tp;
  const covYpYp = n ** 2 - pp;
  const covYtYt = n ** 2 - tt;
  if (covYpYp * covYtYt === 0) return 0;
  return covYtYp / Math.sqrt(covYtYt * covYpYp);
}

/** cohen_kappa_score (unweighted); undefined (NaN in scikit-learn) when only one label occurs. */
export function cohenKappa(m: Float64Array, k: number): number | undefined {
  const { trueSum, predSum } = margins(m, k);
  let total = 0;
  for (let c = 0; c < k; c++) total += predSum[c]!;
  const observed = new Float64Array(k * k);
  const expected = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) {
      if (a === b) continue;
      observed[a * k + b] = m[a * k + b]!;
      expected[a * k + b] = (predSum[a]! * trueSum[b]!) / total;
    }
  const ratio = npSum(observed) / npSum(expected);
  return Number.isFinite(ratio) ? 1 - ratio : undefined;
}

/** The six averaged multiclass metrics of per-class precision, recall and F1 (scikit-learn's macro and weighted). */
export function averagedMetrics(prf: PerClass): Record<string, number> {
  return {
    precision_macro: npMean(prf.precision),
    recall_macro: npMean(prf.recall),
    f1_macro: npMean(prf.f1),
    precision_weighted: weightedAverage(prf.precision, prf.trueSum),
    recall_weighted: weightedAverage(prf.recall, prf.trueSum),
    f1_weighted: weightedAverage(prf.f1, prf.trueSum),
  };
}
