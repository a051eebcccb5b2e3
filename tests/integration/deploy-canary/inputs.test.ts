import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inputFields } from '@modelgate/core/canary/deploy-canary-inputs';
import { httpRoute, stableDeployment, stableService } from '../../standins/kube/index.ts';
import { freePort } from '../../standins/prometheus/server.ts';
import {
  startAuthProxy,
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
/** A loopback port nothing listens on. */
let closedPort = 0;
let proxy: Awaited<ReturnType<typeof startAuthProxy>> | undefined;
let proxyUrl = '';
beforeAll(async () => {
  metrics = await startMetrics();
  closedPort = await freePort();
  proxy = await startAuthProxy(metrics.prometheus.url, 'Bearer right');
  proxyUrl = proxy!.url;
}, 30_000);
afterAll(async () => {
  await proxy?.close();
  await metrics?.close();
});
afterEach(() => api?.close());

async function cluster(name: string, options: { route?: boolean } = {}): Promise<KubeStandIn> {
  api = await startKubeStandIn();
  api.seed(stableDeployment(name));
  api.seed(stableService(name));
  if (options.route !== false) api.seed(httpRoute(name, name));
  return api;
}

const LOCK = 'modelgate.dev/deploy-canary-lock';
const base = (name: string) => ({
  image: `registry.local/${name}:2.0`,
  name,
  steps: '50,100',
  analysis: ERROR_RATE_ANALYSIS,
});

describe('deploy-canary refuses bad input before any traffic moves', { timeout: 60_000 }, () => {
  it('has input fields keyed exactly like action.yml', () => {
    const yml = parse(readFileSync(join(import.meta.dirname, '../../../actions/deploy-canary/action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    expect(Object.keys(inputFields).sort()).toEqual(Object.keys(yml.inputs).sort());
  });

  const cases: [string, (name: string) => Record<string, string>, RegExp, { route?: boolean }?][] = [
    ['steps that do not increase', () => ({ steps: '50,25' }), /input 'steps': item 2 \(25\) does not increase/],
    ['a step past 100', () => ({ steps: '50,150' }), /input 'steps': item 2 is "150"/],
    [
      'an unknown router',
      () => ({ router: 'nginx' }),
      /input 'router': got "nginx": expected one of gateway-api, istio, replicas, kserve/,
    ],
    ['a missing route object', () => ({}), /input 'route': HTTPRoute default\/\w+ not found/, { route: false }],
    [
      'an unreachable Prometheus',
      () => ({ 'prometheus-url': `http://127.0.0.1:${closedPort}` }),
      /input 'prometheus-url': Prometheus at http:\/\/127\.0\.0\.1:\d+ could not be reached: .*ECONNREFUSED/,
    ],
    [
      'Prometheus refusing the headers',
      () => ({ 'prometheus-url': proxyUrl, 'prometheus-headers': 'Authorization: Bearer wrong' }),
      /input 'prometheus-url': Prometheus at .* refused the request \(HTTP 401\); check prometheus-headers/,
    ],
    [
      'a query Prometheus rejects',
      () => ({ analysis: '- name: bad\n  query: sum(rate(x[1m]\n  max: 1\n' }),
      /input 'analysis': check 'bad': Prometheus rejected the query \(bad_data\)/,
    ],
    [
      'an invalid kubeconfig',
      () => ({ kubeconfig: 'apiVersion: v1\nkind: Config\nclusters: [' }),
      /input 'kubeconfig', line \d+: could not read the kubeconfig content: invalid YAML at line \d+, column \d+/,
    ],
    [
      'plain http without insecure-skip-tls-verify',
      () => ({
        kubeconfig: api.kubeconfig().replace('insecure-skip-tls-verify: true', 'insecure-skip-tls-verify: false'),
      }),
      /uses plain http .*set 'insecure-skip-tls-verify: true'/,
    ],
    [
      'an unreachable API server',
      () => ({ kubeconfig: api.kubeconfig().replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${closedPort}`) }),
      /input 'kubeconfig': reading Deployment default\/\w+: .*ECONNREFUSED/,
    ],
    [
      'an unknown container',
      () => ({ container: 'nope' }),
      /input 'container': Deployment default\/\w+ has no container 'nope'; it has: model, sidecar/,
    ],
  ];
  for (const [what, extra, message, options] of cases) {
    it(`fails clearly on ${what}`, async () => {
      const name = `bad${cases.findIndex((c) => c[0] === what)}`;
      await cluster(name, options);
      const result = await runDeployCanary(api, {
        ...base(name),
        'prometheus-url': metrics.prometheus.url,
        ...extra(name),
      });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toMatch(message);
      expect(result.stdout).not.toContain('internal error');
      expect(api.writes).toEqual([]);
    });
  }
});

describe('deploy-canary lock', { timeout: 60_000 }, () => {
  it('refuses to start while another rollout holds a fresh lock', async () => {
    await cluster('locked');
    const deployment = api.find('Deployment', 'locked') as OpenJson;
    deployment.metadata.annotations = {
      [LOCK]: JSON.stringify({
        owner: 'acme/app/actions/runs/7/attempts/1',
        since: new Date().toISOString(),
        image: 'x:1',
      }),
    };
    const result = await runDeployCanary(api, { ...base('locked'), 'prometheus-url': metrics.prometheus.url });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /another rollout of locked \(acme\/app\/actions\/runs\/7\/attempts\/1, image x:1\) holds the lock since/,
    );
    expect(api.writes).toEqual([]);
  });

  it('refuses a lock taken long ago but renewed recently: its rollout is still running', async () => {
    await cluster('renewed');
    const deployment = api.find('Deployment', 'renewed') as OpenJson;
    const lock = {
      owner: 'long-run',
      image: 'x:1',
      since: new Date(Date.now() - 3_600_000).toISOString(),
      renewed: new Date().toISOString(),
    };
    deployment.metadata.annotations = { [LOCK]: JSON.stringify(lock) };
    const result = await runDeployCanary(api, { ...base('renewed'), 'prometheus-url': metrics.prometheus.url });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/another rollout of renewed \(long-run, image x:1\) holds the lock/);
    expect(api.writes).toEqual([]);
  });

  it('renews its lock while the rollout runs', async () => {
    await cluster('renewing');
    await setErrorRates(metrics, 'renewing', { canary: 0.01, stable: 0.01 });
    const result = await runDeployCanary(api, {
      ...base('renewing'),
      steps: '30,60,100',
      timeout: '3s',
      'prometheus-url': metrics.prometheus.url,
    });
    expect(result.exitCode, result.stdout).toBe(0);
    const lockWrites = api.writes
      .filter((w) => JSON.stringify(w.body).includes(LOCK))
      .map((w) => (w.body as OpenJson).metadata);
    // The first write takes the lock, the last removes it, and each between renews it; every one names the
    // version it read, so none can overwrite a lock that is no longer this rollout's.
    expect(lockWrites.every((m) => typeof m.resourceVersion === 'string')).toBe(true);
    const renewals = lockWrites.slice(1, -1);
    expect(renewals.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(renewals[0].annotations[LOCK])).toMatchObject({
      owner: expect.any(String),
      since: expect.any(String),
      renewed: expect.any(String),
    });
    expect(lockWrites.at(-1)!.annotations[LOCK]).toBeNull();
  });

  it('two jobs of one workflow run started at the same instant: one takes the lock, the other touches nothing of it', async () => {
    await cluster('race');
    await setErrorRates(metrics, 'race', { canary: 0.01, stable: 0.01 });
    // Both runs read the Deployment before either writes its lock: their lock writes name the same version.
    api.hold({ method: 'PATCH', path: /\/deployments\/race$/, count: 2 });
    const jobs = ['job-a', 'job-b'];
    // A matrix: both jobs have the same workflow run id and attempt (the local runner's).
    const [a, b] = await Promise.all(
      jobs.map((client) =>
        runDeployCanary(api, { ...base('race'), 'prometheus-url': metrics.prometheus.url }, { client }),
      ),
    );
    expect([a!.exitCode, b!.exitCode].sort()).toEqual([0, 1]);
    const [winner, loser] = a!.exitCode === 0 ? [a!, b!] : [b!, a!];
    const loserClient = a!.exitCode === 0 ? 'job-b' : 'job-a';
    const winnerClient = jobs.find((j) => j !== loserClient)!;
    expect(winner.outputs['outcome'], winner.stdout).toBe('promoted');
    expect(loser.stdout).toMatch(
      /another rollout of race \(another job of this workflow run, local\/repository\/actions\/runs\/1\/attempts\/1, image registry\.local\/race:2\.0\) holds the lock since .*Nothing was changed/,
    );
    expect(loser.stdout).not.toContain('internal error');
    expect(loser.outputs['outcome']).toBeUndefined();
    // The loser's only write is its lock attempt, refused by the API server; it never wrote to the canary, the
    // route or the lock the winner holds.
    const loserWrites = api.requests.filter((r) => r.client === loserClient && r.method !== 'GET');
    expect(loserWrites.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'PATCH /apis/apps/v1/namespaces/default/deployments/race 409',
    ]);
    // The winner did the whole rollout, and left no canary or lock behind.
    const winnerWrites = api.requests.filter((r) => r.client === winnerClient && r.method !== 'GET');
    expect(winnerWrites.some((r) => r.path.endsWith('/httproutes/race'))).toBe(true);
    expect(winnerWrites.filter((r) => r.method === 'DELETE').map((r) => r.path.split('/').slice(-2).join('/'))).toEqual(
      ['deployments/race-canary', 'services/race-canary'],
    );
    expect(api.requests.every((r) => r.client === 'job-a' || r.client === 'job-b')).toBe(true);
    expect(leftovers(api, 'race')).toEqual([]);
  });

  it('takes its lock when the answer to the lock write is lost (502 after the write took), and goes on', async () => {
    await cluster('lost');
    await setErrorRates(metrics, 'lost', { canary: 0.01, stable: 0.01 });
    api.failOn({
      method: 'PATCH',
      path: /\/deployments\/lost$/,
      body: /deploy-canary-lock/,
      afterWrite: true,
      status: 502,
    });
    const result = await runDeployCanary(api, { ...base('lost'), 'prometheus-url': metrics.prometheus.url });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs['outcome']).toBe('promoted');
    const lockWrites = api.requests.filter((r) => r.method === 'PATCH' && JSON.stringify(r.body).includes(LOCK));
    expect(lockWrites[0]!.status).toBe(502);
    // Read back, the lock was this rollout's: every later lock write is this rollout's (renewals), then the release.
    const values = lockWrites.map((w) => (w.body as OpenJson).metadata.annotations[LOCK] as string | null);
    expect(values.at(-1)).toBeNull();
    expect(new Set(values.slice(0, -1).map((v) => JSON.parse(v!).id)).size).toBe(1);
    expect(leftovers(api, 'lost')).toEqual([]);
  });

  it('takes over a lock older than the timeout, says so, and releases it at the end', async () => {
    await cluster('stale');
    await setErrorRates(metrics, 'stale', { canary: 0.01, stable: 0.01 });
    const deployment = api.find('Deployment', 'stale') as OpenJson;
    const since = new Date(Date.now() - 3_600_000).toISOString();
    deployment.metadata.annotations = { [LOCK]: JSON.stringify({ owner: 'crashed-run', since, image: 'x:1' }) };
    const result = await runDeployCanary(api, { ...base('stale'), 'prometheus-url': metrics.prometheus.url });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.summary).toContain('took over a stale lock of crashed-run');
    const lockWrite = api.writes.find((w) => JSON.stringify(w.body).includes(LOCK))!;
    expect((lockWrite.body as OpenJson).metadata.resourceVersion).toBe(deployment.metadata.resourceVersion);
    expect((api.find('Deployment', 'stale') as OpenJson).metadata.annotations ?? {}).not.toHaveProperty(LOCK);
  });
});
