// Calibration bins and the regression metrics' special cases on a few rows, by hand (scikit-learn 1.2.1 gives the
// same): a probability on a bin edge falls in the lower bin; perfect predictions and a constant truth under
// force_finite; mape's epsilon for a zero truth.
import { describe, expect, it } from 'vitest';
import { calibrationCurve } from '@modelgate/core/metrics/calibration';
import { regressionMetrics } from '@modelgate/core/metrics/regression';

const curve = (positive: number[], score: number[], bins?: number) =>
  calibrationCurve(Uint8Array.from(positive), Float64Array.from(score), bins);
const regression = (truth: number[], predicted: number[]) => {
  const warnings: string[] = [];
  const metrics = regressionMetrics({ truth: Float64Array.from(truth), predicted: Float64Array.from(predicted) }, (w) =>
    warnings.push(w),
  );
  return { metrics, warnings };
};

describe('calibration_curve(n_bins=10, strategy="uniform") by hand', () => {
  it('a probability on an inner edge (0.1, 0.2, 0.3) falls in the lower bin; empty bins are left out', () => {
    expect(curve([1, 0, 1, 0, 1, 0], [0.1, 0.2, 0.2, 0.05, 1.0, 0.3])).toEqual([
      [0.07500000000000001, 0.5],
      [0.2, 0.5],
      [0.3, 0],
      [1, 1],
    ]);
  });

  it('with 4 bins: 0 and 0.25 share the first, 0.5 the second, 0.75 the third', () => {
    expect(curve([1, 0, 1, 1], [0.25, 0.5, 0.75, 0], 4)).toEqual([
      [0.125, 1],
      [0.5, 0],
      [0.75, 1],
    ]);
  });

  it('just above an edge is the upper bin; 1 is the last bin', () => {
    expect(curve([0, 1, 1], [0.5000000001, 0.99, 1], 2)).toEqual([[(0.5000000001 + 0.99 + 1) / 3, 2 / 3]]);
    expect(curve([0, 1], [0.49, 0.5], 2)).toEqual([[(0.49 + 0.5) / 2, 0.5]]);
  });
});

describe('regression metrics by hand', () => {
  it('truth [1, 2, 3, 4], predictions [2, 2, 5, 8]: errors 1, 0, 2, 4', () => {
    const { metrics } = regression([1, 2, 3, 4], [2, 2, 5, 8]);
    expect(metrics).toMatchObject({ mae: 7 / 4, mse: 21 / 4, max_error: 4, median_ae: 1.5 });
    expect(metrics.rmse).toBe(Math.sqrt(21 / 4));
    // r2: 1 - 21 / 5; explained variance: errors' variance (mean 7/4) over the truth's (5/4)
    expect(metrics.r2).toBeCloseTo(1 - 21 / 5, 14);
    expect(metrics.explained_variance).toBeCloseTo(1 - (21 / 4 - (7 / 4) ** 2) / (5 / 4), 14);
    expect(metrics.mape).toBeCloseTo((1 + 0 + 2 / 3 + 1) / 4, 15);
  });

  it('perfect predictions score r2 and explained variance 1, a constant truth 0 (force_finite)', () => {
    expect(regression([1, 2, 3], [1, 2, 3]).metrics).toMatchObject({ r2: 1, explained_variance: 1, max_error: 0 });
    expect(regression([2, 2, 2], [1, 2, 3]).metrics).toMatchObject({ r2: 0, explained_variance: 0 });
    // a constant offset: the errors do not vary, so explained variance is 1 while r2 is 1 - 3/2
    expect(regression([1, 2, 3], [2, 3, 4]).metrics).toMatchObject({ r2: -0.5, explained_variance: 1 });
  });

  it('mape divides by machine epsilon when the truth is 0, as scikit-learn', () => {
    expect(regression([0, 2], [1, 3]).metrics.mape).toBe(2251799813685248);
  });

  it('one row: r2 is left out with a warning, the rest computed', () => {
    const { metrics, warnings } = regression([3], [1]);
    expect(metrics.r2).toBeUndefined();
    expect(metrics).toMatchObject({ mae: 2, median_ae: 2, max_error: 2 });
    expect(warnings).toEqual(['r2: R^2 score is not well-defined with less than two samples; left out']);
  });
});
