/**
 * Runs the real Prometheus (Debian's /usr/bin/prometheus) on loopback, scraping the test's exporter every second,
 * with its storage in a temporary directory that is removed on close.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROMETHEUS_BIN = process.env['PROMETHEUS_BIN'] ?? '/usr/bin/prometheus';

export interface PrometheusServer {
  url: string;
  /** Waits until an instant query returns at least one series (the first scrape has landed). */
  waitForData(query: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A free loopback port (asked from the OS, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts Prometheus scraping `target` (host:port) every second and waits until /-/ready answers. */
export async function startPrometheus(target: string): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-prometheus-'));
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      'scrape_configs:',
      '  - job_name: exporter',
      '    scrape_interval: 1s',
      `    static_configs: [{ targets: ['${target}'] }]`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [
    `--config.file=${config}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ];
  if (!existsSync(PROMETHEUS_BIN)) {
    throw new Error(
      `These tests run a real Prometheus, and ${PROMETHEUS_BIN} does not exist: apt-get install prometheus ` +
        '(.ci/run does), or point PROMETHEUS_BIN at a prometheus binary.',
    );
  }
  const child: ChildProcess = spawn(PROMETHEUS_BIN, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, sleep(5000)]);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      await close();
      throw new Error(`prometheus exited with ${child.exitCode}: ${stderr.slice(-2000)}`);
    }
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`prometheus did not become ready in 20 s: ${stderr.slice(-2000)}`);
    }
    await sleep(100);
  }
  return {
    url,
    async waitForData(query, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const answer = (await (await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`)).json()) as {
          data?: { result?: unknown[] };
        };
        if ((answer.data?.result?.length ?? 0) > 0) return;
        if (Date.now() > end) throw new Error(`no data for ${query} after ${timeoutMs} ms`);
        await sleep(200);
      }
    },
    close,
  };
}
