import { z } from 'zod';
import type { ParsedDocument } from '../inputs/document.ts';
import { documentError } from './zod-errors.ts';

/** The keys a threshold rule may have (docs/formats.md). */
export const RULE_KEYS = ['min', 'max', 'max-regression', 'max-regression-pct', 'direction'] as const;

// Stryker disable next-line StringLiteral: equivalent, zod's number() already refuses Infinity and NaN with its own words
const Bound = z.number().refine(Number.isFinite, 'expected a finite number');
/** One metric's rules. */
export const Rule = z.strictObject({
  min: Bound.optional(),
  max: Bound.optional(),
  'max-regression': Bound.refine((v) => v >= 0, 'max-regression must be zero or positive').optional(),
  'max-regression-pct': Bound.refine(
    (v) => v >= 0,
    'max-regression-pct must be zero or positive (a percentage of |baseline|)',
  ).optional(),
  direction: z.enum(['higher', 'lower'], { message: "direction must be 'higher' or 'lower'" }).optional(),
});
export type Rule = z.infer<typeof Rule>;

/** Thresholds: metric name (or `*` for every metric without its own entry) -> rule. */
export const Thresholds = z.record(z.string(), Rule);
export type Thresholds = z.infer<typeof Thresholds>;

/** Parses a thresholds document (inline or file), with errors naming the metric, key and line. */
export function parseThresholds(doc: ParsedDocument): Thresholds {
  if (doc.data === null || doc.data === undefined) return {};
  if (typeof doc.data !== 'object' || Array.isArray(doc.data)) {
    throw doc.error('thresholds must be a mapping of metric name to rules, e.g. "accuracy: { min: 0.85 }".');
  }
  const parsed = Thresholds.safeParse(doc.data);
  if (!parsed.success) throw documentError(doc, parsed.error, 'thresholds', () => RULE_KEYS);
  for (const [metric, rule] of Object.entries(parsed.data)) {
    if (rule.min !== undefined && rule.max !== undefined && rule.min > rule.max) {
      throw doc.error(`min (${rule.min}) is greater than max (${rule.max}).`, [metric]);
    }
  }
  return parsed.data;
}

const LOWER_WORDS = new Set([
  'loss',
  'error',
  'mae',
  'mse',
  'rmse',
  'mape',
  'brier',
  'latency',
  'duration',
  'time',
  'memory',
  'size',
]);

/** Which way is better for a metric: the rule's `direction`, else inferred from the name (docs/formats.md). */
export function directionOf(metric: string, rule?: Rule): 'higher' | 'lower' {
  if (rule?.direction) return rule.direction;
  if (metric === 'median_ae') return 'lower';
  const words = metric.toLowerCase().split(/[_./-]/);
  return words.some((w) => LOWER_WORDS.has(w)) ? 'lower' : 'higher';
}

/**
 * The rule that applies to a metric: its own entry, else `*`. Own entries only: a metric named `toString` or
 * `constructor` would otherwise get Object.prototype's function as its rule, which checks nothing.
 */
export function ruleFor(thresholds: Thresholds, metric: string): Rule | undefined {
  return Object.hasOwn(thresholds, metric) ? thresholds[metric] : thresholds['*'];
}
