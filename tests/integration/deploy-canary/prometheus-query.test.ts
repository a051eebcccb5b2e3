import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryValue } from '@modelgate/core/prometheus/query';
import { startExporter, type Exporter } from '../../standins/prometheus/exporter.ts';
import { startPrometheus, type PrometheusServer } from '../../standins/prometheus/server.ts';

let exporter: Exporter;
let prometheus: PrometheusServer;
beforeAll(async () => {
  exporter = await startExporter();
  exporter.set('latency_seconds', { track: 'canary', pod: 'a' }, 0.2);
  exporter.set('latency_seconds', { track: 'canary', pod: 'b' }, 0.4);
  exporter.set('requests', { track: 'canary' }, 0);
  prometheus = await startPrometheus(exporter.target);
  await prometheus.waitForData('requests');
}, 30_000);
afterAll(async () => {
  await prometheus?.close();
  await exporter?.close();
});

describe('queryValue against a real Prometheus', () => {
  const client = () => ({ url: prometheus.url, headers: {} });

  it('reads the one value of an aggregated instant vector, and a scalar', async () => {
    expect(await queryValue(client(), 'avg(latency_seconds{track="canary"})')).toBeCloseTo(0.3, 12);
    expect(await queryValue(client(), 'scalar(max(latency_seconds))')).toBe(0.4);
  });

  it('gives undefined (no data) for an empty result and for NaN (0/0, a ratio with no traffic)', async () => {
    expect(await queryValue(client(), 'latency_seconds{track="stable"}')).toBeUndefined();
    expect(await queryValue(client(), 'sum(requests) / sum(requests)')).toBeUndefined();
  });

  it('reads +Inf as Infinity', async () => {
    expect(await queryValue(client(), 'sum(latency_seconds) / sum(requests)')).toBe(Infinity);
  });

  it('refuses several series: which one to judge would be a guess', async () => {
    await expect(queryValue(client(), 'latency_seconds')).rejects.toThrow(/returned 2 series; aggregate it to one/);
  });

  it('names a query Prometheus rejects', async () => {
    await expect(queryValue(client(), 'sum(rate(latency_seconds[1m])')).rejects.toMatchObject({
      kind: 'query',
      message: expect.stringContaining('Prometheus rejected the query (bad_data)'),
    });
  });
});
