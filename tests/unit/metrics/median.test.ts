import { describe, expect, it } from 'vitest';
import { medianInPlace } from '@modelgate/core/metrics/regression';

/** np.median by sorting a copy. */
function sortedMedian(values: Float64Array): number {
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

describe('median by selection', () => {
  it('equals the sorted median for odd and even counts, ties, sorted and reversed input', () => {
    let seed = 11;
    const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
    const cases: Float64Array[] = [Float64Array.of(3), Float64Array.of(2, 1), Float64Array.of(5, 5, 5, 5)];
    for (const n of [7, 100, 1001, 50_000]) {
      cases.push(Float64Array.from({ length: n }, () => rand() * 1e3));
      cases.push(Float64Array.from({ length: n }, () => Math.floor(rand() * 4)));
      cases.push(Float64Array.from({ length: n }, (_, i) => i / 3));
      cases.push(Float64Array.from({ length: n }, (_, i) => n - i));
    }
    for (const values of cases) expect(medianInPlace(Float64Array.from(values))).toBe(sortedMedian(values));
  });
});
