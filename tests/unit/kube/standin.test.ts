import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  httpRoute,
  jsonPatch,
  mergePatch,
  stableDeployment,
  startKubeStandIn,
  strategicMergePatch,
  virtualService,
  type KubeStandIn,
} from '../../standins/kube/index.ts';
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

  it("enforces resourceVersion on PUT and on every PATCH type, with the API server's Status body", async () => {
    const current = api.find('Deployment', 'churn') as OpenJson;
    const stale = String(Number(current.metadata.resourceVersion) - 1);
    const conflict = {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'Conflict',
      code: 409,
      message:
        'Operation cannot be fulfilled on deployments.apps "churn": the object has been modified; please apply your changes to the latest version and try again',
      details: { name: 'churn', group: 'apps', kind: 'deployments' },
    };
    const put = await fetch(url('/churn'), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...current, metadata: { ...current.metadata, resourceVersion: stale } }),
    });
    expect(put.status).toBe(409);
    expect(await put.json()).toMatchObject(conflict);
    const strategic = await patch(
      { metadata: { resourceVersion: stale, labels: { x: 'y' } } },
      'application/strategic-merge-patch+json',
    );
    expect(await strategic.json()).toMatchObject(conflict);
    const json = await patch(
      [
        { op: 'replace', path: '/metadata/resourceVersion', value: stale },
        { op: 'add', path: '/metadata/labels/x', value: 'y' },
      ],
      'application/json-patch+json',
    );
    expect(await json.json()).toMatchObject(conflict);
    // None of them changed the object.
    expect(api.find('Deployment', 'churn')).toEqual(current);
  });

  it('gives every write a new resourceVersion, and takes a write naming the current one', async () => {
    const versions = [(api.find('Deployment', 'churn') as OpenJson).metadata.resourceVersion];
    for (const label of ['1', '2']) {
      const res = await patch({ metadata: { resourceVersion: versions.at(-1), labels: { n: label } } });
      expect(res.status).toBe(200);
      versions.push(((await res.json()) as OpenJson).metadata.resourceVersion);
    }
    const current = api.find('Deployment', 'churn') as OpenJson;
    const put = await fetch(url('/churn'), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(current),
    });
    expect(put.status).toBe(200);
    versions.push(((await put.json()) as OpenJson).metadata.resourceVersion);
    expect(new Set(versions).size).toBe(4);
    expect(versions.map(Number)).toEqual([...versions.map(Number)].sort((a, b) => a - b));
  });

  it('holds requests until the count has arrived: the second writer of one version gets 409', async () => {
    api.hold({ method: 'PATCH', path: /deployments\/churn$/, count: 2 });
    const version = (api.find('Deployment', 'churn') as OpenJson).metadata.resourceVersion;
    const first = patch({ metadata: { resourceVersion: version, labels: { by: 'a' } } });
    await new Promise((r) => setTimeout(r, 50));
    expect(api.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    const second = patch({ metadata: { resourceVersion: version, labels: { by: 'b' } } });
    expect([(await first).status, (await second).status]).toEqual([200, 409]);
    expect((api.find('Deployment', 'churn') as OpenJson).metadata.labels.by).toBe('a');
  });

  it('logs every request with the client that made it', async () => {
    const get = (token: string) => fetch(url('/churn'), { headers: { authorization: `Bearer ${token}` } });
    await get('run-a');
    await get('run-b');
    await patch({ metadata: { labels: { a: '1' } } });
    expect(api.requests.map((r) => `${r.client ?? '-'} ${r.method} ${r.status}`)).toEqual([
      'run-a GET 200',
      'run-b GET 200',
      '- PATCH 200',
    ]);
    expect(api.kubeconfig('default', 'run-a')).toContain('token: run-a');
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

  it('fails the matching requests from the nth on, `times` times, matching on the body too', async () => {
    api.failOn({ method: 'PATCH', body: /"a":"[23]"/, nth: 2, times: Infinity, status: 500 });
    const statuses = [];
    for (const a of ['2', '1', '3', '2', '1']) statuses.push((await patch({ metadata: { labels: { a } } })).status);
    expect(statuses).toEqual([200, 200, 500, 500, 200]);
  });

  it('can lose the answer to a write that took (afterWrite)', async () => {
    api.failOn({ method: 'PATCH', afterWrite: true, status: 502 });
    expect((await patch({ metadata: { labels: { a: 'lost' } } })).status).toBe(502);
    expect((api.find('Deployment', 'churn') as OpenJson).metadata.labels.a).toBe('lost');
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

describe('the stand-in validates the mirror fields against the published schemas', () => {
  let api: KubeStandIn;
  beforeEach(async () => {
    api = await startKubeStandIn();
    api.seed(httpRoute());
    api.seed(virtualService());
  });
  afterEach(() => api.close());
  const patch = (path: string, ops: unknown[]) =>
    fetch(`${api.url}${path}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json-patch+json' },
      body: JSON.stringify(ops),
    });
  const route = '/apis/gateway.networking.k8s.io/v1/namespaces/default/httproutes/churn';
  const vs = '/apis/networking.istio.io/v1beta1/namespaces/default/virtualservices/churn';

  it('HTTPRoute: takes a RequestMirror filter with a backendRef, refuses one without it or of an unknown type', async () => {
    const filter = { type: 'RequestMirror', requestMirror: { backendRef: { name: 'churn-canary', port: 80 } } };
    expect((await patch(route, [{ op: 'add', path: '/spec/rules/0/filters', value: [filter] }])).status).toBe(200);
    expect(
      (
        await patch(route, [
          { op: 'add', path: '/spec/rules/0/filters', value: [{ type: 'RequestMirror', requestMirror: {} }] },
        ])
      ).status,
    ).toBe(422);
    expect(
      (
        await patch(route, [
          {
            op: 'add',
            path: '/spec/rules/0/filters',
            value: [{ type: 'Mirror', requestMirror: filter.requestMirror }],
          },
        ])
      ).status,
    ).toBe(422);
  });

  it('VirtualService: takes mirror and mirrorPercentage, refuses a mirror without a host or a percentage as text', async () => {
    const ok = [
      { op: 'add', path: '/spec/http/0/mirror', value: { host: 'churn-canary', port: { number: 80 } } },
      { op: 'add', path: '/spec/http/0/mirrorPercentage', value: { value: 100 } },
    ];
    expect((await patch(vs, ok)).status).toBe(200);
    expect(
      (await patch(vs, [{ op: 'add', path: '/spec/http/0/mirror', value: { port: { number: 80 } } }])).status,
    ).toBe(422);
    expect(
      (await patch(vs, [{ op: 'add', path: '/spec/http/0/mirrorPercentage', value: { value: 'all' } }])).status,
    ).toBe(422);
  });
});
