import type { Interval } from '../contracts/metrics.ts';
import type { Rule } from '../contracts/thresholds.ts';
import { formatAgainst, formatAmount } from './format.ts';
import { isSignificant, significanceText, type PairedTest } from './paired.ts';
import type { Direction, MetricComparison, MetricStatus, RuleCheck } from './types.ts';

/** What is known about one metric on both sides, and the rule that applies to it. */
export interface MetricInput {
  metric: string;
  baseline: number | undefined;
  current: number | undefined;
  rule: Rule | undefined;
  /** The thresholds name this metric itself (not through `*`): then a missing current value fails. */
  named: boolean;
  direction: Direction;
  directionFrom: 'rule' | 'name';
  /** Intervals of both sides, for require-significance. */
  intervals?: { baseline?: Interval | undefined; current?: Interval | undefined };
  requireSignificance: boolean;
  /** The paired test on the same rows: under require-significance it decides instead of the intervals. */
  paired?: PairedTest | undefined;
  /** The p-value a paired test must be below to count as significant (default 0.05). */
  significance?: number;
}

/**
 * Float noise allowed when checking a limit: 0.91 - 0.90 is 0.010000000000000009 in binary floating point,
 * which must not break `max-regression: 0.01`.
 */
export function tolerance(...values: number[]): number {
  return 1e-12 * Math.max(1, ...values.map(Math.abs));
}

/** How much worse `current` is than `baseline` in the metric's units (negative: better). */
export function worsening(direction: Direction, baseline: number, current: number): number {
  return direction === 'higher' ? baseline - current : current - baseline;
}

/** Change in percent of |baseline| (MLflow divides by the signed baseline, which flips negative ones). */
export function changePercent(baseline: number, current: number): number | null {
  if (baseline === 0) return current === 0 ? 0 : null;
  return ((current - baseline) / Math.abs(baseline)) * 100;
}

function overlap(a: Interval | undefined, b: Interval | undefined): boolean {
  return a !== undefined && b !== undefined && a.low <= b.high && b.low <= a.high;
}

/** Compares one metric against its baseline and rules (docs/formats.md "Thresholds"). */
export function compareMetric(input: MetricInput): MetricComparison {
  const { baseline, current, rule, direction } = input;
  const checks: RuleCheck[] = [];
  const fail = (rule: string, reason: string) => checks.push({ rule, passed: false, reason });
  const pass = (rule: string) => checks.push({ rule, passed: true });
  const base = {
    metric: input.metric,
    direction,
    directionFrom: input.directionFrom,
    baseline: baseline ?? null,
    current: current ?? null,
    ...(input.intervals?.baseline || input.intervals?.current ? { intervals: input.intervals } : {}),
    ...(input.paired ? { paired: input.paired } : {}),
  };

  if (current === undefined) {
    if (input.named) fail('present', `${input.metric} is named in the thresholds but missing from the current metrics`);
    return { ...base, change: null, changePct: null, checks, status: input.named ? 'failed' : 'removed' };
  }
  if (!Number.isFinite(current)) {
    fail('finite', `${input.metric} is ${current} in the current metrics; expected a finite number`);
    return { ...base, change: null, changePct: null, checks, status: 'failed' };
  }
  if (rule?.min !== undefined) {
    if (current < rule.min - tolerance(rule.min))
      fail(`min ${rule.min}`, `${formatAgainst(current, rule.min)} is below the minimum ${rule.min}`);
    else pass(`min ${rule.min}`);
  }
  if (rule?.max !== undefined) {
    if (current > rule.max + tolerance(rule.max))
      fail(`max ${rule.max}`, `${formatAgainst(current, rule.max)} is above the maximum ${rule.max}`);
    else pass(`max ${rule.max}`);
  }
  const relative = rule?.['max-regression'] !== undefined || rule?.['max-regression-pct'] !== undefined;
  if (baseline === undefined)
    return { ...base, change: null, changePct: null, checks, status: statusOf(checks, 'new') };
  if (!Number.isFinite(baseline)) {
    // Comparing against NaN silently passes in MLflow; here a relative rule cannot be checked, so it fails.
    if (relative)
      fail('finite', `the baseline of ${input.metric} is ${baseline}; a regression rule needs a finite baseline`);
    return { ...base, change: null, changePct: null, checks, status: statusOf(checks, 'new') };
  }

  const change = current - baseline;
  const worse = worsening(direction, baseline, current);
  const tol = tolerance(baseline, current);
  const { noisy, why } = noiseOf(input);
  const regressionCheck = (name: string, broken: boolean, reason: string) => {
    if (!broken) pass(name);
    else if (noisy) checks.push({ rule: name, passed: false, noise: true, reason: `${reason}, but ${why}` });
    else fail(name, why ? `${reason}; ${why}` : reason);
  };
  const maxRegression = rule?.['max-regression'];
  if (maxRegression !== undefined) {
    regressionCheck(
      `max-regression ${maxRegression}`,
      worse > maxRegression + tol,
      `worse by ${formatAmount(worse)}, more than the allowed ${maxRegression}`,
    );
  }
  const maxPct = rule?.['max-regression-pct'];
  if (maxPct !== undefined) {
    // A zero baseline has no scale: docs/formats.md says it allows no worsening at all.
    const pct = baseline === 0 ? (worse > tol ? Infinity : 0) : (worse / Math.abs(baseline)) * 100;
    regressionCheck(
      `max-regression-pct ${maxPct}%`,
      pct > maxPct + 1e-9,
      baseline === 0
        ? `worse by ${formatAmount(worse)} against a zero baseline, which allows no worsening`
        : `worse by ${Math.abs(pct).toFixed(2)}% of |baseline|, more than the allowed ${maxPct}%`,
    );
  }
  const trend: MetricStatus = worse > tol ? 'worse' : worse < -tol ? 'improved' : 'unchanged';
  return { ...base, change, changePct: changePercent(baseline, current), checks, status: statusOf(checks, trend) };
}

/**
 * Whether a broken regression rule is within noise under require-significance, and why in words: a paired test
 * decides by its p-value; a metric without one keeps the rule of overlapping intervals.
 */
function noiseOf(input: MetricInput): { noisy: boolean; why: string } {
  if (!input.requireSignificance) return { noisy: false, why: '' };
  if (input.paired) {
    const significance = input.significance ?? 0.05;
    const why = significanceText(input.paired, significance);
    return isSignificant(input.paired, significance)
      ? { noisy: false, why: `significant (${why})` }
      : { noisy: true, why: `not significant (${why})` };
  }
  const noisy = overlap(input.intervals?.baseline, input.intervals?.current);
  return { noisy, why: noisy ? 'the intervals overlap' : '' };
}

function statusOf(checks: RuleCheck[], otherwise: MetricStatus): MetricStatus {
  if (checks.some((c) => !c.passed && !c.noise)) return 'failed';
  if (checks.some((c) => c.noise)) return 'noise';
  return otherwise;
}
