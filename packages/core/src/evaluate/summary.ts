/** The job summary of evaluate-model: metric table, confusion matrix, charts, slices, fairness and verdicts. */
import { Markdown, fmt, type Inline } from '../report/markdown.ts';
import { displayPath } from '../report/paths.ts';
import type { Evaluation, Point } from './compute.ts';
import type { Task } from '../metrics/types.ts';
import type { LabelCounts } from './labels.ts';
import type { Verdict } from './verdicts.ts';
import type { Comparison } from '../contracts/metrics.ts';
import { calibrationByBin, CALIBRATION_BIN_CENTERS, pairedSection } from './paired-summary.ts';
import { thousands } from '../log.ts';

const f = (v: number | undefined) => (v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(4));
const GRID = Array.from({ length: 11 }, (_, i) => i / 10);
/** Columns of the slice table beside any thresholded metric, per task. */
const SLICE_METRICS: Record<Task, string[]> = {
  binary: ['accuracy', 'f1', 'roc_auc', 'precision', 'recall'],
  multiclass: ['accuracy', 'f1_macro', 'balanced_accuracy'],
  regression: ['mae', 'rmse', 'r2'],
};
const MAX_SLICE_METRICS = 5;

/** y of a polyline at x (linear between points; the highest y where x repeats, as a ROC step). */
function at(points: Point[], x: number): number {
  let best = 0;
  for (let i = 0; i < points.length; i++) {
    const [x0, y0] = points[i]!;
    if (x0 === x) best = Math.max(best, y0);
    const next = points[i + 1];
    if (next && x0 < x && next[0] > x) return y0 + ((next[1] - y0) * (x - x0)) / (next[0] - x0);
  }
  return best;
}

/** What the evaluate-model summary is made from. */
export interface EvaluationSummaryInput {
  task: string;
  rows: number;
  predictions: string;
  evaluation: Evaluation;
  verdicts: Verdict[];
  inferred?: string | undefined;
  warnings: string[];
  /** Late labels: how many predictions were labelled and scored, how many wait for a label. */
  labels?: LabelCounts | undefined;
  /** With baseline-predictions: the baseline's evaluation (its curves are drawn beside the model's) and the tests. */
  baseline?: { evaluation: Evaluation; comparison: Comparison } | undefined;
}

