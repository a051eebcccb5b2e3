/**
 * mirror: true through the bundle: the canary first gets a copy of stable's requests (an HTTPRoute RequestMirror
 * filter, a VirtualService mirror with mirrorPercentage), the stand-in validating each write against the published
 * schema; the mirror is gone before the first weight, and after every failure.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  httpRoute,
  jsonPatch,
  stableDeployment,
  stableService,
  virtualService,
  type Json,
} from '../../standins/kube/index.ts';
import {
  ERROR_RATE_ANALYSIS,
  leftovers,
  runDeployCanary,
  setErrorRates,
  startKubeStandIn,
  startMetrics,
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

interface MirrorCase {
  router: 'gateway-api' | 'istio';
  kind: string;
  plural: string;
  seed(name: string): OpenJson[];
  /** The route's rule 0 after a write, in short: weights and mirror. */
  state(route: OpenJson): string;
}

const CASES: MirrorCase[] = [
  {
    router: 'gateway-api',
    kind: 'HTTPRoute',
    plural: 'httproutes',
    seed: (n) => [stableDeployment(n), stableService(n), httpRoute(n, n)],
    state: (route) => {
      const rule = route.spec.rules[0];
      const refs = (rule.backendRefs as OpenJson[]).map((r) => `${r.name}=${r.weight ?? 'all'}`).join(',');
      const mirror = (rule.filters ?? []).find((f: OpenJson) => f.type === 'RequestMirror');
      return mirror
        ? `${refs} mirror→${mirror.requestMirror.backendRef.name}:${mirror.requestMirror.backendRef.port}`
        : refs;
    },
  },
  {
    router: 'istio',
    kind: 'VirtualService',
    plural: 'virtualservices',
    seed: (n) => [stableDeployment(n), stableService(n), virtualService(n, n)],
    state: (vs) => {
      const http = vs.spec.http[0];
      const route = (http.route as OpenJson[]).map((d) => `${d.destination.host}=${d.weight ?? 'all'}`).join(',');
      return http.mirror
        ? `${route} mirror→${http.mirror.host}:${http.mirror.port.number} ${http.mirrorPercentage.value}%`
        : route;
    },
  },
];

describe.each(CASES)('mirror with the $router router', { timeout: 90_000 }, (c) => {
  /** The route after each accepted write, replayed from the seeded object through the stand-in's JSON patch. */
  const history = (name: string): string[] => {
    let route = c.seed(name)[2] as Json;
    const out = [c.state(route)];
    for (const w of api.writes.filter((w) => w.path.endsWith(`/${c.plural}/${name}`) && w.status === 200)) {
      route = jsonPatch(route, w.body);
      out.push(c.state(route));
    }
    return out;
  };

  it('mirrors first, removes the mirror before the first weight, then steps and promotes', async () => {
    const name = `mirror-ok-${c.router}`;
    api = await startKubeStandIn({ token: 'kube-token' });
    for (const o of c.seed(name)) api.seed(o);
    await setErrorRates(metrics, name, { canary: 0.01, stable: 0.01 });
    const result = await runDeployCanary(api, {
      image: 'registry.local/churn:2.0',
      name,
      router: c.router,
      mirror: 'true',
      steps: '50,100',
      interval: '2s',
      analysis: ERROR_RATE_ANALYSIS,
      'prometheus-url': metrics.prometheus.url,
    });
    expect(result.stderr).toBe('');
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs['outcome']).toBe('promoted');
    const mirrorTo = c.router === 'istio' ? `${name}-canary:80 100%` : `${name}-canary:80`;
    expect(history(name)).toEqual([
      `${name}=all`,
      `${name}=all mirror→${mirrorTo}`,
      `${name}=all`,
      `${name}=50,${name}-canary=50`,
      `${name}=0,${name}-canary=100`,
      `${name}=all`,
    ]);
    const steps = JSON.parse(result.outputs['steps']!) as OpenJson[];
    expect(steps.map((s) => [s.phase, s.weight])).toEqual([
      ['mirror', 0],
      ['step', 50],
      ['step', 100],
    ]);
    expect(result.summary).toContain(
      "Mirror: the canary sees a copy of stable's requests, users stay on stable, passed",
    );
    expect(leftovers(api, name)).toEqual([]);
  });

  it('removes the mirror and the canary when the analysis fails on mirrored traffic; no weight ever moves', async () => {
    const name = `mirror-bad-${c.router}`;
    api = await startKubeStandIn({ token: 'kube-token' });
    for (const o of c.seed(name)) api.seed(o);
    await setErrorRates(metrics, name, { canary: 0.3, stable: 0.01 });
    const result = await runDeployCanary(api, {
      image: 'registry.local/churn:2.0',
      name,
      router: c.router,
      mirror: 'true',
      steps: '50,100',
      interval: '2s',
      analysis: ERROR_RATE_ANALYSIS,
      'prometheus-url': metrics.prometheus.url,
    });
    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.outputs['outcome']).toBe('rolled-back');
    expect(result.stdout).toContain('The canary was rolled back: mirrored traffic: error-rate: canary 0.3 > max 0.05');
    expect(JSON.stringify(api.writes.map((w) => w.body))).not.toMatch(/"weight":50/);
    expect(c.state(api.find(c.kind, name)!)).toBe(`${name}=all`);
    expect(leftovers(api, name)).toEqual([]);
    expect(result.outputs['left-behind']).toBe('[]');
  });
});

describe('mirror with a router that cannot mirror', () => {
  it.each(['replicas', 'kserve'])(
    '%s: an error naming the mirror input, nothing changed',
    { timeout: 30_000 },
    async (router) => {
      api = await startKubeStandIn({ token: 'kube-token' });
      api.seed(stableDeployment('nomirror'));
      const result = await runDeployCanary(api, {
        image: 'registry.local/churn:2.0',
        name: 'nomirror',
        router,
        mirror: 'true',
      });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain(
        `input 'mirror': the ${router} router cannot mirror traffic: mirroring needs router gateway-api`,
      );
      expect(api.writes).toEqual([]);
    },
  );
});
