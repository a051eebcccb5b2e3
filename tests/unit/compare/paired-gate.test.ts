import { describe, expect, it } from 'vitest';
import { compareSnapshots, type CompareOptions } from '@modelgate/core/compare/compare';
import { formatP } from '@modelgate/core/compare/paired';
import type { MetricsDocument } from '@modelgate/core/contracts/metrics';
import type { Thresholds } from '@modelgate/core/contracts/thresholds';
import { pairedTest } from './paired-test.ts';

/** accuracy 0.90 -> 0.88: worse by 0.02, twice the 0.01 the rule allows. */
const current = { accuracy: 0.88, f1: 0.8 };
const baseline = { accuracy: 0.9, f1: 0.82 };
const thresholds: Thresholds = { accuracy: { 'max-regression': 0.01 }, f1: { 'max-regression': 0.01 } };

function gate(options: CompareOptions, documents: { current?: Partial<MetricsDocument> } = {}) {
  const doc = (metrics: Record<string, number>, extra: Partial<MetricsDocument> = {}): MetricsDocument => ({
    version: 1,
    task: 'binary',
    rows: 400,
    metrics,
    ...extra,
  });
  return compareSnapshots(
    { file: 'metrics.json', metrics: current, document: doc(current, documents.current) },
    { file: 'metrics.json (comparison.baseline)', metrics: baseline },
    thresholds,
    options,
  );
}
const accuracy = (c: ReturnType<typeof gate>) => c.metrics.find((m) => m.metric === 'accuracy')!;

describe('paired gate: require-significance decides by the paired p-value', () => {
  it('passes a worsening beyond the rule whose McNemar p (0.21) is not below 0.05, as within noise', () => {
    const c = gate({ requireSignificance: true, paired: { accuracy: pairedTest(0.21) }, significance: 0.05 });
    expect(accuracy(c).status).toBe('noise');
    expect(accuracy(c).checks).toEqual([
      {
        rule: 'max-regression 0.01',
        passed: false,
        noise: true,
        reason: 'worse by 0.02, more than the allowed 0.01, but not significant (McNemar p = 0.21, not below 0.05)',
      },
    ]);
    expect(c.regressions.map((r) => r.metric)).toEqual(['f1']);
  });

  it('fails the same worsening when its p-value (0.003) is below 0.05, and says it is significant', () => {
    const c = gate({ requireSignificance: true, paired: { accuracy: pairedTest(0.003) }, significance: 0.05 });
    expect(accuracy(c).status).toBe('failed');
    expect(accuracy(c).checks[0]!.reason).toBe(
      'worse by 0.02, more than the allowed 0.01; significant (McNemar p = 0.003 < 0.05)',
    );
    expect(c.regressions.map((r) => r.metric)).toEqual(['accuracy', 'f1']);
  });

  it('counts a p-value equal to significance as not significant (significant means strictly below)', () => {
    expect(accuracy(gate({ requireSignificance: true, paired: { accuracy: pairedTest(0.05) } })).status).toBe('noise');
    expect(accuracy(gate({ requireSignificance: true, paired: { accuracy: pairedTest(0.049999) } })).status).toBe(
      'failed',
    );
  });

  it('holds the p-value to the significance given: 0.21 is significant at 0.25', () => {
    const c = gate({ requireSignificance: true, paired: { accuracy: pairedTest(0.21) }, significance: 0.25 });
    expect(accuracy(c).status).toBe('failed');
    expect(accuracy(c).checks[0]!.reason).toContain('(McNemar p = 0.21 < 0.25)');
  });

  it('without require-significance the paired test changes nothing: the worsening fails, with the test kept', () => {
    const c = gate({ paired: { accuracy: pairedTest(0.21) } });
    expect(accuracy(c).status).toBe('failed');
    expect(accuracy(c).checks[0]!.reason).toBe('worse by 0.02, more than the allowed 0.01');
    expect(accuracy(c).paired?.p_value).toBe(0.21);
    expect(c.significance).toBe(0.05);
  });

  it('a paired test decides over overlapping intervals; a metric without one keeps the interval rule', () => {
    const overlapping = {
      intervals: {
        accuracy: { low: 0.85, high: 0.91, level: 0.95 },
        f1: { low: 0.78, high: 0.83, level: 0.95 },
      },
    };
    // The baseline snapshot has no intervals of its own: give the current ones to both through the document.
    const c = compareSnapshots(
      {
        file: 'metrics.json',
        metrics: current,
        document: { version: 1, task: 'binary', rows: 400, metrics: current, ...overlapping },
      },
      {
        file: 'base.json',
        metrics: baseline,
        document: { version: 1, task: 'binary', rows: 400, metrics: baseline, ...overlapping },
      },
      thresholds,
      { requireSignificance: true, paired: { accuracy: pairedTest(0.003) } },
    );
    expect(accuracy(c).status).toBe('failed');
    const f1 = c.metrics.find((m) => m.metric === 'f1')!;
    expect(f1.status).toBe('noise');
    expect(f1.checks[0]!.reason).toBe('worse by 0.02, more than the allowed 0.01, but the intervals overlap');
  });

  it('a metric without a paired test and without intervals fails its rule under require-significance', () => {
    const c = gate({ requireSignificance: true, paired: { accuracy: pairedTest(0.21) } });
    const f1 = c.metrics.find((m) => m.metric === 'f1')!;
    expect(f1.status).toBe('failed');
    expect(f1.paired).toBeUndefined();
  });

  it('names DeLong and the paired bootstrap in the reason as it does McNemar', () => {
    const delong = gate({
      requireSignificance: true,
      paired: { accuracy: pairedTest(0.5, { test: 'delong', statistic: -0.67 }) },
    });
    expect(accuracy(delong).checks[0]!.reason).toContain('(DeLong p = 0.5, not below 0.05)');
    const boot = gate({
      requireSignificance: true,
      paired: { accuracy: pairedTest(0.5, { test: 'paired-bootstrap' }) },
    });
    expect(accuracy(boot).checks[0]!.reason).toContain('(paired bootstrap p = 0.5, not below 0.05)');
  });

  it('a paired entry named like an Object property (constructor) is not taken from the prototype', () => {
    const c = compareSnapshots(
      { file: 'c.json', metrics: { constructor: 0.5 } },
      { file: 'b.json', metrics: { constructor: 0.6 } },
      { constructor: { 'max-regression': 0.01 } },
      { requireSignificance: true, paired: {} },
    );
    expect(c.metrics[0]!.status).toBe('failed');
  });
});

describe('paired gate: p-values in words', () => {
  it('shows three significant digits, more only when three would read as the significance itself', () => {
    expect(formatP(0.25145218650801854, 0.05)).toBe('0.251');
    expect(formatP(0.0056915552846872955, 0.05)).toBe('0.00569');
    // 0.04996 to three digits is 0.05: "0.05 < 0.05" would contradict itself.
    expect(formatP(0.04996, 0.05)).toBe('0.04996');
    expect(formatP(0.05, 0.05)).toBe('0.05');
    expect(formatP(1e-12, 0.05)).toBe('1.000e-12');
  });
});
