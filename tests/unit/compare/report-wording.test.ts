import { describe, expect, it } from 'vitest';
import { compareSnapshots } from '@modelgate/core/compare/compare';
import { comparisonSummary } from '@modelgate/core/compare/summary';
import type { MetricsSnapshot } from '@modelgate/core/contracts/metrics-file';
import type { Thresholds } from '@modelgate/core/contracts/thresholds';

const NAMES = ['accuracy', 'balanced_accuracy', 'precision', 'recall', 'f1', 'mcc', 'cohen_kappa', 'roc_auc'];

/** A snapshot whose metrics all sit at `value`, each with a ±`half` 95% interval. */
function snapshot(values: Record<string, number>, half: number): MetricsSnapshot {
  const intervals = Object.fromEntries(
    Object.entries(values).map(([m, v]) => [m, { low: v - half, high: v + half, level: 0.95 }]),
  );
  return {
    file: 'm.json',
    metrics: values,
    document: { version: 1, task: 'binary', rows: 171, metrics: values, intervals },
  };
}

function render(current: MetricsSnapshot, baseline: MetricsSnapshot, t: Thresholds, requireSignificance = true) {
  const comparison = compareSnapshots(current, baseline, t, { requireSignificance });
  const text = comparisonSummary({
    title: 'Model vs. baseline',
    comparison,
    baselineSource: 'baseline.json',
    failOnRegression: true,
    history: [],
    keyMetrics: [],
    footer: { baseSource: 'baseline.json' },
  }).toString();
  return { comparison, text, lines: text.split('\n') };
}

describe('compare report wording', () => {
  it('with require-significance, worse on 7 of 8 within noise reads as worse, not "No regressions", with intervals', () => {
    const base = Object.fromEntries(NAMES.map((m) => [m, 0.95]));
    const cur = Object.fromEntries(NAMES.map((m, i) => [m, i === 0 ? 0.95 : 0.93]));
    const { comparison, text, lines } = render(snapshot(cur, 0.03), snapshot(base, 0.03), {
      '*': { 'max-regression': 0.01 },
    });
    expect(comparison.passed).toBe(true);
    expect(text).not.toContain('No regressions');
    expect(lines[2]).toMatch(
      /^⚠️ \*\*Worse on 7 of 8 metrics\*\*, but not significantly: 7 broke their rules within noise/,
    );
    expect(text).toContain('### Within noise: the 95% intervals');
    expect(text).toContain('| **f1** | 0.95 [0.92, 0.98] | 0.93 [0.9, 0.96] | max-regression 0.01 |');
  });

  it('says "within the rules" when metrics got worse by less than the rules allow', () => {
    const { lines } = render(
      snapshot({ accuracy: 0.945, f1: 0.9 }, 0.01),
      snapshot({ accuracy: 0.95, f1: 0.9 }, 0.01),
      { accuracy: { 'max-regression': 0.01 } },
      false,
    );
    expect(lines[2]).toBe(
      '✅ **Within the rules**: worse on 1 of 2 metrics, none by more than its rule allows; 0 improved, 1 unchanged.',
    );
  });

  it('gives the bullet the same figure as the table, the arrow glued to it, and a one-line rule', () => {
    const { text, lines } = render(
      snapshot({ roc_auc: 0.9766081871345029 }, 0.01),
      snapshot({ roc_auc: 0.9883040935672514 }, 0.01),
      { roc_auc: { min: 0.9, 'max-regression': 0.01 } },
      false,
    );
    expect(text).toContain('- `roc_auc`: worse by 0.0117, more than the allowed 0.01 (max-regression 0.01)');
    const row = lines.find((l) => l.startsWith('| **roc\\_auc**'))!;
    expect(row).toBe(
      '| **roc\\_auc** | 0.988304 | 0.976608 | 🔴\u00a0▼\u00a0−0.0117 | −1.18% | ↑ · min\u00a00.9 · drop\u00a0≤\u00a00.01 | ❌ failed: max-regression 0.01 |',
    );
  });

  it('folds slices, which are reported but not gated', () => {
    const doc = (slices: Record<string, { rows: number; [metric: string]: number }>): MetricsSnapshot => ({
      file: 'm.json',
      metrics: { accuracy: 0.9 },
      document: { version: 1, task: 'binary', rows: 10, metrics: { accuracy: 0.9 }, slices },
    });
    const { text } = render(
      doc({ 'size_band=0': { rows: 5, accuracy: 0.5 } }),
      doc({ 'size_band=0': { rows: 5, accuracy: 0.9 } }),
      {},
      false,
    );
    expect(text).toContain('**Slices** (reported, not gated): 1 slice metric worse than the metric’s rule allows.');
    expect(text).toMatch(/<details><summary>1 slice regression, worst first<\/summary>\n\n\| Slice \| Metric/);
  });
});
