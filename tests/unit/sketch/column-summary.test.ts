import { describe, expect, it } from 'vitest';
import { ColumnSummary } from '@modelgate/core/sketch/column-summary';
import { columnDrift } from '@modelgate/core/drift/column-drift';
import { ksTwoSample } from '@modelgate/core/drift/ks';
import { exactSample } from '@modelgate/core/sketch/samples';
import { wasserstein } from '@modelgate/core/drift/statistics';

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296;
}

/** 200,000 values with few distinct ones (above the quantile sketch's exact limit). */
function ages(seed: number, shift: number): number[] {
  const u = lcg(seed);
  return Array.from({ length: 200_000 }, () => 18 + Math.floor(u() * 60) + shift);
}

describe('column summary of a numeric column with few distinct values', () => {
  it('counts categories by String(x) in first-appearance order, -0 and 0 as one', () => {
    const s = new ColumnSummary();
    for (const x of [3, 1.5, -0, 3, 0, 1e21, 1.5]) s.addNumber(x);
    expect([...s.categories.counts!]).toEqual([
      ['3', 2],
      ['1.5', 2],
      ['0', 2],
      ['1e+21', 1],
    ]);
    expect(s.distinctCount).toBe(4);
    expect(s.distinct.toJSON()).toEqual({ exact: ['3', '1.5', '0', '1e+21'] });
  });

  it('gives exact KS and Wasserstein above 100,000 values (equal to the raw values), with no error bound', () => {
    const a = ages(1, 0);
    const b = ages(2, 1);
    const ref = new ColumnSummary();
    const cur = new ColumnSummary();
    for (const x of a) ref.addNumber(x);
    for (const x of b) cur.addNumber(x);
    const ks = ksTwoSample(ref.numericSample()!, cur.numericSample()!);
    expect(ks.statistic).toBe(ksTwoSample(exactSample(a), exactSample(b)).statistic);
    expect(ks.statisticError).toBe(0);
    expect(wasserstein(ref.numericSample()!, cur.numericSample()!).distance).toBeCloseTo(
      wasserstein(exactSample(a), exactSample(b)).distance,
      12,
    );
    const d = columnDrift('age', ref, cur, { method: 'wasserstein' });
    expect('error_bound' in d).toBe(false);
  });

  it('a text value after numbers keeps every count, numbers first, in order', () => {
    const s = new ColumnSummary();
    for (const x of [2, 1, 2]) s.addNumber(x);
    s.addText('n/a');
    s.addNumber(1);
    expect(s.numeric).toBe(false);
    expect([...s.categories.counts!]).toEqual([
      ['2', 2],
      ['1', 2],
      ['n/a', 1],
    ]);
    expect(s.distinctCount).toBe(3);
    expect(s.numericSample()).toBeNull();
  });

  it('past 10,000 distinct values the counts are dropped and the sketches hold every value', () => {
    const s = new ColumnSummary();
    for (let i = 0; i < 12_000; i++) s.addNumber(i % 11_000);
    expect(s.categories.counts).toBeNull();
    expect(s.quantiles!.count).toBe(12_000);
    expect(s.numericSample()!.values.length).toBe(12_000);
    expect(Math.abs(s.distinctCount - 11_000)).toBeLessThan(11_000 * 0.05);
  });
});

describe('column summary of a text column: the distinct sketch catches up from the category counts', () => {
  it('counts distinct values exactly while the counts hold them, merged or not', () => {
    const a = new ColumnSummary();
    const b = new ColumnSummary();
    for (let i = 0; i < 5000; i++) a.addText(`k${i % 300}`);
    for (let i = 0; i < 5000; i++) b.addText(`k${(i % 100) + 250}`);
    expect(a.distinctCount).toBe(300);
    a.merge(b);
    expect(a.distinctCount).toBe(350);
    expect(a.distinct.isExact).toBe(true);
  });

  it('keeps every value when the counts overflow (text, and numbers after text)', () => {
    const s = new ColumnSummary();
    for (let i = 0; i < 30_000; i++) s.addText(`user${i}@example.com`);
    expect(s.categories.counts).toBeNull();
    expect(Math.abs(s.distinctCount - 30_000) / 30_000).toBeLessThan(0.05);
    const mixed = new ColumnSummary();
    for (let i = 0; i < 9_000; i++) mixed.addText(`t${i}`);
    for (let i = 0; i < 9_000; i++) mixed.addNumber(i + 0.5);
    expect(mixed.categories.counts).toBeNull();
    expect(Math.abs(mixed.distinctCount - 18_000) / 18_000).toBeLessThan(0.05);
  });
});
