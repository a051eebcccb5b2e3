/**
 * compare-to-baseline's work, from typed inputs to outputs: the metrics compared with the baseline under the
 * thresholds, the trend of the default branch, the published report and PR comment, and the metrics saved as
 * the next runs' baseline on a push to the default branch. Or, with `post-report`, a fork PR's saved report
 * posted from a workflow_run job.
 */
import { readFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import type { ActionResult } from '../action/run.ts';
import { readMetricsFile } from '../contracts/metrics-file.ts';
import { parseThresholds, type Thresholds } from '../contracts/thresholds.ts';
import { inputError } from '../errors.ts';
import { writeFileAtomic } from '../fs/atomic.ts';
import { saveArtifact } from '../github/artifact.ts';
import * as log from '../log.ts';
import { inert } from '../log.ts';
import { postSavedReport } from '../publish/post-saved-report.ts';
import { monitoring } from '../publish/monitoring.ts';
import { publishReport } from '../publish/publish-report.ts';
import { displayPath } from '../report/paths.ts';
import { getContext, loadGitHubClient, runnerTemp, type GitHubContext } from '../runner/environment.ts';
import { metricsArtifactName, resolveBaseline, type Baseline } from './baseline.ts';
import { compareSnapshots } from './compare.ts';
import type { CompareToBaselineInputs } from './compare-to-baseline-inputs.ts';
import { checkThresholdMetrics } from './config.ts';
import { loadHistory } from './history.ts';
import { pairedBaseline, type PairedTest } from './paired.ts';
import { readParamsDiff } from './params-read.ts';
import { comparisonSummary } from './summary.ts';

const ACTION = 'compare-to-baseline';

function isDefaultBranchPush(context: GitHubContext): boolean {
  const branch = context.defaultBranch ?? 'main';
  return context.eventName === 'push' && context.ref === `refs/heads/${branch}`;
}

/** The metrics charted in the trend: those the thresholds name, else the first three. */
function keyMetrics(thresholds: Thresholds, current: Record<string, number>): string[] {
  const named = Object.keys(thresholds).filter((m) => m !== '*' && m in current);
  return (named.length ? named : Object.keys(current)).slice(0, 3);
}

/** Compares the metrics with the baseline; fails (as a gate, not an error) on a failed rule with fail-on-regression. */
export async function runCompareToBaseline(inputs: CompareToBaselineInputs): Promise<ActionResult> {
  const context = getContext();
  const token = inputs['github-token'];
  if (token) log.setSecret(token);
  // The client (artifacts, trend, comment) exists only with a token: local runs never load Octokit.
  const client = token ? await loadGitHubClient(token, context) : undefined;

  if (inputs['post-report']) {
    const url = await postSavedReport({ path: inputs['post-report'], token: token ?? '', context });
    return { outputs: { 'comment-url': url ?? '' } };
  }
  const metricsPath = inputs.metrics;
  if (!metricsPath)
    throw inputError('metrics', 'is required: the path of the current metrics file (unless post-report is given).');
  const label = relative(process.cwd(), metricsPath) || metricsPath;
  const current = await readMetricsFile(metricsPath, { input: 'metrics', file: label });
  const thresholds = inputs.thresholds ? parseThresholds(inputs.thresholds) : {};
  const monitor = monitoring(ACTION, inputs, context);
  const artifactName = metricsArtifactName(inputs['comment-key']);
  const significance = inputs.significance;
  if (!(significance > 0 && significance < 1))
    throw inputError('significance', `got ${significance}: expected a p-value above 0 and below 1, e.g. 0.05.`);

  let baseline: Baseline;
  let paired: Record<string, PairedTest> | undefined;
  if (inputs.baseline === 'paired') {
    // The other model on the same rows, from the current document's comparison block (evaluate-model wrote it).
    const found = await pairedBaseline(current, metricsPath, label);
    baseline = { snapshot: found.snapshot, source: found.source };
    paired = found.paired;
  } else {
    const spec = /^(auto|git:|artifact:)/.test(inputs.baseline) ? inputs.baseline : resolve(inputs.baseline);
    baseline = await resolveBaseline({
      spec,
      metricsPath,
      context,
      client,
      artifactName,
      display: inputs.baseline,
    });
    if (!/^(auto|git:|artifact:)/.test(inputs.baseline)) baseline.source = displayPath(inputs.baseline);
  }
  const params = inputs.params?.length
    ? await readParamsDiff({
        files: inputs.params,
        baselineCommit: baseline.commit,
        baselineSource: baseline.source,
        context,
      })
    : undefined;
  const known = [...new Set([...Object.keys(current.metrics), ...Object.keys(baseline.snapshot?.metrics ?? {})])];
  checkThresholdMetrics(thresholds, known, inputs.thresholds);
  const comparison = compareSnapshots(current, baseline.snapshot, thresholds, {
    requireSignificance: inputs['require-significance'],
    ...(paired ? { paired, significance } : {}),
  });

  const history =
    client && inputs.history > 0
      ? await loadHistory({
          client,
          context,
          branch: context.defaultBranch ?? 'main',
          artifactName,
          metricsFile: basename(metricsPath),
          limit: inputs.history,
        })
      : [];
  const report = comparisonSummary({
    title: inputs.title,
    comparison,
    baselineSource: baseline.source,
    failOnRegression: inputs['fail-on-regression'],
    history,
    keyMetrics: keyMetrics(thresholds, current.metrics),
    params,
    pairedRows: current.document?.rows,
    footer: {
      baseSource: baseline.snapshot ? baseline.source : `none yet (${baseline.source})`,
      baseCommit: baseline.commit,
      headCommit: context.pullRequest?.headSha ?? context.sha,
      runUrl: context.runUrl,
    },
  });
  const reportPath = join(runnerTemp(), 'modelgate', ACTION, 'report.md');
  await writeFileAtomic(reportPath, report.toString());

  const published = await publishReport({
    action: ACTION,
    markdown: report,
    comment: inputs.comment,
    commentKey: inputs['comment-key'],
    commentMode: inputs['comment-mode'],
    token,
    context,
  });
  if (isDefaultBranchPush(context)) {
    // Later runs read this artifact as their baseline and trend.
    await saveArtifact(artifactName, { [basename(metricsPath)]: await readFile(metricsPath, 'utf8') });
  }

  const outputs = {
    passed: String(comparison.passed),
    regressions: JSON.stringify(comparison.regressions),
    improvements: JSON.stringify(comparison.improvements),
    report: reportPath,
    'comment-url': published.commentUrl ?? '',
    'issue-url': '',
  };
  const metrics = [...new Set(comparison.regressions.map((r) => r.metric))].join(', ');
  const message = `${comparison.regressions.length} rule(s) failed against the baseline: ${metrics}.`;
  const watched = await monitor.publish({
    markdown: report,
    failing: !comparison.passed,
    reason: `compare-to-baseline: ${comparison.passed ? 'passed' : message}`,
  });
  outputs['issue-url'] = watched.issueUrl;
  if (!comparison.passed && !inputs['fail-on-regression'])
    log.warning(`${inert(message)} fail-on-regression is false, so the step passes.`);
  const failure = [!comparison.passed && inputs['fail-on-regression'] ? message : '', ...watched.problems].filter(
    Boolean,
  );
  return failure.length ? { outputs, report, failure: failure.join(' ') } : { outputs, report };
}
