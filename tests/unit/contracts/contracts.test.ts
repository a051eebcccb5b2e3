import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userErrorOf } from '../../helpers/user-error.ts';
import { parseDocumentText } from '@modelgate/core/inputs/document';
import { directionOf, parseThresholds, ruleFor } from '@modelgate/core/contracts/thresholds';
import { parseDataSchema } from '@modelgate/core/contracts/schema';
import { readMetricsFile } from '@modelgate/core/contracts/metrics-file';
import { UserError } from '@modelgate/core/errors';

const doc = (text: string) => parseDocumentText(text, { input: 'thresholds', file: 'gates.yml' });

describe('thresholds', () => {
  it('parses the docs/formats.md example', () => {
    const t = parseThresholds(
      doc(`accuracy:   { min: 0.85, max-regression: 0.01 }
log_loss:   { max: 0.5, max-regression: 0.02 }
latency_ms: { direction: lower, max-regression-pct: 10 }
"*":        { max-regression-pct: 5 }`),
    );
    expect(t.accuracy).toEqual({ min: 0.85, 'max-regression': 0.01 });
    expect(ruleFor(t, 'f1')).toEqual({ 'max-regression-pct': 5 });
  });

  it('rejects an unknown rule key, listing the valid ones, with its line', () => {
    const e = userErrorOf(() => parseThresholds(doc('accuracy:\n  min: 0.8\n  max_regression: 0.1\n')));
    expect(e.message).toContain("unknown key 'max_regression'");
    expect(e.message).toContain('max-regression-pct');
    expect(e.location).toMatchObject({ file: 'gates.yml', line: 3, field: 'accuracy.max_regression' });
  });

  it('rejects a negative percentage', () => {
    const e = userErrorOf(() => parseThresholds(doc('f1: { max-regression-pct: -5 }')));
    expect(e.message).toContain('zero or positive');
    expect(e.location.field).toBe('f1.max-regression-pct');
  });

  it('infers direction from the words of the name', () => {
    expect(directionOf('accuracy')).toBe('higher');
    expect(directionOf('log_loss')).toBe('lower');
    expect(directionOf('val.rmse')).toBe('lower');
    expect(directionOf('p95-latency')).toBe('lower');
    expect(directionOf('median_ae')).toBe('lower');
    expect(directionOf('timeliness')).toBe('higher');
    expect(directionOf('latency_ms', { direction: 'higher' })).toBe('higher');
  });
});

describe('data schema', () => {
  it('parses the docs/formats.md example and normalises levels', () => {
    const s = parseDataSchema(
      doc(`columns:
  customer_id: { type: integer, unique: true }
  age:         { type: integer, nullable: false, min: 0, max: 120 }
  plan:        { type: string, allowed: [basic, pro, enterprise] }
  email:       { type: string, pattern: '^[^@ ]+@[^@ ]+\\.[a-z]+$', max-null-fraction: { value: 0.01, level: warn } }
  signup:      { type: date, min: 2020-01-01 }
rows: { min: 1000, max: 10000000 }`),
    );
    expect(s.columns.age!.max).toEqual({ value: 120, level: 'fail' });
    expect(s.columns.email!['max-null-fraction']).toEqual({ value: 0.01, level: 'warn' });
    expect(s.columns.signup!.min).toEqual({ value: '2020-01-01', level: 'fail' });
  });

  it('rejects an unknown type with its line', () => {
    const e = userErrorOf(() => parseDataSchema(doc('columns:\n  age:\n    type: int\n')));
    expect(e.message).toContain('integer, number, string, boolean, date, datetime');
    expect(e.location.line).toBe(3);
  });

  it('rejects a pattern that does not compile', () => {
    const e = userErrorOf(() => parseDataSchema(doc('columns:\n  email: { type: string, pattern: "([a-z" }\n')));
    expect(e.message).toContain('pattern does not compile');
    expect(e.location.field).toBe('columns.email.pattern');
  });
});

describe('metrics files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'metrics-'));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('flattens nested JSON, YAML and TOML as DVC does', async () => {
    expect(
      (await readMetricsFile(write('m.json', '{"test": {"acc": 0.9, "name": "x"}, "loss": 0.2}'))).metrics,
    ).toEqual({ 'test.acc': 0.9, loss: 0.2 });
    expect((await readMetricsFile(write('m.yaml', 'eval:\n  f1: 0.5\n  bad: .nan\n'))).metrics).toEqual({
      'eval.f1': 0.5,
      'eval.bad': NaN,
    });
    expect((await readMetricsFile(write('m.toml', '[eval]\nauc = 0.7\n'))).metrics).toEqual({ 'eval.auc': 0.7 });
  });

  it('drops lists, strings, booleans and dates as DVC does, instead of flattening lists by index', async () => {
    const json = write(
      'dvc.json',
      '{"runs": [{"acc": 0.8}, {"acc": 0.9}], "auc": 0.7, "ok": true, "model": "x", "at": {"when": "2024-01-01", "loss": 0.3}}',
    );
    expect((await readMetricsFile(json)).metrics).toEqual({ auc: 0.7, 'at.loss': 0.3 });
    const yaml = write('dvc.yaml', 'scores: [0.1, 0.2]\nday: 2024-01-01\nflag: yes\neval:\n  f1: 0.5\n');
    expect((await readMetricsFile(yaml)).metrics).toEqual({ 'eval.f1': 0.5 });
    const toml = write('dvc.toml', 'when = 2024-01-01T10:00:00Z\nfolds = [0.7, 0.8]\n[eval]\nauc = 0.7\n');
    expect((await readMetricsFile(toml)).metrics).toEqual({ 'eval.auc': 0.7 });
  });

  it('refuses a metrics file whose top level is a list or a scalar, naming the file', async () => {
    const list = write('list.json', '[{"accuracy": 0.9}]');
    const e = await readMetricsFile(list, { input: 'metrics', file: 'list.json' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toContain('the top level is a list (JSON array)');
    expect((e as UserError).location).toMatchObject({ file: 'list.json', input: 'metrics' });
    await expect(readMetricsFile(write('scalar.yaml', '0.9\n'))).rejects.toThrow(
      'the top level is a number; expected a mapping of metric names to numbers',
    );
  });

  it('reads metric,value rows from CSV and TSV', async () => {
    expect((await readMetricsFile(write('m.csv', 'metric,value\naccuracy,0.9\nlog_loss,inf\n'))).metrics).toEqual({
      accuracy: 0.9,
      log_loss: Infinity,
    });
    expect((await readMetricsFile(write('m.tsv', 'f1\t0.5\n'))).metrics).toEqual({ f1: 0.5 });
  });

  it('names the file and line of a bad row', async () => {
    await expect(readMetricsFile(write('bad.csv', 'accuracy,0.9\nf1,high\n'))).rejects.toMatchObject({
      location: { line: 2 },
    });
  });

  it('validates a modelgate metrics document by its fields', async () => {
    const path = write(
      'doc.json',
      JSON.stringify({ version: 1, task: 'binary', rows: 'many', metrics: { accuracy: 0.9 } }),
    );
    await expect(readMetricsFile(path)).rejects.toMatchObject({ location: { field: 'rows' } });
    const ok = write('ok.json', JSON.stringify({ version: 1, task: 'binary', rows: 10, metrics: { accuracy: 0.9 } }));
    expect((await readMetricsFile(ok)).document?.task).toBe('binary');
  });
});
