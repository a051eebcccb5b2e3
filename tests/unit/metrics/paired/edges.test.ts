import { describe, expect, it } from 'vitest';
import type { Resampler } from '@modelgate/core/metrics/bootstrap';
import { delong, delongFromSums, placements } from '@modelgate/core/metrics/paired/delong';
import { discordantPairs } from '@modelgate/core/metrics/paired/mcnemar';
import { pairedInterval, pairedSamples } from '@modelgate/core/metrics/paired/paired-bootstrap';
import { baselineWeightPositions, resampleOrder } from '@modelgate/core/metrics/paired/resample-order';

const aucs = { cases: 5, controls: 5, current: 0.8, baseline: 0.6 };

describe('DeLong: small hand-computed cases and where it is undefined', () => {
  it('is defined with exactly two rows of each class: AUCs 1 and 0.75 on 2 + 2 rows', () => {
    // cases score 4, 3; controls 2, 1 (current: perfect) and 2, 4.5 against 4, 3 (baseline: one pair wrong)
    const positive = Uint8Array.from([1, 1, 0, 0]);
    const r = delong(positive, Float64Array.from([4, 3, 2, 1]), Float64Array.from([4, 3, 2, 3.5]))!;
    expect(r.current).toBe(1);
    expect(r.baseline).toBe(0.75);
    expect(r.difference).toBe(0.25);
    expect(r.statistic).toBeGreaterThan(0);
  });

  it('sums the placements without rounding drift: each AUC is the exact share of ordered pairs, to the last bit', () => {
    // Cases where adding the placements one by one in floating point misses the exact share by an ulp or more.
    const cases: [number[], number[]][] = [
      [
        [0, 1, 0, 0, 0, 1, 0, 0, 0],
        [2, 1, 14, 7, 1, 13, 8, 11, 1],
      ],
      [
        [1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0],
        [7, 11, 14, 19, 0, 13, 12, 14, 2, 9, 4, 12, 4, 11],
      ],
      [
        [0, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0],
        [19, 15, 11, 11, 11, 13, 6, 17, 14, 16, 17, 17, 3, 11, 0],
      ],
    ];
    for (const [labels, scores] of cases) {
      // the share of (case, control) pairs the case wins, ties counting a half: one division of two integers
      let twice = 0;
      for (let i = 0; i < labels.length; i++)
        for (let j = 0; j < labels.length; j++)
          if (labels[i] && !labels[j]) twice += scores[i]! > scores[j]! ? 2 : scores[i] === scores[j] ? 1 : 0;
      const m = labels.filter(Boolean).length;
      const auc = twice / (2 * m * (labels.length - m));
      const positive = Uint8Array.from(labels),
        s = Float64Array.from(scores),
        flat = new Float64Array(labels.length);
      expect(delong(positive, s, flat)).toMatchObject({ current: auc, baseline: 0.5 });
      expect(delong(positive, flat, s)).toMatchObject({ current: 0.5, baseline: auc });
    }
  });

  it('sums the squared deviations without rounding drift: equal to delongFromSums of the exactly summed terms', () => {
    /** The float terms summed exactly (as integers in units of 2^-200), rounded once. */
    const exactSum = (xs: number[]) => Number(xs.reduce((a, x) => a + BigInt(x * 2 ** 200), 0n)) / 2 ** 200;
    // where adding the terms one by one misses that: over the controls, then over the cases
    const cases: [number[], number[], number[]][] = [
      [
        [1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 1],
        [4, 5, 3, 0, 7, 4, 1, 3, 4, 3, 1, 3, 3, 7, 8, 6, 4],
        [3, 9, 1, 1, 7, 5, 6, 0, 2, 6, 3, 7, 6, 8, 2, 5, 3],
      ],
      [
        [0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 0],
        [9, 8, 9, 0, 7, 6, 6, 7, 8, 6, 6, 6, 4, 4, 0],
        [2, 9, 8, 2, 2, 3, 6, 6, 1, 1, 9, 8, 2, 6, 9],
      ],
    ];
    for (const [labels, a, b] of cases) {
      const positive = Uint8Array.from(labels),
        current = Float64Array.from(a),
        baseline = Float64Array.from(b);
      const m = labels.filter(Boolean).length;
      const r = delong(positive, current, baseline)!;
      const v1 = placements(positive, current, m),
        v2 = placements(positive, baseline, m);
      const terms = labels.map((_, i) => (v1[i]! - r.current - (v2[i]! - r.baseline)) ** 2);
      const sums = [terms.filter((_, i) => labels[i]), terms.filter((_, i) => !labels[i])].map(exactSum);
      const aucs = { cases: m, controls: labels.length - m, current: r.current, baseline: r.baseline };
      expect(r).toEqual(delongFromSums(aucs, sums[0]!, sums[1]!));
    }
  });

  it('from sums: 2 rows of each class are enough, 1 is not (the covariances divide by m − 1 and n − 1)', () => {
    expect(delongFromSums({ ...aucs, cases: 2, controls: 2 }, 0.1, 0.1)).toBeDefined();
    expect(delongFromSums({ ...aucs, cases: 1 }, 0.5, 0.5)).toBeUndefined();
    expect(delongFromSums({ ...aucs, controls: 1 }, 0.5, 0.5)).toBeUndefined();
  });

  it('from sums: Z = d / sqrt(dx/m + dy/n), p two-sided, the 95% interval d ± 1.96·se', () => {
    // dx = 0.4 / 4 = 0.1, dy = 0.4 / 4 = 0.1: se = sqrt(0.02 + 0.02) = 0.2, Z = 0.2 / 0.2 = 1
    const r = delongFromSums(aucs, 0.4, 0.4)!;
    expect(r.difference).toBeCloseTo(0.2, 15);
    expect(r.statistic).toBeCloseTo(1, 14);
    expect(r.p_value).toBeCloseTo(0.3173105078629141, 12);
    expect(r.low).toBeCloseTo(0.2 - 1.959963984540054 * 0.2, 14);
    expect(r.high).toBeCloseTo(0.2 + 1.959963984540054 * 0.2, 14);
  });

  it('from sums: undefined when the AUCs differ with a standard error of 0 (an infinite Z), or a sum is NaN', () => {
    expect(delongFromSums(aucs, 0, 0)).toBeUndefined();
    expect(delongFromSums({ ...aucs, baseline: 0.8 }, NaN, 0)).toBeUndefined();
  });

  it('from sums: equal AUCs with a standard error of 0 are Z = 0, p = 1', () => {
    expect(delongFromSums({ ...aucs, baseline: 0.8 }, 0, 0)).toMatchObject({ statistic: 0, p_value: 1 });
  });
});

