import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch, strategicMergePatch } from '../../standins/kube/patch.ts';
import { startKubeStandIn, type KubeStandIn } from '../../standins/kube/server.ts';
import { stableDeployment } from './fixtures.ts';
import type { OpenJson } from '@modelgate/core/kube/cluster';

describe('the stand-in applies patches as the API server does', () => {
  it('merge patch: objects merge, null deletes, lists are replaced', () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { b: null, d: 3 }, l: [3] })).toEqual({
      a: { c: 2, d: 3 },
      l: [3],
    });
  });

  it('strategic merge patch: containers merge by name, $patch: delete removes one', () => {
    const base = {
      containers: [
        { name: 'a', image: '1' },
        { name: 'b', image: '1' },
      ],
    };
    expect(strategicMergePatch(base, { containers: [{ name: 'b', image: '2' }] })).toEqual({
      containers: [
        { name: 'a', image: '1' },
        { name: 'b', image: '2' },
      ],
    });
    expect(strategicMergePatch(base, { containers: [{ name: 'a', $patch: 'delete' }] })).toEqual({
      containers: [{ name: 'b', image: '1' }],
    });
  });

  it('JSON patch: a failed test op rejects the whole patch', () => {
    const doc = { spec: { rules: [{ name: 'x' }] } };
    expect(jsonPatch(doc, [{ op: 'add', path: '/spec/rules/-', value: { name: 'y' } }])).toEqual({
      spec: { rules: [{ name: 'x' }, { name: 'y' }] },
    });
    expect(() =>
      jsonPatch(doc, [
        { op: 'test', path: '/spec/rules/0/name', value: 'z' },
        { op: 'remove', path: '/spec' },
      ]),
    ).toThrow(/test failed/);
    expect(() => jsonPatch(doc, [{ op: 'replace', path: '/spec/missing/x', value: 1 }])).toThrow(/does not exist/);
  });
});

describe('the stand-in answers like the API server', () => {
  let api: KubeStandIn;
  beforeEach(async () => {
    api = await startKubeStandIn();
    api.seed(stableDeployment());
  });
  afterEach(() => api.close());
  const url = (path: string) => `${api.url}/apis/apps/v1/namespaces/default/deployments${path}`;
  const patch = (body: unknown, type = 'application/merge-patch+json') =>
    fetch(url('/churn'), { method: 'PATCH', headers: { 'content-type': type }, body: JSON.stringify(body) });

  it('answers 409 Conflict when a write names an old resourceVersion', async () => {
    const res = await patch({ metadata: { resourceVersion: '1', annotations: { a: 'b' } } });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ kind: 'Status', reason: 'Conflict' });
  });

  it('rejects a write the published schema does not allow, and an immutable selector change', async () => {
    expect((await patch({ spec: { template: { spec: { containers: [{ image: 'x' }] } } } })).status).toBe(422);
    const res = await patch({
      spec: { selector: { matchLabels: { app: 'other' } }, template: { metadata: { labels: { app: 'other' } } } },
    });
    expect(await res.json()).toMatchObject({ code: 422, message: expect.stringContaining('field is immutable') });
  });

  it('answers 409 AlreadyExists on a second create and 404 on a missing object', async () => {
    const res = await fetch(url(''), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(stableDeployment()),
    });
    expect(res.status).toBe(409);
    expect((await fetch(url('/missing'))).status).toBe(404);
  });

  it('bumps generation on spec changes only, and makes the Deployment ready after its delay', async () => {
    await patch({ metadata: { labels: { x: 'y' } } });
    expect((api.find('Deployment', 'churn') as OpenJson).metadata.generation).toBe(1);
    api.store.defaultReadiness = 30;
    await patch({ spec: { replicas: 2 } });
    expect((api.find('Deployment', 'churn') as OpenJson).status.availableReplicas).toBe(0);
    await new Promise((r) => setTimeout(r, 80));
    expect((api.find('Deployment', 'churn') as OpenJson).status).toMatchObject({
      observedGeneration: 2,
      availableReplicas: 2,
    });
  });

  it('records every write, including failed ones, and fails the nth matching request on demand', async () => {
    api.failOn({ method: 'PATCH', nth: 2, status: 503 });
    expect((await patch({ metadata: { labels: { a: '1' } } })).status).toBe(200);
    expect((await patch({ metadata: { labels: { a: '2' } } })).status).toBe(503);
    expect((await patch({ metadata: { labels: { a: '3' } } })).status).toBe(200);
    expect(api.writes.map((w) => w.status)).toEqual([200, 503, 200]);
  });

  it('serves discovery for the groups it knows', async () => {
    const groups = (await (await fetch(`${api.url}/apis`)).json()) as { groups: { name: string }[] };
    expect(groups.groups.map((g) => g.name)).toEqual([
      'apps',
      'gateway.networking.k8s.io',
      'networking.istio.io',
      'serving.kserve.io',
    ]);
  });
});
