import { describe, expect, it } from 'vitest';
import { columnDrift } from '@modelgate/core/drift/column-drift';
import { ColumnSummary } from '@modelgate/core/sketch/column-summary';

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** What a worker thread's postMessage does to a summary: a structured clone of its transfer form. */
const sent = (s: ColumnSummary) => ColumnSummary.fromTransfer(structuredClone(s.toTransfer()));

const shapes: [string, (u: () => number) => (s: ColumnSummary) => void, number][] = [
  ['few distinct numbers (counts deferred)', (u) => (s) => s.addNumber(Math.floor(u() * 40)), 150_000],
  ['full-precision floats past the exact limit (a compacted sketch)', (u) => (s) => s.addNumber(u() * 100), 250_000],
  ['floats within the exact limit', (u) => (s) => s.addNumber(u() * 100), 5_000],
  ['categories (distinct sketch behind the counts)', (u) => (s) => s.addText(`c${Math.floor(u() * 30)}`), 20_000],
  ['identifiers (counts overflowed)', (u) => (s) => s.addText(`id-${Math.floor(u() * 1e9)}`), 20_000],
];

describe('a column summary sent to another thread answers as the original', () => {
  for (const [name, feeder, rows] of shapes) {
    it(name, () => {
      const ref = new ColumnSummary();
      const cur = new ColumnSummary();
      const feedRef = feeder(lcg(1));
      const feedCur = feeder(lcg(2));
      for (let i = 0; i < rows; i++) feedRef(ref);
      for (let i = 0; i < rows; i++) feedCur(cur);
      const copy = sent(ref);
      for (const method of [undefined, 'psi', 'jensen_shannon'] as const) {
        const options = method ? { method } : {};
        expect(columnDrift('x', copy, cur, options)).toEqual(columnDrift('x', ref, cur, options));
      }
      expect(copy.distinctCount).toBe(ref.distinctCount);
      expect(copy.categories.counts).toEqual(ref.categories.counts);
      expect(copy.numericSample()).toEqual(ref.numericSample());
      // the copy goes on counting as the original does
      const more = feeder(lcg(3));
      for (let i = 0; i < 1000; i++) {
        more(copy);
      }
      const again = feeder(lcg(3));
      for (let i = 0; i < 1000; i++) again(ref);
      expect(copy.count).toBe(ref.count);
      expect(copy.distinctCount).toBe(ref.distinctCount);
      expect(copy.numericSample()).toEqual(ref.numericSample());
    });
  }
});
