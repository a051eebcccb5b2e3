import { describe, expect, it } from 'vitest';
import type { RolloutPlan } from '@modelgate/core/canary/plan';
import { rolloutSummary } from '@modelgate/core/canary/summary';
import type { RolloutResult } from '@modelgate/core/canary/engine';
import { makeTarget } from '@modelgate/core/kube/make-target';

const names = { name: 'churn', namespace: 'ml', image: 'reg/churn:2', route: 'churn' };
const plan = (router: 'gateway-api' | 'istio' | 'replicas' | 'kserve'): RolloutPlan => ({
  ...names,
  router,
  target: makeTarget({ ...names, router, container: undefined, timeoutMs: 300_000, owner: 'test' }).describe(),
  steps: [50, 100],
  intervalMs: 60_000,
  timeoutMs: 300_000,
  onFailure: 'rollback',
  checks: [],
});
const context = plan('gateway-api');

describe('rolloutSummary', () => {
  const result: RolloutResult = {
    outcome: 'rolled-back',
    reason: 'step 1 (50%): <b>bad</b>: canary 0.09 > max 0.05',
    leftBehind: [],
    notes: [],
    timeline: [
      { label: 'start', weight: 0 },
      { label: 'step 1', weight: 50 },
      { label: 'rolled back', weight: 0 },
    ],
    steps: [
      {
        step: 1,
        weight: 50,
        actualWeight: 50,
        at: 61,
        passed: false,
        checks: [
          {
            name: '<b>bad</b>',
            canary: 0.09,
            stable: null,
            rule: 'max 0.05',
            verdict: 'fail',
            reason: 'canary 0.09 > max 0.05',
            passed: false,
          },
        ],
      },
    ],
  };
  const text = rolloutSummary({ plan: context, result }).toString();

  it('has a table per step with canary and stable values, the rule and the verdict', () => {
    expect(text).toContain('### Step 1: canary 50%, failed (t+61 s)');
    expect(text).toMatch(/\| .*bad.* \| 0\.09 \| no data \| max 0\.05 \| ❌ fail \| canary 0\.09 &gt; max 0\.05 \|/);
  });

  it('charts canary and stable weights over time', () => {
    expect(text).toContain('xychart-beta');
    expect(text).toContain('line [0, 50, 0]');
    expect(text).toContain('line [100, 50, 100]');
  });

  it('lists what a dry run would do, in order, naming the objects', () => {
    const dry = rolloutSummary({
      plan: context,
      result: {
        outcome: 'dry-run',
        steps: [],
        leftBehind: [],
        notes: [],
        timeline: [],
      },
    }).toString();
    expect(dry).toContain('Nothing was changed');
    expect(dry).toMatch(/- Lock Deployment ml\/churn/);
    expect(dry).toMatch(/- Create Deployment ml\/churn-canary \(image reg\/churn:2, pods track: canary\)/);
    expect(dry).toContain(
      'set the backendRef weights of HTTPRoute ml/churn: churn 100−w, churn-canary w; wait 60 s; no checks',
    );
  });

  it('says loudly when the rollback failed, what is left and the commands that finish it, in order', () => {
    const failed = rolloutSummary({
      plan: context,
      result: {
        ...result,
        outcome: 'rollback-failed',
        leftBehind: [
          {
            what: 'HTTPRoute ml/churn is not back at 100% stable (now: rule 0 sending to churn=50, churn-canary=50).',
            commands: [
              `kubectl -n ml patch httproute churn --type=json -p '[{"op":"replace","path":"/spec/rules/0/backendRefs","value":[{"name":"churn"}]}]'`,
              'kubectl -n ml delete deployment/churn-canary service/churn-canary',
            ],
          },
        ],
        timeline: [...result.timeline.slice(0, 2), { label: 'rollback failed', weight: 50 }],
      },
    }).toString();
    expect(failed).toContain('**Outcome: 🚨 rollback failed**');
    expect(failed).toContain('**The rollback failed:** the cluster is not back as it was before the rollout');
    const item = failed.split('\n').find((l) => l.startsWith('- HTTPRoute ml/churn is not back at 100% stable'));
    // The commands in code spans (Markdown escapes inside render as the characters), in order.
    expect(item).toMatch(
      /\(now: rule 0 sending to churn=50, churn-canary=50\)\. `kubectl -n ml patch httproute churn --type=json -p '.*'` then `kubectl -n ml delete deployment\/churn-canary service\/churn-canary`$/,
    );
    expect(failed).toContain('line [0, 50, 50]');
  });

  it('escapes check names that come from the user', () => {
    expect(text).not.toContain('<b>bad</b>');
  });
});

