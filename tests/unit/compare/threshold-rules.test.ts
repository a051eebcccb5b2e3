// Small, hand-computed cases of the threshold rules (docs/formats.md "Thresholds"), one behaviour each: the ones
// a mutation run found no test would notice (a `max` that always fails, a worsening inside its allowance, the
// "worse, within the rules" status, touching and missing intervals under require-significance).
import { describe, expect, it } from 'vitest';
import type { Interval } from '@modelgate/core/contracts/metrics';
import type { MetricsSnapshot } from '@modelgate/core/contracts/metrics-file';
import type { Thresholds } from '@modelgate/core/contracts/thresholds';
import { compareSnapshots } from '@modelgate/core/compare/compare';
import { compareMetric } from '@modelgate/core/compare/metric';
import { statusText } from '@modelgate/core/compare/format';

const snap = (metrics: Record<string, number>, intervals?: Record<string, Interval>): MetricsSnapshot => ({
  file: 'metrics.json',
  metrics,
  ...(intervals ? { document: { version: 1, task: 'binary', rows: 200, metrics, intervals } } : {}),
});
const compare = (current: Record<string, number>, baseline: Record<string, number> | undefined, t: Thresholds) =>
  compareSnapshots(snap(current), baseline ? snap(baseline) : undefined, t);
const only = (c: ReturnType<typeof compare>) => {
  expect(c.metrics).toHaveLength(1);
  return c.metrics[0]!;
};
const ci = (low: number, high: number): Interval => ({ low, high, level: 0.95 });

describe('threshold rules: max', () => {
  it('passes a value below max, and records the passing check', () => {
    const c = compare({ log_loss: 0.4 }, undefined, { log_loss: { max: 0.5 } });
    expect(c.passed).toBe(true);
    expect(c.regressions).toEqual([]);
    expect(only(c)).toMatchObject({ status: 'new', checks: [{ rule: 'max 0.5', passed: true }] });
  });

  it('passes a value exactly on max (and within float noise of it), fails one a hair above', () => {
    expect(compare({ latency: 120 }, undefined, { latency: { max: 120 } }).passed).toBe(true);
    // 1e-12 relative is float noise: 0.1 + 0.2 is 0.30000000000000004.
    expect(compare({ brier: 0.1 + 0.2 }, undefined, { brier: { max: 0.3 } }).passed).toBe(true);
    const above = compare({ brier: 0.3001 }, undefined, { brier: { max: 0.3 } });
    expect(only(above).checks).toEqual([{ rule: 'max 0.3', passed: false, reason: '0.3001 is above the maximum 0.3' }]);
  });

  it('shows a value that breaks a bound with the digits that tell it from the bound', () => {
    const above = compare({ brier: 0.3000001 }, undefined, { brier: { max: 0.3 } });
    expect(only(above).checks[0]!.reason).toBe('0.3000001 is above the maximum 0.3');
    const below = compare({ accuracy: 0.84999999 }, undefined, { accuracy: { min: 0.85 } });
    expect(only(below).checks[0]!.reason).toBe('0.84999999 is below the minimum 0.85');
  });

  it('scales the float allowance with the bound: 1000 + 1e-10 is on a max of 1000', () => {
    expect(compare({ latency: 1000 + 1e-10 }, undefined, { latency: { max: 1000 } }).passed).toBe(true);
    expect(compare({ latency: 1000 + 1e-6 }, undefined, { latency: { max: 1000 } }).passed).toBe(false);
  });

  it('fails a value below min with the reason, and passes one a hair above it', () => {
    const below = compare({ accuracy: 0.8499 }, undefined, { accuracy: { min: 0.85 } });
    expect(only(below).checks).toEqual([
      { rule: 'min 0.85', passed: false, reason: '0.8499 is below the minimum 0.85' },
    ]);
    expect(only(compare({ accuracy: 0.86 }, undefined, { accuracy: { min: 0.85 } })).checks).toEqual([
      { rule: 'min 0.85', passed: true },
    ]);
  });

  it('checks min and max of one rule together: inside passes, either side fails', () => {
    const t: Thresholds = { accuracy: { min: 0.5, max: 0.99 } };
    expect(compare({ accuracy: 0.7 }, undefined, t).passed).toBe(true);
    expect(compare({ accuracy: 0.995 }, undefined, t).regressions.map((r) => r.rule)).toEqual(['max 0.99']);
    expect(compare({ accuracy: 0.4 }, undefined, t).regressions.map((r) => r.rule)).toEqual(['min 0.5']);
  });
});

