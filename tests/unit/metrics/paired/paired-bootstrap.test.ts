import { describe, expect, it } from 'vitest';
import { bootstrapSamples } from '@modelgate/core/metrics/bootstrap';
import { pairedInterval, pairedSamples } from '@modelgate/core/metrics/paired/paired-bootstrap';
import { binaryResampler } from '@modelgate/core/metrics/resample-binary';
import { regressionResampler } from '@modelgate/core/metrics/resample-regression';
import type { BinaryData } from '@modelgate/core/metrics/types';
import { pairedFixtures } from './fixtures.ts';

const f = pairedFixtures().find((x) => x.name === 'binary_full_precision')!;
const side = (prefix: 'current' | 'baseline'): BinaryData => ({
  labels: ['0', '1'],
  positive: 1,
  truth: Int32Array.from(f.columns.label!, Number),
  predicted: Int32Array.from(f.columns[`${prefix}_prediction`]!, Number),
  score: Float64Array.from(f.columns[`${prefix}_score`]!, Number),
});
const names = ['accuracy', 'f1', 'average_precision', 'log_loss'];

describe('paired bootstrap', () => {
  it('scores both models on the same resampled rows: the differences are the two plain bootstraps subtracted', () => {
    const cur = binaryResampler(side('current')),
      base = binaryResampler(side('baseline'));
    const paired = pairedSamples(cur, base, names, { from: 0, to: 200 }, 11);
    const plainCurrent = bootstrapSamples(cur, names, { from: 0, to: 200 }, 11);
    const plainBaseline = bootstrapSamples(base, names, { from: 0, to: 200 }, 11);
    for (const n of names) {
      expect(paired.current[n]).toEqual(plainCurrent[n]);
      expect(paired.difference[n]).toEqual(plainCurrent[n]!.map((v, i) => v - plainBaseline[n]![i]!));
    }
  });

  it('is the same for a seed however the resamples are split (as worker threads split them)', () => {
    const cur = binaryResampler(side('current')),
      base = binaryResampler(side('baseline'));
    const whole = pairedSamples(cur, base, names, { from: 0, to: 100 }, 5);
    const a = pairedSamples(cur, base, names, { from: 0, to: 37 }, 5),
      b = pairedSamples(cur, base, names, { from: 37, to: 100 }, 5);
    for (const n of names)
      expect(Float64Array.from([...a.difference[n]!, ...b.difference[n]!])).toEqual(whole.difference[n]);
    expect(pairedSamples(cur, base, names, { from: 0, to: 100 }, 6).difference.f1).not.toEqual(whole.difference.f1);
  });

  it('p-value = min(1, 2·min(share ≤ 0, share ≥ 0)) over the defined differences; interval np.percentile 2.5/97.5', () => {
    // 10 differences: 2 below zero, 1 at zero, 6 above, one undefined
    const d = Float64Array.of(-0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, NaN);
    const r = pairedInterval(d)!;
    expect(r.p_value).toBeCloseTo((2 * 3) / 9, 15);
    // np.percentile([-0.2, …, 0.6], [2.5, 97.5]) = [-0.18, 0.58]
    expect(r.low).toBeCloseTo(-0.18, 12);
    expect(r.high).toBeCloseTo(0.58, 12);
    expect(r.level).toBe(0.95);
    expect(pairedInterval(Float64Array.of(0, 0, 0))!.p_value).toBe(1);
    expect(pairedInterval(Float64Array.of(0.1, 0.2, 0.3))!.p_value).toBe(0);
    expect(pairedInterval(Float64Array.of(NaN, NaN))).toBeUndefined();
  });

  it('finds no difference between a model and itself, and a clear one between a good and a noisy regression', () => {
    const truth = Float64Array.from({ length: 500 }, (_, i) => Math.sin(i) * 10);
    const good = truth.map((y, i) => y + 0.1 * Math.cos(i * 7));
    const noisy = truth.map((y, i) => y + 3 * Math.cos(i * 7));
    const same = pairedSamples(
      regressionResampler({ truth, predicted: good }),
      regressionResampler({ truth, predicted: good }),
      ['mae'],
      { from: 0, to: 300 },
      1,
    );
    expect(pairedInterval(same.difference.mae!)).toEqual({ low: 0, high: 0, level: 0.95, p_value: 1 });
    const apart = pairedSamples(
      regressionResampler({ truth, predicted: good }),
      regressionResampler({ truth, predicted: noisy }),
      ['mae'],
      { from: 0, to: 300 },
      1,
    );
    const r = pairedInterval(apart.difference.mae!)!;
    expect(r.high).toBeLessThan(0);
    expect(r.p_value).toBe(0);
  });
});
