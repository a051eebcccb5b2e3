import { describe, expect, it } from 'vitest';
import { lintWorkflows } from '../../../scripts/lint-workflows.ts';

describe('workflows', () => {
  it('pass actionlint, in .github/workflows, the examples and the READMEs', async () => {
    const { linted, findings } = await lintWorkflows();
    expect(linted.length).toBeGreaterThanOrEqual(3);
    expect(findings.map((f) => `${f.where}:${f.line}: ${f.message}`)).toEqual([]);
  });
});
