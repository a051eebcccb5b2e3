/**
 * evaluate-model's work, from typed inputs to outputs: the optional scoring command, the predictions read and
 * scored (with bootstrap intervals), the metrics document, the thresholds applied and the published summary.
 */
import type { ActionResult } from '../action/run.ts';
import { parseThresholds } from '../contracts/thresholds.ts';
import { inputError } from '../errors.ts';
import { hashWhileReading } from '../data/file-digests.ts';
import { writeOutputFile } from '../fs/output-path.ts';
import * as log from '../log.ts';
import { inert, thousands, withCommandsStopped } from '../log.ts';
import { monitoring } from '../publish/monitoring.ts';
import { publishReport } from '../publish/publish-report.ts';
import { getContext } from '../runner/environment.ts';
import { parseCommand, runCommand } from './command.ts';
import { evaluate, type Evaluation } from './compute.ts';
import { metricsDocument, sha256Of } from './document.ts';
import type { EvaluateModelInputs } from './evaluate-model-inputs.ts';
import type { LabelCounts } from './labels.ts';
import { loadPredictions, type LoadSpec } from './load.ts';
import { checkBaselineInputs, evaluateAgainstBaseline, loadSpecOf, withComparison } from './paired-evaluation.ts';
import { evaluateInDatabase, refuseBootstrap } from './sql-evaluate.ts';
import type { Task } from '../metrics/types.ts';
import { evaluationSummary } from './summary.ts';
import { checkTaskMetrics, thresholdVerdicts } from './verdicts.ts';

/** The late-labels join, when `labels` is given: it needs `key-column` to match labels to predictions. */
function lateLabels(inputs: EvaluateModelInputs): { path: string; keyColumn: string } | undefined {
  if (!inputs.labels) return undefined;
  if (!inputs['key-column'])
    throw inputError(
      'key-column',
      'is needed with labels: the column the predictions and the labels share (e.g. an id).',
    );
  return { path: inputs.labels, keyColumn: inputs['key-column'] };
}

/** At most this many warnings are printed; the job summary lists them all. */
const MAX_PRINTED_WARNINGS = 20;

export interface EvaluateModelOptions {
  /** The script bootstrap worker threads run: the action's bundle, which is also the worker. */
  workerScript: string;
}

/** Scores the predictions; fails (as a gate, not an error) when a threshold is not met. */
export async function runEvaluateModel(
  inputs: EvaluateModelInputs,
  { workerScript }: EvaluateModelOptions,
): Promise<ActionResult> {
  const thresholds = inputs.thresholds ? parseThresholds(inputs.thresholds) : {};
  const monitor = monitoring('evaluate-model', inputs);
  checkBaselineInputs(inputs);
  if (inputs.command) {
    const args = parseCommand(inputs.command);
    log.info(`Running ${inert(JSON.stringify(args))}`);
    // Its output is about the user's data: printed as text, never run as workflow commands.
    await withCommandsStopped(() => runCommand(args));
  }
  const spec: LoadSpec = {
    ...loadSpecOf(inputs),
    sliceColumns: inputs['slice-columns'] ?? [],
    labels: lateLabels(inputs),
  };
  const warnings = new Set<string>();
  const scored = inputs.connection
    ? await scoreInDatabase(inputs, spec, (w) => warnings.add(w))
    : await scoreFiles(spec, inputs, workerScript, (w) => warnings.add(w));
  const { loaded, evaluation, baseline } = scored;
  for (const w of [...warnings].slice(0, MAX_PRINTED_WARNINGS)) log.warning(inert(w));
  if (warnings.size > MAX_PRINTED_WARNINGS)
    log.warning(`${warnings.size - MAX_PRINTED_WARNINGS} more warnings: see the job summary.`);

  checkTaskMetrics(thresholds, loaded.task, Object.keys(evaluation.metrics), inputs.thresholds);
  const doc = withComparison(
    metricsDocument({
      task: loaded.task,
      rows: loaded.rows,
      evaluation,
      predictions: inputs.predictions,
      sha256: scored.sha256,
      commit: getContext().sha || undefined,
      model: { name: inputs['model-name'], version: inputs['model-version'] },
      labels: loaded.labelCounts,
    }),
    baseline?.comparison,
  );
  // SQL mode: the engine leads the source (CONTRACTS "Where the data lives")
  if (scored.engine) doc.source = { engine: scored.engine, ...doc.source! };
  await writeOutputFile('output', inputs.output, `${JSON.stringify(doc, null, 2)}\n`);

  const verdicts = thresholdVerdicts(doc.metrics, thresholds);
  const failed = verdicts.filter((v) => !v.passed);
  const outputs = {
    'metrics-file': inputs.output,
    metrics: JSON.stringify(doc.metrics),
    passed: failed.length ? 'false' : 'true',
    'issue-url': '',
  };
  const report = evaluationSummary({
    task: loaded.task,
    rows: loaded.rows,
    predictions: inputs.predictions,
    evaluation,
    verdicts,
    inferred: loaded.inferred,
    warnings: [...warnings],
    labels: loaded.labelCounts,
    ...(baseline ? { baseline: { evaluation: baseline.evaluation, comparison: baseline.comparison } } : {}),
  });
  await publishReport({
    action: 'evaluate-model',
    markdown: report,
    comment: inputs.comment,
    commentKey: inputs['comment-key'],
    token: inputs['github-token'],
  });
  const reasons = failed.map((v) => `${v.metric} ${v.reason}`).join('; ');
  const gate = failed.length ? `${failed.length} threshold(s) not met: ${reasons}` : '';
  const watched = await monitor.publish({
    markdown: report,
    failing: failed.length > 0,
    reason: `evaluate-model: ${gate || 'passed'}`,
  });
  outputs['issue-url'] = watched.issueUrl;
  const failure = [gate, ...watched.problems].filter(Boolean);
  return failure.length ? { outputs, report, failure: failure.join(' ') } : { outputs, report };
}

