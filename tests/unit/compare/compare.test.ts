import { describe, expect, it } from 'vitest';
import type { MetricsSnapshot } from '@modelgate/core/contracts/metrics-file';
import type { Thresholds } from '@modelgate/core/contracts/thresholds';
import { compareSnapshots } from '@modelgate/core/compare/compare';

const snap = (metrics: Record<string, number>, extra: Partial<MetricsSnapshot> = {}): MetricsSnapshot => ({
  file: 'metrics.json',
  metrics,
  ...extra,
});
const compare = (current: Record<string, number>, baseline: Record<string, number> | undefined, t: Thresholds) =>
  compareSnapshots(snap(current), baseline ? snap(baseline) : undefined, t);
const row = (c: ReturnType<typeof compare>, metric: string) => c.metrics.find((m) => m.metric === metric)!;

describe('compare: absolute bounds', () => {
  it('fails when the current value is below min or above max', () => {
    const c = compare({ accuracy: 0.8, log_loss: 0.6 }, undefined, { accuracy: { min: 0.85 }, log_loss: { max: 0.5 } });
    expect(c.passed).toBe(false);
    expect(c.regressions.map((r) => [r.metric, r.rule])).toEqual([
      ['accuracy', 'min 0.85'],
      ['log_loss', 'max 0.5'],
    ]);
  });

  it('passes a value exactly on the bound', () => {
    expect(compare({ accuracy: 0.85 }, undefined, { accuracy: { min: 0.85 } }).passed).toBe(true);
  });
});

describe('compare: regressions against the baseline', () => {
  it('fails when accuracy drops more than max-regression, and passes a drop of exactly max-regression', () => {
    expect(compare({ accuracy: 0.889 }, { accuracy: 0.9 }, { accuracy: { 'max-regression': 0.01 } }).passed).toBe(
      false,
    );
    // 0.91 - 0.90 is 0.010000000000000009 in floating point: still "exactly" the allowed drop.
    expect(compare({ accuracy: 0.9 }, { accuracy: 0.91 }, { accuracy: { 'max-regression': 0.01 } }).passed).toBe(true);
  });

  it('infers lower-is-better from the name: a rising log_loss regresses, a falling one improves', () => {
    const worse = compare({ log_loss: 0.5 }, { log_loss: 0.4 }, { log_loss: { 'max-regression': 0.02 } });
    expect(worse.regressions).toEqual([
      { metric: 'log_loss', baseline: 0.4, current: 0.5, change: 0.1, change_pct: 25, rule: 'max-regression 0.02' },
    ]);
    const better = compare({ log_loss: 0.3 }, { log_loss: 0.4 }, { log_loss: { 'max-regression': 0.02 } });
    expect(better.passed).toBe(true);
    expect(better.improvements.map((i) => i.metric)).toEqual(['log_loss']);
    expect(row(better, 'log_loss').direction).toBe('lower');
    expect(row(better, 'log_loss').directionFrom).toBe('name');
  });

  it('uses an explicit direction over the name', () => {
    const c = compare(
      { error_budget: 0.5 },
      { error_budget: 0.6 },
      { error_budget: { direction: 'higher', 'max-regression': 0 } },
    );
    expect(c.passed).toBe(false);
    expect(row(c, 'error_budget').directionFrom).toBe('rule');
  });

  it('measures max-regression-pct against |baseline|, so negative baselines work (r2 of -0.5)', () => {
    // r2 is higher-is-better: -0.5 -> -0.6 is 20% worse of |-0.5|; MLflow divides by -0.5 and calls it better.
    const c = compare({ r2: -0.6 }, { r2: -0.5 }, { r2: { 'max-regression-pct': 10 } });
    expect(c.passed).toBe(false);
    expect(c.regressions[0]!.change_pct).toBeCloseTo(-20, 9);
    const better = compare({ r2: -0.4 }, { r2: -0.5 }, { r2: { 'max-regression-pct': 10 } });
    expect(better.passed).toBe(true);
    expect(better.improvements[0]!.change_pct).toBeCloseTo(20, 9);
  });

  it('allows no worsening at all against a zero baseline under max-regression-pct', () => {
    const c = compare({ mae: 0.001 }, { mae: 0 }, { mae: { 'max-regression-pct': 50 } });
    expect(c.passed).toBe(false);
    expect(c.regressions[0]!.change_pct).toBeNull();
    expect(compare({ mae: 0 }, { mae: 0 }, { mae: { 'max-regression-pct': 0 } }).passed).toBe(true);
    expect(compare({ accuracy: 0.1 }, { accuracy: 0 }, { accuracy: { 'max-regression-pct': 0 } }).passed).toBe(true);
  });

  it('applies "*" to every metric without its own entry', () => {
    const c = compare(
      { f1: 0.7, recall: 0.5 },
      { f1: 0.8, recall: 0.9 },
      { '*': { 'max-regression-pct': 5 }, recall: { min: 0.1 } },
    );
    expect(c.regressions.map((r) => r.metric)).toEqual(['f1']);
  });

  it('gives one regression entry per failing rule', () => {
    const c = compare({ accuracy: 0.7 }, { accuracy: 0.9 }, { accuracy: { min: 0.8, 'max-regression': 0.01 } });
    expect(c.regressions.map((r) => r.rule)).toEqual(['min 0.8', 'max-regression 0.01']);
  });
});

