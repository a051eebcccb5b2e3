import { describe, expect, it } from 'vitest';
import { normaliseRowsInPlace } from '@modelgate/core/metrics/probability';
import { binaryMetrics } from '@modelgate/core/metrics/binary';
import { bootstrapIntervals } from '@modelgate/core/metrics/bootstrap';
import { multiclassMetrics } from '@modelgate/core/metrics/multiclass';
import { regressionMetrics } from '@modelgate/core/metrics/regression';
import { binaryResampler } from '@modelgate/core/metrics/resample-binary';
import { multiclassResampler } from '@modelgate/core/metrics/resample-multiclass';
import { regressionResampler } from '@modelgate/core/metrics/resample-regression';
import { binaryFixture, labelsOf, loadFixture, numbers, close } from './fixtures.ts';

function binary() {
  return binaryFixture('binary_ties').data;
}

const allOnes = (n: number) => new Uint8Array(n).fill(1);

describe('bootstrap intervals', () => {
  it('weighted resample values with every weight 1 equal the point metrics (binary, with ties)', () => {
    const d = binary();
    const point = binaryMetrics(d, () => {});
    const v = binaryResampler(d).values(allOnes(d.truth.length));
    for (const [m, x] of Object.entries(point)) expect(Math.abs(v[m]! - x), m).toBeLessThan(1e-12);
  });

  it('weighted resample values with every weight 1 equal the point metrics (multiclass, regression)', () => {
    const mc = loadFixture('multiclass_strings').columns;
    const { labels, codes } = labelsOf(mc, ['bird', 'cat', 'dog']);
    const d = { labels, truth: codes[0]!, predicted: codes[1]!, proba: labels.map((c) => numbers(mc[`proba_${c}`]!)) };
    normaliseRowsInPlace(d.proba); // as read
    const point = multiclassMetrics(d, () => {});
    const v = multiclassResampler(d).values(allOnes(d.truth.length));
    for (const [m, x] of Object.entries(point)) expect(Math.abs(v[m]! - x), m).toBeLessThan(1e-12);

    const rc = loadFixture('regression').columns;
    const r = { truth: numbers(rc.label!), predicted: numbers(rc.prediction!) };
    const rp = regressionMetrics(r, () => {});
    const rv = regressionResampler(r).values(allOnes(r.truth.length));
    for (const [m, x] of Object.entries(rp))
      expect(close(rv[m], x) || Math.abs(rv[m]! - x) < 1e-9, `${m}: ${rv[m]} vs ${x}`).toBe(true);
  });

  it('gives the same intervals for the same seed and different ones for another seed', () => {
    const d = binary();
    const names = ['accuracy', 'roc_auc', 'log_loss'];
    const a = bootstrapIntervals(binaryResampler(d), names, 200, 7);
    const b = bootstrapIntervals(binaryResampler(d), names, 200, 7);
    const c = bootstrapIntervals(binaryResampler(d), names, 200, 8);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('brackets the point estimate with a 95% interval of plausible width', () => {
    const d = binary();
    const point = binaryMetrics(d, () => {});
    const iv = bootstrapIntervals(binaryResampler(d), Object.keys(point), 400, 1);
    for (const m of ['accuracy', 'roc_auc', 'f1', 'brier_score']) {
      expect(iv[m]!.level).toBe(0.95);
      expect(iv[m]!.low).toBeLessThan(point[m]!);
      expect(iv[m]!.high).toBeGreaterThan(point[m]!);
    }
    // accuracy on 300 rows: standard error about sqrt(p(1-p)/n) ~ 0.028, so the 95% width is about 0.11
    const width = iv.accuracy!.high - iv.accuracy!.low;
    expect(width).toBeGreaterThan(0.07);
    expect(width).toBeLessThan(0.16);
  });
});
