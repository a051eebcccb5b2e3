import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvToJsonl, DATA, evaluateModel, expectClose, METRICS, oracle, workspace } from './harness.ts';

describe('evaluate-model through the local runner', () => {
  it('scores a binary CSV with ties equal to scikit-learn, with slices, fairness, intervals and curves', async () => {
    const cwd = workspace({}, { 'p.csv': join(METRICS, 'binary_ties.csv') });
    const r = await evaluateModel(cwd, {
      predictions: 'p.csv',
      'score-column': 'score',
      'slice-columns': 'region',
      bootstrap: '100',
      seed: '3',
      'model-name': 'churn',
    });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(expectClose(r.doc!.metrics, oracle('binary_ties').metrics)).toEqual([]);
    expect(JSON.parse(r.outputs.metrics!)).toEqual(r.doc!.metrics);
    expect(r.outputs.passed).toBe('true');
    expect(r.outputs['metrics-file']).toBe(join(cwd, 'modelgate-metrics.json'));
    expect(Object.keys(r.doc!.slices as object)).toEqual(['region=apac', 'region=eu', 'region=us']);
    expect(Object.keys((r.doc!.fairness as Record<string, object>).region!)).toEqual([
      'accuracy_gap',
      'selection_rate_gap',
      'true_positive_rate_gap',
    ]);
    const curves = r.doc!.curves as Record<string, unknown[]>;
    expect(curves.roc!.length).toBeLessThanOrEqual(50);
    expect(curves.calibration!.length).toBe(10);
    expect(r.doc!.model).toEqual({ name: 'churn' });
    expect(r.stdout).toContain('task: binary, because score-column is set');
    expect(r.summary).toContain('Confusion matrix');
    expect(r.summary).toContain('xychart-beta');
  }, 60_000);

  it('scores multiclass JSON Lines with string labels and proba_* columns equal to scikit-learn', async () => {
    const cwd = workspace({ 'p.jsonl': csvToJsonl(readFileSync(join(METRICS, 'multiclass_strings.csv'), 'utf8')) });
    const r = await evaluateModel(cwd, { predictions: 'p.jsonl', 'score-columns': 'proba_*' });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(r.doc!.task).toBe('multiclass');
    expect(expectClose(r.doc!.metrics, oracle('multiclass_strings').metrics)).toEqual([]);
    expect((r.doc!.confusion_matrix as { labels: string[] }).labels).toEqual(['bird', 'cat', 'dog']);
  }, 60_000);

  it('normalises multiclass rows as NumPy does: 17-digit exports and scaled rows above 1 equal scikit-learn', async () => {
    for (const name of ['multiclass_ten_exported', 'multiclass_scaled_rows']) {
      const cwd = workspace({}, { 'p.csv': join(METRICS, `${name}.csv`) });
      const r = await evaluateModel(cwd, { predictions: 'p.csv', 'score-columns': 'proba_*', task: 'multiclass' });
      expect(r.exitCode, r.stdout).toBe(0);
      expect(expectClose(r.doc!.metrics, oracle(name).metrics), name).toEqual([]);
      expect(Object.keys(r.doc!.metrics).sort(), name).toEqual(Object.keys(oracle(name).metrics).sort());
    }
  }, 60_000);

  it('leaves log_loss out with a warning when the true labels hold one class, as scikit-learn raises', async () => {
    const cwd = workspace({}, { 'm.csv': join(METRICS, 'multiclass_one_true_class.csv') });
    const multi = await evaluateModel(cwd, { predictions: 'm.csv', 'score-columns': 'proba_*', task: 'multiclass' });
    expect(multi.exitCode, multi.stdout).toBe(0);
    expect(multi.doc!.metrics.log_loss).toBeUndefined();
    expect(multi.stdout).toMatch(/::warning::log_loss: the true labels hold one class only/);
    const binary = workspace({}, { 'b.csv': join(METRICS, 'binary_one_class.csv') });
    const r = await evaluateModel(binary, { predictions: 'b.csv', 'score-column': 'score', task: 'binary' });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(expectClose(r.doc!.metrics, oracle('binary_one_class').metrics)).toEqual([]);
    expect(r.doc!.metrics.log_loss).toBeUndefined();
    expect(r.stdout).toMatch(/::warning::log_loss: the true labels hold one class only/);
  }, 60_000);

  it('gives the same document from CSV, JSON Lines and Parquet of one table', async () => {
    const docs = [];
    for (const f of ['predictions.csv', 'predictions.jsonl', 'predictions.parquet']) {
      const cwd = workspace({}, { [f]: join(DATA, f) });
      const r = await evaluateModel(cwd, {
        predictions: f,
        task: 'binary',
        'score-column': 'score',
        'slice-columns': 'region',
      });
      expect(r.exitCode, `${f}: ${r.stdout}`).toBe(0);
      docs.push({ ...r.doc!, source: undefined });
    }
    expect(docs[1]).toEqual(docs[0]);
    expect(docs[2]).toEqual(docs[0]);
  }, 90_000);

  it('scores a regression and leaves r2 out of a one-row file with a warning', async () => {
    const cwd = workspace(
      {},
      { 'r.csv': join(METRICS, 'regression.csv'), 'one.csv': join(METRICS, 'regression_single_row.csv') },
    );
    const r = await evaluateModel(cwd, { predictions: 'r.csv' });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(r.stdout).toContain('task: regression, because the label column holds non-integer numbers');
    expect(expectClose(r.doc!.metrics, oracle('regression').metrics)).toEqual([]);
    const one = await evaluateModel(cwd, { predictions: 'one.csv', task: 'regression' });
    expect(one.exitCode).toBe(0);
    expect(one.doc!.metrics.r2).toBeUndefined();
    expect(one.stdout).toContain('::warning::r2: R^2 score is not well-defined');
  }, 60_000);

  it('fails the step on an unmet threshold but still writes the document and outputs', async () => {
    const cwd = workspace({}, { 'p.csv': join(METRICS, 'binary_ties.csv') });
    const r = await evaluateModel(cwd, {
      predictions: 'p.csv',
      'score-column': 'score',
      thresholds: '{accuracy: {min: 0.5}, roc_auc: {min: 0.99}, log_loss: {max: 1}}',
    });
    expect(r.exitCode).toBe(1);
    expect(r.outputs.passed).toBe('false');
    expect(r.doc).toBeDefined();
    expect(r.error).toContain('roc_auc below min 0.99');
    expect(r.summary).toContain('1 of 3 thresholds not met');
  }, 60_000);

  it('runs the command first, as an argument array without a shell', async () => {
    const cwd = workspace({
      'make.mjs':
        "import { writeFileSync } from 'node:fs'; writeFileSync(process.argv[2], 'label,prediction\\n1,1\\n0,1\\n0,0\\n');",
    });
    const r = await evaluateModel(cwd, { predictions: 'out file.csv', command: `node make.mjs 'out file.csv'` });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(r.doc!.metrics.accuracy).toBeCloseTo(2 / 3, 12);
  }, 60_000);
});