describe('threshold rules: worse, within the rules', () => {
  it('a drop inside max-regression is "worse", passes, and is neither a regression nor an improvement', () => {
    const c = compare({ accuracy: 0.88 }, { accuracy: 0.9 }, { accuracy: { 'max-regression': 0.05 } });
    expect(c.passed).toBe(true);
    expect(c.regressions).toEqual([]);
    expect(c.improvements).toEqual([]);
    const m = only(c);
    expect(m.status).toBe('worse');
    expect(m.checks).toEqual([{ rule: 'max-regression 0.05', passed: true }]);
    expect(statusText(m)).toBe('🟡 worse, within rules');
  });

  it('a worsening of 2.5% inside a 5% max-regression-pct allowance passes as "worse"', () => {
    // 0.8 -> 0.78: worse by 0.02, which is 2.5% of |0.8|.
    const c = compare({ accuracy: 0.78 }, { accuracy: 0.8 }, { accuracy: { 'max-regression-pct': 5 } });
    expect(c.passed).toBe(true);
    expect(only(c)).toMatchObject({ status: 'worse', checks: [{ rule: 'max-regression-pct 5%', passed: true }] });
    expect(only(c).changePct).toBeCloseTo(-2.5, 12);
  });

  it('a worsening of exactly the allowed percentage passes; 6.25% against 5% fails with its reason', () => {
    // (0.8 - 0.76) / 0.8 * 100 is 5.000000000000004 in floating point: still exactly 5%.
    expect(compare({ accuracy: 0.76 }, { accuracy: 0.8 }, { accuracy: { 'max-regression-pct': 5 } }).passed).toBe(true);
    const c = compare({ accuracy: 0.75 }, { accuracy: 0.8 }, { accuracy: { 'max-regression-pct': 5 } });
    expect(only(c).checks).toEqual([
      {
        rule: 'max-regression-pct 5%',
        passed: false,
        reason: 'worse by 6.25% of |baseline|, more than the allowed 5%',
      },
    ]);
    expect(c.regressions).toEqual([
      {
        metric: 'accuracy',
        baseline: 0.8,
        current: 0.75,
        change: -0.05,
        change_pct: -6.25,
        rule: 'max-regression-pct 5%',
      },
    ]);
  });

  it('a rising lower-is-better metric inside its allowance is "worse"; a falling one is "improved"', () => {
    const t: Thresholds = { log_loss: { 'max-regression-pct': 10 } };
    // 0.40 -> 0.42 is 5% worse of 0.40.
    expect(only(compare({ log_loss: 0.42 }, { log_loss: 0.4 }, t)).status).toBe('worse');
    const better = compare({ log_loss: 0.38 }, { log_loss: 0.4 }, t);
    expect(only(better).status).toBe('improved');
    expect(better.improvements).toEqual([
      {
        metric: 'log_loss',
        baseline: 0.4,
        current: 0.38,
        change: -0.02,
        change_pct: -5,
        rule: 'max-regression-pct 10%',
      },
    ]);
  });

  it('names the drop and the allowance when max-regression fails', () => {
    const c = compare({ accuracy: 0.85 }, { accuracy: 0.9 }, { accuracy: { 'max-regression': 0.02 } });
    expect(only(c).checks).toEqual([
      { rule: 'max-regression 0.02', passed: false, reason: 'worse by 0.05, more than the allowed 0.02' },
    ]);
    expect(statusText(only(c))).toBe('❌ failed: max-regression 0.02');
  });

  it('a float-noise difference is "unchanged", not worse or improved', () => {
    // 0.1 + 0.2 against 0.3 differs by 5.6e-17.
    const c = compare({ accuracy: 0.1 + 0.2 }, { accuracy: 0.3 }, { accuracy: { 'max-regression': 0 } });
    expect(c.passed).toBe(true);
    expect(only(c).status).toBe('unchanged');
    expect(c.improvements).toEqual([]);
  });

  it('a zero baseline with a zero current is a 0% change; with another current the percentage is null', () => {
    expect(only(compare({ mae: 0 }, { mae: 0 }, {})).changePct).toBe(0);
    expect(only(compare({ mae: 0.2 }, { mae: 0 }, {})).changePct).toBeNull();
    const c = compare({ mae: 0.2 }, { mae: 0 }, { mae: { 'max-regression-pct': 50 } });
    expect(only(c).checks[0]!.reason).toBe('worse by 0.2 against a zero baseline, which allows no worsening');
  });

  it('a relative rule against a non-finite baseline fails with the reason; min still applies', () => {
    const c = compare({ accuracy: 0.9 }, { accuracy: Infinity }, { accuracy: { min: 0.5, 'max-regression-pct': 5 } });
    expect(only(c).checks).toEqual([
      { rule: 'min 0.5', passed: true },
      {
        rule: 'finite',
        passed: false,
        reason: 'the baseline of accuracy is Infinity; a regression rule needs a finite baseline',
      },
    ]);
    expect(only(compare({ accuracy: 0.9 }, { accuracy: NaN }, { accuracy: { min: 0.5 } })).status).toBe('new');
  });

  it('a metric only in the thresholds, missing on both sides, fails as not present', () => {
    const c = compare({ f1: 0.8 }, { f1: 0.8 }, { recall: { min: 0.5 } });
    expect(c.metrics.map((m) => m.metric)).toEqual(['f1', 'recall']);
    expect(c.metrics[1]!.checks).toEqual([
      {
        rule: 'present',
        passed: false,
        reason: 'recall is named in the thresholds but missing from the current metrics',
      },
    ]);
  });
});

