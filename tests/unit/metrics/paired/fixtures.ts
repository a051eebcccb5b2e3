/** Loads the paired-comparison oracle fixtures of tests/fixtures/paired (written by scripts/oracles/paired_*). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PAIRED_FIXTURES = join(import.meta.dirname, '../../../fixtures/paired');

export interface McNemarExpected {
  task: 'binary' | 'multiclass';
  rows: number;
  b: number;
  c: number;
  exact: boolean;
  statistic: number;
  p_value: number;
  accuracy: { current: number; baseline: number };
}

export interface DeLongExpected {
  auc_current: number;
  auc_baseline: number;
  statistic: number;
  p_value: number;
  low: number;
  high: number;
}

export interface PairedFixture {
  name: string;
  columns: Record<string, string[]>;
  mcnemar: McNemarExpected;
  delong?: DeLongExpected;
}

export function pairedFixtures(): PairedFixture[] {
  return readdirSync(PAIRED_FIXTURES)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.csv$/, '');
      const [header, ...rows] = readFileSync(join(PAIRED_FIXTURES, f), 'utf8').trimEnd().split('\n');
      const names = header!.split(',');
      const columns: Record<string, string[]> = Object.fromEntries(names.map((n) => [n, [] as string[]]));
      for (const row of rows) row.split(',').forEach((cell, j) => columns[names[j]!]!.push(cell));
      const json = (suffix: string) =>
        JSON.parse(readFileSync(join(PAIRED_FIXTURES, `${name}.${suffix}.json`), 'utf8'));
      const delongFile = join(PAIRED_FIXTURES, `${name}.delong.json`);
      return {
        name,
        columns,
        mcnemar: json('mcnemar') as McNemarExpected,
        ...(existsSync(delongFile) ? { delong: json('delong') as DeLongExpected } : {}),
      };
    });
}

/** 1e-9 relative (absolute below 1e-15, where a value is 0). */
export function closeTo(actual: number | undefined, expected: number): boolean {
  if (actual === undefined) return false;
  return Math.abs(actual - expected) <= 1e-9 * Math.abs(expected) || Math.abs(actual - expected) <= 1e-15;
}
