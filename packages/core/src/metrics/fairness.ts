/**
 * Group fairness gaps of a binary classifier across the values of one slice column, as fairlearn defines them:
 * accuracy gap (max - min accuracy), selection-rate gap (demographic parity difference) and true-positive-rate
 * gap (equal opportunity difference).
 */
import type { SliceGroup } from './slices.ts';
import type { BinaryData, Warn } from './types.ts';

export interface FairnessGaps {
  accuracy_gap: number;
  selection_rate_gap: number;
  true_positive_rate_gap?: number;
}

const spread = (v: number[]) => (v.length ? Math.max(...v) - Math.min(...v) : 0);

/** Gaps over the groups of one slice column. A group without positive rows has no true positive rate and is
 * left out of that gap (with a warning) rather than counted as 0. */
export function fairnessGaps(d: BinaryData, groups: SliceGroup[], column: string, warn: Warn): FairnessGaps {
  const accuracy: number[] = [],
    selection: number[] = [],
    tpr: number[] = [];
  const noPositives: string[] = [];
  for (const g of groups) {
    let correct = 0,
      selected = 0,
      positives = 0,
      truePositives = 0;
    for (const r of g.rows) {
      const t = d.truth[r]!,
        p = d.predicted[r]!;
      // Stryker disable next-line EqualityOperator,UpdateOperator: equivalent, a gap is max - min, unchanged when every group's rate is negated or replaced by 1 - rate
      if (t === p) correct++;
      // Stryker disable next-line EqualityOperator,UpdateOperator: equivalent, a gap is max - min, unchanged when every group's rate is negated or replaced by 1 - rate
      if (p === d.positive) selected++;
      if (t === d.positive) {
        // Stryker disable next-line UpdateOperator: equivalent, a gap is max - min, unchanged when every group's rate is negated or replaced by 1 - rate
        positives++;
        // Stryker disable next-line EqualityOperator,UpdateOperator: equivalent, a gap is max - min, unchanged when every group's rate is negated or replaced by 1 - rate
        if (p === d.positive) truePositives++;
      }
    }
    accuracy.push(correct / g.rows.length);
    selection.push(selected / g.rows.length);
    if (positives) tpr.push(truePositives / positives);
    else noPositives.push(g.value);
  }
  if (noPositives.length)
    warn(`fairness ${column}: no positive rows for ${noPositives.join(', ')}, left out of true_positive_rate_gap`);
  const out: FairnessGaps = { accuracy_gap: spread(accuracy), selection_rate_gap: spread(selection) };
  if (tpr.length) out.true_positive_rate_gap = spread(tpr);
  return out;
}
