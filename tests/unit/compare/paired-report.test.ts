import { describe, expect, it } from 'vitest';
import { compareSnapshots } from '@modelgate/core/compare/compare';
import type { PairedTest } from '@modelgate/core/compare/paired';
import type { ParamsDiff } from '@modelgate/core/compare/params-read';
import { comparisonSummary } from '@modelgate/core/compare/summary';
import type { MetricsDocument } from '@modelgate/core/contracts/metrics';
import type { Thresholds } from '@modelgate/core/contracts/thresholds';
import { pairedTest } from './paired-test.ts';

function report(o: {
  tests?: Record<string, PairedTest>;
  thresholds?: Thresholds;
  params?: ParamsDiff;
  documents?: { current?: Partial<MetricsDocument>; baseline?: Partial<MetricsDocument> };
}) {
  const doc = (metrics: Record<string, number>, extra: Partial<MetricsDocument> = {}): MetricsDocument => ({
    version: 1,
    task: 'binary',
    rows: 400,
    metrics,
    ...extra,
  });
  const current = { accuracy: 0.88, f1: 0.8 };
  const baseline = { accuracy: 0.9, f1: 0.82 };
  const comparison = compareSnapshots(
    { file: 'c.json', metrics: current, document: doc(current, o.documents?.current) },
    { file: 'b.json', metrics: baseline, document: doc(baseline, o.documents?.baseline) },
    o.thresholds ?? { '*': { 'max-regression': 0.01 } },
    { requireSignificance: true, ...(o.tests ? { paired: o.tests, significance: 0.05 } : {}) },
  );
  return comparisonSummary({
    title: 'Model vs. baseline',
    comparison,
    baselineSource: 'paired',
    failOnRegression: true,
    history: [],
    keyMetrics: [],
    footer: { baseSource: 'paired' },
    params: o.params,
    pairedRows: 400,
  }).toString();
}

describe('compare report: paired tests', () => {
  it('explains noise from a paired test and from intervals in one verdict, and tables each where it belongs', () => {
    const text = report({
      tests: { accuracy: pairedTest(0.3) },
      documents: {
        current: { intervals: { f1: { low: 0.78, high: 0.83, level: 0.95 } } },
        baseline: { intervals: { f1: { low: 0.8, high: 0.85, level: 0.95 } } },
      },
    });
    expect(text).toContain(
      "2 broke their rules within noise (the paired test's p-value is not below 0.05, or without one the 95% " +
        'intervals of baseline and current overlap, and require-significance is on)',
    );
    // accuracy in the paired table only; f1 (no paired test) in the interval table only.
    expect(text).toContain('| **accuracy** | 🔴\u00a0▼\u00a0−0.02 | [−0.05, 0.01] | McNemar | 0.3\u00a0≥\u00a00.05 |');
    const intervals = text.slice(text.indexOf('### Within noise: the 95% intervals'));
    expect(intervals).toContain('| **f1** |');
    expect(intervals).not.toContain('| **accuracy** |');
    expect(text.indexOf('### Paired tests')).toBeLessThan(text.indexOf('### Within noise'));
  });

  it('names the level when it is not 95%, and shows DeLong with its Z', () => {
    const text = report({ tests: { accuracy: pairedTest(0.3, { level: 0.9, test: 'delong', statistic: 1.2345678 }) } });
    expect(text).toContain('| Metric | Difference | Interval | Test | p-value |');
    expect(text).toContain('| [−0.05, 0.01] at 90% | DeLong (Z\u00a0=\u00a01.23) |');
  });

  it('shows "no interval" for a McNemar test without low/high (SQL mode), and gates by its p-value', () => {
    const { low: _low, high: _high, ...bare } = pairedTest(0.003);
    const text = report({ tests: { accuracy: bare } });
    expect(text).toContain(
      '| **accuracy** | 🔴\u00a0▼\u00a0−0.02 | no interval | McNemar | **0.003\u00a0&lt;\u00a00.05** |',
    );
    expect(text).toContain('significant (McNemar p = 0.003 &lt; 0.05) (max-regression 0.01)');
  });

  it('shows an unknown test name as written, escaped', () => {
    const text = report({ tests: { accuracy: pairedTest(0.3, { test: 'perm<u>|x' }) } });
    expect(text).toContain('| perm&lt;u&gt;\\|x |');
  });

  it('has no paired section without paired tests, and no Metrics heading without parameters', () => {
    expect(report({})).not.toContain('Paired tests');
    expect(report({})).not.toContain('### Metrics');
  });
});

const change = (i: number) => ({ file: 'params.yaml', key: `k${i}`, kind: 'added' as const, current: i });

describe('compare report: parameters', () => {
  const diff = (d: Partial<ParamsDiff>): ParamsDiff => ({
    revision: 'a'.repeat(40),
    revisionSource: 'merge base with main',
    files: [{ file: 'params.yaml', keys: 3, baseline: 'compared' }],
    changes: [],
    ...d,
  });

  it('comes above the metric table, after the verdict', () => {
    const text = report({ params: diff({ changes: [change(1)] }) });
    expect(text.indexOf('### Parameters')).toBeGreaterThan(text.indexOf('## Model vs. baseline'));
    expect(text.indexOf('### Parameters')).toBeLessThan(text.indexOf('### Metrics\n\n| Metric | Baseline |'));
    expect(text).toContain('**1 added** against `aaaaaaa` (merge base with main).');
  });

  it('shows 20 changes open and folds 21', () => {
    const open = report({ params: diff({ changes: Array.from({ length: 20 }, (_, i) => change(i)) }) });
    expect(open).not.toContain('<details><summary>20 changed parameters');
    expect(open).toContain('| **k19** | — | 19 |');
    const folded = report({ params: diff({ changes: Array.from({ length: 21 }, (_, i) => change(i)) }) });
    expect(folded).toContain('<details><summary>21 changed parameters</summary>');
  });

  it('cuts a value longer than 60 characters to 59 and an ellipsis', () => {
    const long = 'x'.repeat(61);
    const text = report({
      params: diff({
        changes: [{ file: 'params.yaml', key: 'ids', kind: 'changed', baseline: 'x'.repeat(60), current: long }],
      }),
    });
    expect(text).toContain(`| **ids** | ${'x'.repeat(60)} | ${'x'.repeat(59)}… |`);
  });

  it('quotes a string that reads like the other side (the string "1" against the number 1), and an empty one', () => {
    const text = report({
      params: diff({
        changes: [
          { file: 'params.yaml', key: 'n', kind: 'changed', baseline: '1', current: 1 },
          { file: 'params.yaml', key: 'e', kind: 'changed', baseline: '', current: 'x' },
        ],
      }),
    });
    expect(text).toContain('| **n** | "1" | 1 |');
    expect(text).toContain('| **e** | "" | x |');
  });

  it('says when no revision was found and no file could be compared', () => {
    const text = report({
      params: diff({
        revision: undefined,
        revisionSource: 'previous commit',
        files: [{ file: 'params.yaml', keys: 3, baseline: { unavailable: 'git found no previous commit' } }],
      }),
    });
    expect(text).toContain(
      '### Parameters\n\nNo params file could be compared.\n\n- `params.yaml`: not compared, git found no previous commit.',
    );
  });
});
