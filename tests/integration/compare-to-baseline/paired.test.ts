// baseline: paired and require-significance with paired tests, through the bundle. The metrics documents are
// written by hand as evaluate-model writes them with baseline-predictions (docs/formats.md "Paired comparison");
// the McNemar p-values are statsmodels 0.13's `mcnemar([[a, b], [c, d]], exact=False, correction=True)`:
//   2,000 rows, baseline right on 1,800. Not significant: b = 52 rows only the baseline gets right, c = 40 only
//   the candidate: accuracy 0.894 (−0.006), chi² = (|52 − 40| − 1)² / 92 = 1.3152, p = 0.251452 (shown 0.251).
//   Significant: b = 70, c = 40: accuracy 0.885 (−0.015), chi² = 29² / 110 = 7.6455, p = 0.00569156 (shown 0.00569).
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

const BASELINE = { accuracy: 0.9, roc_auc: 0.951, f1: 0.62 };

/** A candidate whose accuracy is `accuracy` (McNemar p `p`), with a DeLong and a paired-bootstrap test beside it. */
function pairedDocument(accuracy: number, p: number, interval: [number, number], predictions = 'out/baseline.csv') {
  const current = { accuracy, roc_auc: 0.9485, f1: 0.6 };
  const difference = Number((accuracy - 0.9).toPrecision(12));
  return metricsDocument(current, {
    rows: 2000,
    comparison: {
      baseline: { predictions, sha256: 'e3b0c442'.repeat(8), metrics: BASELINE },
      paired: {
        accuracy: {
          baseline: 0.9,
          current: accuracy,
          difference,
          low: interval[0],
          high: interval[1],
          level: 0.95,
          p_value: p,
          test: 'mcnemar',
        },
        roc_auc: {
          baseline: 0.951,
          current: 0.9485,
          difference: -0.0025,
          low: -0.0075,
          high: 0.0025,
          level: 0.95,
          p_value: 0.3271,
          statistic: -0.98,
          test: 'delong',
        },
        f1: {
          baseline: 0.62,
          current: 0.6,
          difference: -0.02,
          low: -0.05,
          high: 0.011,
          level: 0.95,
          p_value: 0.204,
          test: 'paired-bootstrap',
        },
      },
    },
  });
}
const NOT_SIGNIFICANT = pairedDocument(0.894, 0.25145218650801854, [-0.0135, 0.0015]);
const SIGNIFICANT = pairedDocument(0.885, 0.0056915552846872955, [-0.0235, -0.0065]);
/** accuracy may drop 0.005 and roc_auc 0.002: both candidates break both rules on the numbers alone. */
const GATES = 'accuracy: { max-regression: 0.005 }\nroc_auc: { max-regression: 0.002 }\nf1: { max-regression: 0.05 }\n';

const run = (files: Record<string, string>, inputs: Record<string, string>) =>
  runCompare(standIn, workspace({ 'gates.yml': GATES, ...files }), {
    metrics: 'metrics.json',
    baseline: 'paired',
    thresholds: 'gates.yml',
    'require-significance': 'true',
    history: '0',
    ...inputs,
  });

