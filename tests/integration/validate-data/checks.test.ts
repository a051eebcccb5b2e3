import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationReport } from '@modelgate/core/contracts/validation-report';
import { FIXTURES, validate, workspace } from './harness.ts';

describe('validate-data bundle: schema checks', () => {
  it('fails on planted defects, writes the report and the outputs, and lists failing checks first', async () => {
    const cwd = workspace();
    const r = await validate(cwd, {
      data: join(FIXTURES, 'planted.csv'),
      schema: join(FIXTURES, 'planted.schema.yml'),
    });
    expect(r.exitCode).toBe(1);
    expect(r.outputs.passed).toBe('false');
    const report = ValidationReport.parse(JSON.parse(readFileSync(join(cwd, 'modelgate-validation.json'), 'utf8')));
    expect(r.outputs.report).toBe(join(cwd, 'modelgate-validation.json'));
    const counted = report.checks.filter((c) => !c.passed && c.level === 'fail');
    expect(r.outputs['failed-checks']).toBe(String(counted.length));
    expect(report.checks.find((c) => c.column === 'customer_id' && c.check === 'unique')?.failing_rows).toBe(2);
    const summary = r.summary;
    expect(summary).toContain('validate-data: ❌ failed');
    expect(summary.indexOf('Failing checks')).toBeLessThan(summary.indexOf('passing checks'));
    expect(summary).toContain('row 12: `150`');
  });

  it('passes with fail-on never even when checks fail, and says so in passed', async () => {
    const cwd = workspace();
    const r = await validate(cwd, {
      data: join(FIXTURES, 'planted.csv'),
      schema: join(FIXTURES, 'planted.schema.yml'),
      'fail-on': 'never',
    });
    expect(r.exitCode).toBe(0);
    expect(r.outputs.passed).toBe('false');
  });

  it('writes an inferred schema that validates the same data cleanly', async () => {
    const cwd = workspace({ 'clean.csv': 'id,age,plan,score\n1,30,basic,0.5\n2,41,pro,0.25\n3,,basic,1\n' });
    const first = await validate(cwd, { data: 'clean.csv', 'infer-schema': 'schema.yml' });
    expect(first.exitCode).toBe(0);
    const schema = readFileSync(join(cwd, 'schema.yml'), 'utf8');
    expect(schema).toMatch(/id:\n\s+type: integer\n\s+nullable: false/);
    expect(schema).toMatch(/plan:[\s\S]*allowed:[\s\S]*- basic[\s\S]*- pro/);
    expect(schema).toMatch(/score:\n\s+type: number/);
    const second = await validate(cwd, { data: 'clean.csv', schema: 'schema.yml' });
    expect(second.exitCode).toBe(0);
    expect(second.outputs.passed).toBe('true');
  });
});
