import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubStandIn, type GitHubStandIn } from '../../standins/github/index.ts';
import { metricsDocument, OWNER, REPO, runCompare, workspace } from './harness.ts';

let standIn: GitHubStandIn;
beforeAll(async () => {
  standIn = await startGitHubStandIn({ repository: `${OWNER}/${REPO}` });
});
afterAll(async () => {
  expect(standIn.violations).toEqual([]);
  await standIn.close();
});

const thresholds = [
  'accuracy: { min: 0.8, max-regression: 0.01 }',
  'log_loss: { max-regression: 0.02 }',
  'latency_ms: { max-regression-pct: 10 }',
  'throughput: { direction: lower, max-regression: 0 }',
].join('\n');

describe('compare-to-baseline: the gate', () => {
  it('fails the step on a regression and names exactly the regressed metrics', async () => {
    const dir = workspace({
      'base.json': metricsDocument({ accuracy: 0.9, f1: 0.8, log_loss: 0.3, latency_ms: 100, throughput: 50 }),
      'metrics.json': metricsDocument({ accuracy: 0.85, f1: 0.7, log_loss: 0.25, latency_ms: 120, throughput: 40 }),
      'gates.yml': thresholds,
    });
    const result = await runCompare(standIn, dir, {
      metrics: 'metrics.json',
      baseline: 'base.json',
      thresholds: 'gates.yml',
      history: '0',
    });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.passed).toBe('false');
    const regressions = JSON.parse(result.outputs.regressions!) as Array<{ metric: string; rule: string }>;
    // f1 got worse but has no rule; log_loss fell (better: lower); throughput fell (better: direction lower).
    expect(regressions.map((r) => [r.metric, r.rule])).toEqual([
      ['accuracy', 'max-regression 0.01'],
      ['latency_ms', 'max-regression-pct 10%'],
    ]);
    const improvements = JSON.parse(result.outputs.improvements!) as Array<{ metric: string }>;
    expect(improvements.map((i) => i.metric)).toEqual(['log_loss', 'throughput']);
    expect(result.stdout).toContain('::error::2 rule(s) failed against the baseline: accuracy, latency_ms.');
    expect(result.summary).toContain(
      '↓ lower is better (from the metric’s name unless the thresholds set `direction`)',
    );
    expect(result.summary).toContain('| **throughput** | 50 | 40 | 🟢\u00a0▼\u00a0−10 |');
    expect(result.outputs.report).toMatch(/report\.md$/);
  });

  it('passes with a warning when fail-on-regression is false', async () => {
    const dir = workspace({
      'base.json': metricsDocument({ accuracy: 0.9 }),
      'metrics.json': metricsDocument({ accuracy: 0.5 }),
    });
    const result = await runCompare(standIn, dir, {
      metrics: 'metrics.json',
      baseline: 'base.json',
      thresholds: 'accuracy: { max-regression: 0.01 }',
      'fail-on-regression': 'false',
      history: '0',
    });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.passed).toBe('false');
    expect(result.summary).toContain('fail-on-regression is off');
  });

  it('with no baseline yet checks only min/max and says so', async () => {
    const dir = workspace({ 'metrics.json': metricsDocument({ accuracy: 0.5 }) });
    const result = await runCompare(standIn, dir, {
      metrics: 'metrics.json',
      baseline: 'auto',
      thresholds: 'accuracy: { max-regression: 0 }',
      history: '0',
    });
    expect(result.exitCode).toBe(0);
    expect(result.summary).toContain('**No baseline yet**');
  });

  it('stops with a configuration error listing the valid names for a threshold on an unknown metric', async () => {
    const dir = workspace({
      'metrics.json': metricsDocument({ accuracy: 0.9, f1: 0.8 }),
      'gates.yml': 'acuracy:\n  min: 0.8\n',
    });
    const result = await runCompare(standIn, dir, {
      metrics: 'metrics.json',
      baseline: 'auto',
      thresholds: 'gates.yml',
      history: '0',
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("Did you mean 'accuracy'?");
    expect(result.stdout).toContain('Valid metric names: accuracy, f1');
    expect(result.stdout).toMatch(/::error title=modelgate%3A fix the input,file=gates\.yml,line=1::/);
  });

  it('names the file and the field of a malformed metrics document, and fails a NaN naming the metric', async () => {
    const dir = workspace({
      'bad.json': JSON.stringify({ version: 1, task: 'binary', rows: 10, metrics: { accuracy: 'high' } }),
      'nan.csv': 'metric,value\naccuracy,nan\nf1,0.8\n',
    });
    const bad = await runCompare(standIn, dir, { metrics: 'bad.json', baseline: 'auto', history: '0' });
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toMatch(/bad\.json.*field 'metrics\.accuracy'/);
    const nan = await runCompare(standIn, dir, { metrics: 'nan.csv', baseline: 'auto', history: '0' });
    expect(nan.exitCode).toBe(1);
    expect(JSON.parse(nan.outputs.regressions!)).toEqual([
      { metric: 'accuracy', baseline: null, current: null, change: null, change_pct: null, rule: 'finite' },
    ]);
    expect(nan.summary).toContain('accuracy is NaN in the current metrics');
  });
  it('refuses a metrics file that is a JSON array, naming it, and compares only what DVC would', async () => {
    const dir = workspace({
      'runs.json': JSON.stringify([{ accuracy: 0.9 }, { accuracy: 0.2 }]),
      'current.json': JSON.stringify({ accuracy: 0.9, runs: [{ acc: 0.1 }], model: 'v2' }),
      'baseline.json': JSON.stringify({ accuracy: 0.9, runs: [{ acc: 0.9 }], model: 'v1' }),
    });
    const list = await runCompare(standIn, dir, { metrics: 'runs.json', baseline: 'missing.json', history: '0' });
    expect(list.exitCode).toBe(1);
    expect(list.stdout).toMatch(/::error title=modelgate%3A fix the input,file=runs\.json::.*top level is a list/);
    expect(list.outputs.passed).toBeUndefined();
    const dvc = await runCompare(standIn, dir, {
      metrics: 'current.json',
      baseline: 'baseline.json',
      thresholds: '"*": { max-regression: 0 }',
      history: '0',
    });
    expect(dvc.exitCode).toBe(0);
    expect(dvc.summary).not.toContain('runs.0.acc');
  });
});
