import { describe, expect, it } from 'vitest';
import { ErrorHistogram, medianAbsoluteError } from '@modelgate/core/metrics/median-error';

/** np.median(np.abs(p - t)) by sorting a copy of every error. */
function sortedMedian(t: Float64Array, p: Float64Array): number {
  const s = Float64Array.from(t, (ti, i) => Math.abs(p[i]! - ti)).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

function median(t: Float64Array, p: Float64Array): number {
  const histogram = new ErrorHistogram();
  const block = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) block[i] = Math.abs(p[i]! - t[i]!);
  histogram.add(new Uint32Array(block.buffer), t.length);
  return medianAbsoluteError(t, p, histogram);
}

describe('median absolute error by radix selection', () => {
  it('equals the sorted median: odd and even counts, spread, tied, equal and zero errors, middle values in two buckets', () => {
    let seed = 7;
    const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
    const cases: [Float64Array, Float64Array][] = [
      [Float64Array.of(1), Float64Array.of(3)],
      [Float64Array.of(1, 2), Float64Array.of(3, 2)],
      [Float64Array.of(0, 0, 0), Float64Array.of(0, 0, 0)],
      // 1 and 2 differ in exponent: the two middle values lie in buckets far apart
      [Float64Array.of(0, 0, 0, 0), Float64Array.of(1, -1, 2, 2)],
    ];
    for (const n of [5, 100, 1001, 20_000, 20_001]) {
      const t = Float64Array.from({ length: n }, () => 250 + 80 * (rand() - 0.5));
      cases.push([t, Float64Array.from(t, (x) => x + 25 * (rand() - 0.5))]);
      cases.push([t, Float64Array.from(t, (x) => x + Math.floor(rand() * 4))]);
      cases.push([t, Float64Array.from(t, (x) => x + 1e-300 * rand())]);
      cases.push([t, Float64Array.from(t)]);
    }
    for (const [t, p] of cases) expect(median(t, p)).toBe(sortedMedian(t, p));
  });

  it('is NaN without rows, as np.median of nothing', () => {
    expect(median(new Float64Array(0), new Float64Array(0))).toBeNaN();
  });
});
