/**
 * The `comparison` block of the metrics document (docs/formats.md, "Paired comparison"): per metric the baseline's
 * and the current model's values, the difference, its 95% interval and a paired test's p-value. accuracy: McNemar's
 * test (its interval the paired bootstrap's); roc_auc: DeLong's test and interval; every other metric: the paired
 * bootstrap. Both models' rows are in the same order (see baseline-predictions.ts).
 */
import type { PairedMetric } from '../contracts/metrics.ts';
import { intervalsOf, type Interval } from '../metrics/bootstrap.ts';
import { positiveMask } from '../metrics/binary.ts';
import { delong } from '../metrics/paired/delong.ts';
import { discordantPairs, mcnemar } from '../metrics/paired/mcnemar.ts';
import { pairedInterval } from '../metrics/paired/paired-bootstrap.ts';
import type { MetricValues, Warn } from '../metrics/types.ts';
import type { TaskData } from './load.ts';
import { parallelPairedSamples } from './paired-bootstrap-workers.ts';

/** Resamples of the paired bootstrap when the `bootstrap` input is 0. */
export const DEFAULT_PAIRED_RESAMPLES = 1000;

export interface PairedInputs {
  current: TaskData;
  baseline: TaskData;
  currentMetrics: MetricValues;
  baselineMetrics: MetricValues;
  resamples: number;
  seed: number;
  workerScript?: string | undefined;
  onProgress?: ((done: number) => void) | undefined;
}

/** The paired comparison of every metric both models have, and the current model's own bootstrap intervals. */
export async function comparePaired(
  input: PairedInputs,
  warn: Warn,
): Promise<{ paired: Record<string, PairedMetric>; currentIntervals: Record<string, Interval> }> {
  const { current, baseline, currentMetrics, baselineMetrics } = input;
  const names = Object.keys(currentMetrics).filter((n) => n in baselineMetrics);
  const samples = await parallelPairedSamples(current, baseline, names, input.resamples, input.seed, {
    script: input.workerScript,
    onProgress: input.onProgress,
  });
  const roc =
    current.task === 'binary' &&
    baseline.task === 'binary' &&
    current.data.score &&
    baseline.data.score &&
    names.includes('roc_auc')
      ? delong(positiveMask(current.data), current.data.score, baseline.data.score)
      : undefined;
  if (names.includes('roc_auc') && !roc)
    warn(
      "roc_auc: DeLong's test needs two rows of each class and a standard error above 0; compared by the paired bootstrap instead",
    );

  const paired: Record<string, PairedMetric> = {};
  for (const name of names) {
    const values = {
      baseline: baselineMetrics[name]!,
      current: currentMetrics[name]!,
      difference: currentMetrics[name]! - baselineMetrics[name]!,
    };
    if (name === 'roc_auc' && roc) {
      paired[name] = {
        ...values,
        low: roc.low,
        high: roc.high,
        level: 0.95,
        p_value: roc.p_value,
        statistic: roc.statistic,
        test: 'delong',
      };
      continue;
    }
    const interval = pairedInterval(samples.difference[name]!);
    if (!interval) {
      warn(`${name}: undefined in every paired resample, so it has no paired comparison`);
      continue;
    }
    if (name === 'accuracy' && current.task !== 'regression' && baseline.task !== 'regression') {
      const c = current.data,
        b = baseline.data;
      const { b: baseOnly, c: currentOnly } = discordantPairs(
        (i) => b.truth[i] === b.predicted[i],
        (i) => c.truth[i] === c.predicted[i],
        c.truth.length,
      );
      paired[name] = { ...values, ...interval, p_value: mcnemar(baseOnly, currentOnly).p_value, test: 'mcnemar' };
      continue;
    }
    paired[name] = { ...values, ...interval, test: 'paired-bootstrap' };
  }
  return { paired, currentIntervals: intervalsOf(samples.current) };
}
