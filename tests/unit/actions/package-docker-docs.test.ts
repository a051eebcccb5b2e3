import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { inputs } from '../../../actions/package-docker/src/inputs.ts';

const dir = join(import.meta.dirname, '..', '..', '..', 'actions', 'package-docker');
const yml = parse(readFileSync(join(dir, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
  branding?: { icon: string; color: string };
};
const readme = readFileSync(join(dir, 'README.md'), 'utf8');
const cell = (text: string) => text.trim().replace(/\|/g, '\\|');
const between = (name: string) => readme.split(`<!-- ${name}:start -->\n`)[1]?.split(`<!-- ${name}:end -->`)[0] ?? '';

describe('package-docker action.yml, inputs.ts and README agree', () => {
  it('reads exactly the inputs action.yml declares, and runs the node24 bundle', () => {
    expect(Object.keys(inputs).sort()).toEqual(Object.keys(yml.inputs).sort());
    expect(yml.runs).toEqual({ using: 'node24', main: '../../dist/package-docker/index.js' });
    expect(yml.branding?.icon).toBeTruthy();
    expect(Object.keys(yml.outputs)).toEqual(['image', 'tags', 'digest', 'image-id', 'labels', 'dockerfile']);
  });

  it('documents every input in the README table, as action.yml says', () => {
    const rows = Object.entries(yml.inputs).map(
      ([name, i]) => `| \`${name}\` | ${cell(i.description)} | ${i.default !== undefined ? `\`${i.default}\`` : ''} | ${i.required ? 'yes' : 'no'} |`,
    );
    expect(between('inputs')).toBe(['| Name | Description | Default | Required |', '| --- | --- | --- | --- |', ...rows, ''].join('\n'));
  });

  it('documents every output in the README table, as action.yml says', () => {
    const rows = Object.entries(yml.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`);
    expect(between('outputs')).toBe(['| Name | Description |', '| --- | --- |', ...rows, ''].join('\n'));
  });
});
