import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { driftCsv, validate, workspace } from './harness.ts';

describe('validate-data bundle: drift', () => {
  const files = {
    'ref.csv': driftCsv(800, 1, 0),
    'cur.csv': driftCsv(700, 2, 8),
    'big-ref.csv': driftCsv(3000, 3, 0),
  };

  it('detects the shifted column with KS, skips the id column and renders hostile names inert', async () => {
    const cwd = workspace(files);
    const r = await validate(cwd, { data: 'cur.csv', reference: 'ref.csv' });
    expect(r.exitCode).toBe(0); // drift alone does not fail without fail-on-drift
    expect(JSON.parse(r.outputs['drifted-columns']!)).toEqual(['monthly_spend']);
    const report = JSON.parse(readFileSync(join(cwd, 'modelgate-validation.json'), 'utf8'));
    const spend = report.drift.find((d: { column: string }) => d.column === 'monthly_spend');
    expect(spend).toMatchObject({ method: 'ks', threshold: 0.05, drifted: true });
    expect(report.drift.find((d: { column: string }) => d.column === 'plan').method).toBe('chi2');
    expect(report.skipped).toEqual([{ column: 'customer_id', reason: expect.stringContaining('identifier-like') }]);
    expect(r.summary).not.toContain('<img');
    expect(r.summary).toContain('xychart-beta');
    expect(r.summary).toContain('1 of 3 columns drifted');
  });

  it('fails on dataset drift with fail-on-drift', async () => {
    const cwd = workspace(files);
    const r = await validate(cwd, {
      data: 'cur.csv',
      reference: 'ref.csv',
      'fail-on-drift': 'true',
      'drift-share': '0.3',
    });
    expect(r.exitCode).toBe(1);
    expect(r.outputs.passed).toBe('false');
  });

  it('a profile written by one run gives the next run the same verdicts as the raw reference', async () => {
    const cwd = workspace(files);
    for (const ref of ['ref.csv', 'big-ref.csv']) {
      const first = await validate(cwd, { data: ref, profile: 'ref.profile.json' });
      expect(first.exitCode).toBe(0);
      expect(statSync(join(cwd, 'ref.profile.json')).size).toBeLessThan(64 * 1024);
      const raw = await validate(cwd, { data: 'cur.csv', reference: ref, report: 'raw.json' });
      const viaProfile = await validate(cwd, {
        data: 'cur.csv',
        reference: 'ref.profile.json',
        report: 'profile.json',
      });
      const verdicts = (file: string) =>
        JSON.parse(readFileSync(join(cwd, file), 'utf8')).drift.map(
          (d: { column: string; method: string; drifted: boolean }) => [d.column, d.method, d.drifted],
        );
      expect(verdicts('profile.json')).toEqual(verdicts('raw.json'));
      expect(viaProfile.outputs['drifted-columns']).toBe(raw.outputs['drifted-columns']);
    }
  });

  it('uses Wasserstein and Jensen-Shannon above 1000 reference rows, and honours drift-methods', async () => {
    const cwd = workspace(files);
    await validate(cwd, { data: 'cur.csv', reference: 'big-ref.csv', 'drift-methods': '{ plan: psi }' });
    const report = JSON.parse(readFileSync(join(cwd, 'modelgate-validation.json'), 'utf8'));
    const method = (c: string) => report.drift.find((d: { column: string }) => d.column === c).method;
    expect(method('monthly_spend')).toBe('wasserstein');
    expect(method('<img src=x onerror=alert(1)>')).toBe('jensen_shannon');
    expect(method('plan')).toBe('psi');
  });
});
