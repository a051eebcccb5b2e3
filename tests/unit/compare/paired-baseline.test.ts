import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pairedBaseline, type PairedTest } from '@modelgate/core/compare/paired';
import type { MetricsDocument } from '@modelgate/core/contracts/metrics';
import { isUserError } from '@modelgate/core/errors';
import { pairedTest } from './paired-test.ts';

const test: PairedTest = pairedTest(0.251452);
const block = { baseline: { predictions: 'old.csv', metrics: { accuracy: 0.9 } }, paired: { accuracy: test } };

/** The current metrics document with `comparison` as given, written to a file so a bad field can name its line. */
function current(comparison: unknown) {
  const doc = { version: 1, task: 'binary', rows: 400, metrics: { accuracy: 0.88 }, comparison };
  const text = JSON.stringify(doc, null, 2);
  const path = join(mkdtempSync(join(tmpdir(), 'modelgate-paired-')), 'metrics.json');
  writeFileSync(path, text);
  const snapshot = { file: 'metrics.json', metrics: { accuracy: 0.88 }, document: doc as unknown as MetricsDocument };
  return { snapshot, path, text };
}

async function failure(run: Promise<unknown>): Promise<string> {
  const e = await run.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!isUserError(e)) throw new Error(`expected a user error, got ${String(e)}`);
  return e.describe();
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('baseline: paired reads the comparison block of the current metrics document', () => {
  it('takes the baseline metrics and the paired tests from the block, and names their source', async () => {
    const { snapshot, path } = current(block);
    const got = await pairedBaseline(snapshot, path, 'metrics.json');
    expect(got).toEqual({
      snapshot: { file: 'metrics.json (comparison.baseline)', metrics: { accuracy: 0.9 } },
      paired: { accuracy: test },
      source: 'paired: old.csv on the same rows',
    });
  });

  it('keeps a p-value of exactly 0 or 1 and a block without paired tests (an empty set)', async () => {
    const edges = { accuracy: { ...test, p_value: 0 }, f1: { ...test, p_value: 1 } };
    const { snapshot, path } = current({ ...block, paired: edges });
    expect((await pairedBaseline(snapshot, path, 'metrics.json')).paired).toEqual(edges);
    const bare = current({ baseline: block.baseline });
    expect((await pairedBaseline(bare.snapshot, bare.path, 'metrics.json')).paired).toEqual({});
  });

  it('a document without a comparison block is an error naming the input, the file and how to get one', async () => {
    const { snapshot, path } = current(undefined);
    expect(await failure(pairedBaseline(snapshot, path, 'metrics.json'))).toBe(
      "input 'baseline', metrics.json: paired takes the baseline model's metrics from the 'comparison' block of the " +
        'current metrics document, but metrics.json has no comparison block. Run evaluate-model with ' +
        "baseline-predictions (the baseline model's predictions on the same rows) to write one, or use " +
        'baseline: auto, git:<ref>, artifact:<name> or a path.',
    );
  });

  it('metrics that are not a modelgate document (a CSV) are an error saying so', async () => {
    const message = await failure(pairedBaseline({ file: 'm.csv', metrics: { accuracy: 0.9 } }, 'm.csv', 'm.csv'));
    expect(message).toContain("input 'baseline', m.csv: ");
    expect(message).toContain('but m.csv is not a modelgate metrics document. Run evaluate-model');
  });

  it.each([
    ['a p-value above 1', { p_value: 1.5 }, 'p_value'],
    ['a p-value below 0', { p_value: -0.1 }, 'p_value'],
    ['an empty test name', { test: '' }, 'test'],
    ['a level of 1', { level: 1 }, 'level'],
  ])('%s names the field under comparison.paired and its line', async (_what, bad, field) => {
    const { snapshot, path, text } = current({ ...block, paired: { accuracy: { ...test, ...bad } } });
    const line = lineOf(text, `"${field}": ${JSON.stringify(Object.values(bad)[0])}`);
    expect(line).toBeGreaterThan(0);
    expect(await failure(pairedBaseline(snapshot, path, 'metrics.json'))).toContain(
      `input 'metrics', metrics.json:${line}, field 'comparison.paired.accuracy.${field}'`,
    );
  });

  it('a paired test without a p-value, or a baseline without its predictions, is an error', async () => {
    const { p_value: _p, ...noP } = test;
    const a = current({ ...block, paired: { accuracy: noP } });
    expect(await failure(pairedBaseline(a.snapshot, a.path, 'metrics.json'))).toContain(
      "field 'comparison.paired.accuracy': missing the required key 'p_value' (in the comparison block)",
    );
    const b = current({ ...block, baseline: { metrics: { accuracy: 0.9 } } });
    expect(await failure(pairedBaseline(b.snapshot, b.path, 'metrics.json'))).toContain(
      "field 'comparison.baseline': missing the required key 'predictions'",
    );
    const c = current({ paired: {} });
    expect(await failure(pairedBaseline(c.snapshot, c.path, 'metrics.json'))).toContain(
      "field 'comparison': missing the required key 'baseline'",
    );
  });

  it('an infinite difference (1e999 in JSON) is refused, naming the field', async () => {
    const { snapshot, path } = current({ ...block, paired: { accuracy: { ...test, difference: Infinity } } });
    expect(await failure(pairedBaseline(snapshot, path, 'metrics.json'))).toMatch(
      /field 'comparison\.paired\.accuracy\.difference': .*Infinity/,
    );
  });
});
