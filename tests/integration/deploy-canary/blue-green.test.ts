/**
 * strategy: blue-green on every router, through the bundle, the Kubernetes stand-in and a real Prometheus:
 * `<name>-green` at stable's replica count behind `<name>-preview`, analysed while users stay on stable; one
 * switch to 100% (the route's write history has no weight in between); a post-switch analysis; promotion or a
 * switch back with nothing left behind.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  httpRoute,
  inferenceService,
  stableDeployment,
  stableService,
  virtualService,
  type JsonObject,
} from '../../standins/kube/index.ts';
import {
  annotations,
  runDeployCanary,
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

const ANALYSIS = `
- name: error-rate
  query: max(model_error_rate{app="{{name}}",track="{{track}}"})
  max: 0.05
`;

/** Where users' traffic goes, read from the stand-in's route object. */
type Traffic = (api: KubeStandIn, name: string) => string;

interface RouterCase {
  router: 'gateway-api' | 'istio' | 'replicas' | 'kserve';
  objects(name: string): JsonObject[];
  /** The plural of the object that carries the switch. */
  plural: string;
  traffic: Traffic;
  /** Traffic before (and after) the rollout, and after the switch. */
  before: string;
  switched: string;
  /** Every traffic-moving write, in order, as `traffic` reads it after each. */
  history: (bodies: OpenJson[]) => string[];
}

const ROUTERS: RouterCase[] = [
  {
    router: 'gateway-api',
    objects: (n) => [stableDeployment(n), stableService(n), httpRoute(n, n)],
    plural: 'httproutes',
    traffic: (api, n) =>
      ((api.find('HTTPRoute', n) as OpenJson).spec.rules[0].backendRefs as OpenJson[])
        .map((r) => `${r.name}=${r.weight ?? 'all'}`)
        .join(','),
    before: 'N=all',
    switched: 'N=0,N-preview=100',
    history: (bodies) =>
      bodies.map((b) =>
        (b.find((op: OpenJson) => op.op === 'replace').value as OpenJson[])
          .map((r) => `${r.name}=${r.weight ?? 'all'}`)
          .join(','),
      ),
  },
  {
    router: 'istio',
    objects: (n) => [stableDeployment(n), stableService(n), virtualService(n, n)],
    plural: 'virtualservices',
    traffic: (api, n) =>
      ((api.find('VirtualService', n) as OpenJson).spec.http[0].route as OpenJson[])
        .map((d) => `${d.destination.host}=${d.weight ?? 'all'}`)
        .join(','),
    before: 'N=all',
    switched: 'N=0,N-preview=100',
    history: (bodies) =>
      bodies.map((b) =>
        (b.find((op: OpenJson) => op.op === 'replace').value as OpenJson[])
          .map((d) => `${d.destination.host}=${d.weight ?? 'all'}`)
          .join(','),
      ),
  },
  {
    router: 'replicas',
    objects: (n) => [stableDeployment(n), stableService(n)],
    plural: 'services/',
    traffic: (api, n) => JSON.stringify((api.find('Service', n) as OpenJson).spec.selector),
    before: '{"app":"N"}',
    switched: '{"app":"N-green","track":"green"}',
    history: (bodies) => bodies.map((b) => JSON.stringify(b[0].value)),
  },
  {
    router: 'kserve',
    objects: (n) => [inferenceService(n)],
    plural: 'inferenceservices',
    traffic: (api, n) =>
      String((api.find('InferenceService', n) as OpenJson).spec.predictor.canaryTrafficPercent ?? 'none'),
    before: 'none',
    switched: '100',
    // The JSON patch that makes the new revision at 0%, the merge patches that switch and promote or restore;
    // the lock's annotation patches carry no predictor.
    history: (bodies) =>
      bodies.flatMap((b) => {
        if (Array.isArray(b)) {
          const op = b.find((o: OpenJson) => o.path === '/spec/predictor/canaryTrafficPercent');
          return op ? [String(op.value)] : [];
        }
        const predictor = b.spec?.predictor;
        return predictor ? [String(predictor.canaryTrafficPercent ?? 'none')] : [];
      }),
  },
];

const sub = (text: string, name: string) => text.replaceAll('N', name);

/** No green, no preview, no lock; stable runs `image`. */
function leftBehind(api: KubeStandIn, name: string, kserve: boolean): string[] {
  const found: string[] = [];
  if (api.find('Deployment', `${name}-green`)) found.push(`Deployment ${name}-green`);
  if (api.find('Service', `${name}-preview`)) found.push(`Service ${name}-preview`);
  const locked = kserve ? api.find('InferenceService', name) : api.find('Deployment', name);
  if (annotations(locked)['modelgate.dev/deploy-canary-lock']) found.push('lock annotation');
  return found;
}

function stableImage(api: KubeStandIn, name: string, kserve: boolean): string {
  return kserve
    ? (api.find('InferenceService', name) as OpenJson).spec.predictor.containers[0].image
    : (api.find('Deployment', name) as OpenJson).spec.template.spec.containers[0].image;
}