describe('the plan of each router, as the router describes itself', () => {
  const dryRun = (router: 'gateway-api' | 'istio' | 'replicas' | 'kserve') =>
    rolloutSummary({
      plan: plan(router),
      result: { outcome: 'dry-run', steps: [], leftBehind: [], notes: [], timeline: [] },
    }).toString();

  it('istio sets the VirtualService route weights', () => {
    const text = dryRun('istio');
    expect(text).toContain('router istio (VirtualService churn)');
    expect(text).toContain('set the route weights of VirtualService ml/churn: churn 100−w, churn-canary w');
  });

  it('replicas scales the two Deployments', () => {
    const text = dryRun('replicas');
    expect(text).toContain('router replicas (replica counts)');
    expect(text).toContain('scale churn-canary and churn so the canary has about w% of the pods');
  });

  it('kserve locks and rolls the InferenceService itself', () => {
    const text = dryRun('kserve');
    expect(text).toContain('router kserve (InferenceService churn)');
    expect(text).toMatch(/- Lock InferenceService ml\/churn/);
    expect(text).toContain(
      'Set the predictor image to reg/churn:2 at 0% (a new revision); wait until it is ready (timeout 300 s).',
    );
    expect(text).toContain('set canaryTrafficPercent of InferenceService ml/churn to w');
    expect(text).toContain('remove canaryTrafficPercent (the new revision takes all traffic), then unlock.');
  });
});

describe('rolloutSummary: blue-green and statistical checks', () => {
  const blueGreen: RolloutPlan = {
    ...names,
    router: 'gateway-api',
    target: makeTarget({
      ...names,
      router: 'gateway-api',
      container: undefined,
      timeoutMs: 300_000,
      owner: 'test',
      strategy: 'blue-green',
    }).describe(),
    steps: [],
    intervalMs: 600_000,
    timeoutMs: 300_000,
    onFailure: 'rollback',
    checks: [],
    strategy: 'blue-green',
  };
  const stats = (test: 'mann-whitney' | 'proportion', statistic: number, pValue: number) => ({
    test,
    canaryN: 60,
    stableN: 58,
    centre: test === 'mann-whitney' ? ('median' as const) : ('rate' as const),
    statistic,
    pValue,
    alpha: 0.05,
  });
  const result: RolloutResult = {
    outcome: 'rolled-back',
    reason: 'after the switch to green: conversion: lower',
    leftBehind: [],
    notes: [],
    timeline: [
      { label: 'start', weight: 0 },
      { label: 'preview', weight: 0 },
      { label: 'switched', weight: 100 },
      { label: 'rolled back', weight: 0 },
    ],
    steps: [
      { step: 1, phase: 'preview', weight: 0, actualWeight: 0, at: 600, passed: true, checks: [] },
      {
        step: 2,
        phase: 'switched',
        weight: 100,
        actualWeight: 100,
        at: 1200,
        passed: false,
        checks: [
          {
            name: 'p95-latency',
            canary: 0.21,
            stable: 0.2,
            rule: 'Mann-Whitney U',
            verdict: 'pass',
            passed: true,
            reason: 'no significant difference',
            stats: stats('mann-whitney', 1800.5, 0.31),
          },
          {
            name: 'conversion',
            canary: 0.1,
            stable: 0.25,
            rule: 'two-proportion',
            verdict: 'fail',
            passed: false,
            reason: 'lower',
            stats: stats('proportion', -3.29392, 0.000494),
          },
          {
            name: 'cpu',
            canary: 2,
            stable: 1,
            rule: 'Mann-Whitney U (dry run: never decides)',
            verdict: 'fail',
            passed: true,
            dryRun: true,
            reason: 'worse',
            stats: stats('mann-whitney', 3400, 1.2e-7),
          },
        ],
      },
    ],
  };
  const text = rolloutSummary({ plan: blueGreen, result }).toString();

  it('names the phases and the strategy', () => {
    expect(text).toContain('blue-green (preview, then one switch to 100%)');
    expect(text).toContain('### Preview: green analysed, users on stable, passed (t+600 s)');
    expect(text).toContain(
      '### Switched: all traffic on green, compared with stable before the switch, failed (t+1200 s)',
    );
    expect(text).toContain('Lines: green weight (blue), stable weight (orange).');
  });

  it('gives each statistical check its sizes, medians or rates, statistic and p-value; a dry-run check says so', () => {
    expect(text).toContain('| Check | Green | Stable | n (green / stable) | Statistic | p-value |');
    expect(text).toContain('| p95-latency | 0.21 (median) | 0.2 (median) | 60 / 58 | U = 1800.5 | 0.31 |');
    expect(text).toContain('| conversion | 0.1 (rate) | 0.25 (rate) | 60 / 58 | z = -3.29392 | 0.000494 |');
    expect(text).toContain('| cpu | 2 (median) | 1 (median) | 60 / 58 | U = 3400 | 1.20e-7 |');
    expect(text).toContain('❌ fail (dry run, not deciding)');
  });
});
