import { describe, expect, it } from 'vitest';
import { UniqueSet } from '@modelgate/core/validate/unique-set';
import { hashString, hashString2, hashStringPair, pairSecond } from '@modelgate/core/sketch/hash';

/** A seeded mix of values; returns how UniqueSet and a Set of the same values answer "seen before?". */
function answers(values: number[]): { ours: boolean[]; expected: boolean[] } {
  const u = new UniqueSet();
  const s = new Set<number>();
  const ours: boolean[] = [];
  const expected: boolean[] = [];
  for (const v of values) {
    ours.push(u.seenNumber(v));
    const k = v === 0 ? 0 : v;
    expected.push(s.has(k));
    s.add(k);
  }
  return { ours, expected };
}

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296;
}

describe('unique set of integers (bitmap pages while dense)', () => {
  it('finds every repeat among consecutive ids, negatives, -0 and integers near 2^53', () => {
    const values: number[] = [];
    for (let i = 0; i < 200_000; i++) values.push(20_000_000 + i);
    values.push(20_000_000, 20_199_999, 20_200_000, -1, -65_536, -65_537, -1, 0, -0, 2 ** 53, 2 ** 53 - 1, -(2 ** 53));
    values.push(2 ** 53, 1.5, 1.5, 2 ** 60, 2 ** 60, -65_537);
    const { ours, expected } = answers(values);
    expect(ours).toEqual(expected);
    expect(ours.filter(Boolean).length).toBe(8);
  });

  it('gives the same answers before and after sparse integers move to the hash table', () => {
    const u = lcg(7);
    const values: number[] = [];
    // dense at first, then ids 10^7 apart (a page each: the pages are given up), then repeats of both kinds
    for (let i = 0; i < 5_000; i++) values.push(i);
    for (let i = 0; i < 3_000; i++) values.push(1e9 + i * 1e7);
    for (let i = 0; i < 20_000; i++)
      values.push(u() < 0.5 ? Math.floor(u() * 6_000) : 1e9 + Math.floor(u() * 3_500) * 1e7);
    const { ours, expected } = answers(values);
    expect(ours).toEqual(expected);
    expect(ours.filter(Boolean).length).toBeGreaterThan(10_000);
  });

  it('counts distinct values across pages and hash table', () => {
    const u = new UniqueSet();
    for (const v of [1, 2, 2, 0.5, 0.5, 1e15, 3, -0, 0]) u.seenNumber(v);
    expect(u.size).toBe(6);
  });
});

describe('hashStringPair', () => {
  it('equals hashString and hashString2 of the same text', () => {
    for (const s of ['', 'a', 'user12@example.com', 'ünïcödé', '\u{1F600}x', 'x'.repeat(1000)]) {
      expect(hashStringPair(s)).toBe(hashString(s));
      expect(pairSecond).toBe(hashString2(s));
    }
  });
});