describe('compare: missing and non-finite values', () => {
  it('fails a metric named in thresholds but missing from the current metrics', () => {
    const c = compare({ f1: 0.8 }, { f1: 0.8, accuracy: 0.9 }, { accuracy: { min: 0.5 } });
    expect(c.regressions).toEqual([
      { metric: 'accuracy', baseline: 0.9, current: null, change: null, change_pct: null, rule: 'present' },
    ]);
  });

  it('reports a metric missing from the current metrics as removed when no threshold names it', () => {
    const c = compare({ f1: 0.8 }, { f1: 0.8, accuracy: 0.9 }, { '*': { 'max-regression': 0 } });
    expect(c.passed).toBe(true);
    expect(row(c, 'accuracy').status).toBe('removed');
  });

  it('reports a metric missing from the baseline as new and applies only min/max', () => {
    const c = compare({ auc: 0.6 }, { f1: 0.8 }, { auc: { min: 0.7, 'max-regression': 0 } });
    expect(row(c, 'auc').status).toBe('failed');
    expect(c.regressions.map((r) => r.rule)).toEqual(['min 0.7']);
    expect(row(compare({ auc: 0.9 }, { f1: 0.8 }, { auc: { min: 0.7 } }), 'auc').status).toBe('new');
  });

  it('with no baseline yet applies only the absolute bounds', () => {
    const c = compare({ accuracy: 0.5 }, undefined, { accuracy: { 'max-regression': 0 } });
    expect(c.passed).toBe(true);
    expect(c.hasBaseline).toBe(false);
  });

  it('fails a NaN or infinite current value, naming the metric', () => {
    const c = compare({ accuracy: NaN, log_loss: Infinity }, { accuracy: 0.9, log_loss: 0.3 }, {});
    expect(c.passed).toBe(false);
    expect(c.regressions.map((r) => [r.metric, r.rule, r.current])).toEqual([
      ['accuracy', 'finite', null],
      ['log_loss', 'finite', null],
    ]);
    expect(row(c, 'accuracy').checks[0]!.reason).toContain('accuracy is NaN');
  });

  it('fails a regression rule against a NaN baseline instead of silently passing', () => {
    const c = compare({ accuracy: 0.9 }, { accuracy: NaN }, { accuracy: { 'max-regression': 0.01 } });
    expect(c.regressions.map((r) => r.rule)).toEqual(['finite']);
    expect(compare({ accuracy: 0.9 }, { accuracy: NaN }, {}).passed).toBe(true);
  });
});

