import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpRoute, stableDeployment, stableService } from '../../standins/kube/index.ts';
import {
  startAuthProxy,
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
  api = await startKubeStandIn({ token: 'kube-token' });
  api.seed(stableDeployment(name));
  api.seed(stableService(name));
  api.seed(httpRoute(name, name));
  return api;
}

describe('deploy-canary through the Gateway API', { timeout: 90_000 }, () => {
  it('shifts traffic through every step, promotes, and leaves no canary behind', async () => {
    await cluster('healthy');
    await setErrorRates(metrics, 'healthy', { canary: 0.01, stable: 0.01 });
    const proxy = await startAuthProxy(metrics.prometheus.url, 'Bearer prom-secret-token');
    const result = await runDeployCanary(api, {
      image: 'registry.local/healthy:2.0',
      name: 'healthy',
      steps: '10,25,50,100',
      analysis: ERROR_RATE_ANALYSIS,
      'prometheus-url': proxy.url,
      'prometheus-headers': 'Authorization: Bearer prom-secret-token',
    });
    await proxy.close();
    expect(result.stderr).toBe('');
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs['outcome']).toBe('promoted');

    // Every step's weights went to the HTTPRoute, in order, as JSON patches guarded by a test op.
    const routeWrites = writesTo(api, 'httproutes');
    const weights = routeWrites.map((w) => {
      const refs = (w.body as { op: string; value: { name: string; weight?: number }[] }[]).find(
        (op) => op.op === 'replace',
      )!.value;
      return refs.map((r) => `${r.name}=${r.weight ?? 'default'}`).join(',');
    });
    expect(weights).toEqual([
      'healthy=90,healthy-canary=10',
      'healthy=75,healthy-canary=25',
      'healthy=50,healthy-canary=50',
      'healthy=0,healthy-canary=100',
      'healthy=default',
    ]);
    // The canary existed with relabelled pods and its own Service while traffic moved.
    const created = api.writes.filter((w) => w.method === 'POST').map((w) => w.path);
    expect(created).toEqual(['/apis/apps/v1/namespaces/default/deployments', '/api/v1/namespaces/default/services']);
    const canaryBody = api.writes.find((w) => w.method === 'POST' && w.path.endsWith('/deployments'))!.body as OpenJson;
    expect(canaryBody.spec.template.metadata.labels).toEqual({ app: 'healthy-canary', track: 'canary' });
    // Promotion: the stable Deployment took the new image in its model container only.
    const stable = api.find('Deployment', 'healthy') as OpenJson;
    expect(stable.spec.template.spec.containers.map((c: OpenJson) => c.image)).toEqual([
      'registry.local/healthy:2.0',
      'proxy:1',
    ]);
    expect((api.find('HTTPRoute', 'healthy') as OpenJson).spec.rules).toEqual(
      (httpRoute('healthy', 'healthy') as OpenJson).spec.rules,
    );
    expect(leftovers(api, 'healthy')).toEqual([]);

    const steps = JSON.parse(result.outputs['steps']!);
    expect(steps.map((s: OpenJson) => s.weight)).toEqual([10, 25, 50, 100]);
    expect(steps[0].checks[0]).toMatchObject({ name: 'error-rate', canary: 0.01, stable: 0.01, verdict: 'pass' });
    expect(result.summary).toContain('Outcome: ✅ promoted');
    expect(result.summary).toContain('xychart-beta');
    expect(result.summary).toMatch(/\| error-rate \| 0\.01 \| 0\.01 \|/);
    expect(result.stdout).toContain('Step 2/4: canary 25%, stable 75%');
    // The header value is masked: the runner would print *** for it.
    expect(result.stdout).toContain('::add-mask::Bearer prom-secret-token');
    expect(result.stdout).toContain('::add-mask::prom-secret-token');
    // Every query carried the header: 1 preflight query + 2 per step (canary and stable) for 4 steps.
    expect(proxy.authorized).toBe(9);
    expect(result.stdout).toContain('::add-mask::kube-token');
  });

  it('deploys the image as the first stable version when none exists', async () => {
    api = await startKubeStandIn();
    const result = await runDeployCanary(api, { image: 'registry.local/fresh:1.0', name: 'fresh', router: 'replicas' });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs['outcome']).toBe('created');
    expect((api.find('Deployment', 'fresh') as OpenJson).spec.template.spec.containers[0].image).toBe(
      'registry.local/fresh:1.0',
    );
    expect(result.summary).toContain('the image was deployed as the first stable version');
  });

  it("works in the kubeconfig context's namespace when no namespace is given", async () => {
    api = await startKubeStandIn();
    const inNamespace = (o: OpenJson) => ({ ...o, metadata: { ...o.metadata, namespace: 'ml' } });
    api.seed(inNamespace(stableDeployment('nsapp')));
    api.seed(inNamespace(stableService('nsapp')));
    const result = await runDeployCanary(api, {
      image: 'registry.local/nsapp:2.0',
      name: 'nsapp',
      router: 'replicas',
      steps: '100',
      kubeconfig: api.kubeconfig('ml'),
    });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs['outcome']).toBe('promoted');
    expect(api.writes.every((w) => w.path.includes('/namespaces/ml/'))).toBe(true);
    expect((api.find('Deployment', 'nsapp', 'ml') as OpenJson).spec.template.spec.containers[0].image).toBe(
      'registry.local/nsapp:2.0',
    );
  });

  it('prints the plan in dry-run and changes nothing, with no cluster at all', async () => {
    api = await startKubeStandIn();
    const result = await runDeployCanary(api, {
      image: 'registry.local/churn:2.0',
      name: 'churn',
      kubeconfig: '/nonexistent/kubeconfig',
      'dry-run': 'true',
      analysis: ERROR_RATE_ANALYSIS,
    });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs['outcome']).toBe('dry-run');
    expect(JSON.parse(result.outputs['steps']!)).toEqual(
      [10, 25, 50, 100].map((weight, i) => ({ step: i + 1, phase: 'step', weight, planned: true })),
    );
    expect(result.summary).toContain('canary weights 10% → 25% → 50% → 100%');
    expect(result.summary).toContain('| error-rate |');
    expect(result.stdout).toContain(
      'Create Deployment default/churn-canary (image registry.local/churn:2.0, pods track: canary)',
    );
    expect(api.writes).toEqual([]);
  });
});
