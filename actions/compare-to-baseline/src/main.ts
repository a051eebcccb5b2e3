import * as core from '@actions/core';
import { readFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import type { RunResult } from '@modelgate/core/action/run';
import { resolveBaseline, metricsArtifactName } from '@modelgate/core/compare/baseline';
import { compareSnapshots } from '@modelgate/core/compare/compare';
import { checkThresholdMetrics } from '@modelgate/core/compare/config';
import { loadHistory } from '@modelgate/core/compare/history';
import { buildCompareReport } from '@modelgate/core/compare/summary';
import { readMetricsFile } from '@modelgate/core/contracts/metrics-file';
import { parseThresholds, type Thresholds } from '@modelgate/core/contracts/thresholds';
import { inputError } from '@modelgate/core/errors';
import { writeFileAtomic } from '@modelgate/core/fs/atomic';
import { saveArtifact } from '@modelgate/core/github/artifact';
import { getContext, type GitHubContext } from '@modelgate/core/runner/environment';
import { readInputs } from '@modelgate/core/inputs/read';
import { publishReport } from '@modelgate/core/publish/publish-report';
import { postSavedReport } from '@modelgate/core/publish/post-saved-report';
import { displayPath } from '@modelgate/core/report/paths';
import { inputs } from '../../../packages/core/src/compare/compare-to-baseline-inputs.ts';

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

/** Compares the metrics with the baseline, reports, comments, and fails the step on a failed rule. */
export async function run(): Promise<RunResult> {
  const values = readInputs(inputs);
  const context = getContext();
  const token = values['github-token'];
  if (token) core.setSecret(token);
  // Octokit loads only with a token (artifacts, trend, comment): local runs start faster without it.
  const client = token
    ? (await import('@modelgate/core/github/octokit')).githubClient(token, context.apiUrl)
    : undefined;

  if (values['post-report']) {
    const url = await postSavedReport({ path: values['post-report'], token: token ?? '', context });
    core.setOutput('comment-url', url ?? '');
    return {};
  }
  const metricsPath = values.metrics;
  if (!metricsPath)
    throw inputError('metrics', 'is required: the path of the current metrics file (unless post-report is given).');
  const label = relative(process.cwd(), metricsPath) || metricsPath;
  const current = await readMetricsFile(metricsPath, { input: 'metrics', file: label });
  const thresholds = values.thresholds ? parseThresholds(values.thresholds) : {};
  const artifactName = metricsArtifactName(values['comment-key']);

  const spec = /^(auto|git:|artifact:)/.test(values.baseline) ? values.baseline : resolve(values.baseline);
  const baseline = await resolveBaseline({
    spec,
    metricsPath,
    context,
    client,
    artifactName,
    display: values.baseline,
  });
  if (!/^(auto|git:|artifact:)/.test(values.baseline)) baseline.source = displayPath(values.baseline);
  const known = [...new Set([...Object.keys(current.metrics), ...Object.keys(baseline.snapshot?.metrics ?? {})])];
  checkThresholdMetrics(thresholds, known, values.thresholds);
  const comparison = compareSnapshots(current, baseline.snapshot, thresholds, {
    requireSignificance: values['require-significance'],
  });

  const history =
    client && values.history > 0
      ? await loadHistory({
          client,
          context,
          branch: context.defaultBranch ?? 'main',
          artifactName,
          metricsFile: basename(metricsPath),
          limit: values.history,
        })
      : [];
  const markdown = buildCompareReport({
    title: values.title,
    comparison,
    baselineSource: baseline.source,
    failOnRegression: values['fail-on-regression'],
    history,
    keyMetrics: keyMetrics(thresholds, current.metrics),
    footer: {
      baseSource: baseline.snapshot ? baseline.source : `none yet (${baseline.source})`,
      baseCommit: baseline.commit,
      headCommit: context.pullRequest?.headSha ?? context.sha,
      runUrl: context.runUrl,
    },
  });
  const reportPath = join(process.env.RUNNER_TEMP ?? tmpdir(), 'modelgate', ACTION, 'report.md');
  await writeFileAtomic(reportPath, markdown.toString());

  const published = await publishReport({
    action: ACTION,
    markdown,
    comment: values.comment,
    commentKey: values['comment-key'],
    commentMode: values['comment-mode'],
    token,
    context,
  });
  if (isDefaultBranchPush(context)) {
    // Later runs read this artifact as their baseline and trend.
    await saveArtifact(artifactName, { [basename(metricsPath)]: await readFile(metricsPath, 'utf8') });
  }

  core.setOutput('passed', String(comparison.passed));
  core.setOutput('regressions', JSON.stringify(comparison.regressions));
  core.setOutput('improvements', JSON.stringify(comparison.improvements));
  core.setOutput('report', reportPath);
  core.setOutput('comment-url', published.commentUrl ?? '');
  if (!comparison.passed) {
    const metrics = [...new Set(comparison.regressions.map((r) => r.metric))].join(', ');
    const message = `${comparison.regressions.length} rule(s) failed against the baseline: ${metrics}.`;
    if (values['fail-on-regression']) return { failure: message };
    core.warning(`${message} fail-on-regression is false, so the step passes.`);
  }
  return {};
}
