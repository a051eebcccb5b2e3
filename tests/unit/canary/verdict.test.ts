import { describe, expect, it } from 'vitest';
import type { Check } from '@modelgate/core/canary/analysis';
import { judge, regressionPct } from '@modelgate/core/canary/verdict';

const check = (rules: Partial<Check>): Check => ({
  name: 'error-rate',
  query: 'q',
  'on-no-data': 'fail',
  'failure-limit': 0,
  direction: 'lower',
  ...rules,
});

describe('judge', () => {
  it('fails when the canary passes max or falls under min', () => {
    expect(judge(check({ max: 0.05 }), 0.09, 0.01)).toMatchObject({
      verdict: 'fail',
      reason: 'canary 0.09 > max 0.05',
    });
    expect(judge(check({ min: 0.8, direction: 'higher' }), 0.7, 0.9)).toMatchObject({
      verdict: 'fail',
      reason: 'canary 0.7 < min 0.8',
    });
    expect(judge(check({ max: 0.05 }), 0.05, 0.01)).toMatchObject({ verdict: 'pass', passed: true });
  });

  it('fails when the canary is worse than stable by more than max-regression-pct, in the check direction', () => {
    expect(judge(check({ 'max-regression-pct': 10 }), 0.012, 0.01)).toMatchObject({ verdict: 'fail' });
    expect(judge(check({ 'max-regression-pct': 10 }), 0.0105, 0.01)).toMatchObject({ verdict: 'pass' });
    expect(judge(check({ 'max-regression-pct': 10, direction: 'higher' }), 0.85, 1)).toMatchObject({ verdict: 'fail' });
    expect(judge(check({ 'max-regression-pct': 10, direction: 'higher' }), 1.5, 1)).toMatchObject({ verdict: 'pass' });
  });

  it('allows no worsening against a zero stable value', () => {
    expect(regressionPct(0.001, 0, 'lower')).toBe(Infinity);
    expect(judge(check({ 'max-regression-pct': 50 }), 0.001, 0)).toMatchObject({
      verdict: 'fail',
      reason: expect.stringContaining('stable is 0'),
    });
    expect(judge(check({ 'max-regression-pct': 50 }), 0, 0)).toMatchObject({ verdict: 'pass' });
  });

  it('treats missing canary data by on-no-data', () => {
    expect(judge(check({ max: 1 }), undefined, 0.5)).toMatchObject({ verdict: 'no-data', passed: false });
    expect(judge(check({ max: 1, 'on-no-data': 'pass' }), undefined, 0.5)).toMatchObject({
      verdict: 'no-data',
      passed: true,
    });
  });

  it('needs stable data only for max-regression-pct', () => {
    expect(judge(check({ max: 1 }), 0.5, undefined)).toMatchObject({ verdict: 'pass' });
    expect(judge(check({ 'max-regression-pct': 5 }), 0.5, undefined)).toMatchObject({
      verdict: 'no-data',
      reason: expect.stringContaining('stable'),
    });
  });
});
