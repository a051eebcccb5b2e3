import { describe, expect, it } from 'vitest';
import { parseAnalysis, type Check } from '@modelgate/core/canary/analysis';
import { judgeMannWhitney, judgeProportion, showP } from '@modelgate/core/canary/statistical';
import { parseDocumentText } from '@modelgate/core/inputs/document';

const doc = (text: string) => parseDocumentText(text, { input: 'analysis' });
const check = (rules: Partial<Check>): Check => ({
  name: 'p95-latency',
  compare: 'mann-whitney',
  query: 'q',
  'on-no-data': 'fail',
  'failure-limit': 0,
  direction: 'lower',
  ...rules,
});
const range = (n: number, from: number, by = 1) => Array.from({ length: n }, (_, i) => from + i * by);

describe('judgeMannWhitney', () => {
  it('fails a significantly slower canary, reporting sizes, medians, U and p', () => {
    const m = judgeMannWhitney(check({}), range(15, 10), range(15, 0));
    expect(m).toMatchObject({ verdict: 'fail', passed: false, canary: 17, stable: 7 });
    expect(m.stats).toMatchObject({ test: 'mann-whitney', canaryN: 15, stableN: 15, centre: 'median', alpha: 0.05 });
    expect(m.stats!.statistic).toBe(212.5);
    expect(m.stats!.pValue).toBeLessThan(0.05);
    expect(m.reason).toMatch(/^p = .* < 0\.05 and the canary median 17, stable 7 is worse \(lower is better\)$/);
  });

  it('passes a significantly faster canary: the difference is not for the worse', () => {
    const m = judgeMannWhitney(check({}), range(15, 0), range(15, 10));
    expect(m).toMatchObject({ verdict: 'pass', passed: true });
    expect(m.reason).toMatch(/is not worse/);
  });

  it('judges higher-is-better checks the other way', () => {
    expect(judgeMannWhitney(check({ direction: 'higher' }), range(15, 0), range(15, 10)).verdict).toBe('fail');
  });

  it('passes a zero-error canary against a zero-error stable (every value tied: p = 1)', () => {
    const m = judgeMannWhitney(check({ name: 'errors' }), range(20, 0, 0), range(20, 0, 0));
    expect(m).toMatchObject({ verdict: 'pass', stats: { pValue: 1 } });
  });

  it('does not fail a worse median without significance at a stricter alpha', () => {
    const m = judgeMannWhitney(check({ alpha: 1e-6 }), range(15, 10), range(15, 0));
    expect(m).toMatchObject({ verdict: 'pass', stats: { alpha: 1e-6 } });
    expect(m.reason).toMatch(/≥ 0\.000001: no significant difference/);
  });

  it('is no data with fewer samples than min-samples, by on-no-data', () => {
    expect(judgeMannWhitney(check({}), range(9, 0), range(20, 0))).toMatchObject({
      verdict: 'no-data',
      passed: false,
      reason: '9 canary and 20 stable sample(s), fewer than min-samples 10 (on-no-data: fail)',
      stats: { statistic: null, pValue: null },
    });
    expect(judgeMannWhitney(check({ 'min-samples': 5, 'on-no-data': 'pass' }), range(4, 0), [])).toMatchObject({
      verdict: 'no-data',
      passed: true,
      stable: null,
    });
  });
});

