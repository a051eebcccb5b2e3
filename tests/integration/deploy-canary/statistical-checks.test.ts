/**
 * Statistical checks through the bundle against a real Prometheus scraping an exporter whose values change at
 * every scrape: Mann-Whitney p-values equal to SciPy 1.10's on the samples Prometheus returned, a lower
 * conversion rate rolled back by the two-proportion test, and a dry-run check that is measured but never decides.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryRange } from '@modelgate/core/prometheus/query';
import { seededUniform } from '@modelgate/core/metrics/random';
import { httpRoute, stableDeployment, stableService } from '../../standins/kube/index.ts';
import {
  leftovers,
  runDeployCanary,
  startKubeStandIn,
  startMetrics,
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

async function cluster(name: string): Promise<KubeStandIn> {
  api = await startKubeStandIn({ token: 'kube-token' });
  api.seed(stableDeployment(name));
  api.seed(stableService(name));
  api.seed(httpRoute(name, name));
  return api;
}

/** A latency per scrape: the sum of three seeded uniforms, scaled and shifted, rounded to the millisecond (ties). */
function latency(seed: number, shift: number): () => number {
  const u = seededUniform(seed);
  return () => Number(((u() + u() + u()) * 0.04 + shift).toFixed(3));
}

/** A counter that grows by `by` at every scrape. */
function counter(by: number): () => number {
  let total = 0;
  return () => (total += by);
}

/** SciPy 1.10 on the same samples: /usr/bin/python3 is the oracle (python3-scipy, as scripts/oracles use). */
function scipyMannWhitney(canary: number[], stable: number[]): { u: number; p: number } {
  const script =
    'import json,sys\nfrom scipy.stats import mannwhitneyu\nd=json.load(sys.stdin)\n' +
    'r=mannwhitneyu(d["canary"],d["stable"],alternative="two-sided",method="asymptotic",use_continuity=True)\n' +
    'print(json.dumps({"u":float(r.statistic),"p":float(r.pvalue)}))';
  const out = execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify({ canary, stable }) });
  return JSON.parse(out.toString()) as { u: number; p: number };
}

const LATENCY_CHECK = (extra = '') => `
- name: p50-latency
  compare: mann-whitney
  query: max(request_latency_seconds{app="{{name}}",track="{{track}}"})
  resolution: 1s${extra}
`;

