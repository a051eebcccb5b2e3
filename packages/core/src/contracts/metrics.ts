import { z } from 'zod';

/** The tasks evaluate-model scores. */
export const Task = z.enum(['binary', 'multiclass', 'regression']);
export type Task = z.infer<typeof Task>;

const Finite = z.number().refine(Number.isFinite, 'expected a finite number');
const Point = z.tuple([z.number(), z.number()]);

/** An interval around a metric (percentile bootstrap). */
export const Interval = z.object({ low: z.number(), high: z.number(), level: z.number().gt(0).lt(1) });
export type Interval = z.infer<typeof Interval>;

/** One metric compared on the same rows with the baseline model (docs/formats.md, "Paired comparison"). */
export const PairedMetric = z
  .object({
    baseline: Finite,
    current: Finite,
    /** current − baseline */
    difference: Finite,
    /** Absent only in SQL mode's accuracy, whose interval would need the paired bootstrap (the rows). */
    low: Finite.optional(),
    high: Finite.optional(),
    level: z.number().gt(0).lt(1),
    p_value: z.number().min(0).max(1),
    /** DeLong's Z (roc_auc). */
    statistic: Finite.optional(),
    test: z.enum(['mcnemar', 'delong', 'paired-bootstrap']),
  })
  .loose();
export type PairedMetric = z.infer<typeof PairedMetric>;

/** evaluate-model's `comparison` block: the baseline's predictions and metrics, and the paired tests per metric. */
export const Comparison = z
  .object({
    baseline: z.object({ predictions: z.string(), sha256: z.string(), metrics: z.record(z.string(), Finite) }).loose(),
    paired: z.record(z.string(), PairedMetric),
  })
  .loose();
export type Comparison = z.infer<typeof Comparison>;

/** The metrics document of docs/formats.md, written by evaluate-model and read by compare-to-baseline and package-docker. */
export const MetricsDocument = z
  .object({
    version: z.literal(1),
    task: Task,
    rows: z.number().int().nonnegative(),
    metrics: z.record(z.string(), Finite),
    intervals: z.record(z.string(), Interval).optional(),
    slices: z.record(z.string(), z.object({ rows: z.number().int().nonnegative() }).catchall(Finite)).optional(),
    fairness: z.record(z.string(), z.record(z.string(), Finite)).optional(),
    confusion_matrix: z
      .object({ labels: z.array(z.string()), matrix: z.array(z.array(z.number().int().nonnegative())) })
      .optional(),
    curves: z
      .object({ roc: z.array(Point), pr: z.array(Point), calibration: z.array(Point) })
      .partial()
      .optional(),
    model: z.object({ name: z.string().optional(), version: z.string().optional() }).optional(),
    comparison: Comparison.optional(),
    source: z.object({ predictions: z.string(), sha256: z.string(), commit: z.string().optional() }).loose().optional(),
    /** Late labels (evaluate-model `labels`): the predictions joined with labels that arrived later. */
    labels: z
      .object({
        file: z.string(),
        predictions: z.number().int().nonnegative(),
        labelled: z.number().int().nonnegative(),
        unlabelled: z.number().int().nonnegative(),
        unmatched: z.number().int().nonnegative(),
      })
      .loose()
      .optional(),
  })
  .loose();
export type MetricsDocument = z.infer<typeof MetricsDocument>;

/** True when a parsed JSON value claims to be a modelgate metrics document. */
export function isMetricsDocument(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { version?: unknown }).version === 1 &&
    'metrics' in value &&
    'task' in value
  );
}
