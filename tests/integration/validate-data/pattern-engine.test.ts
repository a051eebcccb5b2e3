import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationReport } from '@modelgate/core/contracts/validation-report';
import { validate, workspace } from './harness.ts';

// Issue #10 point 8: schema patterns run on RE2 (linear time), so a catastrophic-backtracking pattern cannot hang.
describe('validate-data bundle: schema patterns match in linear time', () => {
  it('^(a+)+$ on 40-character values finishes in milliseconds and counts the failing rows', async () => {
    const values = ['a'.repeat(40), `${'a'.repeat(40)}!`, `${'a'.repeat(39)}b`];
    const cwd = workspace({
      'd.csv': `v\n${values.join('\n')}\n`,
      's.yml': "columns:\n  v: { type: string, pattern: '^(a+)+$' }\n",
    });
    const r = await validate(cwd, { data: 'd.csv', schema: 's.yml', report: 'r.json' });
    // V8's backtracking engine takes minutes on the two failing values (x4 per 2 characters); RE2 well under 1 s.
    expect(r.durationMs).toBeLessThan(5_000);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('1 check(s) failed');
    const report = ValidationReport.parse(JSON.parse(readFileSync(join(cwd, 'r.json'), 'utf8')));
    expect(report.checks.find((c) => c.column === 'v' && c.check === 'pattern')?.failing_rows).toBe(2);
  });

  it('JavaScript \\u escapes still work: ^\\u00e9+$ matches é', async () => {
    const cwd = workspace({
      'd.csv': 'v\néé\né\n',
      's.yml': "columns:\n  v: { type: string, pattern: '^\\u00e9+$' }\n",
    });
    const r = await validate(cwd, { data: 'd.csv', schema: 's.yml' });
    expect(r.exitCode).toBe(0);
  });

  it.each([
    ['a backreference', '^(a)\\1$', 'backreferences'],
    ['a lookahead', '^(?=a)a+$', 'lookahead'],
    ['a lookbehind', '(?<=a)b', 'lookbehind'],
  ])('%s is refused naming the column and the schema line', async (_, pattern, what) => {
    const cwd = workspace({
      'd.csv': 'id,v\n1,a\n',
      's.yml': `columns:\n  id: { type: integer }\n  v: { type: string, pattern: '${pattern}' }\n`,
    });
    const r = await validate(cwd, { data: 'd.csv', schema: 's.yml' });
    expect(r.exitCode).toBe(1);
    const error = r.stdout.split('\n').find((l) => l.startsWith('::error'));
    expect(error).toMatch(/file=s\.yml,line=3/);
    expect(error).toContain("field 'columns.v.pattern'");
    expect(error).toContain(what);
    expect(r.stdout).not.toContain('internal error');
  });
});
