import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { driftCsv, validate, workspace } from './harness.ts';

/** A reference past the worker threshold (16 MiB): the drift CSV with a wide constant column. */
function bigReference(rows: number): string {
  const note = 'x'.repeat(48);
  return driftCsv(rows, 1, 0)
    .split('\n')
    .map((line, i) => (line ? `${line},${i === 0 ? 'note' : note}` : line))
    .join('\n');
}

describe('validate-data bundle: a large reference is read in a worker thread alongside the data', () => {
  const reference = bigReference(260_000);
  const current = bigReference(5_000).replace(/\n(\d+),([\d.]+),/g, (_, id, spend) => `\n${id},${Number(spend) + 3},`);

  it('gives the same drift as reading it in the main thread, and says it used the worker', async () => {
    expect(reference.length).toBeGreaterThan(16 * 1024 * 1024);
    // declared unique: customer_id (identifier-like: skipped), plan (3 values: drift reads it again in full)
    const schema = 'columns:\n  customer_id: { type: integer, unique: true }\n  plan: { type: string, unique: true }\n';
    const cwd = workspace({ 'cur.csv': current, 'ref.csv': reference, 's.yml': schema });
    // the same rows gzipped are far below the threshold: read in the main thread
    writeFileSync(join(cwd, 'ref.csv.gz'), gzipSync(reference));
    const inputs = { data: 'cur.csv', schema: 's.yml', 'fail-on': 'never' };
    const inWorker = await validate(cwd, { ...inputs, reference: 'ref.csv', report: 'worker.json' });
    const inMain = await validate(cwd, { ...inputs, reference: 'ref.csv.gz', report: 'main.json' });
    expect(inWorker.exitCode).toBe(0);
    expect(inMain.exitCode).toBe(0);
    expect(inWorker.stdout).toMatch(/reading the reference in a worker thread/);
    expect(inMain.stdout).not.toMatch(/worker thread/);
    expect(inWorker.stdout).toMatch(/reading the reference again for plan:/);
    const a = JSON.parse(readFileSync(join(cwd, 'worker.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(cwd, 'main.json'), 'utf8'));
    expect(a.drift.length).toBeGreaterThan(0);
    expect(a.drift).toEqual(b.drift);
    expect(a.skipped).toEqual(b.skipped);
    const tested = (c: string) => a.drift.find((d: { column: string }) => d.column === c);
    expect(tested('monthly_spend').drifted).toBe(true);
    expect(tested('plan').method).toBe('jensen_shannon');
    expect(a.skipped.map((s: { column: string }) => s.column)).toContain('customer_id');
  }, 120_000);

  it("a mistake in the reference read by the worker is the user's error, naming the file and line", async () => {
    const lines = reference.split('\n');
    lines[200_000] = `${lines[200_000]},extra`;
    const cwd = workspace({ 'cur.csv': current, 'ref.csv': lines.join('\n') });
    const r = await validate(cwd, { data: 'cur.csv', reference: 'ref.csv', report: 'out.json' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/::error[^\n]*ref\.csv[^\n]*200001/);
    expect(r.stdout).not.toMatch(/internal error|bug in modelgate/);
    expect(existsSync(join(cwd, 'out.json'))).toBe(false);
  }, 120_000);
});
