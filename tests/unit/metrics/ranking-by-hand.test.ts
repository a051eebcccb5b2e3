// Hand-computed ROC/PR cases of a few rows, next to the scikit-learn oracle fixtures: large random fixtures agree
// on AUC but cannot tell which merge step went wrong, nor pin the curve points a report draws.
import { describe, expect, it } from 'vitest';
import { averagePrecision, prCurve, rankScores, rocAuc, rocCurve } from '@modelgate/core/metrics/ranking';

/** Ranked scores for rows given as positives' and negatives' scores (positives first). */
function counts(pos: number[], neg: number[]) {
  const positive = Uint8Array.from([...pos.map(() => 1), ...neg.map(() => 0)]);
  return rankScores(positive, Float64Array.from([...pos, ...neg]));
}

describe('ROC AUC on a few rows (roc_auc_score by hand)', () => {
  it('is 0 when every negative outranks every positive: pos [0.1, 0.2], neg [0.5]', () => {
    const c = counts([0.1, 0.2], [0.5]);
    expect(rocAuc(c)).toBe(0);
  });

  it('is 1 when every positive outranks every negative: pos [0.9, 0.8], neg [0.1]', () => {
    const c = counts([0.9, 0.8], [0.1]);
    expect(rocAuc(c)).toBe(1);
  });

  it('is 3/4 for interleaved scores pos [0.8, 0.4], neg [0.6, 0.2] (3 of 4 pairs ranked right)', () => {
    const c = counts([0.4, 0.8], [0.2, 0.6]);
    expect(rocAuc(c)).toBe(0.75);
  });

  it('counts a tied positive/negative pair as half: pos [0.5, 0.9], neg [0.5]', () => {
    const c = counts([0.5, 0.9], [0.5]);
    expect(rocAuc(c)).toBe(0.75);
    expect(rocAuc(counts([0.5], [0.5]))).toBe(0.5);
  });

  it('merges tied scores within one class into one threshold: pos [0.7, 0.7], neg [0.3, 0.3, 0.8]', () => {
    const c = counts([0.7, 0.7], [0.3, 0.3, 0.8]);
    // pairs: each positive beats the two 0.3 negatives and loses to 0.8: 4 of 6
    expect(rocAuc(c)).toBeCloseTo(4 / 6, 15);
  });

  it('is undefined with one class only (scikit-learn raises), and for no rows', () => {
    expect(rocAuc(counts([0.2, 0.4], []))).toBeUndefined();
    expect(rocAuc(counts([], [0.2, 0.4]))).toBeUndefined();
    expect(rocAuc(counts([], []))).toBeUndefined();
  });
});

