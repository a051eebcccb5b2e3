import { join } from 'node:path';
import * as core from '@actions/core';
import { inputError } from '@modelgate/core/errors';
import { writeFileAtomic } from '@modelgate/core/fs/atomic';
import { inputEnvName, readInputs } from '@modelgate/core/inputs/read';
import { parseAnalysis } from '@modelgate/core/canary/analysis';
import { runRollout, type RolloutResult } from '@modelgate/core/canary/engine';
import { rolloutReport, type ReportContext } from '@modelgate/core/canary/summary';
import { planActions } from '@modelgate/core/canary/plan';
import { parseSteps } from '@modelgate/core/canary/steps';
import { Cluster } from '@modelgate/core/kube/cluster';
import { loadKubeConfig } from '@modelgate/core/kube/config';
import { DeploymentTarget } from '@modelgate/core/kube/deployment-target';
import { KServeTarget } from '@modelgate/core/kube/kserve';
import { parseHeaders } from '@modelgate/core/prometheus/headers';
import { publishReport } from '@modelgate/core/publish/publish-report';
import { inputs } from '../../../packages/core/src/canary/deploy-canary-inputs.ts';

/** Who holds the rollout lock: the workflow run, so a re-run of the same attempt is recognised. */
function owner(): string {
  const { GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: attempt } = process.env;
  return repo && run ? `${repo}/actions/runs/${run}/attempts/${attempt ?? '1'}` : `local-${process.pid}-${Date.now()}`;
}

/** Progressive canary rollout with measured analysis and automatic rollback (issue #7). */
export async function run(): Promise<{ failure?: string }> {
  // Mask the header values before anything else can print them.
  const headers = parseHeaders(process.env[inputEnvName('prometheus-headers')]);
  for (const value of Object.values(headers)) {
    if (value) core.setSecret(value);
    // `Bearer <token>`: the credential alone is masked too, should it be printed without its scheme.
    const credential = /^\S+\s+(\S+)$/.exec(value)?.[1];
    if (credential) core.setSecret(credential);
  }
  const i = readInputs(inputs);
  const steps = parseSteps(i.steps);
  const checks = parseAnalysis(i.analysis);
  if (checks.length && !i['prometheus-url'] && !i['dry-run'])
    throw inputError('prometheus-url', `is required: analysis has ${checks.length} check(s) to query.`);
  const prometheusUrl = i['prometheus-url'];
  if (prometheusUrl && !/^https?:\/\/[^/]/.test(prometheusUrl))
    throw inputError('prometheus-url', `got ${JSON.stringify(prometheusUrl)}: expected an http(s):// URL.`);

  const dryRun = i['dry-run'];
  const kube = dryRun ? undefined : loadKubeConfig(i.kubeconfig);
  const user = kube?.config.getCurrentUser();
  for (const secret of [user?.token, user?.password]) if (secret) core.setSecret(secret);
  const namespace = i.namespace ?? kube?.contextNamespace ?? 'default';
  const context: ReportContext = {
    name: i.name,
    namespace,
    image: i.image,
    router: i.router,
    route: i.route ?? i.name,
    steps,
    intervalMs: i.interval,
    timeoutMs: i.timeout,
    onFailure: i['on-failure'],
    checks,
  };

  let result: RolloutResult;
  if (dryRun) {
    core.info(
      `Dry run: ${namespace}/${i.name} → ${i.image} by ${i.router}, steps ${steps.join(', ')}%, ${checks.length} check(s); nothing is changed.`,
    );
    for (const action of planActions(context)) core.info(`  ${action}`);
    result = { outcome: 'dry-run', steps: [], leftBehind: [], notes: [], timeline: [] };
  } else {
    const cluster = new Cluster(kube!.config, namespace);
    const common = {
      cluster,
      name: i.name,
      image: i.image,
      container: i.container,
      timeoutMs: i.timeout,
      owner: owner(),
    };
    const target =
      i.router === 'kserve'
        ? new KServeTarget(common)
        : new DeploymentTarget({ ...common, router: i.router, route: i.route ?? i.name });
    result = await runRollout({
      target,
      subject: { name: i.name, namespace },
      steps,
      intervalMs: i.interval,
      checks,
      prometheus: prometheusUrl ? { url: prometheusUrl, headers } : undefined,
      onFailure: i['on-failure'],
    });
  }

  const markdown = rolloutReport(context, result);
  const published = await publishReport({ action: 'deploy-canary', markdown, comment: false });
  const reportPath = join(process.env['RUNNER_TEMP'] || process.cwd(), 'deploy-canary-report.md');
  await writeFileAtomic(reportPath, published.markdown);
  const stepsJson = dryRun ? steps.map((weight, n) => ({ step: n + 1, weight, planned: true })) : result.steps;
  core.setOutput('outcome', result.outcome);
  core.setOutput('steps', JSON.stringify(stepsJson));
  core.setOutput('report', reportPath);
  core.setOutput('left-behind', JSON.stringify(result.leftBehind));
  core.info(`Outcome: ${result.outcome}${result.reason ? ` (${result.reason})` : ''}.`);
  if (result.outcome === 'rolled-back') return { failure: `The canary was rolled back: ${result.reason}` };
  if (result.outcome === 'rollback-failed')
    return { failure: `The rollback failed and the canary is left running (see left-behind): ${result.reason}` };
  if (result.outcome === 'paused') return { failure: `The rollout is paused: ${result.reason}` };
  return {};
}
