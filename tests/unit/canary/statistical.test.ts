import { describe, expect, it } from 'vitest';
import { parseAnalysis, type Check } from '@modelgate/core/canary/analysis';
import { judgeMannWhitney, judgeProportion } from '@modelgate/core/canary/statistical';
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
