/** Everything the metrics document holds, computed from loaded task data. */
import { binaryMetrics, positiveMask } from '../metrics/binary.ts';
import type { Interval } from '../metrics/bootstrap.ts';
import { calibrationCurve } from '../metrics/calibration.ts';
import { confusionCounts, presentOnly } from '../metrics/confusion.ts';
import { fairnessGaps, type FairnessGaps } from '../metrics/fairness.ts';
import { multiclassMetrics } from '../metrics/multiclass.ts';
import { rankingCurves, rankScores, RankingBuffers, type RankedScores } from '../metrics/ranking.ts';
import { regressionMetrics } from '../metrics/regression.ts';
import { multiclassSubset, regressionSubset, sliceGroups, SubsetBuffers } from '../metrics/slices.ts';
import type { MetricValues, Warn } from '../metrics/types.ts';
import { parallelIntervals } from './bootstrap-workers.ts';
import type { Loaded, TaskData } from './load.ts';

export type Point = [number, number];

export interface Evaluation {
  metrics: MetricValues;
  intervals?: Record<string, Interval>;
  slices?: Record<string, { rows: number } & MetricValues>;
  fairness?: Record<string, FairnessGaps>;
  confusion_matrix?: { labels: string[]; matrix: number[][] };
  curves?: { roc?: Point[]; pr?: Point[]; calibration?: Point[] };
}

/** The metrics of one task's rows (`ranked`: a binary score's ranking, when made). */
export function metricsOf(t: TaskData, warn: Warn, ranked?: RankedScores, positive?: Uint8Array): MetricValues {
  if (t.task === 'binary') return binaryMetrics(t.data, warn, { ranked, positive });
  if (t.task === 'multiclass') return multiclassMetrics(t.data, warn);
  return regressionMetrics(t.data, warn);
}

function subsetOf(t: Exclude<TaskData, { task: 'binary' }>, rows: Uint32Array, buffers: SubsetBuffers): TaskData {
  if (t.task === 'multiclass') return { task: t.task, data: multiclassSubset(t.data, rows, buffers) };
  return { task: t.task, data: regressionSubset(t.data, rows, buffers) };
}

/**
 * Metrics, slices, fairness gaps, intervals, confusion matrix and curves. `workerScript`: what bootstrap worker
 * threads run (see bootstrap-workers.ts); without it the resamples run in this thread.
 */
export async function evaluate(
  loaded: Loaded,
  options: { bootstrap: number; seed: number; onProgress?: (n: number) => void; workerScript?: string },
  warn: Warn,
): Promise<Evaluation> {
  // one ranking of the binary score serves the metrics and the curves; each slice ranks its own rows
  const positive = loaded.task === 'binary' ? positiveMask(loaded.data) : undefined;
  const score = loaded.task === 'binary' ? loaded.data.score : undefined;
  // one pair of arrays for every ranking: the whole file's, then (its curves drawn) each slice's in turn
  // (a slice's positives and negatives are no more than the file's: the scratch for the larger class serves all)
  let positives = 0;
  for (let i = 0; i < (positive?.length ?? 0); i++) positives += positive![i]!;
  const ranking = score ? new RankingBuffers(score.length, Math.max(positives, score.length - positives)) : undefined;
  const ranked = score ? rankScores(positive!, score, undefined, ranking) : undefined;
  const out: Evaluation = { metrics: metricsOf(loaded, warn, ranked, positive) };
  const curves =
    score && ranked ? { ...rankingCurves(ranked), calibration: calibrationCurve(positive!, score) } : undefined;
  if (loaded.slices.length) {
    out.slices = {};
    const buffers = new SubsetBuffers();
    for (const column of loaded.slices) {
      const groups = sliceGroups(column);
      for (const g of groups) {
        const sliceWarn = (w: string) => warn(`slice ${g.key}: ${w}`);
        // binary slices are read in place (no gathered copy: the bench's peak memory); others are gathered
        const m =
          loaded.task === 'binary'
            ? binaryMetrics(loaded.data, sliceWarn, { positive, rows: g.rows, buffers: ranking })
            : metricsOf(subsetOf(loaded, g.rows, buffers), sliceWarn);
        out.slices[g.key] = { rows: g.rows.length, ...m };
      }
      if (loaded.task === 'binary')
        (out.fairness ??= {})[column.name] = fairnessGaps(loaded.data, groups, column.name, warn);
    }
  }
  if (options.bootstrap > 0) {
    out.intervals = await parallelIntervals(loaded, Object.keys(out.metrics), options.bootstrap, options.seed, {
      script: options.workerScript,
      onProgress: options.onProgress,
    });
  }
  if (loaded.task !== 'regression') {
    const d = loaded.data;
    const k = d.labels.length;
    const { kept, matrix } = presentOnly(confusionCounts(d.truth, d.predicted, k), k);
    const q = kept.length;
    out.confusion_matrix = {
      labels: kept.map((c) => d.labels[c]!),
      matrix: kept.map((_, a) => kept.map((_, b) => matrix[a * q + b]!)),
    };
  }
  if (curves) out.curves = curves;
  return out;
}
