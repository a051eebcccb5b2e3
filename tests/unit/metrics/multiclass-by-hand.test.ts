import { describe, expect, it } from 'vitest';
import { multiclassMetrics, onlyTrueClass, rocAucOvr } from '@modelgate/core/metrics/multiclass';
import { multiclassLabelValues } from '@modelgate/core/metrics/resample-labels';

const f = (...v: number[]) => Float64Array.from(v);

describe('multiclass metrics by hand', () => {
  it('averages the one-vs-rest ROC AUCs of the classes (3/4, 2/3, 1)', () => {
    const truth = Int32Array.from([0, 1, 2, 0]);
    // class 0: positives 0.5, 0.7 against 0.6, 0.1 -> 3 of 4 pairs; class 1: 0.2 against 0.3, 0.1, 0.1 -> 2 of 3
    const proba = [f(0.5, 0.6, 0.1, 0.7), f(0.3, 0.2, 0.1, 0.1), f(0.2, 0.2, 0.8, 0.2)];
    const { value, missing } = rocAucOvr(truth, proba);
    expect(value).toBeCloseTo((0.75 + 2 / 3 + 1) / 3, 15);
    expect(missing).toEqual([]);
  });

  it('leaves roc_auc_ovr undefined and names the classes without a true row or with only true rows', () => {
    expect(rocAucOvr(Int32Array.from([0, 0, 1]), [f(0.9, 0.8, 0.1), f(0.1, 0.2, 0.9), f(0, 0, 0)])).toEqual({
      missing: [2],
    });
    const warnings: string[] = [];
    const m = multiclassMetrics(
      {
        labels: ['a', 'b', 'c'],
        truth: Int32Array.from([1, 1, 1]),
        predicted: Int32Array.from([1, 0, 1]),
        proba: [f(0.2, 0.6, 0.1), f(0.7, 0.3, 0.8), f(0.1, 0.1, 0.1)],
      },
      (w) => warnings.push(w),
    );
    expect(m.log_loss).toBeUndefined();
    expect(m.roc_auc_ovr).toBeUndefined();
    expect(m.accuracy).toBeCloseTo(2 / 3, 15);
    expect(warnings.some((w) => w.includes('roc_auc_ovr: class a, b, c has no true row'))).toBe(true);
    expect(warnings.some((w) => w.includes('log_loss'))).toBe(true);
  });

  it('finds the one class the true labels hold, or -1', () => {
    expect(onlyTrueClass(Int32Array.from([2, 2, 2]))).toBe(2);
    expect(onlyTrueClass(Int32Array.from([2, 2, 1]))).toBe(-1);
    expect(onlyTrueClass(Int32Array.from([1, 2, 2]))).toBe(-1);
    expect(onlyTrueClass(Int32Array.from([0]))).toBe(0);
  });

  it('computes log loss and ROC AUC with probabilities, and refuses an empty table', () => {
    const m = multiclassMetrics(
      {
        labels: ['a', 'b'],
        truth: Int32Array.from([0, 1, 1]),
        predicted: Int32Array.from([0, 1, 0]),
        proba: [f(0.5, 0.25, 0.5), f(0.5, 0.75, 0.5)],
      },
      () => {},
    );
    // -(ln 0.5 + ln 0.75 + ln 0.5) / 3; AUC: positives 0.75, 0.5 against 0.5 -> (1 + 1/2) / 2 for class b
    expect(m.log_loss).toBeCloseTo(-(Math.log(0.5) + Math.log(0.75) + Math.log(0.5)) / 3, 14);
    expect(m.roc_auc_ovr).toBeCloseTo(0.75, 15);
    expect(() =>
      multiclassMetrics({ labels: ['a'], truth: new Int32Array(0), predicted: new Int32Array(0) }, () => {}),
    ).toThrow(/at least one row/);
  });

  it('gives a weighted resample the label metrics of its confusion matrix', () => {
    // truth a a b c, predicted a b b c, as a 4x4 matrix (rows: truth); class d absent
    const m = f(1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0);
    const v = multiclassLabelValues(m, 4);
    expect(v.accuracy).toBe(0.75);
    expect(v.balanced_accuracy).toBeCloseTo((0.5 + 1 + 1) / 3, 15);
    expect(v.precision_macro).toBeCloseTo((1 + 0.5 + 1) / 3, 15);
    expect(v.recall_macro).toBeCloseTo((0.5 + 1 + 1) / 3, 15);
  });
});
