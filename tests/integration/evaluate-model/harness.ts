/** A temp workspace with prediction files, and evaluate-model run through the local runner. */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLocal } from '../../../packages/cli/src/runner.ts';

export const ROOT = join(import.meta.dirname, '../../..');
export const METRICS = join(ROOT, 'tests/fixtures/metrics');
export const DATA = join(ROOT, 'tests/fixtures/data');

export function workspace(files: Record<string, string> = {}, copies: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'evaluate-model-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  for (const [name, from] of Object.entries(copies)) copyFileSync(from, join(dir, name));
  return dir;
}

export async function evaluateModel(cwd: string, inputs: Record<string, string>) {
  const result = await runLocal({ action: 'evaluate-model', inputs, cwd });
  const path = join(cwd, inputs.output ?? 'modelgate-metrics.json');
  const doc = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as { metrics: Record<string, number>; [k: string]: unknown })
    : undefined;
  const error = result.stdout.split('\n').find((l) => l.startsWith('::error')) ?? '';
  return { ...result, doc, error };
}

export function oracle(name: string): { metrics: Record<string, number>; omitted: string[] } {
  return JSON.parse(readFileSync(join(METRICS, `${name}.json`), 'utf8'));
}

export function expectClose(got: Record<string, number>, want: Record<string, number>): string[] {
  const bad: string[] = [];
  for (const [m, v] of Object.entries(want)) {
    const g = got[m];
    if (g === undefined || Math.abs(g - v) > 1e-9 * Math.max(Math.abs(v), 1e-300) + 1e-15)
      bad.push(`${m}: ${g} vs ${v}`);
  }
  return bad;
}

/** The CSV rows of a fixture as JSON Lines (numbers stay numbers, other cells strings). */
export function csvToJsonl(csv: string): string {
  const [header, ...rows] = csv.trimEnd().split('\n');
  const names = header!.split(',');
  return (
    rows
      .map((r) =>
        JSON.stringify(
          Object.fromEntries(
            r.split(',').map((c, j) => [names[j], c !== '' && Number.isFinite(Number(c)) ? Number(c) : c]),
          ),
        ),
      )
      .join('\n') + '\n'
  );
}