describe('threshold rules: require-significance', () => {
  const t: Thresholds = { accuracy: { 'max-regression': 0.01 } };
  const significance = { requireSignificance: true };

  it('intervals that touch at one point overlap, so the regression is within noise', () => {
    // current [0.84, 0.88] and baseline [0.88, 0.92] share 0.88.
    const c = compareSnapshots(
      snap({ accuracy: 0.86 }, { accuracy: ci(0.84, 0.88) }),
      snap({ accuracy: 0.9 }, { accuracy: ci(0.88, 0.92) }),
      t,
      significance,
    );
    expect(c.passed).toBe(true);
    expect(c.regressions).toEqual([]);
    expect(only(c).status).toBe('noise');
    expect(only(c).checks).toEqual([
      {
        rule: 'max-regression 0.01',
        passed: false,
        noise: true,
        reason: 'worse by 0.04, more than the allowed 0.01, but the intervals overlap',
      },
    ]);
    expect(statusText(only(c))).toBe('〰️ within noise');
  });

  it('the same touch seen from the other side (current above baseline) also overlaps', () => {
    const c = compareSnapshots(
      snap({ log_loss: 0.5 }, { log_loss: ci(0.45, 0.55) }),
      snap({ log_loss: 0.4 }, { log_loss: ci(0.35, 0.45) }),
      { log_loss: { 'max-regression': 0.01 } },
      significance,
    );
    expect(only(c).status).toBe('noise');
  });

  it('a current interval wholly above the baseline one does not overlap it (a rising log_loss fails)', () => {
    const c = compareSnapshots(
      snap({ log_loss: 0.5 }, { log_loss: ci(0.46, 0.55) }),
      snap({ log_loss: 0.4 }, { log_loss: ci(0.35, 0.45) }),
      { log_loss: { 'max-regression': 0.01 } },
      significance,
    );
    expect(only(c).status).toBe('failed');
  });

  it('the comparison carries the intervals when either side has one, for the report', () => {
    const one = compareSnapshots(snap({ f1: 0.8 }, { f1: ci(0.7, 0.9) }), snap({ f1: 0.8 }), {}, significance);
    expect(only(one)).toMatchObject({ intervals: { baseline: undefined, current: ci(0.7, 0.9) } });
    const none = compareSnapshots(snap({ f1: 0.8 }), snap({ f1: 0.8 }), {}, significance);
    expect('intervals' in only(none)).toBe(false);
  });

  it('intervals a hair apart do not overlap, so the regression fails', () => {
    const c = compareSnapshots(
      snap({ accuracy: 0.86 }, { accuracy: ci(0.84, 0.8799) }),
      snap({ accuracy: 0.9 }, { accuracy: ci(0.88, 0.92) }),
      t,
      significance,
    );
    expect(c.passed).toBe(false);
    expect(only(c).status).toBe('failed');
  });

  it('a missing interval on either side cannot show noise: the regression fails, without crashing', () => {
    const withCi = snap({ accuracy: 0.86 }, { accuracy: ci(0.84, 0.88) });
    const flat = snap({ accuracy: 0.9 });
    const otherMetricOnly = snap({ accuracy: 0.9 }, { f1: ci(0.7, 0.9) });
    for (const [current, baseline] of [
      [withCi, flat],
      [snap({ accuracy: 0.86 }), snap({ accuracy: 0.9 }, { accuracy: ci(0.85, 0.95) })],
      [snap({ accuracy: 0.86 }), flat],
      [withCi, otherMetricOnly],
    ] as const) {
      const c = compareSnapshots(current, baseline, t, significance);
      expect(c.passed).toBe(false);
      expect(c.regressions.map((r) => r.rule)).toEqual(['max-regression 0.01']);
      expect(only(c).checks[0]!.noise).toBeUndefined();
    }
  });

  it('passing rules stay passing, and a min failure is never excused by overlapping intervals', () => {
    const c = compareSnapshots(
      snap({ accuracy: 0.7 }, { accuracy: ci(0.6, 0.95) }),
      snap({ accuracy: 0.9 }, { accuracy: ci(0.85, 0.95) }),
      { accuracy: { min: 0.8, 'max-regression': 0.5 } },
      significance,
    );
    expect(only(c).checks).toEqual([
      { rule: 'min 0.8', passed: false, reason: '0.7 is below the minimum 0.8' },
      { rule: 'max-regression 0.5', passed: true },
    ]);
    expect(c.passed).toBe(false);
  });
});

