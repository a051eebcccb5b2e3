import { describe, expect, it } from 'vitest';
import { binaryMetrics, positiveMask } from '@modelgate/core/metrics/binary';
import { fairnessGaps } from '@modelgate/core/metrics/fairness';
import { binarySubset, sliceGroups } from '@modelgate/core/metrics/slices';
import { binaryFixture, close, encode } from './fixtures.ts';

function tiesFixture() {
  const { columns, expected, data: d } = binaryFixture('binary_ties');
  const region = encode(columns.region!);
  const groups = sliceGroups({ name: 'region', values: region.dictionary as string[], codes: region.codes });
  return { d, groups, expected };
}

describe('slices and fairness', () => {
  it('computes every metric per slice value equal to scikit-learn on that subset', () => {
    const { d, groups, expected } = tiesFixture();
    expect(groups.map((g) => g.key)).toEqual(Object.keys(expected.slices!));
    for (const g of groups) {
      const want = expected.slices![g.key]!;
      const got = binaryMetrics(binarySubset(d, g.rows), () => {});
      expect(g.rows.length).toBe(want.rows);
      for (const [m, v] of Object.entries(want)) if (m !== 'rows') expect(close(got[m], v), `${g.key} ${m}`).toBe(true);
    }
  });

  it('gives the same bits reading a slice in place (rows) as on the gathered subset', () => {
    const { d, groups } = tiesFixture();
    const positive = positiveMask(d);
    for (const g of groups) {
      expect(binaryMetrics(d, () => {}, { positive, rows: g.rows })).toEqual(
        binaryMetrics(binarySubset(d, g.rows), () => {}),
      );
    }
  });

  it('reports accuracy, selection-rate and true-positive-rate gaps as max minus min across values', () => {
    const { d, groups, expected } = tiesFixture();
    const gaps = fairnessGaps(d, groups, 'region', () => {});
    for (const [m, v] of Object.entries(expected.fairness!.region!))
      expect(close(gaps[m as keyof typeof gaps], v), m).toBe(true);
  });

  it('leaves a group without positive rows out of the true-positive-rate gap and says so', () => {
    const d = {
      labels: ['0', '1'],
      positive: 1,
      truth: Int32Array.from([1, 1, 0, 0]),
      predicted: Int32Array.from([1, 0, 0, 1]),
    };
    const groups = sliceGroups({ name: 'g', values: ['a', 'b'], codes: Int32Array.from([0, 0, 1, 1]) });
    const warnings: string[] = [];
    const gaps = fairnessGaps(d, groups, 'g', (w) => warnings.push(w));
    expect(gaps.true_positive_rate_gap).toBe(0);
    expect(gaps.selection_rate_gap).toBe(0);
    expect(gaps.accuracy_gap).toBe(0);
    expect(warnings[0]).toContain('no positive rows for b');
  });

  it('groups missing slice values under null and orders numeric values numerically', () => {
    const groups = sliceGroups({ name: 'n', values: ['10', '2'], codes: Int32Array.from([0, 1, -1, 1]) });
    expect(groups.map((g) => [g.key, g.rows.length])).toEqual([
      ['n=2', 2],
      ['n=10', 1],
      ['n=null', 1],
    ]);
  });
});
