import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpRoute, stableDeployment, stableService } from '../../standins/kube/index.ts';
import {
  ERROR_RATE_ANALYSIS,
  leftovers,
  runDeployCanary,
  setErrorRates,
  startKubeStandIn,
  startMetrics,
  writesTo,
  type KubeStandIn,
  type Metrics,
} from './harness.ts';
import type { OpenJson } from '@modelgate/core/kube/cluster';

let metrics: Metrics;
let api: KubeStandIn;
beforeAll(async () => {
  metrics = await startMetrics();
}, 30_000);
afterAll(() => metrics?.close());
afterEach(() => api?.close());

async function cluster(name: string): Promise<KubeStandIn> {
  api = await startKubeStandIn();
  api.seed(stableDeployment(name));
  api.seed(stableService(name));
  api.seed(httpRoute(name, name));
  return api;
}

function rollout(name: string, extra: Record<string, string> = {}) {
  return runDeployCanary(api, {
    image: `registry.local/${name}:2.0`,
    name,
    steps: '20,60,100',
    analysis: ERROR_RATE_ANALYSIS,
    'prometheus-url': metrics.prometheus.url,
    ...extra,
  });
}

/** Stable at 100% (the HTTPRoute exactly as before), the old image, no canary objects, no lock. */
function expectRestored(name: string): void {
  expect((api.find('HTTPRoute', name) as OpenJson).spec).toEqual((httpRoute(name, name) as OpenJson).spec);
  expect((api.find('Deployment', name) as OpenJson).spec.template.spec.containers[0].image).toBe(
    'registry.local/churn:1.0',
  );
  expect(leftovers(api, name)).toEqual([]);
}

describe('deploy-canary rolls back', { timeout: 90_000 }, () => {
  it('when the canary passes a threshold, at the first step', async () => {
    await cluster('threshold');
    await setErrorRates(metrics, 'threshold', { canary: 0.09, stable: 0.01 });
    const result = await rollout('threshold');
    expect(result.exitCode).toBe(1);
    expect(result.outputs['outcome']).toBe('rolled-back');
    expect(result.stdout).toContain('Outcome: rolled-back (step 1 (20%): error-rate: canary 0.09 > max 0.05)');
    expect(JSON.parse(result.outputs['steps']!)).toHaveLength(1);
    expect(result.summary).toMatch(/\| error-rate \| 0\.09 \| 0\.01 \| .* \| ❌ fail \|/);
    expectRestored('threshold');
  });

  it('when the canary regresses against stable more than max-regression-pct', async () => {
    await cluster('regression');
    await setErrorRates(metrics, 'regression', { canary: 0.03, stable: 0.01 });
    const result = await rollout('regression');
    expect(result.outputs['outcome']).toBe('rolled-back');
    expect(result.stdout).toMatch(/canary 0\.03 is worse than stable 0\.01 by 200%, over 50%/);
    expectRestored('regression');
  });

  it('when the canary has no data (on-no-data: fail by default)', async () => {
    await cluster('nodata');
    await setErrorRates(metrics, 'nodata', { stable: 0.01 });
    const result = await rollout('nodata');
    expect(result.outputs['outcome']).toBe('rolled-back');
    expect(result.stdout).toContain('no data for the canary track (on-no-data: fail)');
    expectRestored('nodata');
  });

  it('when the canary is not ready before the timeout, before any traffic moves', async () => {
    await cluster('unready');
    api.store.readiness.set('unready-canary', 'never');
    await setErrorRates(metrics, 'unready', { canary: 0.01, stable: 0.01 });
    const result = await rollout('unready', { timeout: '2s' });
    expect(result.outputs['outcome']).toBe('rolled-back');
    expect(result.stdout).toMatch(
      /Deployment default\/unready-canary was not ready after 2 s: 0 of 4 updated replicas available/,
    );
    // The route was only ever written back to its original state.
    expect(writesTo(api, 'httproutes').map((w) => w.status)).toEqual([200]);
    expectRestored('unready');
  });

  it('when the API server fails midway (the second weight change answers 500)', async () => {
    await cluster('apierror');
    await setErrorRates(metrics, 'apierror', { canary: 0.01, stable: 0.01 });
    api.failOn({ method: 'PATCH', path: /httproutes/, nth: 2, status: 500 });
    const result = await rollout('apierror');
    expect(result.outputs['outcome']).toBe('rolled-back');
    expect(result.stdout).toContain('patching HTTPRoute default/apierror: HTTP 500: injected failure');
    expect(writesTo(api, 'httproutes').map((w) => w.status)).toEqual([200, 500, 200]);
    expectRestored('apierror');
  });

  it('tolerates failures up to failure-limit, then rolls back', async () => {
    await cluster('limit');
    await setErrorRates(metrics, 'limit', { canary: 0.09, stable: 0.01 });
    const analysis = `${ERROR_RATE_ANALYSIS}  failure-limit: 1\n`;
    const result = await rollout('limit', { analysis });
    expect(result.outputs['outcome']).toBe('rolled-back');
    expect(JSON.parse(result.outputs['steps']!).map((s: OpenJson) => s.passed)).toEqual([true, false]);
    expectRestored('limit');
  });

  it('pauses instead with on-failure: pause, leaving the canary and weights; the next run cleans them up', async () => {
    await cluster('paused');
    await setErrorRates(metrics, 'paused', { canary: 0.09, stable: 0.01 });
    const result = await rollout('paused', { 'on-failure': 'pause' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs['outcome']).toBe('paused');
    expect(api.find('Deployment', 'paused-canary')).toBeDefined();
    expect(leftovers(api, 'paused')).toEqual(['Deployment paused-canary', 'Service paused-canary']);
    const pausedRefs = (api.find('HTTPRoute', 'paused') as OpenJson).spec.rules[0].backendRefs;
    expect(pausedRefs.map((r: OpenJson) => `${r.name}=${r.weight}`)).toEqual(['paused=80', 'paused-canary=20']);

    // A fixed canary is rolled out by the next run, which first cleans up what the paused one left.
    await setErrorRates(metrics, 'paused', { canary: 0.01, stable: 0.01 });
    const again = await rollout('paused');
    expect(again.exitCode, again.stdout).toBe(0);
    expect(again.outputs['outcome']).toBe('promoted');
    expect((api.find('HTTPRoute', 'paused') as OpenJson).spec).toEqual(
      (httpRoute('paused', 'paused') as OpenJson).spec,
    );
    expect(leftovers(api, 'paused')).toEqual([]);
  });
});
