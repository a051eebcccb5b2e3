// evaluate-model with baseline-predictions, through the bundle: rows paired by key in any order or by position, the
// comparison block equal to statsmodels (McNemar) and pROC (DeLong) on the oracle fixtures, both models in the charts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pairedInterval, pairedSamples } from '@modelgate/core/metrics/paired/paired-bootstrap';
import { baselineWeightPositions, resampleOrder } from '@modelgate/core/metrics/paired/resample-order';
import { binaryResampler } from '@modelgate/core/metrics/resample-binary';
import { closeTo, pairedFixtures, type PairedFixture } from '../../unit/metrics/paired/fixtures.ts';
import { evaluateModel, workspace } from './harness.ts';

interface Paired {
  baseline: number;
  current: number;
  difference: number;
  low: number;
  high: number;
  level: number;
  p_value: number;
  statistic?: number;
  test: string;
}
interface ComparisonBlock {
  baseline: { predictions: string; sha256: string; metrics: Record<string, number> };
  paired: Record<string, Paired>;
}

const fixture = (name: string) => pairedFixtures().find((f) => f.name === name)!;

/** One model's predictions file of a fixture, with an id column, rows in the order given. */
function predictionsFile(f: PairedFixture, model: 'current' | 'baseline', order?: number[]): string {
  const c = f.columns;
  const rows = order ?? c.label!.map((_, i) => i);
  const score = `${model}_score` in c;
  const lines = [`id,label,prediction${score ? ',score' : ''}`];
  for (const i of rows)
    lines.push(`row-${i},${c.label![i]},${c[`${model}_prediction`]![i]}${score ? `,${c[`${model}_score`]![i]}` : ''}`);
  return lines.join('\n') + '\n';
}

