import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateModel, workspace } from './harness.ts';

async function fails(files: Record<string, string>, inputs: Record<string, string>) {
  const cwd = workspace(files);
  const r = await evaluateModel(cwd, inputs);
  expect(r.exitCode, r.stdout).toBe(1);
  expect(existsSync(join(cwd, 'modelgate-metrics.json')), 'no metrics file is left').toBe(false);
  return r.error;
}

const GOOD = 'label,prediction,score\n1,1,0.9\n0,0,0.2\n1,0,0.4\n';

describe('evaluate-model refuses bad input with a clear message and no metrics file', () => {
  it('lists the existing columns when a column is missing', async () => {
    const e = await fails({ 'p.csv': GOOD }, { predictions: 'p.csv', 'score-column': 'proba' });
    expect(e).toContain("no column 'proba'");
    expect(e).toContain('the columns are: label, prediction, score');
  }, 30_000);

  it('names the file, row and value of a non-numeric score', async () => {
    const e = await fails(
      { 'p.csv': 'label,prediction,score\n1,1,0.9\n0,0,high\n' },
      { predictions: 'p.csv', 'score-column': 'score' },
    );
    expect(e).toContain('p.csv');
    expect(e).toContain('high');
    expect(e).toMatch(/row 2/);
  }, 30_000);

  it('names the file, row and value of an out-of-range score', async () => {
    const e = await fails(
      { 'p.csv': 'label,prediction,score\n1,1,0.9\n0,0,1.7\n' },
      { predictions: 'p.csv', 'score-column': 'score' },
    );
    expect(e).toContain('p.csv');
    expect(e).toContain("column 'score', data row 2: found 1.7, expected a probability between 0 and 1");
  }, 30_000);

  it('rejects labels that are not among the classes of the probability columns', async () => {
    const e = await fails(
      { 'p.csv': 'label,prediction,proba_a,proba_b\na,a,0.9,0.1\nc,b,0.2,0.8\n' },
      { predictions: 'p.csv', 'score-columns': 'proba_*' },
    );
    expect(e).toContain("labels 'c' are not among the classes");
  }, 30_000);

  it('names the row of a negative class probability and of a row of zeros', async () => {
    const negative = await fails(
      { 'p.csv': 'label,prediction,proba_a,proba_b\na,a,0.9,0.1\nb,b,-0.2,1.2\n' },
      { predictions: 'p.csv', 'score-columns': 'proba_*' },
    );
    expect(negative).toContain("column 'proba_a', data row 2: found -0.2; a class probability must be");
    const zeros = await fails(
      { 'p.csv': 'label,prediction,proba_a,proba_b\na,a,0.9,0.1\nb,b,0,0\n' },
      { predictions: 'p.csv', 'score-columns': 'proba_*' },
    );
    expect(zeros).toContain('data row 2: every class probability is 0');
  }, 30_000);

  it('rejects an empty file', async () => {
    const e = await fails({ 'p.csv': 'label,prediction\n' }, { predictions: 'p.csv', task: 'binary' });
    expect(e).toMatch(/no (data )?rows/);
  }, 30_000);

  it('gives the line of a ragged CSV row', async () => {
    const e = await fails({ 'p.csv': 'label,prediction\n1,1\n0,0,7\n' }, { predictions: 'p.csv', task: 'binary' });
    expect(e).toContain('p.csv');
    expect(e).toMatch(/:3|line 3/);
  }, 30_000);

  it('rejects NaN labels', async () => {
    const e = await fails({ 'p.csv': 'label,prediction\n1,1\nNaN,0\n' }, { predictions: 'p.csv', task: 'binary' });
    expect(e).toContain('NaN');
    expect(e).toContain('data row 2');
  }, 30_000);

  it('rejects files of a glob that disagree on their columns', async () => {
    const e = await fails(
      { 'a.csv': GOOD, 'b.csv': 'label,predicted\n1,1\n' },
      { predictions: '*.csv', 'score-column': 'score' },
    );
    expect(e).toMatch(/b\.csv/);
    expect(e).toMatch(/column/);
  }, 30_000);
});