/** The summary, in the order a reviewer reads it. */
export function evaluationSummary(input: EvaluationSummaryInput): Markdown {
  const e = input.evaluation;
  const md = new Markdown().heading(2, `evaluate-model: ${input.task}, ${thousands(input.rows)} rows`);
  md.paragraph(fmt.code(displayPath(input.predictions)), input.inferred ? ` (${input.inferred})` : '');
  if (input.labels) md.paragraph(...labelsLine(input.labels));
  if (input.verdicts.length) {
    const failed = input.verdicts.filter((v) => !v.passed);
    md.paragraph(
      fmt.bold(
        failed.length
          ? `❌ ${failed.length} of ${input.verdicts.length} thresholds not met`
          : `✅ all ${input.verdicts.length} thresholds met`,
      ),
    );
    md.table(
      ['metric', 'value', 'min', 'max', 'better', 'verdict'],
      input.verdicts.map((v) => [
        v.metric,
        f(v.value),
        f(v.min),
        f(v.max),
        v.direction,
        v.passed ? '✅ pass' : `❌ ${v.reason}`,
      ]),
    );
  }
  const iv = e.intervals ?? {};
  md.table(
    ['metric', 'value', ...(e.intervals ? ['95% interval'] : [])],
    Object.entries(e.metrics).map(([m, v]) => [
      m,
      f(v),
      ...(e.intervals ? [iv[m] ? `${f(iv[m].low)} – ${f(iv[m].high)}` : '—'] : []),
    ]),
    ['left', 'right', 'right'],
  );
  if (input.baseline) md.append(pairedSection(input.baseline.comparison));
  if (e.confusion_matrix) {
    const { labels, matrix } = e.confusion_matrix;
    md.heading(3, 'Confusion matrix (rows: truth, columns: predicted)');
    md.table(
      ['', ...labels],
      matrix.map((row, i) => [labels[i]!, ...row.map(String)]),
    );
  }
  // with a baseline, both models are drawn (as `dvc plots diff` overlays them): the baseline first, the model on top
  const b = input.baseline?.evaluation.curves;
  const baselineNote = b ? ' Orange: the baseline.' : '';
  if (e.curves?.roc) {
    const bm = input.baseline?.evaluation.metrics;
    md.chart({
      title: `ROC (AUC ${f(e.metrics.roc_auc)}${b?.roc ? `, baseline ${f(bm?.roc_auc)}` : ''})`,
      x: { label: 'false positive rate', categories: GRID.map(String) },
      y: { label: 'true positive rate', min: 0, max: 1 },
      series: [
        ...(b?.roc
          ? [{ kind: 'line' as const, values: GRID.map((x) => at(b.roc!, x)), role: 'reference' as const }]
          : []),
        { kind: 'line', values: GRID.map((x) => at(e.curves!.roc!, x)) },
        { kind: 'line', values: GRID, role: 'guide' },
      ],
    });
    md.paragraph(`Blue: the model.${baselineNote} Grey: chance (the diagonal).`);
  }
  if (e.curves?.pr) {
    const bm = input.baseline?.evaluation.metrics;
    md.chart({
      title: `Precision-recall (AP ${f(e.metrics.average_precision)}${b?.pr ? `, baseline ${f(bm?.average_precision)}` : ''})`,
      x: { label: 'recall', categories: GRID.map(String) },
      y: { label: 'precision', min: 0, max: 1 },
      series: [
        ...(b?.pr
          ? [{ kind: 'line' as const, values: GRID.map((x) => at(b.pr!, x)), role: 'reference' as const }]
          : []),
        { kind: 'line', values: GRID.map((x) => at(e.curves!.pr!, x)) },
      ],
    });
    if (b?.pr) md.paragraph(`Blue: the model.${baselineNote}`);
  }
  if (e.curves?.calibration?.length && b?.calibration?.length) {
    // two models' bins have different mean probabilities: both are drawn per bin, as lines over the bin centres
    md.chart({
      title: 'Calibration (10 bins)',
      x: { label: 'predicted probability (bin centre)', categories: CALIBRATION_BIN_CENTERS.map((c) => c.toFixed(2)) },
      y: { label: 'fraction of positives', min: 0, max: 1 },
      series: [
        { kind: 'line', values: calibrationByBin(b.calibration), role: 'reference' },
        { kind: 'line', values: calibrationByBin(e.curves.calibration) },
        { kind: 'line', values: CALIBRATION_BIN_CENTERS, role: 'guide' },
      ],
    });
    md.paragraph(
      `Blue: the model.${baselineNote} Grey: perfect calibration. A bin without rows takes its neighbours' value.`,
    );
  } else if (e.curves?.calibration?.length) {
    const c = e.curves.calibration;
    md.chart({
      title: 'Calibration (10 bins)',
      x: { label: 'mean predicted probability', categories: c.map(([x]) => x.toFixed(2)) },
      y: { label: 'fraction of positives', min: 0, max: 1 },
      series: [
        { kind: 'bar', values: c.map(([, y]) => y) },
        { kind: 'line', values: c.map(([x]) => x), role: 'guide' },
      ],
    });
    md.paragraph('Blue bars: the model. Grey line: perfect calibration.');
  }
  if (e.slices) {
    const all = Object.keys(e.metrics);
    const rows = (names: string[]) =>
      Object.entries(e.slices!).map(([k, s]) => [k, String(s.rows), ...names.map((n) => f(s[n]))]);
    // A few columns a reviewer reads at a glance (the thresholded metrics, then the task's usual ones); every
    // metric per slice, as wide as that is, folded below.
    const key = [...new Set([...input.verdicts.map((v) => v.metric), ...SLICE_METRICS[input.task as Task]])]
      .filter((n) => all.includes(n))
      .slice(0, MAX_SLICE_METRICS);
    md.heading(3, 'Slices');
    md.table(['slice', 'rows', ...key], rows(key), ['left', 'right', ...key.map(() => 'right' as const)]);
    if (all.length > key.length)
      md.details(`Every metric per slice (${all.length})`, (d) =>
        d.table(['slice', 'rows', ...all], rows(all), ['left', 'right', ...all.map(() => 'right' as const)]),
      );
  }
  if (e.fairness) {
    md.heading(3, 'Fairness gaps (max − min across values)');
    md.table(
      ['column', 'accuracy gap', 'selection-rate gap', 'true-positive-rate gap'],
      Object.entries(e.fairness).map(([c, g]) => [
        c,
        f(g.accuracy_gap),
        f(g.selection_rate_gap),
        f(g.true_positive_rate_gap),
      ]),
    );
  }
  if (input.warnings.length)
    md.details(`${input.warnings.length} warning(s)`, (d) => d.list(input.warnings.slice(0, 50)));
  return md;
}

/** One sentence on the late labels: what was scored and what is still waiting. */
function labelsLine(c: LabelCounts): Inline[] {
  const n = thousands;
  return [
    'Labels from ',
    fmt.code(displayPath(c.file)),
    `: ${n(c.labelled)} of ${n(c.predictions)} predictions labelled and scored`,
    ...(c.unlabelled ? ['; ', fmt.bold(`${n(c.unlabelled)} have no label yet`), ' and are not scored'] : []),
    '.',
    c.unmatched ? ` ${n(c.unmatched)} label(s) match no prediction.` : '',
  ];
}
