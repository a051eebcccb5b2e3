import { describe, expect, it } from 'vitest';
import { canonicalLabel, isNumericLabel, sortLabels, unifyLabels } from '@modelgate/core/metrics/labels';
import { fairnessGaps } from '@modelgate/core/metrics/fairness';
import { sliceGroups } from '@modelgate/core/metrics/slices';

describe('labels as pandas reads them and np.unique sorts them', () => {
  it('makes 1, 1.0, 01 and " 1 " the number 1, booleans lower case, other text untouched', () => {
    expect(['1', '1.0', '01', ' 1 ', '+1', '1e0', '.5', '-2.'].map(canonicalLabel)).toEqual([
      '1',
      '1',
      '1',
      '1',
      '1',
      '1',
      '0.5',
      '-2',
    ]);
    expect([canonicalLabel(2.5), canonicalLabel(true), canonicalLabel(false)]).toEqual(['2.5', 'true', 'false']);
    expect(['True', ' FALSE ', 'yes', ' cat', '1x', 'e5', '1.2.3'].map(canonicalLabel)).toEqual([
      'true',
      'false',
      'yes',
      ' cat',
      '1x',
      'e5',
      '1.2.3',
    ]);
  });

  it('reads multi-digit decimals, fractions without a leading 0 and multi-digit exponents as numbers', () => {
    expect(['10.50', '.25', '1e10', '-.125'].map(canonicalLabel)).toEqual(['10.5', '0.25', '10000000000', '-0.125']);
    expect([canonicalLabel(NaN), canonicalLabel(-Infinity)]).toEqual(['NaN', '-Infinity']);
  });

  it('tells numbers from text as a whole label, not a prefix or suffix', () => {
    expect(['3', '-0.5', '1e-3', ' 7 '].every(isNumericLabel)).toBe(true);
    expect(['3a', 'a3', '', '.', '1e', 'true'].some(isNumericLabel)).toBe(false);
  });

  it('sorts numbers numerically, anything else by code point, without duplicates', () => {
    expect(sortLabels(['10', '9', '-1', '9'])).toEqual(['-1', '9', '10']);
    expect(sortLabels(['10', '9', 'b', 'B', 'b'])).toEqual(['10', '9', 'B', 'b']);
    expect(sortLabels(['d', 'c', 'b', 'a', 'B', 'A', 'a', 'e'])).toEqual(['A', 'B', 'a', 'b', 'c', 'd', 'e']);
    expect(sortLabels(['a', 'c', 'b', 'e', 'd'])).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('adds the extra classes (probability columns) to the labels, canonical, and drops unused dictionary values', () => {
    const a = { dictionary: ['2.0', '1', '7'], codes: Int32Array.from([0, 1, -1, 1]) };
    const { labels, codes } = unifyLabels([a], ['03']);
    expect(labels).toEqual(['1', '2', '3']);
    expect([...codes[0]!]).toEqual([1, 0, -1, 0]);
  });
});

describe('unifyLabels in place', () => {
  it('re-encodes a column whose order only partly matches', () => {
    const a = { dictionary: ['a', 'c', 'b'], codes: Int32Array.from([0, 1, 2, 1]) };
    const { labels, codes } = unifyLabels([a], [], true);
    expect(labels).toEqual(['a', 'b', 'c']);
    expect(codes[0]).toBe(a.codes);
    expect([...a.codes]).toEqual([0, 2, 1, 2]);
  });
});

describe('fairness gaps by hand', () => {
  it('takes max minus min of accuracy, selection rate and true positive rate across groups', () => {
    // group a: rows 0-2, truth 1 1 0, predicted 1 0 1 -> accuracy 1/3, selection 2/3, TPR 1/2
    // group b: rows 3-4, truth 1 0, predicted 1 0 -> accuracy 1, selection 1/2, TPR 1
    const d = {
      labels: ['0', '1'],
      positive: 1,
      truth: Int32Array.from([1, 1, 0, 1, 0]),
      predicted: Int32Array.from([1, 0, 1, 1, 0]),
    };
    const groups = sliceGroups({ name: 'g', values: ['a', 'b'], codes: Int32Array.from([0, 0, 0, 1, 1]) });
    const warnings: string[] = [];
    const gaps = fairnessGaps(d, groups, 'g', (w) => warnings.push(w));
    expect(gaps.accuracy_gap).toBeCloseTo(2 / 3, 15);
    expect(gaps.selection_rate_gap).toBeCloseTo(1 / 6, 15);
    expect(gaps.true_positive_rate_gap).toBe(0.5);
    expect(warnings).toEqual([]);
  });

  it('has no true positive rate gap when no group has a positive row, and zero gaps without groups', () => {
    const d = { labels: ['0', '1'], positive: 1, truth: Int32Array.from([0, 0]), predicted: Int32Array.from([1, 0]) };
    const groups = sliceGroups({ name: 'g', values: ['a', 'b'], codes: Int32Array.from([0, 1]) });
    const warnings: string[] = [];
    const gaps = fairnessGaps(d, groups, 'g', (w) => warnings.push(w));
    expect(gaps).toEqual({ accuracy_gap: 1, selection_rate_gap: 1 });
    expect(warnings).toEqual(['fairness g: no positive rows for a, b, left out of true_positive_rate_gap']);
    expect(fairnessGaps(d, [], 'g', () => {})).toEqual({ accuracy_gap: 0, selection_rate_gap: 0 });
  });
});
