import { describe, expect, it } from 'vitest';
import { thresholdCounts } from '@modelgate/core/metrics/ranking';
import { groupedThresholdCounts, scoreGroups } from '@modelgate/core/metrics/score-groups';

function data(n: number, distinct: number) {
  let s = 7;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const score = Float64Array.from({ length: n }, () => Math.floor(rand() * distinct) / distinct);
  score[0] = -0;
  score[1] = 0;
  const positive = Uint8Array.from(score, (x) => (rand() < 0.2 + 0.6 * x ? 1 : 0));
  return { score, positive };
}

describe('score groups', () => {
  it('give the same threshold counts as sorting, for few distinct scores (hashed) and many (sorted)', () => {
    for (const [n, distinct] of [
      [5000, 50],
      [150_000, 1 << 30],
    ] as const) {
      const { score, positive } = data(n, distinct);
      const g = scoreGroups(score);
      expect(g.group instanceof Uint16Array).toBe(distinct < 65536);
      expect(groupedThresholdCounts(positive, g)).toEqual(thresholdCounts(positive, score));
    }
  });

  it('count only the given rows for a slice', () => {
    const { score, positive } = data(3000, 40);
    const rows = Uint32Array.from({ length: 1000 }, (_, i) => i * 3);
    const sub = thresholdCounts(
      Uint8Array.from(rows, (r) => positive[r]!),
      Float64Array.from(rows, (r) => score[r]!),
    );
    expect(groupedThresholdCounts(positive, scoreGroups(score), rows)).toEqual(sub);
  });
});
