import { describe, expect, it } from 'vitest';
import { unifyLabels } from '@modelgate/core/metrics/labels';

describe('unifyLabels', () => {
  it('re-encodes onto the sorted union and leaves the input codes alone by default', () => {
    const a = { dictionary: ['b', 'a'], codes: Int32Array.from([0, 1, -1, 0]) };
    const b = { dictionary: ['c', 'a'], codes: Int32Array.from([1, 0, 0, 1]) };
    const { labels, codes } = unifyLabels([a, b]);
    expect(labels).toEqual(['a', 'b', 'c']);
    expect([...codes[0]!]).toEqual([1, 0, -1, 1]);
    expect([...codes[1]!]).toEqual([0, 2, 2, 0]);
    expect([...a.codes]).toEqual([0, 1, -1, 0]);
  });

  it('in place, returns the same arrays re-encoded (untouched when the order already matches)', () => {
    const a = { dictionary: ['b', 'a'], codes: Int32Array.from([0, 1, -1, 0]) };
    const b = { dictionary: ['a', 'b'], codes: Int32Array.from([1, 0, 0, 1]) };
    const { codes } = unifyLabels([a, b], [], true);
    expect(codes[0]).toBe(a.codes);
    expect(codes[1]).toBe(b.codes);
    expect([...a.codes]).toEqual([1, 0, -1, 1]);
    expect([...b.codes]).toEqual([1, 0, 0, 1]);
  });
});
