/**
 * The final reductions over the engine's counts and sums (sql/metrics/reductions.ts), by hand: the score metrics
 * and their one-class warnings in binary, the one-vs-rest AUC and log loss in multiclass, and the fairness gaps
 * with a group that has no positive row.
 */
import { describe, expect, it } from 'vitest';
import { oneClassLogLoss } from '@modelgate/core/metrics/probability';
import { binaryFromCounts, fairnessFromCounts, multiclassFromCounts } from '@modelgate/core/sql/metrics/reductions';

const sums = (positives: number, negatives: number, area2: number, averagePrecision: number, c = 0) => ({
  g: null,
  c,
  area2,
  averagePrecision,
  positives,
  negatives,
});

describe('binaryFromCounts with scores', () => {
  it('both classes: AUC from area2 / (2·P·N), average precision, log loss and Brier per row', () => {
    const warnings: string[] = [];
    const out = binaryFromCounts(['0', '1'], 1, Float64Array.from([1, 1, 0, 2]), (w) => warnings.push(w), {
      ranking: sums(2, 2, 6, 0.9),
      probability: { n: 4, logLoss: 2, brier: 1 },
    });
    expect(out).toMatchObject({ roc_auc: 0.75, average_precision: 0.9, log_loss: 0.5, brier_score: 0.25 });
    expect(out.precision).toBeCloseTo(2 / 3, 14);
    expect(out.recall).toBe(1);
    expect(warnings).toEqual([]);
  });

  it('no positive row: no AUC, average precision 0, no log loss (the negative class named), Brier kept', () => {
    const warnings: string[] = [];
    const out = binaryFromCounts(['0', '1'], 1, Float64Array.from([3, 1, 0, 0]), (w) => warnings.push(w), {
      ranking: sums(0, 4, 0, Number.NaN),
      probability: { n: 4, logLoss: 5, brier: 1 },
    });
    expect(out.roc_auc).toBeUndefined();
    expect(out.log_loss).toBeUndefined();
    expect(out.average_precision).toBe(0);
    expect(out.brier_score).toBe(0.25);
    // (after the label metrics' own warnings)
    expect(warnings.slice(-3)).toEqual([
      'roc_auc: only one class is present in the true labels, ROC AUC is not defined (scikit-learn raises); left out',
      'average_precision: no positive row in the true labels; recall is set to 1 for all thresholds and average precision is 0 (as scikit-learn)',
      oneClassLogLoss('0'),
    ]);
  });

  it('no negative row: no AUC, its average precision, no log loss (the positive class named)', () => {
    const warnings: string[] = [];
    const out = binaryFromCounts(['no', 'yes'], 1, Float64Array.from([0, 0, 1, 3]), (w) => warnings.push(w), {
      ranking: sums(4, 0, 0, 0.8),
      probability: { n: 4, logLoss: 5, brier: 2 },
    });
    expect(out.average_precision).toBe(0.8);
    expect(out.log_loss).toBeUndefined();
    expect(out.brier_score).toBe(0.5);
    expect(warnings.slice(-2)).toEqual([
      'roc_auc: only one class is present in the true labels, ROC AUC is not defined (scikit-learn raises); left out',
      oneClassLogLoss('yes'),
    ]);
  });
});

describe('multiclassFromCounts with probabilities', () => {
  const labels = ['a', 'b', 'c'];

  it('every class ranked: the mean one-vs-rest AUC and the log loss per row', () => {
    const warnings: string[] = [];
    const counts = Float64Array.from([2, 0, 0, 0, 2, 0, 0, 1, 1]);
    const out = multiclassFromCounts(labels, counts, (w) => warnings.push(w), {
      ovr: [sums(2, 4, 16, 1, 0), sums(2, 4, 8, 1, 1), sums(2, 4, 12, 1, 2)],
      probability: { n: 6, logLoss: 3 },
    });
    // AUCs 16/16, 8/16, 12/16
    expect(out.roc_auc_ovr).toBe(0.75);
    expect(out.log_loss).toBe(0.5);
    expect(warnings).toEqual([]);
  });

  it('one true class only: no log loss (that class named); classes without a defined AUC named, no mean', () => {
    const warnings: string[] = [];
    const counts = Float64Array.from([0, 0, 0, 1, 3, 0, 0, 0, 0]);
    const out = multiclassFromCounts(labels, counts, (w) => warnings.push(w), {
      ovr: [sums(0, 4, 0, 0, 0), sums(4, 0, 0, 1, 1)],
      probability: undefined,
    });
    expect(out.log_loss).toBeUndefined();
    expect(out.roc_auc_ovr).toBeUndefined();
    expect(warnings).toContain(oneClassLogLoss('b'));
    expect(warnings).toContain(
      'roc_auc_ovr: class a, b, c has no true row or only true rows, so its one-vs-rest ROC AUC is not defined (scikit-learn raises); left out',
    );
  });
});

describe('fairnessFromCounts', () => {
  it('accuracy, selection-rate and true-positive-rate gaps; a group with no positive row left out of the last', () => {
    const warnings: string[] = [];
    const gaps = fairnessFromCounts(
      [
        // accuracy 0.7, selection 0.5, TPR 4/6
        { value: 'eu', counts: Float64Array.from([3, 1, 2, 4]) },
        // accuracy 1, selection 0, no positive row
        { value: 'us', counts: Float64Array.from([5, 0, 0, 0]) },
        // accuracy 0.5, selection 0.5, TPR 0.5
        { value: 'asia', counts: Float64Array.from([1, 1, 1, 1]) },
      ],
      2,
      1,
      'region',
      (w) => warnings.push(w),
    );
    expect(gaps.accuracy_gap).toBe(0.5);
    expect(gaps.selection_rate_gap).toBe(0.5);
    expect(gaps.true_positive_rate_gap).toBeCloseTo(1 / 6, 14);
    expect(warnings).toEqual(['fairness region: no positive rows for us, left out of true_positive_rate_gap']);
  });

  it('no positive row anywhere: no TPR gap; no group: gaps of 0', () => {
    const warnings: string[] = [];
    const gaps = fairnessFromCounts(
      [
        { value: 'x', counts: Float64Array.from([2, 0, 0, 0]) },
        { value: 'y', counts: Float64Array.from([1, 1, 0, 0]) },
      ],
      2,
      1,
      'r',
      (w) => warnings.push(w),
    );
    expect(gaps).toEqual({ accuracy_gap: 0.5, selection_rate_gap: 0.5 });
    expect(warnings).toEqual(['fairness r: no positive rows for x, y, left out of true_positive_rate_gap']);
    expect(fairnessFromCounts([], 2, 1, 'r', () => {})).toEqual({ accuracy_gap: 0, selection_rate_gap: 0 });
  });
});
