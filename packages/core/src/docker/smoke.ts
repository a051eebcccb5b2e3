import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import * as log from '../log.ts';
import { UserError } from '../errors.ts';
import { inert, withCommandsStopped } from '../log.ts';
import { docker, tail } from './cli.ts';

/** What the smoke test sends and expects. */
export interface SmokeTest {
  image: string;
  /** The port the server listens on inside the container. */
  port: number;
  healthPath: string;
  /** POSTed as JSON to `predictPath` after the server is healthy. */
  request?: { path: string; body: string };
  expectStatus: number;
  timeoutMs: number;
  /** Runs while the healthy container still serves (the parity replay), before it is removed. */
  whileServing?: (base: string) => Promise<void>;
}

/** What the smoke test saw. */
export interface SmokeResult {
  /** Milliseconds from `docker run` to the first healthy answer. */
  readyMs: number;
  status?: number;
  responseBytes?: number;
}

async function hostPort(container: string, port: number): Promise<number> {
  const result = await docker(['port', container, `${port}/tcp`]);
  const m = /:(\d+)\s*$/m.exec(result.stdout);
  if (result.code !== 0 || !m)
    throw new Error(
      `docker port ${container} ${port}/tcp gave no host port: ${tail(result.stderr || result.stdout, 3)}`,
    );
  return Number(m[1]);
}

async function stillRunning(container: string): Promise<{ running: boolean; exitCode: string }> {
  const result = await docker(['inspect', '--format', '{{.State.Running}} {{.State.ExitCode}}', container]);
  const [running, exitCode] = result.stdout.trim().split(' ');
  return { running: running === 'true', exitCode: exitCode ?? '?' };
}

async function get(url: string): Promise<number | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined; // not listening yet
  }
}

async function waitHealthy(container: string, url: string, deadline: number): Promise<void> {
  let last = 'no answer';
  while (Date.now() < deadline) {
    const status = await get(url);
    if (status !== undefined && status >= 200 && status < 300) return;
    if (status !== undefined) last = `HTTP ${status}`;
    const state = await stillRunning(container);
    if (!state.running)
      throw new UserError(`the container exited with code ${state.exitCode} before ${url} answered.`, {
        input: 'smoke-test',
      });
    await sleep(250);
  }
  throw new UserError(`${url} did not answer 2xx within the smoke-timeout (last: ${last}).`, {
    input: 'smoke-timeout',
  });
}

/**
 * Runs the image and proves it serves before anything is pushed: the port is published on loopback
 * only (127.0.0.1, never all interfaces), the health path must answer 2xx, then the request must get
 * the expected status. On any failure the container's logs are printed; the container is always
 * removed.
 */
export async function smokeTest(test: SmokeTest): Promise<SmokeResult> {
  const name = `modelgate-smoke-${randomBytes(4).toString('hex')}`;
  const started = Date.now();
  const run = await docker(['run', '--detach', '--name', name, '--publish', `127.0.0.1::${test.port}`, test.image]);
  try {
    if (run.code !== 0)
      throw new UserError(`docker run ${test.image} failed: ${tail(run.stderr, 5)}`, { input: 'smoke-test' });
    const base = `http://127.0.0.1:${await hostPort(name, test.port)}`;
    await waitHealthy(name, `${base}${test.healthPath}`, started + test.timeoutMs);
    const readyMs = Date.now() - started;
    log.info(`Smoke test: ${inert(test.healthPath)} answered after ${(readyMs / 1000).toFixed(1)} s`);
    if (!test.request) {
      await test.whileServing?.(base);
      return { readyMs };
    }
    const response = await fetch(`${base}${test.request.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: test.request.body,
      signal: AbortSignal.timeout(Math.max(test.timeoutMs - readyMs, 5000)),
    }).catch((error: unknown) => {
      throw new UserError(
        `POST ${test.request?.path} failed: ${error instanceof Error ? error.message : String(error)}`,
        { input: 'smoke-request' },
      );
    });
    const text = await response.text();
    if (response.status !== test.expectStatus) {
      throw new UserError(
        `POST ${test.request.path} answered HTTP ${response.status}, expected ${test.expectStatus}: ${text.slice(0, 500)}`,
        {
          input: 'expect-status',
        },
      );
    }
    log.info(`Smoke test: POST ${inert(test.request.path)} answered HTTP ${response.status} (${text.length} bytes)`);
    await test.whileServing?.(base);
    return { readyMs, status: response.status, responseBytes: text.length };
  } catch (error) {
    const logs = await docker(['logs', '--tail', '200', name]);
    log.startGroup(`Container logs (${name})`);
    await withCommandsStopped(async () => log.info(`${logs.stdout}${logs.stderr}`.trimEnd() || '(no output)'));
    log.endGroup();
    throw error;
  } finally {
    await docker(['rm', '--force', '--volumes', name]);
  }
}
