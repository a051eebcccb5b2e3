import type { MetricsSnapshot } from '../contracts/metrics-file.ts';
import { directionOf, ruleFor, type Thresholds } from '../contracts/thresholds.ts';
import { compareMetric } from './metric.ts';
import type { PairedTest } from './paired.ts';
import { compareFairness, compareSlices } from './slices.ts';
import type { ChangeEntry, Comparison, MetricComparison } from './types.ts';

export interface CompareOptions {
  /** A regression whose intervals overlap the baseline's is "within noise" and does not fail. */
  requireSignificance?: boolean;
  /** The paired tests of `baseline: paired`, by metric: under require-significance they decide, not the intervals. */
  paired?: Record<string, PairedTest>;
  /** A paired test's p-value must be below this to count as significant (default 0.05). */
  significance?: number;
}

// Stryker disable next-line ConditionalExpression: equivalent, Number.isFinite(null) is false, so null takes the same branch
const json = (v: number | null): number | null => (v === null || Number.isFinite(v) ? v : null);
/** Differences rounded to 12 significant digits: 0.9 - 0.87 is -0.03, not -0.030000000000000027. */
const diff = (v: number | null): number | null =>
  // Stryker disable next-line ConditionalExpression: equivalent, Number.isFinite(null) is false, so null takes the same branch
  v === null || !Number.isFinite(v) ? null : Number(v.toPrecision(12));

function entry(m: MetricComparison, rule: string): ChangeEntry {
  return {
    metric: m.metric,
    baseline: json(m.baseline),
    current: json(m.current),
    change: diff(m.change),
    change_pct: diff(m.changePct),
    rule,
  };
}

/**
 * Compares the current metrics with the baseline (undefined: no baseline yet, only min/max apply) under the
 * thresholds of docs/formats.md. Every metric of either side is compared; thresholds decide what fails.
 */
export function compareSnapshots(
  current: MetricsSnapshot,
  baseline: MetricsSnapshot | undefined,
  thresholds: Thresholds,
  options: CompareOptions = {},
): Comparison {
  const names = [...Object.keys(current.metrics)];
  for (const name of Object.keys(baseline?.metrics ?? {})) if (!(name in current.metrics)) names.push(name);
  for (const name of Object.keys(thresholds)) if (name !== '*' && !names.includes(name)) names.push(name);

  const metrics = names.map((metric) => {
    const rule = ruleFor(thresholds, metric);
    return compareMetric({
      metric,
      baseline: baseline?.metrics[metric],
      current: current.metrics[metric],
      rule,
      named: Object.hasOwn(thresholds, metric),
      direction: directionOf(metric, rule),
      directionFrom: rule?.direction ? 'rule' : 'name',
      intervals: {
        baseline: baseline?.document?.intervals?.[metric],
        current: current.document?.intervals?.[metric],
      },
      requireSignificance: options.requireSignificance ?? false,
      paired: options.paired && Object.hasOwn(options.paired, metric) ? options.paired[metric] : undefined,
      significance: options.significance ?? 0.05,
    });
  });

  const regressions = metrics.flatMap((m) =>
    m.checks.filter((c) => !c.passed && !c.noise).map((c) => entry(m, c.rule)),
  );
  const improvements = metrics
    .filter((m) => m.status === 'improved')
    .map((m) => entry(m, m.checks.map((c) => c.rule).join('; ')));
  return {
    passed: regressions.length === 0,
    hasBaseline: baseline !== undefined,
    metrics,
    regressions,
    improvements,
    slices: compareSlices(current.document, baseline?.document, thresholds),
    fairness: compareFairness(current.document, baseline?.document),
    ...(options.paired ? { significance: options.significance ?? 0.05 } : {}),
  };
}
