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
