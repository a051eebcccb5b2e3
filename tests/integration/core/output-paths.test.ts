import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLocal } from '../../../packages/cli/src/runner.ts';

// Issue #10 point 10: an output path that cannot be written is the user's input to fix, named, with the reason;
// never "an internal error", and nothing is left half-written.
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'output-paths-'));
  writeFileSync(join(dir, 'd.csv'), 'a,b\n1,x\n2,y\n');
  writeFileSync(join(dir, 's.yml'), 'columns:\n  a: { type: integer }\n  b: { type: string }\n');
  writeFileSync(join(dir, 'p.csv'), 'label,prediction,score\n1,1,0.9\n0,0,0.2\n1,0,0.4\n');
  writeFileSync(join(dir, 'a-file'), 'not a directory\n');
  return dir;
}

function errorLine(stdout: string): string {
  return stdout.split('\n').find((l) => l.startsWith('::error')) ?? '';
}

describe('an output path under an existing file names the input and why', () => {
  it.each(['report', 'profile', 'infer-schema'])('validate-data %s', async (input) => {
    const cwd = workspace();
    const r = await runLocal({
      action: 'validate-data',
      cwd,
      inputs: { data: 'd.csv', schema: 's.yml', report: 'r.json', [input]: 'a-file/out.json' },
    });
    expect(r.exitCode).toBe(1);
    const error = errorLine(r.stdout);
    expect(error).toContain(`input '${input}'`);
    expect(error).toContain(`${join(cwd, 'a-file')} is a file`);
    expect(r.stdout).not.toContain('internal error');
    // Refused before any work: not even the report is written when the profile path is bad.
    expect(existsSync(join(cwd, 'r.json'))).toBe(false);
  });

  it('evaluate-model output', async () => {
    const cwd = workspace();
    const r = await runLocal({
      action: 'evaluate-model',
      cwd,
      inputs: { predictions: 'p.csv', 'score-column': 'score', output: 'a-file/deeper/metrics.json' },
    });
    expect(r.exitCode).toBe(1);
    const error = errorLine(r.stdout);
    expect(error).toContain("input 'output'");
    expect(error).toContain('is a file');
    expect(r.stdout).not.toContain('internal error');
  });

  it('an output path that is a directory is named too', async () => {
    const cwd = workspace();
    const r = await runLocal({ action: 'validate-data', cwd, inputs: { data: 'd.csv', schema: 's.yml', report: '.' } });
    expect(r.exitCode).toBe(1);
    expect(errorLine(r.stdout)).toMatch(/input 'report'.*is a directory/);
  });
});

describe('an unwritable output path names the input and why', () => {
  // /sys refuses new entries even to root (EPERM), and is read-only to everyone else.
  it.each([
    ['validate-data', { data: 'd.csv', schema: 's.yml', report: '/sys/modelgate-test/r.json' }, 'report'],
    [
      'evaluate-model',
      { predictions: 'p.csv', 'score-column': 'score', output: '/sys/modelgate-test/m.json' },
      'output',
    ],
  ] as const)('%s', async (action, inputs, input) => {
    const r = await runLocal({ action, cwd: workspace(), inputs: { ...inputs } });
    expect(r.exitCode).toBe(1);
    const error = errorLine(r.stdout);
    expect(error).toContain(`input '${input}'`);
    expect(error).toMatch(
      /cannot write \/sys\/modelgate-test\/\w\.json: .*(not permitted|permission denied|not writable)/,
    );
    expect(r.stdout).not.toContain('internal error');
  });
});