describe('judgeMannWhitney: boundaries and what it records', () => {
  const ten = (from: number) => range(10, from);
  /** Ten samples 10..19 against 0..9: SciPy's two-sided p = 0.000182671791... */
  const pTen = 0.00018267179110955024;

  it('records the samples and both windows it judged, so the verdict can be checked by hand', () => {
    const window = { start: 100, end: 190, stepSeconds: 10 };
    const stableWindow = { start: 0, end: 90, stepSeconds: 10 };
    const m = judgeMannWhitney(check({}), ten(10), ten(0), window, stableWindow);
    expect(m.stats).toMatchObject({ window, stableWindow, samples: { canary: ten(10), stable: ten(0) } });
    expect(judgeMannWhitney(check({}), ten(10), ten(0)).stats).not.toHaveProperty('window');
  });

  it('judges exactly min-samples samples on each track (no data only below it)', () => {
    const m = judgeMannWhitney(check({}), ten(10), ten(0));
    expect(m).toMatchObject({ verdict: 'fail', canary: 14.5, stable: 4.5 });
    expect(m.reason).toBe('p = 0.000183 < 0.05 and the canary median 14.5, stable 4.5 is worse (lower is better)');
  });

  it('is no data when only the stable track is short of min-samples', () => {
    expect(judgeMannWhitney(check({}), ten(10), range(9, 0))).toMatchObject({
      verdict: 'no-data',
      reason: '10 canary and 9 stable sample(s), fewer than min-samples 10 (on-no-data: fail)',
    });
  });

  it('passes a p-value equal to alpha: only p below alpha is significant', () => {
    const worse = judgeMannWhitney(check({ alpha: pTen }), ten(10), ten(0));
    expect(worse).toMatchObject({ verdict: 'pass', passed: true, stats: { pValue: pTen } });
    expect(worse.reason).toBe('p = 0.000183 ≥ 0.0001827: no significant difference (canary median 14.5, stable 4.5)');
    const better = judgeMannWhitney(check({ alpha: pTen }), ten(0), ten(10));
    expect(better.reason).toBe('p = 0.000183 ≥ 0.0001827: no significant difference (canary median 4.5, stable 14.5)');
  });

  it('passes equal medians however significant the difference, in either direction (a tie is not worse)', () => {
    // Same median 5, but the canary's other values all rank above stable's: p = 0.0101.
    const canary = [...range(10, 4.9, 0), 5, ...range(10, 100, 0)];
    const stable = [...range(10, 0, 0), 5, ...range(10, 5.1, 0)];
    for (const direction of ['lower', 'higher'] as const) {
      const m = judgeMannWhitney(check({ direction }), canary, stable);
      expect(m).toMatchObject({ verdict: 'pass', passed: true, canary: 5, stable: 5 });
      expect(m.reason).toBe('p = 0.0101 < 0.05, but the canary median 5, stable 5 is not worse');
    }
  });
});

describe('showP', () => {
  it('writes p-values from 1e-4 up with 3 significant digits, and smaller ones in exponent form', () => {
    expect(showP(1e-4)).toBe('0.0001');
    expect(showP(0.00012345)).toBe('0.000123');
    expect(showP(0.5)).toBe('0.5');
    expect(showP(9.99e-5)).toBe('9.99e-5');
    expect(showP(1.234e-7)).toBe('1.23e-7');
  });
});

describe('judgeProportion', () => {
  const conv = (rules: Partial<Check> = {}) =>
    check({ name: 'conversion', compare: 'proportion', query: undefined, direction: 'higher', ...rules });

  it('fails a canary that converts significantly less', () => {
    const m = judgeProportion(conv(), { successes: 180, total: 1000 }, { successes: 240, total: 1000 });
    expect(m).toMatchObject({ verdict: 'fail', canary: 0.18, stable: 0.24, stats: { centre: 'rate', canaryN: 1000 } });
    expect(m.stats!.statistic).toBeCloseTo(-3.29392, 5);
    expect(m.reason).toMatch(/success rate is lower: canary rate 0\.18, stable 0\.24, one-sided p = 0\.000494 < 0\.05/);
  });

  it('passes a higher rate and a lower rate that is not significant', () => {
    expect(judgeProportion(conv(), { successes: 260, total: 1000 }, { successes: 240, total: 1000 }).verdict).toBe(
      'pass',
    );
    expect(judgeProportion(conv(), { successes: 95, total: 1000 }, { successes: 100, total: 1000 }).verdict).toBe(
      'pass',
    );
  });

  it('passes a zero-conversion canary against a zero-conversion stable', () => {
    expect(judgeProportion(conv(), { successes: 0, total: 300 }, { successes: 0, total: 400 })).toMatchObject({
      verdict: 'pass',
      stats: { statistic: 0, pValue: 0.5 },
    });
  });

  it('is no data with too few trials or no counts, and an error when successes exceed the total', () => {
    expect(judgeProportion(conv(), { successes: 1, total: 5 }, { successes: 4, total: 50 })).toMatchObject({
      verdict: 'no-data',
      reason: 'the canary track has 5 trial(s), fewer than min-samples 10 (on-no-data: fail)',
    });
    expect(judgeProportion(conv(), { successes: 1, total: 50 }, { successes: undefined, total: 50 })).toMatchObject({
      verdict: 'no-data',
      reason: 'no counts for the stable track (on-no-data: fail)',
    });
    expect(judgeProportion(conv(), { successes: 60, total: 50 }, { successes: 4, total: 50 })).toMatchObject({
      verdict: 'error',
      reason: expect.stringContaining('success-query must count a subset of total-query'),
    });
  });
});