describe('compare: significance', () => {
  const withIntervals = (accuracy: number, low: number, high: number) =>
    snap(
      { accuracy },
      {
        document: {
          version: 1,
          task: 'binary',
          rows: 100,
          metrics: { accuracy },
          intervals: { accuracy: { low, high, level: 0.95 } },
        },
      },
    );
  const t: Thresholds = { accuracy: { 'max-regression': 0.01 } };

  it('reports a regression with overlapping intervals as within noise and does not fail', () => {
    const c = compareSnapshots(withIntervals(0.87, 0.84, 0.9), withIntervals(0.9, 0.88, 0.92), t, {
      requireSignificance: true,
    });
    expect(c.passed).toBe(true);
    expect(c.metrics[0]!.status).toBe('noise');
    expect(c.regressions).toEqual([]);
  });

  it('fails when the intervals do not overlap, or when significance is not required', () => {
    const apart = compareSnapshots(withIntervals(0.8, 0.78, 0.82), withIntervals(0.9, 0.88, 0.92), t, {
      requireSignificance: true,
    });
    expect(apart.passed).toBe(false);
    const overlapping = compareSnapshots(withIntervals(0.87, 0.84, 0.9), withIntervals(0.9, 0.88, 0.92), t);
    expect(overlapping.passed).toBe(false);
  });
});

describe('compare: slices and fairness', () => {
  const doc = (slices: Record<string, Record<string, number>>, fairness: Record<string, Record<string, number>>) =>
    snap(
      { accuracy: 0.9 },
      {
        document: {
          version: 1,
          task: 'binary',
          rows: 100,
          metrics: { accuracy: 0.9 },
          slices: Object.fromEntries(Object.entries(slices).map(([k, v]) => [k, { rows: 50, ...v }])),
          fairness,
        },
      },
    );

  it('lists slice metrics that got worse, flagging those beyond the rule, and fairness gap changes', () => {
    const current = doc(
      { 'region=eu': { accuracy: 0.8, log_loss: 0.3 }, 'region=us': { accuracy: 0.895 } },
      { region: { accuracy_gap: 0.1 } },
    );
    const baseline = doc(
      { 'region=eu': { accuracy: 0.9, log_loss: 0.35 }, 'region=us': { accuracy: 0.9 } },
      { region: { accuracy_gap: 0.04 } },
    );
    const c = compareSnapshots(current, baseline, { accuracy: { 'max-regression': 0.01 } });
    expect(c.slices.map((s) => [s.slice, s.metric, s.regression])).toEqual([
      ['region=eu', 'accuracy', true],
      ['region=us', 'accuracy', false],
    ]);
    expect(c.fairness).toEqual([
      { attribute: 'region', gap: 'accuracy_gap', baseline: 0.04, current: 0.1, change: 0.1 - 0.04 },
    ]);
    expect(c.passed).toBe(true);
  });
});

describe('compare: configuration mistakes', () => {
  it('rejects a threshold on a metric neither side has, listing the valid names and the likely typo', async () => {
    const { checkThresholdMetrics } = await import('@modelgate/core/compare/config');
    const { parseDocumentText } = await import('@modelgate/core/inputs/document');
    const doc = parseDocumentText('accuracy: { min: 0.8 }\nacuracy: { min: 0.9 }\n', {
      input: 'thresholds',
      file: 'gates.yml',
    });
    let error: unknown;
    try {
      checkThresholdMetrics(doc.data as Thresholds, ['accuracy', 'f1'], doc);
    } catch (e) {
      error = e;
    }
    const e = error as import('@modelgate/core/errors').UserError;
    expect(e.message).toContain("threshold on 'acuracy'");
    expect(e.message).toContain("Did you mean 'accuracy'?");
    expect(e.message).toContain('Valid metric names: accuracy, f1');
    expect(e.location).toMatchObject({ file: 'gates.yml', line: 2, field: 'acuracy' });
  });

  it('lists the valid rule keys for an unknown key and rejects a negative percentage', async () => {
    const { parseThresholds } = await import('@modelgate/core/contracts/thresholds');
    const { parseDocumentText } = await import('@modelgate/core/inputs/document');
    const parse = (text: string) => () => parseThresholds(parseDocumentText(text, { input: 'thresholds' }));
    expect(parse('accuracy: { minimum: 0.8 }')).toThrow(
      /unknown key 'minimum'.*Valid keys here: min, max, max-regression, max-regression-pct, direction/,
    );
    expect(parse('accuracy: { max-regression-pct: -5 }')).toThrow(/zero or positive/);
    expect(parse('accuracy: { direction: up }')).toThrow(/'higher' or 'lower'/);
  });
});
