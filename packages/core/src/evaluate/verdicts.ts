/** evaluate-model's threshold verdicts: absolute `min` / `max` bounds of docs/formats.md on the current metrics. */
import { checkThresholdMetrics } from '../compare/config.ts';
import { directionOf, ruleFor, type Thresholds } from '../contracts/thresholds.ts';
import type { ParsedDocument } from '../inputs/document.ts';
import type { Task } from '../metrics/types.ts';

/** Every metric evaluate-model computes for a task (docs/formats.md), some only with score columns. */
export const TASK_METRICS: Record<Task, readonly string[]> = {
  binary: [
    'accuracy',
    'balanced_accuracy',
    'precision',
    'recall',
    'f1',
    'mcc',
    'cohen_kappa',
    'roc_auc',
    'average_precision',
    'log_loss',
    'brier_score',
  ],
  multiclass: [
    'accuracy',
    'balanced_accuracy',
    'precision_macro',
    'recall_macro',
    'f1_macro',
    'precision_weighted',
    'recall_weighted',
    'f1_weighted',
    'mcc',
    'cohen_kappa',
    'log_loss',
    'roc_auc_ovr',
  ],
  regression: ['mae', 'mse', 'rmse', 'r2', 'mape', 'median_ae', 'max_error', 'explained_variance'],
};

/**
 * A threshold on a metric this task never has (a typo, or another task's metric) is a configuration mistake, as
 * compare-to-baseline says too: stop naming the valid ones, instead of reporting "threshold not met". A metric
 * of the task that this data could not give (roc_auc without a score column, or of one class only) is no typo:
 * it fails as missing.
 */
export function checkTaskMetrics(
  thresholds: Thresholds,
  task: Task,
  computed: readonly string[],
  doc?: ParsedDocument,
): void {
  const known = [...new Set([...computed, ...TASK_METRICS[task]])];
  checkThresholdMetrics(thresholds, known, doc, `evaluate-model computes no metric of that name for a ${task} task`);
}

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
