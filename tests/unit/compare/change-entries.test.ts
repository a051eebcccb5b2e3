// The regressions and improvements lists compare-to-baseline writes (docs/formats.md "comparison"): the rules an
// improvement passed, and a change too large for a double.
import { describe, expect, it } from 'vitest';
import type { MetricsSnapshot } from '@modelgate/core/contracts/metrics-file';
import { compareSnapshots } from '@modelgate/core/compare/compare';

const snap = (metrics: Record<string, number>): MetricsSnapshot => ({ file: 'metrics.json', metrics });

describe('change entries', () => {
  it('an improvement lists every rule it was checked against, joined by "; "', () => {
    const c = compareSnapshots(snap({ accuracy: 0.9 }), snap({ accuracy: 0.8 }), {
      accuracy: { min: 0.5, 'max-regression': 0.01 },
    });
    expect(c.improvements).toEqual([
      {
        metric: 'accuracy',
        baseline: 0.8,
        current: 0.9,
        change: 0.1,
        change_pct: 12.5,
        rule: 'min 0.5; max-regression 0.01',
      },
    ]);
  });

  it('a change beyond the largest double is written as null, not Infinity', () => {
    const c = compareSnapshots(snap({ score: 1.5e308 }), snap({ score: -1.5e308 }), {});
    expect(c.metrics[0]!.status).toBe('improved');
    expect(c.improvements[0]).toMatchObject({ change: null, change_pct: null, baseline: -1.5e308, current: 1.5e308 });
  });
});
