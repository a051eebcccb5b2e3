import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLocal, type LocalRunResult } from '../../../packages/cli/src/runner.ts';

// Issue #10 point 2: every credential-bearing input is masked before anything parses it, and no excerpt of a
// secret-bearing document is printed. The local runner does not mask, so the raw output shows what GitHub's
// runner would be asked to hide: a secret may appear only in the `::add-mask::` line that hides it.
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.kubeSecretToken-0123456789abcdef';

/**
 * Lines of the output that show `secret` other than in a `::add-mask::` command (the runner never echoes their
 * data), and whether a mask covering it came before any other line showing it.
 */
function leaks(r: LocalRunResult, secret: string): { unmasked: string[]; maskedFirst: boolean } {
  const lines = r.stdout.split('\n');
  const isMask = (l: string) => l.startsWith('::add-mask::') && secret.includes(l.slice('::add-mask::'.length));
  const mask = lines.findIndex(isMask);
  const first = lines.findIndex((l) => l.includes(secret) && !l.startsWith('::add-mask::'));
  return {
    unmasked: [
      ...lines.filter((l) => l.includes(secret) && !l.startsWith('::add-mask::')),
      ...r.stderr.split('\n').filter((l) => l.includes(secret)),
    ],
    maskedFirst: mask >= 0 && (first < 0 || mask < first),
  };
}

function canary(inputs: Record<string, string>, cwd?: string) {
  return runLocal({
    action: 'deploy-canary',
    inputs: { image: 'registry.local/churn:2.0', name: 'churn', steps: '20,100', ...inputs },
    ...(cwd ? { cwd } : {}),
    timeoutMs: 60_000,
  });
}

describe('deploy-canary: credentials are masked before parsing and never quoted', () => {
  it('an inline kubeconfig with a YAML error names the input, line and column, and prints no excerpt', async () => {
    const kubeconfig = [
      'apiVersion: v1',
      'kind: Config',
      'users:',
      '- name: ci',
      '  user:',
      `    token: ${TOKEN}`,
      '   broken: [',
      '',
    ].join('\n');
    const r = await canary({ kubeconfig });
    expect(r.exitCode).toBe(1);
    const error = r.stdout.split('\n').find((l) => l.startsWith('::error'));
    expect(error).toContain("input 'kubeconfig'");
    expect(error).toMatch(/line 7/);
    expect(error).not.toContain('broken');
    expect(error).not.toContain(TOKEN.slice(0, 12));
    expect(r.stdout).not.toContain('internal error');
    const { unmasked, maskedFirst } = leaks(r, TOKEN);
    expect(unmasked).toEqual([]);
    expect(maskedFirst).toBe(true);
  });

  it('a kubeconfig file with a YAML error is not quoted either', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kubeconfig-'));
    writeFileSync(join(cwd, 'config'), `apiVersion: v1\nusers:\n- name: ci\n  user: {password: "${TOKEN}"\n`);
    const r = await canary({ kubeconfig: join(cwd, 'config') }, cwd);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/::error[^\n]*input 'kubeconfig'/);
    expect(leaks(r, TOKEN)).toEqual({ unmasked: [], maskedFirst: true });
  });

  it('prometheus-headers values are masked before the lines are parsed, a malformed line too', async () => {
    const secret = 'promHeaderSecret-0123456789';
    const r = await canary({
      'dry-run': 'true',
      'prometheus-headers': `Authorization: Bearer ${secret}\n${secret}-no-colon\n`,
    });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/::error[^\n]*prometheus-headers[^\n]*line 2/);
    expect(r.stdout.split('\n')).toContain(`::add-mask::${secret}`);
    expect(r.stdout.split('\n')).toContain(`::add-mask::${secret}-no-colon`);
    expect(leaks(r, secret).unmasked).toEqual([]);
  });
});

describe('tokens and passwords are masked before any input is read', () => {
  it('validate-data masks github-token first, even when another input is bad', async () => {
    const token = 'ghp_validateDataToken0123456789abcdef';
    const r = await runLocal({
      action: 'validate-data',
      cwd: mkdtempSync(join(tmpdir(), 'token-')),
      inputs: { data: 'd.csv', 'github-token': token, 'drift-share': 'lots' },
    });
    expect(r.exitCode).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(`::add-mask::${token}`);
  });
});
