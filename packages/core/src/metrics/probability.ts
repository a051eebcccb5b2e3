/**
 * Probability metrics following scikit-learn 1.2.1: log_loss clips to [eps, 1 - eps] with eps = float64
 * machine epsilon (1.2 changed the default from 1e-15 to "auto" = np.finfo(float64).eps), then divides each
 * row by its sum; it raises when the true labels hold one class only (evaluate-model leaves it out).
 * brier_score_loss is the mean squared difference to the 0/1 outcome.
 */
import { BUFFER, pairwiseSum, rowSum } from './sum.ts';

/**
 * The per-row terms of the sums below, a buffer at a time: each sum fills it in a plain loop of its own (through a
 * callback shared by many sums, every term was a boxed double: a tenth of a second and ~80 scavenges on 2M rows).
 */
const terms = new Float64Array(BUFFER);

/** The warning when log_loss is left out because the true labels hold one class (scikit-learn raises). */
export function oneClassLogLoss(label: string): string {
  return `log_loss: the true labels hold one class only ('${label}'), so scikit-learn's log_loss raises ("y_true contains only one label"); left out`;
}

/** np.finfo(np.float64).eps, log_loss's clipping bound in scikit-learn 1.2. */
export const EPS = 2.220446049250313e-16;

function clip(p: number): number {
  return p < EPS ? EPS : p > 1 - EPS ? 1 - EPS : p;
}

/**
 * log_loss of a binary task: `positive[i]` is 1 for the positive class, `score[i]` its probability. With `rows`,
 * of those rows only, summed in their order: the same bits as on the gathered subset.
 */
export function binaryLogLoss(positive: Uint8Array, score: Float64Array, rows?: Uint32Array): number {
  const n = rows ? rows.length : score.length;
  let sum = 0;
  for (let start = 0; start < n; start += BUFFER) {
    const len = Math.min(BUFFER, n - start);
    for (let j = 0; j < len; j++) {
      const i = rows ? rows[start + j]! : start + j;
      const c = clip(score[i]!);
      const neg = 1 - c;
      const s = neg + c;
      terms[j] = -Math.log((positive[i] ? c : neg) / s);
    }
    sum += pairwiseSum(terms, len);
  }
  return sum / n;
}

/**
 * log_loss of a multiclass task: `proba[c][i]` is the probability of class c in row i (rows already normalised:
 * scikit-learn clips and divides by the row sum once more, and so does this).
 */
export function multiclassLogLoss(truth: Int32Array, proba: Float64Array[]): number {
  const k = proba.length;
  const n = truth.length;
  const row = new Float64Array(k);
  let sum = 0;
  for (let start = 0; start < n; start += BUFFER) {
    const len = Math.min(BUFFER, n - start);
    for (let j = 0; j < len; j++) {
      const i = start + j;
      for (let c = 0; c < k; c++) row[c] = clip(proba[c]![i]!);
      terms[j] = -Math.log(row[truth[i]!]! / rowSum(row, k));
    }
    sum += pairwiseSum(terms, len);
  }
  return sum / n;
}

/** brier_score_loss: mean of (outcome - probability)^2 (over `rows` only, in their order, when given). */
export function brierScore(positive: Uint8Array, score: Float64Array, rows?: Uint32Array): number {
  const n = rows ? rows.length : score.length;
  let sum = 0;
  for (let start = 0; start < n; start += BUFFER) {
    const len = Math.min(BUFFER, n - start);
    for (let j = 0; j < len; j++) {
      const i = rows ? rows[start + j]! : start + j;
      const d = positive[i]! - score[i]!;
      terms[j] = d * d;
    }
    sum += pairwiseSum(terms, len);
  }
  return sum / n;
}

/**
 * Divides each row by its sum in place: `P / P.sum(axis=1)[:, None]` with NumPy's float64 rounding and order for P
 * as pandas gives it (`df[cols].to_numpy()`, Fortran-ordered: each row summed left to right; see rowSum). Done
 * once as the columns are read, so the rows are not copied (10 classes × 2,000,000 rows would be another 160 MB).
 * Every row sum must be positive (see evaluate/validate's checkClassProbabilities).
 */
export function normaliseRowsInPlace(proba: Float64Array[]): void {
  const k = proba.length;
  const n = k ? proba[0]!.length : 0;
  const row = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) row[c] = proba[c]![i]!;
    const s = rowSum(row, k);
    for (let c = 0; c < k; c++) proba[c]![i] = row[c]! / s;
  }
}