describe('compare-to-baseline: baseline paired, gated by the paired tests', () => {
  it('passes a worse but not significant candidate (McNemar p 0.251, DeLong p 0.327), saying why', async () => {
    const result = await run({ 'metrics.json': NOT_SIGNIFICANT }, {});
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.passed).toBe('true');
    expect(JSON.parse(result.outputs.regressions!)).toEqual([]);
    const s = result.summary;
    expect(s).toContain(
      "2 broke their rules within noise (the paired test's p-value is not below 0.05, and require-significance is on)",
    );
    expect(s).toContain(
      '- `accuracy`: worse by 0.006, more than the allowed 0.005, but not significant (McNemar p = 0.251, not below 0.05) (max-regression 0.005)',
    );
    expect(s).toContain('### Paired tests: both models on the same 2000 rows');
    expect(s).toContain('| Metric | Difference | 95% interval | Test | p-value |');
    expect(s).toContain(
      '| **accuracy** | 🔴\u00a0▼\u00a0−0.006 | [−0.0135, 0.0015] | McNemar | 0.251\u00a0≥\u00a00.05 |',
    );
    expect(s).toContain(
      '| **roc\\_auc** | 🔴\u00a0▼\u00a0−0.0025 | [−0.0075, 0.0025] | DeLong (Z\u00a0=\u00a0−0.98) | 0.327\u00a0≥\u00a00.05 |',
    );
    expect(s).toContain(
      '| **f1** | 🔴\u00a0▼\u00a0−0.02 | [−0.05, 0.011] | paired bootstrap | 0.204\u00a0≥\u00a00.05 |',
    );
    // The baseline is the other model on these rows, not an earlier run: the footer says which.
    expect(s).toContain('Baseline: paired: out/baseline.csv on the same rows');
    // No interval table: every noisy metric is explained by its paired test.
    expect(s).not.toContain('Within noise: the 95% intervals');
  });

  it('fails a significantly worse candidate (McNemar p 0.0057), naming the test in the reason', async () => {
    const result = await run({ 'metrics.json': SIGNIFICANT }, {});
    expect(result.exitCode).toBe(1);
    expect(result.outputs.passed).toBe('false');
    expect(JSON.parse(result.outputs.regressions!)).toEqual([
      {
        metric: 'accuracy',
        baseline: 0.9,
        current: 0.885,
        change: -0.015,
        change_pct: -1.66666666667,
        rule: 'max-regression 0.005',
      },
    ]);
    expect(result.summary).toContain(
      'worse by 0.015, more than the allowed 0.005; significant (McNemar p = 0.00569 &lt; 0.05)',
    );
    // A significant p-value is bold (its `<` escaped as Markdown needs). in the paired table.
    expect(result.summary).toContain(
      '| **accuracy** | 🔴\u00a0▼\u00a0−0.015 | [−0.0235, −0.0065] | McNemar | **0.00569\u00a0&lt;\u00a00.05** |',
    );
    expect(result.stdout).toContain('1 rule(s) failed against the baseline: accuracy.');
  });

  it('holds the p-values to the significance input: at 0.3 the 0.251 of McNemar is significant', async () => {
    const result = await run({ 'metrics.json': NOT_SIGNIFICANT }, { significance: '0.3' });
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.outputs.regressions!).map((r: { metric: string }) => r.metric)).toEqual(['accuracy']);
    expect(result.summary).toContain('| McNemar | **0.251\u00a0&lt;\u00a00.3** |');
    expect(result.summary).toContain('| DeLong (Z\u00a0=\u00a0−0.98) | 0.327\u00a0≥\u00a00.3 |');
  });

  it('without require-significance fails both broken rules, and still shows the paired tests', async () => {
    const result = await run({ 'metrics.json': NOT_SIGNIFICANT }, { 'require-significance': 'false' });
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.outputs.regressions!).map((r: { metric: string }) => r.metric)).toEqual([
      'accuracy',
      'roc_auc',
    ]);
    expect(result.summary).toContain('### Paired tests: both models on the same 2000 rows');
  });

  it('baseline paired without a comparison block is an error that says how to get one', async () => {
    const result = await run({ 'metrics.json': metricsDocument({ accuracy: 0.9 }) }, {});
    expect(result.exitCode).toBe(1);
    expect(result.outputs.passed).toBeUndefined();
    expect(result.stdout).toMatch(/::error title=modelgate%3A fix the input,file=metrics\.json::/);
    expect(result.stdout).toContain(
      "input 'baseline', metrics.json: paired takes the baseline model's metrics from the 'comparison' block of the current metrics document, but metrics.json has no comparison block. Run evaluate-model with baseline-predictions",
    );
  });

  it('baseline paired with a CSV of metrics says it is not a modelgate metrics document', async () => {
    const result = await run({ 'metrics.csv': 'metric,value\naccuracy,0.9\n' }, { metrics: 'metrics.csv' });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('but metrics.csv is not a modelgate metrics document.');
  });

  it('a p-value outside [0, 1] in the comparison block names the field and its line', async () => {
    const bad = JSON.parse(NOT_SIGNIFICANT) as { comparison: { paired: { f1: { p_value: number } } } };
    bad.comparison.paired.f1.p_value = 1.5;
    const text = JSON.stringify(bad, null, 2);
    const line = text.split('\n').findIndex((l) => l.includes('"p_value": 1.5')) + 1;
    const result = await run({ 'metrics.json': text }, {});
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(`metrics.json:${line}, field 'comparison.paired.f1.p_value'`);
  });

  it('refuses a significance of 0 or 1, naming the input', async () => {
    for (const significance of ['0', '1']) {
      const result = await run({ 'metrics.json': NOT_SIGNIFICANT }, { significance });
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain(
        `input 'significance': got ${significance}: expected a p-value above 0 and below 1, e.g. 0.05.`,
      );
    }
  });

  it('escapes the baseline predictions name before it reaches Markdown and makes it inert in the log', async () => {
    const name = '<img src=x onerror=alert(1)>|**bold**\n::error::forged';
    const result = await run({ 'metrics.json': pairedDocument(0.894, 0.2514, [-0.0135, 0.0015], name) }, {});
    expect(result.exitCode).toBe(0);
    expect(result.summary).not.toContain('<img');
    expect(result.summary).toContain(
      'Baseline: paired: &lt;img src=x onerror=alert(1)&gt;\\|\\*\\*bold\\*\\* ::error::forged on the same rows',
    );
    expect(result.stdout).not.toMatch(/^::error::forged/m);
  });
});
