import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inferenceService, stableDeployment, stableService, virtualService } from '../../standins/kube/index.ts';
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

const analysis = { analysis: ERROR_RATE_ANALYSIS, steps: '25,100' };

describe('deploy-canary routers', { timeout: 90_000 }, () => {
  it('istio: splits the VirtualService route between the stable and canary hosts, then restores it', async () => {
    api = await startKubeStandIn();
    api.seed(stableDeployment('vs'));
    api.seed(stableService('vs'));
    api.seed(virtualService('vs', 'vs.default.svc.cluster.local'));
    await setErrorRates(metrics, 'vs', { canary: 0.01, stable: 0.01 });
    const result = await runDeployCanary(api, {
      image: 'registry.local/vs:2.0',
      name: 'vs',
      router: 'istio',
      'prometheus-url': metrics.prometheus.url,
      ...analysis,
    });
    expect(result.exitCode, result.stdout).toBe(0);
    const routes = writesTo(api, 'virtualservices').map(
      (w) => (w.body as OpenJson[]).find((op) => op.op === 'replace').value,
    );
    expect(routes[0]).toEqual([
      { destination: { host: 'vs.default.svc.cluster.local', port: { number: 80 } }, weight: 75 },
      { destination: { host: 'vs-canary.default.svc.cluster.local', port: { number: 80 } }, weight: 25 },
    ]);
    expect(routes[1].map((d: OpenJson) => d.weight)).toEqual([0, 100]);
    expect((api.find('VirtualService', 'vs') as OpenJson).spec).toEqual(
      (virtualService('vs', 'vs.default.svc.cluster.local') as OpenJson).spec,
    );
    expect(leftovers(api, 'vs')).toEqual([]);
  });

  it('replicas: approximates the weight by replica counts behind the one stable Service', async () => {
    api = await startKubeStandIn();
    api.seed(stableDeployment('rep', 'registry.local/churn:1.0', 4));
    api.seed(stableService('rep'));
    await setErrorRates(metrics, 'rep', { canary: 0.01, stable: 0.01 });
    const result = await runDeployCanary(api, {
      image: 'registry.local/rep:2.0',
      name: 'rep',
      router: 'replicas',
      steps: '10,50,100',
      analysis: ERROR_RATE_ANALYSIS,
      'prometheus-url': metrics.prometheus.url,
    });
    expect(result.exitCode, result.stdout).toBe(0);
    const scale = api.writes.filter(
      (w) =>
        w.method === 'PATCH' &&
        (w.body as OpenJson)?.spec?.replicas !== undefined &&
        !(w.body as OpenJson).spec.template,
    );
    expect(scale.map((w) => `${w.path.split('/').pop()}=${(w.body as OpenJson).spec.replicas}`)).toEqual([
      'rep-canary=1',
      'rep=3',
      'rep-canary=2',
      'rep=2',
      'rep-canary=4',
      'rep=0',
      'rep=4',
    ]);
    const canary = api.writes.find((w) => w.method === 'POST' && w.path.endsWith('/deployments'))!.body as OpenJson;
    expect(canary.spec.replicas).toBe(0);
    expect(canary.spec.template.metadata.labels).toEqual({ app: 'rep', track: 'canary' });
    expect(JSON.parse(result.outputs['steps']!).map((s: OpenJson) => s.actualWeight)).toEqual([25, 50, 100]);
    expect((api.find('Deployment', 'rep') as OpenJson).spec.replicas).toBe(4);
    expect(leftovers(api, 'rep')).toEqual([]);
  });

  it('kserve: sets canaryTrafficPercent on the InferenceService and removes it on promotion', async () => {
    api = await startKubeStandIn();
    api.seed(inferenceService('isvc'));
    await setErrorRates(metrics, 'isvc', { canary: 0.01, stable: 0.01 });
    const result = await runDeployCanary(api, {
      image: 'registry.local/isvc:2.0',
      name: 'isvc',
      router: 'kserve',
      'prometheus-url': metrics.prometheus.url,
      ...analysis,
    });
    expect(result.exitCode, result.stdout).toBe(0);
    const percents = writesTo(api, 'inferenceservices')
      .filter((w) => w.method === 'PATCH' && !JSON.stringify(w.body).includes('lock'))
      .map((w) => JSON.stringify(w.body));
    expect(percents[0]).toContain('"path":"/spec/predictor/canaryTrafficPercent","value":0');
    expect(percents.slice(1)).toEqual([
      '{"spec":{"predictor":{"canaryTrafficPercent":25}}}',
      '{"spec":{"predictor":{"canaryTrafficPercent":100}}}',
      '{"spec":{"predictor":{"canaryTrafficPercent":null}}}',
    ]);
    const predictor = (api.find('InferenceService', 'isvc') as OpenJson).spec.predictor;
    expect(predictor).toEqual({ containers: [{ name: 'kserve-container', image: 'registry.local/isvc:2.0' }] });
  });

  it('kserve: creates the InferenceService with the image when none exists', async () => {
    api = await startKubeStandIn();
    const result = await runDeployCanary(api, {
      image: 'registry.local/isvcnew:1.0',
      name: 'isvcnew',
      router: 'kserve',
    });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs['outcome']).toBe('created');
    expect((api.find('InferenceService', 'isvcnew') as OpenJson).spec.predictor.containers).toEqual([
      { name: 'kserve-container', image: 'registry.local/isvcnew:1.0' },
    ]);
  });

  it('kserve: rolls back to the predictor as it was', async () => {
    api = await startKubeStandIn();
    api.seed(inferenceService('isvcbad'));
    await setErrorRates(metrics, 'isvcbad', { canary: 0.2, stable: 0.01 });
    const result = await runDeployCanary(api, {
      image: 'registry.local/isvc:2.0',
      name: 'isvcbad',
      router: 'kserve',
      'prometheus-url': metrics.prometheus.url,
      ...analysis,
    });
    expect(result.outputs['outcome']).toBe('rolled-back');
    expect((api.find('InferenceService', 'isvcbad') as OpenJson).spec).toEqual(
      (inferenceService('isvcbad') as OpenJson).spec,
    );
  });
});
