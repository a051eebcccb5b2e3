// Slice and fairness changes, hand-computed one behaviour each: which slice metrics are compared at all, where a
// slice's worsening becomes a flagged regression (absolute and percentage allowances, their exact edges, a zero
// baseline), the order the report lists them in, and fairness gaps that exist on one side only.
import { describe, expect, it } from 'vitest';
import type { MetricsDocument } from '@modelgate/core/contracts/metrics';
import type { Thresholds } from '@modelgate/core/contracts/thresholds';
import { compareFairness, compareSlices } from '@modelgate/core/compare/slices';

type Slices = Record<string, Record<string, number>>;
const doc = (slices?: Slices, fairness?: Record<string, Record<string, number>>): MetricsDocument => ({
  version: 1,
  task: 'binary',
  rows: 100,
  metrics: { accuracy: 0.9 },
  ...(slices ? { slices: Object.fromEntries(Object.entries(slices).map(([k, v]) => [k, { rows: 50, ...v }])) } : {}),
  ...(fairness ? { fairness } : {}),
});
/** One slice `s`, one metric, compared under `thresholds`: the change found, if any. */
const one = (metric: string, before: number, after: number, thresholds: Thresholds = {}) => {
  const out = compareSlices(doc({ s: { [metric]: after } }), doc({ s: { [metric]: before } }), thresholds);
  expect(out.length).toBeLessThanOrEqual(1);
  return out[0];
};

describe('slices: what is compared', () => {
  it('nothing when either side has no slices (no baseline, or a document without slices)', () => {
    const sliced = doc({ s: { accuracy: 0.5 } });
    expect(compareSlices(sliced, undefined, {})).toEqual([]);
    expect(compareSlices(sliced, doc(), {})).toEqual([]);
    expect(compareSlices(doc(), doc({ s: { accuracy: 0.9 } }), {})).toEqual([]);
    expect(compareSlices(undefined, doc({ s: { accuracy: 0.9 } }), {})).toEqual([]);
  });

  it('skips a slice new in the current metrics, a metric new in a slice, and the row count', () => {
    const current = doc({ old: { accuracy: 0.9, recall: 0.1, rows: 10 }, fresh: { accuracy: 0.1 } });
    const baseline = doc({ old: { accuracy: 0.9, rows: 90 } });
    expect(compareSlices(current, baseline, {})).toEqual([]);
  });

  it('skips a slice metric that is not finite on either side', () => {
    expect(one('accuracy', 0.9, NaN)).toBeUndefined();
    expect(one('accuracy', Infinity, 0.5)).toBeUndefined();
    expect(one('log_loss', 0.3, Infinity)).toBeUndefined();
  });

  it('a slice worse by exactly the float tolerance (1e-12 of the larger side) is unchanged', () => {
    expect(one('log_loss', 0, 1e-12)).toBeUndefined();
    expect(one('log_loss', 0, 2e-12)).toMatchObject({ regression: true });
  });

  it('a better slice is not listed; a worse one is, with its change and percentage', () => {
    expect(one('accuracy', 0.5, 0.75)).toBeUndefined();
    expect(one('accuracy', 1, 0.75)).toEqual({
      slice: 's',
      metric: 'accuracy',
      direction: 'higher',
      baseline: 1,
      current: 0.75,
      change: -0.25,
      changePct: -25,
      regression: true,
    });
  });
});

