import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderReadme } from '../../../scripts/docs/action-docs.ts';
import { allActionSteps, ROOT } from '../../helpers/workflows.ts';

const actions = readdirSync(join(ROOT, 'actions')).filter((a) => existsSync(join(ROOT, 'actions', a, 'action.yml')));

interface Yml {
  name: string;
  description: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: unknown }>;
  outputs?: Record<string, { description?: string }>;
  runs: { using: string; main: string };
  branding?: { icon?: string; color?: string };
}
const yml = (a: string) => parse(readFileSync(join(ROOT, 'actions', a, 'action.yml'), 'utf8')) as Yml;

describe.each(actions)('action %s', (action) => {
  it('runs its ncc bundle on node24 and documents every input and output', () => {
    const y = yml(action);
    expect(y.runs).toEqual({ using: 'node24', main: `../../dist/${action}/index.js` });
    expect(typeof y.branding?.icon).toBe('string');
    expect(typeof y.branding?.color).toBe('string');
    for (const [name, spec] of Object.entries({ ...y.inputs, ...y.outputs })) {
      expect(spec.description?.trim().length ?? 0, `${action}: ${name} needs a description`).toBeGreaterThan(10);
    }
  });

  it('reads exactly the inputs its action.yml declares', async () => {
    // Each action's inputs live in core beside the function that runs it: <domain>/<action>-inputs.ts.
    const core = join(ROOT, 'packages', 'core', 'src');
    const domain = readdirSync(core).find((d) => existsSync(join(core, d, `${action}-inputs.ts`)));
    expect(domain, `packages/core/src/<domain>/${action}-inputs.ts`).toBeDefined();
    const mod = (await import(join(core, domain!, `${action}-inputs.ts`))) as {
      inputFields: Record<string, unknown>;
    };
    expect(Object.keys(mod.inputFields).sort()).toEqual(Object.keys(yml(action).inputs ?? {}).sort());
  });

  it('has README tables that match action.yml (run `npm run docs` to regenerate)', () => {
    const readme = readFileSync(join(ROOT, 'actions', action, 'README.md'), 'utf8');
    const rendered = renderReadme(ROOT, action, readme);
    expect(rendered, 'the README lacks the action-docs markers').toBeDefined();
    expect(readme).toBe(rendered);
  });
});

describe('workflow steps users copy', () => {
  const steps = allActionSteps();

  it('are found in the workflows and READMEs', () => {
    expect(steps.length).toBeGreaterThan(3);
  });

  it.each(steps.map((s) => [`${s.where}: ${s.action}`, s] as const))(
    '%s passes only declared inputs and all required ones',
    (_, step) => {
      expect(actions, `${step.where} uses an action that does not exist`).toContain(step.action);
      const inputs = yml(step.action).inputs ?? {};
      const unknown = Object.keys(step.with).filter((k) => !(k in inputs));
      expect(unknown, `${step.where}: ${step.action} has no input(s) ${unknown.join(', ')}`).toEqual([]);
      const missing = Object.entries(inputs)
        .filter(([k, s]) => s.required && s.default === undefined && !(k in step.with))
        .map(([k]) => k);
      expect(missing, `${step.where}: ${step.action} requires ${missing.join(', ')}`).toEqual([]);
    },
  );
});
