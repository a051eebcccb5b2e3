import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userErrorOf } from '../../helpers/user-error.ts';
import { field, splitList } from '@modelgate/core/inputs/fields';
import { inputEnvName, readInputs } from '@modelgate/core/inputs/read';

describe('inputs', () => {
  it('names the environment variable as the runner does', () => {
    expect(inputEnvName('label-column')).toBe('INPUT_LABEL-COLUMN');
    expect(inputEnvName('my input')).toBe('INPUT_MY_INPUT');
  });

  it('accepts only YAML 1.2 core booleans and names the input otherwise', () => {
    expect(field.boolean().parse('True', 'comment')).toBe(true);
    expect(field.boolean().parse('false', 'comment')).toBe(false);
    const e = userErrorOf(() => field.boolean().parse('yes', 'comment'));
    expect(e.describe()).toBe(`input 'comment': got "yes": expected true or false.`);
  });

  it('splits lists on newlines and commas and drops blanks', () => {
    expect(splitList('a, b\n\nc,')).toEqual(['a', 'b', 'c']);
  });

  it('checks number ranges with the input named', () => {
    expect(field.integer({ min: 0 }).parse('1000', 'bootstrap')).toBe(1000);
    expect(userErrorOf(() => field.integer({ min: 0 }).parse('-1', 'bootstrap')).describe()).toContain(
      'expected at least 0',
    );
    expect(userErrorOf(() => field.integer().parse('1.5', 'bootstrap')).describe()).toContain('whole number');
    expect(field.number({ min: 0, max: 1 }).parse('0.25', 'drift-share')).toBe(0.25);
    expect(userErrorOf(() => field.number({ max: 1 }).parse('2', 'drift-share')).describe()).toContain('at most 1');
  });

  it('requires required inputs and leaves optional ones undefined', () => {
    expect(userErrorOf(() => field.string().parse('', 'predictions')).describe()).toContain("input 'predictions'");
    expect(field.string().optional().parse('  ', 'task')).toBeUndefined();
  });

  it('reads sizes in bytes, with 1000- and 1024-based units', () => {
    expect(field.bytes().parse('500MB', 'max-image-size')).toBe(500_000_000);
    expect(field.bytes().parse('1.5 GB', 'max-image-size')).toBe(1_500_000_000);
    expect(field.bytes().parse('800MiB', 'max-image-size')).toBe(800 * 2 ** 20);
    expect(field.bytes().parse('1234', 'max-image-size')).toBe(1234);
    expect(() => field.bytes().parse('big', 'max-image-size')).toThrow(/expected a size such as 500MB/);
  });

  it('reads choices and durations', () => {
    expect(field.choice(['binary', 'multiclass']).parse('binary', 'task')).toBe('binary');
    expect(userErrorOf(() => field.choice(['binary', 'multiclass']).parse('bin', 'task')).message).toContain(
      'one of binary, multiclass',
    );
    expect(field.duration().parse('90s', 'interval')).toBe(90_000);
    expect(field.duration().parse('5m', 'timeout')).toBe(300_000);
    expect(field.duration().parse('2', 'interval')).toBe(2000);
  });

  it('reads YAML inline or from a file, and points at the line of a syntax error', () => {
    const inline = field.document().parse('accuracy: { min: 0.8 }', 'thresholds');
    expect(inline.data).toEqual({ accuracy: { min: 0.8 } });
    const dir = mkdtempSync(join(tmpdir(), 'fields-'));
    writeFileSync(join(dir, 'gates.yml'), 'accuracy:\n  min: 0.8\nf1: [\n');
    const e = userErrorOf(() => field.document().parse(join(dir, 'gates.yml'), 'thresholds'));
    expect(e.location.file).toContain('gates.yml');
    expect(e.location.line).toBeGreaterThanOrEqual(3);
    expect(userErrorOf(() => field.document().parse('missing.yml', 'thresholds')).message).toContain('does not exist');
  });

  it('reads a whole field map from the environment', () => {
    const values = readInputs(
      { 'label-column': field.string(), bootstrap: field.integer(), task: field.string().optional() },
      { 'INPUT_LABEL-COLUMN': 'y', INPUT_BOOTSTRAP: '10' },
    );
    expect(values).toEqual({ 'label-column': 'y', bootstrap: 10, task: undefined });
  });
});