/** A fixed shuffle of 0..n-1. */
function shuffled(n: number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  let s = 7;
  for (let i = n - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function paired(files: Record<string, string>, inputs: Record<string, string>) {
  const cwd = workspace(files);
  const r = await evaluateModel(cwd, inputs);
  expect(r.exitCode, r.stdout).toBe(0);
  return { ...r, cwd, comparison: r.doc!.comparison as ComparisonBlock };
}

async function refused(files: Record<string, string>, inputs: Record<string, string>) {
  const cwd = workspace(files);
  const r = await evaluateModel(cwd, inputs);
  expect(r.exitCode, r.stdout).toBe(1);
  expect(r.doc, 'no metrics file is written').toBeUndefined();
  return r.error;
}

describe('evaluate-model against baseline-predictions (paired, same rows)', () => {
  const binary = fixture('binary_full_precision');
  const n = binary.columns.label!.length;

  it('pairs rows by key-column in shuffled order: McNemar equals statsmodels and DeLong equals pROC to 1e-9', async () => {
    const r = await paired(
      {
        'current.csv': predictionsFile(binary, 'current'),
        'baseline.csv': predictionsFile(binary, 'baseline', shuffled(n)),
      },
      {
        predictions: 'current.csv',
        'baseline-predictions': 'baseline.csv',
        'key-column': 'id',
        'score-column': 'score',
      },
    );
    expect(r.stdout).toContain('Paired 1,500 rows with the baseline baseline.csv by id');
    const c = r.comparison;
    expect(c.baseline.predictions).toBe('baseline.csv');
    expect(c.baseline.sha256).toBe(
      createHash('sha256')
        .update(readFileSync(join(r.cwd, 'baseline.csv')))
        .digest('hex'),
    );
    expect(closeTo(c.baseline.metrics.accuracy, binary.mcnemar.accuracy.baseline)).toBe(true);
    expect(closeTo(c.baseline.metrics.roc_auc, binary.delong!.auc_baseline)).toBe(true);

    const acc = c.paired.accuracy!;
    expect(acc.test).toBe('mcnemar');
    expect(closeTo(acc.p_value, binary.mcnemar.p_value), `${acc.p_value} vs ${binary.mcnemar.p_value}`).toBe(true);
    expect(acc.difference).toBe(acc.current - acc.baseline);
    expect(acc.low).toBeLessThan(acc.difference);
    expect(acc.high).toBeGreaterThan(acc.difference);

    const auc = c.paired.roc_auc!;
    expect(auc.test).toBe('delong');
    const pairs: [number, number][] = [
      [auc.statistic!, binary.delong!.statistic],
      [auc.p_value, binary.delong!.p_value],
      [auc.low, binary.delong!.low],
      [auc.high, binary.delong!.high],
      [auc.current, binary.delong!.auc_current],
      [auc.baseline, binary.delong!.auc_baseline],
    ];
    for (const [got, want] of pairs) expect(closeTo(got, want), `${got} vs pROC ${want}`).toBe(true);

    // every other metric by the paired bootstrap, 1,000 resamples as bootstrap is 0; keys in the contract's order
    for (const name of [
      'balanced_accuracy',
      'precision',
      'recall',
      'f1',
      'mcc',
      'cohen_kappa',
      'average_precision',
      'log_loss',
      'brier_score',
    ]) {
      const m = c.paired[name]!;
      expect(m.test, name).toBe('paired-bootstrap');
      expect(Object.keys(m)).toEqual(['baseline', 'current', 'difference', 'low', 'high', 'level', 'p_value', 'test']);
      expect(m.p_value).toBeGreaterThanOrEqual(0);
      expect(m.p_value).toBeLessThanOrEqual(1);
    }
    expect(r.doc!.intervals, 'bootstrap 0: no intervals of the model itself').toBeUndefined();
    // the report: the paired table, and both models in the ROC, PR and calibration charts
    expect(r.summary).toContain('Against the baseline (paired, same rows)');
    expect(r.summary).toMatch(/\| roc\\_auc \| 0\.7177 \| 0\.7874 \| \+0\.0697 \| .* \| DeLong \|/);
    const charts = [...r.summary.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);
    for (const title of ['ROC', 'Precision-recall', 'Calibration']) {
      const chart = charts.find((s) => s.includes(`title "${title}`))!;
      expect(chart, title).toBeDefined();
      expect(chart, `${title}: the baseline in orange, the model in blue`).toMatch(
        /plotColorPalette": "#e16f24, #1f6feb/,
      );
      expect(chart.match(/^\s*line \[/gm)!.length, title).toBeGreaterThanOrEqual(2);
    }
  }, 60_000);

  it('pairs by position the same way, and gives the same values for a seed on every run', async () => {
    const files = {
      'current.csv': predictionsFile(binary, 'current'),
      'baseline.csv': predictionsFile(binary, 'baseline'),
    };
    const inputs = {
      predictions: 'current.csv',
      'baseline-predictions': 'baseline.csv',
      'score-column': 'score',
      seed: '3',
    };
    const a = await paired(files, inputs);
    const b = await paired(files, inputs);
    expect(a.stdout).toContain('by position');
    expect(b.comparison.paired).toEqual(a.comparison.paired);
    const keyed = await paired(
      {
        'current.csv': predictionsFile(binary, 'current'),
        'baseline.csv': predictionsFile(binary, 'baseline', shuffled(n)),
      },
      { ...inputs, 'key-column': 'id' },
    );
    expect(keyed.comparison.paired, 'pairing by key in another order is the same pairing').toEqual(a.comparison.paired);
  }, 60_000);

  it('gives the model the same intervals as a run without a baseline (the rows are resampled once, for both)', async () => {
    const files = {
      'current.csv': predictionsFile(binary, 'current'),
      'baseline.csv': predictionsFile(binary, 'baseline'),
    };
    const inputs = { predictions: 'current.csv', 'score-column': 'score', bootstrap: '300', seed: '9' };
    const alone = await evaluateModel(workspace(files), inputs);
    const withBaseline = await paired(files, { ...inputs, 'baseline-predictions': 'baseline.csv' });
    expect(withBaseline.doc!.intervals).toEqual(alone.doc!.intervals);
    expect(withBaseline.doc!.metrics).toEqual(alone.doc!.metrics);
  }, 60_000);

  it('tests multiclass accuracy by McNemar (statsmodels) and the macro metrics by the paired bootstrap', async () => {
    for (const name of ['multiclass_accuracy', 'multiclass_few_discordant']) {
      const f = fixture(name);
      const r = await paired(
        {
          'current.csv': predictionsFile(f, 'current'),
          'baseline.csv': predictionsFile(f, 'baseline', shuffled(f.mcnemar.rows)),
        },
        { predictions: 'current.csv', 'baseline-predictions': 'baseline.csv', 'key-column': 'id', task: 'multiclass' },
      );
      const acc = r.comparison.paired.accuracy!;
      expect(acc.test).toBe('mcnemar');
      expect(closeTo(acc.p_value, f.mcnemar.p_value), `${name}: ${acc.p_value} vs ${f.mcnemar.p_value}`).toBe(true);
      expect(closeTo(acc.baseline, f.mcnemar.accuracy.baseline)).toBe(true);
      expect(r.comparison.paired.f1_macro!.test).toBe('paired-bootstrap');
    }
  }, 60_000);

  it('runs the paired bootstrap on worker threads with the values one thread gives', async () => {
    // 30,000 rows x 1,000 resamples x 2 models: enough work for the worker threads
    const rows = 30_000;
    let state = 99;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const truth = new Int32Array(rows);
    const scores = { current: new Float64Array(rows), baseline: new Float64Array(rows) };
    for (let i = 0; i < rows; i++) {
      truth[i] = next() < 0.4 ? 1 : 0;
      scores.current[i] = Math.min(0.999, Math.max(0.001, 0.35 * truth[i]! + 0.65 * next()));
      scores.baseline[i] = Math.min(0.999, Math.max(0.001, 0.2 * truth[i]! + 0.8 * next()));
    }
    const file = (s: Float64Array) =>
      ['label,prediction,score', ...Array.from(s, (v, i) => `${truth[i]},${v >= 0.5 ? 1 : 0},${v}`)].join('\n') + '\n';
    const r = await paired(
      { 'current.csv': file(scores.current), 'baseline.csv': file(scores.baseline) },
      { predictions: 'current.csv', 'baseline-predictions': 'baseline.csv', 'score-column': 'score', seed: '4' },
    );
    expect(r.stdout).toMatch(
      /Paired bootstrap: 1,000 resamples of 30,000 rows, both models, on \d+ threads \(this one and (a worker|\d+ workers)\)/,
    );
    const side = (s: Float64Array) => ({
      labels: ['0', '1'],
      positive: 1,
      truth,
      predicted: Int32Array.from(s, (v) => (v >= 0.5 ? 1 : 0)),
      score: s,
    });
    const [cur, base] = [side(scores.current), side(scores.baseline)];
    const at = baselineWeightPositions(
      resampleOrder({ task: 'binary', data: cur }),
      resampleOrder({ task: 'binary', data: base }),
      rows,
    );
    const one = pairedSamples(
      binaryResampler(cur),
      binaryResampler(base),
      ['f1', 'log_loss'],
      { from: 0, to: 1000 },
      4,
      undefined,
      at,
    );
    for (const name of ['f1', 'log_loss']) {
      const { low, high, p_value } = pairedInterval(one.difference[name]!)!;
      const got = r.comparison.paired[name]!;
      expect([got.low, got.high, got.p_value], name).toEqual([low, high, p_value]);
    }
  }, 120_000);

  it('compares regression models by the paired bootstrap', async () => {
    const lines = (noise: number) =>
      [
        'id,label,prediction',
        ...Array.from(
          { length: 400 },
          (_, i) =>
            `${i},${(20 + Math.sin(i) * 10).toFixed(6)},${(20 + Math.sin(i) * 10 + noise * Math.cos(i * 7)).toFixed(6)}`,
        ),
      ].join('\n') + '\n';
    const r = await paired(
      { 'current.csv': lines(0.5), 'baseline.csv': lines(3) },
      { predictions: 'current.csv', 'baseline-predictions': 'baseline.csv', task: 'regression', 'key-column': 'id' },
    );
    const mae = r.comparison.paired.mae!;
    expect(mae.test).toBe('paired-bootstrap');
    expect(mae.difference).toBeLessThan(0);
    expect(mae.high).toBeLessThan(0);
    expect(mae.p_value).toBe(0);
  }, 60_000);
});

describe('evaluate-model refuses baseline predictions it cannot pair, naming what differs', () => {
  const good = 'id,label,prediction,score\na,1,1,0.9\nb,0,0,0.2\nc,1,0,0.4\nd,0,1,0.6\n';
  const inputs = { predictions: 'p.csv', 'baseline-predictions': 'b.csv', 'score-column': 'score' };

  it('counts the keys on one side only and shows five of them', async () => {
    const extra = Array.from({ length: 7 }, (_, i) => `x${i},1,1,0.5`).join('\n');
    const e = await refused(
      { 'p.csv': good, 'b.csv': `id,label,prediction,score\nb,0,0,0.3\na,1,1,0.8\nc,1,1,0.7\n${extra}\n` },
      { ...inputs, 'key-column': 'id' },
    );
    expect(e).toContain("input 'key-column'");
    expect(e).toContain('1 key(s) of p.csv (predictions) are not in b.csv: "d"');
    expect(e).toContain('7 key(s) of b.csv (baseline-predictions) are not in p.csv: "x0", "x1", "x2", "x3", "x4", …');
  }, 30_000);

  it('names a key that occurs twice', async () => {
    const e = await refused(
      { 'p.csv': good, 'b.csv': 'id,label,prediction,score\na,1,1,0.9\nb,0,0,0.2\nc,1,0,0.4\nb,0,1,0.6\nd,0,1,0.6\n' },
      { ...inputs, 'key-column': 'id' },
    );
    expect(e).toContain("input 'baseline-predictions'");
    expect(e).toContain('"b" (data rows 2 and 4)');
  }, 30_000);

  it('names the first row whose label differs, by position and by key', async () => {
    const swapped = 'id,label,prediction,score\na,1,1,0.9\nb,0,0,0.2\nd,0,1,0.6\nc,1,0,0.4\n';
    const byPosition = await refused({ 'p.csv': good, 'b.csv': swapped }, inputs);
    expect(byPosition).toContain("input 'baseline-predictions', b.csv");
    expect(byPosition).toContain('the true labels differ at data row 3: "1" in the predictions, "0" in the baseline');
    const wrongLabel = 'id,label,prediction,score\na,1,1,0.9\nb,1,0,0.2\nc,1,0,0.4\nd,0,1,0.6\n';
    const byKey = await refused({ 'p.csv': good, 'b.csv': wrongLabel }, { ...inputs, 'key-column': 'id' });
    expect(byKey).toContain(
      'the true labels differ at the row with id "b" (data row 2 of the predictions, 2 of the baseline)',
    );
  }, 30_000);

  it('refuses a different row count by position, a missing key column and key-column alone', async () => {
    const shorter = await refused({ 'p.csv': good, 'b.csv': 'id,label,prediction,score\na,1,1,0.9\n' }, inputs);
    expect(shorter).toContain('holds 1 row and the predictions 4 rows');
    expect(shorter).toContain('Set key-column');
    const noKey = await refused(
      { 'p.csv': good, 'b.csv': good.replace('id,', 'key,') },
      { ...inputs, 'key-column': 'id' },
    );
    expect(noKey).toContain("input 'key-column'");
    expect(noKey).toContain("no column 'id' in b.csv (baseline-predictions)");
    const alone = await refused({ 'p.csv': good }, { predictions: 'p.csv', 'key-column': 'id' });
    expect(alone).toContain("input 'key-column'");
    expect(alone).toContain('set baseline-predictions or labels too');
  }, 30_000);

  it("names the input baseline-predictions for a problem in the baseline's own file", async () => {
    const e = await refused(
      { 'p.csv': good, 'b.csv': 'id,label,prediction,score\na,1,1,0.9\nb,0,0,high\nc,1,0,0.4\nd,0,1,0.6\n' },
      inputs,
    );
    expect(e).toContain("input 'baseline-predictions'");
    expect(e).toContain('high');
  }, 30_000);
});
