/** What a newcomer meets before any action runs (issue 13): install, docs, the runner's help and the demo. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  scripts: Record<string, string>;
};
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const node = process.execPath; // Node 24, from the `node` devDependency under npm scripts and vitest

describe('a newcomer', () => {
  it('installs with the Node the project names, and the README explains the EBADENGINE warnings of an older one', () => {
    const major = readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim();
    expect(pkg.engines.node).toBe(`>=${major}`);
    expect(readme).toContain('npm warn EBADENGINE');
    expect(readme).toMatch(/switch to Node 24 and they go away/);
  });

  it('regenerates the action READMEs with npm run docs, as the README says', () => {
    expect(pkg.scripts.docs).toContain('node scripts/docs.ts');
    expect(readme).toContain('| `npm run docs` |');
    expect(readme).not.toContain('node scripts/docs.ts');
  });

  it('reads in modelgate run --help what it prints: the paths of the summary and comment', () => {
    const help = execFileSync(node, [join(ROOT, 'packages/cli/src/bin.ts'), 'run', '--help'], { encoding: 'utf8' });
    expect(help).toContain('the paths of the job summary and of the PR comment');
    expect(help).not.toMatch(/prints the\s+outputs, the job summary/);
  });

  it('finds every step summary and PR comment of the demo in one folder', () => {
    const out = execFileSync(
      node,
      [join(ROOT, 'scripts/demo.ts'), 'validate-data', 'evaluate-model', 'compare-to-baseline'],
      { cwd: ROOT, encoding: 'utf8', timeout: 300_000 },
    );
    const folder = /outputs in (\S+)\)/.exec(out)![1]!;
    const files = readdirSync(folder);
    for (const action of ['validate-data', 'evaluate-model', 'compare-to-baseline'])
      expect(files).toContain(`${action}-summary.md`);
    expect(files).toContain('validate-data-comment.md');
    expect(files).toContain('compare-to-baseline-comment.md');
    for (const line of out.split('\n').filter((l) => l.startsWith('PR comment it would have posted: ')))
      expect(line.startsWith(`PR comment it would have posted: ${folder}/`)).toBe(true);
    expect(existsSync(join(folder, 'compare-to-baseline-comment.md'))).toBe(true);
  });
});
