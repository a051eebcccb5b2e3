import { fileURLToPath } from 'node:url';
import * as core from '@actions/core';
import type { RunResult } from '@modelgate/core/action/run';
import { parseThresholds } from '@modelgate/core/contracts/thresholds';
import { parseCommand, runCommand } from '@modelgate/core/evaluate/command';
import { evaluate } from '@modelgate/core/evaluate/compute';
import { metricsDocument, sha256Of } from '@modelgate/core/evaluate/document';
import { loadPredictions } from '@modelgate/core/evaluate/load';
import { evaluationSummary } from '@modelgate/core/evaluate/summary';
import { checkTaskMetrics, thresholdVerdicts } from '@modelgate/core/evaluate/verdicts';
import { writeFileAtomic } from '@modelgate/core/fs/atomic';
import { readInputs } from '@modelgate/core/inputs/read';
import { progress } from '@modelgate/core/log';
import { publishReport } from '@modelgate/core/publish/publish-report';
import { inputs } from '../../../packages/core/src/evaluate/evaluate-model-inputs.ts';

/** Scores the predictions, writes the metrics document and the report, and applies the thresholds (issue #3). */
export async function run(): Promise<RunResult> {
  const i = readInputs(inputs);
  const thresholds = i.thresholds ? parseThresholds(i.thresholds) : {};
  if (i.command) {
    const args = parseCommand(i.command);
    core.info(`Running ${JSON.stringify(args)}`);
    await runCommand(args);
  }
  const loaded = await loadPredictions({
    predictions: i.predictions,
    task: i.task,
    labelColumn: i['label-column'],
    predictionColumn: i['prediction-column'],
    scoreColumn: i['score-column'],
    scoreColumns: i['score-columns'],
    classes: i.classes,
    positiveLabel: i['positive-label'],
    sliceColumns: i['slice-columns'] ?? [],
  });
  if (loaded.inferred) core.info(loaded.inferred);
  core.info(`Read ${loaded.rows.toLocaleString('en-US')} rows from ${loaded.files.join(', ')}`);

  const warnings = new Set<string>();
  const bar = progress('bootstrap', 'resamples');
  const evaluation = await evaluate(
    loaded,
    {
      bootstrap: i.bootstrap,
      seed: i.seed,
      onProgress: (n) => bar.tick(n),
      // the bundle is also the bootstrap workers' script (src/index.ts)
      workerScript: fileURLToPath(import.meta.url),
    },
    (w) => warnings.add(w),
  );
  if (i.bootstrap) bar.done(i.bootstrap);
  for (const w of [...warnings].slice(0, 20)) core.warning(w);
  if (warnings.size > 20) core.warning(`${warnings.size - 20} more warnings: see the job summary.`);

  checkTaskMetrics(thresholds, loaded.task, Object.keys(evaluation.metrics), i.thresholds);
  const doc = metricsDocument({
    task: loaded.task,
    rows: loaded.rows,
    evaluation,
    predictions: i.predictions,
    sha256: await sha256Of(loaded.files),
    commit: process.env.GITHUB_SHA,
    model: { name: i['model-name'], version: i['model-version'] },
  });
  await writeFileAtomic(i.output, `${JSON.stringify(doc, null, 2)}\n`);

  const verdicts = thresholdVerdicts(doc.metrics, thresholds);
  const failed = verdicts.filter((v) => !v.passed);
  core.setOutput('metrics-file', i.output);
  core.setOutput('metrics', JSON.stringify(doc.metrics));
  core.setOutput('passed', failed.length ? 'false' : 'true');

  const markdown = evaluationSummary({
    task: loaded.task,
    rows: loaded.rows,
    predictions: i.predictions,
    evaluation,
    verdicts,
    inferred: loaded.inferred,
    warnings: [...warnings],
  });
  await publishReport({
    action: 'evaluate-model',
    markdown,
    comment: i.comment,
    commentKey: i['comment-key'],
    token: i['github-token'],
  });
  if (failed.length)
    return {
      failure: `${failed.length} threshold(s) not met: ${failed.map((v) => `${v.metric} ${v.reason}`).join('; ')}`,
    };
  return {};
}
