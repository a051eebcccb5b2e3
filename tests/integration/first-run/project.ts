/** A new user's project (tests/fixtures/first-run, made by scripts/fixtures/first_run.py) in a temp workspace. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLocal } from '../../../packages/cli/src/runner.ts';

export const FIXTURE = join(import.meta.dirname, '../../fixtures/first-run');

/** A fresh copy of the project, plus any extra files. */
export function project(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-first-run-'));
  cpSync(FIXTURE, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Runs one action's bundle in the project, as a pull request. */
export async function run(action: string, cwd: string, inputs: Record<string, string>) {
  const result = await runLocal({ action, inputs, cwd, event: 'pull_request', timeoutMs: 120_000 });
  const errors = result.stdout.split('\n').filter((l) => l.startsWith('::error'));
  return { ...result, errors };
}

/** The CSV's rows as records of strings. */
export function readCsv(path: string): { header: string[]; rows: string[][] } {
  const [head, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  return { header: head!.split(','), rows: lines.map((l) => l.split(',')) };
}

/** Writes a CSV back from `readCsv`'s shape. */
export function writeCsv(path: string, t: { header: string[]; rows: string[][] }): void {
  writeFileSync(path, `${[t.header, ...t.rows].map((r) => r.join(',')).join('\n')}\n`);
}