describe('slices: when a worsening is a regression', () => {
  it('without a rule, any worsening is a regression', () => {
    expect(one('accuracy', 1, 0.75)?.regression).toBe(true);
  });

  it('max-regression: worse by exactly the allowance is not a regression, worse by more is', () => {
    expect(one('accuracy', 1, 0.75, { accuracy: { 'max-regression': 0.25 } })?.regression).toBe(false);
    expect(one('accuracy', 1, 0.75, { accuracy: { 'max-regression': 0.2 } })?.regression).toBe(true);
    // 0.499999999999 + the tolerance 1e-12 is exactly the worsening 0.5: still inside the allowance.
    expect(one('accuracy', 1, 0.5, { accuracy: { 'max-regression': 0.499999999999 } })?.regression).toBe(false);
  });

  it('max-regression-pct: 25% worse is inside 25% and 30%, beyond 24%', () => {
    const pct = (limit: number) => one('accuracy', 1, 0.75, { accuracy: { 'max-regression-pct': limit } });
    expect(pct(25)?.regression).toBe(false);
    expect(pct(30)?.regression).toBe(false);
    expect(pct(24)?.regression).toBe(true);
    // 24.999999999 + the allowance's 1e-9 is exactly 25: still inside.
    expect(pct(24.999999999)?.regression).toBe(false);
  });

  it('max-regression-pct is a share of |baseline|: 0.8 -> 0.76 is 5% worse', () => {
    expect(one('accuracy', 0.8, 0.76, { accuracy: { 'max-regression-pct': 4 } })?.regression).toBe(true);
    expect(one('accuracy', 0.8, 0.76, { accuracy: { 'max-regression-pct': 6 } })?.regression).toBe(false);
  });

  it('a zero baseline allows no worsening under max-regression-pct (its change in percent is null)', () => {
    expect(one('log_loss', 0, 0.01, { log_loss: { 'max-regression-pct': 50 } })).toMatchObject({
      changePct: null,
      regression: true,
    });
  });

  it('either rule broken is a regression; with only max-regression, a worsening inside it is not', () => {
    const both = { accuracy: { 'max-regression': 0.3, 'max-regression-pct': 10 } };
    expect(one('accuracy', 1, 0.75, both)?.regression).toBe(true);
    const absolute = { accuracy: { 'max-regression': 0.3 } };
    expect(one('accuracy', 1, 0.75, absolute)?.regression).toBe(false);
  });

  it('the `*` rule applies to slice metrics without their own', () => {
    expect(one('accuracy', 1, 0.75, { '*': { 'max-regression': 0.3 } })?.regression).toBe(false);
  });
});

describe('slices: the order the report lists them', () => {
  it('regressions first, then the largest change in percent, a zero baseline (no percentage) first', () => {
    const thresholds = { accuracy: { 'max-regression': 0.01 } };
    const current = doc({
      middle: { accuracy: 0.992 },
      small: { accuracy: 0.995 },
      zero: { accuracy: -0.005 },
      big: { accuracy: 0.8 },
    });
    const baseline = doc({
      small: { accuracy: 1 },
      zero: { accuracy: 0 },
      big: { accuracy: 1 },
      middle: { accuracy: 1 },
    });
    const listed = compareSlices(current, baseline, thresholds);
    expect(listed.map((s) => [s.slice, s.regression])).toEqual([
      ['big', true],
      ['zero', false],
      ['middle', false],
      ['small', false],
    ]);
  });
});

describe('fairness gaps', () => {
  it('nothing when either side has no fairness section', () => {
    const fair = doc(undefined, { sex: { accuracy_gap: 0.1 } });
    expect(compareFairness(fair, undefined)).toEqual([]);
    expect(compareFairness(fair, doc())).toEqual([]);
    expect(compareFairness(doc(), fair)).toEqual([]);
    expect(compareFairness(undefined, fair)).toEqual([]);
  });

  it('an unchanged gap, or one moved by the float tolerance, is not listed', () => {
    const same = compareFairness(
      doc(undefined, { sex: { a: 0.1, b: 1e-12 } }),
      doc(undefined, { sex: { a: 0.1, b: 0 } }),
    );
    expect(same).toEqual([]);
  });

  it('a gap on one side only is listed with no change; a moved gap with its change; largest growth first', () => {
    const listed = compareFairness(
      doc(undefined, { sex: { grew: 0.3, shrank: 0.1, added: 0.2, slight: 0.125 } }),
      doc(undefined, { sex: { grew: 0.2, shrank: 0.15, dropped: 0.05, slight: 0.0625 } }),
    );
    expect(listed).toEqual([
      { attribute: 'sex', gap: 'added', baseline: null, current: 0.2, change: null },
      { attribute: 'sex', gap: 'dropped', baseline: 0.05, current: null, change: null },
      { attribute: 'sex', gap: 'grew', baseline: 0.2, current: 0.3, change: 0.3 - 0.2 },
      { attribute: 'sex', gap: 'slight', baseline: 0.0625, current: 0.125, change: 0.0625 },
      { attribute: 'sex', gap: 'shrank', baseline: 0.15, current: 0.1, change: 0.1 - 0.15 },
    ]);
  });

  it('an attribute on one side only lists its gaps with no change', () => {
    expect(compareFairness(doc(undefined, { age: { g: 0.1 } }), doc(undefined, { sex: { g: 0.2 } }))).toEqual([
      { attribute: 'age', gap: 'g', baseline: null, current: 0.1, change: null },
      { attribute: 'sex', gap: 'g', baseline: 0.2, current: null, change: null },
    ]);
  });
});
