/**
 * DeLong's test for two correlated ROC curves on the same rows, equal to pROC 1.18
 * `roc.test(roc_current, roc_baseline, method = "delong", paired = TRUE)` with both curves built as
 * `roc(label, score, levels = c(negative, positive), direction = "<")` (higher score = positive, as roc_auc_score).
 *
 * The placements (each case's share of controls scored below it, ties counting a half, and each control's share of
 * cases above it) come from one ranking per model, as in Sun & Xu (2014), "Fast implementation of DeLong's algorithm
 * for comparing the areas under correlated receiver operating characteristic curves": the midrank differences are
 * the counts of the other class below or tied, read off a walk of the rows in score order. O(n log n) overall
 * (O(n) after the radix ordering of metrics/order), instead of the O(P·N) pairs of the original.
 */
import { normalCdf } from '../../drift/special.ts';
import { orderDescending } from '../order.ts';

/** qnorm(0.975): the 95% interval's half-width in standard errors. */
const Z_975 = 1.959963984540054;

export interface DeLongResult {
  /** AUC of the current and the baseline model (pROC's theta: equal to roc_auc_score). */
  current: number;
  baseline: number;
  /** current − baseline. */
  difference: number;
  /** Z = difference / its standard error (pROC's `statistic`; 0 when both are 0). */
  statistic: number;
  p_value: number;
  /** pROC's `conf.int` at 95%. */
  low: number;
  high: number;
}

/**
 * Per row, the placement of its score: for a case (positive row) the share of controls below it, for a control the
 * share of cases above it (ties count a half). Their mean over the cases is the AUC.
 */
export function placements(positive: Uint8Array, score: Float64Array, cases: number): Float64Array {
  const n = score.length,
    controls = n - cases;
  const order = orderDescending(score);
  const out = new Float64Array(n);
  let casesAbove = 0,
    controlsAbove = 0;
  for (let start = 0; start < n;) {
    const s = score[order[start]!]!;
    let end = start,
      gp = 0;
    // -0 and 0 are one score (=== sees them equal), as in pROC's comparisons
    // Stryker disable next-line ConditionalExpression,EqualityOperator: score[order[n]] is undefined, never === s
    while (end < n && score[order[end]!] === s) gp += positive[order[end++]!]!;
    const gn = end - start - gp;
    const caseValue = (controls - controlsAbove - gn / 2) / controls;
    const controlValue = (casesAbove + gp / 2) / cases;
    // Stryker disable next-line EqualityOperator: row order[end] is the next group's, overwritten when it is placed
    for (let k = start; k < end; k++) {
      const r = order[k]!;
      out[r] = positive[r] ? caseValue : controlValue;
    }
    casesAbove += gp;
    controlsAbove += gn;
    start = end;
  }
  return out;
}

/** Neumaier's compensated addition: [sum, compensation] after adding x. */
function add(acc: Float64Array, k: number, x: number): void {
  const sum = acc[k]!,
    t = sum + x;
  // Stryker disable next-line EqualityOperator: at |sum| = |x| both branches give the same (x = sum, or t = 0)
  acc[k + 1]! += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
  acc[k] = t;
}

/**
 * The paired DeLong test of `current` against `baseline` scores of the same rows. Undefined when a class has fewer
 * than two rows (the covariances divide by m − 1 and n − 1) or the standard error is 0 while the AUCs differ
 * (pROC's Z would be infinite).
 */
export function delong(positive: Uint8Array, current: Float64Array, baseline: Float64Array): DeLongResult | undefined {
  let m = 0;
  for (let i = 0; i < positive.length; i++) m += positive[i]!;
  const n = positive.length - m;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: delongFromSums refuses the same counts again
  if (m < 2 || n < 2) return undefined;
  const v1 = placements(positive, current, m),
    v2 = placements(positive, baseline, m);
  // compensated sums (sum, compensation pairs): placements of the cases for the AUCs, then the squared deviations
  const acc = new Float64Array(4);
  // Stryker disable next-line EqualityOperator: positive[n] is undefined, so the row past the end adds nothing
  for (let i = 0; i < positive.length; i++)
    if (positive[i]) {
      add(acc, 0, v1[i]!);
      add(acc, 2, v2[i]!);
    }
  const theta1 = (acc[0]! + acc[1]!) / m,
    theta2 = (acc[2]! + acc[3]!) / m;
  // L·S·L' with L = (1, −1), from the differences of the deviations: the same value as pROC's S11 + S22 − 2·S12,
  // without its cancellation when the models agree closely
  acc.fill(0);
  for (let i = 0; i < positive.length; i++) add(acc, positive[i] ? 0 : 2, (v1[i]! - theta1 - (v2[i]! - theta2)) ** 2);
  return delongFromSums(
    { cases: m, controls: n, current: theta1, baseline: theta2 },
    acc[0]! + acc[1]!,
    acc[2]! + acc[3]!,
  );
}

/**
 * The test from its sums: the AUCs and, over the cases and over the controls, the sum of squared deviations of the
 * placement differences (current − baseline) from their mean (L·S·L' times m − 1 and n − 1). Shared with SQL mode,
 * where the engine computes the sums (evaluate/sql-paired.ts).
 */
export function delongFromSums(
  aucs: { cases: number; controls: number; current: number; baseline: number },
  squaredCases: number,
  squaredControls: number,
): DeLongResult | undefined {
  const { cases: m, controls: n, current: theta1, baseline: theta2 } = aucs;
  if (m < 2 || n < 2) return undefined;
  const dx = squaredCases / (m - 1),
    dy = squaredControls / (n - 1);
  const sig = Math.sqrt(dx / m + dy / n);
  const d = theta1 - theta2;
  const statistic = d === 0 && sig === 0 ? 0 : d / sig;
  if (!Number.isFinite(statistic)) return undefined;
  return {
    current: theta1,
    baseline: theta2,
    difference: d,
    statistic,
    p_value: 2 * normalCdf(-Math.abs(statistic)),
    low: d - Z_975 * sig,
    high: d + Z_975 * sig,
  };
}
