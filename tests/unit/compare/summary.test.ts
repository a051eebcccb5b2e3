import { describe, expect, it } from 'vitest';
import { compareSnapshots } from '@modelgate/core/compare/compare';
import { comparisonSummary, type ComparisonSummaryInput } from '@modelgate/core/compare/summary';
import { sanitizeSavedReport } from '@modelgate/core/publish/post-saved-report';
import type { Thresholds } from '@modelgate/core/contracts/thresholds';

function report(
  current: Record<string, number>,
  baseline: Record<string, number> | undefined,
  t: Thresholds,
  extra: Partial<ComparisonSummaryInput> = {},
) {
  const comparison = compareSnapshots(
    { file: 'c.json', metrics: current },
    baseline ? { file: 'b.json', metrics: baseline } : undefined,
    t,
  );
  return comparisonSummary({
    title: 'Model vs. baseline',
    comparison,
    baselineSource: 'merge base with main',
    failOnRegression: true,
    history: [],
    keyMetrics: Object.keys(current).slice(0, 3),
    footer: {
      baseSource: 'merge base with main',
      baseCommit: 'a'.repeat(40),
      headCommit: 'b'.repeat(40),
      runUrl: 'https://github.com/acme/churn/actions/runs/7',
    },
    ...extra,
  }).toString();
}

describe('compare report', () => {
  it('starts with the verdict, lists failures first and folds unchanged metrics', () => {
    const text = report(
      { f1: 0.9, accuracy: 0.8, recall: 0.7 },
      { f1: 0.85, accuracy: 0.9, recall: 0.7 },
      { accuracy: { 'max-regression': 0.01 } },
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('## Model vs. baseline');
    expect(lines[2]).toBe('❌ **1 rule failed** on 1 metric: accuracy.');
    const accuracy = lines.findIndex((l) => l.startsWith('| **accuracy**'));
    const f1 = lines.findIndex((l) => l.startsWith('| **f1**'));
    expect(accuracy).toBeGreaterThan(0);
    expect(accuracy).toBeLessThan(f1);
    expect(lines[accuracy]).toContain('🔴\u00a0▼\u00a0−0.1');
    expect(text).toMatch(/<details><summary>1 unchanged metric<\/summary>\n\n\| Metric[^]*\| \*\*recall\*\* \|/);
    expect(text).toContain(
      'Baseline: merge base with main `aaaaaaa` · Head: `bbbbbbb` · [workflow run](https://github.com/acme/churn/actions/runs/7)',
    );
  });

  it('shows a falling lower-is-better metric as a green down arrow', () => {
    const text = report({ log_loss: 0.2 }, { log_loss: 0.3 }, {});
    expect(text).toContain('🟢\u00a0▼\u00a0−0.1');
    expect(text).toContain('| ↓ |');
    expect(text).toContain('↓ lower is better (from the metric’s name');
  });

  it('says there is no baseline yet', () => {
    expect(report({ accuracy: 0.9 }, undefined, { accuracy: { min: 0.8 } }).split('\n')[2]).toBe(
      '✅ **No baseline yet** (merge base with main): only the absolute bounds (min/max) were applied. All hold.',
    );
    // first, also when a bound fails
    expect(report({ accuracy: 0.7 }, undefined, { accuracy: { min: 0.8 } }).split('\n')[2]).toBe(
      '**No baseline yet** (merge base with main): only the absolute bounds (min/max) were applied. ❌ **1 rule failed** on 1 metric: accuracy.',
    );
  });

  it('renders hostile metric names inert', () => {
    const text = report({ '<img src=x onerror=alert(1)>': 1, '@acme/everyone': 2 }, undefined, {});
    expect(text).not.toContain('<img');
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).not.toMatch(/@acme/);
    expect(text).toContain('@&#8203;acme/everyone');
  });

  it('charts the key metrics over earlier runs', () => {
    const text = report(
      { accuracy: 0.9 },
      { accuracy: 0.9 },
      {},
      {
        history: [
          { label: 'run 1', metrics: { accuracy: 0.85 } },
          { label: 'run 2', metrics: { accuracy: 0.88 } },
        ],
      },
    );
    expect(text).toMatch(
      /```mermaid\n%%\{init: [^\n]*\}%%\nxychart-beta\n {2}title "accuracy"\n {2}x-axis \["run 1", "run 2", "this"\]/,
    );
    expect(text).toContain('line [0.85, 0.88, 0.9]');
  });

  it('strips markers and mentions from a saved fork report before posting it', () => {
    const body = sanitizeSavedReport('<!-- modelgate:validate-data:x -->\nhi @acme/everyone\n', 1000);
    expect(body).toBe('\nhi @&#8203;acme/everyone\n');
    const long = sanitizeSavedReport(`${'| row |\n'.repeat(100)}`, 300);
    expect(long.length).toBeLessThanOrEqual(300);
    expect(long).toContain('full report is in the job summary');
  });
});