describe('resample order: the row order each resampler reads its weights in', () => {
  it('is row order (undefined) for a multiclass task, and for a binary task without scores', () => {
    const truth = Int32Array.from([0, 1, 2]),
      predicted = Int32Array.from([2, 1, 0]);
    expect(resampleOrder({ task: 'multiclass', data: { labels: ['a', 'b', 'c'], truth, predicted } })).toBeUndefined();
    expect(resampleOrder({ task: 'binary', data: { labels: ['a', 'b'], truth, predicted } as never })).toBeUndefined();
  });

  it('is descending absolute error for a regression', () => {
    const order = resampleOrder({
      task: 'regression',
      data: { truth: Float64Array.from([1, 1, 1]), predicted: Float64Array.from([1.5, 4, 0.9]) },
    });
    expect(Array.from(order!)).toEqual([1, 0, 2]);
  });

  it('maps each baseline position to the current position of the same row, whichever side is in row order', () => {
    const current = Uint32Array.from([2, 0, 1]); // position 0 holds row 2, ...
    const baseline = Uint32Array.from([1, 2, 0]);
    expect(baselineWeightPositions(undefined, undefined, 3)).toBeUndefined();
    // baseline in row order: row j is at the current position where current holds j
    expect(Array.from(baselineWeightPositions(current, undefined, 3)!)).toEqual([1, 2, 0]);
    // current in row order: baseline position j holds row baseline[j], at that position in the current's weights
    expect(Array.from(baselineWeightPositions(undefined, baseline, 3)!)).toEqual([1, 2, 0]);
    expect(Array.from(baselineWeightPositions(current, baseline, 3)!)).toEqual([2, 0, 1]);
  });
});

describe('paired bootstrap: the resampling loop and the interval', () => {
  const resampler = (rows: number, value: number, calls: { n: number }): Resampler => ({
    rows,
    values: () => {
      calls.n++;
      return { m: value };
    },
  });

  it('refuses resamplers over different rows', () => {
    const calls = { n: 0 };
    expect(() => pairedSamples(resampler(3, 1, calls), resampler(4, 1, calls), ['m'], { from: 0, to: 1 }, 1)).toThrow(
      'paired resamplers must hold the same rows',
    );
  });

  it('scores each model once per resample, and reports progress every 100 resamples', () => {
    const current = { n: 0 },
      baseline = { n: 0 },
      progress: number[] = [];
    const out = pairedSamples(
      resampler(3, 0.9, current),
      resampler(3, 0.7, baseline),
      ['m'],
      { from: 5, to: 255 },
      1,
      (done) => progress.push(done),
    );
    expect([current.n, baseline.n]).toEqual([250, 250]);
    expect(progress).toEqual([100, 200]);
    expect(out.current.m!.length).toBe(250);
    expect(out.difference.m!.every((d) => Math.abs(d - 0.2) < 1e-12)).toBe(true);
  });

  it('has no interval when a difference at either percentile is infinite', () => {
    expect(pairedInterval(Float64Array.from([1, 2, Infinity]))).toBeUndefined();
    expect(pairedInterval(Float64Array.from([-Infinity, 1, 2]))).toBeUndefined();
    expect(pairedInterval(Float64Array.from([NaN, NaN]))).toBeUndefined();
  });
});

describe('McNemar: the discordant pairs', () => {
  it('asks each row once, rows 0 to n − 1, and counts b (baseline right only) and c (current right only)', () => {
    const baseline = [true, true, false, false, true],
      current = [false, true, true, false, false];
    const asked: number[] = [];
    const right = (side: boolean[]) => (i: number) => {
      if (side === current) asked.push(i);
      if (i < 0 || i >= side.length) throw new Error(`row ${i} asked`);
      return side[i]!;
    };
    expect(discordantPairs(right(baseline), right(current), 5)).toEqual({ b: 2, c: 1 });
    expect(asked).toEqual([0, 1, 2, 3, 4]);
  });
});
