/**
 * Shared set-up of the deploy-canary integration tests: the Kubernetes stand-in, a metrics exporter and a real
 * Prometheus scraping it, and a runner for the committed bundle through the local runner.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runLocal, type LocalRunResult } from '../../../packages/cli/src/runner.ts';
import { startKubeStandIn, type JsonObject, type KubeStandIn } from '../../standins/kube/index.ts';
import { startExporter, type Exporter } from '../../standins/prometheus/exporter.ts';
import { startPrometheus, type PrometheusServer } from '../../standins/prometheus/server.ts';

export interface Metrics {
  exporter: Exporter;
  prometheus: PrometheusServer;
  close(): Promise<void>;
}

/** Starts the exporter and a real Prometheus scraping it every second. */
export async function startMetrics(): Promise<Metrics> {
  const exporter = await startExporter();
  const prometheus = await startPrometheus(exporter.target);
  return {
    exporter,
    prometheus,
    async close() {
      await prometheus.close();
      await exporter.close();
    },
  };
}

/** Sets the error rate each track reports for an app (omit a track to give it no data) and waits for the scrape. */
export async function setErrorRates(
  m: Metrics,
  app: string,
  rates: { canary?: number; stable?: number },
): Promise<void> {
  for (const track of ['canary', 'stable'] as const) {
    const value = rates[track];
    if (value === undefined) m.exporter.remove('model_error_rate', { app, track });
    else m.exporter.set('model_error_rate', { app, track }, value);
  }
  for (const track of ['canary', 'stable'] as const) {
    const value = rates[track];
    if (value !== undefined)
      await m.prometheus.waitForData(`model_error_rate{app="${app}",track="${track}"} == ${value}`);
  }
}

/** The analysis most tests use: the error rate of the track, at most 5%, and no more than 50% worse than stable. */
export const ERROR_RATE_ANALYSIS = `
- name: error-rate
  query: max(model_error_rate{app="{{name}}",track="{{track}}"})
  max: 0.05
  max-regression-pct: 50
`;

/** A loopback proxy in front of Prometheus that answers 401 unless the request carries `authorization`. */
export async function startAuthProxy(
  target: string,
  authorization: string,
): Promise<{ url: string; authorized: number; close(): Promise<void> }> {
  const state = { authorized: 0 };
  const server = createServer(async (req, res) => {
    if (req.headers.authorization !== authorization) {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('Unauthorized');
      return;
    }
    state.authorized += 1;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const answer = await fetch(`${target}${req.url}`, {
      method: req.method ?? 'GET',
      headers: { 'content-type': String(req.headers['content-type'] ?? '') },
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    });
    res
      .writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' })
      .end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get authorized() {
      return state.authorized;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Runs the deploy-canary bundle against the stand-in; with a `client` token its requests are logged under it
 * (two runs at once tell theirs apart).
 */
export function runDeployCanary(
  api: KubeStandIn,
  inputs: Record<string, string>,
  options: { client?: string; cancel?: Promise<unknown> } = {},
): Promise<LocalRunResult> {
  return runLocal({
    action: 'deploy-canary',
    inputs: { kubeconfig: api.kubeconfig('default', options.client), interval: '1s', timeout: '10s', ...inputs },
    ...(options.cancel ? { cancel: options.cancel } : {}),
    timeoutMs: 120_000,
  });
}

/** Resolves once the stand-in has answered a request matching `test` (polls its request log). */
export async function whenRequested(
  api: KubeStandIn,
  test: (r: KubeStandIn['requests'][number]) => boolean,
): Promise<void> {
  const end = Date.now() + 60_000;
  while (!api.requests.some(test)) {
    if (Date.now() > end) throw new Error('the stand-in saw no such request within 60 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The writes the rollout made to an object kind, e.g. `httproutes`. */
export function writesTo(api: KubeStandIn, plural: string): { method: string; body: unknown; status: number }[] {
  return api.writes.filter((w) => w.path.includes(`/${plural}`));
}

/** The annotation map of a stored object. */
export function annotations(object: JsonObject | undefined): Record<string, string> {
  return ((object?.['metadata'] as JsonObject | undefined)?.['annotations'] ?? {}) as Record<string, string>;
}

/** Asserts-ready summary of "as it was": no canary objects, no lock, stable image unchanged. */
export function leftovers(api: KubeStandIn, name: string): string[] {
  const found: string[] = [];
  if (api.find('Deployment', `${name}-canary`)) found.push(`Deployment ${name}-canary`);
  if (api.find('Service', `${name}-canary`)) found.push(`Service ${name}-canary`);
  if (annotations(api.find('Deployment', name))['modelgate.dev/deploy-canary-lock']) found.push('lock annotation');
  return found;
}

export type { KubeStandIn };
export { startKubeStandIn };
