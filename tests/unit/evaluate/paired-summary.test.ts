import { describe, expect, it } from 'vitest';
import { calibrationByBin, pairedSection } from '@modelgate/core/evaluate/paired-summary';

const metric = (over: Record<string, unknown>) => ({
  baseline: 0.9,
  current: 0.912,
  difference: 0.012,
  low: 0.004,
  high: 0.02,
  level: 0.95,
  p_value: 0.003,
  test: 'mcnemar' as const,
  ...over,
});

describe('the paired comparison in the report', () => {
  it('shows per metric both values, the signed difference, its interval, the p-value and the test', () => {
    const md = pairedSection({
      baseline: { predictions: 'out/base`line|.csv', sha256: 'x', metrics: {} },
      paired: {
        accuracy: metric({}),
        roc_auc: metric({ test: 'delong', p_value: 4.5e-8, difference: -0.02, low: -0.03, high: -0.01 }),
        mape: metric({ test: 'paired-bootstrap', baseline: 33776997205304.586, current: 0.5, p_value: 0 }),
      },
    }).toString();
    expect(md).toContain('| accuracy | 0.9000 | 0.9120 | +0.0120 | +0.0040 – +0.0200 | 0.003 | McNemar |');
    expect(md).toContain('| roc\\_auc | 0.9000 | 0.9120 | -0.0200 | -0.0300 – -0.0100 | 4.5e-8 | DeLong |');
    // a huge value stays narrow: 4 significant digits
    expect(md).toContain('| mape | 3.378e+13 | 0.5000 |');
    // the baseline's path is data: a code span, its backtick fenced and its pipe inert
    expect(md).toContain('``out/base`line|.csv``');
  });

  it('puts each calibration point in its bin and fills an empty bin from its neighbours', () => {
    const y = calibrationByBin([
      [0.07, 0.1],
      [0.26, 0.3],
      [0.94, 0.9],
    ]);
    expect(y).toHaveLength(10);
    expect(y[0]).toBe(0.1);
    expect(y[1]).toBeCloseTo(0.2, 15); // between 0.1 and 0.3
    expect(y[2]).toBe(0.3);
    expect(y[9]).toBe(0.9);
    expect(calibrationByBin([[0.1, 0.4]])[0]).toBe(0.4); // 0.1 is the first bin's upper edge (searchsorted left)
  });
});