/** What either mode hands on to the document and the summary. */
interface Scored {
  loaded: { task: Task; rows: number; inferred?: string | undefined; labelCounts?: LabelCounts | undefined };
  evaluation: Evaluation;
  /** With baseline-predictions: the baseline's evaluation and the paired comparison. */
  baseline?: Awaited<ReturnType<typeof evaluateAgainstBaseline>> | undefined;
  sha256: string;
  /** SQL mode: the engine the metrics were computed in. */
  engine?: string;
}

/** File mode: the predictions read into memory and scored (with bootstrap intervals). */
async function scoreFiles(
  spec: LoadSpec,
  inputs: EvaluateModelInputs,
  workerScript: string,
  warn: (w: string) => void,
): Promise<Scored> {
  // the document's sha256 is taken as the predictions are read, not by reading them again
  hashWhileReading(spec.predictions);
  const loaded = await loadPredictions(spec);
  if (loaded.inferred) log.info(inert(loaded.inferred));
  log.info(`Read ${thousands(loaded.rows)} rows from ${loaded.files.map(inert).join(', ')}`);
  const bar = log.progress('bootstrap', 'resamples');
  // with a baseline, the paired bootstrap resamples the current rows too and gives their intervals
  const pairedRun = !!inputs['baseline-predictions'];
  const evaluation = await evaluate(
    loaded,
    { bootstrap: pairedRun ? 0 : inputs.bootstrap, seed: inputs.seed, onProgress: (n) => bar.tick(n), workerScript },
    warn,
  );
  if (inputs.bootstrap && !pairedRun) bar.done(inputs.bootstrap);
  const baseline = pairedRun
    ? await evaluateAgainstBaseline(inputs, loaded, evaluation, workerScript, warn)
    : undefined;
  if (baseline?.intervals) evaluation.intervals = baseline.intervals;
  return { loaded, evaluation, baseline, sha256: await sha256Of(loaded.files) };
}

/** SQL mode: the metrics computed in the engine `connection` names; only aggregates cross the wire. */
async function scoreInDatabase(
  inputs: EvaluateModelInputs,
  spec: LoadSpec,
  warn: (w: string) => void,
): Promise<Scored> {
  refuseBootstrap(inputs.bootstrap);
  const baselinePredictions = inputs['baseline-predictions'];
  const r = await evaluateInDatabase(
    inputs.connection!,
    spec,
    warn,
    baselinePredictions ? { predictions: baselinePredictions, keyColumn: inputs['key-column'] } : undefined,
  );
  if (r.inferred) log.info(inert(r.inferred));
  log.info(`Evaluated ${thousands(r.rows)} rows in ${r.engine}; ${thousands(r.bytesReceived)} bytes received`);
  return {
    loaded: { task: r.task, rows: r.rows, inferred: r.inferred, labelCounts: r.labelCounts },
    evaluation: r.evaluation,
    ...(r.baseline ? { baseline: r.baseline } : {}),
    sha256: r.sha256,
    engine: r.engine,
  };
}
