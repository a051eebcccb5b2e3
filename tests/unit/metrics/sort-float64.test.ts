import { describe, expect, it } from 'vitest';
import { sortFloat64 } from '@modelgate/core/metrics/order';

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('sortFloat64 (radix sort of float64 bits), at the sizes the quantile sketch sorts', () => {
  const u = lcg(3);
  const shapes: [string, () => number][] = [
    ['full-precision floats of both signs', () => (u() - 0.5) * Math.exp(u() * 40 - 20)],
    ['few distinct integers', () => Math.floor(u() * 7) - 3],
    [
      'zeros of both signs, infinities and subnormals',
      () => [0, -0, Infinity, -Infinity, 5e-324, -5e-324, 1][Math.floor(u() * 7)]!,
    ],
    ['values sharing their high bytes', () => 1 + u() * 1e-9],
  ];
  for (const [name, next] of shapes) {
    for (const n of [0, 1, 63, 64, 1000, 8192]) {
      it(`orders ${n} ${name} as Float64Array.prototype.sort does`, () => {
        const values = Float64Array.from({ length: n }, next);
        const expected = values.slice().sort();
        sortFloat64(values);
        expect(Array.from(values, (v) => (Object.is(v, -0) ? '-0' : v))).toEqual(
          Array.from(expected, (v) => (Object.is(v, -0) ? '-0' : v)),
        );
      });
    }
  }

  // 16 bits a pass from 65,536 values: every shape skips a different number of passes (none, odd, even, all)
  for (const [name, next] of [...shapes, ['one value repeated', () => 0.25] as [string, () => number]]) {
    for (const n of [65_536, 70_001]) {
      it(`orders ${n} ${name} as Float64Array.prototype.sort does, 16 bits a pass`, () => {
        const values = Float64Array.from({ length: n }, next);
        const expected = values.slice().sort();
        sortFloat64(values);
        expect(values.every((v, i) => Object.is(v, expected[i]))).toBe(true);
      });
    }
  }

  it('sorts only the values of a subarray', () => {
    const values = Float64Array.from({ length: 200 }, (_, i) => 200 - i);
    sortFloat64(values.subarray(0, 100));
    expect(Array.from(values.subarray(0, 100))).toEqual(Array.from({ length: 100 }, (_, i) => 101 + i));
    expect(Array.from(values.subarray(100))).toEqual(Array.from({ length: 100 }, (_, i) => 100 - i));
  });
});
