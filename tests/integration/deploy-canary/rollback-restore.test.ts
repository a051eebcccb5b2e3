/**
 * A rollback never blackholes traffic: the route write is retried until `timeout`, the canary is deleted only
 * after the route reads back at 100% stable, and a route that cannot be restored leaves the canary running and
 * ends `rollback-failed`. For every router, and on every path that rolls back.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  httpRoute,
  inferenceService,
  stableDeployment,
  stableService,
  virtualService,
  type JsonObject,
  type RequestRecord,
} from '../../standins/kube/index.ts';
import {
  ERROR_RATE_ANALYSIS,
  leftovers,
  runDeployCanary,
  setErrorRates,
  startKubeStandIn,
  startMetrics,
  whenRequested,
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

interface RouterCase {
  router: 'gateway-api' | 'istio' | 'replicas' | 'kserve';
  objects(name: string): JsonObject[];
  /** The object whose writes move traffic, and the rollback's write to it (as the stand-in sees its JSON). */
  route: { kind: string; plural: string; rollbackBody: RegExp };
  /** Where traffic goes now, read from the stand-in. */
  traffic(api: KubeStandIn, name: string): string;
  /** `traffic` before the rollout, and at the first step (20%). */
  before: string;
  atFirstStep: string;
}

const refs = (api: KubeStandIn, name: string) =>
  ((api.find('HTTPRoute', name) as OpenJson).spec.rules[0].backendRefs as OpenJson[])
    .map((r) => `${r.name}=${r.weight ?? 'all'}`)
    .join(',');

const ROUTERS: RouterCase[] = [
  {
    router: 'gateway-api',
    objects: (name) => [stableDeployment(name), stableService(name), httpRoute(name, name)],
    route: { kind: 'HTTPRoute', plural: 'httproutes', rollbackBody: /^(?!.*-canary)/ },
    traffic: refs,
    before: 'N=all',
    atFirstStep: 'N=80,N-canary=20',
  },
  {
    router: 'istio',
    objects: (name) => [stableDeployment(name), stableService(name), virtualService(name, name)],
    route: { kind: 'VirtualService', plural: 'virtualservices', rollbackBody: /^(?!.*-canary)/ },
    traffic: (api, name) =>
      ((api.find('VirtualService', name) as OpenJson).spec.http[0].route as OpenJson[])
        .map((d) => `${d.destination.host}=${d.weight ?? 'all'}`)
        .join(','),
    before: 'N=all',
    atFirstStep: 'N=80,N-canary=20',
  },
  {
    router: 'replicas',
    objects: (name) => [stableDeployment(name, 'registry.local/churn:1.0', 4), stableService(name)],
    route: { kind: 'Deployment', plural: 'deployments', rollbackBody: /"replicas":4/ },
    traffic: (api, name) =>
      [name, `${name}-canary`]
        .map((n) => `${n}=${(api.find('Deployment', n) as OpenJson | undefined)?.spec.replicas ?? 'none'}`)
        .join(','),
    before: 'N=4,N-canary=none',
    atFirstStep: 'N=3,N-canary=1',
  },
  {
    router: 'kserve',
    objects: (name) => [inferenceService(name)],
    route: { kind: 'InferenceService', plural: 'inferenceservices', rollbackBody: /"canaryTrafficPercent":null/ },
    traffic: (api, name) => {
      const predictor = (api.find('InferenceService', name) as OpenJson).spec.predictor;
      return `${predictor.containers[0].image}@${predictor.canaryTrafficPercent ?? 'all'}`;
    },
    before: 'registry.local/churn:1.0@all',
    atFirstStep: 'registry.local/N:2.0@20',
  },
];

async function cluster(c: RouterCase, name: string): Promise<void> {
  api = await startKubeStandIn();
  for (const object of c.objects(name)) api.seed(object);
}

function rollout(c: RouterCase, name: string, extra: Record<string, string> = {}) {
  return runDeployCanary(
    api,
    {
      image: `registry.local/${name}:2.0`,
      name,
      router: c.router,
      steps: '20,60,100',
      analysis: ERROR_RATE_ANALYSIS,
      'prometheus-url': metrics.prometheus.url,
      timeout: '3s',
      ...extra,
    },
    {},
  );
}

const at = (text: string, name: string) => text.replaceAll('N', name);
const line = (r: RequestRecord) => `${r.method} ${r.path.split('/').slice(-2).join('/')} ${r.status}`;
/** The request log from the rollback's first route write on, as `METHOD plural/name status` lines. */
function fromRollback(c: RouterCase, name: string): string[] {
  const first = api.requests.findIndex(
    (r) =>
      r.method === 'PATCH' &&
      r.path.endsWith(`/${c.route.plural}/${name}`) &&
      c.route.rollbackBody.test(JSON.stringify(r.body)),
  );
  expect(first).toBeGreaterThanOrEqual(0);
  return api.requests.slice(first).map(line);
}

