/** Loads the oracle fixtures of tests/fixtures/metrics (simple CSV: no quoting, written by pandas). */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { unifyLabels, type EncodedColumn } from '@modelgate/core/metrics/labels';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/metrics');

export interface Expected {
  task: 'binary' | 'multiclass' | 'regression';
  positive?: string;
  classes?: string[];
  metrics: Record<string, number>;
  omitted: string[];
  calibration?: [number, number][];
  slices?: Record<string, Record<string, number>>;
  fairness?: Record<string, Record<string, number>>;
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}

export function loadFixture(name: string): { columns: Record<string, string[]>; expected: Expected } {
  const [header, ...rows] = readFileSync(join(FIXTURES, `${name}.csv`), 'utf8')
    .trimEnd()
    .split('\n');
  const names = header!.split(',');
  const columns: Record<string, string[]> = Object.fromEntries(names.map((n) => [n, [] as string[]]));
  for (const row of rows) row.split(',').forEach((cell, j) => columns[names[j]!]!.push(cell));
  return { columns, expected: JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Expected };
}

export function encode(values: string[]): EncodedColumn {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    let c = index.get(v);
    if (c === undefined) index.set(v, (c = dictionary.push(v) - 1));
    return c;
  });
  return { dictionary, codes };
}

export function labelsOf(columns: Record<string, string[]>, extra: string[] = []) {
  return unifyLabels([encode(columns.label!), encode(columns.prediction!)], extra);
}

export function numbers(values: string[]): Float64Array {
  return Float64Array.from(values, Number);
}

/** Relative closeness used throughout: 1e-9 relative (absolute near zero). */
export function close(actual: number | undefined, expected: number): boolean {
  if (actual === undefined) return false;
  return (
    Math.abs(actual - expected) <= 1e-9 * Math.max(Math.abs(expected), 1e-300) || Math.abs(actual - expected) <= 1e-15
  );
}

/** A binary fixture's columns, its expected metrics and its data as the binary metrics read it (positive label '1'). */
export function binaryFixture(name: string) {
  const { columns, expected } = loadFixture(name);
  const { labels, codes } = labelsOf(columns);
  const data = {
    labels,
    truth: codes[0]!,
    predicted: codes[1]!,
    positive: labels.indexOf('1'),
    score: numbers(columns.score!),
  };
  return { columns, expected, data };
}