describe('threshold rules: which rule applies', () => {
  it('"*" applies to a metric named like an Object method (toString, constructor)', () => {
    const c = compare(
      { toString: 0.5, constructor: 0.5 },
      { toString: 0.9, constructor: 0.9 },
      {
        '*': { 'max-regression': 0.01 },
      },
    );
    expect(c.passed).toBe(false);
    expect(c.regressions.map((r) => [r.metric, r.rule])).toEqual([
      ['toString', 'max-regression 0.01'],
      ['constructor', 'max-regression 0.01'],
    ]);
  });

  it('a metric\'s own entry wins over "*"', () => {
    const c = compare({ f1: 0.5 }, { f1: 0.9 }, { '*': { 'max-regression': 0.01 }, f1: { 'max-regression': 0.5 } });
    expect(c.passed).toBe(true);
    expect(only(c).checks).toEqual([{ rule: 'max-regression 0.5', passed: true }]);
  });
});

describe('threshold rules: the float allowance is inclusive', () => {
  // Each value sits exactly on the allowance's edge (the same double the rule computes), which still passes.
  it('min 1 passes 1 - 1e-12 and max 1 passes 1 + 1e-12', () => {
    expect(compare({ accuracy: 1 - 1e-12 }, undefined, { accuracy: { min: 1 } }).passed).toBe(true);
    expect(compare({ accuracy: 1 + 1e-12 }, undefined, { accuracy: { max: 1 } }).passed).toBe(true);
  });

  it('a change of exactly 1e-12 is within max-regression 0 and "unchanged", in either direction', () => {
    const worse = compare({ accuracy: 0 }, { accuracy: 1e-12 }, { accuracy: { 'max-regression': 0 } });
    expect(worse.passed).toBe(true);
    expect(only(worse).status).toBe('unchanged');
    expect(only(compare({ accuracy: 1e-12 }, { accuracy: 0 }, {})).status).toBe('unchanged');
  });

  it('against a zero baseline, a worsening of exactly 1e-12 is no worsening under max-regression-pct 0', () => {
    expect(compare({ accuracy: -1e-12 }, { accuracy: 0 }, { accuracy: { 'max-regression-pct': 0 } }).passed).toBe(true);
  });

  it('max-regression-pct 5 passes a worsening of exactly 5% + 1e-9 (10 -> 9.4999999999)', () => {
    expect(
      compare({ accuracy: 9.4999999999 }, { accuracy: 10 }, { accuracy: { 'max-regression-pct': 5 } }).passed,
    ).toBe(true);
  });
});

describe('threshold rules: compareMetric on its own', () => {
  it('without intervals under require-significance, a regression fails instead of crashing', () => {
    const m = compareMetric({
      metric: 'accuracy',
      baseline: 0.9,
      current: 0.8,
      rule: { 'max-regression': 0.01 },
      named: true,
      direction: 'higher',
      directionFrom: 'name',
      requireSignificance: true,
    });
    expect(m.status).toBe('failed');
    expect(m.checks).toEqual([
      { rule: 'max-regression 0.01', passed: false, reason: 'worse by 0.1, more than the allowed 0.01' },
    ]);
  });

  it('a non-finite current value fails as "finite", and a named missing one as "present"', () => {
    const input = {
      metric: 'f1',
      baseline: 0.5,
      rule: undefined,
      named: true,
      direction: 'higher' as const,
      directionFrom: 'name' as const,
      requireSignificance: false,
    };
    expect(compareMetric({ ...input, current: NaN })).toMatchObject({
      status: 'failed',
      checks: [{ rule: 'finite', passed: false, reason: 'f1 is NaN in the current metrics; expected a finite number' }],
    });
    expect(compareMetric({ ...input, current: undefined })).toMatchObject({ status: 'failed', change: null });
    expect(compareMetric({ ...input, current: undefined, named: false })).toMatchObject({
      status: 'removed',
      checks: [],
    });
  });
});
