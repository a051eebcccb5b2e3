import { describe, expect, it } from 'vitest';
import { isUserError, type UserError } from '@modelgate/core/errors';
import { diffParams, paramText, parseParamsText } from '@modelgate/core/compare/params';

const YAML = `train:
  lr: 0.01
  layers: [64, 32]
  optimizer:
    name: adam
  extra: {}
seed: 42
`;
const JSON_TEXT = JSON.stringify({
  train: { lr: 0.01, layers: [64, 32], optimizer: { name: 'adam' }, extra: {} },
  seed: 42,
});
const TOML = `seed = 42

[train]
lr = 0.01
layers = [64, 32]

[train.optimizer]
name = "adam"

[train.extra]
`;

function thrown(f: () => unknown): UserError {
  try {
    f();
  } catch (error) {
    if (isUserError(error)) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('params: flattened as dvc params diff does', () => {
  it.each([
    ['params.yaml', YAML],
    ['params.json', JSON_TEXT],
    ['params.toml', TOML],
  ])('%s: nested keys joined with ".", lists kept whole, an empty mapping has no key', (file, text) => {
    const params = parseParamsText(text, { file });
    expect([...params.keys()].sort()).toEqual(['seed', 'train.layers', 'train.lr', 'train.optimizer.name']);
    expect(params.get('train.layers')).toEqual([64, 32]);
    expect(params.get('train.lr')).toBe(0.01);
  });

  it('an empty file has no parameters', () => {
    expect(parseParamsText('  \n', { file: 'params.yaml' }).size).toBe(0);
  });
});

describe('params: the diff', () => {
  const before = parseParamsText('train: { lr: 0.01, epochs: 10, layers: [64, 32] }\nseed: 1\nname: "1"', {
    file: 'params.yaml',
  });

  it('lists changed keys, then added, then removed, each with the values of both sides', () => {
    const after = parseParamsText('train: { lr: 0.001, epochs: 10, layers: [64, 64], dropout: 0.2 }\nname: "1"', {
      file: 'params.yaml',
    });
    expect(diffParams('params.yaml', before, after)).toEqual([
      { file: 'params.yaml', key: 'train.lr', kind: 'changed', baseline: 0.01, current: 0.001 },
      { file: 'params.yaml', key: 'train.layers', kind: 'changed', baseline: [64, 32], current: [64, 64] },
      { file: 'params.yaml', key: 'train.dropout', kind: 'added', current: 0.2 },
      { file: 'params.yaml', key: 'seed', kind: 'removed', baseline: 1 },
    ]);
  });

  it('compares numbers by value (1e-2 is 0.01) but a string "1" is not the number 1', () => {
    const after = parseParamsText('train: { lr: 1.0e-2, epochs: 10, layers: [64, 32] }\nseed: 1\nname: 1', {
      file: 'params.yaml',
    });
    expect(diffParams('params.yaml', before, after)).toEqual([
      { file: 'params.yaml', key: 'name', kind: 'changed', baseline: '1', current: 1 },
    ]);
  });

  it('a file missing at the baseline has every key added', () => {
    const after = parseParamsText('a: 1\nb: { c: x }', { file: 'p.yaml' });
    expect(diffParams('p.yaml', undefined, after).map((c) => [c.key, c.kind])).toEqual([
      ['a', 'added'],
      ['b.c', 'added'],
    ]);
  });

  it('spells dates as ISO 8601, and lists as DVC shows them, with the strings in them quoted', () => {
    expect(paramText(new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02T03:04:05.000Z');
    expect(paramText([1, 'a', { b: null }, [true]])).toBe('[1, "a", {"b": null}, [true]]');
    expect(paramText([NaN, -Infinity])).toBe('[NaN, -Infinity]');
    expect(paramText('a, b')).toBe('a, b');
  });

  it('tells a list of one string "1, 2" from the list 1, 2', () => {
    const before = parseParamsText('xs: ["1, 2"]', { file: 'p.yaml' });
    const after = parseParamsText('xs: [1, 2]', { file: 'p.yaml' });
    expect(diffParams('p.yaml', before, after).map((c) => c.kind)).toEqual(['changed']);
  });
});

describe('params: a bad file is an error naming the file and the line', () => {
  it('YAML with a repeated key names its line', () => {
    const e = thrown(() => parseParamsText('train:\n  lr: 0.1\n  lr: 0.2\n', { file: 'params.yaml', input: 'params' }));
    expect(e.describe()).toMatch(/^input 'params', params\.yaml:3: invalid YAML\/JSON/);
  });

  it('TOML with a broken line names it, with its column', () => {
    const e = thrown(() =>
      parseParamsText('seed = 1\n[train]\nlr = = 0.1\n', { file: 'params.toml', input: 'params' }),
    );
    expect(e.location).toMatchObject({ input: 'params', file: 'params.toml', line: 3 });
    expect(e.message).toMatch(/^invalid TOML: /);
  });

  it('JSON cut short names the file and its line', () => {
    const e = thrown(() => parseParamsText('{\n  "train": {\n    "lr": 0.1,\n', { file: 'params.json' }));
    expect(e.location.file).toBe('params.json');
    expect(e.location.line).toBeGreaterThanOrEqual(3);
  });

  it('a top level that is a list is refused, naming the file', () => {
    const e = thrown(() => parseParamsText('- 1\n- 2\n', { file: 'params.yaml', input: 'params' }));
    expect(e.describe()).toBe(
      "input 'params', params.yaml: the top level is a list; expected a mapping of parameter names to values (e.g. train: { lr: 0.01 }).",
    );
  });
});
