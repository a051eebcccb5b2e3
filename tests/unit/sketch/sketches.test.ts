import { describe, expect, it } from 'vitest';
import { DistinctSketch } from '@modelgate/core/sketch/distinct';
import { ksTwoSample } from '@modelgate/core/drift/ks';
import { EXACT_LIMIT, QuantileSketch } from '@modelgate/core/sketch/quantile-sketch';
import { exactSample, type WeightedSample } from '@modelgate/core/sketch/samples';
import { wasserstein } from '@modelgate/core/drift/statistics';
import { numericSample } from '../drift/fixture-data.ts';

function rankOf(s: WeightedSample, x: number): number {
  let r = 0;
  for (let i = 0; i < s.values.length && s.values[i]! <= x; i++) r += s.weights ? s.weights[i]! : 1;
  return r;
}

const values = numericSample({ seed: 42, n: 250_000, scale: 100, shift: 0, digits: 2 });

describe('quantile sketch', () => {
  it('keeps every value up to EXACT_LIMIT, so statistics are exact', () => {
    const q = new QuantileSketch();
    for (const v of values.slice(0, 5000)) q.add(v);
    expect(q.isExact).toBe(true);
    expect(q.sample()).toEqual(exactSample(values.slice(0, 5000)));
  });

  it('above EXACT_LIMIT every rank is within the tracked rank error, and the error is under 0.1% of n', () => {
    const q = new QuantileSketch();
    for (const v of values) q.add(v);
    expect(values.length).toBeGreaterThan(EXACT_LIMIT);
    expect(q.isExact).toBe(false);
    const s = q.sample();
    const exact = exactSample(values);
    expect(q.rankError).toBeLessThan(0.001 * values.length);
    for (const p of [0, 50, 120, 150, 151.37, 200, 260, 300]) {
      expect(Math.abs(rankOf(s, p) - rankOf(exact, p))).toBeLessThanOrEqual(q.rankError);
    }
  });

  it('a merged sketch stands for the union and its KS / Wasserstein stay within the stated bounds', () => {
    const a = new QuantileSketch();
    const b = new QuantileSketch();
    values.forEach((v, i) => (i % 2 ? a : b).add(v));
    a.merge(b);
    expect(a.count).toBe(values.length);
    const other = numericSample({ seed: 43, n: 2000, scale: 100, shift: 5 });
    const exact = ksTwoSample(exactSample(values), exactSample(other));
    const approx = ksTwoSample(a.sample(), exactSample(other));
    expect(Math.abs(approx.statistic - exact.statistic)).toBeLessThanOrEqual(approx.statisticError);
    const we = wasserstein(exactSample(values), exactSample(other));
    const wa = wasserstein(a.sample(), exactSample(other));
    expect(Math.abs(wa.distance - we.distance)).toBeLessThanOrEqual(wa.error);
  });

  it('serialises to at most 1000 points and the reduction error is added to the bound', () => {
    const q = new QuantileSketch();
    for (const v of values) q.add(v);
    const json = q.toJSON();
    expect(json.points.length).toBe(1000);
    expect(json.rank_error).toBeCloseTo(q.rankError + values.length / 2000, 6);
    const back = QuantileSketch.fromJSON(json).sample();
    const exact = exactSample(values);
    for (const p of [100, 140, 150, 160, 200])
      expect(Math.abs(rankOf(back, p) - rankOf(exact, p))).toBeLessThanOrEqual(json.rank_error);
  });

  it('a small exact sample survives serialisation value for value', () => {
    const q = new QuantileSketch();
    for (const v of values.slice(0, 700)) q.add(v);
    const back = QuantileSketch.fromJSON(JSON.parse(JSON.stringify(q.toJSON())));
    expect(back.isExact).toBe(true);
    expect(back.sample()).toEqual(exactSample(values.slice(0, 700)));
  });
});

describe('distinct-value sketch', () => {
  it('counts exactly up to 10,000 values, then within 5% by HyperLogLog', () => {
    const d = new DistinctSketch();
    for (let i = 0; i < 9000; i++) d.add(`user-${i % 5000}`);
    expect(d.estimate()).toBe(5000);
    for (let i = 0; i < 200_000; i++) d.add(`user-${i}`);
    expect(d.isExact).toBe(false);
    expect(Math.abs(d.estimate() - 200_000) / 200_000).toBeLessThan(0.05);
  });

  it('merging two sketches estimates the union, and survives JSON', () => {
    const a = new DistinctSketch();
    const b = new DistinctSketch();
    for (let i = 0; i < 60_000; i++) a.add(`k${i}`);
    for (let i = 30_000; i < 90_000; i++) b.add(`k${i}`);
    a.merge(b);
    const back = DistinctSketch.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    expect(Math.abs(back.estimate() - 90_000) / 90_000).toBeLessThan(0.05);
    expect(JSON.stringify(a.toJSON()).length).toBeLessThan(6000);
  });
});