describe('judgeProportion: boundaries and what it prints', () => {
  const conv = (rules: Partial<Check> = {}) =>
    check({ name: 'conversion', compare: 'proportion', query: undefined, direction: 'higher', ...rules });
  /** 3/10 against 6/10: statsmodels' one-sided p = 0.0887649262... */
  const pLow = 0.08876492620607646;

  it('records the test, both track sizes and the rates', () => {
    const m = judgeProportion(conv(), { successes: 180, total: 1000 }, { successes: 240, total: 2000 });
    expect(m.stats).toMatchObject({ test: 'proportion', canaryN: 1000, stableN: 2000, statistic: expect.any(Number) });
    expect(m).toMatchObject({ canary: 0.18, stable: 0.12, verdict: 'pass' });
  });

  it('fails with passed false and says which rate is lower, with the exact p', () => {
    const m = judgeProportion(conv(), { successes: 180, total: 1000 }, { successes: 240, total: 1000 });
    expect(m).toMatchObject({ verdict: 'fail', passed: false });
    expect(m.reason).toBe(
      "the canary's success rate is lower: canary rate 0.18, stable 0.24, one-sided p = 0.000494 < 0.05",
    );
  });

  it('passes a lower rate whose p-value is not below alpha, saying p ≥ alpha', () => {
    const m = judgeProportion(conv(), { successes: 3, total: 10 }, { successes: 6, total: 10 });
    expect(m).toMatchObject({ verdict: 'pass', passed: true });
    expect(m.reason).toBe('canary rate 0.3, stable 0.6, one-sided p = 0.0888 ≥ 0.05');
  });

  it('passes a p-value equal to alpha: only p below alpha is significant', () => {
    const m = judgeProportion(conv({ alpha: pLow }), { successes: 3, total: 10 }, { successes: 6, total: 10 });
    expect(m).toMatchObject({ verdict: 'pass', passed: true, stats: { pValue: pLow } });
    expect(m.reason).toBe('canary rate 0.3, stable 0.6, one-sided p = 0.0888 ≥ 0.08876');
  });

  it('with alpha above 0.5, passes an equal or higher rate whose p is below alpha, printing no "≥ alpha"', () => {
    const equal = judgeProportion(conv({ alpha: 0.9 }), { successes: 50, total: 100 }, { successes: 50, total: 100 });
    expect(equal).toMatchObject({ verdict: 'pass', passed: true, stats: { pValue: 0.5 } });
    expect(equal.reason).toBe('canary rate 0.5, stable 0.5, one-sided p = 0.5');
    const higher = judgeProportion(conv({ alpha: 0.9 }), { successes: 26, total: 100 }, { successes: 24, total: 100 });
    expect(higher).toMatchObject({ verdict: 'pass', passed: true });
    expect(higher.stats!.pValue).toBeLessThan(0.9);
  });

  it('judges exactly min-samples trials, and a canary that converts every trial', () => {
    const m = judgeProportion(conv(), { successes: 10, total: 10 }, { successes: 9, total: 10 });
    expect(m).toMatchObject({ verdict: 'pass', passed: true, canary: 1, stable: 0.9 });
    expect(m.reason).toBe('canary rate 1, stable 0.9, one-sided p = 0.848 ≥ 0.05');
  });

  it('is no data, with no rate, when a track lacks successes or total or has no trials', () => {
    expect(judgeProportion(conv(), { successes: 5, total: undefined }, { successes: 4, total: 50 })).toMatchObject({
      verdict: 'no-data',
      canary: null,
      stable: 0.08,
      stats: { canaryN: 0, stableN: 50 },
      reason: 'no counts for the canary track (on-no-data: fail)',
    });
    expect(judgeProportion(conv(), { successes: 1, total: 50 }, { successes: undefined, total: 50 })).toMatchObject({
      stable: null,
    });
    expect(
      judgeProportion(conv({ 'on-no-data': 'pass' }), { successes: 0, total: 0 }, { successes: 4, total: 50 }),
    ).toMatchObject({
      verdict: 'no-data',
      passed: true,
      canary: null,
      reason: 'the canary track has 0 trial(s), fewer than min-samples 10 (on-no-data: pass)',
    });
  });

  it('is an error, never passed, for negative successes or an infinite total', () => {
    expect(judgeProportion(conv(), { successes: -1, total: 50 }, { successes: 4, total: 50 })).toMatchObject({
      verdict: 'error',
      passed: false,
      reason: 'the canary track counts -1 successes out of 50: success-query must count a subset of total-query',
    });
    expect(judgeProportion(conv(), { successes: 1, total: 50 }, { successes: 4, total: Infinity })).toMatchObject({
      verdict: 'error',
      passed: false,
      reason: expect.stringContaining('the stable track counts 4 successes out of Infinity'),
    });
  });
});

