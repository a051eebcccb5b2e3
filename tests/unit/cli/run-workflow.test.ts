// `modelgate run-workflow` through its command line, on workflows of run: steps (the modelgate steps are covered
// by tests/integration/workflows): expressions, outputs, GITHUB_ENV, if:, skipped actions and wrong invocations.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOSTILE, injectedCommands } from '../../helpers/workflow-commands.ts';

const BIN = join(import.meta.dirname, '..', '..', '..', 'packages', 'cli', 'src', 'bin.ts');

function repoWith(workflow: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-run-workflow-'));
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  execFileSync('git', ['-c', 'user.email=a@b.c', '-c', 'user.name=a', 'commit', '-q', '--allow-empty', '-m', 'x'], {
    cwd: dir,
  });
  const file = join(dir, 'workflow.yml');
  writeFileSync(file, workflow);
  return { dir, file };
}

function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, 'run-workflow', ...args, '--cwd', cwd], {
    encoding: 'utf8',
    env: { ...process.env, GITHUB_TOKEN: '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const WORKFLOW = `name: checks
on:
  push:
  workflow_dispatch:
    inputs:
      size: { default: small }
env:
  GREETING: hello
jobs:
  one:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - id: first
        run: |
          echo "word=$GREETING-\${{ github.event_name }}-\${{ inputs.size }}" >> "$GITHUB_OUTPUT"
          echo "LATER=from-env-file" >> "$GITHUB_ENV"
      - name: Uses the output and the env file
        env:
          WORD: \${{ steps.first.outputs.word }}
          SECRET: \${{ secrets.API_KEY }}
        run: echo "got $WORD $LATER secret-length=\${#SECRET}"
      - name: Only on pull requests
        if: github.event_name == 'pull_request'
        run: echo "never here"
      - name: Fails
        run: exit 3
      - name: After a failure, only with always()
        if: always()
        run: echo "cleanup ran"
      - name: Skipped after a failure
        run: echo "not after a failure"
  two:
    runs-on: ubuntu-latest
    steps:
      - run: "true"
`;

describe('modelgate run-workflow', () => {
  it('runs the steps with outputs, env files, secrets, if: and a failing step', () => {
    const { dir, file } = repoWith(WORKFLOW);
    const r = cli(
      [file, '--job', 'one', '--event', 'workflow_dispatch', '--input', 'size=large', '--secret', 'API_KEY=abcd'],
      dir,
    );
    expect(r.code, r.err).toBe(1);
    expect(r.out).toContain('got hello-workflow_dispatch-large from-env-file secret-length=4');
    expect(r.out).toContain('cleanup ran');
    expect(r.out).not.toContain('never here');
    expect(r.out).not.toContain('not after a failure');
    expect(r.out).toMatch(/success\s+Run actions\/checkout@v5 \(skipped: the working directory is the checkout\)/);
    expect(r.out).toMatch(/failure\s+Fails \(exit 3\)/);
    expect(r.out).toContain('checks / one on workflow_dispatch: failure');
  });

  it('says which jobs and events there are when the choice is wrong', () => {
    const { dir, file } = repoWith(WORKFLOW);
    expect(cli([file], dir).err).toContain('has 2 jobs (one, two): choose one with --job.');
    expect(cli([file, '--job', 'three'], dir).err).toContain("has no job 'three'; its jobs are one, two.");
    expect(cli([file, '--job', 'two', '--event', 'release'], dir).err).toContain(
      'does not run on release; it runs on push, workflow_dispatch.',
    );
  });

  it('prints workflow and step names as text, never as workflow commands', () => {
    const { dir, file } = repoWith(`name: "${HOSTILE.error}"
on: push
jobs:
  one:
    runs-on: ubuntu-latest
    steps:
      - name: "${HOSTILE.mask}"
        run: "true"
      - name: "${HOSTILE.legacy}"
        run: "true"
`);
    const r = cli([file, '--quiet'], dir);
    expect(r.code, r.err).toBe(0);
    expect(injectedCommands(r.out)).toEqual([]);
    expect(r.out).toContain('\\::error::x / one on push: success');
  });
});
