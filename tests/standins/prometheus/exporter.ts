/**
 * A small metrics exporter on loopback: serves /metrics in the Prometheus text exposition format
 * (https://prometheus.io/docs/instrumenting/exposition_formats/) with the values a test sets.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exporter {
  /** host:port, the scrape target. */
  target: string;
  /** Sets a gauge sample, e.g. set('model_error_rate', { track: 'canary' }, 0.02). */
  set(name: string, labels: Record<string, string>, value: number): void;
  /**
   * Exposes a sample whose value `next` computes at each scrape (a latency that varies, a counter that grows), so
   * a range query over a real Prometheus returns a sample per scrape, each different.
   */
  generate(name: string, labels: Record<string, string>, next: () => number): void;
  /** How many times /metrics has been scraped. */
  readonly scrapes: number;
  /** Stops exposing a sample: Prometheus marks the series stale on its next scrape (no data). */
  remove(name: string, labels: Record<string, string>): void;
  close(): Promise<void>;
}

function seriesKey(name: string, labels: Record<string, string>): string {
  const parts = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`);
  return parts.length ? `${name}{${parts.join(',')}}` : name;
}

/** Starts the exporter on a free loopback port. */
export async function startExporter(): Promise<Exporter> {
  const samples = new Map<string, { name: string; value: number | (() => number) }>();
  let scrapes = 0;
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    scrapes += 1;
    const names = [...new Set([...samples.values()].map((s) => s.name))];
    const lines = names.flatMap((name) => [
      `# TYPE ${name} gauge`,
      ...[...samples.entries()]
        .filter(([, s]) => s.name === name)
        .map(([key, s]) => `${key} ${typeof s.value === 'function' ? s.value() : s.value}`),
    ]);
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(lines.join('\n') + '\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    target: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    set(name, labels, value) {
      samples.set(seriesKey(name, labels), { name, value });
    },
    generate(name, labels, next) {
      samples.set(seriesKey(name, labels), { name, value: next });
    },
    get scrapes() {
      return scrapes;
    },
    remove(name, labels) {
      samples.delete(seriesKey(name, labels));
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
