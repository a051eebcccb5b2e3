import { describe, expect, it } from 'vitest';
import {
  fillPoissonWeights,
  percentile,
  resampleState,
  seededState,
  seededUniform,
} from '@modelgate/core/metrics/random';

// A seed in a user's workflow must give the same intervals in every release: these streams are pinned.
describe('seeded randomness', () => {
  it('seeds the same generator state from the same seed, release after release', () => {
    expect(Array.from(seededState(42))).toEqual([939911724, 3948730756, 321366731, 3317318717]);
    expect(Array.from(seededState(0))).toEqual([2462723854, 1020716019, 454327756, 1275600319]);
  });

  it('gives each resample its own pinned stream, whatever the seed bits', () => {
    expect(Array.from(resampleState(42, 0))).toEqual([4222602631, 3819053665, 4251133149, 4071138118]);
    expect(Array.from(resampleState(42, 1))).toEqual([1324244391, 2423147874, 147993427, 1892547922]);
    expect(Array.from(resampleState(0xffffffff, 3))).toEqual([4287000115, 2178436918, 2927941361, 1667577409]);
  });

  it('draws the pinned Poisson weights and leaves the state where the next resample continues', () => {
    const state = seededState(42);
    const w = new Uint8Array(24);
    fillPoissonWeights(state, w);
    expect(Array.from(w)).toEqual([1, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 1, 3, 3, 2, 2, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(Array.from(state)).toEqual([4061948362, 1448880937, 1600921822, 2120362263]);
  });

  it('draws each weight k with the Poisson(1) probability e^-1 / k!', () => {
    const n = 1_000_000;
    const w = new Uint8Array(n);
    fillPoissonWeights(seededState(1), w);
    const counts = new Array<number>(12).fill(0);
    for (const x of w) counts[x]!++;
    let factorial = 1;
    for (let k = 0; k <= 6; k++) {
      if (k > 0) factorial *= k;
      const expected = (n * Math.exp(-1)) / factorial;
      expect(Math.abs(counts[k]! - expected), `weight ${k}`).toBeLessThan(5 * Math.sqrt(expected) + 1);
    }
    expect(counts.slice(10)).toEqual([0, 0]); // capped at 9
  });

  it('draws pinned uniforms in [0, 1) from a seed (mulberry32)', () => {
    const u = seededUniform(7);
    expect([u(), u(), u()]).toEqual([0.011704753153026104, 0.06195825757458806, 0.97690763277933]);
    const v = seededUniform(123);
    for (let i = 0; i < 10_000; i++) {
      const x = v();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it('interpolates percentiles linearly at both ends and returns NaN when every resample was undefined', () => {
    const v = Float64Array.from([4, NaN, 1, 3, 2]);
    expect(percentile(v, 0)).toBe(1);
    expect(percentile(v, 100)).toBe(4);
    expect(percentile(v, 2.5)).toBeCloseTo(1.075, 12);
    expect(percentile(v, 97.5)).toBeCloseTo(3.925, 12);
    expect(percentile(Float64Array.from([NaN, NaN]), 50)).toBeNaN();
  });
});
