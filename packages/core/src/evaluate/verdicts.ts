/** evaluate-model's threshold verdicts: absolute `min` / `max` bounds of CONTRACTS.md on the current metrics. */
import { directionOf, ruleFor, type Thresholds } from '../contracts/thresholds.ts';

export interface Verdict {
  metric: string;
  value?: number;
  min?: number;
  max?: number;
  direction: 'higher' | 'lower';
  passed: boolean;
  reason: string;
}

/** One verdict per metric with a min or max (a named metric missing from the document fails). */
export function thresholdVerdicts(metrics: Record<string, number>, thresholds: Thresholds): Verdict[] {
  const names = new Set([
    ...Object.keys(thresholds).filter((k) => k !== '*'),
    ...(thresholds['*'] ? Object.keys(metrics) : []),
  ]);
  const out: Verdict[] = [];
  for (const metric of [...names].sort()) {
    const rule = ruleFor(thresholds, metric);
    if (!rule || (rule.min === undefined && rule.max === undefined)) continue;
    const value = metrics[metric];
    const base = {
      metric,
      direction: directionOf(metric, rule),
      ...(rule.min !== undefined ? { min: rule.min } : {}),
      ...(rule.max !== undefined ? { max: rule.max } : {}),
    };
    if (value === undefined) {
      out.push({ ...base, passed: false, reason: 'missing: the metric was not computed for this task or data' });
    } else if (!Number.isFinite(value)) {
      out.push({ ...base, value, passed: false, reason: `${metric} is not a finite number` });
    } else if (rule.min !== undefined && value < rule.min) {
      out.push({ ...base, value, passed: false, reason: `below min ${rule.min}` });
    } else if (rule.max !== undefined && value > rule.max) {
      out.push({ ...base, value, passed: false, reason: `above max ${rule.max}` });
    } else out.push({ ...base, value, passed: true, reason: 'within bounds' });
  }
  return out;
}
