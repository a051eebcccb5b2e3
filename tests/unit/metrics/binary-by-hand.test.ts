// binaryMetrics on four rows, by hand: which metrics exist without a score, and what is left out (with which
// warning, naming which label) when the true labels hold one class.
import { describe, expect, it } from 'vitest';
import { binaryMetrics, positiveMask } from '@modelgate/core/metrics/binary';
import type { BinaryData } from '@modelgate/core/metrics/types';

const data = (
  labels: string[],
  positive: number,
  truth: number[],
  predicted: number[],
  score?: number[],
): BinaryData => ({
  labels,
  positive,
  truth: Int32Array.from(truth),
  predicted: Int32Array.from(predicted),
  ...(score ? { score: Float64Array.from(score) } : {}),
});
const run = (d: BinaryData) => {
  const warnings: string[] = [];
  return { metrics: binaryMetrics(d, (w) => warnings.push(w)), warnings };
};

describe('binary metrics by hand', () => {
  it('without a score: the label metrics only (TP 1, FN 1, TN 2, FP 0)', () => {
    const { metrics, warnings } = run(data(['no', 'yes'], 1, [0, 1, 1, 0], [0, 1, 0, 0]));
    expect(Object.keys(metrics).sort()).toEqual(
      ['accuracy', 'balanced_accuracy', 'cohen_kappa', 'f1', 'mcc', 'precision', 'recall'].sort(),
    );
    expect(metrics).toMatchObject({ accuracy: 0.75, balanced_accuracy: 0.75, precision: 1, recall: 0.5 });
    expect(metrics.f1).toBeCloseTo(2 / 3, 15);
    expect(metrics.mcc).toBeCloseTo(2 / Math.sqrt(12), 15);
    expect(metrics.cohen_kappa).toBeCloseTo(0.5, 15);
    expect(warnings).toEqual([]);
  });

  it('no positive row: roc_auc and log_loss left out, average precision 0, each with its warning', () => {
    // the positive label is listed first, so the one class present is found by looking past it
    const { metrics, warnings } = run(data(['yes', 'no'], 0, [1, 1, 1], [1, 1, 0], [0.2, 0.4, 0.9]));
    expect(metrics.roc_auc).toBeUndefined();
    expect(metrics.log_loss).toBeUndefined();
    expect(metrics.average_precision === 0).toBe(true);
    expect(metrics.brier_score).toBeCloseTo((0.04 + 0.16 + 0.81) / 3, 15);
    expect(warnings.filter((w) => /^(roc_auc|average_precision|log_loss):/.test(w))).toEqual([
      'roc_auc: only one class is present in the true labels, ROC AUC is not defined (scikit-learn raises); left out',
      'average_precision: no positive row in the true labels; recall is set to 1 for all thresholds and average precision is 0 (as scikit-learn)',
      `log_loss: the true labels hold one class only ('no'), so scikit-learn's log_loss raises ("y_true contains only one label"); left out`,
    ]);
    expect(warnings).toContain('positive label: recall is ill-defined and set to 0.0 for labels with no true samples');
  });

  it('only positive rows: log_loss names the positive label, and no average-precision warning', () => {
    const { metrics, warnings } = run(data(['no', 'yes'], 1, [1, 1], [1, 0], [0.8, 0.3]));
    expect(metrics.average_precision).toBe(1);
    expect(warnings.some((w) => w.startsWith('average_precision'))).toBe(false);
    expect(warnings).toContain(
      `log_loss: the true labels hold one class only ('yes'), so scikit-learn's log_loss raises ("y_true contains only one label"); left out`,
    );
  });

  it('both classes: no warning, every metric', () => {
    const { metrics, warnings } = run(data(['no', 'yes'], 1, [0, 1, 1, 0], [0, 1, 0, 0], [0.1, 0.9, 0.4, 0.3]));
    expect(warnings).toEqual([]);
    expect(metrics.roc_auc).toBe(1);
    expect(metrics.log_loss).toBeGreaterThan(0);
  });

  it('refuses no rows at all (a caller bug, not a metric of 0)', () => {
    expect(() => run(data(['no', 'yes'], 1, [], []))).toThrow('binaryMetrics needs at least one row');
  });

  it('the positive mask marks the rows whose truth is the positive label', () => {
    expect([...positiveMask(data(['a', 'b', 'c'], 2, [2, 0, 2, 1], [0, 0, 0, 0]))]).toEqual([1, 0, 1, 0]);
  });
});

describe('ill-defined metrics and clipping, by hand', () => {
  it('never predicting the positive label: precision 0 with its warning, recall defined', () => {
    const { metrics, warnings } = run(data(['no', 'yes'], 1, [0, 1, 1], [0, 0, 0]));
    expect(metrics).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(warnings).toEqual([
      'positive label: precision is ill-defined and set to 0.0 for labels with no predicted samples',
    ]);
  });

  it('predicting a label the truth never holds: balanced accuracy says so; recall of the positive is ill-defined', () => {
    const { warnings } = run(data(['no', 'yes'], 1, [0, 0], [0, 1]));
    expect(warnings).toContain('balanced_accuracy: y_pred contains classes not in y_true');
    expect(warnings).toContain('positive label: recall is ill-defined and set to 0.0 for labels with no true samples');
    expect(warnings.some((w) => w.includes('F-score'))).toBe(false);
  });

  it('log_loss clips certain and wrong scores to machine epsilon (scikit-learn 1.2: 36.04365338911715)', () => {
    const wrong = run(data(['no', 'yes'], 1, [0, 1], [1, 0], [1, 0])).metrics;
    expect(wrong.log_loss).toBe(36.04365338911715);
    const right = run(data(['no', 'yes'], 1, [1, 0], [1, 0], [1, 0])).metrics;
    expect(right.log_loss).toBeCloseTo(2.2204460492503136e-16, 30);
    expect(run(data(['no', 'yes'], 1, [0, 1], [0, 1], [0.25, 0.5])).metrics.log_loss).toBeCloseTo(
      0.4904146265058631,
      15,
    );
  });
});
