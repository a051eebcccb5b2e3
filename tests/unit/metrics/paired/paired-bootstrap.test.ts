import { describe, expect, it } from 'vitest';
import { bootstrapSamples } from '@modelgate/core/metrics/bootstrap';
import { orderDescending } from '@modelgate/core/metrics/order';
import { pairedInterval, pairedSamples } from '@modelgate/core/metrics/paired/paired-bootstrap';
import { baselineWeightPositions, resampleOrder } from '@modelgate/core/metrics/paired/resample-order';
import { fillPoissonWeights, resampleState } from '@modelgate/core/metrics/random';
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
const n = f.columns.label!.length;
const names = ['accuracy', 'brier_score', 'f1', 'average_precision', 'log_loss'];

describe('paired bootstrap', () => {
  it('gives the current model the plain bootstrap resamples, and each row the same weight for both models', () => {
    const current = side('current'),
      baseline = side('baseline');
    const cur = binaryResampler(current),
      base = binaryResampler(baseline);
    const at = baselineWeightPositions(
      resampleOrder({ task: 'binary', data: current }),
      resampleOrder({ task: 'binary', data: baseline }),
      n,
    );
    const paired = pairedSamples(cur, base, names, { from: 0, to: 50 }, 11, undefined, at);
    const plain = bootstrapSamples(cur, names, { from: 0, to: 50 }, 11);
    for (const name of names) expect(paired.current[name]).toEqual(plain[name]);
    // the reference: each row's weight (drawn in the current model's score order), the same for both models
    const order = orderDescending(current.score!);
    const w = new Uint8Array(n),
      rowWeight = new Float64Array(n);
    for (let b = 0; b < 50; b++) {
      fillPoissonWeights(resampleState(11, b), w);
      for (let i = 0; i < n; i++) rowWeight[order[i]!] = w[i]!;
      const weighted = (d: BinaryData) => {
        let total = 0,
          right = 0,
          sq = 0;
        for (let r = 0; r < n; r++) {
          total += rowWeight[r]!;
          right += rowWeight[r]! * +(d.truth[r] === d.predicted[r]);
          sq += rowWeight[r]! * (d.truth[r]! - d.score![r]!) ** 2;
        }
        return { accuracy: right / total, brier_score: sq / total };
      };
      const c = weighted(current),
        bl = weighted(baseline);
      expect(paired.difference.accuracy![b]).toBeCloseTo(c.accuracy - bl.accuracy, 12);
      expect(paired.difference.brier_score![b]).toBeCloseTo(c.brier_score - bl.brier_score, 12);
    }
  });

  it('pairs regression rows too (each model walks its rows by its own absolute error)', () => {
    const truth = Float64Array.from({ length: 300 }, (_, i) => Math.sin(i) * 10);
    const a = { truth, predicted: truth.map((y, i) => y + Math.cos(i * 7)) },
      b = { truth, predicted: truth.map((y, i) => y + 2 * Math.sin(i * 3)) };
    const at = baselineWeightPositions(
      resampleOrder({ task: 'regression', data: a }),
      resampleOrder({ task: 'regression', data: b }),
      300,
    );
    const paired = pairedSamples(
      regressionResampler(a),
      regressionResampler(b),
      ['mae'],
      { from: 0, to: 20 },
      3,
      undefined,
      at,
    );
    const absErr = (d: typeof a) => d.truth.map((y, i) => Math.abs(d.predicted[i]! - y));
    const order = orderDescending(absErr(a));
    const w = new Uint8Array(300),
      rowWeight = new Float64Array(300);
    for (let r = 0; r < 20; r++) {
      fillPoissonWeights(resampleState(3, r), w);
      for (let i = 0; i < 300; i++) rowWeight[order[i]!] = w[i]!;
      const mae = (d: typeof a) => {
        const e = absErr(d);
        let s = 0,
          t = 0;
        for (let i = 0; i < 300; i++) [s, t] = [s + rowWeight[i]! * e[i]!, t + rowWeight[i]!];
        return s / t;
      };
      expect(paired.difference.mae![r]).toBeCloseTo(mae(a) - mae(b), 12);
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
