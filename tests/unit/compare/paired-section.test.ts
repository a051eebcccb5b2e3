import { describe, expect, it } from 'vitest';
import type { PairedTest } from '@modelgate/core/compare/paired';
import { pairedSection } from '@modelgate/core/compare/paired-summary';
import type { MetricComparison, MetricStatus } from '@modelgate/core/compare/types';
import { Markdown } from '@modelgate/core/report/markdown';
import { pairedTest } from './paired-test.ts';

const metric = (name: string, status: MetricStatus, paired?: PairedTest): MetricComparison => ({
  metric: name,
  direction: 'higher',
  directionFrom: 'name',
  baseline: 0.9,
  current: 0.88,
  change: -0.02,
  changePct: null,
  checks: [],
  status,
  ...(paired ? { paired } : {}),
});

function section(metrics: MetricComparison[], rows?: number, significance = 0.05): string {
  const md = new Markdown();
  pairedSection(md, metrics, significance, rows);
  return md.toString();
}

const FOOTNOTE =
  '<sub>Difference: current − baseline on the same rows. McNemar: accuracy, on the rows one model gets right and ' +
  'the other wrong; DeLong: ROC AUC of correlated curves; paired bootstrap: the same resampled rows for both ' +
  'models. A difference is significant when p is below 0.05 (significance).</sub>';

describe('paired section of the compare report', () => {
  it('writes nothing when no metric has a paired test', () => {
    const empty = new Markdown().toString();
    expect(section([metric('f1', 'failed')], 400)).toBe(empty);
    expect(section([])).toBe(empty);
  });

  it('is a heading with the rows, a table aligned by column, and the footnote naming the significance', () => {
    const text = section([metric('accuracy', 'noise', pairedTest(0.3))], 400);
    expect(text).toBe(
      [
        '### Paired tests: both models on the same 400 rows',
        '',
        '| Metric | Difference | 95% interval | Test | p-value |',
        '| --- | ---: | ---: | --- | ---: |',
        '| **accuracy** | 🔴\u00a0▼\u00a0−0.02 | [−0.05, 0.01] | McNemar | 0.3\u00a0≥\u00a00.05 |',
        '',
        FOOTNOTE,
      ].join('\n') + (text.endsWith('\n') ? '\n' : ''),
    );
  });

  it('leaves the count out of the heading when the rows are unknown', () => {
    expect(section([metric('accuracy', 'noise', pairedTest(0.3))])).toContain(
      '### Paired tests: both models on the same rows\n',
    );
  });

  it('orders the metrics failed, noise, then improved; skips the ones without a test', () => {
    const text = section([
      metric('auc', 'improved', pairedTest(0.3, { difference: 0.01, p_value: 0.01 })),
      metric('f1', 'failed'),
      metric('accuracy', 'failed', pairedTest(0.3, { p_value: 0.001 })),
      metric('recall', 'noise', pairedTest(0.3)),
    ]);
    const rows = text.split('\n').filter((l) => l.startsWith('| **'));
    expect(rows.map((l) => l.split(' | ')[0])).toEqual(['| **accuracy**', '| **recall**', '| **auc**']);
    expect(rows[0]).toContain('| **0.001\u00a0&lt;\u00a00.05** |');
  });

  it('heads the interval column "Interval" when any level is not 95%, and names that level', () => {
    const text = section([
      metric('accuracy', 'noise', pairedTest(0.3)),
      metric('auc', 'noise', pairedTest(0.3, { level: 0.9 })),
    ]);
    expect(text).toContain('| Metric | Difference | Interval | Test | p-value |');
    expect(text).toContain('| [−0.05, 0.01] at 90% |');
    expect(text).toContain('| [−0.05, 0.01] | McNemar |');
  });

  it('shows "no interval" when either end is missing', () => {
    const { high: _h, ...lowOnly } = pairedTest(0.3);
    const { low: _l, ...highOnly } = pairedTest(0.3);
    const text = section([metric('accuracy', 'noise', lowOnly), metric('auc', 'noise', highOnly)]);
    expect(text.match(/\| no interval \|/g)).toHaveLength(2);
  });

  it('signs only the leading minus: an exponent keeps its hyphen', () => {
    const text = section([metric('accuracy', 'noise', pairedTest(0.3, { low: 1.234e-7, high: 2e-7 }))]);
    expect(text).toContain('| [1.230e-7, 2.000e-7] |');
  });

  it('shows Z only when it is a finite number', () => {
    const text = section([
      metric('a', 'noise', pairedTest(0.3, { test: 'delong', statistic: -2.345 })),
      metric('b', 'noise', pairedTest(0.3, { test: 'delong', statistic: NaN })),
      metric('c', 'noise', pairedTest(0.3, { test: 'paired-bootstrap' })),
    ]);
    expect(text).toContain('| DeLong (Z\u00a0=\u00a0−2.35) |');
    expect(text).toContain('| **b** | 🔴\u00a0▼\u00a0−0.02 | [−0.05, 0.01] | DeLong | ');
    expect(text).toContain('| paired bootstrap | ');
  });
});
