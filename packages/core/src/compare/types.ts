import type { Interval } from '../contracts/metrics.ts';
import type { PairedTest } from './paired.ts';

/** Which way is better for a metric. */
export type Direction = 'higher' | 'lower';

/**
 * The outcome for one metric. `failed`: a rule failed; `noise`: a regression rule would fail but, under
 * require-significance, the paired test's p-value is not below `significance` (or, without one, the 95%
 * intervals overlap); `worse`/`improved`/`unchanged`: against the baseline, within the
 * rules; `new`: not in the baseline; `removed`: in the baseline only, and no threshold names it.
 */
export type MetricStatus = 'failed' | 'noise' | 'worse' | 'improved' | 'unchanged' | 'new' | 'removed';

/** One rule checked on one metric, e.g. `max-regression 0.01`. */
export interface RuleCheck {
  /** The rule as the user wrote it: `min 0.85`, `max-regression-pct 5%`, or `present` / `finite`. */
  rule: string;
  passed: boolean;
  /** Failed on the numbers, but within noise (not significant in the paired test, or overlapping intervals). */
  noise?: boolean;
  /** Why, in words, when it did not pass. */
  reason?: string;
}

/** The comparison of one metric. Values are `null` when the metric is absent on that side. */
export interface MetricComparison {
  metric: string;
  direction: Direction;
  /** `rule` when the thresholds say it, `name` when inferred from the metric's name. */
  directionFrom: 'rule' | 'name';
  baseline: number | null;
  current: number | null;
  /** current - baseline (null when either is absent). */
  change: number | null;
  /** change in percent of |baseline|; null when either is absent or the baseline is zero (and a change exists). */
  changePct: number | null;
  checks: RuleCheck[];
  status: MetricStatus;
  /** The 95% intervals of both sides, when the metrics documents have them (shown behind "within noise"). */
  intervals?: { baseline?: Interval | undefined; current?: Interval | undefined };
  /** The paired test of both models on the same rows (`baseline: paired`). */
  paired?: PairedTest;
}

/** An entry of the `regressions` / `improvements` outputs (issue 4). */
export interface ChangeEntry {
  metric: string;
  baseline: number | null;
  current: number | null;
  change: number | null;
  change_pct: number | null;
  rule: string;
}

/** A slice metric that got worse (reported, not gated). */
export interface SliceChange {
  slice: string;
  metric: string;
  direction: Direction;
  baseline: number;
  current: number;
  change: number;
  changePct: number | null;
  /** True when the change breaks the metric's regression rule (or, without one, is any worsening). */
  regression: boolean;
}

/** A fairness gap (lower is better) that changed between the documents. */
export interface FairnessChange {
  attribute: string;
  gap: string;
  baseline: number | null;
  current: number | null;
  change: number | null;
}

/** The whole comparison of a current metrics snapshot against a baseline (or none yet). */
export interface Comparison {
  /** False when any rule failed (within-noise regressions do not count). */
  passed: boolean;
  hasBaseline: boolean;
  metrics: MetricComparison[];
  regressions: ChangeEntry[];
  improvements: ChangeEntry[];
  slices: SliceChange[];
  fairness: FairnessChange[];
  /** The p-value below which a paired test's difference is significant (`significance`), with `baseline: paired`. */
  significance?: number;
}
