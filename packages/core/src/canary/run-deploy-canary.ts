/**
 * deploy-canary's work, from typed inputs to outputs: the rollout planned (and only described on a dry run),
 * run step by step with measured analysis and automatic rollback, and the published summary.
 */
import { join } from 'node:path';
import type { ActionResult } from '../action/run.ts';
import { inputError } from '../errors.ts';
import { writeFileAtomic } from '../fs/atomic.ts';
import { Cluster } from '../kube/cluster.ts';
import { loadKubeConfig } from '../kube/config.ts';
import { makeTarget } from '../kube/make-target.ts';
import * as log from '../log.ts';
import { inert } from '../log.ts';
import { parseHeaders } from '../prometheus/headers.ts';
import { publishReport } from '../publish/publish-report.ts';
import { runnerTemp, runOwner } from '../runner/environment.ts';
import { parseAnalysis } from './analysis.ts';
import type { DeployCanaryInputs } from './deploy-canary-inputs.ts';
import { runRollout, type RolloutResult } from './engine.ts';
import { planActions, type RolloutPlan } from './plan.ts';
import { parseSteps } from './steps.ts';
import { rolloutSummary } from './summary.ts';

/** The routers that can send the new version a mirrored copy of stable's requests. */
const MIRRORING_ROUTERS: readonly string[] = ['gateway-api', 'istio'];

/** Progressive canary or blue-green rollout; fails (as a gate, not an error) when it was rolled back or paused. */
export async function runDeployCanary(inputs: DeployCanaryInputs): Promise<ActionResult> {
  // readInputs has masked the header values and the kubeconfig's credentials before anything parsed them.
  const headers = parseHeaders(inputs['prometheus-headers']);
  const steps = parseSteps(inputs.steps);
  const checks = parseAnalysis(inputs.analysis);
  const dryRun = inputs['dry-run'];
  const strategy = inputs.strategy;
  const mirror = inputs.mirror;
  if (mirror && !MIRRORING_ROUTERS.includes(inputs.router))
    throw inputError(
      'mirror',
      `the ${inputs.router} router cannot mirror traffic: mirroring needs router gateway-api (HTTPRoute RequestMirror filter) or istio (VirtualService mirror). Set mirror: false or change the router.`,
    );
  if (checks.length && !inputs['prometheus-url'] && !dryRun)
    throw inputError('prometheus-url', `is required: analysis has ${checks.length} check(s) to query.`);
  const prometheusUrl = inputs['prometheus-url'];
  if (prometheusUrl && !/^https?:\/\/[^/]/.test(prometheusUrl))
    throw inputError('prometheus-url', `got ${JSON.stringify(prometheusUrl)}: expected an http(s):// URL.`);

  const kube = dryRun ? undefined : await loadKubeConfig(inputs.kubeconfig);
  const user = kube?.config.getCurrentUser();
  for (const secret of [user?.token, user?.password]) if (secret) log.setSecret(secret);
  const namespace = inputs.namespace ?? kube?.contextNamespace ?? 'default';
  const target = makeTarget({
    namespace,
    name: inputs.name,
    image: inputs.image,
    container: inputs.container,
    router: inputs.router,
    route: inputs.route ?? inputs.name,
    timeoutMs: inputs.timeout,
    owner: runOwner(),
    strategy,
  });
  const plan: RolloutPlan = {
    name: inputs.name,
    namespace,
    image: inputs.image,
    router: inputs.router,
    target: target.describe(),
    steps,
    intervalMs: inputs.interval,
    timeoutMs: inputs.timeout,
    onFailure: inputs['on-failure'],
    checks,
    strategy,
    mirror,
  };

  let result: RolloutResult;
  if (dryRun) {
    log.info(
      `Dry run: ${inert(namespace)}/${inert(inputs.name)} → ${inert(inputs.image)} by ${inputs.router}, ${strategy === 'blue-green' ? 'blue-green' : `steps ${steps.join(', ')}%`}${mirror ? ', mirrored first' : ''}, ${checks.length} check(s); nothing is changed.`,
    );
    for (const action of planActions(plan)) log.info(`  ${inert(action)}`);
    result = { outcome: 'dry-run', steps: [], leftBehind: [], notes: [], timeline: [] };
  } else {
    result = await runRollout({
      target: target.connect(await Cluster.connect(kube!.config, namespace)),
      subject: { name: inputs.name, namespace, track: strategy === 'blue-green' ? 'green' : 'canary' },
      steps,
      intervalMs: inputs.interval,
      checks,
      prometheus: prometheusUrl ? { url: prometheusUrl, headers } : undefined,
      onFailure: inputs['on-failure'],
      strategy,
      mirror,
    });
  }

  const report = rolloutSummary({ plan, result });
  const published = await publishReport({ action: 'deploy-canary', markdown: report, comment: false });
  const reportPath = join(runnerTemp(), 'deploy-canary-report.md');
  await writeFileAtomic(reportPath, published.markdown);
  const planned =
    strategy === 'blue-green'
      ? [
          { step: 1, phase: 'preview', weight: 0, planned: true },
          { step: 2, phase: 'switched', weight: 100, planned: true },
        ]
      : [
          ...(mirror ? [{ step: 0, phase: 'mirror', weight: 0, planned: true }] : []),
          ...steps.map((weight, n) => ({ step: n + 1, phase: 'step', weight, planned: true })),
        ];
  const stepsJson = dryRun ? planned : result.steps;
  const outputs = {
    outcome: result.outcome,
    steps: JSON.stringify(stepsJson),
    report: reportPath,
    'left-behind': JSON.stringify(result.leftBehind),
  };
  log.info(`Outcome: ${result.outcome}${result.reason ? ` (${inert(result.reason)})` : ''}.`);
  if (result.outcome === 'rolled-back')
    return {
      outputs,
      report,
      failure: `The ${strategy === 'blue-green' ? 'green version' : 'canary'} was rolled back: ${result.reason}`,
    };
  if (result.outcome === 'rollback-failed')
    return {
      outputs,
      report,
      failure: `The rollback failed and the canary is left running (see left-behind): ${result.reason}`,
    };
  if (result.outcome === 'paused') return { outputs, report, failure: `The rollout is paused: ${result.reason}` };
  return { outputs, report };
}
