import { describe, expect, it } from 'vitest';
import { orderDescending } from '@modelgate/core/metrics/order';
import { fillPoissonWeights, percentile, seededState } from '@modelgate/core/metrics/random';

describe('row order, random weights', () => {
  it('orders keys descending, negatives, zeros and infinities included, keeping ties in row order', () => {
    const key = Float64Array.from([0.5, -1, Infinity, 0, -Infinity, 0.5, 1e-300, -0, 2]);
    const order = Array.from(orderDescending(key));
    expect(order.map((i) => key[i])).toEqual([Infinity, 2, 0.5, 0.5, 1e-300, 0, -0, -1, -Infinity]);
    expect(order.slice(2, 4)).toEqual([0, 5]);
  });

  it('draws Poisson(1) weights: mean and variance near 1, same seed same weights', () => {
    const w = new Uint8Array(200_000);
    fillPoissonWeights(seededState(42), w);
    let s = 0,
      s2 = 0;
    for (const x of w) {
      s += x;
      s2 += x * x;
    }
    const mean = s / w.length;
    expect(Math.abs(mean - 1)).toBeLessThan(0.01);
    expect(Math.abs(s2 / w.length - mean * mean - 1)).toBeLessThan(0.02);
    const again = new Uint8Array(200_000);
    fillPoissonWeights(seededState(42), again);
    expect(Buffer.from(again).equals(Buffer.from(w))).toBe(true);
  });

  it('computes percentiles like np.percentile (linear) and ignores NaN', () => {
    expect(percentile(Float64Array.from([1, 2, 3, 4]), 25)).toBe(1.75);
    expect(percentile(Float64Array.from([NaN, 5, 1]), 50)).toBe(3);
  });
});
