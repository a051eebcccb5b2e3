import type { MetricsDocument } from '../contracts/metrics.ts';
import { directionOf, ruleFor, type Thresholds } from '../contracts/thresholds.ts';
import { changePercent, tolerance, worsening } from './metric.ts';
import type { FairnessChange, SliceChange } from './types.ts';

/**
 * Slice metrics that got worse, for slices present in both documents. Reported, not gated: slices are small
 * and noisy, so a regression is flagged when it breaks the metric's own regression rule (any worsening when
 * the metric has none), worst first.
 */
export function compareSlices(
  current: MetricsDocument | undefined,
  baseline: MetricsDocument | undefined,
  thresholds: Thresholds,
): SliceChange[] {
  if (!current?.slices || !baseline?.slices) return [];
  const out: SliceChange[] = [];
  for (const [slice, now] of Object.entries(current.slices)) {
    const before = baseline.slices[slice];
    if (!before) continue;
    for (const [metric, value] of Object.entries(now)) {
      const old = before[metric];
      if (metric === 'rows' || old === undefined || !Number.isFinite(value) || !Number.isFinite(old)) continue;
      const rule = ruleFor(thresholds, metric);
      const direction = directionOf(metric, rule);
      const worse = worsening(direction, old, value);
      if (worse <= tolerance(old, value)) continue;
      // Stryker disable next-line ConditionalExpression: equivalent for `false`, worse > 0 here so worse / |0| is Infinity too
      const pct = old === 0 ? Infinity : (worse / Math.abs(old)) * 100;
      const limits = [rule?.['max-regression'], rule?.['max-regression-pct']];
      const regression =
        limits.every((l) => l === undefined) ||
        // Stryker disable next-line ConditionalExpression: equivalent for `true`, a missing limit compares as NaN, which is never exceeded
        (limits[0] !== undefined && worse > limits[0] + tolerance(old, value)) ||
        // Stryker disable next-line ConditionalExpression: equivalent for `true`, a missing limit compares as NaN, which is never exceeded
        (limits[1] !== undefined && pct > limits[1] + 1e-9);
      out.push({
        slice,
        metric,
        direction,
        baseline: old,
        current: value,
        change: value - old,
        changePct: changePercent(old, value),
        regression,
      });
    }
  }
  const size = (s: SliceChange) => Math.abs(s.changePct ?? Infinity);
  return out.sort((a, b) => Number(b.regression) - Number(a.regression) || size(b) - size(a));
}

/** Fairness gaps (lower is better) that differ between the documents, or exist on one side only. */
export function compareFairness(
  current: MetricsDocument | undefined,
  baseline: MetricsDocument | undefined,
): FairnessChange[] {
  if (!current?.fairness || !baseline?.fairness) return [];
  const out: FairnessChange[] = [];
  const attributes = new Set([...Object.keys(current.fairness), ...Object.keys(baseline.fairness)]);
  for (const attribute of attributes) {
    const now = current.fairness[attribute] ?? {};
    const before = baseline.fairness[attribute] ?? {};
    for (const gap of new Set([...Object.keys(now), ...Object.keys(before)])) {
      const c = now[gap] ?? null;
      const b = before[gap] ?? null;
      const change = c !== null && b !== null ? c - b : null;
      // Stryker disable next-line LogicalOperator: equivalent, b and c are not null here and the tolerance is scaled by the larger
      if (change !== null && Math.abs(change) <= tolerance(b ?? 0, c ?? 0)) continue;
      out.push({ attribute, gap, baseline: b, current: c, change });
    }
  }
  return out.sort((a, b) => (b.change ?? Infinity) - (a.change ?? Infinity));
}
