/**
 * The row order in which each resampler (metrics/resample-*.ts) reads its weights: a binary task with scores walks
 * its rows by descending score, a regression by descending absolute error, everything else in row order. The plain
 * bootstrap can ignore it (its weights are independent draws, so any order gives the same distribution); the paired
 * bootstrap cannot: a row must get the same weight for both models, whose orders differ. tests/unit/metrics/paired
 * checks the pairing against per-row weights, so a resampler that changes its order fails there.
 */
import { orderDescending } from '../order.ts';
import type { BinaryData, MulticlassData, RegressionData } from '../types.ts';

type Task =
  | { task: 'binary'; data: BinaryData }
  | { task: 'multiclass'; data: MulticlassData }
  | { task: 'regression'; data: RegressionData };

/** Position i of the resampler's weights is row order[i]; undefined when it is row i. */
export function resampleOrder(t: Task): Uint32Array | undefined {
  if (t.task === 'binary') return t.data.score ? orderDescending(t.data.score) : undefined;
  if (t.task === 'multiclass') return undefined;
  const { truth, predicted } = t.data;
  const absErr = new Float64Array(truth.length);
  // Stryker disable next-line EqualityOperator: a typed array ignores the write one past its end
  for (let i = 0; i < absErr.length; i++) absErr[i] = Math.abs(predicted[i]! - truth[i]!);
  return orderDescending(absErr);
}

/**
 * For each position j of the baseline's weights, the position of the same row in the current model's weights (the
 * weights are drawn in the current model's order, so its resamples are the plain bootstrap's); undefined when the
 * positions coincide.
 */
export function baselineWeightPositions(
  current: Uint32Array | undefined,
  baseline: Uint32Array | undefined,
  rows: number,
): Uint32Array | undefined {
  if (!current && !baseline) return undefined;
  const positionOf = new Uint32Array(rows);
  // Stryker disable next-line EqualityOperator: a typed array ignores the write one past its end
  for (let i = 0; i < rows; i++) positionOf[current ? current[i]! : i] = i;
  if (!baseline) return positionOf;
  const out = new Uint32Array(rows);
  // Stryker disable next-line EqualityOperator: a typed array ignores the write one past its end
  for (let j = 0; j < rows; j++) out[j] = positionOf[baseline[j]!]!;
  return out;
}