describe('parseAnalysis: statistical checks', () => {
  it('reads mann-whitney and proportion checks with their options', () => {
    const checks = parseAnalysis(
      doc(`
- name: p95-latency
  compare: mann-whitney
  query: histogram_quantile(0.95, sum by (le) (rate(latency_bucket{track="{{track}}"}[30s])))
  resolution: 5s
  alpha: 0.01
  min-samples: 20
- name: conversion
  compare: proportion
  success-query: sum(increase(purchases_total{track="{{track}}"}[10m]))
  total-query: sum(increase(visits_total{track="{{track}}"}[10m]))
  dry-run: true
`),
    );
    expect(checks[0]).toMatchObject({ compare: 'mann-whitney', resolution: '5s', alpha: 0.01, 'min-samples': 20 });
    expect(checks[1]).toMatchObject({ compare: 'proportion', 'dry-run': true, direction: 'higher' });
  });

  it('names the field a statistical check gets wrong', () => {
    const fails = (text: string, message: RegExp) => expect(() => parseAnalysis(doc(text))).toThrow(message);
    fails(
      '- name: a\n  compare: mann-whitney\n  query: up\n  max: 1\n',
      /check 'a': max: a mann-whitney check is judged by its p-value/,
    );
    fails(
      '- name: a\n  compare: proportion\n  success-query: up\n',
      /check 'a': total-query: is required for compare: proportion/,
    );
    fails(
      '- name: a\n  compare: proportion\n  query: up\n  success-query: up\n  total-query: up\n',
      /query: compare: proportion reads/,
    );
    fails('- name: a\n  query: up\n  max: 1\n  alpha: 0.1\n', /alpha: belongs to a statistical check/);
    fails(
      '- name: a\n  compare: mann-whitney\n  query: up\n  resolution: often\n',
      /resolution: expected a duration such as 10s/,
    );
    fails('- name: a\n  compare: mann-whitney\n  query: up\n  alpha: 1.5\n', /check 'a': alpha/);
    fails('- name: a\n  compare: t-test\n  query: up\n', /check 'a': compare/);
    fails(
      '- name: a\n  compare: proportion\n  success-query: up{x="{{pod}}"}\n  total-query: up\n',
      /unknown placeholder \{\{pod\}\}; the success-query may use/,
    );
  });
});
