// Late ground truth through the evaluate-model bundle: a predictions log without labels joined with the labels that
// arrived later, by key-column. The scores must be those of the labelled rows alone, evaluated as one file.
import { describe, expect, it } from 'vitest';
import { evaluateModel, expectClose, workspace } from './harness.ts';

/** A week of logged predictions (no label column), the labels that arrived for some, and the same rows joined. */
function week(rows: number, labelledEvery: number) {
  let s = 42;
  const u = () => (s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296;
  const log = ['prediction_id,region,score,prediction'];
  const labels = ['prediction_id,label'];
  const joined = ['prediction_id,region,score,prediction,label'];
  const order: string[] = [];
  for (let i = 0; i < rows; i++) {
    const id = `p-${1000 + i}`;
    const score = u();
    const truth = u() < score * 0.9 + 0.05 ? 1 : 0;
    const region = i % 3 === 0 ? 'eu' : 'us';
    const predicted = score >= 0.5 ? 1 : 0;
    // 17 significant digits, as a model writes them
    log.push(`${id},${region},${score.toPrecision(17)},${predicted}`);
    if (i % labelledEvery !== 0) {
      order.push(`${id},${truth}`);
      joined.push(`${id},${region},${score.toPrecision(17)},${predicted},${truth}`);
    }
  }
  // Labels arrive in another order than the log, and some are for predictions outside this week's log.
  order.reverse();
  labels.push(...order, 'p-999999,1', 'p-999998,0', 'p-1000,');
  return {
    log: `${log.join('\n')}\n`,
    labels: `${labels.join('\n')}\n`,
    joined: `${joined.join('\n')}\n`,
  };
}

describe('evaluate-model: late labels joined by key-column', () => {
  it('scores only the labelled rows, counts the unlabelled ones, and records both in the metrics document', async () => {
    const w = week(3000, 4); // every 4th prediction (750) has no label yet; p-1000's label row is still empty
    const dir = workspace({ 'predictions.csv': w.log, 'labels.csv': w.labels, 'joined.csv': w.joined });
    const late = await evaluateModel(dir, {
      predictions: 'predictions.csv',
      labels: 'labels.csv',
      'key-column': 'prediction_id',
      'score-column': 'score',
      'slice-columns': 'region',
      output: 'late.json',
    });
    expect(late.exitCode, late.stdout + late.stderr).toBe(0);
    const joined = await evaluateModel(dir, {
      predictions: 'joined.csv',
      'score-column': 'score',
      'slice-columns': 'region',
      output: 'joined.json',
    });
    expect(joined.exitCode, joined.stdout).toBe(0);
    const labelled = 3000 - 750;
    expect(late.doc!.rows).toBe(labelled);
    expect(late.doc!.labels).toEqual({
      file: 'labels.csv',
      predictions: 3000,
      labelled,
      unlabelled: 750,
      unmatched: 2,
    });
    expect(joined.doc!.rows).toBe(labelled);
    expect(late.summary).toContain(
      '2,250 of 3,000 predictions labelled and scored; **750 have no label yet** and are not scored.',
    );
    expect(late.summary).toContain('2 label(s) match no prediction.');
  });

  it('gives the metrics of the labelled rows evaluated as one file', async () => {
    const w = week(2000, 5);
    const dir = workspace({
      'predictions.csv': w.log,
      'labels.csv': w.labels.replace('p-1000,\n', ''),
      'joined.csv': w.joined,
    });
    const common = { 'score-column': 'score', 'slice-columns': 'region' };
    const late = await evaluateModel(dir, {
      ...common,
      predictions: 'predictions.csv',
      labels: 'labels.csv',
      'key-column': 'prediction_id',
      output: 'late.json',
    });
    const joined = await evaluateModel(dir, { ...common, predictions: 'joined.csv', output: 'joined.json' });
    expect(late.exitCode, late.stdout).toBe(0);
    expect(late.doc!.rows).toBe(joined.doc!.rows);
    expect(expectClose(late.doc!.metrics, joined.doc!.metrics)).toEqual([]);
    expect(late.doc!.slices).toEqual(joined.doc!.slices);
  });

  it('names key-column when labels are given without it, or the log lacks it', async () => {
    const w = week(100, 4);
    const dir = workspace({ 'predictions.csv': w.log, 'labels.csv': w.labels });
    const without = await evaluateModel(dir, { predictions: 'predictions.csv', labels: 'labels.csv' });
    expect(without.exitCode).toBe(1);
    expect(without.error).toContain("input 'key-column'");
    const wrong = await evaluateModel(dir, {
      predictions: 'predictions.csv',
      labels: 'labels.csv',
      'key-column': 'id',
    });
    expect(wrong.exitCode).toBe(1);
    expect(wrong.error).toMatch(/input 'key-column'.*no column 'id' in the predictions/);
  });

  it('refuses two labels for one key, naming both rows', async () => {
    const dir = workspace({
      'predictions.csv': 'id,prediction\na,1\nb,0\n',
      'labels.csv': 'id,label\na,1\nb,0\na,0\n',
    });
    const result = await evaluateModel(dir, {
      predictions: 'predictions.csv',
      labels: 'labels.csv',
      'key-column': 'id',
    });
    expect(result.exitCode).toBe(1);
    expect(result.error).toContain('the key "a" has two labels (data rows 1 and 3)');
  });

  it('says so when no label has arrived yet', async () => {
    const dir = workspace({
      'predictions.csv': 'id,prediction\na,1\nb,0\n',
      'labels.csv': 'id,label\nz,1\n',
    });
    const result = await evaluateModel(dir, {
      predictions: 'predictions.csv',
      labels: 'labels.csv',
      'key-column': 'id',
    });
    expect(result.exitCode).toBe(1);
    expect(result.error).toContain('none of the 2 predictions has a label yet');
  });
});