async function setRate(app: string, track: 'green' | 'stable', value: number): Promise<void> {
  metrics.exporter.set('model_error_rate', { app, track }, value);
  await metrics.prometheus.waitForData(`model_error_rate{app="${app}",track="${track}"} == ${value}`);
}

describe.each(ROUTERS)('blue-green with the $router router', { timeout: 90_000 }, (c) => {
  const kserve = c.router === 'kserve';
  const trafficWrites = (name: string) =>
    api.writes.filter(
      (w) =>
        w.method === 'PATCH' &&
        w.path.includes(`/${c.plural}`) &&
        (kserve || w.path.endsWith(`/${c.router === 'replicas' ? name : name}`)),
    );

  it('analyses green on its preview, switches once, analyses again and promotes', async () => {
    const name = `bg-ok-${c.router}`;
    api = await startKubeStandIn({ token: 'kube-token' });
    for (const o of c.objects(name)) api.seed(o);
    await setRate(name, 'green', 0.01);
    await setRate(name, 'stable', 0.01);
    const result = await runDeployCanary(api, {
      image: 'registry.local/churn:2.0',
      name,
      router: c.router,
      strategy: 'blue-green',
      interval: '2s',
      analysis: ANALYSIS,
      'prometheus-url': metrics.prometheus.url,
    });
    expect(result.stderr).toBe('');
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs['outcome']).toBe('promoted');
    const steps = JSON.parse(result.outputs['steps']!) as OpenJson[];
    expect(steps.map((s) => [s.phase, s.weight, s.passed])).toEqual([
      ['preview', 0, true],
      ['switched', 100, true],
    ]);
    expect(steps[0].checks[0]).toMatchObject({ canary: 0.01, stable: 0.01, verdict: 'pass' });
    if (!kserve) {
      // Green was a full-size copy (stable has 4 replicas) with green pods, behind the preview Service.
      const posted = api.writes.filter((w) => w.method === 'POST').map((w) => w.body as OpenJson);
      expect(posted.map((b) => b.metadata.name)).toEqual([`${name}-green`, `${name}-preview`]);
      expect(posted[0].spec.replicas).toBe(4);
      expect(posted[0].spec.template.metadata.labels).toEqual({ app: `${name}-green`, track: 'green' });
      expect(posted[1].spec.selector).toEqual({ app: `${name}-green`, track: 'green' });
    }
    // The route went from stable to green in one write and back to stable (with the new image) in one.
    const history = c.history(trafficWrites(name).map((w) => w.body as OpenJson));
    if (kserve) expect(history).toEqual(['0', '100', 'none']);
    else expect(history).toEqual([sub(c.switched, name), sub(c.before, name)]);
    expect(c.traffic(api, name)).toBe(sub(c.before, name));
    expect(stableImage(api, name, kserve)).toBe('registry.local/churn:2.0');
    expect(leftBehind(api, name, kserve)).toEqual([]);
    expect(result.summary).toContain('Preview: green analysed, users on stable, passed');
    expect(result.summary).toContain('Switched: all traffic on green, compared with stable before the switch, passed');
  });

  it('removes green and preview when the preview analysis fails: users never leave stable', async () => {
    const name = `bg-preview-${c.router}`;
    api = await startKubeStandIn({ token: 'kube-token' });
    for (const o of c.objects(name)) api.seed(o);
    await setRate(name, 'green', 0.3);
    await setRate(name, 'stable', 0.01);
    const result = await runDeployCanary(api, {
      image: 'registry.local/churn:2.0',
      name,
      router: c.router,
      strategy: 'blue-green',
      interval: '2s',
      analysis: ANALYSIS,
      'prometheus-url': metrics.prometheus.url,
    });
    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.outputs['outcome']).toBe('rolled-back');
    expect(result.stdout).toContain('the preview (before the switch): error-rate: canary 0.3 > max 0.05');
    const history = c.history(trafficWrites(name).map((w) => w.body as OpenJson));
    // Only the verified restore (a no-op for users: it writes the route as it was) follows; never the switch.
    if (kserve) expect(history).toEqual(['0', 'none']);
    else expect(history.every((h) => h === sub(c.before, name))).toBe(true);
    expect(c.traffic(api, name)).toBe(sub(c.before, name));
    expect(stableImage(api, name, kserve)).toBe('registry.local/churn:1.0');
    expect(leftBehind(api, name, kserve)).toEqual([]);
  });

  it('switches back to stable and removes green when the post-switch analysis fails', async () => {
    const name = `bg-bad-${c.router}`;
    api = await startKubeStandIn({ token: 'kube-token' });
    for (const o of c.objects(name)) api.seed(o);
    await setRate(name, 'green', 0.01);
    await setRate(name, 'stable', 0.01);
    const isSwitch = (body: OpenJson) =>
      kserve ? body?.spec?.predictor?.canaryTrafficPercent === 100 : JSON.stringify(body).includes(`${name}-`);
    const switched = whenRequested(
      api,
      (r) => r.method === 'PATCH' && r.path.includes(`/${c.plural}`) && isSwitch(r.body as OpenJson),
    ).then(() => setRate(name, 'green', 0.2));
    const result = await runDeployCanary(api, {
      image: 'registry.local/churn:2.0',
      name,
      router: c.router,
      strategy: 'blue-green',
      interval: '3s',
      analysis: ANALYSIS,
      'prometheus-url': metrics.prometheus.url,
    });
    await switched;
    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.outputs['outcome']).toBe('rolled-back');
    expect(result.stdout).toContain(
      'The green version was rolled back: after the switch to green: error-rate: canary 0.2 > max 0.05',
    );
    const history = c.history(trafficWrites(name).map((w) => w.body as OpenJson));
    if (kserve) expect(history).toEqual(['0', '100', 'none']);
    else expect(history).toEqual([sub(c.switched, name), sub(c.before, name)]);
    expect(c.traffic(api, name)).toBe(sub(c.before, name));
    expect(stableImage(api, name, kserve)).toBe('registry.local/churn:1.0');
    expect(leftBehind(api, name, kserve)).toEqual([]);
    expect(result.outputs['left-behind']).toBe('[]');
  });
});

