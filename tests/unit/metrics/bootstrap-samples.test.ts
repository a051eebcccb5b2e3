import { describe, expect, it } from 'vitest';
import { bootstrapIntervals, bootstrapSamples, intervalsOf, type Resampler } from '@modelgate/core/metrics/bootstrap';
import { fillPoissonWeights, resampleState } from '@modelgate/core/metrics/random';

/** A resampler whose "metric" is the resample size, and that knows no metric named `undefined_here`. */
const sizeOf: Resampler = {
  rows: 50,
  values(w) {
    let s = 0;
    for (const x of w) s += x;
    return { size: s };
  },
};

describe('bootstrap samples and intervals', () => {
  it('draws resample r from resampleState(seed, r), so any split of the resamples gives the same values', () => {
    const whole = bootstrapSamples(sizeOf, ['size'], { from: 0, to: 300 }, 5);
    const a = bootstrapSamples(sizeOf, ['size'], { from: 0, to: 120 }, 5);
    const b = bootstrapSamples(sizeOf, ['size'], { from: 120, to: 300 }, 5);
    expect(Array.from(whole.size!)).toEqual([...a.size!, ...b.size!]);
    const w = new Uint8Array(50);
    fillPoissonWeights(resampleState(5, 137), w);
    expect(whole.size![137]).toBe(w.reduce((s, x) => s + x, 0));
    expect(b.size![17]).toBe(whole.size![137]);
  });

  it('records NaN for a metric the resample does not define and reports progress every 100 resamples', () => {
    const done: number[] = [];
    const s = bootstrapSamples(sizeOf, ['size', 'undefined_here'], { from: 10, to: 260 }, 1, (n) => done.push(n));
    expect(done).toEqual([100, 200]);
    expect(s.size!.length).toBe(250);
    expect(Array.from(s.undefined_here!).every(Number.isNaN)).toBe(true);
    const upTo199: number[] = [];
    bootstrapSamples(sizeOf, ['size'], { from: 0, to: 199 }, 1, (n) => upTo199.push(n));
    expect(upTo199).toEqual([100]);
  });

  it('takes the 2.5th and 97.5th percentiles, skipping NaN resamples and metrics with no defined resample', () => {
    const values = Float64Array.from({ length: 102 }, (_, i) => (i === 101 ? NaN : i));
    expect(intervalsOf({ m: values, never: Float64Array.from([NaN, NaN]) })).toEqual({
      m: { low: 2.5, high: 97.5, level: 0.95 },
    });
    expect(intervalsOf({ inf: Float64Array.from([Infinity, Infinity]) })).toEqual({});
    const halfInfinite = Float64Array.from({ length: 100 }, (_, i) => (i < 50 ? 1 : Infinity));
    expect(intervalsOf({ high: halfInfinite })).toEqual({});
  });

  it('brackets the resample size (Poisson(1) weights: mean 50, sd about 7) in a 95% interval', () => {
    const iv = bootstrapIntervals(sizeOf, ['size', 'undefined_here'], 400, 3);
    expect(Object.keys(iv)).toEqual(['size']);
    expect(iv.size!.low).toBeGreaterThan(50 - 2 * 1.96 * Math.sqrt(50));
    expect(iv.size!.low).toBeLessThan(50 - 0.5 * 1.96 * Math.sqrt(50));
    expect(iv.size!.high).toBeGreaterThan(50 + 0.5 * 1.96 * Math.sqrt(50));
    expect(iv.size!.high).toBeLessThan(50 + 2 * 1.96 * Math.sqrt(50));
  });
});
