import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cluster, RESOURCES } from '@modelgate/core/kube/cluster';
import { loadKubeConfig } from '@modelgate/core/kube/config';
import { httpRoute, stableDeployment, startKubeStandIn, type KubeStandIn } from '../../standins/kube/index.ts';
import type { OpenJson } from '@modelgate/core/kube/cluster';

let api: KubeStandIn;
let cluster: Cluster;
beforeEach(async () => {
  api = await startKubeStandIn({ token: 'secret-token' });
  api.seed(stableDeployment());
  api.seed(httpRoute());
  cluster = await Cluster.connect((await loadKubeConfig(api.kubeconfig())).config, 'default');
});
afterEach(() => api.close());

describe('Cluster over a plain-http kubeconfig with insecure-skip-tls-verify', () => {
  it('reads a Deployment and answers undefined for a missing one', async () => {
    const d = await cluster.get({ resource: RESOURCES.deployment, name: 'churn' });
    expect(d?.spec.template.spec.containers[0].image).toBe('registry.local/churn:1.0');
    expect(await cluster.get({ resource: RESOURCES.deployment, name: 'nope' })).toBeUndefined();
  });

  it('sends merge, strategic-merge and JSON patches with their content types', async () => {
    const ref = { resource: RESOURCES.deployment, name: 'churn' };
    await cluster.patch(ref, { strategy: 'merge', body: { metadata: { annotations: { a: '1' } } } });
    await cluster.patch(ref, {
      strategy: 'strategic',
      body: { spec: { template: { spec: { containers: [{ name: 'model', image: 'new:2' }] } } } },
    });
    const route = { resource: RESOURCES.httpRoute, name: 'churn' };
    await cluster.patch(route, {
      strategy: 'json',
      body: [{ op: 'replace', path: '/spec/rules/0/backendRefs/0/port', value: 81 }],
    });
    expect(api.writes.map((w) => w.contentType)).toEqual([
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
      'application/json-patch+json',
    ]);
    const d = api.find('Deployment', 'churn')!;
    expect((d['metadata'] as OpenJson).annotations).toEqual({ a: '1' });
    expect((d['spec'] as OpenJson).template.spec.containers.map((c: OpenJson) => c.image)).toEqual([
      'new:2',
      'proxy:1',
    ]);
    expect((api.find('HTTPRoute', 'churn')!['spec'] as OpenJson).rules[0].backendRefs[0].port).toBe(81);
  });

  it('reports the server message of a write the schema rejects', async () => {
    const ref = { resource: RESOURCES.deployment, name: 'churn' };
    await expect(cluster.patch(ref, { strategy: 'merge', body: { spec: { replicas: 'many' } } })).rejects.toThrow(
      /HTTP 422.*replicas must be integer/,
    );
  });

  it('reports an injected server failure with its status code', async () => {
    api.failOn({ method: 'DELETE', status: 500 });
    await expect(cluster.delete({ resource: RESOURCES.deployment, name: 'churn' })).rejects.toMatchObject({
      code: 500,
    });
  });
});
