/**
 * evaluate-model with `baseline-predictions`: the baseline's rows paired with the current ones, its metrics and
 * curves, and the `comparison` block. The paired bootstrap's current-model samples are the plain bootstrap's (same
 * seed, same weights), so they give the document's `intervals` too and the current rows are resampled once.
 */
import { Comparison, MetricsDocument } from '../contracts/metrics.ts';
import { inputError } from '../errors.ts';
import * as log from '../log.ts';
import type { Interval } from '../metrics/bootstrap.ts';
import type { Warn } from '../metrics/types.ts';
import { loadBaseline } from './baseline-predictions.ts';
import { evaluate, type Evaluation } from './compute.ts';
import { sha256Of } from './document.ts';
import type { EvaluateModelInputs } from './evaluate-model-inputs.ts';
import type { LoadSpec, Loaded } from './load.ts';
import { comparePaired, DEFAULT_PAIRED_RESAMPLES } from './paired-comparison.ts';

/** What the comparison with the baseline adds to a run. */
export interface BaselineEvaluation {
  comparison: Comparison;
  /** The baseline's own evaluation (metrics, curves) for the report. */
  evaluation: Evaluation;
  /** The current model's bootstrap intervals, when `bootstrap` asked for them. */
  intervals?: Record<string, Interval>;
}

/** The read of the current predictions, from the inputs: the baseline is read with the same columns. */
export function loadSpecOf(inputs: EvaluateModelInputs): LoadSpec {
  return {
    predictions: inputs.predictions,
    task: inputs.task,
    labelColumn: inputs['label-column'],
    predictionColumn: inputs['prediction-column'],
    scoreColumn: inputs['score-column'],
    scoreColumns: inputs['score-columns'],
    classes: inputs.classes,
    positiveLabel: inputs['positive-label'],
    sliceColumns: [],
  };
}

/** Refuses key-column without a baseline or labels: it would be ignored, silently. */
export function checkBaselineInputs(inputs: EvaluateModelInputs): void {
  if (inputs['key-column'] && !inputs['baseline-predictions'] && !inputs.labels)
    throw inputError(
      'key-column',
      'pairs the rows of baseline-predictions with the predictions, or joins labels to them; set baseline-predictions or labels too, or leave key-column empty.',
    );
}

/** Reads the baseline, pairs its rows with `current`'s and compares the two models. */
export async function evaluateAgainstBaseline(
  inputs: EvaluateModelInputs,
  current: Loaded,
  currentEvaluation: Evaluation,
  workerScript: string | undefined,
  warn: Warn,
): Promise<BaselineEvaluation> {
  const path = inputs['baseline-predictions']!;
  const baseline = await loadBaseline(current, loadSpecOf(inputs), path, inputs['key-column']);
  log.info(
    `Paired ${log.thousands(current.rows)} rows with the baseline ${baseline.files.map(log.inert).join(', ')}` +
      (inputs['key-column'] ? ` by ${log.inert(inputs['key-column'])}` : ' by position'),
  );
  const baselineWarn = (w: string) => warn(`baseline: ${w}`);
  const evaluation = await evaluate(
    { ...baseline.data, rows: current.rows, files: baseline.files, slices: [] },
    { bootstrap: 0, seed: inputs.seed },
    baselineWarn,
  );
  const resamples = inputs.bootstrap || DEFAULT_PAIRED_RESAMPLES;
  const bar = log.progress('paired bootstrap', 'resamples');
  const { paired, currentIntervals } = await comparePaired(
    {
      current,
      baseline: baseline.data,
      currentMetrics: currentEvaluation.metrics,
      baselineMetrics: evaluation.metrics,
      resamples,
      seed: inputs.seed,
      workerScript,
      onProgress: (n) => bar.tick(n),
    },
    warn,
  );
  bar.done(resamples);
  const comparison: Comparison = {
    baseline: { predictions: path, sha256: await sha256Of(baseline.files), metrics: evaluation.metrics },
    paired,
  };
  return { comparison, evaluation, ...(inputs.bootstrap ? { intervals: currentIntervals } : {}) };
}

/** The document with its `comparison` block, validated again. */
export function withComparison(doc: MetricsDocument, comparison: Comparison | undefined): MetricsDocument {
  return comparison ? MetricsDocument.parse({ ...doc, comparison }) : doc;
}
