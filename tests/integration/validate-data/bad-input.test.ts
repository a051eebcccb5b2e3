import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate, workspace } from './harness.ts';

const schema = 'columns:\n  a: { type: integer }\n  b: { type: string }\n';

describe('validate-data bundle: bad input gets an error naming what to fix', () => {
  it('a ragged CSV row names its line', async () => {
    const cwd = workspace({ 'd.csv': 'a,b\n1,x\n2,y,extra\n3,z\n', 's.yml': schema });
    const r = await validate(cwd, { data: 'd.csv', schema: 's.yml' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/::error[^\n]*d\.csv[^\n]*3/);
  });

  it('invalid schema YAML names its line', async () => {
    const cwd = workspace({ 'd.csv': 'a,b\n1,x\n', 's.yml': 'columns:\n  a: { type: integer\n  b: [\n' });
    const r = await validate(cwd, { data: 'd.csv', schema: 's.yml' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/::error[^\n]*line=\d+[^\n]*invalid YAML/);
  });

  it('an unknown type names the column and the allowed types', async () => {
    const cwd = workspace({ 'd.csv': 'a,b\n1,x\n', 's.yml': 'columns:\n  a: { type: int }\n' });
    const r = await validate(cwd, { data: 'd.csv', schema: 's.yml' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/::error[^\n]*columns\.a\.type[^\n]*integer, number, string/);
  });

  it('a pattern that does not compile is named', async () => {
    const cwd = workspace({ 'd.csv': 'a,b\n1,x\n', 's.yml': "columns:\n  b: { type: string, pattern: '([a-z' }\n" });
    const r = await validate(cwd, { data: 'd.csv', schema: 's.yml' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/::error[^\n]*pattern does not compile/);
  });

  it('an empty file is an error, not a pass', async () => {
    const cwd = workspace({ 'd.csv': '', 's.yml': schema });
    const r = await validate(cwd, { data: 'd.csv', schema: 's.yml' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/::error[^\n]*d\.csv/);
  });

  it('a header without rows is an error', async () => {
    const cwd = workspace({ 'd.csv': 'a,b\n', 's.yml': schema });
    const r = await validate(cwd, { data: 'd.csv', schema: 's.yml' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/::error[^\n]*no data rows/);
  });
});

describe('validate-data bundle: drift-methods names what is wrong', () => {
  const files = { 'd.csv': 'a,b\n1,x\n2,y\n', 'r.csv': 'a,b\n1,x\n3,y\n' };

  it('an unknown method lists the valid methods', async () => {
    const cwd = workspace(files);
    const r = await validate(cwd, { data: 'd.csv', reference: 'r.csv', 'drift-methods': '{ a: kolmogorov }' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/::error[^\n]*drift-methods[^\n]*kolmogorov/);
    expect(r.stdout).toMatch(/::error[^\n]*ks, chi2, z, psi, wasserstein, jensen_shannon/);
  });

  it('an unknown method in the long form lists the valid methods too', async () => {
    const cwd = workspace(files);
    const r = await validate(cwd, {
      data: 'd.csv',
      reference: 'r.csv',
      'drift-methods': '{ a: { method: t-test, threshold: 0.01 } }',
    });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(
      /::error[^\n]*drift-methods[^\n]*a\.method[^\n]*ks, chi2, z, psi, wasserstein, jensen_shannon/,
    );
  });

  it('an entry for a column that is not in the data is an error naming it, and nothing is written', async () => {
    const cwd = workspace(files);
    const r = await validate(cwd, {
      data: 'd.csv',
      reference: 'r.csv',
      'drift-methods': '{ a: psi, monthly_spend: psi }',
      report: 'out.json',
    });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/::error[^\n]*drift-methods[^\n]*'monthly_spend'[^\n]*not a column of d\.csv[^\n]*a, b/);
    expect(existsSync(join(cwd, 'out.json'))).toBe(false);
  });
});