describe('ROC and PR curve points (roc_curve / precision_recall_curve by hand)', () => {
  it('ROC points from (0, 0) for pos [0.8, 0.4], neg [0.6, 0.2], equal to roc_curve', () => {
    expect(rocCurve(counts([0.4, 0.8], [0.2, 0.6]))).toEqual([
      [0, 0],
      [0, 0.5],
      [0.5, 0.5],
      [0.5, 1],
      [1, 1],
    ]);
  });

  it('drops a collinear intermediate point, as drop_intermediate does', () => {
    // rows (1, 0.9) (0, 0.8) (0, 0.7) (1, 0.1): (0.5, 0.5) lies on the flat run from (0, 0.5) to (1, 0.5)
    expect(rocCurve(counts([0.9, 0.1], [0.8, 0.7]))).toEqual([
      [0, 0],
      [0, 0.5],
      [1, 0.5],
      [1, 1],
    ]);
    // a slanted run away from the origin: (0.25, 0) (0.5, 0.5) (0.75, 1) is one line (ties of a positive and a
    // negative at 0.8 and 0.7), as roc_curve gives [0, 0.25, 0.75, 1] x [0, 0, 1, 1]
    expect(rocCurve(counts([0.8, 0.7], [0.95, 0.8, 0.7, 0.1]))).toEqual([
      [0, 0],
      [0.25, 0],
      [0.75, 1],
      [1, 1],
    ]);
    // a straight diagonal keeps only its ends
    expect(rocCurve(counts([0.5], [0.5]))).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('PR points [recall, precision] from (0, 1), and average precision 5/6', () => {
    const c = counts([0.4, 0.8], [0.2, 0.6]);
    expect(prCurve(c)).toEqual([
      [0, 1],
      [0.5, 1],
      [0.5, 0.5],
      [1, 2 / 3],
      [1, 0.5],
    ]);
    // average_precision_score: 0.5 * 1 + 0.5 * 2/3
    expect(averagePrecision(c)).toEqual({ value: 0.5 + 0.5 * (2 / 3), noPositives: false });
  });

  it('average precision of a perfect ranking is 1, of the reversed one the positives share at the end', () => {
    expect(averagePrecision(counts([0.9, 0.8], [0.1])).value).toBe(1);
    // pos [0.1, 0.2], neg [0.5]: recall 1/2 at precision 1/2, recall 1 at precision 2/3 (scikit-learn: 0.58333)
    expect(averagePrecision(counts([0.1, 0.2], [0.5])).value).toBeCloseTo(0.5 * 0.5 + 0.5 * (2 / 3), 15);
  });

  it('with no positive row, recall is 1 everywhere and average precision is 0 (scikit-learn warns)', () => {
    const c = counts([], [0.3, 0.6]);
    const ap = averagePrecision(c);
    expect(ap.noPositives).toBe(true);
    // -0 from the step sum, written as 0 in JSON
    expect(ap.value === 0).toBe(true);
    expect(prCurve(c)).toEqual([
      [0, 1],
      [1, 0],
      [1, 0],
    ]);
    expect(rocCurve(c)).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });

  it('with no negative row, false positive rates stay 0 and precision is 1', () => {
    const c = counts([0.3, 0.6], []);
    expect(rocCurve(c)).toEqual([
      [0, 0],
      [0, 1],
    ]);
    expect(prCurve(c)).toEqual([
      [0, 1],
      [0.5, 1],
      [1, 1],
    ]);
    expect(averagePrecision(c)).toEqual({ value: 1, noPositives: false });
  });

  it('with no row at all, the ROC curve is the origin alone', () => {
    expect(rocCurve(counts([], []))).toEqual([[0, 0]]);
  });
});

describe('ranking edge cases the random fixtures do not reach', () => {
  it('a large class beside a tiny one: 70,000 positives against 3 negatives, AUC as the share of pairs ranked right', () => {
    // from 65,536 values a class is sorted 16 bits a pass through a scratch array, which must fit the larger class
    const pos = Array.from({ length: 70_000 }, (_, i) => ((i * 37) % 70_000) / 70_000);
    const neg = [0.05, 0.5, 0.99];
    let right = 0;
    for (const p of pos) for (const q of neg) right += p > q ? 1 : p === q ? 0.5 : 0;
    expect(rocAuc(counts(pos, neg))).toBe(right / (pos.length * neg.length));
    const fewPositives = counts(neg, pos);
    expect(rocAuc(fewPositives)).toBe(1 - right / (pos.length * neg.length));
  });

  it('average precision of no rows at all is 0, with no positives', () => {
    const ap = averagePrecision(counts([], []));
    expect(ap.noPositives).toBe(true);
    expect(ap.value === 0).toBe(true);
  });

  it('a curve of exactly `max` points is kept whole', () => {
    // pos [0.9, 0.5], neg [0.7]: (0, 0) (0, 0.5) (1, 0.5) (1, 1), uneven steps that thinning would not all pick
    expect(rocCurve(counts([0.9, 0.5], [0.7]), 4)).toEqual([
      [0, 0],
      [0, 0.5],
      [1, 0.5],
      [1, 1],
    ]);
  });

  it('a longer curve is thinned at equal arc-length steps, a point exactly on a step kept', () => {
    // (0, 0) (0, 0.5) (0.5, 0.5) (0.5, 1) (1, 1): four steps of 0.5; with 3 points the middle one is at length 1
    const c = counts([0.9, 0.5], [0.7, 0.3]);
    expect(rocCurve(c, 3)).toEqual([
      [0, 0],
      [0.5, 0.5],
      [1, 1],
    ]);
    // with 4: steps at 2/3 and 4/3 of the length 2, reached at lengths 1 and 1.5
    expect(rocCurve(c, 4)).toEqual([
      [0, 0],
      [0.5, 0.5],
      [0.5, 1],
      [1, 1],
    ]);
  });
});