describe('blue-green: other failure paths and the dry-run plan', { timeout: 90_000 }, () => {
  it('an API error on the switch: traffic back on stable, green and preview removed', async () => {
    const name = 'bg-api-error';
    api = await startKubeStandIn({ token: 'kube-token' });
    for (const o of [stableDeployment(name), stableService(name), httpRoute(name, name)]) api.seed(o);
    api.failOn({ method: 'PATCH', path: /httproutes/, body: /"weight":100/, status: 422 });
    const result = await runDeployCanary(api, {
      image: 'registry.local/churn:2.0',
      name,
      strategy: 'blue-green',
      interval: '1s',
    });
    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.outputs['outcome']).toBe('rolled-back');
    expect((api.find('HTTPRoute', name) as OpenJson).spec.rules[0].backendRefs).toEqual([{ name, port: 80 }]);
    expect(leftBehind(api, name, false)).toEqual([]);
    expect(result.outputs['left-behind']).toBe('[]');
  });

  it('green with no data at the preview (on-no-data: fail): rolled back before the switch', async () => {
    const name = 'bg-no-data';
    api = await startKubeStandIn({ token: 'kube-token' });
    for (const o of [stableDeployment(name), stableService(name), httpRoute(name, name)]) api.seed(o);
    await setRate(name, 'stable', 0.01);
    const result = await runDeployCanary(api, {
      image: 'registry.local/churn:2.0',
      name,
      strategy: 'blue-green',
      interval: '1s',
      analysis: ANALYSIS,
      'prometheus-url': metrics.prometheus.url,
    });
    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.stdout).toContain('the preview (before the switch): error-rate: no data for the canary track');
    expect(JSON.stringify(api.writes.map((w) => w.body))).not.toMatch(/"weight":100/);
    expect((api.find('HTTPRoute', name) as OpenJson).spec.rules[0].backendRefs).toEqual([{ name, port: 80 }]);
    expect(leftBehind(api, name, false)).toEqual([]);
  });

  it('a run cancelled after the switch: traffic back on stable at once, green and preview removed', async () => {
    const name = 'bg-cancelled';
    api = await startKubeStandIn({ token: 'kube-token' });
    for (const o of [stableDeployment(name), stableService(name), httpRoute(name, name)]) api.seed(o);
    const cancel = whenRequested(
      api,
      (r) =>
        r.method === 'PATCH' &&
        r.path.endsWith(`/httproutes/${name}`) &&
        JSON.stringify(r.body).includes('"weight":100'),
    );
    const started = Date.now();
    const result = await runDeployCanary(
      api,
      { image: 'registry.local/churn:2.0', name, strategy: 'blue-green', interval: '8s' },
      { cancel },
    );
    expect(result.outputs['outcome'], result.stdout).toBe('rolled-back');
    expect(result.stdout).toContain('Outcome: rolled-back (the workflow run was cancelled (SIGINT))');
    // Preview 8 s + post-switch 8 s would be 16 s: the cancel acted during the post-switch interval.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((api.find('HTTPRoute', name) as OpenJson).spec.rules[0].backendRefs).toEqual([{ name, port: 80 }]);
    expect(leftBehind(api, name, false)).toEqual([]);
  });

  it('a dry run describes green, the preview, the one switch and the promotion, and changes nothing', async () => {
    api = await startKubeStandIn({ token: 'kube-token' });
    const result = await runDeployCanary(api, {
      image: 'registry.local/churn:2.0',
      name: 'churn',
      strategy: 'blue-green',
      mirror: 'true',
      'dry-run': 'true',
      analysis: ANALYSIS,
    });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs['outcome']).toBe('dry-run');
    expect(JSON.parse(result.outputs['steps']!)).toEqual([
      { step: 1, phase: 'preview', weight: 0, planned: true },
      { step: 2, phase: 'switched', weight: 100, planned: true },
    ]);
    expect(result.stdout).toContain('Create Deployment default/churn-green');
    expect(result.stdout).toContain("Mirror stable's requests to the new version");
    expect(result.stdout).toContain(
      'Switch all traffic at once: set the backendRef weights of HTTPRoute default/churn: churn 0, churn-preview 100',
    );
    expect(api.requests).toEqual([]);
  });
});