describe.each(ROUTERS)('deploy-canary rollback through the $router router', { timeout: 90_000 }, (c) => {
  const name = `${c.router.replace('-api', '')}-once`;
  it('retries a rollback route write that answers 500, verifies the route, then deletes the canary', async () => {
    await cluster(c, name);
    await setErrorRates(metrics, name, { canary: 0.09, stable: 0.01 });
    api.failOn({
      method: 'PATCH',
      path: new RegExp(`/${c.route.plural}/${name}$`),
      body: c.route.rollbackBody,
      status: 500,
    });
    const result = await rollout(c, name);
    expect(result.exitCode).toBe(1);
    expect(result.outputs['outcome'], result.stdout).toBe('rolled-back');
    expect(result.outputs['left-behind']).toBe('[]');
    expect(result.stdout).toMatch(
      /Restoring .* failed \(attempt 1\): .*HTTP 500: injected failure\. Trying again in 0\.25 s/,
    );
    expect(c.traffic(api, name)).toBe(at(c.before, name));
    expect(leftovers(api, name)).toEqual([]);
    const log = fromRollback(c, name);
    const routeWrites = log.filter((l) => l.startsWith(`PATCH ${c.route.plural}/${name} `));
    expect(routeWrites.slice(0, 2)).toEqual([
      `PATCH ${c.route.plural}/${name} 500`,
      `PATCH ${c.route.plural}/${name} 200`,
    ]);
    // The route was read back after the write that took, and before anything was deleted.
    const restoredAt = log.indexOf(`PATCH ${c.route.plural}/${name} 200`);
    const readBackAt = log.indexOf(`GET ${c.route.plural}/${name} 200`, restoredAt);
    expect(readBackAt).toBeGreaterThan(restoredAt);
    const deletes = log.flatMap((l, i) => (l.startsWith('DELETE') ? [i] : []));
    if (c.router !== 'kserve') {
      expect(log.filter((l) => l.startsWith('DELETE'))).toEqual([
        `DELETE deployments/${name}-canary 200`,
        `DELETE services/${name}-canary 200`,
      ]);
      expect(Math.min(...deletes)).toBeGreaterThan(readBackAt);
    }
    // Nothing was deleted before the rollback's route write.
    expect(api.requests.filter((r) => r.method === 'DELETE')).toHaveLength(deletes.length);
  });

  const broken = `${c.router.replace('-api', '')}-broken`;
  it('leaves the canary running and ends rollback-failed when the route stays broken', async () => {
    await cluster(c, broken);
    await setErrorRates(metrics, broken, { canary: 0.09, stable: 0.01 });
    api.failOn({
      method: 'PATCH',
      path: new RegExp(`/${c.route.plural}/${broken}$`),
      body: c.route.rollbackBody,
      times: Infinity,
      status: 500,
    });
    const started = Date.now();
    const result = await rollout(c, broken);
    expect(result.exitCode).toBe(1);
    expect(result.outputs['outcome'], result.stdout).toBe('rollback-failed');
    // Traffic stays where the failed step put it, and so does the canary that serves it.
    expect(c.traffic(api, broken)).toBe(at(c.atFirstStep, broken));
    expect(api.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    if (c.router !== 'kserve')
      expect(leftovers(api, broken)).toEqual([`Deployment ${broken}-canary`, `Service ${broken}-canary`]);
    // Retried with backoff for the timeout (3 s), not once, not forever.
    const attempts = fromRollback(c, broken).filter((l) => l.startsWith(`PATCH ${c.route.plural}/${broken} 500`));
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    expect(Date.now() - started).toBeLessThan(30_000);
    // Said loudly, with what is left and the command that finishes the rollback.
    const left = JSON.parse(result.outputs['left-behind']!) as { what: string; commands: string[] }[];
    expect(left).toHaveLength(1);
    const routeObject = c.router === 'replicas' ? `${broken} (its replica count)` : broken;
    expect(left[0]!.what).toContain(`${c.route.kind} default/${routeObject} is not back`);
    expect(left[0]!.what).toContain('last error: patching');
    expect(left[0]!.commands[0]).toMatch(
      new RegExp(`^kubectl -n default (patch ${c.route.kind.toLowerCase()}|scale deployment) ${broken} `),
    );
    if (c.router !== 'kserve')
      expect(left[0]!.what).toContain(`Deployment and Service default/${broken}-canary are left running`);
    if (c.router !== 'kserve')
      expect(left[0]!.commands[1]).toBe(
        `kubectl -n default delete deployment/${broken}-canary service/${broken}-canary`,
      );
    expect(result.stdout).toMatch(/^::error::Rollback failed: the cluster is not back as it was before the rollout/m);
    expect(result.stdout).toContain(`::error::${left[0]!.what.slice(0, 40)}`);
    expect(result.stdout).toContain('Outcome: rollback-failed');
    expect(result.summary).toContain('**Outcome: 🚨 rollback failed**');
    expect(result.summary).toContain('What is left and what to do');
  });
});

describe('deploy-canary rollback on every path that rolls back (gateway-api)', { timeout: 90_000 }, () => {
  const gateway = ROUTERS[0]!;
  it('an API error mid-step with the route then broken: rollback-failed, canary left at the weight in effect', async () => {
    await cluster(gateway, 'midway');
    await setErrorRates(metrics, 'midway', { canary: 0.01, stable: 0.01 });
    // The second weight change fails, and so does every route write after it.
    api.failOn({ method: 'PATCH', path: /\/httproutes\/midway$/, nth: 2, times: Infinity, status: 503 });
    const result = await rollout(gateway, 'midway');
    expect(result.outputs['outcome'], result.stdout).toBe('rollback-failed');
    expect(result.stdout).toContain('Outcome: rollback-failed (patching HTTPRoute default/midway: HTTP 503');
    expect(refs(api, 'midway')).toBe('midway=80,midway-canary=20');
    expect(leftovers(api, 'midway')).toEqual(['Deployment midway-canary', 'Service midway-canary']);
    expect(result.exitCode).toBe(1);
  });

  it('a promotion whose route write stays broken: stable image put back, the canary keeps the 100% it serves', async () => {
    await cluster(gateway, 'promoting');
    await setErrorRates(metrics, 'promoting', { canary: 0.01, stable: 0.01 });
    // Every write that takes the canary out of the route fails: the promotion's, then the rollback's.
    api.failOn({
      method: 'PATCH',
      path: /\/httproutes\/promoting$/,
      body: gateway.route.rollbackBody,
      times: Infinity,
      status: 500,
    });
    const result = await rollout(gateway, 'promoting', { steps: '50,100' });
    expect(result.outputs['outcome'], result.stdout).toBe('rollback-failed');
    expect(result.exitCode).toBe(1);
    expect(refs(api, 'promoting')).toBe('promoting=0,promoting-canary=100');
    expect(leftovers(api, 'promoting')).toEqual(['Deployment promoting-canary', 'Service promoting-canary']);
    expect((api.find('Deployment', 'promoting') as OpenJson).spec.template.spec.containers[0].image).toBe(
      'registry.local/churn:1.0',
    );
    expect(api.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
  });

  it('a readiness timeout with the route write broken: the route reads back untouched, so the canary is deleted', async () => {
    await cluster(gateway, 'unready');
    api.store.readiness.set('unready-canary', 'never');
    await setErrorRates(metrics, 'unready', { canary: 0.01, stable: 0.01 });
    api.failOn({ method: 'PATCH', path: /\/httproutes\/unready$/, times: Infinity, status: 500 });
    const result = await rollout(gateway, 'unready', { timeout: '2s' });
    expect(result.outputs['outcome'], result.stdout).toBe('rolled-back');
    expect(refs(api, 'unready')).toBe('unready=all');
    expect(leftovers(api, 'unready')).toEqual([]);
    // Deleted on the route's word, read after the last write failed, not on the write's.
    const log = api.requests.map(line);
    const lastWrite = log.lastIndexOf('PATCH httproutes/unready 500');
    const readBack = log.indexOf('GET httproutes/unready 200', lastWrite);
    expect(lastWrite).toBeGreaterThan(0);
    expect(readBack).toBeGreaterThan(lastWrite);
    expect(log.indexOf('DELETE deployments/unready-canary 200')).toBeGreaterThan(readBack);
  });

  it('a cancelled run (SIGINT, as the runner sends) rolls back at once, verified, before the step ends', async () => {
    await cluster(gateway, 'cancelled');
    await setErrorRates(metrics, 'cancelled', { canary: 0.01, stable: 0.01 });
    api.failOn({ method: 'PATCH', path: /\/httproutes\/cancelled$/, nth: 2, status: 500 });
    // Cancelled once the first step has moved traffic, during a long analysis interval.
    const cancel = whenRequested(api, (r) => r.method === 'PATCH' && r.path.endsWith('/httproutes/cancelled'));
    const started = Date.now();
    const result = await runDeployCanary(
      api,
      {
        image: 'registry.local/cancelled:2.0',
        name: 'cancelled',
        steps: '20,100',
        interval: '60s',
        analysis: ERROR_RATE_ANALYSIS,
        'prometheus-url': metrics.prometheus.url,
      },
      { cancel },
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.outputs['outcome'], result.stdout).toBe('rolled-back');
    expect(result.stdout).toContain('Outcome: rolled-back (the workflow run was cancelled (SIGINT))');
    expect(result.exitCode).toBe(1);
    expect(refs(api, 'cancelled')).toBe('cancelled=all');
    expect(leftovers(api, 'cancelled')).toEqual([]);
  });
});