describe('statistical checks against a real Prometheus', { timeout: 120_000 }, () => {
  it('rolls back a slower canary by Mann-Whitney, with the p-value SciPy gives on the samples Prometheus returned', async () => {
    const name = 'mw-slow';
    await cluster(name);
    metrics.exporter.generate('request_latency_seconds', { app: name, track: 'canary' }, latency(11, 0.2));
    metrics.exporter.generate('request_latency_seconds', { app: name, track: 'stable' }, latency(12, 0.17));
    await metrics.prometheus.waitForData(`request_latency_seconds{app="${name}"}`);
    // Stable's history must cover the interval before the canary's samples are judged.
    await new Promise((r) => setTimeout(r, 14_000));
    const result = await runDeployCanary(api, {
      image: 'registry.local/churn:2.0',
      name,
      steps: '20,100',
      interval: '14s',
      analysis: LATENCY_CHECK(),
      'prometheus-url': metrics.prometheus.url,
    });
    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.outputs['outcome']).toBe('rolled-back');
    const [step] = JSON.parse(result.outputs['steps']!) as OpenJson[];
    const m = step.checks[0];
    expect(m).toMatchObject({ verdict: 'fail', stats: { test: 'mann-whitney', centre: 'median', alpha: 0.05 } });
    const { canary, stable } = m.stats.samples as { canary: number[]; stable: number[] };
    expect(canary.length).toBeGreaterThanOrEqual(10);
    expect(m.stats.canaryN).toBe(canary.length);
    // The samples are Prometheus's: the same range read again gives them back (the newest point may have gained a
    // late scrape since).
    const again = await queryRange(
      { url: metrics.prometheus.url, headers: {} },
      `max(request_latency_seconds{app="${name}",track="canary"})`,
      m.stats.window,
    );
    expect(again.slice(0, -1)).toEqual(canary.slice(0, again.length - 1));
    const scipy = scipyMannWhitney(canary, stable);
    expect(m.stats.statistic).toBe(scipy.u);
    expect(Math.abs(m.stats.pValue - scipy.p)).toBeLessThan(1e-9);
    expect(m.stats.pValue).toBeLessThan(0.05);
    expect(result.summary).toMatch(
      /\| p50-latency \| 0\.\d+ \(median\) \| 0\.\d+ \(median\) \| \d+ \/ \d+ \| U = [\d.]+ \| /,
    );
    expect((api.find('HTTPRoute', name) as OpenJson).spec.rules[0].backendRefs).toEqual([{ name, port: 80 }]);
    expect(leftovers(api, name)).toEqual([]);
  });

  it('rolls back a canary that converts less (two-proportion z-test), and a dry-run check never decides', async () => {
    const name = 'conv-low';
    await cluster(name);
    for (const track of ['canary', 'stable']) {
      metrics.exporter.generate('visits_total', { app: name, track }, counter(40));
      metrics.exporter.generate('purchases_total', { app: name, track }, counter(track === 'canary' ? 4 : 10));
    }
    await metrics.prometheus.waitForData(`visits_total{app="${name}"}`);
    await new Promise((r) => setTimeout(r, 6_000));
    const conversion = (extra: string) => `
- name: conversion${extra ? '-dry' : ''}
  compare: proportion
  success-query: sum(increase(purchases_total{app="{{name}}",track="{{track}}"}[5s]))
  total-query: sum(increase(visits_total{app="{{name}}",track="{{track}}"}[5s]))${extra}
`;
    // First the dry run: the same check, measured and reported, does not stop the rollout.
    const dry = await runDeployCanary(api, {
      image: 'registry.local/churn:2.0',
      name,
      steps: '100',
      interval: '3s',
      analysis: conversion('\n  dry-run: true'),
      'prometheus-url': metrics.prometheus.url,
    });
    expect(dry.exitCode, dry.stdout).toBe(0);
    expect(dry.outputs['outcome']).toBe('promoted');
    const dryCheck = (JSON.parse(dry.outputs['steps']!) as OpenJson[])[0].checks[0];
    expect(dryCheck).toMatchObject({ verdict: 'fail', passed: true, dryRun: true, stats: { centre: 'rate' } });
    expect(dryCheck.canary).toBeCloseTo(0.1, 6);
    expect(dryCheck.stable).toBeCloseTo(0.25, 6);
    expect(dry.summary).toContain('❌ fail (dry run, not deciding)');

    await api.close();
    await cluster(name);
    const result = await runDeployCanary(api, {
      image: 'registry.local/churn:3.0',
      name,
      steps: '50,100',
      interval: '3s',
      analysis: conversion(''),
      'prometheus-url': metrics.prometheus.url,
    });
    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.outputs['outcome']).toBe('rolled-back');
    const m = (JSON.parse(result.outputs['steps']!) as OpenJson[])[0].checks[0];
    expect(m).toMatchObject({ verdict: 'fail', stats: { test: 'proportion', centre: 'rate' } });
    expect(m.stats.statistic).toBeLessThan(-3);
    expect(m.stats.pValue).toBeLessThan(0.05);
    expect(result.stdout).toMatch(/conversion: the canary's success rate is lower: canary rate 0\.1, stable 0\.25/);
    expect(leftovers(api, name)).toEqual([]);
    expect((api.find('Deployment', name) as OpenJson).spec.template.spec.containers[0].image).toBe(
      'registry.local/churn:1.0',
    );
  });
});
