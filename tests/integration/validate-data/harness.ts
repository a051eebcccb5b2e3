/** Shared setup of validate-data's integration tests: a temp workspace and a runner call on the real bundle. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLocal } from '../../../packages/cli/src/runner.ts';

export const FIXTURES = new URL('../../fixtures/validate/', import.meta.url).pathname;

/** A fresh directory with the given files. */
export function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'validate-data-it-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Runs the validate-data bundle in `cwd` with these inputs. */
export function validate(cwd: string, inputs: Record<string, string>) {
  return runLocal({ action: 'validate-data', inputs, cwd, timeoutMs: 60_000 });
}

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296;
}

/** A CSV with a numeric column (shifted by `shift`), a categorical one, an id and a hostile column name. */
export function driftCsv(rows: number, seed: number, shift: number, planShares = [0.5, 0.3, 0.2]): string {
  const u = lcg(seed);
  const lines = ['customer_id,monthly_spend,plan,<img src=x onerror=alert(1)>'];
  for (let i = 0; i < rows; i++) {
    const spend = (u() + u() + u()) * 20 + shift;
    const p = u();
    const plan = p < planShares[0]! ? 'basic' : p < planShares[0]! + planShares[1]! ? 'pro' : 'enterprise';
    lines.push(`${seed * 100000 + i},${spend.toFixed(2)},${plan},${Math.floor(u() * 3)}`);
  }
  return `${lines.join('\n')}\n`;
}
